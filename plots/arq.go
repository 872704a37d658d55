package plots

import (
	"errors"
	"fmt"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/tcpedu/tcpedu/tcpedu/arq"
)

// ARQSweepConfig describes the runs behind the arq figure: each protocol
// at each loss rate (or each window), with several seeds.
type ARQSweepConfig struct {
	Run       arq.Config // the path and the transfer; Protocol, Window, Forward.Loss and Seed are set per run
	Protocols []arq.Protocol
	// VsWindow puts the window on the x axis, at Windows, with the loss
	// rate fixed at Run.Forward.Loss; otherwise the loss rate is on the x
	// axis, at Losses, with the window fixed at Run.Window.
	VsWindow bool
	Losses   []float64
	Windows  []int
	Seeds    int // runs per point, seeds Run.Seed, Run.Seed+1, …; 0 means 1
}

// ARQSweepDefault is the sweep the arq figure draws when nothing else is
// asked for: stop-and-wait, Go-Back-N and Selective Repeat sending 400
// segments of 1000 bytes over 10 Mbit/s, 10 ms each way, with a window of
// 32 segments (enough to fill the pipe, which holds 26), at loss rates
// from 0 to 20%, three seeds each.
func ARQSweepDefault() ARQSweepConfig {
	return ARQSweepConfig{
		Run:       arq.Config{Window: 32, Segments: 400, Size: arq.DefaultSize, Bandwidth: arq.DefaultBandwidth, Delay: arq.DefaultDelay, Seed: 1},
		Protocols: []arq.Protocol{arq.StopAndWait, arq.GoBackN, arq.SelectiveRepeat},
		Losses:    []float64{0, 0.01, 0.02, 0.03, 0.05, 0.075, 0.1, 0.15, 0.2},
		Windows:   []int{1, 2, 4, 8, 12, 16, 24, 32, 48, 64},
		Seeds:     3,
	}
}

// ARQPoint is one protocol at one loss rate and window.
type ARQPoint struct {
	Protocol     arq.Protocol
	Loss         float64
	Window       int
	Utilizations []float64 // one per seed
	Model        float64   // arq.UtilizationWithLoss
}

// Mean returns the mean utilization over the seeds.
func (p ARQPoint) Mean() float64 {
	return mean(p.Utilizations)
}

// ARQSweep is a finished arq sweep.
type ARQSweep struct {
	Config ARQSweepConfig
	Points []ARQPoint // by protocol, then by x, in the order given
}

// x returns a point's place on the x axis.
func (s *ARQSweep) x(p ARQPoint) float64 {
	if s.Config.VsWindow {
		return float64(p.Window)
	}
	return p.Loss
}

// runConfig returns the configuration of one run.
func (c ARQSweepConfig) runConfig(proto arq.Protocol, loss float64, window int, seed uint64) arq.Config {
	rc := c.Run
	rc.Protocol, rc.Forward.Loss, rc.Window, rc.Seed = proto, loss, window, seed
	rc.Trace, rc.Capture = false, false
	rc.RTO = c.Run.RTO // 0: the default for this window
	return rc
}

// RunARQSweep runs every protocol at every point of c, one run at a time
// (each takes milliseconds).
func RunARQSweep(c ARQSweepConfig) (*ARQSweep, error) {
	if len(c.Protocols) == 0 {
		return nil, errors.New("plots: the arq figure needs at least one protocol")
	}
	seeds := c.Seeds
	if seeds < 1 {
		seeds = 1
	}
	type xy struct {
		loss   float64
		window int
	}
	var xs []xy
	if c.VsWindow {
		if len(c.Windows) == 0 {
			return nil, errors.New("plots: the arq figure against the window needs at least one window")
		}
		for _, w := range c.Windows {
			xs = append(xs, xy{c.Run.Forward.Loss, w})
		}
	} else {
		if len(c.Losses) == 0 {
			return nil, errors.New("plots: the arq figure needs at least one loss rate")
		}
		for _, l := range c.Losses {
			xs = append(xs, xy{l, c.Run.Window})
		}
	}
	s := &ARQSweep{Config: c}
	for _, proto := range c.Protocols {
		for _, x := range xs {
			pt := ARQPoint{Protocol: proto, Loss: x.loss, Window: x.window}
			for k := 0; k < seeds; k++ {
				rc := c.runConfig(proto, x.loss, x.window, c.Run.Seed+uint64(k))
				dc := rc.WithDefaults()
				if err := dc.Validate(); err != nil {
					return nil, err
				}
				res, err := arq.Run(rc)
				if err != nil {
					return nil, err
				}
				pt.Utilizations = append(pt.Utilizations, res.Utilization)
			}
			pt.Model = arq.UtilizationWithLoss(c.runConfig(proto, x.loss, x.window, c.Run.Seed), x.loss)
			s.Points = append(s.Points, pt)
		}
	}
	return s, nil
}

