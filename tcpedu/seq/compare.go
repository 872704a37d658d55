package seq

// Ordering sequence numbers (RFC 9293 §3.4, RFC 1982 §3.2).
//
// The numbers sit on a circle, so "n comes before m" has to mean "going
// forward from n, m is reached in less than half a turn". Sub computes the
// signed distance n−m along the shorter way round; n is before m when that
// distance is negative. Every comparison below is that one test. Seen from
// m, the circle splits into two halves:
//
//	        n.LessThan(m)                             n.GreaterThan(m)
//	|<------- 2^31 numbers ------->|         |<------ 2^31−1 numbers ------>|
//	 m−2^31   ...   m−2      m−1        m        m+1      m+2   ...   m+2^31−1
//
// For m = 0 that puts 4294967295 (which is 0−1) before 0, and 1 after it.
//
// The test is exact while the two numbers are less than 2^31 bytes apart.
// At exactly 2^31 apart (m−2^31 and m+2^31 are the same number) neither is
// really ahead: RFC 1982 §3.2 leaves that case undefined, and here LessThan
// reports true both ways round, as Linux's before() does. TCP never gets
// near it, because a window is at most 2^30 bytes (RFC 7323 §2.3).

// LessThan reports whether n comes before m in sequence space, that is
// whether m is 1 to 2^31−1 bytes ahead of n. It reports true for
// Num(4294967295).LessThan(0), where the plain integer < says false. For two
// numbers exactly 2^31 apart it reports true both ways round.
func (n Num) LessThan(m Num) bool {
	return n.Sub(m) < 0
}

// LessThanEq reports whether n comes before m or equals it: written
// n =< m in RFC 9293.
func (n Num) LessThanEq(m Num) bool {
	return n.Sub(m) <= 0
}

// GreaterThan reports whether n comes after m in sequence space, that is
// whether n is 1 to 2^31−1 bytes ahead of m. It reports true for
// Num(0).GreaterThan(4294967295): byte 0 comes one byte after byte 4294967295.
// For two numbers exactly 2^31 apart it reports false both ways round.
func (n Num) GreaterThan(m Num) bool {
	return n.Sub(m) > 0
}

// GreaterThanEq reports whether n comes after m or equals it.
func (n Num) GreaterThanEq(m Num) bool {
	return n.Sub(m) >= 0
}

// Max returns whichever of a and b comes later in sequence space, such as
// the larger of two acknowledgment numbers. It is a function rather than
// the max builtin because the builtin compares plain integers, which is
// wrong across the wrap (and yaegi does not have it).
func Max(a, b Num) Num {
	if a.LessThan(b) {
		return b
	}
	return a
}

// Min returns whichever of a and b comes earlier in sequence space, such as
// the lower edge of two overlapping ranges.
func Min(a, b Num) Num {
	if a.LessThan(b) {
		return a
	}
	return b
}
