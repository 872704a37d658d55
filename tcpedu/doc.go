// Package tcpedu is a model of TCP to read, run and change. The code is the
// textbook: every file explains one idea and cites the RFC section it
// implements.
//
// # The layers
//
// The folders below tcpedu/ are layered; a package imports only those
// beneath it, never one above:
//
//	scenario, bulk the connection's stories (handshake, close, TIME-WAIT,
//	                  │  resets, losses) on two hosts joined by links; one
//	                  │  bulk transfer through a bottleneck
//	tcp, cc        the connection: the eleven states, the transition table,
//	                  │  an RFC 9293 endpoint, the retransmission timer;
//	                  │  congestion control: Tahoe, Reno, NewReno, SACK
//	                  │  recovery (RFC 6675), and the textbook round model
//	arq            stop-and-wait, Go-Back-N, Selective Repeat, SACK, and the
//	                  │  pieces TCP reuses (send window, reassembly, scoreboard)
//	                  ├────────────────────────┐
//	                  │                      link  one direction of a path: queue,
//	                  │                        │   serialisation, delay, faults
//	wire           headers and options     sim   the discrete-event engine:
//	                  │                          virtual clock, events, timers,
//	checksum, seq  the Internet checksum,        one seeded random source
//	               the pseudo-header; sequence numbers
//
// seq and checksum depend on nothing but the standard library. wire uses
// both to take real packets apart and put them back together. sim stands
// beside them: it knows nothing of packets, only of time and events. link
// carries packets (bytes) over sim's clock and damages them on request. arq
// runs protocols over two links, one each way, with every segment a real
// TCP/IPv4 packet built and checked by wire. tcp is the connection itself,
// reusing arq's reassembly buffer for what it receives; scenario stages
// hosts running tcp, and their applications, over links. Congestion control
// (package cc) sits beside tcp, which asks it for the congestion window;
// bulk runs one long transfer through a bottleneck and traces it. Tools sit on top, outside tcpedu/: the
// tcpedu command (cmd/tcpedu) decodes captures and runs the simulations.
//
// # Where to start
//
//  1. seq: why sequence numbers are compared with a method and not with <.
//  2. checksum: the Internet checksum (RFC 1071) and the pseudo-header.
//  3. wire: the TCP header field by field, its options, and UDP.
//  4. sim: how a simulation runs without a clock on the wall.
//  5. link: what a path does to packets: delay, queueing, loss and damage.
//  6. arq: reliable transfer, from stop-and-wait to SACK.
//  7. tcp: the connection's states, and the rules that move between them.
//  8. scenario: the connection's stories, run and drawn.
//
// Every package's doc.go gives the reading order of its files. The course
// text is in docs/ at the top of the repository.
//
// Everything under tcpedu/ uses the standard library only, and stays within
// the Go that the yaegi interpreter runs, so that the REPL and notebooks can
// use it.
package tcpedu
