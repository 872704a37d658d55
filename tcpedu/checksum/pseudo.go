package checksum

// This file defines the pseudo-header: the facts from the IP layer that the
// TCP and UDP checksums cover although they are not part of the TCP or UDP
// header. Read reference.go first; segment.go uses what is defined here.

import (
	"encoding/binary"
	"errors"
	"fmt"
	"net/netip"
)

// Protocol numbers for PseudoHeader.Protocol. They are the values of the
// IPv4 Protocol field and the IPv6 Next Header field, assigned by IANA
// ("Assigned Internet Protocol Numbers").
const (
	ProtocolTCP uint8 = 6  // RFC 9293
	ProtocolUDP uint8 = 17 // RFC 768
)

// The IPv4 pseudo-header, RFC 9293 §3.1 (Figure 2) for TCP and RFC 768 for
// UDP; 12 bytes, or 96 bits:
//
//	 0                   1                   2                   3
//	 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
//	+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//	|                        Source Address                         |
//	+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//	|                      Destination Address                      |
//	+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//	|     zero      |   Protocol    |     TCP or UDP Length         |
//	+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//
// The length is the TCP header plus data (or UDP header plus data) in
// bytes. It is not sent anywhere in TCP; the receiver works it out from
// the IP header. The zero byte pads the protocol number to a whole word.
const (
	pseudo4SrcOffset      = 0  // Source Address, 4 bytes
	pseudo4DstOffset      = 4  // Destination Address, 4 bytes
	pseudo4ZeroOffset     = 8  // one zero byte
	pseudo4ProtocolOffset = 9  // Protocol, 1 byte
	pseudo4LengthOffset   = 10 // TCP or UDP length, 2 bytes
	pseudo4Len            = 12

	// maxLength4 is the largest length the 16-bit field can hold, in bytes.
	maxLength4 = 0xFFFF
)

// The IPv6 pseudo-header, RFC 8200 §8.1; 40 bytes, or 320 bits:
//
//	 0                   1                   2                   3
//	 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
//	+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//	|                                                               |
//	+                                                               +
//	|                                                               |
//	+                         Source Address                        +
//	|                                                               |
//	+                                                               +
//	|                                                               |
//	+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//	|                                                               |
//	+                                                               +
//	|                                                               |
//	+                      Destination Address                      +
//	|                                                               |
//	+                                                               +
//	|                                                               |
//	+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//	|                   Upper-Layer Packet Length                   |
//	+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//	|                      zero                     |  Next Header  |
//	+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//
// RFC 8200 §8.1 adds two rules that a caller must apply when filling in a
// PseudoHeader: if the packet has a Routing header, the Destination
// Address is the final destination, not the one in the IPv6 header; and
// Next Header is the upper-layer protocol (6 or 17), not the Next Header
// field of the IPv6 header, which may name an extension header instead.
const (
	pseudo6SrcOffset        = 0  // Source Address, 16 bytes
	pseudo6DstOffset        = 16 // Destination Address, 16 bytes
	pseudo6LengthOffset     = 32 // Upper-Layer Packet Length, 4 bytes
	pseudo6ZeroOffset       = 36 // three zero bytes
	pseudo6NextHeaderOffset = 39 // Next Header, 1 byte
	pseudo6Len              = 40
)

// Errors reported by PseudoHeader.Valid. Each error Valid returns wraps one
// of them, so test with errors.Is; the error's text names the offending
// values.
var (
	// ErrInvalidAddr means Src or Dst is the zero netip.Addr, the value a
	// netip.Addr has before it is set.
	ErrInvalidAddr = errors.New("checksum: pseudo-header address is not set")

	// ErrMixedFamilies means one address is IPv4 and the other IPv6. A
	// packet is either IPv4 or IPv6, so its two addresses are of one kind.
	ErrMixedFamilies = errors.New("checksum: pseudo-header mixes address families")

	// ErrLengthTooLarge means an IPv4 pseudo-header's Length does not fit
	// its 16-bit field.
	ErrLengthTooLarge = errors.New("checksum: pseudo-header length does not fit in 16 bits")
)

// PseudoHeader holds the facts from the IP layer that the TCP and UDP
// checksums cover: who sent the segment, to whom, with which protocol, and
// how long it is. Their checksums are computed over the pseudo-header
// followed by the segment, although the pseudo-header is never sent: both
// ends build it from the IP header. This is what lets a receiver notice a
// segment that the IP layer delivered to the wrong host or the wrong
// protocol (RFC 9293 §3.1; RFC 768).
//
// Nothing here is taken from the environment: every field is passed in.
//
// The address family decides the form. Two IPv4 addresses (Is4) give the
// 12-byte IPv4 form; two IPv6 addresses give the 40-byte IPv6 form. An
// IPv4-mapped IPv6 address such as ::ffff:10.0.0.1 counts as IPv6, because
// that is what netip.Addr reports (Is4 is false) and what such an address
// is on the wire: the IPv6 form, with the 16 bytes of the mapped address.
// An IPv4 packet's pseudo-header needs plain IPv4 addresses; call Unmap on
// addresses that came from a dual-stack socket. A zone (fe80::1%eth0) is
// ignored: it is not part of the address on the wire.
//
// The zero PseudoHeader is not valid. Call Valid to check one; the other
// methods do not report errors. Given a PseudoHeader that is not valid,
// they do not panic: Len returns 0, AppendTo appends nothing and Sum
// returns 0.
type PseudoHeader struct {
	// Src and Dst are the source and destination addresses of the IP
	// packet that carries the segment.
	Src, Dst netip.Addr

	// Protocol is the upper-layer protocol number: the IPv4 Protocol
	// field, or the IPv6 Next Header that names TCP or UDP. Use
	// ProtocolTCP (6) or ProtocolUDP (17).
	Protocol uint8

	// Length is the length of the TCP or UDP segment in bytes: header
	// plus payload, not counting the IP header or the pseudo-header. The
	// IPv4 form holds 16 bits (at most 65535); the IPv6 form holds 32.
	Length uint32
}

