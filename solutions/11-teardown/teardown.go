// Reference solution to exercise 11: closing a connection, and TIME-WAIT
// (RFC 9293 §3.6, §3.10.4, §3.10.7.4). The contract is in
// exercises/11-teardown/teardown.go.
package teardown

import (
	"time"

	"github.com/tcpedu/tcpedu/tcpedu/seq"
	"github.com/tcpedu/tcpedu/tcpedu/tcp"
	"github.com/tcpedu/tcpedu/tcpedu/wire"
)

// Conn is one end of an established TCP connection, and how it closes.
type Conn struct {
	state tcp.State

	SndUna seq.Num // SND.UNA: the oldest of our sequence numbers not yet acknowledged
	SndNxt seq.Num // SND.NXT: the next sequence number we will send
	RcvNxt seq.Num // RCV.NXT: the next sequence number we expect from the peer

	msl      time.Duration // MSL: Maximum Segment Lifetime; TIME-WAIT lasts 2×MSL
	timeWait time.Duration // in TIME-WAIT: how long is left before CLOSED
}

// NewConn returns a connection in ESTABLISHED: everything we sent up to
// sndNxt has been acknowledged, and the peer's next byte is rcvNxt.
func NewConn(sndNxt, rcvNxt seq.Num, msl time.Duration) *Conn {
	return &Conn{state: tcp.Established, SndUna: sndNxt, SndNxt: sndNxt, RcvNxt: rcvNxt, msl: msl}
}

// State returns the connection's state.
func (c *Conn) State() tcp.State { return c.state }

// Close is the CLOSE call (RFC 9293 §3.10.4): "I have no more to send".
// In ESTABLISHED and CLOSE-WAIT it sends <SEQ=SND.NXT><ACK=RCV.NXT><CTL=FIN,ACK>.
func (c *Conn) Close() []tcp.Segment {
	switch c.state {
	case tcp.Established:
		c.state = tcp.FinWait1
	case tcp.CloseWait:
		c.state = tcp.LastAck
	default:
		return nil // "error: connection closing" (or it does not exist)
	}
	fin := tcp.Segment{Seq: c.SndNxt, Ack: c.RcvNxt, Flags: wire.FIN | wire.ACK}
	c.SndNxt = c.SndNxt.Add(1) // the FIN occupies one sequence number (§3.4)
	return []tcp.Segment{fin}
}

// Tick tells the connection that elapsed time has passed. Only TIME-WAIT
// has a timer here: when 2×MSL have passed since it began (or since the
// peer's FIN last came again), the connection is CLOSED (§3.10.8).
func (c *Conn) Tick(elapsed time.Duration) {
	if c.state != tcp.TimeWait {
		return
	}
	c.timeWait -= elapsed
	if c.timeWait <= 0 {
		c.state = tcp.Closed
	}
}

// Receive processes one arriving segment (RFC 9293 §3.10.7.4, reduced to
// what closing needs) and returns what goes out in answer.
func (c *Conn) Receive(seg tcp.Segment) []tcp.Segment {
	if c.state == tcp.Closed {
		return nil
	}
	// First check, simplified: a segment that occupies sequence space
	// but does not start at RCV.NXT is old (or early). It is answered with
	// <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> and otherwise ignored. In
	// TIME-WAIT it can only be the peer's FIN again, because our last ACK
	// was lost: "Acknowledge it, and restart the 2 MSL timeout."
	if seg.Len() > 0 && seg.Seq != c.RcvNxt {
		if c.state == tcp.TimeWait && seg.Flags.Has(wire.FIN) {
			c.timeWait = 2 * c.msl
		}
		return []tcp.Segment{c.ack()}
	}
	// Fifth check: "if the ACK bit is off, drop the segment and return".
	if !seg.Flags.Has(wire.ACK) {
		return nil
	}
	// "If SND.UNA < SEG.ACK =< SND.NXT, then set SND.UNA <- SEG.ACK."
	if seg.Ack.InRange(c.SndUna.Add(1), c.SndNxt.Add(1)) {
		c.SndUna = seg.Ack
	}
	finAcked := c.finSent() && c.SndUna == c.SndNxt // SND.UNA is past our FIN
	switch c.state {
	case tcp.FinWait1:
		if finAcked {
			c.state = tcp.FinWait2
		}
	case tcp.Closing:
		if finAcked {
			c.enterTimeWait()
		}
	case tcp.LastAck:
		if finAcked {
			c.state = tcp.Closed // the passive closer has nothing to wait for
			return nil
		}
	}

	owed := false
	// Seventh check: the text, taken in ESTABLISHED, FIN-WAIT-1 and
	// FIN-WAIT-2 (after a FIN from the peer there can be none).
	if n := len(seg.Payload); n > 0 {
		switch c.state {
		case tcp.Established, tcp.FinWait1, tcp.FinWait2:
			c.RcvNxt = c.RcvNxt.Add(uint32(n))
			owed = true
		}
	}
	// Eighth check: the FIN, which sits after the segment's data. "Advance
	// RCV.NXT over the FIN, and send an acknowledgment for the FIN."
	if seg.Flags.Has(wire.FIN) {
		c.RcvNxt = c.RcvNxt.Add(1)
		owed = true
		switch c.state {
		case tcp.Established:
			c.state = tcp.CloseWait
		case tcp.FinWait1:
			// Our FIN not yet acknowledged: the FINs crossed. (Had this
			// segment acknowledged it, the ACK check above would already
			// have taken us to FIN-WAIT-2.)
			c.state = tcp.Closing
		case tcp.FinWait2:
			c.enterTimeWait() // a FIN that ACKed our FIN came through FIN-WAIT-2
		}
	}
	if owed {
		return []tcp.Segment{c.ack()}
	}
	return nil
}

// finSent reports whether Close has sent our FIN.
func (c *Conn) finSent() bool {
	switch c.state {
	case tcp.FinWait1, tcp.FinWait2, tcp.Closing, tcp.LastAck, tcp.TimeWait:
		return true
	}
	return false
}

// enterTimeWait starts the 2MSL wait of the side that closed first
// (RFC 9293 §3.6.1: "it MUST linger in the TIME-WAIT state for a time
// 2xMSL").
func (c *Conn) enterTimeWait() {
	c.state = tcp.TimeWait
	c.timeWait = 2 * c.msl
}

// ack returns <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>.
func (c *Conn) ack() tcp.Segment {
	return tcp.Segment{Seq: c.SndNxt, Ack: c.RcvNxt, Flags: wire.ACK}
}
