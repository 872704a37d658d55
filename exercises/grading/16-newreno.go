package grading

import (
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/tcpedu/tcpedu/tcpedu/bulk"
	"github.com/tcpedu/tcpedu/tcpedu/cc"
)

// NewRenoImpl is exercise 16's code under test: NewReno, written by the
// learner as a cc.Algorithm of their own.
type NewRenoImpl struct {
	New func(c cc.Config) cc.Algorithm // the learner's NewReno, starting from c
}

// NewReno grades exercise 16 with impl.
func NewReno(t *testing.T, impl NewRenoImpl) { Run(t, "16-newreno", newRenoChecks(impl)) }

func init() {
	register(Exercise{ID: "16-newreno", Title: "NewReno's partial ACKs (RFC 6582)", File: "newreno.go",
		Checks: newRenoChecks(NewRenoImpl{})})
}

// newRenoChecks uses the harness of ccharness.go, with the model's
// newreno as the oracle. Most scripts stage RFC 6582's case: a window of
// 16 segments from which the 1st and the 5th were lost.
func newRenoChecks(impl NewRenoImpl) []Check {
	u := ccUnder{variant: "newreno", title: "NewReno", newAlg: impl.New}
	return []Check{
		{
			Name: "enters fast recovery as Reno does",
			Hint: "growth, the third duplicate ACK and inflation are Reno's: ssthresh = max(FlightSize/2, 2*SMSS), cwnd = ssthresh + 3*SMSS, +SMSS per further duplicate (RFC 6582 §3.2 steps 2 and 4, RFC 5681 §3.2)",
			Run: func(c *C) {
				f := ccNewFlow(1).send(4 * ccMSS)
				f.ack(ccMSS, "slow start: cwnd += min(N, SMSS)").send(13 * ccMSS)
				f.dups(2, "the first and second duplicates change nothing")
				f.dup("step 2: record recover = SND.NXT, ssthresh = max(FlightSize/2, 2*SMSS), retransmit, cwnd = ssthresh + 3*SMSS")
				f.dups(3, "step 4: each further duplicate inflates cwnd by SMSS")
				u.runScript(c, ccScript{"into fast recovery", ccCfg(0, 0), f})
				if c.Failed() {
					return
				}
				g := ccNewFlow(1).send(3*ccMSS).dups(3, "ssthresh has a floor of 2 SMSS: max(4380/2, 2920) = 2920")
				u.runScript(c, ccScript{"3 segments in flight", ccCfg(3*ccMSS, 0), g})
			},
		},
		{
			Name: "stays in fast recovery on a partial ACK",
			Hint: "an ACK below recover is partial: retransmit the first unacknowledged segment, deflate cwnd by the bytes acknowledged and add back SMSS if they were at least SMSS, and stay in fast recovery (RFC 6582 §3.2 step 3)",
			Run: func(c *C) {
				f := newRenoTwoLosses()
				f.ack(4*ccMSS, "a partial ACK of segments 1 to 4 (5 is lost too): retransmit, cwnd = 14 SMSS - 4 SMSS + 1 SMSS = 11 SMSS, stay in fast recovery, and reset the timer")
				f.dups(2, "duplicates of the partial ACK inflate cwnd as before")
				u.runScript(c, ccScript{"losses 1 and 5 of 16", ccCfg(16*ccMSS, 0), f})
			},
		},
		{
			Name: "adds SMSS back only after a full segment",
			Hint: "after deflating by the bytes a partial ACK acknowledged, add back SMSS only if they were at least SMSS; and cwnd never drops below 1 SMSS",
			Run: func(c *C) {
				f := newRenoTwoLosses()
				f.ack(1000, "a partial ACK of 1000 bytes, less than SMSS: cwnd -= 1000, nothing added back")
				f.ack(460+ccMSS, "a partial ACK of 1920 bytes, at least SMSS: cwnd -= 1920, then += SMSS")
				u.runScript(c, ccScript{"partial ACKs of odd sizes", ccCfg(16*ccMSS, 0), f})
				if c.Failed() {
					return
				}
				// 44 segments in flight: ssthresh 22 SMSS, cwnd 25 SMSS; a
				// partial ACK of 40 segments would take cwnd below zero.
				g := ccNewFlow(1).send(44*ccMSS).dups(3, "")
				g.ack(40*ccMSS, "deflating by 40 SMSS would leave cwnd negative: it stays at 1 SMSS at least")
				u.runScript(c, ccScript{"a partial ACK larger than cwnd", ccCfg(44*ccMSS, 0), g})
			},
		},
		{
			Name: "resets the timer on the first partial ACK only",
			Hint: "the first partial ACK of a recovery asks for ResetTimer, later ones do not (RFC 6582 §3.2 step 3, the \"Impatient\" variant); a new recovery starts counting again",
			Run: func(c *C) {
				f := ccNewFlow(1).send(16*ccMSS).dups(3, "")
				f.ack(2*ccMSS, "the first partial ACK: Retransmit and ResetTimer")
				f.ack(2*ccMSS, "the second partial ACK: Retransmit only")
				f.ack(2*ccMSS, "the third: Retransmit only")
				f.ack(f.flight(), "the full ACK ends the recovery")
				f.send(ccMSS).ack(ccMSS, "an ACK beyond recover").send(10 * ccMSS)
				f.dups(3, "a new recovery")
				f.ack(ccMSS, "its first partial ACK: ResetTimer again")
				u.runScript(c, ccScript{"three holes, then a new loss", ccCfg(16*ccMSS, 0), f})
			},
		},
		{
			Name: "leaves fast recovery on the full ACK",
			Hint: "an ACK at or beyond recover is full: cwnd = min(ssthresh, max(FlightSize, SMSS) + SMSS) with FlightSize what is still outstanding after it (Ack.FlightSize - Ack.Acked), and leave fast recovery (RFC 6582 §3.2 step 3, option (1))",
			Run: func(c *C) {
				f := newRenoTwoLosses()
				f.ack(4*ccMSS, "").send(ccMSS).ack(10*ccMSS, "")
				f.ack(2*ccMSS, "the full ACK (up to recover), 1 segment sent during recovery still out: cwnd = min(8 SMSS, max(1 SMSS, SMSS) + SMSS) = 2 SMSS")
				f.ack(ccMSS, "then slow start, since cwnd < ssthresh")
				u.runScript(c, ccScript{"a full ACK with little left in flight", ccCfg(16*ccMSS, 0), f})
				if c.Failed() {
					return
				}
				g := newRenoTwoLosses()
				g.ack(4*ccMSS, "").send(20 * ccMSS)
				g.ack(g.flight()-12*ccMSS, "the full ACK, 12 segments still out: cwnd = min(8 SMSS, 13 SMSS) = ssthresh")
				u.runScript(c, ccScript{"a full ACK with much left in flight", ccCfg(16*ccMSS, 0), g})
				if c.Failed() {
					return
				}
				h := newRenoTwoLosses()
				h.ack(h.flight(), "a full ACK of everything: cwnd = min(8 SMSS, max(0, SMSS) + SMSS) = 2 SMSS")
				u.runScript(c, ccScript{"a full ACK of everything", ccCfg(16*ccMSS, 0), h})
			},
		},
		{
			Name: "refuses a fast retransmit not beyond recover",
			Hint: "three duplicate ACKs start a fast retransmit only if their Ack is beyond recover (Ack.GreaterThan(recover)); recover is SND.NXT when the last recovery began or the timer last expired (RFC 6582 §3.2 steps 2 and 4, §4.1)",
			Run: func(c *C) {
				f := ccNewFlow(1).send(10 * ccMSS)
				f.timeout("a timeout: recover = SND.NXT")
				f.ack(ccMSS, "the retransmission is acknowledged; the receiver also holds later segments")
				f.dups(3, "the segments sent again after the timeout draw duplicates, below recover: no fast retransmit")
				f.ack(f.flight(), "an ACK up to recover, exactly").send(5 * ccMSS)
				f.dups(3, "Ack equals recover, not beyond it: still nothing")
				f.ack(ccMSS, "an ACK beyond recover").send(5 * ccMSS)
				f.dups(3, "a new loss, beyond recover: fast retransmit")
				u.runScript(c, ccScript{"duplicates after a timeout", ccCfg(10*ccMSS, 0), f})
			},
		},
		{
			Name: "keeps recover right across 2^32",
			Hint: "compare sequence numbers with seq.Num's methods (GreaterThan, GreaterThanEq), never with < or >; and forget recover once an ACK has passed it, or 2^31 bytes later it looks ahead again",
			Run: func(c *C) {
				// recover lies just past 2^32, SND.UNA just before it.
				f := ccNewFlow(math.MaxUint32-8*ccMSS+1).send(16*ccMSS).dups(3, "")
				f.ack(4*ccMSS, "a partial ACK, still below recover (which has wrapped past 0): stay in fast recovery")
				f.ack(f.flight(), "the full ACK, numerically smaller than where recovery began: leave it")
				f.send(ccMSS).ack(ccMSS, "")
				u.runScript(c, ccScript{"a recovery across 2^32", ccCfg(16*ccMSS, 0), f})
				if c.Failed() {
					return
				}
				g := ccNewFlow(7000).send(10*ccMSS).dups(3, "")
				g.ack(g.flight(), "").send(ccMSS).ack(ccMSS, "an ACK beyond recover: forget it")
				for i := 0; i < 3; i++ {
					g.send(1<<30).ack(1<<30, "")
				}
				g.send(10*ccMSS).dups(3, "3 GiB later, a new loss: fast retransmit. A recover kept since then is now 'ahead' in sequence space (more than 2^31 bytes back), and refuses it")
				u.runScript(c, ccScript{"a new loss 3 GiB later", ccCfg(10*ccMSS, 0), g})
			},
		},
		{
			Name: "ends recovery on a timeout with the lower ssthresh",
			Hint: "a timeout during fast recovery: cwnd = 1 SMSS, slow start, recover = SND.NXT; ssthresh stays at the recovery's value if half of today's FlightSize is more; and a later timeout of the same segment holds it (RFC 5681 §3.1, RFC 6582 §3.2 step 4)",
			Run: func(c *C) {
				f := newRenoTwoLosses()
				f.ack(4*ccMSS, "").dups(8, "").send(12 * ccMSS)
				f.timeout("a timeout in fast recovery: cwnd = 1 SMSS, slow start; FlightSize/2 is above the recovery's ssthresh of 8 SMSS, which stays")
				f.timeout("the same segment again (Timeouts 2): ssthresh held")
				f.ack(ccMSS, "slow start: the recovery is over, so this is not a partial ACK")
				f.dups(3, "duplicates below the recover the timeout set: nothing")
				u.runScript(c, ccScript{"the timer expires in fast recovery", ccCfg(16*ccMSS, 0), f})
			},
		},
		ccRandomCheck(u, 16),
		{
			Name: "drives the real simulator like the model",
			Hint: "compare the first event where yours and the model's differ with the contract in newreno.go",
			Run: func(c *C) {
				u.bulkCompare(c, ccPath{"three data segments of one window dropped (40, 42 and 44)",
					bulk.Config{Duration: 3 * time.Second, Drop: []int{40, 42, 44}, Seed: 7}})
				u.bulkCompare(c, ccPath{"1% random loss and a 20-packet queue",
					bulk.Config{Duration: 4 * time.Second, Loss: 0.01, Queue: 20, Seed: 3}})
			},
		},
	}
}

