package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/tcpedu/tcpedu/cmd/tcpedu/internal/capture"
	"github.com/tcpedu/tcpedu/tcpedu/scenario"
	"github.com/tcpedu/tcpedu/tcpedu/tcp"
)

const scenarioUsage = `Usage: tcpedu scenario list
       tcpedu scenario NAME [--json] [--pcap FILE] [--seed N]
       tcpedu scenario states [--dot | --svg]

Play one story of a TCP connection's life (the handshake, the close,
TIME-WAIT, a lost SYN, a reset) between a client and a server, and draw
it as a ladder diagram: every segment with its flags, absolute and relative
seq/ack and length, and each host's state in the margins.

  tcpedu scenario list                   every scenario, with what it shows
  tcpedu scenario handshake              the three-way handshake
  tcpedu scenario lost-final-ack         why TIME-WAIT exists
  tcpedu scenario teardown --pcap t.pcap open the close in Wireshark
  tcpedu scenario states                 the state machine, row by row
  tcpedu scenario states --svg > s.svg   the RFC 9293 state diagram, drawn from the same table

Flags:
`

func runScenario(e *env, args []string) error {
	var (
		asJSON bool
		pcap   string
		seed   uint64
		dot    bool
		svg    bool
	)
	fs := flag.NewFlagSet("scenario", flag.ContinueOnError)
	fs.BoolVar(&asJSON, "json", false, "print the segments and state changes as one JSON object")
	fs.StringVar(&pcap, "pcap", "", "write every segment sent to `FILE` as a pcap that Wireshark opens")
	fs.Uint64Var(&seed, "seed", 1, "random seed for the initial sequence numbers: equal seeds give identical runs")
	fs.BoolVar(&dot, "dot", false, "with states: print the state diagram as Graphviz DOT")
	fs.BoolVar(&svg, "svg", false, "with states: print the state diagram as SVG")
	rest, err := parseFlags(fs, args, scenarioUsage, e.stdout)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	if len(rest) == 0 {
		return usagef("scenario needs a name; 'tcpedu scenario list' names them all")
	}
	if len(rest) > 1 {
		return usagef("unexpected argument %q: scenario takes one name", rest[1])
	}
	switch rest[0] {
	case "list":
		return listScenarios(e.stdout)
	case "states":
		switch {
		case dot && svg:
			return usagef("--dot and --svg: choose one")
		case dot:
			return tcp.WriteDOT(e.stdout)
		case svg:
			return tcp.WriteSVG(e.stdout)
		}
		return printTransitions(e.stdout)
	}
	if dot || svg {
		return usagef("--dot and --svg go with 'tcpedu scenario states'")
	}
	sc, err := scenario.Find(rest[0])
	if err != nil {
		return err
	}
	res := sc.Run(seed)
	if pcap != "" {
		if err := writeScenarioPcap(pcap, res); err != nil {
			return err
		}
	}
	if asJSON {
		return writeJSON(e.stdout, scenarioJSON(res))
	}
	if err := scenario.WriteLadder(e.stdout, res); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "\n%s\n", wrap(sc.Story, 100))
	return nil
}

// listScenarios prints every scenario's name and title.
func listScenarios(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, sc := range scenario.All() {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", sc.Name, sc.Title, sc.RFC)
	}
	return tw.Flush()
}

// printTransitions prints the transition table.
func printTransitions(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "from\tevent\tsend\tto\tRFC 9293\twhy")
	for _, t := range tcp.Transitions {
		send := t.Send
		if send == "" {
			send = "-"
		}
		why := t.Why
		if t.NotTCP {
			why = "[not TCP] " + why
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", t.From, t.Event, send, t.To, t.RFC, why)
	}
	return tw.Flush()
}

// The JSON form of a scenario, as ../shared/spec/CLI.md fixes it, plus
// title, relative numbers, connection numbers and notes.
type scenarioResultJSON struct {
	Name     string                `json:"name"`
	Title    string                `json:"title"`
	Seed     uint64                `json:"seed"`
	Segments []scenarioSegmentJSON `json:"segments"`
	States   []scenarioStateJSON   `json:"states"`
	Notes    []scenarioNoteJSON    `json:"notes"`
}

