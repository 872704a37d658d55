package checksum_test

import (
	"encoding/binary"
	"errors"
	"fmt"
	"net/netip"

	"github.com/tcpedu/tcpedu/tcpedu/checksum"
)

func ExampleReferenceSum() {
	// The numerical example of RFC 1071 §3: four 16-bit words.
	data := []byte{0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7}

	// 0x0001 + 0xf203 + 0xf4f5 + 0xf6f7 = 0x2ddf0 in ordinary arithmetic.
	// One's-complement addition folds the carry (0x2) back into the low
	// 16 bits: 0xddf0 + 0x2 = 0xddf2.
	fmt.Printf("sum = %#04x\n", checksum.ReferenceSum(data))
	// Output:
	// sum = 0xddf2
}

func ExampleSum() {
	data := []byte{0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7}

	// Sum is the fast version; it always agrees with ReferenceSum.
	fmt.Printf("Sum          = %#04x\n", checksum.Sum(data))
	fmt.Printf("ReferenceSum = %#04x\n", checksum.ReferenceSum(data))

	// An odd number of bytes: the last one is padded with a zero byte, so
	// this is 0x0001 + 0xf200.
	fmt.Printf("Sum(00 01 f2) = %#04x\n", checksum.Sum(data[:3]))
	// Output:
	// Sum          = 0xddf2
	// ReferenceSum = 0xddf2
	// Sum(00 01 f2) = 0xf201
}

func ExampleAdd() {
	// The end-around carry: the carry out of bit 15 comes back in at bit 0.
	fmt.Printf("Add(0xffff, 0x0001) = %#04x\n", checksum.Add(0xffff, 0x0001))

	// Partial sums combine with Add, as long as each chunk but the last
	// has an even length.
	data := []byte{0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7}
	first := checksum.Sum(data[:4]) // 0x0001 + 0xf203
	rest := checksum.Sum(data[4:])  // 0xf4f5 + 0xf6f7, carry folded
	fmt.Printf("Add(%#04x, %#04x) = %#04x\n", first, rest, checksum.Add(first, rest))
	fmt.Printf("Sum(all)           = %#04x\n", checksum.Sum(data))
	// Output:
	// Add(0xffff, 0x0001) = 0x0001
	// Add(0xf204, 0xebed) = 0xddf2
	// Sum(all)           = 0xddf2
}

func ExampleOf() {
	// The IPv4 header of a UDP datagram captured from a Linux kernel:
	//   IP (tos 0x0, ttl 64, id 3251, offset 0, flags [DF], proto UDP (17), length 41)
	//   10.200.0.1.38906 > 10.200.0.2.5002: UDP, length 13
	const checksumOffset = 10 // Header Checksum, bytes 10 and 11 (RFC 791 §3.1)
	header := []byte{
		0x45, 0x00, 0x00, 0x29, // version 4, IHL 5 words, TOS 0, total length 41
		0x0c, 0xb3, 0x40, 0x00, // identification 3251, flags DF, fragment offset 0
		0x40, 0x11, 0x00, 0x00, // TTL 64, protocol 17 (UDP), header checksum: zero for now
		0x0a, 0xc8, 0x00, 0x01, // source address 10.200.0.1
		0x0a, 0xc8, 0x00, 0x02, // destination address 10.200.0.2
	}

	// The sender: checksum the header with the field zero, store the result.
	sum := checksum.Of(header)
	binary.BigEndian.PutUint16(header[checksumOffset:], sum)
	fmt.Printf("header checksum = %#04x\n", sum)

	// The receiver: checksum the header as received; 0 means intact.
	fmt.Printf("Of(received header) = %#04x\n", checksum.Of(header))
	// Output:
	// header checksum = 0x187f
	// Of(received header) = 0x0000
}

func ExamplePseudoHeader_AppendTo() {
	// The pseudo-header of the UDP datagram in ExampleCompute.
	ph := checksum.PseudoHeader{
		Src:      netip.MustParseAddr("10.200.0.1"),
		Dst:      netip.MustParseAddr("10.200.0.2"),
		Protocol: checksum.ProtocolUDP,
		Length:   21, // 8-byte UDP header + 13 bytes of data
	}
	b := ph.AppendTo(nil)
	fmt.Printf("%d bytes\n", ph.Len())
	fmt.Printf("source       % x\n", b[0:4])
	fmt.Printf("destination  % x\n", b[4:8])
	fmt.Printf("zero         % x\n", b[8:9])
	fmt.Printf("protocol     % x\n", b[9:10])
	fmt.Printf("length       % x\n", b[10:12])
	// Output:
	// 12 bytes
	// source       0a c8 00 01
	// destination  0a c8 00 02
	// zero         00
	// protocol     11
	// length       00 15
}

func ExamplePseudoHeader_AppendTo_ipv6() {
	// The pseudo-header of a TCP segment captured from a Linux kernel:
	//   fd00::2.5001 > fd00::1.53346: Flags [P.], ..., length 144
	// 32 bytes of TCP header with options, plus 144 bytes of data.
	ph := checksum.PseudoHeader{
		Src:      netip.MustParseAddr("fd00::2"),
		Dst:      netip.MustParseAddr("fd00::1"),
		Protocol: checksum.ProtocolTCP,
		Length:   176,
	}
	b := ph.AppendTo(nil)
	fmt.Printf("%d bytes\n", ph.Len())
	fmt.Printf("source       % x\n", b[0:16])
	fmt.Printf("destination  % x\n", b[16:32])
	fmt.Printf("length       % x\n", b[32:36])
	fmt.Printf("zero         % x\n", b[36:39])
	fmt.Printf("next header  % x\n", b[39:40])
	// Output:
	// 40 bytes
	// source       fd 00 00 00 00 00 00 00 00 00 00 00 00 00 00 02
	// destination  fd 00 00 00 00 00 00 00 00 00 00 00 00 00 00 01
	// length       00 00 00 b0
	// zero         00 00 00
	// next header  06
}

