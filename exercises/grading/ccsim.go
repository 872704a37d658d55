package grading

import (
	"fmt"
	"math"
	"time"

	"github.com/tcpedu/tcpedu/tcpedu/bulk"
	"github.com/tcpedu/tcpedu/tcpedu/cc"
)

// This file runs a learner's congestion control in the real simulator
// (bulk.Config.NewCC) and compares the transfer with the model's
// (bulk.FirstDivergence), for the suites of exercises 14 to 16 (the
// harness is in ccharness.go).

// ccPath is a transfer on the simulator that the learner's algorithm must
// send exactly as the model's does.
type ccPath struct {
	what string
	cfg  bulk.Config
}

// bulkCompare runs p twice, once with the model's variant and once with
// the learner's algorithm driving the real sender (bulk.Config.NewCC), and
// fails if the two sent different data segments or sent them at different
// times. The learner's algorithm runs inside a ccShadow, which plays every
// event on a model too, to name the first decision that differed.
func (u ccUnder) bulkCompare(c *C, p ccPath) {
	cfg := p.cfg
	cfg.CC, cfg.Capture, cfg.Trace = u.variant, true, true
	ref, err := bulk.Run(cfg)
	if err != nil {
		panic("grading: " + err.Error())
	}
	var shadow *ccShadow
	cfg.NewCC = func(ccfg cc.Config) cc.Algorithm {
		shadow = &ccShadow{under: u, alg: u.start(c, ccfg), ref: u.model(ccfg), mss: ccfg.MSS}
		return shadow
	}
	got, err := bulk.Run(cfg)
	if err != nil {
		panic("grading: " + err.Error())
	}
	d, differ := bulk.FirstDivergence(ref, got)
	if !differ {
		return
	}
	at := time.Duration(math.MaxInt64)
	for _, s := range []*bulk.DataSegment{d.Ref, d.Got} {
		if s != nil && s.At < at {
			at = s.At
		}
	}
	msg := fmt.Sprintf("bulk.Run with %s, %v simulated: your %s and the model's diverge: %s.\n  At %.6f s the model had %s; yours had %s.",
		p.what, cfg.Duration, u.title, d, at.Seconds(), ccTraceAt(ref.Trace, at), ccTraceAt(got.Trace, at))
	if shadow != nil && shadow.first != "" {
		msg += "\n  The first event your algorithm answered differently: " + shadow.first
		if shadow.hint != "" {
			c.Hint("%s", shadow.hint)
		}
	}
	c.Errorf("%s", msg)
}

// ccTraceAt describes the sender's state at t: the last trace sample at
// or before it.
func ccTraceAt(trace []bulk.Sample, t time.Duration) string {
	var s *bulk.Sample
	for i := range trace {
		if trace[i].At > t {
			break
		}
		s = &trace[i]
	}
	if s == nil {
		return "no state yet"
	}
	st := ccState{cwnd: s.Cwnd, ssthresh: s.Ssthresh, phase: s.Phase}
	return st.format(0) + fmt.Sprintf(", %d bytes in flight", s.InFlight)
}

// ccShadow is the learner's algorithm as the simulator sees it, with a
// model beside it that is told the same events: the first event after
// which the two differ is recorded, with its diagnosis. The sender only
// ever sees the learner's answers.
type ccShadow struct {
	under    ccUnder
	alg, ref cc.Algorithm
	mss      int
	events   int
	first    string // the first event answered differently, described; "" while they agree
	hint     string
}

func (s *ccShadow) Name() string                { return s.alg.Name() }
func (s *ccShadow) Cwnd() int                   { return s.alg.Cwnd() }
func (s *ccShadow) Ssthresh() int               { return s.alg.Ssthresh() }
func (s *ccShadow) Phase() cc.Phase             { return s.alg.Phase() }
func (s *ccShadow) OnAck(a cc.Ack) cc.Action    { return s.event(ccEvent{kind: ccOnAck, a: a}) }
func (s *ccShadow) OnDupAck(a cc.Ack) cc.Action { return s.event(ccEvent{kind: ccOnDupAck, a: a}) }
func (s *ccShadow) OnTimeout(a cc.Ack)          { s.event(ccEvent{kind: ccOnTimeout, a: a}) }

func (s *ccShadow) event(e ccEvent) cc.Action {
	s.events++
	before := ccStateOf(s.ref, cc.Action{})
	got := e.apply(s.alg)
	if s.first == "" {
		want := e.apply(s.ref)
		if !got.same(want) {
			s.first = fmt.Sprintf("event %d, %s\n    → yours:  %s\n      wanted: %s", s.events, e, got.format(s.mss), want.format(s.mss))
			s.hint = s.under.diagnose(e, before, got, want, s.mss)
		}
	}
	return got.act
}
