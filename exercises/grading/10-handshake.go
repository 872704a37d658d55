package grading

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/tcpedu/tcpedu/tcpedu/seq"
	"github.com/tcpedu/tcpedu/tcpedu/tcp"
	"github.com/tcpedu/tcpedu/tcpedu/wire"
)

// HandshakeConn is exercise 10's connection as the suite drives it: the
// opening half of RFC 9293's state machine, on segments. Segments are the
// model's tcp.Segment (Seq, Ack and Flags are what matter here) and states
// the model's tcp.State, so that both print as RFC 9293 writes them.
type HandshakeConn interface {
	Listen()                               // passive OPEN (RFC 9293 §3.10.1)
	Connect() []tcp.Segment                // active OPEN: the SYN to send
	Receive(seg tcp.Segment) []tcp.Segment // SEGMENT ARRIVES (§3.10.7): what goes out in answer
	State() tcp.State
}

// HandshakeImpl is exercise 10's code under test.
type HandshakeImpl struct {
	// New returns a connection in CLOSED whose initial send sequence
	// number, ISS, is iss.
	New func(iss seq.Num) HandshakeConn
}

// Handshake grades exercise 10 with impl.
func Handshake(t *testing.T, impl HandshakeImpl) { Run(t, "10-handshake", handshakeChecks(impl)) }

func init() {
	register(Exercise{ID: "10-handshake", Title: "The three-way handshake (RFC 9293 §3.5)", File: "handshake.go",
		Checks: handshakeChecks(HandshakeImpl{})})
}

// The initial sequence numbers of the handshake in docs/03-connection.md
// §3.2 (seed 1): the client's and the server's.
const (
	hsClientISN seq.Num = 2709690875
	hsServerISN seq.Num = 684686312
	hsLastNum   seq.Num = 1<<32 - 1 // the number before 0: the wrap
)

// Hints shared by several checks of exercise 10.
const (
	hsHintSynLen   = "SYN consumes one sequence number: acknowledge a SYN with SEG.SEQ+1, and send after it from ISS+1 (RFC 9293 §3.4)"
	hsHintAckOfSyn = "the ACK of a SYN must acknowledge exactly ISS+1: in SYN-SENT, SEG.ACK =< ISS or SEG.ACK > SND.NXT is unacceptable and is answered with <SEQ=SEG.ACK><CTL=RST> (RFC 9293 §3.10.7.3, first check); that is how an old SYN,ACK is refused"
	hsHintWrap     = "sequence numbers wrap: 0 comes one after 4294967295, so compare them with seq.Num's LessThan and GreaterThan (or LessThanEq, InRange), never with < or > (RFC 9293 §3.4)"
)

