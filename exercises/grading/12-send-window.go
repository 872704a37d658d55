package grading

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/tcpedu/tcpedu/tcpedu/seq"
)

// SendWindowSender is exercise 12's sender as the suite drives it: how
// much it may send (RFC 5681 §3, RFC 9293 §3.8.6), which ACKs may change
// the peer's window (RFC 9293 §3.10.7.4), and the persist timer that
// probes a zero window (RFC 9293 §3.8.6.1). Counts are bytes.
type SendWindowSender interface {
	SetCwnd(cwnd uint32)                                  // congestion control's window
	Write(n uint32)                                       // the application queues n more bytes
	Usable() uint32                                       // min(SND.WND, cwnd) − (SND.NXT − SND.UNA), never below 0
	Send() (first seq.Num, n uint32)                      // send new data as far as the windows allow
	OnAck(segSeq, segAck seq.Num, segWnd uint32)          // an ACK arrives
	Tick(elapsed time.Duration) (first seq.Num, n uint32) // time passes; a probe, if the persist timer fires
}

// SendWindowImpl is exercise 12's code under test.
type SendWindowImpl struct {
	// New returns a sender just after the handshake: our SYN (at iss) and
	// the peer's (at irs) are acknowledged, the SYN,ACK offered a window
	// of wnd bytes, and the retransmission timeout is rto.
	New func(iss, irs seq.Num, wnd uint32, rto time.Duration) SendWindowSender
}

// SendWindow grades exercise 12 with impl.
func SendWindow(t *testing.T, impl SendWindowImpl) { Run(t, "12-send-window", swChecks(impl)) }

func init() {
	register(Exercise{ID: "12-send-window", Title: "The send window and zero-window probes (RFC 9293 §3.8.6)", File: "sendwindow.go",
		Checks: swChecks(SendWindowImpl{})})
}

const (
	// swMaxPersist is the longest interval between zero-window probes: the
	// model's maxPersist (tcpedu/tcp/flow.go, unexported there), BSD's
	// TCPTV_PERSMAX.
	swMaxPersist = 60 * time.Second
	swRTO        = time.Second            // the RTO the scripts give, unless they say otherwise
	swTick       = 250 * time.Millisecond // how finely the scripts let time pass
	swNoCwnd     = math.MaxUint32         // cwnd before SetCwnd: no limit
)

// Hints shared by several checks of exercise 12.
const (
	swHintWrap      = "sequence numbers wrap: compare SEG.ACK with SND.UNA and SND.NXT, and SEG.SEQ with SND.WL1, through seq.Num's LessThan, LessThanEq or InRange, never with < or >; bytes in flight are SND.UNA.Distance(SND.NXT)"
	swHintNoProbe   = "with a zero window, data waiting and nothing in flight, no ACK will ever come by itself: the persist timer must fire after one RTO and send a 1-byte probe (RFC 9293 §3.8.6.1, RFC 1122 §4.2.2.17)"
	swHintProbeSize = "a zero-window probe carries exactly one byte, the first one not acknowledged, at SND.UNA: a bigger probe would be new data the receiver has no room for (RFC 9293 §3.8.6.1: \"at least one octet of new data\"; the model and BSD send one)"
	swHintOpenProbe = "probe only a zero window: when SND.WND > 0 nothing needs probing (the ACKs of data in flight will come), and with nothing to send there is nothing to probe with"
	swHintRewind    = "a probe's byte that the receiver refused (the ACK answering it does not cover it) goes again: SND.NXT goes back to SND.UNA, so the byte is neither skipped nor counted as in flight"
)

