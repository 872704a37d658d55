package plots

import (
	"errors"
	"math"
	"strconv"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/tcpedu/tcpedu/tcpedu/bulk"
	"github.com/tcpedu/tcpedu/tcpedu/cc"
)

// CwndRun is the run the cwnd figure draws when nothing else is asked
// for: tcpedu sim's default path (NewReno, 10 Mbit/s, 20 ms one way, a
// 50-packet queue) for 30 s, where slow start overflows the queue, two
// long recoveries end in timeouts, and congestion avoidance saws from
// then on, each tooth ended by three duplicate ACKs.
func CwndRun() bulk.Config {
	return bulk.Config{CC: bulk.DefaultCC, Bandwidth: bulk.DefaultBandwidth, Delay: bulk.DefaultDelay,
		Queue: bulk.DefaultQueue, Duration: 30 * time.Second, Seed: 1, Trace: true}
}

// CwndSeries is the data behind the cwnd figure. Times are in seconds,
// windows in bytes.
type CwndSeries struct {
	CC       string // the variant
	MSS      int
	Duration time.Duration
	Cwnd     plotter.XYs // every change
	Ssthresh plotter.XYs // from the first loss on: before it, ssthresh is "arbitrarily high"
	Rwnd     plotter.XYs // the window the receiver offers
	// RwndLimits reports whether rwnd was ever below cwnd, so that flow
	// control, not congestion control, set the pace; the figure draws
	// rwnd only then.
	RwndLimits bool
	Phases     []PhaseSpan
	Losses     []bulk.LossEvent
	phase      []cc.Phase // of each point of Cwnd

	// Clipped is the top of the cwnd line, in segments, when the figure
	// cut it off (see Cwnd); 0 if it did not.
	Clipped float64
}

func (d *CwndSeries) phaseAt(i int) cc.Phase { return d.phase[i] }

// ErrNoTrace is returned for a run made without Config.Trace, or so short
// that the handshake never completed.
var ErrNoTrace = errors.New("plots: the run has no trace: set bulk.Config.Trace, and run long enough for the handshake")

// CwndData extracts the cwnd figure's data from a traced run.
func CwndData(res *bulk.Result) (*CwndSeries, error) {
	if res == nil || len(res.Trace) == 0 {
		return nil, ErrNoTrace
	}
	c := res.Config.WithDefaults()
	d := &CwndSeries{CC: c.CC, MSS: c.MSS, Duration: c.Duration}
	limited := false
	for _, s := range res.Trace {
		t := s.At.Seconds()
		d.Cwnd = append(d.Cwnd, plotter.XY{X: t, Y: float64(s.Cwnd)})
		d.phase = append(d.phase, s.Phase)
		if s.Ssthresh < math.MaxInt32 {
			d.Ssthresh = append(d.Ssthresh, plotter.XY{X: t, Y: float64(s.Ssthresh)})
		}
		d.Rwnd = append(d.Rwnd, plotter.XY{X: t, Y: float64(s.SndWnd)})
		if s.SndWnd < s.Cwnd {
			limited = true
		}
	}
	d.RwndLimits = limited
	d.Phases = PhaseSpans(res.Trace, c.Duration)
	d.Losses = bulk.LossEvents(res.Trace)
	return d, nil
}

// inSegments returns xys with every y divided by mss.
func inSegments(xys plotter.XYs, mss int) plotter.XYs {
	out := make(plotter.XYs, len(xys))
	for i, p := range xys {
		out[i] = plotter.XY{X: p.X, Y: p.Y / float64(mss)}
	}
	return out
}

// extend returns xys with one more point, at x, holding the last value:
// a step line drawn to the end of the run.
func extend(xys plotter.XYs, x float64) plotter.XYs {
	if len(xys) == 0 || xys[len(xys)-1].X >= x {
		return xys
	}
	return append(append(plotter.XYs(nil), xys...), plotter.XY{X: x, Y: xys[len(xys)-1].Y})
}

