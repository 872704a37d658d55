package grading

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/tcpedu/tcpedu/tcpedu/arq"
	"github.com/tcpedu/tcpedu/tcpedu/seq"
	"github.com/tcpedu/tcpedu/tcpedu/wire"
)

// SACKBlockReceiver is what exercise 09's Receiver does: it records which
// sequence numbers have arrived and describes them as an ACK would, with
// RCV.NXT and SACK blocks (RFC 2018 §4).
type SACKBlockReceiver interface {
	Receive(s seq.Num, n int) (ack seq.Num)
	RcvNxt() seq.Num
	Blocks(max int) []wire.SACKBlock
}

// SACKBlocksImpl is exercise 09's code under test.
type SACKBlocksImpl struct {
	NewReceiver func(rcvNxt seq.Num) SACKBlockReceiver
}

// SACKBlocks grades exercise 09 with impl.
func SACKBlocks(t *testing.T, impl SACKBlocksImpl) { Run(t, "09-sack-blocks", sackBlocksChecks(impl)) }

func init() {
	register(Exercise{ID: "09-sack-blocks", Title: "SACK blocks (RFC 2018 §4)", File: "sackblocks.go",
		Checks: sackBlocksChecks(SACKBlocksImpl{})})
}

// sackArrival is one segment arriving: n bytes from sequence number
// base+from, where base is the scenario's initial RCV.NXT.
type sackArrival struct{ from, n uint32 }

// The oracle is the model's receive buffer, arq.Reassembly, whose Blocks
// (tcpedu/arq/reassembly.go) orders blocks as RFC 2018 §4 asks: the block
// holding the segment that triggered the ACK first, unless it advanced
// RCV.NXT; then the others by the arrival of the latest segment inside
// each, newest first; a merged block counts as new as its newest arrival;
// nothing at or below RCV.NXT. Its window is made large enough never to
// cut a segment here.
const sackOracleWindow = 1 << 30

