package grading

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// CubicImpl is exercise 17's code under test: CUBIC's window arithmetic
// (RFC 9438), as pure functions of windows in segments and times in
// seconds.
type CubicImpl struct {
	K               func(wmax float64) float64                                 // seconds W_cubic takes to climb from β·W_max back to W_max (§4.2)
	Window          func(t, wmax float64) float64                              // W_cubic(t), segments (§4.2)
	Decrease        func(flightSize float64) (ssthresh, cwnd float64)          // after a loss (§4.6)
	FastConvergence func(cwnd, wmax float64) float64                           // the W_max to remember at a loss (§4.7)
	RenoEstimate    func(west, segmentsAcked, cwnd, cwndPrior float64) float64 // W_est after an ACK (§4.3)
}

// Cubic grades exercise 17 with impl.
func Cubic(t *testing.T, impl CubicImpl) { Run(t, "17-cubic", cubicChecks(impl)) }

func init() {
	register(Exercise{ID: "17-cubic", Title: "CUBIC's window function (RFC 9438)", File: "cubic.go", Bonus: true,
		Checks: cubicChecks(CubicImpl{})})
}

// The model has no CUBIC: RFC 9438 is the oracle, computed here from its
// formulas. Answers may differ from these by a relative error of
// cubicTolerance, which allows for any order of floating-point operations.
const (
	cubicC         = 0.4 // C, segments per second cubed (RFC 9438 §5.1)
	cubicBeta      = 0.7 // β_cubic (RFC 9438 §4.6)
	cubicTolerance = 1e-9
)

func cubicK(wmax float64) float64 { return math.Cbrt(wmax * (1 - cubicBeta) / cubicC) }

func cubicWindow(t, wmax float64) float64 {
	d := t - cubicK(wmax)
	return cubicC*d*d*d + wmax
}

// cubicAlpha is α_cubic (RFC 9438 §4.3): 3(1 − β)/(1 + β) = 9/17, the
// additive increase that gives Reno's average window with β = 0.7.
const cubicAlpha = 3 * (1 - cubicBeta) / (1 + cubicBeta)

// cubicClose reports whether got is want within cubicTolerance, relative
// to want (absolute below 1). NaN is never close.
func cubicClose(got, want float64) bool {
	return math.Abs(got-want) <= cubicTolerance*math.Max(1, math.Abs(want))
}

