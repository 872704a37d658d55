package grading

import (
	"fmt"
	"strings"

	"github.com/tcpedu/tcpedu/tcpedu/seq"
	"github.com/tcpedu/tcpedu/tcpedu/tcp"
	"github.com/tcpedu/tcpedu/tcpedu/wire"
)

// This file runs the connection scripts that the suites of exercises 10
// and 11 (10-handshake.go, 11-teardown.go) are written in: a named script
// of calls and arriving segments, each with the segments that must go out
// and the row of tcp.Transitions it takes; when a step goes wrong, the
// whole exchange so far is printed as a ladder.

// A connStep is one line of a script: a call, or a segment arriving; what
// must go out; and the row of the model's transition table it takes.
type connStep struct {
	call string               // the call as the ladder shows it, "Connect()"; "" for an arriving segment
	do   func() []tcp.Segment // makes the call
	rcv  tcp.Segment          // the arriving segment, when call is ""

	send []tcp.Segment // what must go out, in order
	any  bool          // whatever goes out is fine (the RFC leaves it open)

	// ev is the event whose row of tcp.Transitions the step takes from
	// the state the script is in: the row gives the state after it. Zero
	// means the state stays.
	ev tcp.Event

	hint string // the misconception most likely behind this step going wrong
	own  bool   // hint comes before any mistake the script's hints recognise
}

// A connScript is a named sequence of steps on one connection.
type connScript struct {
	title   string
	state   func() tcp.State
	receive func(tcp.Segment) []tcp.Segment
	start   tcp.State
	steps   []connStep

	// hints names the mistake what came back shows, or returns "".
	hints func(st connStep, got []tcp.Segment, from, gotTo, wantTo tcp.State) string
}

// run plays the script and reports whether every step went as it should.
// At the first step that does not, it fails the check with the ladder of
// the exchange so far and the hint for that step.
func (s connScript) run(c *C) bool {
	var ladder strings.Builder
	want := s.start
	if got := s.state(); got != want {
		c.Errorf("script %q: a new connection is in %s, want %s", s.title, got, want)
		return false
	}
	for i, st := range s.steps {
		from := want
		to := connRowTo(from, st)
		var out []tcp.Segment
		label := st.call
		if st.call != "" {
			out = st.do()
		} else {
			out = s.receive(st.rcv)
			label = "rcv " + connFmt(st.rcv)
		}
		got := s.state()
		outOK := st.any || connSameSegs(out, st.send)
		fmt.Fprintf(&ladder, "  %2d  %-46s -> %-40s %s", i+1, label, connFmtSegs(out), connFmtMove(from, got))
		if outOK && got == to {
			ladder.WriteString("\n")
			want = to
			continue
		}
		wantOut := connFmtSegs(st.send)
		if st.any {
			wantOut = "(anything)"
		}
		fmt.Fprintf(&ladder, "   <- wrong\n      %-46s    %-40s %s\n", "wanted:", wantOut, connFmtMove(from, to))
		c.Errorf("script %q went wrong at step %d:\n%s", s.title, i+1, ladder.String())
		if st.own {
			c.Hint("%s", st.hint)
		}
		if s.hints != nil {
			if h := s.hints(st, out, from, got, to); h != "" {
				c.Hint("%s", h)
			}
		}
		if st.hint != "" {
			c.Hint("%s", st.hint)
		}
		return false
	}
	return true
}

// connRowTo returns the state step st leads to from state from: the To of
// its row of tcp.Transitions, or from itself. A step whose event has no
// row, or whose row sends other flags than the step expects, is a bug in
// the suite, not in the learner's code.
func connRowTo(from tcp.State, st connStep) tcp.State {
	if st.ev == 0 {
		return from
	}
	i := tcp.Lookup(from, st.ev)
	if i < 0 {
		panic(fmt.Sprintf("grading: bug in a script: tcp.Transitions has no row for %s in %s", st.ev, from))
	}
	row := tcp.Transitions[i]
	if row.Send != "" && !st.any {
		if len(st.send) == 0 || !connHasNamed(st.send[0].Flags, row.Send) {
			panic(fmt.Sprintf("grading: bug in a script: the row for %s in %s sends %s, the step expects %s", st.ev, from, row.Send, connFmtSegs(st.send)))
		}
	}
	return row.To
}

// connHasNamed reports whether f has every flag that names ("SYN,ACK")
// lists.
func connHasNamed(f wire.Flags, names string) bool {
	bits := map[string]wire.Flags{"SYN": wire.SYN, "ACK": wire.ACK, "FIN": wire.FIN, "RST": wire.RST}
	for _, n := range strings.Split(names, ",") {
		if !f.Has(bits[n]) {
			return false
		}
	}
	return true
}

// connArrivalRows returns the pairs of states that a row of tcp.Transitions
// for an arriving segment joins, leaving out the rows that are not TCP.
func connArrivalRows() map[[2]tcp.State]bool {
	rows := map[[2]tcp.State]bool{}
	for _, t := range tcp.Transitions {
		if !t.NotTCP && strings.HasPrefix(t.Event.String(), "rcv ") {
			rows[[2]tcp.State{t.From, t.To}] = true
		}
	}
	return rows
}

// connSeg returns a segment with the given control bits and numbers; ack
// matters only with the ACK bit.
func connSeg(flags wire.Flags, s, ack seq.Num) tcp.Segment {
	return tcp.Segment{Seq: s, Ack: ack, Flags: flags}
}

// connSegs lists segments that must go out.
func connSegs(segs ...tcp.Segment) []tcp.Segment { return segs }

// connNoOutput makes a call that sends nothing into a step's do.
func connNoOutput(f func()) func() []tcp.Segment {
	return func() []tcp.Segment { f(); return nil }
}

// connSameSegs reports whether got is want: the same segments in the same
// order, with the same control bits, SEQ, ACK (when the ACK bit is set) and
// data length. The window and options are not compared.
func connSameSegs(got, want []tcp.Segment) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range got {
		g, w := got[i], want[i]
		if g.Flags != w.Flags || g.Seq != w.Seq || len(g.Payload) != len(w.Payload) ||
			(w.Flags.Has(wire.ACK) && g.Ack != w.Ack) {
			return false
		}
	}
	return true
}

// connFmt writes a segment as a line of a ladder: "SYN,ACK seq=684686312
// ack=2709690876", with " len=N" when it carries data.
func connFmt(s tcp.Segment) string {
	out := fmt.Sprintf("%s seq=%d", tcp.FlagNames(s.Flags), uint32(s.Seq))
	if s.Flags.Has(wire.ACK) {
		out += fmt.Sprintf(" ack=%d", uint32(s.Ack))
	}
	if len(s.Payload) > 0 {
		out += fmt.Sprintf(" len=%d", len(s.Payload))
	}
	return out
}

// connFmtSegs writes the segments that went out, or "(nothing)".
func connFmtSegs(segs []tcp.Segment) string {
	if len(segs) == 0 {
		return "(nothing)"
	}
	parts := make([]string, len(segs))
	for i, s := range segs {
		parts[i] = connFmt(s)
	}
	return strings.Join(parts, "; ")
}

// connFmtMove writes a change of state, "SYN-SENT -> ESTABLISHED", or the
// state alone when it stays.
func connFmtMove(from, to tcp.State) string {
	if from == to {
		return from.String()
	}
	return from.String() + " -> " + to.String()
}
