package grading

import (
	"bytes"
	"fmt"
	"math/bits"
	"math/rand/v2"
	"net/netip"
	"testing"

	"github.com/tcpedu/tcpedu/tcpedu/checksum"
	"github.com/tcpedu/tcpedu/tcpedu/wire"
)

// PseudoHeaderImpl is exercise 02's code under test: the TCP and UDP
// checksum with its IPv4 and IPv6 pseudo-headers.
type PseudoHeaderImpl struct {
	PseudoHeaderIPv4  func(src, dst netip.Addr, proto uint8, length int) []byte     // RFC 9293 §3.1: 12 bytes
	PseudoHeaderIPv6  func(src, dst netip.Addr, proto uint8, length int) []byte     // RFC 8200 §8.1: 40 bytes
	TransportChecksum func(src, dst netip.Addr, proto uint8, segment []byte) uint16 // the value for the field
	VerifyTransport   func(src, dst netip.Addr, proto uint8, segment []byte) bool   // the receiver's check
}

// PseudoHeader grades exercise 02 with impl.
func PseudoHeader(t *testing.T, impl PseudoHeaderImpl) {
	Run(t, "02-pseudo-header", pseudoChecks(impl))
}

func init() {
	register(Exercise{ID: "02-pseudo-header", Title: "The TCP and UDP checksum and its pseudo-header", File: "pseudo.go",
		Checks: pseudoChecks(PseudoHeaderImpl{})})
}

// The transport protocol numbers (IANA), as the pseudo-header carries them.
const (
	pseudoTCP = checksum.ProtocolTCP
	pseudoUDP = checksum.ProtocolUDP
)

// pseudoFieldOffset returns where proto's checksum field sits in its header.
func pseudoFieldOffset(proto uint8) int {
	if proto == pseudoUDP {
		return wire.UDPChecksumOffset
	}
	return wire.TCPChecksumOffset
}

// pseudoProtoName names proto in messages.
func pseudoProtoName(proto uint8) string {
	if proto == pseudoUDP {
		return "UDP"
	}
	return "TCP"
}

// pseudoModelChecksum is the oracle for TransportChecksum: the model's
// Compute, with UDP's rule that a computed zero is sent as 0xffff.
func pseudoModelChecksum(src, dst netip.Addr, proto uint8, seg []byte) uint16 {
	ph := checksum.PseudoHeader{Src: src, Dst: dst, Protocol: proto, Length: uint32(len(seg))}
	c := checksum.Compute(ph, seg, pseudoFieldOffset(proto))
	if proto == pseudoUDP && c == 0 {
		return 0xffff
	}
	return c
}

// pseudoModelVerify is the oracle for VerifyTransport.
func pseudoModelVerify(src, dst netip.Addr, proto uint8, seg []byte) bool {
	ph := checksum.PseudoHeader{Src: src, Dst: dst, Protocol: proto, Length: uint32(len(seg))}
	if proto == pseudoUDP && len(seg) >= wire.UDPHeaderLen {
		return wire.UDP(seg).ChecksumValid(ph)
	}
	return checksum.Verify(ph, seg)
}

// pseudoModelBytes is the oracle for the two pseudo-header functions.
func pseudoModelBytes(src, dst netip.Addr, proto uint8, length int) []byte {
	return checksum.PseudoHeader{Src: src, Dst: dst, Protocol: proto, Length: uint32(length)}.AppendTo(nil)
}

// pseudoZeroed returns a copy of seg with the two bytes at off zeroed, if
// they lie inside it.
func pseudoZeroed(seg []byte, off int) []byte {
	z := append([]byte(nil), seg...)
	if off+2 <= len(z) {
		z[off], z[off+1] = 0, 0
	}
	return z
}

// pseudoWrongChecksum is a checksum as a mistaken implementation computes
// it: the complement of the sum of ph and then seg, where the learner's
// mistake is already built into ph or seg.
func pseudoWrongChecksum(ph, seg []byte) uint16 {
	return ^checksum.Add(checksum.Sum(ph), checksum.Sum(seg))
}

