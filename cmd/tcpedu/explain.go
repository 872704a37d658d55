package main

import (
	"fmt"

	"github.com/tcpedu/tcpedu/tcpedu/wire"
)

// This file holds the sentences decode prints beside each field: what the
// value means in this packet, in the words of RFC 9293 and the course.

// seqNote explains the sequence number: what it numbers and what comes
// next. SYN and FIN each occupy one sequence number (RFC 9293 §3.4).
func seqNote(r *record, payload int) string {
	f := r.pkt.TCP.Flags
	rel := ""
	if r.hasRel {
		rel = fmt.Sprintf("(relative %d) ", r.relSeq)
	}
	switch {
	case f.Has(wire.SYN):
		return rel + "the ISN chosen by this side; SYN consumes one sequence number, so its first data byte will be ISN+1"
	case f.Has(wire.RST):
		return rel + "checked before the RST is obeyed: in SYN-SENT its ack must cover the SYN, otherwise its seq must be in the receive window (RFC 9293 §3.10.7)"
	case f.Has(wire.FIN) && payload > 0:
		return rel + fmt.Sprintf("%d data bytes then the FIN, which consumes one more sequence number", payload)
	case f.Has(wire.FIN):
		return rel + "the FIN consumes one sequence number, so the peer acknowledges seq+1"
	case payload > 0:
		return rel + fmt.Sprintf("number of the first of these %d bytes; the next segment starts at seq+%d", payload, payload)
	case r.probe:
		return rel + "one below what the peer has acknowledged (SND.UNA−1): an old number the peer must answer with an ACK; Linux's zero-window probes and keep-alives look like this"
	default:
		return rel + "no data: a pure ACK consumes no sequence number"
	}
}

// ackNote explains the acknowledgment number.
func ackNote(r *record) string {
	f := r.pkt.TCP.Flags
	if !f.Has(wire.ACK) {
		return "meaningless: the ACK flag is not set"
	}
	rel := ""
	if r.hasRel {
		rel = fmt.Sprintf("(relative %d) ", r.relAck)
	}
	if f.Has(wire.SYN) {
		return rel + "the peer's ISN + 1: its SYN consumed one number"
	}
	return rel + "the next byte expected from the peer: every byte before it has arrived"
}

// flagMeaning explains one set control bit.
func flagMeaning(bit, all wire.Flags) string {
	switch bit {
	case wire.SYN:
		if all.Has(wire.ACK) {
			return "second step of the handshake: the server's own SYN, and an ACK of the client's"
		}
		return "synchronize: first step of the three-way handshake (三次握手)"
	case wire.ACK:
		return "the ack number is valid; always set once a connection is established"
	case wire.FIN:
		return "no more data from this side: it starts to close (四次挥手, four-way wave)"
	case wire.RST:
		return "reset: abort the connection, or refuse one (e.g. a SYN to a closed port)"
	case wire.PSH:
		return "push: deliver to the application without waiting for more"
	case wire.URG:
		return "urgent pointer is valid (rarely used; RFC 6093)"
	case wire.ECE:
		if all.Has(wire.SYN) {
			return "with SYN: this side supports ECN (RFC 3168)"
		}
		return "ECN-Echo: a router marked congestion on the way here"
	case wire.CWR:
		if all.Has(wire.SYN) {
			return "with SYN and ECE: this side asks to use ECN (RFC 3168)"
		}
		return "congestion window reduced: the sender reacted to ECE"
	}
	return ""
}

// windowNote explains the window field with scaling where it is known.
func windowNote(r *record) string {
	w := int(r.pkt.TCP.Window)
	switch {
	case !r.hasRel:
		return ""
	case r.pkt.TCP.Flags.Has(wire.RST):
		return "not used: a RST ends the connection"
	case w == 0:
		return "zero window: the receiver's buffer is full; the sender must stop and probe (RFC 9293 §3.8.6.1)"
	case r.scale == 0:
		return "bytes the receiver can take, before scaling; " + r.scaleNote
	case r.scale == 1:
		return fmt.Sprintf("= %d bytes the receiver can take; %s", w, r.scaleNote)
	}
	return fmt.Sprintf("%s = %d bytes the receiver can take", r.scaleNote, w*r.scale)
}

// optionValue gives an option's value for the value column.
func optionValue(o *wire.Option) string {
	switch o.Kind {
	case wire.KindMSS:
		return fmt.Sprint(o.MSS)
	case wire.KindWindowScale:
		return fmt.Sprint(o.Shift)
	case wire.KindTimestamps:
		return fmt.Sprintf("%d/%d", o.TSVal, o.TSEcr)
	case wire.KindSACK:
		s := ""
		for _, b := range o.SACKBlocks() {
			s += fmt.Sprintf("[%d,%d)", uint32(b.Left), uint32(b.Right))
		}
		return s
	case wire.KindEOL, wire.KindNOP, wire.KindSACKPermitted:
		return ""
	}
	return fmt.Sprintf("% x", o.Data)
}

