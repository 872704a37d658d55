package link

import (
	"math"
	"time"

	"github.com/tcpedu/tcpedu/tcpedu/sim"
)

// Link is one direction of a path between two simulated hosts. It carries
// IPv4 or IPv6 packets, as the bytes of one datagram each, from Send to the
// receiving host's deliver function:
//
//	Send ──▶ [ DropTail queue ] ──▶ serialise ──▶ wire faults ──▶ propagate ──▶ deliver
//	          Config.Queue          Bandwidth     Config.Faults    Delay (+ jitter)
//
// A Link never changes the packets it carries, and does not copy them
// either (except to corrupt one): the sender must leave a slice alone once
// it is sent, and the receiver must not change a slice it is given, which
// a duplicate may share. Everything happens in the virtual time of the
// sim.Sim the link belongs to; every random number comes from that Sim's
// source, so equal seeds give equal runs.
//
// Create a Link with New; the zero value is not usable. A two-way path is
// two Links, one each way.
type Link struct {
	sim       *sim.Sim
	name      string
	cfg       Config
	deliver   func(p []byte)
	observers []func(Event)

	// The sender's side: the queue and the packet being serialised.
	waiting  fifo
	busy     bool   // a packet is being serialised
	current  packet // the packet being serialised, while busy
	txDoneFn func() // l.txDone, bound once: scheduling a stored func allocates nothing

	// The wire: copies on their way, in arrival order.
	wire     flights
	entered  uint64 // copies that have entered the wire, to order equal arrival times
	arriveFn func() // l.arrive, bound once like txDoneFn

	burst   gilbertState // the Gilbert-Elliott chain, if Faults.Burst is set
	matched []int        // matched[i]: packets that script rule i has matched
	stats   Stats
}

// New returns a link, named name in its events, that carries packets on s
// as cfg describes and hands each one that arrives to deliver (nil throws
// them away). New panics if cfg is invalid: call cfg.Validate first to
// handle the error instead. The link keeps its own copy of cfg's Script
// and Burst, so changing them afterwards does not affect it.
func New(s *sim.Sim, name string, cfg Config, deliver func(p []byte)) *Link {
	if s == nil {
		panic("link: New needs a simulation, got a nil *sim.Sim")
	}
	if err := cfg.Validate(); err != nil {
		panic(err)
	}
	cfg.Faults = cfg.Faults.clone()
	l := &Link{
		sim:     s,
		name:    name,
		cfg:     cfg,
		deliver: deliver,
		matched: make([]int, len(cfg.Faults.Script)),
	}
	l.txDoneFn = l.txDone
	l.arriveFn = l.arrive
	return l
}

// clone returns f with its own copies of Script and Burst.
func (f Faults) clone() Faults {
	if f.Burst != nil {
		g := *f.Burst
		f.Burst = &g
	}
	if f.Script != nil {
		f.Script = append([]Rule(nil), f.Script...)
	}
	return f
}

// Name returns the name given to New.
func (l *Link) Name() string { return l.name }

// Config returns the link's configuration.
func (l *Link) Config() Config {
	c := l.cfg
	c.Faults = c.Faults.clone()
	return c
}

// Stats returns the link's counters so far.
func (l *Link) Stats() Stats { return l.stats }

// QueueLen returns how many packets wait in the queue, not counting the
// one being serialised.
func (l *Link) QueueLen() int { return l.waiting.len() }

// InFlight returns how many copies are on the wire: serialised, not yet
// delivered.
func (l *Link) InFlight() int { return l.wire.len() }

// Observe makes fn be called for every event on the link from now on,
// synchronously and in order, after any functions observed before it. fn
// must not call Send on this link; a deliver function may.
func (l *Link) Observe(fn func(Event)) {
	if fn != nil {
		l.observers = append(l.observers, fn)
	}
}

