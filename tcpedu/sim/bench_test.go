package sim

import (
	"fmt"
	"testing"
	"time"
)

// The engine's speed is the speed of every simulation in tcpedu:
//
//	go test -run '^$' -bench . -benchmem ./tcpedu/sim/
//
// BenchmarkEvents runs events that each schedule the next, over a queue
// kept at a realistic depth (segments in flight on a long fat path, timers),
// and reports events per second of wall time.

func benchEvents(b *testing.B, depth int) {
	s := New(1)
	var hop func()
	hop = func() { s.After(time.Duration(1+s.Rand().IntN(1000))*time.Microsecond, hop) }
	for i := 0; i < depth; i++ {
		s.After(time.Duration(i)*time.Microsecond, hop)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		s.Step()
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "events/s")
}

func BenchmarkEvents(b *testing.B) {
	for _, depth := range []int{10, 1000, 100000} {
		b.Run(fmt.Sprintf("queue=%d", depth), func(b *testing.B) { benchEvents(b, depth) })
	}
}

// BenchmarkTimerReset: re-arming a retransmission timer on every ACK.
func BenchmarkTimerReset(b *testing.B) {
	s := New(1)
	for i := 0; i < 1000; i++ {
		s.After(time.Duration(i)*time.Millisecond, func() {})
	}
	tm := s.NewTimer(func() {})
	b.ReportAllocs()
	var d time.Duration
	for b.Loop() {
		d = (d + 7*time.Millisecond) % time.Second
		tm.Reset(d)
	}
}
