package tcp

// Delayed acknowledgments (RFC 1122 §4.2.3.2, RFC 5681 §4.2): a receiver
// need not acknowledge every segment. It "SHOULD" acknowledge at least
// every second full-sized segment, "MUST" do so within 500 ms of the first
// unacknowledged one, and "SHOULD" acknowledge at once a segment that
// arrives out of order or fills a gap, so that the sender's duplicate-ACK
// count and recovery are not slowed down.
//
// Config.AckEvery sets how many full segments may wait for one ACK (1, the
// default, acknowledges every segment) and Config.DelayedACK how long the
// first of them may wait.

// ackPolicy decides, after a data segment, whether to acknowledge now or
// later. plain reports a full-sized segment that arrived in order with no
// gap before or behind it: only such a segment may wait.
func (e *Endpoint) ackPolicy(plain bool) {
	if !plain || e.cfg.AckEvery <= 1 {
		e.ackNow = true
		return
	}
	e.unackedSegs++
	if e.unackedSegs >= e.cfg.AckEvery {
		e.ackNow = true // "at least every second full-sized segment"
		return
	}
	if !e.delack.Active() {
		e.delack.Reset(e.cfg.DelayedACK) // "within 500 ms"
	}
}

// ackSent clears what was owed once a segment carrying an ACK leaves.
func (e *Endpoint) ackSent() {
	e.ackNow = false
	e.unackedSegs = 0
	e.delack.Stop()
}

// onDelayedACK sends the ACK that waited long enough.
func (e *Endpoint) onDelayedACK() {
	if e.unackedSegs == 0 || e.state == Closed {
		return
	}
	e.ackNow = true
	e.output()
}
