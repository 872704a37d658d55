package arq

import (
	"errors"
	"fmt"
	"time"

	"github.com/tcpedu/tcpedu/tcpedu/link"
	"github.com/tcpedu/tcpedu/tcpedu/seq"
	"github.com/tcpedu/tcpedu/tcpedu/sim"
)

// Config describes one ARQ run: a protocol sending Segments segments across
// a path of two links, one each way, with faults on either.
type Config struct {
	Protocol Protocol
	Window   int           // N, segments; default 8 (stop-and-wait always uses 1)
	Size     int           // payload bytes per segment; default 1000
	Segments int           // segments to send; default 20
	SeqSpace int           // see Params.SeqSpace; default 0, TCP's whole space
	RTO      time.Duration // fixed retransmission timeout; default DefaultRTO

	Bandwidth float64       // bits per second, each direction; default 10 Mbit/s
	Delay     time.Duration // one-way propagation delay; default 10 ms

	Forward link.Faults // on data segments, sender to receiver
	Reverse link.Faults // on ACKs, receiver to sender

	// Scripted faults by segment number, to stage the textbook cases:
	// DropSegments loses the first transmission of each segment listed
	// (#3: "segment 3 is lost"); DropACKs loses the first ACK asking for
	// each segment listed (#4: "the ACK of segment 3 is lost", for a
	// cumulative ACK names the segment wanted next); LateACKs holds back the first ACK asking for each segment listed
	// until after the sender's timer has expired (by RTO - RTT/2), so that
	// it arrives between the retransmission and the ACK of the
	// retransmission: a late ACK.
	DropSegments []int
	DropACKs     []int
	LateACKs     []int

	// NewSender and NewReceiver, when set, build the two endpoints instead
	// of Protocol's own: a learner's implementation runs on the same
	// harness, links and checks as the reference ones. Protocol still
	// decides the window rule (stop-and-wait sends one at a time) and the
	// name in reports.
	NewSender   func(env *Env, p Params) SenderEndpoint
	NewReceiver func(env *Env, p Params) ReceiverEndpoint

	Seed    uint64        // equal seeds give identical runs
	Trace   bool          // record every event in Result.Trace
	Capture bool          // keep every packet in Result.Packets, for a pcap
	MaxTime time.Duration // give up after this much virtual time; default 64 RTOs per segment
}

// The defaults Run fills in for zero fields.
const (
	DefaultWindow    = 8
	DefaultSize      = 1000
	DefaultSegments  = 20
	DefaultBandwidth = 10e6
	DefaultDelay     = 10 * time.Millisecond
)

// HeaderBytes is the IPv4 and TCP header overhead of a data segment: 20 +
// 20 bytes. An ACK with n SACK blocks adds 2 NOPs and 2+8n bytes.
const HeaderBytes = 40

// DataTime returns L/R: how long one data segment (payload and headers)
// takes to serialise onto the link.
func (c *Config) DataTime() time.Duration {
	return link.TransmissionTime(c.Size+HeaderBytes, c.Bandwidth)
}

// AckTime returns how long a plain ACK takes to serialise.
func (c *Config) AckTime() time.Duration { return link.TransmissionTime(HeaderBytes, c.Bandwidth) }

// RTT returns the round trip of one segment and its ACK on an idle path:
// L/R + propagation + ACK serialisation + propagation.
func (c *Config) RTT() time.Duration { return c.DataTime() + 2*c.Delay + c.AckTime() }

// DefaultRTO returns the timeout used when Config.RTO is zero: twice the
// idle round trip plus the time to serialise a whole window, so that no
// timer expires while its segment merely waits behind the rest of the
// window in the sender's queue.
func (c *Config) DefaultRTO() time.Duration {
	return 2*c.RTT() + time.Duration(c.window())*c.DataTime()
}

// window returns the sender's window in segments.
func (c *Config) window() int {
	if c.Protocol == StopAndWait {
		return 1
	}
	return c.Window
}

