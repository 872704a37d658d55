// Exercise 05: sequence number arithmetic (RFC 9293 §3.4, RFC 1982).
//
// TCP numbers the bytes of each direction of a connection with 32-bit
// sequence numbers, modulo 2^32: after 4294967295 (0xffffffff) comes 0. The
// numbers sit on a circle, so "a comes before b" cannot be the plain a < b:
// a connection that has sent 4 GB crosses the wrap, and a sender that has
// just wrapped must still see 0xffffff00 as before 0x00000100. Write the
// comparisons TCP uses, on plain uint32 values, without the model's
// seq.Num methods (tcpedu/seq is the oracle the tests compare you with).
//
// The rule (RFC 1982 §3.2, which RFC 9293 §3.4 applies): a comes before b
// when going forward from a, b is reached in less than half the circle,
// that is, when b − a, computed modulo 2^32, is between 1 and 2^31 − 1.
// Read as a signed 32-bit number, a − b is then negative. Two numbers
// exactly 2^31 apart have no order; the tests never ask about them.
//
//	     a here: LessThan(a, b)                 a here: LessThan(b, a)
//	|<------ b−2^31+1 ... b−1 ------>| b |<------ b+1 ... b+2^31−1 ------>|
//
// The contract:
//
//   - Diff(a, b) returns the signed distance a − b in bytes: positive when
//     a comes after b, negative when before. Diff(0, 0xffffffff) is 1:
//     byte 0 comes one byte after byte 4294967295.
//   - LessThan(a, b) reports whether a comes before b (written a < b in
//     RFC 9293); LessOrEqual(a, b) whether a comes before b or equals it
//     (written a =< b).
//   - InWindow(s, start, size) reports whether s is one of the size
//     numbers start, start+1, ..., start+size−1, counting round the circle:
//     start =< s < start+size. A window of size 0 holds nothing. size is at
//     most 2^30, the largest window TCP can offer (RFC 7323 §2.3).
//   - Acceptable(segSeq, segLen, rcvNxt, rcvWnd) is the receiver's first
//     test of an arriving segment (RFC 9293 §3.10.7.4): does any of it fall
//     in the receive window, which starts at RCV.NXT and holds RCV.WND
//     bytes? SEG.LEN counts the sequence numbers the segment occupies (its
//     data bytes, plus 1 for a SYN and 1 for a FIN). The RFC gives four
//     cases, in the table below.
//
// The four cases of Acceptable:
//
//	SEG.LEN  RCV.WND  acceptable when
//	0        0        SEG.SEQ = RCV.NXT
//	0        >0       RCV.NXT =< SEG.SEQ < RCV.NXT+RCV.WND
//	>0       0        never
//	>0       >0       RCV.NXT =< SEG.SEQ < RCV.NXT+RCV.WND
//	                  or RCV.NXT =< SEG.SEQ+SEG.LEN−1 < RCV.NXT+RCV.WND
//
// So a segment with data is acceptable when its first byte or its last
// byte is in the window: a retransmission that starts before RCV.NXT but
// brings new bytes is acceptable. Follow the table literally: a segment
// that starts before the window and ends after it has neither end inside,
// and the RFC's test refuses it (Linux accepts it; the model follows the
// RFC). A zero window accepts no data at all, but a bare ACK exactly at
// RCV.NXT still gets through, so that the window can reopen.
//
// Worked example: with RCV.NXT = 0xfffffff0 and RCV.WND = 0x40, the window
// holds 0xfffffff0 up to 0x0000002f, across the wrap. A segment with
// SEG.SEQ = 0xffffffe0 and SEG.LEN = 0x20 has its last byte at 0xffffffff:
// inside, so it is acceptable, although its first byte is old. One with
// SEG.SEQ = 0x00000030 is just past the window: not acceptable. And
// LessThan(0xffffff00, 0x00000100) is true, while 0xffffff00 < 0x00000100
// is false.
//
// Run the tests with: go test ./exercises/05-sequence-numbers
// Grade it with: go run ./cmd/tcpedu grade 05
package seqnum

// Diff returns the signed distance a − b, in bytes, the shorter way round.
func Diff(a, b uint32) int32 {
	// Your code here.
	return 0
}

// LessThan reports whether a comes before b in sequence space.
func LessThan(a, b uint32) bool {
	// Your code here.
	return false
}

// LessOrEqual reports whether a comes before b or equals it.
func LessOrEqual(a, b uint32) bool {
	// Your code here.
	return false
}

// InWindow reports whether s lies in the size numbers that start at start:
// start =< s < start+size, modulo 2^32.
func InWindow(s, start, size uint32) bool {
	// Your code here.
	return false
}

// Acceptable reports whether a segment of segLen sequence numbers starting
// at segSeq passes the acceptability test of RFC 9293 §3.10.7.4 for a
// receive window of rcvWnd bytes starting at rcvNxt.
func Acceptable(segSeq, segLen, rcvNxt, rcvWnd uint32) bool {
	// Your code here.
	return false
}