// newRenoTwoLosses is RFC 6582's case: 16 segments in flight, the 1st and
// the 5th lost, three duplicate ACKs: fast recovery with ssthresh 8 SMSS,
// cwnd 11 SMSS, then three more duplicates (cwnd 14 SMSS).
func newRenoTwoLosses() *ccFlow {
	f := ccNewFlow(1000).send(16 * ccMSS)
	f.dups(3, "the third duplicate ACK: fast retransmit, recover = SND.NXT, ssthresh 8 SMSS, cwnd 11 SMSS")
	return f.dups(3, "")
}

// newRenoDiagnose recognises NewReno's mistakes: those of fast recovery,
// and partial and full acknowledgments taken for each other.
func newRenoDiagnose(e ccEvent, before, got, want ccState, mss int) string {
	if h := ccFastRecoveryDiagnose(e, before, got, want, mss); h != "" {
		return h
	}
	if e.kind != ccOnAck || before.phase != cc.FastRecovery {
		return ""
	}
	a := e.a
	if want.phase == cc.FastRecovery { // a partial ACK
		deflated := before.cwnd - a.Acked
		switch {
		case got.phase != cc.FastRecovery && uint32(a.Ack) > uint32(a.SndNxt):
			return fmt.Sprintf("sequence numbers wrap at 2^32: SND.NXT %v is ahead of Ack %v although it is numerically smaller, and so is recover. Compare them with seq.Num's methods (GreaterThanEq), never with < or >=", a.SndNxt, a.Ack)
		case got.phase != cc.FastRecovery:
			return "this ACK is below recover (SND.NXT when recovery began): a partial ACK, which says the next segment was lost too. Stay in fast recovery and retransmit (RFC 6582 §3.2 step 3); leaving on it is Reno"
		case !got.act.Retransmit:
			return "a partial ACK means the segment after it was lost too: retransmit it at once, Action{Retransmit: true} (RFC 6582 §3.2 step 3)"
		case got.act.ResetTimer != want.act.ResetTimer && want.act.ResetTimer:
			return "reset the retransmission timer on the first partial ACK of a recovery: Action{ResetTimer: true} (RFC 6582 §3.2 step 3)"
		case got.act.ResetTimer != want.act.ResetTimer:
			return "only the first partial ACK of a recovery resets the timer (the \"Impatient\" variant of RFC 6582 §3.2 step 3), so a recovery with many holes ends in a timeout rather than lasting for ever"
		case a.Acked >= mss && got.cwnd == deflated:
			return fmt.Sprintf("this partial ACK acknowledged %d bytes, at least SMSS (%d): after deflating, add SMSS back (RFC 6582 §3.2 step 3)", a.Acked, mss)
		case a.Acked < mss && got.cwnd == deflated+mss:
			return fmt.Sprintf("add SMSS back only if the partial ACK acknowledged at least SMSS (%d); this one acknowledged %d bytes", mss, a.Acked)
		case got.cwnd == before.ssthresh:
			return "on a partial ACK deflate cwnd by the bytes acknowledged; cwnd = ssthresh (or min(ssthresh, ...)) is for the full ACK that ends recovery"
		case got.cwnd < mss:
			return "deflating can take cwnd below 1 SMSS; like the model, keep it at 1 SMSS at least"
		case got.cwnd == before.cwnd || got.cwnd == before.cwnd+mss:
			return "a partial ACK deflates cwnd by the bytes it acknowledged (Ack.Acked), then adds SMSS back if those were at least SMSS (RFC 6582 §3.2 step 3)"
		}
		return ""
	}
	left := a.FlightSize - a.Acked
	switch {
	case got.phase == cc.FastRecovery:
		return "this ACK covers recover (Ack.GreaterThanEq(recover), recover = SND.NXT when recovery began): a full acknowledgment, which ends fast recovery (RFC 6582 §3.2 step 3)"
	case got.act.Retransmit:
		return "a full acknowledgment retransmits nothing: everything outstanding when recovery began has arrived"
	case got.cwnd == ccMin(before.ssthresh, ccMax(a.FlightSize, mss)+mss) && got.cwnd != before.ssthresh:
		return fmt.Sprintf("FlightSize in option (1) is what is still outstanding after this ACK: Ack.FlightSize - Ack.Acked = %d, not Ack.FlightSize (the bytes before it)", left)
	case got.cwnd == before.ssthresh:
		return fmt.Sprintf("this model takes option (1) of RFC 6582 §3.2 step 3 on the full ACK, which avoids a burst: cwnd = min(ssthresh, max(FlightSize, SMSS) + SMSS), FlightSize being what is still outstanding after this ACK (%d bytes)", left)
	case got.cwnd == ccMin(before.ssthresh, left+mss):
		return "option (1) is min(ssthresh, max(FlightSize, SMSS) + SMSS): with less than SMSS left in flight cwnd is still 2 SMSS"
	}
	return "on the full ACK: cwnd = min(ssthresh, max(FlightSize, SMSS) + SMSS), FlightSize = Ack.FlightSize - Ack.Acked, and leave fast recovery"
}
