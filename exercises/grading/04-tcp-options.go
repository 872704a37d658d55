package grading

import (
	"bytes"
	"errors"
	"fmt"
	"math/bits"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/tcpedu/tcpedu/tcpedu/seq"
	"github.com/tcpedu/tcpedu/tcpedu/wire"
)

// TCPOptionsImpl is exercise 04's code under test: TCP options decoded into
// and encoded from the model's []wire.Option.
type TCPOptionsImpl struct {
	ParseOptions  func(b []byte) ([]wire.Option, error)
	AppendOptions func(b []byte, opts []wire.Option) ([]byte, error)
	ScaledWindow  func(window uint16, shift uint8) uint32 // RFC 7323 §2.2–2.3
}

// TCPOptions grades exercise 04 with impl.
func TCPOptions(t *testing.T, impl TCPOptionsImpl) { Run(t, "04-tcp-options", tcpoptChecks(impl)) }

func init() {
	register(Exercise{ID: "04-tcp-options", Title: "TCP options: MSS, window scale, timestamps, SACK", File: "options.go",
		Checks: tcpoptChecks(TCPOptionsImpl{})})
}

// tcpoptModelParse is the oracle for ParseOptions: the model's option
// decoder, reached through TCPHeader.Parse on a header built around b
// (len(b) must be a multiple of 4, at most 40).
func tcpoptModelParse(b []byte) ([]wire.Option, error) {
	hdr := make([]byte, wire.TCPMinHeaderLen, wire.TCPMinHeaderLen+len(b))
	wire.TCP(hdr).SetDataOffset(uint8((wire.TCPMinHeaderLen + len(b)) / 4))
	var h wire.TCPHeader
	err := h.Parse(append(hdr, b...))
	return h.Options, err
}

// tcpoptModelEncode is the oracle for AppendOptions: the model's encoder,
// reached through TCPHeader.Marshal, which pads with zeros.
func tcpoptModelEncode(opts []wire.Option) ([]byte, error) {
	h := wire.TCPHeader{Options: opts}
	b, err := h.Marshal()
	if err != nil {
		return nil, err
	}
	return b[wire.TCPMinHeaderLen:], nil
}

// tcpoptShow writes a list of options as tcpdump would: "<mss 1460,nop,wscale 7>".
func tcpoptShow(opts []wire.Option) string {
	s := make([]string, len(opts))
	for i, o := range opts {
		s[i] = o.String()
	}
	return "<" + strings.Join(s, ",") + ">"
}

// tcpoptSame reports whether two options are the same, comparing the fields
// that the kind gives a meaning (the table in option.go).
func tcpoptSame(got, want wire.Option) bool {
	if got.Kind != want.Kind {
		return false
	}
	switch want.Kind {
	case wire.KindEOL, wire.KindNOP, wire.KindSACKPermitted:
		return true
	case wire.KindMSS:
		return got.MSS == want.MSS
	case wire.KindWindowScale:
		return got.Shift == want.Shift
	case wire.KindTimestamps:
		return got.TSVal == want.TSVal && got.TSEcr == want.TSEcr
	case wire.KindSACK:
		if got.NumBlocks != want.NumBlocks || got.NumBlocks < 0 || got.NumBlocks > wire.MaxSACKBlocks {
			return false
		}
		return bytes.Equal(tcpoptBlockBytes(got), tcpoptBlockBytes(want))
	}
	return bytes.Equal(got.Data, want.Data)
}

// tcpoptBlockBytes returns the SACK blocks in use as bytes, for comparing.
func tcpoptBlockBytes(o wire.Option) []byte {
	var b []byte
	for _, blk := range o.SACKBlocks() {
		b = fmt.Appendf(b, "%d:%d;", uint32(blk.Left), uint32(blk.Right))
	}
	return b
}

