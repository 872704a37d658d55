package arq

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestUtilizationWithLossAgainstRuns compares the model with runs of 400
// segments (three seeds each). Measured (run / model):
//
//	                          p = 0.01   0.05   0.10
//	stop-and-wait                 0.99       1.00   0.99
//	Go-Back-N, window 8           0.92       1.12   1.08
//	Go-Back-N, window 32          0.85       0.98   0.98
//	Selective Repeat, window 8    0.94       1.14   1.14
//	Selective Repeat, window 32   0.95       1.19   1.05
//
// Stop-and-wait is exact; the windowed protocols fall short at 1% by what
// the run spends filling and draining the pipe, and beat the model at 5%
// and 10%, where several losses in one window share their wait more than
// it assumes.
func TestUtilizationWithLossAgainstRuns(t *testing.T) {
	for _, tc := range []struct {
		proto  Protocol
		window int
		tol    float64
	}{
		{StopAndWait, 1, 0.05},
		{GoBackN, 8, 0.15},
		{GoBackN, 32, 0.20},
		{SelectiveRepeat, 8, 0.20},
		{SelectiveRepeat, 32, 0.25},
	} {
		for _, p := range []float64{0.01, 0.05, 0.1} {
			c := Config{Protocol: tc.proto, Window: tc.window, Segments: 400}
			c.Forward.Loss = p
			sum := 0.0
			for seed := uint64(1); seed <= 3; seed++ {
				c.Seed = seed
				res, err := Run(c)
				require.NoError(t, err)
				sum += res.Utilization
			}
			model := UtilizationWithLoss(c, p)
			assert.InEpsilon(t, model, sum/3, tc.tol, "%s, window %d, loss %g: runs %.4f, model %.4f", tc.proto, tc.window, p, sum/3, model)
		}
	}
}

// TestUtilizationWithLossLimits: no loss gives the pipelining bound, stop-
// and-wait's (L/R)/RTT among them; every segment lost gives nothing.
func TestUtilizationWithLossLimits(t *testing.T) {
	c := Config{Protocol: StopAndWait}
	d := c.WithDefaults()
	assert.InDelta(t, float64(d.DataTime())/float64(d.RTT()), UtilizationWithLoss(c, 0), 1e-12)
	assert.Equal(t, 1.0, UtilizationWithLoss(Config{Protocol: SelectiveRepeat, Window: 64}, 0), "a window over the pipe fills it")
	assert.Equal(t, 0.0, UtilizationWithLoss(Config{Protocol: GoBackN}, 1))
	sw := UtilizationWithLoss(Config{Protocol: StopAndWait}, 0.1)
	gbn1 := UtilizationWithLoss(Config{Protocol: GoBackN, Window: 1}, 0.1)
	sr1 := UtilizationWithLoss(Config{Protocol: SelectiveRepeat, Window: 1}, 0.1)
	assert.InDelta(t, sw, gbn1, 1e-12, "Go-Back-N with a window of 1 is stop-and-wait")
	assert.InDelta(t, sw, sr1, 1e-12, "so is Selective Repeat")
	assert.Greater(t, UtilizationWithLoss(Config{Protocol: SelectiveRepeat, Window: 32}, 0.05),
		UtilizationWithLoss(Config{Protocol: GoBackN, Window: 32}, 0.05), "Selective Repeat loses less to each loss")
}

func ExampleUtilizationWithLoss() {
	c := Config{Protocol: GoBackN, Window: 32}
	for _, p := range []float64{0, 0.01, 0.1} {
		fmt.Printf("loss %4.2f: U = %.3f\n", p, UtilizationWithLoss(c, p))
	}
	// Output:
	// loss 0.00: U = 1.000
	// loss 0.01: U = 0.482
	// loss 0.10: U = 0.078
}
