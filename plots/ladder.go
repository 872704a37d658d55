package plots

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/tcpedu/tcpedu/tcpedu/scenario"
	"github.com/tcpedu/tcpedu/tcpedu/tcp"
	"github.com/tcpedu/tcpedu/tcpedu/wire"
)

// LadderDefault is the scenario the ladder figure draws when nothing else
// is asked for: the last ACK of the close is lost, the server's FIN comes
// again, and TIME-WAIT is there to answer it.
const LadderDefault = "lost-final-ack"

// LadderRow is one moment of a ladder diagram: its time and where it is
// drawn, from 0 at the top, in units of the path's one-way delay, with
// long waits cut short.
type LadderRow struct {
	At time.Duration
	Y  float64
	// Gap is the time skipped just above this row, when a wait longer
	// than ladderMaxGap delays was cut short; 0 otherwise.
	Gap time.Duration
}

// ladderMaxGap is the longest wait drawn to scale, in one-way delays.
const ladderMaxGap = 2.5

// LadderRows returns the moments of a scenario that the ladder diagram
// draws (each segment sent and arriving, each change of state), in time
// order, with their places. The vertical scale is time, with one one-way
// delay as the unit, except that a wait longer than 2.5 delays (a timer
// running, TIME-WAIT's 2MSL) is drawn 1.5 delays long and marked.
func LadderRows(res *scenario.Result) []LadderRow {
	delay := ladderDelay(res)
	var times []time.Duration
	for _, s := range res.Segments {
		times = append(times, s.At)
		if !s.Dropped {
			times = append(times, s.Arrived)
		}
	}
	for _, s := range res.States {
		times = append(times, s.At)
	}
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	var rows []LadderRow
	for _, t := range times {
		n := len(rows)
		if n > 0 && rows[n-1].At == t {
			continue
		}
		row := LadderRow{At: t}
		if n > 0 {
			gap := float64(t-rows[n-1].At) / float64(delay)
			if gap > ladderMaxGap {
				row.Gap = t - rows[n-1].At
				gap = 1.5
			}
			row.Y = rows[n-1].Y + gap
		}
		rows = append(rows, row)
	}
	return rows
}

// ladderDelay returns the one-way delay of a scenario's path: the shortest
// trip of a segment that arrived, or 50 ms if none did.
func ladderDelay(res *scenario.Result) time.Duration {
	d := time.Duration(0)
	for _, s := range res.Segments {
		if !s.Dropped && s.Arrived > s.At && (d == 0 || s.Arrived-s.At < d) {
			d = s.Arrived - s.At
		}
	}
	if d == 0 {
		d = 50 * time.Millisecond
	}
	return d
}

// ladderY returns the place of time t among rows, interpolating between
// rows (for a lost segment, which never arrives).
func ladderY(rows []LadderRow, t time.Duration) float64 {
	for i, r := range rows {
		if r.At == t {
			return r.Y
		}
		if r.At > t && i > 0 {
			p := rows[i-1]
			return p.Y + (r.Y-p.Y)*float64(t-p.At)/float64(r.At-p.At)
		}
	}
	if len(rows) == 0 {
		return 0
	}
	last := rows[len(rows)-1]
	return last.Y + float64(t-last.At)/float64(50*time.Millisecond)
}

// SegmentLabel names a segment as the ladder writes it: flags, then seq
// and ack relative to the ISNs where there is one ("SYN,ACK seq=0 ack=1"),
// and the length when it carries data.
func SegmentLabel(s scenario.SegmentRecord) string {
	l := tcp.FlagNames(s.Seg.Flags)
	if s.HasRel {
		l += fmt.Sprintf(" seq=%d", s.SeqRel)
	} else {
		l += fmt.Sprintf(" seq=%d", uint32(s.Seg.Seq))
	}
	if s.Seg.Flags.Has(wire.ACK) {
		if s.HasAckRel {
			l += fmt.Sprintf(" ack=%d", s.AckRel)
		} else {
			l += fmt.Sprintf(" ack=%d", uint32(s.Seg.Ack))
		}
	}
	if n := len(s.Seg.Payload); n > 0 {
		l += fmt.Sprintf(" len=%d", n)
	}
	return l
}

