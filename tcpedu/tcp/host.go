package tcp

import (
	"fmt"
	"net/netip"
	"time"

	"github.com/tcpedu/tcpedu/tcpedu/seq"
	"github.com/tcpedu/tcpedu/tcpedu/sim"
	"github.com/tcpedu/tcpedu/tcpedu/wire"
)

// Host is a machine with one IPv4 address and a TCP implementation: it
// keeps the host's connections, hands each arriving packet to the one it
// belongs to, and answers packets that belong to none (RFC 9293 §3.10.7.1).
//
// Packets leave through the function given to NewHost and arrive through
// Input; a scenario joins two hosts with a link each way.
type Host struct {
	name  string
	addr  netip.Addr
	sim   *sim.Sim
	out   func(p []byte)
	conns []*Endpoint // every connection ever made here, in order: ID i is conns[i-1]
	live  []*Endpoint // those not yet CLOSED, listeners included
	ipID  uint16      // IPv4 identification of the next packet
	buf   []byte      // reused for each outgoing packet

	// OnTransition, if set, runs after every row of Transitions the
	// host's connections take, self-loops included.
	OnTransition func(c StateChange)
	// OnSend, if set, runs for every packet the host sends, with the
	// segment it carries and the connection that sent it (nil for a reset
	// answering a segment no connection owns). The packet is valid only
	// during the call.
	OnSend func(conn *Endpoint, p []byte, seg *Segment)
	// OnDiscard, if set, runs for every arriving packet the host throws
	// away before any connection sees it: a bad checksum, say.
	OnDiscard func(p []byte, err error)
	// OnNote, if set, runs with each remark a connection makes on what it
	// did and why ("SYN retransmitted, RTO now 2 s").
	OnNote func(conn *Endpoint, text string)
}

// StateChange is one row of Transitions taken by one connection.
type StateChange struct {
	At       time.Duration // virtual time
	Host     string        // the host's name
	Conn     int           // the connection's ID on its host
	From, To State
	Event    Event
	Row      int // index in Transitions
}

// NewHost returns a host called name (for traces: "client", "server") with
// address addr, running on s, that sends each packet by calling out.
// out must not keep the packet: it is reused.
func NewHost(s *sim.Sim, name string, addr netip.Addr, out func(p []byte)) *Host {
	return &Host{name: name, addr: addr, sim: s, out: out}
}

// Name returns the host's name.
func (h *Host) Name() string { return h.name }

// Addr returns the host's address.
func (h *Host) Addr() netip.Addr { return h.addr }

// Conns returns every connection made on the host, in order of creation,
// closed ones included.
func (h *Host) Conns() []*Endpoint { return h.conns }

// Connect is an active OPEN (RFC 9293 §3.10.1): it makes a connection from
// local port to remote and sends its SYN. It fails with ErrExists while
// another connection holds the same pair of sockets, for instance one in
// TIME-WAIT (Linux's connect() reports EADDRNOTAVAIL then).
func (h *Host) Connect(local uint16, remote netip.AddrPort, cfg Config) (*Endpoint, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if !remote.IsValid() || remote.Port() == 0 {
		return nil, fmt.Errorf("connect to %v: %w", remote, ErrNoForeign)
	}
	l := netip.AddrPortFrom(h.addr, local)
	if old := h.find(l, remote); old != nil {
		return nil, fmt.Errorf("connect %v to %v: %w (connection %d is in %s)", l, remote, ErrExists, old.id, old.state)
	}
	e := h.newEndpoint(cfg, l, remote)
	e.iss = h.newISS()
	e.sndUna, e.sndNxt, e.sndBufSeq = e.iss, e.iss, e.iss.Add(1)
	e.move(ActiveOpen)
	e.output()
	return e, nil
}

// Listen is a passive OPEN with the remote socket unspecified (RFC 9293
// §3.10.1), as a server's listening socket makes: every SYN to port starts
// a new connection, which is passed to accept (if not nil) as soon as it
// exists, so that the application can set its On functions before anything
// else happens. The listener itself stays in LISTEN.
func (h *Host) Listen(port uint16, cfg Config, accept func(conn *Endpoint)) (*Endpoint, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	l := netip.AddrPortFrom(h.addr, port)
	if old := h.find(l, netip.AddrPort{}); old != nil {
		return nil, fmt.Errorf("listen on %v: %w", l, ErrExists)
	}
	e := h.newEndpoint(cfg, l, netip.AddrPort{})
	e.passive, e.listener, e.accept = true, true, accept
	e.move(PassiveOpen)
	return e, nil
}

// ListenFor is a passive OPEN for one remote socket (a "fully specified"
// passive OPEN, RFC 9293 §3.10.1): the connection itself waits in LISTEN,
// and a Send on it turns it into an active open.
func (h *Host) ListenFor(port uint16, remote netip.AddrPort, cfg Config) (*Endpoint, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	l := netip.AddrPortFrom(h.addr, port)
	if old := h.find(l, remote); old != nil {
		return nil, fmt.Errorf("listen on %v for %v: %w", l, remote, ErrExists)
	}
	e := h.newEndpoint(cfg, l, remote)
	e.passive = true
	e.move(PassiveOpen)
	return e, nil
}

// newEndpoint makes a CLOSED connection and registers it.
func (h *Host) newEndpoint(cfg Config, local, remote netip.AddrPort) *Endpoint {
	cfg = cfg.WithDefaults()
	e := &Endpoint{host: h, cfg: cfg, id: len(h.conns) + 1, local: local, remote: remote, sndMSS: DefaultPeerMSS}
	e.rto = NewRTO(cfg.InitialRTO, cfg.MinRTO, cfg.MaxRTO)
	e.rexmt = h.sim.NewTimer(e.onRetransmitTimeout)
	e.delack = h.sim.NewTimer(e.onDelayedACK)
	e.persist = h.sim.NewTimer(e.onPersist)
	e.timeWait = h.sim.NewTimer(e.onTimeWaitTimeout)
	e.finWait2 = h.sim.NewTimer(e.onFinWait2Timeout)
	h.conns = append(h.conns, e)
	h.live = append(h.live, e)
	return e
}

