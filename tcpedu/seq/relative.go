package seq

// Relative sequence numbers.
//
// Raw sequence numbers are large and start somewhere random, because each
// side picks its ISN to be hard to guess (RFC 9293 §3.4.1). To make a trace
// readable, Wireshark subtracts a base from every number of a direction, so
// that the SYN shows as 0 and the first data byte as 1. Here is the client
// side of tcp4_transfer.pcap (in ../shared/fixtures/linux), whose ISN is
// 748207436:
//
//	segment              raw seq   relative seq
//	SYN                748207436              0
//	bytes 1-1448       748207437              1
//	bytes 1449-2896    748208885           1449
//	bytes 2897-4000    748210333           2897
//	FIN                748211437           4001
//
// The base of a direction is the ISN of the side that sends it, so the two
// directions of a connection have different bases. Relative and Absolute
// convert one number with a base you already know; tracker.go shows how
// Wireshark learns the bases from the packets.

// Relative returns n's distance in bytes forward from base, modulo 2^32:
// the relative sequence number Wireshark would show for n when base is the
// ISN of n's direction. It is the same as base.Distance(n), under the name
// a reader of traces looks for.
//
// The answer is a 32-bit count and wraps like the numbers it comes from:
// byte 4294967296 after the base shows as relative 0 again, then 1, and so
// on. Wireshark's relative numbers wrap the same way (see Tracker).
func (n Num) Relative(base Num) uint32 {
	return base.Distance(n)
}

// Absolute returns the raw sequence number rel bytes forward from base: it
// undoes Relative, so Absolute(base, n.Relative(base)) == n for every base
// and n.
func Absolute(base Num, rel uint32) Num {
	return base.Add(rel)
}
