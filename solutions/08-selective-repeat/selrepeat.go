// Reference solution to exercise 08: the Selective Repeat receiver and its
// reassembly buffer; the contract is in exercises/08-selective-repeat/selrepeat.go.
package selrepeat

import (
	"github.com/tcpedu/tcpedu/tcpedu/arq"
	"github.com/tcpedu/tcpedu/tcpedu/seq"
	"github.com/tcpedu/tcpedu/tcpedu/wire"
)

// Receiver is the receiving half of Selective Repeat. Its buffer has one
// slot per segment of the window: slot i holds the segment that starts i
// segments after RCV.NXT, or nil while it has not arrived.
//
//	  delivered   |  #k   | #k+1  | #k+2  | #k+3  |   beyond the window
//	--------------|-------|-------|-------|-------|---------------------
//	           RCV.NXT   held[0] held[1] held[2] held[3]        (N = 4)
//
// held[0] is always empty between arrivals: the segment at RCV.NXT is
// delivered the moment it arrives.
type Receiver struct {
	env    *arq.Env
	p      arq.Params
	rcvNxt seq.Num  // RCV.NXT (RFC 9293 §3.3.1): the next byte expected in order
	held   [][]byte // the window's slots, N of them; nil where nothing has arrived
}

// NewReceiver returns the receiving half of Selective Repeat.
func NewReceiver(env *arq.Env, p arq.Params) arq.ReceiverEndpoint {
	return &Receiver{env: env, p: p, rcvNxt: p.First(), held: make([][]byte, p.Window)}
}

// number returns the segment number the header carries for the segment at
// s, when it carries only p.SeqSpace of them: 0 to SeqSpace−1.
func (r *Receiver) number(s seq.Num) int { return (r.p.Index(s) - 1) % r.p.SeqSpace }

// offset returns how many segments s lies after RCV.NXT, as far as the
// header tells. With TCP's full numbers that is the true signed distance.
// With numbers modulo M it can only be 0 to M−1: a segment from just below
// RCV.NXT comes out as a large offset, M−1 for the one just before.
func (r *Receiver) offset(s seq.Num) int {
	if r.p.SeqSpace == 0 {
		return int(s.Sub(r.rcvNxt)) / r.p.Size
	}
	m := r.p.SeqSpace
	return ((r.number(s)-r.number(r.rcvNxt))%m + m) % m
}

// delivered reports whether a segment at offset off is one of the N just
// below RCV.NXT: delivered already, and perhaps resent because its ACK was
// lost.
func (r *Receiver) delivered(off int) bool {
	if r.p.SeqSpace == 0 {
		return off < 0 && off >= -r.p.Window
	}
	return off >= r.p.SeqSpace-r.p.Window
}

// OnData files an arriving segment, delivers what it makes contiguous, and
// acknowledges it.
func (r *Receiver) OnData(seg *arq.Segment) {
	var blocks []wire.SACKBlock
	switch off := r.offset(seg.Seq); {
	case off >= 0 && off < r.p.Window:
		// Inside the window: keep it, once. The segment belongs to the
		// harness and is reused, so the slot gets a copy.
		at := r.rcvNxt.Add(uint32(off * r.p.Size)) // where it belongs
		if r.held[off] == nil {
			r.held[off] = append([]byte(nil), seg.Payload...)
		} else {
			r.env.Note("#%d already buffered: re-ACKed", r.p.Index(seg.Seq))
		}
		r.deliver()
		if r.rcvNxt.LessThanEq(at) {
			// Still held above RCV.NXT: acknowledge it on its own, with a
			// SACK block naming just this segment, as it arrived.
			blocks = []wire.SACKBlock{{Left: seg.Seq, Right: seg.End()}}
		}
	case r.delivered(off):
		// Its ACK was lost: without another, the sender resends it
		// forever.
		r.env.Note("#%d already delivered: re-ACKed", r.p.Index(seg.Seq))
	default:
		// Beyond the window, or older than any sender with a window of N
		// can still send: ignored.
		r.env.Note("#%d is outside the window: ignored", r.p.Index(seg.Seq))
		return
	}
	ack := arq.Segment{Seq: r.p.IRS.Add(1), Ack: r.rcvNxt, Flags: wire.ACK, Window: r.p.Window * r.p.Size, Blocks: blocks}
	r.env.Send(&ack)
}

// deliver hands the application every segment from RCV.NXT up to the first
// empty slot, in order, sliding the window past each.
func (r *Receiver) deliver() {
	for r.held[0] != nil {
		r.env.Deliver(r.held[0])
		copy(r.held, r.held[1:])
		r.held[len(r.held)-1] = nil
		r.rcvNxt = r.rcvNxt.Add(uint32(r.p.Size))
	}
}
