package grading

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/tcpedu/tcpedu/tcpedu/arq"
	"github.com/tcpedu/tcpedu/tcpedu/seq"
)

// GoBackNImpl is exercise 07's code under test: the sending half of
// Go-Back-N, built as arq.Config.NewSender builds it. It runs against the
// model's Go-Back-N receiver.
type GoBackNImpl struct {
	NewSender func(env *arq.Env, p arq.Params) arq.SenderEndpoint
}

// GoBackN grades exercise 07 with impl.
func GoBackN(t *testing.T, impl GoBackNImpl) { Run(t, "07-go-back-n", goBackNChecks(impl)) }

func init() {
	register(Exercise{ID: "07-go-back-n", Title: "Go-Back-N: the sender", File: "gobackn.go",
		Checks: goBackNChecks(GoBackNImpl{})})
}

func goBackNChecks(impl GoBackNImpl) []Check {
	sender := arqHalves{who: "your sender, with the model's receiver", snd: impl.NewSender, hints: goBackNHints}
	return []Check{{
		Name: "fills the window and no more",
		Hint: "send while fewer than N segments are outstanding (SND.NXT − SND.UNA < N·Size), at Start and after every ACK that moves SND.UNA",
		Run: func(c *C) {
			for _, cfg := range []arq.Config{
				{Protocol: arq.GoBackN, Window: 4, Segments: 12},
				{Protocol: arq.GoBackN, Window: 1, Segments: 4},
				{Protocol: arq.GoBackN, Window: 8, Segments: 5},
				{Protocol: arq.GoBackN, Window: 8, Segments: 30},
			} {
				yours, model := arqVersus(c, cfg, sender, "")
				if n, at := arqMaxOutstanding(yours); n > cfg.Window {
					c.Errorf("arq.Run(%s) with %s: at %s the sender sent #%d, making %d segments in flight, want %d at most",
						arqCase(cfg, ""), sender.who, arqMs(at.At), arqIndex(yours, at), n, cfg.Window)
					c.Hint("never more than N segments outstanding: before each new segment, check that SND.NXT − SND.UNA < N·Size")
				}
				if got, want := arqSentAt(yours, 0), arqSentAt(model, 0); got < want {
					c.Errorf("arq.Run(%s) with %s: Start sent %d segments, want %d: a whole window at once", arqCase(cfg, ""), sender.who, got, want)
					c.Hint("Start fills the window: send segments until N are outstanding (or none is left), without waiting for ACKs")
				}
				if !arqMatches(c, sender, cfg, "", yours, model) {
					return
				}
			}
		},
	}, {
		Name: "slides the window on a cumulative ACK",
		Hint: "an ACK asking for #k acknowledges every segment before #k (RFC 9293 §3.4): set SND.UNA to it, however far it moves, and fill the room it makes",
		Run: func(c *C) {
			for _, cfg := range []arq.Config{
				{Protocol: arq.GoBackN, Window: 4, Segments: 8, DropACKs: []int{2, 3}},
				{Protocol: arq.GoBackN, Window: 4, Segments: 10, DropACKs: []int{3, 4, 5}},
			} {
				yours, model := arqVersus(c, cfg, sender, "")
				if got := arqResent(yours); len(got) > 0 {
					c.Errorf("arq.Run(%s) with %s: segments retransmitted %s, want none: the ACKs after the lost ones acknowledge everything below them",
						arqCase(cfg, ""), sender.who, arqList(got))
				}
				if !arqMatches(c, sender, cfg, "", yours, model) {
					return
				}
			}
		},
	}, {
		Name: "goes back N on a timeout",
		Hint: "when the timer expires, resend every outstanding segment, from SND.UNA up to SND.NXT, in order, with env.Retransmit: the receiver threw away everything after the gap",
		Run: func(c *C) {
			for _, cfg := range []arq.Config{
				{Protocol: arq.GoBackN, Window: 5, Segments: 5, DropSegments: []int{3}},
				{Protocol: arq.GoBackN, Window: 4, Segments: 12, DropSegments: []int{6}},
				{Protocol: arq.GoBackN, Window: 4, Segments: 6, DropSegments: []int{2, 3}},
			} {
				yours, model := arqVersus(c, cfg, sender, "")
				if got, want := arqResent(yours), arqResent(model); !arqSameInts(got, want) {
					c.Errorf("arq.Run(%s) with %s: segments retransmitted %s, want %s", arqCase(cfg, ""), sender.who, arqList(got), arqList(want))
				}
				if !arqMatches(c, sender, cfg, "", yours, model) {
					return
				}
			}
		},
	}, {
		Name: "runs one timer as RFC 6298 says",
		Hint: "one timer for the oldest outstanding segment (RFC 6298 §5): start it on sending if it is not running, restart it when an ACK acknowledges new data, leave it alone on a duplicate ACK, stop it when nothing is outstanding",
		Run: func(c *C) {
			// A scripted exchange: the timer's every rule, with the
			// model's sender as the oracle.
			p := arq.Params{Numbering: arq.Numbering{ISS: 1000, IRS: 5000, Size: 100}, Window: 3, Segments: 6, RTO: 100 * time.Millisecond}
			script := []arqAckStep{
				{at: 40 * time.Millisecond, ask: 2, what: "new data: the timer restarts, RFC 6298 §5.3"},
				{at: 60 * time.Millisecond, ask: 2, what: "a duplicate: the timer runs on"},
				{at: 165 * time.Millisecond, ask: 5, what: "new data after the timeout"},
				{at: 185 * time.Millisecond, ask: 7, what: "everything: the timer stops, RFC 6298 §5.2"},
				{at: time.Second},
			}
			yours := arqPlaySender(impl.NewSender, p, script)
			model := arqPlaySender(arq.NewGoBackNSender, p, script)
			if d, ok := arqSameScript(c, "your sender, with ACKs played to it by hand (window 3, 6 segments, RTO 100 ms)", yours, model); !ok {
				goBackNTimerHints(c, arqSteps(yours), d)
			}
			// The same on the harness: a long transfer with one loss late
			// in it, where a timer restarted on every ACK, or never,
			// expires at the wrong moment.
			for _, cfg := range []arq.Config{
				{Protocol: arq.GoBackN, Window: 4, Segments: 6, DropSegments: []int{1}},
				{Protocol: arq.GoBackN, Window: 8, Segments: 40, DropSegments: []int{20}},
				{Protocol: arq.GoBackN, Window: 4, Segments: 60},
			} {
				res, model := arqVersus(c, cfg, sender, "")
				if !arqMatches(c, sender, cfg, "", res, model) {
					return
				}
			}
		},
	}, {
		Name: "ignores ACKs that acknowledge nothing new",
		Hint: "only an ACK with SND.UNA < SEG.ACK =< SND.NXT acknowledges anything (RFC 9293 §3.10.7.4); a duplicate (= SND.UNA), an older one (< SND.UNA) and one for data never sent (> SND.NXT) change nothing",
		Run: func(c *C) {
			// By hand, across 2^32: #1 starts 300 bytes below it and #4 at
			// 0. Each ACK that must change nothing is followed by a
			// timeout, which shows what the sender made of it.
			p := arq.Params{Numbering: arq.Numbering{ISS: seq.Num(1<<32 - 301), IRS: 77, Size: 100}, Window: 4, Segments: 8, RTO: 100 * time.Millisecond}
			script := []arqAckStep{
				{at: 10 * time.Millisecond, ask: 3, what: "acknowledges #1 and #2",
					hint: "the ACK asking for #3 acknowledges #1 and #2 at once; here SND.NXT has wrapped past 2^32 (it is 100, SEG.ACK 4294967196), so SEG.ACK =< SND.NXT holds in sequence space though not as plain numbers: compare with seq.Num's LessThan and LessThanEq"},
				{at: 20 * time.Millisecond, ask: 2, what: "an old ACK, older than SND.UNA",
					hint: "an ACK older than SND.UNA (SEG.ACK < SND.UNA), overtaken by a newer one, acknowledges nothing: ignore it, rather than move SND.UNA back or restart the timer"},
				{at: 130 * time.Millisecond, ask: 3, what: "a duplicate, equal to SND.UNA",
					hint: "an ACK equal to SND.UNA is a duplicate: it acknowledges nothing, makes no room and leaves the timer alone"},
				{at: 140 * time.Millisecond, ask: 9, what: "for data never sent, beyond SND.NXT",
					hint: "an ACK beyond SND.NXT acknowledges data never sent: ignore it (RFC 9293 §3.10.7.4); only SND.UNA < SEG.ACK =< SND.NXT moves SND.UNA"},
				{at: 220 * time.Millisecond, ask: 5, what: "acknowledges #3 and #4, across 2^32",
					hint: "#4 ends at sequence number 100, past 2^32, while SND.UNA is 4294967196: SEG.ACK comes after SND.UNA in sequence space though not as a plain number; compare with seq.Num's LessThan and LessThanEq"},
				{at: 400 * time.Millisecond},
			}
			yours := arqPlaySender(impl.NewSender, p, script)
			model := arqPlaySender(arq.NewGoBackNSender, p, script)
			if d, ok := arqSameScript(c, "your sender, with ACKs played to it by hand (window 4, 8 segments of 100 bytes, RTO 100 ms; ISS 2^32−301, so #1 starts at 4294966996 and #4 at 0; the log shows sequence numbers relative to ISS)", yours, model); !ok {
				arqScriptHint(c, script, d)
			}
			// On the harness: ACKs duplicated and reordered on the way.
			for seed := uint64(1); seed <= 8 && !c.Failed(); seed++ {
				r := rand.New(rand.NewPCG(seed, 7))
				cfg := arq.Config{Protocol: arq.GoBackN, Window: 2 + r.IntN(8), Segments: 30, Seed: seed}
				cfg.Reverse.Duplicate, cfg.Reverse.Reorder = 0.3, 0.3
				cfg.Reverse.ReorderDelay = time.Duration(1+r.IntN(5)) * time.Millisecond
				cfg.Forward.Loss = 0.05
				yours, model := arqVersus(c, cfg, sender, "ACKs duplicated and reordered")
				arqMatches(c, sender, cfg, "ACKs duplicated and reordered", yours, model)
			}
		},
	}, {
		Name: "handles sequence numbers that wrap",
		Hint: "sequence numbers wrap: compare them with seq.Num's LessThan, LessThanEq and Distance, never with < on the raw numbers",
		Run: func(c *C) {
			for _, cfg := range []arq.Config{
				{Protocol: arq.GoBackN, Window: 4, Segments: 10, DropSegments: []int{4}, Seed: arqWrapSeed},
				{Protocol: arq.GoBackN, Window: 3, Segments: 10, DropACKs: []int{5, 6}, Seed: arqWrapSeed},
			} {
				const wraps = "the numbers wrap past 2^32 inside #4"
				yours, model := arqVersus(c, cfg, sender, wraps)
				if !arqWrapsIn(model.Trace.Numbering, 4) {
					c.Fatalf("grading: seed %d no longer puts 2^32 inside #4 (ISS %v): tell the course staff", cfg.Seed, model.Trace.Numbering.ISS)
				}
				if !arqSame(yours, model) {
					// The same run where the numbers do not wrap: if that
					// one is right, the wrap is what went wrong.
					plain := cfg
					plain.Seed = 1
					if y, m := arqVersus(c, plain, sender, ""); arqSame(y, m) {
						c.Hint("the same run without the wrap is right, so the wrap is what goes wrong: compare sequence numbers with seq.Num's LessThan, LessThanEq and Distance, never with < on the raw numbers")
					}
				}
				if !arqMatches(c, sender, cfg, wraps, yours, model) {
					return
				}
			}
		},
	}, {
		Name: "recovers from random faults as the model does",
		Hint: "every rule at once: window limit, cumulative ACKs, one timer restarted on new data, go back N on a timeout, duplicates and old ACKs ignored",
		Run: func(c *C) {
			for seed := uint64(1); seed <= 15; seed++ {
				r := rand.New(rand.NewPCG(seed, 70))
				cfg := arq.Config{Protocol: arq.GoBackN, Window: 1 + r.IntN(12), Size: 1 + r.IntN(1460), Segments: 20 + r.IntN(30), Seed: seed}
				cfg.Forward = arqRandomFaults(r, arq.DefaultDelay)
				cfg.Reverse = arqRandomFaults(r, arq.DefaultDelay)
				yours, model := arqVersus(c, cfg, sender, "random faults")
				if yours.Transmissions != model.Transmissions || yours.Retransmissions != model.Retransmissions || yours.Timeouts != model.Timeouts {
					c.Errorf("arq.Run(%s) with %s: %d transmissions, %d retransmissions, %d timeouts; the model's Go-Back-N made %d, %d and %d",
						arqCase(cfg, "random faults"), sender.who, yours.Transmissions, yours.Retransmissions, yours.Timeouts,
						model.Transmissions, model.Retransmissions, model.Timeouts)
				}
				if !arqMatches(c, sender, cfg, "random faults", yours, model) {
					return
				}
			}
		},
	}}
}

