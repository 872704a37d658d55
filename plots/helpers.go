package plots

import (
	"image/color"
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Small pieces the figures share.

var whiteColor = color.White

func itoa(n int) string { return strconv.Itoa(n) }

// grid returns light grid lines at the major ticks.
func grid() *plotter.Grid {
	g := plotter.NewGrid()
	g.Vertical = line(color.RGBA{0xd8, 0xd8, 0xd8, 0xff}, 0.5)
	g.Horizontal = g.Vertical
	return g
}

// stepLine returns xys drawn as a step line: each value holds until the
// next point, as a window does between changes. The steps are made points
// of their own, so that a line clipped at the top of the axis is clipped
// where the step is, not along a diagonal.
func stepLine(xys plotter.XYs, sty draw.LineStyle) *plotter.Line {
	steps := make(plotter.XYs, 0, 2*len(xys))
	for i, p := range xys {
		if i > 0 && p.Y != xys[i-1].Y {
			steps = append(steps, plotter.XY{X: p.X, Y: xys[i-1].Y})
		}
		steps = append(steps, p)
	}
	return &plotter.Line{XYs: steps, LineStyle: sty}
}

// polyline returns xys joined by straight lines.
func polyline(xys plotter.XYs, sty draw.LineStyle) *plotter.Line {
	return &plotter.Line{XYs: xys, LineStyle: sty}
}

// scatter returns xys drawn as markers.
func scatter(xys plotter.XYs, sty draw.GlyphStyle) *plotter.Scatter {
	return &plotter.Scatter{XYs: xys, GlyphStyle: sty}
}

// markerLabels returns labels set beside the points they name, each on a
// white ground so that a line behind it does not cross it: to the right,
// unless that would cover the edge of the plot or one of the markers in
// avoid (in data coordinates), then to the left, then above.
func markerLabels(l plotter.XYLabels, avoid ...plotter.XYs) plot.Plotter {
	var all plotter.XYs
	for _, xys := range avoid {
		all = append(all, xys...)
	}
	return noteLabels{XYLabels: l, avoid: all}
}

// noteLabels draws short notes beside points, on a white ground.
type noteLabels struct {
	plotter.XYLabels
	avoid plotter.XYs
}

// Plot implements plot.Plotter.
func (n noteLabels) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	sty := textStyle(sans(noteSize), black)
	sty.YAlign = draw.YCenter
	gap := vg.Points(8)
	for i, text := range n.Labels {
		at := vg.Point{X: trX(n.XYs[i].X), Y: trY(n.XYs[i].Y)}
		w, h := sty.Width(text), sty.Height(text)
		covers := func(x0 vg.Length, y vg.Length) bool {
			if x0 < c.Min.X || x0+w > c.Max.X || y+h/2 > c.Max.Y {
				return true
			}
			for _, q := range n.avoid {
				m := vg.Point{X: trX(q.X), Y: trY(q.Y)}
				if m == at {
					continue
				}
				if m.X > x0-gap/2 && m.X < x0+w+gap/2 && m.Y > y-h/2-gap/2 && m.Y < y+h/2+gap/2 {
					return true
				}
			}
			return false
		}
		pt := vg.Point{X: at.X + gap, Y: at.Y}
		switch {
		case !covers(pt.X, pt.Y):
		case !covers(at.X-gap-w, at.Y):
			pt.X = at.X - gap - w
		default:
			pt = vg.Point{X: at.X - w/2, Y: at.Y + gap + h/2}
		}
		box := []vg.Point{{X: pt.X - 2, Y: pt.Y - h/2 - 1}, {X: pt.X + w + 2, Y: pt.Y - h/2 - 1},
			{X: pt.X + w + 2, Y: pt.Y + h/2 + 1}, {X: pt.X - 2, Y: pt.Y + h/2 + 1}}
		c.FillPolygon(color.NRGBA{0xff, 0xff, 0xff, 0xb8}, box)
		c.FillText(sty, pt, text)
	}
}

