package checksum_test

// Golden packets: real IP packets captured between two Linux network
// namespaces with checksum offloads turned off, so the kernel computed
// every checksum in software. They come from shared/fixtures/linux (see
// its README); tshark reports every checksum in them as good. Each one is
// copied here as hex with what `tcpdump -nn -S -t -v` prints for it (for
// IPv4 it prints two lines; they are joined here).

import (
	"encoding/binary"
	"encoding/hex"
	"net/netip"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tcpedu/tcpedu/tcpedu/checksum"
)

// Positions of the checksum field inside a TCP or UDP header, in bytes.
const (
	tcpChecksumOffset = 16 // RFC 9293 §3.1
	udpChecksumOffset = 6  // RFC 768
)

// The IP header fields the tests read to build a pseudo-header. IPv4
// header: RFC 791 §3.1. IPv6 header: RFC 8200 §3.
const (
	ipVersionShift = 4 // the version is the high 4 bits of byte 0

	ipv4IHLMask           = 0x0F // IHL, the low 4 bits of byte 0: header length in 32-bit words
	ipv4IHLUnit           = 4    // bytes per IHL unit
	ipv4TotalLengthOffset = 2    // Total Length, 2 bytes: header plus data
	ipv4ProtocolOffset    = 9    // Protocol, 1 byte
	ipv4ChecksumOffset    = 10   // Header Checksum, 2 bytes
	ipv4SrcOffset         = 12   // Source Address, 4 bytes
	ipv4DstOffset         = 16   // Destination Address, 4 bytes

	ipv6PayloadLengthOffset = 4  // Payload Length, 2 bytes
	ipv6NextHeaderOffset    = 6  // Next Header, 1 byte
	ipv6SrcOffset           = 8  // Source Address, 16 bytes
	ipv6DstOffset           = 24 // Destination Address, 16 bytes
	ipv6HeaderLen           = 40 // the fixed header
)

// goldenPacket is one captured IP packet and the checksums tshark found
// in it.
type goldenPacket struct {
	name        string
	tcpdump     string // what tcpdump -nn -S -t -v prints for the packet
	source      string // capture file and frame number in shared/fixtures/linux
	ipHex       string // the whole IP packet: IP header, TCP or UDP header, payload
	ipChecksum  uint16 // the IPv4 header checksum; IPv6 has none
	l4Checksum  uint16 // the TCP or UDP checksum field
	fieldOffset int    // where that field is in the TCP or UDP header
}

var goldenPackets = []goldenPacket{
	{
		name: "IPv4 TCP SYN",
		tcpdump: "IP (tos 0x0, ttl 64, id 44851, offset 0, flags [DF], proto TCP (6), length 60) " +
			"10.200.0.1.60176 > 10.200.0.2.5001: Flags [S], cksum 0xeb8a (correct), seq 748207436, win 64240, " +
			"options [mss 1460,sackOK,TS val 2145051541 ecr 0,nop,wscale 10], length 0",
		source: "tcp4_transfer.pcap frame 1",
		ipHex: "4500003caf334000400675f60ac800010ac80002" +
			"eb1013892c98bd4c00000000a002faf0eb8a0000020405b40402080a7fdae395000000000103030a",
		ipChecksum:  0x75f6,
		l4Checksum:  0xeb8a,
		fieldOffset: tcpChecksumOffset,
	},
	{
		name: "IPv4 TCP PSH,ACK with 104 bytes of data",
		tcpdump: "IP (tos 0x0, ttl 64, id 33162, offset 0, flags [DF], proto TCP (6), length 156) " +
			"10.200.0.2.5001 > 10.200.0.1.60176: Flags [P.], cksum 0x95ea (correct), seq 3636133519:3636133623, " +
			"ack 748211437, win 73, options [nop,nop,TS val 1098167336 ecr 2145051542], length 104",
		source: "tcp4_transfer.pcap frame 14",
		ipHex: "4500009c818a40004006a33f0ac800020ac80001" +
			"1389eb10d8bafe8f2c98cced8018004995ea00000101080a4174b4287fdae396" +
			"858c939aa1a8afb6bdc4cbd2d9e0e7eef5fc030a11181f262d343b424950575e656c737a81888f969d" +
			"a4abb2b9c0c7ced5dce3eaf1f8ff060d141b222930373e454c535a61686f767d848b9299a0a7aeb5bc" +
			"c3cad1d8dfe6edf4fb020910171e252c333a41484f56",
		ipChecksum:  0xa33f,
		l4Checksum:  0x95ea,
		fieldOffset: tcpChecksumOffset,
	},
	{
		name: "IPv4 UDP with 13 bytes of data (odd length)",
		tcpdump: "IP (tos 0x0, ttl 64, id 3251, offset 0, flags [DF], proto UDP (17), length 41) " +
			"10.200.0.1.38906 > 10.200.0.2.5002: UDP, length 13",
		source: "udp4.pcap frame 3",
		ipHex: "450000290cb340004011187f0ac800010ac80002" +
			"97fa138a00152fe9" +
			"21282f363d444b525960676e75",
		ipChecksum:  0x187f,
		l4Checksum:  0x2fe9,
		fieldOffset: udpChecksumOffset,
	},
	{
		name: "IPv6 TCP PSH,ACK with 144 bytes of data",
		tcpdump: "IP6 (flowlabel 0x5936d, hlim 64, next-header TCP (6) payload length: 176) " +
			"fd00::2.5001 > fd00::1.53346: Flags [P.], cksum 0x8b0e (correct), seq 321420541:321420685, " +
			"ack 107020605, win 72, options [nop,nop,TS val 2516379661 ecr 707410266], length 144",
		source: "tcp6_transfer.pcap frame 14",
		ipHex: "6005936d00b00640fd000000000000000000000000000002fd000000000000000000000000000001" +
			"1389d06213287cfd0661013d801800488b0e00000101080a95fce80d2a2a395a" +
			"6d747b828990979ea5acb3bac1c8cfd6dde4ebf2f900070e151c232a31383f464d545b626970777e85" +
			"8c939aa1a8afb6bdc4cbd2d9e0e7eef5fc030a11181f262d343b424950575e656c737a81888f969da4" +
			"abb2b9c0c7ced5dce3eaf1f8ff060d141b222930373e454c535a61686f767d848b9299a0a7aeb5bcc3" +
			"cad1d8dfe6edf4fb020910171e252c333a41484f56",
		l4Checksum:  0x8b0e,
		fieldOffset: tcpChecksumOffset,
	},
}

