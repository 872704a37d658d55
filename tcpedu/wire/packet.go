package wire

import (
	"net/netip"

	"github.com/tcpedu/tcpedu/tcpedu/checksum"
)

// Packet is one IP packet taken apart down to its TCP or UDP header: what a
// decoder needs to show a captured frame field by field.
//
// Decode into the same Packet again and again to avoid allocation; every
// slice in it shares memory with the last buffer decoded.
type Packet struct {
	IPVersion  int        // 4 or 6; 0 until an IP header has been read
	IPv4       IPv4Header // valid when IPVersion is 4
	IPv6       IPv6Header // valid when IPVersion is 6
	IPHeader   []byte     // the IP header's bytes (IPv4 with options, or the fixed IPv6 header)
	Extensions []ExtensionHeader

	Protocol uint8  // upper-layer protocol: ProtocolTCP, ProtocolUDP, or another
	Segment  []byte // the upper-layer packet: TCP or UDP header and payload
	TCP      TCPHeader
	UDP      UDPHeader
}

// DecodeFrame strips the link-layer header of a frame captured on a link of
// type l (see StripLink) and decodes the IP packet inside.
func (p *Packet) DecodeFrame(l LinkType, frame []byte) error {
	p.reset()
	ip, err := StripLink(l, frame)
	if err != nil {
		return err
	}
	return p.DecodeIP(ip)
}

// DecodeIP decodes an IPv4 or IPv6 packet, chosen by its version nibble,
// and the TCP or UDP header inside it. For other protocols (ICMP, say) it
// stops after the IP layer with no error. On error p keeps every field it
// read before the problem.
func (p *Packet) DecodeIP(b []byte) error {
	p.reset()
	if len(b) < 1 {
		return truncated("IP header", 1, 0)
	}
	var err error
	switch version := b[0] >> 4; version {
	case 4:
		err = p.decodeIPv4(b)
	case 6:
		err = p.decodeIPv6(b)
	default:
		return parseErr("IP header", 0, ErrVersion, "version field is %d, neither 4 nor 6", version)
	}
	if p.Segment == nil {
		return err // the IP layer failed, or this fragment holds no transport header
	}
	// err is nil here, or ErrFragment for a first fragment, whose transport
	// header is present but whose checksum and UDP length cover the whole
	// datagram: the header is still decoded, and err is reported after it.
	switch p.Protocol {
	case ProtocolTCP:
		if tcpErr := p.TCP.Parse(p.Segment); tcpErr != nil {
			return tcpErr
		}
	case ProtocolUDP:
		if udpErr := p.UDP.Parse(p.Segment); udpErr != nil && err == nil {
			return udpErr
		}
	}
	return err
}

// decodeIPv4 parses an IPv4 header and sets Segment to what it carries.
func (p *Packet) decodeIPv4(b []byte) error {
	data, err := p.IPv4.Parse(b)
	if len(b) >= IPv4MinHeaderLen {
		// The fixed header was read, even if a length in it is wrong.
		p.IPVersion, p.Protocol = 4, p.IPv4.Protocol
	}
	if err != nil {
		return err
	}
	p.IPHeader = b[:p.IPv4.HeaderLen()]
	if p.IPv4.FragOffset != 0 {
		return parseErr(ipv4Layer, ipv4FlagsFrag, ErrFragment,
			"packet is a later fragment (offset %d bytes) and holds no %s header", int(p.IPv4.FragOffset)*8, protocolName(p.Protocol))
	}
	p.Segment = data
	if p.IPv4.IsFragment() {
		return parseErr(ipv4Layer, ipv4FlagsFrag, ErrFragment,
			"packet is the first fragment of a larger datagram, so its checksum cannot be verified alone")
	}
	return nil
}

// decodeIPv6 parses the fixed IPv6 header, skips extension headers and sets
// Segment to the upper-layer packet.
func (p *Packet) decodeIPv6(b []byte) error {
	payload, err := p.IPv6.Parse(b)
	if len(b) >= IPv6HeaderLen {
		p.IPVersion = 6 // the fixed header was read, even if its length is wrong
	}
	if err != nil {
		return err
	}
	p.IPHeader = b[:IPv6HeaderLen]
	p.Protocol, p.Segment, p.Extensions, err = SkipExtensionHeaders(p.IPv6.NextHeader, payload, p.Extensions)
	return err
}

// reset clears p for a new decode, keeping the storage of its slices.
func (p *Packet) reset() {
	*p = Packet{
		Extensions: p.Extensions[:0],
		TCP:        TCPHeader{Options: p.TCP.Options[:0]},
	}
}

// Src returns the source address, or the zero Addr before an IP header.
func (p *Packet) Src() netip.Addr {
	if p.IPVersion == 6 {
		return p.IPv6.Src
	}
	return p.IPv4.Src
}

// Dst returns the destination address, or the zero Addr before an IP header.
func (p *Packet) Dst() netip.Addr {
	if p.IPVersion == 6 {
		return p.IPv6.Dst
	}
	return p.IPv4.Dst
}

// PseudoHeader returns the pseudo-header that p's TCP or UDP checksum
// covers: addresses from the IP header, the transport protocol, and the
// length of Segment.
func (p *Packet) PseudoHeader() checksum.PseudoHeader {
	return checksum.PseudoHeader{Src: p.Src(), Dst: p.Dst(), Protocol: p.Protocol, Length: uint32(len(p.Segment))}
}

// ChecksumValid reports whether p's TCP or UDP checksum is correct. It is
// false for other protocols and for fragments, whose checksum covers bytes
// that are not in this packet.
func (p *Packet) ChecksumValid() bool {
	if p.IPVersion == 4 && p.IPv4.IsFragment() || p.hasFragmentHeader() {
		return false
	}
	switch p.Protocol {
	case ProtocolTCP:
		return len(p.Segment) >= TCPMinHeaderLen && TCP(p.Segment).ChecksumValid(p.PseudoHeader())
	case ProtocolUDP:
		return len(p.Segment) >= UDPHeaderLen && UDP(p.Segment).ChecksumValid(p.PseudoHeader())
	}
	return false
}

// Payload returns the application data after the TCP or UDP header, or nil
// for other protocols and for headers that did not parse.
func (p *Packet) Payload() []byte {
	switch p.Protocol {
	case ProtocolTCP:
		if n := p.TCP.HeaderLen(); p.TCP.DataOffset >= MinDataOffset && n <= len(p.Segment) {
			return p.Segment[n:]
		}
	case ProtocolUDP:
		if len(p.Segment) >= UDPHeaderLen {
			return p.Segment[UDPHeaderLen:]
		}
	}
	return nil
}

// hasFragmentHeader reports whether an IPv6 Fragment header was skipped.
func (p *Packet) hasFragmentHeader() bool {
	for _, e := range p.Extensions {
		if e.Type == ExtFragment {
			return true
		}
	}
	return false
}

// protocolName names an IP protocol number for messages.
func protocolName(proto uint8) string {
	switch proto {
	case ProtocolTCP:
		return "TCP"
	case ProtocolUDP:
		return "UDP"
	case 1:
		return "ICMP"
	case 58:
		return "ICMPv6"
	}
	return "transport"
}
