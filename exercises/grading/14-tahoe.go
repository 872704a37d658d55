package grading

import (
	"math"
	"testing"
	"time"

	"github.com/tcpedu/tcpedu/tcpedu/bulk"
	"github.com/tcpedu/tcpedu/tcpedu/cc"
)

// TahoeImpl is exercise 14's code under test: Tahoe, written by the
// learner as a cc.Algorithm of their own.
type TahoeImpl struct {
	New func(c cc.Config) cc.Algorithm // the learner's Tahoe, starting from c
}

// Tahoe grades exercise 14 with impl.
func Tahoe(t *testing.T, impl TahoeImpl) { Run(t, "14-tahoe", tahoeChecks(impl)) }

func init() {
	register(Exercise{ID: "14-tahoe", Title: "Congestion control: Tahoe (RFC 5681)", File: "tahoe.go",
		Checks: tahoeChecks(TahoeImpl{})})
}

// The suites of exercises 14 to 16 share a harness (ccharness.go): a
// learner's algorithm is played side by side with the model's variant of
// the same name (package cc), the oracle, in three ways: named scripts of
// hand-built events (ccScript), random but valid event sequences
// (randomCompare, ccrandom.go), and whole transfers on the simulator
// (bulkCompare, ccsim.go). At the first step where the two part, the
// failure prints the steps so far, and a diagnosis (ccUnder.diagnose, in
// ccdiagnose.go, with tahoeDiagnose below and renoDiagnose and
// newRenoDiagnose in 15-reno.go and 16-newreno.go) names the likely
// misconception.

