package checksum_test

import (
	"encoding/binary"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tcpedu/tcpedu/tcpedu/checksum"
)

// rfc1071Example is the data of the numerical example in RFC 1071 §3. Its
// words 0001 + f203 + f4f5 + f6f7 add up to 0x2ddf0; folding the carry
// (0x2) back in gives 0xddf2.
var rfc1071Example = []byte{0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7}

// sumCases are inputs whose sum can be worked out by hand. Sum must give
// the same answers as ReferenceSum, so the tests run both on them.
var sumCases = []struct {
	name string
	data []byte
	want uint16
}{
	{"RFC 1071 §3 example", rfc1071Example, 0xddf2},
	{"empty: the sum of no words is zero", nil, 0x0000},
	{"one word", []byte{0x12, 0x34}, 0x1234},
	{"odd final byte is padded on the right", []byte{0xab}, 0xab00},
	{"odd length: 0x1234 + 0x5600", []byte{0x12, 0x34, 0x56}, 0x6834},
	{"end-around carry: 0xffff + 0x0001 = 0x0001", []byte{0xff, 0xff, 0x00, 0x01}, 0x0001},
	{"carry, then a carry from folding", []byte{0xff, 0xff, 0xff, 0xff, 0x00, 0x01}, 0x0001},
	{"all zeros sum to zero", make([]byte, 10), 0x0000},
	{"all ones sum to 0xffff, never 0x0000", []byte{0xff, 0xff, 0xff, 0xff}, 0xffff},
	{"0x8000 + 0x8000 carries into bit 0", []byte{0x80, 0x00, 0x80, 0x00}, 0x0001},
}

func TestReferenceSumByHand(t *testing.T) {
	for _, tc := range sumCases {
		t.Run(tc.name, func(t *testing.T) {
			got := checksum.ReferenceSum(tc.data)
			assert.Equalf(t, tc.want, got, "ReferenceSum(% x) = %#04x, want %#04x", tc.data, got, tc.want)
		})
	}
}

// TestReferenceSumBeyondAccumulator checks inputs long enough to overflow a
// 32-bit accumulator that never folded: 65,537 words of 0xffff or more.
func TestReferenceSumBeyondAccumulator(t *testing.T) {
	for _, n := range []int{128 << 10, 128<<10 + 2, 1 << 20} {
		data := make([]byte, n)
		for i := range data {
			data[i] = 0xff
		}
		got := checksum.ReferenceSum(data)
		assert.Equalf(t, uint16(0xffff), got, "ReferenceSum(%d bytes of 0xff) = %#04x, want 0xffff", n, got)
	}
}

// TestReferenceSumMatchesWordByWord checks ReferenceSum, which defers its
// carries, against the plainest possible sum: Add one word at a time.
func TestReferenceSumMatchesWordByWord(t *testing.T) {
	rng := rand.New(rand.NewPCG(1071, 1))
	for n := 0; n <= 300; n++ {
		data := randomBytes(rng, n)
		var want uint16
		for i := 0; i+1 < n; i += 2 {
			want = checksum.Add(want, binary.BigEndian.Uint16(data[i:]))
		}
		if n%2 == 1 {
			want = checksum.Add(want, uint16(data[n-1])<<8)
		}
		got := checksum.ReferenceSum(data)
		if !assert.Equalf(t, want, got, "ReferenceSum(%d random bytes) = %#04x, want %#04x", n, got, want) {
			return
		}
	}
}

func TestAdd(t *testing.T) {
	tests := []struct {
		name string
		a, b uint16
		want uint16
	}{
		{"no carry", 0x1234, 0x4321, 0x5555},
		{"zero is the identity", 0xabcd, 0x0000, 0xabcd},
		{"end-around carry", 0xffff, 0x0001, 0x0001},
		{"carry from the top bit", 0x8000, 0x8000, 0x0001},
		{"0xffff (-0) is also an identity", 0xabcd, 0xffff, 0xabcd},
		{"-0 plus -0", 0xffff, 0xffff, 0xffff},
		{"a number plus its complement is all ones", 0x1234, 0xedcb, 0xffff},
		{"two zeros", 0x0000, 0x0000, 0x0000},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := checksum.Add(tc.a, tc.b)
			assert.Equalf(t, tc.want, got, "Add(%#04x, %#04x) = %#04x, want %#04x", tc.a, tc.b, got, tc.want)
			swapped := checksum.Add(tc.b, tc.a)
			assert.Equalf(t, got, swapped, "Add(%#04x, %#04x) = %#04x, but Add(%#04x, %#04x) = %#04x",
				tc.b, tc.a, swapped, tc.a, tc.b, got)
		})
	}
}

// TestAddCombinesChunks checks the rule in Add's documentation: chunks may
// be summed separately and combined, as long as every chunk but the last
// has an even length.
func TestAddCombinesChunks(t *testing.T) {
	rng := rand.New(rand.NewPCG(1071, 2))
	data := randomBytes(rng, 301)
	want := checksum.ReferenceSum(data)
	for split := 0; split <= len(data); split += 2 {
		got := checksum.Add(checksum.Sum(data[:split]), checksum.Sum(data[split:]))
		if !assert.Equalf(t, want, got, "Add(Sum(b[:%d]), Sum(b[%d:])) = %#04x, want Sum(b) = %#04x",
			split, split, got, want) {
			return
		}
	}
}

func TestOf(t *testing.T) {
	t.Run("RFC 1071 §3 example", func(t *testing.T) {
		got := checksum.Of(rfc1071Example)
		assert.Equalf(t, uint16(0x220d), got, "Of(% x) = %#04x, want ^0xddf2 = 0x220d", rfc1071Example, got)
	})

	// Appending the checksum to the data makes the whole sum 0xffff, and
	// Of over the whole 0: what a receiver checks.
	rng := rand.New(rand.NewPCG(1071, 3))
	for _, n := range []int{0, 2, 20, 40, 1500} {
		data := randomBytes(rng, n)
		field := checksum.Of(data)
		withField := binary.BigEndian.AppendUint16(data, field)
		got := checksum.Sum(withField)
		require.Equalf(t, uint16(0xffff), got, "Sum(%d bytes + their checksum %#04x) = %#04x, want 0xffff", n, field, got)
		gotOf := checksum.Of(withField)
		assert.Equalf(t, uint16(0), gotOf, "Of(%d bytes + their checksum %#04x) = %#04x, want 0", n, field, gotOf)
	}
}

// randomBytes returns n bytes from rng.
func randomBytes(rng *rand.Rand, n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(rng.Uint32())
	}
	return b
}
