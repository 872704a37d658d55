// Reference solution to exercise 05: sequence number arithmetic; the
// contract is in exercises/05-sequence-numbers/seqnum.go.
package seqnum

// Diff returns the signed distance a − b, in bytes, the shorter way round.
func Diff(a, b uint32) int32 {
	// Subtracting modulo 2^32 and reading the result as two's complement
	// picks whichever way round the circle is shorter (RFC 1982 §3.2).
	return int32(a - b)
}

// LessThan reports whether a comes before b in sequence space.
func LessThan(a, b uint32) bool {
	return Diff(a, b) < 0 // b is 1 to 2^31−1 bytes ahead of a
}

// LessOrEqual reports whether a comes before b or equals it.
func LessOrEqual(a, b uint32) bool {
	return Diff(a, b) <= 0
}

// InWindow reports whether s lies in the size numbers that start at start:
// start =< s < start+size, modulo 2^32.
func InWindow(s, start, size uint32) bool {
	// Both bounds at once: counting forward from start, s is reached
	// before the window runs out. The subtraction wraps, so a window that
	// straddles 0 needs no special case, and size 0 holds nothing.
	return s-start < size
}

// Acceptable reports whether a segment of segLen sequence numbers starting
// at segSeq passes the acceptability test of RFC 9293 §3.10.7.4 for a
// receive window of rcvWnd bytes starting at rcvNxt.
func Acceptable(segSeq, segLen, rcvNxt, rcvWnd uint32) bool {
	switch {
	case segLen == 0 && rcvWnd == 0:
		// Nothing fits, but a bare ACK at exactly RCV.NXT is current.
		return segSeq == rcvNxt
	case segLen == 0:
		// RCV.NXT =< SEG.SEQ < RCV.NXT+RCV.WND
		return InWindow(segSeq, rcvNxt, rcvWnd)
	case rcvWnd == 0:
		// Data into a zero window: never.
		return false
	}
	// Its first byte or its last byte lies in the window.
	last := segSeq + segLen - 1 // wraps past 2^32 like the numbers do
	return InWindow(segSeq, rcvNxt, rcvWnd) || InWindow(last, rcvNxt, rcvWnd)
}
