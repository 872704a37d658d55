package tcp

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// WriteSVG writes the state diagram to w as a self-contained SVG picture,
// about 900×1000 pixels, laid out like the RFC 9293 §3.3.2 figure: CLOSED
// at the top, the handshake states below it, ESTABLISHED in the middle, the
// closing states below that, and CLOSED again at the bottom, drawn twice as
// the RFC draws it. Like WriteDOT it reads Transitions: each row with Figure
// set is one arrow, labelled with its event above a rule and what it sends
// below ("snd SYN,ACK", or "x" for nothing), as the RFC labels its arrows.
//
// The places of the boxes (svgBoxes) and the course of each arrow
// (svgRoutes) are data in this file, drawn by hand for legibility; the
// arrows and their labels come from the table. A Figure row with no route
// here is still drawn, as a straight arrow between its two boxes.
func WriteSVG(w io.Writer) error {
	if _, err := io.WriteString(w, renderSVG(figureRows(Transitions))); err != nil {
		return fmt.Errorf("tcp: write the state diagram as SVG: %w", err)
	}
	return nil
}

// The picture's size and the size of a state's box, in pixels.
const (
	svgWidth  = 900
	svgHeight = 1000
	boxWidth  = 150
	boxHeight = 46
)

// Font sizes, in pixels.
const (
	titleSize   = 17
	stateSize   = 14
	netstatSize = 11
	labelSize   = 12
)

// svgFonts is the font list: the first one installed is used.
const svgFonts = "DejaVu Sans, Helvetica, Arial, sans-serif"

// svgBox is a state's box: its centre, in pixels from the top left.
type svgBox struct {
	State State
	X, Y  float64
}

// svgBoxes places the states as the RFC figure does. CLOSED is there
// twice: at the top, where connections begin, and at the bottom right,
// where TIME-WAIT and LAST-ACK end.
var svgBoxes = []svgBox{
	{Closed, 450, 95},
	{Listen, 450, 235},
	{SynReceived, 130, 385}, {SynSent, 770, 385},
	{Established, 450, 530},
	{FinWait1, 130, 675}, {CloseWait, 770, 675},
	{FinWait2, 130, 820}, {Closing, 450, 820}, {LastAck, 770, 820},
	{TimeWait, 450, 940}, {Closed, 770, 940},
}

// svgRoute is the course of one arrow: a line through Points, from the
// edge of one box to the edge of another, with the label centred at
// (LabelX, LabelY) and aligned by Anchor ("start": left edge at LabelX,
// "middle", or "end": right edge at LabelX).
type svgRoute struct {
	From   State
	Event  Event
	To     State
	Points [][2]float64
	LabelX float64
	LabelY float64
	Anchor string
}

// svgRoutes holds the arrows of the RFC figure, and of the rows the RFC's
// notes 1 and 2 mention, so that either can be drawn if the table marks it.
var svgRoutes = []svgRoute{
	{Closed, PassiveOpen, Listen, [][2]float64{{430, 118}, {430, 212}}, 420, 165, "end"},
	{Listen, CloseCall, Closed, [][2]float64{{470, 212}, {470, 118}}, 480, 165, "start"},
	{Closed, ActiveOpen, SynSent, [][2]float64{{525, 85}, {810, 85}, {810, 362}}, 667, 64, "middle"},
	{SynSent, CloseCall, Closed, [][2]float64{{740, 362}, {740, 105}, {525, 105}}, 730, 160, "end"},
	{Listen, SendCall, SynSent, [][2]float64{{525, 245}, {705, 245}, {705, 362}}, 615, 268, "middle"},
	{Listen, RcvSYN, SynReceived, [][2]float64{{375, 245}, {190, 245}, {190, 362}}, 283, 268, "middle"},
	{SynReceived, RcvRSTPassive, Listen, [][2]float64{{80, 362}, {80, 222}, {375, 222}}, 228, 200, "middle"},
	{SynSent, RcvSYN, SynReceived, [][2]float64{{695, 380}, {205, 380}}, 450, 358, "middle"},
	{SynReceived, RcvACKOfSYN, Established, [][2]float64{{205, 398}, {420, 398}, {420, 507}}, 300, 420, "middle"},
	{SynSent, RcvSYNACK, Established, [][2]float64{{695, 398}, {480, 398}, {480, 507}}, 600, 420, "middle"},
	{SynReceived, CloseCall, FinWait1, [][2]float64{{130, 408}, {130, 652}}, 140, 530, "start"},
	{Established, CloseCall, FinWait1, [][2]float64{{420, 553}, {420, 610}, {185, 610}, {185, 652}}, 300, 590, "middle"},
	{Established, RcvFIN, CloseWait, [][2]float64{{480, 553}, {480, 610}, {715, 610}, {715, 652}}, 600, 590, "middle"},
	{FinWait1, RcvACKOfFIN, FinWait2, [][2]float64{{130, 698}, {130, 797}}, 140, 748, "start"},
	{FinWait1, RcvFIN, Closing, [][2]float64{{205, 672}, {450, 672}, {450, 797}}, 320, 652, "middle"},
	{FinWait1, RcvFINACKOfFIN, TimeWait, [][2]float64{{205, 690}, {290, 690}, {290, 930}, {375, 930}}, 300, 750, "start"},
	{CloseWait, CloseCall, LastAck, [][2]float64{{770, 698}, {770, 797}}, 780, 748, "start"},
	{FinWait2, RcvFIN, TimeWait, [][2]float64{{130, 843}, {130, 950}, {375, 950}}, 140, 890, "start"},
	{Closing, RcvACKOfFIN, TimeWait, [][2]float64{{450, 843}, {450, 917}}, 460, 880, "start"},
	{LastAck, RcvACKOfFIN, Closed, [][2]float64{{770, 843}, {770, 917}}, 760, 880, "end"},
	{TimeWait, Timeout2MSL, Closed, [][2]float64{{525, 940}, {695, 940}}, 610, 920, "middle"},
}

