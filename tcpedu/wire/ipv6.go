package wire

import (
	"encoding/binary"
	"net/netip"

	"github.com/tcpedu/tcpedu/tcpedu/checksum"
)

// The IPv6 header, RFC 8200 §3, with byte offsets. It has a fixed 40 bytes;
// anything optional travels in extension headers between it and TCP/UDP.
//
//	 0                   1                   2                   3
//	 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
//	+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//	|Version| Traffic Class |           Flow Label                  |
//	+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//	|       Payload Length (4)      | Next Header(6)|Hop Limit (7)  |
//	+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//	|                                                               |
//	+                     Source Address (8)                        +
//	|                        (16 bytes)                             |
//	+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//	|                                                               |
//	+                  Destination Address (24)                     +
//	|                        (16 bytes)                             |
//	+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
const (
	ipv6VersionClassFlow = 0 // version: 4 bits; traffic class: 8; flow label: 20
	ipv6PayloadLen       = 4
	ipv6NextHeader       = 6
	ipv6HopLimit         = 7
	ipv6Src              = 8
	ipv6Dst              = 24

	// IPv6HeaderLen is the fixed IPv6 header.
	IPv6HeaderLen = 40

	ipv6AddrLen       = 16
	ipv6FlowLabelMask = 0xfffff
)

// ipv6Layer names the layer in errors.
const ipv6Layer = "IPv6 header"

// IPv6Header is the plain-struct view of the fixed IPv6 header.
type IPv6Header struct {
	Version      uint8  // always 6
	TrafficClass uint8  // DSCP and ECN, as in IPv4's TOS byte
	FlowLabel    uint32 // 20 bits
	PayloadLen   uint16 // bytes after this 40-byte header, extension headers included
	NextHeader   uint8  // type of the next header: an extension header, or TCP/UDP
	HopLimit     uint8
	Src, Dst     netip.Addr
}

// Parse decodes the fixed IPv6 header at the start of b and returns the
// payload: the PayloadLen bytes that follow it (extension headers
// included). Bytes past that, such as Ethernet padding, are left out.
func (h *IPv6Header) Parse(b []byte) (payload []byte, err error) {
	if len(b) < IPv6HeaderLen {
		return nil, truncated(ipv6Layer, IPv6HeaderLen, len(b))
	}
	vcf := binary.BigEndian.Uint32(b[ipv6VersionClassFlow:])
	h.Version = uint8(vcf >> 28)
	h.TrafficClass = uint8(vcf >> 20)
	h.FlowLabel = vcf & ipv6FlowLabelMask
	h.PayloadLen = binary.BigEndian.Uint16(b[ipv6PayloadLen:])
	h.NextHeader = b[ipv6NextHeader]
	h.HopLimit = b[ipv6HopLimit]
	h.Src = netip.AddrFrom16([ipv6AddrLen]byte(b[ipv6Src : ipv6Src+ipv6AddrLen]))
	h.Dst = netip.AddrFrom16([ipv6AddrLen]byte(b[ipv6Dst : ipv6Dst+ipv6AddrLen]))
	if h.Version != 6 {
		return nil, parseErr(ipv6Layer, 0, ErrVersion, "version field is %d, not 6", h.Version)
	}
	end := IPv6HeaderLen + int(h.PayloadLen)
	if end > len(b) {
		// A payload length of 0 with a Jumbo Payload option (RFC 2675) is
		// not supported; it never appears on ordinary links.
		return nil, parseErr(ipv6Layer, ipv6PayloadLen, ErrLength,
			"payload length %d is beyond the %d bytes captured after the header", h.PayloadLen, len(b)-IPv6HeaderLen)
	}
	return b[IPv6HeaderLen:end], nil
}

// PseudoHeader returns the IPv6 pseudo-header (RFC 8200 §8.1) for an
// upper-layer packet of length bytes with protocol proto. The protocol is
// the transport's own number, not the Next Header field of the fixed
// header, which may name an extension header.
func (h *IPv6Header) PseudoHeader(proto uint8, length int) checksum.PseudoHeader {
	return checksum.PseudoHeader{Src: h.Src, Dst: h.Dst, Protocol: proto, Length: uint32(length)}
}

// AppendTo appends the 40-byte header to b.
func (h *IPv6Header) AppendTo(b []byte) ([]byte, error) {
	if !h.Src.Is6() || !h.Dst.Is6() {
		return b, marshalErr(ipv6Layer, ErrField, "source %v and destination %v must both be IPv6", h.Src, h.Dst)
	}
	if h.FlowLabel > ipv6FlowLabelMask {
		return b, marshalErr(ipv6Layer, ErrField, "flow label 0x%x does not fit in 20 bits", h.FlowLabel)
	}
	b = binary.BigEndian.AppendUint32(b, uint32(h.Version)<<28|uint32(h.TrafficClass)<<20|h.FlowLabel)
	b = binary.BigEndian.AppendUint16(b, h.PayloadLen)
	b = append(b, h.NextHeader, h.HopLimit)
	src, dst := h.Src.As16(), h.Dst.As16()
	b = append(b, src[:]...)
	return append(b, dst[:]...), nil
}
