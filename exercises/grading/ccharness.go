package grading

import (
	"fmt"
	"math"
	"strings"

	"github.com/tcpedu/tcpedu/tcpedu/cc"
	"github.com/tcpedu/tcpedu/tcpedu/seq"
)

// This file is the harness that the suites of exercises 14 to 16 (Tahoe,
// Reno, NewReno) share. A learner's algorithm is played side by side
// with the model's variant of the same name (package cc), the oracle, in
// three ways: named scripts of hand-built events (ccScript, here), random
// but valid event sequences (randomCompare, in ccrandom.go), and whole
// transfers on the simulator (bulkCompare, in ccsim.go). At the first
// step where the two part, the failure prints the steps so far, and a
// diagnosis (ccUnder.diagnose, in ccdiagnose.go) names the likely
// misconception.

// ccMSS is the SMSS of most scripts: Ethernet's 1460 bytes.
const ccMSS = 1460

// ccHigh is the smallest ssthresh shown as "arbitrarily high" (RFC 5681
// §3.1): an algorithm may use any value from 2^31−1 up, as traces do.
const ccHigh = math.MaxInt32

// ccCfg returns a cc.Config of SMSS ccMSS with the given IW and ssthresh
// (0: RFC 5681's defaults).
func ccCfg(iw, ssthresh int) cc.Config {
	return cc.Config{MSS: ccMSS, InitialWindow: iw, InitialSsthresh: ssthresh}
}

// ccUnder is a congestion control under test: the learner's New and the
// model's variant it must behave like.
type ccUnder struct {
	variant string // the model's name: "tahoe", "reno" or "newreno"
	title   string // as messages name it: "Tahoe"
	newAlg  func(c cc.Config) cc.Algorithm
}

// start returns the learner's algorithm for cfg, or ends the check.
func (u ccUnder) start(c *C, cfg cc.Config) cc.Algorithm {
	if u.newAlg == nil {
		c.Fatalf("the suite was given no New function")
	}
	alg := u.newAlg(cfg)
	if alg == nil {
		c.Fatalf("New(%s) returned nil", ccConfigString(cfg))
	}
	return alg
}

// model returns the model's variant for cfg: the oracle.
func (u ccUnder) model(cfg cc.Config) cc.Algorithm {
	alg, err := cc.New(u.variant, cfg)
	if err != nil {
		panic("grading: " + err.Error())
	}
	return alg
}

func ccConfigString(cfg cc.Config) string {
	iw, ss := fmt.Sprint(cfg.InitialWindow), fmt.Sprint(cfg.InitialSsthresh)
	if cfg.InitialWindow == 0 {
		iw = "0 (RFC 5681's rule)"
	}
	if cfg.InitialSsthresh == 0 {
		ss = "0 (arbitrarily high)"
	}
	return fmt.Sprintf("cc.Config{MSS: %d, InitialWindow: %s, InitialSsthresh: %s}", cfg.MSS, iw, ss)
}

// ccKind is which of cc.Algorithm's three events a step reports.
type ccKind uint8

const (
	ccOnAck ccKind = iota
	ccOnDupAck
	ccOnTimeout
)

// ccEvent is one report to an algorithm, with the rule it exercises: for
// a scripted step, the hint when the step fails and no diagnosis applies.
type ccEvent struct {
	kind ccKind
	a    cc.Ack
	rule string
}

func (e ccEvent) String() string {
	a := e.a
	switch e.kind {
	case ccOnAck:
		return fmt.Sprintf("OnAck(Ack %v, Acked %d, FlightSize %d, SndNxt %v)", a.Ack, a.Acked, a.FlightSize, a.SndNxt)
	case ccOnDupAck:
		return fmt.Sprintf("OnDupAck(Ack %v, FlightSize %d, SndNxt %v, DupAcks %d)", a.Ack, a.FlightSize, a.SndNxt, a.DupAcks)
	}
	return fmt.Sprintf("OnTimeout(Ack %v, FlightSize %d, SndNxt %v, Timeouts %d)", a.Ack, a.FlightSize, a.SndNxt, a.Timeouts)
}