func handshakeChecks(impl HandshakeImpl) []Check {
	return []Check{{
		Name: "completes the handshake as the client",
		Hint: "active OPEN sends <SEQ=ISS><CTL=SYN> and enters SYN-SENT; a SYN,ACK that acknowledges ISS+1 is answered with <SEQ=ISS+1><ACK=SEG.SEQ+1><CTL=ACK> and ESTABLISHED (RFC 9293 §3.10.7.3)",
		Run: func(c *C) {
			conn := impl.New(hsClientISN)
			hsScript(c, "the client's three-way handshake", conn, tcp.Closed, []connStep{
				{call: "Connect()", do: conn.Connect, ev: tcp.ActiveOpen,
					send: connSegs(connSeg(wire.SYN, hsClientISN, 0))},
				{rcv: connSeg(wire.SYN|wire.ACK, hsServerISN, hsClientISN+1), ev: tcp.RcvSYNACK,
					send: connSegs(connSeg(wire.ACK, hsClientISN+1, hsServerISN+1))},
			})
		},
	}, {
		Name: "completes the handshake as the server",
		Hint: "a SYN in LISTEN is answered with <SEQ=ISS><ACK=SEG.SEQ+1><CTL=SYN,ACK> and SYN-RECEIVED; the ACK of that SYN (SND.UNA < SEG.ACK =< SND.NXT) makes it ESTABLISHED (RFC 9293 §3.10.7.2, §3.10.7.4)",
		Run: func(c *C) {
			conn := impl.New(hsServerISN)
			hsScript(c, "the server's three-way handshake", conn, tcp.Closed, []connStep{
				{call: "Listen()", do: connNoOutput(conn.Listen), ev: tcp.PassiveOpen},
				{rcv: connSeg(wire.SYN, hsClientISN, 0), ev: tcp.RcvSYN,
					send: connSegs(connSeg(wire.SYN|wire.ACK, hsServerISN, hsClientISN+1)),
					hint: "a server is not ESTABLISHED on a SYN alone: it waits in SYN-RECEIVED until its own SYN is acknowledged (the three-way handshake, RFC 9293 §3.5)"},
				{rcv: connSeg(wire.ACK, hsClientISN+1, hsServerISN+1), ev: tcp.RcvACKOfSYN,
					hint: "the third segment, an ACK of our SYN, owes nothing back (no one acknowledges an ACK): enter ESTABLISHED and send nothing"},
			})
		},
	}, {
		Name: "counts the SYN across the wrap",
		Hint: hsHintWrap,
		Run: func(c *C) {
			client := impl.New(hsLastNum)
			if !hsScript(c, "a client whose ISS is 4294967295", client, tcp.Closed, []connStep{
				{call: "Connect()", do: client.Connect, ev: tcp.ActiveOpen,
					send: connSegs(connSeg(wire.SYN, hsLastNum, 0))},
				{rcv: connSeg(wire.SYN|wire.ACK, hsServerISN, 0), ev: tcp.RcvSYNACK,
					send: connSegs(connSeg(wire.ACK, 0, hsServerISN+1)),
					hint: "the SYN at 4294967295 is acknowledged by 0, which is ISS+1 on the circle: " + hsHintWrap, own: true},
			}) {
				return
			}
			server := impl.New(hsLastNum)
			hsScript(c, "a server whose ISS, and its client's, is 4294967295", server, tcp.Closed, []connStep{
				{call: "Listen()", do: connNoOutput(server.Listen), ev: tcp.PassiveOpen},
				{rcv: connSeg(wire.SYN, hsLastNum, 0), ev: tcp.RcvSYN,
					send: connSegs(connSeg(wire.SYN|wire.ACK, hsLastNum, 0))},
				{rcv: connSeg(wire.ACK, 0, 0), ev: tcp.RcvACKOfSYN,
					hint: "SND.UNA = 4294967295 < SEG.ACK = 0 =< SND.NXT = 0 holds on the circle: " + hsHintWrap, own: true},
			})
		},
	}, {
		Name: "refuses an ACK that does not acknowledge the SYN",
		Hint: hsHintAckOfSyn,
		Run: func(c *C) {
			client := impl.New(hsClientISN)
			if !hsScript(c, "a client offered SYN,ACKs with the wrong ACK", client, tcp.Closed, []connStep{
				{call: "Connect()", do: client.Connect, ev: tcp.ActiveOpen,
					send: connSegs(connSeg(wire.SYN, hsClientISN, 0))},
				{rcv: connSeg(wire.SYN|wire.ACK, hsServerISN, hsClientISN), hint: hsHintAckOfSyn,
					send: connSegs(connSeg(wire.RST, hsClientISN, 0))},
				{rcv: connSeg(wire.SYN|wire.ACK, hsServerISN, hsClientISN+2), hint: hsHintAckOfSyn,
					send: connSegs(connSeg(wire.RST, hsClientISN+2, 0))},
				{rcv: connSeg(wire.ACK, hsServerISN+1, hsClientISN-1000), hint: hsHintAckOfSyn,
					send: connSegs(connSeg(wire.RST, hsClientISN-1000, 0))},
				{rcv: connSeg(wire.SYN|wire.ACK, hsServerISN, hsClientISN+1), ev: tcp.RcvSYNACK,
					send: connSegs(connSeg(wire.ACK, hsClientISN+1, hsServerISN+1)),
					hint: "a refused SYN,ACK changes nothing: the right one, when it comes, completes the handshake"},
			}) {
				return
			}
			server := impl.New(hsServerISN)
			hsScript(c, "a server offered ACKs of nothing it sent", server, tcp.Closed, []connStep{
				{call: "Listen()", do: connNoOutput(server.Listen), ev: tcp.PassiveOpen},
				{rcv: connSeg(wire.ACK, 5000, 777), send: connSegs(connSeg(wire.RST, 777, 0)),
					hint: "in LISTEN any ACK acknowledges something we never sent: answer <SEQ=SEG.ACK><CTL=RST> and stay in LISTEN (RFC 9293 §3.10.7.2, second check)"},
				{rcv: connSeg(wire.SYN, hsClientISN, 0), ev: tcp.RcvSYN,
					send: connSegs(connSeg(wire.SYN|wire.ACK, hsServerISN, hsClientISN+1))},
				{rcv: connSeg(wire.ACK, hsClientISN+1, hsServerISN), send: connSegs(connSeg(wire.RST, hsServerISN, 0)),
					hint: "in SYN-RECEIVED the ACK must satisfy SND.UNA < SEG.ACK =< SND.NXT, that is acknowledge ISS+1; any other is answered with <SEQ=SEG.ACK><CTL=RST> (RFC 9293 §3.10.7.4, fifth check)"},
				{rcv: connSeg(wire.ACK, hsClientISN+1, hsServerISN+1), ev: tcp.RcvACKOfSYN},
			})
		},
	}, {
		Name: "obeys a RST in SYN-SENT only with an acceptable ACK",
		Hint: "in SYN-SENT check the ACK first, then the RST: a RST counts only if its ACK acknowledges our SYN (RFC 9293 §3.10.7.3)",
		Run: func(c *C) {
			conn := impl.New(hsClientISN)
			hsScript(c, "resets reach a client in SYN-SENT", conn, tcp.Closed, []connStep{
				{call: "Connect()", do: conn.Connect, ev: tcp.ActiveOpen,
					send: connSegs(connSeg(wire.SYN, hsClientISN, 0))},
				{rcv: connSeg(wire.RST, 12345, 0),
					hint: "a RST without an ACK in SYN-SENT is dropped (RFC 9293 §3.10.7.3, second check): only one that acknowledges our SYN proves the peer saw it"},
				{rcv: connSeg(wire.RST|wire.ACK, 0, hsClientISN),
					hint: "a RST whose ACK is unacceptable is dropped, never answered: a RST is never answered with a RST (RFC 9293 §3.10.7.3, first check)"},
				{rcv: connSeg(wire.RST|wire.ACK, 0, hsClientISN+1), ev: tcp.RcvRST,
					hint: "a RST whose ACK acknowledges our SYN means \"connection refused\": enter CLOSED and send nothing (RFC 9293 §3.10.7.3, second check)"},
			})
		},
	}, {
		Name: "goes back to LISTEN on a RST in SYN-RECEIVED",
		Hint: "a RST in SYN-RECEIVED returns a passive OPEN to LISTEN, ready for the next SYN, and closes an active one (RFC 9293 §3.10.7.4, second check)",
		Run: func(c *C) {
			server := impl.New(hsServerISN)
			if !hsScript(c, "a server's half-open connection is reset", server, tcp.Closed, []connStep{
				{call: "Listen()", do: connNoOutput(server.Listen), ev: tcp.PassiveOpen},
				{rcv: connSeg(wire.SYN, hsClientISN, 0), ev: tcp.RcvSYN,
					send: connSegs(connSeg(wire.SYN|wire.ACK, hsServerISN, hsClientISN+1))},
				{rcv: connSeg(wire.RST, hsClientISN+1, 0), ev: tcp.RcvRSTPassive,
					hint: "a connection that began with a passive OPEN goes back to LISTEN on a RST in SYN-RECEIVED, not to CLOSED: the SYN it answered was not wanted (an old duplicate, say), and the server goes on listening (RFC 9293 §3.10.7.4, second check)"},
				{rcv: connSeg(wire.SYN, 1000, 0), ev: tcp.RcvSYN,
					send: connSegs(connSeg(wire.SYN|wire.ACK, hsServerISN, 1001)),
					hint: "back in LISTEN, the next SYN is a new peer: take IRS and RCV.NXT from it afresh"},
				{rcv: connSeg(wire.ACK, 1001, hsServerISN+1), ev: tcp.RcvACKOfSYN},
			}) {
				return
			}
			client := impl.New(hsClientISN)
			hsScript(c, "a simultaneous open is reset", client, tcp.Closed, []connStep{
				{call: "Connect()", do: client.Connect, ev: tcp.ActiveOpen,
					send: connSegs(connSeg(wire.SYN, hsClientISN, 0))},
				{rcv: connSeg(wire.SYN, hsServerISN, 0), ev: tcp.RcvSYN,
					send: connSegs(connSeg(wire.SYN|wire.ACK, hsClientISN, hsServerISN+1))},
				{rcv: connSeg(wire.RST, hsServerISN+1, 0), ev: tcp.RcvRST,
					hint: "a connection that began with an active OPEN has no LISTEN to go back to: a RST in SYN-RECEIVED refuses it, CLOSED (RFC 9293 §3.10.7.4, second check)"},
			})
		},
	}, {
		Name: "opens simultaneously",
		Hint: "simultaneous open: a SYN without ACK in SYN-SENT means the two SYNs crossed; enter SYN-RECEIVED and send <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK> (RFC 9293 §3.10.7.3, fourth check; §3.5 Figure 7)",
		Run: func(c *C) {
			conn := impl.New(hsClientISN)
			if !hsScript(c, "two SYNs cross, then the peer's SYN,ACK arrives", conn, tcp.Closed, []connStep{
				{call: "Connect()", do: conn.Connect, ev: tcp.ActiveOpen,
					send: connSegs(connSeg(wire.SYN, hsClientISN, 0))},
				{rcv: connSeg(wire.SYN, hsServerISN, 0), ev: tcp.RcvSYN,
					send: connSegs(connSeg(wire.SYN|wire.ACK, hsClientISN, hsServerISN+1))},
				{rcv: connSeg(wire.SYN|wire.ACK, hsServerISN, hsClientISN+1), ev: tcp.RcvACKOfSYN, any: true,
					hint: "in SYN-RECEIVED after a simultaneous open, the peer's SYN,ACK repeats its SYN and acknowledges ours: it completes the handshake (RFC 9293 §3.5 Figure 7, line 6)"},
			}) {
				return
			}
			conn = impl.New(hsClientISN)
			hsScript(c, "two SYNs cross, then the peer's ACK arrives", conn, tcp.Closed, []connStep{
				{call: "Connect()", do: conn.Connect, ev: tcp.ActiveOpen,
					send: connSegs(connSeg(wire.SYN, hsClientISN, 0))},
				{rcv: connSeg(wire.SYN, hsServerISN, 0), ev: tcp.RcvSYN,
					send: connSegs(connSeg(wire.SYN|wire.ACK, hsClientISN, hsServerISN+1))},
				{rcv: connSeg(wire.ACK, hsServerISN+1, hsClientISN+1), ev: tcp.RcvACKOfSYN},
			})
		},
	}, {
		Name: "ACKs a repeated SYN,ACK again",
		Hint: "a SYN,ACK that comes again means our ACK was lost: answer it with <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> and change nothing (RFC 9293 §3.10.7.4, first check)",
		Run: func(c *C) {
			conn := impl.New(hsClientISN)
			hsScript(c, "the server did not get our ACK and sends its SYN,ACK again", conn, tcp.Closed, []connStep{
				{call: "Connect()", do: conn.Connect, ev: tcp.ActiveOpen,
					send: connSegs(connSeg(wire.SYN, hsClientISN, 0))},
				{rcv: connSeg(wire.SYN|wire.ACK, hsServerISN, hsClientISN+1), ev: tcp.RcvSYNACK,
					send: connSegs(connSeg(wire.ACK, hsClientISN+1, hsServerISN+1))},
				{rcv: connSeg(wire.SYN|wire.ACK, hsServerISN, hsClientISN+1),
					send: connSegs(connSeg(wire.ACK, hsClientISN+1, hsServerISN+1))},
				{rcv: connSeg(wire.SYN|wire.ACK, hsServerISN, hsClientISN+1),
					send: connSegs(connSeg(wire.ACK, hsClientISN+1, hsServerISN+1)),
					hint: "every repeat is old news: RCV.NXT stays IRS+1, and each one is ACKed the same way"},
			})
		},
	}, {
		Name: "resets a segment for a closed connection",
		Hint: "in CLOSED, answer anything but a RST with a RST: <SEQ=SEG.ACK><CTL=RST> if the ACK bit is on, else <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK> (RFC 9293 §3.10.7.1)",
		Run: func(c *C) {
			conn := impl.New(hsServerISN)
			syn := connSeg(wire.SYN, hsClientISN, 0)
			synData := connSeg(wire.SYN, 5000, 0)
			synData.Payload = make([]byte, 10)
			hsScript(c, "segments reach a port where no one listens", conn, tcp.Closed, []connStep{
				{rcv: syn, ev: tcp.RcvAnyNoTCB,
					send: connSegs(connSeg(wire.RST|wire.ACK, 0, hsClientISN+1))},
				{rcv: connSeg(wire.ACK, 300, 9000), ev: tcp.RcvAnyNoTCB,
					send: connSegs(connSeg(wire.RST, 9000, 0))},
				{rcv: connSeg(wire.RST, 300, 0),
					hint: "a RST is never answered with a RST (RFC 9293 §3.10.7.1: \"An incoming segment containing a RST is discarded\")"},
				{rcv: synData, ev: tcp.RcvAnyNoTCB,
					send: connSegs(connSeg(wire.RST|wire.ACK, 0, 5011)),
					hint: "SEG.LEN counts the data bytes plus one for the SYN (and one for a FIN): a SYN with 10 bytes of data has SEG.LEN 11"},
			})
		},
	}, {
		Name: "moves only along rows of the state table",
		Hint: "every change of state must be a row of tcp.Transitions (go run ./cmd/tcpedu scenario states prints them): find the row for the segment that arrived",
		Run:  func(c *C) { hsRandomWalk(c, impl) },
	}}
}

