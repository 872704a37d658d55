package plots

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tcpedu/tcpedu/tcpedu/cc"
)

// TestRoundsKurose: the default figure is Kurose and Ross's Figure 3.53,
// the rows of cc.Rounds exactly: Tahoe back to 1 after round 8, Reno on
// from 6 + 3 = 9.
func TestRoundsKurose(t *testing.T) {
	c, vs := RoundsDefault()
	d, err := RoundsData(c, vs)
	require.NoError(t, err)
	want := map[cc.Variant][]int{
		cc.TahoeRounds: {1, 2, 4, 8, 9, 10, 11, 12, 1, 2, 4, 6, 7, 8, 9},
		cc.RenoRounds:  {1, 2, 4, 8, 9, 10, 11, 12, 9, 10, 11, 12, 13, 14, 15},
	}
	for i, v := range vs {
		var got []int
		for _, r := range d.Rows[i] {
			got = append(got, r.Cwnd)
		}
		assert.Equal(t, want[v], got, "%s: cwnd per round", v)
		vc := c
		vc.Variant = v
		rows, err := cc.Rounds(vc)
		require.NoError(t, err)
		assert.Equal(t, rows, d.Rows[i], "%s: the figure's rows are cc.Rounds'", v)
	}
	assert.True(t, d.sameSsthresh(), "both variants set ssthresh = 6 at the same loss: one ssthresh line")

	f, err := Rounds(c, vs)
	require.NoError(t, err)
	assert.Equal(t, []string{"ssthresh", "cwnd, Tahoe", "cwnd, Reno"}, f.Legend())
	p := f.Panels[0]
	assert.Equal(t, 0.5, p.X.Min, "round 1 is the first tick")
	assert.Equal(t, 15.5, p.X.Max)
	assert.Equal(t, "transmission round", p.X.Label.Text)
	assert.Equal(t, "congestion window (segments)", p.Y.Label.Text)
}

// TestRoundsOneVariantIsShaded: with one variant the rounds are shaded by
// phase, and the legend says which shade is which.
func TestRoundsOneVariantIsShaded(t *testing.T) {
	c := cc.RoundsConfig{Ssthresh: 16, Rounds: 25, After: cc.Halve,
		Events: []cc.Event{{Round: 13, Loss: cc.Timeout}, {Round: 22, Loss: cc.TripleDup}}}
	f, err := Rounds(c, []cc.Variant{cc.RenoRounds})
	require.NoError(t, err)
	assert.Equal(t, []string{"ssthresh", "cwnd, Reno", "slow start", "congestion avoidance"}, f.Legend())
	_, err = Rounds(c, nil)
	assert.Error(t, err, "no variant")
	_, err = Rounds(cc.RoundsConfig{Rounds: 3}, []cc.Variant{cc.RenoRounds})
	assert.Error(t, err, "ssthresh 0")
}
