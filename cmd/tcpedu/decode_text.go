package main

import (
	"encoding/hex"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/tcpedu/tcpedu/tcpedu/wire"
)

// textWriter prints the annotated, Wireshark-detail-pane style of decode:
// one block per packet, one line per field with its value and meaning.
type textWriter struct {
	w     io.Writer
	bytes bool // also print each TCP/UDP header as 32-bit rows
	sb    strings.Builder
}

// field prints one aligned line: label, value, and what it means.
func (t *textWriter) field(label, value, meaning string) {
	line := fmt.Sprintf("    %-17s %-14s %s", label, value, meaning)
	t.sb.WriteString(strings.TrimRight(line, " ") + "\n")
}

func (t *textWriter) linef(format string, args ...any) {
	fmt.Fprintf(&t.sb, format+"\n", args...)
}

func (t *textWriter) write(r *record) error {
	t.sb.Reset()
	p := r.pkt
	t.linef("Frame %d: %d bytes (%s), t=%.6f s", r.frame.Number, r.frame.OrigLen, r.frame.Link, r.since)
	switch {
	case r.notIP:
		t.linef("  not an IP packet: nothing for a TCP decoder here")
	case p.IPVersion == 4:
		t.ipv4(p)
	case p.IPVersion == 6:
		t.ipv6(p)
	}
	if p.IPVersion != 0 && p.Segment != nil {
		switch p.Protocol {
		case wire.ProtocolTCP:
			t.tcp(r)
		case wire.ProtocolUDP:
			t.udp(r)
		default:
			t.linef("  protocol %d (%s): not TCP or UDP, not decoded further", p.Protocol, ipProtocolName(p.Protocol))
		}
	}
	if r.err != nil {
		t.linef("  ✗ malformed: %v", r.err)
	}
	t.sb.WriteString("\n")
	_, err := io.WriteString(t.w, t.sb.String())
	return err
}

func (t *textWriter) ipv4(p *wire.Packet) {
	h := &p.IPv4
	t.linef("  IPv4  %s → %s", h.Src, h.Dst)
	t.field("version", "4", "")
	t.field("header length", fmt.Sprintf("%d bytes", h.HeaderLen()), fmt.Sprintf("IHL %d words × 4; %s", h.IHL, ipOptionsNote(len(h.Options))))
	t.field("total length", fmt.Sprintf("%d bytes", h.TotalLen), "IP header plus everything it carries")
	t.field("identification", fmt.Sprintf("0x%04x", h.ID), "groups the fragments of one datagram")
	t.field("flags", ipv4Flags(h.Flags), ipv4FlagsNote(h.Flags))
	t.field("fragment offset", fmt.Sprint(h.FragOffset), "× 8 bytes into the original datagram")
	t.field("TTL", fmt.Sprint(h.TTL), "hops left before a router discards it")
	t.field("protocol", fmt.Sprint(h.Protocol), ipProtocolName(h.Protocol))
	t.field("header checksum", fmt.Sprintf("0x%04x", h.Checksum), checkMark(wire.IPv4ChecksumValid(p.IPHeader),
		"covers the IP header only (RFC 791)", wire.ComputeIPv4Checksum(p.IPHeader)))
}

func (t *textWriter) ipv6(p *wire.Packet) {
	h := &p.IPv6
	t.linef("  IPv6  %s → %s", h.Src, h.Dst)
	t.field("traffic class", fmt.Sprintf("0x%02x", h.TrafficClass), "DSCP and ECN, like IPv4's TOS")
	t.field("flow label", fmt.Sprintf("0x%05x", h.FlowLabel), "lets routers keep one flow's packets on one path")
	t.field("payload length", fmt.Sprintf("%d bytes", h.PayloadLen), "everything after the fixed 40-byte header")
	t.field("next header", fmt.Sprint(h.NextHeader), ipProtocolName(h.NextHeader))
	t.field("hop limit", fmt.Sprint(h.HopLimit), "IPv6's TTL")
	for _, x := range p.Extensions {
		t.field("extension header", x.Name(), fmt.Sprintf("%d bytes, skipped: tcpedu does not interpret extension headers", x.Len))
	}
	t.field("no header checksum", "", "IPv6 leaves checksums to TCP and UDP, which is why their pseudo-header matters")
}

