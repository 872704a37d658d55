package grading

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/tcpedu/tcpedu/tcpedu/checksum"
)

// ChecksumImpl is exercise 01's code under test: the Internet checksum of
// RFC 1071.
type ChecksumImpl struct {
	Sum      func(b []byte) uint16    // the ones' complement sum of b's 16-bit words, folded to 16 bits
	Checksum func(b []byte) uint16    // the value for a checksum field: the complement of Sum
	Add      func(a, b uint16) uint16 // ones' complement addition of two 16-bit words
}

// Checksum grades exercise 01 with impl.
func Checksum(t *testing.T, impl ChecksumImpl) { Run(t, "01-checksum", ChecksumChecks(impl)) }

func init() {
	register(Exercise{ID: "01-checksum", Title: "The Internet checksum (RFC 1071)", File: "checksum.go",
		Checks: ChecksumChecks(ChecksumImpl{})})
}

// ipv4Header is the first packet of a Linux capture
// (tcpedu/wire/testdata/linux/tcp4_transfer.pcap): a SYN from 10.200.0.1 to
// 10.200.0.2, whose header checksum (bytes 10–11) is 0x75f6.
var ipv4Header = mustHex("4500003caf334000400675f60ac800010ac80002")

// ChecksumChecks returns exercise 01's checks, bound to impl.
func ChecksumChecks(impl ChecksumImpl) []Check {
	return []Check{{
		Name: "sums the RFC 1071 example",
		Hint: "read RFC 1071 §3's worked example again: add the words 0001 f203 f4f5 f6f7, then add the carry back in",
		Run: func(c *C) {
			data := mustHex("0001f203f4f5f6f7")
			got := impl.Sum(data)
			switch {
			case got == 0xddf2:
			case got == 0xddf0:
				c.Fail("a carry out of bit 15 is not thrown away: add it back into the low 16 bits (the end-around carry, RFC 1071 §1)",
					"Sum(%s) = %#04x, want 0xddf2", hexOf(data), got)
			case got == 0x220d:
				c.Fail("Sum is the plain ones' complement sum; only Checksum complements it",
					"Sum(%s) = %#04x, want 0xddf2 (its complement 0x220d is what Checksum returns)", hexOf(data), got)
			case got == 0xf2dd:
				c.Fail("words are big-endian (network byte order): the first byte is the high byte",
					"Sum(%s) = %#04x, want 0xddf2", hexOf(data), got)
			default:
				c.Errorf("Sum(%s) = %#04x, want 0xddf2", hexOf(data), got)
			}
			if got := impl.Checksum(data); got != 0x220d {
				c.Errorf("Checksum(%s) = %#04x, want 0x220d, the complement of the sum 0xddf2", hexOf(data), got)
				if got == 0xddf2 {
					c.Hint("the checksum field holds the ones' complement of the sum (RFC 1071 §1): return ^Sum(b)")
				}
			}
		},
	}, {
		Name: "adds with an end-around carry",
		Hint: "ones' complement addition: add the two words in 32 bits, then add the carry (bit 16) back into the low 16 bits",
		Run: func(c *C) {
			for _, tc := range []struct{ a, b, want uint16 }{
				{0x0001, 0x0002, 0x0003},
				{0xffff, 0x0001, 0x0001},
				{0x8000, 0x8000, 0x0001},
				{0xf203, 0xf4f5, 0xe6f9},
				{0x1234, 0x0000, 0x1234},
			} {
				if got := impl.Add(tc.a, tc.b); got != tc.want {
					c.Errorf("Add(%#04x, %#04x) = %#04x, want %#04x", tc.a, tc.b, got, tc.want)
					if got == tc.a+tc.b {
						c.Hint("%#04x + %#04x overflows 16 bits; in ones' complement the carry comes back in at the bottom", tc.a, tc.b)
					}
				}
			}
		},
	}, {
		Name: "folds until no carry is left",
		Hint: "adding the carries back in can carry again: fold in a loop, while the sum has bits above 16",
		Run: func(c *C) {
			// 0xffff + 0xffff + 0x0001 = 0x1ffff; folding once gives
			// 0xffff + 0x1 = 0x10000, which must be folded again.
			data := mustHex("ffffffff0001")
			if got := impl.Sum(data); got != 0x0001 {
				c.Errorf("Sum(%s) = %#04x, want 0x0001 (0x1ffff folds to 0x10000, which folds to 0x0001)", hexOf(data), got)
			}
			long := bytes.Repeat([]byte{0xff}, 40000)
			if got := impl.Sum(long); got != 0xffff {
				c.Errorf("Sum of 40000 bytes of 0xff = %#04x, want 0xffff", got)
				c.Hint("20000 words of 0xffff add up to more than 2^32 if you never fold: fold as you go, or use a 64-bit accumulator")
			}
		},
	}, {
		Name: "pads an odd last byte on the right",
		Hint: "with an odd length the last byte is the high byte of a last word whose low byte is zero (RFC 1071 §4.1)",
		Run: func(c *C) {
			for _, tc := range []struct {
				data string
				want uint16
			}{{"01", 0x0100}, {"0001f2", 0xf201}, {"ab", 0xab00}} {
				data := mustHex(tc.data)
				if got := impl.Sum(data); got != tc.want {
					c.Errorf("Sum(%s) = %#04x, want %#04x", tc.data, got, tc.want)
				}
			}
		},
	}, {
		Name: "sums nothing to zero",
		Hint: "an empty input sums to 0, so its checksum is 0xffff; and a slice of zeros is the same",
		Run: func(c *C) {
			if got := impl.Sum(nil); got != 0 {
				c.Errorf("Sum(nil) = %#04x, want 0", got)
			}
			if got := impl.Checksum(nil); got != 0xffff {
				c.Errorf("Checksum(nil) = %#04x, want 0xffff", got)
			}
			if got := impl.Checksum(make([]byte, 20)); got != 0xffff {
				c.Errorf("Checksum(20 zero bytes) = %#04x, want 0xffff", got)
			}
		},
	}, {
		Name: "verifies a real IPv4 header",
		Hint: "a receiver sums the whole header, checksum field included, and gets 0xffff; a sender sums it with the field set to zero",
		Run: func(c *C) {
			h := append([]byte(nil), ipv4Header...)
			if got := impl.Sum(h); got != 0xffff {
				c.Errorf("Sum(a real IPv4 header, checksum field included) = %#04x, want 0xffff", got)
			}
			h[10], h[11] = 0, 0
			if got := impl.Checksum(h); got != 0x75f6 {
				c.Errorf("Checksum(that header with its checksum field zeroed) = %#04x, want 0x75f6, what Linux sent", got)
			}
			if !bytes.Equal(h[12:], ipv4Header[12:]) || h[10] != 0 || h[11] != 0 {
				c.Fail("a checksum reads its input; it must not change it", "Checksum changed the bytes it was given")
			}
		},
	}, {
		Name: "agrees with the model on random input",
		Hint: "compare your loop with RFC 1071 §4.1 on a short input whose answer you work out by hand",
		Run: func(c *C) {
			r := rand.New(rand.NewPCG(1071, 1))
			for i := 0; i < 500 && !c.Failed(); i++ {
				b := make([]byte, r.IntN(300))
				for j := range b {
					b[j] = byte(r.Uint32())
				}
				if got, want := impl.Sum(b), checksum.ReferenceSum(b); got != want {
					c.Errorf("Sum(%d random bytes %s) = %#04x, want %#04x", len(b), hexOf(b), got, want)
				}
				if got, want := impl.Checksum(b), checksum.Of(b); got != want {
					c.Errorf("Checksum(%d random bytes %s) = %#04x, want %#04x", len(b), hexOf(b), got, want)
				}
				x, y := uint16(r.Uint32()), uint16(r.Uint32())
				if got, want := impl.Add(x, y), checksum.Add(x, y); got != want {
					c.Errorf("Add(%#04x, %#04x) = %#04x, want %#04x", x, y, got, want)
				}
			}
		},
	}}
}

// mustHex decodes a hex string written in a suite.
func mustHex(s string) []byte {
	b, err := hex.DecodeString(s)
	if err != nil {
		panic("grading: bad hex in a suite: " + s)
	}
	return b
}

// hexOf shows bytes as a failure message does: in hex, cut short when long.
func hexOf(b []byte) string {
	const most = 16
	if len(b) > most {
		return fmt.Sprintf("%x…", b[:most])
	}
	return fmt.Sprintf("%x", b)
}
