package checksum_test

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"net/netip"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tcpedu/tcpedu/tcpedu/checksum"
)

// TestGoldenPackets checks Verify, Compute and Of against checksums that a
// Linux kernel computed and tshark confirmed.
func TestGoldenPackets(t *testing.T) {
	for _, p := range goldenPackets {
		t.Run(p.name, func(t *testing.T) {
			t.Logf("%s: %s", p.source, p.tcpdump)
			pkt := p.decode(t)
			require.NoErrorf(t, pkt.pseudo.Valid(), "pseudo-header %+v", pkt.pseudo)
			field := binary.BigEndian.Uint16(pkt.segment[p.fieldOffset:])
			require.Equalf(t, p.l4Checksum, field, "checksum field at offset %d", p.fieldOffset)

			assert.Truef(t, checksum.Verify(pkt.pseudo, pkt.segment), "Verify(%v, segment) = false, want true", pkt.pseudo)

			original := bytes.Clone(pkt.segment)
			got := checksum.Compute(pkt.pseudo, pkt.segment, p.fieldOffset)
			assert.Equalf(t, p.l4Checksum, got, "Compute(%v, segment, %d) = %#04x, want the captured %#04x",
				pkt.pseudo, p.fieldOffset, got, p.l4Checksum)
			assert.Equalf(t, original, pkt.segment, "Compute modified the segment")

			// Compute must not depend on the field having been cleared:
			// with the field zeroed by hand the answer is the same.
			zeroed := bytes.Clone(pkt.segment)
			binary.BigEndian.PutUint16(zeroed[p.fieldOffset:], 0)
			got = checksum.Compute(pkt.pseudo, zeroed, p.fieldOffset)
			assert.Equalf(t, p.l4Checksum, got, "Compute(%v, segment with zeroed field, %d) = %#04x, want %#04x",
				pkt.pseudo, p.fieldOffset, got, p.l4Checksum)

			if pkt.ipHeader == nil {
				return // IPv6 has no header checksum
			}
			gotOf := checksum.Of(pkt.ipHeader)
			assert.Equalf(t, uint16(0), gotOf, "Of(IPv4 header % x) = %#04x, want 0 over a correct header", pkt.ipHeader, gotOf)

			header := bytes.Clone(pkt.ipHeader)
			binary.BigEndian.PutUint16(header[ipv4ChecksumOffset:], 0)
			gotOf = checksum.Of(header)
			assert.Equalf(t, p.ipChecksum, gotOf, "Of(IPv4 header with zeroed checksum % x) = %#04x, want the captured %#04x",
				header, gotOf, p.ipChecksum)
		})
	}
}

// TestGoldenPacketsBitFlips flips every bit of each golden segment, one at
// a time: the Internet checksum catches every single-bit error, so Verify
// must report false each time. For IPv4 it does the same to the header and
// Of.
func TestGoldenPacketsBitFlips(t *testing.T) {
	for _, p := range goldenPackets {
		t.Run(p.name, func(t *testing.T) {
			pkt := p.decode(t)
			require.Truef(t, checksum.Verify(pkt.pseudo, pkt.segment), "Verify(%v, segment) before flipping", pkt.pseudo)

			for bit := 0; bit < 8*len(pkt.segment); bit++ {
				flipBit(pkt.segment, bit)
				ok := checksum.Verify(pkt.pseudo, pkt.segment)
				flipBit(pkt.segment, bit)
				if !assert.Falsef(t, ok, "Verify(%v, segment with byte %d bit %d flipped) = true, want false",
					pkt.pseudo, bit/8, 7-bit%8) {
					return
				}
			}

			for bit := 0; bit < 8*len(pkt.ipHeader); bit++ {
				flipBit(pkt.ipHeader, bit)
				got := checksum.Of(pkt.ipHeader)
				flipBit(pkt.ipHeader, bit)
				if !assert.NotZerof(t, got, "Of(IPv4 header with byte %d bit %d flipped) = 0, want nonzero",
					bit/8, 7-bit%8) {
					return
				}
			}
		})
	}
}

// TestGoldenPacketsMisdelivered checks what the pseudo-header is for: the
// segment itself is intact, but checked against a pseudo-header with any
// single bit of an address, the protocol or the length flipped, as if IP
// had delivered it to the wrong host or protocol, Verify reports false.
func TestGoldenPacketsMisdelivered(t *testing.T) {
	for _, p := range goldenPackets {
		t.Run(p.name, func(t *testing.T) {
			pkt := p.decode(t)
			for _, wrong := range misdeliveries(pkt.pseudo) {
				if !assert.Falsef(t, checksum.Verify(wrong.ph, pkt.segment),
					"Verify(pseudo-header with %s, segment) = true, want false", wrong.what) {
					return
				}
			}
		})
	}
}

// misdelivery is a pseudo-header that differs from the true one in one bit.
type misdelivery struct {
	what string // which bit was flipped
	ph   checksum.PseudoHeader
}

