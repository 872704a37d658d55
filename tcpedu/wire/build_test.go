package wire

import (
	"net/netip"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestAppendIPv4TCP builds a packet and reads it back: every field as
// given, and both checksums valid.
func TestAppendIPv4TCP(t *testing.T) {
	src, dst := netip.MustParseAddr("192.0.2.1"), netip.MustParseAddr("192.0.2.2")
	h := TCPHeader{SrcPort: 50000, DstPort: 80, Seq: 1000, Ack: 2000, Flags: ACK | PSH, Window: 512,
		Options: []Option{NOPOption(), NOPOption(), SACKOption(SACKBlock{Left: 3000, Right: 4000})}}
	prefix := []byte{0xAA}
	p, err := AppendIPv4TCP(prefix, src, dst, 7, 64, &h, []byte("hello"))
	require.NoError(t, err)
	assert.Equal(t, byte(0xAA), p[0], "b's bytes are kept")

	var pkt Packet
	require.NoError(t, pkt.DecodeIP(p[1:]))
	assert.True(t, IPv4ChecksumValid(pkt.IPHeader), "IPv4 header checksum")
	assert.True(t, pkt.ChecksumValid(), "TCP checksum")
	assert.Equal(t, src, pkt.Src())
	assert.Equal(t, dst, pkt.Dst())
	assert.Equal(t, uint16(7), pkt.IPv4.ID)
	assert.Equal(t, uint8(64), pkt.IPv4.TTL)
	assert.Equal(t, "hello", string(pkt.Payload()))
	assert.Equal(t, h.Seq, pkt.TCP.Seq)
	assert.Equal(t, h.Flags, pkt.TCP.Flags)
	require.NotNil(t, pkt.TCP.Option(KindSACK))
}
