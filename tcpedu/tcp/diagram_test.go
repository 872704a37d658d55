package tcp

import (
	"bytes"
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// updateDiagrams is the -update flag: rewrite docs/figures from the table.
var updateDiagrams = flag.Bool("update", false, "rewrite the golden files in docs/figures from tcp.Transitions")

// diagramRegenerate is the command that a stale golden file's failure
// tells the reader to run.
const diagramRegenerate = "go test ./tcpedu/tcp -run TestDiagramGolden -update"

// dotEdgeLine matches one edge statement of WriteDOT's output.
var dotEdgeLine = regexp.MustCompile(`^\t"([^"]+)" -> "([^"]+)" \[label="([^"]*)"\];$`)

func dotOutput(t *testing.T) string {
	var b bytes.Buffer
	require.NoError(t, WriteDOT(&b), "WriteDOT")
	return b.String()
}

func svgOutput(t *testing.T) string {
	var b bytes.Buffer
	require.NoError(t, WriteSVG(&b), "WriteSVG")
	return b.String()
}

func TestDiagramDOTHasEveryFigureRowOnce(t *testing.T) {
	dot := dotOutput(t)
	var edges []string
	for _, line := range strings.Split(dot, "\n") {
		if dotEdgeLine.MatchString(line) {
			edges = append(edges, line)
		}
	}
	rows := figureRows(Transitions)
	require.NotEmpty(t, rows, "Transitions has no row with Figure set")
	assert.Len(t, edges, len(rows), "WriteDOT: got %d edges, want one per Figure row (%d)", len(edges), len(rows))

	for _, r := range Transitions {
		event, send := edgeLabel(r)
		want := fmt.Sprintf("\t\"%s\" -> \"%s\" [label=\"%s / %s\"];", r.From, r.To, event, send)
		got := 0
		for _, e := range edges {
			if e == want {
				got++
			}
		}
		if r.Figure {
			assert.Equal(t, 1, got, "WriteDOT: edge %q appears %d times, want once", want, got)
		} else {
			assert.Equal(t, 0, got, "WriteDOT: edge %q is not a Figure row but appears %d times", want, got)
		}
	}
}

func TestDiagramDOTNodes(t *testing.T) {
	dot := dotOutput(t)
	used := statesUsed(figureRows(Transitions))
	for i := 0; i < NumStates; i++ {
		s := State(i)
		node := fmt.Sprintf("\t\"%s\" [label=", s)
		if !used[i] {
			assert.NotContains(t, dot, node, "WriteDOT: %s is in no Figure row but has a node", s)
			continue
		}
		assert.Equal(t, 1, strings.Count(dot, node), "WriteDOT: state %s should have exactly one node", s)
		if s.Netstat() != s.String() {
			assert.Contains(t, dot, ">"+s.Netstat()+"</FONT>", "WriteDOT: node %s should show the netstat name %s", s, s.Netstat())
		}
	}
	assert.True(t, strings.HasPrefix(dot, "// Generated from tcp.Transitions"), "WriteDOT: output should begin by saying it is generated from tcp.Transitions, got %q", diagramFirstLine(dot))
}

func TestDiagramSVGParses(t *testing.T) {
	svg := svgOutput(t)
	dec := xml.NewDecoder(strings.NewReader(svg))
	paths := 0
	var text strings.Builder
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		require.NoError(t, err, "WriteSVG: output is not well-formed XML")
		switch tok := tok.(type) {
		case xml.StartElement:
			if tok.Name.Local == "path" {
				paths++
			}
			assert.NotContains(t, []string{"script", "image", "foreignObject", "style"}, tok.Name.Local,
				"WriteSVG: the picture should be plain shapes and text, but has a <%s>", tok.Name.Local)
		case xml.CharData:
			text.Write(tok)
			text.WriteString("\n")
		}
	}
	rows := figureRows(Transitions)
	assert.Equal(t, len(rows), paths, "WriteSVG: got %d paths, want one per Figure row", paths)
	for _, r := range rows {
		for _, s := range []State{r.From, r.To} {
			assert.Contains(t, text.String(), s.String(), "WriteSVG: the picture should name state %s", s)
		}
	}
	assert.Contains(t, text.String(), diagramTitle, "WriteSVG: the picture should carry its title")
}

// TestDiagramSVGLegible checks the hand-made layout: every Figure row has a
// route drawn for it, and no label overlaps a box, another label or any
// arrow. Label widths come from DejaVu Sans's metrics (svgTextWidth), and a
// renderer may differ, so a pass here is a necessary check, not a proof:
// look at the picture too.
func TestDiagramSVGLegible(t *testing.T) {
	rows := figureRows(Transitions)
	for _, r := range rows {
		found := false
		for _, route := range svgRoutes {
			if route.From == r.From && route.Event == r.Event && route.To == r.To {
				found = true
			}
		}
		assert.True(t, found, "svgRoutes has no route for %s --%s--> %s; add one in diagram_svg.go (it is drawn as a straight line until then)", r.From, r.Event, r.To)
	}

	type rect struct {
		name                     string
		left, top, right, bottom float64
	}
	var boxes, labels []rect
	used := statesUsed(rows)
	for _, b := range svgBoxes {
		if used[b.State] {
			boxes = append(boxes, rect{"box " + b.State.String(), b.X - boxWidth/2, b.Y - boxHeight/2, b.X + boxWidth/2, b.Y + boxHeight/2})
		}
	}
	edges := layoutSVG(rows)
	for _, e := range edges {
		event, send := edgeLabel(e.Row)
		if send != "x" {
			send = "snd " + send
		}
		l, r := svgLabelExtent(e, event, send)
		// A few pixels of air round each label.
		labels = append(labels, rect{fmt.Sprintf("label %q of %s -> %s", event, e.Row.From, e.Row.To), l - 3, e.LabelY - 16, r + 3, e.LabelY + 17})
	}
	overlap := func(a, b rect) bool {
		return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom
	}
	for i, a := range labels {
		assert.True(t, a.left >= 0 && a.right <= svgWidth && a.top >= 0 && a.bottom <= svgHeight, "%s lies outside the picture", a.name)
		for _, b := range boxes {
			assert.False(t, overlap(a, b), "%s overlaps %s", a.name, b.name)
		}
		for _, b := range labels[i+1:] {
			assert.False(t, overlap(a, b), "%s overlaps %s", a.name, b.name)
		}
		for _, e := range edges {
			for k := 1; k < len(e.Points); k++ {
				p, q := e.Points[k-1], e.Points[k]
				assert.False(t, svgSegmentMeetsRect(p, q, a.left, a.top, a.right, a.bottom),
					"the arrow %s -> %s crosses %s", e.Row.From, e.Row.To, a.name)
			}
		}
	}
}