// tcpoptMistake compares the options a learner decoded with the model's and
// returns the misconception the difference suggests, or "".
func tcpoptMistake(got, want []wire.Option) string {
	nEOL := 0
	for _, o := range got {
		if o.Kind == wire.KindEOL {
			nEOL++
		}
	}
	wantEOL := 0
	for _, o := range want {
		if o.Kind == wire.KindEOL {
			wantEOL++
		}
	}
	switch {
	case nEOL > wantEOL:
		return "EOL ends the list: put it in once, and do not read the zero padding after it as more EOLs"
	case nEOL < wantEOL:
		return "EOL is an option too: put it in the list (once) before you stop"
	case len(got) != len(want):
		return "EOL and NOP are one byte each, with no length byte; every other option's length byte counts its kind and length bytes too"
	}
	for i := range want {
		g, w := got[i], want[i]
		switch {
		case g.Kind != w.Kind:
			return "the first byte of an option is its kind; step over whole options using their length byte (which counts kind and length)"
		case w.Kind == wire.KindMSS && g.MSS == bits.ReverseBytes16(w.MSS):
			return "the MSS is a big-endian 16-bit number: 05 b4 is 1460"
		case w.Kind == wire.KindTimestamps && g.TSVal == w.TSEcr && g.TSEcr == w.TSVal:
			return "TSval comes first, then TSecr (RFC 7323 §3.2)"
		case w.Kind == wire.KindTimestamps && g.TSVal == bits.ReverseBytes32(w.TSVal):
			return "the timestamps are big-endian 32-bit numbers"
		case w.Kind == wire.KindSACK && g.NumBlocks != w.NumBlocks:
			return "a SACK option of length 2+8k carries k blocks: NumBlocks = (length − 2) / 8"
		case w.Kind == wire.KindSACK && g.NumBlocks > 0 && g.Blocks[0].Left == w.Blocks[0].Right && g.Blocks[0].Right == w.Blocks[0].Left:
			return "each SACK block is the left edge, then the right edge (RFC 2018 §3)"
		case w.Kind == wire.KindSACK && g.NumBlocks > 0 && uint32(g.Blocks[0].Left) == bits.ReverseBytes32(uint32(w.Blocks[0].Left)):
			return "SACK edges are big-endian 32-bit sequence numbers"
		case !tcpoptSame(g, w) && w.Data != nil && len(g.Data) == len(w.Data)+2:
			return "Data is the value only: the bytes after the kind and length bytes"
		}
	}
	return ""
}

// tcpoptCheckParse runs ParseOptions on b and compares with want, reporting
// the failure and its misconception. It reports whether they agreed.
func tcpoptCheckParse(c *C, impl TCPOptionsImpl, what string, b []byte, want []wire.Option) bool {
	got, err := impl.ParseOptions(b)
	if err != nil {
		c.Errorf("ParseOptions(%s: % x) failed: %v; want %s", what, b, err, tcpoptShow(want))
		// Find the kind the learner's code trips on, with a probe of its own.
		switch {
		case tcpoptHas(want, wire.KindNOP) && tcpoptProbeFails(impl, "01010101"):
			c.Hint("NOP (kind 1) is one byte, with no length byte: step over it by 1")
		case tcpoptHas(want, wire.KindEOL) && tcpoptProbeFails(impl, "00000000"):
			c.Hint("EOL (kind 0) is one byte and ends the list: stop there, the zeros after it are padding")
		case tcpoptUnknown(want) && tcpoptProbeFails(impl, "fe04abcd"):
			c.Hint("an option whose kind you do not know is not an error: RFC 9293 §3.1 has a receiver skip it using its length byte; keep its value in Data")
		}
		return false
	}
	same := len(got) == len(want)
	for i := 0; same && i < len(got); i++ {
		same = tcpoptSame(got[i], want[i])
	}
	if !same {
		c.Errorf("ParseOptions(%s: % x) = %s, want %s", what, b, tcpoptShow(got), tcpoptShow(want))
		if h := tcpoptMistake(got, want); h != "" {
			c.Hint("%s", h)
		}
	}
	return same
}