// arqAckStep is one step of a script played to a sender: at time at, an
// ACK asking for segment ask arrives (ask 0: time only passes).
type arqAckStep struct {
	at   time.Duration
	ask  int
	what string // what the ACK is, for the log
	hint string // the misconception a difference right after this step shows
}

// arqScriptHint offers the hint of the script's step after which a run
// first differed from the model's: Start is input 1, the first ACK input
// 2. Each step is followed by a timeout that shows what the sender made of
// the ACK, so a difference there is blamed on the ACK before it, unless
// the timeout resent too little: that is the timeout's own fault.
func arqScriptHint(c *C, script []arqAckStep, d arqDiff) {
	if d.yours.Kind == arq.EventTimeout && d.model.Kind != arq.EventRetransmit && (d.model == arqEnded || d.yours.At < d.model.At) {
		c.Hint("your timer expired at %s, before the model's: restart it whenever an ACK acknowledges new data (RFC 6298 §5.3), so that it times the oldest segment still outstanding", arqMs(d.yours.At))
		return
	}
	if d.model.Kind == arq.EventRetransmit && (d.yours.Kind != arq.EventRetransmit || arqStepIndex(d.yours) > arqStepIndex(d.model)) {
		c.Hint("when the timer expires, resend every outstanding segment, SND.UNA to SND.NXT, oldest first")
		return
	}
	if d.inputs <= 1 {
		c.Hint("Start fills the window: send segments until N are outstanding, and no more")
		return
	}
	k := 1 // the input of each ACK in the script
	for _, st := range script {
		if st.ask == 0 {
			continue
		}
		k++
		if k == d.inputs && st.hint != "" {
			c.Hint("%s", st.hint)
			return
		}
	}
}

