package grading

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/tcpedu/tcpedu/tcpedu/seq"
)

// This file holds swRig, the rig through which the suite of exercise 12
// (12-send-window.go) drives a learner's sender: beside the sender it
// keeps the reference, what RFC 9293 §3.10.7.4 and RFC 5681 §3 say the
// sender's variables must be, and after each call it checks the sender
// against it.

// swRig drives a learner's sender and keeps, beside it, what RFC 9293
// §3.10.7.4 and RFC 5681 §3 say its variables must be: the reference the
// checks compare with. Each call is logged, so that a failure can show
// the whole exchange.
type swRig struct {
	c        *C
	s        SendWindowSender
	iss, irs seq.Num
	hint     string // the misconception behind a failure now, if the step names one
	log      strings.Builder
	clock    time.Duration // virtual time, from the first Tick

	// The reference.
	una, nxt, end seq.Num // SND.UNA, SND.NXT, and one past the last byte written
	wnd, cwnd     uint32  // SND.WND and cwnd, bytes
	wl1, wl2      seq.Num // SND.WL1, SND.WL2
	probing       bool    // a probe's byte is out
	probed        bool    // a probe has been sent

	// What the last ACKs did to SND.WND, for hints: the window an ACK
	// offered that the rules refused, and the window before an update
	// that only the SND.WL2 half of the rule allowed.
	refusedWnd, beforeWL2 uint32
	refused, byWL2        bool
}

// swNew makes a sender with impl and a rig around it.
func swNew(c *C, impl SendWindowImpl, iss, irs seq.Num, wnd uint32, rto time.Duration) *swRig {
	r := &swRig{c: c, s: impl.New(iss, irs, wnd, rto), iss: iss, irs: irs,
		una: iss + 1, nxt: iss + 1, end: iss + 1, wnd: wnd, cwnd: swNoCwnd, wl1: irs, wl2: iss + 1}
	fmt.Fprintf(&r.log, "  New(ISS=%d, IRS=%d, wnd=%d, rto=%v)\n", uint32(iss), uint32(irs), wnd, rto)
	return r
}

// fail reports a failure with the calls so far, and the rig's hint.
func (r *swRig) fail(hint, format string, args ...any) bool {
	r.c.Errorf("%s\nthe calls so far (numbers relative to ISS and IRS):\n%s", fmt.Sprintf(format, args...), r.history())
	if hint != "" {
		r.c.Hint("%s", hint)
	}
	if r.hint != "" {
		r.c.Hint("%s", r.hint)
	}
	return false
}

// history returns the calls so far, the last swShown of them.
func (r *swRig) history() string {
	const swShown = 40
	lines := strings.SplitAfter(strings.TrimSuffix(r.log.String(), "\n"), "\n")
	if len(lines) <= swShown {
		return strings.Join(lines, "") + "\n"
	}
	return fmt.Sprintf("  … (%d calls before)\n", len(lines)-swShown) + strings.Join(lines[len(lines)-swShown:], "") + "\n"
}

// ours and theirs write a sequence number relative to ISS or IRS.
func (r *swRig) ours(n seq.Num) string   { return swRel("ISS", n.Sub(r.iss)) }
func (r *swRig) theirs(n seq.Num) string { return swRel("IRS", n.Sub(r.irs)) }

func swRel(base string, d int32) string {
	if d < 0 {
		return fmt.Sprintf("%s%d", base, d)
	}
	return fmt.Sprintf("%s+%d", base, d)
}

func (r *swRig) write(n uint32) bool {
	r.s.Write(n)
	r.end = r.end.Add(n)
	fmt.Fprintf(&r.log, "  Write(%d)\n", n)
	return true
}

func (r *swRig) setCwnd(w uint32) bool {
	r.s.SetCwnd(w)
	r.cwnd = w
	fmt.Fprintf(&r.log, "  SetCwnd(%d)\n", w)
	return true
}

// inFlight is SND.NXT − SND.UNA, in bytes.
func (r *swRig) inFlight() uint32 { return r.una.Distance(r.nxt) }

// wantUsable is the reference's usable window.
func (r *swRig) wantUsable() uint32 {
	w := r.wnd
	if r.cwnd < w {
		w = r.cwnd
	}
	if f := r.inFlight(); f < w {
		return w - f
	}
	return 0
}

// usable checks Usable.
func (r *swRig) usable() bool {
	got, want := r.s.Usable(), r.wantUsable()
	fmt.Fprintf(&r.log, "  Usable() = %d\n", got)
	if got == want {
		return true
	}
	return r.fail(r.usableHint(got), "Usable() = %d, want %d: SND.WND %d, cwnd %d, in flight %d (SND.UNA %s, SND.NXT %s)",
		got, want, r.wnd, r.cwnd, r.inFlight(), r.ours(r.una), r.ours(r.nxt))
}

