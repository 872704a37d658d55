package sim

import "time"

// Timer runs a function when it expires, and can be re-armed or stopped
// before then: the shape of every timer in TCP. The retransmission timer is
// re-armed by each new acknowledgment and stopped when nothing is in flight
// (RFC 6298 §5); the persist timer runs while the peer's window is zero; the
// TIME-WAIT timer runs for 2×MSL (RFC 9293 §3.6.1).
//
// A Timer belongs to one Sim. Re-arming moves its one queued event in
// place, so a timer reset on every ACK leaves nothing behind in the queue.
type Timer struct {
	sim *Sim
	ev  event
}

// NewTimer returns a stopped timer that will run fn each time it expires.
func (s *Sim) NewTimer(fn func()) *Timer {
	t := &Timer{sim: s}
	t.ev = event{fn: fn, index: -1, timer: t}
	return t
}

// Reset arms the timer to expire d from now, whether or not it was armed;
// a negative d means now. Expiring disarms it: a timer runs once per Reset.
func (t *Timer) Reset(d time.Duration) {
	t.sim.schedule(&t.ev, t.sim.now+d)
}

// Stop disarms the timer and reports whether it was armed (false if it had
// already expired or been stopped).
func (t *Timer) Stop() bool {
	if !t.Active() {
		return false
	}
	t.sim.q.remove(&t.ev)
	return true
}

// Active reports whether the timer is armed.
func (t *Timer) Active() bool {
	q := t.sim.q
	i := t.ev.index
	return i >= 0 && i < len(q) && q[i] == &t.ev
}

// When returns the virtual time the timer will expire, and whether it is
// armed at all.
func (t *Timer) When() (time.Duration, bool) {
	if !t.Active() {
		return 0, false
	}
	return t.ev.at, true
}
