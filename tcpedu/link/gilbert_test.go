package link

import (
	"encoding/binary"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tcpedu/tcpedu/tcpedu/sim"
)

// Losses in a Gilbert-Elliott channel are correlated, so estimates from it
// vary more than a binomial proportion's. The tolerances below are five
// standard deviations, measured by running each case over 200 seeds.

// TestGilbertThroughLink sends 500,000 packets through a link with Gilbert's
// model at 5% loss in bursts of 4, and measures both the loss rate and the
// mean length of a run of consecutive losses.
func TestGilbertThroughLink(t *testing.T) {
	if testing.Short() {
		t.Skip("500,000 packets")
	}
	const n = 500000
	g := Bursty(0.05, 4)
	require.InDelta(t, 0.05, g.LossRate(), 1e-12, "Bursty(0.05, 4).LossRate()")
	require.InDelta(t, 4, g.MeanBurst(), 1e-12, "Bursty(0.05, 4).MeanBurst()")

	s := sim.New(7)
	l := New(s, "a→b", Config{Faults: Faults{Burst: g}}, nil)
	lost := make([]bool, n)
	reasons := map[string]int{}
	l.Observe(func(e Event) {
		if e.Kind == Dropped {
			lost[number(e.Packet)] = true
			reasons[e.Reason]++
		}
	})
	p := make([]byte, 4)
	for i := 0; i < n; i++ {
		binary.BigEndian.PutUint32(p, uint32(i)) // read back at once by Observe
		l.Send(p)
	}
	s.Run()

	losses, runs := lossRuns(lost)
	require.Equal(t, l.Stats().DroppedBurst, losses, "Stats.DroppedBurst")
	require.Equal(t, map[string]int{ReasonBurst: losses}, reasons, "Dropped event reasons")
	// Over 200 seeds at 500,000 packets: rate sd 0.00078, run length sd 0.046.
	rate := float64(losses) / n
	assert.InDelta(t, g.LossRate(), rate, 5*0.00078, "loss rate: got %.5f, want %.5f", rate, g.LossRate())
	burst := float64(losses) / float64(runs)
	assert.InDelta(t, g.MeanBurst(), burst, 5*0.046, "mean run of losses: got %.3f, want %.3f", burst, g.MeanBurst())

	// Independent loss at the same rate makes runs of 1/(1-0.05) ≈ 1.05.
	assert.Greater(t, burst, 3.0, "mean run of losses: bursts, not isolated losses")
}

// lossRuns counts the losses and the runs of consecutive losses.
func lossRuns(lost []bool) (losses, runs int) {
	for i, l := range lost {
		if l {
			losses++
			if i == 0 || !lost[i-1] {
				runs++
			}
		}
	}
	return losses, runs
}

// TestGilbertElliottChain runs Elliott's model, which loses a little in
// Good and not everything in Bad, for 1,000,000 packets, and checks the
// loss rate against (P*LossBad + R*LossGood)/(P+R) and the mean stay in
// Bad against 1/R.
func TestGilbertElliottChain(t *testing.T) {
	g := &GilbertElliott{P: 0.02, R: 0.2, LossGood: 0.01, LossBad: 0.5}
	require.InDelta(t, (0.02*0.5+0.2*0.01)/0.22, g.LossRate(), 1e-12, "LossRate()")
	require.InDelta(t, 5, g.MeanBurst(), 1e-12, "MeanBurst()")

	const n = 1000000
	r := sim.New(11).Rand()
	var st gilbertState
	lost, badPackets, badStays := 0, 0, 0
	for i := 0; i < n; i++ {
		wasBad := st.bad
		if st.lose(g, r) {
			lost++
		}
		if st.bad {
			badPackets++
			if !wasBad {
				badStays++
			}
		}
	}
	// Over 200 seeds at 1,000,000 packets: rate sd 0.00043, stay sd 0.037.
	rate := float64(lost) / n
	assert.InDelta(t, g.LossRate(), rate, 5*0.00043, "loss rate: got %.5f, want %.5f", rate, g.LossRate())
	stay := float64(badPackets) / float64(badStays)
	assert.InDelta(t, g.MeanBurst(), stay, 5*0.037, "mean stay in Bad: got %.3f packets, want %.3f", stay, g.MeanBurst())
	share := float64(badPackets) / n
	assert.InDelta(t, g.P/(g.P+g.R), share, 0.005, "share of packets in Bad: got %.4f, want P/(P+R)", share)
}

func TestGilbertElliottFormulas(t *testing.T) {
	tests := []struct {
		g         GilbertElliott
		rate, len float64
	}{
		{GilbertElliott{P: 0.1, R: 0.4, LossBad: 1}, 0.2, 2.5},
		{GilbertElliott{P: 0.1, R: 0.1, LossGood: 0.2, LossBad: 0.6}, 0.4, 10},
		{GilbertElliott{P: 1, R: 1, LossGood: 0, LossBad: 1}, 0.5, 1}, // alternates Bad, Good, Bad, ...
		{GilbertElliott{LossGood: 0.3}, 0.3, math.Inf(1)},             // stays in Good
		{GilbertElliott{P: 0.5, LossBad: 0.9}, 0.9, math.Inf(1)},      // falls into Bad for good
	}
	for _, tt := range tests {
		assert.InDelta(t, tt.rate, tt.g.LossRate(), 1e-12, "%+v.LossRate()", tt.g)
		assert.Equal(t, tt.len, tt.g.MeanBurst(), "%+v.MeanBurst()", tt.g)
	}
}

// TestGilbertAlternates: with P = R = 1 the chain flips every packet, and
// since it moves before it decides, the first packet already meets Bad.
func TestGilbertAlternates(t *testing.T) {
	h := newHarness(t, 1, Config{Faults: Faults{Burst: &GilbertElliott{P: 1, R: 1, LossBad: 1}}})
	h.sendNumbered(6, 10, 0)
	assert.Equal(t, []int{1, 3, 5}, h.numbers(), "delivered packets")
}

func TestBursty(t *testing.T) {
	for _, tc := range []struct{ rate, burst float64 }{{0.01, 1}, {0.05, 4}, {0.2, 10}, {0, 3}} {
		g := Bursty(tc.rate, tc.burst)
		assert.InDelta(t, tc.rate, g.LossRate(), 1e-12, "Bursty(%g, %g).LossRate()", tc.rate, tc.burst)
		assert.InDelta(t, tc.burst, g.MeanBurst(), 1e-12, "Bursty(%g, %g).MeanBurst()", tc.rate, tc.burst)
		assert.NoError(t, Config{Faults: Faults{Burst: g}}.Validate(), "Validate with Bursty(%g, %g)", tc.rate, tc.burst)
	}
	assert.Error(t, Config{Faults: Faults{Burst: Bursty(0.9, 1)}}.Validate(), "Validate with Bursty(0.9, 1): P would be 9")
	assert.Error(t, Config{Faults: Faults{Burst: Bursty(0.1, 0.5)}}.Validate(), "Validate with Bursty(0.1, 0.5): R would be 2")
}
