// Exercise 08: the Selective Repeat receiver and its reassembly buffer.
//
// Write the receiving half of Selective Repeat: a receiver that keeps the
// segments arriving out of order inside its window, hands the application
// everything in order as soon as a hole fills, and acknowledges every
// segment on its own. The buffer is yours to write: do not use
// arq.Reassembly (reading tcpedu/arq/reassembly.go is fine). Your receiver
// runs on tcpedu's real ARQ harness (arq.Run) against the model's
// Selective Repeat sender, over links that lose, damage, duplicate and
// reorder packets, and each run is compared, event by event, with the
// model's own receiver (tcpedu/arq/selrepeat.go) on the same seed.
//
// What the harness hands you:
//
//   - p arq.Params: p.Window is N, the segments the receiver buffers (the
//     sender's window is the same N); every segment carries p.Size bytes.
//     Segment #k (counting from 1) starts at sequence number p.SeqOf(k) =
//     ISS + 1 + (k−1)·Size; p.First() is p.SeqOf(1), and p.Index(s) turns
//     a sequence number back into a segment number. p.SeqSpace is M, how
//     many segment numbers the header can tell apart, or 0 for TCP's whole
//     32-bit space (see below). p.IRS is the receiver's own initial
//     sequence number.
//   - env *arq.Env, your only way to touch the world: env.Deliver(data)
//     hands in-order bytes to the application; env.Send(&ack) sends an
//     acknowledgment; env.Note(format, args...) writes a remark of yours
//     beside the ladder diagram (optional).
//   - OnData receives every data segment that arrives with good
//     checksums: seg.Seq, its first byte's sequence number, and
//     seg.Payload, its bytes (seg.End() is seg.Seq + len(seg.Payload)).
//     The segment belongs to the harness and is reused for the next
//     arrival: copy the payload you keep.
//
// TCP has no "individual ACK", so, like the model, you write one in TCP's
// clothes: the cumulative acknowledgment RCV.NXT, plus, for a segment kept
// above RCV.NXT, one SACK block (RFC 2018 §3) naming just that segment,
// as it arrived. The model's sender reads the block. An ACK:
//
//	arq.Segment{Seq: p.IRS.Add(1), Ack: rcvNxt, Flags: wire.ACK, Window: p.Window * p.Size,
//		Blocks: []wire.SACKBlock{{Left: seg.Seq, Right: seg.End()}}} // or no Blocks
//
// The contract. RCV.NXT (RFC 9293 §3.3.1), the next byte expected in
// order, starts at p.First(); the window is the N segments from RCV.NXT
// on. Work out where an arriving segment lies, in segments from RCV.NXT:
// with SeqSpace 0, off = int(seg.Seq.Sub(rcvNxt)) / p.Size (seq.Num's Sub
// is safe across 2^32; never compare raw numbers with <). Then:
//
//   - 0 ≤ off < N, inside the window: keep a copy of the payload, unless
//     you hold that segment already (a duplicate: keep one copy). Then
//     deliver, in order and once each, every segment from RCV.NXT up to
//     the first one missing, moving RCV.NXT past each. ACK with Ack =
//     RCV.NXT; if the segment is still held above RCV.NXT (it was not
//     delivered), add the block [SEG.SEQ, SEG.SEQ+SEG.LEN) naming it.
//   - −N ≤ off < 0, the N just below RCV.NXT: delivered already, and
//     resent because its ACK was lost. Discard it, but ACK again (Ack =
//     RCV.NXT, no block), or the sender resends it forever.
//   - anything else (beyond the window, or further below): ignore it,
//     with no ACK.
//
// A small sequence space. With p.SeqSpace = M > 0 the header carries only
// the segment number modulo M, number(s) = (p.Index(s) − 1) mod M, and
// your receiver must read nothing more, as if the header had no more
// bits. Then off can only be worked out modulo M:
// off = (number(seg.Seq) − number(rcvNxt)) mod M, from 0 to M−1 (make it
// non-negative: Go's % keeps the sign); "inside the window" is off < N,
// "just below RCV.NXT" is off ≥ M − N (test them in that order), and the
// segment is filed at RCV.NXT + off·Size. With N ≤ M/2 the two never
// overlap and all is well; with N > M/2 an old segment can pass for a new
// one, and your receiver must be fooled exactly as the model is (the
// window rule, arq.WindowRuleDemo).
//
// Worked example, the course's: N = 5, five segments, #3 lost. #1 and #2
// are delivered and ACKed, asking for #2 then #3. #4 lies 1 after RCV.NXT
// (#3): kept, and ACKed with "next #3, SACK #4"; #5 likewise. The sender
// resends #3 alone when its timer expires; it lies at RCV.NXT, so #3, #4
// and #5 are delivered together and the ACK asks for #6:
//
//	go run ./cmd/tcpedu arq --protocol sr --window 5 --segments 5 --drop 3 --ladder
//
// Run the tests with: go test ./exercises/08-selective-repeat
// Grade everything with: go run ./cmd/tcpedu grade 08
package selrepeat

import (
	"github.com/tcpedu/tcpedu/tcpedu/arq"
)

// Receiver is the receiving half of Selective Repeat. Add the fields you
// need: RCV.NXT (a seq.Num) and the buffer, for instance one slot per
// segment of the window, each holding a payload or nil.
type Receiver struct {
	env *arq.Env
	p   arq.Params
}

// NewReceiver returns the receiving half of Selective Repeat.
func NewReceiver(env *arq.Env, p arq.Params) arq.ReceiverEndpoint {
	// Your code here.
	return &Receiver{env: env, p: p}
}

// OnData handles a data segment from the sender.
func (r *Receiver) OnData(seg *arq.Segment) {
	// Your code here.
}