// svgNotes are the picture's key, top left, and its footnote.
var svgNotes = []struct {
	X, Y float64
	Text string
}{
	{20, 62, "Each arrow: the event above the line,"},
	{20, 78, "what is sent below it (x: nothing)."},
	{20, 100, "CLOSED is drawn twice, as in the RFC."},
	{20, 988, "Only the rows with Figure set; resets, ABORT and timeouts are in the table but not drawn."},
}

// svgEdge is one arrow as laid out: its row, its line and its label.
type svgEdge struct {
	Row    Transition
	Points [][2]float64
	LabelX float64
	LabelY float64
	Anchor string
}

// layoutSVG returns each row's arrow, in row order: the hand-drawn route
// where svgRoutes has one, else a straight line.
func layoutSVG(rows []Transition) []svgEdge {
	var edges []svgEdge
	for _, t := range rows {
		e := svgEdge{Row: t}
		found := false
		for _, r := range svgRoutes {
			if r.From == t.From && r.Event == t.Event && r.To == t.To {
				e.Points, e.LabelX, e.LabelY, e.Anchor = r.Points, r.LabelX, r.LabelY, r.Anchor
				found = true
				break
			}
		}
		if !found {
			e.Points, e.LabelX, e.LabelY, e.Anchor = svgStraightRoute(t.From, t.To)
		}
		edges = append(edges, e)
	}
	return edges
}

// svgStraightRoute returns a straight arrow from one state's box to
// another's, with the label above its middle: the fallback for a row that
// svgRoutes has no route for.
func svgStraightRoute(from, to State) ([][2]float64, float64, float64, string) {
	a, b := svgBoxFor(from, to), svgBoxFor(to, from)
	dx, dy := b.X-a.X, b.Y-a.Y
	p := [2]float64{a.X, a.Y}
	q := [2]float64{b.X, b.Y}
	if dx != 0 || dy != 0 {
		// Leave and enter at the boxes' edges, not their centres.
		t := svgBoxExit(dx, dy)
		p = [2]float64{a.X + t*dx, a.Y + t*dy}
		q = [2]float64{b.X - t*dx, b.Y - t*dy}
	}
	return [][2]float64{p, q}, (p[0] + q[0]) / 2, (p[1]+q[1])/2 - 18, "middle"
}

// svgBoxExit returns the fraction of (dx, dy) at which a line from a box's
// centre crosses its edge.
func svgBoxExit(dx, dy float64) float64 {
	t := math.Inf(1)
	if dx != 0 {
		t = math.Min(t, boxWidth/2/math.Abs(dx))
	}
	if dy != 0 {
		t = math.Min(t, boxHeight/2/math.Abs(dy))
	}
	return t
}

// svgBoxFor returns the box that stands for s on an arrow to or from other:
// the bottom CLOSED for the states from ESTABLISHED on, else the first.
func svgBoxFor(s, other State) svgBox {
	var found svgBox
	seen := false
	for _, b := range svgBoxes {
		if b.State != s {
			continue
		}
		if !seen || other >= Established {
			found, seen = b, true
		}
	}
	if !seen {
		return svgBox{s, svgWidth / 2, svgHeight / 2}
	}
	return found
}

