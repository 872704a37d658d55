// Reference solution to exercise 10: the three-way handshake (RFC 9293
// §3.5, §3.10.7). The contract is in exercises/10-handshake/handshake.go.
package handshake

import (
	"github.com/tcpedu/tcpedu/tcpedu/seq"
	"github.com/tcpedu/tcpedu/tcpedu/tcp"
	"github.com/tcpedu/tcpedu/tcpedu/wire"
)

// Conn is one end of a TCP connection while it opens: its state and the
// sequence variables of RFC 9293 §3.3.1 that the handshake sets.
type Conn struct {
	state   tcp.State
	passive bool // it began with a passive OPEN (Listen): a RST in SYN-RECEIVED returns it to LISTEN

	ISS    seq.Num // ISS: our initial send sequence number; our SYN occupies it
	IRS    seq.Num // IRS: the peer's initial sequence number, from its SYN
	SndUna seq.Num // SND.UNA: the oldest of our sequence numbers not yet acknowledged
	SndNxt seq.Num // SND.NXT: the next sequence number we will send
	RcvNxt seq.Num // RCV.NXT: the next sequence number we expect from the peer
}

// NewConn returns a connection in CLOSED that will use iss as its ISS.
func NewConn(iss seq.Num) *Conn {
	return &Conn{state: tcp.Closed, ISS: iss}
}

// State returns the connection's state.
func (c *Conn) State() tcp.State { return c.state }

// Listen is the passive OPEN (RFC 9293 §3.10.1): wait for a SYN.
func (c *Conn) Listen() {
	if c.state != tcp.Closed {
		return // "error: connection already exists"
	}
	c.state, c.passive = tcp.Listen, true
}

// Connect is the active OPEN (RFC 9293 §3.10.1): "A SYN segment of the
// form <SEQ=ISS><CTL=SYN> is sent. Set SND.UNA to ISS, SND.NXT to ISS+1,
// enter SYN-SENT state".
func (c *Conn) Connect() []tcp.Segment {
	if c.state != tcp.Closed {
		return nil // "error: connection already exists"
	}
	c.SndUna = c.ISS
	c.SndNxt = c.ISS.Add(1) // the SYN takes one sequence number
	c.state = tcp.SynSent
	return []tcp.Segment{{Seq: c.ISS, Flags: wire.SYN}}
}

// Receive processes one arriving segment (RFC 9293 §3.10.7) and returns
// what goes out in answer.
func (c *Conn) Receive(seg tcp.Segment) []tcp.Segment {
	switch c.state {
	case tcp.Closed:
		return closedAnswer(seg)
	case tcp.Listen:
		return c.receiveListen(seg)
	case tcp.SynSent:
		return c.receiveSynSent(seg)
	case tcp.SynReceived:
		return c.receiveSynReceived(seg)
	case tcp.Established:
		// §3.10.7.4, first check: a SYN here lies before RCV.NXT (the
		// peer's SYN,ACK again, because our ACK was lost), so it is not
		// acceptable and is answered with <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>.
		// (RFC 5961 §4.2's challenge ACK for any other SYN is the same
		// segment.)
		if seg.Flags.Has(wire.SYN) {
			return []tcp.Segment{c.ack()}
		}
	}
	return nil
}

// closedAnswer is RFC 9293 §3.10.7.1: a segment for a connection that does
// not exist draws a RST, unless it is a RST itself.
func closedAnswer(seg tcp.Segment) []tcp.Segment {
	if seg.Flags.Has(wire.RST) {
		return nil
	}
	if seg.Flags.Has(wire.ACK) {
		// <SEQ=SEG.ACK><CTL=RST>: the number its sender will accept.
		return []tcp.Segment{{Seq: seg.Ack, Flags: wire.RST}}
	}
	// <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>; SEG.LEN counts a SYN and
	// a FIN as well as the data (Segment.Len).
	return []tcp.Segment{{Seq: 0, Ack: seg.Seq.Add(seg.Len()), Flags: wire.RST | wire.ACK}}
}

