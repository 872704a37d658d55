// Reference solution to exercise 17: CUBIC's window function (RFC 9438);
// the contract is in exercises/17-cubic/cubic.go.
package cubic

import "math"

// CUBIC's constants. Windows are in segments, times in seconds.
const (
	// C scales the cubic: how fast the window moves away from W_max, in
	// segments per second cubed (RFC 9438 §4.2; its value, §5.1).
	C = 0.4
	// BetaCubic is the fraction of the window kept after a loss (RFC 9438
	// §4.6): CUBIC backs off to 70%, where Reno halves.
	BetaCubic = 0.7
)

// alphaCubic is the additive increase, in segments per round trip, of the
// Reno-like window CUBIC estimates (RFC 9438 §4.3): with it and BetaCubic,
// an AIMD sender keeps the same average window as Reno's AIMD(1, 0.5).
const alphaCubic = 3 * (1 - BetaCubic) / (1 + BetaCubic)

// K returns how long, in seconds, W_cubic takes to climb from the window
// just after a loss, BetaCubic·wmax, back to wmax: RFC 9438 §4.2's
// K = cbrt((W_max − cwnd_epoch)/C) with cwnd_epoch = BetaCubic·wmax.
func K(wmax float64) float64 {
	return math.Cbrt(wmax * (1 - BetaCubic) / C)
}

// Window returns W_cubic(t) = C·(t − K)^3 + W_max, in segments, t seconds
// after the congestion avoidance epoch began (RFC 9438 §4.2): concave up to
// the plateau at W_max (t = K), convex beyond it, while the network offers
// more.
func Window(t, wmax float64) float64 {
	d := t - K(wmax) // negative before the plateau: the cube keeps the sign
	return C*d*d*d + wmax
}

// Decrease returns ssthresh and cwnd after a loss with flightSize segments
// outstanding (RFC 9438 §4.6): both BetaCubic·flightSize, and at least 2
// segments.
func Decrease(flightSize float64) (ssthresh, cwnd float64) {
	ssthresh = flightSize * BetaCubic
	cwnd = math.Max(ssthresh, 2)     // "reduction on loss, cwnd >= 2 SMSS"
	ssthresh = math.Max(ssthresh, 2) // "ssthresh >= 2 SMSS"
	return ssthresh, cwnd
}

// FastConvergence returns the W_max to remember at a loss, given cwnd and
// the W_max of the previous loss (RFC 9438 §4.7): a flow that lost before
// regaining its previous maximum is probably sharing the path with a new
// flow, so it remembers less than cwnd and releases bandwidth sooner.
func FastConvergence(cwnd, wmax float64) float64 {
	if cwnd < wmax {
		return cwnd * (1 + BetaCubic) / 2
	}
	return cwnd
}

// RenoEstimate returns W_est, the window Reno would have by now, after an
// ACK of segmentsAcked segments (RFC 9438 §4.3): W_est grows by
// α·segmentsAcked/cwnd, α segments per round trip, with α = alphaCubic
// until W_est reaches cwndPrior (cwnd when ssthresh was last set) and 1
// from there on, Reno's own increase.
func RenoEstimate(west, segmentsAcked, cwnd, cwndPrior float64) float64 {
	alpha := alphaCubic
	if west >= cwndPrior {
		alpha = 1
	}
	return west + alpha*segmentsAcked/cwnd
}