// Cwnd draws cwnd and ssthresh over time for one traced run (made with
// Config.Trace): the phases shaded, each loss marked where the sender
// reacted to it and labelled by how it was detected, and rwnd where it is
// what limits the sender.
func Cwnd(res *bulk.Result) (*Figure, error) {
	d, err := CwndData(res)
	if err != nil {
		return nil, err
	}
	c := res.Config.WithDefaults()
	f := &Figure{
		Title:    "Congestion window of one " + VariantName(c.CC) + " transfer",
		Subtitle: describePath(c),
	}
	p := newPlot("time (s)", "window (segments of "+itoa(d.MSS)+" bytes)")
	drawWindows(p, d, windowTop(d))
	f.Panels = []*plot.Plot{p}
	addWindowLegend(f, []*CwndSeries{d})
	return f, nil
}

// Styles of the cwnd figure's lines and markers.
var (
	cwndStyle     = line(blue, 2)
	ssthreshStyle = line(black, 1.5, dashed...)
	rwndStyle     = line(green, 1.5)
	dupACKGlyph   = draw.GlyphStyle{Color: orange, Radius: vg.Points(5), Shape: draw.PyramidGlyph{}}
	timeoutGlyph  = draw.GlyphStyle{Color: darkRed, Radius: vg.Points(5), Shape: thickCross{}}
)

// windowTop returns the top of the window axis for d, in segments, and
// sets d.Clipped. Slow start's overshoot can leave a fast recovery in
// which every duplicate ACK inflates cwnd to many times what the path
// holds; drawn to scale, the sawtooth after it would be a flat line at the
// bottom. Such a spike is cut at the top of the axis, and the legend says
// how high it went; so is a cwnd that grows far above an rwnd that limits
// the sender.
func windowTop(d *CwndSeries) float64 {
	ymax := maxY(inSegments(d.Cwnd, d.MSS))
	if m := maxY(inSegments(d.Ssthresh, d.MSS)); m > ymax {
		ymax = m
	}
	if d.RwndLimits {
		if m := maxY(inSegments(d.Rwnd, d.MSS)); m > ymax {
			ymax = m
		}
	}
	d.Clipped = 0
	if m := focusTop(d); m > 0 && ymax > 2*m {
		d.Clipped = ymax
		ymax = m
	}
	return niceCeil(ymax * 1.12)
}

// drawWindows adds d's shading, lines and loss markers to p, with the
// window axis from 0 to top segments.
func drawWindows(p *plot.Plot, d *CwndSeries, top float64) {
	end := d.Duration.Seconds()
	p.Add(phaseBands(d.Phases))
	p.Add(grid())
	if len(d.Ssthresh) > 0 {
		p.Add(stepLine(extend(inSegments(d.Ssthresh, d.MSS), end), ssthreshStyle))
	}
	if d.RwndLimits {
		p.Add(stepLine(extend(inSegments(d.Rwnd, d.MSS), end), rwndStyle))
	}
	p.Add(stepLine(extend(inSegments(d.Cwnd, d.MSS), end), cwndStyle))
	var dup, rto plotter.XYs
	for _, e := range d.Losses {
		pt := lossPoint(e, d.MSS, top)
		if e.Detected == bulk.Timeout {
			rto = append(rto, pt)
		} else {
			dup = append(dup, pt)
		}
	}
	// Name one loss of each kind, the one with the most room round it;
	// the legend names the rest.
	var labels plotter.XYLabels
	for _, kind := range []bulk.Detection{bulk.TripleDupACK, bulk.Timeout} {
		if i := roomiest(d.Losses, kind); i >= 0 {
			labels.XYs = append(labels.XYs, lossPoint(d.Losses[i], d.MSS, top))
			labels.Labels = append(labels.Labels, kind.String())
		}
	}
	if len(dup) > 0 {
		p.Add(scatter(dup, dupACKGlyph))
	}
	if len(rto) > 0 {
		p.Add(scatter(rto, timeoutGlyph))
	}
	if len(labels.XYs) > 0 {
		p.Add(markerLabels(labels, dup, rto))
	}
	p.Y.Min, p.Y.Max = 0, top
	p.X.Min, p.X.Max = 0, end
	p.Y.Tick.Marker = niceTicks{}
	p.X.Tick.Marker = niceTicks{}
}

