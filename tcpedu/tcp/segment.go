package tcp

import (
	"fmt"
	"strings"

	"github.com/tcpedu/tcpedu/tcpedu/seq"
	"github.com/tcpedu/tcpedu/tcpedu/wire"
)

// Segment is a TCP segment as the state machine sees it: the header fields
// that the rules of RFC 9293 §3.10.7 read, the options a SYN negotiates,
// and the data. Packet encoding (ports, checksums, the IP header) is the
// host's business (packet.go).
type Segment struct {
	Seq    seq.Num    // SEG.SEQ: the first sequence number the segment occupies
	Ack    seq.Num    // SEG.ACK: the next sequence number the sender expects, if ACK is set
	Flags  wire.Flags // control bits
	Window uint16     // SEG.WND as on the wire, before window scaling

	// MSS is the Maximum Segment Size option, in bytes, or 0 if absent
	// (RFC 9293 §3.7.1). Only a SYN carries it.
	MSS uint16

	// WScale is the window scale shift offered (RFC 7323 §2), valid when
	// HasWScale is set. Only a SYN carries it.
	WScale    uint8
	HasWScale bool

	// SACKPermitted is the SACK-permitted option: the sender understands
	// SACK (RFC 2018 §2). Only a SYN carries it.
	SACKPermitted bool

	// SACK is the SACK option's blocks, most recent first, at most
	// wire.MaxSACKBlocks of them (RFC 2018 §3, §4): bytes the sender of
	// the segment holds above SEG.ACK. A segment the host sends shares
	// them with the receive buffer: they are valid only during OnSend, as
	// the packet is.
	SACK []wire.SACKBlock

	Payload []byte
}

// Len returns SEG.LEN: the sequence space the segment occupies, which is
// its data bytes plus one for a SYN and one for a FIN (RFC 9293 §3.4).
// A pure ACK or a RST has SEG.LEN 0.
func (s *Segment) Len() uint32 {
	return seq.SegLen(uint32(len(s.Payload)), s.Flags.Has(wire.SYN), s.Flags.Has(wire.FIN))
}

// String describes the segment as one line of a ladder diagram, with
// absolute numbers: "SYN,ACK seq=4011 ack=1001 win=65535 len=0 <mss 1460,wscale 7>",
// "ACK seq=1001 ack=4012 win=512 len=0 <sack 1 {5472:6932}>".
func (s *Segment) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s seq=%d", FlagNames(s.Flags), uint32(s.Seq))
	if s.Flags.Has(wire.ACK) {
		fmt.Fprintf(&b, " ack=%d", uint32(s.Ack))
	}
	fmt.Fprintf(&b, " win=%d len=%d", s.Window, len(s.Payload))
	b.WriteString(s.optionString())
	return b.String()
}

// optionString returns the options as tcpdump prints them, without the
// NOPs, or "".
func (s *Segment) optionString() string {
	var opts []string
	if s.MSS != 0 {
		opts = append(opts, fmt.Sprintf("mss %d", s.MSS))
	}
	if s.SACKPermitted {
		opts = append(opts, "sackOK")
	}
	if s.HasWScale {
		opts = append(opts, fmt.Sprintf("wscale %d", s.WScale))
	}
	if len(s.SACK) > 0 {
		o := wire.SACKOption(s.SACK...)
		opts = append(opts, o.String())
	}
	if len(opts) == 0 {
		return ""
	}
	return " <" + strings.Join(opts, ",") + ">"
}

// FlagNames writes control bits the way course notes and tcpdump users
// say them: "SYN,ACK", "FIN,ACK", "RST,ACK", "PSH,ACK".
func FlagNames(f wire.Flags) string {
	order := []wire.Flags{wire.SYN, wire.FIN, wire.RST, wire.PSH, wire.ACK, wire.URG, wire.ECE, wire.CWR}
	names := []string{"SYN", "FIN", "RST", "PSH", "ACK", "URG", "ECE", "CWR"}
	var out []string
	for i, bit := range order {
		if f.Has(bit) {
			out = append(out, names[i])
		}
	}
	if len(out) == 0 {
		return "none"
	}
	return strings.Join(out, ",")
}
