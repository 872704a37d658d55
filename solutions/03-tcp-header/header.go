// Reference solution to exercise 03: the TCP header; the contract is in
// exercises/03-tcp-header/header.go.
package tcpheader

import (
	"encoding/binary"
	"fmt"

	"github.com/tcpedu/tcpedu/tcpedu/seq"
	"github.com/tcpedu/tcpedu/tcpedu/wire"
)

// Byte offsets of the fixed header's fields (RFC 9293 §3.1).
const (
	offSrcPort    = 0
	offDstPort    = 2
	offSeq        = 4
	offAck        = 8
	offDataOffset = 12 // high nibble: data offset; low nibble: reserved
	offFlags      = 13
	offWindow     = 14
	offChecksum   = 16
	offUrgent     = 18
)

// Sizes and masks.
const (
	minHeaderLen    = 20 // data offset 5
	maxHeaderLen    = 60 // data offset 15
	minDataOffset   = 5
	maxDataOffset   = 15
	wordLen         = 4 // the data offset counts 32-bit words
	dataOffsetShift = 4
	reservedMask    = 0x0f
)

// ParseHeader parses the TCP header at the start of b and returns it, the
// raw bytes of its options area and the payload that follows.
func ParseHeader(b []byte) (h wire.TCPHeader, options []byte, payload []byte, err error) {
	if len(b) < minHeaderLen {
		return h, nil, nil, fmt.Errorf("parse TCP header: need %d bytes, have %d: %w", minHeaderLen, len(b), wire.ErrTruncated)
	}
	h.SrcPort = binary.BigEndian.Uint16(b[offSrcPort:])
	h.DstPort = binary.BigEndian.Uint16(b[offDstPort:])
	h.Seq = seq.Num(binary.BigEndian.Uint32(b[offSeq:]))
	h.Ack = seq.Num(binary.BigEndian.Uint32(b[offAck:])) // read even without ACK: the flag gives it meaning, not existence
	h.DataOffset = b[offDataOffset] >> dataOffsetShift
	h.Reserved = b[offDataOffset] & reservedMask
	h.Flags = wire.Flags(b[offFlags]) // FIN is bit 0 ... CWR bit 7, as the constants are defined
	h.Window = binary.BigEndian.Uint16(b[offWindow:])
	h.Checksum = binary.BigEndian.Uint16(b[offChecksum:])
	h.Urgent = binary.BigEndian.Uint16(b[offUrgent:])

	// The data offset counts 32-bit words, and must cover at least the
	// fixed header without pointing past the bytes we have (RFC 9293 §3.1).
	hdrLen := int(h.DataOffset) * wordLen
	if h.DataOffset < minDataOffset {
		return h, nil, nil, fmt.Errorf("parse TCP header: data offset %d (%d bytes) is below the minimum %d (%d bytes): %w",
			h.DataOffset, hdrLen, minDataOffset, minHeaderLen, wire.ErrDataOffset)
	}
	if hdrLen > len(b) {
		return h, nil, nil, fmt.Errorf("parse TCP header: data offset %d (%d bytes) is beyond the %d bytes available: %w",
			h.DataOffset, hdrLen, len(b), wire.ErrDataOffset)
	}
	return h, b[minHeaderLen:hdrLen], b[hdrLen:], nil
}

// AppendHeader appends the wire form of h, with the given raw options and
// zero padding, to b.
func AppendHeader(b []byte, h *wire.TCPHeader, options []byte) ([]byte, error) {
	need := minHeaderLen + len(options)
	hdrLen := int(h.DataOffset) * wordLen
	if h.DataOffset == 0 {
		hdrLen = (need + wordLen - 1) / wordLen * wordLen // round up to whole words
	}
	switch {
	case h.DataOffset != 0 && (h.DataOffset < minDataOffset || h.DataOffset > maxDataOffset):
		return b, fmt.Errorf("marshal TCP header: data offset %d is outside %d–%d words: %w", h.DataOffset, minDataOffset, maxDataOffset, wire.ErrField)
	case need > maxHeaderLen:
		return b, fmt.Errorf("marshal TCP header: %d bytes of options, but at most %d fit: %w", len(options), maxHeaderLen-minHeaderLen, wire.ErrField)
	case need > hdrLen:
		return b, fmt.Errorf("marshal TCP header: data offset %d (%d bytes) cannot hold %d bytes of options: %w", h.DataOffset, hdrLen, len(options), wire.ErrField)
	case h.Reserved > reservedMask:
		return b, fmt.Errorf("marshal TCP header: reserved bits 0x%x do not fit in 4 bits: %w", h.Reserved, wire.ErrField)
	}
	b = binary.BigEndian.AppendUint16(b, h.SrcPort)
	b = binary.BigEndian.AppendUint16(b, h.DstPort)
	b = binary.BigEndian.AppendUint32(b, uint32(h.Seq))
	b = binary.BigEndian.AppendUint32(b, uint32(h.Ack))
	b = append(b, uint8(hdrLen/wordLen)<<dataOffsetShift|h.Reserved, uint8(h.Flags))
	b = binary.BigEndian.AppendUint16(b, h.Window)
	b = binary.BigEndian.AppendUint16(b, h.Checksum)
	b = binary.BigEndian.AppendUint16(b, h.Urgent)
	b = append(b, options...)
	// Padding: zeros up to the data offset (RFC 9293 §3.1). A zero byte is
	// also End of Option List, so the padding cannot be read as an option.
	for i := need; i < hdrLen; i++ {
		b = append(b, 0)
	}
	return b, nil
}

// tcpdumpFlags lists the flags in the order tcpdump prints them, with the
// letter it uses for each: ACK is a dot.
var tcpdumpFlags = []struct {
	bit    wire.Flags
	letter string
}{
	{wire.FIN, "F"}, {wire.SYN, "S"}, {wire.RST, "R"}, {wire.PSH, "P"},
	{wire.ACK, "."}, {wire.URG, "U"}, {wire.ECE, "E"}, {wire.CWR, "W"},
}

// FlagString returns f in tcpdump's notation, such as "[S.]".
func FlagString(f wire.Flags) string {
	s := ""
	for _, fl := range tcpdumpFlags {
		if f&fl.bit != 0 {
			s += fl.letter
		}
	}
	if s == "" {
		s = "none"
	}
	return "[" + s + "]"
}
