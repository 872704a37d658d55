// Package wire is the bottom layer of tcpedu: TCP, UDP, IPv4 and IPv6
// headers as bytes on the wire, and the TCP options.
//
// # Two views of every header
//
// Each header comes in two views that convert exactly into each other:
//
//   - a byte view (TCP, UDP): a []byte with accessor methods that read and
//     write fields in place, one line each, at offsets named after the RFC
//     diagram drawn above them. Use it to see where each bit lives.
//   - a plain struct (TCPHeader, UDPHeader, IPv4Header, IPv6Header) with one
//     field per header field. Use it for protocol logic. Parse fills it from
//     bytes; AppendTo writes it back, and AppendTo after Parse returns the
//     very bytes that were parsed: the round trip is tested on every real
//     packet in testdata and fuzzed.
//
// Parsing never panics on bad input. Every failure is an *Error whose
// message is one sentence ("parse TCP header: data offset 3 (12 bytes) is
// below the minimum 5 (20 bytes)") and which wraps a sentinel such as
// ErrTruncated or ErrOption for errors.Is.
//
// # Reading order
//
//  1. flags.go: the eight control bits (SYN, ACK, FIN, RST, ...).
//  2. tcp.go: the TCP header diagram, its offsets, and the byte view.
//  3. tcp_header.go: the struct view, Parse and AppendTo, the data offset.
//  4. option.go, option_codec.go: TCP options (MSS, window scale, SACK,
//     timestamps) and how the options area is laid out and padded.
//  5. udp.go: UDP, and why it has a length field when TCP does not.
//  6. ipv4.go, ipv6.go, ipv6_ext.go: just enough IP to reach the segment
//     and build its pseudo-header.
//  7. link.go, packet.go: from a captured frame to a decoded Packet.
//  8. build.go: the other way, a TCP segment made into an IPv4 packet to send.
//
// The checksum arithmetic is in package checksum and sequence numbers are
// in package seq; this package calls both.
//
// # RFCs
//
// RFC 9293 (TCP) §3.1 for the header and options, RFC 7323 (window scale,
// timestamps), RFC 2018 (SACK), RFC 768 (UDP), RFC 791 (IPv4), RFC 8200
// (IPv6). Golden tests compare every field with Wireshark's decoding of
// real Linux captures in testdata/linux.
//
// # Simplifications
//
// IP options and IPv6 extension headers are skipped, not interpreted; IP
// fragments are not reassembled (their checksum cannot be verified alone);
// IPv6 jumbograms are not supported.
package wire
