package main

import (
	"bytes"
	_ "embed"
	"errors"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/tcpedu/tcpedu/cmd/tcpedu/internal/capture"
	"github.com/tcpedu/tcpedu/tcpedu/arq"
	"github.com/tcpedu/tcpedu/tcpedu/bulk"
	"github.com/tcpedu/tcpedu/tcpedu/cc"
	"github.com/tcpedu/tcpedu/tcpedu/checksum"
	"github.com/tcpedu/tcpedu/tcpedu/scenario"
	"github.com/tcpedu/tcpedu/tcpedu/wire"
)

// transferPcap is a real capture from two Linux network namespaces joined
// by a veth pair, checksum offload off: a handshake, 4000 bytes one way and
// 3000 back, and a FIN/FIN close (the same file as
// ../shared/fixtures/linux/tcp4_transfer.pcap).
//
//go:embed tourdata/tcp4_transfer.pcap
var transferPcap []byte

const tourUsage = `Usage: tcpedu tour

A guided tour of tcpedu for a new learner: it decodes a real TCP handshake
captured on Linux, explains every field, and shows where to go next.

`

// tourStop is one stop of the tour. Each capability of tcpedu adds one.
type tourStop struct {
	title string
	show  func(w io.Writer, frames []capture.Frame) error
}

var tourStops = []tourStop{
	{"A real SYN, field by field", tourSYN},
	{"The three-way handshake: how seq and ack move", tourHandshake},
	{"Why the checksum is what it is", tourChecksum},
	{"A lost segment: Go-Back-N against SACK", tourARQ},
	{"Closing, and why TIME-WAIT waits", tourClose},
	{"Congestion control: Tahoe against Reno", tourCongestion},
	{"Three losses in one window: NewReno against SACK", tourSACK},
	{"Your turn: the graded exercises", tourExercises},
	{"Interactive study: a REPL and notebooks", tourInteractive},
	{"Where to go next", tourNext},
}

func runTour(e *env, args []string) error {
	fs := flag.NewFlagSet("tour", flag.ContinueOnError)
	rest, err := parseFlags(fs, args, tourUsage, e.stdout)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usagef("tour takes no arguments, got %q", rest[0])
	}
	frames, err := tourFrames()
	if err != nil {
		return err
	}
	fmt.Fprint(e.stdout, `Welcome to tcpedu. This tour takes apart a TCP connection that a Linux
kernel really made, between two network namespaces, and captured with
tcpdump. Everything below is decoded live by tcpedu's own code.
`)
	for i, s := range tourStops {
		fmt.Fprintf(e.stdout, "\n── Stop %d of %d: %s %s\n\n", i+1, len(tourStops), s.title, rule(60-len(s.title)))
		if err := s.show(e.stdout, frames); err != nil {
			return err
		}
	}
	return nil
}

func rule(n int) string {
	if n < 3 {
		n = 3
	}
	return string(bytes.Repeat([]byte("─"), n))
}

// tourFrames reads the embedded capture, copying each frame.
func tourFrames() ([]capture.Frame, error) {
	r, err := capture.NewReader("the tour's capture", bytes.NewReader(transferPcap))
	if err != nil {
		return nil, err
	}
	var frames []capture.Frame
	for {
		f, err := r.Next()
		if err == io.EOF {
			return frames, nil
		}
		if err != nil {
			return nil, err
		}
		f.Data = bytes.Clone(f.Data)
		frames = append(frames, f)
	}
}

// decodeFrames explains frames[from:to] with decode's annotated output.
func decodeFrames(w io.Writer, frames []capture.Frame, to int, showBytes func(n int) bool) error {
	d := newDecoder()
	for _, f := range frames[:to] {
		tw := &textWriter{w: io.Discard}
		if showBytes(f.Number) {
			tw = &textWriter{w: w, bytes: true}
		}
		if err := tw.write(d.decode(f)); err != nil {
			return err
		}
	}
	return nil
}

func tourSYN(w io.Writer, frames []capture.Frame) error {
	fmt.Fprint(w, `The client opens the connection with a SYN. Read each line as: field,
value, and what it means. The byte rows at the bottom are the header as it
was on the wire, laid out like the diagram in RFC 9293 §3.1.

`)
	return decodeFrames(w, frames, 1, func(n int) bool { return n == 1 })
}

