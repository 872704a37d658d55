package plots

import (
	"errors"
	"fmt"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/tcpedu/tcpedu/tcpedu/bulk"
	"github.com/tcpedu/tcpedu/tcpedu/seq"
	"github.com/tcpedu/tcpedu/tcpedu/wire"
)

// StevensRun is the run the time–sequence graph draws when nothing else is
// asked for: the first 0.6 s of a NewReno transfer into a 64 KiB receive
// buffer, with data segment 30 lost. Slow start's bursts climb a staircase
// towards the window line; the loss flattens the ACK line while the
// duplicates come back; the fast retransmission fills the hole and the
// ACK line jumps.
func StevensRun() bulk.Config {
	return bulk.Config{CC: bulk.DefaultCC, Bandwidth: bulk.DefaultBandwidth, Delay: bulk.DefaultDelay,
		Queue: bulk.DefaultQueue, RcvWnd: 64 << 10, Drop: []int{30}, Duration: 600 * time.Millisecond, Seed: 1, Capture: true}
}

// SentSegment is one data segment the sender sent, its sequence numbers
// relative to the first data byte (ISS+1).
type SentSegment struct {
	At             time.Duration
	Seq, End       int64 // the segment holds bytes Seq to End-1
	Retransmission bool  // it starts below the highest byte already sent
}

// ReceivedACK is one acknowledgment the receiver sent, relative to the
// sender's first data byte.
type ReceivedACK struct {
	At     time.Duration
	Ack    int64      // the next byte expected
	Window int        // bytes offered beyond Ack, window scaling applied
	SACK   [][2]int64 // the SACK blocks, [left, right) each
}

// StevensSeries is the data behind the time–sequence graph.
type StevensSeries struct {
	Segments []SentSegment
	ACKs     []ReceivedACK
}

// ErrNoCapture is returned for a run made without Config.Capture, or one
// with no handshake in it.
var ErrNoCapture = errors.New("plots: the run has no capture of a handshake: set bulk.Config.Capture")

// StevensData decodes a captured run (Config.Capture) into the segments
// the sender sent and the ACKs the receiver returned. Sequence numbers are
// counted from the sender's first data byte, across the 2^32 wrap; the
// receiver's windows are scaled by the shift its SYN,ACK announced (RFC
// 7323 §2.2); SACK blocks are read from each ACK's options (RFC 2018).
func StevensData(res *bulk.Result) (*StevensSeries, error) {
	if res == nil || len(res.Packets) == 0 {
		return nil, ErrNoCapture
	}
	var (
		pkt           wire.Packet
		base          seq.Num // ISS + 1
		haveBase      bool
		shift         uint
		highest       int64
		d             StevensSeries
		sender        = bulk.SenderAddr.Addr()
		senderPort    = bulk.SenderAddr.Port()
		relative      = func(n seq.Num) int64 { return int64(int32(uint32(n) - uint32(base))) }
		receiverShift = -1
	)
	for _, p := range res.Packets {
		if err := pkt.DecodeIP(p.Data); err != nil || pkt.Protocol != wire.ProtocolTCP {
			continue
		}
		h := &pkt.TCP
		fromSender := pkt.Src() == sender && h.SrcPort == senderPort
		syn := h.Flags.Has(wire.SYN)
		switch {
		case fromSender && syn:
			base, haveBase = h.Seq.Add(1), true
			continue
		case !fromSender && syn:
			if o := h.Option(wire.KindWindowScale); o != nil {
				receiverShift = int(o.Shift)
			}
			continue
		case !haveBase:
			continue
		}
		if fromSender {
			n := int64(len(pkt.Payload()))
			if n == 0 {
				continue
			}
			s := SentSegment{At: p.At, Seq: relative(h.Seq), End: relative(h.Seq) + n}
			s.Retransmission = s.Seq < highest
			if s.End > highest {
				highest = s.End
			}
			d.Segments = append(d.Segments, s)
			continue
		}
		if !h.Flags.Has(wire.ACK) {
			continue
		}
		if receiverShift >= 0 {
			shift = uint(receiverShift)
		}
		a := ReceivedACK{At: p.At, Ack: relative(h.Ack), Window: int(h.Window) << shift}
		if o := h.Option(wire.KindSACK); o != nil {
			for _, b := range o.SACKBlocks() {
				a.SACK = append(a.SACK, [2]int64{relative(b.Left), relative(b.Right)})
			}
		}
		d.ACKs = append(d.ACKs, a)
	}
	if !haveBase {
		return nil, ErrNoCapture
	}
	return &d, nil
}

// Styles of the time–sequence graph.
var (
	segmentStyle = line(blue, 1.2)
	rexmitStyle  = line(vermilion, 2)
	rexmitGlyph  = draw.GlyphStyle{Color: vermilion, Radius: vg.Points(4.5), Shape: thickCross{}}
	ackStyle     = line(black, 1.5)
	windowStyle  = line(green, 1.5)
	sackStyle    = line(purple, 1.5)
)

