package plots

import (
	"image/color"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/tcpedu/tcpedu/tcpedu/bulk"
	"github.com/tcpedu/tcpedu/tcpedu/cc"
)

// PhaseSpan is an interval of a run during which the sender stayed in one
// phase: slow start, congestion avoidance or fast recovery.
type PhaseSpan struct {
	Phase      cc.Phase
	Start, End time.Duration
}

// PhaseSpans cuts a trace into spans of one phase each, in order. A span
// begins at the first sample in its phase and ends where the next begins;
// the last ends at end (the run's length). The time before the first
// sample (the handshake) belongs to no span.
func PhaseSpans(trace []bulk.Sample, end time.Duration) []PhaseSpan {
	var spans []PhaseSpan
	for _, s := range trace {
		if n := len(spans); n > 0 && spans[n-1].Phase == s.Phase {
			continue
		}
		if n := len(spans); n > 0 {
			spans[n-1].End = s.At
		}
		spans = append(spans, PhaseSpan{Phase: s.Phase, Start: s.At})
	}
	if n := len(spans); n > 0 {
		spans[n-1].End = end
		if end < spans[n-1].Start {
			spans[n-1].End = spans[n-1].Start
		}
	}
	return spans
}

// The shades of the three phases: pale enough that every line stays
// legible over them.
var (
	slowStartShade    = color.RGBA{0xdf, 0xf2, 0xdf, 0xff}
	avoidanceShade    = color.RGBA{0xe2, 0xec, 0xf8, 0xff}
	fastRecoveryShade = color.RGBA{0xfc, 0xe3, 0xc8, 0xff}
)

// phaseShade returns the shade of a phase.
func phaseShade(p cc.Phase) color.Color {
	switch p {
	case cc.SlowStart:
		return slowStartShade
	case cc.FastRecovery:
		return fastRecoveryShade
	}
	return avoidanceShade
}

// phaseOrder is the order of the phases in a legend.
var phaseOrder = []cc.Phase{cc.SlowStart, cc.CongestionAvoidance, cc.FastRecovery}

// band is a shaded interval of the x axis, the full height of the data
// area.
type band struct {
	X0, X1 float64
	Fill   color.Color
}

// bands is a plotter that shades intervals of the x axis; add it to a
// plot first, so that it lies under everything else.
type bands []band

// Plot implements plot.Plotter.
func (b bands) Plot(c draw.Canvas, p *plot.Plot) {
	trX, _ := p.Transforms(&c)
	for _, x := range b {
		x0, x1 := trX(x.X0), trX(x.X1)
		if x0 < c.Min.X {
			x0 = c.Min.X
		}
		if x1 > c.Max.X {
			x1 = c.Max.X
		}
		if x1 <= x0 {
			continue
		}
		c.FillPolygon(x.Fill, []vg.Point{{X: x0, Y: c.Min.Y}, {X: x1, Y: c.Min.Y}, {X: x1, Y: c.Max.Y}, {X: x0, Y: c.Max.Y}})
	}
}

// phaseBands shades spans, with times in seconds on the x axis.
func phaseBands(spans []PhaseSpan) bands {
	var b bands
	for _, s := range spans {
		b = append(b, band{X0: s.Start.Seconds(), X1: s.End.Seconds(), Fill: phaseShade(s.Phase)})
	}
	return b
}

// addPhaseLegend adds the shades of the phases that spans use.
func (f *Figure) addPhaseLegend(spans []PhaseSpan) {
	for _, ph := range phaseOrder {
		for _, s := range spans {
			if s.Phase == ph {
				f.addLegend(string(ph), boxThumb{phaseShade(ph)})
				break
			}
		}
	}
}
