package arq

// Go-Back-N: the sender keeps up to N segments in flight; the receiver
// accepts only the next segment in order and answers every arrival with a
// cumulative ACK naming the next byte it wants; one timer covers the oldest
// unacknowledged segment, and when it expires the sender goes back and
// resends every segment outstanding.
//
// This is TCP's acknowledgment scheme: SEG.ACK is cumulative (RFC 9293
// §3.4), the sender keeps one retransmission timer (RFC 6298 §5), and
// SND.UNA advances only when the ACK moves it (RFC 9293 §3.10.7.4). What
// TCP adds is buffering out-of-order data (like Selective Repeat) and SACK.
//
// With sequence numbers modulo M (Params.SeqSpace), N must be at most M-1:
// with N = M, a window of lost ACKs makes the old segments look new.

// gbnSender is the sending half of Go-Back-N.
type gbnSender struct {
	env   *Env
	p     Params
	w     *SendWindow
	timer *Timer
	sent  int // segments sent for the first time
}

// NewGoBackNSender returns the sending half of Go-Back-N.
func NewGoBackNSender(env *Env, p Params) SenderEndpoint {
	s := &gbnSender{env: env, p: p, w: NewSendWindow(p.First())}
	s.timer = env.NewTimer("retransmission timer", s.timeout)
	return s
}

func (s *gbnSender) Start() { s.fill() }

func (s *gbnSender) Done() bool { return s.sent == s.p.Segments && s.w.Len() == 0 }

// fill sends new segments while the window has room.
func (s *gbnSender) fill() {
	for s.w.Len() < s.p.Window && s.sent < s.p.Segments {
		s.p.sendNew(s.env, s.w)
		s.sent++
		// RFC 6298 §5.1: start the timer when sending data if it is not
		// running already.
		if !s.timer.Active() {
			s.timer.Reset(s.p.RTO)
		}
	}
}

func (s *gbnSender) OnAck(ack *Segment) {
	r := s.w.Ack(s.p.ackAsRead(s.w.SndUna(), ack.Ack, s.w.Len()))
	switch {
	case r.Acked > 0:
		// RFC 6298 §5.2-5.3: stop the timer when everything is
		// acknowledged, restart it when an ACK acknowledges new data.
		if s.w.Len() == 0 {
			s.timer.Stop()
		} else {
			s.timer.Reset(s.p.RTO)
		}
		s.fill()
	case r.Duplicate:
		s.env.Note("duplicate ACK: the receiver still wants #%d", s.p.Index(ack.Ack))
	case r.Unsent:
		s.env.Note("ACK for data not yet sent: ignored")
	}
}

// timeout is the "go back N": every outstanding segment is sent again, in
// order, because the receiver threw away everything after the gap.
func (s *gbnSender) timeout() {
	for i := 0; i < s.w.Len(); i++ {
		s.p.resend(s.env, s.w, i, "go back N")
	}
	s.timer.Reset(s.p.RTO)
}

// gbnReceiver is the receiving half of Go-Back-N: a receive buffer of one
// segment, so that anything out of order is discarded.
type gbnReceiver struct {
	env *Env
	p   Params
	buf *Reassembly
}

// NewGoBackNReceiver returns the receiving half of Go-Back-N.
func NewGoBackNReceiver(env *Env, p Params) ReceiverEndpoint {
	return &gbnReceiver{env: env, p: p, buf: NewReassembly(p.First(), p.Size)}
}

func (r *gbnReceiver) OnData(seg *Segment) {
	if r.p.offset(r.buf.RcvNxt(), seg.Seq) == 0 {
		// The segment expected next (as far as the receiver's sequence
		// numbers can tell): deliver it.
		res := r.buf.Insert(r.buf.RcvNxt(), seg.Payload)
		r.env.Deliver(res.Delivered)
	} else if r.env.Tracing() {
		r.env.Note("#%d is not #%d: discarded", r.p.Index(seg.Seq), r.p.Index(r.buf.RcvNxt()))
	}
	// Every arrival is answered with the cumulative ACK, so an
	// out-of-order segment produces a duplicate ACK.
	ack := r.p.ackSegment(r.buf.RcvNxt(), nil)
	r.env.Send(&ack)
}
