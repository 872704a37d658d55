package wire

import (
	"encoding/binary"
	"fmt"
)

// LinkType is a capture file's link-layer header type: what comes before
// the IP header in each frame. The values are the LINKTYPE_ numbers that
// pcap and pcapng files record (tcpdump.org's link-layer header types).
type LinkType uint32

// The link types this package can strip to reach the IP packet.
const (
	LinkNull      LinkType = 0   // BSD loopback: 4-byte address family, host byte order
	LinkEthernet  LinkType = 1   // Ethernet II, optionally 802.1Q/802.1ad VLAN tags
	LinkRaw       LinkType = 101 // raw IP: the frame is the IP packet
	LinkLinuxSLL  LinkType = 113 // Linux "cooked" capture v1 (tcpdump -i any)
	LinkIPv4      LinkType = 228 // raw IPv4
	LinkIPv6      LinkType = 229 // raw IPv6
	LinkLinuxSLL2 LinkType = 276 // Linux "cooked" capture v2
)

// Link-layer constants.
const (
	ethHeaderLen     = 14 // destination MAC 6, source MAC 6, EtherType 2
	ethTypeOffset    = 12
	vlanTagLen       = 4
	sllHeaderLen     = 16
	sllProtoOffset   = 14
	sll2HeaderLen    = 20
	sll2ProtoOffset  = 0
	nullHeaderLen    = 4
	etherTypeIPv4    = 0x0800
	etherTypeIPv6    = 0x86dd
	etherTypeVLAN    = 0x8100
	etherTypeQinQ    = 0x88a8
	etherTypeARP     = 0x0806
	linkLayer        = "link-layer header"
	afInet           = 2  // AF_INET on every system
	afInet6Linux     = 10 // AF_INET6 on Linux
	afInet6BSD       = 24 // AF_INET6 on NetBSD, OpenBSD
	afInet6FreeBSD   = 28 // AF_INET6 on FreeBSD
	afInet6Darwin    = 30 // AF_INET6 on macOS
	maxNullFamilyVal = 0xffff
)

// String names the link type, such as "Ethernet".
func (l LinkType) String() string {
	switch l {
	case LinkNull:
		return "BSD loopback"
	case LinkEthernet:
		return "Ethernet"
	case LinkRaw:
		return "raw IP"
	case LinkLinuxSLL:
		return "Linux cooked v1"
	case LinkIPv4:
		return "raw IPv4"
	case LinkIPv6:
		return "raw IPv6"
	case LinkLinuxSLL2:
		return "Linux cooked v2"
	}
	return fmt.Sprintf("link type %d", uint32(l))
}

// StripLink removes the link-layer header of a frame captured on a link of
// type l and returns the IP packet inside. It fails for link types it does
// not know and for frames that carry something other than IPv4 or IPv6
// (an ARP request, say).
func StripLink(l LinkType, frame []byte) ([]byte, error) {
	switch l {
	case LinkRaw, LinkIPv4, LinkIPv6:
		return frame, nil
	case LinkEthernet:
		if len(frame) < ethHeaderLen {
			return nil, truncated(linkLayer, ethHeaderLen, len(frame))
		}
		off := ethTypeOffset
		et := binary.BigEndian.Uint16(frame[off:])
		for et == etherTypeVLAN || et == etherTypeQinQ { // skip each VLAN tag
			off += vlanTagLen
			if len(frame) < off+2 {
				return nil, truncated(linkLayer, off+2, len(frame))
			}
			et = binary.BigEndian.Uint16(frame[off:])
		}
		return ipByEtherType(et, frame[off+2:])
	case LinkLinuxSLL:
		if len(frame) < sllHeaderLen {
			return nil, truncated(linkLayer, sllHeaderLen, len(frame))
		}
		return ipByEtherType(binary.BigEndian.Uint16(frame[sllProtoOffset:]), frame[sllHeaderLen:])
	case LinkLinuxSLL2:
		if len(frame) < sll2HeaderLen {
			return nil, truncated(linkLayer, sll2HeaderLen, len(frame))
		}
		return ipByEtherType(binary.BigEndian.Uint16(frame[sll2ProtoOffset:]), frame[sll2HeaderLen:])
	case LinkNull:
		if len(frame) < nullHeaderLen {
			return nil, truncated(linkLayer, nullHeaderLen, len(frame))
		}
		// The family is in the capturing host's byte order; a value that
		// does not fit in 16 bits was written big-endian-first by the other.
		family := binary.LittleEndian.Uint32(frame)
		if family > maxNullFamilyVal {
			family = binary.BigEndian.Uint32(frame)
		}
		switch family {
		case afInet, afInet6Linux, afInet6BSD, afInet6FreeBSD, afInet6Darwin:
			return frame[nullHeaderLen:], nil
		}
		return nil, parseErr(linkLayer, 0, ErrNotIP, "loopback address family %d is neither IPv4 nor IPv6", family)
	}
	return nil, parseErr(linkLayer, 0, ErrLinkType, "%s is not a link type this decoder reads", l)
}

// ipByEtherType returns rest if the EtherType says IPv4 or IPv6.
func ipByEtherType(et uint16, rest []byte) ([]byte, error) {
	switch et {
	case etherTypeIPv4, etherTypeIPv6:
		return rest, nil
	case etherTypeARP:
		return nil, parseErr(linkLayer, 0, ErrNotIP, "frame carries ARP (EtherType 0x0806), not IP")
	}
	return nil, parseErr(linkLayer, 0, ErrNotIP, "frame carries EtherType 0x%04x, not IPv4 (0x0800) or IPv6 (0x86dd)", et)
}
