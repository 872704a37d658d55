package tcp

import (
	"github.com/tcpedu/tcpedu/tcpedu/seq"
	"github.com/tcpedu/tcpedu/tcpedu/wire"
)

// This file is RFC 9293 §3.10.7, SEGMENT ARRIVES, in the RFC's order: one
// function per group of states, and inside each the RFC's numbered checks
// ("first, check the sequence number"), each under a comment that quotes
// or cites it. A segment for no connection at all is Host.noConnection
// (§3.10.7.1).

// arrive processes one segment that belongs to this connection, then sends
// whatever the processing made due: data the window now allows, and the
// ACK the segment is owed.
func (e *Endpoint) arrive(seg *Segment) {
	switch e.state {
	case Closed:
		return
	case Listen:
		e.arriveListen(seg)
	case SynSent:
		e.arriveSynSent(seg)
	default:
		e.arriveOther(seg)
	}
	e.output()
}

// arriveListen is RFC 9293 §3.10.7.2, for a connection in LISTEN.
func (e *Endpoint) arriveListen(seg *Segment) {
	// "First, check for a RST: an incoming RST segment could not be valid
	// since it could not have been sent in response to anything sent by
	// this incarnation of the connection. An incoming RST should be
	// ignored."
	if seg.Flags.Has(wire.RST) {
		return
	}
	// "Second, check for an ACK: any acknowledgment is bad if it arrives
	// on a connection still in the LISTEN state. An acceptable reset
	// segment should be formed for any arriving ACK-bearing segment:
	// <SEQ=SEG.ACK><CTL=RST>."
	if seg.Flags.Has(wire.ACK) {
		e.note("ACK %d in LISTEN acknowledges nothing we sent: reset", uint32(seg.Ack))
		e.sendRST(seg.Ack, 0, wire.RST)
		return
	}
	// "Third, check for a SYN": set RCV.NXT to SEG.SEQ+1 and IRS to
	// SEG.SEQ, select an ISS, send <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>,
	// set SND.NXT to ISS+1 and SND.UNA to ISS, enter SYN-RECEIVED.
	if seg.Flags.Has(wire.SYN) {
		e.learnPeer(seg)
		e.setWindow(seg)
		e.iss = e.host.newISS()
		e.sndUna, e.sndNxt, e.sndBufSeq = e.iss, e.iss, e.iss.Add(1)
		// "Any other control or text should be queued for processing
		// later": data on a SYN waits until the connection is
		// ESTABLISHED.
		e.pending = append([]byte(nil), seg.Payload...)
		if e.cfg.TwoWayHandshake {
			e.move(RcvSYNTwoWay) // not TCP: see Config.TwoWayHandshake
		} else {
			e.move(RcvSYN)
		}
		return // output sends the SYN,ACK: SND.NXT is still ISS
	}
	// "Fourth, other data or control … drop the segment, and return."
}

// arriveSynSent is RFC 9293 §3.10.7.3, for a connection in SYN-SENT.
func (e *Endpoint) arriveSynSent(seg *Segment) {
	ack := seg.Flags.Has(wire.ACK)
	// "First, check the ACK bit. If the ACK bit is set: if SEG.ACK =< ISS
	// or SEG.ACK > SND.NXT, send a reset (unless the RST bit is set, if
	// so drop the segment and return) <SEQ=SEG.ACK><CTL=RST>, and discard
	// the segment." This is how an old SYN,ACK is refused.
	if ack && (seg.Ack.LessThanEq(e.iss) || seg.Ack.GreaterThan(e.sndNxt)) {
		if !seg.Flags.Has(wire.RST) {
			e.note("ACK %d does not acknowledge our SYN (ISS %d): reset it", uint32(seg.Ack), uint32(e.iss))
			e.sendRST(seg.Ack, 0, wire.RST)
		}
		return
	}
	// "Second, check the RST bit. If the ACK was acceptable, then signal
	// to the user 'error: connection reset', drop the segment, enter
	// CLOSED state … Otherwise (no ACK), drop the segment and return."
	if seg.Flags.Has(wire.RST) {
		if ack {
			e.err = ErrRefused
			e.move(RcvRST)
		}
		return
	}
	// "Third, check the security": not modelled.

	// "Fourth, check the SYN bit."
	if !seg.Flags.Has(wire.SYN) {
		return // "Fifth, if neither of the SYN or RST bits is set, then drop the segment and return."
	}
	e.learnPeer(seg)
	if ack {
		e.acked(seg.Ack) // "SND.UNA should be advanced to equal SEG.ACK"
	}
	e.setWindow(seg)
	if e.sndUna.GreaterThan(e.iss) {
		// "If SND.UNA > ISS (our SYN has been ACKed), change the
		// connection state to ESTABLISHED, form an ACK segment
		// <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> and send it."
		e.ackNow = true
		e.move(RcvSYNACK)
		// "If there are other controls or text in the segment then
		// continue processing at the sixth step under Section 3.10.7.4":
		// the text (seventh) and the FIN (eighth).
		e.receiveText(seg.Seq.Add(1), seg.Payload)
		if seg.Flags.Has(wire.FIN) && seg.Seq.Add(1+uint32(len(seg.Payload))) == e.rcvNxt() {
			e.receiveFIN()
		}
		return
	}
	// "Otherwise, enter SYN-RECEIVED, form a SYN,ACK segment
	// <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK> and send it": a simultaneous
	// open. Our SYN is still outstanding, so this is our SYN again, now
	// with an ACK.
	e.pending = append([]byte(nil), seg.Payload...)
	e.move(RcvSYN)
	syn, _ := e.build(e.iss, e.sndNxt, false)
	e.send(&syn)
}