// hsScript runs one script on conn, with exercise 10's hints.
func hsScript(c *C, title string, conn HandshakeConn, start tcp.State, steps []connStep) bool {
	return connScript{title: title, state: conn.State, receive: conn.Receive, start: start,
		steps: steps, hints: hsHints}.run(c)
}

// hsHints names the mistake that what came back shows, if it is one of the
// usual ones.
func hsHints(st connStep, got []tcp.Segment, from, gotTo, wantTo tcp.State) string {
	if from == tcp.Listen && gotTo == tcp.Established {
		return "a SYN alone never opens a connection: that is the two-way handshake RFC 9293 §3.5 explains the three-way one against; answer with SYN,ACK and wait in SYN-RECEIVED"
	}
	if from == tcp.SynSent && st.rcv.Flags == wire.SYN && gotTo == tcp.Established {
		return "a SYN with no ACK does not acknowledge ours: in SYN-SENT it means a simultaneous open, so enter SYN-RECEIVED and send SYN,ACK (RFC 9293 §3.10.7.3)"
	}
	if len(got) != len(st.send) {
		return ""
	}
	for i, g := range got {
		w := st.send[i]
		switch {
		case w.Flags.Has(wire.ACK) && g.Flags.Has(wire.ACK) && g.Ack == w.Ack-1 &&
			(st.rcv.Flags.Has(wire.SYN) || w.Flags.Has(wire.RST)):
			return hsHintSynLen
		case w.Flags.Has(wire.SYN) && g.Flags.Has(wire.SYN) && g.Seq == w.Seq+1:
			return "a SYN's SEQ is ISS itself, every time it is sent, in a SYN,ACK too; SND.NXT becomes ISS+1 only after it (RFC 9293 §3.10.7.3)"
		case w.Flags == wire.ACK && g.Flags == wire.ACK && g.Seq == w.Seq-1:
			return "after the SYN, SND.NXT is ISS+1: the ACK carries <SEQ=ISS+1> (the SYN took ISS; the ACK takes no number, and the first data byte will carry ISS+1 too)"
		case w.Flags == wire.SYN && g.Flags == wire.SYN|wire.ACK:
			return "the first SYN carries no ACK: there is nothing to acknowledge yet (RFC 9293 §3.10.7.3's <SEQ=ISS><CTL=SYN>)"
		case w.Flags == wire.SYN|wire.ACK && g.Flags == wire.ACK:
			return "the answer to a SYN must carry our own SYN too: <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>, one segment doing two jobs"
		case w.Flags == wire.RST && g.Flags == wire.RST|wire.ACK:
			return "a RST that answers an ACK-bearing segment is <SEQ=SEG.ACK><CTL=RST>: the ACK's number is the one its sender will accept, and the RST carries no ACK"
		}
	}
	return ""
}

