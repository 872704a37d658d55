package arq

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/tcpedu/tcpedu/tcpedu/link"
)

// randomFaults draws a fault mix for one run: loss up to 30%, sometimes in
// bursts, corruption, duplication and reordering, in both directions.
//
// Reordering is kept under half the one-way delay. Stop-and-wait's
// alternating bit is correct only if no copy of a segment can arrive after
// the segment two later has been sent, which takes at least one round trip
// (TestAlternatingBitNeedsFIFO shows what happens otherwise); the other
// protocols read TCP's full 32-bit numbers and would survive any delay.
func randomFaults(r *rand.Rand, delay time.Duration) link.Faults {
	f := link.Faults{
		Loss:      0.3 * r.Float64(),
		Corrupt:   0.1 * r.Float64(),
		Duplicate: 0.1 * r.Float64(),
		Jitter:    time.Duration(r.Int64N(int64(delay / 2))),
	}
	if r.IntN(4) == 0 {
		f.Burst = &link.GilbertElliott{P: 0.05 * r.Float64(), R: 0.2 + 0.6*r.Float64(), LossBad: 0.9}
	}
	if r.IntN(4) == 0 {
		f.Reorder, f.ReorderDelay = 0.2*r.Float64(), time.Duration(r.Int64N(int64(delay/2)))
	}
	return f
}

// Every protocol, over many seeds and fault mixes, delivers exactly the
// bytes sent, in order, once: 250 runs per protocol.
func TestPropertyDeliversExactlyOnceInOrder(t *testing.T) {
	runs := 250
	if testing.Short() {
		runs = 50
	}
	for p := StopAndWait; p <= SACK; p++ {
		t.Run(p.Title(), func(t *testing.T) {
			for seed := uint64(1); seed <= uint64(runs); seed++ {
				r := rand.New(rand.NewPCG(seed, uint64(p)))
				cfg := Config{
					Protocol: p,
					Window:   1 + r.IntN(12),
					Size:     1 + r.IntN(1460),
					Segments: 10 + r.IntN(40),
					Delay:    time.Duration(1+r.IntN(20)) * time.Millisecond,
					Seed:     seed,
				}
				cfg.Forward = randomFaults(r, cfg.Delay)
				cfg.Reverse = randomFaults(r, cfg.Delay)
				res, err := Run(cfg)
				if err != nil {
					t.Fatalf("seed %d: Run: %v", seed, err)
				}
				if !res.InOrderAndComplete {
					cfg.Trace = true
					res, _ = Run(cfg)
					var b bytes.Buffer
					_ = res.Trace.WriteLadder(&b)
					t.Fatalf("seed %d, %s: delivered %d of %d segments, complete %v, in order and once %v\n%s",
						seed, describeFaults(cfg), res.Delivered, cfg.Segments, res.Complete, res.InOrderAndComplete, b.String())
				}
			}
		})
	}
}

func describeFaults(c Config) string {
	return fmt.Sprintf("window %d size %d delay %v, forward %+v, reverse %+v", c.Window, c.Size, c.Delay, c.Forward, c.Reverse)
}
