package wire

import (
	"encoding/binary"
	"net/netip"

	"github.com/tcpedu/tcpedu/tcpedu/checksum"
)

// The IPv4 header, RFC 791 §3.1, with byte offsets. This package reads just
// enough of it to find and check the TCP or UDP segment inside.
//
//	 0                   1                   2                   3
//	 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
//	+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//	|Version|  IHL  |Type of Service|        Total Length (2)       |
//	+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//	|       Identification (4)      |Flags|   Fragment Offset (6)   |
//	+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//	|  Time to Live |  Protocol (9) |     Header Checksum (10)      |
//	+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//	|                      Source Address (12)                      |
//	+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//	|                   Destination Address (16)                    |
//	+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//	|                    Options                    |    Padding    |
//	+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
const (
	ipv4VersionIHL = 0 // version: high nibble; IHL (header length in words): low nibble
	ipv4TOS        = 1
	ipv4TotalLen   = 2
	ipv4ID         = 4
	ipv4FlagsFrag  = 6 // flags: top 3 bits; fragment offset: low 13 bits, in 8-byte units
	ipv4TTL        = 8
	ipv4Protocol   = 9
	ipv4Checksum   = 10
	ipv4Src        = 12
	ipv4Dst        = 16

	// IPv4MinHeaderLen is the IPv4 header without options (IHL 5).
	IPv4MinHeaderLen = 20

	// IPv4ChecksumOffset is where the header checksum sits.
	IPv4ChecksumOffset = ipv4Checksum

	ipv4FlagsShift = 13
	ipv4FragMask   = 0x1fff
	ipv4AddrLen    = 4
)

// IPv4 flag bits, as IPv4Header.Flags holds them (RFC 791 §3.1).
const (
	IPv4DontFragment  = 0b010 // DF: routers must not fragment this packet
	IPv4MoreFragments = 0b001 // MF: more fragments of this datagram follow
)

// ipv4Layer names the layer in errors.
const ipv4Layer = "IPv4 header"

// IPv4Header is the plain-struct view of an IPv4 header.
type IPv4Header struct {
	Version    uint8  // always 4
	IHL        uint8  // header length in 32-bit words, 5–15
	TOS        uint8  // DSCP (high 6 bits) and ECN (low 2 bits)
	TotalLen   uint16 // header plus data, bytes
	ID         uint16 // identification, for reassembling fragments
	Flags      uint8  // IPv4DontFragment, IPv4MoreFragments
	FragOffset uint16 // where this fragment starts, in 8-byte units
	TTL        uint8
	Protocol   uint8 // ProtocolTCP, ProtocolUDP, 1 for ICMP, ...
	Checksum   uint16
	Src, Dst   netip.Addr
	Options    []byte // IP options (rare), sharing memory with the parsed buffer
}

// Parse decodes the IPv4 header at the start of b and returns the packet's
// data: the bytes after the header up to Total Length. Bytes past Total
// Length (such as Ethernet padding on a short frame) are not part of the
// packet and are left out.
func (h *IPv4Header) Parse(b []byte) (data []byte, err error) {
	if len(b) < IPv4MinHeaderLen {
		return nil, truncated(ipv4Layer, IPv4MinHeaderLen, len(b))
	}
	h.Version = b[ipv4VersionIHL] >> 4
	h.IHL = b[ipv4VersionIHL] & 0x0f
	h.TOS = b[ipv4TOS]
	h.TotalLen = binary.BigEndian.Uint16(b[ipv4TotalLen:])
	h.ID = binary.BigEndian.Uint16(b[ipv4ID:])
	ff := binary.BigEndian.Uint16(b[ipv4FlagsFrag:])
	h.Flags = uint8(ff >> ipv4FlagsShift)
	h.FragOffset = ff & ipv4FragMask
	h.TTL = b[ipv4TTL]
	h.Protocol = b[ipv4Protocol]
	h.Checksum = binary.BigEndian.Uint16(b[ipv4Checksum:])
	h.Src = netip.AddrFrom4([ipv4AddrLen]byte(b[ipv4Src : ipv4Src+ipv4AddrLen]))
	h.Dst = netip.AddrFrom4([ipv4AddrLen]byte(b[ipv4Dst : ipv4Dst+ipv4AddrLen]))

	if h.Version != 4 {
		return nil, parseErr(ipv4Layer, 0, ErrVersion, "version field is %d, not 4", h.Version)
	}
	hdrLen := int(h.IHL) * wordLen
	if h.IHL < 5 {
		return nil, parseErr(ipv4Layer, 0, ErrHeaderLength,
			"IHL %d (%d bytes) is below the minimum 5 (20 bytes)", h.IHL, hdrLen)
	}
	total := int(h.TotalLen)
	if total < hdrLen {
		return nil, parseErr(ipv4Layer, ipv4TotalLen, ErrLength,
			"total length %d is shorter than the %d-byte header", total, hdrLen)
	}
	if total > len(b) {
		return nil, parseErr(ipv4Layer, ipv4TotalLen, ErrLength,
			"total length %d is beyond the %d bytes captured", total, len(b))
	}
	h.Options = b[IPv4MinHeaderLen:hdrLen]
	return b[hdrLen:total], nil
}