func tourHandshake(w io.Writer, frames []capture.Frame) error {
	fmt.Fprint(w, `The server answers SYN-ACK, the client ACKs: three segments, and each
side has learned the other's initial sequence number (ISN).

`)
	var p wire.Packet
	var isn [2]uint32
	for i, f := range frames[:3] {
		if err := p.DecodeFrame(f.Link, f.Data); err != nil {
			return err
		}
		h := p.TCP
		fmt.Fprintf(w, "  %d. %-15s → %-15s [%-7s] seq %-10d ack %d\n", i+1,
			fmt.Sprintf("%v:%d", p.Src(), h.SrcPort), fmt.Sprintf("%v:%d", p.Dst(), h.DstPort), h.Flags, uint32(h.Seq), uint32(h.Ack))
		if i < 2 {
			isn[i] = uint32(h.Seq)
		}
	}
	fmt.Fprintf(w, `
  The client's ISN is %d. The SYN consumes one sequence number, so the
  server acknowledges %d + 1 = %d: "I expect your byte number ISN+1 next".
  The server's ISN is %d; the client's ACK says %d + 1 = %d.
  Both ISNs look random: RFC 9293 §3.4.1 and RFC 6528 make them hard to
  guess, so that an off-path attacker cannot forge segments.

  Why three segments and not two? Each side must both send its ISN and
  hear it acknowledged. A two-way handshake would let an old, delayed SYN
  open a connection nobody asked for (the course notes' reason).

`, isn[0], isn[0], isn[0]+1, isn[1], isn[1], isn[1]+1)
	return nil
}

func tourChecksum(w io.Writer, frames []capture.Frame) error {
	var p wire.Packet
	if err := p.DecodeFrame(frames[0].Link, frames[0].Data); err != nil {
		return err
	}
	ph := p.PseudoHeader()
	phBytes := ph.AppendTo(nil)
	sumPH, sumSeg := ph.Sum(), checksum.Sum(p.Segment)
	fmt.Fprintf(w, `TCP's checksum covers more than TCP: it also covers a 12-byte
pseudo-header built from the IP header, so that a segment delivered to the
wrong address or protocol fails the check even if its bytes are intact.

  pseudo-header  % x
                 source %v, destination %v, zero, protocol %d, TCP length %d

  ones' complement sum of the pseudo-header        0x%04x
  ones' complement sum of the %2d TCP bytes         0x%04x   (checksum field 0x%04x included)
  sum of the two, with the carry wrapped around    0x%04x

A receiver accepts the segment when that total is 0xffff (RFC 1071): the
sender chose the checksum field to make it so. To compute it, the sender
sums everything with the field taken as zero and writes the complement:
0x%04x here. The arithmetic is in tcpedu/checksum (reference.go first).

`, phBytes, ph.Src, ph.Dst, ph.Protocol, ph.Length, sumPH, len(p.Segment), sumSeg, p.TCP.Checksum,
		checksum.Add(sumPH, sumSeg), wire.TCP(p.Segment).ComputeChecksum(ph))
	return nil
}

// tourARQ runs the course's example on the simulator: five segments, a
// window of five, #3 lost.
func tourARQ(w io.Writer, _ []capture.Frame) error {
	fmt.Fprint(w, `Real links lose packets. tcpedu's simulator sends five segments across a
10 Mbit/s link with 10 ms of delay, and loses #3. Go-Back-N, whose receiver
keeps only in-order data, recovers like this (time runs down; each segment
is drawn where it leaves one host and where it reaches the other):

`)
	cfg := arq.Config{Protocol: arq.GoBackN, Window: 5, Segments: 5, DropSegments: []int{3}, Trace: true}
	gbn, err := arq.Run(cfg)
	if err != nil {
		return err
	}
	if err := gbn.Trace.WriteLadder(w); err != nil {
		return err
	}
	cfg.Protocol, cfg.Trace = arq.SACK, false
	sack, err := arq.Run(cfg)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, `
#4 and #5 arrived, but the receiver threw them away: when the timer
expired, the sender went back and sent #3, #4 and #5 again (%d retransmissions).
With SACK (RFC 2018), the receiver keeps #4 and #5 and says so in its ACKs
("SACK #4-5"): the same loss costs %d retransmission. TCP is both at once:
cumulative ACKs like Go-Back-N, buffering like Selective Repeat, plus SACK.
`, gbn.Retransmissions, sack.Retransmissions)
	return err
}

// tourClose plays the lost-final-ack scenario: the reason TIME-WAIT exists.
func tourClose(w io.Writer, _ []capture.Frame) error {
	fmt.Fprint(w, `A connection closes one direction at a time: each side's FIN says "I will
send no more" and takes one sequence number. Here the client closes first,
and the network loses its very last ACK. Watch the states in the margins
(a '<' or '>' marks a change) and what the client does in TIME-WAIT:

`)
	res, err := scenario.Run("lost-final-ack", 1)
	if err != nil {
		return err
	}
	if err := scenario.WriteLadder(w, res); err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, `
The server never got the ACK of its FIN, so it sent the FIN again. The
client, still in TIME-WAIT, acknowledged it again and restarted its 2MSL
timer. Had it closed at once, the repeated FIN would have found no
connection and drawn a RST, and the server's close would have failed.
'tcpedu scenario list' has %d more stories: the handshake, resets, a lost
SYN, an old duplicate SYN, a server that never closes.
`, len(scenario.All())-1)
	return err
}

