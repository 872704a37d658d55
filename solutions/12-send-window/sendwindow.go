// Reference solution to exercise 12: the send window and zero-window
// probes (RFC 5681 §3, RFC 9293 §3.8.6, §3.10.7.4). The contract is in
// exercises/12-send-window/sendwindow.go.
package sendwindow

import (
	"math"
	"time"

	"github.com/tcpedu/tcpedu/tcpedu/seq"
)

// MaxPersist is the longest the persist timer waits between two probes:
// BSD's TCPTV_PERSMAX, and the model's maxPersist (tcpedu/tcp/flow.go).
const MaxPersist = 60 * time.Second

// noCwnd is cwnd before SetCwnd: no congestion limit at all.
const noCwnd = math.MaxUint32

// Sender is the sending half of a connection, reduced to how much it may
// send: its sequence variables (RFC 9293 §3.3.1), the congestion window
// (RFC 5681), and the persist timer (RFC 9293 §3.8.6.1).
type Sender struct {
	SndUna seq.Num // SND.UNA: the oldest byte not yet acknowledged
	SndNxt seq.Num // SND.NXT: the next byte to send
	SndWnd uint32  // SND.WND: the peer's receive window, bytes
	SndWL1 seq.Num // SND.WL1: SEG.SEQ of the segment that last set SND.WND
	SndWL2 seq.Num // SND.WL2: SEG.ACK of that segment
	Cwnd   uint32  // cwnd: the congestion window, bytes

	end seq.Num       // one past the last byte the application has written
	rto time.Duration // RTO: the first persist interval

	persisting bool          // the persist timer is running
	persistFor time.Duration // how long it has run since it was last armed
	probes     int           // probes sent since the window was last open: the backoff
	probing    bool          // a probe's byte is out, not yet answered
}

// NewSender returns a sender just after the handshake: our SYN, at iss, and
// the peer's, at irs, are acknowledged, and the SYN,ACK (SEG.SEQ = IRS,
// SEG.ACK = ISS+1) set the window to wnd bytes (RFC 9293 §3.10.7.3).
func NewSender(iss, irs seq.Num, wnd uint32, rto time.Duration) *Sender {
	first := iss.Add(1) // the SYN took ISS
	return &Sender{SndUna: first, SndNxt: first, end: first, SndWnd: wnd, SndWL1: irs, SndWL2: first,
		Cwnd: noCwnd, rto: rto}
}

// SetCwnd sets the congestion window, in bytes.
func (s *Sender) SetCwnd(cwnd uint32) { s.Cwnd = cwnd }

// Write queues n more bytes from the application (the SEND call).
func (s *Sender) Write(n uint32) {
	s.end = s.end.Add(n)
	s.persistCheck()
}

// inFlight returns SND.NXT − SND.UNA: the bytes sent and not yet
// acknowledged.
func (s *Sender) inFlight() uint32 { return s.SndUna.Distance(s.SndNxt) }

// Usable returns how many new bytes may be sent now: min(SND.WND, cwnd)
// less what is in flight (RFC 5681 §3: "The minimum of cwnd and rwnd
// governs data transmission"; RFC 9293 §3.8.6), and 0 when the bytes in
// flight already fill the window, as they do when it has shrunk.
func (s *Sender) Usable() uint32 {
	w := s.SndWnd
	if s.Cwnd < w {
		w = s.Cwnd
	}
	if f := s.inFlight(); f < w {
		return w - f
	}
	return 0
}

// Send sends new data from SND.NXT: as much as is written and the windows
// allow. It returns the first byte's sequence number and how many.
func (s *Sender) Send() (first seq.Num, n uint32) {
	first = s.SndNxt
	n = s.Usable()
	if unsent := s.SndNxt.Distance(s.end); unsent < n {
		n = unsent
	}
	s.SndNxt = s.SndNxt.Add(n)
	return first, n
}

// OnAck processes the acknowledgment fields of an arriving segment (RFC
// 9293 §3.10.7.4, fifth check).
func (s *Sender) OnAck(segSeq, segAck seq.Num, segWnd uint32) {
	// "If the ACK acks something not yet sent (SEG.ACK > SND.NXT), then
	// send an ACK, drop the segment, and return."
	if segAck.GreaterThan(s.SndNxt) {
		return
	}
	// An older SEG.ACK is a duplicate: nothing below may take from it.
	if segAck.LessThan(s.SndUna) {
		return
	}
	// "If SND.UNA < SEG.ACK =< SND.NXT, then set SND.UNA <- SEG.ACK."
	s.SndUna = segAck
	// The window, only from a segment newer than the one that set it last:
	// "If SND.WL1 < SEG.SEQ or (SND.WL1 = SEG.SEQ and SND.WL2 =< SEG.ACK),
	// set SND.WND <- SEG.WND, set SND.WL1 <- SEG.SEQ, and set SND.WL2 <-
	// SEG.ACK." Otherwise a reordered old segment could shrink it again.
	if s.SndWL1.LessThan(segSeq) || (s.SndWL1 == segSeq && s.SndWL2.LessThanEq(segAck)) {
		s.SndWnd, s.SndWL1, s.SndWL2 = segWnd, segSeq, segAck
	}
	// The answer to a probe: if it does not cover the probe's byte, the
	// receiver refused it, and the byte goes again (BSD pulls snd_nxt back
	// the same way; the model's probeAnswered in tcpedu/tcp/flow.go).
	if s.probing {
		s.SndNxt, s.probing = s.SndUna, false
	}
	s.persistCheck()
}

// persistCheck starts the persist timer when the peer's window is zero,
// data waits and nothing is in flight to bring an ACK back, and stops it,
// undoing its backoff, once the window opens (RFC 9293 §3.8.6.1).
func (s *Sender) persistCheck() {
	switch {
	case s.SndWnd > 0:
		s.persisting, s.probes = false, 0
	case s.SndUna == s.end:
		s.persisting = false // nothing to probe with
	case s.SndUna == s.SndNxt && !s.persisting:
		s.persisting, s.persistFor = true, 0
	}
}

// persistInterval is the RTO doubled for each probe sent, at most
// MaxPersist (RFC 9293 §3.8.6.1: the sender "SHOULD increase
// exponentially the interval between successive probes").
func (s *Sender) persistInterval() time.Duration {
	d := s.rto
	for i := 0; i < s.probes && d < MaxPersist; i++ {
		d *= 2
	}
	if d > MaxPersist {
		d = MaxPersist
	}
	return d
}

// Tick lets elapsed time pass. If the persist timer runs out, it sends a
// zero-window probe: one byte, the first not acknowledged ("at least one
// octet of new data", RFC 9293 §3.8.6.1; RFC 1122 §4.2.2.17), and arms
// itself again with the interval doubled. A probe is not a retransmission
// timeout: cwnd and the RTO stay as they are.
func (s *Sender) Tick(elapsed time.Duration) (first seq.Num, n uint32) {
	if !s.persisting {
		return s.SndNxt, 0
	}
	s.persistFor += elapsed
	if s.persistFor < s.persistInterval() {
		return s.SndNxt, 0
	}
	first = s.SndUna
	s.SndNxt = s.SndUna.Add(1)
	s.probing = true
	s.probes++
	s.persistFor = 0
	return first, 1
}