// Valid returns nil if ph can be encoded, and otherwise an error that
// wraps ErrInvalidAddr, ErrMixedFamilies or ErrLengthTooLarge and names
// the offending values.
func (ph PseudoHeader) Valid() error {
	if !ph.Src.IsValid() {
		return fmt.Errorf("%w: the source is the zero netip.Addr", ErrInvalidAddr)
	}
	if !ph.Dst.IsValid() {
		return fmt.Errorf("%w: the destination is the zero netip.Addr", ErrInvalidAddr)
	}
	if ph.Src.Is4() != ph.Dst.Is4() {
		return fmt.Errorf("%w: %s source %s with %s destination %s%s",
			ErrMixedFamilies, family(ph.Src), ph.Src, family(ph.Dst), ph.Dst, unmapHint(ph))
	}
	if ph.Src.Is4() && ph.Length > maxLength4 {
		return fmt.Errorf("%w: IPv4 length %d bytes is above the maximum %d",
			ErrLengthTooLarge, ph.Length, maxLength4)
	}
	return nil
}

// family names the address family of a valid addr the way netip sees it.
func family(addr netip.Addr) string {
	if addr.Is4() {
		return "IPv4"
	}
	return "IPv6"
}

// unmapHint returns advice to add to a mixed-families error when one of
// the addresses is IPv4-mapped, and "" otherwise.
func unmapHint(ph PseudoHeader) string {
	if ph.Src.Is4In6() || ph.Dst.Is4In6() {
		return " (an IPv4-mapped address is IPv6; use netip.Addr.Unmap for an IPv4 packet)"
	}
	return ""
}

// is4 reports whether ph is valid and takes the IPv4 form. (is4 and is6
// take a pointer only so that calling them does not copy ph; in Sum that
// copy cost as much as the arithmetic. They do not modify ph.)
func (ph *PseudoHeader) is4() bool {
	return ph.Src.Is4() && ph.Dst.Is4() && ph.Length <= maxLength4
}

// is6 reports whether ph is valid and takes the IPv6 form.
func (ph *PseudoHeader) is6() bool {
	return ph.Src.Is6() && ph.Dst.Is6()
}

// Len returns the length of ph's encoding in bytes: 12 for IPv4, 40 for
// IPv6, and 0 if ph is not valid.
func (ph PseudoHeader) Len() int {
	switch {
	case ph.is4():
		return pseudo4Len
	case ph.is6():
		return pseudo6Len
	}
	return 0
}

// AppendTo appends the ph.Len() bytes of ph's encoding to b and returns
// the extended slice. The bytes are never sent; AppendTo exists so that a
// learner can see them. If ph is not valid, AppendTo returns b unchanged.
func (ph PseudoHeader) AppendTo(b []byte) []byte {
	n := ph.Len()
	if n == 0 {
		return b
	}
	start := len(b)
	b = append(b, make([]byte, n)...)
	p := b[start:]

	if n == pseudo4Len { // RFC 9293 §3.1, RFC 768
		src, dst := ph.Src.As4(), ph.Dst.As4()
		copy(p[pseudo4SrcOffset:], src[:])
		copy(p[pseudo4DstOffset:], dst[:])
		p[pseudo4ZeroOffset] = 0
		p[pseudo4ProtocolOffset] = ph.Protocol
		binary.BigEndian.PutUint16(p[pseudo4LengthOffset:], uint16(ph.Length))
		return b
	}

	// RFC 8200 §8.1
	src, dst := ph.Src.As16(), ph.Dst.As16()
	copy(p[pseudo6SrcOffset:], src[:])
	copy(p[pseudo6DstOffset:], dst[:])
	binary.BigEndian.PutUint32(p[pseudo6LengthOffset:], ph.Length)
	for i := pseudo6ZeroOffset; i < pseudo6NextHeaderOffset; i++ {
		p[i] = 0
	}
	p[pseudo6NextHeaderOffset] = ph.Protocol
	return b
}

// Sum returns the one's-complement sum of ph's encoding: the same value as
// Sum(ph.AppendTo(nil)), computed without building the bytes and without
// allocating. If ph is not valid, Sum returns 0, the sum of no bytes.
func (ph PseudoHeader) Sum() uint16 {
	// The sum is over 16-bit words, and one's-complement addition does not
	// care about order or grouping (RFC 1071 §2(A)), so each field's words
	// can be added on their own, carries deferred in a 32-bit accumulator
	// as in ReferenceSum. The zero bytes add nothing; the protocol number
	// is the low byte of its word, after a zero byte.
	var sum uint32
	switch {
	case ph.is4():
		src, dst := ph.Src.As4(), ph.Dst.As4()
		sum = wordSum(src[:]) + wordSum(dst[:])
		sum += ph.Length // 16 bits, as is4 has checked
		sum += uint32(ph.Protocol)
	case ph.is6():
		src, dst := ph.Src.As16(), ph.Dst.As16()
		sum = wordSum(src[:]) + wordSum(dst[:])
		sum += ph.Length>>16 + ph.Length&0xFFFF // two words
		sum += uint32(ph.Protocol)
	}
	return fold(sum)
}

// wordSum returns the plain sum of the big-endian 16-bit words of an
// address, carries not yet folded. len(addr) is 4 or 16, so the sum stays
// below 2^20.
func wordSum(addr []byte) uint32 {
	var sum uint32
	for i := 0; i+1 < len(addr); i += 2 {
		sum += uint32(binary.BigEndian.Uint16(addr[i:]))
	}
	return sum
}
