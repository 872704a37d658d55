package wire_test

import (
	"encoding/hex"
	"errors"
	"fmt"
	"net/netip"

	"github.com/tcpedu/tcpedu/tcpedu/checksum"
	"github.com/tcpedu/tcpedu/tcpedu/wire"
)

// synIP is a real IPv4 SYN from testdata/linux/tcp4_transfer.pcap:
//
//	10.200.0.1.60176 > 10.200.0.2.5001: Flags [S], seq 748207436, win 64240,
//	options [mss 1460,sackOK,TS val 2145051541 ecr 0,nop,wscale 10], length 0
const synIP = "4500003caf334000400675f60ac800010ac80002" +
	"eb1013892c98bd4c00000000a002faf0eb8a0000020405b40402080a7fdae395000000000103030a"

func mustDecodeHex(s string) []byte {
	b, err := hex.DecodeString(s)
	if err != nil {
		panic(err)
	}
	return b
}

// The byte view reads fields where they sit, with no copying.
func ExampleTCP() {
	seg := wire.TCP(mustDecodeHex(synIP)[20:])
	if err := seg.Check(); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("ports:", seg.SrcPort(), "→", seg.DstPort())
	fmt.Println("seq:", seg.Seq(), "flags:", seg.Flags())
	fmt.Println("header:", seg.DataOffset(), "words =", seg.HeaderLen(), "bytes")
	fmt.Printf("options: % x\n", seg.Options())
	// Output:
	// ports: 60176 → 5001
	// seq: 748207436 flags: SYN
	// header: 10 words = 40 bytes
	// options: 02 04 05 b4 04 02 08 0a 7f da e3 95 00 00 00 00 01 03 03 0a
}

// The struct view decodes every field and option.
func ExampleTCPHeader_Parse() {
	var h wire.TCPHeader
	if err := h.Parse(mustDecodeHex(synIP)[20:]); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%d → %d %v seq=%v win=%d\n", h.SrcPort, h.DstPort, h.Flags, h.Seq, h.Window)
	for _, o := range h.Options {
		fmt.Println(" ", o)
	}
	// Output:
	// 60176 → 5001 SYN seq=748207436 win=64240
	//   mss 1460
	//   sackOK
	//   TS val 2145051541 ecr 0
	//   nop
	//   wscale 10
}

// Building a SYN: options are written in order and padded to 32 bits.
func ExampleTCPHeader_Marshal() {
	h := wire.TCPHeader{
		SrcPort: 40000, DstPort: 80, Seq: 1000, Flags: wire.SYN, Window: 65535,
		Options: []wire.Option{wire.MSSOption(1460), wire.WindowScaleOption(7)},
	}
	b, err := h.Marshal()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(b), "bytes, data offset", wire.TCP(b).DataOffset())
	fmt.Printf("options: % x\n", wire.TCP(b).Options())
	// Output:
	// 28 bytes, data offset 7
	// options: 02 04 05 b4 03 03 07 00
}

func ExampleFlags() {
	synAck := wire.SYN | wire.ACK
	fmt.Println(synAck, synAck.Has(wire.SYN), synAck.Has(wire.FIN))
	fmt.Println(wire.Flags(0x18).Names())
	// Output:
	// ACK|SYN true false
	// [ACK PSH]
}

// MSS counts payload only: Ethernet's 1500-byte MTU less 20 bytes of IPv4
// header and 20 of TCP header.
func ExampleMSSOption() {
	mss := wire.MSSOption(1500 - 20 - 20)
	fmt.Println(mss, "is", mss.Len(), "bytes on the wire")
	// Output: mss 1460 is 4 bytes on the wire
}

// A SACK option reports blocks received beyond the cumulative ACK; the
// sender then resends only the hole before them.
func ExampleSACKOption() {
	o := wire.SACKOption(wire.SACKBlock{Left: 3001, Right: 5001}, wire.SACKBlock{Left: 6001, Right: 7001})
	fmt.Println(o, "—", o.Len(), "bytes")
	// Output: sack 2 {3001:5001}{6001:7001} — 18 bytes
}