// addWindowLegend adds the legend of the windows drawn from ds: an entry
// for each line, marker and shade that one of them uses.
func addWindowLegend(f *Figure, ds []*CwndSeries) {
	var ss, rw, dup, rto bool
	var spans []PhaseSpan
	var clipped *CwndSeries
	for _, d := range ds {
		ss = ss || len(d.Ssthresh) > 0
		rw = rw || d.RwndLimits
		for _, e := range d.Losses {
			dup = dup || e.Detected == bulk.TripleDupACK
			rto = rto || e.Detected == bulk.Timeout
		}
		spans = append(spans, d.Phases...)
		if d.Clipped > 0 && (clipped == nil || d.Clipped > clipped.Clipped) {
			clipped = d
		}
	}
	f.addLegend("cwnd", lineThumb{cwndStyle})
	if ss {
		f.addLegend("ssthresh", lineThumb{ssthreshStyle})
	}
	if rw {
		f.addLegend("rwnd (receiver's window)", lineThumb{rwndStyle})
	}
	if dup {
		f.addLegend("loss: 3 duplicate ACKs", glyphThumb{dupACKGlyph})
	}
	if rto {
		f.addLegend("loss: timeout", glyphThumb{timeoutGlyph})
	}
	f.addPhaseLegend(spans)
	if clipped != nil {
		f.addLegend("")
		if len(ds) > 1 {
			f.addLegend(VariantName(clipped.CC) + ", off the scale:")
		} else {
			f.addLegend("Off the scale:")
		}
		for _, l := range clipNote(clipped) {
			f.addLegend(l)
		}
	}
}

// focusTop returns the top of what the figure must show, in segments:
// ssthresh, cwnd outside fast recovery, and, where rwnd limits the
// sender, rwnd and not the cwnd above it. The rest may be cut off.
func focusTop(d *CwndSeries) float64 {
	m := maxY(inSegments(d.Ssthresh, d.MSS))
	for i, p := range d.Cwnd {
		if d.phase[i] == cc.FastRecovery {
			continue
		}
		w := p.Y
		if d.RwndLimits {
			if r := d.Rwnd[i].Y; r < w {
				w = r
			}
			if r := d.Rwnd[i].Y; r > w && r/float64(d.MSS) > m {
				m = r / float64(d.MSS)
			}
		}
		if w/float64(d.MSS) > m {
			m = w / float64(d.MSS)
		}
	}
	return m
}

// clipNote returns the legend's explanation of a cwnd line cut off at the
// top: why it went so high.
func clipNote(d *CwndSeries) []string {
	top := strconv.Itoa(int(d.Clipped + 0.5))
	inRecovery := false
	for i, p := range d.Cwnd {
		if p.Y/float64(d.MSS) >= d.Clipped-0.5 {
			inRecovery = d.phase[i] == cc.FastRecovery
			break
		}
	}
	if inRecovery {
		return []string{"in fast recovery each duplicate", "ACK inflates cwnd, here up", "to " + top + " segments."}
	}
	return []string{"with no loss, cwnd grows to", top + " segments; rwnd, not cwnd,", "limits the sender."}
}

// lossPoint returns where a loss's marker goes: at the time the sender
// reacted, on cwnd just before, in segments, kept below top.
func lossPoint(e bulk.LossEvent, mss int, top float64) plotter.XY {
	y := float64(e.Before.Cwnd) / float64(mss)
	if y > top*0.97 {
		y = top * 0.97
	}
	return plotter.XY{X: e.At.Seconds(), Y: y}
}

// roomiest returns the index of the loss of the given kind with the most
// room round it (the longest time to the nearest other loss), preferring
// an earlier one that has nearly as much; -1 if there is none of that
// kind.
func roomiest(losses []bulk.LossEvent, kind bulk.Detection) int {
	room := make([]time.Duration, len(losses))
	most := time.Duration(-1)
	for i, e := range losses {
		r := time.Duration(math.MaxInt64)
		for j, o := range losses {
			gap := e.At - o.At
			if gap < 0 {
				gap = -gap
			}
			if j != i && gap < r {
				r = gap
			}
		}
		room[i] = r
		if e.Detected == kind && r > most {
			most = r
		}
	}
	for i, e := range losses {
		if e.Detected == kind && float64(room[i]) >= 0.8*float64(most) {
			return i
		}
	}
	return -1
}