// TransmissionTime returns how long it takes to put bytes on a wire of
// bandwidth bits per second: bytes*8/bandwidth seconds, rounded to the
// nearest nanosecond. It is 0 when bandwidth is 0 (infinitely fast), and
// 1000 bytes at 8 Mbit/s take 1ms.
func TransmissionTime(bytes int, bandwidth float64) time.Duration {
	if bytes <= 0 || !(bandwidth > 0) {
		return 0
	}
	ns := math.Round(float64(bytes) * 8 * float64(time.Second) / bandwidth)
	if ns >= math.MaxInt64 {
		return math.MaxInt64
	}
	return time.Duration(ns)
}

// Send hands the packet p to the link at the current virtual time. If the
// link is idle, p is serialised at once; otherwise it joins the queue, or
// is dropped if the queue already holds Config.Queue packets (DropTail:
// the newest arrival is the one lost). The link never modifies p; the
// caller must not modify it either until it has been delivered or dropped.
func (l *Link) Send(p []byte) {
	l.stats.Sent++
	l.stats.SentBytes += int64(len(p))
	pk := packet{b: p, sent: l.sim.Now()}
	if !l.busy {
		l.emit(Event{Kind: Queued, Packet: p, Reason: ReasonSending})
		l.serialise(pk)
		return
	}
	if l.cfg.Queue > 0 && l.waiting.len() >= l.cfg.Queue {
		l.drop(p, ReasonQueueFull)
		return
	}
	l.waiting.push(pk)
	if n := l.waiting.len(); n > l.stats.MaxQueue {
		l.stats.MaxQueue = n
	}
	l.emit(Event{Kind: Queued, Packet: p, Reason: ReasonWaiting})
}

// serialise starts putting pk on the wire, one bit after another; the link
// is busy until its last bit is out. On an infinitely fast link there is
// nothing to wait for.
func (l *Link) serialise(pk packet) {
	d := TransmissionTime(len(pk.b), l.cfg.Bandwidth)
	if d == 0 {
		l.enterWire(pk)
		return
	}
	l.busy = true
	l.current = pk
	l.sim.After(d, l.txDoneFn)
}

// txDone runs when the last bit of the current packet is out: the packet
// enters the wire and the next one in the queue, if any, starts.
func (l *Link) txDone() {
	pk := l.current
	l.busy = false
	l.current = packet{}
	l.enterWire(pk)
	for !l.busy && l.waiting.len() > 0 {
		l.serialise(l.waiting.pop())
	}
}

// arrive runs when a copy reaches the far end: it takes the copy due first
// off the wire and delivers it. Each copy on the wire has one arrive event
// scheduled at its arrival time, and events run in time order, so the copy
// due first is always the one whose event is running (ties go in the order
// the copies entered the wire).
func (l *Link) arrive() {
	f := l.wire.pop()
	l.stats.Delivered++
	l.stats.DeliveredBytes += int64(len(f.b))
	if l.observers != nil {
		reason := ""
		if f.dup {
			reason = ReasonDuplicate
		}
		l.emit(Event{Kind: Delivered, Packet: f.b, Reason: reason, Delay: l.sim.Now() - f.sent})
	}
	if l.deliver != nil {
		l.deliver(f.b)
	}
}

// drop counts and reports the loss of p.
func (l *Link) drop(p []byte, reason string) {
	l.stats.Dropped++
	switch reason {
	case ReasonQueueFull:
		l.stats.DroppedQueue++
	case ReasonLoss:
		l.stats.DroppedLoss++
	case ReasonBurst:
		l.stats.DroppedBurst++
	case ReasonScript:
		l.stats.DroppedScript++
	}
	l.emit(Event{Kind: Dropped, Packet: p, Reason: reason})
}

// emit stamps e with the time, the link's name and the queue length, and
// passes it to the observers. It costs nothing when nobody observes.
func (l *Link) emit(e Event) {
	if l.observers == nil {
		return
	}
	// One field per statement: yaegi v0.16 loses the plain values of a
	// tuple assignment that also holds a call (e.At, e.Link = f(), name).
	e.At = l.sim.Now()
	e.Link = l.name
	e.Queue = l.waiting.len()
	for _, fn := range l.observers {
		fn(e)
	}
}
