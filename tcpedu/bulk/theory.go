package bulk

import (
	"math"
	"time"
)

// MathisGoodput returns the throughput, in bits per second, that Mathis,
// Semke, Mahdavi and Ott ("The macroscopic behavior of the TCP congestion
// avoidance algorithm", CCR 1997) predict for a long Reno-style flow
// losing a fraction p of its segments at random:
//
//	throughput = (MSS / RTT) · √(3 / (2p))
//
// The derivation assumes the flow is always in congestion avoidance:
// every loss is found by three duplicate ACKs and halves the window, which
// then grows by one segment per round trip, so the window saws between
// W/2 and W. Timeouts, slow start and the queue's own delay are left out,
// so the formula overestimates a flow whose losses often end in a timeout
// (high p, small windows).
func MathisGoodput(mss int, rtt time.Duration, p float64) float64 {
	return float64(mss*8) / rtt.Seconds() * math.Sqrt(3/(2*p))
}
