package arq

import (
	"github.com/tcpedu/tcpedu/tcpedu/seq"
	"github.com/tcpedu/tcpedu/tcpedu/wire"
)

// Selective Repeat: the sender keeps up to N segments in flight, each with
// its own timer, and resends a segment only when its own timer expires; the
// receiver buffers segments that arrive out of order, delivers them once
// the gap before them fills, and acknowledges every segment individually.
//
// In TCP's clothes, an individual acknowledgment is a cumulative ACK (the
// next byte wanted, RCV.NXT) plus, for a segment buffered above it, one SACK
// block naming just that segment. The sender records the blocks on the same
// Scoreboard the SACK protocol uses.
//
// The window rule. With sequence numbers modulo M (Params.SeqSpace), the
// receiver's window of N numbers and the N numbers just below it (what the
// sender may still resend, if ACKs were lost) must not overlap, or a resent
// old segment is taken for a new one: N <= M/2. WindowRuleDemo stages this.

// srSender is the sending half of Selective Repeat.
type srSender struct {
	env    *Env
	p      Params
	w      *SendWindow
	acked  Scoreboard                // segments acknowledged individually, above SND.UNA
	timers map[seq.Num]*segmentTimer // one per outstanding segment, by its first byte
	free   []*segmentTimer
	blocks []wire.SACKBlock // the ACK's blocks, as read
	sent   int
}

// segmentTimer is one segment's retransmission timer.
type segmentTimer struct {
	s   *srSender
	seq seq.Num
	t   *Timer
}

func (st *segmentTimer) expire() { st.s.timeout(st) }

// NewSelectiveRepeatSender returns the sending half of Selective Repeat.
func NewSelectiveRepeatSender(env *Env, p Params) SenderEndpoint {
	return &srSender{env: env, p: p, w: NewSendWindow(p.First()), timers: make(map[seq.Num]*segmentTimer)}
}

func (s *srSender) Start() { s.fill() }

func (s *srSender) Done() bool { return s.sent == s.p.Segments && s.w.Len() == 0 }

func (s *srSender) fill() {
	for s.w.Len() < s.p.Window && s.sent < s.p.Segments {
		sg := s.p.sendNew(s.env, s.w)
		s.sent++
		s.startTimer(sg.Seq)
	}
}

func (s *srSender) startTimer(at seq.Num) {
	var st *segmentTimer
	if n := len(s.free); n > 0 {
		st, s.free = s.free[n-1], s.free[:n-1]
	} else {
		st = &segmentTimer{s: s}
		st.t = s.env.NewTimer("segment timer", st.expire)
	}
	st.seq = at
	s.timers[at] = st
	st.t.Reset(s.p.RTO)
}

func (s *srSender) stopTimer(at seq.Num) {
	if st, ok := s.timers[at]; ok {
		st.t.Stop()
		delete(s.timers, at)
		s.free = append(s.free, st)
	}
}

func (s *srSender) OnAck(ack *Segment) {
	r := s.w.Ack(s.p.ackAsRead(s.w.SndUna(), ack.Ack, s.w.Len()))
	for _, sg := range r.Segments {
		s.stopTimer(sg.Seq)
	}
	// Each block names one segment received out of order.
	s.blocks = s.blocks[:0]
	for _, b := range ack.Blocks {
		if at, ok := s.p.seqAsRead(s.w.SndUna(), b.Left, s.w.Len()); ok {
			s.blocks = append(s.blocks, wire.SACKBlock{Left: at, Right: at.Add(uint32(b.Right.Sub(b.Left)))})
		}
	}
	if s.acked.Update(s.w.SndUna(), s.blocks) > 0 {
		for i := 0; i < s.w.Len(); i++ {
			if sg := s.w.At(i); s.acked.IsSACKed(sg.Seq, sg.Len) {
				s.stopTimer(sg.Seq)
			}
		}
	}
	// The window's base moves past every segment acknowledged, singly or
	// cumulatively, up to the first one that is not.
	for s.w.Len() > 0 {
		sg := s.w.At(0)
		if !s.acked.IsSACKed(sg.Seq, sg.Len) {
			break
		}
		s.w.Ack(sg.End())
	}
	if r.Unsent {
		s.env.Note("ACK for data not yet sent: ignored")
	}
	s.fill()
}

// timeout resends the one segment whose timer expired.
func (s *srSender) timeout(st *segmentTimer) {
	i := s.w.Find(st.seq)
	if i < 0 {
		return
	}
	s.p.resend(s.env, s.w, i, "its timer expired")
	st.t.Reset(s.p.RTO)
}

// srReceiver is the receiving half of Selective Repeat.
type srReceiver struct {
	env   *Env
	p     Params
	buf   *Reassembly
	block [1]wire.SACKBlock
}

// NewSelectiveRepeatReceiver returns the receiving half of Selective Repeat.
func NewSelectiveRepeatReceiver(env *Env, p Params) ReceiverEndpoint {
	return &srReceiver{env: env, p: p, buf: NewReassembly(p.First(), p.Window*p.Size)}
}

func (r *srReceiver) OnData(seg *Segment) {
	base := r.buf.RcvNxt()
	var blocks []wire.SACKBlock
	switch off := r.p.offset(base, seg.Seq); {
	case off >= 0 && off < r.p.Window:
		// In the receive window, as far as the sequence number can tell:
		// file it at the place the number points to.
		at := base.Add(uint32(off * r.p.Size))
		res := r.buf.Insert(at, seg.Payload)
		r.env.Deliver(res.Delivered)
		switch {
		case res.Duplicate:
			r.env.Note("#%d already buffered: re-ACKed", r.p.Index(at))
		case res.Buffered:
			r.env.Note("#%d buffered until #%d arrives", r.p.Index(at), r.p.Index(r.buf.RcvNxt()))
		}
		if r.buf.RcvNxt().LessThan(at.Add(uint32(seg.Len()))) {
			// Still above RCV.NXT: name it in a block, echoing the
			// number it arrived with.
			r.block[0] = wire.SACKBlock{Left: seg.Seq, Right: seg.End()}
			blocks = r.block[:]
		}
	case r.p.before(base, seg.Seq, r.p.Window):
		// Delivered already; its ACK must have been lost. ACK it again, or
		// the sender's window never moves past it.
		r.env.Note("#%d already delivered: re-ACKed", r.p.Index(seg.Seq))
	default:
		r.env.Note("#%d is outside the receive window: ignored", r.p.Index(seg.Seq))
		return
	}
	ack := r.p.ackSegment(r.buf.RcvNxt(), blocks)
	r.env.Send(&ack)
}