func cubicChecks(impl CubicImpl) []Check {
	return []Check{{
		Name: "computes K from W_max",
		Hint: "K = cbrt(W_max·(1 − β_cubic)/C) seconds with C = 0.4 and β_cubic = 0.7 (RFC 9438 §4.2, with cwnd_epoch = β·W_max)",
		Run: func(c *C) {
			for _, wmax := range []float64{0, 1, 10, 100, 1000, 12345.6} {
				got, want := impl.K(wmax), cubicK(wmax)
				if cubicClose(got, want) {
					continue
				}
				c.Errorf("K(%g) = %g, want %.9g", wmax, got, want)
				c.Hint("%s", cubicKDiagnose(wmax, got))
			}
		},
	}, {
		Name: "starts an epoch at beta times W_max",
		Hint: "W_cubic(0) = C·(0 − K)^3 + W_max = W_max − W_max·(1 − β) = β·W_max: the window just after the loss",
		Run: func(c *C) {
			for _, wmax := range []float64{10, 100, 1000} {
				got, want := impl.Window(0, wmax), cubicBeta*wmax
				if cubicClose(got, want) {
					continue
				}
				c.Errorf("Window(0, %g) = %g, want %g (β_cubic·W_max)", wmax, got, want)
				cubicHintK(c, impl, wmax)
				c.Hint("%s", cubicWindowDiagnose(0, wmax, got))
			}
		},
	}, {
		Name: "reaches W_max at t = K and levels off",
		Hint: "at t = K the cube is 0, so W_cubic(K) = W_max, and the slope there is 0: the plateau where the last loss happened",
		Run: func(c *C) {
			for _, wmax := range []float64{10, 100, 1000} {
				k := cubicK(wmax)
				if got := impl.Window(k, wmax); !cubicClose(got, wmax) {
					c.Errorf("Window(%g, %g) = %g at t = K, want W_max = %g", k, wmax, got, wmax)
					cubicHintK(c, impl, wmax)
					c.Hint("%s", cubicWindowDiagnose(k, wmax, got))
					continue
				}
				const h = 1e-3 // seconds either side of K
				slope := (impl.Window(k+h, wmax) - impl.Window(k-h, wmax)) / (2 * h)
				if math.Abs(slope) > 1e-3 {
					c.Errorf("around t = K = %g s, Window(t, %g) grows by %g segments per second, want about 0", k, wmax, slope)
				}
			}
		},
	}, {
		Name: "is concave before K and convex after",
		Hint: "(t − K)^3 is negative before K and positive after: keep its sign (no square, no absolute value), and the curve flattens into W_max and then bends up again",
		Run: func(c *C) {
			const wmax, steps = 100.0, 20
			k := cubicK(wmax)
			if d := k / 2; cubicClose(impl.Window(k-d, wmax), impl.Window(k+d, wmax)) && !cubicClose(impl.Window(k-d, wmax), impl.Window(k, wmax)) {
				c.Fail("(t − K)^3 keeps the sign of t − K: a square, or the cube of |t − K|, makes the curve symmetric about K",
					"Window(K − %g, 100) = Window(K + %g, 100) = %g: the curve is symmetric about K", d, d, impl.Window(k-d, wmax))
				return
			}
			dt := k / steps
			for i := 1; i < 2*steps && !c.Failed(); i++ {
				if i == steps {
					continue // at K itself the curvature is 0
				}
				t := float64(i) * dt
				curve := impl.Window(t+dt, wmax) - 2*impl.Window(t, wmax) + impl.Window(t-dt, wmax)
				switch {
				case t < k && !(curve < 0):
					cubicHintK(c, impl, wmax)
					c.Errorf("at t = %.3f s, before K = %.3f s, Window(t, 100) is not concave (second difference %g, want < 0)", t, k, curve)
				case t > k && !(curve > 0):
					cubicHintK(c, impl, wmax)
					c.Errorf("at t = %.3f s, after K = %.3f s, Window(t, 100) is not convex (second difference %g, want > 0)", t, k, curve)
				}
			}
		},
	}, {
		Name: "never shrinks as time goes on",
		Hint: "W_cubic(t) = C·(t − K)^3 + W_max only grows with t: check the sign of each term",
		Run: func(c *C) {
			for _, wmax := range []float64{4, 50, 700} {
				k := cubicK(wmax)
				prev := impl.Window(0, wmax)
				for i := 1; i <= 60; i++ {
					t := float64(i) * k / 20
					w := impl.Window(t, wmax)
					if !(w > prev) {
						c.Errorf("Window(%.4f, %g) = %g, not more than Window(%.4f, %g) = %g", t, wmax, w, t-k/20, wmax, prev)
						cubicHintK(c, impl, wmax)
						break
					}
					prev = w
				}
			}
		},
	}, {
		Name: "matches RFC 9438 at random points",
		Hint: "W_cubic(t) = C·(t − K)^3 + W_max with C = 0.4 segments/s^3, t in seconds since the epoch began, K in seconds (RFC 9438 §4.2)",
		Run: func(c *C) {
			r := rand.New(rand.NewPCG(9438, 42))
			for i := 0; i < 300 && !c.Failed(); i++ {
				wmax := 2 + r.Float64()*10000
				t := r.Float64() * (3*cubicK(wmax) + 1)
				got, want := impl.Window(t, wmax), cubicWindow(t, wmax)
				if !cubicClose(got, want) {
					c.Errorf("Window(%.6f, %.6f) = %.9g, want %.9g (within a relative %g)", t, wmax, got, want, cubicTolerance)
					cubicHintK(c, impl, wmax)
					c.Hint("%s", cubicWindowDiagnose(t, wmax, got))
				}
			}
		},
	}, {
		Name: "cuts to beta times FlightSize on a loss",
		Hint: "on a loss, ssthresh = max(FlightSize·β_cubic, 2) and cwnd = max(FlightSize·β_cubic, 2), β_cubic = 0.7 (RFC 9438 §4.6)",
		Run: func(c *C) {
			for _, flight := range []float64{100, 10, 3, 2.5, 2, 1, 0} {
				s, w := impl.Decrease(flight)
				want := math.Max(flight*cubicBeta, 2)
				if cubicClose(s, want) && cubicClose(w, want) {
					continue
				}
				if c.Failed() {
					c.Errorf("Decrease(%g) = (ssthresh %g, cwnd %g), want (%g, %g)", flight, s, w, want, want)
					continue // the hint is the first failure's
				}
				c.Errorf("Decrease(%g) = (ssthresh %g, cwnd %g), want (%g, %g)", flight, s, w, want, want)
				switch {
				case cubicClose(s, math.Max(flight/2, 2)):
					c.Hint("β_cubic is 0.7: CUBIC keeps 70%% of the window, not Reno's half")
				case cubicClose(s, math.Max(flight*(1-cubicBeta), 2)):
					c.Hint("β_cubic = 0.7 is the fraction kept, not the fraction taken away: ssthresh = FlightSize·0.7")
				case flight*cubicBeta < 2 && (cubicClose(s, flight*cubicBeta) || cubicClose(w, flight*cubicBeta)):
					c.Hint("both ssthresh and cwnd have a floor of 2 segments on a loss: max(FlightSize·β_cubic, 2) (RFC 9438 §4.6)")
				}
			}
		},
	}, {
		Name: "gives way with fast convergence",
		Hint: "at a loss, remember W_max = cwnd·(1 + β_cubic)/2 if cwnd < the previous W_max, else W_max = cwnd (RFC 9438 §4.7)",
		Run: func(c *C) {
			for _, tc := range []struct{ cwnd, wmax, want float64 }{
				{80, 100, 80 * (1 + cubicBeta) / 2},
				{100, 100, 100},
				{120, 100, 120},
				{40, 0, 40},
			} {
				got := impl.FastConvergence(tc.cwnd, tc.wmax)
				if cubicClose(got, tc.want) {
					continue
				}
				c.Errorf("FastConvergence(cwnd %g, W_max %g) = %g, want %g", tc.cwnd, tc.wmax, got, tc.want)
				switch {
				case tc.cwnd < tc.wmax && cubicClose(got, tc.wmax*(1+cubicBeta)/2):
					c.Hint("the new W_max comes from cwnd now, reduced to cwnd·(1 + β)/2: the flow lost before reaching its last maximum, so it gives way")
				case tc.cwnd < tc.wmax && cubicClose(got, tc.cwnd):
					c.Hint("when cwnd < W_max the flow lost before reaching its last maximum: remember less than cwnd, cwnd·(1 + β_cubic)/2, to release bandwidth to newer flows")
				case tc.cwnd >= tc.wmax && cubicClose(got, tc.cwnd*(1+cubicBeta)/2):
					c.Hint("fast convergence applies only when cwnd < W_max (strictly); otherwise W_max = cwnd")
				}
			}
		},
	}, {
		Name: "estimates the Reno-friendly window",
		Hint: "W_est += α_cubic·segments_acked/cwnd with α_cubic = 3(1 − β_cubic)/(1 + β_cubic) while W_est < cwnd_prior, and α = 1 from W_est ≥ cwnd_prior on (RFC 9438 §4.3)",
		Run: func(c *C) {
			for _, tc := range []struct{ west, acked, cwnd, prior, want float64 }{
				{70, 1, 70, 100, 70 + cubicAlpha/70},
				{70, 2, 70, 100, 70 + 2*cubicAlpha/70},
				{99.9, 1, 100, 100, 99.9 + cubicAlpha/100},
				{100, 1, 100, 100, 100 + 1.0/100},
				{120, 3, 110, 100, 120 + 3.0/110},
			} {
				got := impl.RenoEstimate(tc.west, tc.acked, tc.cwnd, tc.prior)
				if cubicClose(got, tc.want) {
					continue
				}
				c.Errorf("RenoEstimate(W_est %g, segments_acked %g, cwnd %g, cwnd_prior %g) = %.9g, want %.9g",
					tc.west, tc.acked, tc.cwnd, tc.prior, got, tc.want)
				inc := (got - tc.west) * tc.cwnd / tc.acked // the α used
				switch {
				case tc.west < tc.prior && cubicClose(inc, 1):
					c.Hint("below cwnd_prior, α_cubic = 3(1 − β)/(1 + β) = 9/17 ≈ 0.529, not 1: with β = 0.7 that gives Reno's average window (RFC 9438 §4.3)")
				case tc.west >= tc.prior && cubicClose(inc, cubicAlpha):
					c.Hint("once W_est ≥ cwnd_prior, α_cubic SHOULD be 1, Reno's own increase (RFC 9438 §4.3)")
				case cubicClose(got-tc.west, cubicAlpha*tc.acked) || cubicClose(got-tc.west, tc.acked):
					c.Hint("W_est grows by α·segments_acked/cwnd per ACK, so α segments per round trip: divide by cwnd")
				}
			}
			// One round trip of ACKs, one per segment, adds α: about half
			// a segment per RTT, Reno-friendly with β = 0.7.
			west := 70.0
			for i := 0; i < 70; i++ {
				west = impl.RenoEstimate(west, 1, 70, 100)
			}
			if !c.Failed() && !cubicClose(west, 70+cubicAlpha) {
				c.Errorf("70 ACKs of 1 segment at cwnd 70 took W_est from 70 to %.9g, want %.9g (70 + α_cubic)", west, 70+cubicAlpha)
			}
		},
	}}
}

