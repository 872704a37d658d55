package grading

import (
	"fmt"
	"testing"
	"time"

	"github.com/tcpedu/tcpedu/tcpedu/bulk"
	"github.com/tcpedu/tcpedu/tcpedu/cc"
)

// RenoImpl is exercise 15's code under test: Reno, written by the learner
// as a cc.Algorithm of their own.
type RenoImpl struct {
	New func(c cc.Config) cc.Algorithm // the learner's Reno, starting from c
}

// Reno grades exercise 15 with impl.
func Reno(t *testing.T, impl RenoImpl) { Run(t, "15-reno", renoChecks(impl)) }

func init() {
	register(Exercise{ID: "15-reno", Title: "Reno's fast recovery (RFC 5681)", File: "reno.go",
		Checks: renoChecks(RenoImpl{})})
}

// renoChecks uses the harness of ccharness.go, with the model's reno as
// the oracle.
func renoChecks(impl RenoImpl) []Check {
	u := ccUnder{variant: "reno", title: "Reno", newAlg: impl.New}
	return []Check{
		{
			Name: "grows as RFC 5681 says outside recovery",
			Hint: "outside fast recovery Reno grows as Tahoe does: IW by RFC 5681 §3.1 equation (1), then min(N, SMSS) per ACK while cwnd < ssthresh, SMSS*SMSS/cwnd from there on",
			Run: func(c *C) {
				f := ccNewFlow(1).send(3 * ccMSS)
				f.ack(2*ccMSS, "slow start: cwnd += min(N, SMSS) = 1460").send(4 * ccMSS)
				f.ack(ccMSS, "cwnd reaches ssthresh 5 SMSS: congestion avoidance from here")
				f.ack(ccMSS, "congestion avoidance: cwnd += 1460*1460/cwnd").ack(ccMSS, "")
				u.runScript(c, ccScript{"slow start into congestion avoidance", cc.Config{MSS: ccMSS, InitialSsthresh: 5 * ccMSS}, f})
			},
		},
		{
			Name: "waits for the third duplicate ACK",
			Hint: "the first and second duplicate ACKs change nothing: no retransmission, no change to cwnd or ssthresh (RFC 5681 §3.2; the model has no Limited Transmit)",
			Run: func(c *C) {
				f := ccNewFlow(1).send(10*ccMSS).dups(2, "the first and second duplicates change nothing")
				u.runScript(c, ccScript{"two duplicate ACKs", ccCfg(10*ccMSS, 0), f})
			},
		},
		{
			Name: "enters fast recovery on the third duplicate ACK",
			Hint: "on the third duplicate ACK: ssthresh = max(FlightSize/2, 2*SMSS), cwnd = ssthresh + 3*SMSS, phase fast recovery, Action{Retransmit: true} (RFC 5681 §3.2 steps 2 and 3)",
			Run: func(c *C) {
				// cwnd is 20 segments, but only 16 are in flight.
				f := ccNewFlow(1).send(16*ccMSS).dups(2, "")
				f.dup("step 2: ssthresh = max(FlightSize/2, 2*SMSS) = 11680; step 3: retransmit, cwnd = ssthresh + 3*SMSS = 16060")
				u.runScript(c, ccScript{"16 segments in flight, cwnd 20", ccCfg(20*ccMSS, 0), f})
			},
		},
		{
			Name: "keeps ssthresh at 2 SMSS or more",
			Hint: "equation (4) has a floor: ssthresh = max(FlightSize/2, 2*SMSS), so with 3 segments in flight ssthresh is 2 SMSS, not 1.5",
			Run: func(c *C) {
				f := ccNewFlow(1).send(3*ccMSS).dups(2, "")
				f.dup("ssthresh = max(4380/2, 2920) = 2920; cwnd = 2920 + 3*1460 = 7300")
				u.runScript(c, ccScript{"3 segments in flight", ccCfg(3*ccMSS, 0), f})
			},
		},
		{
			Name: "inflates cwnd for each further duplicate",
			Hint: "in fast recovery each duplicate ACK after the third adds one SMSS to cwnd, and retransmits nothing (RFC 5681 §3.2 step 4)",
			Run: func(c *C) {
				f := ccNewFlow(1).send(16*ccMSS).dups(3, "")
				f.dups(5, "step 4: each further duplicate says one more segment has left the network: cwnd += SMSS")
				u.runScript(c, ccScript{"eight duplicate ACKs", ccCfg(16*ccMSS, 0), f})
			},
		},
		{
			Name: "deflates to ssthresh on the next new ACK",
			Hint: "the first ACK of new data ends Reno's fast recovery, whatever it covers: cwnd = ssthresh, no growth on that ACK (RFC 5681 §3.2 step 6)",
			Run: func(c *C) {
				f := ccNewFlow(1).send(16*ccMSS).dups(5, "")
				f.ack(f.flight(), "step 6: the ACK of the retransmission: cwnd = ssthresh = 11680, and fast recovery is over (cwnd = ssthresh: congestion avoidance)")
				f.send(8*ccMSS).ack(ccMSS, "then congestion avoidance: cwnd += SMSS*SMSS/cwnd")
				u.runScript(c, ccScript{"a full ACK ends the recovery", ccCfg(16*ccMSS, 0), f})
				if c.Failed() {
					return
				}
				g := ccNewFlow(1).send(16*ccMSS).dups(4, "")
				g.ack(4*ccMSS, "a partial ACK (4 of 16 segments): Reno leaves fast recovery on it too, cwnd = ssthresh")
				g.dups(3, "a second loss in the same window needs three new duplicates, and halves again: Reno's weakness")
				u.runScript(c, ccScript{"a partial ACK ends it too", ccCfg(16*ccMSS, 0), g})
			},
		},
		ccTimeoutCheck(u),
		{
			Name: "keeps the lower ssthresh on a timeout in recovery",
			Hint: "a timeout during fast recovery sets cwnd = 1 SMSS and ends the recovery, but keeps the ssthresh the recovery set if half of today's FlightSize is more (RFC 5681 §3.1: \"no more than\" equation (4))",
			Run: func(c *C) {
				f := ccNewFlow(1).send(16*ccMSS).dups(3, "")
				f.dups(10, "").send(12 * ccMSS)
				f.timeout("a timeout during fast recovery: cwnd = 1 SMSS, slow start; FlightSize/2 = 14 SMSS is above the 8 SMSS the recovery set, which stays")
				u.runScript(c, ccScript{"the timer expires in fast recovery", ccCfg(16*ccMSS, 0), f})
			},
		},
		ccRandomCheck(u, 15),
		{
			Name: "drives the real simulator like the model",
			Hint: "compare the first event where yours and the model's differ with the contract in reno.go",
			Run: func(c *C) {
				u.bulkCompare(c, ccPath{"two data segments of one window dropped (30 and 35)",
					bulk.Config{Duration: 3 * time.Second, Drop: []int{30, 35}, Seed: 1}})
				u.bulkCompare(c, ccPath{"1% random loss and a 20-packet queue",
					bulk.Config{Duration: 4 * time.Second, Loss: 0.01, Queue: 20, Seed: 3}})
			},
		},
	}
}

