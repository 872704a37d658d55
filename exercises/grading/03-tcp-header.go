package grading

import (
	"bytes"
	"errors"
	"fmt"
	"math/bits"
	"math/rand/v2"
	"testing"

	"github.com/tcpedu/tcpedu/tcpedu/seq"
	"github.com/tcpedu/tcpedu/tcpedu/wire"
)

// TCPHeaderImpl is exercise 03's code under test: the fixed TCP header,
// parsed into and written from the model's wire.TCPHeader.
type TCPHeaderImpl struct {
	ParseHeader  func(b []byte) (h wire.TCPHeader, options, payload []byte, err error)
	AppendHeader func(b []byte, h *wire.TCPHeader, options []byte) ([]byte, error)
	FlagString   func(f wire.Flags) string // tcpdump's "[S.]"
}

// TCPHeader grades exercise 03 with impl.
func TCPHeader(t *testing.T, impl TCPHeaderImpl) { Run(t, "03-tcp-header", tcphdrChecks(impl)) }

func init() {
	register(Exercise{ID: "03-tcp-header", Title: "The TCP header: parse and write it", File: "header.go",
		Checks: tcphdrChecks(TCPHeaderImpl{})})
}

// tcphdrModel parses seg's fixed header with the model, options left out.
// seg must hold at least 20 bytes.
func tcphdrModel(seg []byte) wire.TCPHeader {
	t := wire.TCP(seg)
	return wire.TCPHeader{
		SrcPort: t.SrcPort(), DstPort: t.DstPort(), Seq: t.Seq(), Ack: t.Ack(),
		DataOffset: t.DataOffset(), Reserved: t.Reserved(), Flags: t.Flags(),
		Window: t.Window(), Checksum: t.Checksum(), Urgent: t.Urgent(),
	}
}

// tcphdrDiff compares the fixed fields of two headers and returns the first
// that differs, its two values and the misconception it suggests ("" if
// none is recognised), or differ = false.
func tcphdrDiff(got, want wire.TCPHeader) (name string, g, w uint64, hint string, differ bool) {
	const byteOrder = "fields on the wire are big-endian (network byte order): read them with encoding/binary's BigEndian"
	type field struct {
		name    string
		g, w    uint64
		swapped bool
	}
	fields := []field{
		{"SrcPort", uint64(got.SrcPort), uint64(want.SrcPort), got.SrcPort == bits.ReverseBytes16(want.SrcPort)},
		{"DstPort", uint64(got.DstPort), uint64(want.DstPort), got.DstPort == bits.ReverseBytes16(want.DstPort)},
		{"Seq", uint64(got.Seq), uint64(want.Seq), uint32(got.Seq) == bits.ReverseBytes32(uint32(want.Seq))},
		{"Ack", uint64(got.Ack), uint64(want.Ack), uint32(got.Ack) == bits.ReverseBytes32(uint32(want.Ack))},
		{"DataOffset", uint64(got.DataOffset), uint64(want.DataOffset), false},
		{"Reserved", uint64(got.Reserved), uint64(want.Reserved), false},
		{"Flags", uint64(got.Flags), uint64(want.Flags), false},
		{"Window", uint64(got.Window), uint64(want.Window), got.Window == bits.ReverseBytes16(want.Window)},
		{"Checksum", uint64(got.Checksum), uint64(want.Checksum), got.Checksum == bits.ReverseBytes16(want.Checksum)},
		{"Urgent", uint64(got.Urgent), uint64(want.Urgent), got.Urgent == bits.ReverseBytes16(want.Urgent)},
	}
	for _, f := range fields {
		if f.g == f.w {
			continue
		}
		switch {
		case f.swapped:
			hint = byteOrder
		case f.name == "SrcPort" && got.SrcPort == want.DstPort:
			hint = "the source port comes first (bytes 0–1), then the destination port (bytes 2–3)"
		case f.name == "DataOffset" && f.g == f.w*4:
			hint = "DataOffset is the header length in 32-bit words, as on the wire (5–15), not in bytes"
		case f.name == "DataOffset" && f.g == f.w<<4|uint64(want.Reserved):
			hint = "the data offset is only the high 4 bits of byte 12: shift right by 4"
		case f.name == "Reserved" && f.g == f.w|uint64(want.DataOffset)<<4:
			hint = "the reserved bits are only the low 4 bits of byte 12; the high 4 are the data offset: mask with 0x0f"
		case f.name == "Flags" && f.g == uint64(bits.Reverse8(uint8(want.Flags))):
			hint = "FIN is bit 0, the lowest bit of byte 13 (0x01), and CWR bit 7 (0x80): the diagram draws the high bit on the left"
		case f.name == "Flags" && f.g&^0xff == 0 && uint8(f.g) == uint8(want.Reserved)<<4|uint8(want.Flags)>>4:
			hint = "the flags are byte 13 exactly, not bits straddling bytes 12 and 13"
		case f.name == "Ack" && f.g == 0 && !want.Flags.Has(wire.ACK):
			hint = "read the acknowledgment number whatever the flags say: the ACK flag says whether it means anything, not whether it is on the wire"
		}
		return f.name, f.g, f.w, hint, true
	}
	return "", 0, 0, "", false
}