// cubicKDiagnose names the misconception behind a wrong K(wmax).
func cubicKDiagnose(wmax, got float64) string {
	switch {
	case math.IsNaN(got):
		return "K came out NaN: a cube root of a negative number through math.Pow? W_max·(1 − β)/C is never negative; use math.Cbrt"
	case got == 1 && cubicK(wmax) != 1:
		return "in Go 1/3 is integer division, 0, so math.Pow(x, 1/3) is x^0 = 1: use math.Cbrt(x), or math.Pow(x, 1.0/3)"
	case cubicClose(got, math.Cbrt(wmax/cubicC)):
		return "K is the time to climb from β·W_max back to W_max, a climb of W_max·(1 − β): cbrt(W_max·(1 − β_cubic)/C), not cbrt(W_max/C)"
	case cubicClose(got, math.Cbrt(wmax*cubicBeta/cubicC)):
		return "β_cubic = 0.7 is the fraction the window keeps after a loss; the climb back is W_max·(1 − β_cubic). (RFC 8312's drafts used β for the fraction lost.)"
	case cubicClose(got, math.Cbrt(wmax*0.5/cubicC)):
		return "β_cubic is 0.7 (RFC 9438 §4.6), not Reno's 0.5"
	case cubicClose(got, wmax*(1-cubicBeta)/cubicC) || cubicClose(got, math.Sqrt(wmax*(1-cubicBeta)/cubicC)):
		return "K is a cube root: the window function is cubic in t − K"
	}
	return fmt.Sprintf("K = cbrt(W_max·(1 − β_cubic)/C) = cbrt(%g·0.3/0.4) seconds", wmax)
}

