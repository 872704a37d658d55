// Exercise 10: the three-way handshake (RFC 9293 §3.5, §3.10.7).
//
// Write the opening half of TCP's state machine: a connection that goes
// from CLOSED to ESTABLISHED, as a client (active OPEN) or as a server
// (passive OPEN), one segment at a time. Segments are the model's
// tcp.Segment: set Seq, Ack and Flags (wire.SYN, wire.ACK, wire.RST) and
// leave the other fields zero. States are the model's tcp.State, so that
// they print as RFC 9293 names them ("SYN-RECEIVED"). The model's own
// connection (tcpedu/tcp/arrive.go) does all this and more; write yours
// without copying it, from the rules below.
//
// The contract:
//
//   - NewConn(iss) returns a connection in CLOSED whose ISS is iss. (A real
//     TCP picks its ISS from a clock and a hash, RFC 9293 §3.4.1; here the
//     caller picks it, so that the numbers can be checked.)
//   - Listen, the passive OPEN: CLOSED → LISTEN, nothing sent.
//   - Connect, the active OPEN: send <SEQ=ISS><CTL=SYN>, set SND.UNA = ISS
//     and SND.NXT = ISS+1 (a SYN occupies one sequence number), enter
//     SYN-SENT. Listen or Connect in any state but CLOSED does nothing.
//   - Receive(seg) processes one arriving segment and returns what goes
//     out in answer (nil for nothing), by the rules below.
//   - State returns the current state.
//
// Receive, state by state, in the order RFC 9293 §3.10.7 checks:
//
// CLOSED (§3.10.7.1): a RST is dropped. Anything else is answered with
// <SEQ=SEG.ACK><CTL=RST> if its ACK bit is on, else with
// <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>. SEG.LEN is seg.Len(): the
// data bytes, plus one for a SYN, plus one for a FIN.
//
// LISTEN (§3.10.7.2): a RST is dropped. Any ACK is answered with
// <SEQ=SEG.ACK><CTL=RST>. A SYN sets IRS = SEG.SEQ and RCV.NXT =
// SEG.SEQ+1, sends <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>, sets SND.UNA =
// ISS and SND.NXT = ISS+1 and enters SYN-RECEIVED. Anything else is
// dropped.
//
// SYN-SENT (§3.10.7.3): first the ACK bit. An ACK is acceptable only if
// ISS < SEG.ACK =< SND.NXT: it acknowledges our SYN. An unacceptable
// one is answered with <SEQ=SEG.ACK><CTL=RST> (dropped if it is a RST
// itself). Then the RST bit: a RST with an acceptable ACK means
// "connection refused", CLOSED; a RST without an ACK is dropped. Then
// the SYN bit: set IRS = SEG.SEQ and RCV.NXT = SEG.SEQ+1, and SND.UNA =
// SEG.ACK if there is an ACK. If our SYN is now acknowledged (SND.UNA >
// ISS), send <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> and enter ESTABLISHED.
// Otherwise the two SYNs crossed, a simultaneous open: send our SYN
// again with the ACK, <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>, and enter
// SYN-RECEIVED. A segment with neither SYN nor RST is dropped.
//
// SYN-RECEIVED (§3.10.7.4, reduced to what the handshake needs): a RST
// whose SEG.SEQ is RCV.NXT returns a connection that began with Listen
// to LISTEN (ready for a new peer) and closes one that began with
// Connect (CLOSED); any other RST is dropped. In a simultaneous open
// the peer's SYN,ACK, with SEG.SEQ = IRS and SEG.ACK = SND.NXT,
// completes the handshake: ESTABLISHED, nothing sent (§3.5 Figure 7).
// Other SYNs are dropped here. A segment without ACK is dropped. An
// ACK with SND.UNA < SEG.ACK =< SND.NXT sets SND.UNA = SEG.ACK and
// enters ESTABLISHED, sending nothing; any other ACK is answered with
// <SEQ=SEG.ACK><CTL=RST>.
//
// ESTABLISHED: a SYN (the peer's SYN,ACK again, because our ACK was
// lost) is answered with <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>; nothing
// else is this exercise's business (exercise 11 starts here).
//
// Every change of state must be a row of tcp.Transitions, the model's
// table (go run ./cmd/tcpedu scenario states prints it). Sequence numbers
// wrap at 2^32: compare them with seq.Num's methods (LessThan, InRange…),
// never with < or >.
//
// Worked example, the client of docs/03-connection.md §3.2:
//
//	c := NewConn(2709690875)
//	c.Connect()   // SYN seq=2709690875, now SYN-SENT
//	c.Receive(SYN,ACK seq=684686312 ack=2709690876)
//	              // ACK seq=2709690876 ack=684686313, now ESTABLISHED
//
// Run the tests with: go test ./exercises/10-handshake
// Grade it with: go run ./cmd/tcpedu grade 10
package handshake

import (
	"github.com/tcpedu/tcpedu/tcpedu/seq"
	"github.com/tcpedu/tcpedu/tcpedu/tcp"
)

// Conn is one end of a TCP connection while it opens: its state and the
// sequence variables of RFC 9293 §3.3.1 that the handshake sets. Add the
// fields you need (whether it began with Listen, for one).
type Conn struct {
	state tcp.State

	ISS    seq.Num // ISS: our initial send sequence number; our SYN occupies it
	IRS    seq.Num // IRS: the peer's initial sequence number, from its SYN
	SndUna seq.Num // SND.UNA: the oldest of our sequence numbers not yet acknowledged
	SndNxt seq.Num // SND.NXT: the next sequence number we will send
	RcvNxt seq.Num // RCV.NXT: the next sequence number we expect from the peer
}

// NewConn returns a connection in CLOSED that will use iss as its ISS.
func NewConn(iss seq.Num) *Conn {
	// Your code here.
	return &Conn{}
}

// State returns the connection's state.
func (c *Conn) State() tcp.State { return c.state }

// Listen is the passive OPEN: CLOSED → LISTEN.
func (c *Conn) Listen() {
	// Your code here.
}

// Connect is the active OPEN: it returns the SYN to send.
func (c *Conn) Connect() []tcp.Segment {
	// Your code here.
	return nil
}

// Receive processes one arriving segment and returns what goes out in
// answer.
func (c *Conn) Receive(seg tcp.Segment) []tcp.Segment {
	// Your code here.
	return nil
}
