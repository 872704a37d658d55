package grading

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"

	"github.com/tcpedu/tcpedu/tcpedu/cc"
)

// This file compares a learner's congestion control with the model's on
// random but valid event sequences, for the suites of exercises 14 to 16
// (the harness is in ccharness.go).

// ccRandomCheck compares with the model on random event sequences.
func ccRandomCheck(u ccUnder, seed uint64) Check {
	return Check{
		Name: "agrees with the model on random events",
		Hint: "replay the steps printed above by hand with the rules of the contract, and find the first one your code answers differently",
		Run:  func(c *C) { u.randomCompare(c, seed) },
	}
}

// randomCompare plays random but valid event sequences, from random
// configurations, on the learner's algorithm and the model's, and fails at
// the first step where they differ. The sender sends what the model's cwnd
// allows, so the events are those a real sender would report; sequence
// numbers start just below 2^32.
func (u ccUnder) randomCompare(c *C, seed uint64) {
	const runs, steps, shown = 150, 80, 8
	r := rand.New(rand.NewPCG(seed, 5681))
	for run := 1; run <= runs; run++ {
		cfg := ccRandomConfig(r)
		ref, alg := u.model(cfg), u.start(c, cfg)
		mss := cfg.MSS
		f := ccNewFlow(math.MaxUint32 - uint32(r.IntN(1<<20)))
		head := fmt.Sprintf("random run %d of %d, New(%s)", run, runs, ccConfigString(cfg))
		want, got := ccStateOf(ref, cc.Action{}), ccStateOf(alg, cc.Action{})
		if !got.same(want) {
			c.Errorf("%s:\n  New → yours:  %s\n        wanted: %s", head, got.format(mss), want.format(mss))
			c.Hint("%s", ccNewDiagnose(cfg, got, want))
			return
		}
		var states []ccState // after each step, for the failure message
		dupRun := 0
		for i := 1; i <= steps; i++ {
			f.fill(r, ref.Cwnd(), mss)
			f.randomEvent(r, &dupRun, mss)
			e := f.steps[len(f.steps)-1]
			before := want
			want, got = e.apply(ref), e.apply(alg)
			if !got.same(want) {
				var recent strings.Builder
				for j := ccMax(1, i-shown); j < i; j++ {
					fmt.Fprintf(&recent, "\n    %2d. %s → %s", j, f.steps[j-1], states[j-1].format(mss))
				}
				c.Errorf("%s, step %d:\n  %s\n  → yours:  %s\n    wanted: %s\n  the steps before it:%s", head, i, e,
					got.format(mss), want.format(mss), recent.String())
				if h := u.diagnose(e, before, got, want, mss); h != "" {
					c.Hint("%s", h)
				}
				return
			}
			states = append(states, want)
		}
	}
}

// ccRandomConfig draws a configuration: an SMSS around the thresholds of
// RFC 5681's IW rule, and IW and ssthresh either default or set.
func ccRandomConfig(r *rand.Rand) cc.Config {
	sizes := []int{536, 1000, 1095, 1096, 1200, 1460, 1460, 1460, 2190, 2191, 8960}
	cfg := cc.Config{MSS: sizes[r.IntN(len(sizes))]}
	if r.IntN(2) == 0 {
		cfg.InitialWindow = (1 + r.IntN(10)) * cfg.MSS
	}
	switch r.IntN(4) {
	case 0:
		cfg.InitialSsthresh = (2+r.IntN(40))*cfg.MSS + r.IntN(cfg.MSS)
	case 1:
		if cfg.InitialWindow != 0 {
			cfg.InitialSsthresh = cfg.InitialWindow // the equality rule from the start
		}
	}
	return cfg
}

// fill sends new data as a sender would before the next event: up to
// cwnd, in whole segments, sometimes less (the application has no more),
// and never leaves nothing in flight.
func (f *ccFlow) fill(r *rand.Rand, cwnd, mss int) {
	if room := cwnd - f.flight(); room > 0 {
		segs := room / mss
		if r.IntN(4) == 0 {
			segs = r.IntN(segs + 1)
		}
		f.send(segs * mss)
		if r.IntN(5) == 0 {
			f.send(room % mss) // a short segment
		}
	}
	if f.flight() == 0 {
		f.send(mss)
	}
}

// randomEvent appends one random event: an ACK of new data (of whole
// segments, of everything, or of odd sizes), a run of duplicate ACKs, or a
// timeout.
func (f *ccFlow) randomEvent(r *rand.Rand, dupRun *int, mss int) {
	if *dupRun > 0 {
		*dupRun--
		f.dup("")
		return
	}
	p := r.IntN(100)
	switch {
	case p < 55:
		flight := f.flight()
		n := 1 + r.IntN(flight)
		switch q := r.IntN(100); {
		case q < 15:
			n = flight
		case q < 70 && flight >= mss:
			k := flight / mss
			if k > 4 {
				k = 4
			}
			n = (1 + r.IntN(k)) * mss
		case q < 80 && flight > 1:
			n = 1 + r.IntN(ccMin(mss-1, flight)) // less than a segment
		}
		f.ack(n, "")
	case p < 90:
		runs := []int{1, 2, 3, 3, 3, 4, 5, 6, 9}
		*dupRun = runs[r.IntN(len(runs))] - 1
		f.dup("")
	default:
		f.timeout("")
	}
}
