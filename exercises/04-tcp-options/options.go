// Exercise 04: TCP options (RFC 9293 §3.1 and §3.2, RFC 7323, RFC 2018).
//
// Between the 20-byte fixed header and the data, a TCP header carries 0 to
// 40 bytes of options: the MSS, window scale and SACK-permitted options
// that a SYN offers, the timestamps on (nearly) every Linux segment, and
// the SACK blocks a receiver reports. Decode them into the model's
// []wire.Option (tcpedu/wire/option.go) and encode them back. Write the
// logic yourself: do not call the model's TCPHeader.Parse or Marshal.
//
// Every option but two is kind, length, value, and the length byte counts
// all three, so it is at least 2:
//
//	+--------+--------+--------+--------+---
//	|  kind  | length |  value (length-2 bytes) ...
//	+--------+--------+--------+--------+---
//
// The two exceptions are a single byte each, with no length byte: kind 0,
// End of Option List (EOL: what follows is zero padding), and kind 1,
// No-Operation (NOP: used to align the next option on 4 bytes).
//
//	kind  name            length  value                          wire.Option field
//	0     EOL             1       none                           Kind only
//	1     NOP             1       none                           Kind only
//	2     MSS             4       16-bit MSS, bytes              MSS
//	3     Window scale    3       shift count (RFC 7323 §2.2)    Shift
//	4     SACK permitted  2       none (RFC 2018 §2)             Kind only
//	5     SACK            2+8k    k blocks, 1 ≤ k ≤ 4: two       Blocks[:NumBlocks], NumBlocks
//	                              32-bit edges each (RFC 2018 §3)
//	8     Timestamps      10      TSval, TSecr, 32 bits each     TSVal, TSEcr
//	                              (RFC 7323 §3.2)
//	other                 2+n     n bytes kept as they are       Data
//
// Numbers are big-endian. A SACK block's Left edge is the first sequence
// number it covers and its Right edge the one just after its last byte:
// the block is [Left, Right), and either edge may have wrapped past 2^32.
//
// The contract:
//
//   - ParseOptions decodes b, the options area of a header (the bytes from
//     20 up to the data offset), into options in wire order, NOPs
//     included. An EOL is put in the list once and ends it: the bytes
//     after it are padding, not options, and are not looked at. An empty b
//     gives an empty list. Kinds other than those in the table are not an
//     error: RFC 9293 §3.1 says a receiver must skip options it does not
//     know, using their length byte; keep their value bytes in Data. It
//     returns an error wrapping wire.ErrOption (fmt.Errorf("...: %w",
//     wire.ErrOption)) and never panics or loops forever when: an option
//     other than EOL and NOP has no room for its length byte; a length
//     byte is below 2 (a length of 0 would keep a careless parser on the
//     same byte for ever); an option runs past the end of b; an option of
//     a kind in the table has a length its RFC forbids (MSS not 4, window
//     scale not 3, SACK permitted not 2, timestamps not 10, SACK not 10,
//     18, 26 or 34: at most 4 blocks fit in a wire.Option).
//   - AppendOptions appends the wire form of opts to b, in order, EOL and
//     NOP as single bytes, then zero bytes until the options' length is a
//     multiple of 4 (RFC 9293 §3.1: the header ends on a 32-bit boundary,
//     and "the padding is composed of zeros"), and returns the extended
//     slice. It returns an error wrapping wire.ErrField when the options
//     take more than 40 bytes before padding (all a header has room for)
//     or a SACK option's NumBlocks is not 1 to 4.
//   - ScaledWindow returns the window a segment's window field stands for
//     once the peer's window scale shift is applied: window << shift, in
//     bytes (RFC 7323 §2.2). A shift above 14 is used as 14 (RFC 7323
//     §2.3: the window must stay below 2^30). (The window field of a SYN
//     is never scaled; that is the caller's business.)
//
// Worked example: the SYN at the start of tcpedu/wire/testdata/linux/tcp4_transfer.pcap
// has these 20 bytes of options:
//
//	02 04 05 b4  04 02  08 0a 7f da e3 95 00 00 00 00  01  03 03 0a
//
// that is MSS 1460 (0x05b4), SACK permitted, Timestamps with TSval
// 2145051541 and TSecr 0, NOP, window scale 10: five wire.Options, the
// same ones wire.MSSOption(1460), wire.SACKPermittedOption(), ...
// return. AppendOptions(nil, those five) gives the 20 bytes back, with no
// padding since 20 is a multiple of 4. A window field of 63 from that host
// later means ScaledWindow(63, 10) = 64512 bytes.
//
// Run the tests with: go test ./exercises/04-tcp-options
// Grade it with: go run ./cmd/tcpedu grade 04
package tcpoptions

import "github.com/tcpedu/tcpedu/tcpedu/wire"

// ParseOptions decodes the options area b of a TCP header.
func ParseOptions(b []byte) ([]wire.Option, error) {
	// Your code here.
	return nil, nil
}

// AppendOptions appends the wire form of opts, padded with zeros to a
// multiple of 4 bytes, to b.
func AppendOptions(b []byte, opts []wire.Option) ([]byte, error) {
	// Your code here.
	return b, nil
}

// ScaledWindow returns the window, in bytes, that a window field of window
// stands for under a window scale shift of shift.
func ScaledWindow(window uint16, shift uint8) uint32 {
	// Your code here.
	return 0
}
