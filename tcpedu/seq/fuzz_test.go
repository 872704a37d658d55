package seq_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/tcpedu/tcpedu/tcpedu/seq"
)

// The fuzz targets below check the one-line implementations against slow,
// obvious ones that lift the circle onto 64-bit integers, where nothing
// wraps. Their seed corpora run under plain go test; to search further, run
// one target at a time, for example
//
//	go test -fuzz=FuzzCompare -fuzztime=30s ./tcpedu/seq/

// circle is the number of sequence numbers: 2^32.
const circle = uint64(1) << 32

// slowAhead returns how far b is ahead of a, from 0 to 2^32−1, by walking
// forward from a on 64-bit integers and coming back round if b is below a.
func slowAhead(a, b seq.Num) uint64 {
	from, to := uint64(a), uint64(b)
	if to < from {
		to += circle // b is on the next turn of the circle
	}
	return to - from
}

// slowLessThan is the definition of "a comes before b": b is ahead of a by
// less than half the circle.
func slowLessThan(a, b seq.Num) bool {
	d := slowAhead(a, b)
	return 0 < d && d < circle/2
}

// slowInWindow is the definition of "n is in the window of size bytes from
// start": n is at most size−1 bytes ahead of start.
func slowInWindow(n, start seq.Num, size uint32) bool {
	return slowAhead(start, n) < uint64(size)
}

// seeds are pairs of numbers around the places where things go wrong: 0,
// the top, and half a turn apart.
var seeds = [][2]uint32{
	{0, 0}, {0, 1}, {4294967295, 0}, {0, 4294967295}, {4294967000, 704},
	{0, 1<<31 - 1}, {0, 1 << 31}, {0, 1<<31 + 1}, {748207436, 3636130622},
}

// FuzzCompare checks LessThan against slowLessThan, and that the four
// comparisons and Sub agree with each other. Two numbers exactly 2^31 apart
// are skipped: their order is undefined (see TestCompareHalfTurn).
func FuzzCompare(f *testing.F) {
	for _, s := range seeds {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, x, y uint32) {
		a, b := seq.Num(x), seq.Num(y)
		if slowAhead(a, b) == circle/2 {
			t.Skip("exactly 2^31 apart: order undefined")
		}
		lt, gt, eq := a.LessThan(b), a.GreaterThan(b), a == b
		assert.Equalf(t, slowLessThan(a, b), lt, "Num(%d).LessThan(%d) = %t, want %t", a, b, lt, slowLessThan(a, b))
		assert.Equalf(t, b.LessThan(a), gt, "Num(%d).GreaterThan(%d) = %t, want Num(%d).LessThan(%d) = %t", a, b, gt, b, a, b.LessThan(a))

		// Antisymmetry: exactly one of a < b, a == b, a > b.
		count := 0
		for _, holds := range []bool{lt, eq, gt} {
			if holds {
				count++
			}
		}
		assert.Equalf(t, 1, count, "Num(%d) vs Num(%d): LessThan %t, == %t, GreaterThan %t; want exactly one true", a, b, lt, eq, gt)

		assert.Equalf(t, lt || eq, a.LessThanEq(b), "Num(%d).LessThanEq(%d) = %t, want %t", a, b, a.LessThanEq(b), lt || eq)
		assert.Equalf(t, gt || eq, a.GreaterThanEq(b), "Num(%d).GreaterThanEq(%d) = %t, want %t", a, b, a.GreaterThanEq(b), gt || eq)

		// Walking Sub's signed distance from b lands on a.
		d := a.Sub(b)
		assert.Equalf(t, a, b.Add(uint32(d)), "Num(%d).Add(uint32(Num(%d).Sub(%d))) = %d, want %d", b, a, b, b.Add(uint32(d)), a)
		assert.Equalf(t, lt, d < 0, "Num(%d).Sub(%d) = %d but LessThan = %t", a, b, d, lt)
	})
}

// FuzzRelativeAbsolute checks that Relative and Absolute undo each other
// for every base, and that Relative agrees with slowAhead.
func FuzzRelativeAbsolute(f *testing.F) {
	for _, s := range seeds {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, b, x uint32) {
		base, n := seq.Num(b), seq.Num(x)
		rel := n.Relative(base)
		assert.Equalf(t, slowAhead(base, n), uint64(rel), "Num(%d).Relative(%d) = %d, want %d", n, base, rel, slowAhead(base, n))
		assert.Equalf(t, n, seq.Absolute(base, rel), "Absolute(%d, Num(%d).Relative(%d)) = %d, want %d", base, n, base, seq.Absolute(base, rel), n)

		r := x // the same bits read as a relative number
		back := seq.Absolute(base, r).Relative(base)
		assert.Equalf(t, r, back, "Absolute(%d, %d).Relative(%d) = %d, want %d", base, r, base, back, r)
	})
}

// FuzzInWindow checks InWindow against slowInWindow for any size, and
// against the RFC 9293 §3.10.7.4 inequality written out with LessThanEq and
// LessThan where those comparisons are exact: a window under 2^31 bytes,
// and neither comparison between numbers exactly 2^31 apart. (Without that
// last condition a window of size 0 would hold the number half a turn from
// its start, since LessThan says yes both ways round there.)
func FuzzInWindow(f *testing.F) {
	for _, s := range seeds {
		f.Add(s[0], s[1], uint32(1000))
		f.Add(s[0], s[1], uint32(0))
		f.Add(s[1], s[0], uint32(4294967295))
	}
	f.Fuzz(func(t *testing.T, x, s, size uint32) {
		n, start := seq.Num(x), seq.Num(s)
		got := n.InWindow(start, size)
		assert.Equalf(t, slowInWindow(n, start, size), got, "Num(%d).InWindow(%d, %d) = %t, want %t", n, start, size, got, slowInWindow(n, start, size))

		end := start.Add(size)
		if uint64(size) < circle/2 && slowAhead(start, n) != circle/2 && slowAhead(n, end) != circle/2 {
			// RCV.NXT =< SEG.SEQ < RCV.NXT+RCV.WND
			rfc := start.LessThanEq(n) && n.LessThan(end)
			assert.Equalf(t, rfc, got, "Num(%d).InWindow(%d, %d) = %t, want %t from the RFC inequality", n, start, size, got, rfc)
		}

		assert.Equalf(t, got, n.InRange(start, end), "Num(%d).InRange(%d, %d) = %t, want InWindow's %t", n, start, end, n.InRange(start, end), got)
	})
}
