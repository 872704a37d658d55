package bench

import (
	"encoding/binary"
	"encoding/hex"
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	gvchecksum "gvisor.dev/gvisor/pkg/tcpip/checksum"

	"github.com/tcpedu/tcpedu/tcpedu/checksum"
	"github.com/tcpedu/tcpedu/tcpedu/wire"
)

// synHex is the TCP header of a SYN sent by Linux: MSS 1460,
// SACK-permitted, timestamps, NOP, window scale 10 (40 bytes, 5 options).
const synHex = "eb1013892c98bd4c00000000a002faf0eb8a0000020405b40402080a7fdae395000000000103030a"

// dataHex is the TCP header of a Linux data segment: NOP, NOP, timestamps
// (32 bytes, 3 options), the common case on an established connection.
const dataHex = "eb1013892c98c89dd8baf33f8018003f60c100000101080a7fdae3964174b426"

// dataPayloadLen is the payload that follows dataHex in the parsed buffer,
// a full segment's worth for a 1460-byte MSS less the 12 bytes of the
// timestamps option. Neither parser reads it; it is there so that the
// buffer looks like a real segment and not just a header.
const dataPayloadLen = 1448

// header is one input of the parse benchmarks.
type header struct {
	name   string // the hdr= key in the benchmark name
	hdrLen int    // bytes of TCP header, the figure passed to b.SetBytes
	buf    []byte // the bytes parsed: the header, perhaps followed by payload
}

// testHeaders returns the three headers that the parse benchmarks and
// TestParsersAgree use.
func testHeaders(tb testing.TB) []header {
	tb.Helper()
	syn := mustHex(tb, synHex)

	data := mustHex(tb, dataHex)
	dataLen := len(data)
	payload := randomBytes(rand.New(rand.NewPCG(9293, 1)), dataPayloadLen)
	data = append(data, payload...)

	// A header with SACK blocks, as a receiver sends after a loss: NOP,
	// NOP, timestamps, NOP, NOP, SACK with three blocks (60 bytes, the
	// largest header there is, 6 options). It is the same header as
	// tcpedu/wire's BenchmarkTCPHeaderSACK, with realistic numbers.
	sackHdr := wire.TCPHeader{
		SrcPort: 5001, DstPort: 60176,
		Seq: 0xd8baf33f, Ack: 0x2c98e5f1,
		DataOffset: 15, Flags: wire.ACK, Window: 501,
		Options: []wire.Option{
			wire.NOPOption(), wire.NOPOption(), wire.TimestampsOption(0x4174b430, 0x7fdae39a),
			wire.NOPOption(), wire.NOPOption(), wire.SACKOption(
				wire.SACKBlock{Left: 0x2c98f6c9, Right: 0x2c990229},
				wire.SACKBlock{Left: 0x2c98eb99, Right: 0x2c98f141},
				wire.SACKBlock{Left: 0x2c98fc71, Right: 0x2c98fcd1},
			),
		},
	}
	sack, err := sackHdr.Marshal()
	if err != nil {
		tb.Fatalf("marshalling the SACK header: %v", err)
	}

	return []header{
		{"syn", len(syn), syn},
		{"data", dataLen, data},
		{"sack", len(sack), sack},
	}
}

