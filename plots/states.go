package plots

import (
	"image/color"
	"math"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/tcpedu/tcpedu/tcpedu/tcp"
)

// States draws the TCP state diagram of RFC 9293 §3.3.2 from the
// transition table, with the layout tcp.WriteSVG uses (tcp.Layout): a box
// per state, an arrow per row of tcp.Transitions that the RFC's figure
// draws, each labelled with its event over a rule over what it sends.
// Change a row of the table and the picture changes with it.
func States() *Figure {
	l := tcp.Layout()
	f := &Figure{
		Title:    "TCP connection states (RFC 9293 §3.3.2)",
		Subtitle: "drawn from tcp.Transitions: one arrow per row of the table that the RFC's figure shows",
		Width:    9 * vg.Inch,
		Height:   10 * vg.Inch,
	}
	f.draw = func(c draw.Canvas) { drawStates(c, l) }
	return f
}

// diagramFrame maps a picture laid out in pixels, y downwards, into a
// canvas: scaled to fit, centred, y upwards.
type diagramFrame struct {
	scale  float64
	x0, y0 vg.Length // where the picture's top left lands
}

func newDiagramFrame(c draw.Canvas, w, h float64) diagramFrame {
	cw, ch := float64(c.Max.X-c.Min.X), float64(c.Max.Y-c.Min.Y)
	s := math.Min(cw/w, ch/h)
	return diagramFrame{scale: s,
		x0: c.Min.X + vg.Length((cw-w*s)/2),
		y0: c.Max.Y - vg.Length((ch-h*s)/2)}
}

func (fr diagramFrame) pt(x, y float64) vg.Point {
	return vg.Point{X: fr.x0 + vg.Length(x*fr.scale), Y: fr.y0 - vg.Length(y*fr.scale)}
}

func (fr diagramFrame) len(d float64) vg.Length { return vg.Length(d * fr.scale) }

// The state diagram's colours, as tcp.WriteSVG draws it.
var (
	stateFill   = color.RGBA{0xee, 0xf3, 0xfb, 0xff}
	stateStroke = color.RGBA{0x33, 0x33, 0x55, 0xff}
	arrowColor  = color.RGBA{0x22, 0x22, 0x22, 0xff}
)

func drawStates(c draw.Canvas, l tcp.DiagramLayout) {
	fr := newDiagramFrame(c, l.Width, l.Height-20) // the SVG's own title line is the figure's title
	fr.y0 += fr.len(20)
	labelSty := textStyle(sans(fr.len(12)), black)
	for _, n := range l.Notes {
		sty := textStyle(sans(fr.len(12)), grey)
		c.FillText(sty, fr.pt(n.X, n.Y), n.Text)
	}
	for _, b := range l.Boxes {
		drawStateBox(c, fr, b)
	}
	arrow := draw.LineStyle{Color: arrowColor, Width: vg.Length(math.Max(1, 1.4*fr.scale))}
	for _, a := range l.Arrows {
		pts := make([]vg.Point, len(a.Points))
		for i, p := range a.Points {
			pts[i] = fr.pt(p[0], p[1])
		}
		c.StrokeLines(arrow, pts)
		if n := len(pts); n >= 2 {
			arrowHead(c, pts[n-2], pts[n-1], fr.len(10), arrowColor)
		}
		// The label: the event above a rule, what is sent below it.
		w := labelSty.Width(a.Event)
		if sw := labelSty.Width(a.Send); sw > w {
			w = sw
		}
		left := fr.pt(a.LabelX, a.LabelY).X
		switch a.Anchor {
		case "middle":
			left -= w / 2
		case "end":
			left -= w
		}
		y := fr.pt(0, a.LabelY).Y
		c.StrokeLine2(draw.LineStyle{Color: arrowColor, Width: vg.Length(math.Max(0.6, 0.8*fr.scale))}, left, y, left+w, y)
		sty := labelSty
		sty.XAlign = anchorAlign(a.Anchor)
		sty.YAlign = draw.YBottom
		c.FillText(sty, vg.Point{X: fr.pt(a.LabelX, 0).X, Y: y + fr.len(3)}, a.Event)
		sty.YAlign = draw.YTop
		c.FillText(sty, vg.Point{X: fr.pt(a.LabelX, 0).X, Y: y - fr.len(2)}, a.Send)
	}
}

