package grading

import (
	"math/rand/v2"
	"testing"

	"github.com/tcpedu/tcpedu/tcpedu/seq"
)

// SeqNumImpl is exercise 05's code under test: sequence number arithmetic
// on plain uint32 values, and the receiver's acceptability test.
type SeqNumImpl struct {
	Diff        func(a, b uint32) int32 // a − b, the shorter way round
	LessThan    func(a, b uint32) bool  // a < b in sequence space
	LessOrEqual func(a, b uint32) bool  // a =< b in sequence space
	InWindow    func(s, start, size uint32) bool
	Acceptable  func(segSeq, segLen, rcvNxt, rcvWnd uint32) bool // RFC 9293 §3.10.7.4
}

// SeqNum grades exercise 05 with impl.
func SeqNum(t *testing.T, impl SeqNumImpl) { Run(t, "05-sequence-numbers", seqnumChecks(impl)) }

func init() {
	register(Exercise{ID: "05-sequence-numbers", Title: "Sequence numbers: comparing across the wrap", File: "seqnum.go",
		Checks: seqnumChecks(SeqNumImpl{})})
}

// seqnumMaxWindow is the largest window TCP can offer, 2^30 bytes (RFC 7323
// §2.3); the contract bounds InWindow's size by it.
const seqnumMaxWindow = 1 << 30

// seqnumModelAcceptable is the oracle for Acceptable: the four cases of RFC
// 9293 §3.10.7.4 written with the model's seq.Num.InWindow, exactly as the
// model's receiver tests a segment (Endpoint.acceptable in
// tcpedu/tcp/arrive.go, which is unexported).
func seqnumModelAcceptable(segSeq, segLen, rcvNxt, rcvWnd uint32) bool {
	s, nxt := seq.Num(segSeq), seq.Num(rcvNxt)
	switch {
	case segLen == 0 && rcvWnd == 0:
		return s == nxt
	case segLen == 0:
		return s.InWindow(nxt, rcvWnd)
	case rcvWnd == 0:
		return false
	}
	return s.InWindow(nxt, rcvWnd) || s.Add(segLen-1).InWindow(nxt, rcvWnd)
}

// seqnumAcceptableMistake recognises, from a wrong answer of Acceptable,
// the misconception behind it, or returns "".
func seqnumAcceptableMistake(segSeq, segLen, rcvNxt, rcvWnd uint32, got bool) string {
	last := segSeq + segLen - 1
	end := rcvNxt + rcvWnd
	plainIn := func(s uint32) bool { return rcvNxt <= s && s < end }
	plain := plainIn(segSeq) || segLen > 0 && plainIn(last)
	firstOnly := seq.Num(segSeq).InWindow(seq.Num(rcvNxt), rcvWnd)
	overlap := segLen > 0 && rcvWnd > 0 && seq.Num(last).GreaterThanEq(seq.Num(rcvNxt)) && seq.Num(segSeq).LessThan(seq.Num(end))
	switch {
	case segLen == 0 && rcvWnd == 0 && segSeq == rcvNxt && !got:
		return "a zero window still accepts a segment of length 0 at exactly RCV.NXT (the RFC's first case): that is how an ACK that reopens the window gets through"
	case segLen > 0 && rcvWnd == 0 && got:
		return "a zero window accepts no segment that carries data or SYN or FIN (the RFC's third case: SEG.LEN > 0, RCV.WND = 0, never), not even at RCV.NXT"
	case segLen > 0 && rcvWnd > 0 && got && segSeq+segLen == rcvNxt:
		return "a segment's last sequence number is SEG.SEQ+SEG.LEN−1: one that ends just before RCV.NXT brings nothing new"
	case segLen > 0 && rcvWnd > 0 && got && overlap && !seq.Num(segSeq).InWindow(seq.Num(rcvNxt), rcvWnd) && !seq.Num(last).InWindow(seq.Num(rcvNxt), rcvWnd):
		return "follow RFC 9293 §3.10.7.4 literally: a segment that starts before the window and ends after it has neither its first nor its last byte inside, so the test refuses it"
	case got == plain && plain != firstOnly && (end < rcvNxt || segSeq+segLen < segSeq):
		return "the numbers wrap past 2^32 here, so plain < and <= give the wrong answer: measure distances from RCV.NXT with uint32 subtraction, or use your InWindow"
	case segLen > 0 && rcvWnd > 0 && !got && seq.Num(last).InWindow(seq.Num(rcvNxt), rcvWnd):
		return "test the segment's last byte too (SEG.SEQ+SEG.LEN−1): a retransmission that starts before RCV.NXT but brings new bytes is acceptable"
	case segLen == 0 && rcvWnd > 0 && got && segSeq == end:
		return "the window ends before RCV.NXT+RCV.WND: that number is the first one outside"
	}
	return ""
}

