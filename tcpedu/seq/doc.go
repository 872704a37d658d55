// Package seq models TCP sequence numbers: the 32-bit counters that name every
// byte a TCP connection sends (RFC 9293 §3.4).
//
// # What a sequence number numbers
//
// Each direction of a connection is its own stream of bytes, and every byte in
// it has a number. The sender picks the first number, its initial sequence
// number (ISN), and announces it in its SYN. The SYN itself takes that number,
// the first data byte takes the next, and the FIN takes one more after the last
// data byte, so that SYN and FIN can be acknowledged like data:
//
//	number:   ISN    ISN+1  ISN+2   ...   ISN+k   ISN+k+1
//	        +------+------+------+-------+-------+-------+
//	        | SYN  | byte | byte |  ...  | byte  |  FIN  |
//	        |      |  1   |  2   |       |  k    |       |
//	        +------+------+------+-------+-------+-------+
//
// A segment's sequence number (SEG.SEQ) is the number of the first thing it
// carries: its SYN, or else its first data byte. Its acknowledgment number
// (SEG.ACK) is the number of the next byte its sender expects from the other
// side, that is one past the last byte received in order.
//
// # Why it wraps
//
// The field is 32 bits wide, so after 4294967295 comes 0, and RFC 9293 §3.4
// requires all arithmetic on sequence numbers to be done modulo 2^32. The
// numbers live on a circle, not a line. A connection that moves more than
// 4 GiB goes all the way round; and because the ISN can be anywhere on the
// circle, even a ten-byte transfer may cross 0.
//
// On a circle, plain < gives wrong answers: 4294967295 is the byte just
// before 0, not four billion bytes after it. This package orders two numbers
// by the shorter way round the circle between them. That is right as long as
// the two are less than 2^31 bytes apart, and TCP sees to it that they are:
// it never has more than a window of data in flight, and a window is at most
// 2^30 bytes (RFC 7323 §2.3).
//
// # Reading order
//
//	num.go       Num, Add, Sub, Distance, SegLen: moving along the circle
//	compare.go   LessThan and its friends, Min, Max: order that survives the wrap
//	window.go    InWindow, InRange: is a byte inside the window? (RFC 9293 §3.10.7.4)
//	relative.go  Relative, Absolute: the small numbers Wireshark shows
//	tracker.go   Tracker: learning the base of a direction the way Wireshark does
//
// Every file has its tests beside it. example_test.go holds a runnable example
// with its output for each idea, in the same order, and fuzz_test.go checks
// the one-line implementations against slow, obvious ones.
//
// # RFCs
//
//   - RFC 9293 §3.4: sequence numbers, arithmetic modulo 2^32, and SEG.LEN,
//     which counts SYN and FIN.
//   - RFC 9293 §3.10.7.4: the acceptability test, which asks whether a
//     segment falls inside the receive window.
//   - RFC 1982: serial number arithmetic, the general form of the comparison
//     used here, and why two numbers exactly 2^31 apart cannot be ordered.
//   - RFC 7323 §2.3: why a window stays below 2^30 bytes, which keeps every
//     comparison TCP makes well inside the 2^31 limit.
package seq
