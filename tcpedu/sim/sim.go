package sim

import (
	"math/rand/v2"
	"time"
)

// Sim is a discrete-event simulation: a virtual clock, a queue of events
// and one seeded random source. Create one with New; the zero value is not
// usable. A Sim is not safe for use by several goroutines: a simulation is
// one sequence of events, run one at a time.
type Sim struct {
	now    time.Duration // virtual time since the start
	q      queue         // events not yet run
	seq    uint64        // the next event's sequence number
	events uint64        // events run so far
	rand   *rand.Rand
	free   []*event // one-shot events to reuse, so scheduling does not allocate
}

// pcgStream is the second half of the PCG state, fixed so that a
// simulation's seed alone decides its random numbers. (Its bytes spell
// "tcpedu\x00\x01".)
const pcgStream = 0x7463706564750001

// New returns a simulation at time zero whose random numbers come from
// seed: equal seeds give identical runs.
func New(seed uint64) *Sim {
	return &Sim{rand: rand.New(rand.NewPCG(seed, pcgStream))}
}

// Now returns the virtual time: how long the simulation has run. It moves
// only when an event runs, jumping to that event's time.
func (s *Sim) Now() time.Duration { return s.now }

// Rand returns the simulation's random source. Everything random in a
// simulation (loss, jitter, initial sequence numbers) must draw from it,
// in event order, for runs to be reproducible.
func (s *Sim) Rand() *rand.Rand { return s.rand }

// Events returns how many events have run.
func (s *Sim) Events() uint64 { return s.events }

// Pending returns how many events are waiting, armed timers included.
func (s *Sim) Pending() int { return len(s.q) }

// At schedules fn to run at virtual time t. Like time.AfterFunc with a
// negative duration, a time already past means "now": fn runs after the
// events already due now. Events due at the same time run in the order they
// were scheduled. To cancel or move an event, use a Timer instead.
func (s *Sim) At(t time.Duration, fn func()) {
	var e *event
	if n := len(s.free); n > 0 {
		e, s.free = s.free[n-1], s.free[:n-1]
	} else {
		e = &event{}
	}
	e.fn = fn
	s.schedule(e, t)
}

// After schedules fn to run d from now (see At).
func (s *Sim) After(d time.Duration, fn func()) { s.At(s.now+d, fn) }

// schedule queues e at time t, or moves it there if it is queued already.
// A rescheduled event takes a new sequence number: among events due at the
// same time it now counts as scheduled last.
func (s *Sim) schedule(e *event, t time.Duration) {
	if t < s.now {
		t = s.now
	}
	e.at, e.seq = t, s.seq
	s.seq++
	if e.index >= 0 && e.index < len(s.q) && s.q[e.index] == e {
		s.q.fix(e.index)
		return
	}
	s.q.push(e)
}

// Step runs the next event, moving the clock to its time, and reports
// whether there was one.
func (s *Sim) Step() bool {
	if len(s.q) == 0 {
		return false
	}
	e := s.q.pop()
	s.now = e.at
	s.events++
	fn := e.fn
	if e.timer == nil { // a one-shot event: recycle it before running fn,
		e.fn = nil // which may well schedule the next one
		s.free = append(s.free, e)
	}
	fn()
	return true
}

// Run runs events until none are left. A simulation with a timer that
// always re-arms itself never runs dry: use RunUntil for those.
func (s *Sim) Run() {
	for s.Step() {
	}
}

// RunUntil runs every event due at or before t, then sets the clock to t.
// Events after t stay queued, so a simulation can be run in slices.
func (s *Sim) RunUntil(t time.Duration) {
	for len(s.q) > 0 && s.q[0].at <= t {
		s.Step()
	}
	if s.now < t {
		s.now = t
	}
}

// RunFor runs the simulation for d more of virtual time (see RunUntil).
func (s *Sim) RunFor(d time.Duration) { s.RunUntil(s.now + d) }
