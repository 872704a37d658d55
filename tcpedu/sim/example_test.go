package sim_test

import (
	"fmt"
	"time"

	"github.com/tcpedu/tcpedu/tcpedu/sim"
)

// Stop-and-wait as events: a frame takes 10 ms to cross the link, its
// ACK 10 ms to come back, and only then is the next frame sent.
func ExampleSim() {
	s := sim.New(1)
	const oneWay = 10 * time.Millisecond
	var send func(n int)
	send = func(n int) {
		fmt.Printf("%v send frame %d\n", s.Now(), n)
		s.After(oneWay, func() { // the frame arrives; the ACK goes back
			s.After(oneWay, func() {
				if n < 3 {
					send(n + 1)
				}
			})
		})
	}
	s.At(0, func() { send(1) })
	s.Run()
	fmt.Println("done at", s.Now(), "after", s.Events(), "events")
	// Output:
	// 0s send frame 1
	// 20ms send frame 2
	// 40ms send frame 3
	// done at 60ms after 7 events
}

// A retransmission timer: re-armed by every ACK, it fires only when the
// ACKs stop coming.
func ExampleTimer() {
	s := sim.New(1)
	rto := s.NewTimer(func() { fmt.Println(s.Now(), "timeout: retransmit") })
	rto.Reset(200 * time.Millisecond)
	for _, ack := range []time.Duration{50, 100, 150} {
		s.At(ack*time.Millisecond, func() { rto.Reset(200 * time.Millisecond) })
	}
	s.Run()
	// Output: 350ms timeout: retransmit
}

// Equal seeds, equal runs: everything random draws from Sim.Rand.
func ExampleSim_Rand() {
	for _, seed := range []uint64{7, 7, 8} {
		s := sim.New(seed)
		fmt.Println(seed, s.Rand().IntN(100), s.Rand().IntN(100))
	}
	// Output:
	// 7 66 27
	// 7 66 27
	// 8 68 52
}