// arriveOther is RFC 9293 §3.10.7.4, "Other States": SYN-RECEIVED and the
// synchronized states.
func (e *Endpoint) arriveOther(seg *Segment) {
	// RFC 9293 §3.5 Figure 7, simultaneous open: in SYN-RECEIVED the peer's
	// SYN,ACK repeats its SYN (SEG.SEQ = IRS, below RCV.NXT), so the first
	// check below would refuse it, yet the figure has it complete the
	// handshake. Linux does the same (tcp_validate_incoming lets exactly
	// this segment through); so do we.
	if e.state == SynReceived && seg.Flags&(wire.SYN|wire.ACK|wire.RST) == wire.SYN|wire.ACK &&
		seg.Seq == e.irs && seg.Ack == e.sndNxt {
		e.acked(seg.Ack)
		e.setWindow(seg)
		e.move(RcvACKOfSYN)
		return
	}
	// TIME-WAIT: "The only thing that can arrive in this state is a
	// retransmission of the remote FIN. Acknowledge it, and restart the
	// 2 MSL timeout" (fifth check, TIME-WAIT). The FIN lies just below
	// RCV.NXT, so the first check would drop it before it got there;
	// Linux, too, handles it first (tcp_timewait_state_process).
	if e.state == TimeWait && seg.Flags.Has(wire.FIN) && !seg.Flags.Has(wire.RST) &&
		seg.Seq.Add(uint32(len(seg.Payload))).Add(1) == e.rcvNxt() {
		e.ackNow = true
		e.move(RcvFINInTimeWait)
		e.timeWait.Reset(2 * e.cfg.MSL)
		e.note("the FIN came again: our last ACK was lost; ACK again and restart 2MSL = %s", seconds(2*e.cfg.MSL))
		return
	}

	// "First, check sequence number": the segment must overlap the
	// receive window (acceptable). "If an incoming segment is not
	// acceptable, an acknowledgment should be sent in reply (unless the RST
	// bit is set, if so drop the segment and return):
	// <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>". This duplicate ACK tells a
	// peer whose ACK was lost, or whose segment is old, where we are.
	if !e.acceptable(seg) && e.RcvWnd() == 0 && seg.Seq == e.rcvNxt() && !seg.Flags.Has(wire.RST) {
		// "If the RCV.WND is zero, no segments will be acceptable, but
		// special allowance should be made to accept valid ACKs, URGs, and
		// RSTs": a segment that arrives in order but finds no room keeps
		// its ACK (and window) and loses its text, which we ask again
		// for with an ACK. A FIN or SYN on it is dropped with the text: the
		// FIN comes again when the peer resends it into the open window,
		// and a SYN draws the same ACK the challenge path would send.
		bare := *seg
		bare.Payload, bare.Flags = nil, seg.Flags&^(wire.FIN|wire.SYN)
		seg = &bare
		e.ackNow = true
	}
	if !e.acceptable(seg) {
		if !seg.Flags.Has(wire.RST) {
			e.note("%s seq=%d is outside the receive window [%d, %d): ACK to say where we are",
				FlagNames(seg.Flags), uint32(seg.Seq), uint32(e.rcvNxt()), uint32(e.rcvNxt().Add(uint32(e.RcvWnd()))))
			e.ackNow = true
		}
		return
	}

	// "Second, check the RST bit", as RFC 5961 §3.2 tightens it: a reset
	// is obeyed only if SEG.SEQ is exactly RCV.NXT; one elsewhere in the
	// window gets a "challenge ACK", which a genuine peer answers with an
	// exact reset and a blind attacker cannot.
	if seg.Flags.Has(wire.RST) {
		if seg.Seq != e.rcvNxt() {
			e.note("RST seq=%d is in the window but not RCV.NXT=%d: challenge ACK (RFC 5961 §3.2)", uint32(seg.Seq), uint32(e.rcvNxt()))
			e.ackNow = true
			return
		}
		e.reset()
		return
	}

	// "Third, check security": not modelled.

	// "Fourth, check the SYN bit." In SYN-RECEIVED, after a passive OPEN:
	// "return this connection to the LISTEN state". In the synchronized
	// states a SYN gets a challenge ACK (RFC 5961 §4.2): if the peer has
	// really restarted, its SYN-SENT side will answer our ACK with a
	// reset (§3.10.7.3, first check), which clears us out.
	if seg.Flags.Has(wire.SYN) {
		if e.state == SynReceived && e.passive {
			e.move(RcvSYN)
			return
		}
		e.note("SYN seq=%d in %s: challenge ACK (RFC 5961 §4.2)", uint32(seg.Seq), e.state)
		e.ackNow = true
		return
	}

	// "Fifth, check the ACK field": "if the ACK bit is off, drop the
	// segment and return".
	if !seg.Flags.Has(wire.ACK) {
		return
	}
	if !e.processACK(seg) {
		return
	}

	// "Sixth, check the URG bit": not modelled.

	// "Seventh, process the segment text" in ESTABLISHED, FIN-WAIT-1
	// and FIN-WAIT-2. In CLOSE-WAIT, CLOSING, LAST-ACK and TIME-WAIT
	// "this should not occur since a FIN has been received from the remote
	// side. Ignore the segment text."
	switch e.state {
	case Established, FinWait1, FinWait2:
		e.receiveText(seg.Seq, seg.Payload)
	}

	// "Eighth, check the FIN bit", for a FIN that arrives in order.
	if seg.Flags.Has(wire.FIN) && seg.Seq.Add(uint32(len(seg.Payload))) == e.rcvNxt() {
		e.receiveFIN()
	}
}