// tourCongestion shows the textbook figure in numbers, then the same rule
// on the simulator.
func tourCongestion(w io.Writer, _ []capture.Frame) error {
	fmt.Fprint(w, `A sender may not have more in flight than its congestion window, cwnd.
It doubles cwnd every round trip (slow start) until ssthresh, then adds one
segment per round trip (congestion avoidance). Here is the textbook
exercise (Kurose and Ross, Figure 3.53): ssthresh 8 segments, and three
duplicate ACKs at the end of round 8, when cwnd is 12. cwnd per round:

`)
	for _, v := range []cc.Variant{cc.TahoeRounds, cc.RenoRounds} {
		rows, err := cc.Rounds(cc.RoundsConfig{Variant: v, Ssthresh: 8, Rounds: 14,
			Events: []cc.Event{{Round: 8, Loss: cc.TripleDup}}})
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "  %-6s", v)
		for _, r := range rows {
			fmt.Fprintf(w, "%3d", r.Cwnd)
		}
		fmt.Fprintln(w)
	}
	res, err := bulk.Run(bulk.Config{CC: "reno", Bandwidth: 100e6, NoQueueLimit: true, Drop: []int{30}, Trace: true, Duration: 2 * time.Second})
	if err != nil {
		return err
	}
	var before, at bulk.Sample
	for i := 1; i < len(res.Trace); i++ {
		if res.Trace[i].Phase == cc.FastRecovery && res.Trace[i-1].Phase != cc.FastRecovery {
			before, at = res.Trace[i-1], res.Trace[i]
			break
		}
	}
	_, err = fmt.Fprintf(w, `
Tahoe starts again from 1 segment; Reno halves: ssthresh = 12/2 = 6 and
cwnd = 6 + 3 = 9, the three segments the duplicate ACKs say have left.
The simulator does the same per ACK, in bytes (RFC 5681). Losing data
segment 30 of a Reno transfer at 100 Mbit/s: at the third duplicate ACK
%d bytes were in flight, so ssthresh = %d and cwnd = ssthresh + 3 MSS = %d.

  tcpedu rounds --cc reno --ssthresh 8 --rounds 15 --events 8:3dup
      the exercise as a table
  tcpedu sim --cc reno --drop 30 --bandwidth 100Mbps --queue 1000 --duration 2s --trace t.csv
      the same loss, with every change of cwnd in t.csv
`, before.InFlight, at.Ssthresh, at.Cwnd)
	return err
}

func tourNext(w io.Writer, _ []capture.Frame) error {
	_, err := fmt.Fprint(w, `From the repository, 'go run ./cmd/tcpedu' runs the command these lines
call 'tcpedu' ('go install ./cmd/tcpedu' puts it on your PATH).

  tcpedu decode tcpedu/wire/testdata/linux/tcp4_transfer.pcap
      every packet of this connection, explained (add --json for machines)
  tcpedu decode tcpedu/wire/testdata/linux/tcp6_sack.pcap
      IPv6, with losses, retransmissions and SACK blocks
  tcpedu decode --hex 45000028000040004006253e0ac800020ac80001176fc4d2000000009080e7395014000046420000
      one IP packet pasted as hex: here, the RST a closed port sends back
  tcpedu arq --protocol sack --window 5 --segments 5 --drop 3 --ladder
      the SACK side of stop 4, drawn
  tcpedu arq --compare --loss 0.1
      stop-and-wait, Go-Back-N, Selective Repeat and SACK on the same lossy link
  tcpedu arq --protocol gbn --loss 0.1 --pcap gbn.pcap
      the same as a capture that Wireshark opens
  tcpedu scenario list, tcpedu scenario syn-in-time-wait
      every story of a connection's life; a new SYN meets TIME-WAIT
  tcpedu scenario states --svg > states.svg
      the RFC 9293 state diagram, drawn from the model's transition table
  tcpedu sim --cc reno --loss 0.01 --duration 60s
      one bulk transfer through a bottleneck, and what recovery cost
  tcpedu plot cwnd -o cwnd.png, tcpedu plot list
      the figures: cwnd over time, stop 6 as the textbook draws it (plot
      rounds), the Stevens graph, the Mathis curve; plots/gallery has them all
  tcpedu repl, tcpedu notebook run notebooks/*.ipynb, tcpedu kernel install
      the model a line at a time, and the notebooks, headless or in Jupyter
  docs/01-headers-and-checksums.md to docs/07-interactive.md
      the chapters: headers and checksums, reliable transfer, the connection,
      flow and congestion control, the figures, the exercises, interactive study
  go doc ./tcpedu   (then ./tcpedu/seq, ./tcpedu/checksum, ./tcpedu/wire, ./tcpedu/arq, ./tcpedu/tcp, ./tcpedu/cc)
      the model itself: every file is written to be read
`)
	return err
}
