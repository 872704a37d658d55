package grading

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/tcpedu/tcpedu/tcpedu/seq"
	"github.com/tcpedu/tcpedu/tcpedu/tcp"
)

// RTOEstimator is exercise 13's retransmission timeout estimator as the
// suite drives it (RFC 6298): the arithmetic of §2, the backoff of §5.5,
// and Karn's rule (§3) on the segments it times.
type RTOEstimator interface {
	Sample(rtt time.Duration)              // one valid round-trip measurement R (§2.2, §2.3)
	Backoff()                              // the retransmission timer expired (§5.5)
	RTO() time.Duration                    // the current timeout, backoff included
	SRTT() time.Duration                   // 0 before the first sample
	RTTVAR() time.Duration                 // 0 before the first sample
	OnSend(end seq.Num, now time.Duration) // new data up to end−1 leaves at now
	OnRetransmit()                         // a segment is sent again
	OnAck(ack seq.Num, now time.Duration)  // an ACK arrives at now
}

// RTOImpl is exercise 13's code under test.
type RTOImpl struct {
	// New returns an estimator with no samples: RTO 1 s (RFC 6298 §2.1),
	// bounded below by minRTO (§2.4) and above by maxRTO (§2.5), with
	// clock granularity g (§2.2's G).
	New func(minRTO, maxRTO, g time.Duration) RTOEstimator
}

// RTO grades exercise 13 with impl.
func RTO(t *testing.T, impl RTOImpl) { Run(t, "13-rto", rtoChecks(impl)) }

func init() {
	register(Exercise{ID: "13-rto", Title: "The retransmission timeout (RFC 6298)", File: "rto.go",
		Checks: rtoChecks(RTOImpl{})})
}

const (
	rtoInitial  = tcp.DefaultInitialRTO // RFC 6298 §2.1: 1 s
	rtoFloor    = tcp.DefaultMinRTO     // RFC 6298 §2.4: 1 s
	rtoLinuxMin = 200 * time.Millisecond
	rtoCeiling  = 60 * time.Second  // RFC 6298 §2.5: at least 60 s
	rtoLinuxMax = tcp.DefaultMaxRTO // 120 s, Linux's TCP_RTO_MAX
	rtoTol      = time.Microsecond  // how far rounding may take a value from the exact one
	ms          = time.Millisecond
)

// rtoOp is one call of an arithmetic script: a sample, or a backoff.
type rtoOp struct {
	sample  time.Duration // Sample(sample), if backoff is false
	backoff bool
}

func rtoS(r time.Duration) rtoOp { return rtoOp{sample: r} }

var rtoB = rtoOp{backoff: true}

