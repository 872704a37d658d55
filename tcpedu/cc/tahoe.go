package cc

// Tahoe is TCP as Jacobson's 1988 paper and 4.3BSD-Tahoe had it: slow
// start and congestion avoidance, and fast retransmit on the third
// duplicate ACK, but no fast recovery: every loss, however detected, takes
// cwnd back to 1 segment and slow start.
type Tahoe struct {
	window
}

// newTahoe returns Tahoe with the initial window of c.
func newTahoe(c Config) *Tahoe { return &Tahoe{window: newWindow(c)} }

// Name returns "tahoe".
func (t *Tahoe) Name() string { return "tahoe" }

// OnAck grows cwnd by slow start or congestion avoidance.
func (t *Tahoe) OnAck(a Ack) Action {
	t.grow(a.Acked)
	return Action{}
}

// OnDupAck retransmits on the third duplicate ACK (fast retransmit, RFC
// 5681 §3.2 step 2) and, having no fast recovery, treats the loss as a
// timeout: ssthresh = max(FlightSize/2, 2*SMSS), cwnd = 1 SMSS.
func (t *Tahoe) OnDupAck(a Ack) Action {
	if a.DupAcks != 3 {
		return Action{}
	}
	t.restart(a.FlightSize)
	return Action{Retransmit: true}
}

// OnTimeout: ssthresh = max(FlightSize/2, 2*SMSS), cwnd = 1 SMSS (RFC
// 5681 §3.1).
func (t *Tahoe) OnTimeout(a Ack) { t.restart(a.FlightSize) }