// tcphdrParseFailed reports that ParseHeader failed on a good header, with
// the misconception behind the error when it can be recognised.
func tcphdrParseFailed(c *C, impl TCPHeaderImpl, what string, seg []byte, err error) {
	c.Errorf("ParseHeader(%s) = %v, want no error", what, err)
	if len(seg) < wire.TCPMinHeaderLen || wire.TCP(seg).HeaderLen() != len(seg) {
		return
	}
	// The header ends exactly at the end of seg. If one more byte makes it
	// parse, the length test is off by one.
	if _, _, _, err := impl.ParseHeader(append(append([]byte(nil), seg...), 0)); err == nil {
		c.Hint("a data offset may end exactly at the end of b: that is a header with no payload (DataOffset × 4 <= len(b))")
	}
}

// tcphdrSynth returns a 20-byte header with the given data offset, byte 12's
// reserved bits and flags byte, followed by extra bytes of 0xAB (options or
// payload). Its other fields are fixed and distinct.
func tcphdrSynth(dataOffset, reserved uint8, flags wire.Flags, extra int) []byte {
	b := mustHex("c3501389" + "00a1b2c3" + "0fedcba9" + "0000" + "8000" + "1234" + "0007")
	b[12] = dataOffset<<4 | reserved
	b[13] = uint8(flags)
	return append(b, bytes.Repeat([]byte{0xab}, extra)...)
}

// tcphdrTcpdump is the oracle for FlagString: tcpdump's letters, in its order.
func tcphdrTcpdump(f wire.Flags) string {
	order := []wire.Flags{wire.FIN, wire.SYN, wire.RST, wire.PSH, wire.ACK, wire.URG, wire.ECE, wire.CWR}
	letters := "FSRP.UEW"
	s := ""
	for i, bit := range order {
		if f.Has(bit) {
			s += letters[i : i+1]
		}
	}
	if s == "" {
		s = "none"
	}
	return "[" + s + "]"
}

