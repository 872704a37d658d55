// Exercise 07: the Go-Back-N sender.
//
// Write the sending half of Go-Back-N: up to N segments in flight,
// cumulative acknowledgments, one retransmission timer for the oldest
// outstanding segment, and, when it expires, every outstanding segment
// sent again. This is TCP's own acknowledgment scheme (RFC 9293 §3.4) and
// TCP's own timer (RFC 6298 §5); TCP adds buffering and SACK (exercises 08
// and 09). Your sender runs on tcpedu's real ARQ harness (arq.Run) against
// the model's Go-Back-N receiver, over links that lose, damage, duplicate
// and reorder packets, and each run is compared, event by event, with the
// model's own sender (tcpedu/arq/gobackn.go) on the same seed.
//
// What the harness hands you:
//
//   - p arq.Params: p.Window is N, in segments; p.Segments segments of
//     p.Size bytes to send; p.RTO, the fixed retransmission timeout; p.ISS
//     and p.IRS. Segment #k (counting from 1) starts at sequence number
//     p.SeqOf(k) = ISS + 1 + (k−1)·Size; p.First() is p.SeqOf(1), and
//     p.Index(s) turns a sequence or acknowledgment number back into a
//     segment number. p.SeqSpace is always 0 here: the numbers are TCP's
//     32-bit ones, and they may wrap past 2^32 in the middle of a run.
//   - env *arq.Env, your only way to touch the world. env.Send(&seg) puts
//     a segment on the link for the first time; env.Retransmit(&seg, why)
//     sends one again (why, such as "go back N", shows in the ladder).
//     env.Payload(s, n) returns the application's n bytes at sequence
//     number s; the slice is reused by the next call, so send it at once.
//     env.NewTimer(name, fn) returns a stopped timer that calls fn when it
//     expires: t.Reset(p.RTO) arms it (or re-arms it, if it is armed),
//     t.Stop() disarms it, t.Active() reports whether it is armed. Make
//     the timer once, in NewSender. env.Note(format, args...) writes a
//     remark of yours beside the ladder diagram (optional).
//   - OnAck receives the receiver's ACKs; ack.Ack is the cumulative
//     acknowledgment number, the next byte the receiver wants. The segment
//     belongs to the harness and is reused: copy what you keep.
//
// The data segment that starts at sequence number s, built as the model
// builds its own (its helper is unexported):
//
//	arq.Segment{Seq: s, Ack: p.IRS.Add(1), Flags: wire.ACK | wire.PSH,
//		Window: p.Window * p.Size, Payload: env.Payload(s, p.Size)}
//
// Sequence numbers are seq.Num values on a circle of 2^32: compare them
// with a.LessThan(b), a.LessThanEq(b) and a.Distance(b) (the bytes from a
// forward to b), never with < on the raw numbers. Keep your own SND.UNA
// and SND.NXT; do not use arq.SendWindow, which would do this exercise
// for you.
//
// The contract:
//
//   - The window (RFC 9293 §3.3.1). SND.UNA is the oldest unacknowledged
//     byte, SND.NXT the first byte of the next new segment; both start at
//     p.First(). The segments in flight are [SND.UNA, SND.NXT), and there
//     may be at most N of them. Start sends segments until N are in flight
//     (or all p.Segments are sent), and so does every ACK that makes room.
//   - Cumulative ACKs (RFC 9293 §3.10.7.4). If SND.UNA < SEG.ACK =<
//     SND.NXT, set SND.UNA to SEG.ACK: every segment before it is
//     acknowledged at once, however many earlier ACKs were lost. Any other
//     ACK changes nothing: SEG.ACK = SND.UNA is a duplicate (the receiver
//     still wants the oldest segment), SEG.ACK < SND.UNA is an old ACK
//     overtaken by a newer one, SEG.ACK > SND.NXT acknowledges data never
//     sent.
//   - One timer (RFC 6298 §5). Start it when you send a segment and it is
//     not running (§5.1); when an ACK acknowledges new data, restart it if
//     anything is still outstanding (§5.3), or stop it if nothing is
//     (§5.2). A duplicate ACK does not touch it.
//   - Go back N. When the timer expires, resend every outstanding segment,
//     from SND.UNA up to SND.NXT, oldest first, with env.Retransmit, and
//     restart the timer. (The receiver kept nothing after the gap.)
//   - Done reports true once all p.Segments segments are acknowledged:
//     SND.UNA has reached p.SeqOf(p.Segments+1).
//
// Worked example, the course's: N = 5, five segments, #3 lost. Start
// sends #1 to #5. The ACKs of #1 and #2 (asking for #2, then #3) move
// SND.UNA and restart the timer; #4 and #5 reach the receiver out of
// order and are discarded, and each brings a duplicate ACK asking for #3,
// which changes nothing. The timer, restarted by the ACK asking for #3,
// expires one RTO later; you resend #3, #4 and #5, and the ACKs asking
// for #4, #5 and #6 finish the transfer:
//
//	go run ./cmd/tcpedu arq --protocol gbn --window 5 --segments 5 --drop 3 --ladder
//
// Run the tests with: go test ./exercises/07-go-back-n
// Grade everything with: go run ./cmd/tcpedu grade 07
package gobackn

import (
	"github.com/tcpedu/tcpedu/tcpedu/arq"
)

// Sender is the sending half of Go-Back-N. Add the fields you need:
// SND.UNA and SND.NXT (as seq.Num), and the retransmission timer.
type Sender struct {
	env *arq.Env
	p   arq.Params
}

// NewSender returns the sending half of Go-Back-N. Make its timer here,
// with env.NewTimer.
func NewSender(env *arq.Env, p arq.Params) arq.SenderEndpoint {
	// Your code here.
	return &Sender{env: env, p: p}
}

// Start fills the window.
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