func ExamplePseudoHeader_Sum() {
	ph := checksum.PseudoHeader{
		Src:      netip.MustParseAddr("10.200.0.1"),
		Dst:      netip.MustParseAddr("10.200.0.2"),
		Protocol: checksum.ProtocolUDP,
		Length:   21,
	}
	// Sum adds the fields without building the bytes, and gets the same
	// answer as summing the bytes.
	// 0x0ac8 + 0x0001 + 0x0ac8 + 0x0002 + 0x0011 + 0x0015 = 0x15b9
	fmt.Printf("ph.Sum()              = %#04x\n", ph.Sum())
	fmt.Printf("Sum(ph.AppendTo(nil)) = %#04x\n", checksum.Sum(ph.AppendTo(nil)))
	// Output:
	// ph.Sum()              = 0x15b9
	// Sum(ph.AppendTo(nil)) = 0x15b9
}

func ExamplePseudoHeader_Valid() {
	ph := checksum.PseudoHeader{
		Src:      netip.MustParseAddr("10.0.0.1"),
		Dst:      netip.MustParseAddr("fd00::2"),
		Protocol: checksum.ProtocolTCP,
		Length:   20,
	}
	err := ph.Valid()
	fmt.Println(err)
	fmt.Println("mixed families:", errors.Is(err, checksum.ErrMixedFamilies))

	// An IPv4-mapped address is IPv6. For an IPv4 packet, unmap it.
	ph.Src = netip.MustParseAddr("::ffff:10.0.0.1")
	ph.Dst = netip.MustParseAddr("10.0.0.2")
	fmt.Println(ph.Valid())
	ph.Src = ph.Src.Unmap()
	fmt.Println(ph.Valid(), ph.Len())
	// Output:
	// checksum: pseudo-header mixes address families: IPv4 source 10.0.0.1 with IPv6 destination fd00::2
	// mixed families: true
	// checksum: pseudo-header mixes address families: IPv6 source ::ffff:10.0.0.1 with IPv4 destination 10.0.0.2 (an IPv4-mapped address is IPv6; use netip.Addr.Unmap for an IPv4 packet)
	// <nil> 12
}

func ExampleCompute() {
	// A UDP datagram captured from a Linux kernel:
	//   10.200.0.1.38906 > 10.200.0.2.5002: UDP, length 13
	const udpChecksumOffset = 6 // Checksum, bytes 6 and 7 of the UDP header (RFC 768)
	datagram := []byte{
		0x97, 0xfa, 0x13, 0x8a, // source port 38906, destination port 5002
		0x00, 0x15, 0x2f, 0xe9, // length 21, checksum 0x2fe9 (as the kernel sent it)
		0x21, 0x28, 0x2f, 0x36, 0x3d, 0x44, 0x4b, 0x52, // 13 bytes of data
		0x59, 0x60, 0x67, 0x6e, 0x75,
	}
	ph := checksum.PseudoHeader{
		Src:      netip.MustParseAddr("10.200.0.1"),
		Dst:      netip.MustParseAddr("10.200.0.2"),
		Protocol: checksum.ProtocolUDP,
		Length:   uint32(len(datagram)),
	}

	// Compute treats the checksum field as zero, so it gives the same
	// answer whether or not the field has been filled in.
	fmt.Printf("computed %#04x\n", checksum.Compute(ph, datagram, udpChecksumOffset))
	binary.BigEndian.PutUint16(datagram[udpChecksumOffset:], 0)
	fmt.Printf("computed %#04x with the field cleared\n", checksum.Compute(ph, datagram, udpChecksumOffset))
	// Output:
	// computed 0x2fe9
	// computed 0x2fe9 with the field cleared
}

func ExampleVerify() {
	// The UDP datagram from ExampleCompute, checksum field filled in.
	datagram := []byte{
		0x97, 0xfa, 0x13, 0x8a, 0x00, 0x15, 0x2f, 0xe9,
		0x21, 0x28, 0x2f, 0x36, 0x3d, 0x44, 0x4b, 0x52, 0x59, 0x60, 0x67, 0x6e, 0x75,
	}
	ph := checksum.PseudoHeader{
		Src:      netip.MustParseAddr("10.200.0.1"),
		Dst:      netip.MustParseAddr("10.200.0.2"),
		Protocol: checksum.ProtocolUDP,
		Length:   uint32(len(datagram)),
	}
	fmt.Println("as captured:      ", checksum.Verify(ph, datagram))

	// One bit of the data flipped on the way.
	datagram[10] ^= 0x01
	fmt.Println("one bit flipped:  ", checksum.Verify(ph, datagram))
	datagram[10] ^= 0x01

	// The datagram intact, but delivered to the wrong host: the receiver
	// builds its pseudo-header with its own address, and the check fails.
	misdelivered := ph
	misdelivered.Dst = netip.MustParseAddr("10.200.0.3")
	fmt.Println("wrong destination:", checksum.Verify(misdelivered, datagram))
	// Output:
	// as captured:       true
	// one bit flipped:   false
	// wrong destination: false
}
