package grading

import (
	"fmt"
	"time"
)

// This file holds the reference the suite of exercise 13 (13-rto.go)
// checks an estimator against: RFC 6298's arithmetic, exact to the
// nanosecond (rtoRef), and the same arithmetic with each of the usual
// mistakes in it (rtoVariants), which name the misconception behind a
// failure. rtorig.go plays calls on an estimator and on the reference.

// rtoState is what the estimator shows: SRTT, RTTVAR and RTO.
type rtoState struct{ srtt, rttvar, rto time.Duration }

func (s rtoState) String() string {
	return fmt.Sprintf("SRTT %v, RTTVAR %v, RTO %v", s.srtt, s.rttvar, s.rto)
}

// near reports whether s and t agree up to rounding.
func (s rtoState) near(t rtoState) bool {
	return rtoNear(s.srtt, t.srtt) && rtoNear(s.rttvar, t.rttvar) && rtoNear(s.rto, t.rto)
}

func rtoNear(a, b time.Duration) bool { return a-b <= rtoTol && b-a <= rtoTol }

// An rtoVariant is RFC 6298's arithmetic with one of the usual mistakes
// in it (none, for the right one), and the hint that names it.
type rtoVariant struct {
	srttFirst  bool // SRTT updated before RTTVAR, which then uses the new SRTT
	swapGains  bool // α = 1/4 for SRTT, β = 1/8 for RTTVAR
	rttvarR    bool // the first sample sets RTTVAR = R
	smoothFrom bool // the first sample is smoothed into SRTT = 0, RTTVAR = 0
	noFloor    bool // no minimum
	floorOne   bool // a minimum of 1 s, whatever New said
	noCap      bool // backoff without a maximum
	capSixty   bool // a maximum of 60 s, whatever New said
	addG       bool // SRTT + G + K·RTTVAR
	noG        bool // SRTT + K·RTTVAR
	keepBack   bool // a sample does not undo the backoff
	initMin    bool // the initial RTO is the minimum
	initThree  bool // the initial RTO is 3 s (RFC 2988's)
	hint       string
}

// rtoVariants are the mistakes a failure is compared with, most telling
// first.
var rtoVariants = []rtoVariant{
	{srttFirst: true, hint: "RTTVAR is updated first, with the old SRTT, and only then SRTT: RFC 6298 §2.3 says the two assignments \"MUST be evaluated in the above order\""},
	{swapGains: true, hint: "the gains are the other way round: α = 1/8 weighs the new sample into SRTT, β = 1/4 into RTTVAR (RFC 6298 §2.3)"},
	{rttvarR: true, hint: "the first measurement sets RTTVAR = R/2, not R (RFC 6298 §2.2), so the first RTO is R + 4·R/2 = 3R"},
	{smoothFrom: true, hint: "the first measurement is taken whole: SRTT ← R, RTTVAR ← R/2 (RFC 6298 §2.2); the smoothing of §2.3 starts with the second"},
	{noFloor: true, hint: "an RTO below the minimum is rounded up to it, every time it is computed (RFC 6298 §2.4: \"if it is less than 1 second, then the RTO SHOULD be rounded up to 1 second\"; here the minimum is New's minRTO)"},
	{floorOne: true, hint: "the minimum is New's minRTO, not always 1 s: Linux, for one, uses 200 ms"},
	{noCap: true, hint: "backoff doubles RTO up to the maximum, never past it (RFC 6298 §5.5: the maximum of §2.5 \"may be used to provide an upper bound to this doubling\")"},
	{capSixty: true, hint: "the maximum is New's maxRTO, not always 60 s: RFC 6298 §2.5 only asks that it be at least 60 s, and Linux uses 120 s"},
	{addG: true, hint: "RTO = SRTT + max(G, K·RTTVAR): the clock granularity G is a floor on the variation term, not added to it (RFC 6298 §2.2)"},
	{noG: true, hint: "RTO = SRTT + max(G, K·RTTVAR): when 4·RTTVAR shrinks below the clock granularity G, G takes its place (RFC 6298 §2.2)"},
	{keepBack: true, hint: "a new valid sample recomputes RTO from SRTT and RTTVAR, which undoes the backoff: RTO ← SRTT + max(G, K·RTTVAR), then the bounds"},
	{initMin: true, hint: "the initial RTO is 1 s (RFC 6298 §2.1), not the minimum"},
	{initThree: true, hint: "RFC 6298 §2.1 lowered the initial RTO from RFC 2988's 3 s to 1 s"},
}

// rtoRef is RFC 6298's arithmetic, exact to the nanosecond, with the
// mistakes of its variant.
type rtoRef struct {
	v                 rtoVariant
	min, max, g       time.Duration
	srtt, rttvar, rto time.Duration
	samples, backoffs int
}

func newRTORef(v rtoVariant, minRTO, maxRTO, g time.Duration) *rtoRef {
	r := &rtoRef{v: v, min: minRTO, max: maxRTO, g: g, rto: rtoInitial}
	switch {
	case v.initMin:
		r.rto = minRTO
	case v.initThree:
		r.rto = 3 * time.Second
	}
	return r
}

func (r *rtoRef) state() rtoState { return rtoState{r.srtt, r.rttvar, r.rto} }

func (r *rtoRef) do(op rtoOp) {
	if op.backoff {
		r.backoffs++
		r.rto = r.bound(2*r.rto, false)
		return
	}
	rtt := op.sample
	alpha, beta := int64(8), int64(4) // 1/α and 1/β
	if r.v.swapGains {
		alpha, beta = beta, alpha
	}
	switch {
	case r.samples == 0 && !r.v.smoothFrom:
		r.srtt, r.rttvar = rtt, rtt/2
		if r.v.rttvarR {
			r.rttvar = rtt
		}
	case r.v.srttFirst:
		r.srtt = (time.Duration(alpha-1)*r.srtt + rtt) / time.Duration(alpha)
		r.rttvar = (time.Duration(beta-1)*r.rttvar + rtoAbs(r.srtt-rtt)) / time.Duration(beta)
	default:
		r.rttvar = (time.Duration(beta-1)*r.rttvar + rtoAbs(r.srtt-rtt)) / time.Duration(beta)
		r.srtt = (time.Duration(alpha-1)*r.srtt + rtt) / time.Duration(alpha)
	}
	r.samples++
	variation := 4 * r.rttvar // K·RTTVAR, K = 4
	switch {
	case r.v.addG:
		variation += r.g
	case !r.v.noG && variation < r.g:
		variation = r.g
	}
	rto := r.bound(r.srtt+variation, true)
	if r.v.keepBack {
		for i := 0; i < r.backoffs; i++ {
			rto = r.bound(2*rto, false)
		}
	}
	r.rto = rto
}

// bound applies the minimum (when floor) and the maximum of RFC 6298
// §2.4 and §2.5, as the variant has them.
func (r *rtoRef) bound(d time.Duration, floor bool) time.Duration {
	lo, hi := r.min, r.max
	if r.v.floorOne {
		lo = time.Second
	}
	if r.v.capSixty {
		hi = rtoCeiling
	}
	if floor && !r.v.noFloor && d < lo {
		d = lo
	}
	if !r.v.noCap && d > hi {
		d = hi
	}
	return d
}

func rtoAbs(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}
