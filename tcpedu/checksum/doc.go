// Package checksum computes the Internet checksum (RFC 1071) and the
// pseudo-header that the TCP and UDP checksums cover, for IPv4 (RFC 9293
// §3.1, RFC 768) and IPv6 (RFC 8200 §8.1).
//
// # The Internet checksum
//
// IPv4, TCP, UDP and ICMP all protect their bytes with the same 16-bit
// checksum. It is simple enough to state in three lines (RFC 1071 §1):
//
//  1. Pair adjacent bytes into 16-bit big-endian words (an odd last byte
//     gets a zero byte after it) and add the words with one's-complement
//     addition: a carry out of the top bit is added back in at the bottom.
//  2. To send, set the checksum field to zero, sum, and store the one's
//     complement of the sum (every bit flipped) in the field.
//  3. To check, sum everything as received, checksum field included. The
//     result is 0xFFFF (all ones) if nothing changed.
//
// Step 3 works because a number plus its complement is all ones. The
// arithmetic has two properties that make it cheap, and this package uses
// both: the words may be added in any order and in any grouping (so the
// sum of a packet is the sum of the sums of its parts), and adding the
// words with their bytes swapped gives the sum with its bytes swapped (so
// a little-endian machine need not reorder bytes).
//
// # What it catches, and what it does not
//
// A checksum is a cheap test, not a proof. This one catches every error
// that changes the one's-complement sum of the words, and that includes
// every single-bit error. It misses whatever leaves the sum alone: 16-bit
// words swapped with one another (addition does not care about order);
// words of zeros inserted or removed; a word changed from 0x0000 to 0xFFFF
// or back (both are zero in one's-complement arithmetic); and two errors
// that cancel, one word going up by as much as another goes down. Such
// errors do get through in real networks (Stone and Partridge, "When the
// CRC and TCP Checksum Disagree", SIGCOMM 2000).
//
// Link layers add a much stronger CRC on every hop. What the Internet
// checksum adds is an end-to-end check, computed by the sender and checked
// by the receiver, that also covers errors made inside routers and hosts,
// where no link CRC is watching. It is no defence against someone who
// changes a packet on purpose: they can simply fix the checksum.
//
// # Why a pseudo-header
//
// A TCP segment or UDP datagram does not carry the addresses it was sent
// from and to, nor its own protocol number: those are in the IP header.
// Yet a segment delivered to the wrong host, or to UDP instead of TCP,
// should be rejected. So the TCP and UDP checksums are computed over a
// pseudo-header followed by the segment. The pseudo-header holds the
// source and destination addresses, the protocol number and the segment's
// length; it is never sent, and each end builds it from the IP header it
// sent or received. If the addresses or protocol changed on the way, the
// receiver builds a different pseudo-header from the one the sender
// summed, and the check fails. This matters most for IPv6, which has no
// header checksum at all; that is why a UDP checksum is mandatory over
// IPv6 (RFC 8200 §8.1) but optional over IPv4 (RFC 768).
//
// The IPv4 pseudo-header is 12 bytes (RFC 9293 §3.1, RFC 768):
//
//	+--------+--------+--------+--------+
//	|          Source Address           |
//	+--------+--------+--------+--------+
//	|        Destination Address        |
//	+--------+--------+--------+--------+
//	|  zero  |Protocol| TCP/UDP Length  |
//	+--------+--------+--------+--------+
//
// The IPv6 pseudo-header is 40 bytes (RFC 8200 §8.1):
//
//	+--------+--------+--------+--------+
//	|                                   |
//	+                                   +
//	|          Source Address           |
//	+            (16 bytes)             +
//	|                                   |
//	+                                   +
//	|                                   |
//	+--------+--------+--------+--------+
//	|                                   |
//	+                                   +
//	|        Destination Address        |
//	+            (16 bytes)             +
//	|                                   |
//	+                                   +
//	|                                   |
//	+--------+--------+--------+--------+
//	|     Upper-Layer Packet Length     |
//	+--------+--------+--------+--------+
//	|           zero           |NextHdr |
//	+--------+--------+--------+--------+
//
// The PseudoHeader type holds these fields. Nothing is implied: every
// address, the protocol and the length are passed in by the caller.
//
// # Reading order
//
//   - reference.go: ReferenceSum, the RFC 1071 algorithm written to be
//     read; Add, which combines partial sums; Of, the value of a checksum
//     field such as the IPv4 header checksum (RFC 791 §3.1).
//   - pseudo.go: PseudoHeader, its two wire forms with their diagrams, and
//     the errors Valid reports.
//   - segment.go: Compute and Verify, the TCP and UDP checksum itself:
//     pseudo-header, then segment.
//   - fast.go: Sum, which returns exactly what ReferenceSum returns but
//     adds eight bytes at a time. Read it last; the tests and a fuzz target
//     check it against ReferenceSum.
//
// The examples (example_test.go) run each function on real bytes, several
// of them captured from a Linux kernel.
//
// # Conventions
//
// A sum or checksum is a uint16 number. On the wire a checksum field is
// big-endian: read it with binary.BigEndian.Uint16 and store the result
// of Compute or Of with binary.BigEndian.PutUint16. Lengths are in bytes.
// No function here allocates except PseudoHeader.AppendTo (which grows
// the slice it is given) and PseudoHeader.Valid (which builds its error);
// none of them panics, whatever the input.
//
// Not covered: updating a checksum incrementally after changing one field
// (RFC 1624), which routers do when they decrement the IPv4 TTL.
//
// # RFCs
//
//   - RFC 1071, Computing the Internet Checksum: the algorithm (§1), its
//     properties (§2), a worked example (§3), C code (§4.1).
//   - RFC 791 §3.1: the IPv4 header checksum.
//   - RFC 9293 §3.1: the TCP checksum and the IPv4 pseudo-header.
//   - RFC 768: the UDP checksum, the same pseudo-header, and the rule
//     that a computed zero is sent as all ones.
//   - RFC 8200 §8.1: upper-layer checksums over IPv6 and the IPv6
//     pseudo-header.
package checksum