// renderSVG returns the picture of rows.
func renderSVG(rows []Transition) string {
	var b strings.Builder
	fmt.Fprintf(&b, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"%s\">\n",
		svgWidth, svgHeight, svgWidth, svgHeight, svgFonts)
	b.WriteString("<!-- Generated from tcp.Transitions by tcp.WriteSVG: do not edit.\n")
	b.WriteString("     Regenerate with: go test ./tcpedu/tcp -run TestDiagramGolden -update -->\n")
	fmt.Fprintf(&b, "<title>%s</title>\n", xmlEscape(diagramTitle))
	b.WriteString("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"10\" markerHeight=\"8\" markerUnits=\"userSpaceOnUse\" orient=\"auto\">" +
		"<polygon points=\"0,0 10,5 0,10\" fill=\"#222\"/></marker></defs>\n")
	fmt.Fprintf(&b, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>\n", svgWidth, svgHeight)
	fmt.Fprintf(&b, "<text x=\"%d\" y=\"32\" text-anchor=\"middle\" font-size=\"%d\" font-weight=\"bold\">%s</text>\n",
		svgWidth/2, titleSize, xmlEscape(diagramTitle))
	for _, n := range svgNotes {
		fmt.Fprintf(&b, "<text x=\"%s\" y=\"%s\" font-size=\"%d\" fill=\"#555\">%s</text>\n", svgNum(n.X), svgNum(n.Y), labelSize, xmlEscape(n.Text))
	}

	used := statesUsed(rows)
	b.WriteString("<g id=\"states\">\n")
	for _, x := range svgBoxes {
		if int(x.State) < NumStates && used[x.State] {
			writeSVGBox(&b, x)
		}
	}
	b.WriteString("</g>\n<g id=\"transitions\" fill=\"none\" stroke=\"#222\" stroke-width=\"1.4\">\n")
	for _, e := range layoutSVG(rows) {
		writeSVGEdge(&b, e)
	}
	b.WriteString("</g>\n</svg>\n")
	return b.String()
}

// writeSVGBox draws a state's box: the RFC name, and below it in smaller,
// grey type the netstat name where that is spelt differently.
func writeSVGBox(b *strings.Builder, x svgBox) {
	fmt.Fprintf(b, "<rect x=\"%s\" y=\"%s\" width=\"%d\" height=\"%d\" rx=\"8\" fill=\"#eef3fb\" stroke=\"#335\" stroke-width=\"1.5\"/>\n",
		svgNum(x.X-boxWidth/2), svgNum(x.Y-boxHeight/2), boxWidth, boxHeight)
	s := x.State
	if s.Netstat() == s.String() {
		fmt.Fprintf(b, "<text x=\"%s\" y=\"%s\" text-anchor=\"middle\" font-size=\"%d\" font-weight=\"bold\">%s</text>\n",
			svgNum(x.X), svgNum(x.Y+5), stateSize, xmlEscape(s.String()))
		return
	}
	fmt.Fprintf(b, "<text x=\"%s\" y=\"%s\" text-anchor=\"middle\" font-size=\"%d\" font-weight=\"bold\">%s</text>\n",
		svgNum(x.X), svgNum(x.Y-2), stateSize, xmlEscape(s.String()))
	fmt.Fprintf(b, "<text x=\"%s\" y=\"%s\" text-anchor=\"middle\" font-size=\"%d\" fill=\"#555\">%s</text>\n",
		svgNum(x.X), svgNum(x.Y+14), netstatSize, xmlEscape(s.Netstat()))
}

// writeSVGEdge draws one arrow and its label, in the RFC's style: the event
// over a rule over the action. The group's title is the row in full, which
// a browser shows when the pointer rests on the arrow.
func writeSVGEdge(b *strings.Builder, e svgEdge) {
	event, send := edgeLabel(e.Row)
	if send != "x" {
		send = "snd " + send
	}
	fmt.Fprintf(b, "<g><title>%s → %s: %s / %s (RFC 9293 %s)</title>\n",
		e.Row.From, e.Row.To, xmlEscape(event), xmlEscape(send), xmlEscape(e.Row.RFC))
	fmt.Fprintf(b, "<path d=\"%s\" marker-end=\"url(#arrow)\"/>\n", svgPathData(e.Points))

	left, right := svgLabelExtent(e, event, send)
	fmt.Fprintf(b, "<line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" stroke-width=\"0.8\"/>\n", svgNum(left), svgNum(e.LabelY), svgNum(right), svgNum(e.LabelY))
	fmt.Fprintf(b, "<text x=\"%s\" y=\"%s\" text-anchor=\"%s\" font-size=\"%d\" fill=\"#000\" stroke=\"none\">%s</text>\n",
		svgNum(e.LabelX), svgNum(e.LabelY-5), e.Anchor, labelSize, xmlEscape(event))
	fmt.Fprintf(b, "<text x=\"%s\" y=\"%s\" text-anchor=\"%s\" font-size=\"%d\" fill=\"#000\" stroke=\"none\">%s</text>\n",
		svgNum(e.LabelX), svgNum(e.LabelY+12), e.Anchor, labelSize, xmlEscape(send))
	b.WriteString("</g>\n")
}

// svgLabelExtent returns the left and right edges of an arrow's label,
// whose lines are event and send: the width of the wider line, placed as
// the label's Anchor says.
func svgLabelExtent(e svgEdge, event, send string) (left, right float64) {
	w := math.Max(svgTextWidth(event, labelSize), svgTextWidth(send, labelSize))
	switch e.Anchor {
	case "start":
		return e.LabelX, e.LabelX + w
	case "end":
		return e.LabelX - w, e.LabelX
	}
	return e.LabelX - w/2, e.LabelX + w/2
}

// svgTextWidth returns the width in pixels of s set in DejaVu Sans at size
// pixels, from the font's advance widths (in ems) for the characters
// labels use. Helvetica and Arial, the fallbacks, are a little narrower.
func svgTextWidth(s string, size float64) float64 {
	em := 0.0
	for _, c := range s {
		switch {
		case c >= 'A' && c <= 'Z':
			em += svgUpperWidths[c-'A']
		case c >= 'a' && c <= 'z':
			em += svgLowerWidths[c-'a']
		case c >= '0' && c <= '9':
			em += 0.636
		case c == ' ' || c == ',' || c == '.':
			em += 0.318
		case c == '+':
			em += 0.838
		default: // - ( ) and anything else
			em += 0.4
		}
	}
	return em * size
}

// svgUpperWidths and svgLowerWidths are DejaVu Sans's advance widths for
// A to Z and a to z, in ems.
var (
	svgUpperWidths = [26]float64{0.684, 0.686, 0.698, 0.77, 0.632, 0.575, 0.775, 0.752, 0.295, 0.295, 0.656, 0.557, 0.863, 0.748, 0.787, 0.603, 0.787, 0.695, 0.635, 0.611, 0.732, 0.684, 0.989, 0.685, 0.611, 0.685}
	svgLowerWidths = [26]float64{0.613, 0.635, 0.55, 0.635, 0.615, 0.352, 0.635, 0.634, 0.278, 0.278, 0.579, 0.278, 0.974, 0.634, 0.612, 0.635, 0.635, 0.411, 0.521, 0.392, 0.634, 0.592, 0.818, 0.592, 0.592, 0.525}
)

// svgPathData returns SVG path data for a line through points, with its
// corners rounded so that a turn reads as one arrow bending.
func svgPathData(points [][2]float64) string {
	const radius = 8
	if len(points) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("M" + svgNum(points[0][0]) + " " + svgNum(points[0][1]))
	for i := 1; i < len(points); i++ {
		p := points[i]
		if i == len(points)-1 {
			b.WriteString("L" + svgNum(p[0]) + " " + svgNum(p[1]))
			break
		}
		// Stop short of the corner, then curve round it towards the next point.
		in := svgToward(p, points[i-1], radius)
		out := svgToward(p, points[i+1], radius)
		b.WriteString("L" + svgNum(in[0]) + " " + svgNum(in[1]))
		b.WriteString("Q" + svgNum(p[0]) + " " + svgNum(p[1]) + " " + svgNum(out[0]) + " " + svgNum(out[1]))
	}
	return b.String()
}

// svgToward returns the point d pixels from p in the direction of q, or
// halfway to q if q is nearer than 2d.
func svgToward(p, q [2]float64, d float64) [2]float64 {
	dx, dy := q[0]-p[0], q[1]-p[1]
	n := math.Hypot(dx, dy)
	if n == 0 {
		return p
	}
	if n < 2*d {
		d = n / 2
	}
	return [2]float64{p[0] + dx/n*d, p[1] + dy/n*d}
}

// svgNum formats a coordinate with at most one decimal place, so that the
// same picture is the same bytes.
func svgNum(f float64) string {
	return strconv.FormatFloat(math.Round(f*10)/10, 'f', -1, 64)
}
