// Exercise 06: stop-and-wait, the alternating-bit protocol.
//
// Write both halves of the simplest reliable protocol. The sender sends
// one segment and waits for its acknowledgment; a timer covers a lost
// segment and a lost ACK alike. The receiver delivers each new segment to
// the application once, and acknowledges every arrival. Your halves run on
// tcpedu's real ARQ harness (arq.Run): real TCP/IPv4 packets with
// checksums, simulated links that lose, damage, duplicate and delay them,
// and the ladder diagrams of chapter 2. The tests run your sender against
// the model's receiver and your receiver against the model's sender
// (tcpedu/arq/stopwait.go), so a failure says which half is wrong, and
// compare each run, event by event, with the model's on the same seed.
//
// What the harness hands you:
//
//   - p arq.Params: p.Segments segments of p.Size bytes to send; p.RTO,
//     the fixed retransmission timeout; p.Window, which is 1 here; p.ISS
//     and p.IRS, the two initial sequence numbers. Segment #k (counting
//     from 1) starts at sequence number p.SeqOf(k) = ISS + 1 + (k−1)·Size,
//     and p.Index(s) turns a sequence or acknowledgment number s back into
//     a segment number: p.Index(p.SeqOf(k)) == k.
//   - env *arq.Env, your only way to touch the world. env.Send(&seg) puts
//     a segment on the link for the first time; env.Retransmit(&seg, why)
//     sends one again (why, such as "timeout", shows in the ladder).
//     env.Payload(s, n) returns the application's n bytes at sequence
//     number s; the slice is reused by the next call, so send it at once.
//     env.Deliver(data) hands in-order data to the receiving application.
//     env.NewTimer(name, fn) returns a stopped timer that calls fn when it
//     expires: t.Reset(p.RTO) arms it (or re-arms it, if it is armed),
//     t.Stop() disarms it, t.Active() reports whether it is armed. Make
//     the timer once, in NewSender. env.Note(format, args...) writes a
//     remark of yours beside the ladder diagram (optional).
//   - The segment handed to OnAck or OnData belongs to the harness, which
//     reuses it for the next arrival: copy anything you keep.
//
// The model builds its segments like this (its helpers are unexported, so
// build yours the same way):
//
//	data: arq.Segment{Seq: p.SeqOf(k), Ack: p.IRS.Add(1), Flags: wire.ACK | wire.PSH,
//		Window: p.Window * p.Size, Payload: env.Payload(p.SeqOf(k), p.Size)}
//	ACK:  arq.Segment{Seq: p.IRS.Add(1), Ack: rcvNxt, Flags: wire.ACK, Window: p.Window * p.Size}
//
// The contract:
//
//   - One bit. Only one segment is ever in flight, so one bit of sequence
//     number tells "the next segment" from "the last one again":
//     bit(k) = (k−1) & 1, which is 0 for #1, #3, #5… and 1 for #2, #4….
//     The packets carry TCP's full numbers, but both halves read only the
//     bit of p.Index(seg.Seq) and of p.Index(ack.Ack), as the model does.
//   - The sender. Start sends #1 with env.Send. Every transmission, first
//     or repeated, starts the timer for p.RTO. When the timer expires,
//     resend the segment in flight with env.Retransmit and start the
//     timer again. An ACK asking for the segment after the one in flight
//     (its bit is the other one) acknowledges it: stop the timer and send
//     the next segment, if there is one. Any other ACK is a leftover, the
//     second ACK of the segment before after a premature timeout: ignore
//     it, for acting on it would skip the segment in flight. Never have
//     two segments in flight. Done reports true once all p.Segments
//     segments are acknowledged.
//   - The receiver. RCV.NXT, the next byte expected, starts at p.SeqOf(1).
//     A segment with the expected bit is new: deliver its payload and move
//     RCV.NXT on by one segment. A segment with the other bit is a copy of
//     the one already delivered, whose ACK was lost or late: discard it,
//     but ACK it all the same, or the sender resends it forever. Answer
//     every arrival with an ACK whose Ack is RCV.NXT (RFC 9293 §3.4): after
//     #1 has arrived, Ack is p.SeqOf(2).
//
// Worked example, the ACK of #2 lost (arq.Config{Protocol: arq.StopAndWait,
// Segments: 3, DropACKs: []int{3}}: DropACKs names the segment the lost ACK
// asks for):
//
//	sender                                 receiver
//	#1, bit 0  ------------------------->  new: deliver #1
//	           <-------------------------  ACK, next #2
//	#2, bit 1  ------------------------->  new: deliver #2
//	                 X-------------------  ACK, next #3 (lost)
//	timeout: #2 again  ----------------->  bit 1 again: discard, and ACK
//	           <-------------------------  ACK, next #3
//	#3, bit 0  ------------------------->  new: deliver #3
//	           <-------------------------  ACK, next #4: done
//
// With the ACK of #2 late rather than lost (LateACKs), the timer resends
// #2 just the same, the first ACK arrives and #3 leaves; then the second
// ACK, for the copy, arrives asking for #3 again, which is in flight. Its
// bit is #3's own, so the sender ignores it.
//
// Run the tests with: go test ./exercises/06-stop-and-wait
// Grade everything with: go run ./cmd/tcpedu grade 06
package stopwait

import (
	"github.com/tcpedu/tcpedu/tcpedu/arq"
)

// Sender is the sending half of stop-and-wait. Add the fields you need:
// which segment is in flight, and the retransmission timer.
type Sender struct {
	env *arq.Env
	p   arq.Params
}

// NewSender returns the sending half of stop-and-wait. Make its timer
// here, with env.NewTimer.
func NewSender(env *arq.Env, p arq.Params) arq.SenderEndpoint {
	// Your code here.
	return &Sender{env: env, p: p}
}

// Start sends the first segment.
func (s *Sender) Start() {
	// Your code here.
}

// OnAck handles an acknowledgment from the receiver.
func (s *Sender) OnAck(ack *arq.Segment) {
	// Your code here.
}

// Done reports whether every segment has been acknowledged.
func (s *Sender) Done() bool {
	// Your code here.
	return false
}

// Receiver is the receiving half of stop-and-wait. Add the fields you
// need: which segment (which bit) it expects next.
type Receiver struct {
	env *arq.Env
	p   arq.Params
}

// NewReceiver returns the receiving half of stop-and-wait.
func NewReceiver(env *arq.Env, p arq.Params) arq.ReceiverEndpoint {
	// Your code here.
	return &Receiver{env: env, p: p}
}

// OnData handles a data segment from the sender.
func (r *Receiver) OnData(seg *arq.Segment) {
	// Your code here.
}