func sackBlocksChecks(impl SACKBlocksImpl) []Check {
	return []Check{{
		Name: "reports one block for one hole",
		Hint: "bytes above RCV.NXT, after a hole, are one SACK block [left, right): left its first byte, right the byte after its last (RFC 2018 §3)",
		Run: func(c *C) {
			sackPlay(c, impl, 1000, []sackArrival{{0, 100}, {200, 100}, {300, 100}, {400, 50}}, []int{4}, "")
		},
	}, {
		Name: "puts the most recent block first",
		Hint: "RFC 2018 §4: the first block holds the segment that triggered the ACK; the others follow, most recently reported first, not in sequence order",
		Run: func(c *C) {
			// RFC 2018 §6, case 3: eight 500-byte segments from 5000, the
			// 2nd, 4th, 6th and 8th lost; then the 4th and the 2nd arrive.
			if !sackPlay(c, impl, 5000, sackRFC2018Case3, []int{4}, "") {
				return
			}
			// Recency, not sequence order.
			sackPlay(c, impl, 1000, []sackArrival{{500, 100}, {100, 100}, {300, 100}, {500, 100}}, []int{4}, "")
		},
	}, {
		Name: "merges touching and overlapping ranges",
		Hint: "received bytes that touch or overlap make one contiguous block: merge a new segment with every range it touches, and report the merged range as one block",
		Run: func(c *C) {
			for _, arrivals := range [][]sackArrival{
				{{100, 100}, {200, 100}},                      // touching on the right
				{{200, 100}, {100, 100}},                      // touching on the left
				{{100, 100}, {300, 100}, {200, 100}},          // filling the gap between two
				{{100, 100}, {150, 100}},                      // overlapping
				{{100, 50}, {300, 50}, {500, 50}, {120, 420}}, // one segment over three ranges
				{{100, 100}, {500, 100}, {300, 100}, {200, 50}},
			} {
				if !sackPlay(c, impl, 1000, arrivals, []int{4}, "") {
					return
				}
			}
		},
	}, {
		Name: "forgets a block once RCV.NXT passes it",
		Hint: "no block lies at or below RCV.NXT: when the hole before a range fills, RCV.NXT moves past the whole range, and the block goes",
		Run: func(c *C) {
			for _, arrivals := range [][]sackArrival{
				{{100, 100}, {300, 100}, {0, 100}},             // the first hole fills; one block stays
				{{100, 100}, {300, 100}, {0, 100}, {200, 100}}, // then the second
				{{100, 100}, {0, 50}, {30, 100}},               // a segment partly below RCV.NXT reaches the range
				{{200, 100}, {0, 250}},                         // an in-order segment overlapping a range
			} {
				if !sackPlay(c, impl, 1000, arrivals, []int{4}, "") {
					return
				}
			}
		},
	}, {
		Name: "reports at most max blocks",
		Hint: "the option holds at most 4 blocks, or 3 beside the timestamps option: Blocks(max) returns the max most recent, and fewer only when fewer ranges are held",
		Run: func(c *C) {
			five := []sackArrival{{100, 100}, {300, 100}, {500, 100}, {700, 100}, {900, 100}}
			sackPlay(c, impl, 1000, five, []int{0, 1, 2, 3, 4}, "")
		},
	}, {
		Name: "handles sequence numbers that wrap",
		Hint: "sequence numbers wrap past 2^32: order them with seq.Num's LessThan, LessThanEq and Distance, never with < on the raw numbers",
		Run: func(c *C) {
			// RFC 2018's case 3 again, with RCV.NXT 1000 bytes below 2^32:
			// the ranges run across it.
			base := seq.Num(1<<32 - 1000)
			if !sackQuiet(impl, base, sackRFC2018Case3) && sackQuiet(impl, 5000, sackRFC2018Case3) {
				c.Hint("%s", sackWrapHint)
			}
			if !sackPlay(c, impl, base, sackRFC2018Case3, []int{4}, "") {
				return
			}
			sackPlay(c, impl, seq.Num(1<<32-150), []sackArrival{{100, 100}, {300, 100}, {0, 100}}, []int{4}, "")
		},
	}, {
		Name: "treats duplicates as RFC 2018 asks",
		Hint: "a segment already held above RCV.NXT still triggers an ACK: its block comes first; a segment wholly below RCV.NXT changes nothing (this receiver sends no D-SACK)",
		Run: func(c *C) {
			for _, arrivals := range [][]sackArrival{
				{{100, 100}, {300, 100}, {100, 100}},             // a buffered segment again: its block first
				{{100, 100}, {300, 100}, {120, 30}},              // part of one again
				{{0, 100}, {200, 100}, {400, 100}, {0, 100}},     // old data, below RCV.NXT
				{{0, 100}, {200, 100}, {400, 100}, {50, 50}},     // ending exactly at RCV.NXT
				{{0, 200}, {300, 100}, {50, 50}},                 // ending below RCV.NXT
				{{200, 100}, {500, 100}, {200, 100}, {0, 100}},   // then the hole fills
				{{200, 100}, {500, 100}, {150, 200}, {150, 200}}, // partly new, then all old
			} {
				if !sackPlay(c, impl, 1000, arrivals, []int{4}, sackDuplicateHint) {
					return
				}
			}
		},
	}, {
		Name: "agrees with arq.Reassembly on random arrivals",
		Hint: "check your rules on a short case by hand: what is held, which block holds the latest arrival, which blocks were reported most recently",
		Run: func(c *C) {
			r := rand.New(rand.NewPCG(2018, 4))
			for run := 0; run < 200; run++ {
				base := seq.Num(r.Uint32())
				if run%4 == 0 {
					base = seq.Num(1<<32 - 1 - r.Uint32N(3000)) // across 2^32
				}
				var arrivals []sackArrival
				for i := 0; i < 5+r.IntN(20); i++ {
					arrivals = append(arrivals, sackArrival{from: r.Uint32N(3000), n: 1 + r.Uint32N(400)})
				}
				if !sackQuiet(impl, base, arrivals) && sackQuiet(impl, 10000, arrivals) {
					c.Hint("%s", sackWrapHint)
				}
				if !sackPlay(c, impl, base, arrivals, []int{1, 2, 3, 4}, "") {
					return
				}
			}
		},
	}}
}

