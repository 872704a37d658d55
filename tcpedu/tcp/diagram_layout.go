package tcp

// DiagramLayout is the state diagram as WriteSVG lays it out, for another
// renderer to draw (package plots draws it as PNG): the same boxes and
// arrows, in pixels from the top left of a picture Width × Height.
type DiagramLayout struct {
	Title         string
	Width, Height float64
	Boxes         []DiagramBox
	Arrows        []DiagramArrow
	Notes         []DiagramNote // the key and the footnote
}

// DiagramBox is one state's box, centred at (X, Y), BoxWidth × BoxHeight.
type DiagramBox struct {
	State State
	X, Y  float64
}

// The size of a state's box in a DiagramLayout, in pixels.
const (
	DiagramBoxWidth  = boxWidth
	DiagramBoxHeight = boxHeight
)

// DiagramArrow is one row of Transitions drawn as an arrow: a line through
// Points ending in an arrowhead, and the label Event over a rule over Send
// ("snd SYN,ACK", or "x" for nothing), placed at (LabelX, LabelY) and
// aligned by Anchor: "start" (left edge at LabelX), "middle" or "end".
type DiagramArrow struct {
	Row            Transition
	Points         [][2]float64
	Event, Send    string
	LabelX, LabelY float64
	Anchor         string
}

// DiagramNote is one line of text at (X, Y), its left end on the baseline.
type DiagramNote struct {
	X, Y float64
	Text string
}

// Layout returns the state diagram's layout, read from Transitions as
// WriteSVG reads it: the boxes of the states the figure's rows use, and
// one arrow per row with Figure set.
func Layout() DiagramLayout {
	rows := figureRows(Transitions)
	l := DiagramLayout{Title: diagramTitle, Width: svgWidth, Height: svgHeight}
	used := statesUsed(rows)
	for _, b := range svgBoxes {
		if int(b.State) < NumStates && used[b.State] {
			l.Boxes = append(l.Boxes, DiagramBox{State: b.State, X: b.X, Y: b.Y})
		}
	}
	for _, e := range layoutSVG(rows) {
		event, send := edgeLabel(e.Row)
		if send != "x" {
			send = "snd " + send
		}
		l.Arrows = append(l.Arrows, DiagramArrow{Row: e.Row, Points: e.Points, Event: event, Send: send,
			LabelX: e.LabelX, LabelY: e.LabelY, Anchor: e.Anchor})
	}
	for _, n := range svgNotes {
		l.Notes = append(l.Notes, DiagramNote{X: n.X, Y: n.Y, Text: n.Text})
	}
	return l
}