// processACK is the fifth check of RFC 9293 §3.10.7.4. It reports whether
// processing goes on to the segment's text and FIN.
func (e *Endpoint) processACK(seg *Segment) bool {
	if e.state == SynReceived {
		// "If SND.UNA < SEG.ACK =< SND.NXT, then enter ESTABLISHED state
		// and continue processing … If the segment acknowledgment is not
		// acceptable, form a reset segment <SEQ=SEG.ACK><CTL=RST> and
		// send it."
		if !(e.sndUna.LessThan(seg.Ack) && seg.Ack.LessThanEq(e.sndNxt)) {
			e.note("ACK %d does not acknowledge our SYN,ACK: reset it", uint32(seg.Ack))
			e.sendRST(seg.Ack, 0, wire.RST)
			return false
		}
		e.acked(seg.Ack)
		e.setWindow(seg)
		e.move(RcvACKOfSYN)
	}
	// ESTABLISHED and after. "If the ACK acks something not yet sent
	// (SEG.ACK > SND.NXT), then send an ACK, drop the segment, and
	// return."
	if seg.Ack.GreaterThan(e.sndNxt) {
		e.note("ACK %d acknowledges data not yet sent (SND.NXT=%d): ACK and drop", uint32(seg.Ack), uint32(e.sndNxt))
		e.ackNow = true
		return false
	}
	// "If SND.UNA < SEG.ACK =< SND.NXT, then set SND.UNA <- SEG.ACK"; an
	// older SEG.ACK is a duplicate "and can be ignored". The window is
	// updated only "if SND.UNA =< SEG.ACK =< SND.NXT".
	current := e.sndUna.LessThanEq(seg.Ack)
	e.congestionOnACK(seg) // RFC 5681: counts duplicates, grows or cuts cwnd
	if e.sndUna.LessThan(seg.Ack) {
		e.acked(seg.Ack)
	}
	if current {
		e.updateWindow(seg)
	}
	e.probeAnswered()
	e.congestionAct()

	finAcked := e.finQueued && e.sndUna == e.finSeq().Add(1)
	switch e.state {
	case FinWait1:
		// "In addition to the processing for the ESTABLISHED state, if
		// the FIN segment is now acknowledged, then enter FIN-WAIT-2." If
		// this very segment carries the peer's FIN too, the eighth check
		// takes us straight to TIME-WAIT instead.
		if finAcked && !e.finInOrder(seg) {
			e.move(RcvACKOfFIN)
		}
	case Closing:
		// "If the ACK acknowledges our FIN, then enter the TIME-WAIT
		// state; otherwise, ignore the segment."
		if finAcked {
			e.move(RcvACKOfFIN)
		}
	case LastAck:
		// "The only thing that can arrive in this state is an
		// acknowledgment of our FIN. If our FIN is now acknowledged,
		// delete the TCB, enter the CLOSED state, and return."
		if finAcked {
			e.move(RcvACKOfFIN)
			return false
		}
	}
	return true
}

