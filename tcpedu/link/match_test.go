package link

import (
	"net/netip"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tcpedu/tcpedu/tcpedu/seq"
	"github.com/tcpedu/tcpedu/tcpedu/wire"
)

// tcp6Packet builds a TCP segment over IPv6 with a correct checksum.
func tcp6Packet(t *testing.T, s, a seq.Num, flags wire.Flags, payload []byte) []byte {
	t.Helper()
	th := wire.TCPHeader{SrcPort: 40000, DstPort: 80, Seq: s, Ack: a, Flags: flags, Window: 65535}
	seg, err := th.AppendTo(nil)
	require.NoError(t, err, "TCPHeader.AppendTo")
	seg = append(seg, payload...)
	ip := wire.IPv6Header{Version: 6, PayloadLen: uint16(len(seg)), NextHeader: wire.ProtocolTCP, HopLimit: 64,
		Src: netip.MustParseAddr("2001:db8::1"), Dst: netip.MustParseAddr("2001:db8::2")}
	wire.TCP(seg).SetChecksum(wire.TCP(seg).ComputeChecksum(ip.PseudoHeader(wire.ProtocolTCP, len(seg))))
	pkt, err := ip.AppendTo(nil)
	require.NoError(t, err, "IPv6Header.AppendTo")
	return append(pkt, seg...)
}

// udpPacket builds a UDP datagram over IPv4 whose first 8 payload bytes
// would read, as a TCP header, like a data segment at seq 1001.
func udpPacket(t *testing.T) []byte {
	t.Helper()
	payload := tcpPacket(t, 1001, 5001, wire.ACK, make([]byte, 10))[wire.IPv4MinHeaderLen:]
	u := wire.UDPHeader{SrcPort: 40000, DstPort: 53, Length: uint16(wire.UDPHeaderLen + len(payload))}
	ip := wire.IPv4Header{Version: 4, IHL: 5, TotalLen: uint16(wire.IPv4MinHeaderLen + int(u.Length)),
		TTL: 64, Protocol: wire.ProtocolUDP, Src: clientAddr, Dst: serverAddr}
	pkt, err := ip.AppendTo(nil)
	require.NoError(t, err, "IPv4Header.AppendTo")
	return append(u.AppendTo(pkt), payload...)
}

func TestMatchers(t *testing.T) {
	data := make([]byte, 100)
	packets := []struct {
		name string
		p    []byte
	}{
		{"data seq 1001", tcpPacket(t, 1001, 5001, wire.ACK|wire.PSH, data)},
		{"pure ACK 1101", tcpPacket(t, 5001, 1101, wire.ACK, nil)},
		{"SYN", tcpPacket(t, 1000, 0, wire.SYN, nil)},
		{"SYN-ACK", tcpPacket(t, 5000, 1001, wire.SYN|wire.ACK, nil)},
		{"FIN-ACK 1101", tcpPacket(t, 5001, 1101, wire.FIN|wire.ACK, nil)},
		{"data+FIN seq 1001", tcpPacket(t, 1001, 5001, wire.FIN|wire.ACK, data)},
		{"RST-ACK 1101", tcpPacket(t, 5001, 1101, wire.RST|wire.ACK, nil)},
		{"IPv6 data seq 1001", tcp6Packet(t, 1001, 5001, wire.ACK, data)},
		{"IPv6 pure ACK 1101", tcp6Packet(t, 5001, 1101, wire.ACK, nil)},
		{"UDP", udpPacket(t)},
		{"truncated TCP", tcpPacket(t, 1001, 5001, wire.ACK, data)[:30]},
		{"not IP", []byte("hello, world")},
		{"empty", nil},
	}
	matchers := []struct {
		name  string
		match func([]byte) bool
		want  []string // the packets it matches
	}{
		{"DataSegment()", DataSegment(), []string{"data seq 1001", "data+FIN seq 1001", "IPv6 data seq 1001"}},
		{"SeqIs(1001)", SeqIs(1001), []string{"data seq 1001", "data+FIN seq 1001", "IPv6 data seq 1001"}},
		{"SeqIs(1000)", SeqIs(1000), nil}, // the SYN is at 1000 but carries no data
		{"AckIs(1101)", AckIs(1101), []string{"pure ACK 1101", "IPv6 pure ACK 1101"}},
		{"AckIs(1102)", AckIs(1102), nil},
		{"HasFlags(SYN)", HasFlags(wire.SYN), []string{"SYN", "SYN-ACK"}},
		{"HasFlags(SYN|ACK)", HasFlags(wire.SYN | wire.ACK), []string{"SYN-ACK"}},
		{"HasFlags(FIN)", HasFlags(wire.FIN), []string{"FIN-ACK 1101", "data+FIN seq 1001"}},
	}
	for _, m := range matchers {
		var got []string
		for _, pk := range packets {
			if m.match(pk.p) {
				got = append(got, pk.name)
			}
		}
		assert.Equal(t, m.want, got, "packets matched by %s", m.name)
	}
}

// TestMatchersDoNotAllocate: a matcher decodes into scratch of its own.
func TestMatchersDoNotAllocate(t *testing.T) {
	p := tcpPacket(t, 1001, 5001, wire.ACK, make([]byte, 100))
	m := SeqIs(1001)
	allocs := testing.AllocsPerRun(100, func() { m(p) })
	assert.Zero(t, allocs, "allocations per SeqIs(1001) call")
}