// BenchmarkParse decodes each header, options included, into a struct that
// is reused from one iteration to the next, as a packet loop would. Both
// parsers then run allocation-free (gopacket allocates its options slice
// once, on the first header with more than four options, and reuses it).
//
// The two do not do exactly the same work on options: tcpedu decodes each
// option's value into typed fields (MSS, shift, TSval/TSecr, SACK blocks)
// and checks each length against its RFC, while gopacket stores each
// option's kind and length and slices its value bytes, decoding values
// only for MPTCP. gopacket also records the payload slice, which tcpedu
// leaves to the caller. TestParsersAgree checks that the fields both
// produce are equal.
func BenchmarkParse(b *testing.B) {
	for _, hh := range testHeaders(b) {
		// The implementations alternate within each header, so that a
		// burst of noise on a shared machine hits both, not just one.
		b.Run("impl=tcpedu/hdr="+hh.name, func(b *testing.B) {
			var h wire.TCPHeader
			b.ReportAllocs()
			b.SetBytes(int64(hh.hdrLen))
			for b.Loop() {
				if err := h.Parse(hh.buf); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("impl=gopacket/hdr="+hh.name, func(b *testing.B) {
			var t layers.TCP
			b.ReportAllocs()
			b.SetBytes(int64(hh.hdrLen))
			for b.Loop() {
				if err := t.DecodeFromBytes(hh.buf, gopacket.NilDecodeFeedback); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// checksumSizes are the buffer sizes of BenchmarkChecksum: a TCP/IP header
// without options, an Ethernet-sized packet, and the largest IP packet.
var checksumSizes = []int{40, 1500, 64 << 10}

// checksumData returns the pseudo-random bytes that BenchmarkChecksum and
// TestChecksumsAgree sum: always the same bytes, from a fixed seed.
func checksumData() []byte {
	return randomBytes(rand.New(rand.NewPCG(1071, 9)), 64<<10)
}

// BenchmarkChecksum computes the folded, uncomplemented one's-complement
// sum of the same bytes with each implementation. Both buffers start at
// the same (8-byte aligned) address.
func BenchmarkChecksum(b *testing.B) {
	data := checksumData()
	for _, size := range checksumSizes {
		buf := data[:size]
		sizeKey := "/size=" + strconv.Itoa(size)
		b.Run("impl=tcpedu"+sizeKey, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(size))
			var sink uint16
			for b.Loop() {
				sink += checksum.Sum(buf)
			}
			_ = sink
		})
		b.Run("impl=gvisor"+sizeKey, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(size))
			var sink uint16
			for b.Loop() {
				sink += gvchecksum.Checksum(buf, 0)
			}
			_ = sink
		})
	}
}

// TestParsersAgree checks that tcpedu and gopacket decode each benchmark
// header to the same fields and the same options, so that BenchmarkParse
// times the same decoding.
func TestParsersAgree(t *testing.T) {
	for _, hh := range testHeaders(t) {
		t.Run(hh.name, func(t *testing.T) {
			var h wire.TCPHeader
			if err := h.Parse(hh.buf); err != nil {
				t.Fatalf("tcpedu: Parse: %v", err)
			}
			var g layers.TCP
			if err := g.DecodeFromBytes(hh.buf, gopacket.NilDecodeFeedback); err != nil {
				t.Fatalf("gopacket: DecodeFromBytes: %v", err)
			}

			same := func(field string, tcpedu, gopacket any) {
				t.Helper()
				if tcpedu != gopacket {
					t.Errorf("%s: tcpedu has %v, gopacket has %v", field, tcpedu, gopacket)
				}
			}
			same("source port", h.SrcPort, uint16(g.SrcPort))
			same("destination port", h.DstPort, uint16(g.DstPort))
			same("sequence number", uint32(h.Seq), g.Seq)
			same("acknowledgment number", uint32(h.Ack), g.Ack)
			same("data offset", h.DataOffset, g.DataOffset)
			same("flags", h.Flags, gopacketFlags(&g))
			same("NS (lowest reserved bit)", h.Reserved&1 != 0, g.NS)
			same("window", h.Window, g.Window)
			same("checksum", h.Checksum, g.Checksum)
			same("urgent pointer", h.Urgent, g.Urgent)
			same("header length", int(h.DataOffset)*4, len(g.Contents))
			same("header length given to SetBytes", hh.hdrLen, len(g.Contents))
			same("payload length", len(hh.buf)-hh.hdrLen, len(g.Payload))

			if len(h.Options) != len(g.Options) {
				t.Fatalf("options: tcpedu has %d %v, gopacket has %d %v", len(h.Options), h.Options, len(g.Options), g.Options)
			}
			for i := range h.Options {
				o, p := &h.Options[i], &g.Options[i]
				same("option "+strconv.Itoa(i)+" kind", uint8(o.Kind), uint8(p.OptionType))
				same("option "+strconv.Itoa(i)+" length", o.Len(), int(p.OptionLength))
				same("option "+strconv.Itoa(i)+" value", hex.EncodeToString(optionValue(o)), hex.EncodeToString(p.OptionData))
			}
			if len(h.Options) == 0 {
				t.Errorf("no options decoded; every benchmark header has some")
			}
			t.Logf("%d-byte header, %d options, seq %d, ack %d, flags %v", hh.hdrLen, len(h.Options), g.Seq, g.Ack, h.Flags)
		})
	}
}

// TestParsersAllocateNothing checks the claim of BenchmarkParse that both
// parsers, with their struct reused, allocate nothing per header.
func TestParsersAllocateNothing(t *testing.T) {
	for _, hh := range testHeaders(t) {
		var h wire.TCPHeader
		if n := testing.AllocsPerRun(100, func() { _ = h.Parse(hh.buf) }); n != 0 {
			t.Errorf("%s: tcpedu Parse allocates %v times per header", hh.name, n)
		}
		var g layers.TCP
		if n := testing.AllocsPerRun(100, func() { _ = g.DecodeFromBytes(hh.buf, gopacket.NilDecodeFeedback) }); n != 0 {
			t.Errorf("%s: gopacket DecodeFromBytes allocates %v times per header", hh.name, n)
		}
	}
}

// TestChecksumsAgree checks that tcpedu's Sum and gVisor's Checksum with
// an initial value of 0 return the same number: both the folded one's-
// complement sum, neither complemented. It tries the benchmark's exact
// buffers, and then every length up to 300 bytes at every alignment up to
// 8, to cover both implementations' head and tail handling. It fails at
// the first difference: if they disagree, BenchmarkChecksum is not
// comparing the same computation.
func TestChecksumsAgree(t *testing.T) {
	data := checksumData()
	for _, size := range checksumSizes {
		buf := data[:size]
		ours, theirs, ref := checksum.Sum(buf), gvchecksum.Checksum(buf, 0), checksum.ReferenceSum(buf)
		if ours != theirs || ours != ref {
			t.Fatalf("size %d: tcpedu Sum = %#04x, gVisor Checksum(b, 0) = %#04x, tcpedu ReferenceSum = %#04x: "+
				"the checksum benchmarks do not compare the same computation", size, ours, theirs, ref)
		}
		t.Logf("size %d: both sum to %#04x", size, ours)
	}

	for offset := range 8 {
		for n := 0; n <= 300; n++ {
			buf := data[offset : offset+n]
			ours, theirs := checksum.Sum(buf), gvchecksum.Checksum(buf, 0)
			if ours != theirs {
				t.Fatalf("%d bytes at offset %d: tcpedu Sum = %#04x, gVisor Checksum(b, 0) = %#04x: "+
					"the checksum benchmarks do not compare the same computation", n, offset, ours, theirs)
			}
		}
	}

	// Inputs where a fold can go wrong: all zeros, all ones, and sums that
	// land exactly on 0xffff.
	for _, buf := range [][]byte{
		make([]byte, 1500),
		bytesOf(0xff, 1500),
		{0xff, 0xff},
		{0xff, 0xfe, 0x00, 0x01},
		{0x80, 0x00, 0x80, 0x00},
	} {
		if ours, theirs := checksum.Sum(buf), gvchecksum.Checksum(buf, 0); ours != theirs {
			t.Fatalf("% x...: tcpedu Sum = %#04x, gVisor Checksum(b, 0) = %#04x", buf[:min(len(buf), 8)], ours, theirs)
		}
	}
}

// gopacketFlags packs gopacket's flag booleans into tcpedu's flags byte.
func gopacketFlags(g *layers.TCP) wire.Flags {
	var f wire.Flags
	for _, bit := range []struct {
		set  bool
		flag wire.Flags
	}{
		{g.FIN, wire.FIN}, {g.SYN, wire.SYN}, {g.RST, wire.RST}, {g.PSH, wire.PSH},
		{g.ACK, wire.ACK}, {g.URG, wire.URG}, {g.ECE, wire.ECE}, {g.CWR, wire.CWR},
	} {
		if bit.set {
			f |= bit.flag
		}
	}
	return f
}

// optionValue returns the value bytes of o as they are on the wire (the
// bytes after kind and length), rebuilt from tcpedu's typed fields, to
// compare with gopacket's raw OptionData. EOL and NOP have none.
func optionValue(o *wire.Option) []byte {
	var v []byte
	switch o.Kind {
	case wire.KindEOL, wire.KindNOP, wire.KindSACKPermitted:
	case wire.KindMSS:
		v = binary.BigEndian.AppendUint16(v, o.MSS)
	case wire.KindWindowScale:
		v = append(v, o.Shift)
	case wire.KindTimestamps:
		v = binary.BigEndian.AppendUint32(v, o.TSVal)
		v = binary.BigEndian.AppendUint32(v, o.TSEcr)
	case wire.KindSACK:
		for _, blk := range o.SACKBlocks() {
			v = binary.BigEndian.AppendUint32(v, uint32(blk.Left))
			v = binary.BigEndian.AppendUint32(v, uint32(blk.Right))
		}
	default:
		v = o.Data
	}
	return v
}

func mustHex(tb testing.TB, s string) []byte {
	tb.Helper()
	b, err := hex.DecodeString(s)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// randomBytes returns n bytes from rng.
func randomBytes(rng *rand.Rand, n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(rng.Uint32())
	}
	return b
}

func bytesOf(c byte, n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = c
	}
	return b
}
