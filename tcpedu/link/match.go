package link

import (
	"github.com/tcpedu/tcpedu/tcpedu/seq"
	"github.com/tcpedu/tcpedu/tcpedu/wire"
)

// The matchers below pick TCP segments for a Rule. Each decodes the packet
// as IPv4 or IPv6 with wire.Packet.DecodeIP; a packet that is not TCP, or
// that does not decode cleanly, never matches. They do not check
// checksums: rules run before the wire's corruption, on the packets as the
// sender built them.
//
// Each call returns a matcher with its own decoding scratch, so matching
// allocates nothing; a matcher must not be used by two simulations running
// at once on different goroutines.

// tcpMatcher returns a matcher that decodes p and asks ok about the TCP
// header and the payload length.
func tcpMatcher(ok func(h *wire.TCPHeader, payload int) bool) func(p []byte) bool {
	var pkt wire.Packet
	return func(p []byte) bool {
		if pkt.DecodeIP(p) != nil || pkt.Protocol != wire.ProtocolTCP {
			return false
		}
		return ok(&pkt.TCP, len(pkt.Payload()))
	}
}

// DataSegment returns a matcher for TCP segments that carry data (a
// payload of at least one byte), whatever their flags. With Nth n, a rule
// acts on the nth data segment to enter the wire, retransmissions
// included.
func DataSegment() func(p []byte) bool {
	return tcpMatcher(func(h *wire.TCPHeader, payload int) bool {
		return payload > 0
	})
}

// SeqIs returns a matcher for TCP data segments whose sequence number
// field is s. Every retransmission of the segment matches too, so with Nth
// 1 a rule acts on the first transmission only: "lose the segment at s
// once, and let its retransmission through".
func SeqIs(s seq.Num) func(p []byte) bool {
	return tcpMatcher(func(h *wire.TCPHeader, payload int) bool {
		return payload > 0 && h.Seq == s
	})
}

// AckIs returns a matcher for pure ACKs whose acknowledgment number is a:
// segments with the ACK flag, no payload, and no SYN, FIN or RST (which
// take part in the handshake or teardown rather than just acknowledge).
// With Nth 1 a rule acts on the first ACK for a: "lose the first ACK", so
// that the duplicate ACKs after it are what the sender sees.
func AckIs(a seq.Num) func(p []byte) bool {
	return tcpMatcher(func(h *wire.TCPHeader, payload int) bool {
		return payload == 0 && isPureACK(h.Flags) && h.Ack == a
	})
}

// HasFlags returns a matcher for TCP segments with every flag in f set,
// data or not: HasFlags(wire.SYN) picks the SYN and the SYN-ACK,
// HasFlags(wire.SYN|wire.ACK) only the SYN-ACK, HasFlags(wire.FIN) the
// FINs.
func HasFlags(f wire.Flags) func(p []byte) bool {
	return tcpMatcher(func(h *wire.TCPHeader, payload int) bool {
		return h.Flags.Has(f)
	})
}

// isPureACK reports whether flags are those of a segment that only
// acknowledges: ACK set, and none of SYN, FIN and RST.
func isPureACK(f wire.Flags) bool {
	return f.Has(wire.ACK) && f&(wire.SYN|wire.FIN|wire.RST) == 0
}
