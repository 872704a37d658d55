package tcp

import "time"

// RTO is the retransmission timeout estimator of RFC 6298: a smoothed
// round-trip time and its variation, from which the timeout is computed.
//
// Karn's algorithm (RFC 6298 §3) decides which round trips are measured:
// never one whose segment was retransmitted, since its ACK could answer
// either copy. The endpoint enforces that; RTO only does the arithmetic.
type RTO struct {
	SRTT   time.Duration // SRTT: smoothed round-trip time; 0 until the first sample
	RTTVAR time.Duration // RTTVAR: round-trip time variation
	RTO    time.Duration // RTO: the current timeout, backoff included

	Min, Max time.Duration // bounds on RTO (RFC 6298 §2.4, §2.5)
	Samples  int           // how many RTTs have been measured
	R        time.Duration // R: the latest measurement (RFC 6298 §2.2's R, §2.3's R'); 0 before the first
}

// The RFC 6298 §2.3 gains: alpha = 1/8 for SRTT, beta = 1/4 for RTTVAR,
// and K = 4 variations of margin.
const (
	rtoAlphaShift = 3
	rtoBetaShift  = 2
	rtoK          = 4
)

// NewRTO returns an estimator with no samples and the initial timeout
// (RFC 6298 §2.1).
func NewRTO(initial, min, max time.Duration) RTO {
	return RTO{RTO: initial, Min: min, Max: max}
}

// Sample feeds one measured round-trip time r (RFC 6298 §2.2, §2.3) and
// recomputes RTO, which also undoes any backoff.
func (r *RTO) Sample(rtt time.Duration) {
	if r.Samples == 0 {
		// §2.2: the first measurement.
		r.SRTT = rtt
		r.RTTVAR = rtt / 2
	} else {
		// §2.3: RTTVAR first, with the old SRTT, then SRTT.
		diff := r.SRTT - rtt
		if diff < 0 {
			diff = -diff
		}
		r.RTTVAR += (diff - r.RTTVAR) >> rtoBetaShift
		r.SRTT += (rtt - r.SRTT) >> rtoAlphaShift
	}
	r.Samples++
	r.R = rtt
	r.RTO = r.clamp(r.SRTT + rtoK*r.RTTVAR) // clock granularity G taken as 0
}

// Backoff doubles RTO after a timeout (RFC 6298 §5.5), up to Max.
func (r *RTO) Backoff() {
	r.RTO = r.clamp(2 * r.RTO)
}

func (r *RTO) clamp(d time.Duration) time.Duration {
	if d < r.Min {
		d = r.Min // §2.4: "Whenever RTO is computed, if it is less than 1 second, then the RTO SHOULD be rounded up to 1 second."
	}
	if r.Max > 0 && d > r.Max {
		d = r.Max // §2.5: a maximum value MAY be placed on RTO provided it is at least 60 seconds.
	}
	return d
}