// apply reports e to alg and returns the state it is left in.
func (e ccEvent) apply(alg cc.Algorithm) ccState {
	var act cc.Action
	switch e.kind {
	case ccOnAck:
		act = alg.OnAck(e.a)
	case ccOnDupAck:
		act = alg.OnDupAck(e.a)
	default:
		alg.OnTimeout(e.a)
	}
	return ccStateOf(alg, act)
}

// ccState is what an algorithm shows after an event: its window, its
// phase, and what it asked of the sender.
type ccState struct {
	cwnd, ssthresh int // bytes
	phase          cc.Phase
	act            cc.Action
}

func ccStateOf(alg cc.Algorithm, act cc.Action) ccState {
	return ccState{cwnd: alg.Cwnd(), ssthresh: alg.Ssthresh(), phase: alg.Phase(), act: act}
}

// same reports whether s and t agree, any two arbitrarily high ssthresh
// values being equal.
func (s ccState) same(t ccState) bool {
	return s.cwnd == t.cwnd && ccSameSsthresh(s.ssthresh, t.ssthresh) && s.phase == t.phase && s.act == t.act
}

func ccSameSsthresh(a, b int) bool { return a == b || a >= ccHigh && b >= ccHigh }

// format shows s with sizes in bytes, and in segments of mss bytes where
// they are whole: "cwnd 5840 (4 SMSS), ssthresh high, slow start, Retransmit".
func (s ccState) format(mss int) string {
	bytes := func(n int) string {
		if mss > 0 && n%mss == 0 && n != 0 {
			return fmt.Sprintf("%d (%d SMSS)", n, n/mss)
		}
		return fmt.Sprint(n)
	}
	ss := bytes(s.ssthresh)
	if s.ssthresh >= ccHigh {
		ss = "arbitrarily high"
	}
	phase := string(s.phase)
	if phase == "" {
		phase = `Phase ""`
	}
	out := fmt.Sprintf("cwnd %s, ssthresh %s, %s", bytes(s.cwnd), ss, phase)
	if a := ccActionString(s.act); a != "" {
		out += "; " + a
	}
	return out
}

// ccActionString names what act asks for: "Retransmit+GoBack", or "".
func ccActionString(act cc.Action) string {
	var parts []string
	if act.Retransmit {
		parts = append(parts, "Retransmit")
	}
	if act.ResetTimer {
		parts = append(parts, "ResetTimer")
	}
	if act.GoBack {
		parts = append(parts, "GoBack")
	}
	return strings.Join(parts, "+")
}

// ccFlow builds the events a sender reports, as package tcp fills them
// in: it keeps SND.UNA and SND.NXT, and counts duplicate ACKs and timeouts,
// both of which a new ACK sets back to 0.
type ccFlow struct {
	una, nxt       seq.Num
	dupAcks, tries int
	steps          []ccEvent
}

// ccNewFlow starts a flow whose first unsent byte is iss.
func ccNewFlow(iss uint32) *ccFlow { return &ccFlow{una: seq.Num(iss), nxt: seq.Num(iss)} }

// flight is FlightSize: SND.NXT − SND.UNA.
func (f *ccFlow) flight() int { return int(f.una.Distance(f.nxt)) }

// send sends bytes of new data.
func (f *ccFlow) send(bytes int) *ccFlow {
	f.nxt = f.nxt.Add(uint32(bytes))
	return f
}

// ack reports an ACK of bytes new bytes.
func (f *ccFlow) ack(bytes int, rule string) *ccFlow {
	a := cc.Ack{Ack: f.una.Add(uint32(bytes)), Acked: bytes, FlightSize: f.flight(), SndNxt: f.nxt}
	f.una, f.dupAcks, f.tries = a.Ack, 0, 0
	f.steps = append(f.steps, ccEvent{ccOnAck, a, rule})
	return f
}