// pseudoMistake recognises, from the value a wrong TransportChecksum
// returned, the misconception behind it, or returns "".
func pseudoMistake(impl PseudoHeaderImpl, src, dst netip.Addr, proto uint8, seg []byte, got, want uint16) string {
	off := pseudoFieldOffset(proto)
	n := len(seg)
	ph := pseudoModelBytes(src, dst, proto, n)
	zeroed := pseudoZeroed(seg, off)
	ipHeaderLen := 20
	if !src.Is4() {
		ipHeaderLen = 40
	}
	other := wire.UDPChecksumOffset
	if proto == pseudoUDP {
		other = wire.TCPChecksumOffset
	}
	after := append(append([]byte(nil), zeroed...), ph...)
	notZeroed := pseudoWrongChecksum(ph, seg)
	if proto == pseudoUDP && notZeroed == 0 {
		notZeroed = 0xffff // as a learner's UDP rule would turn it
	}
	swapped := append([]byte(nil), ph...)
	if len(ph) == 12 {
		swapped[8], swapped[9] = proto, 0
	}
	switch {
	case proto == pseudoUDP && want == 0xffff && got == 0:
		return "this UDP checksum computes to 0x0000, but a zero field means \"no checksum\": RFC 768 sends it as 0xffff, the other zero of ones' complement"
	case proto == pseudoTCP && want == 0 && got == 0xffff:
		return "this TCP checksum computes to 0x0000, and TCP sends it as it is: only UDP turns 0x0000 into 0xffff (RFC 768). (If you do not substitute, check that you return ^sum and not the sum.)"
	case got == ^checksum.Sum(zeroed):
		return "the checksum covers the pseudo-header too: sum the pseudo-header (addresses, protocol, length), then the segment (RFC 9293 §3.1)"
	case got == notZeroed && got != want && impl.TransportChecksum(src, dst, proto, zeroed) == want:
		// Right with the field cleared, wrong with it filled in.
		return fmt.Sprintf("the checksum field was summed with the value it holds: compute as if its two bytes (%d and %d of a %s header) were zero, without changing the caller's bytes", off, off+1, pseudoProtoName(proto))
	case got == pseudoWrongChecksum(pseudoModelBytes(src, dst, proto, n+ipHeaderLen), zeroed):
		return fmt.Sprintf("the pseudo-header's length is the %s segment's (header plus data, len(segment)), not the IP packet's total length", pseudoProtoName(proto))
	case len(ph) == 12 && got == pseudoWrongChecksum(swapped, zeroed):
		return "in the IPv4 pseudo-header the zero byte comes first (byte 8), then the protocol (byte 9)"
	case got == ^want:
		return "return the ones' complement of the sum (^sum), not the sum itself"
	case got == bits.ReverseBytes16(want):
		return "the checksum is a big-endian word: the first byte of each pair is the high byte"
	case off+2 <= n && other+2 <= n && got == pseudoWrongChecksum(ph, pseudoZeroed(seg, other)):
		return fmt.Sprintf("the %s checksum field is at byte %d (RFC 9293 §3.1 for TCP: 16; RFC 768 for UDP: 6); you zeroed bytes %d and %d", pseudoProtoName(proto), off, other, other+1)
	case n%2 == 1 && got == checksum.Of(after):
		return "the pseudo-header goes in front of the segment: after an odd-length segment it would start in the middle of a word and every word of it would be summed wrong"
	case n%2 == 1 && got == pseudoWrongChecksum(ph, zeroed[:n-1]):
		return "an odd-length segment's last byte counts: it is the high byte of a last word padded with a zero (RFC 1071)"
	case n%2 == 1 && got == ^checksum.Add(checksum.Sum(ph), checksum.Add(checksum.Sum(zeroed[:n-1]), uint16(zeroed[n-1]))):
		return "pad an odd last byte on the right: it is the high byte of its word, not the low one"
	case len(ph) == 40:
		late := append([]byte(nil), ph...)
		late[36], late[39] = late[39], 0
		if got == pseudoWrongChecksum(late, zeroed) {
			return "in the IPv6 pseudo-header the next header is the last byte (byte 39), after three zero bytes"
		}
	}
	return ""
}

