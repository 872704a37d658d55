package wire

import (
	"encoding/binary"

	"github.com/tcpedu/tcpedu/tcpedu/seq"
)

// tcpLayer names the layer in errors about the TCP header.
const tcpLayer = "TCP header"

// TCPHeader is the plain-struct view of a TCP header: every field of RFC
// 9293 §3.1 plus the decoded options. Protocol logic reads and writes this;
// Parse and AppendTo convert from and to the wire, and the two round-trip
// exactly: AppendTo after Parse gives back the header bytes that were parsed.
//
// The zero value is a 20-byte header with every field zero.
type TCPHeader struct {
	SrcPort uint16
	DstPort uint16
	Seq     seq.Num // sequence number of the first data byte (the ISN on a SYN)
	Ack     seq.Num // next sequence number expected from the peer, if ACK is set

	// DataOffset is the header length in 32-bit words, 5–15. AppendTo
	// computes it from Options when it is zero, and pads with zeros when it
	// is larger than the options need.
	DataOffset uint8
	Reserved   uint8 // the four reserved bits
	Flags      Flags
	Window     uint16 // raw window field, bytes, before window scaling
	Checksum   uint16
	Urgent     uint16 // urgent pointer, an offset from Seq; meaningful with URG

	// Options lists the options in wire order, NOP and EOL included, so that
	// their exact layout survives a round trip.
	Options []Option
}

// Parse decodes the TCP header at the start of b (which may go on into the
// payload) into h, reusing h.Options' storage, so that parsing into a header
// you keep allocates nothing. On error h holds what was read so far: the
// fixed 20 bytes whenever b has them, and the options before a bad one.
func (h *TCPHeader) Parse(b []byte) error {
	t := TCP(b)
	h.Options = h.Options[:0]
	if len(t) < TCPMinHeaderLen {
		return truncated(tcpLayer, TCPMinHeaderLen, len(t))
	}
	h.SrcPort = t.SrcPort()
	h.DstPort = t.DstPort()
	h.Seq = t.Seq()
	h.Ack = t.Ack()
	h.DataOffset = t.DataOffset()
	h.Reserved = t.Reserved()
	h.Flags = t.Flags()
	h.Window = t.Window()
	h.Checksum = t.Checksum()
	h.Urgent = t.Urgent()
	if err := checkDataOffset(h.DataOffset, len(t)); err != nil {
		return err
	}
	var err error
	h.Options, err = parseOptions(t.Options(), TCPMinHeaderLen, h.Options)
	return err
}

// HeaderLen returns the header length in bytes that AppendTo writes: the
// data offset times 4, or, when DataOffset is zero, 20 plus the options
// rounded up to a 32-bit boundary.
func (h *TCPHeader) HeaderLen() int {
	if h.DataOffset != 0 {
		return int(h.DataOffset) * wordLen
	}
	return TCPMinHeaderLen + padTo32(optionsLen(h.Options))
}

// Option returns a pointer to the first option of the given kind, or nil.
func (h *TCPHeader) Option(kind OptionKind) *Option {
	for i := range h.Options {
		if h.Options[i].Kind == kind {
			return &h.Options[i]
		}
	}
	return nil
}

// AppendTo appends the header in wire form to b and returns the extended
// slice. Options are written in order and padded with zeros to the header
// length. It fails if the options do not fit, if DataOffset is below 5 (but
// not 0) or above 15, or if Reserved does not fit in four bits. The checksum
// field is written as it is; see TCP.ComputeChecksum.
func (h *TCPHeader) AppendTo(b []byte) ([]byte, error) {
	optLen := optionsLen(h.Options)
	need := TCPMinHeaderLen + optLen
	hdrLen := h.HeaderLen()
	switch {
	case h.DataOffset != 0 && (h.DataOffset < MinDataOffset || h.DataOffset > MaxDataOffset):
		return b, marshalErr(tcpLayer, ErrField,
			"data offset %d is outside %d–%d words", h.DataOffset, MinDataOffset, MaxDataOffset)
	case need > TCPMaxHeaderLen:
		return b, marshalErr(tcpLayer, ErrField,
			"options take %d bytes, but at most %d fit in the header", optLen, TCPMaxHeaderLen-TCPMinHeaderLen)
	case need > hdrLen:
		return b, marshalErr(tcpLayer, ErrField,
			"data offset %d (%d bytes) cannot hold the 20-byte header and %d bytes of options", h.DataOffset, hdrLen, optLen)
	case h.Reserved > reservedMask:
		return b, marshalErr(tcpLayer, ErrField, "reserved bits 0x%x do not fit in 4 bits", h.Reserved)
	}
	b = binary.BigEndian.AppendUint16(b, h.SrcPort)
	b = binary.BigEndian.AppendUint16(b, h.DstPort)
	b = binary.BigEndian.AppendUint32(b, uint32(h.Seq))
	b = binary.BigEndian.AppendUint32(b, uint32(h.Ack))
	b = append(b, uint8(hdrLen/wordLen)<<dataOffsetShift|h.Reserved, uint8(h.Flags))
	b = binary.BigEndian.AppendUint16(b, h.Window)
	b = binary.BigEndian.AppendUint16(b, h.Checksum)
	b = binary.BigEndian.AppendUint16(b, h.Urgent)
	b, err := appendOptions(b, h.Options)
	if err != nil {
		return b, err
	}
	// Padding: zeros up to the data offset (RFC 9293 §3.1). A zero byte is
	// also an EOL option, which is why zero padding is unambiguous.
	for i := need; i < hdrLen; i++ {
		b = append(b, 0)
	}
	return b, nil
}

// Marshal returns the header in wire form in a new slice.
func (h *TCPHeader) Marshal() ([]byte, error) {
	return h.AppendTo(make([]byte, 0, h.HeaderLen()))
}

// checkDataOffset reports whether a data offset of words is legal for a
// buffer of have bytes (RFC 9293 §3.1: the header is 20–60 bytes). The
// check is kept apart from building the error, so that the check is cheap
// enough to be inlined into every parse.
func checkDataOffset(words uint8, have int) error {
	if words < MinDataOffset || int(words)*wordLen > have {
		return dataOffsetErr(words, have)
	}
	return nil
}

// dataOffsetErr says what is wrong with a data offset that failed checkDataOffset.
func dataOffsetErr(words uint8, have int) error {
	n := int(words) * wordLen
	if words < MinDataOffset {
		return parseErr(tcpLayer, tcpDataOffset, ErrDataOffset,
			"data offset %d (%d bytes) is below the minimum %d (%d bytes)", words, n, MinDataOffset, TCPMinHeaderLen)
	}
	return parseErr(tcpLayer, tcpDataOffset, ErrDataOffset,
		"data offset %d (%d bytes) is beyond the %d bytes available", words, n, have)
}

// padTo32 rounds n up to a multiple of 4.
func padTo32(n int) int { return (n + wordLen - 1) / wordLen * wordLen }
