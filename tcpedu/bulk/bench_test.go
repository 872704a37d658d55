package bulk

import (
	"fmt"
	"runtime"
	"testing"
	"time"
)

// BenchmarkNewReno100Mbps60s is the speed target of the simulator: 60
// simulated seconds of one NewReno flow at 100 Mbit/s, 20 ms one way, a
// 50-packet queue. bench/ns3/compare.sh runs ns-3 on the same path, one
// after the other, and prints the ratio of the wall times.
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

// BenchmarkMemoryFlat runs the same flow for longer and longer and reports
// the largest live heap seen, sampled once a simulated second: the
// simulator's memory must stay flat as simulated time grows (only the
// time per op may grow, in proportion).
//
//	go test -run '^$' -bench MemoryFlat ./tcpedu/bulk
func BenchmarkMemoryFlat(b *testing.B) {
	for _, d := range []time.Duration{15 * time.Second, 60 * time.Second, 240 * time.Second} {
		b.Run(fmt.Sprintf("sim=%v", d), func(b *testing.B) {
			var peak uint64
			var ms runtime.MemStats
			for i := 0; i < b.N; i++ {
				_, err := Run(Config{
					CC: "newreno", Bandwidth: 100e6, Delay: 20 * time.Millisecond, Queue: 50, Duration: d,
					Progress: func(time.Duration) {
						runtime.ReadMemStats(&ms)
						if ms.HeapInuse > peak {
							peak = ms.HeapInuse
						}
					},
				})
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
		})
	}
}
