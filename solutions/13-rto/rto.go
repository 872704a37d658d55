// Reference solution to exercise 13: the retransmission timeout (RFC
// 6298). The contract is in exercises/13-rto/rto.go.
package rto

import (
	"time"

	"github.com/tcpedu/tcpedu/tcpedu/seq"
)

// The constants of RFC 6298.
const (
	InitialRTO = time.Second // §2.1: the RTO before any measurement
	K          = 4           // §2.2: RTO = SRTT + max(G, K·RTTVAR)

	// §2.3: the gains α = 1/8 (SRTT) and β = 1/4 (RTTVAR), kept as their
	// denominators so that the arithmetic stays in whole nanoseconds.
	alphaDen = 8
	betaDen  = 4
)

// Estimator computes the retransmission timeout of RFC 6298 from the
// round trips it measures, one segment at a time, following Karn's rule.
type Estimator struct {
	srtt   time.Duration // SRTT: smoothed round-trip time; 0 before the first sample
	rttvar time.Duration // RTTVAR: round-trip time variation
	rto    time.Duration // RTO: the current timeout, backoff included
	first  bool          // no sample yet

	minRTO, maxRTO time.Duration // §2.4's floor and §2.5's ceiling
	g              time.Duration // G: the clock granularity

	timing   bool          // a measurement is running
	timedEnd seq.Num       // it ends when an ACK reaches this
	timedAt  time.Duration // when the timed segment was sent
}

// NewEstimator returns an estimator with no samples: RTO = 1 s (§2.1).
func NewEstimator(minRTO, maxRTO, g time.Duration) *Estimator {
	return &Estimator{rto: InitialRTO, first: true, minRTO: minRTO, maxRTO: maxRTO, g: g}
}

// SRTT returns the smoothed round-trip time (0 before the first sample).
func (e *Estimator) SRTT() time.Duration { return e.srtt }

// RTTVAR returns the round-trip time variation (0 before the first
// sample).
func (e *Estimator) RTTVAR() time.Duration { return e.rttvar }

// RTO returns the current retransmission timeout.
func (e *Estimator) RTO() time.Duration { return e.rto }

// Sample feeds one valid round-trip measurement and recomputes RTO, which
// also undoes any backoff.
func (e *Estimator) Sample(r time.Duration) {
	if e.first {
		// §2.2: "SRTT <- R, RTTVAR <- R/2".
		e.srtt, e.rttvar, e.first = r, r/2, false
	} else {
		// §2.3: "RTTVAR <- (1 - beta) * RTTVAR + beta * |SRTT - R'|" with
		// the SRTT of before this sample, then
		// "SRTT <- (1 - alpha) * SRTT + alpha * R'". The order is a MUST.
		diff := e.srtt - r
		if diff < 0 {
			diff = -diff
		}
		e.rttvar = ((betaDen-1)*e.rttvar + diff) / betaDen
		e.srtt = ((alphaDen-1)*e.srtt + r) / alphaDen
	}
	// §2.2, §2.3: "RTO <- SRTT + max (G, K*RTTVAR)".
	variation := K * e.rttvar
	if variation < e.g {
		variation = e.g
	}
	e.rto = e.srtt + variation
	// §2.4: "if it is less than 1 second, then the RTO SHOULD be rounded
	// up to 1 second" (here: to minRTO).
	if e.rto < e.minRTO {
		e.rto = e.minRTO
	}
	e.rto = e.capped(e.rto)
}

// Backoff doubles RTO after the timer expires (§5.5: "RTO <- RTO * 2"),
// up to the maximum of §2.5.
func (e *Estimator) Backoff() { e.rto = e.capped(2 * e.rto) }

// capped returns d, at most maxRTO (§2.5: a maximum "provided it is at
// least 60 seconds").
func (e *Estimator) capped(d time.Duration) time.Duration {
	if d > e.maxRTO {
		return e.maxRTO
	}
	return d
}

// OnSend is told that a segment of new data ending just before end left
// at now. It is timed if no other measurement is running.
func (e *Estimator) OnSend(end seq.Num, now time.Duration) {
	if !e.timing {
		e.timing, e.timedEnd, e.timedAt = true, end, now
	}
}

// OnRetransmit is told that a segment went again. Karn's rule (§3): its
// ACK could answer either copy, so the measurement is abandoned; the next
// starts with new data.
func (e *Estimator) OnRetransmit() { e.timing = false }

// OnAck is told that an ACK of ack arrived at now. If it covers the timed
// segment, the time since it was sent is a sample.
func (e *Estimator) OnAck(ack seq.Num, now time.Duration) {
	if e.timing && ack.GreaterThanEq(e.timedEnd) {
		e.timing = false
		e.Sample(now - e.timedAt)
	}
}
