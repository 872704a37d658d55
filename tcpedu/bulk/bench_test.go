package bulk

import (
	"testing"
	"time"
)

// BenchmarkNewReno100Mbps60s is the speed target of the simulator: 60
// simulated seconds of one NewReno flow at 100 Mbit/s, 20 ms one way, a
// 50-packet queue. Compare its time per op with ns-3's for the same run
// .
func BenchmarkNewReno100Mbps60s(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		res, err := Run(Config{CC: "newreno", Bandwidth: 100e6, Delay: 20 * time.Millisecond, Queue: 50, Duration: 60 * time.Second})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(res.SegmentsSent), "segments/op")
	}
}
