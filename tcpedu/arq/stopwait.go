package arq

// Stop-and-wait, the alternating-bit protocol: send one segment, wait for
// its ACK, send the next. A timer covers a lost segment or a lost ACK.
//
// One bit of sequence number is enough, because only one segment is ever
// outstanding: the receiver needs only to tell "the next segment" from "the
// last one again" (a retransmission after a lost ACK). So both halves here
// read nothing but the low bit of the segment number: segments #1, #3, #5…
// carry bit 0, and #2, #4, #6… bit 1. The packets still carry TCP's full
// numbers, so a capture reads like TCP; the protocol ignores the rest.
//
// The four cases the course walks through, and where each is handled:
//
//	lost segment   the receiver hears nothing; the sender's timer expires and it sends again   (swSender.timeout)
//	lost ACK       the timer expires; the receiver gets a duplicate, discards it *and* re-ACKs (swReceiver.OnData)
//	late ACK       the timer expired too soon; the second, duplicate ACK arrives later and is ignored (swSender.OnAck)
//	timeout        a retransmission restarts the timer, as every send does                  (swSender.sendNext)

// swSender is the sending half of stop-and-wait.
type swSender struct {
	env   *Env
	p     Params
	next  int // the segment being sent, 1-based; past p.Segments when done
	timer *Timer
	seg   Segment // the segment awaiting its ACK
}

// NewStopAndWaitSender returns the sending half of stop-and-wait.
func NewStopAndWaitSender(env *Env, p Params) SenderEndpoint {
	s := &swSender{env: env, p: p, next: 1}
	s.timer = env.NewTimer("retransmission timer", s.timeout)
	return s
}

func (s *swSender) Start() {
	if s.next <= s.p.Segments {
		s.sendNext()
	}
}

func (s *swSender) Done() bool { return s.next > s.p.Segments }

// bit returns segment k's alternating bit.
func bit(k int) int { return (k - 1) & 1 }

func (s *swSender) sendNext() {
	s.seg = s.p.dataSegment(s.env, s.p.SeqOf(s.next), s.p.Size)
	s.env.Send(&s.seg)
	s.timer.Reset(s.p.RTO)
}

func (s *swSender) timeout() {
	// Same segment, same bit: the receiver will know it if it has seen it.
	s.seg.Payload = s.env.Payload(s.seg.Seq, s.p.Size)
	s.env.Retransmit(&s.seg, "timeout")
	s.timer.Reset(s.p.RTO)
}

func (s *swSender) OnAck(ack *Segment) {
	if s.Done() {
		return
	}
	// The ACK names the segment the receiver expects next; its bit is all
	// the sender reads. The next segment's bit means "yours arrived".
	want := bit(s.next + 1)
	if got := bit(s.p.Index(ack.Ack)); got != want {
		// A late or repeated ACK for the segment before: acting on it
		// would skip a segment, so it is ignored.
		s.env.Note("ACK asks for bit %d again: duplicate, ignored", got)
		return
	}
	s.timer.Stop()
	s.next++
	if !s.Done() {
		s.sendNext()
	}
}

// swReceiver is the receiving half of stop-and-wait.
type swReceiver struct {
	env *Env
	p   Params
	buf *Reassembly // holds one segment at most: it is delivered at once
}

// NewStopAndWaitReceiver returns the receiving half of stop-and-wait.
func NewStopAndWaitReceiver(env *Env, p Params) ReceiverEndpoint {
	return &swReceiver{env: env, p: p, buf: NewReassembly(p.First(), p.Size)}
}

func (r *swReceiver) OnData(seg *Segment) {
	expect := r.p.Index(r.buf.RcvNxt())
	if got := bit(r.p.Index(seg.Seq)); got != bit(expect) {
		// The segment before, again: our ACK for it was lost or late.
		// Discard it, and ACK again, or the sender would resend forever.
		r.env.Note("bit %d is the segment already received: discarded, re-ACKed", got)
	} else {
		// The bit is right, so this is the next segment, whatever the rest
		// of its number says: file it where it belongs.
		res := r.buf.Insert(r.buf.RcvNxt(), seg.Payload)
		r.env.Deliver(res.Delivered)
	}
	ack := r.p.ackSegment(r.buf.RcvNxt(), nil)
	r.env.Send(&ack)
}