// cubicHintK hints, when Window has failed, that K is wrong too: Window
// is built on it.
func cubicHintK(c *C, impl CubicImpl, wmax float64) {
	if got, want := impl.K(wmax), cubicK(wmax); !cubicClose(got, want) {
		c.Hint("Window is built on K, and K(%g) = %.6g is wrong too (want %.6g): fix K first; the check \"computes K from W_max\" says how", wmax, got, want)
	}
}

// cubicWindowDiagnose names the misconception behind a wrong W_cubic(t).
func cubicWindowDiagnose(t, wmax, got float64) string {
	k := cubicK(wmax)
	d := t - k
	switch {
	case math.IsNaN(got):
		return "Window came out NaN: math.Pow of a negative base with a fractional exponent? (t − K)^3 is just d*d*d"
	case cubicClose(got, cubicC*math.Abs(d*d*d)+wmax):
		return "(t − K)^3 is negative before K: the window climbs up to W_max, not down from above it. Keep the sign of t − K"
	case cubicClose(got, cubicC*d*d+wmax):
		return "the window function cubes t − K (RFC 9438 §4.2); a square loses its sign"
	case cubicClose(got, 0.5*wmax) && t == 0:
		return "β_cubic is 0.7, not Reno's 0.5: the window right after a loss is 0.7·W_max"
	case cubicClose(got, cubicC*t*t*t+wmax):
		return "W_cubic(t) = C·(t − K)^3 + W_max: the cube is of t − K, the time to the plateau, not of t"
	case cubicClose(got, cubicC*math.Pow(t*1000-k, 3)+wmax) || cubicClose(got, cubicC*math.Pow(t-k*1000, 3)+wmax):
		return "t and K are both in seconds"
	}
	return fmt.Sprintf("W_cubic(t) = C·(t − K)^3 + W_max; here K = %.6g s and t − K = %.6g", k, d)
}
