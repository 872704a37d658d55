// Reference solution to exercise 02: the TCP and UDP checksum with its
// pseudo-header; the contract is in exercises/02-pseudo-header/pseudo.go.
package pseudoheader

import (
	"encoding/binary"
	"net/netip"
)

// IP protocol numbers (IANA), as the IPv4 Protocol field and the IPv6 Next
// Header carry them.
const (
	protoTCP uint8 = 6  // RFC 9293
	protoUDP uint8 = 17 // RFC 768
)

// Where the checksum field sits, in bytes from the start of the segment.
const (
	tcpChecksumOffset = 16 // RFC 9293 §3.1
	udpChecksumOffset = 6  // RFC 768
	checksumFieldLen  = 2
)

// The IPv4 pseudo-header's layout (RFC 9293 §3.1).
const (
	pseudo4Len            = 12
	pseudo4SrcOffset      = 0
	pseudo4DstOffset      = 4
	pseudo4ProtocolOffset = 9 // after one zero byte at 8
	pseudo4LengthOffset   = 10
)

// The IPv6 pseudo-header's layout (RFC 8200 §8.1).
const (
	pseudo6Len              = 40
	pseudo6SrcOffset        = 0
	pseudo6DstOffset        = 16
	pseudo6LengthOffset     = 32 // 32 bits
	pseudo6NextHeaderOffset = 39 // after three zero bytes at 36–38
)

// allOnes is what a correctly checksummed sum adds up to: 0xffff, "-0".
const allOnes = 0xffff

// PseudoHeaderIPv4 returns the 12-byte IPv4 pseudo-header for a segment of
// length bytes carried with protocol proto from src to dst (RFC 9293 §3.1).
func PseudoHeaderIPv4(src, dst netip.Addr, proto uint8, length int) []byte {
	p := make([]byte, pseudo4Len) // the zero byte at 8 is already zero
	s, d := src.As4(), dst.As4()
	copy(p[pseudo4SrcOffset:], s[:])
	copy(p[pseudo4DstOffset:], d[:])
	p[pseudo4ProtocolOffset] = proto
	binary.BigEndian.PutUint16(p[pseudo4LengthOffset:], uint16(length))
	return p
}

// PseudoHeaderIPv6 returns the 40-byte IPv6 pseudo-header for a segment of
// length bytes carried with protocol proto from src to dst (RFC 8200 §8.1).
func PseudoHeaderIPv6(src, dst netip.Addr, proto uint8, length int) []byte {
	p := make([]byte, pseudo6Len) // the three zero bytes at 36–38 are already zero
	s, d := src.As16(), dst.As16()
	copy(p[pseudo6SrcOffset:], s[:])
	copy(p[pseudo6DstOffset:], d[:])
	binary.BigEndian.PutUint32(p[pseudo6LengthOffset:], uint32(length))
	p[pseudo6NextHeaderOffset] = proto // last: the transport protocol, not an extension header
	return p
}

// pseudoHeader returns the pseudo-header of the form the addresses call
// for: IPv4 when both are IPv4, IPv6 otherwise.
func pseudoHeader(src, dst netip.Addr, proto uint8, length int) []byte {
	if src.Is4() && dst.Is4() {
		return PseudoHeaderIPv4(src, dst, proto, length)
	}
	return PseudoHeaderIPv6(src, dst, proto, length)
}

// checksumOffset returns where proto's checksum field sits in its header.
func checksumOffset(proto uint8) int {
	if proto == protoUDP {
		return udpChecksumOffset
	}
	return tcpChecksumOffset
}

// TransportChecksum returns the value for the checksum field of segment,
// a TCP segment or UDP datagram sent from src to dst.
func TransportChecksum(src, dst netip.Addr, proto uint8, segment []byte) uint16 {
	ph := pseudoHeader(src, dst, proto, len(segment))

	// The sum covers the pseudo-header, then the segment with its checksum
	// field counted as zero (RFC 9293 §3.1). Leaving the field's word out
	// of the sum is the same as adding a zero, and the field starts at an
	// even offset, so the parts before and after it are whole words and
	// add up separately; so does the pseudo-header, whose length is even.
	// The caller's bytes are not touched.
	sum := onesSum(ph)
	off := checksumOffset(proto)
	if len(segment) >= off+checksumFieldLen {
		sum = onesAdd(sum, onesSum(segment[:off]))
		sum = onesAdd(sum, onesSum(segment[off+checksumFieldLen:]))
	} else {
		sum = onesAdd(sum, onesSum(segment)) // too short to hold the field
	}
	c := ^sum

	// RFC 768: a zero UDP checksum field means "none was computed", so a
	// checksum that really is 0x0000 goes on the wire as 0xffff, the other
	// ones' complement zero.
	if proto == protoUDP && c == 0 {
		return allOnes
	}
	return c
}

// VerifyTransport reports whether segment, received from src at dst, has a
// correct checksum.
func VerifyTransport(src, dst netip.Addr, proto uint8, segment []byte) bool {
	off := checksumOffset(proto)
	if proto == protoUDP && len(segment) >= off+checksumFieldLen &&
		binary.BigEndian.Uint16(segment[off:]) == 0 {
		// No checksum was sent: acceptable over IPv4 (RFC 768), but over
		// IPv6 the UDP checksum is mandatory (RFC 8200 §8.1).
		return src.Is4() && dst.Is4()
	}
	// The receiver sums everything as it arrived, field included, and
	// expects all ones (RFC 1071 §1).
	ph := pseudoHeader(src, dst, proto, len(segment))
	return onesAdd(onesSum(ph), onesSum(segment)) == allOnes
}

// ---------------------------------------------------------------------
// Given: the ones' complement arithmetic of exercise 01, ready to use.
// You need not change anything below this line.
// ---------------------------------------------------------------------

// onesSum returns the ones' complement sum of b's 16-bit big-endian words;
// an odd last byte is the high byte of a word whose low byte is zero
// (RFC 1071). Because of that padding, onesSum(x) and onesSum(y) combine
// with onesAdd into onesSum(x followed by y) only when len(x) is even.
func onesSum(b []byte) uint16 {
	var sum uint32
	for len(b) >= 2 {
		sum += uint32(b[0])<<8 | uint32(b[1])
		b = b[2:]
	}
	if len(b) == 1 {
		sum += uint32(b[0]) << 8
	}
	return onesFold(sum)
}

// onesAdd returns the ones' complement sum of two 16-bit words.
func onesAdd(a, b uint16) uint16 { return onesFold(uint32(a) + uint32(b)) }

// onesFold adds the carries above bit 15 back in until none are left.
func onesFold(sum uint32) uint16 {
	for sum > 0xffff {
		sum = sum>>16 + sum&0xffff
	}
	return uint16(sum)
}
