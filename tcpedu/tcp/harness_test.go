package tcp

// This file is the harness for the state-machine tests: it drives ONE
// endpoint under test directly, with no links. The test plays the peer by
// hand: it builds each of the peer's segments, encodes it as an IPv4 packet
// and hands it to Host.Input; every packet the host sends is decoded and
// recorded. reach brings an endpoint to any of the eleven states by feeding
// it the segments a well-behaved peer would send.
//
// Every row of Transitions that a fixture's endpoint takes is recorded in
// rowsTaken; TestMain fails the package if some row was never taken (see coverage_test.go).
//
// A failing test prints the whole exchange, one line per event:
//
//	   0.000s  host -> peer  SYN seq=1234 win=65535 len=0 <mss 1460,wscale 7>
//	   0.000s  host <- peer  SYN,ACK seq=7000 ack=1235 win=65535 len=0 <mss 1460>
//	   0.000s  conn 1: SYN-SENT -> ESTABLISHED on rcv SYN,ACK (row 7)
//	   0.000s  host -> peer  ACK seq=1235 ack=7001 win=65535 len=0

import (
	"fmt"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tcpedu/tcpedu/tcpedu/seq"
	"github.com/tcpedu/tcpedu/tcpedu/sim"
	"github.com/tcpedu/tcpedu/tcpedu/wire"
)

// The two sockets of every fixture: the host under test and the peer the
// test plays.
var (
	hostAP = netip.MustParseAddrPort("10.0.0.1:80")
	peerAP = netip.MustParseAddrPort("10.0.0.2:49152")
)

const (
	peerISN    = seq.Num(7000) // the peer's initial sequence number, unless a test picks another
	peerWindow = 65535         // the window the peer offers, bytes (no window scaling)
	peerMSS    = 1460          // the MSS option in the peer's SYN
)

// hdr is what a test checks of a segment: its control bits, SEG.SEQ,
// SEG.ACK (0 when the ACK bit is off) and how many data bytes it carries.
type hdr struct {
	Flags wire.Flags
	Seq   seq.Num
	Ack   seq.Num
	Len   int
}

func (h hdr) String() string {
	s := fmt.Sprintf("%s seq=%d", FlagNames(h.Flags), uint32(h.Seq))
	if h.Flags.Has(wire.ACK) {
		s += fmt.Sprintf(" ack=%d", uint32(h.Ack))
	}
	if h.Len > 0 {
		s += fmt.Sprintf(" len=%d", h.Len)
	}
	return s
}

// The segments tests expect, written as RFC 9293 writes them.
func rst(s seq.Num) hdr            { return hdr{Flags: wire.RST, Seq: s} }                    // <SEQ=s><CTL=RST>
func rstAck(s, a seq.Num) hdr      { return hdr{Flags: wire.RST | wire.ACK, Seq: s, Ack: a} } // <SEQ=s><ACK=a><CTL=RST,ACK>
func ack(s, a seq.Num) hdr         { return hdr{Flags: wire.ACK, Seq: s, Ack: a} }            // <SEQ=s><ACK=a><CTL=ACK>
func syn(s seq.Num) hdr            { return hdr{Flags: wire.SYN, Seq: s} }                    // <SEQ=s><CTL=SYN>
func synAck(s, a seq.Num) hdr      { return hdr{Flags: wire.SYN | wire.ACK, Seq: s, Ack: a} }
func finAck(s, a seq.Num) hdr      { return hdr{Flags: wire.FIN | wire.ACK, Seq: s, Ack: a} }
func data(s, a seq.Num, n int) hdr { return hdr{Flags: wire.PSH | wire.ACK, Seq: s, Ack: a, Len: n} }

// move is a row of Transitions as a test expects it.
type move struct {
	From  State
	Event Event
	To    State
}

func (m move) String() string { return fmt.Sprintf("%s --%s--> %s", m.From, m.Event, m.To) }

// sentSeg is one segment the host sent, and when.
type sentSeg struct {
	At  time.Duration
	Seg Segment
}

// fixture is one host, one endpoint under test on it, and the record of
// everything that happened.
type fixture struct {
	t        *testing.T
	sim      *sim.Sim
	host     *Host
	ep       *Endpoint // the endpoint under test; nil in CLOSED with no connection
	listener *Endpoint // the listening socket, when the endpoint came from Listen

	// What the wire has shown so far, kept by the harness and not read
	// from the endpoint, so that tests check the endpoint against it.
	irs     seq.Num // the peer's ISN
	peerNxt seq.Num // the peer's SND.NXT: the next sequence number it sends
	iss     seq.Num // the host's ISS, from its SYN
	hostNxt seq.Num // one past the highest sequence number the host has sent
	sawSYN  bool    // the host has sent a SYN, so iss and hostNxt mean something

	sent    []sentSeg     // sent by the host since the last expectSent
	moves   []StateChange // rows taken since the last expectMoves
	ladder  []string      // the exchange, for a failing test
	ipID    uint16        // IPv4 ID of the peer's next packet
	data    []byte        // every byte delivered to the endpoint's OnData
	eof     int           // OnEOF calls
	estab   int           // OnEstablished calls
	closed  []error       // OnClosed calls, with their errors
	spawned []*Endpoint   // connections the listener made, in order
}

