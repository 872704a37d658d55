// Package tcp is the TCP connection of RFC 9293: the eleven states, the
// transition table that moves between them, and an endpoint that opens,
// carries a byte stream and closes a connection over the simulator, one
// real IPv4 packet at a time.
//
// # The state machine is data
//
// Transitions (table.go) lists every row: in state From, Event moves the
// connection to To, sending Send. The endpoint changes state only through
// Lookup on that table, so the code, the state diagram (WriteDOT, WriteSVG,
// docs/figures/states.svg), the docs and the tests all read the same rows.
//
// # Reading order
//
//	state.go      the eleven states, with their RFC and netstat names
//	table.go      the transition table: RFC 9293 §3.3.2 and the rules of the text
//	segment.go    a segment as the rules see it; SEG.LEN counts SYN and FIN
//	endpoint.go   the TCB: SND.UNA, SND.NXT, SND.WND, ISS, RCV.NXT, RCV.WND, IRS
//	calls.go      OPEN, SEND, CLOSE, ABORT, and move: the one place state changes
//	arrive.go     SEGMENT ARRIVES (RFC 9293 §3.10.7), check by check
//	output.go     sending, the ACK an arrival is owed, and retransmission
//	sendbuf.go    the bytes written and not yet acknowledged
//	rto.go        the retransmission timeout (RFC 6298)
//	delayedack.go when to acknowledge (RFC 1122, RFC 5681 §4.2)
//	flow.go       the receive window, a slow reader, the persist timer
//	congestion.go the send window min(cwnd, rwnd), duplicate ACKs, and
//	              package cc's congestion control carried out
//	sack.go       SACK (Config.SACK): the blocks a receiver reports, and the
//	              sender's RFC 6675 recovery: scoreboard, pipe, NextSeg
//	host.go       a machine: demultiplexing, listeners, resets for closed ports
//	packet.go     segments to IPv4 packets and back, checksums verified
//	config.go     the knobs, with Linux's defaults where the RFC leaves a choice
//	diagram.go    the state diagram, drawn from the table (DOT), and
//	              diagram_svg.go, diagram_layout.go: the same as an SVG laid
//	              out like the RFC's figure, and that layout for package plots
//
// Package scenario (tcpedu/scenario) plays the classic stories (handshake,
// teardown, TIME-WAIT, a lost SYN, a reset) on two hosts joined by links.
//
// # RFCs
//
// RFC 9293 (TCP) §3.3 for the states and variables, §3.4 for sequence
// numbers and ISNs, §3.5 and §3.6 for opening and closing, §3.10 for the
// event processing this package follows clause by clause; RFC 5961 for
// challenge ACKs; RFC 6298 for the RTO; RFC 7323 §2 for window scaling;
// RFC 5681 and RFC 6582 for congestion control; RFC 2018 and RFC 6675 for
// SACK and the recovery built on it; RFC 1122 §4.2.3 for delayed ACKs and
// silly window avoidance.
//
// # Simplifications
//
// No urgent data, no security compartments, no Limited Transmit, no
// timestamps, no D-SACK, no pacing; SACK only when Config.SACK asks for it
// (sack.go lists what its recovery leaves out). ISNs come from the
// simulation's seeded random source, not a clock and a hash (RFC 9293
// §3.4.1, RFC 6528). Each doc comment says where the model departs
// from the RFC or from Linux, and why.
package tcp
