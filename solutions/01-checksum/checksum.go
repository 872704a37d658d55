// Reference solution to exercise 01: the Internet checksum (RFC 1071).
// The contract is in exercises/01-checksum/checksum.go.
package checksum

// Sum returns the ones' complement sum of b's 16-bit big-endian words.
//
// The sum is kept in 32 bits, so carries out of bit 15 pile up in the
// upper half instead of being lost; they are added back in at the end
// (RFC 1071 §2(C), "deferred carries"). Each word is below 2^16, so 32
// bits hold the sum of 65,535 words before they could overflow: more than
// the largest IP packet has.
func Sum(b []byte) uint16 {
	var sum uint32
	for len(b) >= 2 {
		sum += uint32(b[0])<<8 | uint32(b[1]) // big-endian: the first byte is high
		b = b[2:]
	}
	if len(b) == 1 {
		sum += uint32(b[0]) << 8 // the odd byte, padded with a zero on the right
	}
	return fold(sum)
}

// fold adds the carries above bit 15 back into the low 16 bits until none
// are left. Once is not always enough: 0x1ffff folds to 0x10000, which
// folds to 0x0001.
func fold(sum uint32) uint16 {
	for sum > 0xffff {
		sum = sum>>16 + sum&0xffff
	}
	return uint16(sum)
}

// Checksum returns the value for a checksum field covering b: ^Sum(b).
func Checksum(b []byte) uint16 { return ^Sum(b) }

// Add returns the ones' complement sum of a and b.
func Add(a, b uint16) uint16 { return fold(uint32(a) + uint32(b)) }