// seqnumCheckAcceptable calls Acceptable and compares with the oracle,
// reporting a failure and its misconception.
func seqnumCheckAcceptable(c *C, impl SeqNumImpl, why string, segSeq, segLen, rcvNxt, rcvWnd uint32) bool {
	want := seqnumModelAcceptable(segSeq, segLen, rcvNxt, rcvWnd)
	got := impl.Acceptable(segSeq, segLen, rcvNxt, rcvWnd)
	if got == want {
		return true
	}
	c.Errorf("Acceptable(SEG.SEQ %#x, SEG.LEN %d, RCV.NXT %#x, RCV.WND %d) = %t, want %t: %s",
		segSeq, segLen, rcvNxt, rcvWnd, got, want, why)
	if h := seqnumAcceptableMistake(segSeq, segLen, rcvNxt, rcvWnd, got); h != "" {
		c.Hint("%s", h)
	}
	return false
}

// seqnumNearWrap returns a random number within a few thousand of 0 or of
// 2^31, where comparisons go wrong, or anywhere, a third of the time each.
func seqnumNearWrap(r *rand.Rand) uint32 {
	off := uint32(r.IntN(8192)) - 4096
	switch r.IntN(3) {
	case 0:
		return off
	case 1:
		return 1<<31 + off
	}
	return r.Uint32()
}

