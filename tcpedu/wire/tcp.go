package wire

import (
	"encoding/binary"

	"github.com/tcpedu/tcpedu/tcpedu/checksum"
	"github.com/tcpedu/tcpedu/tcpedu/seq"
)

// The TCP header, RFC 9293 §3.1, with the byte offset of each field:
//
//	 0                   1                   2                   3
//	 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
//	+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//	|          Source Port (0)      |      Destination Port (2)     |
//	+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//	|                      Sequence Number (4)                      |
//	+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//	|                  Acknowledgment Number (8)                    |
//	+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//	| Data  |       |C|E|U|A|P|R|S|F|                               |
//	|Offset | Rsrvd |W|C|R|C|S|S|Y|I|          Window (14)          |
//	| (12)  | (12)  |R|E|G|K|H|T|N|N|                               |
//	+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//	|         Checksum (16)         |      Urgent Pointer (18)      |
//	+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//	|                    Options (20)               |    Padding    |
//	+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//	|                             Data                              |
//	+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//
// The flags byte (13) is the one RFC 9293 draws with the control bits.
const (
	tcpSrcPort    = 0
	tcpDstPort    = 2
	tcpSeq        = 4
	tcpAck        = 8
	tcpDataOffset = 12 // high nibble: data offset; low nibble: reserved
	tcpFlags      = 13
	tcpWindow     = 14
	tcpChecksum   = 16
	tcpUrgent     = 18

	// TCPChecksumOffset is where the checksum sits in a TCP header; the
	// checksum is computed as if these two bytes were zero.
	TCPChecksumOffset = tcpChecksum

	// TCPMinHeaderLen is the header without options: data offset 5.
	TCPMinHeaderLen = 20
	// TCPMaxHeaderLen is the largest header: data offset 15, 40 bytes of
	// options.
	TCPMaxHeaderLen = 60

	// MinDataOffset and MaxDataOffset bound the data offset field, in
	// 32-bit words.
	MinDataOffset = 5
	MaxDataOffset = 15

	dataOffsetShift = 4    // the data offset is the high nibble of byte 12
	reservedMask    = 0x0f // the reserved bits are the low nibble
	wordLen         = 4    // the data offset counts 32-bit words
)

// ProtocolTCP and ProtocolUDP are the IP protocol numbers (IPv6 next-header
// values) that carry TCP and UDP, as package checksum defines them.
const (
	ProtocolTCP = checksum.ProtocolTCP
	ProtocolUDP = checksum.ProtocolUDP
)

// TCP is the byte view of a TCP segment: header, options and payload as they
// sit on the wire. Its accessors read and write fields in place, with no
// copying, which suits bit-level work; TCPHeader is the plain-struct view.
//
// Accessors do not check lengths: call Check first on bytes you did not
// build yourself, as any out-of-range access would panic.
type TCP []byte

// Check reports, as an error, whether t is long enough for its fixed header
// and for the header length its data offset claims. It does not look inside
// the options; TCPHeader.Parse does.
func (t TCP) Check() error {
	if len(t) < TCPMinHeaderLen {
		return truncated(tcpLayer, TCPMinHeaderLen, len(t))
	}
	return checkDataOffset(t.DataOffset(), len(t))
}

// SrcPort returns the source port.
func (t TCP) SrcPort() uint16 { return binary.BigEndian.Uint16(t[tcpSrcPort:]) }

// DstPort returns the destination port.
func (t TCP) DstPort() uint16 { return binary.BigEndian.Uint16(t[tcpDstPort:]) }

// Seq returns the sequence number: the number of the first data byte, or
// the ISN when SYN is set.
func (t TCP) Seq() seq.Num { return seqAt(t, tcpSeq) }

// Ack returns the acknowledgment number: the next sequence number the sender
// expects to receive. It means something only when ACK is set.
func (t TCP) Ack() seq.Num { return seqAt(t, tcpAck) }

// DataOffset returns the header length in 32-bit words (5–15 when valid).
func (t TCP) DataOffset() uint8 { return t[tcpDataOffset] >> dataOffsetShift }

