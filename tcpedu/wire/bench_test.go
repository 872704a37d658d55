package wire

import (
	"encoding/hex"
	"testing"
)

// Benchmarks for the hot paths. Parse and AppendTo must not allocate when
// the caller supplies the struct and the buffer:
//
//	go test -run '^$' -bench . -benchmem ./tcpedu/wire/

// dataSegmentHex is frame 6 of testdata/linux/tcp4_transfer.pcap: a data
// segment's TCP header with NOP, NOP, timestamps (the common case).
const dataSegmentHex = "eb1013892c98c89dd8baf33f8018003f60c100000101080a7fdae3964174b426"

func benchHeader(b *testing.B, hexHeader string) {
	raw, err := hex.DecodeString(hexHeader)
	if err != nil {
		b.Fatal(err)
	}
	var h TCPHeader
	b.Run("Parse", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(raw)))
		for b.Loop() {
			if err := h.Parse(raw); err != nil {
				b.Fatal(err)
			}
		}
	})
	out := make([]byte, 0, TCPMaxHeaderLen)
	b.Run("AppendTo", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(raw)))
		for b.Loop() {
			if _, err := h.AppendTo(out[:0]); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkTCPHeaderSYN(b *testing.B)  { benchHeader(b, tcpSYNHex) }
func BenchmarkTCPHeaderData(b *testing.B) { benchHeader(b, dataSegmentHex) }

func BenchmarkTCPHeaderSACK(b *testing.B) {
	h := TCPHeader{DataOffset: 15, Flags: ACK, Options: []Option{NOPOption(), NOPOption(), TimestampsOption(1, 2),
		NOPOption(), NOPOption(), SACKOption(SACKBlock{1, 2}, SACKBlock{3, 4}, SACKBlock{5, 6})}}
	raw, err := h.Marshal()
	if err != nil {
		b.Fatal(err)
	}
	benchHeader(b, hex.EncodeToString(raw))
}

func BenchmarkByteViewRead(b *testing.B) {
	raw, _ := hex.DecodeString(dataSegmentHex)
	t := TCP(raw)
	b.ReportAllocs()
	var sink uint32
	for b.Loop() {
		sink += uint32(t.Seq()) + uint32(t.Ack()) + uint32(t.Window()) + uint32(t.Flags())
	}
	_ = sink
}

func BenchmarkDecodeIP(b *testing.B) {
	raw, _ := hex.DecodeString(ipv4SYNHex)
	var p Packet
	b.ReportAllocs()
	b.SetBytes(int64(len(raw)))
	for b.Loop() {
		if err := p.DecodeIP(raw); err != nil {
			b.Fatal(err)
		}
	}
}