// usableHint recognises the usual wrong formulas in got.
func (r *swRig) usableHint(got uint32) string {
	f := r.inFlight()
	sub := func(a uint32) uint32 { // a − f, floored at 0
		if a > f {
			return a - f
		}
		return 0
	}
	minU := func(a, b uint32) uint32 {
		if a < b {
			return a
		}
		return b
	}
	with := func(wnd uint32) uint32 { // the usable window had SND.WND been wnd
		return sub(minU(wnd, r.cwnd))
	}
	switch {
	case r.refused && got == with(r.refusedWnd):
		return "that window came from a segment the rules refuse: an older one (SEG.SEQ before SND.WL1), or an ACK below SND.UNA; SND.WND changes only if SND.UNA =< SEG.ACK =< SND.NXT and (SND.WL1 < SEG.SEQ, or SND.WL1 = SEG.SEQ and SND.WL2 =< SEG.ACK) (RFC 9293 §3.10.7.4)"
	case r.byWL2 && got == with(r.beforeWL2):
		return "a segment with the same SEG.SEQ as the last window update is newer if its SEG.ACK is not older (SND.WL1 = SEG.SEQ and SND.WL2 =< SEG.ACK): a peer that sends no data updates its window that way, with every ACK (RFC 9293 §3.10.7.4)"
	case got > math.MaxInt32:
		return "the usable window went negative and wrapped: when in flight exceeds min(SND.WND, cwnd), usable is 0"
	case got == minU(sub(r.wnd), r.cwnd) || got == minU(r.wnd, sub(r.cwnd)):
		return "in-flight bytes count against both windows: usable = min(SND.WND, cwnd) − (SND.NXT − SND.UNA), not in flight subtracted from one window only"
	case r.cwnd != swNoCwnd && got == sub(r.wnd):
		return "cwnd limits the sender too: \"the minimum of cwnd and rwnd governs data transmission\" (RFC 5681 §3)"
	case got == sub(r.cwnd):
		return "the peer's window SND.WND limits the sender too: usable = min(SND.WND, cwnd) − in flight (RFC 9293 §3.8.6)"
	case got == minU(r.wnd, r.cwnd) && f > 0:
		return "the bytes in flight, SND.NXT − SND.UNA, are already using the window: subtract them"
	case r.probed && got+1 == r.wantUsable():
		return swHintRewind
	case r.probed && got < r.wantUsable():
		return "a probe is not a retransmission timeout: it leaves cwnd as it was, so once the window opens the sender goes on at the same pace"
	}
	return ""
}

// send checks Send: it must send from SND.NXT all it may, no more.
func (r *swRig) send() bool {
	want := r.wantUsable()
	if unsent := r.nxt.Distance(r.end); unsent < want {
		want = unsent
	}
	first, n := r.s.Send()
	fmt.Fprintf(&r.log, "  Send() = %s\n", r.sent(first, n))
	if n != want || (n > 0 && first != r.nxt) {
		hint := ""
		if n > 0 && first == r.nxt.Add(1) && r.una == r.nxt {
			hint = swHintRewind
		}
		return r.fail(hint, "Send() = %s, want %s: SND.WND %d, cwnd %d, in flight %d, %d bytes not yet sent",
			r.sent(first, n), r.sent(r.nxt, want), r.wnd, r.cwnd, r.inFlight(), r.nxt.Distance(r.end))
	}
	r.nxt = r.nxt.Add(n)
	return true
}

// sent writes what Send or Tick returned: "(ISS+1, 4000 bytes)", or
// "nothing".
func (r *swRig) sent(first seq.Num, n uint32) string {
	if n == 0 {
		return "nothing"
	}
	return fmt.Sprintf("(%s, %d bytes)", r.ours(first), n)
}

// ack delivers an ACK to both the learner's sender and the reference.
func (r *swRig) ack(segSeq, segAck seq.Num, segWnd uint32) bool {
	r.s.OnAck(segSeq, segAck, segWnd)
	fmt.Fprintf(&r.log, "  OnAck(seq=%s, ack=%s, wnd=%d)\n", r.theirs(segSeq), r.ours(segAck), segWnd)
	if segAck.GreaterThan(r.nxt) {
		return true // it acknowledges what was not sent: dropped
	}
	current := r.una.LessThanEq(segAck)
	if r.una.LessThan(segAck) {
		r.una = segAck
	}
	if current && (r.wl1.LessThan(segSeq) || (r.wl1 == segSeq && r.wl2.LessThanEq(segAck))) {
		r.beforeWL2, r.byWL2 = r.wnd, r.wl1 == segSeq
		r.wnd, r.wl1, r.wl2 = segWnd, segSeq, segAck
		r.refused = false
	} else if segWnd != r.wnd {
		r.refusedWnd, r.refused = segWnd, true
	}
	if current && r.probing {
		r.nxt, r.probing = r.una, false // a refused probe's byte goes again
	}
	return true
}