// misdeliveries returns every pseudo-header that differs from ph in one
// bit of Src, Dst, Protocol or (within its field's width) Length.
func misdeliveries(ph checksum.PseudoHeader) []misdelivery {
	var out []misdelivery
	for _, addr := range oneBitOff(ph.Src) {
		wrong := ph
		wrong.Src = addr
		out = append(out, misdelivery{"source " + addr.String(), wrong})
	}
	for _, addr := range oneBitOff(ph.Dst) {
		wrong := ph
		wrong.Dst = addr
		out = append(out, misdelivery{"destination " + addr.String(), wrong})
	}
	for bit := 0; bit < 8; bit++ {
		wrong := ph
		wrong.Protocol ^= 1 << bit
		out = append(out, misdelivery{fmt.Sprintf("protocol %d", wrong.Protocol), wrong})
	}
	lengthBits := 16 // RFC 9293 §3.1
	if ph.Src.Is6() {
		lengthBits = 32 // RFC 8200 §8.1
	}
	for bit := 0; bit < lengthBits; bit++ {
		wrong := ph
		wrong.Length ^= 1 << bit
		out = append(out, misdelivery{fmt.Sprintf("length %d", wrong.Length), wrong})
	}
	return out
}

// oneBitOff returns every address of addr's family that differs from addr
// in exactly one bit.
func oneBitOff(addr netip.Addr) []netip.Addr {
	var out []netip.Addr
	raw := addr.AsSlice()
	for bit := 0; bit < 8*len(raw); bit++ {
		flipBit(raw, bit)
		flipped, _ := netip.AddrFromSlice(raw)
		flipBit(raw, bit)
		out = append(out, flipped)
	}
	return out
}

// TestComputeMatchesReference compares Compute with the checksum worked
// out the long way: build the pseudo-header bytes, append a copy of the
// segment with its checksum field zeroed, and complement ReferenceSum.
// It tries every field offset, including the ones that are not a whole
// word inside the segment, for which nothing is zeroed.
func TestComputeMatchesReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(1071, 7))
	headers := []checksum.PseudoHeader{
		{Src: netip.MustParseAddr("10.0.0.1"), Dst: netip.MustParseAddr("10.0.0.2"), Protocol: checksum.ProtocolTCP},
		{Src: netip.MustParseAddr("fd00::1"), Dst: netip.MustParseAddr("fd00::2"), Protocol: checksum.ProtocolUDP},
	}
	for _, ph := range headers {
		for n := 0; n <= 70; n++ {
			segment := randomBytes(rng, n)
			original := bytes.Clone(segment)
			ph.Length = uint32(n)
			for offset := -2; offset <= n+1; offset++ {
				want := computeTheLongWay(ph, segment, offset)
				got := checksum.Compute(ph, segment, offset)
				if !assert.Equalf(t, want, got, "Compute(%v, %d bytes, %d) = %#04x, want %#04x", ph, n, offset, got, want) {
					return
				}
				require.Equalf(t, original, segment, "Compute(%v, %d bytes, %d) modified the segment", ph, n, offset)
			}
		}
	}
}

// computeTheLongWay is the oracle for TestComputeMatchesReference.
func computeTheLongWay(ph checksum.PseudoHeader, segment []byte, fieldOffset int) uint16 {
	zeroed := bytes.Clone(segment)
	if fieldOffset >= 0 && fieldOffset%2 == 0 && fieldOffset+2 <= len(zeroed) {
		zeroed[fieldOffset] = 0
		zeroed[fieldOffset+1] = 0
	}
	return ^checksum.ReferenceSum(append(ph.AppendTo(nil), zeroed...))
}

// TestComputeThenVerify stores Compute's result in the field and checks
// that Verify then accepts the segment: the round trip a sender and a
// receiver make.
func TestComputeThenVerify(t *testing.T) {
	rng := rand.New(rand.NewPCG(1071, 8))
	ph := checksum.PseudoHeader{
		Src: netip.MustParseAddr("192.0.2.1"), Dst: netip.MustParseAddr("198.51.100.7"), Protocol: checksum.ProtocolTCP,
	}
	for n := 20; n <= 1500; n += 37 {
		segment := randomBytes(rng, n)
		ph.Length = uint32(n)
		field := checksum.Compute(ph, segment, tcpChecksumOffset)
		binary.BigEndian.PutUint16(segment[tcpChecksumOffset:], field)
		assert.Truef(t, checksum.Verify(ph, segment), "Verify(%v, %d bytes with checksum %#04x) = false, want true",
			ph, n, field)
	}
}

// TestComputeAllocations checks that Compute and Verify do not allocate.
func TestComputeAllocations(t *testing.T) {
	p := goldenPackets[0].decode(t)
	allocs := testing.AllocsPerRun(100, func() { checksum.Compute(p.pseudo, p.segment, tcpChecksumOffset) })
	assert.Zerof(t, allocs, "Compute allocates %v times per call, want 0", allocs)
	allocs = testing.AllocsPerRun(100, func() { checksum.Verify(p.pseudo, p.segment) })
	assert.Zerof(t, allocs, "Verify allocates %v times per call, want 0", allocs)
}

// flipBit inverts bit number bit of b, counting from the most significant
// bit of b[0].
func flipBit(b []byte, bit int) {
	b[bit/8] ^= 0x80 >> (bit % 8)
}
