package wire

import (
	"encoding/binary"

	"github.com/tcpedu/tcpedu/tcpedu/checksum"
)

// The UDP header, RFC 768:
//
//	 0      7 8     15 16    23 24    31
//	+--------+--------+--------+--------+
//	|   Source Port   | Destination Port|
//	|      (0)        |       (2)       |
//	+--------+--------+--------+--------+
//	|     Length      |    Checksum     |
//	|      (4)        |       (6)       |
//	+--------+--------+--------+--------+
//	|          data octets ...
//	+---------------- ...
//
// Why UDP has a length field and TCP does not: a UDP datagram is one
// message, and its header says how long that message is (header included,
// so at least 8). Strictly, the field is redundant: IP already tells where
// the packet ends (IPv4 total length minus header length). TCP relies on
// that: a segment's data runs to the end of the IP packet, and TCP spends
// its header on the data offset, the length of the header itself, because
// its options make the header's size vary. (UDP-Lite, RFC 3828, later reused
// UDP's redundant field as "how much the checksum covers".)
const (
	udpSrcPort  = 0
	udpDstPort  = 2
	udpLength   = 4
	udpChecksum = 6

	// UDPChecksumOffset is where the checksum sits in a UDP header.
	UDPChecksumOffset = udpChecksum
	// UDPHeaderLen is the size of the UDP header, which has no options.
	UDPHeaderLen = 8
)

// udpLayer names the layer in errors about UDP.
const udpLayer = "UDP header"

// UDP is the byte view of a UDP datagram: header and payload. Accessors do
// not check lengths; call Check first on bytes you did not build.
type UDP []byte

// Check reports, as an error, whether u holds a whole header and whether
// the Length field agrees with len(u). Here u must be exactly the datagram
// the IP layer carried: a Length below 8, or one that disagrees with
// the bytes IP delivered, is an error. (Linux drops a datagram whose Length
// exceeds what arrived, and trims one whose Length is shorter.)
func (u UDP) Check() error {
	if len(u) < UDPHeaderLen {
		return truncated(udpLayer, UDPHeaderLen, len(u))
	}
	n := int(u.Length())
	if n < UDPHeaderLen {
		return parseErr(udpLayer, udpLength, ErrLength,
			"length %d is below the 8-byte header it includes", n)
	}
	if n != len(u) {
		return parseErr(udpLayer, udpLength, ErrLength,
			"length %d disagrees with the %d bytes the IP packet carries", n, len(u))
	}
	return nil
}

// SrcPort returns the source port; zero means "no reply expected" (RFC 768).
func (u UDP) SrcPort() uint16 { return binary.BigEndian.Uint16(u[udpSrcPort:]) }

// DstPort returns the destination port.
func (u UDP) DstPort() uint16 { return binary.BigEndian.Uint16(u[udpDstPort:]) }

// Length returns the Length field: header plus data, in bytes.
func (u UDP) Length() uint16 { return binary.BigEndian.Uint16(u[udpLength:]) }

// Checksum returns the checksum field; zero means none was computed, which
// only IPv4 allows.
func (u UDP) Checksum() uint16 { return binary.BigEndian.Uint16(u[udpChecksum:]) }

// Payload returns the data after the header.
func (u UDP) Payload() []byte { return u[UDPHeaderLen:] }

// SetSrcPort sets the source port.
func (u UDP) SetSrcPort(p uint16) { binary.BigEndian.PutUint16(u[udpSrcPort:], p) }

// SetDstPort sets the destination port.
func (u UDP) SetDstPort(p uint16) { binary.BigEndian.PutUint16(u[udpDstPort:], p) }

// SetLength sets the Length field.
func (u UDP) SetLength(n uint16) { binary.BigEndian.PutUint16(u[udpLength:], n) }

// SetChecksum sets the checksum field.
func (u UDP) SetChecksum(c uint16) { binary.BigEndian.PutUint16(u[udpChecksum:], c) }

// ComputeChecksum returns the checksum u should carry under ph. RFC 768: if
// the computed checksum is zero it is sent as all ones (0xFFFF), because a
// zero field means "no checksum". Both are the same number in ones'
// complement arithmetic (+0 and −0), so a receiver's check still passes.
func (u UDP) ComputeChecksum(ph checksum.PseudoHeader) uint16 {
	c := checksum.Compute(ph, u, UDPChecksumOffset)
	if c == 0 {
		return 0xFFFF
	}
	return c
}

// ChecksumValid reports whether u's checksum is acceptable under ph. A zero
// field means the sender computed none: RFC 768 allows that over IPv4, so
// it is valid there, but RFC 8200 §8.1 makes the checksum mandatory over
// IPv6, where zero is invalid (RFC 6935 relaxes this only for tunnels).
func (u UDP) ChecksumValid(ph checksum.PseudoHeader) bool {
	if u.Checksum() == 0 {
		return ph.Src.Is4()
	}
	return checksum.Verify(ph, u)
}

// UDPHeader is the plain-struct view of a UDP header. The zero value is a
// header of all zeros (an invalid Length; AppendTo does not fix it).
type UDPHeader struct {
	SrcPort  uint16
	DstPort  uint16
	Length   uint16 // header plus data, bytes
	Checksum uint16 // 0 means none (IPv4 only)
}

// Parse decodes the header of the datagram b, which must be exactly the
// bytes the IP layer carried so that Length can be checked (see UDP.Check).
func (h *UDPHeader) Parse(b []byte) error {
	u := UDP(b)
	if len(u) >= UDPHeaderLen {
		h.SrcPort, h.DstPort = u.SrcPort(), u.DstPort()
		h.Length, h.Checksum = u.Length(), u.Checksum()
	}
	return u.Check()
}

// AppendTo appends the 8-byte header to b as it is.
func (h *UDPHeader) AppendTo(b []byte) []byte {
	b = binary.BigEndian.AppendUint16(b, h.SrcPort)
	b = binary.BigEndian.AppendUint16(b, h.DstPort)
	b = binary.BigEndian.AppendUint16(b, h.Length)
	return binary.BigEndian.AppendUint16(b, h.Checksum)
}