// tick lets d pass; it reports a probe, checked for its size and place.
func (r *swRig) tick(d time.Duration) (probe, ok bool) {
	first, n := r.s.Tick(d)
	r.clock += d
	if n == 0 {
		return false, true
	}
	fmt.Fprintf(&r.log, "  Tick(%v) at %v = %s: a probe\n", d, r.clock, r.sent(first, n))
	if n != 1 || first != r.una {
		hint := swHintProbeSize
		if n == 1 {
			hint = "a probe carries the first unacknowledged byte, at SND.UNA: while the window stays shut, every probe sends that same byte again, never the one after it"
		}
		return true, r.fail(hint, "a probe of %d bytes at %s, want 1 byte at SND.UNA = %s", n, r.ours(first), r.ours(r.una))
	}
	r.nxt, r.probing, r.probed = r.una.Add(1), true, true
	return true, true
}

// untilProbe lets time pass, swTick at a time, until a probe comes or max
// has passed; it returns how long that took.
func (r *swRig) untilProbe(max time.Duration) (time.Duration, bool) {
	for t := swTick; t <= max; t += swTick {
		probe, ok := r.tick(swTick)
		if !ok {
			return t, false
		}
		if probe {
			return t, true
		}
	}
	fmt.Fprintf(&r.log, "  Tick(%v) × %d: no probe in %v\n", swTick, int(max/swTick), max)
	return max, false
}

// probeAfter checks that the next probe comes after exactly d.
func (r *swRig) probeAfter(d time.Duration) bool {
	before := r.probed
	at, ok := r.untilProbe(d + swMaxPersist)
	switch {
	case !ok && r.c.Failed():
		return false
	case !ok:
		return r.fail(swHintNoProbe, "no probe came within %v; want one after %v", d+swMaxPersist, d)
	case at < d && before:
		return r.fail("the persist interval doubles after each probe: RTO, 2·RTO, 4·RTO, … up to 60 s (RFC 9293 §3.8.6.1: \"SHOULD increase exponentially\")",
			"a probe came after %v, want after %v", at, d)
	case at < d:
		return r.fail("the persist timer waits one RTO before the first probe: "+
			"RFC 9293 §3.8.6.1 probes \"when a zero window has existed for the retransmission timeout period\"",
			"a probe came after %v, want after %v", at, d)
	case at > d:
		return r.fail("", "the probe came after %v, want after %v", at, d)
	}
	return true
}

// probeWithin checks that a probe comes within max.
func (r *swRig) probeWithin(max time.Duration) bool {
	_, ok := r.untilProbe(max)
	if !ok && !r.c.Failed() {
		return r.fail(swHintNoProbe, "no probe came within %v", max)
	}
	return ok
}

// noProbe checks that no probe comes for d.
func (r *swRig) noProbe(d time.Duration) bool {
	at, ok := r.untilProbe(d)
	if !ok {
		return !r.c.Failed()
	}
	hint := swHintOpenProbe
	switch {
	case r.wnd > 0:
	case r.una == r.end:
		hint = "nothing waits to be sent (everything written is acknowledged): there is nothing to probe with, so no probe"
	case r.inFlight() > 0:
		hint = "while data is in flight its ACK will come (or the retransmission timer will act): the persist timer runs only when SND.UNA = SND.NXT"
	}
	return r.fail(hint, "a probe came after %v; want none: SND.WND %d, SND.UNA %s, SND.NXT %s, %d bytes not yet sent",
		at, r.wnd, r.ours(r.una), r.ours(r.nxt), r.nxt.Distance(r.end))
}

// random drives the sender with steps random calls, no time passing, and
// checks Usable and Send against the reference after each.
func (r *swRig) random(rnd *rand.Rand, steps int) {
	peer := r.irs + 1
	for i := 0; i < steps; i++ {
		switch rnd.IntN(6) {
		case 0:
			r.write(uint32(rnd.IntN(3000)))
		case 1:
			r.setCwnd(uint32(rnd.IntN(16000)))
		case 2:
			if !r.send() {
				return
			}
		default:
			segSeq := peer
			switch rnd.IntN(4) {
			case 0:
				peer = peer.Add(uint32(rnd.IntN(1000))) // the peer sent data
				segSeq = peer
			case 1:
				segSeq = peer - seq.Num(rnd.IntN(1000)) // an older segment, reordered
			}
			var segAck seq.Num
			switch rnd.IntN(4) {
			case 0:
				segAck = r.una - seq.Num(rnd.IntN(2000)) // old
			case 1:
				segAck = r.nxt + 1 + seq.Num(rnd.IntN(2000)) // not yet sent
			default:
				segAck = r.una.Add(uint32(rnd.Int64N(int64(r.inFlight()) + 1)))
			}
			r.ack(segSeq, segAck, uint32(rnd.IntN(12000)))
		}
		if !r.usable() {
			return
		}
	}
}