// HeaderLen returns the header length in bytes, options included: the data
// offset times 4.
func (t TCP) HeaderLen() int { return int(t.DataOffset()) * wordLen }

// Reserved returns the four reserved bits between data offset and flags.
// RFC 9293 §3.1: zero when sent, ignored when received by a host that does
// not implement a feature using them (Accurate ECN uses the lowest one).
func (t TCP) Reserved() uint8 { return t[tcpDataOffset] & reservedMask }

// Flags returns the eight control bits.
func (t TCP) Flags() Flags { return Flags(t[tcpFlags]) }

// Window returns the raw 16-bit window field, in bytes before any window
// scaling (RFC 7323 §2.2 shifts it left by the peer's scale).
func (t TCP) Window() uint16 { return binary.BigEndian.Uint16(t[tcpWindow:]) }

// Checksum returns the checksum field.
func (t TCP) Checksum() uint16 { return binary.BigEndian.Uint16(t[tcpChecksum:]) }

// Urgent returns the urgent pointer, meaningful only when URG is set.
func (t TCP) Urgent() uint16 { return binary.BigEndian.Uint16(t[tcpUrgent:]) }

// Options returns the options area, padding included.
func (t TCP) Options() []byte { return t[TCPMinHeaderLen:t.HeaderLen()] }

// Payload returns the data after the header.
func (t TCP) Payload() []byte { return t[t.HeaderLen():] }

// SetSrcPort sets the source port.
func (t TCP) SetSrcPort(p uint16) { binary.BigEndian.PutUint16(t[tcpSrcPort:], p) }

// SetDstPort sets the destination port.
func (t TCP) SetDstPort(p uint16) { binary.BigEndian.PutUint16(t[tcpDstPort:], p) }

// SetSeq sets the sequence number.
func (t TCP) SetSeq(n seq.Num) { binary.BigEndian.PutUint32(t[tcpSeq:], uint32(n)) }

// SetAck sets the acknowledgment number.
func (t TCP) SetAck(n seq.Num) { binary.BigEndian.PutUint32(t[tcpAck:], uint32(n)) }

// SetDataOffset sets the data offset in 32-bit words, keeping the reserved
// bits. Only the low four bits of words are used.
func (t TCP) SetDataOffset(words uint8) {
	t[tcpDataOffset] = words<<dataOffsetShift | t[tcpDataOffset]&reservedMask
}

// SetReserved sets the four reserved bits, keeping the data offset.
func (t TCP) SetReserved(bits uint8) {
	t[tcpDataOffset] = t[tcpDataOffset]&^reservedMask | bits&reservedMask
}

// SetFlags sets the control bits.
func (t TCP) SetFlags(f Flags) { t[tcpFlags] = uint8(f) }

// SetWindow sets the raw window field.
func (t TCP) SetWindow(w uint16) { binary.BigEndian.PutUint16(t[tcpWindow:], w) }

// SetChecksum sets the checksum field.
func (t TCP) SetChecksum(c uint16) { binary.BigEndian.PutUint16(t[tcpChecksum:], c) }

// SetUrgent sets the urgent pointer.
func (t TCP) SetUrgent(p uint16) { binary.BigEndian.PutUint16(t[tcpUrgent:], p) }

// ComputeChecksum returns the checksum t should carry under the pseudo-header
// ph: the ones' complement of the ones' complement sum of ph and the whole
// segment, with the checksum field counted as zero (RFC 9293 §3.1). It does
// not depend on what the field holds now. ph.Length should be len(t).
func (t TCP) ComputeChecksum(ph checksum.PseudoHeader) uint16 {
	return checksum.Compute(ph, t, TCPChecksumOffset)
}

// ChecksumValid reports whether the checksum field is correct for t under
// the pseudo-header ph: the sum over ph and t, field included, is 0xFFFF.
func (t TCP) ChecksumValid(ph checksum.PseudoHeader) bool {
	return checksum.Verify(ph, t)
}

// seqAt reads a 32-bit sequence number at off.
func seqAt(b []byte, off int) seq.Num { return seq.Num(binary.BigEndian.Uint32(b[off:])) }
