package cc

import "github.com/tcpedu/tcpedu/tcpedu/seq"

// NewReno is NewReno, RFC 6582: Reno whose fast recovery lasts until
// everything outstanding when it began has been acknowledged. An ACK that
// covers only part of it (a partial ACK) means the next segment was lost
// too: resend it at once and stay in fast recovery, instead of waiting for
// a timeout.
type NewReno struct {
	window
	recover    seq.Num // "recover": SND.NXT when fast recovery began (RFC 6582 §3.2)
	hasRecover bool
	partial    bool // a partial ACK has been seen in this recovery
}

// newNewReno returns NewReno with the initial window of c.
func newNewReno(c Config) *NewReno { return &NewReno{window: newWindow(c)} }

// Name returns "newreno".
func (n *NewReno) Name() string { return "newreno" }

// OnAck is RFC 6582 §3.2 step 3 (partial and full acknowledgments) during
// fast recovery, and ordinary growth outside it.
func (n *NewReno) OnAck(a Ack) Action {
	if n.phase != FastRecovery {
		if n.hasRecover && a.Ack.GreaterThan(n.recover) {
			// Step 2's guard is met from now on, ACKs only move forward.
			// Forget "recover" rather than compare with it after 2^31
			// more bytes, when sequence arithmetic would see it ahead.
			n.hasRecover = false
		}
		n.grow(a.Acked)
		return Action{}
	}
	if a.Ack.GreaterThanEq(n.recover) {
		// Full acknowledgment: "set cwnd to either (1) min (ssthresh,
		// max(FlightSize, SMSS) + SMSS) or (2) ssthresh ... Exit the fast
		// recovery procedure." Option (1), which avoids a burst; FlightSize
		// here is what is still outstanding after this ACK.
		left := a.FlightSize - a.Acked
		n.cwnd = minOf(n.ssthresh, maxOf(left, n.mss)+n.mss)
		n.phase = n.growthPhase()
		return Action{}
	}
	// Partial acknowledgment: "retransmit the first unacknowledged
	// segment ... deflate the congestion window by the amount of new data
	// acknowledged by the cumulative acknowledgment field. If the partial
	// ACK acknowledges at least one SMSS of new data, then add back SMSS
	// bytes to the congestion window ... Do not exit the fast recovery
	// procedure." The timer is reset on the first partial ACK only.
	n.cwnd -= a.Acked
	if a.Acked >= n.mss {
		n.cwnd += n.mss
	}
	if n.cwnd < n.mss {
		n.cwnd = n.mss
	}
	first := !n.partial
	n.partial = true
	return Action{Retransmit: true, ResetTimer: first}
}

// OnDupAck is RFC 6582 §3.2 steps 1, 2 and 4.
func (n *NewReno) OnDupAck(a Ack) Action {
	switch {
	case n.phase == FastRecovery:
		// Step 4 (as RFC 5681): each further duplicate inflates cwnd by
		// one SMSS.
		n.cwnd += n.mss
		return Action{}
	case a.DupAcks == 3:
		// Step 2: only if the cumulative ACK is above "recover", so that
		// duplicate ACKs caused by retransmissions after a timeout do not
		// start a second recovery for the same window (RFC 6582 §4.1).
		if n.hasRecover && !a.Ack.GreaterThan(n.recover) {
			return Action{}
		}
		n.recover, n.hasRecover, n.partial = a.SndNxt, true, false
		n.halve(a.FlightSize)
		n.cwnd = n.ssthresh + 3*n.mss
		n.phase = FastRecovery
		return Action{Retransmit: true}
	}
	return Action{}
}

// OnTimeout is RFC 5681 §3.1 plus RFC 6582 §3.2 step 4: "After a
// retransmit timeout, record the highest sequence number transmitted in
// the variable recover, and exit the fast recovery procedure if
// applicable."
func (n *NewReno) OnTimeout(a Ack) {
	n.timeout(a)
	n.recover, n.hasRecover = a.SndNxt, true
}

func minOf(a, b int) int {
	if a < b {
		return a
	}
	return b
}
