package cc

// Reno is RFC 5681: slow start, congestion avoidance, fast retransmit and
// fast recovery. A loss signalled by three duplicate ACKs halves the window
// instead of collapsing it; only a timeout goes back to 1 segment.
//
// Reno leaves fast recovery on the first ACK of new data, even if that ACK
// covers only part of what was outstanding (a "partial ACK"): with several
// losses in one window it then usually waits for a timeout. NewReno fixes
// that.
type Reno struct {
	window
}

// newReno returns Reno with the initial window of c.
func newReno(c Config) *Reno { return &Reno{window: newWindow(c)} }

// Name returns "reno".
func (r *Reno) Name() string { return "reno" }

// OnAck grows cwnd; an ACK of new data during fast recovery ends it
// instead, RFC 5681 §3.2 step 6: "set cwnd to ssthresh", deflating the
// window.
func (r *Reno) OnAck(a Ack) Action {
	if r.phase == FastRecovery {
		r.cwnd = r.ssthresh
		r.phase = r.growthPhase()
		return Action{}
	}
	r.grow(a.Acked)
	return Action{}
}

// OnDupAck is RFC 5681 §3.2 steps 2 to 4.
func (r *Reno) OnDupAck(a Ack) Action {
	switch {
	case r.phase == FastRecovery:
		// Step 4: "For each additional duplicate ACK received (after the
		// third), cwnd MUST be incremented by SMSS": each one says a
		// segment has left the network.
		r.cwnd += r.mss
		return Action{}
	case a.DupAcks == 3:
		// Step 2: ssthresh = max(FlightSize/2, 2*SMSS). Step 3:
		// retransmit the lost segment and set cwnd = ssthresh + 3*SMSS,
		// "inflating" it by the three segments that have left.
		r.halve(a.FlightSize)
		r.cwnd = r.ssthresh + 3*r.mss
		r.phase = FastRecovery
		return Action{Retransmit: true}
	}
	// The first and second duplicates change nothing here. RFC 5681 step
	// 1 would send a new segment for each (Limited Transmit, RFC 3042),
	// which this model does not do.
	return Action{}
}

// OnTimeout: cwnd = 1 SMSS, ssthresh = max(FlightSize/2, 2*SMSS) at most,
// and any fast recovery is over (RFC 5681 §3.1; see window.timeout).
func (r *Reno) OnTimeout(a Ack) { r.timeout(a) }
