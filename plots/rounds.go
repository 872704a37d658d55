package plots

import (
	"errors"
	"fmt"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/tcpedu/tcpedu/tcpedu/cc"
)

// RoundsDefault is the exercise the rounds figure draws when nothing else
// is asked for: Kurose and Ross's Figure 3.53, ssthresh 8 segments and
// three duplicate ACKs at the end of round 8, for Tahoe and Reno.
func RoundsDefault() (cc.RoundsConfig, []cc.Variant) {
	return cc.RoundsConfig{Ssthresh: 8, Cwnd: 1, Rounds: 15, Events: []cc.Event{{Round: 8, Loss: cc.TripleDup}}},
		[]cc.Variant{cc.TahoeRounds, cc.RenoRounds}
}

// RoundsSeries is the data behind the rounds figure: cc.Rounds for each
// variant, with c's variant replaced.
type RoundsSeries struct {
	Config   cc.RoundsConfig
	Variants []cc.Variant
	Rows     [][]cc.Round // Rows[i] for Variants[i]
}

// RoundsData runs the round model once per variant.
func RoundsData(c cc.RoundsConfig, variants []cc.Variant) (*RoundsSeries, error) {
	if len(variants) == 0 {
		return nil, errors.New("plots: the rounds figure needs at least one variant")
	}
	d := &RoundsSeries{Config: c, Variants: variants}
	for _, v := range variants {
		vc := c
		vc.Variant = v
		rows, err := cc.Rounds(vc)
		if err != nil {
			return nil, err
		}
		d.Rows = append(d.Rows, rows)
	}
	return d, nil
}

// sameSsthresh reports whether every variant has the same ssthresh in
// every round, so that one line draws them all.
func (d *RoundsSeries) sameSsthresh() bool {
	for _, rows := range d.Rows[1:] {
		for i, r := range rows {
			if r.Ssthresh != d.Rows[0][i].Ssthresh {
				return false
			}
		}
	}
	return true
}

// Rounds draws the textbook figure of the round model: cwnd in segments
// against the transmission round, one line with markers per variant,
// ssthresh dashed, and each loss named at the round at whose end it is
// detected. With one variant the rounds are shaded by phase.
func Rounds(c cc.RoundsConfig, variants []cc.Variant) (*Figure, error) {
	d, err := RoundsData(c, variants)
	if err != nil {
		return nil, err
	}
	names := make([]string, len(variants))
	for i, v := range variants {
		names[i] = VariantName(v.String())
	}
	f := &Figure{
		Title:    "cwnd per transmission round: " + strings.Join(names, " and "),
		Subtitle: roundsSubtitle(c),
	}
	p := newPlot("transmission round", "congestion window (segments)")
	if len(variants) == 1 {
		var b bands
		for _, r := range d.Rows[0] {
			b = append(b, band{X0: float64(r.Round) - 0.5, X1: float64(r.Round) + 0.5, Fill: phaseShade(r.Phase)})
		}
		p.Add(b)
	}
	p.Add(grid())
	top := 0
	one := d.sameSsthresh()
	for i, rows := range d.Rows {
		if i > 0 && one {
			break
		}
		var ss plotter.XYs
		for _, r := range rows {
			// ssthresh holds for the whole round: a step from its start
			// to its end.
			ss = append(ss, plotter.XY{X: float64(r.Round) - 0.5, Y: float64(r.Ssthresh)})
			if r.Ssthresh > top {
				top = r.Ssthresh
			}
		}
		ss = extend(ss, float64(len(rows))+0.5)
		sty := line(seriesColor(i), 1.5, dashed...)
		name := "ssthresh (" + names[i] + ")"
		if one {
			sty.Color, name = black, "ssthresh"
		}
		p.Add(stepLine(ss, sty))
		f.addLegend(name, lineThumb{sty})
	}
	for i, rows := range d.Rows {
		var xy plotter.XYs
		for _, r := range rows {
			xy = append(xy, plotter.XY{X: float64(r.Round), Y: float64(r.Cwnd)})
			if r.Cwnd > top {
				top = r.Cwnd
			}
		}
		l := polyline(xy, line(seriesColor(i), 2))
		g := draw.GlyphStyle{Color: seriesColor(i), Radius: vg.Points(4), Shape: seriesGlyph(i)}
		p.Add(l, scatter(xy, g))
		f.addLegend("cwnd, "+names[i], lineThumb{l.LineStyle}, glyphThumb{g})
	}
	// Name each loss beside the first variant's point in its round.
	var notes plotter.XYLabels
	for _, r := range d.Rows[0] {
		if r.Loss != 0 {
			notes.XYs = append(notes.XYs, plotter.XY{X: float64(r.Round), Y: float64(r.Cwnd)})
			notes.Labels = append(notes.Labels, lossWords(r.Loss))
		}
	}
	if len(notes.XYs) > 0 {
		p.Add(markerLabels(notes))
	}
	if len(variants) == 1 {
		for _, ph := range phaseOrder {
			for _, r := range d.Rows[0] {
				if r.Phase == ph {
					f.addLegend(string(ph), boxThumb{phaseShade(ph)})
					break
				}
			}
		}
	}
	p.X.Min, p.X.Max = 0.5, float64(c.Rounds)+0.5
	p.Y.Min, p.Y.Max = 0, float64(top+2)
	step := 1
	for c.Rounds/step > 30 {
		step *= 2
	}
	p.X.Tick.Marker = integerTicks(step)
	ystep := 1
	for (top+2)/ystep > 16 {
		ystep *= 2
	}
	p.Y.Tick.Marker = integerTicks(ystep)
	f.Panels = []*plot.Plot{p}
	return f, nil
}

// lossWords names a loss for a label.
func lossWords(l cc.Loss) string {
	if l == cc.TripleDup {
		return "3 dup ACKs"
	}
	return "timeout"
}

// roundsSubtitle says what the exercise was.
func roundsSubtitle(c cc.RoundsConfig) string {
	cwnd := c.Cwnd
	if cwnd == 0 {
		cwnd = 1
	}
	s := fmt.Sprintf("initial cwnd %d, ssthresh %d segments", cwnd, c.Ssthresh)
	var evs []string
	for _, e := range c.Events {
		evs = append(evs, fmt.Sprintf("%s at the end of round %d", lossWords(e.Loss), e.Round))
	}
	if len(evs) > 0 {
		s += "; " + strings.Join(evs, ", ")
	}
	if c.After == cc.Halve {
		s += "; Reno's cwnd after 3 dup ACKs = ssthresh"
	}
	return s
}
