package wire

import "net/netip"

// AppendIPv4TCP appends to b a complete IPv4 packet carrying one TCP
// segment, ready to send: a 20-byte IPv4 header (no options, Don't
// Fragment set, the given identification and time to live), the TCP
// header h, then payload, with both checksums filled in: the IPv4 header
// checksum (RFC 791 §3.1) and the TCP checksum over the pseudo-header and
// the segment (RFC 9293 §3.1). h's Checksum field is ignored. On error b
// comes back with nothing appended.
//
// This is the one place the simulators (packages arq and tcp) turn a
// segment into bytes; everything else in this package reads them.
func AppendIPv4TCP(b []byte, src, dst netip.Addr, id uint16, ttl uint8, h *TCPHeader, payload []byte) ([]byte, error) {
	tcpLen := h.HeaderLen() + len(payload)
	ip := IPv4Header{
		Version: 4, IHL: IPv4MinHeaderLen / 4,
		TotalLen: uint16(IPv4MinHeaderLen + tcpLen),
		ID:       id, Flags: IPv4DontFragment, TTL: ttl,
		Protocol: ProtocolTCP, Src: src, Dst: dst,
	}
	start := len(b)
	b, err := ip.AppendTo(b)
	if err != nil {
		return b[:start], err
	}
	SetIPv4Checksum(b[start:])
	tcpStart := len(b)
	if b, err = h.AppendTo(b); err != nil {
		return b[:start], err
	}
	b = append(b, payload...)
	tcp := TCP(b[tcpStart:])
	tcp.SetChecksum(tcp.ComputeChecksum(ip.PseudoHeader(tcpLen)))
	return b, nil
}
