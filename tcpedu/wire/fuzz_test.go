package wire

import (
	"bytes"
	"encoding/hex"
	"testing"
)

// Every parser is fuzzed for two properties: it never panics, and whatever
// it accepts it writes back unchanged (marshal∘parse is the identity). The
// seed corpus is every real packet in testdata/linux plus the malformed
// cases of TestMalformedHeaders, and runs under plain `go test`.

// seedPackets adds the IP packets of every sidecar to f.
func seedPackets(f *testing.F, add func(ip []byte)) {
	for _, sc := range loadSidecars(f) {
		for _, p := range sc.Packets {
			if b, err := hex.DecodeString(p.IPHex); err == nil {
				add(b)
			}
		}
	}
}

func FuzzTCPHeader(f *testing.F) {
	seedPackets(f, func(ip []byte) {
		var p Packet
		if p.DecodeIP(ip) == nil && p.Protocol == ProtocolTCP {
			f.Add([]byte(p.Segment))
		}
	})
	f.Add(tcpWith(6, 30, 0, 0, 0))
	f.Add(tcpWith(6, 0, 0, 7, 0))
	f.Add(tcpWith(9, 5, 14, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))
	f.Fuzz(func(t *testing.T, b []byte) {
		var h TCPHeader
		if err := h.Parse(b); err != nil {
			return
		}
		got, err := h.Marshal()
		if err != nil {
			t.Fatalf("Marshal after a successful Parse of %x: %v", b, err)
		}
		if want := b[:TCP(b).HeaderLen()]; !bytes.Equal(got, want) {
			t.Fatalf("Marshal(Parse(b)) = %x, want %x", got, want)
		}
	})
}

func FuzzUDPHeader(f *testing.F) {
	f.Add([]byte{0x97, 0xfa, 0x13, 0x8a, 0x00, 0x08, 0x3e, 0xc7})
	f.Add([]byte{0, 1, 0, 2, 0, 7, 0, 0})
	f.Fuzz(func(t *testing.T, b []byte) {
		var h UDPHeader
		if err := h.Parse(b); err != nil {
			return
		}
		if got := h.AppendTo(nil); !bytes.Equal(got, b[:UDPHeaderLen]) {
			t.Fatalf("AppendTo(Parse(b)) = %x, want %x", got, b[:UDPHeaderLen])
		}
	})
}

func FuzzDecodeIP(f *testing.F) {
	seedPackets(f, func(ip []byte) { f.Add(ip) })
	f.Add([]byte{0x60})
	f.Add([]byte{0x45, 0, 0, 20})
	f.Fuzz(func(t *testing.T, b []byte) {
		var p Packet
		if err := p.DecodeIP(b); err != nil {
			return
		}
		switch p.IPVersion {
		case 4:
			hdr, err := p.IPv4.AppendTo(nil)
			if err != nil || !bytes.Equal(hdr, p.IPHeader) {
				t.Fatalf("IPv4 AppendTo(Parse(b)) = %x, %v; want %x", hdr, err, p.IPHeader)
			}
		case 6:
			hdr, err := p.IPv6.AppendTo(nil)
			if err != nil || !bytes.Equal(hdr, p.IPHeader) {
				t.Fatalf("IPv6 AppendTo(Parse(b)) = %x, %v; want %x", hdr, err, p.IPHeader)
			}
		default:
			t.Fatalf("DecodeIP succeeded with IPVersion %d", p.IPVersion)
		}
		_ = p.ChecksumValid()
		_ = p.Payload()
	})
}

func FuzzDecodeFrame(f *testing.F) {
	links := []LinkType{LinkNull, LinkEthernet, LinkRaw, LinkLinuxSLL, LinkIPv4, LinkIPv6, LinkLinuxSLL2}
	seedPackets(f, func(ip []byte) {
		eth := append([]byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 0x08, 0x00}, ip...)
		f.Add(uint8(1), eth)
	})
	f.Add(uint8(0), []byte{2, 0, 0, 0, 0x45})
	f.Add(uint8(1), []byte{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x81, 0x00, 0, 1, 0x08, 0x00})
	f.Fuzz(func(t *testing.T, which uint8, frame []byte) {
		var p Packet
		_ = p.DecodeFrame(links[int(which)%len(links)], frame)
	})
}
