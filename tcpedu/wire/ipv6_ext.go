package wire

import "encoding/binary"

// IPv6 extension headers (RFC 8200 §4) sit between the fixed header and the
// transport header, chained by their Next Header fields:
//
//	IPv6 (next 0) → Hop-by-Hop (next 60) → Destination Options (next 6) → TCP
//
// This package does not interpret them. It skips each one to reach TCP or
// UDP, and records what it skipped so a learner sees that they were there.

// IPv6 next-header values of the extension headers this package skips.
const (
	ExtHopByHop    = 0   // Hop-by-Hop Options (RFC 8200 §4.3)
	ExtRouting     = 43  // Routing (RFC 8200 §4.4)
	ExtFragment    = 44  // Fragment (RFC 8200 §4.5)
	ExtESP         = 50  // Encapsulating Security Payload (RFC 4303): encrypted, cannot be skipped
	ExtAuth        = 51  // Authentication Header (RFC 4302)
	ExtNoNext      = 59  // No Next Header (RFC 8200 §4.7)
	ExtDestOptions = 60  // Destination Options (RFC 8200 §4.6)
	ExtMobility    = 135 // Mobility (RFC 6275)
	ExtHIP         = 139 // Host Identity Protocol (RFC 7401)
	ExtShim6       = 140 // Shim6 (RFC 5533)
)

const (
	extLayer        = "IPv6 extension header"
	extMinLen       = 8 // every extension header is a multiple of 8 bytes
	fragmentHdrLen  = 8
	fragOffsetShift = 3 // the fragment offset is the top 13 bits of bytes 2–3
	fragMoreBit     = 1 // the M flag is the lowest bit
)

// ExtensionHeader records one skipped IPv6 extension header.
type ExtensionHeader struct {
	Type uint8 // its own type: the Next Header value that announced it
	Len  int   // its length in bytes
}

// Name returns the extension header's name, such as "Destination Options".
func (e ExtensionHeader) Name() string {
	switch e.Type {
	case ExtHopByHop:
		return "Hop-by-Hop Options"
	case ExtRouting:
		return "Routing"
	case ExtFragment:
		return "Fragment"
	case ExtAuth:
		return "Authentication Header"
	case ExtDestOptions:
		return "Destination Options"
	case ExtMobility:
		return "Mobility"
	case ExtHIP:
		return "Host Identity Protocol"
	case ExtShim6:
		return "Shim6"
	}
	return "unknown"
}

// isSkippable reports whether next names an extension header this package
// knows how to step over.
func isSkippable(next uint8) bool {
	switch next {
	case ExtHopByHop, ExtRouting, ExtFragment, ExtAuth, ExtDestOptions, ExtMobility, ExtHIP, ExtShim6:
		return true
	}
	return false
}

// SkipExtensionHeaders follows the chain of extension headers that starts
// with next at the front of b. It returns the upper-layer protocol number,
// the bytes of that upper-layer packet, and skipped with each extension
// header appended. The walk stops at the first header that is not an
// extension header (TCP, UDP, ICMPv6, No Next Header, ESP...).
//
// A Fragment header whose offset is not zero means this packet holds no
// upper-layer header at all: the walk stops there with upper nil and an
// ErrFragment error. One with offset zero and the M flag set holds the
// header, but its checksum covers the whole reassembled datagram: the walk
// goes on and the ErrFragment error comes back with upper.
func SkipExtensionHeaders(next uint8, b []byte, skipped []ExtensionHeader) (proto uint8, upper []byte, skippedOut []ExtensionHeader, err error) {
	offset := 0
	for isSkippable(next) {
		rest := b[offset:]
		if len(rest) < 2 {
			return next, nil, skipped, truncated(extLayer, 2, len(rest))
		}
		var n int
		switch next {
		case ExtFragment:
			n = fragmentHdrLen
		case ExtAuth:
			n = (int(rest[1]) + 2) * 4 // RFC 4302 §2.2: in 4-byte units, minus 2
		default:
			n = (int(rest[1]) + 1) * extMinLen // RFC 8200 §4.3: 8-byte units, not counting the first 8
		}
		if n > len(rest) {
			return next, nil, skipped, parseErr(extLayer, offset, ErrTruncated,
				"%s header is %d bytes, but only %d remain", ExtensionHeader{Type: next}.Name(), n, len(rest))
		}
		skipped = append(skipped, ExtensionHeader{Type: next, Len: n})
		if next == ExtFragment {
			fo := binary.BigEndian.Uint16(rest[2:])
			if fragOff := int(fo>>fragOffsetShift) * 8; fragOff != 0 {
				return rest[0], nil, skipped, parseErr(extLayer, offset, ErrFragment,
					"packet is a later fragment (offset %d bytes) and holds no upper-layer header", fragOff)
			}
			if fo&fragMoreBit != 0 {
				err = parseErr(extLayer, offset, ErrFragment,
					"packet is the first fragment of a larger datagram, so its checksum cannot be verified alone")
			}
		}
		next = rest[0]
		offset += n
	}
	return next, b[offset:], skipped, err
}