// pseudoChecksumAll checks TransportChecksum on every packet of pkts,
// against the checksum Linux put on the wire. It reports at most three
// packets, with the misconception behind the first.
func pseudoChecksumAll(c *C, impl PseudoHeaderImpl, pkts []wirePacket) {
	bad := 0
	for _, p := range pkts {
		seg := append([]byte(nil), p.segment...)
		got := impl.TransportChecksum(p.src, p.dst, p.proto, seg)
		if !bytes.Equal(seg, p.segment) {
			c.Fail("TransportChecksum must not change the segment it is given: leave the checksum field's word out of the sum, or zero it in a copy",
				"TransportChecksum changed the bytes of %s", p.where)
			return
		}
		want := p.fieldValue()
		if got == want {
			continue
		}
		c.Errorf("TransportChecksum(%s, %s, %d, the %d bytes of %s) = %#04x, want %#04x, what Linux sent",
			p.src, p.dst, p.proto, len(seg), p.where, got, want)
		if h := pseudoMistake(impl, p.src, p.dst, p.proto, seg, got, want); h != "" {
			c.Hint("%s", h)
		}
		if bad++; bad == 3 {
			return
		}
	}
}

// pseudoZeroSum returns a segment of protocol proto (a UDP datagram or a
// TCP bare ACK) from src to dst whose checksum computes to 0x0000: UDP must
// send it as 0xffff, TCP as 0x0000.
func pseudoZeroSum(src, dst netip.Addr, proto uint8) []byte {
	var seg []byte
	if proto == pseudoUDP {
		// Ports 53000 → 53, a Length of 8+6, then 4 data bytes and a last
		// word left for the adjustment.
		seg = mustHex("cf080035000e0000" + "74637065" + "0000")
	} else {
		// A bare ACK (data offset 5, ACK) with 2 data bytes for the adjustment.
		seg = mustHex("c35013890000100000002000501001f500000000" + "0000")
	}
	// The checksum is ^(sum of everything with the field zero). Make that
	// sum 0xffff by putting its complement in the last word: x + ^x = 0xffff.
	ph := checksum.PseudoHeader{Src: src, Dst: dst, Protocol: proto, Length: uint32(len(seg))}
	s := checksum.Add(ph.Sum(), checksum.Sum(seg))
	seg[len(seg)-2], seg[len(seg)-1] = byte(^s>>8), byte(^s)
	return seg
}

// The addresses of the synthesized packets (documentation prefixes).
var (
	pseudoSrc4 = netip.MustParseAddr("192.0.2.1")
	pseudoDst4 = netip.MustParseAddr("198.51.100.254")
	pseudoSrc6 = netip.MustParseAddr("2001:db8::1")
	pseudoDst6 = netip.MustParseAddr("2001:db8:ffff::fe")
)

// pseudoCheckBytes compares a pseudo-header a learner built with the
// model's, and names the misconception when it recognises one.
func pseudoCheckBytes(c *C, call string, got []byte, src, dst netip.Addr, proto uint8, length int) {
	want := pseudoModelBytes(src, dst, proto, length)
	if bytes.Equal(got, want) {
		return
	}
	c.Errorf("%s = % x, want % x", call, got, want)
	switch {
	case len(want) == 12 && len(got) == 40:
		c.Hint("an IPv4 packet's pseudo-header is the 12-byte form of RFC 9293 §3.1")
	case len(want) == 40 && len(got) == 12:
		c.Hint("an IPv6 packet's pseudo-header is the 40-byte form of RFC 8200 §8.1, with 16-byte addresses")
	case len(got) != len(want):
		c.Hint("the IPv4 pseudo-header is 12 bytes and the IPv6 one 40: count the fields in the diagram again")
	case len(want) == 12 && got[8] == proto && got[9] == 0:
		c.Hint("in the IPv4 pseudo-header the zero byte comes first (byte 8), then the protocol (byte 9)")
	case len(want) == 12 && int(got[10])<<8|int(got[11]) == length+20:
		c.Hint("the length is the TCP or UDP segment's (header plus data), not the IP total length")
	case len(want) == 12 && got[10] == want[11] && got[11] == want[10]:
		c.Hint("the length is big-endian, like every field on the wire: the high byte first")
	case len(want) == 40 && got[33] == proto && got[39] == 0:
		c.Hint("the IPv6 pseudo-header is not the IPv4 one with longer addresses: a 32-bit length (bytes 32–35), three zero bytes, then the next header (byte 39)")
	case len(want) == 40 && got[36] == proto && got[39] == 0:
		c.Hint("in the IPv6 pseudo-header the three zero bytes come first, and the next header is the last byte (39)")
	case len(want) == 40 && length > 0xffff && bytes.Equal(got[34:36], want[34:36]) && !bytes.Equal(got[32:34], want[32:34]):
		c.Hint("the IPv6 length field is 32 bits wide (RFC 8200 §8.1): a length of %d does not fit in 16", length)
	case len(want) == 40 && got[32] == want[35] && got[35] == want[32]:
		c.Hint("the length is big-endian, like every field on the wire: the high byte first")
	case bytes.Equal(got, pseudoModelBytes(dst, src, proto, length)):
		c.Hint("the source address comes first, then the destination")
	}
}