// anchorAlign turns an SVG text-anchor into gonum's alignment.
func anchorAlign(anchor string) draw.XAlignment {
	switch anchor {
	case "middle":
		return draw.XCenter
	case "end":
		return draw.XRight
	}
	return draw.XLeft
}

// drawStateBox draws a state's box: the RFC name in bold and, where
// netstat spells it differently, that name below in grey.
func drawStateBox(c draw.Canvas, fr diagramFrame, b tcp.DiagramBox) {
	w, h := float64(tcp.DiagramBoxWidth), float64(tcp.DiagramBoxHeight)
	r := roundedRect(fr.pt(b.X-w/2, b.Y+h/2), fr.pt(b.X+w/2, b.Y-h/2), fr.len(8))
	c.SetColor(stateFill)
	c.Fill(r)
	c.SetLineStyle(draw.LineStyle{Color: stateStroke, Width: vg.Length(math.Max(1, 1.5*fr.scale))})
	c.Stroke(r)
	name := textStyle(sansBold(fr.len(14)), black)
	name.XAlign, name.YAlign = draw.XCenter, draw.YCenter
	s := b.State
	if s.Netstat() == s.String() {
		c.FillText(name, fr.pt(b.X, b.Y), s.String())
		return
	}
	c.FillText(name, fr.pt(b.X, b.Y-7), s.String())
	small := textStyle(sans(fr.len(11)), grey)
	small.XAlign, small.YAlign = draw.XCenter, draw.YCenter
	c.FillText(small, fr.pt(b.X, b.Y+11), s.Netstat())
}

// roundedRect returns the path of a rectangle from min to max (any two
// opposite corners) with corners of radius r.
func roundedRect(a, b vg.Point, r vg.Length) vg.Path {
	x0, x1 := a.X, b.X
	if x0 > x1 {
		x0, x1 = x1, x0
	}
	y0, y1 := a.Y, b.Y
	if y0 > y1 {
		y0, y1 = y1, y0
	}
	var p vg.Path
	p.Move(vg.Point{X: x0 + r, Y: y0})
	p.Line(vg.Point{X: x1 - r, Y: y0})
	p.Arc(vg.Point{X: x1 - r, Y: y0 + r}, r, -math.Pi/2, math.Pi/2)
	p.Line(vg.Point{X: x1, Y: y1 - r})
	p.Arc(vg.Point{X: x1 - r, Y: y1 - r}, r, 0, math.Pi/2)
	p.Line(vg.Point{X: x0 + r, Y: y1})
	p.Arc(vg.Point{X: x0 + r, Y: y1 - r}, r, math.Pi/2, math.Pi/2)
	p.Line(vg.Point{X: x0, Y: y0 + r})
	p.Arc(vg.Point{X: x0 + r, Y: y0 + r}, r, math.Pi, math.Pi/2)
	p.Close()
	return p
}

// arrowHead draws a filled arrowhead of length size at to, pointing away
// from from.
func arrowHead(c draw.Canvas, from, to vg.Point, size vg.Length, col color.Color) {
	dx, dy := float64(to.X-from.X), float64(to.Y-from.Y)
	n := math.Hypot(dx, dy)
	if n == 0 {
		return
	}
	ux, uy := dx/n, dy/n
	s := float64(size)
	back := vg.Point{X: to.X - vg.Length(ux*s), Y: to.Y - vg.Length(uy*s)}
	half := s * 0.4
	left := vg.Point{X: back.X - vg.Length(uy*half), Y: back.Y + vg.Length(ux*half)}
	right := vg.Point{X: back.X + vg.Length(uy*half), Y: back.Y - vg.Length(ux*half)}
	c.FillPolygon(col, []vg.Point{to, left, right})
}
