package arq

import (
	"testing"
	"time"
)

// BenchmarkSegments measures simulated segments per second of wall time:
// data segments and ACKs, each encoded as a real IPv4 packet, sent across
// a link, checksummed and decoded on arrival, and handled by the protocol.
func BenchmarkSegments(b *testing.B) {
	for _, bc := range []struct {
		name string
		cfg  Config
	}{
		{"gbn/window64/noloss", Config{Protocol: GoBackN, Window: 64, Segments: 10000, Bandwidth: 1e9, Delay: time.Millisecond}},
		{"sack/window64/loss1%", Config{Protocol: SACK, Window: 64, Segments: 10000, Bandwidth: 1e9, Delay: time.Millisecond}},
		{"sr/window64/loss1%", Config{Protocol: SelectiveRepeat, Window: 64, Segments: 10000, Bandwidth: 1e9, Delay: time.Millisecond}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			cfg := bc.cfg
			if bc.name != "gbn/window64/noloss" {
				cfg.Forward.Loss = 0.01
			}
			var segments, events float64
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				cfg.Seed = uint64(i)
				res, err := Run(cfg)
				if err != nil || !res.InOrderAndComplete {
					b.Fatalf("Run: %v, complete %v", err, res != nil && res.InOrderAndComplete)
				}
				segments += float64(res.Transmissions + res.ACKs)
				events += float64(res.Events)
			}
			secs := b.Elapsed().Seconds()
			b.ReportMetric(segments/secs, "segments/s")
			b.ReportMetric(events/secs, "events/s")
		})
	}
}