// hsRandomWalk feeds random segments to fresh connections and checks that
// every change of state is a row of the model's transition table, and two
// rules no segment may break: a SYN we send always carries ISS, and a RST
// is never answered with a RST.
func hsRandomWalk(c *C, impl HandshakeImpl) {
	allowed := connArrivalRows()
	flagSets := []wire.Flags{wire.SYN, wire.SYN | wire.ACK, wire.ACK, wire.RST, wire.RST | wire.ACK, wire.FIN | wire.ACK}
	r := rand.New(rand.NewPCG(9293, 10))
	for walk := 0; walk < 300; walk++ {
		iss, peer := seq.Num(r.Uint32()), seq.Num(r.Uint32())
		conn := impl.New(iss)
		var ladder strings.Builder
		fmt.Fprintf(&ladder, "ISS %d; the peer's ISN %d\n", iss, peer)
		if r.IntN(2) == 0 {
			conn.Listen()
			fmt.Fprintf(&ladder, "      Listen()%38s -> %s\n", "", conn.State())
			if conn.State() != tcp.Listen {
				c.Fatalf("Listen() on a new connection left it in %s, want LISTEN: no walk can start", conn.State())
			}
		} else {
			out := conn.Connect()
			fmt.Fprintf(&ladder, "      Connect()%37s -> %-36s %s\n", "", connFmtSegs(out), conn.State())
			if conn.State() != tcp.SynSent || len(out) != 1 {
				c.Fatalf("Connect() on a new connection sent %s and left it in %s, want one SYN and SYN-SENT: no walk can start", connFmtSegs(out), conn.State())
			}
		}
		for i := 0; i < 12; i++ {
			seg := connSeg(flagSets[r.IntN(len(flagSets))], hsPick(r, peer), hsPick(r, iss))
			if !seg.Flags.Has(wire.ACK) {
				seg.Ack = 0
			}
			from := conn.State()
			out := conn.Receive(seg)
			to := conn.State()
			fmt.Fprintf(&ladder, "      rcv %-42s -> %-36s %s\n", connFmt(seg), connFmtSegs(out), connFmtMove(from, to))
			if from != to && !allowed[[2]tcp.State{from, to}] {
				c.Errorf("a random walk took a connection from %s to %s, which no row of tcp.Transitions allows for an arriving segment:\n%s", from, to, ladder.String())
				if hint := hsHints(connStep{rcv: seg}, out, from, to, from); hint != "" {
					c.Hint("%s", hint)
				}
				return
			}
			for _, o := range out {
				if o.Flags.Has(wire.SYN) && o.Seq != iss {
					c.Fail("a SYN's SEQ is ISS itself, every time it is sent, in a SYN,ACK too (RFC 9293 §3.10.7.2, §3.10.7.3)",
						"a random walk sent a SYN whose SEQ is %d, not ISS %d:\n%s", o.Seq, iss, ladder.String())
					return
				}
				if o.Flags.Has(wire.RST) && seg.Flags.Has(wire.RST) {
					c.Fail("a RST is never answered with a RST (RFC 9293 §3.10.7: every case that answers with a RST excludes an arriving one)",
						"a random walk answered a RST with a RST:\n%s", ladder.String())
					return
				}
			}
		}
	}
}

// hsPick returns one of the numbers that matter around base (base itself,
// the one after, the one before, one past that) or a random one.
func hsPick(r *rand.Rand, base seq.Num) seq.Num {
	switch r.IntN(5) {
	case 0:
		return base
	case 1, 2:
		return base + 1
	case 3:
		return base + seq.Num(r.IntN(3)) - 1
	}
	return seq.Num(r.Uint32())
}