func (t *textWriter) tcp(r *record) {
	p := r.pkt
	h := &p.TCP
	if len(p.Segment) < wire.TCPMinHeaderLen {
		t.linef("  TCP  (only %d bytes: not even the 20-byte fixed header)", len(p.Segment))
		return
	}
	payload := len(p.Payload())
	t.linef("  TCP  %d → %d  [%s]  seq %d  ack %d  len %d", h.SrcPort, h.DstPort, h.Flags, uint32(h.Seq), uint32(h.Ack), payload)
	t.field("source port", fmt.Sprint(h.SrcPort), "")
	t.field("destination port", fmt.Sprint(h.DstPort), "")
	t.field("sequence number", fmt.Sprint(uint32(h.Seq)), seqNote(r, payload))
	t.field("ack number", fmt.Sprint(uint32(h.Ack)), ackNote(r))
	t.field("data offset", fmt.Sprintf("%d words", h.DataOffset), fmt.Sprintf("= %d bytes of header: 20 fixed + %d of options", int(h.DataOffset)*4, int(h.DataOffset)*4-20))
	if h.Reserved != 0 {
		t.field("reserved", fmt.Sprintf("%04b", h.Reserved), "not zero: an extension such as Accurate ECN is using them")
	}
	t.field("flags", fmt.Sprintf("0x%02x", uint8(h.Flags)), h.Flags.String())
	for _, f := range []wire.Flags{wire.CWR, wire.ECE, wire.URG, wire.ACK, wire.PSH, wire.RST, wire.SYN, wire.FIN} {
		if h.Flags.Has(f) {
			t.field("", "  "+f.String(), flagMeaning(f, h.Flags))
		}
	}
	t.field("window", fmt.Sprint(h.Window), windowNote(r))
	ph := p.PseudoHeader()
	t.field("checksum", fmt.Sprintf("0x%04x", h.Checksum), checkMark(p.ChecksumValid(),
		fmt.Sprintf("over the %d-byte IPv%d pseudo-header and all %d bytes of TCP", ph.Len(), p.IPVersion, len(p.Segment)),
		wire.TCP(p.Segment).ComputeChecksum(ph)))
	urgent := "unused: URG is not set"
	if h.Flags.Has(wire.URG) {
		urgent = "urgent data ends this many bytes after seq"
	}
	t.field("urgent pointer", fmt.Sprint(h.Urgent), urgent)
	if len(h.Options) > 0 {
		t.linef("    options (%d bytes)", int(h.DataOffset)*4-20)
		for i := range h.Options {
			o := &h.Options[i]
			t.field("  "+o.Kind.String(), optionValue(o), optionMeaning(o, r))
		}
	}
	t.field("payload", fmt.Sprintf("%d bytes", payload), payloadNote(h.Flags, payload))
	if t.bytes {
		t.rows(p.Segment[:min(len(p.Segment), int(h.DataOffset)*4)], tcpRowNames)
	}
}

func (t *textWriter) udp(r *record) {
	p := r.pkt
	h := &p.UDP
	if len(p.Segment) < wire.UDPHeaderLen {
		t.linef("  UDP  (only %d bytes: not even the 8-byte header)", len(p.Segment))
		return
	}
	t.linef("  UDP  %d → %d  len %d", h.SrcPort, h.DstPort, len(p.Payload()))
	t.field("source port", fmt.Sprint(h.SrcPort), "")
	t.field("destination port", fmt.Sprint(h.DstPort), "")
	t.field("length", fmt.Sprintf("%d bytes", h.Length), fmt.Sprintf("= 8 header + %d data; redundant with IP's length, which is all TCP uses", int(h.Length)-wire.UDPHeaderLen))
	ph := p.PseudoHeader()
	switch {
	case h.Checksum == 0 && p.IPVersion == 4:
		t.field("checksum", "0x0000", "none: the sender computed no checksum, which RFC 768 allows over IPv4 only")
	case h.Checksum == 0:
		t.field("checksum", "0x0000", "✗ missing: over IPv6 a UDP checksum is mandatory (RFC 8200 §8.1)")
	default:
		t.field("checksum", fmt.Sprintf("0x%04x", h.Checksum), checkMark(p.ChecksumValid(),
			fmt.Sprintf("over the %d-byte IPv%d pseudo-header and all %d bytes of UDP", ph.Len(), p.IPVersion, len(p.Segment)),
			wire.UDP(p.Segment).ComputeChecksum(ph)))
	}
	t.field("payload", fmt.Sprintf("%d bytes", len(p.Payload())), "")
	if t.bytes {
		t.rows(p.Segment[:wire.UDPHeaderLen], udpRowNames)
	}
}

// Row captions for --bytes: what each 32-bit row of the header holds.
var (
	tcpRowNames = []string{"source port | destination port", "sequence number", "acknowledgment number",
		"data offset, reserved | flags | window", "checksum | urgent pointer"}
	udpRowNames = []string{"source port | destination port", "length | checksum"}
)

// rows prints header bytes as 32-bit rows, like the RFC's diagram.
func (t *textWriter) rows(b []byte, names []string) {
	t.linef("    bytes, one 32-bit row per line as in the RFC diagram:")
	for off := 0; off < len(b); off += 4 {
		end := min(off+4, len(b))
		name := "options and padding"
		if off/4 < len(names) {
			name = names[off/4]
		}
		t.linef("      %2d  % x  %s", off, b[off:end], name)
	}
}

func (t *textWriter) finish(d *decoder) error {
	var parts []string
	keys := make([]string, 0, len(d.stats))
	for k := range d.stats {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%d %s", d.stats[k], k))
	}
	_, err := fmt.Fprintf(t.w, "%d packets: %s\n", d.frames, strings.Join(parts, ", "))
	return err
}

// checkMark reports a checksum verdict and, when wrong, the right value.
func checkMark(ok bool, covers string, want uint16) string {
	if ok {
		return "✓ correct, " + covers
	}
	return fmt.Sprintf("✗ wrong, should be 0x%04x (%s); a capture taken on the sending host often shows this because the network card fills in checksums later (checksum offload)", want, covers)
}

func hexString(b []byte) string { return hex.EncodeToString(b) }
