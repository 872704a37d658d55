package arq

import (
	"fmt"
	"time"

	"github.com/tcpedu/tcpedu/tcpedu/seq"
	"github.com/tcpedu/tcpedu/tcpedu/sim"
)

// Env is everything a protocol endpoint may touch: the virtual clock,
// its link, its timers, the application and the trace. Endpoints never see
// the simulator or the links directly, so a test can drive one with a
// script and a manual clock, and a learner's endpoint plugs into the same
// harness as the reference ones.
type Env struct {
	side  Side
	sim   *sim.Sim
	num   Numbering
	send  func(seg *Segment) (id uint16)
	app   func(data []byte)
	trace *Trace

	// Counters the harness reports.
	sent, resent, timeouts int
	delivered              int // bytes handed to the application

	payload []byte // scratch for Payload
}

// NewEnv returns the environment of the endpoint on side. send puts a
// segment on the endpoint's outgoing link (it must copy what it keeps) and
// returns the packet's IPv4 identification, which pairs the send with its
// arrival in the trace;
// deliver, for the receiver, takes in-order data for the application;
// trace, if not nil, records every event.
func NewEnv(s *sim.Sim, side Side, num Numbering, send func(seg *Segment) uint16, deliver func(data []byte), trace *Trace) *Env {
	return &Env{side: side, sim: s, num: num, send: send, app: deliver, trace: trace}
}

// Now returns the virtual time.
func (e *Env) Now() time.Duration { return e.sim.Now() }

// Send transmits seg for the first time.
func (e *Env) Send(seg *Segment) {
	e.sent++
	id := e.send(seg)
	e.record(Event{Kind: EventSend, Side: e.side, Seg: *seg, Len: seg.Len(), ID: id})
}

// Retransmit transmits seg again; why says what prompted it ("timeout",
// "go back N", "SACK hole"), for the trace.
func (e *Env) Retransmit(seg *Segment, why string) {
	e.resent++
	id := e.send(seg)
	e.record(Event{Kind: EventRetransmit, Side: e.side, Seg: *seg, Len: seg.Len(), ID: id, Text: why})
}

// Deliver hands in-order data to the application.
func (e *Env) Deliver(data []byte) {
	if len(data) == 0 {
		return
	}
	if e.trace != nil {
		first := e.num.Index(e.num.First().Add(uint32(e.delivered)))
		last := first + (len(data)-1)/e.num.Size
		text := fmt.Sprintf("#%d", first)
		if last != first {
			text = fmt.Sprintf("#%d-%d", first, last)
		}
		e.record(Event{Kind: EventDeliver, Side: e.side, Len: len(data), Text: text})
	}
	e.delivered += len(data)
	e.app(data)
}

// Note records a protocol decision in the trace: "duplicate #3: discarded,
// re-ACKed". It costs nothing when nobody is tracing.
func (e *Env) Note(format string, args ...any) {
	if e.trace == nil {
		return
	}
	e.record(Event{Kind: EventNote, Side: e.side, Text: fmt.Sprintf(format, args...)})
}

// Tracing reports whether events are being recorded, so that an endpoint
// can skip work done only for notes.
func (e *Env) Tracing() bool { return e.trace != nil }

// Payload returns the application's bytes [s, s+n): what the segment at s
// carries. The slice is valid until the next call.
func (e *Env) Payload(s seq.Num, n int) []byte {
	if cap(e.payload) < n {
		e.payload = make([]byte, n)
	}
	b := e.payload[:n]
	FillAppData(b, uint32(s.Sub(e.num.First())))
	return b
}

// NewTimer returns a stopped timer that runs fn when it expires, after
// recording the timeout, named name, in the trace.
func (e *Env) NewTimer(name string, fn func()) *Timer {
	t := &Timer{env: e, name: name, fn: fn}
	t.t = e.sim.NewTimer(t.expire)
	return t
}

func (e *Env) record(ev Event) {
	if e.trace == nil {
		return
	}
	ev.At = e.sim.Now()
	e.trace.add(ev)
}

// Timer is a retransmission timer: a sim.Timer whose expiry shows in the
// trace. The model's timers run for a fixed RTO; TCP's own backs off and
// adapts (RFC 6298).
type Timer struct {
	t    *sim.Timer
	env  *Env
	name string
	fn   func()
}

// Reset arms the timer to expire d from now, whether or not it was armed.
func (t *Timer) Reset(d time.Duration) { t.t.Reset(d) }

// Stop disarms the timer and reports whether it was armed.
func (t *Timer) Stop() bool { return t.t.Stop() }

// Active reports whether the timer is armed.
func (t *Timer) Active() bool { return t.t.Active() }

func (t *Timer) expire() {
	t.env.timeouts++
	t.env.record(Event{Kind: EventTimeout, Side: t.env.side, Text: t.name})
	t.fn()
}

// FillAppData fills b with the application's data starting at stream
// offset off. Every byte depends on its offset, so data delivered in the
// wrong place (a duplicate taken for new data, say) never matches.
func FillAppData(b []byte, off uint32) {
	for i := range b {
		o := off + uint32(i)
		b[i] = byte(o ^ o>>8*31 ^ o>>16*131 ^ o>>24*211)
	}
}