// tcpoptHas reports whether opts holds an option of the given kind.
func tcpoptHas(opts []wire.Option, kind wire.OptionKind) bool {
	for _, o := range opts {
		if o.Kind == kind {
			return true
		}
	}
	return false
}

// tcpoptProbeFails reports whether ParseOptions fails (or panics) on the
// valid options area written in hex.
func tcpoptProbeFails(impl TCPOptionsImpl, hexOpts string) bool {
	var err error
	p := wireCatch(func() { _, err = impl.ParseOptions(mustHex(hexOpts)) })
	return p != "" || err != nil
}

// tcpoptUnknown reports whether opts holds a kind the exercise does not decode.
func tcpoptUnknown(opts []wire.Option) bool {
	for _, o := range opts {
		switch o.Kind {
		case wire.KindEOL, wire.KindNOP, wire.KindMSS, wire.KindWindowScale,
			wire.KindSACKPermitted, wire.KindSACK, wire.KindTimestamps:
		default:
			return true
		}
	}
	return false
}

// tcpoptRandom returns a random list of options that fits in 40 bytes.
func tcpoptRandom(r *rand.Rand) []wire.Option {
	var opts []wire.Option
	n := 0
	for tries := 0; tries < 8; tries++ {
		var o wire.Option
		switch r.IntN(8) {
		case 0:
			o = wire.NOPOption()
		case 1:
			o = wire.MSSOption(uint16(r.Uint32()))
		case 2:
			o = wire.WindowScaleOption(uint8(r.IntN(15)))
		case 3:
			o = wire.SACKPermittedOption()
		case 4:
			o = wire.TimestampsOption(r.Uint32(), r.Uint32())
		case 5, 6:
			blocks := make([]wire.SACKBlock, 1+r.IntN(wire.MaxSACKBlocks))
			for i := range blocks {
				left := seq.Num(r.Uint32())
				blocks[i] = wire.SACKBlock{Left: left, Right: left.Add(1 + r.Uint32N(1<<20))}
			}
			o = wire.SACKOption(blocks...)
		case 7:
			data := make([]byte, r.IntN(7))
			for i := range data {
				data[i] = byte(r.Uint32())
			}
			o = wire.RawOption(wire.OptionKind(30+r.IntN(200)), data)
		}
		if n+o.Len() > 40 {
			break
		}
		n += o.Len()
		opts = append(opts, o)
	}
	if n < 40 && r.IntN(4) == 0 {
		opts = append(opts, wire.EOLOption())
	}
	return opts
}

// tcpoptLinuxSYN is the options area of the SYN that opens
// tcpedu/wire/testdata/linux/tcp4_transfer.pcap (frame 1).
var tcpoptLinuxSYN = mustHex("020405b40402080a7fdae395000000000103030a")