func tahoeChecks(impl TahoeImpl) []Check {
	u := ccUnder{variant: "tahoe", title: "Tahoe", newAlg: impl.New}
	return []Check{
		ccInitialWindowCheck(u),
		ccSlowStartCheck(u),
		ccCongestionAvoidanceCheck(u),
		{
			Name: "halves FlightSize not cwnd with a floor of 2 SMSS",
			Hint: "on a loss, ssthresh = max(FlightSize/2, 2*SMSS) with FlightSize = Ack.FlightSize (RFC 5681 §3.1 equation (4))",
			Run: func(c *C) {
				// An application-limited sender: cwnd has grown to 14
				// segments, but only 8 are in flight when the loss is found.
				f := ccNewFlow(1000).send(8*ccMSS).dups(2, "")
				f.dup("equation (4): ssthresh = max(FlightSize/2, 2*SMSS) = max(11680/2, 2920) = 5840, whatever cwnd is")
				u.runScript(c, ccScript{"8 segments in flight, cwnd 14 segments", ccCfg(14*ccMSS, 0), f})
				g := ccNewFlow(1000).send(2*ccMSS).dups(2, "")
				g.dup("equation (4): ssthresh = max(2920/2, 2*SMSS): never below 2 SMSS")
				u.runScript(c, ccScript{"2 segments in flight", ccCfg(10*ccMSS, 0), g})
			},
		},
		{
			Name: "falls back to 1 SMSS on the third duplicate ACK",
			Hint: "Tahoe has no fast recovery: on the third duplicate ACK, ssthresh by equation (4), cwnd = 1 SMSS, slow start, and Action{Retransmit: true, GoBack: true}",
			Run: func(c *C) {
				f := ccNewFlow(1000).send(16 * ccMSS)
				f.dups(2, "the first and second duplicate ACKs change nothing: fast retransmit waits for the third (cc.DupThresh)")
				f.dup("the third duplicate ACK: ssthresh = 16*1460/2 = 11680, cwnd = 1 SMSS, slow start, Retransmit and GoBack")
				f.dups(3, "the fourth and later duplicates of the same loss start nothing")
				f.ack(ccMSS, "after the loss, slow start from 1 SMSS: cwnd += min(N, SMSS)")
				u.runScript(c, ccScript{"three duplicate ACKs, then more", ccCfg(16*ccMSS, 0), f})
			},
		},
		{
			Name: "ignores duplicates from its own go-back",
			Hint: "remember recover = Ack.SndNxt at each fast retransmit and timeout; a third duplicate ACK whose Ack is not beyond recover (Ack.GreaterThan(recover) is false) is an echo of the segments sent again, and starts nothing (RFC 6582 §4.1's guard)",
			Run: func(c *C) {
				// Sequence numbers cross 2^32 on the way.
				f := ccNewFlow(math.MaxUint32 - 8*ccMSS).send(16 * ccMSS)
				f.dups(3, "the third duplicate ACK: fast retransmit, recover = SND.NXT")
				f.ack(ccMSS, "the retransmission is acknowledged: slow start")
				f.dups(3, "the receiver holds segments sent before the loss and acknowledges each again: three duplicates below recover start nothing")
				f.ack(f.flight(), "an ACK up to recover, exactly")
				f.send(4*ccMSS).dups(3, "Ack equals recover but is not beyond it: still no fast retransmit")
				f.ack(ccMSS, "an ACK beyond recover: the guard is lifted")
				f.send(8*ccMSS).dups(3, "a new loss, above recover: fast retransmit")
				u.runScript(c, ccScript{"recover after a fast retransmit", ccCfg(16*ccMSS, 0), f})
				if c.Failed() {
					return
				}
				g := ccNewFlow(5000).send(10 * ccMSS)
				g.timeout("a timeout records recover = SND.NXT too")
				g.dups(3, "duplicates from the segments the timeout sent again, below recover: nothing")
				u.runScript(c, ccScript{"recover after a timeout", ccCfg(10*ccMSS, 0), g})
				if c.Failed() {
					return
				}
				// 2^31 bytes later, a recover kept for ever would look ahead.
				h := ccNewFlow(7000).send(10 * ccMSS)
				h.dups(3, "fast retransmit: recover = SND.NXT")
				h.ack(h.flight(), "").send(ccMSS).ack(ccMSS, "an ACK beyond recover: forget recover")
				for i := 0; i < 3; i++ {
					h.send(1<<30).ack(1<<30, "")
				}
				h.send(10*ccMSS).dups(3, "3 GiB later, a new loss: fast retransmit. A recover kept since then is now 'ahead' in sequence space (more than 2^31 bytes back), and refuses it")
				u.runScript(c, ccScript{"a new loss 3 GiB later", ccCfg(10*ccMSS, 0), h})
			},
		},
		ccTimeoutCheck(u),
		ccRandomCheck(u, 14),
		{
			Name: "drives the real simulator like the model",
			Hint: "compare the first event where yours and the model's differ with the contract in tahoe.go",
			Run: func(c *C) {
				u.bulkCompare(c, ccPath{"two data segments of one window dropped (30 and 35)",
					bulk.Config{Duration: 3 * time.Second, Drop: []int{30, 35}, Seed: 1}})
				u.bulkCompare(c, ccPath{"1% random loss and a 20-packet queue",
					bulk.Config{Duration: 4 * time.Second, Loss: 0.01, Queue: 20, Seed: 3}})
			},
		},
	}
}

// ccInitialWindowCheck checks New: IW by Config or by RFC 5681's rule,
// ssthresh, and the first phase.
func ccInitialWindowCheck(u ccUnder) Check {
	return Check{
		Name: "starts from the initial window",
		Hint: "cwnd starts at Config.InitialWindow, or at RFC 5681 §3.1 equation (1) when it is 0; ssthresh at Config.InitialSsthresh, or arbitrarily high when it is 0",
		Run: func(c *C) {
			cfgs := []cc.Config{
				{MSS: 536}, {MSS: 1095}, {MSS: 1096}, {MSS: 1200}, {MSS: 1460}, {MSS: 2190}, {MSS: 2191}, {MSS: 8960},
				{MSS: 1460, InitialWindow: 10 * 1460}, {MSS: 1460, InitialWindow: 1460, InitialSsthresh: 8 * 1460},
				{MSS: 1000, InitialWindow: 5000, InitialSsthresh: 3000},
			}
			for _, cfg := range cfgs {
				want, got := ccStateOf(u.model(cfg), cc.Action{}), ccStateOf(u.start(c, cfg), cc.Action{})
				if !got.same(want) {
					c.Errorf("New(%s): cwnd %d, ssthresh %d, %s; want %s", ccConfigString(cfg),
						got.cwnd, got.ssthresh, got.phase, want.format(cfg.MSS))
					c.Hint("%s", ccNewDiagnose(cfg, got, want))
				}
			}
		},
	}
}