// WithDefaults returns c with every zero field given its default.
func (c Config) WithDefaults() Config {
	if c.Window == 0 {
		c.Window = DefaultWindow
	}
	if c.Size == 0 {
		c.Size = DefaultSize
	}
	if c.Segments == 0 {
		c.Segments = DefaultSegments
	}
	if c.Bandwidth == 0 {
		c.Bandwidth = DefaultBandwidth
	}
	if c.Delay == 0 {
		c.Delay = DefaultDelay
	}
	if c.RTO == 0 {
		c.RTO = c.DefaultRTO()
	}
	if c.MaxTime == 0 {
		c.MaxTime = time.Duration(64*(c.Segments+c.window())) * c.RTO
	}
	return c
}

// maxPayload keeps a data segment inside one Ethernet frame (MTU 1500),
// as an unfragmented TCP/IPv4 segment must be.
const maxPayload = 1500 - HeaderBytes

// Validate reports the first thing wrong with c, in one sentence.
func (c *Config) Validate() error {
	switch {
	case c.Protocol < StopAndWait || c.Protocol > SACK:
		return fmt.Errorf("arq: unknown protocol %d", int(c.Protocol))
	case c.Window < 1:
		return fmt.Errorf("arq: window %d must be at least 1 segment", c.Window)
	case c.Size < 1 || c.Size > maxPayload:
		return fmt.Errorf("arq: segment size %d bytes is outside 1-%d (one Ethernet frame)", c.Size, maxPayload)
	case c.Segments < 1:
		return fmt.Errorf("arq: %d segments: send at least 1", c.Segments)
	case c.SeqSpace < 0 || c.SeqSpace == 1:
		return fmt.Errorf("arq: a sequence space of %d numbers cannot tell segments apart: use 2 or more, or 0 for TCP's", c.SeqSpace)
	case c.Bandwidth <= 0:
		return fmt.Errorf("arq: bandwidth %g bit/s must be positive", c.Bandwidth)
	case c.Delay < 0 || c.RTO < 0 || c.MaxTime < 0:
		return errors.New("arq: delays and timeouts cannot be negative")
	case c.Window*c.Size > 1<<30:
		return fmt.Errorf("arq: a window of %d segments of %d bytes is more than 1 GiB", c.Window, c.Size)
	}
	for _, k := range c.DropSegments {
		if k < 1 || k > c.Segments {
			return fmt.Errorf("arq: cannot drop segment #%d: the segments are #1 to #%d", k, c.Segments)
		}
	}
	for _, k := range append(append([]int(nil), c.DropACKs...), c.LateACKs...) {
		if k < 2 || k > c.Segments+1 {
			return fmt.Errorf("arq: cannot drop the ACK asking for #%d: ACKs ask for #2 to #%d", k, c.Segments+1)
		}
	}
	fwd := link.Config{Bandwidth: c.Bandwidth, Delay: c.Delay, Faults: c.Forward}
	if err := fwd.Validate(); err != nil {
		return fmt.Errorf("arq: data direction: %w", err)
	}
	rev := link.Config{Bandwidth: c.Bandwidth, Delay: c.Delay, Faults: c.Reverse}
	if err := rev.Validate(); err != nil {
		return fmt.Errorf("arq: ACK direction: %w", err)
	}
	return nil
}

// Result is what one run measured.
type Result struct {
	Config Config // as run, defaults filled in

	Delivered       int // segments delivered to the application, in order
	Transmissions   int // data segments sent, retransmissions included
	Retransmissions int // data segments sent again
	Timeouts        int // retransmission timer expiries
	ACKs            int // acknowledgments the receiver sent
	Corrupted       int // packets dropped by a receiving host for a bad checksum

	// Complete reports whether the sender saw every segment acknowledged
	// before MaxTime. InOrderAndComplete reports whether, on top of that,
	// the application received exactly the bytes sent, in order, once.
	Complete           bool
	InOrderAndComplete bool

	// Misdelivered reports that the application received bytes that were
	// not the bytes sent at that place in the stream: an old segment taken
	// for a new one.
	Misdelivered bool

	// Elapsed runs from the first transmission to the moment the sender
	// learns that the last segment arrived (or MaxTime).
	Elapsed time.Duration

	// Utilization is the fraction of the data link's capacity that carried
	// new data: Delivered × L/R ÷ Elapsed. Stop-and-wait on a loss-free
	// path gets (L/R) / (RTT + L/R) with the ACK's time inside the RTT.
	Utilization float64

	Events           uint64     // simulator events run
	Forward, Reverse link.Stats // per-direction link counters
	Trace            *Trace     // every event, when Config.Trace is set
	Packets          []Packet   // every packet sent, when Config.Capture is set
}