func swChecks(impl SendWindowImpl) []Check {
	iss, irs := hsClientISN, hsServerISN
	return []Check{{
		Name: "takes in-flight data from the smaller window",
		Hint: "usable = min(SND.WND, cwnd) − (SND.NXT − SND.UNA): the bytes in flight count against whichever window is smaller (RFC 5681 §3, RFC 9293 §3.8.6)",
		Run: func(c *C) {
			r := swNew(c, impl, iss, irs, 10000, swRTO)
			r.setCwnd(4000)
			r.write(20000)
			_ = r.usable() && r.send() && r.usable() &&
				r.ack(irs+1+100, iss+1+1000, 10000) && r.usable() &&
				r.setCwnd(20000) && r.usable() && r.send() && r.usable() &&
				r.ack(irs+1+200, iss+1+5000, 6000) && r.usable() && r.send() && r.usable()
		},
	}, {
		Name: "never lets the usable window go below zero",
		Hint: "when a window shrinks below what is in flight, the usable window is 0; in uint32 arithmetic min(SND.WND, cwnd) − in flight wraps to about 4 billion instead",
		Run: func(c *C) {
			r := swNew(c, impl, iss, irs, 8000, swRTO)
			r.write(20000)
			_ = r.send() && r.ack(irs+1+100, iss+1+1000, 2000) && r.usable() && r.send() &&
				r.setCwnd(3000) && r.ack(irs+1+200, iss+1+2000, 50000) && r.usable() && r.send() &&
				r.setCwnd(9000) && r.usable() && r.send() && r.usable()
		},
	}, {
		Name: "counts the window across the wrap",
		Hint: swHintWrap,
		Run: func(c *C) {
			// Both sides' numbers cross 2^32 on the way: ours after 2000
			// bytes, the peer's after 100.
			wiss, wirs := hsLastNum-2000, hsLastNum-100
			r := swNew(c, impl, wiss, wirs, 6000, swRTO)
			r.hint = swHintWrap
			r.write(30000)
			_ = r.send() && r.ack(wirs+1, wiss+1+3000, 6000) && r.usable() && r.send() &&
				r.ack(wirs+1+500, wiss+1+7000, 9000) && r.usable() && r.send() &&
				r.ack(wirs+1+400, wiss+1+9000, 0) && r.usable() && r.send() && r.usable()
		},
	}, {
		Name: "updates the window only from a newer segment",
		Hint: "take SND.WND from an ACK only if SND.UNA =< SEG.ACK =< SND.NXT and the segment is newer than the last update: SND.WL1 < SEG.SEQ, or SND.WL1 = SEG.SEQ and SND.WL2 =< SEG.ACK (RFC 9293 §3.10.7.4, fifth check)",
		Run: func(c *C) {
			r := swNew(c, impl, iss, irs, 8000, swRTO)
			r.write(4000)
			if !(r.send() && r.ack(irs+1+500, iss+1+1000, 6000) && r.usable()) {
				return
			}
			r.hint = "a window from an older segment (SEG.SEQ before SND.WL1) is stale, even with the same SEG.ACK: segments can be reordered, and taking its window would move the window backwards (RFC 9293 §3.10.7.4 SND.WL1 rule)"
			if !(r.ack(irs+1, iss+1+1000, 0) && r.usable()) {
				return
			}
			r.hint = "an ACK below SND.UNA is old: neither SND.UNA nor SND.WND may take anything from it, whatever its SEG.SEQ (the window is updated only if SND.UNA =< SEG.ACK =< SND.NXT)"
			if !(r.ack(irs+1+600, iss+1+500, 100) && r.usable()) {
				return
			}
			r.hint = "a newer segment's window is taken even when it is smaller: SND.WL1 = SEG.SEQ and SND.WL2 =< SEG.ACK is newer"
			if !(r.ack(irs+1+500, iss+1+2000, 2000) && r.usable() && r.write(16000) && r.send()) {
				return
			}
			r.hint = "a window update (the same SEG.SEQ and SEG.ACK, a new window) is newer: SND.WL1 = SEG.SEQ and SND.WL2 =< SEG.ACK; take it"
			if !(r.ack(irs+1+500, iss+1+2000, 5000) && r.usable()) {
				return
			}
			r.hint = "an ACK of bytes not yet sent (SEG.ACK > SND.NXT) is dropped whole: its SEG.ACK and its window are both ignored (RFC 9293 §3.10.7.4, fifth check)"
			_ = r.ack(irs+1+500, iss+1+9000, 50000) && r.usable() && r.send() && r.usable()
		},
	}, {
		Name: "agrees with the RFC arithmetic on random traffic",
		Hint: "check each rule on its own: SND.UNA moves only for SND.UNA < SEG.ACK =< SND.NXT, SND.WND only by the SND.WL1/SND.WL2 rule, and usable = min(SND.WND, cwnd) − in flight, floored at 0",
		Run: func(c *C) {
			rnd := rand.New(rand.NewPCG(5681, 12))
			for walk := 0; walk < 40 && !c.Failed(); walk++ {
				wiss, wirs := seq.Num(rnd.Uint32()), seq.Num(rnd.Uint32())
				if walk%2 == 0 { // numbers that will cross 2^32 on the way
					wiss, wirs = hsLastNum-seq.Num(rnd.IntN(60000)), hsLastNum-seq.Num(rnd.IntN(20000))
				}
				r := swNew(c, impl, wiss, wirs, uint32(rnd.IntN(20000)), swRTO)
				r.random(rnd, 100)
			}
		},
	}, {
		Name: "probes a zero window after one RTO",
		Hint: swHintNoProbe,
		Run: func(c *C) {
			const rto = 1500 * time.Millisecond
			r := swNew(c, impl, iss, irs, 4000, rto)
			r.write(6000)
			if !(r.send() && r.ack(irs+1, iss+1+4000, 0) && r.usable()) {
				return
			}
			if !r.probeAfter(rto) || !r.usable() || !r.ack(irs+1, iss+1+4000, 0) {
				return
			}
			// The answer to this probe is lost: the next one sends the same
			// byte again, at SND.UNA, not the byte after it.
			_ = r.probeAfter(2*rto) && r.usable() && r.probeAfter(4*rto) && r.usable()
		},
	}, {
		Name: "backs off the persist timer up to a minute",
		Hint: "after each probe double the persist interval: RTO, 2·RTO, 4·RTO, … (RFC 9293 §3.8.6.1: \"SHOULD increase exponentially\"), but never beyond 60 s (the model's maxPersist in tcpedu/tcp/flow.go, BSD's TCPTV_PERSMAX)",
		Run: func(c *C) {
			for _, rto := range []time.Duration{time.Second, 3 * time.Second} {
				r := swNew(c, impl, iss, irs, 3000, rto)
				r.write(5000)
				if !(r.send() && r.ack(irs+1, iss+1+3000, 0)) {
					return
				}
				var want []time.Duration
				for d := rto; len(want) < 9; d *= 2 {
					if d > swMaxPersist {
						d = swMaxPersist
					}
					want = append(want, d)
				}
				var got []time.Duration
				for range want {
					at, ok := r.untilProbe(3 * swMaxPersist)
					if !ok {
						break
					}
					got = append(got, at)
					if !r.ack(irs+1, iss+1+3000, 0) {
						return
					}
				}
				if len(got) == len(want) && fmt.Sprint(got) == fmt.Sprint(want) {
					continue
				}
				c.Errorf("with RTO %v the probes came %v apart, want %v\nthe calls so far:\n%s", rto, got, want, r.history())
				switch {
				case len(got) > 2 && got[1] == got[0] && got[2] == got[0]:
					c.Hint("the persist interval never grows: double it after each probe (RFC 9293 §3.8.6.1, RFC 1122 §4.2.2.17), as the model's persistTimeout does")
				case len(got) > 0 && got[len(got)-1] > swMaxPersist:
					c.Hint("the persist interval doubles up to 60 s and stays there (the model's maxPersist, BSD's TCPTV_PERSMAX): a cap keeps a long-closed window probed at least once a minute")
				case len(got) < len(want):
					c.Hint("the persist timer stopped: while the window stays zero and data waits, it keeps firing, re-armed after every probe")
				}
				return
			}
		},
	}, {
		Name: "stops probing when the window opens",
		Hint: "an ACK that opens the window (SND.WND > 0) stops the persist timer and undoes its backoff; sending then starts again at SND.UNA",
		Run: func(c *C) {
			r := swNew(c, impl, iss, irs, 3000, swRTO)
			r.write(5000)
			if !(r.send() && r.ack(irs+1, iss+1+3000, 0) && r.probeAfter(swRTO) && r.ack(irs+1, iss+1+3000, 0) &&
				r.probeAfter(2*swRTO)) {
				return
			}
			// The answer to the second probe is lost; the window update
			// that follows does not cover the probe's byte.
			r.hint = swHintRewind
			if !(r.ack(irs+1, iss+1+3000, 4000) && r.usable() && r.send()) {
				return
			}
			r.hint = "once the window is open, no probe: the persist timer stops"
			if !r.noProbe(10 * swMaxPersist) {
				return
			}
			// All acknowledged, the window shut again, more to send: the
			// backoff has started over, so the first probe is one RTO away.
			r.hint = "the backoff starts over once the window has opened: the next zero window is probed after one RTO again"
			_ = r.ack(irs+1, iss+1+5000, 0) && r.write(1000) && r.probeAfter(swRTO)
		},
	}, {
		Name: "does not probe an open window or an empty queue",
		Hint: swHintOpenProbe,
		Run: func(c *C) {
			r := swNew(c, impl, iss, irs, 3000, swRTO)
			r.write(3000)
			r.hint = "nothing waits to be sent (everything written is acknowledged): there is nothing to probe with, so no probe"
			if !(r.send() && r.ack(irs+1, iss+1+3000, 0) && r.noProbe(10*swMaxPersist)) {
				return
			}
			r.hint = "data written while the window is zero and nothing is in flight starts the persist timer: the first probe comes one RTO later"
			if !(r.write(2000) && r.probeAfter(swRTO) && r.ack(irs+1, iss+1+3001, 8000)) {
				return
			}
			r.hint = "the window is open and cwnd is what limits: the ACKs of the data in flight will come, so no probe"
			if !(r.setCwnd(1000) && r.send() && r.usable() && r.noProbe(10*swMaxPersist)) {
				return
			}
			r.hint = "while data is in flight it is the retransmission timer's job, not the persist timer's: probe only when SND.UNA = SND.NXT"
			if !(r.ack(irs+1, iss+1+3001, 0) && r.usable() && r.noProbe(10*swMaxPersist)) {
				return
			}
			r.hint = swHintNoProbe
			_ = r.ack(irs+1, iss+1+4001, 0) && r.probeAfter(swRTO)
		},
	}, {
		Name: "sends on after a probe is taken, cwnd unchanged",
		Hint: "a probe is not a retransmission timeout: it leaves cwnd alone; and an ACK that covers the probe's byte moves SND.UNA past it like any other",
		Run: func(c *C) {
			r := swNew(c, impl, iss, irs, 4000, swRTO)
			r.setCwnd(5000)
			r.write(20000)
			_ = r.send() && r.ack(irs+1, iss+1+4000, 0) &&
				r.probeAfter(swRTO) && r.ack(irs+1, iss+1+4000, 0) &&
				r.probeAfter(2*swRTO) && r.ack(irs+1, iss+1+4001, 0) && r.usable() &&
				r.probeWithin(10*swMaxPersist) && r.ack(irs+1, iss+1+4002, 9000) && r.usable() && r.send() &&
				r.usable() && r.noProbe(10*swMaxPersist)
		},
	}}
}