// receiveFIN is the eighth check of RFC 9293 §3.10.7.4: the peer will send
// no more. "Advance RCV.NXT over the FIN, and send an acknowledgment for
// the FIN."
func (e *Endpoint) receiveFIN() {
	if e.finRcvd {
		return // a repeat, in CLOSE-WAIT, CLOSING or LAST-ACK: "remain"
	}
	e.finRcvd = true
	e.ackNow = true
	// The application hears of the FIN after the state has changed, so
	// that a close() it makes at once finds CLOSE-WAIT.
	defer func() {
		if e.OnEOF != nil {
			e.OnEOF()
		}
	}()
	switch e.state {
	case Established:
		e.move(RcvFIN) // CLOSE-WAIT
	case FinWait1:
		// "If our FIN has been ACKed (perhaps in this segment), then
		// enter TIME-WAIT …; otherwise, enter the CLOSING state."
		if e.finQueued && e.sndUna == e.finSeq().Add(1) {
			e.move(RcvFINACKOfFIN)
		} else {
			e.move(RcvFIN)
		}
	case FinWait2:
		e.move(RcvFIN) // TIME-WAIT
	}
}

// reset handles an acceptable RST (RFC 9293 §3.10.7.4, second check).
func (e *Endpoint) reset() {
	switch e.state {
	case SynReceived:
		// "If this connection was initiated with a passive OPEN, then
		// return this connection to the LISTEN state and return … If
		// this connection was initiated with an active OPEN (that is,
		// came from SYN-SENT state), then the connection was refused."
		if e.passive {
			e.move(RcvRSTPassive) // not an error: the connection was never open
			return
		}
		e.err = ErrRefused
	case TimeWait:
		// The application closed long ago; nothing to report.
	default:
		e.err = ErrReset
	}
	e.move(RcvRST)
}

// acceptable is the first check of RFC 9293 §3.10.7.4, its four cases:
//
//	SEG.LEN  RCV.WND  test
//	0        0        SEG.SEQ = RCV.NXT
//	0        >0       RCV.NXT =< SEG.SEQ < RCV.NXT+RCV.WND
//	>0       0        not acceptable
//	>0       >0       RCV.NXT =< SEG.SEQ < RCV.NXT+RCV.WND
//	                  or RCV.NXT =< SEG.SEQ+SEG.LEN-1 < RCV.NXT+RCV.WND
//
// With a zero window nothing carrying data is acceptable; the RFC's
// "special allowance ... to accept valid ACKs, URGs, and RSTs" is made in
// arriveOther.
func (e *Endpoint) acceptable(seg *Segment) bool {
	nxt, wnd, n := e.rcvNxt(), uint32(e.RcvWnd()), seg.Len()
	switch {
	case n == 0 && wnd == 0:
		return seg.Seq == nxt
	case n == 0:
		return seg.Seq.InWindow(nxt, wnd)
	case wnd == 0:
		return false
	}
	return seg.Seq.InWindow(nxt, wnd) || seg.Seq.Add(n-1).InWindow(nxt, wnd)
}

