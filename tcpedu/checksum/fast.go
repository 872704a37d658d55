package checksum

// This file holds the fast Sum. It computes exactly what ReferenceSum in
// reference.go computes; read that first. Sum is ReferenceSum rearranged
// for speed using properties of the checksum from RFC 1071 §2. The tests
// and the fuzz target FuzzSumMatchesReference check that the two agree.

import (
	"encoding/binary"
	"math/bits"
)

// wideWordLen is the number of bytes Sum adds in one step: a uint64 holds
// four 16-bit words side by side.
const wideWordLen = 8

// unrolledLen is the number of bytes one turn of Sum's main loop consumes:
// eight wide words, so that the loop's own bookkeeping (compare, branch,
// reslice, end-around carry) is paid once per 64 bytes rather than once
// per 8.
const unrolledLen = 8 * wideWordLen

// Sum returns the 16-bit one's-complement sum of b. It always returns
// exactly what ReferenceSum(b) returns; it is the version to use in
// practice, and ReferenceSum is the version to read. Sum does not allocate
// and does not modify b.
//
// Like ReferenceSum, Sum returns the folded sum, not its complement; the
// value for a checksum field is Of(b).
func Sum(b []byte) uint16 {
	// Three ideas make this faster than ReferenceSum. The first two are
	// properties of one's-complement arithmetic from RFC 1071 §2.
	//
	// 1. Parallel summation (RFC 1071 §2(C)). A uint64 holds four 16-bit
	//    words side by side, in four 16-bit lanes. Adding two uint64s adds
	//    all four pairs at once. A carry out of one lane lands in the next
	//    lane up; since the four lanes are added together at the end, that
	//    1 counts the same as an end-around carry would. The carry out of
	//    the top lane (bit 63) is added back in at bit 0. Folding the
	//    64-bit total down to 16 bits at the end gives the same
	//    one's-complement sum as adding the words one at a time.
	//
	// 2. Byte order independence (RFC 1071 §2(B)). If every 16-bit word is
	//    added with its two bytes swapped, the result is the true sum with
	//    its two bytes swapped. So we may load the data in little-endian
	//    order, which on amd64 and arm64 is a single plain load with no
	//    per-word byte shuffling, and swap the two bytes of the 16-bit
	//    result once, at the very end. (binary.LittleEndian states the
	//    order explicitly, so Sum is still correct on a big-endian CPU;
	//    there it is merely slower.)
	//
	// 3. Carry chaining. bits.Add64 returns the carry out of bit 63 as well
	//    as the sum; passing it as the carry in of the next bits.Add64
	//    means no carry is ever dropped. The compiler turns a chain of
	//    these into add-with-carry instructions (ADC on amd64), one per 8
	//    bytes, which is about as fast as scalar code can go.
	var acc uint64

	// The main loop: 64 bytes per turn. The carry out of each addition
	// is the carry into the next; the last one is added back into acc at
	// the end of the turn, so that no carry has to survive from one turn
	// to the next. That last addition cannot itself carry: an addition
	// x + y + c that carries leaves at most x + c - 1 (because y < 2^64),
	// so along a chain that starts with no carry, acc is at most 2^64 - 2
	// whenever the carry is 1.
	for len(b) >= unrolledLen {
		var carry uint64
		acc, carry = bits.Add64(acc, binary.LittleEndian.Uint64(b[0:8]), 0)
		acc, carry = bits.Add64(acc, binary.LittleEndian.Uint64(b[8:16]), carry)
		acc, carry = bits.Add64(acc, binary.LittleEndian.Uint64(b[16:24]), carry)
		acc, carry = bits.Add64(acc, binary.LittleEndian.Uint64(b[24:32]), carry)
		acc, carry = bits.Add64(acc, binary.LittleEndian.Uint64(b[32:40]), carry)
		acc, carry = bits.Add64(acc, binary.LittleEndian.Uint64(b[40:48]), carry)
		acc, carry = bits.Add64(acc, binary.LittleEndian.Uint64(b[48:56]), carry)
		acc, carry = bits.Add64(acc, binary.LittleEndian.Uint64(b[56:64]), carry)
		acc, _ = bits.Add64(acc, 0, carry) // end-around carry; cannot carry again
		b = b[unrolledLen:]
	}

	// Fewer than 64 bytes are left. Take 32, 16 and 8 of them as the
	// length allows, in the same way, without a loop.
	if len(b) >= 4*wideWordLen {
		var carry uint64
		acc, carry = bits.Add64(acc, binary.LittleEndian.Uint64(b[0:8]), 0)
		acc, carry = bits.Add64(acc, binary.LittleEndian.Uint64(b[8:16]), carry)
		acc, carry = bits.Add64(acc, binary.LittleEndian.Uint64(b[16:24]), carry)
		acc, carry = bits.Add64(acc, binary.LittleEndian.Uint64(b[24:32]), carry)
		acc, _ = bits.Add64(acc, 0, carry)
		b = b[4*wideWordLen:]
	}
	if len(b) >= 2*wideWordLen {
		var carry uint64
		acc, carry = bits.Add64(acc, binary.LittleEndian.Uint64(b[0:8]), 0)
		acc, carry = bits.Add64(acc, binary.LittleEndian.Uint64(b[8:16]), carry)
		acc, _ = bits.Add64(acc, 0, carry)
		b = b[2*wideWordLen:]
	}
	if len(b) >= wideWordLen {
		var carry uint64
		acc, carry = bits.Add64(acc, binary.LittleEndian.Uint64(b[0:8]), 0)
		acc, _ = bits.Add64(acc, 0, carry)
		b = b[wideWordLen:]
	}

	// The last 0 to 7 bytes form one final wide word, padded on the right
	// with zero bytes: RFC 1071's rule for an odd final byte, applied to a
	// wider word. In little-endian order byte i of the word sits at bit
	// 8*i, so the bytes are placed at increasing shifts.
	var last uint64
	shift := 0
	if len(b) >= 4 {
		last = uint64(binary.LittleEndian.Uint32(b))
		b = b[4:]
		shift = 32
	}
	if len(b) >= 2 {
		last |= uint64(binary.LittleEndian.Uint16(b)) << shift
		b = b[2:]
		shift += 16
	}
	if len(b) == 1 {
		last |= uint64(b[0]) << shift
	}
	var carry uint64
	acc, carry = bits.Add64(acc, last, 0)
	acc, _ = bits.Add64(acc, 0, carry)

	// Fold 64 bits to 32, and 32 to 16, adding each carry back in. (Again
	// the carry added back cannot carry: see the main loop.)
	sum32, carry32 := bits.Add32(uint32(acc), uint32(acc>>32), 0)
	sum32 += carry32
	sum := sum32&0xFFFF + sum32>>16 // at most 0x1FFFE
	sum = sum&0xFFFF + sum>>16      // at most 0xFFFF

	// Undo trick 2: the lanes were added byte-swapped, so the sum is too.
	return bits.ReverseBytes16(uint16(sum))
}