func tcphdrChecks(impl TCPHeaderImpl) []Check {
	return []Check{{
		Name: "parses the fixed fields of real segments",
		Hint: "these are real segments, so each is valid: find each field at its offset in RFC 9293 §3.1's diagram, read it big-endian, and check that your data offset tests accept a header of DataOffset × 4 bytes",
		Run: func(c *C) {
			bad := 0
			for _, p := range wireCaptureMust(c, pseudoTCP, wireTCPCaptures...) {
				h, _, _, err := impl.ParseHeader(p.segment)
				if err != nil {
					tcphdrParseFailed(c, impl, fmt.Sprintf("the %d bytes of %s", len(p.segment), p.where), p.segment, err)
					bad++
				} else if name, g, w, hint, differ := tcphdrDiff(h, tcphdrModel(p.segment)); differ {
					c.Errorf("ParseHeader(the %d bytes of %s): %s = %d (%#x), want %d (%#x)", len(p.segment), p.where, name, g, g, w, w)
					if hint != "" {
						c.Hint("%s", hint)
					}
					bad++
				} else if h.Options != nil {
					c.Fail("leave h.Options nil: the options come back as raw bytes, for exercise 04 to decode",
						"ParseHeader(%s) set h.Options; want it nil", p.where)
					bad++
				}
				if bad == 3 {
					return
				}
			}
		},
	}, {
		Name: "splits options and payload at the data offset",
		Hint: "the header is DataOffset × 4 bytes long: the options are bytes 20 up to there, the payload everything after",
		Run: func(c *C) {
			type sample struct {
				where string
				seg   []byte
			}
			var samples []sample
			for _, p := range wireCaptureMust(c, pseudoTCP, "tcp4_transfer.pcap", "tcp6_sack.pcap") {
				samples = append(samples, sample{p.where, p.segment})
			}
			samples = append(samples,
				sample{"a 60-byte header (data offset 15) and no payload", tcphdrSynth(15, 0, wire.ACK, 40)},
				sample{"a 20-byte header (data offset 5) and 7 bytes of payload", tcphdrSynth(5, 0, wire.ACK|wire.PSH, 7)})
			bad := 0
			for _, s := range samples {
				_, opts, payload, err := impl.ParseHeader(s.seg)
				t := wire.TCP(s.seg)
				wantOpts, wantPayload := t.Options(), t.Payload()
				if err != nil {
					tcphdrParseFailed(c, impl, s.where, s.seg, err)
				} else if !bytes.Equal(opts, wantOpts) || !bytes.Equal(payload, wantPayload) {
					c.Errorf("ParseHeader(%s, data offset %d) returned %d bytes of options and %d of payload, want %d and %d",
						s.where, t.DataOffset(), len(opts), len(payload), len(wantOpts), len(wantPayload))
					hdr := len(s.seg) - len(payload)
					switch {
					case hdr == int(t.DataOffset()) && len(payload) < len(s.seg):
						c.Hint("the data offset counts 32-bit words: the header is DataOffset × 4 bytes, not DataOffset bytes")
					case len(payload) == len(s.seg)-wire.TCPMinHeaderLen && len(wantOpts) > 0:
						c.Hint("the options are part of the header: the payload starts at DataOffset × 4, not at byte 20")
					case len(opts) == len(wantOpts)+wire.TCPMinHeaderLen:
						c.Hint("the options start at byte 20, after the fixed header")
					}
				} else {
					continue
				}
				if bad++; bad == 3 {
					return
				}
			}
		},
	}, {
		Name: "reads each flag from its own bit",
		Hint: "byte 13 is the flags: FIN 0x01, SYN 0x02, RST 0x04, PSH 0x08, ACK 0x10, URG 0x20, ECE 0x40, CWR 0x80; byte 12's low nibble is the reserved bits",
		Run: func(c *C) {
			for i := 0; i < 8; i++ {
				f := wire.Flags(1 << i)
				b := tcphdrSynth(5, 0, f, 0)
				h, _, _, err := impl.ParseHeader(b)
				if err != nil {
					tcphdrParseFailed(c, impl, hexOf(b), b, err)
					return
				}
				if h.Flags != f {
					c.Errorf("ParseHeader(a header whose byte 13 is %#02x).Flags = %#02x (%v), want %#02x (%v)", uint8(f), uint8(h.Flags), h.Flags, uint8(f), f)
					if h.Flags == wire.Flags(bits.Reverse8(uint8(f))) {
						c.Hint("FIN is bit 0, the lowest bit of byte 13 (0x01), and CWR bit 7 (0x80): the diagram draws the high bit on the left")
					}
				}
			}
			for _, tc := range []struct {
				reserved uint8
				flags    wire.Flags
			}{{0x0f, 0}, {0x05, wire.SYN | wire.ACK}, {0x01, wire.ECE | wire.CWR | wire.FIN}} {
				b := tcphdrSynth(6, tc.reserved, tc.flags, 4)
				h, _, _, err := impl.ParseHeader(b)
				if err != nil {
					tcphdrParseFailed(c, impl, hexOf(b), b, err)
					return
				}
				if h.Flags != tc.flags || h.Reserved != tc.reserved || h.DataOffset != 6 {
					c.Errorf("ParseHeader(a header whose bytes 12–13 are %02x %02x) = DataOffset %d, Reserved %#x, Flags %#02x; want 6, %#x, %#02x",
						b[12], b[13], h.DataOffset, h.Reserved, uint8(h.Flags), tc.reserved, uint8(tc.flags))
					switch {
					case h.Reserved == b[12]:
						c.Hint("the reserved bits are only the low 4 bits of byte 12; the high 4 are the data offset: mask with 0x0f")
					case h.Flags != tc.flags:
						c.Hint("the flags are byte 13 exactly: the reserved bits in byte 12 are not flags")
					}
				}
			}
		},
	}, {
		Name: "keeps the ack number apart from the ACK flag",
		Hint: "the ACK flag says whether the acknowledgment number means anything; the number is read and written as it is, and neither changes the other",
		Run: func(c *C) {
			b := tcphdrSynth(5, 0, wire.SYN, 0) // ack field 0x0fedcba9, no ACK flag
			h, _, _, err := impl.ParseHeader(b)
			if err != nil {
				tcphdrParseFailed(c, impl, hexOf(b), b, err)
				return
			}
			if h.Ack != 0x0fedcba9 {
				c.Fail("read the acknowledgment number whatever the flags say: the ACK flag gives it meaning, it does not remove it from the wire",
					"ParseHeader(a SYN whose ack field holds 0x0fedcba9).Ack = %#x, want 0x0fedcba9", uint32(h.Ack))
			}
			if h.Flags != wire.SYN {
				c.Fail("do not infer flags from the numbers: the flags are byte 13, as they are",
					"ParseHeader(a SYN whose ack field is not zero).Flags = %v, want SYN", h.Flags)
			}
			out, err := impl.AppendHeader(nil, &wire.TCPHeader{SrcPort: 1, DstPort: 2, Seq: 100, Ack: 12345, Flags: wire.SYN, Window: 1000}, nil)
			want := mustHex("00010002" + "00000064" + "00003039" + "5002" + "03e8" + "0000" + "0000")
			if err != nil || !bytes.Equal(out, want) {
				c.Errorf("AppendHeader(nil, a SYN with Ack 12345, no options) = %s, %v; want %s, nil", hexOf(out), err, hexOf(want))
				if len(out) == len(want) && out[12] != want[12] {
					c.Hint("the data offset counts 32-bit words: byte 12 is (header length / 4) << 4")
				} else if len(out) == len(want) && out[13] != want[13] {
					c.Hint("write h.Flags as they are: a non-zero Ack does not set the ACK flag")
				} else if len(out) == len(want) && !bytes.Equal(out[8:12], want[8:12]) {
					c.Hint("write h.Ack as it is, whatever the flags: what the ACK flag means is the receiver's business")
				}
			}
		},
	}, {
		Name: "returns errors for short headers and bad data offsets",
		Hint: "check len(b) >= 20 before reading, then that 5 <= data offset and DataOffset × 4 <= len(b); return an error wrapping wire.ErrTruncated or wire.ErrDataOffset, never panic",
		Run: func(c *C) {
			full := tcphdrSynth(5, 0, wire.ACK, 0)
			for n := 0; n < wire.TCPMinHeaderLen; n++ {
				var err error
				if p := wireCatch(func() { _, _, _, err = impl.ParseHeader(full[:n]) }); p != "" {
					c.Fail("a TCP header is at least 20 bytes: check len(b) before reading a field",
						"ParseHeader(%d bytes) panicked%s; want an error wrapping wire.ErrTruncated", n, p)
					break
				}
				if err == nil {
					c.Fail("a TCP header is at least 20 bytes: check the length before reading a field",
						"ParseHeader(%d bytes) returned no error, want one wrapping wire.ErrTruncated", n)
					break
				}
				if !errors.Is(err, wire.ErrTruncated) {
					c.Fail("wrap the sentinel so that callers can test for it: fmt.Errorf(\"...: %w\", wire.ErrTruncated)",
						"ParseHeader(%d bytes) = %v; want an error wrapping wire.ErrTruncated", n, err)
					break
				}
			}
			for _, tc := range []struct {
				offset uint8
				extra  int
				ok     bool
			}{
				{0, 0, false}, {1, 0, false}, {4, 8, false}, // below the minimum 5
				{6, 0, false}, {15, 39, false}, {8, 11, false}, // past the end
				{5, 0, true}, {15, 40, true}, {6, 4, true}, {7, 9, true}, // exactly to the end, or with payload
			} {
				b := tcphdrSynth(tc.offset, 0, wire.ACK, tc.extra)
				var err error
				if p := wireCatch(func() { _, _, _, err = impl.ParseHeader(b) }); p != "" {
					c.Errorf("ParseHeader(data offset %d, %d bytes) panicked%s", tc.offset, len(b), p)
					if tc.offset < wire.MinDataOffset {
						c.Hint("a data offset below 5 cannot even cover the 20-byte fixed header (RFC 9293 §3.1): check it before slicing b[20:DataOffset*4]")
					} else {
						c.Hint("a data offset may point past the end of b: check DataOffset × 4 <= len(b) before slicing")
					}
					continue
				}
				switch {
				case tc.ok && err != nil:
					tcphdrParseFailed(c, impl, fmt.Sprintf("data offset %d, %d bytes", tc.offset, len(b)), b, err)
					c.Hint("the header is DataOffset × 4 bytes: the data offset counts 32-bit words")
				case !tc.ok && err == nil:
					c.Errorf("ParseHeader(data offset %d, %d bytes) returned no error, want one wrapping wire.ErrDataOffset", tc.offset, len(b))
					if tc.offset < wire.MinDataOffset {
						c.Hint("a data offset below 5 cannot even cover the 20-byte fixed header (RFC 9293 §3.1)")
					} else {
						c.Hint("a data offset that points past the end of b would make you read options that are not there: DataOffset × 4 must be <= len(b)")
					}
				case !tc.ok && !errors.Is(err, wire.ErrDataOffset):
					c.Fail("wrap the sentinel so that callers can test for it: fmt.Errorf(\"...: %w\", wire.ErrDataOffset)",
						"ParseHeader(data offset %d, %d bytes) = %v; want an error wrapping wire.ErrDataOffset", tc.offset, len(b), err)
				}
			}
		},
	}, {
		Name: "writes real headers back byte for byte",
		Hint: "write the fields in the order and at the offsets of RFC 9293 §3.1, big-endian, then the options; append to b, keeping what it held",
		Run: func(c *C) {
			prefix := []byte{0xde, 0xad}
			bad := 0
			for _, p := range wireCaptureMust(c, pseudoTCP, wireTCPCaptures...) {
				t := wire.TCP(p.segment)
				h := tcphdrModel(p.segment)
				h.DataOffset = 0 // computed from the options
				before := h
				opts := append([]byte(nil), t.Options()...)
				out, err := impl.AppendHeader(append([]byte(nil), prefix...), &h, opts)
				want := append(append([]byte(nil), prefix...), p.segment[:t.HeaderLen()]...)
				if err == nil && bytes.Equal(out, want) && h.DataOffset == before.DataOffset {
					continue
				}
				bad++
				switch {
				case err != nil:
					c.Errorf("AppendHeader(b, the header of %s, its %d bytes of options) failed: %v", p.where, len(opts), err)
				case h.DataOffset != before.DataOffset:
					c.Fail("AppendHeader must not change *h: compute the data offset in a local variable",
						"AppendHeader changed h.DataOffset from 0 to %d", h.DataOffset)
				case len(out) >= len(prefix) && !bytes.Equal(out[:len(prefix)], prefix) || len(out) == len(want)-len(prefix):
					c.Fail("append to b and return the extended slice, keeping what b already held, as append and binary.BigEndian.AppendUint16 do",
						"AppendHeader(de ad, the header of %s) = %s, want %s", p.where, hexOf(out), hexOf(want))
				default:
					c.Errorf("AppendHeader(de ad, the header of %s) = % x, want % x", p.where, out, want)
					if len(out) != len(want) {
						break
					}
					g, w := tcphdrModel(out[len(prefix):]), tcphdrModel(want[len(prefix):])
					if name, _, _, hint, differ := tcphdrDiff(g, w); differ {
						c.Errorf("the %s field is wrong", name)
						if hint != "" {
							c.Hint("%s", hint)
						} else if name == "DataOffset" {
							c.Hint("byte 12's high nibble is the header length in 32-bit words: (20 + options, rounded up to 4) / 4")
						}
					}
				}
				if bad == 3 {
					return
				}
			}
		},
	}, {
		Name: "computes the data offset and pads with zeros",
		Hint: "with DataOffset 0 the header is 20 bytes plus the options rounded up to a multiple of 4, and the rounding is zero bytes; with DataOffset set, pad with zeros up to DataOffset × 4",
		Run: func(c *C) {
			for _, tc := range []struct {
				dataOffset uint8
				optLen     int
				wantLen    int
			}{{0, 0, 20}, {0, 3, 24}, {0, 4, 24}, {0, 7, 28}, {0, 40, 60}, {8, 3, 32}, {15, 0, 60}, {6, 4, 24}} {
				opts := bytes.Repeat([]byte{0x01}, tc.optLen) // NOPs
				h := wire.TCPHeader{SrcPort: 80, DstPort: 40000, Seq: 1, Ack: 2, DataOffset: tc.dataOffset, Flags: wire.ACK, Window: 512}
				out, err := impl.AppendHeader(nil, &h, opts)
				want := make([]byte, tc.wantLen)
				copy(want, mustHex("0050"+"9c40"+"00000001"+"00000002"+"0010"+"0200"+"0000"+"0000"))
				want[12] = uint8(tc.wantLen/4) << 4
				copy(want[20:], opts)
				if err == nil && bytes.Equal(out, want) && h.DataOffset == tc.dataOffset {
					continue
				}
				call := fmt.Sprintf("AppendHeader(nil, DataOffset %d, %d bytes of options)", tc.dataOffset, tc.optLen)
				switch {
				case err != nil:
					c.Errorf("%s failed: %v", call, err)
				case h.DataOffset != tc.dataOffset:
					c.Fail("AppendHeader must not change *h: compute the data offset in a local variable",
						"%s changed h.DataOffset to %d", call, h.DataOffset)
				case len(out) == wire.TCPMinHeaderLen+tc.optLen && len(out) != tc.wantLen:
					c.Fail("the header is a whole number of 32-bit words: pad the options with zero bytes up to a multiple of 4",
						"%s wrote %d bytes, want %d", call, len(out), tc.wantLen)
				case len(out) == tc.wantLen && (out[12] == uint8(tc.wantLen) || out[12] == uint8(tc.wantLen<<4)):
					c.Fail("the data offset counts 32-bit words: write header length / 4, not the length in bytes",
						"%s wrote byte 12 = %#02x, want %#02x", call, out[12], want[12])
				case len(out) == tc.wantLen && bytes.Equal(out[:12], want[:12]) && bytes.Contains(out[20+tc.optLen:], []byte{0x01}):
					c.Fail("pad with zero bytes (RFC 9293 §3.1: \"the padding is composed of zeros\")",
						"%s = % x, want % x", call, out, want)
				default:
					c.Errorf("%s = % x, want % x", call, out, want)
				}
			}
		},
	}, {
		Name: "refuses headers it cannot write",
		Hint: "return an error wrapping wire.ErrField when DataOffset is not 0 and outside 5–15, when the options need more than 40 bytes or more than DataOffset leaves, or when Reserved does not fit in 4 bits",
		Run: func(c *C) {
			for _, tc := range []struct {
				what       string
				dataOffset uint8
				reserved   uint8
				optLen     int
			}{
				{"DataOffset 4", 4, 0, 0},
				{"DataOffset 16", 16, 0, 0},
				{"41 bytes of options", 0, 0, 41},
				{"8 bytes of options with DataOffset 6 (4 bytes of room)", 6, 0, 8},
				{"Reserved 0x10", 0, 0x10, 0},
			} {
				h := wire.TCPHeader{DataOffset: tc.dataOffset, Reserved: tc.reserved, Flags: wire.ACK}
				out, err := impl.AppendHeader(nil, &h, make([]byte, tc.optLen))
				if err == nil {
					c.Errorf("AppendHeader(nil, %s) = %s, nil; want an error", tc.what, hexOf(out))
					switch {
					case tc.dataOffset == 16:
						c.Hint("the data offset has 4 bits: 16 does not fit, and writing it would corrupt the header")
					case tc.optLen == 41:
						c.Hint("the header is at most 60 bytes (data offset 15), so at most 40 bytes of options fit")
					case tc.reserved != 0:
						c.Hint("the reserved field has 4 bits: 0x10 would spill into the data offset")
					}
				} else if !errors.Is(err, wire.ErrField) {
					c.Fail("wrap the sentinel: fmt.Errorf(\"...: %w\", wire.ErrField)",
						"AppendHeader(nil, %s) = %v; want an error wrapping wire.ErrField", tc.what, err)
				}
			}
		},
	}, {
		Name: "round-trips random headers",
		Hint: "write with AppendHeader and read back with ParseHeader: every field, the options and the payload must come back as they were",
		Run: func(c *C) {
			r := rand.New(rand.NewPCG(9293, 31))
			for i := 0; i < 300 && !c.Failed(); i++ {
				optLen := r.IntN(41)
				words := (wire.TCPMinHeaderLen + optLen + 3) / 4
				h := wire.TCPHeader{
					SrcPort: uint16(r.Uint32()), DstPort: uint16(r.Uint32()),
					Seq: seq.Num(r.Uint32()), Ack: seq.Num(r.Uint32()),
					Reserved: uint8(r.IntN(16)), Flags: wire.Flags(r.Uint32()),
					Window: uint16(r.Uint32()), Checksum: uint16(r.Uint32()), Urgent: uint16(r.Uint32()),
				}
				if r.IntN(2) == 0 {
					h.DataOffset = uint8(words + r.IntN(wire.MaxDataOffset-words+1))
				}
				opts := make([]byte, optLen)
				for j := range opts {
					opts[j] = byte(r.Uint32())
				}
				payload := make([]byte, r.IntN(30))
				for j := range payload {
					payload[j] = byte(r.Uint32())
				}

				// The oracle: the model's byte view, field by field.
				wantLen := int(h.DataOffset) * 4
				if h.DataOffset == 0 {
					wantLen = words * 4
				}
				want := wire.TCP(make([]byte, wantLen))
				want.SetSrcPort(h.SrcPort)
				want.SetDstPort(h.DstPort)
				want.SetSeq(h.Seq)
				want.SetAck(h.Ack)
				want.SetDataOffset(uint8(wantLen / 4))
				want.SetReserved(h.Reserved)
				want.SetFlags(h.Flags)
				want.SetWindow(h.Window)
				want.SetChecksum(h.Checksum)
				want.SetUrgent(h.Urgent)
				copy(want[wire.TCPMinHeaderLen:], opts)

				out, err := impl.AppendHeader(nil, &h, opts)
				if err != nil || !bytes.Equal(out, want) {
					c.Fatalf("AppendHeader(nil, %+v, %d bytes of options) = % x, %v; want % x", h, optLen, out, err, []byte(want))
				}
				seg := append(out, payload...)
				got, gotOpts, gotPayload, err := impl.ParseHeader(seg)
				if err != nil {
					c.Fatalf("ParseHeader(% x) failed: %v", seg, err)
				}
				wantH := h
				wantH.DataOffset = uint8(wantLen / 4)
				if name, g, w, hint, differ := tcphdrDiff(got, wantH); differ {
					c.Errorf("ParseHeader(AppendHeader(%+v)): %s = %#x, want %#x", h, name, g, w)
					if hint != "" {
						c.Hint("%s", hint)
					}
				}
				if !bytes.Equal(gotOpts, want[wire.TCPMinHeaderLen:]) || !bytes.Equal(gotPayload, payload) {
					c.Errorf("ParseHeader(% x) returned options % x and payload % x, want % x and % x",
						seg, gotOpts, gotPayload, []byte(want[wire.TCPMinHeaderLen:]), payload)
				}
			}
		},
	}, {
		Name: "writes flags as tcpdump does",
		Hint: "tcpdump writes one letter per set flag, in the order F S R P . U E W (ACK is the dot), inside brackets, and [none] for no flags",
		Run: func(c *C) {
			for _, f := range []wire.Flags{
				wire.SYN, wire.SYN | wire.ACK, wire.ACK, wire.PSH | wire.ACK, wire.FIN | wire.ACK,
				wire.RST, wire.RST | wire.ACK, 0, wire.FIN | wire.PSH | wire.ACK, wire.SYN | wire.ECE | wire.CWR,
				wire.URG | wire.ACK, 0xff,
			} {
				got, want := impl.FlagString(f), tcphdrTcpdump(f)
				if got == want {
					continue
				}
				c.Errorf("FlagString(%v) = %q, want %q", f, got, want)
				switch {
				case f.Has(wire.ACK) && bytes.ContainsRune([]byte(got), 'A'):
					c.Hint("tcpdump writes ACK as a dot: a SYN-ACK is [S.], a bare ACK [.]")
				case f == 0:
					c.Hint("with no flag set tcpdump writes [none]")
				case len(got) == len(want):
					c.Hint("keep tcpdump's order, whatever the bits' order: F S R P . U E W")
				}
			}
		},
	}}
}