// maxY returns the largest y of xys, or 0.
func maxY(xys plotter.XYs) float64 {
	m := 0.0
	for _, p := range xys {
		if p.Y > m {
			m = p.Y
		}
	}
	return m
}

// niceCeil rounds x up to 1, 2 or 5 times a power of ten, or to a
// multiple of one of those a quarter as large, for the top of an axis.
func niceCeil(x float64) float64 {
	if x <= 0 {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(x)))
	for _, m := range []float64{1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10} {
		if m*p >= x {
			return m * p
		}
	}
	return 10 * p
}

// thickCross is an × drawn with a heavier stroke than draw.CrossGlyph, so
// that it reads at a glance.
type thickCross struct{}

func (thickCross) DrawGlyph(c *draw.Canvas, sty draw.GlyphStyle, pt vg.Point) {
	c.SetLineStyle(draw.LineStyle{Color: sty.Color, Width: vg.Points(2.2)})
	r := sty.Radius * 0.85
	var p vg.Path
	p.Move(vg.Point{X: pt.X - r, Y: pt.Y - r})
	p.Line(vg.Point{X: pt.X + r, Y: pt.Y + r})
	c.Stroke(p)
	p = vg.Path{}
	p.Move(vg.Point{X: pt.X - r, Y: pt.Y + r})
	p.Line(vg.Point{X: pt.X + r, Y: pt.Y - r})
	c.Stroke(p)
}

// niceTicks labels about five round values (1, 2 or 5 times a power of
// ten apart) across the axis, with unlabelled minor ticks between.
type niceTicks struct{}

// Ticks implements plot.Ticker.
func (niceTicks) Ticks(min, max float64) []plot.Tick {
	if !(max > min) {
		return []plot.Tick{{Value: min, Label: formatTick(min, 0)}}
	}
	step, minor := niceStep(max - min)
	var ts []plot.Tick
	first := math.Ceil(min/minor-1e-9) * minor
	for i := 0; ; i++ {
		v := first + float64(i)*minor
		if v > max+minor*1e-9 {
			break
		}
		t := plot.Tick{Value: v}
		if r := math.Mod(math.Abs(v)+step*1e-9, step); r < step*1e-6 {
			t.Label = formatTick(v, step)
		}
		ts = append(ts, t)
	}
	return ts
}

// niceStep returns the labelled step, 1, 2 or 5 times a power of ten
// giving about five labels, and the minor step.
func niceStep(span float64) (step, minor float64) {
	raw := span / 5
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	switch m := raw / p; {
	case m < 1.5:
		return p, p / 5
	case m < 3.5:
		return 2 * p, p / 2
	case m < 7.5:
		return 5 * p, p
	}
	return 10 * p, 2 * p
}

// formatTick writes a tick's value with no more decimals than step needs.
func formatTick(v, step float64) string {
	if math.Abs(v) < step*1e-6 {
		v = 0
	}
	prec := 0
	for s := step; prec < 6 && s > 0 && math.Abs(s-math.Round(s)) > 1e-9; s *= 10 {
		prec++
	}
	return strconv.FormatFloat(v, 'f', prec, 64)
}

// integerTicks marks every step-th integer from min to max, labelled, and
// the others unlabelled: for rounds and windows counted in whole units.
func integerTicks(step int) plot.Ticker {
	return plot.TickerFunc(func(min, max float64) []plot.Tick {
		var ts []plot.Tick
		for v := math.Ceil(min); v <= max; v++ {
			t := plot.Tick{Value: v}
			if int(v)%step == 0 {
				t.Label = strconv.Itoa(int(v))
			}
			ts = append(ts, t)
		}
		return ts
	})
}

// mean returns the arithmetic mean of xs, which must not be empty.
func mean(xs []float64) float64 {
	sum := 0.0
	for _, x := range xs {
		sum += x
	}
	return sum / float64(len(xs))
}
