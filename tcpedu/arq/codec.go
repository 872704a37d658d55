package arq

import (
	"errors"
	"fmt"
	"net/netip"

	"github.com/tcpedu/tcpedu/tcpedu/wire"
)

// The two hosts of every ARQ run, from the documentation ranges (RFC 5737),
// on ports no Wireshark dissector claims.
var (
	SenderAddr   = netip.MustParseAddr("192.0.2.1")
	ReceiverAddr = netip.MustParseAddr("192.0.2.2")
)

// The two ports.
const (
	SenderPort   = 50000
	ReceiverPort = 50001
)

// ErrCorrupt reports a packet that failed its IPv4 header checksum or its
// TCP checksum: a receiver discards it without a word (RFC 9293 §3.1: the
// receiver MUST check the TCP checksum, MUST-3; RFC 1122 §3.2.1.2 for the
// IP header's).
var ErrCorrupt = errors.New("checksum failed")

// ttl is the IPv4 time to live of every packet: Linux's default.
const ttl = 64

// maxWindowField is the largest window the 16-bit field can offer without
// window scaling, which ARQ runs do not negotiate.
const maxWindowField = 0xFFFF

// Codec turns Segments into IPv4 packets for one direction of the path, and
// back. Each side has its own, with its own IPv4 identification counter.
type Codec struct {
	Src, Dst         netip.Addr
	SrcPort, DstPort uint16
	id               uint16 // IPv4 identification of the next packet

	hdr wire.TCPHeader // reused by Encode
	pkt wire.Packet    // reused by Decode
}

// NewCodec returns the codec for packets sent by side.
func NewCodec(side Side) *Codec {
	if side == Receiver {
		return &Codec{Src: ReceiverAddr, Dst: SenderAddr, SrcPort: ReceiverPort, DstPort: SenderPort}
	}
	return &Codec{Src: SenderAddr, Dst: ReceiverAddr, SrcPort: SenderPort, DstPort: ReceiverPort}
}

// Encode appends seg to b as a complete IPv4 packet, TCP checksum and IPv4
// header checksum filled in, and returns the extended slice.
func (c *Codec) Encode(b []byte, seg *Segment) ([]byte, error) {
	h := &c.hdr
	*h = wire.TCPHeader{
		SrcPort: c.SrcPort, DstPort: c.DstPort,
		Seq: seg.Seq, Ack: seg.Ack, Flags: seg.Flags,
		Window:  uint16(clamp(seg.Window, 0, maxWindowField)),
		Options: h.Options[:0],
	}
	if n := len(seg.Blocks); n > 0 {
		if n > wire.MaxSACKBlocks {
			return b, fmt.Errorf("arq: %d SACK blocks do not fit in a TCP header; at most %d do", n, wire.MaxSACKBlocks)
		}
		// Two NOPs align the blocks on 32-bit words, as every stack does.
		h.Options = append(h.Options, wire.NOPOption(), wire.NOPOption(), wire.SACKOption(seg.Blocks...))
	}
	id := c.id
	c.id++
	return wire.AppendIPv4TCP(b, c.Src, c.Dst, id, ttl, h, seg.Payload)
}

// Decode parses packet p into seg, checking both checksums first as a
// receiving host does. seg's Payload and Blocks share memory with p and
// with the codec, valid until the next Decode. A packet that fails a
// checksum gives an error matching ErrCorrupt; one that does not parse, the
// wire error.
func (c *Codec) Decode(p []byte, seg *Segment) error {
	if err := c.pkt.DecodeIP(p); err != nil {
		return err
	}
	if c.pkt.IPVersion != 4 || c.pkt.Protocol != wire.ProtocolTCP {
		return fmt.Errorf("arq: not a TCP/IPv4 packet")
	}
	if !wire.IPv4ChecksumValid(c.pkt.IPHeader) {
		return fmt.Errorf("IPv4 header %w", ErrCorrupt)
	}
	if !c.pkt.ChecksumValid() {
		return fmt.Errorf("TCP %w", ErrCorrupt)
	}
	t := &c.pkt.TCP
	*seg = Segment{
		Seq: t.Seq, Ack: t.Ack, Flags: t.Flags, Window: int(t.Window),
		Blocks: seg.Blocks[:0], Payload: c.pkt.Payload(),
	}
	if o := t.Option(wire.KindSACK); o != nil {
		seg.Blocks = append(seg.Blocks, o.SACKBlocks()...)
	}
	return nil
}

// clamp returns v limited to [lo, hi].
func clamp(v, lo, hi int) int {
	if v < lo {
		return lo
	}
	if v > hi {
		return hi
	}
	return v
}

// lenientDecode reads p into seg without checking checksums, to label a
// lost or damaged packet in a trace, and returns its payload length and
// IPv4 identification. What cannot be read is left zero.
func lenientDecode(p []byte, seg *Segment) (length int, id uint16) {
	var pkt wire.Packet
	if err := pkt.DecodeIP(p); err != nil || pkt.Protocol != wire.ProtocolTCP {
		return 0, pkt.IPv4.ID
	}
	t := &pkt.TCP
	*seg = Segment{Seq: t.Seq, Ack: t.Ack, Flags: t.Flags, Window: int(t.Window)}
	if o := t.Option(wire.KindSACK); o != nil {
		seg.Blocks = append(seg.Blocks, o.SACKBlocks()...)
	}
	return len(pkt.Payload()), pkt.IPv4.ID
}
