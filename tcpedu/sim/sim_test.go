package sim

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// recorder notes which events ran, and when.
type recorder struct {
	s   *Sim
	log []string
}

func (r *recorder) note(name string) func() {
	return func() { r.log = append(r.log, fmt.Sprintf("%v %s", r.s.Now(), name)) }
}

func TestEventsRunInTimeOrder(t *testing.T) {
	s := New(1)
	r := &recorder{s: s}
	s.At(30*time.Millisecond, r.note("c"))
	s.At(10*time.Millisecond, r.note("a"))
	s.At(20*time.Millisecond, r.note("b"))
	s.Run()
	assert.Equal(t, []string{"10ms a", "20ms b", "30ms c"}, r.log)
	assert.Equal(t, 30*time.Millisecond, s.Now(), "Now after Run")
	assert.Equal(t, uint64(3), s.Events(), "Events")
}

// TestTieBreakIsSchedulingOrder: events due at the same instant run in the
// order they were scheduled, whatever the heap does.
func TestTieBreakIsSchedulingOrder(t *testing.T) {
	s := New(1)
	r := &recorder{s: s}
	names := []string{}
	for i := 0; i < 50; i++ {
		name := fmt.Sprint(i)
		names = append(names, "5ms "+name)
		s.At(5*time.Millisecond, r.note(name))
		s.At(time.Duration(i%7)*time.Microsecond, func() {}) // churn the heap
	}
	s.Run()
	assert.Equal(t, names, r.log)
}

func TestPastTimeMeansNow(t *testing.T) {
	s := New(1)
	r := &recorder{s: s}
	s.At(10*time.Millisecond, func() {
		s.At(time.Millisecond, r.note("late")) // already past: runs now, after "due"
		r.note("first")()
	})
	s.At(10*time.Millisecond, r.note("due"))
	s.After(-time.Second, r.note("negative")) // at time 0
	s.Run()
	assert.Equal(t, []string{"0s negative", "10ms first", "10ms due", "10ms late"}, r.log)
}

func TestRunUntil(t *testing.T) {
	s := New(1)
	r := &recorder{s: s}
	s.At(10*time.Millisecond, r.note("a"))
	s.At(20*time.Millisecond, r.note("b"))
	s.At(30*time.Millisecond, r.note("c"))
	s.RunUntil(20 * time.Millisecond)
	assert.Equal(t, []string{"10ms a", "20ms b"}, r.log, "events at or before the limit run")
	assert.Equal(t, 1, s.Pending(), "Pending")
	s.RunFor(5 * time.Millisecond)
	assert.Equal(t, 25*time.Millisecond, s.Now(), "the clock moves to the limit with nothing to run")
	s.Run()
	assert.Equal(t, "30ms c", r.log[2])
}

func TestTimer(t *testing.T) {
	s := New(1)
	r := &recorder{s: s}
	rto := s.NewTimer(r.note("rto"))
	assert.False(t, rto.Active(), "a new timer is stopped")
	assert.False(t, rto.Stop(), "Stop of a stopped timer")

	rto.Reset(time.Second)
	when, armed := rto.When()
	assert.True(t, armed)
	assert.Equal(t, time.Second, when)

	// An ACK every 10 ms re-arms it; it never fires, and the queue holds one
	// entry for it, not one per reset.
	for i := 1; i <= 100; i++ {
		s.At(time.Duration(i)*10*time.Millisecond, func() { rto.Reset(time.Second) })
	}
	s.RunUntil(500 * time.Millisecond)
	assert.Empty(t, r.log, "a re-armed timer does not fire")
	assert.Equal(t, 51, s.Pending(), "50 ACKs and one timer are pending")

	s.Run()
	assert.Equal(t, []string{"2s rto"}, r.log, "fires 1 s after the last re-arm at 1 s")
	assert.False(t, rto.Active(), "expiring disarms")

	rto.Reset(time.Second)
	assert.True(t, rto.Stop(), "Stop of an armed timer")
	s.Run()
	assert.Len(t, r.log, 1, "a stopped timer does not fire")
}

// TestTimerRearmsItself: a periodic timer is one that resets itself.
func TestTimerRearmsItself(t *testing.T) {
	s := New(1)
	ticks := 0
	var tick *Timer
	tick = s.NewTimer(func() {
		ticks++
		tick.Reset(100 * time.Millisecond)
	})
	tick.Reset(100 * time.Millisecond)
	s.RunUntil(time.Second)
	assert.Equal(t, 10, ticks)
	assert.Equal(t, 1, s.Pending())
}

// TestDeterminism: a simulation whose events draw random numbers gives the
// same trace for the same seed, and a different one for another seed.
func TestDeterminism(t *testing.T) {
	trace := func(seed uint64) string {
		s := New(seed)
		var b strings.Builder
		var hop func()
		hop = func() {
			fmt.Fprintf(&b, "%v %d\n", s.Now(), s.Rand().IntN(1000))
			if s.Events() < 200 {
				s.After(time.Duration(s.Rand().IntN(50))*time.Millisecond, hop)
			}
		}
		s.At(0, hop)
		s.Run()
		return b.String()
	}
	assert.Equal(t, trace(42), trace(42), "same seed, same trace")
	assert.NotEqual(t, trace(42), trace(43), "different seed, different trace")
}

func TestSchedulingDoesNotAllocate(t *testing.T) {
	s := New(1)
	fn := func() {}
	for i := 0; i < 100; i++ { // warm the free list and the heap
		s.After(time.Duration(i), fn)
	}
	s.Run()
	allocs := testing.AllocsPerRun(1000, func() {
		s.After(time.Millisecond, fn)
		s.Step()
	})
	assert.Zero(t, allocs, "After+Step allocations")

	tm := s.NewTimer(fn)
	allocs = testing.AllocsPerRun(1000, func() { tm.Reset(time.Second) })
	assert.Zero(t, allocs, "Timer.Reset allocations")
}

func TestQueueDrains(t *testing.T) {
	s := New(1)
	require.False(t, s.Step(), "Step on an empty simulation")
	s.Run()
	assert.Equal(t, time.Duration(0), s.Now())
}
