package arq

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Stop-and-wait with no loss: the measured utilization is exactly
// (L/R) / (L/R + 2·delay + ACK/R), and within the ACK's share (under 4%
// here) of the textbook (L/R) / (RTT + L/R), which leaves the ACK out.
func TestStopAndWaitUtilizationMatchesTheory(t *testing.T) {
	paths := []struct {
		bandwidth float64
		delay     time.Duration
	}{
		{10e6, 10 * time.Millisecond},
		{1e6, time.Millisecond},
		{100e6, 50 * time.Millisecond},
		{1e9, 5 * time.Millisecond},
	}
	for _, p := range paths {
		cfg := Config{Protocol: StopAndWait, Segments: 50, Bandwidth: p.bandwidth, Delay: p.delay}
		res, err := Run(cfg)
		require.NoError(t, err)
		c := res.Config
		exact := float64(c.DataTime()) / float64(c.RTT())
		textbook := StopAndWaitUtilization(c.DataTime(), 2*c.Delay)
		assert.InEpsilon(t, exact, res.Utilization, 1e-9, "%v, %v: utilization against the exact cycle", p.bandwidth, p.delay)
		assert.InEpsilon(t, textbook, res.Utilization, 0.04, "%v, %v: utilization against (L/R)/(RTT+L/R)", p.bandwidth, p.delay)
	}
}

// A window of N segments sends N·L/R per round trip: utilization rises
// linearly with N until the pipe is full, then stays near 1. Over a long
// transfer only the first round trip is lost to start-up.
func TestWindowFillsThePipe(t *testing.T) {
	base := Config{Protocol: GoBackN, Segments: 2000, Bandwidth: 10e6, Delay: 10 * time.Millisecond}.WithDefaults()
	pipe := PipeWindow(base.DataTime(), base.RTT())
	for _, w := range []int{1, 2, 4, 8, pipe, 2 * pipe} {
		cfg := base
		cfg.Window = w
		cfg.RTO = 0
		cfg = cfg.WithDefaults()
		res, err := Run(cfg)
		require.NoError(t, err)
		want := float64(w) * float64(cfg.DataTime()) / float64(cfg.RTT())
		if w >= pipe {
			want = 1
		}
		assert.InDelta(t, want, res.Utilization, 0.03, "window %d (pipe %d): utilization", w, pipe)
	}
}

// On the same losses, Selective Repeat and SACK never send more than
// Go-Back-N: they resend only what was lost.
func TestSelectiveNeverSendsMoreThanGoBackN(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 100; i++ {
		cfg := Config{Window: 1 + r.IntN(16), Segments: 30}
		for k := 1; k <= cfg.Segments; k++ {
			if r.Float64() < 0.2 {
				cfg.DropSegments = append(cfg.DropSegments, k)
			}
		}
		counts := map[Protocol]int{}
		for _, p := range []Protocol{GoBackN, SelectiveRepeat, SACK} {
			cfg.Protocol = p
			res, err := Run(cfg)
			require.NoError(t, err)
			require.True(t, res.InOrderAndComplete, "%v drops %v: InOrderAndComplete", p, cfg.DropSegments)
			counts[p] = res.Transmissions
		}
		assert.LessOrEqual(t, counts[SelectiveRepeat], counts[GoBackN], "window %d, drops %v: SR against GBN transmissions", cfg.Window, cfg.DropSegments)
		assert.LessOrEqual(t, counts[SACK], counts[GoBackN], "window %d, drops %v: SACK against GBN transmissions", cfg.Window, cfg.DropSegments)
	}
	// And with random loss, on average over many seeds.
	var gbn, sr int
	for seed := uint64(1); seed <= 100; seed++ {
		for _, p := range []Protocol{GoBackN, SelectiveRepeat} {
			cfg := Config{Protocol: p, Window: 8, Segments: 50, Seed: seed}
			cfg.Forward.Loss = 0.1
			res, err := Run(cfg)
			require.NoError(t, err)
			if p == GoBackN {
				gbn += res.Transmissions
			} else {
				sr += res.Transmissions
			}
		}
	}
	assert.Less(t, sr, gbn, "transmissions over 100 seeds at 10%% loss: SR against GBN")
}
