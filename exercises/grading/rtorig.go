package grading

import (
	"fmt"
	"strings"
	"time"

	"github.com/tcpedu/tcpedu/tcpedu/seq"
	"github.com/tcpedu/tcpedu/tcpedu/tcp"
)

// This file holds the two rigs through which the suite of exercise 13
// (13-rto.go) drives a learner's estimator beside the reference of
// rtoref.go: rtoScript plays samples and backoffs (the arithmetic), and
// rtoKarn sends, retransmits and acknowledges segments (the timing, and
// Karn's rule). Both log every call, so that a failure can show them all.

// rtoScript plays ops on a new estimator and on the reference, and checks
// SRTT, RTTVAR and RTO after each; with G = 0 it checks the reference
// against the model's tcp.RTO too. It reports whether all went well.
func rtoScript(c *C, impl RTOImpl, minRTO, maxRTO, g time.Duration, ops []rtoOp) bool {
	e := impl.New(minRTO, maxRTO, g)
	right := newRTORef(rtoVariant{}, minRTO, maxRTO, g)
	wrong := make([]*rtoRef, len(rtoVariants))
	for i, v := range rtoVariants {
		wrong[i] = newRTORef(v, minRTO, maxRTO, g)
	}
	model := tcp.NewRTO(rtoInitial, minRTO, maxRTO)
	var log strings.Builder
	fmt.Fprintf(&log, "  New(minRTO=%v, maxRTO=%v, G=%v)\n", minRTO, maxRTO, g)
	for i := -1; i < len(ops); i++ {
		if i >= 0 {
			op := ops[i]
			if op.backoff {
				e.Backoff()
				model.Backoff()
				log.WriteString("  Backoff()")
			} else {
				e.Sample(op.sample)
				model.Sample(op.sample)
				fmt.Fprintf(&log, "  Sample(%v)", op.sample)
			}
			right.do(op)
			for _, w := range wrong {
				w.do(op)
			}
		}
		got := rtoState{e.SRTT(), e.RTTVAR(), e.RTO()}
		if g == 0 && !right.state().near(rtoState{model.SRTT, model.RTTVAR, model.RTO}) {
			panic(fmt.Sprintf("grading: bug: the suite's RFC 6298 arithmetic %v disagrees with the model's %v", right.state(), model))
		}
		if i >= 0 {
			fmt.Fprintf(&log, " → %v\n", got)
		}
		if want := right.state(); !got.near(want) {
			when := fmt.Sprintf("after %d call(s)", i+1)
			if i < 0 {
				when = "a new estimator shows"
			}
			c.Errorf("%s: %v; want %v\nthe calls so far:\n%s", when, got, want, log.String())
			for _, w := range wrong {
				if got.near(w.state()) {
					c.Hint("%s", w.v.hint)
					break
				}
			}
			if i < 0 {
				c.Hint("before any measurement RTO is 1 s (RFC 6298 §2.1), whatever the minimum and maximum, and SRTT and RTTVAR are 0")
			}
			return false
		}
	}
	return true
}

// rtoKarn drives the timing half of an estimator: segments sent, sent
// again and acknowledged, with the sample each ACK must give (or none).
type rtoKarn struct {
	c    *C
	e    RTOEstimator
	ref  *rtoRef // the arithmetic, fed the samples the script expects
	hint string  // the misconception behind a failure now, if the step names one
	log  strings.Builder
	srtt time.Duration // the reference's SRTT after the last call checked

	wrong []*rtoRef // the same samples and backoffs with the usual mistakes
}

// do feeds op to the reference and to its wrong variants.
func (k *rtoKarn) do(op rtoOp) {
	k.ref.do(op)
	for _, w := range k.wrong {
		w.do(op)
	}
}

func rtoKarnNew(c *C, impl RTOImpl, minRTO, maxRTO time.Duration) *rtoKarn {
	k := &rtoKarn{c: c, e: impl.New(minRTO, maxRTO, 0), ref: newRTORef(rtoVariant{}, minRTO, maxRTO, 0)}
	for _, v := range rtoVariants {
		k.wrong = append(k.wrong, newRTORef(v, minRTO, maxRTO, 0))
	}
	fmt.Fprintf(&k.log, "  New(minRTO=%v, maxRTO=%v, G=0)\n", minRTO, maxRTO)
	return k
}

func (k *rtoKarn) send(end seq.Num, now time.Duration) bool {
	k.e.OnSend(end, now)
	fmt.Fprintf(&k.log, "  at %v: OnSend(end=%d)\n", now, uint32(end))
	return true
}

func (k *rtoKarn) retransmit() bool {
	k.e.OnRetransmit()
	k.log.WriteString("  OnRetransmit()\n")
	return true
}

func (k *rtoKarn) backoff() bool {
	k.e.Backoff()
	k.do(rtoB)
	k.log.WriteString("  Backoff()\n")
	return k.check("Backoff()", 0)
}

// ack delivers an ACK; sample is the round trip it must measure, or 0
// for none.
func (k *rtoKarn) ack(ack seq.Num, now, sample time.Duration) bool {
	k.e.OnAck(ack, now)
	if sample > 0 {
		k.do(rtoS(sample))
	}
	fmt.Fprintf(&k.log, "  at %v: OnAck(%d)", now, uint32(ack))
	return k.check(fmt.Sprintf("OnAck(%d) at %v", uint32(ack), now), sample)
}

// check compares the estimator with the reference after call.
func (k *rtoKarn) check(call string, sample time.Duration) bool {
	got, want := rtoState{k.e.SRTT(), k.e.RTTVAR(), k.e.RTO()}, k.ref.state()
	before := k.srtt // SRTT before this call
	k.srtt = want.srtt
	if strings.HasPrefix(call, "OnAck") {
		fmt.Fprintf(&k.log, " → %v\n", got)
	}
	if got.near(want) {
		return true
	}
	took := "no sample"
	if sample > 0 {
		took = fmt.Sprintf("a sample of %v", sample)
	}
	k.c.Errorf("after %s (which should give %s): %v; want %v\nthe calls so far:\n%s", call, took, got, want, k.log.String())
	if k.hint != "" {
		k.c.Hint("%s", k.hint)
	}
	for _, w := range k.wrong {
		if got.near(w.state()) {
			k.c.Hint("%s", w.v.hint)
		}
	}
	switch {
	case sample == 0 && strings.HasPrefix(call, "OnAck") && got.srtt != want.srtt:
		k.c.Hint("that ACK must give no sample: either the segment it covers was sent again (Karn's rule, RFC 6298 §3), or it does not cover the segment being timed, or that segment was not timed because another measurement was running")
	case sample == 0 && got.srtt == want.srtt && got.rto != want.rto:
		k.c.Hint("an ACK without a sample leaves RTO as it is: after a backoff, the doubled RTO stays until a new valid measurement (RFC 6298 §5.5 with Karn's rule)")
	case sample > 0 && got.srtt == before:
		k.c.Hint("that ACK covers the segment being timed, which was sent only once: it must give a sample of now minus the time it was sent (RFC 6298 §3 rules out only retransmitted segments)")
	}
	return false
}
