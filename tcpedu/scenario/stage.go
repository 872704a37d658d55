package scenario

import (
	"fmt"
	"net/netip"
	"time"

	"github.com/tcpedu/tcpedu/tcpedu/link"
	"github.com/tcpedu/tcpedu/tcpedu/seq"
	"github.com/tcpedu/tcpedu/tcpedu/sim"
	"github.com/tcpedu/tcpedu/tcpedu/tcp"
	"github.com/tcpedu/tcpedu/tcpedu/wire"
)

// The two hosts of every scenario, from the documentation range of RFC
// 5737, on ports that no Wireshark dissector claims.
var (
	ClientAddr = netip.MustParseAddr("192.0.2.1")
	ServerAddr = netip.MustParseAddr("192.0.2.2")
)

// The ports.
const (
	ClientPort = 50000
	ServerPort = 50001
)

// OneWayDelay is the propagation delay of each direction of the path. The
// links are infinitely fast, so every segment takes exactly this long and
// a round trip exactly twice it: times in a ladder are easy to add up.
const OneWayDelay = 50 * time.Millisecond

// Stage is where a scenario is played: a simulation, a client host and a
// server host joined by one link each way, and the record of everything
// that happens. A scenario's script sets up the applications (Listen,
// Connect, and what they do when), stages faults on the links, and lets
// the simulation run.
type Stage struct {
	Sim            *sim.Sim
	Client, Server *tcp.Host

	// Config is what every connection made through the stage uses;
	// scripts may change it before they connect or listen.
	Config tcp.Config

	toServer, toClient *link.Link
	rules              [2][]link.Rule // scripted faults: [0] client→server, [1] server→client
	rec                *recorder
}

// NewStage returns an empty stage whose randomness (the ISNs) comes from
// seed.
func NewStage(seed uint64) *Stage {
	st := &Stage{Sim: sim.New(seed)}
	st.rec = newRecorder(st)
	st.Client = tcp.NewHost(st.Sim, "client", ClientAddr, func(p []byte) { st.toServer.Send(clone(p)) })
	st.Server = tcp.NewHost(st.Sim, "server", ServerAddr, func(p []byte) { st.toClient.Send(clone(p)) })
	st.rec.watch(st.Client)
	st.rec.watch(st.Server)
	st.build()
	return st
}

// build (re)makes the two links with the rules staged so far.
func (st *Stage) build() {
	cfg := func(rules []link.Rule) link.Config {
		return link.Config{Delay: OneWayDelay, Faults: link.Faults{Script: rules}}
	}
	st.toServer = link.New(st.Sim, "client→server", cfg(st.rules[0]), st.Server.Input)
	st.toClient = link.New(st.Sim, "server→client", cfg(st.rules[1]), st.Client.Input)
	st.toServer.Observe(st.rec.linkEvent)
	st.toClient.Observe(st.rec.linkEvent)
}

// Drop stages a loss: the nth segment from host ("client" or "server")
// that match picks is lost on the wire (n = 0: every one). Call it before
// anything is sent.
func (st *Stage) Drop(from string, n int, match func(s *tcp.Segment) bool) {
	st.stage(from, link.Rule{Action: link.Drop, Nth: n, Match: segmentMatcher(match)})
}

// Hold stages a delay: the nth matching segment from host takes extra
// longer to arrive, as a packet stuck in a router's queue does.
func (st *Stage) Hold(from string, n int, extra time.Duration, match func(s *tcp.Segment) bool) {
	st.stage(from, link.Rule{Action: link.Hold, Nth: n, Delay: extra, Match: segmentMatcher(match)})
}

func (st *Stage) stage(from string, r link.Rule) {
	i := 0
	if from == "server" {
		i = 1
	}
	st.rules[i] = append(st.rules[i], r)
	st.build()
}

// segmentMatcher turns a test on segments into a link matcher.
func segmentMatcher(match func(s *tcp.Segment) bool) func(p []byte) bool {
	return func(p []byte) bool {
		seg, _, _, err := tcp.Decode(p)
		return err == nil && (match == nil || match(&seg))
	}
}

// Flags returns a matcher for segments whose control bits are exactly f,
// ignoring PSH: Flags(wire.SYN) is a SYN and not a SYN,ACK.
func Flags(f wire.Flags) func(s *tcp.Segment) bool {
	return func(s *tcp.Segment) bool { return s.Flags&^wire.PSH == f }
}

// Has returns a matcher for segments with every flag in f set.
func Has(f wire.Flags) func(s *tcp.Segment) bool {
	return func(s *tcp.Segment) bool { return s.Flags.Has(f) }
}

// At runs fn at virtual time t.
func (st *Stage) At(t time.Duration, fn func()) { st.Sim.At(t, fn) }

// Note records a remark in the story, at the current time, for the ladder:
// what an application did or was told.
func (st *Stage) Note(host, format string, args ...any) {
	st.rec.note(host, 0, fmt.Sprintf(format, args...))
}

// Listen makes the server listen on ServerPort. accept, if not nil, sees
// each new connection as it is made.
func (st *Stage) Listen(accept func(c *tcp.Endpoint)) *tcp.Endpoint {
	l, err := st.Server.Listen(ServerPort, st.Config, accept)
	if err != nil {
		panic(fmt.Sprintf("scenario: bug: %v", err))
	}
	return l
}

// Connect opens a client connection from ClientPort to the server. A
// failure (the port still held by a connection in TIME-WAIT, say) is
// noted in the story and returns nil.
func (st *Stage) Connect() *tcp.Endpoint {
	c, err := st.Client.Connect(ClientPort, netip.AddrPortFrom(ServerAddr, ServerPort), st.Config)
	if err != nil {
		st.Note("client", "connect() fails: %v", err)
		return nil
	}
	return c
}

// Inject puts a packet on the wire as if host had sent it long ago: the
// old duplicate of RFC 9293 §3.5, still wandering the network.
func (st *Stage) Inject(from string, seg tcp.Segment) {
	src, dst := netip.AddrPortFrom(ClientAddr, ClientPort), netip.AddrPortFrom(ServerAddr, ServerPort)
	l := st.toServer
	if from == "server" {
		src, dst, l = dst, src, st.toClient
	}
	p, err := tcp.Encode(nil, src, dst, 0xdead, &seg)
	if err != nil {
		panic(fmt.Sprintf("scenario: bug: %v", err))
	}
	st.rec.sent(from, nil, p, &seg, true)
	l.Send(p)
}

// Run runs the simulation until nothing is left to happen or until limit,
// and returns the record.
func (st *Stage) Run(limit time.Duration) *Result {
	st.Sim.RunUntil(limit)
	return st.rec.result()
}

func clone(p []byte) []byte { return append([]byte(nil), p...) }

// seqOf converts a number drawn from the random source to a sequence number.
func seqOf(n uint32) seq.Num { return seq.Num(n) }
