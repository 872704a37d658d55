// Package tcpedu is a model of TCP to read, run and change. The code is the
// textbook: every file explains one idea and cites the RFC section it
// implements.
//
// # The layers
//
// The folders below tcpedu/ are layered; a package imports only those
// beneath it, never one above:
//
//	protocols      (later chapters: ARQ, the connection, congestion control)
//	                  │                        │
//	wire           headers and options     sim   the discrete-event engine:
//	                  │                          virtual clock, events, timers,
//	checksum, seq  the Internet checksum,        one seeded random source
//	               the pseudo-header; sequence numbers
//
// seq and checksum depend on nothing but the standard library. wire uses
// both to take real packets apart and put them back together. sim stands
// beside them: it knows nothing of packets, only of time and events, and
// the protocols above run on it. Tools sit on top, outside tcpedu/: the
// tcpedu command (cmd/tcpedu) decodes captures with them.
//
// # Where to start
//
//  1. seq: why sequence numbers are compared with a method and not with <.
//  2. checksum: the Internet checksum (RFC 1071) and the pseudo-header.
//  3. wire: the TCP header field by field, its options, and UDP.
//  4. sim: how a simulation runs without a clock on the wall.
//
// Every package's doc.go gives the reading order of its files. The course
// text is in docs/ at the top of the repository.
//
// Everything under tcpedu/ uses the standard library only, and stays within
// the Go that the yaegi interpreter runs, so that the REPL and notebooks can
// use it.
package tcpedu
