package seq

import "strconv"

// Num is a TCP sequence number: a position on the circle of 2^32 numbers
// that name the bytes of one direction of a connection (RFC 9293 §3.4).
// Each data byte takes one number, and so do the SYN and the FIN, which is
// how they get acknowledged. The zero value is the number 0, an ordinary
// position on the circle with no special meaning: an ISN may be 0, and the
// bytes after 4294967295 are numbered 0, 1, 2, ...
//
// Do not compare two Nums with <, <=, > or >=. The numbers wrap, so
// 4294967295 < 0 is false even though 4294967295 comes one byte before 0.
// Use LessThan, LessThanEq, GreaterThan and GreaterThanEq, which follow the
// wrap. == and != are fine: two numbers are the same position or they are
// not.
type Num uint32

// Add returns the sequence number the given count of bytes after n,
// wrapping past 4294967295 to 0: Num(4294967295).Add(1) is 0. RFC 9293 §3.4
// does all sequence arithmetic modulo 2^32, and so does Go's uint32
// addition, so + on two Nums wraps too; Add says in its signature that what
// is added is a count of bytes, not another position.
func (n Num) Add(bytes uint32) Num {
	return n + Num(bytes)
}

// Sub returns the signed distance n−m in bytes: positive when n comes after
// m, negative when it comes before, 0 when they are equal. It is the shorter
// way round the circle, so Num(0).Sub(4294967295) is 1, not −4294967295.
//
// The answer is exact while n and m are less than 2^31 bytes apart. When
// they are exactly 2^31 apart, each is as far ahead of the other as behind,
// and Sub returns −2^31 whichever way round it is asked.
func (n Num) Sub(m Num) int32 {
	// Subtracting modulo 2^32 and reading the result as two's complement
	// picks whichever of the two ways round the circle is shorter.
	return int32(uint32(n) - uint32(m))
}

// Distance returns how many bytes it takes to go forward from n to to,
// modulo 2^32: the number of bytes in [n, to). It is never negative; if to
// comes before n, the answer goes nearly all the way round the circle. So
// Num(10).Distance(12) is 2 and Num(12).Distance(10) is 4294967294.
func (n Num) Distance(to Num) uint32 {
	return uint32(to - n)
}

// SegLen returns SEG.LEN, the number of sequence numbers a segment takes:
// its data bytes plus one for a SYN and one for a FIN (RFC 9293 §3.4). A
// segment starting at SEG.SEQ takes the numbers SEG.SEQ up to
// SEG.SEQ+SEG.LEN−1, and the receiver acknowledges it with SEG.SEQ+SEG.LEN,
// the number Wireshark calls "next sequence number". A bare ACK has SEG.LEN
// 0 and takes no number at all.
func SegLen(dataBytes uint32, syn, fin bool) uint32 {
	n := dataBytes
	if syn {
		n++ // the SYN takes the number before the first data byte
	}
	if fin {
		n++ // the FIN takes the number after the last data byte
	}
	return n
}

// String returns n in decimal, as tcpdump and Wireshark print a raw
// sequence number.
func (n Num) String() string {
	return strconv.FormatUint(uint64(n), 10)
}
