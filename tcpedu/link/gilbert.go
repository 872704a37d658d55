package link

import "math/rand/v2"

// GilbertElliott is the two-state Markov model of bursty loss (Gilbert
// 1960, "Capacity of a burst-noise channel"; Elliott 1963, "Estimates of
// error rates for codes on burst-noise channels"). The channel is either
// Good or Bad:
//
//	      P: Good to Bad
//	   ┌─────────────────┐
//	   │                 ▼
//	┌──────┐          ┌──────┐
//	│ Good │          │ Bad  │
//	└──────┘          └──────┘
//	   ▲                 │
//	   └─────────────────┘
//	      R: Bad to Good
//
// For each packet the chain first moves (Good to Bad with probability P,
// Bad to Good with probability R), then the packet is lost with
// probability LossGood or LossBad, whichever state the chain is now in.
//
// In the long run the channel is Bad a fraction P/(P+R) of packets, so the
// loss rate is
//
//	(P*LossBad + R*LossGood) / (P+R)          (see LossRate)
//
// and a stay in Bad lasts 1/R packets on average (see MeanBurst). Gilbert's
// model loses nothing in Good; Elliott's lets Good lose a little too. In
// the simplest form, LossGood 0 and LossBad 1 (see Bursty), a stay in Bad
// is a run of consecutive losses, so 1/R is the mean burst length. Independent loss with the same
// rate would make runs of 1/(1-rate) packets, barely more than one; bursts
// matter to TCP because several losses in one window defeat fast
// retransmit. RFC 3611 §4.7.2 uses the same two states, "following a
// Gilbert-Elliott model", to report bursts and gaps on real paths; Linux
// netem's "loss gemodel p r 1-h 1-k" is this model with LossBad = 1-h and
// LossGood = 1-k.
//
// The channel starts in Good. All four fields are probabilities in [0, 1];
// the zero value never changes state and never loses a packet.
type GilbertElliott struct {
	P        float64 // probability of going from Good to Bad, per packet
	R        float64 // probability of going from Bad to Good, per packet
	LossGood float64 // loss probability in Good (often 0)
	LossBad  float64 // loss probability in Bad (often 1)
}

// Bursty returns the simplest Gilbert model (LossGood 0, LossBad 1) that loses a
// fraction lossRate of packets in runs of meanBurst packets on average:
// R = 1/meanBurst and P = R*lossRate/(1-lossRate). It needs 0 <= lossRate
// < 1 and meanBurst >= 1; other values give a model that fails
// Config.Validate.
func Bursty(lossRate, meanBurst float64) *GilbertElliott {
	r := 1 / meanBurst
	return &GilbertElliott{P: r * lossRate / (1 - lossRate), R: r, LossBad: 1}
}

// LossRate returns the long-run fraction of packets lost,
// (P*LossBad + R*LossGood)/(P+R). A model with P and R both 0 stays in
// Good forever, and its loss rate is LossGood.
func (g GilbertElliott) LossRate() float64 {
	if g.P+g.R == 0 {
		return g.LossGood
	}
	return (g.P*g.LossBad + g.R*g.LossGood) / (g.P + g.R)
}

// MeanBurst returns the mean stay in Bad, in packets: 1/R, the mean of a
// geometric distribution. It is +Inf when R is 0 (Bad never ends).
func (g GilbertElliott) MeanBurst() float64 { return 1 / g.R }

func (g *GilbertElliott) validate() error {
	fields := []struct {
		name string
		p    float64
	}{
		{"P (Good to Bad)", g.P},
		{"R (Bad to Good)", g.R},
		{"LossGood", g.LossGood},
		{"LossBad", g.LossBad},
	}
	for _, f := range fields {
		if !isProbability(f.p) {
			return invalid("burst loss %s probability %g is outside [0, 1]", f.name, f.p)
		}
	}
	return nil
}

// gilbertState is a link's position in its GilbertElliott chain.
type gilbertState struct {
	bad bool // in the Bad state; the chain starts in Good
}

// lose moves the chain one packet on and reports whether that packet is
// lost. It draws at most two numbers: one to change state (none if the
// transition probability is 0 or 1) and one to decide the loss (none if
// the state's loss probability is 0 or 1).
func (st *gilbertState) lose(g *GilbertElliott, r *rand.Rand) bool {
	if st.bad {
		if chance(r, g.R) {
			st.bad = false
		}
	} else if chance(r, g.P) {
		st.bad = true
	}
	if st.bad {
		return chance(r, g.LossBad)
	}
	return chance(r, g.LossGood)
}

// chance returns true with probability p. It draws a number only when the
// answer is in doubt: p <= 0 is always false and p >= 1 always true, so a
// fault that is off costs no draws and leaves the others' numbers alone.
func chance(r *rand.Rand, p float64) bool {
	if p <= 0 {
		return false
	}
	if p >= 1 {
		return true
	}
	return r.Float64() < p
}
