package plots

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tcpedu/tcpedu/tcpedu/bulk"
	"github.com/tcpedu/tcpedu/tcpedu/cc"
)

// TestCwndDataSeries: one point per trace row for cwnd and rwnd; ssthresh
// only from the first loss on ("arbitrarily high" before it is not drawn).
func TestCwndDataSeries(t *testing.T) {
	res := run(t, scripted("reno", 2*time.Second, 30))
	d, err := CwndData(res)
	require.NoError(t, err)
	assert.Len(t, d.Cwnd, len(res.Trace), "cwnd: a point per trace row")
	assert.Len(t, d.Rwnd, len(res.Trace), "rwnd: a point per trace row")
	require.Len(t, d.Losses, 1, "one scripted loss")
	require.NotEmpty(t, d.Ssthresh)
	assert.Equal(t, d.Losses[0].At.Seconds(), d.Ssthresh[0].X, "ssthresh is drawn from the first loss")
	assert.False(t, d.RwndLimits, "a 4 MiB buffer never limits this path")
	for _, p := range d.Cwnd {
		assert.LessOrEqual(t, p.X, 2.0, "no point after the run")
	}
}

// TestCwndSsthreshStepsAtEachLoss: at every loss marker the ssthresh line
// steps to max(FlightSize/2, 2 MSS), RFC 5681 equation (4), except when a
// timeout strikes during a recovery or repeats (ssthresh is held then).
func TestCwndSsthreshStepsAtEachLoss(t *testing.T) {
	for _, c := range []bulk.Config{
		scripted("tahoe", 2*time.Second, 30),
		scripted("reno", 2*time.Second, 30),
		scripted("newreno", 2*time.Second, 30, 35),
		scripted("newreno", 4*time.Second, 30, 62), // the retransmission is lost too: a timeout
		{CC: "reno", Queue: 30, Duration: 10 * time.Second, Trace: true, Seed: 1},
	} {
		res := run(t, c)
		d, err := CwndData(res)
		require.NoError(t, err)
		require.NotEmpty(t, d.Losses, "%s drops %v: losses", c.CC, c.Drop)
		for _, e := range d.Losses {
			held := e.Detected == bulk.Timeout && (e.Before.Phase == cc.FastRecovery || e.Before.Timeouts > 0 && e.Before.Cwnd == mss)
			if held {
				assert.LessOrEqual(t, e.After.Ssthresh, equation4(e.FlightSize), "%s at %v: a held ssthresh is no more than equation (4)", c.CC, e.At)
				continue
			}
			assert.Equal(t, equation4(e.FlightSize), ssthreshAt(d, e.At), "%s at %v (%s): ssthresh = max(FlightSize/2, 2 MSS), FlightSize %d", c.CC, e.At, e.Detected, e.FlightSize)
		}
	}
}

// ssthreshAt returns the ssthresh line's value at t, bytes.
func ssthreshAt(d *CwndSeries, t time.Duration) int {
	v := -1.0
	for _, p := range d.Ssthresh {
		if p.X <= t.Seconds() {
			v = p.Y
		}
	}
	return int(v)
}

// TestCwndPhaseBoundaries: each fast recovery begins at a loss found by
// three duplicate ACKs; each slow start after the first begins at a
// timeout, at Tahoe's three duplicate ACKs, or where a NewReno recovery
// ends below ssthresh; the spans tile the run without gaps.
func TestCwndPhaseBoundaries(t *testing.T) {
	for _, c := range []bulk.Config{
		scripted("tahoe", 2*time.Second, 30),
		scripted("reno", 2*time.Second, 30, 32, 34),
		scripted("newreno", 4*time.Second, 30, 62),
		{CC: "newreno", Duration: 10 * time.Second, Trace: true, Seed: 1},
	} {
		res := run(t, c)
		d, err := CwndData(res)
		require.NoError(t, err)
		losses := map[time.Duration]bulk.Detection{}
		for _, e := range d.Losses {
			losses[e.At] = e.Detected
		}
		require.NotEmpty(t, d.Phases)
		assert.Equal(t, cc.SlowStart, d.Phases[0].Phase, "%s: a connection begins in slow start", c.CC)
		assert.Equal(t, res.Trace[0].At, d.Phases[0].Start, "%s: the first span starts at the first sample", c.CC)
		assert.Equal(t, c.Duration, d.Phases[len(d.Phases)-1].End, "%s: the last span ends with the run", c.CC)
		for i, s := range d.Phases {
			if i > 0 {
				assert.Equal(t, d.Phases[i-1].End, s.Start, "%s: span %d starts where the one before ends", c.CC, i)
				assert.NotEqual(t, d.Phases[i-1].Phase, s.Phase, "%s: spans %d and %d differ", c.CC, i-1, i)
			}
			switch {
			case s.Phase == cc.FastRecovery:
				assert.Equal(t, bulk.TripleDupACK, losses[s.Start], "%s: the fast recovery at %v begins at three duplicate ACKs", c.CC, s.Start)
			case s.Phase == cc.SlowStart && i > 0:
				_, loss := losses[s.Start]
				afterRecovery := d.Phases[i-1].Phase == cc.FastRecovery
				assert.True(t, loss || afterRecovery, "%s: the slow start at %v begins at a loss or the end of a recovery", c.CC, s.Start)
			}
		}
	}
}

