package plots

import (
	"math"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/tcpedu/tcpedu/tcpedu/bulk"
)

// RTTRun is the run the rtt figure draws when nothing else is asked for:
// a 2 Mbit/s bottleneck, 20 ms one way, a 50-packet queue, and Linux's
// 200 ms floor on the RTO (RFC 6298's 1 s would hide the formula), for
// 20 s. A full queue adds 300 ms to the round trip, so R swings between
// 45 and 350 ms and SRTT, RTTVAR and the RTO follow; slow start's
// overshoot ends in two timeouts, and the RTO doubles at each.
func RTTRun() bulk.Config {
	return bulk.Config{CC: bulk.DefaultCC, Bandwidth: 2e6, Delay: bulk.DefaultDelay,
		Queue: bulk.DefaultQueue, MinRTO: 200 * time.Millisecond, Duration: 20 * time.Second, Seed: 1, Trace: true}
}

// RTTSeries is the data behind the rtt figure, times in seconds and
// durations in milliseconds.
type RTTSeries struct {
	Samples  plotter.XYs // each round-trip measurement R, at the time it was taken
	SRTT     plotter.XYs
	RTTVAR   plotter.XYs
	RTO      plotter.XYs // backoff included
	Formula  plotter.XYs // SRTT + 4·RTTVAR: RTO before the floor and backoff
	Timeouts plotter.XYs // each expiry of the timer, at the RTO it doubled
	Duration time.Duration
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// RTTData extracts the rtt figure's data from a traced run: a point per
// round-trip measurement (where Sample.RTTSamples grows), and SRTT,
// RTTVAR and RTO at every change.
func RTTData(res *bulk.Result) (*RTTSeries, error) {
	if res == nil || len(res.Trace) == 0 {
		return nil, ErrNoTrace
	}
	d := &RTTSeries{Duration: res.Config.WithDefaults().Duration}
	seen, timeouts := 0, 0
	for i, s := range res.Trace {
		t := s.At.Seconds()
		if s.RTTSamples > seen {
			d.Samples = append(d.Samples, plotter.XY{X: t, Y: ms(s.RTT)})
			seen = s.RTTSamples
		}
		if s.SRTT > 0 {
			d.SRTT = append(d.SRTT, plotter.XY{X: t, Y: ms(s.SRTT)})
			d.RTTVAR = append(d.RTTVAR, plotter.XY{X: t, Y: ms(s.RTTVAR)})
			d.Formula = append(d.Formula, plotter.XY{X: t, Y: ms(s.SRTT + 4*s.RTTVAR)})
		}
		d.RTO = append(d.RTO, plotter.XY{X: t, Y: ms(s.RTO)})
		if i > 0 && s.Timeouts > timeouts {
			d.Timeouts = append(d.Timeouts, plotter.XY{X: t, Y: ms(res.Trace[i-1].RTO)})
		}
		timeouts = s.Timeouts
	}
	return d, nil
}

// Styles of the rtt figure.
var (
	sampleGlyph  = draw.GlyphStyle{Color: grey, Radius: vg.Points(2.2), Shape: draw.CircleGlyph{}}
	srttStyle    = line(blue, 2)
	rttvarStyle  = line(green, 1.5)
	rtoStyle     = line(vermilion, 2)
	formulaStyle = line(vermilion, 1.2, dotted...)
)

// RTT draws the retransmission timer's inputs and output over time for a
// traced run (RFC 6298): each round-trip measurement R as a dot, SRTT and
// RTTVAR, and RTO = max(SRTT + 4·RTTVAR, the floor), doubling at each
// timeout (backoff) until a new measurement resets it. The time axis is
// logarithmic in milliseconds, so that a 40 ms round trip and a 1.6 s
// backed-off RTO are both legible.
func RTT(res *bulk.Result) (*Figure, error) {
	d, err := RTTData(res)
	if err != nil {
		return nil, err
	}
	c := res.Config.WithDefaults()
	f := &Figure{
		Title:    "Round-trip time and the retransmission timeout, " + VariantName(c.CC),
		Subtitle: describePath(c),
	}
	p := newPlot("time (s)", "milliseconds (log scale)")
	// The y axis is drawn linear in log10 of the milliseconds, its ticks
	// labelled with the milliseconds: gonum's LogScale places the axis
	// label as if the scale were linear.
	p.Y.Tick.Marker = logTicks{}
	p.Add(grid())
	end := d.Duration.Seconds()
	lo, hi := math.Inf(1), 0.0
	for _, xys := range []plotter.XYs{d.Samples, d.SRTT, d.RTTVAR, d.RTO} {
		for _, q := range xys {
			if q.Y > 0 && q.Y < lo {
				lo = q.Y
			}
			if q.Y > hi {
				hi = q.Y
			}
		}
	}
	if math.IsInf(lo, 1) {
		lo, hi = 1, 1000
	}
	// Log axes cannot show 0: RTTVAR of 0 (equal samples) is drawn at the
	// bottom of the axis.
	bottom := math.Floor(math.Log10(lo))
	p.Add(stepLine(extend(log10(d.RTTVAR, bottom), end), rttvarStyle))
	p.Add(stepLine(extend(log10(d.SRTT, bottom), end), srttStyle))
	p.Add(stepLine(extend(log10(d.Formula, bottom), end), formulaStyle))
	p.Add(stepLine(extend(log10(d.RTO, bottom), end), rtoStyle))
	p.Add(scatter(log10(d.Samples, bottom), sampleGlyph))
	if len(d.Timeouts) > 0 {
		p.Add(scatter(log10(d.Timeouts, bottom), timeoutGlyph))
	}
	p.X.Min, p.X.Max = 0, end
	p.X.Tick.Marker = niceTicks{}
	p.Y.Min, p.Y.Max = bottom, math.Log10(hi)+0.15
	f.Panels = []*plot.Plot{p}

	f.addLegend("RTO (timeout)", lineThumb{rtoStyle})
	f.addLegend("SRTT + 4·RTTVAR", lineThumb{formulaStyle})
	f.addLegend("SRTT (smoothed)", lineThumb{srttStyle})
	f.addLegend("RTTVAR (variation)", lineThumb{rttvarStyle})
	f.addLegend("R: one measured RTT", glyphThumb{sampleGlyph})
	if len(d.Timeouts) > 0 {
		f.addLegend("timeout: RTO doubles", glyphThumb{timeoutGlyph})
	}
	f.addLegend("")
	f.addLegend("After each R:")
	f.addLegend("RTO = max(SRTT + 4·RTTVAR, " + formatDuration(c.MinRTO) + ")")
	return f, nil
}

// log10 returns xys with every y replaced by its logarithm, raised to
// min where it is lower (a log axis cannot show 0: an RTTVAR of 0 is drawn
// at the bottom).
func log10(xys plotter.XYs, min float64) plotter.XYs {
	out := make(plotter.XYs, len(xys))
	for i, q := range xys {
		y := min
		if q.Y > 0 && math.Log10(q.Y) > min {
			y = math.Log10(q.Y)
		}
		out[i] = plotter.XY{X: q.X, Y: y}
	}
	return out
}

// logTicks marks an axis whose values are log10 of the quantity: 1 to 9
// times each power of ten, labelled at 1, 2 and 5 (only at 1 when the
// axis spans more than three powers of ten, so that labels do not run
// into each other), in plain numbers ("200", not "2e+02"), or as
// percentages when Percent is set.
type logTicks struct{ Percent bool }

// Ticks implements plot.Ticker.
func (l logTicks) Ticks(min, max float64) []plot.Tick {
	sparse := max-min > 3.01
	var ts []plot.Tick
	for e := math.Floor(min); e <= math.Ceil(max); e++ {
		p := math.Pow(10, e)
		for m := 1.0; m < 10; m++ {
			v := math.Log10(m * p)
			if v < min-1e-9 || v > max+1e-9 {
				continue
			}
			t := plot.Tick{Value: v}
			if m == 1 || !sparse && (m == 2 || m == 5) {
				if l.Percent {
					t.Label = formatTick(100*m*p, 100*p) + "%"
				} else {
					t.Label = formatTick(m*p, p)
				}
			}
			ts = append(ts, t)
		}
	}
	return ts
}
