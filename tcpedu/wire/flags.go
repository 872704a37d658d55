package wire

import "strings"

// Flags holds the eight TCP control bits of RFC 9293 §3.1 (byte 13 of the
// header). Each constant is one bit; combine them with |, test them with Has.
//
//	bit:    7   6   5   4   3   2   1   0
//	      +---+---+---+---+---+---+---+---+
//	      |CWR|ECE|URG|ACK|PSH|RST|SYN|FIN|
//	      +---+---+---+---+---+---+---+---+
//
// The zero value is a segment with no control bits set, which real stacks
// never send (every segment but the very first SYN carries ACK).
type Flags uint8

// The control bits, in the order RFC 9293 §3.1 lists them.
const (
	// FIN: no more data from the sender. FIN occupies one sequence number,
	// so it is acknowledged like a byte of data (RFC 9293 §3.4).
	FIN Flags = 1 << 0
	// SYN: synchronize sequence numbers. SYN occupies one sequence number;
	// its Seq field is the sender's initial sequence number, ISS.
	SYN Flags = 1 << 1
	// RST: reset the connection (RFC 9293 §3.5.2).
	RST Flags = 1 << 2
	// PSH: push function, deliver to the application promptly (§3.9.1).
	PSH Flags = 1 << 3
	// ACK: the Ack field is significant. Once a connection is established
	// it is always set (RFC 9293 §3.1). The first SYN goes without it, and
	// so does the RST that answers an ACK-bearing segment for no connection
	// (<SEQ=SEG.ACK><CTL=RST>, RFC 9293 §3.10.7.1).
	ACK Flags = 1 << 4
	// URG: the Urgent Pointer field is significant (RFC 9293 §3.8.5;
	// RFC 6093 advises new applications not to use it).
	URG Flags = 1 << 5
	// ECE: ECN-Echo (RFC 3168 §6.1): the receiver saw congestion marked.
	ECE Flags = 1 << 6
	// CWR: Congestion Window Reduced (RFC 3168 §6.1): the sender reacted.
	CWR Flags = 1 << 7
)

// flagOrder lists the bits from high to low, as they sit in the header.
var flagOrder = [8]struct {
	bit  Flags
	name string
}{
	{CWR, "CWR"}, {ECE, "ECE"}, {URG, "URG"}, {ACK, "ACK"},
	{PSH, "PSH"}, {RST, "RST"}, {SYN, "SYN"}, {FIN, "FIN"},
}

// Has reports whether every bit in want is set in f.
func (f Flags) Has(want Flags) bool { return f&want == want }

// Names returns the names of the set bits in header order (CWR first, FIN
// last), for example ["ACK", "SYN"] for a SYN-ACK.
func (f Flags) Names() []string {
	names := make([]string, 0, 8)
	for _, fl := range flagOrder {
		if f&fl.bit != 0 {
			names = append(names, fl.name)
		}
	}
	return names
}

// String returns the set bits joined by "|" in header order, such as
// "ACK|SYN", or "none" when no bit is set.
func (f Flags) String() string {
	if f == 0 {
		return "none"
	}
	return strings.Join(f.Names(), "|")
}