// optionMeaning explains an option.
func optionMeaning(o *wire.Option, r *record) string {
	p := r.pkt
	switch o.Kind {
	case wire.KindEOL:
		return "end of option list; zeros pad the header to a 32-bit boundary"
	case wire.KindNOP:
		return "no-operation: one byte that aligns the next option"
	case wire.KindMSS:
		return mssNote(o.MSS, p.IPVersion)
	case wire.KindWindowScale:
		return fmt.Sprintf("this side's windows will be multiplied by 2^%d = %d (RFC 7323)", o.Shift, 1<<min(int(o.Shift), wire.MaxWindowShift))
	case wire.KindSACKPermitted:
		return "this side can use selective acknowledgments (RFC 2018)"
	case wire.KindSACK:
		if isDSACK(o, p) {
			return "D-SACK (RFC 2883): the first block starts below the ack number, or lies inside the next block, so it reports data that arrived twice"
		}
		rel := ""
		if r.peerBaseKnown {
			rel = "relative "
			for _, b := range o.SACKBlocks() {
				rel += fmt.Sprintf("[%d,%d)", b.Left.Relative(r.peerBase), b.Right.Relative(r.peerBase))
			}
			rel += ": "
		}
		return rel + fmt.Sprintf("%d block(s) the receiver holds beyond the ack number; the sender resends only the holes (RFC 2018)", o.NumBlocks)
	case wire.KindTimestamps:
		return "TSval = sender's clock, TSecr = the echoed peer's TSval; for RTT and PAWS (RFC 7323)"
	}
	return fmt.Sprintf("kind %d, %d bytes, not decoded by tcpedu", o.Kind, o.Len())
}

// mssNote explains the MSS as MTU minus headers: the largest payload the
// sender wants in one segment (RFC 9293 §3.7.1).
func mssNote(mss uint16, ipVersion int) string {
	ipHdr := wire.IPv4MinHeaderLen
	if ipVersion == 6 {
		ipHdr = wire.IPv6HeaderLen
	}
	mtu := int(mss) + ipHdr + wire.TCPMinHeaderLen
	link := "an MTU of"
	switch mtu {
	case 1500:
		link = "Ethernet's MTU"
	case 65535:
		link = "the loopback MTU"
	}
	return fmt.Sprintf("largest payload this side will receive: %d = %d (%s) − %d (IPv%d header) − 20 (TCP header)", mss, mtu, link, ipHdr, ipVersion)
}

// payloadNote says what an empty or full segment is doing.
func payloadNote(f wire.Flags, n int) string {
	switch {
	case n > 0:
		return "application data"
	case f.Has(wire.SYN), f.Has(wire.FIN), f.Has(wire.RST):
		return ""
	}
	return "a pure acknowledgment"
}

func ipv4Flags(f uint8) string {
	s := ""
	if f&wire.IPv4DontFragment != 0 {
		s += "DF "
	}
	if f&wire.IPv4MoreFragments != 0 {
		s += "MF "
	}
	if s == "" {
		return "none"
	}
	return s[:len(s)-1]
}

func ipv4FlagsNote(f uint8) string {
	if f&wire.IPv4DontFragment != 0 {
		return "don't fragment: Linux sets it for path MTU discovery"
	}
	return ""
}

func ipOptionsNote(n int) string {
	if n == 0 {
		return "no IP options"
	}
	return fmt.Sprintf("%d bytes of IP options, not decoded", n)
}

// ipProtocolName names common IP protocol numbers.
func ipProtocolName(p uint8) string {
	switch p {
	case 1:
		return "ICMP"
	case wire.ProtocolTCP:
		return "TCP"
	case wire.ProtocolUDP:
		return "UDP"
	case 58:
		return "ICMPv6"
	case wire.ExtHopByHop, wire.ExtRouting, wire.ExtFragment, wire.ExtDestOptions, wire.ExtAuth:
		return wire.ExtensionHeader{Type: p}.Name() + " extension header"
	case wire.ExtESP:
		return "ESP (encrypted)"
	case wire.ExtNoNext:
		return "no next header"
	}
	return "another protocol"
}

// isDSACK reports whether a SACK option's first block is a duplicate-SACK
// (RFC 2883 §4): it reports data already acknowledged (its left edge is
// below the ack number) or data inside the second block.
func isDSACK(o *wire.Option, p *wire.Packet) bool {
	blocks := o.SACKBlocks()
	if len(blocks) == 0 {
		return false
	}
	first := blocks[0]
	if p.TCP.Flags.Has(wire.ACK) && first.Left.LessThan(p.TCP.Ack) {
		return true
	}
	return len(blocks) > 1 && first.Left.GreaterThanEq(blocks[1].Left) && first.Right.LessThanEq(blocks[1].Right)
}
