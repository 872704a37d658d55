package arq

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
)

// A ladder diagram (also "sequence diagram" or "time-space diagram") is how
// the course draws an exchange: one vertical line per host, time running
// down, a slanted arrow for each segment from the moment it leaves one host
// to the moment it reaches the other. In text, each arrow is drawn twice:
// where it leaves (its label beside the sender's line) and where it lands
// (beside the receiver's line):
//
//	   time ms  sender                                                      receiver
//	     0.000  |--#1 seq=1------------------>                             |
//	     0.000  |--#2 seq=1001--------------->                             |
//	     0.832  |                 --#2 seq=1001--X                         |  lost (loss)
//	    10.832  |                             ----#1 seq=1---------------->|  deliver #1
//	    10.832  |                             <-------ACK 1001 (next #2)---|
//	    20.864  |<----------ACK 1001 (next #2)                             |
//	    66.752  |* timeout: retransmission timer                           |
//	    66.752  |--#2 seq=1001 again: timeout--->                          |
//
// Arrows gives the same exchange as data, for drawing real slanted arrows
// (the SVG figures in plots/).

// ladderGap is the width between the two hosts' lines, in characters.
const ladderGap = 58

// WriteLadder draws the trace as a text ladder diagram. What a host does
// on receiving a segment (deliver, discard, buffer) is written beside the
// arrival. A nil trace (a run without Config.Trace) is an error, not a
// panic.
func (t *Trace) WriteLadder(w io.Writer) error {
	if t == nil {
		return errors.New("arq: no trace to draw: set Config.Trace before the run")
	}
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "%10s  %-*s%s\n", "time ms", ladderGap+2, "sender", "receiver")
	var line ladderLine // the line being built
	for i := range t.Events {
		ev := &t.Events[i]
		gap, side := t.ladderCells(ev)
		switch {
		case gap == "" && side == "":
			continue
		case gap == "" && line.gap != "" && ev.At == line.at:
			line.side = append(line.side, side) // beside the arrival it follows
			continue
		}
		line.writeTo(bw)
		line = ladderLine{at: ev.At, gap: gap}
		if side != "" {
			line.side = []string{side}
		}
	}
	line.writeTo(bw)
	return bw.Flush()
}

// ladderLine is one line of a text ladder diagram.
type ladderLine struct {
	at   time.Duration
	gap  string   // between the two hosts' lines
	side []string // right of the receiver's line
}

func (l *ladderLine) writeTo(w io.Writer) {
	if l.gap == "" && len(l.side) == 0 {
		return
	}
	text := fmt.Sprintf("%10.3f  |%s|", ms(l.at), pad(l.gap, ladderGap))
	if len(l.side) > 0 {
		text += "  " + strings.Join(l.side, "; ")
	}
	fmt.Fprintln(w, text)
}

// ladderCells returns what goes between the two lines and what goes to the
// right of the receiver's line for ev.
func (t *Trace) ladderCells(ev *Event) (gap, side string) {
	label := t.Describe(ev)
	half := ladderGap / 2
	switch {
	case ev.Kind == EventSend || ev.Kind == EventRetransmit:
		if ev.Kind == EventRetransmit {
			label += " again: " + ev.Text
		}
		if ev.Side == Sender {
			return arrowRight("--"+label, half), ""
		}
		return leftPad(arrowLeft(label+"---", half), ladderGap), ""
	case ev.Kind == EventArrive:
		if ev.Side == Sender {
			return leftPad(arrowRight("----"+label, half), ladderGap), ""
		}
		return arrowLeft(label, half), ""
	case ev.Kind == EventLost:
		mark := "--" + label + "--X"
		if ev.Side == Receiver {
			mark = "X--" + label + "--"
		}
		return center(mark, ladderGap), "lost (" + ev.Text + ")"
	case ev.Kind == EventCorrupt:
		if ev.Side == Sender {
			return leftPad("----"+label+"--X", ladderGap), ev.Text
		}
		return "X--" + label + "----", "sender: " + ev.Text
	case ev.Kind == EventDuplicate:
		return center("+ "+label, ladderGap), "duplicated by the link"
	case ev.Side == Sender: // timeout, note
		return "* " + t.sideText(ev), ""
	default:
		return "", t.sideText(ev)
	}
}

