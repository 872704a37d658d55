package arq

import "github.com/tcpedu/tcpedu/tcpedu/seq"

// SACK: TCP's selective acknowledgment (RFC 2018). The receiver buffers
// out-of-order data like Selective Repeat but keeps TCP's cumulative ACK,
// and adds up to four SACK blocks saying which ranges above it it holds,
// the block with the newest segment first (RFC 2018 §4). The sender keeps
// Go-Back-N's single timer and records the blocks on a scoreboard (RFC 6675
// §3), so it resends only the holes.
//
// The course's example, five segments with #3 lost: Go-Back-N resends #3,
// #4 and #5 when its timer expires; SACK resends #3 alone.
//
// Simplifications, beside the code that makes them:
//   - The window is a fixed N segments. TCP limits what is in flight by the
//     congestion window and its "pipe" estimate (RFC 6675 §5); the
//     congestion-control chapter adds them (tcpedu/tcp/sack.go).
//   - A hole is resent as soon as RFC 6675 §4's IsLost says so, once per
//     loss. On a timeout every hole is resent and the SACK information is
//     kept. RFC 2018 §5 says a sender SHOULD forget it then, in case the
//     receiver has reneged (dropped SACKed data, §8); RFC 6675 §5.1 notes
//     that this advice has come to be seen as too strong, and Linux keeps
//     the information unless it detects reneging. Our receiver never
//     reneges.
//   - No D-SACK (RFC 2883).

// dupThresh is DupThresh of RFC 6675 §2: three duplicate ACKs, or three
// segments' worth of SACKed data above a hole, mark it lost.
const dupThresh = 3

// sackSender is the sending half of SACK.
type sackSender struct {
	env    *Env
	p      Params
	w      *SendWindow
	sb     Scoreboard
	timer  *Timer
	resent map[seq.Num]bool // holes resent since they were found lost
	sent   int
}

// NewSACKSender returns the sending half of SACK.
func NewSACKSender(env *Env, p Params) SenderEndpoint {
	s := &sackSender{env: env, p: p, w: NewSendWindow(p.First()), resent: make(map[seq.Num]bool)}
	s.timer = env.NewTimer("retransmission timer", s.timeout)
	return s
}

func (s *sackSender) Start() { s.fill() }

func (s *sackSender) Done() bool { return s.sent == s.p.Segments && s.w.Len() == 0 }

func (s *sackSender) fill() {
	for s.w.Len() < s.p.Window && s.sent < s.p.Segments {
		s.p.sendNew(s.env, s.w)
		s.sent++
		if !s.timer.Active() { // RFC 6298 §5.1
			s.timer.Reset(s.p.RTO)
		}
	}
}

func (s *sackSender) OnAck(ack *Segment) {
	r := s.w.Ack(ack.Ack)
	for _, sg := range r.Segments {
		delete(s.resent, sg.Seq)
	}
	s.sb.Update(s.w.SndUna(), ack.Blocks)
	if r.Acked > 0 { // RFC 6298 §5.2-5.3
		if s.w.Len() == 0 {
			s.timer.Stop()
		} else {
			s.timer.Reset(s.p.RTO)
		}
	}
	if r.Unsent {
		s.env.Note("ACK for data not yet sent: ignored")
	}
	// RFC 6675 §5 (C.1) rule 1, simplified: resend each hole that IsLost
	// says is lost, once.
	for i := 0; i < s.w.Len(); i++ {
		sg := s.w.At(i)
		if s.resent[sg.Seq] || s.sb.IsSACKed(sg.Seq, sg.Len) || !s.sb.IsLost(sg.Seq, s.p.Size, dupThresh) {
			continue
		}
		s.resend(i, "SACK says lost")
	}
	s.fill()
}

// timeout resends every hole: every outstanding segment not SACKed.
func (s *sackSender) timeout() {
	for i := 0; i < s.w.Len(); i++ {
		if sg := s.w.At(i); !s.sb.IsSACKed(sg.Seq, sg.Len) {
			s.resend(i, "timeout, hole only")
		}
	}
	s.timer.Reset(s.p.RTO)
}

func (s *sackSender) resend(i int, why string) {
	sg := s.p.resend(s.env, s.w, i, why)
	s.resent[sg.Seq] = true
}

// sackReceiver is the receiving half of SACK.
type sackReceiver struct {
	env *Env
	p   Params
	buf *Reassembly
}

// NewSACKReceiver returns the receiving half of SACK.
func NewSACKReceiver(env *Env, p Params) ReceiverEndpoint {
	return &sackReceiver{env: env, p: p, buf: NewReassembly(p.First(), p.Window*p.Size)}
}

// maxBlocks is how many SACK blocks fit in an ACK without timestamps:
// 40 bytes of option space hold 2 NOPs and a SACK option of 2+8n bytes,
// so n = 4 (RFC 2018 §3; with the 10-byte timestamps option and its 2
// NOPs, n = 3).
const maxBlocks = 4

func (r *sackReceiver) OnData(seg *Segment) {
	res := r.buf.Insert(seg.Seq, seg.Payload)
	r.env.Deliver(res.Delivered)
	switch {
	case res.Duplicate:
		r.env.Note("#%d already received: re-ACKed", r.p.Index(seg.Seq))
	case res.OutOfWindow:
		r.env.Note("#%d beyond the receive window", r.p.Index(seg.Seq))
	case res.Buffered:
		r.env.Note("#%d buffered until #%d arrives", r.p.Index(seg.Seq), r.p.Index(r.buf.RcvNxt()))
	}
	// RFC 9293 §3.10.7.4: every segment, acceptable or not, is answered
	// with an ACK, which here carries the blocks (RFC 2018 §4).
	ack := r.p.ackSegment(r.buf.RcvNxt(), r.buf.Blocks(maxBlocks))
	r.env.Send(&ack)
}
