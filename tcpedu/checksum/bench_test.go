package checksum_test

import (
	"math/rand/v2"
	"net/netip"
	"testing"

	"github.com/tcpedu/tcpedu/tcpedu/checksum"
)

// benchSizes are the buffer sizes the sum benchmarks run on, in bytes: a
// TCP/IP header without options, an Ethernet-sized packet, and the largest
// IP packet.
var benchSizes = []struct {
	name string
	size int
}{
	{"40B", 40},
	{"1500B", 1500},
	{"64KiB", 64 << 10},
}

func BenchmarkSum(b *testing.B) {
	benchmarkSum(b, checksum.Sum)
}

func BenchmarkReferenceSum(b *testing.B) {
	benchmarkSum(b, checksum.ReferenceSum)
}

func benchmarkSum(b *testing.B, sum func([]byte) uint16) {
	data := randomBytes(rand.New(rand.NewPCG(1071, 9)), 64<<10)
	for _, bs := range benchSizes {
		b.Run(bs.name, func(b *testing.B) {
			buf := data[:bs.size]
			b.SetBytes(int64(bs.size))
			b.ReportAllocs()
			for b.Loop() {
				sum(buf)
			}
		})
	}
}

func BenchmarkPseudoHeaderSum(b *testing.B) {
	headers := []struct {
		name string
		ph   checksum.PseudoHeader
	}{
		{"IPv4", checksum.PseudoHeader{
			Src: netip.MustParseAddr("10.200.0.1"), Dst: netip.MustParseAddr("10.200.0.2"),
			Protocol: checksum.ProtocolTCP, Length: 1480,
		}},
		{"IPv6", checksum.PseudoHeader{
			Src: netip.MustParseAddr("fd00::1"), Dst: netip.MustParseAddr("fd00::2"),
			Protocol: checksum.ProtocolTCP, Length: 1460,
		}},
	}
	for _, h := range headers {
		b.Run(h.name, func(b *testing.B) {
			b.SetBytes(int64(h.ph.Len()))
			b.ReportAllocs()
			for b.Loop() {
				h.ph.Sum()
			}
		})
	}
}

func BenchmarkCompute(b *testing.B) {
	ph := checksum.PseudoHeader{
		Src: netip.MustParseAddr("10.200.0.1"), Dst: netip.MustParseAddr("10.200.0.2"),
		Protocol: checksum.ProtocolTCP, Length: 1480,
	}
	segment := randomBytes(rand.New(rand.NewPCG(1071, 10)), int(ph.Length))
	b.SetBytes(int64(len(segment)))
	b.ReportAllocs()
	for b.Loop() {
		checksum.Compute(ph, segment, tcpChecksumOffset)
	}
}
