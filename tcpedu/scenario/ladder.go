package scenario

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/tcpedu/tcpedu/tcpedu/tcp"
	"github.com/tcpedu/tcpedu/tcpedu/wire"
)

// The ladder diagram: one row per thing that happened, with time going
// down the page, each host's state in its margin, and the segments as
// arrows between them, their numbers to the right:
//
//	 time ms  client        |                              |  server
//	       0  SYN-SENT      |SYN --------->                |  LISTEN         SYN seq=2709690875 (0) len=0 <mss 1460,wscale 7>
//	      50  SYN-SENT      |                --------> SYN |  LISTEN
//	      50  SYN-SENT      |                              |> SYN-RECEIVED   rcv SYN
//
// A state that has just changed is marked with '>' against the bar.

const (
	ladderWidth = 30 // characters between the bars
	stateWidth  = 13 // the longest state name, SYN-RECEIVED, is 12
)

// WriteLadder draws res as a ladder diagram on w.
func WriteLadder(w io.Writer, res *Result) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s\n", res.Name, res.Title)
	fmt.Fprintf(&b, "client %v:%d, server %v:%d, one-way delay %v, seed %d\n",
		ClientAddr, ClientPort, ServerAddr, ServerPort, OneWayDelay, res.Seed)
	b.WriteString("seq and ack are absolute; in brackets, relative to the sender's ISN (seq) and the receiver's (ack)\n\n")
	fmt.Fprintf(&b, "%8s  %-*s |%-*s|  %-*s  %s\n", "time ms", stateWidth, "client", ladderWidth, "", stateWidth, "server", "")

	cur := map[string]tcp.State{} // each host's current state, for the margins
	have := map[string]bool{}     // whether the host has a connection to show
	latest := map[string]int{}    // the connection the margin follows
	for _, e := range res.Log {
		var mid, detail string
		marked := ""
		switch e.Kind {
		case Sent:
			s := &res.Segments[e.Index]
			mid = arrow(s, e.Kind)
			detail = describe(s, res.Windows)
			if s.Injected {
				detail += "  (injected by the script)"
			}
		case Arrived:
			mid = arrow(&res.Segments[e.Index], e.Kind)
		case Lost:
			mid = arrow(&res.Segments[e.Index], e.Kind)
			detail = "lost"
		case Changed:
			c := res.States[e.Index]
			if c.Conn >= latest[c.Host] || c.From == tcp.Closed {
				latest[c.Host] = c.Conn
				cur[c.Host], have[c.Host] = c.To, true
				marked = c.Host
			}
			detail = fmt.Sprintf("%s %d: %s -> %s on %s", c.Host, c.Conn, c.From, c.To, c.Event)
		case Remark:
			n := res.Notes[e.Index]
			detail = n.Host + ": " + n.Text
		}
		fmt.Fprintf(&b, "%8s  %s|%-*s|%s  %s\n", ms3(e.At),
			margin("client", cur, have, marked, true), ladderWidth, mid,
			margin("server", cur, have, marked, false), detail)
	}
	lines := strings.Split(b.String(), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	_, err := io.WriteString(w, strings.Join(lines, "\n"))
	return err
}

// margin formats a host's state for its margin.
func margin(host string, cur map[string]tcp.State, have map[string]bool, marked string, left bool) string {
	name := ""
	if have[host] {
		name = cur[host].String()
	}
	if left {
		mark := " "
		if marked == host {
			mark = "<"
		}
		return fmt.Sprintf("%-*s%s", stateWidth, name, mark)
	}
	mark := " "
	if marked == host {
		mark = ">"
	}
	return fmt.Sprintf("%s %-*s", mark, stateWidth, name)
}

// arrow draws a segment's arrow between the bars: leaving one side, reaching
// the other, or lost half way.
func arrow(s *SegmentRecord, kind EntryKind) string {
	label := tcp.FlagNames(s.Seg.Flags)
	const half = ladderWidth / 2
	dashes := strings.Repeat("-", half-2)
	toServer := s.From == "client"
	switch {
	case kind == Sent && toServer:
		return label + " " + dashes + ">"
	case kind == Arrived && toServer:
		return pad(dashes+"> "+label, ladderWidth)
	case kind == Sent:
		return pad("<"+dashes+" "+label, ladderWidth)
	case kind == Arrived:
		return label + " <" + dashes
	case toServer:
		return pad("", 4) + label + " ----X"
	}
	return pad("X---- "+label, ladderWidth-4)
}

// pad right-aligns s in width characters.
func pad(s string, width int) string {
	if len(s) >= width {
		return s
	}
	return strings.Repeat(" ", width-len(s)) + s
}

// describe gives a segment's numbers: absolute, relative in brackets.
func describe(s *SegmentRecord, windows bool) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s seq=%d", tcp.FlagNames(s.Seg.Flags), uint32(s.Seg.Seq))
	if s.HasRel {
		fmt.Fprintf(&b, " (%d)", s.SeqRel)
	}
	if s.Seg.Flags.Has(wire.ACK) {
		fmt.Fprintf(&b, " ack=%d", uint32(s.Seg.Ack))
		if s.HasAckRel {
			fmt.Fprintf(&b, " (%d)", s.AckRel)
		}
	}
	if windows {
		fmt.Fprintf(&b, " win=%d", s.Seg.Window)
	}
	fmt.Fprintf(&b, " len=%d", len(s.Seg.Payload))
	if s.Seg.MSS != 0 || s.Seg.HasWScale {
		var opts []string
		if s.Seg.MSS != 0 {
			opts = append(opts, fmt.Sprintf("mss %d", s.Seg.MSS))
		}
		if s.Seg.HasWScale {
			opts = append(opts, fmt.Sprintf("wscale %d", s.Seg.WScale))
		}
		b.WriteString(" <" + strings.Join(opts, ",") + ">")
	}
	return b.String()
}

// ms3 formats a time in milliseconds with no needless decimals.
func ms3(d time.Duration) string {
	if d%time.Millisecond == 0 {
		return fmt.Sprintf("%d", d/time.Millisecond)
	}
	return fmt.Sprintf("%.3f", float64(d)/float64(time.Millisecond))
}