// TestCwndRwndLimits: a slow reader behind a 64 KiB buffer limits the
// sender; the figure draws rwnd and cuts cwnd, which grows without loss,
// off the scale.
func TestCwndRwndLimits(t *testing.T) {
	res := run(t, bulk.Config{RcvWnd: 64 << 10, ReadRate: 2e6 / 8, Duration: 3 * time.Second, Trace: true})
	d, err := CwndData(res)
	require.NoError(t, err)
	assert.True(t, d.RwndLimits, "rwnd limits")
	f, err := Cwnd(res)
	require.NoError(t, err)
	assert.Contains(t, f.Legend(), "rwnd (receiver's window)")
	windowTop(d)
	assert.Greater(t, d.Clipped, 0.0, "cwnd is cut off above rwnd")
	assert.Contains(t, f.Legend(), "limits the sender.", "the legend says why cwnd is off the scale")
	assert.LessOrEqual(t, f.Panels[0].Y.Max, 60.0, "the axis is scaled to rwnd (45 segments), not cwnd")
}

// TestCwndLegend: the default figure names what it draws, with each loss
// kind it marks.
func TestCwndLegend(t *testing.T) {
	res := run(t, bulk.Config{CC: "newreno", Duration: 10 * time.Second, Trace: true, Seed: 1})
	f, err := Cwnd(res)
	require.NoError(t, err)
	legend := f.Legend()
	for _, want := range []string{"cwnd", "ssthresh", "loss: 3 duplicate ACKs", "loss: timeout", "slow start", "congestion avoidance", "fast recovery"} {
		assert.Contains(t, legend, want)
	}
	assert.NotContains(t, legend, "rwnd (receiver's window)", "rwnd never limits this run")
}

func TestCwndNeedsTrace(t *testing.T) {
	res := run(t, bulk.Config{Duration: time.Second})
	_, err := Cwnd(res)
	assert.ErrorIs(t, err, ErrNoTrace)
	_, err = RTT(res)
	assert.ErrorIs(t, err, ErrNoTrace)
	_, err = Stevens(res)
	assert.ErrorIs(t, err, ErrNoCapture)
}

// TestCompare: one panel per variant, on one scale; in the default
// script (three losses in one window) Reno alone needs the timer.
func TestCompare(t *testing.T) {
	rs, err := RunCompare(CompareRun(), CompareVariants())
	require.NoError(t, err)
	f, err := Compare(rs)
	require.NoError(t, err)
	require.Len(t, f.Panels, len(cc.Variants))
	for i, p := range f.Panels {
		assert.Equal(t, f.Panels[0].Y.Max, p.Y.Max, "panel %d: the same window scale", i)
		assert.Equal(t, f.Panels[0].X.Max, p.X.Max, "panel %d: the same time scale", i)
		assert.Contains(t, p.Title.Text, VariantName(cc.Variants[i]))
	}
	timeouts := map[string]int{}
	for _, r := range rs {
		timeouts[r.Config.CC] = r.Timeouts
		assert.Equal(t, 3, r.ScriptedDrops, "%s: the same three losses", r.Config.CC)
	}
	assert.Equal(t, map[string]int{"tahoe": 0, "reno": 1, "newreno": 0}, timeouts)
	_, err = RunCompare(CompareRun(), nil)
	assert.Error(t, err)
	_, err = Compare(nil)
	assert.Error(t, err)
}
