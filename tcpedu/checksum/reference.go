package checksum

// This file is the arithmetic of the Internet checksum, written to be read.
// Start here: ReferenceSum is RFC 1071 §4.1 in Go, Add is the one operation
// the whole scheme is built on, and Of turns a sum into the value that goes
// into a header's checksum field.

// ReferenceSum returns the 16-bit one's-complement sum of b, computed the
// way RFC 1071 §4.1 describes it. b is read as a sequence of 16-bit
// big-endian (network byte order) words; if len(b) is odd, the last byte is
// padded on the right with a zero byte to make a whole word.
//
// The result is the folded sum itself, not its complement: the value that
// goes into a checksum field is Of(b) = ^Sum(b). ReferenceSum returns 0 only
// when every byte of b is zero (including when b is empty); any other input
// sums to a value in 1..0xFFFF.
//
// ReferenceSum is the oracle of this package: it favours clarity over
// speed, and the fast Sum (fast.go) is tested and fuzzed against it.
func ReferenceSum(b []byte) uint16 {
	// RFC 1071 §4.1 keeps a 32-bit accumulator and adds 16-bit words into
	// it. A carry out of bit 15 is not lost: it lands in the upper half of
	// the accumulator, and all such carries are added back into the low
	// half once, at the end (RFC 1071 §2, "Deferred Carries").
	//
	// The RFC's C code loads each word in the machine's own byte order and
	// relies on RFC 1071 §2(B) to make that right. This version builds
	// each word big-endian, as RFC 1071 §1 defines it, so that every
	// intermediate value is the one you would get by hand.
	var sum uint32
	for len(b) >= 2 {
		word := uint32(b[0])<<8 | uint32(b[1]) // big-endian: first byte is high
		sum += word
		b = b[2:]

		// Each word adds less than 2^16, so sum stays below 2^31 for at
		// least 32,768 words: 64 KiB, the largest IP packet. For longer
		// inputs we fold early, long before sum could overflow; adding
		// a carry back in sooner rather than later does not change the
		// result (RFC 1071 §2(A)).
		if sum >= 1<<31 {
			sum = uint32(fold(sum))
		}
	}

	// An odd final byte is the high byte of a word whose low byte is zero.
	if len(b) == 1 {
		sum += uint32(b[0]) << 8
	}

	return fold(sum)
}

// fold adds the carries collected above bit 15 of sum back into its low 16
// bits (the end-around carry) until none are left, and returns the result.
// One pass can itself carry (0xFFFF + 0x0001), so fold loops; two passes
// are always enough for a 32-bit input.
func fold(sum uint32) uint16 {
	for sum > 0xFFFF {
		sum = sum&0xFFFF + sum>>16
	}
	return uint16(sum)
}

// Add returns the one's-complement sum of a and b: their ordinary sum with
// any carry out of bit 15 added back in at bit 0 (the "end around carry"
// of RFC 1071 §1). Add(0xFFFF, 0x0001) is 0x0001, not 0x0000.
//
// Add is how partial sums combine. The words may be split into groups and
// added in any order, as long as every byte keeps its place as the high
// or the low byte of its word (RFC 1071 §2(A)). So if a buffer is cut into
// chunks, every chunk except the last must have an even length, so that
// each chunk starts on a word boundary of the whole. Then
//
//	Add(Sum(b[:n]), Sum(b[n:])) == Sum(b)   for every even n
//
// This is how the pseudo-header and the segment are summed separately and
// then combined. (A chunk that starts at an odd offset would have every
// byte paired with the wrong neighbour; by RFC 1071 §2(B) its sum comes
// out with its two bytes swapped.)
func Add(a, b uint16) uint16 {
	return fold(uint32(a) + uint32(b))
}

// Of returns the checksum of b: the one's complement of its sum, ^Sum(b).
// This is the value to store in a checksum field that covers exactly b, as
// the IPv4 header checksum does (RFC 791 §3.1): compute Of over the header
// with its checksum field set to zero, then store the result in the field.
//
// A receiver can run Of over the header as received, checksum field
// included: a header that arrived intact gives 0.
func Of(b []byte) uint16 {
	return ^Sum(b)
}
