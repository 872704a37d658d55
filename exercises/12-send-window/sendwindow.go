// Exercise 12: the send window and zero-window probes (RFC 5681 §3,
// RFC 9293 §3.8.6, §3.10.7.4).
//
// A sender may have at most min(rwnd, cwnd) bytes in flight: rwnd is the
// peer's receive window, SND.WND, and cwnd the congestion window. Write
// the part of a sender that decides how much it may send, which ACKs may
// change SND.WND, and what it does when SND.WND is zero: the persist
// timer, which probes the closed window so that a lost window update
// cannot leave both sides waiting for ever. All counts are bytes; time is
// a parameter (Tick), never read from a clock.
//
// The contract:
//
//   - NewSender(iss, irs, wnd, rto): the handshake has just ended. Our SYN
//     took ISS, so SND.UNA = SND.NXT = ISS+1 and no data is written yet.
//     The SYN,ACK (SEG.SEQ = IRS, SEG.ACK = ISS+1) set SND.WND = wnd,
//     SND.WL1 = IRS, SND.WL2 = ISS+1. cwnd has no limit until SetCwnd.
//     rto is the retransmission timeout, the persist timer's first
//     interval.
//   - SetCwnd(cwnd) sets the congestion window (exercises 14–16 compute
//     it; here the caller does).
//   - Write(n): the application queues n more bytes to send.
//   - Usable() returns min(SND.WND, cwnd) − (SND.NXT − SND.UNA): the room
//     left for new data. When the bytes in flight fill the window or more
//     (a window can shrink) it is 0, never "negative".
//   - Send() sends new data from SND.NXT: min(Usable(), bytes written but
//     not yet sent). It returns the first byte's sequence number and the
//     count (0: nothing sent), and advances SND.NXT.
//   - OnAck(segSeq, segAck, segWnd): an ACK arrives (RFC 9293 §3.10.7.4,
//     fifth check). If SEG.ACK > SND.NXT it acknowledges what was never
//     sent: ignore the whole segment. If SND.UNA < SEG.ACK =< SND.NXT, set
//     SND.UNA = SEG.ACK. Then, if SND.UNA =< SEG.ACK =< SND.NXT and the
//     segment is newer than the one that last set the window (SND.WL1 <
//     SEG.SEQ, or SND.WL1 = SEG.SEQ and SND.WL2 =< SEG.ACK), set SND.WND =
//     SEG.WND, SND.WL1 = SEG.SEQ, SND.WL2 = SEG.ACK. An older segment,
//     reordered in the network, must not move the window back.
//   - Tick(elapsed): elapsed more time has passed. If that makes the
//     persist timer fire, send a probe and return it (its sequence number
//     and 1); otherwise return a count of 0. At most one probe per Tick.
//
// The persist timer (RFC 9293 §3.8.6.1, RFC 1122 §4.2.2.17):
//
//   - It starts when SND.WND is 0, bytes written wait beyond SND.UNA, and
//     nothing is in flight (SND.UNA = SND.NXT): nothing else would ever
//     bring an ACK. With data in flight, its ACKs (or the retransmission
//     timer, not part of this exercise) will.
//   - Its first interval is one RTO; after each probe it doubles, up to
//     MaxPersist: RTO, 2·RTO, 4·RTO, …, 60 s, 60 s, …
//   - When it fires, send a probe: exactly one byte, the one at SND.UNA.
//     SND.NXT becomes SND.UNA+1, and the timer is armed again at once with
//     the next interval.
//   - An ACK that answers the probe (SND.UNA =< SEG.ACK =< SND.NXT) but
//     does not cover its byte means the receiver refused it: set SND.NXT
//     back to SND.UNA, so that the byte goes again, with the next probe or
//     with the first data when the window opens.
//   - An ACK that opens the window (SND.WND > 0) stops the timer and
//     undoes its backoff: the next zero window starts from one RTO again.
//     With nothing left to send, the timer stops too.
//   - A probe is not a retransmission timeout: cwnd does not change.
//
// Sequence numbers wrap at 2^32: compare them with seq.Num's methods
// (LessThan, LessThanEq, InRange), and count bytes in flight with
// SND.UNA.Distance(SND.NXT).
//
// Worked example (ISS 1000, IRS 9000, RTO 1 s):
//
//	s := NewSender(1000, 9000, 4000, time.Second)
//	s.Write(6000)
//	s.Send()                  // (1001, 4000): the window is full
//	s.OnAck(9001, 5001, 0)    // all acknowledged, window 0; 2000 bytes wait
//	s.Tick(time.Second)       // (5001, 1): a 1-byte probe after one RTO
//	s.OnAck(9001, 5001, 0)    // refused: SND.NXT back to 5001
//	s.Tick(time.Second)       // (_, 0): the next probe waits 2 s
//	s.Tick(time.Second)       // (5001, 1)
//	s.OnAck(9001, 5001, 3000) // the window opens: no more probes
//	s.Send()                  // (5001, 2000)
//
// Run the tests with: go test ./exercises/12-send-window
// Grade it with: go run ./cmd/tcpedu grade 12
package sendwindow

import (
	"time"

	"github.com/tcpedu/tcpedu/tcpedu/seq"
)

// MaxPersist is the longest the persist timer waits between two probes:
// BSD's TCPTV_PERSMAX, and the model's maxPersist (tcpedu/tcp/flow.go).
const MaxPersist = 60 * time.Second

// Sender is the sending half of a connection, reduced to how much it may
// send. Add the fields you need: the end of the data written, the RTO,
// and the persist timer's state, for a start.
type Sender struct {
	SndUna seq.Num // SND.UNA: the oldest byte not yet acknowledged
	SndNxt seq.Num // SND.NXT: the next byte to send
	SndWnd uint32  // SND.WND: the peer's receive window, bytes
	SndWL1 seq.Num // SND.WL1: SEG.SEQ of the segment that last set SND.WND
	SndWL2 seq.Num // SND.WL2: SEG.ACK of that segment
	Cwnd   uint32  // cwnd: the congestion window, bytes
}

// NewSender returns a sender just after the handshake.
func NewSender(iss, irs seq.Num, wnd uint32, rto time.Duration) *Sender {
	// Your code here.
	return &Sender{}
}

// SetCwnd sets the congestion window, in bytes.
func (s *Sender) SetCwnd(cwnd uint32) {
	// Your code here.
}

// Write queues n more bytes from the application.
func (s *Sender) Write(n uint32) {
	// Your code here.
}

// Usable returns how many new bytes may be sent now.
func (s *Sender) Usable() uint32 {
	// Your code here.
	return 0
}

// Send sends new data from SND.NXT and returns where it starts and how
// many bytes.
func (s *Sender) Send() (first seq.Num, n uint32) {
	// Your code here.
	return 0, 0
}

// OnAck processes an arriving ACK: SEG.SEQ, SEG.ACK and SEG.WND.
func (s *Sender) OnAck(segSeq, segAck seq.Num, segWnd uint32) {
	// Your code here.
}

// Tick lets elapsed time pass and returns the zero-window probe sent, if
// the persist timer fired (n = 0 if not).
func (s *Sender) Tick(elapsed time.Duration) (first seq.Num, n uint32) {
	// Your code here.
	return 0, 0
}