// newISS draws an initial sequence number. RFC 9293 §3.4.1 asks for a
// clock-driven ISN plus a keyed hash of the sockets (RFC 6528); this model
// draws it from the simulation's seeded source, which is just as
// unpredictable to a peer and reproducible for us.
func (h *Host) newISS() seq.Num { return seq.Num(h.sim.Rand().Uint32()) }

// find returns the live connection with these sockets. A zero remote finds
// a listener.
func (h *Host) find(local, remote netip.AddrPort) *Endpoint {
	for _, e := range h.live {
		if e.local == local && e.remote == remote {
			return e
		}
	}
	return nil
}

// forget drops a CLOSED connection from the demultiplexing table.
func (h *Host) forget(e *Endpoint) {
	for i, c := range h.live {
		if c == e {
			h.live = append(h.live[:i], h.live[i+1:]...)
			return
		}
	}
}

// Input hands the host one arriving IPv4 packet. A packet that fails a
// checksum is discarded; the rest go to the connection whose sockets match
// exactly, else to a listener on the port, else to the rules for a
// connection that does not exist (RFC 9293 §3.10.7.1).
func (h *Host) Input(p []byte) {
	var seg Segment
	src, dst, err := decode(p, &seg)
	if err != nil {
		if h.OnDiscard != nil {
			h.OnDiscard(p, err)
		}
		return
	}
	if dst.Addr() != h.addr {
		if h.OnDiscard != nil {
			h.OnDiscard(p, fmt.Errorf("tcp: packet for %v reached %v", dst.Addr(), h.addr))
		}
		return
	}
	if e := h.find(dst, src); e != nil {
		e.arrive(&seg)
		return
	}
	if l := h.find(dst, netip.AddrPort{}); l != nil {
		if seg.Flags&(wire.SYN|wire.ACK|wire.RST) == wire.SYN {
			// A listening socket answers each SYN with a new connection
			// that starts in LISTEN, as if the listener had been copied.
			c := h.newEndpoint(l.cfg, dst, src)
			c.state, c.passive = Listen, true
			if l.accept != nil {
				l.accept(c)
			}
			c.arrive(&seg)
			return
		}
		// The listener's own rules (RFC 9293 §3.10.7.2) for anything
		// else: a RST is ignored, an ACK is answered with
		// <SEQ=SEG.ACK><CTL=RST>, the rest is dropped.
		if seg.Flags&(wire.RST|wire.ACK) == wire.ACK {
			rst := Segment{Seq: seg.Ack, Flags: wire.RST}
			h.transmit(nil, dst, src, &rst)
		}
		return
	}
	h.noConnection(&seg, src, dst)
}

// noConnection answers a segment for which no connection exists, as RFC
// 9293 §3.10.7.1 says for the CLOSED state: "all data in the incoming
// segment is discarded. An incoming segment containing a RST is discarded.
// An incoming segment not containing a RST causes a RST to be sent in
// response."
func (h *Host) noConnection(seg *Segment, src, dst netip.AddrPort) {
	if seg.Flags.Has(wire.RST) {
		return
	}
	var rst Segment
	if seg.Flags.Has(wire.ACK) {
		// "If the ACK bit is on, <SEQ=SEG.ACK><CTL=RST>": the reset
		// takes the sequence number the peer expects, so it is accepted.
		rst = Segment{Seq: seg.Ack, Flags: wire.RST}
	} else {
		// "If the ACK bit is off, sequence number zero is used,
		// <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>": the ACK field is
		// what makes the reset acceptable to a SYN-SENT peer.
		rst = Segment{Seq: 0, Ack: seg.Seq.Add(seg.Len()), Flags: wire.RST | wire.ACK}
	}
	h.transmit(nil, dst, src, &rst)
	h.transition(nil, Closed, RcvAnyNoTCB)
}

// transmit sends seg from local to remote as an IPv4 packet, on behalf of
// conn (nil if no connection owns it).
func (h *Host) transmit(conn *Endpoint, local, remote netip.AddrPort, seg *Segment) {
	p, err := Encode(h.buf[:0], local, remote, h.ipID, seg)
	if err != nil {
		panic(fmt.Sprintf("tcp: bug: cannot encode %v: %v", seg, err))
	}
	h.buf = p
	h.ipID++
	if h.OnSend != nil {
		h.OnSend(conn, p, seg)
	}
	h.out(p)
}

// transition reports a row taken by conn (nil for a connection that does
// not exist) to OnTransition.
func (h *Host) transition(conn *Endpoint, from State, ev Event) int {
	row := Lookup(from, ev)
	if row < 0 {
		panic(fmt.Sprintf("tcp: bug: the transition table has no row for %s in %s", ev, from))
	}
	if h.OnTransition != nil {
		c := StateChange{At: h.sim.Now(), Host: h.name, From: from, To: Transitions[row].To, Event: ev, Row: row}
		if conn != nil {
			c.Conn = conn.id
		}
		h.OnTransition(c)
	}
	return row
}

// note passes a remark to OnNote.
func (h *Host) note(conn *Endpoint, format string, args ...any) {
	if h.OnNote != nil {
		h.OnNote(conn, fmt.Sprintf(format, args...))
	}
}

var zeroAddrPort netip.AddrPort