// decodedPacket is a golden packet split into the parts the checksums
// cover.
type decodedPacket struct {
	ipHeader []byte                // IPv4 header; empty for IPv6
	pseudo   checksum.PseudoHeader // built from the IP header
	segment  []byte                // TCP or UDP header and payload
}

// decode parses the hex of p and splits the packet at its IP header. It
// handles only what the golden packets contain: IPv4 with or without
// options, and IPv6 with no extension headers.
func (p goldenPacket) decode(t *testing.T) decodedPacket {
	t.Helper()
	pkt, err := hex.DecodeString(p.ipHex)
	require.NoError(t, err, "hex.DecodeString(%s)", p.name)
	require.NotEmpty(t, pkt, "packet %s", p.name)

	switch version := pkt[0] >> ipVersionShift; version {
	case 4:
		headerLen := int(pkt[0]&ipv4IHLMask) * ipv4IHLUnit
		totalLen := int(binary.BigEndian.Uint16(pkt[ipv4TotalLengthOffset:]))
		require.Equal(t, len(pkt), totalLen, "%s: IPv4 Total Length", p.name)
		return decodedPacket{
			ipHeader: pkt[:headerLen],
			pseudo: checksum.PseudoHeader{
				Src:      netip.AddrFrom4([4]byte(pkt[ipv4SrcOffset : ipv4SrcOffset+4])),
				Dst:      netip.AddrFrom4([4]byte(pkt[ipv4DstOffset : ipv4DstOffset+4])),
				Protocol: pkt[ipv4ProtocolOffset],
				Length:   uint32(totalLen - headerLen),
			},
			segment: pkt[headerLen:],
		}
	case 6:
		payloadLen := int(binary.BigEndian.Uint16(pkt[ipv6PayloadLengthOffset:]))
		require.Equal(t, len(pkt)-ipv6HeaderLen, payloadLen, "%s: IPv6 Payload Length", p.name)
		return decodedPacket{
			pseudo: checksum.PseudoHeader{
				Src:      netip.AddrFrom16([16]byte(pkt[ipv6SrcOffset : ipv6SrcOffset+16])),
				Dst:      netip.AddrFrom16([16]byte(pkt[ipv6DstOffset : ipv6DstOffset+16])),
				Protocol: pkt[ipv6NextHeaderOffset], // no extension headers in these captures
				Length:   uint32(payloadLen),
			},
			segment: pkt[ipv6HeaderLen:],
		}
	default:
		require.FailNow(t, "unknown IP version", "%s: version %d", p.name, version)
		return decodedPacket{}
	}
}