// ARQ draws utilization against the loss rate (or the window) for each
// protocol: the runs' means as markers, and the analytic model
// (arq.UtilizationWithLoss) as a line of the same colour. SACK has no
// line: the model costs it as Selective Repeat, which it beats.
func ARQ(s *ARQSweep) (*Figure, error) {
	if s == nil || len(s.Points) == 0 {
		return nil, errors.New("plots: the arq sweep has no points")
	}
	c := s.Config.Run.WithDefaults()
	var protos []arq.Protocol
	for _, pt := range s.Points {
		if len(protos) == 0 || protos[len(protos)-1] != pt.Protocol {
			protos = append(protos, pt.Protocol)
		}
	}
	names := make([]string, len(protos))
	for i, p := range protos {
		names[i] = p.Title()
	}
	f := &Figure{Title: "Link utilization of " + joinAnd(names)}
	seeds := s.Config.Seeds
	if seeds < 1 {
		seeds = 1
	}
	common := fmt.Sprintf("%d segments of %d bytes, %s, %s one way; pipe %d segments; %s per point",
		c.Segments, c.Size, formatRate(c.Bandwidth), formatDuration(c.Delay),
		arq.PipeWindow(c.DataTime(), c.RTT()), countNoun(seeds, "seed"))
	var p *plot.Plot
	if s.Config.VsWindow {
		f.Subtitle = fmt.Sprintf("%g%% of data segments lost; ", 100*s.Config.Run.Forward.Loss) + common
		p = newPlot("window (segments)", "utilization (fraction of link time)")
	} else {
		f.Subtitle = fmt.Sprintf("window %d segments; ", c.Window) + common
		p = newPlot("data segments lost at random", "utilization (fraction of link time)")
	}
	p.Add(grid())
	xmin, xmax := s.x(s.Points[0]), s.x(s.Points[0])
	for _, pt := range s.Points {
		if x := s.x(pt); x < xmin {
			xmin = x
		} else if x > xmax {
			xmax = x
		}
	}
	for i, proto := range protos {
		var sim plotter.XYs
		for _, pt := range s.Points {
			if pt.Protocol == proto {
				sim = append(sim, plotter.XY{X: s.x(pt), Y: pt.Mean()})
			}
		}
		g := draw.GlyphStyle{Color: seriesColor(i), Radius: vg.Points(4.5), Shape: seriesGlyph(i)}
		if proto == arq.SACK {
			p.Add(scatter(sim, g))
			f.addLegend(proto.Title()+" (runs only)", glyphThumb{g})
			continue
		}
		sty := line(seriesColor(i), 2)
		p.Add(polyline(modelCurve(s, proto, xmin, xmax), sty), scatter(sim, g))
		f.addLegend(proto.Title(), lineThumb{sty}, glyphThumb{g})
	}
	p.X.Min, p.X.Max = xmin, xmax
	if s.Config.VsWindow {
		p.X.Min = 0
	}
	p.Y.Min, p.Y.Max = 0, 1.05
	p.Y.Tick.Marker = niceTicks{}
	if s.Config.VsWindow {
		p.X.Tick.Marker = niceTicks{}
	} else {
		p.X.Tick.Marker = percentTicks{}
	}
	f.Panels = []*plot.Plot{p}
	f.addLegend("")
	f.addLegend(fmt.Sprintf("marks: runs, mean of %d", seeds))
	f.addLegend("lines: model, where each loss")
	f.addLegend("costs a timeout")
	f.addLegend("(arq.UtilizationWithLoss)")
	return f, nil
}

// modelCurve samples the analytic utilization densely between xmin and
// xmax: every 1/200 of the loss axis, or every window.
func modelCurve(s *ARQSweep, proto arq.Protocol, xmin, xmax float64) plotter.XYs {
	var xys plotter.XYs
	c := s.Config
	if c.VsWindow {
		for w := 1; float64(w) <= xmax; w++ {
			xys = append(xys, plotter.XY{X: float64(w), Y: arq.UtilizationWithLoss(c.runConfig(proto, c.Run.Forward.Loss, w, c.Run.Seed), c.Run.Forward.Loss)})
		}
		return xys
	}
	for i := 0; i <= 200; i++ {
		l := xmin + float64(i)*(xmax-xmin)/200
		xys = append(xys, plotter.XY{X: l, Y: arq.UtilizationWithLoss(c.runConfig(proto, l, c.Run.Window, c.Run.Seed), l)})
	}
	return xys
}

// percentTicks labels a probability axis in percent.
type percentTicks struct{}

// Ticks implements plot.Ticker.
func (percentTicks) Ticks(min, max float64) []plot.Tick {
	ts := niceTicks{}.Ticks(min*100, max*100)
	for i := range ts {
		ts[i].Value /= 100
		if ts[i].Label != "" {
			ts[i].Label += "%"
		}
	}
	return ts
}

// joinAnd joins names as prose: "a, b and c".
func joinAnd(names []string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}