// Stevens draws the time–sequence graph of a captured run, as tcptrace
// and Wireshark's "Stevens" graph draw it: each data segment a vertical
// bar from its first byte to its last at the time it was sent,
// retransmissions marked, the ACK line (the receiver's cumulative ACK),
// the window line above it (ACK + the window offered: the sender may not
// send past it), and the ranges each ACK's SACK blocks report.
func Stevens(res *bulk.Result) (*Figure, error) {
	d, err := StevensData(res)
	if err != nil {
		return nil, err
	}
	c := res.Config.WithDefaults()
	f := &Figure{
		Title:    "Time–sequence graph of one " + VariantName(c.CC) + " transfer",
		Subtitle: describePath(c),
	}
	const kB = 1000.0
	p := newPlot("time (s)", "relative sequence number (kB)")
	p.Add(grid())
	end := c.Duration.Seconds()

	var top float64
	var rexmits plotter.XYs
	var sacks bool
	var acks, window plotter.XYs
	for _, a := range d.ACKs {
		acks = append(acks, plotter.XY{X: a.At.Seconds(), Y: float64(a.Ack) / kB})
		window = append(window, plotter.XY{X: a.At.Seconds(), Y: float64(a.Ack+int64(a.Window)) / kB})
	}
	for _, s := range d.Segments {
		if float64(s.End)/kB > top {
			top = float64(s.End) / kB
		}
	}
	top = niceCeil(top * 1.08)
	if len(window) > 0 {
		p.Add(stepLine(extend(window, end), windowStyle))
	}
	sackBars := &vbars{style: sackStyle}
	for _, a := range d.ACKs {
		for _, b := range a.SACK {
			sackBars.add(a.At.Seconds(), float64(b[0])/kB, float64(b[1])/kB)
			sacks = true
		}
	}
	p.Add(sackBars)
	sent, resent := &vbars{style: segmentStyle}, &vbars{style: rexmitStyle}
	for _, s := range d.Segments {
		if s.Retransmission {
			resent.add(s.At.Seconds(), float64(s.Seq)/kB, float64(s.End)/kB)
			rexmits = append(rexmits, plotter.XY{X: s.At.Seconds(), Y: float64(s.End) / kB})
		} else {
			sent.add(s.At.Seconds(), float64(s.Seq)/kB, float64(s.End)/kB)
		}
	}
	p.Add(sent, resent)
	if len(acks) > 0 {
		p.Add(stepLine(extend(acks, end), ackStyle))
	}
	// Mark a few retransmissions; a hundred marks would hide the bars.
	marked := len(rexmits) > 0 && len(rexmits) <= 15
	if marked {
		p.Add(scatter(rexmits, rexmitGlyph))
	}
	p.X.Min, p.X.Max = 0, end
	p.Y.Min, p.Y.Max = 0, top
	p.X.Tick.Marker, p.Y.Tick.Marker = niceTicks{}, niceTicks{}
	f.Panels = []*plot.Plot{p}

	f.addLegend("data segment sent", lineThumb{segmentStyle})
	switch {
	case marked:
		f.addLegend(fmt.Sprintf("retransmission (%d)", len(rexmits)), lineThumb{rexmitStyle}, glyphThumb{rexmitGlyph})
	case len(rexmits) > 0:
		f.addLegend(fmt.Sprintf("retransmission (%d)", len(rexmits)), lineThumb{rexmitStyle})
	}
	f.addLegend("ACK: next byte expected", lineThumb{ackStyle})
	f.addLegend("ACK + receive window", lineThumb{windowStyle})
	if sacks {
		f.addLegend("SACKed range", lineThumb{sackStyle})
	}
	if maxY(window) > top {
		f.addLegend("")
		f.addLegend("Where the window line leaves")
		f.addLegend("the top, the receiver offers")
		f.addLegend("more than was ever sent.")
	}
	return f, nil
}

// vbars draws vertical bars in one style: segments, or SACK blocks.
type vbars struct {
	bars  [][3]float64 // x, y0, y1
	style draw.LineStyle
}

func (v *vbars) add(x, y0, y1 float64) { v.bars = append(v.bars, [3]float64{x, y0, y1}) }

// Plot implements plot.Plotter. A bar shorter than 1.5 points is drawn 1.5
// points tall, so that a one-byte probe still shows.
func (v *vbars) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	for _, b := range v.bars {
		x, y0, y1 := trX(b[0]), trY(b[1]), trY(b[2])
		if y1-y0 < vg.Points(1.5) {
			mid := (y0 + y1) / 2
			y0, y1 = mid-vg.Points(0.75), mid+vg.Points(0.75)
		}
		c.StrokeLines(v.style, c.ClipLinesXY([]vg.Point{{X: x, Y: y0}, {X: x, Y: y1}})...)
	}
}
