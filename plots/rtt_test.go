package plots

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tcpedu/tcpedu/tcpedu/bulk"
)

// TestRTTData: a dot per round-trip measurement, none repeated; SRTT,
// RTTVAR and RTO at every change; a mark at every timeout, after which the
// RTO has doubled (RFC 6298 §5.5) until a new measurement.
func TestRTTData(t *testing.T) {
	res := run(t, RTTRun())
	d, err := RTTData(res)
	require.NoError(t, err)
	last := res.Trace[len(res.Trace)-1]
	assert.Len(t, d.Samples, last.RTTSamples, "one dot per measurement")
	assert.Len(t, d.Timeouts, res.Timeouts, "one mark per timeout")
	require.GreaterOrEqual(t, res.Timeouts, 2, "the default run shows backoff")
	assert.Len(t, d.RTO, len(res.Trace))
	assert.Len(t, d.SRTT, len(d.RTTVAR))
	assert.Len(t, d.SRTT, len(d.Formula))
	for i := 1; i < len(res.Trace); i++ {
		s, prev := res.Trace[i], res.Trace[i-1]
		if s.Timeouts > prev.Timeouts {
			assert.Equal(t, 2*prev.RTO, s.RTO, "at %v: the timeout doubles the RTO", s.At)
		}
		if s.RTTSamples > prev.RTTSamples && s.Timeouts == prev.Timeouts {
			want := s.SRTT + 4*s.RTTVAR
			if want < res.Config.MinRTO {
				want = res.Config.MinRTO
			}
			assert.Equal(t, want, s.RTO, "at %v: a new measurement sets RTO = max(SRTT + 4·RTTVAR, floor)", s.At)
		}
	}
	assert.Equal(t, ms(res.Trace[0].RTT), d.Samples[0].Y, "the handshake's measurement")
	f, err := RTT(res)
	require.NoError(t, err)
	assert.Contains(t, f.Legend(), "timeout: RTO doubles")
	assert.Contains(t, f.Legend(), "RTO = max(SRTT + 4·RTTVAR, 200 ms)")
}

func TestLogTicks(t *testing.T) {
	var labels []string
	for _, tk := range (logTicks{}).Ticks(1, 3) { // 10 ms to 1000 ms
		if tk.Label != "" {
			labels = append(labels, tk.Label)
		}
	}
	assert.Equal(t, []string{"10", "20", "50", "100", "200", "500", "1000"}, labels)
	labels = nil
	for _, tk := range (logTicks{Percent: true}).Ticks(-4, -1) {
		if tk.Label != "" {
			labels = append(labels, tk.Label)
		}
	}
	assert.Equal(t, []string{"0.01%", "0.02%", "0.05%", "0.1%", "0.2%", "0.5%", "1%", "2%", "5%", "10%"}, labels)
}

// TestSweep: the sweep's results do not depend on how many workers ran
// it, and progress is reported once per run.
func TestSweep(t *testing.T) {
	c := SweepConfig{
		Run:      bulk.Config{Bandwidth: 20e6, Queue: 1000, Duration: 2 * time.Second, Seed: 3},
		Losses:   []float64{0.001, 0.01, 0.05},
		Variants: []string{"reno", "newreno"},
		Seeds:    2,
	}
	var calls []int
	c.Workers = 1
	c.Progress = func(done, total int) {
		assert.Equal(t, 12, total)
		calls = append(calls, done)
	}
	one, err := RunSweep(c)
	require.NoError(t, err)
	assert.Equal(t, []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, calls)
	c.Workers, c.Progress = 4, nil
	four, err := RunSweep(c)
	require.NoError(t, err)
	assert.Equal(t, one.Points, four.Points, "the same results with 1 worker and 4")
	require.Len(t, one.Points, 6)
	assert.Equal(t, "reno", one.Points[0].CC)
	assert.Equal(t, 0.001, one.Points[0].Loss)
	assert.Equal(t, "newreno", one.Points[5].CC)
	assert.Equal(t, 0.05, one.Points[5].Loss)
	for _, pt := range one.Points {
		assert.Len(t, pt.Goodputs, 2)
	}
	assert.Greater(t, one.Points[0].Mean(), one.Points[2].Mean(), "more loss, less goodput")
	f, err := Throughput(one)
	require.NoError(t, err)
	assert.Contains(t, f.Legend(), "Mathis: (MSS/RTT)·√(3/(2p))")
	assert.Contains(t, f.Legend(), "NewReno, simulated")

	_, err = RunSweep(SweepConfig{Run: c.Run, Losses: []float64{0}})
	assert.Error(t, err, "a loss rate of 0")
	_, err = RunSweep(SweepConfig{Run: c.Run})
	assert.Error(t, err, "no loss rates")
}

// TestMathisCurve: the curve falls as 1/√p, capped at the bottleneck.
func TestMathisCurve(t *testing.T) {
	s := &Sweep{RTT: 40 * time.Millisecond, MSS: mss, Run: bulk.Config{Bandwidth: 10e6}}
	c := MathisCurve(mss, s, 1e-4, 1e-2, 3)
	require.Len(t, c, 3)
	assert.Equal(t, 10e6, c[0].Y, "capped: the formula gives 35.8 Mbit/s at 0.01%")
	assert.InDelta(t, bulk.MathisGoodput(mss, 40*time.Millisecond, 1e-2), c[2].Y, 1e-6)
	assert.InDelta(t, 1e-3, c[1].X, 1e-12)
}