// opening is how a fixture opens its endpoint.
type opening int

const (
	activeOpen opening = iota // Host.Connect
	passiveFor                // Host.ListenFor: the endpoint itself waits in LISTEN
	passiveAny                // Host.Listen: a listening socket spawns the endpoint
)

func (o opening) String() string {
	return [...]string{"Connect", "ListenFor", "Listen"}[o]
}

// setup chooses how reachWith builds its fixture. The zero value is an
// active open with the default Config, seed 1 and the peer's ISN peerISN.
type setup struct {
	how  opening
	cfg  Config
	seed uint64  // the simulation's seed, which decides the host's ISS; 0 means 1
	irs  seq.Num // the peer's ISN; 0 means peerISN
}

// newFixture makes a host with no connection.
func newFixture(t *testing.T, su setup) *fixture {
	t.Helper()
	if su.seed == 0 {
		su.seed = 1
	}
	if su.irs == 0 {
		su.irs = peerISN
	}
	f := &fixture{t: t, sim: sim.New(su.seed), irs: su.irs, peerNxt: su.irs}
	f.host = NewHost(f.sim, "host", hostAP.Addr(), f.out)
	f.host.OnTransition = func(c StateChange) {
		recordRow(c.Row)
		f.moves = append(f.moves, c)
		f.logf("conn %d: %s -> %s on %s (row %d)", c.Conn, c.From, c.To, c.Event, c.Row)
	}
	f.host.OnNote = func(conn *Endpoint, text string) {
		id := 0
		if conn != nil {
			id = conn.ID()
		}
		f.logf("conn %d: note: %s", id, text)
	}
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("the exchange (host %v, peer %v):\n%s", hostAP, peerAP, strings.Join(f.ladder, "\n"))
		}
	})
	return f
}

// out is the host's link: it decodes and records each packet.
func (f *fixture) out(p []byte) {
	seg, src, dst, err := Decode(p)
	require.NoError(f.t, err, "Decode(packet the host sent)")
	require.Equal(f.t, hostAP, src, "Decode(packet the host sent): source")
	require.Equal(f.t, peerAP, dst, "Decode(packet the host sent): destination")
	seg.Payload = append([]byte(nil), seg.Payload...) // p is reused
	f.logf("host -> peer  %s", seg.String())
	f.sent = append(f.sent, sentSeg{At: f.sim.Now(), Seg: seg})
	if seg.Flags.Has(wire.RST) {
		return
	}
	if seg.Flags.Has(wire.SYN) && (!f.sawSYN || seg.Seq != f.iss) {
		f.iss, f.hostNxt, f.sawSYN = seg.Seq, seg.Seq, true
	}
	if end := seg.Seq.Add(seg.Len()); end.GreaterThan(f.hostNxt) {
		f.hostNxt = end
	}
}

func (f *fixture) logf(format string, args ...any) {
	f.ladder = append(f.ladder, fmt.Sprintf("%8.3fs  ", f.sim.Now().Seconds())+fmt.Sprintf(format, args...))
}

// watch records what endpoint e tells its application.
func (f *fixture) watch(e *Endpoint) {
	e.OnData = func(b []byte) {
		f.data = append(f.data, b...)
		f.logf("conn %d: OnData(%d bytes)", e.ID(), len(b))
	}
	e.OnEOF = func() { f.eof++; f.logf("conn %d: OnEOF()", e.ID()) }
	e.OnEstablished = func() { f.estab++; f.logf("conn %d: OnEstablished()", e.ID()) }
	e.OnClosed = func(err error) {
		f.closed = append(f.closed, err)
		f.logf("conn %d: OnClosed(%v)", e.ID(), err)
	}
}

// deliver feeds the host one segment from the peer, exactly as given,
// and returns the step's name for messages: "deliver(RST seq=7001)".
func (f *fixture) deliver(seg Segment) string {
	f.t.Helper()
	p, err := Encode(nil, peerAP, hostAP, f.ipID, &seg)
	require.NoError(f.t, err, "Encode(%v)", &seg)
	f.ipID++
	f.logf("host <- peer  %s", seg.String())
	f.host.Input(p)
	return "deliver(" + hdrOf(&seg).String() + ")"
}

// peerSeg builds the peer's next segment: SEG.SEQ is the peer's SND.NXT
// and, if flags has ACK, SEG.ACK is everything the host has sent.
func (f *fixture) peerSeg(flags wire.Flags, payload []byte) Segment {
	s := Segment{Seq: f.peerNxt, Flags: flags, Window: peerWindow, Payload: payload}
	if flags.Has(wire.ACK) {
		s.Ack = f.hostNxt
	}
	if flags.Has(wire.SYN) {
		s.MSS = peerMSS
	}
	return s
}

