package wire

import (
	"encoding/hex"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// tcpSYN is frame 1 of testdata/linux/tcp4_transfer.pcap, the TCP header of
//
//	10.200.0.1.60176 > 10.200.0.2.5001: Flags [S], seq 748207436, win 64240,
//	options [mss 1460,sackOK,TS val 2145051541 ecr 0,nop,wscale 10], length 0
const tcpSYNHex = "eb1013892c98bd4c00000000a002faf0eb8a0000020405b40402080a7fdae395000000000103030a"

// ipv4SYNHex is the whole IPv4 packet around tcpSYNHex.
const ipv4SYNHex = "4500003caf334000400675f60ac800010ac80002" + tcpSYNHex

func mustHex(t *testing.T, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(strings.ReplaceAll(s, " ", ""))
	require.NoError(t, err, "hex %q", s)
	return b
}

// tcpWith returns a 20-byte TCP header whose data offset is words, followed
// by opts as the options area.
func tcpWith(words uint8, opts ...byte) []byte {
	b := make([]byte, TCPMinHeaderLen, TCPMinHeaderLen+len(opts))
	TCP(b).SetDataOffset(words)
	return append(b, opts...)
}

// TestMalformedHeaders feeds each parser bytes that are wrong in one
// specific way: each must fail with the named sentinel and a sentence that
// says what is wrong, and none may panic.
func TestMalformedHeaders(t *testing.T) {
	syn := mustHex(t, tcpSYNHex)
	ipv4SYN := mustHex(t, ipv4SYNHex)
	withIP := func(mutate func(b []byte)) []byte {
		b := append([]byte(nil), ipv4SYN...)
		mutate(b)
		return b
	}
	udp := func(length uint16, total int) []byte {
		b := make([]byte, total)
		UDP(b).SetLength(length)
		return b
	}
	ipv6 := func(payloadLen uint16, next uint8, payload ...byte) []byte {
		b := make([]byte, IPv6HeaderLen)
		b[0] = 0x60
		b[ipv6PayloadLen+1] = byte(payloadLen)
		b[ipv6NextHeader] = next
		return append(b, payload...)
	}

	tests := []struct {
		name  string
		parse func() error
		want  error
		says  string // a fragment the message must contain
	}{
		{"empty TCP header", func() error { var h TCPHeader; return h.Parse(nil) }, ErrTruncated, "need 20 bytes, have 0"},
		{"TCP header of 19 bytes", func() error { var h TCPHeader; return h.Parse(syn[:19]) }, ErrTruncated, "have 19"},
		{"data offset 0", func() error { var h TCPHeader; return h.Parse(tcpWith(0)) }, ErrDataOffset, "data offset 0 (0 bytes) is below the minimum 5"},
		{"data offset 4", func() error { var h TCPHeader; return h.Parse(tcpWith(4)) }, ErrDataOffset, "below the minimum 5 (20 bytes)"},
		{"data offset beyond the buffer", func() error { var h TCPHeader; return h.Parse(syn[:30]) }, ErrDataOffset, "data offset 10 (40 bytes) is beyond the 30 bytes available"},
		{"data offset 15 on a 20-byte buffer", func() error { var h TCPHeader; return h.Parse(tcpWith(15)) }, ErrDataOffset, "60 bytes"},
		{"option length 0", func() error { var h TCPHeader; return h.Parse(tcpWith(6, 30, 0, 0, 0)) }, ErrOption, "length 0, below the minimum 2"},
		{"option length 1", func() error { var h TCPHeader; return h.Parse(tcpWith(6, 30, 1, 0, 0)) }, ErrOption, "length 1"},
		{"option past the end", func() error { var h TCPHeader; return h.Parse(tcpWith(6, 30, 9, 0, 0)) }, ErrOption, "runs 5 bytes past the end"},
		{"option with no length byte", func() error { var h TCPHeader; return h.Parse(tcpWith(6, 1, 1, 1, 2)) }, ErrOption, "no room for its length byte"},
		{"MSS of length 3", func() error { var h TCPHeader; return h.Parse(tcpWith(6, 2, 3, 5, 0)) }, ErrOption, "MSS option at byte 20 has length 3, but its length is always 4"},
		{"window scale of length 4", func() error { var h TCPHeader; return h.Parse(tcpWith(6, 3, 4, 7, 0)) }, ErrOption, "always 3"},
		{"SACK-permitted of length 3", func() error { var h TCPHeader; return h.Parse(tcpWith(6, 4, 3, 0, 0)) }, ErrOption, "always 2"},
		{"timestamps of length 8", func() error { var h TCPHeader; return h.Parse(tcpWith(7, 8, 8, 0, 0, 0, 0, 0, 0)) }, ErrOption, "always 10"},
		{"SACK of length 2", func() error { var h TCPHeader; return h.Parse(tcpWith(6, 5, 2, 0, 0)) }, ErrOption, "2+8k"},
		{"SACK of length 14", func() error {
			var h TCPHeader
			return h.Parse(tcpWith(9, 5, 14, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))
		}, ErrOption, "length 14"},
		{"garbage after EOL", func() error { var h TCPHeader; return h.Parse(tcpWith(6, 0, 0, 7, 0)) }, ErrPadding, "0x07"},
		{"UDP header of 7 bytes", func() error { var h UDPHeader; return h.Parse(make([]byte, 7)) }, ErrTruncated, "need 8 bytes, have 7"},
		{"UDP length below 8", func() error { var h UDPHeader; return h.Parse(udp(7, 8)) }, ErrLength, "length 7 is below the 8-byte header"},
		{"UDP length beyond the datagram", func() error { var h UDPHeader; return h.Parse(udp(100, 20)) }, ErrLength, "length 100 disagrees with the 20 bytes"},
		{"UDP length short of the datagram", func() error { var h UDPHeader; return h.Parse(udp(12, 20)) }, ErrLength, "length 12 disagrees"},
		{"IP version 5", func() error { var p Packet; return p.DecodeIP(withIP(func(b []byte) { b[0] = 0x55 })) }, ErrVersion, "version field is 5, neither 4 nor 6"},
		{"empty IP packet", func() error { var p Packet; return p.DecodeIP(nil) }, ErrTruncated, "need 1 bytes, have 0"},
		{"IPv4 header of 12 bytes", func() error { var p Packet; return p.DecodeIP(ipv4SYN[:12]) }, ErrTruncated, "need 20 bytes, have 12"},
		{"IPv4 IHL 4", func() error { var p Packet; return p.DecodeIP(withIP(func(b []byte) { b[0] = 0x44 })) }, ErrHeaderLength, "IHL 4 (16 bytes)"},
		{"IPv4 total length past capture", func() error { var p Packet; return p.DecodeIP(ipv4SYN[:50]) }, ErrLength, "total length 60 is beyond the 50 bytes captured"},
		{"IPv4 total length inside header", func() error {
			var p Packet
			return p.DecodeIP(withIP(func(b []byte) { b[ipv4TotalLen], b[ipv4TotalLen+1] = 0, 16 }))
		}, ErrLength, "total length 16 is shorter than the 20-byte header"},
		{"IPv4 later fragment", func() error {
			var p Packet
			return p.DecodeIP(withIP(func(b []byte) { b[ipv4FlagsFrag+1] = 3 }))
		}, ErrFragment, "later fragment (offset 24 bytes) and holds no TCP header"},
		{"IPv6 header of 39 bytes", func() error { var p Packet; return p.DecodeIP(ipv6(0, 59)[:39]) }, ErrTruncated, "need 40 bytes, have 39"},
		{"IPv6 payload length past capture", func() error { var p Packet; return p.DecodeIP(ipv6(8, ProtocolUDP, 1, 2)) }, ErrLength, "payload length 8 is beyond the 2 bytes captured"},
		{"IPv6 extension header past the end", func() error { var p Packet; return p.DecodeIP(ipv6(8, ExtDestOptions, 6, 1, 0, 0, 0, 0, 0, 0)) }, ErrTruncated, "Destination Options header is 16 bytes, but only 8 remain"},
		{"IPv6 later fragment", func() error { var p Packet; return p.DecodeIP(ipv6(8, ExtFragment, 6, 0, 0, 8, 0, 0, 0, 1)) }, ErrFragment, "offset 8 bytes"},
		{"TCP inside IPv4 with a bad data offset", func() error {
			var p Packet
			return p.DecodeIP(withIP(func(b []byte) { b[IPv4MinHeaderLen+tcpDataOffset] = 0x20 }))
		}, ErrDataOffset, "parse TCP header: data offset 2 (8 bytes)"},
		{"Ethernet frame of 10 bytes", func() error { var p Packet; return p.DecodeFrame(LinkEthernet, make([]byte, 10)) }, ErrTruncated, "need 14 bytes"},
		{"Ethernet frame carrying ARP", func() error {
			f := make([]byte, 42)
			f[ethTypeOffset], f[ethTypeOffset+1] = 0x08, 0x06
			var p Packet
			return p.DecodeFrame(LinkEthernet, f)
		}, ErrNotIP, "ARP"},
		{"unknown link type", func() error { var p Packet; return p.DecodeFrame(LinkType(147), ipv4SYN) }, ErrLinkType, "link type 147 is not a link type this decoder reads"},
	}
	require.GreaterOrEqual(t, len(tests), 20, "the issue asks for at least 20 malformed inputs")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			require.NotPanics(t, func() { err = tt.parse() })
			require.Error(t, err)
			assert.ErrorIs(t, err, tt.want, "errors.Is(%q, %v)", err, tt.want)
			assert.Contains(t, err.Error(), tt.says, "message")
			var werr *Error
			if assert.True(t, errors.As(err, &werr), "error %q is a *wire.Error", err) {
				assert.NotContains(t, werr.Detail, "%!", "message has a formatting mistake")
			}
		})
	}
}