// The hints more than one check gives.
const (
	sackWrapHint      = "the same arrivals from a RCV.NXT far from 2^32 give the right answers, so the wrap is what goes wrong: order sequence numbers with seq.Num's LessThan, LessThanEq and Distance, never with < on the raw numbers"
	sackDuplicateHint = "a segment that repeats bytes already held above RCV.NXT still triggered this ACK, so its block comes first (RFC 2018 §4): count the arrival for that block even though it brought nothing new"
)

// sackRFC2018Case3 is RFC 2018 §6's third case, as offsets from 5000.
var sackRFC2018Case3 = []sackArrival{{0, 500}, {1000, 500}, {2000, 500}, {3000, 500}, {1500, 500}, {500, 500}}

// sackPlay hands the same arrivals to the learner's receiver and to the
// oracle, and after each compares the ACK number, RcvNxt and Blocks(max)
// for every max given. It stops at the first difference, which it reports
// with the calls that led to it.
//
// orderHint, if not empty, replaces the usual hint when the blocks are
// right but their order is not.
func sackPlay(c *C, impl SACKBlocksImpl, base seq.Num, arrivals []sackArrival, maxes []int, orderHint string) bool {
	r := impl.NewReceiver(base)
	ref := arq.NewReassembly(base, sackOracleWindow)
	calls := []string{fmt.Sprintf("NewReceiver(%v)", base)}
	for _, a := range arrivals {
		s := base.Add(a.from)
		call := fmt.Sprintf("Receive(%v, %d)", s, a.n)
		calls = append(calls, call)
		ack := r.Receive(s, int(a.n))
		before, buffered := ref.RcvNxt(), ref.Buffered()
		ref.Insert(s, make([]byte, a.n))
		want := ref.RcvNxt()
		duplicate := want == before && ref.Buffered() == buffered // nothing new arrived
		history := strings.Join(calls, "; ")
		if ack != want {
			c.Errorf("%s = %v, want %v", history, ack, want)
			sackACKHint(c, ack, want, before)
			return false
		}
		if got := r.RcvNxt(); got != want {
			c.Errorf("%s; RcvNxt() = %v, want %v, the ACK number Receive returned", history, got, want)
			return false
		}
		for _, max := range maxes {
			got := append([]wire.SACKBlock(nil), r.Blocks(max)...)
			want := append([]wire.SACKBlock(nil), ref.Blocks(max)...) // Blocks reuses its slice
			if !sackSameBlocks(got, want) {
				c.Errorf("%s; Blocks(%d) = %s, want %s", history, max, sackFormat(got), sackFormat(want))
				if orderHint != "" && duplicate && sackSameSet(got, want) {
					c.Hint("%s", orderHint)
				}
				sackHint(c, got, want, ref.Blocks(1<<10), ref.RcvNxt(), max)
				return false
			}
		}
	}
	return true
}

// sackQuiet reports, without a word, whether the learner's receiver gives
// the oracle's answers on these arrivals.
func sackQuiet(impl SACKBlocksImpl, base seq.Num, arrivals []sackArrival) bool {
	r := impl.NewReceiver(base)
	ref := arq.NewReassembly(base, sackOracleWindow)
	for _, a := range arrivals {
		s := base.Add(a.from)
		ref.Insert(s, make([]byte, a.n))
		if r.Receive(s, int(a.n)) != ref.RcvNxt() || !sackSameBlocks(r.Blocks(wire.MaxSACKBlocks), ref.Blocks(wire.MaxSACKBlocks)) {
			return false
		}
	}
	return true
}

func sackSameBlocks(a, b []wire.SACKBlock) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// sackFormat writes blocks as [left, right) ranges, or "none".
func sackFormat(blocks []wire.SACKBlock) string {
	if len(blocks) == 0 {
		return "none"
	}
	s := make([]string, len(blocks))
	for i, b := range blocks {
		s[i] = fmt.Sprintf("[%v, %v)", b.Left, b.Right)
	}
	return strings.Join(s, " ")
}

