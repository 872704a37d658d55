package tcp

import (
	"errors"
	"fmt"
	"net/netip"

	"github.com/tcpedu/tcpedu/tcpedu/wire"
)

// ErrCorrupt reports a packet whose IPv4 header checksum or TCP checksum
// does not verify. A host discards such a packet without a word (RFC 9293
// §3.1, MUST-3).
var ErrCorrupt = errors.New("checksum failed")

// ttl is the IPv4 time to live of every packet: Linux's default.
const ttl = 64

// Encode appends seg, sent from src to dst, to b as a complete IPv4 packet
// with both checksums filled in. id is the IPv4 identification.
func Encode(b []byte, src, dst netip.AddrPort, id uint16, seg *Segment) ([]byte, error) {
	h := wire.TCPHeader{
		SrcPort: src.Port(), DstPort: dst.Port(),
		Seq: seg.Seq, Ack: seg.Ack, Flags: seg.Flags, Window: seg.Window,
	}
	if seg.MSS != 0 || seg.SACKPermitted || seg.HasWScale || len(seg.SACK) > 0 {
		var opts [9]wire.Option // room for every option below, kept off the heap
		h.Options = appendOptions(opts[:0], seg)
	}
	return wire.AppendIPv4TCP(b, src.Addr(), dst.Addr(), id, ttl, &h, seg.Payload)
}

// appendOptions appends seg's options to opts in Linux's order
// (tcp_options_write): MSS, then two NOPs and SACK-permitted, then a NOP
// and window scale, so that our SYNs look like the ones in a real
// capture; SACK blocks come after two NOPs, which align them on 32 bits.
func appendOptions(opts []wire.Option, seg *Segment) []wire.Option {
	if seg.MSS != 0 {
		opts = append(opts, wire.MSSOption(seg.MSS))
	}
	if seg.SACKPermitted {
		opts = append(opts, wire.NOPOption(), wire.NOPOption(), wire.SACKPermittedOption())
	}
	if seg.HasWScale {
		opts = append(opts, wire.NOPOption(), wire.WindowScaleOption(seg.WScale))
	}
	if len(seg.SACK) > 0 {
		opts = append(opts, wire.NOPOption(), wire.NOPOption(), wire.SACKOption(seg.SACK...))
	}
	return opts
}

// decode reads packet p into seg, checking both checksums first as a
// receiving host does, and returns its source and destination. seg's
// Payload shares memory with p.
func decode(p []byte, seg *Segment) (src, dst netip.AddrPort, err error) {
	var pkt wire.Packet
	if err := pkt.DecodeIP(p); err != nil {
		return src, dst, err
	}
	if pkt.IPVersion != 4 || pkt.Protocol != wire.ProtocolTCP {
		return src, dst, fmt.Errorf("tcp: not a TCP/IPv4 packet")
	}
	if !wire.IPv4ChecksumValid(pkt.IPHeader) {
		return src, dst, fmt.Errorf("IPv4 header %w", ErrCorrupt)
	}
	if !pkt.ChecksumValid() {
		return src, dst, fmt.Errorf("TCP %w", ErrCorrupt)
	}
	*seg, src, dst = fromPacket(&pkt)
	return src, dst, nil
}

// Decode reads an IPv4 packet carrying TCP into a Segment without checking
// its checksums, for tools that label packets (a lost one, say) rather than
// receive them, and returns its source and destination as well.
func Decode(p []byte) (seg Segment, src, dst netip.AddrPort, err error) {
	var pkt wire.Packet
	if err = pkt.DecodeIP(p); err != nil {
		return seg, src, dst, err
	}
	if pkt.Protocol != wire.ProtocolTCP {
		return seg, src, dst, fmt.Errorf("tcp: not a TCP packet")
	}
	seg, src, dst = fromPacket(&pkt)
	return seg, src, dst, nil
}

// fromPacket takes the fields the state machine reads out of a decoded
// packet.
func fromPacket(pkt *wire.Packet) (seg Segment, src, dst netip.AddrPort) {
	t := &pkt.TCP
	seg = Segment{Seq: t.Seq, Ack: t.Ack, Flags: t.Flags, Window: t.Window, Payload: pkt.Payload()}
	if o := t.Option(wire.KindMSS); o != nil {
		seg.MSS = o.MSS
	}
	if o := t.Option(wire.KindWindowScale); o != nil {
		seg.WScale, seg.HasWScale = o.Shift, true
	}
	seg.SACKPermitted = t.Option(wire.KindSACKPermitted) != nil
	if o := t.Option(wire.KindSACK); o != nil {
		seg.SACK = append([]wire.SACKBlock(nil), o.SACKBlocks()...) // a copy: pkt is the caller's, and short-lived
	}
	return seg, netip.AddrPortFrom(pkt.Src(), t.SrcPort), netip.AddrPortFrom(pkt.Dst(), t.DstPort)
}