// arqStepIndex returns the segment number a data step names ("#3 seq=…"),
// or 0.
func arqStepIndex(st arqStep) int {
	var k int
	fmt.Sscanf(st.What, "#%d", &k)
	return k
}

// arqPlaySender builds a sender with newSender, starts it at time 0 and
// plays it the script, and returns the trace of what it did.
func arqPlaySender(newSender func(env *arq.Env, p arq.Params) arq.SenderEndpoint, p arq.Params, script []arqAckStep) *arq.Trace {
	b := newArqBench(arq.Sender, p)
	s := newSender(b.env, p)
	b.input("Start()")
	s.Start()
	for _, st := range script {
		b.at(st.at)
		if st.ask == 0 {
			continue
		}
		b.input("OnAck(the ACK asking for #%d): %s", st.ask, st.what)
		s.OnAck(b.ack(st.ask))
	}
	return b.trace
}

// arqSentAt returns how many data segments the sender sent for the first
// time at virtual time t.
func arqSentAt(res *arq.Result, t time.Duration) int {
	n := 0
	for i := range res.Trace.Events {
		ev := &res.Trace.Events[i]
		if ev.Kind == arq.EventSend && ev.Side == arq.Sender && ev.At == t {
			n++
		}
	}
	return n
}

// goBackNHints looks at the first event where a Go-Back-N run differs
// from the model's, and names the mistake it shows.
func goBackNHints(c *C, yours, model *arq.Result) {
	ys, ms := arqSteps(yours.Trace), arqSteps(model.Trace)
	i := arqFirstDiff(ys, ms)
	if i < 0 {
		return
	}
	y, m := arqStepAt(ys, i), arqStepAt(ms, i)
	at := m.At
	if i >= len(ms) || (i < len(ys) && y.At < at) {
		at = y.At
	}
	switch {
	case y.Kind == arq.EventTimeout || m.Kind == arq.EventTimeout:
		yt, mt := arqNextTimeout(ys, at), arqNextTimeout(ms, at)
		switch {
		case yt >= 0 && (mt < 0 || yt < mt):
			c.Hint("your timer expired at %s, the model's %s: restart it whenever an ACK acknowledges new data (RFC 6298 §5.3), so that it times the oldest segment still outstanding, not the first one sent", arqMs(yt), arqWhen(mt))
		case arqNextTimeout(ys, 0) < 0:
			c.Hint("your timer never expired: start it when you send a segment and it is not running (RFC 6298 §5.1)")
		default:
			c.Hint("your timer expired %s, the model's at %s: a duplicate ACK acknowledges nothing, so it must not restart the timer (RFC 6298 §5.3 restarts it only for new data)", arqWhen(yt), arqMs(mt))
		}
	case y.Kind == arq.EventRetransmit || m.Kind == arq.EventRetransmit:
		yr, mr := arqResentAt(ys, at), arqResentAt(ms, at)
		switch {
		case len(yr) == 1 && len(mr) > 1:
			c.Hint("at the timeout you resent %s only, which is Selective Repeat: Go-Back-N's receiver discarded everything after the gap, so resend all of %s", arqList(yr), arqList(mr))
		case len(yr) > len(mr):
			c.Hint("at the timeout you resent %s, want %s: segments below SND.UNA are acknowledged already, and nothing beyond SND.NXT was sent", arqList(yr), arqList(mr))
		default:
			c.Hint("at the timeout you resent %s, want %s: every segment from SND.UNA up to SND.NXT, oldest first", arqList(yr), arqList(mr))
		}
	case y.Kind == arq.EventSend && y.Side == arq.Sender || m.Kind == arq.EventSend && m.Side == arq.Sender:
		if n, _ := arqMaxOutstanding(yours); n > yours.Config.Window {
			return // arqSenderHints has said it
		}
		c.Hint("at %s the model sent new segments that your sender did not: an ACK asking for #k acknowledges every segment before #k (RFC 9293 §3.4), so move SND.UNA to SEG.ACK however far that is, and fill the room it makes", arqMs(at))
	}
}

