package bulk

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tcpedu/tcpedu/tcpedu/cc"
)

func TestFirstDivergence(t *testing.T) {
	base := Config{Duration: 3 * time.Second, Drop: []int{40, 42, 44}, Capture: true, Seed: 7}
	run := func(c Config) *Result {
		t.Helper()
		res, err := Run(c)
		require.NoError(t, err)
		return res
	}
	newreno := run(base)

	// The same algorithm, built through NewCC, sends exactly the same.
	plugged := base
	plugged.NewCC = func(c cc.Config) cc.Algorithm {
		alg, err := cc.New("newreno", c)
		require.NoError(t, err)
		return alg
	}
	_, differ := FirstDivergence(newreno, run(plugged))
	assert.False(t, differ, "FirstDivergence(newreno, newreno through NewCC) found a difference")

	// Reno leaves fast recovery on the first partial ACK, so the two part
	// after the three losses of one window, not before.
	reno := base
	reno.CC = "reno"
	d, differ := FirstDivergence(newreno, run(reno))
	require.True(t, differ, "FirstDivergence(newreno, reno) found no difference")
	require.NotNil(t, d.Ref)
	require.NotNil(t, d.Got)
	assert.Greater(t, d.Ref.N, 44, "they part at %v, before the losses", d)
	assert.Contains(t, d.String(), "the reference sent")
}

func TestDataSegmentsMarksRetransmissions(t *testing.T) {
	res, err := Run(Config{Duration: 2 * time.Second, Drop: []int{20}, Capture: true})
	require.NoError(t, err)
	segs := DataSegments(res)
	require.NotEmpty(t, segs)
	assert.Equal(t, int64(0), segs[0].Seq, "the first data byte is byte 0")
	var resent []DataSegment
	for _, s := range segs {
		if s.Retransmission {
			resent = append(resent, s)
		}
	}
	require.Len(t, resent, 1, "one segment was dropped, so one was resent")
	assert.Equal(t, segs[19].Seq, resent[0].Seq, "the resent segment is the 20th")
}