// HeaderLen returns the header length in bytes: IHL times 4.
func (h *IPv4Header) HeaderLen() int { return int(h.IHL) * wordLen }

// IsFragment reports whether the packet is one piece of a fragmented
// datagram (MF set or a non-zero offset). Only the first piece holds the
// transport header, and no piece alone can have its checksum verified.
func (h *IPv4Header) IsFragment() bool {
	return h.Flags&IPv4MoreFragments != 0 || h.FragOffset != 0
}

// PseudoHeader returns the pseudo-header for a TCP or UDP segment of
// length bytes carried in this packet (RFC 9293 §3.1, RFC 768).
func (h *IPv4Header) PseudoHeader(length int) checksum.PseudoHeader {
	return checksum.PseudoHeader{Src: h.Src, Dst: h.Dst, Protocol: h.Protocol, Length: uint32(length)}
}

// AppendTo appends the header to b with IHL and Options as given and the
// checksum field as it is; ComputeIPv4Checksum gives the right value.
func (h *IPv4Header) AppendTo(b []byte) ([]byte, error) {
	if !h.Src.Is4() || !h.Dst.Is4() {
		return b, marshalErr(ipv4Layer, ErrField, "source %v and destination %v must both be IPv4", h.Src, h.Dst)
	}
	if h.HeaderLen() != IPv4MinHeaderLen+len(h.Options) || len(h.Options)%wordLen != 0 {
		return b, marshalErr(ipv4Layer, ErrField,
			"IHL %d (%d bytes) does not match 20 bytes plus %d bytes of options", h.IHL, h.HeaderLen(), len(h.Options))
	}
	b = append(b, h.Version<<4|h.IHL, h.TOS)
	b = binary.BigEndian.AppendUint16(b, h.TotalLen)
	b = binary.BigEndian.AppendUint16(b, h.ID)
	b = binary.BigEndian.AppendUint16(b, uint16(h.Flags)<<ipv4FlagsShift|h.FragOffset&ipv4FragMask)
	b = append(b, h.TTL, h.Protocol)
	b = binary.BigEndian.AppendUint16(b, h.Checksum)
	src, dst := h.Src.As4(), h.Dst.As4()
	b = append(b, src[:]...)
	b = append(b, dst[:]...)
	return append(b, h.Options...), nil
}

// ComputeIPv4Checksum returns the header checksum for the IPv4 header hdr
// (RFC 791 §3.1): the checksum of the header alone, field counted as zero.
// Unlike TCP's and UDP's, it covers no data and needs no pseudo-header.
func ComputeIPv4Checksum(hdr []byte) uint16 {
	return ^checksum.Add(checksum.Sum(hdr[:ipv4Checksum]), checksum.Sum(hdr[ipv4Checksum+2:]))
}

// SetIPv4Checksum computes the checksum of the IPv4 header hdr and stores
// it in the header's checksum field.
func SetIPv4Checksum(hdr []byte) {
	binary.BigEndian.PutUint16(hdr[ipv4Checksum:], ComputeIPv4Checksum(hdr))
}

// IPv4ChecksumValid reports whether the IPv4 header hdr has a correct
// header checksum: its ones' complement sum is 0xFFFF.
func IPv4ChecksumValid(hdr []byte) bool { return checksum.Sum(hdr) == 0xFFFF }