// sackACKHint names what is wrong with an ACK number.
func sackACKHint(c *C, got, want, before seq.Num) {
	switch {
	case got.LessThan(before):
		c.Hint("RCV.NXT went back, from %v to %v: it never does; bytes wholly below it are old duplicates that change nothing", before, got)
	case got.LessThan(want):
		c.Hint("RCV.NXT stopped short: when a segment reaches RCV.NXT, RCV.NXT moves past it and past every held range it now touches")
	default:
		c.Hint("RCV.NXT went too far: it moves only over bytes received without a hole, never over a missing one")
	}
}

// sackHint names what is wrong with blocks got, where want was wanted.
// all is every range held, as blocks.
func sackHint(c *C, got, want, all []wire.SACKBlock, rcvNxt seq.Num, max int) {
	switch {
	case len(got) > max:
		c.Hint("Blocks(%d) returned %d blocks: at most max, the most recent ones", max, len(got))
	case sackShiftedRight(got, want):
		c.Hint("a block is [left, right): Right is the byte after the last one held, not the last one")
	case sackAnyAtOrBelow(got, rcvNxt):
		c.Hint("a block at or below RCV.NXT (%v) says nothing the ACK number does not: data delivered in order leaves the blocks", rcvNxt)
	case sackSameSet(got, want):
		c.Hint("the right blocks in the wrong order: RFC 2018 §4 puts first the block holding the segment that triggered the ACK, then the others, most recently reported first")
	case sackSameBytes(got, want):
		c.Hint("the right bytes cut into the wrong blocks: ranges that touch or overlap are one block")
	case len(got) < len(want):
		c.Hint("too few blocks: report every range held above RCV.NXT, up to max, the most recent first")
	case len(got) == len(want) && sackSubset(got, all):
		c.Hint("these ranges are held, but they are not the most recent ones, or not in that order: order the blocks by the latest arrival that fell into each, newest first (RFC 2018 §4)")
	}
}

func sackShiftedRight(got, want []wire.SACKBlock) bool {
	if len(got) != len(want) || len(got) == 0 {
		return false
	}
	for i := range got {
		if got[i].Left != want[i].Left || got[i].Right.Add(1) != want[i].Right {
			return false
		}
	}
	return true
}

func sackAnyAtOrBelow(blocks []wire.SACKBlock, rcvNxt seq.Num) bool {
	for _, b := range blocks {
		if b.Left.LessThanEq(rcvNxt) {
			return true
		}
	}
	return false
}

// sackSubset reports whether every block of a is one of b's.
func sackSubset(a, b []wire.SACKBlock) bool {
	for _, x := range a {
		found := false
		for _, y := range b {
			found = found || x == y
		}
		if !found {
			return false
		}
	}
	return true
}

// sackSameSet reports whether a and b hold the same blocks in any order.
func sackSameSet(a, b []wire.SACKBlock) bool { return len(a) == len(b) && sackSubset(a, b) }

// sackSameBytes reports whether a and b cover the same sequence numbers,
// cut differently, counting from the lowest left edge among them.
func sackSameBytes(a, b []wire.SACKBlock) bool {
	if len(a) == 0 || len(b) == 0 {
		return false
	}
	low := a[0].Left
	for _, x := range append(append([]wire.SACKBlock(nil), a...), b...) {
		if x.Left.LessThan(low) {
			low = x.Left
		}
	}
	cover := func(blocks []wire.SACKBlock) map[uint32]bool {
		m := map[uint32]bool{}
		for _, x := range blocks {
			for o := low.Distance(x.Left); o < low.Distance(x.Right) && o < 1<<16; o++ {
				m[o] = true
			}
		}
		return m
	}
	ca, cb := cover(a), cover(b)
	if len(ca) != len(cb) {
		return false
	}
	for o := range ca {
		if !cb[o] {
			return false
		}
	}
	return true
}