// TestPartialDecodeKeepsFields checks that a packet failing in its TCP
// header still reports what the IP layer said, which decode prints.
func TestPartialDecodeKeepsFields(t *testing.T) {
	b := mustHex(t, ipv4SYNHex)
	b[IPv4MinHeaderLen+tcpDataOffset] = 0x30 // data offset 3
	var p Packet
	err := p.DecodeIP(b)
	require.ErrorIs(t, err, ErrDataOffset)
	assert.Equal(t, 4, p.IPVersion, "IPVersion after a TCP error")
	assert.Equal(t, "10.200.0.1", p.Src().String(), "Src after a TCP error")
	assert.Equal(t, uint8(ProtocolTCP), p.Protocol, "Protocol after a TCP error")

	// A frame cut short by the capture's snap length: the IP header is whole
	// but its total length is beyond what was captured.
	err = p.DecodeIP(mustHex(t, ipv4SYNHex)[:34])
	require.ErrorIs(t, err, ErrLength)
	assert.Equal(t, 4, p.IPVersion, "IPVersion after an IP length error")
	assert.Equal(t, "10.200.0.2", p.Dst().String(), "Dst after an IP length error")
	assert.Nil(t, p.Segment, "no segment when the IP layer failed")
}

func TestMarshalRejectsBadStructs(t *testing.T) {
	tests := []struct {
		name string
		h    TCPHeader
		says string
	}{
		{"data offset 4", TCPHeader{DataOffset: 4}, "data offset 4 is outside 5–15 words"},
		{"data offset 16", TCPHeader{DataOffset: 16}, "outside 5–15"},
		{"options too long", TCPHeader{Options: []Option{TimestampsOption(1, 2), TimestampsOption(3, 4), TimestampsOption(5, 6), TimestampsOption(7, 8), TimestampsOption(9, 10)}}, "options take 50 bytes, but at most 40 fit"},
		{"data offset too small for options", TCPHeader{DataOffset: 5, Options: []Option{MSSOption(1460)}}, "cannot hold the 20-byte header and 4 bytes of options"},
		{"reserved too wide", TCPHeader{Reserved: 16}, "do not fit in 4 bits"},
		{"SACK with no blocks", TCPHeader{Options: []Option{{Kind: KindSACK}}}, "has 0 blocks"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.h.Marshal()
			require.Error(t, err, "Marshal(%+v)", tt.h)
			assert.ErrorIs(t, err, ErrField)
			assert.Contains(t, err.Error(), tt.says)
		})
	}
}