// sideText is the text of a timeout, delivery or note.
func (t *Trace) sideText(ev *Event) string {
	switch ev.Kind {
	case EventTimeout:
		return "timeout: " + ev.Text
	case EventDeliver:
		return "deliver " + ev.Text
	}
	return ev.Text
}

// arrowRight draws s---> filling width characters, or longer if s needs.
func arrowRight(s string, width int) string {
	return s + strings.Repeat("-", dashes(s, width)) + ">"
}

// arrowLeft draws <---s filling width characters, or longer if s needs.
func arrowLeft(s string, width int) string {
	return "<" + strings.Repeat("-", dashes(s, width)) + s
}

// dashes returns how many dashes an arrow labelled s needs to fill width
// characters, at least two.
func dashes(s string, width int) int {
	if n := width - len([]rune(s)) - 1; n > 2 {
		return n
	}
	return 2
}

// pad cuts or pads s to exactly width characters.
func pad(s string, width int) string {
	r := []rune(s)
	if len(r) > width {
		return string(r[:width-1]) + "…"
	}
	return s + strings.Repeat(" ", width-len(r))
}

// leftPad right-aligns s in width characters.
func leftPad(s string, width int) string {
	if n := width - len([]rune(s)); n > 0 {
		return strings.Repeat(" ", n) + s
	}
	return s
}

// center centres s in width characters.
func center(s string, width int) string {
	if n := (width - len([]rune(s))) / 2; n > 0 {
		return strings.Repeat(" ", n) + s
	}
	return s
}

// Arrow is one segment's journey, for drawing a ladder diagram with
// slanted arrows: it leaves From at Sent and reaches the other host at
// Arrived, unless it was lost (Lost) or arrived damaged (Corrupt), in which
// case Arrived is when that happened.
type Arrow struct {
	From          Side
	Sent, Arrived time.Duration
	Label         string // as the text ladder labels it
	Retransmitted bool
	Lost, Corrupt bool
	Why           string // for a retransmission: its reason; for a loss: the link's
}

// Arrows pairs every send in the trace with its arrival, loss or damage
// (by the packet's IPv4 identification, which a copy made by the link
// shares). A packet still in flight when the run ended has Arrived zero.
func (t *Trace) Arrows() []Arrow {
	var arrows []Arrow
	open := [2]map[uint16]int{{}, {}} // packet ID to arrow index, by sender side
	for i := range t.Events {
		ev := &t.Events[i]
		switch ev.Kind {
		case EventSend, EventRetransmit:
			open[ev.Side][ev.ID] = len(arrows)
			a := Arrow{From: ev.Side, Sent: ev.At, Label: t.Describe(ev), Retransmitted: ev.Kind == EventRetransmit}
			if a.Retransmitted {
				a.Why = ev.Text
			}
			arrows = append(arrows, a)
		case EventArrive, EventLost, EventCorrupt:
			j, ok := open[ev.Side][ev.ID]
			if !ok {
				continue
			}
			a := &arrows[j]
			if a.Arrived != 0 || a.Lost || a.Corrupt { // a duplicate copy: a second arrow
				arrows = append(arrows, Arrow{From: a.From, Sent: a.Sent, Label: a.Label})
				a = &arrows[len(arrows)-1]
			}
			a.Arrived = ev.At
			a.Lost = ev.Kind == EventLost
			a.Corrupt = ev.Kind == EventCorrupt
			if a.Lost {
				a.Why = ev.Text
			}
		}
	}
	return arrows
}