func tcpoptChecks(impl TCPOptionsImpl) []Check {
	return []Check{{
		Name: "decodes the options of a Linux SYN",
		Hint: "MSS (kind 2, length 4), SACK permitted (4, 2), Timestamps (8, 10), NOP (1, a single byte), Window scale (3, 3): step over each with its length byte",
		Run: func(c *C) {
			want := []wire.Option{wire.MSSOption(1460), wire.SACKPermittedOption(),
				wire.TimestampsOption(2145051541, 0), wire.NOPOption(), wire.WindowScaleOption(10)}
			tcpoptCheckParse(c, impl, "tcp4_transfer.pcap frame 1, a SYN", tcpoptLinuxSYN, want)
		},
	}, {
		Name: "decodes every option Linux sent and random ones",
		Hint: "compare your loop with the table in options.go on the first packet that fails: kind, then for all but EOL and NOP a length that counts kind and length",
		Run: func(c *C) {
			bad := 0
			for _, p := range wireCaptureMust(c, pseudoTCP, wireTCPCaptures...) {
				b := wire.TCP(p.segment).Options()
				want, err := tcpoptModelParse(b)
				if err != nil {
					c.Fatalf("the model cannot parse %s: %v", p.where, err)
				}
				if !tcpoptCheckParse(c, impl, p.where, b, want) {
					if bad++; bad == 3 {
						return
					}
				}
			}
			r := rand.New(rand.NewPCG(7323, 2018))
			for i := 0; i < 300 && bad < 3; i++ {
				b, err := tcpoptModelEncode(tcpoptRandom(r))
				if err != nil {
					c.Fatalf("the model cannot encode random options: %v", err)
				}
				want, err := tcpoptModelParse(b)
				if err != nil {
					c.Fatalf("the model cannot parse random options % x: %v", b, err)
				}
				if !tcpoptCheckParse(c, impl, "random options", b, want) {
					bad++
				}
			}
		},
	}, {
		Name: "reads EOL and NOP as single bytes",
		Hint: "EOL (0) and NOP (1) are one byte each, with no length byte; EOL goes in the list once and ends it, the zeros after it being padding",
		Run: func(c *C) {
			mss, nop, eol := wire.MSSOption(1460), wire.NOPOption(), wire.EOLOption()
			for _, tc := range []struct {
				what string
				b    string
				want []wire.Option
			}{
				{"three NOPs, then an MSS", "010101020405b4", []wire.Option{nop, nop, nop, mss}},
				{"an MSS, then EOL and padding", "020405b400000000", []wire.Option{mss, eol}},
				{"EOL and padding alone", "00000000", []wire.Option{eol}},
				{"a window scale, then EOL", "03030700", []wire.Option{wire.WindowScaleOption(7), eol}},
				{"NOP, NOP, SACK permitted", "01010402", []wire.Option{nop, nop, wire.SACKPermittedOption()}},
				{"no options", "", nil},
			} {
				tcpoptCheckParse(c, impl, tc.what, mustHex(tc.b), tc.want)
			}
		},
	}, {
		Name: "decodes SACK blocks as sequence numbers",
		Hint: "a SACK option of length 2+8k holds k blocks, each a 32-bit left edge then a 32-bit right edge, big-endian; the edges are sequence numbers and may wrap past 2^32",
		Run: func(c *C) {
			blocks := []wire.SACKBlock{
				{Left: 0xfffffc00, Right: 0x00000400}, // wraps past 2^32
				{Left: 3000, Right: 4448},
				{Left: 0x7fffffff, Right: 0x80000599},
				{Left: 1, Right: 2},
			}
			for k := 1; k <= wire.MaxSACKBlocks; k++ {
				o := wire.SACKOption(blocks[:k]...)
				b, err := tcpoptModelEncode([]wire.Option{wire.NOPOption(), wire.NOPOption(), o})
				if err != nil {
					c.Fatalf("the model cannot encode %v: %v", o, err)
				}
				want, _ := tcpoptModelParse(b)
				tcpoptCheckParse(c, impl, fmt.Sprintf("NOP, NOP, SACK with %d block(s)", k), b, want)
			}
		},
	}, {
		Name: "keeps options of other kinds as raw bytes",
		Hint: "an option whose kind you do not decode is not an error (RFC 9293 §3.1): skip it with its length byte, keeping the value bytes after kind and length in Data",
		Run: func(c *C) {
			for _, tc := range []struct {
				what string
				b    string
				want []wire.Option
			}{
				{"an MPTCP option (kind 30, length 6)", "1e06aabbccdd0000",
					[]wire.Option{wire.RawOption(30, mustHex("aabbccdd")), wire.EOLOption()}},
				{"an experimental option with no value (kind 254, length 2)", "fe02" + "01" + "01",
					[]wire.Option{wire.RawOption(254, []byte{}), wire.NOPOption(), wire.NOPOption()}},
				{"a TCP Fast Open cookie (kind 34, length 10), then an MSS", "220a0102030405060708" + "0204ffff",
					[]wire.Option{wire.RawOption(34, mustHex("0102030405060708")), wire.MSSOption(0xffff)}},
			} {
				b := mustHex(tc.b)
				tcpoptCheckParse(c, impl, tc.what, b, tc.want)
			}
		},
	}, {
		Name: "rejects bad length bytes",
		Hint: "before using an option's length: it must have a length byte, the length must be at least 2 (it counts kind and length), and the option must end inside b",
		Run: func(c *C) {
			const lengthZero = "a length byte of 0 keeps a loop that steps by the length on the same byte for ever: the length counts kind and length, so below 2 is an error (RFC 9293 §3.1)"
			for _, tc := range []struct {
				what string
				b    string
				hint string
			}{
				{"a timestamps option with length 1", "0801", "a length byte of 1 is impossible: the length counts kind and length, so below 2 is an error"},
				{"an MSS cut short", "020405", "an option must end inside b: check i+length <= len(b) before reading its value"},
				{"timestamps running past the end", "0101080a00000001", "an option must end inside b: check i+length <= len(b) before reading its value"},
				{"a SACK running past the end", "0101050a00000001", "an option must end inside b: check i+length <= len(b) before reading its value"},
				{"a kind with no room for its length", "01010102", "every option but EOL and NOP has a length byte: an MSS kind as the last byte is cut short"},
				{"an unknown kind running past the end", "fe0501", "an option must end inside b, whatever its kind"},
				// Last, because a loop that never ends is reported only
				// through the hint set before them.
				{"an MSS with length 0", "02000000", lengthZero},
				{"an unknown kind with length 0", "01fe0000", lengthZero},
			} {
				if tc.hint == lengthZero && !c.Failed() {
					// If the learner's loop never ends, the check runs out of
					// time and this is the hint it shows.
					c.Hint("%s", lengthZero)
				}
				tcpoptRefuses(c, impl, tc.what, mustHex(tc.b), tc.hint)
			}
		},
	}, {
		Name: "rejects wrong lengths for known kinds",
		Hint: "each kind in the table has the length its RFC gives it: MSS 4, window scale 3, SACK permitted 2, timestamps 10, SACK 10, 18, 26 or 34",
		Run: func(c *C) {
			fiveBlocks := "052a" + strings.Repeat("0000000100000002", 5) // 42 bytes: 5 blocks
			for _, tc := range []struct {
				what string
				b    string
				hint string
			}{
				{"an MSS with length 3", "020305", "an MSS option is always 4 bytes long (RFC 9293 §3.2)"},
				{"an MSS with length 6", "020605b40000", "an MSS option is always 4 bytes long (RFC 9293 §3.2)"},
				{"a window scale with length 4", "0304070001010101", "a window scale option is always 3 bytes long (RFC 7323 §2.2)"},
				{"SACK permitted with length 3", "04030001", "a SACK-permitted option is always 2 bytes long (RFC 2018 §2)"},
				{"timestamps with length 8", "0808000000010000", "a timestamps option is always 10 bytes long (RFC 7323 §3.2)"},
				{"a SACK with no block (length 2)", "0502", "a SACK option carries 1 to 4 blocks: its length is 10, 18, 26 or 34"},
				{"a SACK with length 9", "050900000001000000", "a SACK option's length is 2 + 8k: 9 leaves half a block"},
				{"a SACK with length 11", "050b0000000100000002ff", "a SACK option's length is 2 + 8k: 11 leaves a stray byte"},
				{"a SACK with 5 blocks (length 42)", fiveBlocks, "a SACK option carries at most 4 blocks (34 bytes): wire.Option has room for 4, and 40 bytes of options hold no more"},
			} {
				tcpoptRefuses(c, impl, tc.what, mustHex(tc.b), tc.hint)
			}
		},
	}, {
		Name: "encodes options byte for byte",
		Hint: "kind, then a length byte that counts kind and length, then the value, big-endian; EOL and NOP are one byte; then zeros up to a multiple of 4",
		Run: func(c *C) {
			type sample struct {
				what string
				opts []wire.Option
			}
			samples := []sample{
				{"an MSS and a window scale", []wire.Option{wire.MSSOption(1460), wire.WindowScaleOption(7)}},
				{"SACK permitted alone", []wire.Option{wire.SACKPermittedOption()}},
				{"a NOP alone", []wire.Option{wire.NOPOption()}},
				{"no options", nil},
				{"an unknown kind with 3 bytes of value", []wire.Option{wire.RawOption(30, []byte{1, 2, 3})}},
			}
			for _, p := range wireCaptureMust(c, pseudoTCP, "tcp4_transfer.pcap", "tcp6_sack.pcap") {
				opts, err := tcpoptModelParse(wire.TCP(p.segment).Options())
				if err != nil {
					c.Fatalf("the model cannot parse %s: %v", p.where, err)
				}
				samples = append(samples, sample{p.where, opts})
			}
			r := rand.New(rand.NewPCG(2018, 7323))
			for i := 0; i < 200; i++ {
				samples = append(samples, sample{"random options", tcpoptRandom(r)})
			}
			prefix := []byte{0xc0, 0xde}
			bad := 0
			for _, s := range samples {
				body, err := tcpoptModelEncode(s.opts)
				if err != nil {
					c.Fatalf("the model cannot encode %s: %v", tcpoptShow(s.opts), err)
				}
				want := append(append([]byte(nil), prefix...), body...)
				got, err := impl.AppendOptions(append([]byte(nil), prefix...), s.opts)
				if err == nil && bytes.Equal(got, want) {
					continue
				}
				bad++
				c.Errorf("AppendOptions(c0 de, %s: %s) = % x, %v; want % x", s.what, tcpoptShow(s.opts), got, err, want)
				raw := 0
				for _, o := range s.opts {
					raw += o.Len()
				}
				switch {
				case err != nil:
				case len(got) >= 2 && !bytes.Equal(got[:2], prefix) || len(got) == len(body):
					c.Hint("append to b and return the extended slice, keeping what b already held")
				case len(got) == len(prefix)+raw && raw%4 != 0:
					c.Hint("pad the options with zero bytes up to a multiple of 4: the header ends on a 32-bit boundary (RFC 9293 §3.1)")
				case len(got) == len(want) && bytes.Equal(got[:len(prefix)+raw], want[:len(prefix)+raw]):
					c.Hint("pad with zero bytes (RFC 9293 §3.1: \"the padding is composed of zeros\"), not NOPs")
				case len(got) == len(want) && len(s.opts) > 0 && s.opts[0].Kind > wire.KindNOP && got[3] == want[3]-2:
					c.Hint("the length byte counts the kind and length bytes too: an MSS option's length is 4, not 2")
				case len(got) > len(want):
					c.Hint("EOL and NOP are single bytes on the wire, with no length byte")
				}
				if bad == 3 {
					return
				}
			}
		},
	}, {
		Name: "refuses options that do not fit",
		Hint: "a header holds at most 40 bytes of options, and a SACK option 1 to 4 blocks: return an error wrapping wire.ErrField, never panic",
		Run: func(c *C) {
			four := []wire.SACKBlock{{Left: 1, Right: 2}, {Left: 3, Right: 4}, {Left: 5, Right: 6}, {Left: 7, Right: 8}}
			fiveBlocks := wire.SACKOption(four...)
			fiveBlocks.NumBlocks = 5
			for _, tc := range []struct {
				what string
				opts []wire.Option
				hint string
			}{
				{"4 SACK blocks and timestamps (44 bytes)", []wire.Option{wire.SACKOption(four...), wire.TimestampsOption(1, 2)},
					"a header has room for 40 bytes of options: with timestamps only 3 SACK blocks fit"},
				{"an unknown kind with 39 bytes of value (41 bytes)", []wire.Option{wire.RawOption(30, make([]byte, 39))},
					"a header has room for 40 bytes of options: add up each option's length before writing"},
				{"41 NOPs", tcpopt41NOPs(), "a header has room for 40 bytes of options, NOPs included"},
				{"a SACK option with NumBlocks 0", []wire.Option{{Kind: wire.KindSACK}}, "a SACK option carries 1 to 4 blocks: NumBlocks 0 is an error"},
				{"a SACK option with NumBlocks 5", []wire.Option{fiveBlocks}, "a SACK option carries 1 to 4 blocks: check NumBlocks before reading Blocks[:NumBlocks]"},
			} {
				var got []byte
				var err error
				if p := wireCatch(func() { got, err = impl.AppendOptions(nil, tc.opts) }); p != "" {
					c.Fail(tc.hint, "AppendOptions(nil, %s) panicked%s; want an error", tc.what, p)
					continue
				}
				switch {
				case err == nil:
					c.Fail(tc.hint, "AppendOptions(nil, %s) = % x, nil; want an error", tc.what, got)
				case !errors.Is(err, wire.ErrField):
					c.Fail("wrap the sentinel: fmt.Errorf(\"...: %w\", wire.ErrField)",
						"AppendOptions(nil, %s) = %v; want an error wrapping wire.ErrField", tc.what, err)
				}
			}
		},
	}, {
		Name: "scales the window by at most 14",
		Hint: "RFC 7323 §2.2: the window is the field shifted left by the peer's shift count, computed in 32 bits; §2.3: a shift above 14 is used as 14",
		Run: func(c *C) {
			for _, tc := range []struct {
				window uint16
				shift  uint8
				want   uint32
			}{
				{63, 10, 64512}, // tcp4_transfer.pcap: 63 with the SYN's shift 10
				{1000, 0, 1000},
				{65535, 14, 65535 << 14},
				{65535, 15, 65535 << 14},
				{1, 255, 1 << 14},
				{0, 7, 0},
			} {
				got := impl.ScaledWindow(tc.window, tc.shift)
				if got == tc.want {
					continue
				}
				c.Errorf("ScaledWindow(%d, %d) = %d, want %d", tc.window, tc.shift, got, tc.want)
				switch {
				case tc.shift > 14 && got == uint32(tc.window)<<tc.shift:
					c.Hint("RFC 7323 §2.3: a shift count above 14 is used as 14 (\"use 14 instead of the value received\"), which keeps the window below 2^30")
				case got == uint32(uint16(tc.want)):
					c.Hint("a scaled window does not fit in 16 bits: convert to uint32 before shifting")
				case got != 0 && got == uint32(tc.window)>>tc.shift:
					c.Hint("scaling multiplies: shift left, window << shift")
				}
			}
		},
	}}
}

// tcpopt41NOPs returns 41 NOP options: one byte too many for a header.
func tcpopt41NOPs() []wire.Option {
	opts := make([]wire.Option, 41)
	for i := range opts {
		opts[i] = wire.NOPOption()
	}
	return opts
}

// tcpoptRefuses checks that ParseOptions refuses b (described by what)
// with an error wrapping wire.ErrOption, neither accepting it nor
// panicking; hint names the rule b breaks.
func tcpoptRefuses(c *C, impl TCPOptionsImpl, what string, b []byte, hint string) {
	var opts []wire.Option
	var err error
	if p := wireCatch(func() { opts, err = impl.ParseOptions(b) }); p != "" {
		c.Fail(hint, "ParseOptions(%s: % x) panicked%s; want an error", what, b, p)
		return
	}
	switch {
	case err == nil:
		c.Fail(hint, "ParseOptions(%s: % x) = %s, nil; want an error", what, b, tcpoptShow(opts))
	case !errors.Is(err, wire.ErrOption):
		c.Fail("wrap the sentinel so that callers can test for it: fmt.Errorf(\"...: %w\", wire.ErrOption)",
			"ParseOptions(%s: % x) = %v; want an error wrapping wire.ErrOption", what, b, err)
	}
}
