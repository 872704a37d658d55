// Package bench compares tcpedu's hot paths with two widely used Go
// implementations of the same work:
//
//   - TCP header parsing: tcpedu/wire.TCPHeader.Parse against gopacket's
//     layers.TCP.DecodeFromBytes;
//   - the Internet checksum: tcpedu/checksum.Sum against gVisor's
//     pkg/tcpip/checksum.Checksum.
//
// It is a module of its own so that gopacket/layers and gVisor never enter
// the build of tcpedu itself; see README.md for how to run it and for the
// numbers measured.
//
// Each benchmark pair runs in the same `go test` process, one after the
// other on the same bytes, with names that benchstat lines up side by side:
//
//	BenchmarkParse/impl=tcpedu/hdr=syn     vs  BenchmarkParse/impl=gopacket/hdr=syn
//	BenchmarkChecksum/impl=tcpedu/size=1500 vs BenchmarkChecksum/impl=gvisor/size=1500
//
// The tests in compare_test.go check that each pair computes the same
// thing, so that the benchmarks compare like with like.
package bench