// svgSegmentMeetsRect reports whether the segment pq passes through the
// rectangle (Liang–Barsky clipping).
func svgSegmentMeetsRect(p, q [2]float64, left, top, right, bottom float64) bool {
	t0, t1 := 0.0, 1.0
	dx, dy := q[0]-p[0], q[1]-p[1]
	clip := func(den, n float64) bool {
		if den == 0 {
			return n >= 0
		}
		t := n / den
		if den > 0 {
			t1 = math.Min(t1, t)
		} else {
			t0 = math.Max(t0, t)
		}
		return t0 <= t1
	}
	return clip(-dx, p[0]-left) && clip(dx, right-p[0]) && clip(-dy, p[1]-top) && clip(dy, bottom-p[1])
}

func TestDiagramSVGStraightFallback(t *testing.T) {
	// A row with no hand-drawn route is still drawn, as a straight arrow.
	rows := []Transition{{From: Listen, Event: RcvSYNTwoWay, To: Established, Send: "SYN,ACK", RFC: "§3.5"}}
	svg := renderSVG(rows)
	require.NoError(t, xml.Unmarshal([]byte(svg), new(interface{})), "renderSVG with an unrouted row: output is not XML")
	assert.Equal(t, 1, strings.Count(svg, "<path "), "renderSVG with one unrouted row: want one path")
	assert.Contains(t, svg, "M450 258L450 507", "renderSVG: the straight arrow should run from LISTEN's bottom edge to ESTABLISHED's top edge")
	assert.Contains(t, svg, ">rcv SYN (two-way rule)</text>", "renderSVG: the unrouted arrow should keep its label")
}

func TestDiagramStable(t *testing.T) {
	assert.Equal(t, dotOutput(t), dotOutput(t), "WriteDOT: two runs differ")
	assert.Equal(t, svgOutput(t), svgOutput(t), "WriteSVG: two runs differ")
}

type diagramFailingWriter struct{}

func (diagramFailingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestDiagramWriteError(t *testing.T) {
	err := WriteDOT(diagramFailingWriter{})
	require.Error(t, err, "WriteDOT to a failing writer")
	assert.Equal(t, "tcp: write the state diagram as DOT: disk full", err.Error())
	err = WriteSVG(diagramFailingWriter{})
	require.Error(t, err, "WriteSVG to a failing writer")
	assert.Equal(t, "tcp: write the state diagram as SVG: disk full", err.Error())
}

// TestDiagramGolden checks that the pictures in docs/figures are the ones
// the table draws today; with -update it redraws them.
func TestDiagramGolden(t *testing.T) {
	dir := filepath.Join("..", "..", "docs", "figures")
	golden := []struct {
		file string
		got  string
	}{
		{"states.dot", dotOutput(t)},
		{"states.svg", svgOutput(t)},
	}
	for _, g := range golden {
		path := filepath.Join(dir, g.file)
		if *updateDiagrams {
			require.NoError(t, os.MkdirAll(dir, 0o755), "create %s", dir)
			require.NoError(t, os.WriteFile(path, []byte(g.got), 0o644), "write %s", path)
			continue
		}
		want, err := os.ReadFile(path)
		require.NoError(t, err, "docs/figures/%s is missing; create it with: %s", g.file, diagramRegenerate)
		assert.True(t, string(want) == g.got, "docs/figures/%s is out of date with tcp.Transitions; regenerate it with: %s", g.file, diagramRegenerate)
	}
}

func diagramFirstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

func ExampleWriteDOT() {
	var b strings.Builder
	if err := WriteDOT(&b); err != nil {
		fmt.Println(err)
		return
	}
	// The three segments of the handshake, as the client sees them.
	for _, line := range strings.Split(b.String(), "\n") {
		if strings.HasPrefix(line, "\t\"CLOSED\" -> \"SYN-SENT\"") || strings.HasPrefix(line, "\t\"SYN-SENT\" -> \"ESTABLISHED\"") {
			fmt.Println(strings.TrimSpace(line))
		}
	}
	// Output:
	// "CLOSED" -> "SYN-SENT" [label="active OPEN / SYN"];
	// "SYN-SENT" -> "ESTABLISHED" [label="rcv SYN,ACK / ACK"];
}

func ExampleWriteSVG() {
	var b strings.Builder
	if err := WriteSVG(&b); err != nil {
		fmt.Println(err)
		return
	}
	// One arrow per row of the figure; hover over one in a browser to see its row.
	fmt.Println(strings.Count(b.String(), "<path "), "arrows")
	fmt.Println(strings.Contains(b.String(), "<title>SYN-SENT → ESTABLISHED: rcv SYN,ACK / snd ACK (RFC 9293 §3.10.7.3)</title>"))
	// Output:
	// 20 arrows
	// true
}
