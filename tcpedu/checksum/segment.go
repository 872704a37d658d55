package checksum

// This file puts the pieces together. The TCP and UDP checksums cover the
// pseudo-header (pseudo.go) followed by the whole segment, header and
// payload, and are built from the sums of reference.go. Compute fills in a
// checksum field; Verify checks one.

// checksumFieldLen is the size of a TCP or UDP checksum field in bytes.
const checksumFieldLen = 2

// allOnes is 0xFFFF, "-0" in one's-complement arithmetic: the sum that a
// correctly checksummed piece of data adds up to (RFC 1071 §1, item (3)).
const allOnes = 0xFFFF

// Compute returns the value to store in the checksum field of segment, a
// TCP segment or UDP datagram (header followed by payload) whose
// pseudo-header is ph. fieldOffset is the position of the 2-byte checksum
// field, in bytes from the start of segment: 16 for TCP (RFC 9293 §3.1), 6
// for UDP (RFC 768).
//
// The result is the one's complement of the one's-complement sum of the
// pseudo-header and the segment (RFC 9293 §3.1), computed as if the two
// bytes at fieldOffset were zero, whatever they hold. So the result does
// not depend on whether the field was cleared first, and a segment that
// already carries a correct checksum gives that checksum back. Compute
// does not modify segment and does not allocate.
//
// Compute returns the arithmetic result, which can be 0x0000. UDP sends a
// computed 0x0000 as 0xFFFF instead, because a zero UDP checksum field
// means "no checksum" (RFC 768); that substitution is the UDP layer's rule
// and is not made here. TCP sends 0x0000 as it is.
//
// The checksum field is one of the 16-bit words being summed, so
// fieldOffset must be even and the field must lie inside segment. If it
// does not (fieldOffset is negative, odd, or above len(segment)-2), no
// bytes are treated as zero. ph must be valid for the result to mean
// anything (see PseudoHeader.Valid); an invalid ph contributes nothing to
// the sum. None of these cases panics.
func Compute(ph PseudoHeader, segment []byte, fieldOffset int) uint16 {
	return ^Add(ph.Sum(), sumWithZeroField(segment, fieldOffset))
}

// sumWithZeroField returns the one's-complement sum of b as if the
// checksumFieldLen bytes at offset were zero, without modifying b. If
// offset does not name a whole word inside b, it returns Sum(b).
func sumWithZeroField(b []byte, offset int) uint16 {
	if offset < 0 || offset%2 != 0 || offset > len(b)-checksumFieldLen {
		return Sum(b)
	}
	// Leaving a word out of the sum is the same as adding zero in its
	// place. The offset is even, so the bytes after the field start on a
	// word boundary and the two partial sums combine with Add (RFC 1071
	// §2(A)).
	before := Sum(b[:offset])
	after := Sum(b[offset+checksumFieldLen:])
	return Add(before, after)
}

// Verify reports whether segment, a TCP segment or UDP datagram with its
// checksum field filled in, passes the checksum for pseudo-header ph:
// whether the one's-complement sum of the pseudo-header and the whole
// segment, checksum field included, is 0xFFFF (RFC 1071 §1, item (3)).
// Verify reports false if ph is not valid. ph.Length should be
// len(segment); Verify does not compare them, but a wrong length is part of
// the sum and will almost always make the check fail.
//
// A false result means the segment, or the pseudo-header it was checked
// against, is not what the sender summed, and a receiver discards the
// segment. A true result means only that no error the checksum can see
// occurred; the package documentation lists what it cannot see.
//
// A UDP datagram over IPv4 may carry a checksum field of 0, meaning the
// sender computed no checksum (RFC 768). Verify does not know that rule,
// and reports false for such a datagram unless its sum happens to be
// 0xFFFF; the UDP layer must check for a zero field before calling Verify.
func Verify(ph PseudoHeader, segment []byte) bool {
	if ph.Len() == 0 {
		return false
	}
	return Add(ph.Sum(), Sum(segment)) == allOnes
}
