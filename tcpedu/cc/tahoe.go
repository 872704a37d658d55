package cc

import "github.com/tcpedu/tcpedu/tcpedu/seq"

// Tahoe is TCP as Jacobson's 1988 paper and 4.3BSD-Tahoe had it: slow
// start and congestion avoidance, and fast retransmit on the third
// duplicate ACK, but no fast recovery: every loss, however detected, takes
// cwnd back to 1 segment and slow start.
type Tahoe struct {
	window
	recover    seq.Num // SND.NXT at the last fast retransmit or timeout
	hasRecover bool
}

// newTahoe returns Tahoe with the initial window of c.
func newTahoe(c Config) *Tahoe { return &Tahoe{window: newWindow(c)} }

// Name returns "tahoe".
func (t *Tahoe) Name() string { return "tahoe" }

// OnAck grows cwnd by slow start or congestion avoidance.
func (t *Tahoe) OnAck(a Ack) Action {
	if t.hasRecover && a.Ack.GreaterThan(t.recover) {
		t.hasRecover = false // passed for good: see NewReno.OnAck
	}
	t.grow(a.Acked)
	return Action{}
}

// OnDupAck retransmits on the third duplicate ACK (fast retransmit, RFC
// 5681 §3.2 step 2) and, having no fast recovery, treats the loss as a
// timeout: ssthresh = max(FlightSize/2, 2*SMSS), cwnd = 1 SMSS, and slow
// start from the lost segment, sending what follows it again (as the
// simulators of Fall and Floyd's 1996 comparison model Tahoe).
//
// Sending everything again makes the receiver repeat its ACK for each
// segment it already holds, and those duplicates must not start another
// fast retransmit for the same window: Tahoe ignores three duplicates
// that do not acknowledge past SND.NXT of the last loss ("recover"), the
// guard RFC 6582 §4.1 describes for NewReno and that the ns simulators'
// Tahoe has always had (bug_fix_).
func (t *Tahoe) OnDupAck(a Ack) Action {
	if a.DupAcks != 3 || t.hasRecover && !a.Ack.GreaterThan(t.recover) {
		return Action{}
	}
	t.recover, t.hasRecover = a.SndNxt, true
	t.restart(a.FlightSize)
	return Action{Retransmit: true, GoBack: true}
}

// OnTimeout: cwnd = 1 SMSS and ssthresh = max(FlightSize/2, 2*SMSS) (RFC
// 5681 §3.1; see window.timeout).
func (t *Tahoe) OnTimeout(a Ack) {
	t.timeout(a)
	t.recover, t.hasRecover = a.SndNxt, true
}