// Packet is one packet as the host that sent it put it on its link.
type Packet struct {
	At   time.Duration // virtual time of sending
	From Side
	Data []byte // an IPv4 packet
}

// Run runs one ARQ transfer to completion (or MaxTime).
func Run(cfg Config) (*Result, error) {
	cfg = cfg.WithDefaults()
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	r := newRun(cfg)
	return r.run()
}

// arqRun is the harness: two hosts, two links, the application at each end.
type arqRun struct {
	cfg      Config
	sim      *sim.Sim
	res      *Result
	num      Numbering
	fwd, rev *link.Link
	snd      SenderEndpoint
	rcv      ReceiverEndpoint
	senv     *Env
	renv     *Env

	codec   [2]*Codec // encoders, by the side that sends
	decoder [2]*Codec // decoders, by the side that receives
	seg     Segment   // decoded arrival

	err error // why the run stopped early

	delivered uint32 // bytes the application has received
	badData   bool   // a delivered byte was not the byte sent
	check     []byte // scratch for comparing delivered data
}

func newRun(cfg Config) *arqRun {
	s := sim.New(cfg.Seed)
	// Initial sequence numbers are random, as RFC 9293 §3.4.1 requires of
	// real stacks; here they come from the seed.
	iss := seq.Num(s.Rand().Uint32())
	irs := seq.Num(s.Rand().Uint32())
	r := &arqRun{
		cfg: cfg, sim: s, res: &Result{Config: cfg},
		num:     Numbering{ISS: iss, IRS: irs, Size: cfg.Size},
		codec:   [2]*Codec{NewCodec(Sender), NewCodec(Receiver)},
		decoder: [2]*Codec{NewCodec(Receiver), NewCodec(Sender)},
	}
	var trace *Trace
	if cfg.Trace {
		trace = &Trace{Numbering: r.num}
		r.res.Trace = trace
	}
	fwd, rev := cfg.Forward, cfg.Reverse
	fwd.Script = append([]link.Rule(nil), fwd.Script...) // not the caller's array
	rev.Script = append([]link.Rule(nil), rev.Script...)
	for _, k := range cfg.DropSegments {
		fwd.Script = append(fwd.Script, link.Rule{Action: link.Drop, Match: link.SeqIs(r.num.SeqOf(k)), Nth: 1})
	}
	for _, k := range cfg.DropACKs {
		rev.Script = append(rev.Script, link.Rule{Action: link.Drop, Match: link.AckIs(r.num.SeqOf(k)), Nth: 1})
	}
	for _, k := range cfg.LateACKs {
		rev.Script = append(rev.Script, link.Rule{Action: link.Hold, Match: link.AckIs(r.num.SeqOf(k)), Nth: 1,
			Delay: cfg.RTO - cfg.RTT()/2})
	}
	r.fwd = link.New(s, "sender→receiver", link.Config{Bandwidth: cfg.Bandwidth, Delay: cfg.Delay, Faults: fwd},
		func(p []byte) { r.arrive(Sender, p) })
	r.rev = link.New(s, "receiver→sender", link.Config{Bandwidth: cfg.Bandwidth, Delay: cfg.Delay, Faults: rev},
		func(p []byte) { r.arrive(Receiver, p) })
	if trace != nil {
		r.fwd.Observe(func(ev link.Event) { r.linkEvent(Sender, ev) })
		r.rev.Observe(func(ev link.Event) { r.linkEvent(Receiver, ev) })
	}
	r.senv = NewEnv(s, Sender, r.num, func(seg *Segment) uint16 { return r.send(Sender, seg) }, nil, trace)
	r.renv = NewEnv(s, Receiver, r.num, func(seg *Segment) uint16 { return r.send(Receiver, seg) }, r.deliver, trace)
	p := Params{Numbering: r.num, Window: cfg.window(), Segments: cfg.Segments, SeqSpace: cfg.SeqSpace, RTO: cfg.RTO}
	// Validate has checked the protocol, so these cannot fail.
	if cfg.NewSender != nil {
		r.snd = cfg.NewSender(r.senv, p)
	} else {
		r.snd, _ = NewSender(cfg.Protocol, r.senv, p)
	}
	if cfg.NewReceiver != nil {
		r.rcv = cfg.NewReceiver(r.renv, p)
	} else {
		r.rcv, _ = NewReceiver(cfg.Protocol, r.renv, p)
	}
	return r
}