func ExampleOptionKind() {
	fmt.Println(wire.KindMSS, wire.KindSACK, wire.OptionKind(30), wire.OptionKind(99))
	// Output: MSS SACK MPTCP kind 99
}

// A packet taken apart: IP, then TCP, with the pseudo-header its checksum
// covers.
func ExamplePacket_DecodeIP() {
	var p wire.Packet
	if err := p.DecodeIP(mustDecodeHex(synIP)); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("IPv", p.IPVersion, p.Src(), "→", p.Dst(), "protocol", p.Protocol)
	fmt.Println("TCP", p.TCP.Flags, "checksum valid:", p.ChecksumValid())
	fmt.Printf("pseudo-header: % x\n", p.PseudoHeader().AppendTo(nil))
	// Output:
	// IPv 4 10.200.0.1 → 10.200.0.2 protocol 6
	// TCP SYN checksum valid: true
	// pseudo-header: 0a c8 00 01 0a c8 00 02 00 06 00 28
}

// Errors are one sentence, and wrap a sentinel for errors.Is.
func ExampleError() {
	seg := mustDecodeHex(synIP)[20:]
	seg[12] = 0x30 // data offset 3
	var h wire.TCPHeader
	err := h.Parse(seg)
	fmt.Println(err)
	fmt.Println(errors.Is(err, wire.ErrDataOffset))
	// Output:
	// parse TCP header: data offset 3 (12 bytes) is below the minimum 5 (20 bytes)
	// true
}

// Computing a TCP checksum: the field is counted as zero, whatever it holds.
func ExampleTCP_ComputeChecksum() {
	ip := mustDecodeHex(synIP)
	seg := wire.TCP(ip[20:])
	ph := checksum.PseudoHeader{
		Src: netip.MustParseAddr("10.200.0.1"), Dst: netip.MustParseAddr("10.200.0.2"),
		Protocol: wire.ProtocolTCP, Length: uint32(len(seg)),
	}
	fmt.Printf("field 0x%04x, computed 0x%04x, valid %v\n", seg.Checksum(), seg.ComputeChecksum(ph), seg.ChecksumValid(ph))
	seg.SetWindow(1000) // change one field: the old checksum no longer fits
	fmt.Printf("after a change: valid %v, should be 0x%04x\n", seg.ChecksumValid(ph), seg.ComputeChecksum(ph))
	// Output:
	// field 0xeb8a, computed 0xeb8a, valid true
	// after a change: valid false, should be 0xe293
}

// UDP has a length field; its checksum is optional over IPv4 only, and a
// computed zero is sent as 0xFFFF.
func ExampleUDP() {
	// Frame 1 of testdata/linux/udp4.pcap: an empty datagram.
	u := wire.UDP(mustDecodeHex("97fa138a00083ec7"))
	ph := checksum.PseudoHeader{
		Src: netip.MustParseAddr("10.200.0.1"), Dst: netip.MustParseAddr("10.200.0.2"),
		Protocol: wire.ProtocolUDP, Length: uint32(len(u)),
	}
	fmt.Println(u.Check(), u.SrcPort(), "→", u.DstPort(), "length", u.Length(), "valid", u.ChecksumValid(ph))
	u.SetChecksum(0)
	fmt.Println("no checksum over IPv4 is allowed:", u.ChecksumValid(ph))
	// Output:
	// <nil> 38906 → 5002 length 8 valid true
	// no checksum over IPv4 is allowed: true
}

func ExampleUDPHeader() {
	var h wire.UDPHeader
	err := h.Parse(mustDecodeHex("97fa138a00153e00")) // says 21 bytes, has 8
	fmt.Println(err)
	// Output: parse UDP header: length 21 disagrees with the 8 bytes the IP packet carries
}

