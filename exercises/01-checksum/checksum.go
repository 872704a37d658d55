// Exercise 01: the Internet checksum (RFC 1071).
//
// Every IPv4 header, TCP segment and UDP datagram carries a 16-bit
// checksum computed the same way. Write the three functions below.
//
// The contract:
//
//   - Sum reads b as a sequence of 16-bit big-endian words (the first byte
//     of each pair is the high byte) and returns their ones' complement
//     sum: add them up, and whenever the total carries out of bit 15, add
//     the carry back in at the bottom (the end-around carry). If len(b) is
//     odd, the last byte is the high byte of a final word whose low byte
//     is zero. An empty b sums to 0. Sum must not change b.
//   - Checksum returns what goes in a checksum field: the ones' complement
//     (every bit flipped) of Sum(b).
//   - Add returns the ones' complement sum of two words: what Sum does to
//     each new word, alone.
//
// Worked example (RFC 1071 §3): the bytes 00 01 f2 03 f4 f5 f6 f7 are the
// words 0x0001, 0xf203, 0xf4f5, 0xf6f7; they add up to 0x2ddf0; adding the
// carry 0x2 back in gives Sum = 0xddf2, and Checksum = 0x220d.
//
// Run the tests with: go test ./exercises/01-checksum
// Grade everything with: go run ./cmd/tcpedu grade
package checksum

// Sum returns the ones' complement sum of b's 16-bit big-endian words.
func Sum(b []byte) uint16 {
	// Your code here.
	return 0
}

// Checksum returns the value for a checksum field covering b: ^Sum(b).
func Checksum(b []byte) uint16 {
	// Your code here.
	return 0
}

// Add returns the ones' complement sum of a and b.
func Add(a, b uint16) uint16 {
	// Your code here.
	return 0
}
