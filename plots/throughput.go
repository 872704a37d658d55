package plots

import (
	"errors"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/tcpedu/tcpedu/tcpedu/bulk"
)

// MathisCurve returns the Mathis formula's goodput (bulk.MathisGoodput)
// at n loss rates spread evenly on a log scale from lo to hi, bits per
// second, capped at the bottleneck's rate: no formula gives more than the
// link carries.
func MathisCurve(mss int, s *Sweep, lo, hi float64, n int) plotter.XYs {
	var xys plotter.XYs
	for i := 0; i < n; i++ {
		p := math.Pow(10, math.Log10(lo)+float64(i)*(math.Log10(hi)-math.Log10(lo))/float64(n-1))
		g := bulk.MathisGoodput(mss, s.RTT, p)
		if g > s.Run.Bandwidth {
			g = s.Run.Bandwidth
		}
		xys = append(xys, plotter.XY{X: p, Y: g})
	}
	return xys
}

// Styles of the throughput figure.
var (
	mathisStyle   = line(black, 2)
	capacityStyle = line(grey, 1.5, dashed...)
)

// Throughput draws goodput against the loss rate from a sweep, both axes
// logarithmic: one marker per variant and loss rate (the mean over the
// seeds), the Mathis formula's curve, and the bottleneck's rate. Where
// the formula's assumptions hold (losses found by three duplicate ACKs,
// no timeouts) the markers follow the curve's slope of −1/2; at high loss
// rates timeouts pull goodput below it, and at low ones the link's
// capacity or the run's length caps it.
func Throughput(s *Sweep) (*Figure, error) {
	if s == nil || len(s.Points) == 0 {
		return nil, errors.New("plots: the sweep has no points")
	}
	c := s.Run
	f := &Figure{
		Title:    "Goodput against random loss, and the Mathis formula",
		Subtitle: describeSweep(s),
	}
	p := newPlot("data segments lost at random (log scale)", "goodput (Mbit/s, log scale)")
	p.Add(grid())
	lo, hi := s.Config.Losses[0], s.Config.Losses[0]
	for _, l := range s.Config.Losses {
		if l < lo {
			lo = l
		}
		if l > hi {
			hi = l
		}
	}
	xlo, xhi := math.Floor(math.Log10(lo)+1e-9), math.Ceil(math.Log10(hi)-1e-9)
	if xhi > 0 {
		xhi = 0
	}
	curve := MathisCurve(s.MSS, s, math.Pow(10, xlo), math.Pow(10, xhi), 100)
	ymin, ymax := math.Inf(1), s.Run.Bandwidth
	for _, q := range curve {
		if q.Y < ymin {
			ymin = q.Y
		}
	}
	var variants []string
	for _, pt := range s.Points {
		if len(variants) == 0 || variants[len(variants)-1] != pt.CC {
			variants = append(variants, pt.CC)
		}
		if m := pt.Mean(); m > 0 && m < ymin {
			ymin = m
		}
	}
	toLog := func(xys plotter.XYs) plotter.XYs {
		out := make(plotter.XYs, 0, len(xys))
		for _, q := range xys {
			if q.X > 0 && q.Y > 0 {
				out = append(out, plotter.XY{X: math.Log10(q.X), Y: math.Log10(q.Y / 1e6)})
			}
		}
		return out
	}
	p.Add(polyline(toLog(plotter.XYs{{X: math.Pow(10, xlo), Y: c.Bandwidth}, {X: math.Pow(10, xhi), Y: c.Bandwidth}}), capacityStyle))
	p.Add(polyline(toLog(curve), mathisStyle))
	f.addLegend("bottleneck, "+formatRate(c.Bandwidth), lineThumb{capacityStyle})
	f.addLegend("Mathis: (MSS/RTT)·√(3/(2p))", lineThumb{mathisStyle})
	for i, v := range variants {
		var xys plotter.XYs
		for _, pt := range s.Points {
			if pt.CC == v {
				xys = append(xys, plotter.XY{X: pt.Loss, Y: pt.Mean()})
			}
		}
		g := draw.GlyphStyle{Color: seriesColor(i), Radius: vg.Points(4.5), Shape: seriesGlyph(i)}
		sty := line(seriesColor(i), 1, dotted...)
		p.Add(polyline(toLog(xys), sty), scatter(toLog(xys), g))
		f.addLegend(VariantName(v)+", simulated", lineThumb{sty}, glyphThumb{g})
	}
	p.X.Min, p.X.Max = xlo, xhi
	p.Y.Min, p.Y.Max = math.Floor(math.Log10(ymin/1e6)), math.Log10(ymax/1e6)+0.15
	p.X.Tick.Marker, p.Y.Tick.Marker = logTicks{Percent: true}, logTicks{}
	f.Panels = []*plot.Plot{p}
	f.addLegend("")
	f.addLegend("RTT " + formatDuration(s.RTT) + " (empty queue)")
	f.addLegend("MSS " + itoa(s.MSS) + " bytes")
	return f, nil
}

// describeSweep says what a sweep ran.
func describeSweep(s *Sweep) string {
	c := s.Run
	seeds := s.Config.Seeds
	if seeds < 1 {
		seeds = 1
	}
	d := formatRate(c.Bandwidth) + " bottleneck, " + formatDuration(c.Delay) + " one way, "
	if c.NoQueueLimit {
		d += "unlimited queue, "
	} else {
		d += "queue " + itoa(c.Queue) + " packets, "
	}
	d += formatDuration(c.Duration) + " per run, " + countNoun(seeds, "seed") + " per point from seed " + itoa(int(s.Config.Run.Seed))
	return d
}