// finInOrder reports whether seg carries a FIN that will be processed: one
// whose data reaches exactly to where the FIN sits, starting at or below
// RCV.NXT.
func (e *Endpoint) finInOrder(seg *Segment) bool {
	if !seg.Flags.Has(wire.FIN) || e.finRcvd {
		return false
	}
	end := seg.Seq.Add(uint32(len(seg.Payload)))
	return seg.Seq.LessThanEq(e.rcvNxt()) && end.GreaterThanEq(e.rcvNxt())
}

// learnPeer records what the peer's SYN says: its ISN (IRS), and its MSS,
// window scale and SACK-permitted options (RFC 9293 §3.7.1, RFC 7323
// §2.2, RFC 2018 §2).
func (e *Endpoint) learnPeer(seg *Segment) {
	e.irs, e.haveIRS = seg.Seq, true
	e.rcv = newReassembly(seg.Seq.Add(1), e.cfg.RcvWnd)
	e.sndMSS = DefaultPeerMSS
	if seg.MSS != 0 {
		e.sndMSS = int(seg.MSS)
	}
	if e.sndMSS > e.cfg.MSS {
		e.sndMSS = e.cfg.MSS // we cannot send larger segments than our own link takes
	}
	if seg.HasWScale && e.cfg.wantShift() >= 0 {
		e.wsOK = true
		e.sndShift = seg.WScale
		if e.sndShift > wire.MaxWindowShift {
			e.sndShift = wire.MaxWindowShift // RFC 7323 §2.3: "use 14 instead of the value received"
		}
		e.rcvShift = uint8(e.cfg.wantShift())
	}
	e.sackOK = seg.SACKPermitted && e.cfg.SACK
}

// updateWindow takes SND.WND from an acceptable ACK, if it is newer than the
// last update (RFC 9293 §3.10.7.4, fifth check): "If SND.WL1 < SEG.SEQ or
// (SND.WL1 = SEG.SEQ and SND.WL2 =< SEG.ACK), set SND.WND <- SEG.WND, set
// SND.WL1 <- SEG.SEQ, and set SND.WL2 <- SEG.ACK."
func (e *Endpoint) updateWindow(seg *Segment) {
	if e.sndWL1.LessThan(seg.Seq) || (e.sndWL1 == seg.Seq && e.sndWL2.LessThanEq(seg.Ack)) {
		e.setWindow(seg)
	}
}

// setWindow takes SND.WND from seg unconditionally, as the handshake does
// (RFC 9293 §3.10.7.3 and the fifth check in SYN-RECEIVED: "set SND.WND <-
// SEG.WND, SND.WL1 <- SEG.SEQ, SND.WL2 <- SEG.ACK"). A window in a SYN is
// never scaled (RFC 7323 §2.2).
func (e *Endpoint) setWindow(seg *Segment) {
	first := seg.Flags.Has(wire.SYN)
	w := uint32(seg.Window)
	if !first && e.wsOK {
		w <<= e.sndShift
	}
	e.sndWnd, e.sndWL1, e.sndWL2 = w, seg.Seq, seg.Ack
}

// receiveText hands data whose first byte is s to the receive buffer and
// delivers what is now in order, then decides when to acknowledge it
// (delayedack.go).
func (e *Endpoint) receiveText(s seq.Num, data []byte) {
	if len(data) == 0 {
		return
	}
	inOrder := s == e.rcvNxt()
	hadHoles := e.rcv.Buffered() > 0
	// Only the part inside the window is kept (RFC 9293 §3.10.7.4: "the
	// idealized segment ... does not exceed the window").
	if end := e.rcvNxt().Add(uint32(e.RcvWnd())); s.Add(uint32(len(data))).GreaterThan(end) {
		if !s.LessThan(end) {
			e.ackNow = true
			return
		}
		data = data[:s.Distance(end)]
	}
	r := e.rcv.Insert(s, data)
	e.ackPolicy(inOrder && !hadHoles && !r.Buffered && !r.Duplicate && len(data) >= e.cfg.MSS)
	e.stats.BytesDelivered += len(r.Delivered)
	if e.cfg.ManualRead {
		e.rcvUser = append(e.rcvUser, r.Delivered...)
		return
	}
	if len(r.Delivered) > 0 && e.OnData != nil {
		e.OnData(r.Delivered)
	}
}
