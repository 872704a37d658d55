package tcp

import (
	"fmt"
	"io"
	"strings"
)

// The state diagram is drawn from Transitions, never by hand: the rows with
// Figure set are the arrows of the RFC 9293 §3.3.2 figure, so changing a
// row changes the picture. The pictures in docs/figures are the output of
// WriteDOT and WriteSVG, and a test fails when they fall behind the table.
// To redraw them, run go generate ./tcpedu/tcp, or
//
//	go test ./tcpedu/tcp -run TestDiagramGolden -update
//
//go:generate go test -run TestDiagramGolden -update

// diagramTitle is the caption both pictures carry.
const diagramTitle = "TCP connection states (RFC 9293 §3.3.2), generated from tcp.Transitions"

// WriteDOT writes the state diagram to w as a Graphviz DOT digraph, for
// dot -Tsvg or any other Graphviz tool. It reads Transitions: every row
// with Figure set becomes one edge, labelled "event / send", or
// "event / x" where the row sends nothing (the figure's x). Every state
// such a row uses becomes one node, labelled with its RFC name and, where
// netstat spells it differently, the netstat name in smaller type
// (SYN-RECEIVED over SYN_RECV). The output is the same bytes on every run.
func WriteDOT(w io.Writer) error {
	rows := figureRows(Transitions)
	var b strings.Builder
	b.WriteString("// Generated from tcp.Transitions by tcp.WriteDOT: do not edit.\n")
	b.WriteString("// Regenerate with: go test ./tcpedu/tcp -run TestDiagramGolden -update\n")
	b.WriteString("digraph tcp_states {\n")
	fmt.Fprintf(&b, "\tlabel=%s;\n", dotQuote(diagramTitle))
	b.WriteString("\tlabelloc=t;\n")
	fmt.Fprintf(&b, "\tfontname=%s;\n", dotQuote(dotFonts))
	b.WriteString("\tnodesep=0.6;\n")
	fmt.Fprintf(&b, "\tnode [shape=box, style=\"rounded,filled\", fillcolor=\"#eef3fb\", fontname=%s];\n", dotQuote(dotFonts))
	fmt.Fprintf(&b, "\tedge [fontname=%s, fontsize=10];\n", dotQuote(dotFonts))

	used := statesUsed(rows)
	b.WriteString("\n")
	for i := 0; i < NumStates; i++ {
		if !used[i] {
			continue
		}
		s := State(i)
		fmt.Fprintf(&b, "\t%s [label=%s];\n", dotQuote(s.String()), dotNodeLabel(s))
	}

	// Side by side as in the RFC figure; a hint to dot, not a rule of TCP.
	b.WriteString("\n")
	for _, rank := range dotRanks {
		var ids []string
		for _, s := range rank {
			if used[s] {
				ids = append(ids, dotQuote(s.String()))
			}
		}
		if len(ids) > 1 {
			fmt.Fprintf(&b, "\t{rank=same; %s;}\n", strings.Join(ids, "; "))
		}
	}

	b.WriteString("\n")
	for _, t := range rows {
		b.WriteString("\t" + dotEdge(t) + "\n")
	}
	b.WriteString("}\n")

	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("tcp: write the state diagram as DOT: %w", err)
	}
	return nil
}

// dotFonts is the font list for Graphviz: the first one installed is used.
const dotFonts = "DejaVu Sans,Helvetica,Arial,sans-serif"

// dotRanks lists the states the RFC figure draws on one level.
var dotRanks = [][]State{
	{SynReceived, SynSent},
	{FinWait1, CloseWait},
	{FinWait2, Closing, LastAck},
}

// dotEdge returns the DOT statement for one row:
// "CLOSED" -> "LISTEN" [label="passive OPEN / x"];
func dotEdge(t Transition) string {
	event, send := edgeLabel(t)
	return fmt.Sprintf("%s -> %s [label=%s];", dotQuote(t.From.String()), dotQuote(t.To.String()), dotQuote(event+" / "+send))
}

// dotNodeLabel returns a node's label: the RFC name, with the netstat name
// below it in smaller type when the two differ (a Graphviz HTML label).
func dotNodeLabel(s State) string {
	if s.Netstat() == s.String() {
		return dotQuote(s.String())
	}
	return "<" + xmlEscape(s.String()) + "<BR/><FONT POINT-SIZE=\"9\">" + xmlEscape(s.Netstat()) + "</FONT>>"
}

// dotQuote returns s as a DOT quoted string.
func dotQuote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

// xmlEscape escapes the characters that XML, and Graphviz's HTML labels,
// give a meaning.
func xmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(s)
}

// figureRows returns the rows of table that the §3.3.2 figure draws, in
// table order.
func figureRows(table []Transition) []Transition {
	var rows []Transition
	for _, t := range table {
		if t.Figure {
			rows = append(rows, t)
		}
	}
	return rows
}

// statesUsed reports, for each state, whether a row starts or ends there.
func statesUsed(rows []Transition) [NumStates]bool {
	var used [NumStates]bool
	for _, t := range rows {
		if int(t.From) < NumStates {
			used[t.From] = true
		}
		if int(t.To) < NumStates {
			used[t.To] = true
		}
	}
	return used
}

// edgeLabel returns the two halves of a row's label as the figure writes
// them: the event, and what is sent on the way, or "x" for nothing.
func edgeLabel(t Transition) (event, send string) {
	send = t.Send
	if send == "" {
		send = "x"
	}
	return t.Event.String(), send
}