func ExampleIPv4Header() {
	var h wire.IPv4Header
	data, err := h.Parse(mustDecodeHex(synIP))
	fmt.Println(err, h.Src, "→", h.Dst, "TTL", h.TTL, "carries", len(data), "bytes")
	fmt.Println("header checksum valid:", wire.IPv4ChecksumValid(mustDecodeHex(synIP)[:h.HeaderLen()]))
	// Output:
	// <nil> 10.200.0.1 → 10.200.0.2 TTL 64 carries 40 bytes
	// header checksum valid: true
}

func ExampleIPv6Header() {
	h := wire.IPv6Header{Version: 6, PayloadLen: 8, NextHeader: wire.ProtocolUDP, HopLimit: 64,
		Src: netip.MustParseAddr("fd00::1"), Dst: netip.MustParseAddr("fd00::2")}
	b, _ := h.AppendTo(nil)
	fmt.Println(len(b), "bytes; pseudo-header for UDP:", h.PseudoHeader(wire.ProtocolUDP, 8).Len(), "bytes")
	// Output: 40 bytes; pseudo-header for UDP: 40 bytes
}

// Extension headers between IPv6 and TCP are skipped, and remembered.
func ExampleSkipExtensionHeaders() {
	// A Destination Options header (8 bytes of padding) announcing TCP.
	payload := []byte{wire.ProtocolTCP, 0, 1, 4, 0, 0, 0, 0, 0xaa}
	proto, upper, skipped, err := wire.SkipExtensionHeaders(wire.ExtDestOptions, payload, nil)
	fmt.Println(proto, len(upper), skipped[0].Name(), skipped[0].Len, err)
	// Output: 6 1 Destination Options 8 <nil>
}

func ExampleStripLink() {
	frame := append([]byte{ // Ethernet: two MACs and EtherType 0x0800
		0x02, 0, 0, 0, 0, 2, 0x02, 0, 0, 0, 0, 1, 0x08, 0x00}, mustDecodeHex(synIP)...)
	ip, err := wire.StripLink(wire.LinkEthernet, frame)
	fmt.Println(len(frame), "→", len(ip), err)
	// Output: 74 → 60 <nil>
}

// Window scale, SACK-permitted and timestamps as Linux lays them out on a
// SYN, with a NOP to keep the total a whole number of 32-bit words.
func ExampleWindowScaleOption() {
	opts := []wire.Option{wire.MSSOption(1460), wire.SACKPermittedOption(),
		wire.TimestampsOption(2145051541, 0), wire.NOPOption(), wire.WindowScaleOption(10)}
	n := 0
	for _, o := range opts {
		n += o.Len()
		fmt.Printf("%-24v %2d bytes\n", o, o.Len())
	}
	fmt.Println("total", n, "bytes: data offset", (20+n)/4)
	// Output:
	// mss 1460                  4 bytes
	// sackOK                    2 bytes
	// TS val 2145051541 ecr 0  10 bytes
	// nop                       1 bytes
	// wscale 10                 3 bytes
	// total 20 bytes: data offset 10
}

// Options of kinds tcpedu does not decode keep their bytes, so nothing on
// the wire is lost in a round trip.
func ExampleRawOption() {
	h := wire.TCPHeader{Options: []wire.Option{wire.RawOption(30, []byte{0x00, 0x81})}} // MPTCP
	b, _ := h.Marshal()
	var back wire.TCPHeader
	fmt.Println(back.Parse(b), len(b), "bytes:", back.Options[0].Kind, back.Options[0].Data)
	// Output: <nil> 24 bytes: MPTCP [0 129]
}

func ExampleLinkType() {
	fmt.Println(wire.LinkEthernet, "|", wire.LinkLinuxSLL, "|", wire.LinkType(147))
	// Output: Ethernet | Linux cooked v1 | link type 147
}