// arqNextTimeout returns when the first sender timeout at or after t
// happened, or -1 if none did.
func arqNextTimeout(steps []arqStep, t time.Duration) time.Duration {
	for _, st := range steps {
		if st.Kind == arq.EventTimeout && st.Side == arq.Sender && st.At >= t {
			return st.At
		}
	}
	return -1
}

// arqWhen writes a time from arqNextTimeout: "at 12.000 ms" or "not at all".
func arqWhen(t time.Duration) string {
	if t < 0 {
		return "not at all"
	}
	return "at " + arqMs(t)
}

// arqResentAt returns the segment numbers retransmitted at time t.
func arqResentAt(steps []arqStep, t time.Duration) []int {
	var out []int
	for _, st := range steps {
		if st.Kind == arq.EventRetransmit && st.Side == arq.Sender && st.At == t {
			out = append(out, arqStepIndex(st))
		}
	}
	return out
}

// goBackNTimerHints reads the log of the scripted timer check (RTO 100
// ms; new data acknowledged at 40 ms, a duplicate at 60, the model's
// timeout at 140, new data at 165, everything at 185) for the usual
// mistakes.
func goBackNTimerHints(c *C, yours []arqStep, d arqDiff) {
	switch {
	case d.inputs <= 1:
		c.Hint("Start fills the window: send segments until N are outstanding, and no more")
		return
	case d.yours.Kind == arq.EventSend && d.model.Kind != arq.EventSend:
		c.Hint("never more than N segments outstanding: send only while SND.NXT − SND.UNA < N·Size")
		return
	case d.model.Kind == arq.EventSend:
		c.Hint("an ACK asking for #k acknowledges every segment before #k: move SND.UNA to SEG.ACK however far that is, and fill the room it makes")
		return
	}
	var expiries []time.Duration
	for _, st := range yours {
		if st.Kind == arq.EventTimeout {
			expiries = append(expiries, st.At)
		}
	}
	for _, t := range expiries {
		switch {
		case t == 100*time.Millisecond:
			c.Hint("the timer expired 100 ms after Start although the ACK at 40 ms acknowledged new data: restart it then (RFC 6298 §5.3)")
		case t == 160*time.Millisecond:
			c.Hint("the timer expired at 160 ms, 100 ms after the duplicate ACK: a duplicate acknowledges nothing and must not restart it")
		case t > 185*time.Millisecond:
			c.Hint("a timer expired after every segment was acknowledged: stop it when nothing is outstanding (RFC 6298 §5.2)")
		default:
			continue
		}
		return
	}
	if len(expiries) == 0 {
		c.Hint("your timer never expired: start it when you send a segment and it is not running (RFC 6298 §5.1)")
		return
	}
	c.Hint("at the timeout, resend every outstanding segment, from SND.UNA up to SND.NXT, oldest first; then the timer runs again")
}
