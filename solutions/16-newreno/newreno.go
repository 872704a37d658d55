// Reference solution to exercise 16: TCP NewReno's partial
// acknowledgments (RFC 6582); the contract is in
// exercises/16-newreno/newreno.go.
package newreno

import (
	"math"

	"github.com/tcpedu/tcpedu/tcpedu/cc"
	"github.com/tcpedu/tcpedu/tcpedu/seq"
)

// The SMSS thresholds of RFC 5681 §3.1 equation (1), in bytes: above
// largeSMSS IW is 2 segments, above mediumSMSS 3, else 4.
const (
	largeSMSS  = 2190
	mediumSMSS = 1095
)

// NewReno is Reno whose fast recovery lasts until everything outstanding
// when it began has been acknowledged (RFC 6582). An ACK that covers only
// part of it, a partial ACK, means the next segment was lost too: resend
// it at once and stay in fast recovery.
type NewReno struct {
	smss     int      // SMSS, bytes
	cwnd     int      // cwnd, bytes
	ssthresh int      // ssthresh, bytes
	phase    cc.Phase // slow start, congestion avoidance or fast recovery

	recover    seq.Num // "recover": SND.NXT when the last recovery began or the timer last expired
	hasRecover bool    // recover is set, and no ACK has gone beyond it yet
	partial    bool    // this recovery has seen a partial ACK (so the timer is not reset again)
}

// New returns NewReno starting from c: cwnd = IW, ssthresh as configured
// or arbitrarily high (RFC 5681 §3.1).
func New(c cc.Config) cc.Algorithm {
	n := &NewReno{smss: c.MSS, cwnd: c.InitialWindow, ssthresh: c.InitialSsthresh}
	if n.cwnd == 0 {
		n.cwnd = initialWindow(c.MSS)
	}
	if n.ssthresh == 0 {
		n.ssthresh = math.MaxInt // "SHOULD be set arbitrarily high"
	}
	n.phase = n.growthPhase()
	return n
}

// initialWindow is IW by RFC 5681 §3.1 equation (1).
func initialWindow(smss int) int {
	switch {
	case smss > largeSMSS:
		return 2 * smss
	case smss > mediumSMSS:
		return 3 * smss
	}
	return 4 * smss
}

// Name returns the name the sender's notes show.
func (n *NewReno) Name() string { return "exercise 16 newreno" }

// Cwnd returns cwnd, in bytes.
func (n *NewReno) Cwnd() int { return n.cwnd }

// Ssthresh returns ssthresh, in bytes.
func (n *NewReno) Ssthresh() int { return n.ssthresh }

// Phase returns slow start, congestion avoidance or fast recovery.
func (n *NewReno) Phase() cc.Phase { return n.phase }

// growthPhase is slow start while cwnd < ssthresh, else congestion
// avoidance (RFC 5681 §3.1; at equality the model takes congestion
// avoidance).
func (n *NewReno) growthPhase() cc.Phase {
	if n.cwnd < n.ssthresh {
		return cc.SlowStart
	}
	return cc.CongestionAvoidance
}

// OnAck is growth outside fast recovery, and RFC 6582 §3.2 step 3 (full
// and partial acknowledgments) during it.
func (n *NewReno) OnAck(a cc.Ack) cc.Action {
	if n.phase != cc.FastRecovery {
		if n.hasRecover && a.Ack.GreaterThan(n.recover) {
			// Step 2's guard is met for good once an ACK passes recover:
			// forget it, or 2^31 bytes later it would look ahead again.
			n.hasRecover = false
		}
		if n.cwnd < n.ssthresh {
			n.cwnd += minInt(a.Acked, n.smss) // slow start, RFC 5681 equation (2)
		} else {
			n.cwnd += maxInt(n.smss*n.smss/n.cwnd, 1) // congestion avoidance, equation (3)
		}
		n.phase = n.growthPhase()
		return cc.Action{}
	}
	if a.Ack.GreaterThanEq(n.recover) {
		// A full acknowledgment: everything up to recover has arrived.
		// Option (1): cwnd = min(ssthresh, max(FlightSize, SMSS) + SMSS),
		// FlightSize being what is still outstanding after this ACK; it
		// avoids a burst when little is left in flight. Exit recovery.
		left := a.FlightSize - a.Acked
		n.cwnd = minInt(n.ssthresh, maxInt(left, n.smss)+n.smss)
		n.phase = n.growthPhase()
		return cc.Action{}
	}
	// A partial acknowledgment: the segment after it was lost too.
	// Retransmit it, deflate cwnd by the bytes acknowledged, add back SMSS
	// if at least SMSS was acknowledged, and stay in fast recovery; reset
	// the timer on the first partial ACK only.
	n.cwnd -= a.Acked
	if a.Acked >= n.smss {
		n.cwnd += n.smss
	}
	if n.cwnd < n.smss {
		n.cwnd = n.smss // never below one segment
	}
	first := !n.partial
	n.partial = true
	return cc.Action{Retransmit: true, ResetTimer: first}
}

// OnDupAck is RFC 6582 §3.2 steps 2 and 4.
func (n *NewReno) OnDupAck(a cc.Ack) cc.Action {
	switch {
	case n.phase == cc.FastRecovery:
		n.cwnd += n.smss // step 4, as RFC 5681's: inflate by SMSS
	case a.DupAcks == cc.DupThresh:
		if n.hasRecover && !a.Ack.GreaterThan(n.recover) {
			// Step 2: the duplicates do not cover more than recover, so
			// they may echo retransmissions for a loss already handled
			// (RFC 6582 §4.1): no fast retransmit, no new ssthresh.
			return cc.Action{}
		}
		n.recover, n.hasRecover, n.partial = a.SndNxt, true, false
		n.ssthresh = maxInt(a.FlightSize/2, 2*n.smss) // RFC 5681 equation (4)
		n.cwnd = n.ssthresh + cc.DupThresh*n.smss
		n.phase = cc.FastRecovery
		return cc.Action{Retransmit: true}
	}
	return cc.Action{}
}

// OnTimeout is RFC 5681 §3.1 (cwnd = 1 SMSS, ssthresh by equation (4),
// held on a repeated timeout, never raised during fast recovery) and RFC
// 6582 §3.2 step 4: record recover = SND.NXT and leave fast recovery.
func (n *NewReno) OnTimeout(a cc.Ack) {
	inRecovery := n.phase == cc.FastRecovery
	n.cwnd, n.phase = n.smss, cc.SlowStart
	n.recover, n.hasRecover = a.SndNxt, true
	if a.Timeouts > 1 {
		return // "the value of ssthresh is held constant"
	}
	ssthresh := maxInt(a.FlightSize/2, 2*n.smss)
	if inRecovery && ssthresh > n.ssthresh {
		return // keep the lower value the recovery set
	}
	n.ssthresh = ssthresh
}

func minInt(a, b int) int {
	if a < b {
		return a
	}
	return b
}

func maxInt(a, b int) int {
	if a > b {
		return a
	}
	return b
}