// dup reports one duplicate ACK.
func (f *ccFlow) dup(rule string) *ccFlow {
	f.dupAcks++
	a := cc.Ack{Ack: f.una, FlightSize: f.flight(), SndNxt: f.nxt, DupAcks: f.dupAcks}
	f.steps = append(f.steps, ccEvent{ccOnDupAck, a, rule})
	return f
}

// dups reports n duplicate ACKs.
func (f *ccFlow) dups(n int, rule string) *ccFlow {
	for i := 0; i < n; i++ {
		f.dup(rule)
	}
	return f
}

// timeout reports that the retransmission timer expired.
func (f *ccFlow) timeout(rule string) *ccFlow {
	f.tries++
	f.dupAcks = 0
	a := cc.Ack{Ack: f.una, FlightSize: f.flight(), SndNxt: f.nxt, Timeouts: f.tries}
	f.steps = append(f.steps, ccEvent{ccOnTimeout, a, rule})
	return f
}

// ccScript is a named scenario: a configuration and the events of a flow.
type ccScript struct {
	name string
	cfg  cc.Config
	flow *ccFlow
}

// runScript plays s on the learner's algorithm and on the model's, and
// fails at the first step where they differ, printing every step so far.
func (u ccUnder) runScript(c *C, s ccScript) {
	ref, alg := u.model(s.cfg), u.start(c, s.cfg)
	mss := s.cfg.MSS
	var log strings.Builder
	fmt.Fprintf(&log, "script %q, New(%s):\n", s.name, ccConfigString(s.cfg))
	want, got := ccStateOf(ref, cc.Action{}), ccStateOf(alg, cc.Action{})
	if !got.same(want) {
		fmt.Fprintf(&log, "      New → yours:  %s\n            wanted: %s", got.format(mss), want.format(mss))
		c.Errorf("%s", log.String())
		c.Hint("%s", ccNewDiagnose(s.cfg, got, want))
		return
	}
	fmt.Fprintf(&log, "      New → %s\n", want.format(mss))
	for i, e := range s.flow.steps {
		before := want
		want, got = e.apply(ref), e.apply(alg)
		if !got.same(want) {
			fmt.Fprintf(&log, "  %3d. %s\n       → yours:  %s\n         wanted: %s", i+1, e, got.format(mss), want.format(mss))
			c.Errorf("%s", log.String())
			if h := u.diagnose(e, before, got, want, mss); h != "" {
				c.Hint("%s", h)
			} else if e.rule != "" {
				c.Hint("step %d: %s", i+1, e.rule)
			}
			return
		}
		fmt.Fprintf(&log, "  %3d. %s → %s\n", i+1, e, want.format(mss))
	}
}

// ccTimeoutCheck checks the response to the retransmission timer, common
// to every variant.
func ccTimeoutCheck(u ccUnder) Check {
	return Check{
		Name: "restarts from 1 SMSS after a timeout",
		Hint: "on a timeout, cwnd = 1 SMSS (the loss window), slow start, ssthresh = max(FlightSize/2, 2*SMSS), held if the same segment times out again (RFC 5681 §3.1)",
		Run: func(c *C) {
			f := ccNewFlow(90000).send(20 * ccMSS)
			f.timeout("a timeout: cwnd = LW = 1 SMSS, ssthresh = max(20*1460/2, 2*SMSS) = 14600, slow start")
			f.send(10 * ccMSS).timeout("the same segment times out again (Timeouts 2), with 30 segments outstanding now: cwnd stays 1 SMSS, and ssthresh is held at 14600 (RFC 5681 §3.1)")
			f.ack(ccMSS, "the retransmission arrives: slow start from 1 SMSS")
			f.ack(f.flight(), "").send(ccMSS)
			f.timeout("a new timeout with 1 segment in flight: ssthresh = max(730, 2*SMSS) = 2920")
			u.runScript(c, ccScript{"timeouts", ccCfg(20*ccMSS, 0), f})
		},
	}
}

func ccMin(a, b int) int {
	if a < b {
		return a
	}
	return b
}

func ccMax(a, b int) int {
	if a > b {
		return a
	}
	return b
}
