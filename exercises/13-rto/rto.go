// Exercise 13: the retransmission timeout (RFC 6298).
//
// A sender that waits too little resends what was only slow; one that
// waits too long leaves the pipe idle after a loss. RFC 6298 derives the
// timeout from the round trips the sender measures. Write its estimator:
// the arithmetic, the backoff, and Karn's rule on which round trips may
// be measured. Durations are time.Duration; "now" is a virtual time the
// caller passes in, never read from a clock.
//
// The contract:
//
//   - NewEstimator(minRTO, maxRTO, g): no samples yet; RTO = 1 s
//     (InitialRTO, §2.1) whatever the bounds; SRTT and RTTVAR are 0. The
//     RTO is never set below minRTO (§2.4: 1 s in the RFC, 200 ms on
//     Linux) when computed from a sample, nor above maxRTO (§2.5: at least
//     60 s). g is the clock granularity G of §2.2.
//   - Sample(R): one valid round-trip measurement.
//     The first (§2.2): SRTT = R, RTTVAR = R/2.
//     Each later one (§2.3), in this order, with α = 1/8 and β = 1/4:
//     RTTVAR = (1 − β)·RTTVAR + β·|SRTT − R|, using SRTT as it was, then
//     SRTT = (1 − α)·SRTT + α·R.
//     After either: RTO = SRTT + max(G, K·RTTVAR) with K = 4, then raised
//     to minRTO if below it and lowered to maxRTO if above. A sample
//     replaces any backoff.
//   - Backoff(): the retransmission timer expired: RTO = 2·RTO, at most
//     maxRTO (§5.5).
//   - RTO(), SRTT(), RTTVAR() return the current values.
//   - OnSend(end, now): a segment of new data, whose last byte is end−1,
//     left at now. Time it if no measurement is running (one at a time).
//   - OnRetransmit(): a segment was sent again. Karn's rule (§3): the ACK
//     could answer either copy, so no sample may come of it; cancel the
//     measurement in progress. The next one starts with new data.
//   - OnAck(ack, now): an ACK arrived at now. If a measurement is running
//     and ack covers the timed segment (ack >= end, in sequence space),
//     Sample(now − the time it was sent) and stop timing. Any other ACK
//     changes nothing: after a backoff, the doubled RTO stays until a new
//     valid sample.
//
// Worked example (docs/04-flow-and-congestion.md §4.3), minRTO 1 s:
//
//	e := NewEstimator(time.Second, 60*time.Second, 0)
//	e.RTO()                    // 1s
//	e.Sample(time.Second)      // SRTT 1s, RTTVAR 500ms, RTO 3s
//	e.Sample(2 * time.Second)  // RTTVAR ¾·500ms + ¼·1s = 625ms, then
//	                           // SRTT ⅞·1s + ⅛·2s = 1.125s, RTO 3.625s
//	e.Backoff()                // RTO 7.25s
//	e.Sample(100 * time.Millisecond)
//	                           // RTTVAR ¾·625ms + ¼·1.025s = 725ms, then
//	                           // SRTT 996.875ms, RTO 3.896875s: the backoff is gone
//
// Run the tests with: go test ./exercises/13-rto
// Grade it with: go run ./cmd/tcpedu grade 13
package rto

import (
	"time"

	"github.com/tcpedu/tcpedu/tcpedu/seq"
)

// The constants of RFC 6298. Add the gains α and β (§2.3).
const (
	InitialRTO = time.Second // §2.1: the RTO before any measurement
	K          = 4           // §2.2: RTO = SRTT + max(G, K·RTTVAR)
)

// Estimator computes the retransmission timeout of RFC 6298. Add the
// fields you need: the bounds, G, whether a sample has come yet, and the
// measurement in progress.
type Estimator struct {
	srtt   time.Duration // SRTT: smoothed round-trip time; 0 before the first sample
	rttvar time.Duration // RTTVAR: round-trip time variation
	rto    time.Duration // RTO: the current timeout, backoff included
}

// NewEstimator returns an estimator with no samples.
func NewEstimator(minRTO, maxRTO, g time.Duration) *Estimator {
	// Your code here.
	return &Estimator{}
}

// SRTT returns the smoothed round-trip time (0 before the first sample).
func (e *Estimator) SRTT() time.Duration { return e.srtt }

// RTTVAR returns the round-trip time variation (0 before the first
// sample).
func (e *Estimator) RTTVAR() time.Duration { return e.rttvar }

// RTO returns the current retransmission timeout.
func (e *Estimator) RTO() time.Duration { return e.rto }

// Sample feeds one valid round-trip measurement and recomputes RTO.
func (e *Estimator) Sample(r time.Duration) {
	// Your code here.
}

// Backoff doubles RTO after the retransmission timer expires.
func (e *Estimator) Backoff() {
	// Your code here.
}

// OnSend is told that a segment of new data ending just before end left
// at now.
func (e *Estimator) OnSend(end seq.Num, now time.Duration) {
	// Your code here.
}

// OnRetransmit is told that a segment was sent again.
func (e *Estimator) OnRetransmit() {
	// Your code here.
}

// OnAck is told that an ACK of ack arrived at now.
func (e *Estimator) OnAck(ack seq.Num, now time.Duration) {
	// Your code here.
}
