// Reference solution to exercise 07: the Go-Back-N sender; the contract is
// in exercises/07-go-back-n/gobackn.go.
package gobackn

import (
	"github.com/tcpedu/tcpedu/tcpedu/arq"
	"github.com/tcpedu/tcpedu/tcpedu/seq"
	"github.com/tcpedu/tcpedu/tcpedu/wire"
)

// Sender is the sending half of Go-Back-N. Every segment is p.Size bytes,
// so the segments in flight are exactly [SND.UNA, SND.NXT), one every
// p.Size bytes, and two numbers describe them (RFC 9293 §3.3.1):
//
//	    acknowledged     |  sent, unacknowledged  |  may be sent  |
//	---------------------|------------------------|---------------|-----
//	                  SND.UNA                  SND.NXT      SND.UNA + N·Size
type Sender struct {
	env    *arq.Env
	p      arq.Params
	sndUna seq.Num    // SND.UNA: the first byte not yet acknowledged
	sndNxt seq.Num    // SND.NXT: the first byte of the next new segment
	end    seq.Num    // the byte after the last segment: SND.UNA reaches it when all is acknowledged
	timer  *arq.Timer // the one retransmission timer, for the oldest outstanding segment
}

// NewSender returns the sending half of Go-Back-N.
func NewSender(env *arq.Env, p arq.Params) arq.SenderEndpoint {
	s := &Sender{env: env, p: p, sndUna: p.First(), sndNxt: p.First(), end: p.SeqOf(p.Segments + 1)}
	s.timer = env.NewTimer("retransmission timer", s.timeout)
	return s
}

// Start fills the window.
func (s *Sender) Start() { s.fill() }

// Done reports whether every segment has been acknowledged.
func (s *Sender) Done() bool { return s.sndUna == s.end }

// outstanding returns how many segments are sent and not acknowledged.
func (s *Sender) outstanding() int { return int(s.sndUna.Distance(s.sndNxt)) / s.p.Size }

// segment builds the data segment that starts at sequence number at.
func (s *Sender) segment(at seq.Num) arq.Segment {
	return arq.Segment{
		Seq: at, Ack: s.p.IRS.Add(1), Flags: wire.ACK | wire.PSH,
		Window: s.p.Window * s.p.Size, Payload: s.env.Payload(at, s.p.Size),
	}
}

// fill sends new segments while fewer than N are outstanding.
func (s *Sender) fill() {
	for s.outstanding() < s.p.Window && s.sndNxt != s.end {
		seg := s.segment(s.sndNxt)
		s.env.Send(&seg)
		s.sndNxt = s.sndNxt.Add(uint32(s.p.Size))
		// RFC 6298 §5.1: start the timer on sending data, if it is not
		// running already. A running timer times an older segment.
		if !s.timer.Active() {
			s.timer.Reset(s.p.RTO)
		}
	}
}

// OnAck moves SND.UNA up to the acknowledgment number, if it acknowledges
// anything new.
func (s *Sender) OnAck(ack *arq.Segment) {
	// RFC 9293 §3.10.7.4: if SND.UNA < SEG.ACK =< SND.NXT, set SND.UNA to
	// SEG.ACK. The ACK is cumulative: every byte before it has arrived,
	// however many ACKs before it were lost. Anything else is a duplicate
	// (SEG.ACK = SND.UNA), an old ACK overtaken by a newer one (SEG.ACK <
	// SND.UNA) or one for data never sent (SEG.ACK > SND.NXT): ignored.
	if !(s.sndUna.LessThan(ack.Ack) && ack.Ack.LessThanEq(s.sndNxt)) {
		if ack.Ack == s.sndUna && s.sndUna != s.sndNxt {
			s.env.Note("duplicate ACK: the receiver still wants #%d", s.p.Index(ack.Ack))
		}
		return
	}
	s.sndUna = ack.Ack
	if s.sndUna == s.sndNxt {
		s.timer.Stop() // RFC 6298 §5.2: all outstanding data acknowledged
	} else {
		s.timer.Reset(s.p.RTO) // §5.3: new data acknowledged, time the oldest left
	}
	s.fill()
}

// timeout goes back N: the receiver discarded everything after the
// segment that was lost, so every outstanding segment is sent again,
// oldest first (TCP resends only the oldest, RFC 6298 §5.4), and the timer
// restarted (§5.6) without doubling the RTO (§5.5): the model's RTO is
// fixed.
func (s *Sender) timeout() {
	for at := s.sndUna; at != s.sndNxt; at = at.Add(uint32(s.p.Size)) {
		seg := s.segment(at)
		s.env.Retransmit(&seg, "go back N")
	}
	s.timer.Reset(s.p.RTO)
}