type scenarioSegmentJSON struct {
	TMs      float64  `json:"t_ms"`
	From     string   `json:"from"`
	To       string   `json:"to"`
	Seq      uint32   `json:"seq"`
	Ack      uint32   `json:"ack"`
	Flags    []string `json:"flags"`
	Len      int      `json:"len"`
	Dropped  bool     `json:"dropped"`
	SeqRel   *uint32  `json:"seq_rel,omitempty"`
	AckRel   *uint32  `json:"ack_rel,omitempty"`
	Window   uint16   `json:"window"`
	MSS      uint16   `json:"mss,omitempty"`
	WScale   *uint8   `json:"wscale,omitempty"`
	ArriveMs *float64 `json:"arrive_ms,omitempty"`
	Injected bool     `json:"injected,omitempty"`
}

type scenarioStateJSON struct {
	TMs   float64 `json:"t_ms"`
	Host  string  `json:"host"`
	Conn  int     `json:"conn"`
	From  string  `json:"from"`
	To    string  `json:"to"`
	Event string  `json:"event"`
}

type scenarioNoteJSON struct {
	TMs  float64 `json:"t_ms"`
	Host string  `json:"host"`
	Text string  `json:"text"`
}

func msOf(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func scenarioJSON(res *scenario.Result) scenarioResultJSON {
	out := scenarioResultJSON{Name: res.Name, Title: res.Title, Seed: res.Seed,
		Segments: []scenarioSegmentJSON{}, States: []scenarioStateJSON{}, Notes: []scenarioNoteJSON{}}
	for i := range res.Segments {
		s := &res.Segments[i]
		j := scenarioSegmentJSON{
			TMs: msOf(s.At), From: s.From, To: s.To,
			Seq: uint32(s.Seg.Seq), Ack: uint32(s.Seg.Ack), Flags: s.Seg.Flags.Names(),
			Len: len(s.Seg.Payload), Dropped: s.Dropped, Window: s.Seg.Window, MSS: s.Seg.MSS,
			Injected: s.Injected,
		}
		if s.HasRel {
			v := s.SeqRel
			j.SeqRel = &v
		}
		if s.HasAckRel {
			v := s.AckRel
			j.AckRel = &v
		}
		if s.Seg.HasWScale {
			v := s.Seg.WScale
			j.WScale = &v
		}
		if s.Arrived >= 0 {
			v := msOf(s.Arrived)
			j.ArriveMs = &v
		}
		out.Segments = append(out.Segments, j)
	}
	for _, c := range res.States {
		out.States = append(out.States, scenarioStateJSON{TMs: msOf(c.At), Host: c.Host, Conn: c.Conn,
			From: c.From.String(), To: c.To.String(), Event: c.Event.String()})
	}
	for _, n := range res.Notes {
		out.Notes = append(out.Notes, scenarioNoteJSON{TMs: msOf(n.At), Host: n.Host, Text: n.Text})
	}
	return out
}

// writeScenarioPcap writes every segment sent in a scenario, lost ones
// included (the capture is taken where each was sent), to a pcap file.
func writeScenarioPcap(name string, res *scenario.Result) error {
	recs := make([]capture.Record, len(res.Segments))
	for i, s := range res.Segments {
		recs[i] = capture.Record{At: s.At, Data: s.Packet}
	}
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	if err := capture.WriteIP(f, recs); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", name, err)
	}
	return f.Close()
}

// wrap breaks text into lines of at most width characters.
func wrap(text string, width int) string {
	var b strings.Builder
	n := 0
	for _, w := range strings.Fields(text) {
		if n > 0 && n+1+len(w) > width {
			b.WriteByte('\n')
			n = 0
		} else if n > 0 {
			b.WriteByte(' ')
			n++
		}
		b.WriteString(w)
		n += len(w)
	}
	return b.String()
}
