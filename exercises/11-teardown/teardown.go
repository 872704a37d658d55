// Exercise 11: closing a connection, and TIME-WAIT (RFC 9293 §3.6,
// §3.10.4, §3.10.7.4).
//
// Write the closing half of TCP's state machine: a connection that starts
// ESTABLISHED and ends CLOSED, whether it closes first (the active closer:
// FIN-WAIT-1, FIN-WAIT-2 or CLOSING, TIME-WAIT), second (the passive
// closer: CLOSE-WAIT, LAST-ACK) or at the same time as its peer.
// Segments and states are the model's tcp.Segment and tcp.State, as in
// exercise 10: set Seq, Ack and Flags; Payload is the data. Time is a
// parameter: nothing here reads a clock, and Tick says how much time has
// passed.
//
// The contract:
//
//   - NewConn(sndNxt, rcvNxt, msl) returns a connection in ESTABLISHED.
//     Everything it sent has been acknowledged: SND.UNA = SND.NXT = sndNxt.
//     The peer's next byte is RCV.NXT = rcvNxt. TIME-WAIT will last 2×msl.
//   - Close, the application's CLOSE (§3.10.4): in ESTABLISHED, send
//     <SEQ=SND.NXT><ACK=RCV.NXT><CTL=FIN,ACK> and enter FIN-WAIT-1; in
//     CLOSE-WAIT, send the same and enter LAST-ACK. The FIN occupies one
//     sequence number: SND.NXT moves past it, and the ACK that covers it
//     is its SEQ+1. In any other state Close sends nothing.
//   - Receive(seg) processes one arriving segment and returns what goes
//     out (nil for nothing), by the steps below.
//   - Tick(elapsed): elapsed more time has passed. Only TIME-WAIT has a
//     timer here: once 2×MSL have passed in all since it was entered (or
//     restarted), enter CLOSED. FIN-WAIT-2 waits for the peer's FIN as
//     long as it takes, as RFC 9293 says.
//   - State returns the current state.
//
// Receive, in order (RFC 9293 §3.10.7.4, reduced to what closing needs).
// The suite's segments all carry ACK and never acknowledge what was not
// sent; a segment without ACK is dropped.
//
//  1. In CLOSED the connection is gone: return nil.
//  2. A segment that occupies sequence space (seg.Len() > 0: data or a
//     FIN) but does not start at RCV.NXT is old (a FIN or data sent
//     again): answer <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> and ignore the
//     rest of it. In TIME-WAIT this is the peer's FIN again, because our
//     last ACK was lost: ACK it and restart the 2MSL timer.
//  3. The ACK field: if SND.UNA < SEG.ACK =< SND.NXT, set SND.UNA =
//     SEG.ACK. If that acknowledges our FIN: FIN-WAIT-1 → FIN-WAIT-2,
//     CLOSING → TIME-WAIT, LAST-ACK → CLOSED (and stop there).
//  4. Data (seg.Payload), in ESTABLISHED, FIN-WAIT-1 and FIN-WAIT-2:
//     RCV.NXT moves past it, and an ACK is owed. Our FIN closed only our
//     direction; the peer may still send.
//  5. The FIN, which sits right after the segment's data: RCV.NXT moves
//     past it too, an ACK is owed, and ESTABLISHED → CLOSE-WAIT,
//     FIN-WAIT-1 → CLOSING (our FIN not yet acknowledged: the FINs
//     crossed) or TIME-WAIT (this segment acknowledged it), FIN-WAIT-2 →
//     TIME-WAIT.
//  6. If an ACK is owed, send one: <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>.
//
// The side that closes first waits in TIME-WAIT; the side that closes
// second goes from LAST-ACK straight to CLOSED. Every change of state must
// be a row of tcp.Transitions (go run ./cmd/tcpedu scenario states).
// Compare sequence numbers with seq.Num's methods, never with < or >: they
// wrap at 2^32.
//
// Worked example, the client of docs/03-connection.md §3.3 (MSL 30 s):
//
//	c := NewConn(2709690876, 684686313, 30*time.Second)
//	c.Close()  // FIN,ACK seq=2709690876 ack=684686313, now FIN-WAIT-1
//	c.Receive(ACK seq=684686313 ack=2709690877)      // nothing, FIN-WAIT-2
//	c.Receive(FIN,ACK seq=684686313 ack=2709690877)  // ACK seq=2709690877 ack=684686314, TIME-WAIT
//	c.Tick(60 * time.Second)                         // CLOSED
//
// Run the tests with: go test ./exercises/11-teardown
// Grade it with: go run ./cmd/tcpedu grade 11
package teardown

import (
	"time"

	"github.com/tcpedu/tcpedu/tcpedu/seq"
	"github.com/tcpedu/tcpedu/tcpedu/tcp"
)

// Conn is one end of an established TCP connection, and how it closes.
// Add the fields you need (how long TIME-WAIT has left, for one).
type Conn struct {
	state tcp.State

	SndUna seq.Num // SND.UNA: the oldest of our sequence numbers not yet acknowledged
	SndNxt seq.Num // SND.NXT: the next sequence number we will send
	RcvNxt seq.Num // RCV.NXT: the next sequence number we expect from the peer

	msl time.Duration // MSL: Maximum Segment Lifetime; TIME-WAIT lasts 2×MSL
}

// NewConn returns a connection in ESTABLISHED: everything we sent up to
// sndNxt has been acknowledged, and the peer's next byte is rcvNxt.
func NewConn(sndNxt, rcvNxt seq.Num, msl time.Duration) *Conn {
	// Your code here.
	return &Conn{}
}

// State returns the connection's state.
func (c *Conn) State() tcp.State { return c.state }

// Close is the application's CLOSE: it returns the FIN to send, if any.
func (c *Conn) Close() []tcp.Segment {
	// Your code here.
	return nil
}

// Receive processes one arriving segment and returns what goes out in
// answer.
func (c *Conn) Receive(seg tcp.Segment) []tcp.Segment {
	// Your code here.
	return nil
}

// Tick tells the connection that elapsed time has passed.
func (c *Conn) Tick(elapsed time.Duration) {
	// Your code here.
}