// Ladder draws a scenario's ladder diagram: the client's and the server's
// time lines side by side, time running down; each segment an arrow from
// the host that sent it to the one that received it, labelled along its
// length, a lost one ending in a cross; and each change of state in a box
// beside its host's line. Long waits are cut short and marked with how
// long they were.
func Ladder(res *scenario.Result) (*Figure, error) {
	if res == nil || len(res.Segments) == 0 {
		return nil, errors.New("plots: the scenario sent no segments")
	}
	rows := LadderRows(res)
	span := rows[len(rows)-1].Y
	h := 2.2 + 0.42*(span+1)
	if h < 6 {
		h = 6
	}
	if h > 14 {
		h = 14
	}
	title := res.Title
	if title != "" {
		title = strings.ToUpper(title[:1]) + title[1:]
	}
	f := &Figure{
		Title:    title,
		Subtitle: fmt.Sprintf("tcpedu scenario %s: seq and ack relative to each side's ISN; one-way delay %s; seed %d", res.Name, formatDuration(ladderDelay(res)), res.Seed),
		Width:    9 * vg.Inch,
		Height:   vg.Length(h) * vg.Inch,
	}
	f.draw = func(c draw.Canvas) { drawLadder(c, res, rows) }
	return f, nil
}

// Styles of the ladder.
var (
	lifeline     = draw.LineStyle{Color: lightGrey, Width: vg.Points(2)}
	segmentArrow = draw.LineStyle{Color: blue, Width: vg.Points(1.4)}
	lostArrow    = draw.LineStyle{Color: vermilion, Width: vg.Points(1.4), Dashes: []vg.Length{vg.Points(4), vg.Points(2)}}
)