func pseudoChecks(impl PseudoHeaderImpl) []Check {
	return []Check{{
		Name: "builds the IPv4 pseudo-header",
		Hint: "RFC 9293 §3.1: source address, destination address, a zero byte, the protocol, the 16-bit TCP or UDP length, all big-endian",
		Run: func(c *C) {
			cases := []struct {
				src, dst netip.Addr
				proto    uint8
				length   int
			}{
				{netip.MustParseAddr("10.200.0.1"), netip.MustParseAddr("10.200.0.2"), pseudoTCP, 40}, // tcp4_transfer.pcap frame 1, the SYN
				{netip.MustParseAddr("10.200.0.1"), netip.MustParseAddr("10.200.0.2"), pseudoUDP, 21}, // udp4.pcap frame 3, 13 bytes of data
				{pseudoSrc4, pseudoDst4, pseudoUDP, 0xfedc},
			}
			for _, tc := range cases {
				got := impl.PseudoHeaderIPv4(tc.src, tc.dst, tc.proto, tc.length)
				call := fmt.Sprintf("PseudoHeaderIPv4(%s, %s, %d, %d)", tc.src, tc.dst, tc.proto, tc.length)
				pseudoCheckBytes(c, call, got, tc.src, tc.dst, tc.proto, tc.length)
			}
		},
	}, {
		Name: "builds the IPv6 pseudo-header",
		Hint: "RFC 8200 §8.1: 16-byte source, 16-byte destination, a 32-bit length, three zero bytes, then the next header: 40 bytes",
		Run: func(c *C) {
			cases := []struct {
				src, dst netip.Addr
				proto    uint8
				length   int
			}{
				{netip.MustParseAddr("fd00::1"), netip.MustParseAddr("fd00::2"), pseudoTCP, 40}, // tcp6_transfer.pcap frame 1, the SYN
				{netip.MustParseAddr("fd00::1"), netip.MustParseAddr("fd00::2"), pseudoUDP, 21}, // udp6_dstopts.pcap frame 1, after its Destination Options header
				{pseudoSrc6, pseudoDst6, pseudoTCP, 70000},                                      // a jumbogram's length (RFC 2675) needs all 32 bits
			}
			for _, tc := range cases {
				got := impl.PseudoHeaderIPv6(tc.src, tc.dst, tc.proto, tc.length)
				call := fmt.Sprintf("PseudoHeaderIPv6(%s, %s, %d, %d)", tc.src, tc.dst, tc.proto, tc.length)
				pseudoCheckBytes(c, call, got, tc.src, tc.dst, tc.proto, tc.length)
			}
		},
	}, {
		Name: "computes the checksum of real IPv4 TCP segments",
		Hint: "sum the 12-byte pseudo-header, then the segment with its checksum field (bytes 16–17) counted as zero, and complement the result",
		Run: func(c *C) {
			pseudoChecksumAll(c, impl, wireCaptureMust(c, pseudoTCP, "tcp4_transfer.pcap", "tcp4_rst.pcap", "tcp4_zero_window.pcap"))
		},
	}, {
		Name: "computes the checksum of real IPv6 TCP segments",
		Hint: "over IPv6 the pseudo-header is the 40-byte form of RFC 8200 §8.1; the rest is as over IPv4",
		Run: func(c *C) {
			pseudoChecksumAll(c, impl, wireCaptureMust(c, pseudoTCP, "tcp6_transfer.pcap", "tcp6_sack.pcap"))
		},
	}, {
		Name: "computes the checksum of real UDP datagrams",
		Hint: "UDP uses the same pseudo-header with protocol 17; its checksum field is bytes 6–7 of the 8-byte header (RFC 768)",
		Run: func(c *C) {
			pseudoChecksumAll(c, impl, wireCaptureMust(c, pseudoUDP, "udp4.pcap", "udp6.pcap", "udp6_dstopts.pcap"))
		},
	}, {
		Name: "sends a zero UDP checksum as 0xffff",
		Hint: "RFC 768: a UDP checksum field of 0 means \"no checksum\", so a checksum that computes to 0x0000 is sent as 0xffff; TCP has no such rule",
		Run: func(c *C) {
			for _, tc := range []struct {
				src, dst netip.Addr
				proto    uint8
				want     uint16
			}{
				{pseudoSrc4, pseudoDst4, pseudoUDP, 0xffff},
				{pseudoSrc6, pseudoDst6, pseudoUDP, 0xffff},
				{pseudoSrc4, pseudoDst4, pseudoTCP, 0x0000},
			} {
				seg := pseudoZeroSum(tc.src, tc.dst, tc.proto)
				if got := impl.TransportChecksum(tc.src, tc.dst, tc.proto, seg); got != tc.want {
					c.Errorf("TransportChecksum(%s, %s, %d, %s) = %#04x, want %#04x (the sum is 0xffff, so the checksum computes to 0x0000)",
						tc.src, tc.dst, tc.proto, hexOf(seg), got, tc.want)
					if h := pseudoMistake(impl, tc.src, tc.dst, tc.proto, seg, got, tc.want); h != "" {
						c.Hint("%s", h)
					}
				}
			}
		},
	}, {
		Name: "handles odd-length segments",
		Hint: "RFC 1071 pads an odd last byte with a zero on its right; put the pseudo-header in front so that the segment's words stay aligned",
		Run: func(c *C) {
			r := rand.New(rand.NewPCG(768, 2))
			bad := 0
			for i := 0; i < 40 && bad < 3; i++ {
				src, dst := pseudoSrc4, pseudoDst4
				if i%2 == 1 {
					src, dst = pseudoSrc6, pseudoDst6
				}
				proto := pseudoTCP
				n := wire.TCPMinHeaderLen + 2*r.IntN(40) + 1
				if i%4 >= 2 {
					proto, n = pseudoUDP, wire.UDPHeaderLen+2*r.IntN(40)+1
				}
				seg := make([]byte, n)
				for j := range seg {
					seg[j] = byte(r.Uint32())
				}
				want := pseudoModelChecksum(src, dst, proto, seg)
				if got := impl.TransportChecksum(src, dst, proto, seg); got != want {
					bad++
					c.Errorf("TransportChecksum(%s, %s, %d, %d bytes %s) = %#04x, want %#04x", src, dst, proto, n, hexOf(seg), got, want)
					if h := pseudoMistake(impl, src, dst, proto, seg, got, want); h != "" {
						c.Hint("%s", h)
					}
				}
			}
		},
	}, {
		Name: "verifies real packets and rejects damaged ones",
		Hint: "a receiver sums the pseudo-header it builds from the IP header and the whole segment as received, checksum included, and expects 0xffff",
		Run: func(c *C) {
			pkts := wireCaptureMust(c, 0, "tcp4_transfer.pcap", "tcp6_sack.pcap", "udp4.pcap", "udp6_dstopts.pcap")
			for _, p := range pkts {
				if !impl.VerifyTransport(p.src, p.dst, p.proto, p.segment) {
					c.Fatalf("VerifyTransport(%s, %s, %d, %s) = false, want true: Linux's checksum is correct", p.src, p.dst, p.proto, p.where)
				}
			}
			for i, p := range pkts {
				if i%7 != 0 {
					continue // a sample is enough
				}
				flipped := append([]byte(nil), p.segment...)
				flipped[len(flipped)-1] ^= 0x10
				if impl.VerifyTransport(p.src, p.dst, p.proto, flipped) {
					c.Fail("a changed bit changes the sum: compare the sum of everything with 0xffff",
						"VerifyTransport(%s with one bit of its last byte flipped) = true, want false", p.where)
				}
				other := p.dst.Next()
				if impl.VerifyTransport(p.src, other, p.proto, p.segment) {
					c.Fail("the pseudo-header is what catches a segment delivered to the wrong host: build it from the addresses you are given and sum it too",
						"VerifyTransport(%s, %s, %d, %s) = true, want false: that segment was sent to %s", p.src, other, p.proto, p.where, p.dst)
				}
				if p.proto == pseudoTCP {
					zeroed := pseudoZeroed(p.segment, wire.TCPChecksumOffset)
					if impl.VerifyTransport(p.src, p.dst, p.proto, zeroed) {
						c.Fail("a zero checksum field is not special in TCP: only UDP over IPv4 uses 0 for \"no checksum\"",
							"VerifyTransport(%s with its checksum field zeroed) = true, want false", p.where)
					}
				}
			}
		},
	}, {
		Name: "applies the UDP zero-checksum rules when verifying",
		Hint: "a UDP checksum field of 0 means \"none was computed\": acceptable over IPv4 (RFC 768), never over IPv6, where the checksum is mandatory (RFC 8200 §8.1)",
		Run: func(c *C) {
			for _, p := range wireCaptureMust(c, pseudoUDP, "udp4.pcap", "udp6.pcap") {
				zeroed := pseudoZeroed(p.segment, wire.UDPChecksumOffset)
				want := p.src.Is4()
				if got := impl.VerifyTransport(p.src, p.dst, p.proto, zeroed); got != want {
					if want {
						c.Fail("over IPv4 a UDP checksum field of 0 means the sender computed none (RFC 768): accept the datagram without summing",
							"VerifyTransport(%s with its checksum field 0) = false, want true", p.where)
					} else {
						c.Fail("over IPv6 the UDP checksum is mandatory (RFC 8200 §8.1): a zero field is an error there, not \"no checksum\"",
							"VerifyTransport(%s with its checksum field 0) = true, want false", p.where)
					}
					return
				}
			}
			for _, fam := range [][2]netip.Addr{{pseudoSrc4, pseudoDst4}, {pseudoSrc6, pseudoDst6}} {
				seg := pseudoZeroSum(fam[0], fam[1], pseudoUDP)
				seg[wire.UDPChecksumOffset], seg[wire.UDPChecksumOffset+1] = 0xff, 0xff
				if !impl.VerifyTransport(fam[0], fam[1], pseudoUDP, seg) {
					c.Fail("0xffff is the ones' complement zero that RFC 768 sends for a computed 0x0000: the sum with it is still 0xffff",
						"VerifyTransport(%s, %s, 17, %s) = false, want true: the checksum computes to 0x0000 and was sent as 0xffff", fam[0], fam[1], hexOf(seg))
				}
			}
		},
	}, {
		Name: "agrees with the model on random segments",
		Hint: "check each rule of the contract on a short segment you work out by hand: the form chosen by the addresses, the field's offset, the UDP zero rule",
		Run: func(c *C) {
			r := rand.New(rand.NewPCG(8200, 81))
			for i := 0; i < 300 && !c.Failed(); i++ {
				var src, dst netip.Addr
				if r.IntN(2) == 0 {
					src, dst = netip.AddrFrom4(pseudoRand4(r)), netip.AddrFrom4(pseudoRand4(r))
				} else {
					src, dst = netip.AddrFrom16(pseudoRand16(r)), netip.AddrFrom16(pseudoRand16(r))
				}
				proto, n := pseudoTCP, wire.TCPMinHeaderLen+r.IntN(100)
				if r.IntN(2) == 0 {
					proto, n = pseudoUDP, wire.UDPHeaderLen+r.IntN(100)
				}
				seg := make([]byte, n)
				for j := range seg {
					seg[j] = byte(r.Uint32())
				}
				want := pseudoModelChecksum(src, dst, proto, seg)
				if got := impl.TransportChecksum(src, dst, proto, seg); got != want {
					c.Errorf("TransportChecksum(%s, %s, %d, %d bytes %s) = %#04x, want %#04x", src, dst, proto, n, hexOf(seg), got, want)
					if h := pseudoMistake(impl, src, dst, proto, seg, got, want); h != "" {
						c.Hint("%s", h)
					}
				}
				off := pseudoFieldOffset(proto)
				seg[off], seg[off+1] = byte(want>>8), byte(want)
				if r.IntN(2) == 0 {
					seg[r.IntN(n)] ^= byte(1 + r.IntN(255)) // damage it, half the time
				}
				if got, want := impl.VerifyTransport(src, dst, proto, seg), pseudoModelVerify(src, dst, proto, seg); got != want {
					c.Errorf("VerifyTransport(%s, %s, %d, %d bytes %s) = %t, want %t", src, dst, proto, n, hexOf(seg), got, want)
				}
			}
		},
	}}
}

// pseudoRand4 and pseudoRand16 return random address bytes.
func pseudoRand4(r *rand.Rand) [4]byte {
	var a [4]byte
	for i := range a {
		a[i] = byte(r.Uint32())
	}
	return a
}

func pseudoRand16(r *rand.Rand) [16]byte {
	var a [16]byte
	for i := range a {
		a[i] = byte(r.Uint32())
	}
	return a
}
