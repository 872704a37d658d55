// Exercise 03: the TCP header (RFC 9293 §3.1).
//
// Every TCP segment starts with a 20-byte fixed header, then 0 to 40 bytes
// of options, then the data. Write a parser and a writer for it, working
// on the model's plain struct wire.TCPHeader (tcpedu/wire/tcp_header.go)
// so that what you produce plugs into the rest of tcpedu. Read the bytes
// yourself, with encoding/binary: the point is to find each field, so do
// not call the model's wire.TCP accessors or TCPHeader.Parse/AppendTo.
//
// The header, with each field's byte offset:
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
// Every multi-byte field is big-endian. Byte 12 holds the data offset in
// its high 4 bits and the reserved bits in its low 4; byte 13 is the flags,
// FIN in bit 0 (the lowest, 0x01) up to CWR in bit 7 (0x80), as the
// constants wire.FIN ... wire.CWR say. The data offset is the header's
// length in 32-bit words, options included: 5 (20 bytes) to 15 (60 bytes).
//
// The contract:
//
//   - ParseHeader reads the header at the start of b, which goes on into
//     the payload. It fills every field of h except h.Options, which it
//     leaves nil: it returns the raw bytes of the options area instead
//     (from byte 20 up to the data offset, padding included; exercise 04
//     decodes them), and payload, everything after the header. Both may
//     be slices of b. The Ack field is read whether or not the ACK flag is
//     set: the flag says whether the number means anything, it does not
//     change what is on the wire. On bad input ParseHeader returns an
//     error, never panics: an error that wraps wire.ErrTruncated when b is
//     shorter than 20 bytes, and one that wraps wire.ErrDataOffset when the
//     data offset is below 5 or points past the end of b (use
//     fmt.Errorf("...: %w", wire.ErrTruncated), so errors.Is finds it). A
//     data offset that ends exactly at the end of b is fine: no payload.
//   - AppendHeader appends the header h describes to b, with options (raw
//     option bytes) after the fixed 20 bytes, and returns the extended
//     slice. h.Options is ignored. When h.DataOffset is 0 it computes the
//     data offset from len(options), rounded up to whole 32-bit words;
//     otherwise the header is h.DataOffset words long. Either way the
//     space after the options is filled with zero bytes. It does not
//     change *h. It returns an error that wraps wire.ErrField when the
//     header cannot be written: h.DataOffset not 0 and outside 5–15,
//     options longer than 40 bytes or longer than h.DataOffset leaves room
//     for, or h.Reserved above 15 (it has four bits).
//   - FlagString writes flags as tcpdump does, in brackets: one letter per
//     set bit, in the order F (FIN), S (SYN), R (RST), P (PSH), . (ACK),
//     U (URG), E (ECE), W (CWR), and "none" when no bit is set. So a
//     SYN-ACK is "[S.]", a bare ACK "[.]", a FIN-ACK "[F.]", a reset "[R]".
//
// Worked example: the SYN that opens tcpedu/wire/testdata/linux/tcp4_transfer.pcap
// starts
//
//	eb 10 13 89  2c 98 bd 4c  00 00 00 00  a0 02 fa f0  eb 8a 00 00  02 04 05 b4 ...
//
// Source port 0xeb10 = 60176, destination 0x1389 = 5001, Seq 0x2c98bd4c =
// 748207436, Ack 0 (the ACK flag is clear). Byte 12 is 0xa0: data offset
// 10 words, 40 bytes, so 20 bytes of options; reserved 0. Byte 13 is 0x02:
// SYN, which FlagString writes "[S]". Window 0xfaf0 = 64240, checksum
// 0xeb8a, urgent pointer 0. The options are the 20 bytes from 02 04 05 b4
// on, and the payload is empty.
//
// Run the tests with: go test ./exercises/03-tcp-header
// Grade it with: go run ./cmd/tcpedu grade 03
package tcpheader

import "github.com/tcpedu/tcpedu/tcpedu/wire"

// ParseHeader parses the TCP header at the start of b and returns it, the
// raw bytes of its options area and the payload that follows.
func ParseHeader(b []byte) (h wire.TCPHeader, options []byte, payload []byte, err error) {
	// Your code here.
	return h, nil, nil, nil
}

// AppendHeader appends the wire form of h, with the given raw options and
// zero padding, to b.
func AppendHeader(b []byte, h *wire.TCPHeader, options []byte) ([]byte, error) {
	// Your code here.
	return b, nil
}

// FlagString returns f in tcpdump's notation, such as "[S.]".
func FlagString(f wire.Flags) string {
	// Your code here.
	return ""
}
