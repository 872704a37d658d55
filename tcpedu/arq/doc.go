// Package arq is reliable transfer over an unreliable link: automatic
// repeat request (ARQ). A sender numbers its segments, a receiver
// acknowledges them, and a timer resends what was not acknowledged in
// time. Four protocols build up to TCP's own:
//
//	stopwait.go   stop-and-wait, the alternating-bit protocol: one segment at a time
//	gobackn.go    Go-Back-N: a window of N, cumulative ACKs, one timer, resend all after a loss
//	selrepeat.go  Selective Repeat: per-segment ACKs and timers, the receiver buffers
//	sack.go       SACK (RFC 2018): Go-Back-N's cumulative ACK plus blocks, resend only the holes
//
// They are built from three pieces, the same ones the TCP endpoint uses,
// so that TCP visibly is "cumulative ACKs like Go-Back-N, buffering like
// Selective Repeat, plus SACK":
//
//	sendwindow.go  SendWindow: SND.UNA, SND.NXT and the segments in flight (RFC 9293 §3.3.1)
//	reassembly.go  Reassembly: RCV.NXT, out-of-order buffering, in-order delivery, SACK blocks
//	scoreboard.go  Scoreboard: what the receiver has SACKed, and which holes are lost (RFC 6675)
//
// Everything is numbered in bytes, as in TCP: segment #k (counting from 1)
// starts at ISS + 1 + (k-1)·Size, and an ACK names the next byte wanted
// (segment.go converts). Every segment travels as a real IPv4 packet with
// correct checksums (codec.go), so a corrupted one is caught by the
// receiver's checksum, as on a real host, and a run can be written to a
// pcap that Wireshark opens.
//
// The harness (run.go) puts a sender and a receiver on the two ends of a
// pair of simulated links (package link: bandwidth, delay, loss, bursts,
// corruption, duplication, reordering, scripted faults) and runs them on
// the discrete-event simulator (package sim): equal seeds give identical
// runs. A protocol endpoint sees only its Env (env.go): the clock, a way
// to send, timers, the application. Trace (trace.go) records every event;
// ladder.go draws it as the ladder diagrams of the course notes.
//
// Reading order: segment.go, stopwait.go, gobackn.go, then the pieces, then
// selrepeat.go and sack.go; theory.go has the formulas the tests check the
// runs against.
//
// Simplifications, each said again where it is made: timeouts are fixed
// (TCP adapts them, RFC 6298); the window is a fixed number of segments
// (TCP's is the smaller of the receiver's and the congestion window); every
// segment has the same size; there is no connection set-up or teardown
// (the connection chapter has those).
package arq
