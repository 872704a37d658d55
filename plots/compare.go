package plots

import (
	"errors"
	"fmt"
	"time"

	"gonum.org/v1/plot/vg"

	"github.com/tcpedu/tcpedu/tcpedu/bulk"
	"github.com/tcpedu/tcpedu/tcpedu/cc"
)

// CompareRun is the run the compare figure repeats for each variant when
// nothing else is asked for: three data segments of one window lost
// (Fall and Floyd's test of 1996), on a path whose queue is deep enough
// that nothing else is lost for the first seconds. Tahoe starts again
// from one segment; Reno halves its window and then, with more holes than
// fast recovery repairs, waits for the timer; NewReno repairs one hole per
// round trip without leaving fast recovery.
func CompareRun() bulk.Config {
	return bulk.Config{CC: bulk.DefaultCC, Bandwidth: bulk.DefaultBandwidth, Delay: bulk.DefaultDelay,
		Queue: 100, Drop: []int{40, 42, 44}, Duration: 2 * time.Second, Seed: 1, Trace: true}
}

// CompareVariants returns the variants the compare figure draws: every
// congestion control package cc builds.
func CompareVariants() []string { return append([]string(nil), cc.Variants...) }

// RunCompare runs c once for each variant, with tracing on.
func RunCompare(c bulk.Config, variants []string) ([]*bulk.Result, error) {
	if len(variants) == 0 {
		return nil, errors.New("plots: compare needs at least one variant")
	}
	var out []*bulk.Result
	for _, v := range variants {
		rc := c
		rc.CC, rc.Trace = v, true
		res, err := bulk.Run(rc)
		if err != nil {
			return nil, err
		}
		out = append(out, res)
	}
	return out, nil
}

// Compare draws one panel per run, one above another, on the same time and
// window axes: cwnd and ssthresh, the phases shaded and the losses marked,
// as Cwnd draws one. The runs are meant to differ only in their
// congestion control (RunCompare makes them so), so that the panels show
// what each variant does with the same bottleneck and the same losses.
func Compare(results []*bulk.Result) (*Figure, error) {
	if len(results) == 0 {
		return nil, errors.New("plots: compare needs at least one run")
	}
	var series []*CwndSeries
	top, end := 0.0, time.Duration(0)
	for _, res := range results {
		d, err := CwndData(res)
		if err != nil {
			return nil, err
		}
		series = append(series, d)
		if d.Duration > end {
			end = d.Duration
		}
	}
	f := &Figure{
		Title:    variantList(results) + " through the same bottleneck",
		Subtitle: describePath(results[0].Config),
		Height:   vg.Length(2.2*float64(len(results))+1.2) * vg.Inch,
	}
	if f.Height < DefaultHeight {
		f.Height = DefaultHeight
	}
	for _, d := range series {
		if t := windowTop(d); t > top {
			top = t
		}
	}
	for i, d := range series {
		res := results[i]
		d.Duration = end
		p := newPlot("", "window (segments)")
		if i == len(series)-1 {
			p.X.Label.Text = "time (s)"
		}
		p.Title.Text = fmt.Sprintf("%s: goodput %s, %s, %s", VariantName(res.Config.CC), formatRate(res.GoodputBps),
			countNoun(res.FastRetransmits, "fast retransmission"), countNoun(res.Timeouts, "timeout"))
		drawWindows(p, d, top)
		f.Panels = append(f.Panels, p)
	}
	addWindowLegend(f, series)
	return f, nil
}

// variantList names the variants of runs: "Tahoe, Reno and NewReno".
func variantList(results []*bulk.Result) string {
	s := ""
	for i, r := range results {
		switch {
		case i == 0:
		case i == len(results)-1:
			s += " and "
		default:
			s += ", "
		}
		s += VariantName(r.Config.CC)
	}
	return s
}

// countNoun writes "1 timeout" or "3 timeouts".
func countNoun(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