// receiveListen is RFC 9293 §3.10.7.2.
func (c *Conn) receiveListen(seg tcp.Segment) []tcp.Segment {
	switch {
	case seg.Flags.Has(wire.RST):
		return nil // first: a RST cannot be for anything we sent
	case seg.Flags.Has(wire.ACK):
		// Second: an ACK in LISTEN acknowledges nothing we sent.
		return []tcp.Segment{{Seq: seg.Ack, Flags: wire.RST}}
	case seg.Flags.Has(wire.SYN):
		// Third: "set RCV.NXT to SEG.SEQ+1, IRS is set to SEG.SEQ", send
		// <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>, "SND.NXT is set to ISS+1
		// and SND.UNA to ISS", enter SYN-RECEIVED.
		c.IRS = seg.Seq
		c.RcvNxt = seg.Seq.Add(1)
		c.SndUna = c.ISS
		c.SndNxt = c.ISS.Add(1)
		c.state = tcp.SynReceived
		return []tcp.Segment{c.synAck()}
	}
	return nil // fourth: anything else is dropped
}

// receiveSynSent is RFC 9293 §3.10.7.3.
func (c *Conn) receiveSynSent(seg tcp.Segment) []tcp.Segment {
	hasACK := seg.Flags.Has(wire.ACK)
	// First, the ACK: it must acknowledge our SYN and nothing beyond, so
	// ISS < SEG.ACK =< SND.NXT; otherwise reset it (unless it is a RST).
	if hasACK && !seg.Ack.InRange(c.ISS.Add(1), c.SndNxt.Add(1)) {
		if seg.Flags.Has(wire.RST) {
			return nil
		}
		return []tcp.Segment{{Seq: seg.Ack, Flags: wire.RST}}
	}
	// Second, the RST: obeyed only with an acceptable ACK ("connection
	// refused"); without one, dropped.
	if seg.Flags.Has(wire.RST) {
		if hasACK {
			c.state = tcp.Closed
		}
		return nil
	}
	// Fourth, the SYN (the third, security, is not modelled). Fifth: a
	// segment with neither SYN nor RST is dropped.
	if !seg.Flags.Has(wire.SYN) {
		return nil
	}
	c.IRS = seg.Seq
	c.RcvNxt = seg.Seq.Add(1)
	if hasACK {
		c.SndUna = seg.Ack
	}
	if c.SndUna.GreaterThan(c.ISS) {
		// Our SYN has been acknowledged: <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>.
		c.state = tcp.Established
		return []tcp.Segment{c.ack()}
	}
	// A SYN without an ACK: the two SYNs crossed, a simultaneous open.
	// Our SYN goes again, now with an ACK: <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>.
	c.state = tcp.SynReceived
	return []tcp.Segment{c.synAck()}
}

// receiveSynReceived is RFC 9293 §3.10.7.4 for SYN-RECEIVED, reduced to
// what the handshake needs.
func (c *Conn) receiveSynReceived(seg tcp.Segment) []tcp.Segment {
	// Second check, the RST, taken only at exactly RCV.NXT (RFC 5961
	// §3.2): a passive OPEN goes back to LISTEN, an active one is refused.
	if seg.Flags.Has(wire.RST) {
		if seg.Seq != c.RcvNxt {
			return nil
		}
		if c.passive {
			c.state = tcp.Listen
			c.IRS, c.RcvNxt = 0, 0 // the next SYN is a new peer
		} else {
			c.state = tcp.Closed
		}
		return nil
	}
	// The peer's SYN,ACK in a simultaneous open (§3.5 Figure 7, line 6):
	// it repeats its SYN, so it lies before RCV.NXT, yet it completes the
	// handshake. Any other SYN is left alone here.
	if seg.Flags.Has(wire.SYN) {
		if seg.Flags.Has(wire.ACK) && seg.Seq == c.IRS && seg.Ack == c.SndNxt {
			c.SndUna = seg.Ack
			c.state = tcp.Established
		}
		return nil
	}
	// Fifth check, the ACK: "If SND.UNA < SEG.ACK =< SND.NXT, then enter
	// ESTABLISHED state", else <SEQ=SEG.ACK><CTL=RST>.
	if !seg.Flags.Has(wire.ACK) {
		return nil
	}
	if !seg.Ack.InRange(c.SndUna.Add(1), c.SndNxt.Add(1)) {
		return []tcp.Segment{{Seq: seg.Ack, Flags: wire.RST}}
	}
	c.SndUna = seg.Ack
	c.state = tcp.Established
	return nil
}

// synAck returns our SYN with the ACK of the peer's:
// <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>.
func (c *Conn) synAck() tcp.Segment {
	return tcp.Segment{Seq: c.ISS, Ack: c.RcvNxt, Flags: wire.SYN | wire.ACK}
}

// ack returns <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>.
func (c *Conn) ack() tcp.Segment {
	return tcp.Segment{Seq: c.SndNxt, Ack: c.RcvNxt, Flags: wire.ACK}
}