func rtoChecks(impl RTOImpl) []Check {
	return []Check{{
		Name: "starts at one second",
		Hint: "before any measurement RTO is 1 s (RFC 6298 §2.1), whatever the minimum and maximum, and SRTT and RTTVAR are 0",
		Run: func(c *C) {
			_ = rtoScript(c, impl, rtoFloor, rtoCeiling, 0, nil) &&
				rtoScript(c, impl, rtoLinuxMin, rtoLinuxMax, 0, nil)
		},
	}, {
		Name: "takes the first sample whole",
		Hint: "the first measurement R sets SRTT = R and RTTVAR = R/2, so RTO = R + 4·R/2 = 3R (RFC 6298 §2.2)",
		Run: func(c *C) {
			_ = rtoScript(c, impl, 100*ms, rtoCeiling, 0, []rtoOp{rtoS(500 * ms)}) &&
				rtoScript(c, impl, 100*ms, rtoCeiling, 0, []rtoOp{rtoS(2 * time.Second)})
		},
	}, {
		Name: "updates RTTVAR before SRTT",
		Hint: "RTTVAR ← ¾·RTTVAR + ¼·|SRTT − R′| first, with the old SRTT, then SRTT ← ⅞·SRTT + ⅛·R′ (RFC 6298 §2.3: they \"MUST be evaluated in the above order\")",
		Run: func(c *C) {
			// The worked pair of docs/04-flow-and-congestion.md §4.3.
			rtoScript(c, impl, rtoFloor, rtoCeiling, 0, []rtoOp{rtoS(time.Second), rtoS(2 * time.Second), rtoS(500 * ms), rtoS(800 * ms)})
		},
	}, {
		Name: "rounds the RTO up to the minimum",
		Hint: "whenever the RTO is computed, a value below the minimum is raised to it (RFC 6298 §2.4, 1 s there; the minimum is New's minRTO); SRTT and RTTVAR keep their own values",
		Run: func(c *C) {
			_ = rtoScript(c, impl, rtoFloor, rtoCeiling, 0, []rtoOp{rtoS(100 * ms), rtoS(120 * ms)}) &&
				rtoScript(c, impl, rtoLinuxMin, rtoLinuxMax, 0, []rtoOp{rtoS(40 * ms), rtoS(40 * ms)}) &&
				rtoScript(c, impl, rtoLinuxMin, rtoLinuxMax, 0, []rtoOp{rtoS(100 * ms)})
		},
	}, {
		Name: "uses the clock granularity as a floor on the variation",
		Hint: "RTO = SRTT + max(G, K·RTTVAR) with K = 4 (RFC 6298 §2.2, §2.3): G only matters once 4·RTTVAR has shrunk below it",
		Run: func(c *C) {
			ops := []rtoOp{rtoS(200 * ms)}
			for i := 0; i < 30; i++ {
				ops = append(ops, rtoS(200*ms))
			}
			rtoScript(c, impl, 10*ms, rtoCeiling, 100*ms, ops)
		},
	}, {
		Name: "doubles on backoff up to the maximum",
		Hint: "each backoff doubles RTO (RFC 6298 §5.5), up to the maximum New was given (§2.5: at least 60 s)",
		Run: func(c *C) {
			_ = rtoScript(c, impl, rtoFloor, rtoCeiling, 0, []rtoOp{rtoB, rtoB, rtoB, rtoB, rtoB, rtoB, rtoB, rtoB}) &&
				rtoScript(c, impl, rtoFloor, rtoLinuxMax, 0, []rtoOp{rtoS(time.Second), rtoB, rtoB, rtoB, rtoB, rtoB, rtoB, rtoB})
		},
	}, {
		Name: "never samples a retransmitted segment",
		Hint: "Karn's rule: a segment sent twice gives no round-trip sample, since its ACK may answer either copy (RFC 6298 §3); OnRetransmit cancels the measurement, and the next one starts with new data",
		Run: func(c *C) {
			k := rtoKarnNew(c, impl, rtoFloor, rtoCeiling)
			_ = k.send(1000, 0) && k.retransmit() && k.ack(1000, 1200*ms, 0) &&
				k.send(2000, 1300*ms) && k.ack(2000, 1400*ms, 100*ms) &&
				k.send(3000, 2*time.Second) && k.retransmit() && k.send(4000, 2100*ms) &&
				k.ack(4000, 2500*ms, 400*ms) && k.send(5000, 3*time.Second) && k.ack(5000, 3300*ms, 300*ms)
		},
	}, {
		Name: "keeps the backed-off RTO until a new sample",
		Hint: "after a backoff the doubled RTO stays until a new valid measurement (RFC 6298 §5.5 and Karn's rule, §3): the ACK of a retransmitted segment must not bring back the old RTO",
		Run: func(c *C) {
			k := rtoKarnNew(c, impl, rtoFloor, rtoCeiling)
			_ = k.send(1000, 0) && k.ack(1000, time.Second, time.Second) &&
				k.send(2000, 10*time.Second) && k.backoff() && k.retransmit() && k.ack(2000, 17*time.Second, 0) &&
				k.send(3000, 18*time.Second) && k.backoff() && k.retransmit() && k.backoff() && k.retransmit() &&
				k.ack(3000, 40*time.Second, 0) &&
				k.send(4000, 41*time.Second) && k.ack(4000, 41500*ms, 500*ms)
		},
	}, {
		Name: "times one segment at a time",
		Hint: "time one segment at a time: OnSend starts a measurement only when none is running, and only an ACK that covers the timed segment (SEG.ACK >= its end, in sequence space) ends it with a sample",
		Run: func(c *C) {
			k := rtoKarnNew(c, impl, rtoLinuxMin, rtoLinuxMax)
			if !(k.send(1000, 0) && k.send(2000, 50*ms) && k.ack(500, 80*ms, 0) && k.ack(1000, 100*ms, 100*ms) &&
				k.ack(2000, 160*ms, 0) && k.send(3000, 200*ms) && k.ack(3000, 260*ms, 60*ms)) {
				return
			}
			// Across the wrap: the timed segment ends at 4294967290, and
			// the ACK of 5 covers it.
			k.hint = "SEG.ACK covers the timed segment when SEG.ACK >= its end in sequence space: compare with seq.Num's GreaterThanEq, since 5 comes after 4294967290"
			_ = k.send(hsLastNum-5, 300*ms) && k.send(5, 310*ms) && k.ack(5, 380*ms, 80*ms) &&
				k.send(3000, 400*ms) && k.ack(3000, 450*ms, 50*ms)
		},
	}, {
		Name: "agrees with the model on random samples",
		Hint: "compare your Sample and Backoff with tcpedu/tcp/rto.go line by line on a short sequence you work out by hand",
		Run: func(c *C) {
			r := rand.New(rand.NewPCG(6298, 13))
			for walk := 0; walk < 60 && !c.Failed(); walk++ {
				minRTO, maxRTO := rtoFloor, rtoCeiling
				if walk%2 == 1 {
					minRTO, maxRTO = rtoLinuxMin, rtoLinuxMax
				}
				var ops []rtoOp
				for i := 0; i < 40; i++ {
					if r.IntN(6) == 0 {
						ops = append(ops, rtoB)
					} else {
						// Round trips from 1 ms to about 3 s, most of them short.
						ops = append(ops, rtoS(time.Duration(1+r.IntN(100))*time.Duration(1+r.IntN(30))*ms))
					}
				}
				if !rtoScript(c, impl, minRTO, maxRTO, 0, ops) {
					return
				}
			}
		},
	}}
}