// renoDiagnose recognises Reno's mistakes: those of fast recovery, and
// leaving it wrongly.
func renoDiagnose(e ccEvent, before, got, want ccState, mss int) string {
	if h := ccFastRecoveryDiagnose(e, before, got, want, mss); h != "" {
		return h
	}
	if e.kind != ccOnAck || before.phase != cc.FastRecovery {
		return ""
	}
	switch {
	case got.phase == cc.FastRecovery:
		return "any ACK of new data ends Reno's fast recovery, even one that covers only part of what was outstanding: set cwnd = ssthresh (RFC 5681 §3.2 step 6). Staying in recovery on a partial ACK is NewReno (exercise 16)"
	case got.cwnd == before.cwnd:
		return fmt.Sprintf("the ACK that ends fast recovery deflates cwnd to ssthresh (%d), dropping the inflation of the duplicates (RFC 5681 §3.2 step 6)", before.ssthresh)
	case got.cwnd > before.ssthresh && got.cwnd <= before.ssthresh+mss:
		return "set cwnd = ssthresh on the ACK that ends fast recovery, without growing it for this ACK too; growth starts with the next one"
	case got.act.Retransmit:
		return "Reno retransmits nothing on an ACK of new data: that is NewReno's answer to a partial ACK"
	}
	return "on the first ACK of new data in fast recovery: cwnd = ssthresh, and leave fast recovery (RFC 5681 §3.2 step 6)"
}
