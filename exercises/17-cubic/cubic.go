// Exercise 17 (bonus): CUBIC's window function (RFC 9438).
//
// CUBIC, the default congestion control of Linux, Windows and macOS, grows
// its window in congestion avoidance as a function of the time since the
// last loss rather than of the ACKs received: fast while far below the
// window where the last loss happened (W_max), slowly near it, and fast
// again once past it. Write its arithmetic as pure functions. The model
// has no CUBIC; the checks compute RFC 9438's formulas themselves and
// accept answers within a relative error of 1e-9.
//
// Units: windows in segments (SMSS), times in seconds, all float64. Use C
// and BetaCubic below.
//
// The contract:
//
//   - K(wmax) returns K, the time W_cubic takes to climb from the window
//     just after a loss, BetaCubic·wmax, back to wmax: RFC 9438 §4.2 writes
//     K = cbrt((W_max − cwnd_epoch)/C), and with cwnd_epoch = β_cubic·W_max
//     that is K = cbrt(W_max·(1 − β_cubic)/C). K(0) is 0.
//   - Window(t, wmax) returns W_cubic(t) = C·(t − K)^3 + W_max (§4.2), t
//     seconds after the epoch began and K = K(wmax). It starts at
//     β_cubic·W_max (t = 0), is concave up to the plateau W_cubic(K) =
//     W_max, convex beyond it, and never decreases.
//   - Decrease(flightSize) returns ssthresh and cwnd after a loss with
//     flightSize segments outstanding (§4.6): ssthresh = flightSize·β_cubic,
//     cwnd = max(ssthresh, 2), then ssthresh = max(ssthresh, 2). Both keep
//     70% (Reno keeps 50%), and neither drops below 2 segments.
//   - FastConvergence(cwnd, wmax) returns the W_max to remember at a loss
//     (§4.7): cwnd·(1 + β_cubic)/2 if cwnd < wmax (the W_max of the loss
//     before: the flow did not get back to it, so it gives way to newer
//     flows), else cwnd.
//   - RenoEstimate(west, segmentsAcked, cwnd, cwndPrior) returns W_est after
//     an ACK (§4.3), the window an AIMD flow as friendly as Reno would have:
//     W_est + α·segmentsAcked/cwnd, with α = α_cubic = 3(1 − β_cubic)/(1 +
//     β_cubic) while west < cwndPrior (cwnd when ssthresh was last set),
//     and α = 1 once west ≥ cwndPrior. (CUBIC uses W_est when W_cubic is
//     below it: the "Reno-friendly region".)
//
// Edge cases: (t − K)^3 is negative before K, so keep the sign (no square,
// no absolute value); in Go 1/3 is integer division, 0, so use math.Cbrt.
//
// Worked example: W_max = 100 segments. K = cbrt(100·0.3/0.4) = cbrt(75)
// ≈ 4.217 s. W_cubic(0) = 0.4·(−4.217)^3 + 100 = 70, W_cubic(K) = 100,
// W_cubic(2K) = 130. A loss with 100 segments in flight: ssthresh = cwnd
// = 70. Another loss at cwnd 80 with W_max 100: remember W_max = 68.
// α_cubic = 0.9/1.7 ≈ 0.529: W_est grows by about half a segment per
// round trip until it reaches cwnd_prior.
//
// Run the tests with: go test ./exercises/17-cubic
// Grade it with: go run ./cmd/tcpedu grade 17
package cubic

// CUBIC's constants.
const (
	// C scales the cubic, in segments per second cubed (RFC 9438 §4.2;
	// its value, §5.1).
	C = 0.4
	// BetaCubic is the fraction of the window kept after a loss (RFC 9438
	// §4.6).
	BetaCubic = 0.7
)

// K returns the time, in seconds, W_cubic takes to climb from
// BetaCubic·wmax back to wmax.
func K(wmax float64) float64 {
	// Your code here.
	return 0
}

// Window returns W_cubic(t) in segments, t seconds into the epoch.
func Window(t, wmax float64) float64 {
	// Your code here.
	return 0
}

// Decrease returns ssthresh and cwnd, in segments, after a loss with
// flightSize segments outstanding.
func Decrease(flightSize float64) (ssthresh, cwnd float64) {
	// Your code here.
	return 0, 0
}

// FastConvergence returns the W_max to remember at a loss at cwnd, given
// the W_max of the loss before.
func FastConvergence(cwnd, wmax float64) float64 {
	// Your code here.
	return 0
}

// RenoEstimate returns W_est after an ACK of segmentsAcked segments.
func RenoEstimate(west, segmentsAcked, cwnd, cwndPrior float64) float64 {
	// Your code here.
	return 0
}
