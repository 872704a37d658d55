package checksum_test

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/tcpedu/tcpedu/tcpedu/checksum"
)

func TestSumByHand(t *testing.T) {
	for _, tc := range sumCases {
		t.Run(tc.name, func(t *testing.T) {
			got := checksum.Sum(tc.data)
			assert.Equalf(t, tc.want, got, "Sum(% x) = %#04x, want %#04x", tc.data, got, tc.want)
		})
	}
}

// TestSumMatchesReference compares Sum with ReferenceSum on every length
// from 0 to 2048 bytes, starting at several offsets into a buffer so that
// the data is not always 8-byte aligned in memory, and on a few patterns.
func TestSumMatchesReference(t *testing.T) {
	const maxLen = 2048
	offsets := []int{0, 1, 2, 3, 5, 7} // where in the buffer the data starts

	rng := rand.New(rand.NewPCG(1071, 4))
	patterns := []struct {
		name string
		buf  []byte
	}{
		{"random", randomBytes(rng, maxLen+8)},
		{"all 0xff (every addition carries)", filled(maxLen+8, 0xff)},
		{"all 0x00", filled(maxLen+8, 0x00)},
		{"0xff then 0x00 (-0 words)", alternating(maxLen+8, 0xff, 0x00)},
	}
	for _, p := range patterns {
		t.Run(p.name, func(t *testing.T) {
			for _, off := range offsets {
				for n := 0; n <= maxLen; n++ {
					data := p.buf[off : off+n]
					want := checksum.ReferenceSum(data)
					got := checksum.Sum(data)
					if !assert.Equalf(t, want, got, "Sum(%d bytes at offset %d) = %#04x, want ReferenceSum = %#04x",
						n, off, got, want) {
						return
					}
				}
			}
		})
	}
}

// TestSumMatchesReferenceLarge compares Sum with ReferenceSum on buffers of
// the largest IP packet size, 64 KiB, and just around it.
func TestSumMatchesReferenceLarge(t *testing.T) {
	rng := rand.New(rand.NewPCG(1071, 5))
	const size = 128<<10 + 2
	random := randomBytes(rng, size)
	ones := filled(size, 0xff)
	for _, n := range []int{64<<10 - 1, 64 << 10, 64<<10 + 1, 128<<10 + 1} {
		for _, data := range [][]byte{random[:n], ones[:n], random[1 : n+1]} {
			want := checksum.ReferenceSum(data)
			got := checksum.Sum(data)
			assert.Equalf(t, want, got, "Sum(%d bytes) = %#04x, want ReferenceSum = %#04x", len(data), got, want)
		}
	}
}

// TestSumDoesNotAllocate checks the promise in Sum's documentation.
func TestSumDoesNotAllocate(t *testing.T) {
	data := filled(1500, 0xa5)
	allocs := testing.AllocsPerRun(100, func() { checksum.Sum(data) })
	assert.Zerof(t, allocs, "Sum(1500 bytes) allocates %v times per call, want 0", allocs)
}

// FuzzSumMatchesReference looks for an input on which Sum and ReferenceSum
// disagree. Under plain `go test` it runs only the seeds below; to search,
// run
//
//	go test -run=^$ -fuzz=FuzzSumMatchesReference ./tcpedu/checksum/
func FuzzSumMatchesReference(f *testing.F) {
	f.Add([]byte{})
	f.Add(rfc1071Example)
	f.Add([]byte{0xab})
	f.Add(filled(7, 0xff))
	f.Add(filled(63, 0xff))
	f.Add(filled(64, 0xff))
	f.Add(filled(65, 0xff))
	f.Add(alternating(130, 0xff, 0x00))
	f.Add(randomBytes(rand.New(rand.NewPCG(1071, 6)), 100))
	f.Fuzz(func(t *testing.T, data []byte) {
		want := checksum.ReferenceSum(data)
		got := checksum.Sum(data)
		assert.Equalf(t, want, got, "Sum(% x) = %#04x, want ReferenceSum = %#04x", data, got, want)
	})
}

// filled returns n bytes of value v.
func filled(n int, v byte) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = v
	}
	return b
}

// alternating returns n bytes: even, odd, even, odd, ...
func alternating(n int, even, odd byte) []byte {
	b := make([]byte, n)
	for i := range b {
		if i%2 == 0 {
			b[i] = even
		} else {
			b[i] = odd
		}
	}
	return b
}
