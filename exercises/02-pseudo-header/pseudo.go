// Exercise 02: the TCP and UDP checksum, with its pseudo-header (RFC 9293
// §3.1, RFC 768, RFC 8200 §8.1).
//
// TCP and UDP protect their segments with the Internet checksum of
// exercise 01, but they do not sum only their own bytes: in front of the
// segment they put a pseudo-header built from the IP header, with the two
// addresses, the protocol number and the segment's length. It is never
// sent; both ends build it. A segment that reached the wrong host or the
// wrong protocol then fails the check. Write the four functions below.
//
// The IPv4 pseudo-header, 12 bytes (RFC 9293 §3.1, and RFC 768 for UDP):
//
//	+--------+--------+--------+--------+
//	|          Source Address           |   bytes 0–3
//	+--------+--------+--------+--------+
//	|        Destination Address        |   bytes 4–7
//	+--------+--------+--------+--------+
//	|  zero  |Protocol| TCP/UDP Length  |   bytes 8, 9, 10–11
//	+--------+--------+--------+--------+
//
// The IPv6 pseudo-header, 40 bytes (RFC 8200 §8.1):
//
//	+--------+--------+--------+--------+
//	|   Source Address (16 bytes)       |   bytes 0–15
//	+--------+--------+--------+--------+
//	|   Destination Address (16 bytes)  |   bytes 16–31
//	+--------+--------+--------+--------+
//	|  Upper-Layer Packet Length (32)   |   bytes 32–35
//	+--------+--------+--------+--------+
//	|      zero (3 bytes)      |NextHdr |   bytes 36–38, 39
//	+--------+--------+--------+--------+
//
// The contract:
//
//   - PseudoHeaderIPv4 returns the 12 bytes above for two IPv4 addresses,
//     a protocol number (6 for TCP, 17 for UDP) and a length in bytes. All
//     multi-byte fields are big-endian. The length is that of the TCP or
//     UDP segment, header plus data: not the IP packet's total length.
//   - PseudoHeaderIPv6 returns the 40 bytes above for two IPv6 addresses.
//     Its length field is 32 bits wide, and the next header byte comes
//     last, after three zero bytes. The next header is the transport
//     protocol (6 or 17), even when the IPv6 header's own Next Header
//     names an extension header (RFC 8200 §8.1).
//   - TransportChecksum returns the value to put in the checksum field of
//     segment, a TCP segment (proto 6) or UDP datagram (proto 17) with its
//     header: the ones' complement of the ones' complement sum of the
//     pseudo-header followed by the segment. The addresses choose the form
//     (both IPv4: the 12-byte form; both IPv6: the 40-byte one), and the
//     length is len(segment). The checksum field itself is summed as if it
//     held zero, whatever it holds now: it sits at byte 16 of a TCP header
//     and byte 6 of a UDP header. Do not change segment's bytes. UDP only:
//     a checksum that computes to 0x0000 is sent as 0xffff, because a zero
//     field means "no checksum" (RFC 768); TCP sends 0x0000 as it is.
//   - VerifyTransport reports whether segment, as received with its
//     checksum field filled in, passes the check: the ones' complement sum
//     of the pseudo-header and the whole segment, field included, is
//     0xffff. UDP over IPv4 with a checksum field of 0 passes without a
//     sum: the sender computed no checksum, which RFC 768 allows. Over
//     IPv6 the UDP checksum is mandatory (RFC 8200 §8.1), so there a zero
//     field fails.
//
// Segments may have an odd length; the sum helper below pads the last byte
// as RFC 1071 says, as long as the pseudo-header comes first.
//
// Worked example: the SYN at the start of
// tcpedu/wire/testdata/linux/tcp4_transfer.pcap goes from 10.200.0.1 to
// 10.200.0.2 and is 40 bytes long (a 40-byte header, no data). Its
// pseudo-header is 0a c8 00 01 0a c8 00 02 00 06 00 28, and its checksum
// field holds 0xeb8a: TransportChecksum gives 0xeb8a back, and
// VerifyTransport reports true.
//
// Run the tests with: go test ./exercises/02-pseudo-header
// Grade it with: go run ./cmd/tcpedu grade 02
package pseudoheader

import "net/netip"

// PseudoHeaderIPv4 returns the 12-byte IPv4 pseudo-header for a segment of
// length bytes carried with protocol proto from src to dst (RFC 9293 §3.1).
func PseudoHeaderIPv4(src, dst netip.Addr, proto uint8, length int) []byte {
	// Your code here.
	return nil
}

// PseudoHeaderIPv6 returns the 40-byte IPv6 pseudo-header for a segment of
// length bytes carried with protocol proto from src to dst (RFC 8200 §8.1).
func PseudoHeaderIPv6(src, dst netip.Addr, proto uint8, length int) []byte {
	// Your code here.
	return nil
}

// TransportChecksum returns the value for the checksum field of segment,
// a TCP segment or UDP datagram sent from src to dst.
func TransportChecksum(src, dst netip.Addr, proto uint8, segment []byte) uint16 {
	// Your code here.
	return 0
}

// VerifyTransport reports whether segment, received from src at dst, has a
// correct checksum.
func VerifyTransport(src, dst netip.Addr, proto uint8, segment []byte) bool {
	// Your code here.
	return false
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