// ccSlowStartCheck checks equation (2).
func ccSlowStartCheck(u ccUnder) Check {
	return Check{
		Name: "grows by min(N, SMSS) per ACK in slow start",
		Hint: "in slow start each ACK adds min(N, SMSS), N the bytes it newly acknowledges (RFC 5681 §3.1 equation (2))",
		Run: func(c *C) {
			f := ccNewFlow(1).send(3 * ccMSS)
			f.ack(ccMSS, "an ACK of one segment: cwnd += 1460").send(2 * ccMSS)
			f.ack(2*ccMSS, "a delayed ACK of two segments (N = 2920): cwnd += min(N, SMSS) = 1460").send(2 * ccMSS)
			f.ack(500, "an ACK of 500 bytes: cwnd += min(500, SMSS) = 500")
			f.send(10*ccMSS).ack(10*ccMSS, "a stretch ACK of 10 segments: still only one SMSS")
			u.runScript(c, ccScript{"slow start from IW", ccCfg(0, 0), f})
		},
	}
}

// ccCongestionAvoidanceCheck checks equation (3) and the switch at ssthresh.
func ccCongestionAvoidanceCheck(u ccUnder) Check {
	return Check{
		Name: "grows by SMSS*SMSS/cwnd in congestion avoidance",
		Hint: "from cwnd = ssthresh on, each ACK adds SMSS*SMSS/cwnd (integer division, at least 1 byte): RFC 5681 §3.1 equation (3)",
		Run: func(c *C) {
			f := ccNewFlow(1).send(6 * ccMSS)
			f.ack(ccMSS, "cwnd 6 SMSS < ssthresh 7 SMSS: slow start, cwnd reaches ssthresh and the phase turns to congestion avoidance")
			for i := 0; i < 4; i++ {
				f.send(ccMSS).ack(ccMSS, "cwnd ≥ ssthresh: congestion avoidance, cwnd += 1460*1460/cwnd")
			}
			f.send(4*ccMSS).ack(4*ccMSS, "a stretch ACK in congestion avoidance still adds SMSS*SMSS/cwnd, once")
			u.runScript(c, ccScript{"from slow start into congestion avoidance", ccCfg(6*ccMSS, 7*ccMSS), f})
			if c.Failed() {
				return
			}
			// SMSS 100 bytes and cwnd 20000: 100*100/20000 rounds to 0.
			g := ccNewFlow(1).send(20000)
			g.ack(100, "100*100/20000 rounds down to 0: add 1 byte, as RFC 5681 §3.1 asks").ack(100, "")
			u.runScript(c, ccScript{"a tiny SMSS and a large cwnd", cc.Config{MSS: 100, InitialWindow: 20000, InitialSsthresh: 10000}, g})
		},
	}
}

// tahoeDiagnose recognises Reno's answers where Tahoe's are due.
func tahoeDiagnose(e ccEvent, before, got, want ccState, mss int) string {
	if e.kind != ccOnDupAck || !want.act.Retransmit {
		return ""
	}
	switch {
	case got.phase == cc.FastRecovery || got.cwnd == want.ssthresh+3*mss:
		return "that is Reno's fast recovery; Tahoe has none: on the third duplicate ACK, ssthresh = max(FlightSize/2, 2*SMSS), cwnd = 1 SMSS, and slow start"
	case got.cwnd == want.ssthresh:
		return "Tahoe has no fast recovery, so no halved window either: on the third duplicate ACK cwnd = 1 SMSS, as after a timeout"
	case got.act.Retransmit && !got.act.GoBack:
		return "Tahoe slow-starts again from the lost segment, so it sends what follows it again too: return Action{Retransmit: true, GoBack: true}"
	}
	return ""
}