// peerSend delivers the peer's next segment (see peerSeg), advances the
// peer's SND.NXT past it and returns the step's name.
func (f *fixture) peerSend(flags wire.Flags, payload []byte) string {
	f.t.Helper()
	s := f.peerSeg(flags, payload)
	f.peerNxt = f.peerNxt.Add(s.Len())
	return f.deliver(s)
}

// mk builds a segment for a test to send as the peer, with n bytes of
// data and the peer's usual window.
func mk(flags wire.Flags, s, a seq.Num, n int) Segment {
	return Segment{Seq: s, Ack: a, Flags: flags, Window: peerWindow, Payload: text(n)}
}

// text returns n bytes of readable data, or nil for 0.
func text(n int) []byte {
	if n == 0 {
		return nil
	}
	b := make([]byte, n)
	for i := range b {
		b[i] = 'a' + byte(i%26)
	}
	return b
}

// hdrOf returns what a test checks of seg.
func hdrOf(seg *Segment) hdr {
	h := hdr{Flags: seg.Flags, Seq: seg.Seq, Len: len(seg.Payload)}
	if h.Flags.Has(wire.ACK) {
		h.Ack = seg.Ack
	}
	return h
}

// takeSent returns the segments the host sent since the last call.
func (f *fixture) takeSent() []sentSeg {
	s := f.sent
	f.sent = nil
	return s
}

// takeMoves returns the rows taken since the last call.
func (f *fixture) takeMoves() []StateChange {
	m := f.moves
	f.moves = nil
	return m
}

// diffSent compares the segments sent since the last check with want and
// clears them; msg is empty if they match.
func (f *fixture) diffSent(want []hdr) string {
	var got []hdr
	for _, s := range f.takeSent() {
		got = append(got, hdrOf(&s.Seg))
	}
	if len(got) == len(want) {
		same := true
		for i := range got {
			same = same && got[i] == want[i]
		}
		if same {
			return ""
		}
	}
	return fmt.Sprintf("host sent:\n%s\nwant:\n%s", hdrLines(got), hdrLines(want))
}

// diffMoves compares the rows taken since the last check with want and
// clears them; msg is empty if they match.
func (f *fixture) diffMoves(want []move) string {
	var got []move
	bad := ""
	for _, c := range f.takeMoves() {
		m := move{c.From, c.Event, c.To}
		got = append(got, m)
		if r := Transitions[c.Row]; r.From != c.From || r.Event != c.Event || r.To != c.To {
			bad += fmt.Sprintf("\nStateChange %v names row %d, which is %s --%s--> %s", m, c.Row, r.From, r.Event, r.To)
		}
	}
	if bad == "" && len(got) == len(want) {
		same := true
		for i := range got {
			same = same && got[i] == want[i]
		}
		if same {
			return ""
		}
	}
	return fmt.Sprintf("rows taken:\n%s\nwant:\n%s%s", moveLines(got), moveLines(want), bad)
}

// lines writes one item a line, indented, for a failure message.
func lines(xs []fmt.Stringer) string {
	if len(xs) == 0 {
		return "  (none)"
	}
	var b strings.Builder
	for i, x := range xs {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString("  " + x.String())
	}
	return b.String()
}

func hdrLines(hs []hdr) string {
	xs := make([]fmt.Stringer, len(hs))
	for i := range hs {
		xs[i] = hs[i]
	}
	return lines(xs)
}

func moveLines(ms []move) string {
	xs := make([]fmt.Stringer, len(ms))
	for i := range ms {
		xs[i] = ms[i]
	}
	return lines(xs)
}

// expectSent checks that the host sent exactly want since the last check.
// what names the step, as "deliver(RST seq=7001)".
func (f *fixture) expectSent(what string, want ...hdr) bool {
	f.t.Helper()
	if d := f.diffSent(want); d != "" {
		return assert.Fail(f.t, what+": wrong segments sent", d)
	}
	return true
}

// expectMoves checks that the endpoint took exactly the rows want since
// the last check, each reported with the right row index.
func (f *fixture) expectMoves(what string, want ...move) bool {
	f.t.Helper()
	if d := f.diffMoves(want); d != "" {
		return assert.Fail(f.t, what+": wrong rows taken", d)
	}
	return true
}

// expectState checks the endpoint's state.
func (f *fixture) expectState(what string, want State) bool {
	f.t.Helper()
	got := f.ep.State()
	return assert.Equal(f.t, want.String(), got.String(), "%s: State()", what)
}

// mustSent and mustMoves are expectSent and expectMoves for the steps of
// reach: a fixture that cannot be built stops the test.
func (f *fixture) mustSent(what string, want ...hdr) {
	f.t.Helper()
	if d := f.diffSent(want); d != "" {
		require.Fail(f.t, what+": wrong segments sent", d)
	}
}

func (f *fixture) mustMoves(what string, want ...move) {
	f.t.Helper()
	if d := f.diffMoves(want); d != "" {
		require.Fail(f.t, what+": wrong rows taken", d)
	}
}