func (r *arqRun) run() (*Result, error) {
	r.snd.Start()
	for r.err == nil && !r.snd.Done() && r.sim.Now() <= r.cfg.MaxTime && r.sim.Step() {
	}
	if r.err != nil {
		return nil, r.err
	}
	res := r.res
	res.Complete = r.snd.Done()
	res.Elapsed = r.sim.Now()
	res.Events = r.sim.Events()
	res.Delivered = int(r.delivered) / r.cfg.Size
	res.Transmissions = r.senv.sent + r.senv.resent
	res.Retransmissions = r.senv.resent
	res.Timeouts = r.senv.timeouts
	res.ACKs = r.renv.sent + r.renv.resent
	res.Misdelivered = r.badData
	res.InOrderAndComplete = res.Complete && !r.badData && int(r.delivered) == r.cfg.Segments*r.cfg.Size
	if res.Elapsed > 0 {
		res.Utilization = float64(res.Delivered) * float64(r.cfg.DataTime()) / float64(res.Elapsed)
	}
	res.Forward, res.Reverse = r.fwd.Stats(), r.rev.Stats()
	return res, nil
}

// send encodes seg as an IPv4 packet, puts it on from's link and returns
// its IPv4 identification.
func (r *arqRun) send(from Side, seg *Segment) uint16 {
	id := r.codec[from].id
	pkt, err := r.codec[from].Encode(nil, seg)
	if err != nil {
		// The protocols here build only segments that encode; a
		// learner's may not, and should hear why.
		r.err = fmt.Errorf("arq: the %v sent a segment that cannot be encoded: %w", from, err)
		return id
	}
	if r.cfg.Capture {
		r.res.Packets = append(r.res.Packets, Packet{At: r.sim.Now(), From: from, Data: pkt})
	}
	if from == Sender {
		r.fwd.Send(pkt)
	} else {
		r.rev.Send(pkt)
	}
	return id
}

// arrive is a packet sent by from reaching the other host, which checks
// it as a real host does before its protocol sees it.
func (r *arqRun) arrive(from Side, p []byte) {
	to := Receiver
	if from == Receiver {
		to = Sender
	}
	if err := r.decoder[to].Decode(p, &r.seg); err != nil {
		r.res.Corrupted++
		if r.res.Trace != nil {
			var ev Event
			ev.Kind, ev.Side, ev.Text = EventCorrupt, from, err.Error()+": dropped"
			ev.Len, ev.ID = lenientDecode(p, &ev.Seg)
			r.record(ev)
		}
		return
	}
	if r.res.Trace != nil {
		r.record(Event{Kind: EventArrive, Side: from, Seg: r.seg, Len: r.seg.Len(), ID: r.decoder[to].pkt.IPv4.ID})
	}
	if to == Receiver {
		r.rcv.OnData(&r.seg)
	} else {
		r.snd.OnAck(&r.seg)
	}
}

// linkEvent records what a link did to a packet from side from.
func (r *arqRun) linkEvent(from Side, le link.Event) {
	var ev Event
	switch le.Kind {
	case link.Dropped:
		ev.Kind, ev.Text = EventLost, le.Reason
		if le.Reason == link.ReasonScript {
			ev.Text = "scripted"
		}
	case link.Duplicated:
		ev.Kind, ev.Text = EventDuplicate, "the link delivers it twice"
	default:
		return
	}
	ev.Side = from
	ev.Len, ev.ID = lenientDecode(le.Packet, &ev.Seg)
	r.record(ev)
}

func (r *arqRun) record(ev Event) {
	ev.At = r.sim.Now()
	r.res.Trace.add(ev)
}

// deliver is the receiving application: it checks every byte against
// what the sending application wrote.
func (r *arqRun) deliver(data []byte) {
	if cap(r.check) < len(data) {
		r.check = make([]byte, len(data))
	}
	want := r.check[:len(data)]
	FillAppData(want, r.delivered)
	if string(want) != string(data) {
		r.badData = true
	}
	r.delivered += uint32(len(data))
}
