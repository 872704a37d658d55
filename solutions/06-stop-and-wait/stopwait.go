// Reference solution to exercise 06: stop-and-wait, the alternating-bit
// protocol; the contract is in exercises/06-stop-and-wait/stopwait.go.
package stopwait

import (
	"github.com/tcpedu/tcpedu/tcpedu/arq"
	"github.com/tcpedu/tcpedu/tcpedu/wire"
)

// bit returns the alternating bit of segment k (counting from 1): 0 for
// #1, #3, #5…, 1 for #2, #4, #6…. It is all of a segment's number that
// either half reads.
func bit(k int) int { return (k - 1) & 1 }

// Sender is the sending half: one segment in flight, one timer.
type Sender struct {
	env   *arq.Env
	p     arq.Params
	next  int        // the segment in flight, 1-based; p.Segments+1 once all are acknowledged
	timer *arq.Timer // the retransmission timer, armed while a segment is in flight
}

// NewSender returns the sending half of stop-and-wait.
func NewSender(env *arq.Env, p arq.Params) arq.SenderEndpoint {
	s := &Sender{env: env, p: p, next: 1}
	s.timer = env.NewTimer("retransmission timer", s.timeout)
	return s
}

// Start sends the first segment.
func (s *Sender) Start() {
	if !s.Done() {
		seg := s.segment()
		s.env.Send(&seg)
		s.timer.Reset(s.p.RTO) // every transmission starts the timer
	}
}

// Done reports whether every segment has been acknowledged.
func (s *Sender) Done() bool { return s.next > s.p.Segments }

// segment builds the data segment in flight: p.Size bytes of the
// application's data from the segment's first sequence number on.
func (s *Sender) segment() arq.Segment {
	at := s.p.SeqOf(s.next)
	return arq.Segment{
		Seq:     at,
		Ack:     s.p.IRS.Add(1), // what the sender has of the receiver's (empty) stream
		Flags:   wire.ACK | wire.PSH,
		Window:  s.p.Window * s.p.Size,
		Payload: s.env.Payload(at, s.p.Size),
	}
}

// timeout resends the segment in flight: it, or its ACK, was lost, or the
// ACK is late. The copy carries the same bit, so the receiver can tell.
func (s *Sender) timeout() {
	seg := s.segment()
	s.env.Retransmit(&seg, "timeout")
	s.timer.Reset(s.p.RTO) // a retransmission can be lost too
}

// OnAck moves on to the next segment when the ACK asks for it.
func (s *Sender) OnAck(ack *arq.Segment) {
	if s.Done() {
		return
	}
	// The ACK names the segment the receiver expects next. Asking for the
	// one after the segment in flight (the other bit) means "it arrived".
	// Asking for the one in flight (the same bit) is a leftover: the
	// second ACK of the segment before, after a premature timeout. Acting
	// on it would skip the segment in flight.
	if bit(s.p.Index(ack.Ack)) != bit(s.next+1) {
		s.env.Note("ACK asks for #%d's bit again: duplicate, ignored", s.next)
		return
	}
	s.timer.Stop()
	s.next++
	if !s.Done() {
		seg := s.segment()
		s.env.Send(&seg)
		s.timer.Reset(s.p.RTO)
	}
}

// Receiver is the receiving half: it expects one bit, delivers the
// segment that has it, and ACKs every arrival.
type Receiver struct {
	env    *arq.Env
	p      arq.Params
	expect int // the segment expected next, 1-based: RCV.NXT is p.SeqOf(expect)
}

// NewReceiver returns the receiving half of stop-and-wait.
func NewReceiver(env *arq.Env, p arq.Params) arq.ReceiverEndpoint {
	return &Receiver{env: env, p: p, expect: 1}
}

// OnData delivers the expected segment, discards a copy of the one before,
// and acknowledges both.
func (r *Receiver) OnData(seg *arq.Segment) {
	if bit(r.p.Index(seg.Seq)) == bit(r.expect) {
		r.env.Deliver(seg.Payload)
		r.expect++
	} else {
		// The segment before, again: our ACK for it was lost or late.
		// Discard it, but ACK it again, or the sender resends it forever.
		r.env.Note("bit %d is the segment already received: discarded, re-ACKed", bit(r.p.Index(seg.Seq)))
	}
	// The ACK names the next byte expected, RCV.NXT (RFC 9293 §3.4).
	ack := arq.Segment{
		Seq:    r.p.IRS.Add(1),
		Ack:    r.p.SeqOf(r.expect),
		Flags:  wire.ACK,
		Window: r.p.Window * r.p.Size,
	}
	r.env.Send(&ack)
}