func drawLadder(c draw.Canvas, res *scenario.Result, rows []LadderRow) {
	head := textStyle(sansBold(12), black)
	head.XAlign, head.YAlign = draw.XCenter, draw.YTop
	width := c.Max.X - c.Min.X
	xClient := c.Min.X + width*0.30
	xServer := c.Min.X + width*0.74
	top := c.Max.Y - 22
	bottom := c.Min.Y + 10
	span := rows[len(rows)-1].Y
	if span <= 0 {
		span = 1
	}
	unit := (top - bottom) / vg.Length(span+0.5)
	if unit > vg.Points(60) {
		unit = vg.Points(60)
	}
	y := func(v float64) vg.Length { return top - vg.Length(v)*unit }
	c.FillText(head, vg.Point{X: xClient, Y: c.Max.Y}, "client")
	c.FillText(head, vg.Point{X: xServer, Y: c.Max.Y}, "server")
	end := y(span + 0.3)
	c.StrokeLine2(lifeline, xClient, top, xClient, end)
	c.StrokeLine2(lifeline, xServer, top, xServer, end)

	// Time on the left, at every row, and the waits cut short.
	timeSty := textStyle(sans(9), grey)
	timeSty.XAlign, timeSty.YAlign = draw.XRight, draw.YCenter
	gapSty := textStyle(sans(9), vermilion)
	gapSty.XAlign, gapSty.YAlign = draw.XCenter, draw.YCenter
	lastLabel := vg.Length(math.Inf(1))
	for _, r := range rows {
		if ry := y(r.Y); lastLabel-ry >= vg.Points(10) {
			c.FillText(timeSty, vg.Point{X: c.Min.X + 48, Y: ry}, fmt.Sprintf("%s ms", ms3(r.At)))
			lastLabel = ry
		}
		if r.Gap > 0 {
			mid := y(r.Y - 0.5)
			for _, x := range []vg.Length{xClient, xServer} {
				c.FillPolygon(whiteColor, []vg.Point{{X: x - 6, Y: mid - 4}, {X: x + 6, Y: mid - 4}, {X: x + 6, Y: mid + 4}, {X: x - 6, Y: mid + 4}})
				c.StrokeLine2(draw.LineStyle{Color: grey, Width: 1}, x-6, mid-4, x+6, mid-1)
				c.StrokeLine2(draw.LineStyle{Color: grey, Width: 1}, x-6, mid+1, x+6, mid+4)
			}
			c.FillText(gapSty, vg.Point{X: (xClient + xServer) / 2, Y: mid}, "… "+formatDuration(r.Gap)+" later …")
		}
	}

	// States beside their lines: the client's to the left, the server's
	// to the right.
	stateSty := textStyle(sansBold(9.5), black)
	stateSty.YAlign = draw.YCenter
	for _, s := range res.States {
		sy := y(ladderY(rows, s.At))
		sty := stateSty
		x := xClient - 8
		sty.XAlign = draw.XRight
		if s.Host == "server" {
			x, sty.XAlign = xServer+8, draw.XLeft
		}
		text := s.To.String()
		w, hh := sty.Width(text), sty.Height(text)
		x0 := x - w - 3
		if sty.XAlign == draw.XLeft {
			x0 = x - 3
		}
		box := roundedRect(vg.Point{X: x0, Y: sy - hh/2 - 2}, vg.Point{X: x0 + w + 6, Y: sy + hh/2 + 2}, 3)
		c.SetColor(stateFill)
		c.Fill(box)
		c.SetLineStyle(draw.LineStyle{Color: stateStroke, Width: 0.8})
		c.Stroke(box)
		c.FillText(sty, vg.Point{X: x, Y: sy}, text)
	}

	// Segments.
	labelSty := textStyle(sans(9.5), black)
	labelSty.XAlign, labelSty.YAlign = draw.XCenter, draw.YBottom
	for i, s := range res.Segments {
		x0, x1 := xClient, xServer
		if s.From == "server" {
			x0, x1 = xServer, xClient
		}
		y0 := y(ladderY(rows, s.At))
		// Where a segment would arrive: one delay further down, for a lost
		// one, whatever waits are cut short after it.
		full := vg.Point{X: x1, Y: y0 - unit}
		var p1 vg.Point
		if s.Dropped {
			p1 = vg.Point{X: x0 + (x1-x0)*0.5, Y: y0 + (full.Y-y0)*0.5}
			c.StrokeLine2(lostArrow, x0, y0, p1.X, p1.Y)
			thickCross{}.DrawGlyph(&c, draw.GlyphStyle{Color: vermilion, Radius: 6}, p1)
		} else {
			p1 = vg.Point{X: x1, Y: y(ladderY(rows, s.Arrived))}
			c.StrokeLine2(segmentArrow, x0, y0, p1.X, p1.Y)
			arrowHead(c, vg.Point{X: x0, Y: y0}, p1, 9, blue)
		}
		// The label along the arrow, above it, at its middle.
		if !s.Dropped {
			full = p1
		}
		angle := math.Atan2(float64(full.Y-y0), float64(full.X-x0))
		if full.X < x0 {
			angle = math.Atan2(float64(y0-full.Y), float64(x0-full.X))
		}
		sty := labelSty
		sty.Rotation = angle
		mid := vg.Point{X: (x0 + full.X) / 2, Y: (y0 + full.Y) / 2}
		if s.Dropped {
			mid = vg.Point{X: x0 + (full.X-x0)*0.28, Y: y0 + (full.Y-y0)*0.28}
		}
		off := vg.Length(3)
		mid.X -= vg.Length(math.Sin(angle)) * off
		mid.Y += vg.Length(math.Cos(angle)) * off
		text := SegmentLabel(s)
		if resent(res.Segments, i) {
			text += " again"
		}
		if s.Dropped {
			text += " (lost)"
		}
		c.FillText(sty, mid, text)
	}
}

// resent reports whether segment i repeats an earlier one from the same
// host: the same flags, sequence number and length.
func resent(segs []scenario.SegmentRecord, i int) bool {
	s := segs[i]
	for _, o := range segs[:i] {
		if o.From == s.From && o.Seg.Flags == s.Seg.Flags && o.Seg.Seq == s.Seg.Seq && len(o.Seg.Payload) == len(s.Seg.Payload) {
			return true
		}
	}
	return false
}

// ms3 writes a time in milliseconds with no needless decimals.
func ms3(d time.Duration) string {
	if d%time.Millisecond == 0 {
		return fmt.Sprintf("%d", d/time.Millisecond)
	}
	return fmt.Sprintf("%.3f", float64(d)/float64(time.Millisecond))
}