func seqnumChecks(impl SeqNumImpl) []Check {
	return []Check{{
		Name: "measures the signed distance across the wrap",
		Hint: "Diff(a, b) is a − b computed modulo 2^32 and read as a signed 32-bit number: int32(a − b)",
		Run: func(c *C) {
			for _, tc := range []struct {
				a, b uint32
				want int32
			}{
				{5, 3, 2}, {3, 5, -2}, {7, 7, 0},
				{0, 0xffffffff, 1}, {0xffffffff, 0, -1},
				{0x00000100, 0xffffff00, 0x200}, {0xffffff00, 0x00000100, -0x200},
				{0x7fffffff, 0, 0x7fffffff}, {0x80000001, 0, -0x7fffffff},
			} {
				got := impl.Diff(tc.a, tc.b)
				if got == tc.want {
					continue
				}
				c.Errorf("Diff(%#x, %#x) = %d, want %d", tc.a, tc.b, got, tc.want)
				switch {
				case impl.Diff(5, 3) == -2:
					c.Hint("Diff(a, b) is a − b: positive when a comes after b")
				case (tc.a < tc.b) != (tc.want < 0):
					c.Hint("subtract in uint32, where the result wraps modulo 2^32, then convert to int32: the wrap is what makes 0 − 0xffffffff come out as 1")
				}
			}
		},
	}, {
		Name: "orders numbers across the wrap",
		Hint: "a comes before b when b − a, modulo 2^32, is 1 to 2^31−1: test int32(a − b) < 0, not a < b",
		Run: func(c *C) {
			for _, tc := range []struct {
				a, b uint32
				want bool
			}{
				{1, 2, true}, {2, 1, false},
				{0xffffff00, 0x00000100, true}, {0x00000100, 0xffffff00, false},
				{0xffffffff, 0, true}, {0, 0xffffffff, false},
				{0x7ffffff0, 0x80000010, true}, {0x80000010, 0x7ffffff0, false},
				{10, 0x7fffffff, true}, {0x80000010, 5, true},
			} {
				got := impl.LessThan(tc.a, tc.b)
				if got == tc.want {
					continue
				}
				c.Errorf("LessThan(%#x, %#x) = %t, want %t", tc.a, tc.b, got, tc.want)
				if got == (tc.a < tc.b) {
					c.Hint("the plain < fails across the wrap: 0xffffff00 comes 512 bytes before 0x00000100; compare the signed difference, int32(a − b) < 0")
				}
				if got2 := impl.LessOrEqual(tc.a, tc.b); got2 != tc.want {
					c.Errorf("LessOrEqual(%#x, %#x) = %t, want %t", tc.a, tc.b, got2, tc.want)
				}
			}
		},
	}, {
		Name: "keeps LessThan strict and LessOrEqual not",
		Hint: "a number does not come before itself: LessThan(a, a) is false, LessOrEqual(a, a) true",
		Run: func(c *C) {
			for _, a := range []uint32{0, 1, 0x7fffffff, 0x80000000, 0xffffffff} {
				if impl.LessThan(a, a) {
					c.Fail("LessThan is strict: int32(a − b) < 0, and a − a is 0", "LessThan(%#x, %#x) = true, want false", a, a)
				}
				if !impl.LessOrEqual(a, a) {
					c.Fail("LessOrEqual(a, b) is true when a equals b: int32(a − b) <= 0", "LessOrEqual(%#x, %#x) = false, want true", a, a)
				}
				if next := a + 1; !impl.LessOrEqual(a, next) || impl.LessOrEqual(next, a) {
					c.Fail("a comes one byte before a+1, even when a+1 wraps to 0: LessOrEqual(a, b) is Diff(a, b) <= 0, and Diff(a, a+1) is −1",
						"LessOrEqual(%#x, %#x) = %t and LessOrEqual(%#x, %#x) = %t, want true and false",
						a, next, impl.LessOrEqual(a, next), next, a, impl.LessOrEqual(next, a))
				}
			}
		},
	}, {
		Name: "agrees with the model on random pairs",
		Hint: "every comparison is the sign of one signed difference, Diff(a, b): LessThan is Diff < 0, LessOrEqual is Diff <= 0",
		Run: func(c *C) {
			r := rand.New(rand.NewPCG(1982, 32))
			for i := 0; i < 2000 && !c.Failed(); i++ {
				a := seqnumNearWrap(r)
				delta := seqnumNearWrap(r)
				if delta == 1<<31 {
					continue // exactly half the circle apart: no order (RFC 1982 §3.2)
				}
				b := a + delta
				na, nb := seq.Num(a), seq.Num(b)
				if got, want := impl.Diff(a, b), na.Sub(nb); got != want {
					c.Errorf("Diff(%#x, %#x) = %d, want %d", a, b, got, want)
				}
				if got, want := impl.LessThan(a, b), na.LessThan(nb); got != want {
					c.Errorf("LessThan(%#x, %#x) = %t, want %t", a, b, got, want)
					if got == (a < b) {
						c.Hint("the plain < fails across the wrap: compare the signed difference, int32(a − b) < 0")
					}
				}
				if got, want := impl.LessOrEqual(a, b), na.LessThanEq(nb); got != want {
					c.Errorf("LessOrEqual(%#x, %#x) = %t, want %t", a, b, got, want)
				}
			}
		},
	}, {
		Name: "tests window membership across the wrap",
		Hint: "s is in the window when the forward distance from start to s, s − start in uint32, is below size: that tests both edges at once, across the wrap",
		Run: func(c *C) {
			for _, tc := range []struct {
				s, start, size uint32
				want           bool
				why            string
			}{
				{100, 100, 10, true, "the first number of the window is inside"},
				{109, 100, 10, true, "the last number of the window is start+size−1"},
				{110, 100, 10, false, "start+size is the first number outside"},
				{99, 100, 10, false, "just before the window"},
				{0xfffffff8, 0xfffffff0, 0x20, true, "inside a window that straddles 0, before the wrap"},
				{0x00000008, 0xfffffff0, 0x20, true, "inside a window that straddles 0, after the wrap"},
				{0x00000010, 0xfffffff0, 0x20, false, "just past a window that straddles 0"},
				{0xffffffef, 0xfffffff0, 0x20, false, "just before a window that straddles 0"},
				{100, 100, 0, false, "a window of size 0 holds nothing"},
				{0, 0, 1, true, "a window of size 1 holds its start"},
				{0x7fffffff, 0x40000000, seqnumMaxWindow, true, "the last number of the largest window"},
			} {
				got := impl.InWindow(tc.s, tc.start, tc.size)
				if got == tc.want {
					continue
				}
				c.Errorf("InWindow(%#x, %#x, %#x) = %t, want %t: %s", tc.s, tc.start, tc.size, got, tc.want, tc.why)
				switch {
				case tc.s == tc.start+tc.size && tc.size > 0:
					c.Hint("the window is start =< s < start+size: its end is exclusive")
				case tc.size == 0:
					c.Hint("a window of size 0 holds no number, not even start")
				case got == (tc.start <= tc.s && tc.s < tc.start+tc.size):
					c.Hint("the plain <= and < fail when the window straddles 0: use s − start < size, computed in uint32")
				}
			}
		},
	}, {
		Name: "agrees with the model on random windows",
		Hint: "InWindow(s, start, size) is s − start < size in uint32 arithmetic: one subtraction, no comparison that the wrap can fool",
		Run: func(c *C) {
			r := rand.New(rand.NewPCG(7323, 23))
			for i := 0; i < 2000 && !c.Failed(); i++ {
				start := seqnumNearWrap(r)
				size := uint32(r.IntN(5000))
				if r.IntN(4) == 0 {
					size = uint32(r.IntN(seqnumMaxWindow + 1))
				}
				// s near one of the two edges, or anywhere.
				var s uint32
				switch r.IntN(3) {
				case 0:
					s = start + uint32(r.IntN(21)) - 10
				case 1:
					s = start + size + uint32(r.IntN(21)) - 10
				default:
					s = r.Uint32()
				}
				want := seq.Num(s).InWindow(seq.Num(start), size)
				if got := impl.InWindow(s, start, size); got != want {
					c.Errorf("InWindow(%#x, %#x, %#x) = %t, want %t", s, start, size, got, want)
				}
			}
		},
	}, {
		Name: "accepts segments of length 0 by the first two cases",
		Hint: "SEG.LEN = 0: with RCV.WND = 0 only SEG.SEQ = RCV.NXT is acceptable; with RCV.WND > 0, RCV.NXT =< SEG.SEQ < RCV.NXT+RCV.WND",
		Run: func(c *C) {
			var nxt uint32 = 0xffffff00
			seqnumCheckAcceptable(c, impl, "a bare ACK at RCV.NXT with a zero window", nxt, 0, nxt, 0)
			seqnumCheckAcceptable(c, impl, "a bare ACK one past RCV.NXT with a zero window", nxt+1, 0, nxt, 0)
			seqnumCheckAcceptable(c, impl, "a bare ACK one before RCV.NXT with a zero window", nxt-1, 0, nxt, 0)
			seqnumCheckAcceptable(c, impl, "a bare ACK at RCV.NXT", nxt, 0, nxt, 1000)
			seqnumCheckAcceptable(c, impl, "a bare ACK inside the window, past the wrap", 0x100, 0, nxt, 1000)
			seqnumCheckAcceptable(c, impl, "a bare ACK at RCV.NXT+RCV.WND, just outside", nxt+1000, 0, nxt, 1000)
			seqnumCheckAcceptable(c, impl, "a bare ACK one before RCV.NXT", nxt-1, 0, nxt, 1000)
		},
	}, {
		Name: "accepts no data into a zero window",
		Hint: "SEG.LEN > 0 and RCV.WND = 0: never acceptable (RFC 9293 §3.10.7.4, third case), wherever the segment starts",
		Run: func(c *C) {
			var nxt uint32 = 0xfffffffe
			seqnumCheckAcceptable(c, impl, "1 byte at RCV.NXT into a zero window", nxt, 1, nxt, 0)
			seqnumCheckAcceptable(c, impl, "1000 bytes at RCV.NXT into a zero window", nxt, 1000, nxt, 0)
			seqnumCheckAcceptable(c, impl, "old bytes reaching RCV.NXT, into a zero window", nxt-10, 11, nxt, 0)
			seqnumCheckAcceptable(c, impl, "a FIN alone (SEG.LEN 1) at RCV.NXT into a zero window", nxt, 1, nxt, 0)
		},
	}, {
		Name: "accepts a segment whose first or last byte is in the window",
		Hint: "SEG.LEN > 0, RCV.WND > 0: acceptable when SEG.SEQ or SEG.SEQ+SEG.LEN−1 lies in RCV.NXT up to RCV.NXT+RCV.WND−1",
		Run: func(c *C) {
			var nxt, wnd uint32 = 0xfffffc00, 0x800 // the window is 0xfffffc00 up to 0x000003ff
			seqnumCheckAcceptable(c, impl, "in-order data at RCV.NXT", nxt, 100, nxt, wnd)
			seqnumCheckAcceptable(c, impl, "data that fills the window exactly, across the wrap", nxt, wnd, nxt, wnd)
			seqnumCheckAcceptable(c, impl, "a retransmission that starts 100 bytes before RCV.NXT and brings 100 new ones", nxt-100, 200, nxt, wnd)
			seqnumCheckAcceptable(c, impl, "a duplicate whose last byte is RCV.NXT−1", nxt-100, 100, nxt, wnd)
			seqnumCheckAcceptable(c, impl, "data that starts in the window and runs past its end", 0x3f0, 100, nxt, wnd)
			seqnumCheckAcceptable(c, impl, "data that starts at RCV.NXT+RCV.WND", nxt+wnd, 10, nxt, wnd)
			seqnumCheckAcceptable(c, impl, "data whose last byte is the window's last", 0x3f0, 16, nxt, wnd)
			seqnumCheckAcceptable(c, impl, "data far ahead of the window", 0x10000, 10, nxt, wnd)
			seqnumCheckAcceptable(c, impl, "data that starts before the window and ends after it (neither end inside)", nxt-10, wnd+20, nxt, wnd)
		},
	}, {
		Name: "agrees with the model on random segments",
		Hint: "write the four cases of RFC 9293 §3.10.7.4 as a switch on SEG.LEN = 0 and RCV.WND = 0, and test each edge with InWindow",
		Run: func(c *C) {
			r := rand.New(rand.NewPCG(9293, 3107))
			for i := 0; i < 3000 && !c.Failed(); i++ {
				rcvNxt := seqnumNearWrap(r)
				rcvWnd := uint32(r.IntN(3000))
				if r.IntN(5) == 0 {
					rcvWnd = 0
				}
				segLen := uint32(r.IntN(3000))
				if r.IntN(4) == 0 {
					segLen = 0
				}
				segSeq := rcvNxt + uint32(r.IntN(8000)) - 4000
				seqnumCheckAcceptable(c, impl, "a random segment", segSeq, segLen, rcvNxt, rcvWnd)
			}
		},
	}}
}
