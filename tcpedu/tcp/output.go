package tcp

import (
	"fmt"
	"strconv"
	"time"

	"github.com/tcpedu/tcpedu/tcpedu/arq"
	"github.com/tcpedu/tcpedu/tcpedu/cc"
	"github.com/tcpedu/tcpedu/tcpedu/seq"
	"github.com/tcpedu/tcpedu/tcpedu/wire"
)

// This file sends: new segments as the window allows, the ACK a segment
// is owed, resets, and retransmissions when the timer expires (RFC 6298).

// output sends every segment that is due: the SYN, new data the peer's
// window has room for, the FIN once the data before it is out, and, if
// none of those carried it, the ACK the last arrival is owed.
func (e *Endpoint) output() {
	switch e.state {
	case Closed, Listen:
		e.ackNow = false
		return
	}
	// After a timeout, what was in flight goes again first, as the
	// window allows (congestion.go): with SACK, only the holes (sack.go).
	for e.rexmtNxt.LessThan(e.sndNxt) && e.state != SynSent && e.state != SynReceived {
		if e.rexmtNxt.LessThan(e.sndUna) {
			e.rexmtNxt = e.sndUna
			continue
		}
		end := e.sndUna.Add(e.sendWindow())
		if end.GreaterThan(e.sndNxt) {
			end = e.sndNxt
		}
		if e.sackOK {
			end = e.skipSACKed(end)
		}
		seg, ok := e.build(e.rexmtNxt, end, e.sndNxt.GreaterThan(e.finSeq()))
		if !ok || !e.rexmtNxt.LessThan(end) && !seg.Flags.Has(wire.FIN) {
			break
		}
		e.send(&seg)
		e.stats.Retransmissions++
		e.rexmtNxt = e.rexmtNxt.Add(seg.Len())
	}
	if e.sackRecovery() {
		e.sackSend() // RFC 6675 §5: what to send is NextSeg's choice, how much is cwnd - pipe
	} else {
		for {
			dataEnd := e.sndUna.Add(e.sendWindow()) // the right edge of the send window
			var ok bool
			e.out, ok = e.build(e.sndNxt, dataEnd, true)
			seg := &e.out // reused: a segment on the heap per packet is what a long run would spend its time on
			if !ok || e.sillyWindow(seg) {
				break
			}
			e.sendNew(seg)
		}
	}
	if e.ackNow && e.haveIRS {
		// <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>
		e.out = Segment{Seq: e.sndNxt, Ack: e.rcvNxt(), Flags: wire.ACK, Window: e.windowField(false)}
		e.send(&e.out)
	}
	e.ackNow = false
	e.persistCheck()
}

// sendNew sends seg, which starts at SND.NXT, and moves SND.NXT past it.
func (e *Endpoint) sendNew(seg *Segment) {
	segLen, n := seg.Len(), len(seg.Payload)
	e.send(seg)
	if n > 0 && n < e.sndMSS {
		e.smallEnd, e.smallSent = e.sndNxt.Add(segLen), true
	}
	if !e.timing {
		// Time this segment's round trip; Karn's algorithm cancels the
		// measurement if it is retransmitted (RFC 6298 §3).
		e.timing, e.timedSeq, e.timedAt = true, e.sndNxt, e.host.sim.Now()
	}
	e.sndNxt = e.sndNxt.Add(segLen)
	e.rexmtNxt = e.sndNxt
	if !e.rexmt.Active() {
		e.rexmt.Reset(e.rto.RTO) // RFC 6298 §5.1
	}
}

// build forms the segment that starts at sequence number from: the SYN if
// from is ISS, else data up to dataEnd (at most one MSS) and, if finOK
// and the data reaches the FIN's place, the FIN. ok is false if there is
// nothing to send from there. The FIN is not held back by the window: it
// carries no data for the peer to buffer.
func (e *Endpoint) build(from, dataEnd seq.Num, finOK bool) (seg Segment, ok bool) {
	seg = Segment{Seq: from}
	if e.haveIRS {
		seg.Flags, seg.Ack = wire.ACK, e.rcvNxt()
	}
	if from == e.iss {
		if !e.canSendSYN() {
			return seg, false
		}
		// The SYN: our ISN, and the options a SYN negotiates. A SYN,ACK
		// offers window scale only if the SYN did (RFC 7323 §2.2), and
		// SACK-permitted likewise (RFC 2018 §2). The window in a SYN is
		// never scaled.
		seg.Flags |= wire.SYN
		seg.Window = e.windowField(true)
		seg.MSS = uint16(e.cfg.MSS)
		if shift := e.cfg.wantShift(); shift >= 0 && (!e.haveIRS || e.wsOK) {
			seg.WScale, seg.HasWScale = uint8(shift), true
		}
		seg.SACKPermitted = e.cfg.SACK && (!e.haveIRS || e.sackOK)
		return seg, true
	}
	if !e.canSendData() {
		return seg, false
	}
	seg.Window = e.windowField(false)
	bufEnd := e.finSeq()
	if from.GreaterThan(bufEnd) {
		return seg, false // everything, FIN included, has been sent
	}
	n := 0
	if from.LessThan(bufEnd) && from.LessThan(dataEnd) {
		n = int(from.Distance(bufEnd))
		if w := int(from.Distance(dataEnd)); w < n {
			n = w
		}
		if n > e.sndMSS {
			n = e.sndMSS
		}
		off := int(e.sndBufSeq.Distance(from))
		seg.Payload = e.sndBuf.bytes()[off : off+n]
		if from.Add(uint32(n)) == bufEnd {
			seg.Flags |= wire.PSH // the last byte queued: push it (as Linux marks it)
		}
	}
	if finOK && e.finQueued && from.Add(uint32(n)) == bufEnd {
		seg.Flags |= wire.FIN
	}
	return seg, n > 0 || seg.Flags.Has(wire.FIN)
}

// sillyWindow reports whether seg, a new segment shorter than the MSS,
// should wait: the sender's silly window syndrome avoidance (RFC 9293
// §3.8.6.2.1; RFC 1122 §4.2.3.4). A short segment goes out only if it
// carries the last data queued and no other short segment is still
// unacknowledged (Minshall's form of Nagle's algorithm, which Linux
// uses), or if nothing at all is in flight. Otherwise a congestion window
// that opens a few bytes per ACK would be sent as a stream of tiny
// segments.
func (e *Endpoint) sillyWindow(seg *Segment) bool {
	n := len(seg.Payload)
	if n == 0 || n >= e.sndMSS || seg.Flags.Has(wire.FIN) || e.sndUna == e.sndNxt {
		return false
	}
	last := seg.Seq.Add(uint32(n)) == e.finSeq()
	return !last || e.smallSent && e.smallEnd.GreaterThan(e.sndUna)
}

// canSendSYN reports whether our SYN is still to be sent or resent: it has
// not been acknowledged, in a state that has one. Besides SYN-SENT and
// SYN-RECEIVED that is FIN-WAIT-1 after a CLOSE in SYN-RECEIVED (the SYN,ACK
// may still be lost and need resending) and the two-way rule's ESTABLISHED.
func (e *Endpoint) canSendSYN() bool {
	switch e.state {
	case Closed, Listen, TimeWait:
		return false
	}
	return e.sndUna == e.iss
}

// canSendData reports whether the state sends data and the FIN: the states
// where our direction is open, and those where the FIN has been queued
// but may still need sending or resending.
func (e *Endpoint) canSendData() bool {
	switch e.state {
	case Established, CloseWait, FinWait1, Closing, LastAck:
		return true
	case SynReceived:
		return e.finQueued // CLOSE in SYN-RECEIVED: the FIN may follow the SYN
	}
	return false
}

// send transmits seg to the peer. Any segment with ACK set carries the
// acknowledgment an arrival was owed, and, on a connection that uses SACK,
// the blocks held out of order (sack.go).
func (e *Endpoint) send(seg *Segment) {
	if seg.Flags.Has(wire.ACK) {
		e.ackSent()
		if e.sackOK && !seg.Flags.Has(wire.SYN) {
			seg.SACK = e.sackBlocks()
		}
	}
	if !seg.Flags.Has(wire.SYN) {
		w := int(seg.Window)
		if e.wsOK {
			w <<= e.rcvShift
		}
		e.announced(w)
	}
	e.stats.Segments++
	e.stats.DataBytes += len(seg.Payload)
	e.host.transmit(e, e.local, e.remote, seg)
}

// sendRST transmits a reset.
func (e *Endpoint) sendRST(s, ack seq.Num, flags wire.Flags) {
	rst := Segment{Seq: s, Ack: ack, Flags: flags}
	e.host.transmit(e, e.local, e.remote, &rst)
}

// windowField returns the window to put in a segment's header: RCV.WND,
// shifted right by our window scale except in a SYN (RFC 7323 §2.2), and
// capped at the 16 bits of the field.
//
// Shifting right rounds down, and a window rounded down can put the right
// edge below the one announced before: the window would shrink, which a
// receiver should not do (RFC 9293 §3.8.6; RFC 7323 Appendix F). So when
// rounding down would pull the edge back, the window is rounded up
// instead, as Linux does (tcp_select_window), even if that offers up to
// 2^shift − 1 bytes more than the buffer holds.
func (e *Endpoint) windowField(syn bool) uint16 {
	w := e.RcvWnd()
	if !syn && e.wsOK {
		down := w >> e.rcvShift
		if e.rcv != nil && e.rcvAdvSet && e.rcvNxt().Add(uint32(down<<e.rcvShift)).LessThan(e.rcvAdv) {
			down = (w + 1<<e.rcvShift - 1) >> e.rcvShift
		}
		w = down
	}
	if w > 0xFFFF {
		w = 0xFFFF
	}
	return uint16(w)
}

// acked advances SND.UNA to ack, which the caller has checked is new:
// acknowledged bytes leave the send buffer, the RTT measurement ends if its
// segment is covered, and the retransmission timer restarts for what is
// left or stops if nothing is (RFC 6298 §5.2, §5.3).
func (e *Endpoint) acked(ack seq.Num) {
	e.sndUna = ack
	if ack.GreaterThan(e.sndBufSeq) {
		n := int(e.sndBufSeq.Distance(ack))
		if n > e.sndBuf.len() {
			n = e.sndBuf.len() // the FIN's sequence number is not a byte
		}
		e.sndBuf.consume(n)
		e.sndBufSeq = e.sndBufSeq.Add(uint32(n))
	}
	e.retries = 0
	if e.timing && ack.GreaterThan(e.timedSeq) {
		e.timing = false
		e.rto.Sample(e.host.sim.Now() - e.timedAt)
	}
	switch {
	case e.sndUna == e.sndNxt:
		e.rexmt.Stop()
	case e.cc != nil && e.cc.Phase() == cc.FastRecovery && !e.sackOK:
		// A partial ACK in fast recovery: the timer is reset on the
		// first one only (RFC 6582 §3.2 step 3; RFC 3782 §4 called this
		// the "Impatient" variant), through congestionAct. Otherwise a recovery that
		// repairs one hole per round trip could last for ever without
		// the timer ever expiring to rescue it. A SACK sender resends
		// every hole it knows of within a round trip (sack.go), and
		// restarts the timer on every new ACK, as RFC 6298 §5.3 says.
	default:
		e.rexmt.Reset(e.rto.RTO)
	}
}

// onRetransmitTimeout runs when the retransmission timer expires (RFC 6298
// §5.4–§5.6): resend the earliest unacknowledged segment, double the RTO,
// restart the timer. After the retry limit for the state, give up.
func (e *Endpoint) onRetransmitTimeout() {
	limit := e.cfg.Retries
	switch e.state {
	case SynSent:
		limit = e.cfg.SynRetries
	case SynReceived:
		limit = e.cfg.SynAckRetries
	}
	if e.retries >= limit {
		e.note("no answer after %d retransmissions: give up", e.retries)
		if Transitions[Lookup(e.state, TimeoutGiveUp)].Send == "RST" {
			e.sendRST(e.sndNxt, 0, wire.RST)
		}
		e.err = ErrTimedOut
		e.move(TimeoutGiveUp)
		return
	}
	e.retries++
	e.timing = false // Karn: never time a retransmitted segment
	if e.state == SynSent || e.state == SynReceived {
		e.synBackoff = true
	}
	e.congestionOnTimeout()
	seg, ok := e.build(e.sndUna, e.holeEnd(e.sndUna), e.sndNxt.GreaterThan(e.finSeq()))
	if !ok {
		return
	}
	e.rto.Backoff() // §5.5
	e.send(&seg)
	e.stats.Retransmissions++
	if e.rexmtNxt.LessThan(e.sndUna.Add(seg.Len())) {
		e.rexmtNxt = e.sndUna.Add(seg.Len())
	}
	e.rexmt.Reset(e.rto.RTO) // §5.6
	e.note("retransmission timeout: resend %s seq=%d (retry %d), RTO now %s", FlagNames(seg.Flags), uint32(seg.Seq), e.retries, seconds(e.rto.RTO))
}

// onTimeWaitTimeout ends TIME-WAIT (RFC 9293 §3.10.8).
func (e *Endpoint) onTimeWaitTimeout() {
	if e.state == TimeWait {
		e.move(Timeout2MSL)
	}
}

// onFinWait2Timeout closes an orphaned FIN-WAIT-2 connection (Linux's
// tcp_fin_timeout; see Config.FinWait2Timeout).
func (e *Endpoint) onFinWait2Timeout() {
	if e.state == FinWait2 {
		e.note("no FIN from the peer after %s in FIN-WAIT-2: give up (Linux's tcp_fin_timeout)", seconds(e.cfg.FinWait2Timeout))
		e.move(TimeoutFinWait2)
	}
}

// finSeq returns the sequence number the FIN takes, or will take once the
// application closes: the one after the last byte queued.
func (e *Endpoint) finSeq() seq.Num { return e.sndBufSeq.Add(uint32(e.sndBuf.len())) }

// rcvNxt returns RCV.NXT: the reassembly buffer's, plus one once the
// peer's FIN has been received, since the FIN takes a sequence number but
// is not a byte of the stream.
func (e *Endpoint) rcvNxt() seq.Num {
	if e.rcv == nil {
		return 0
	}
	if e.finRcvd {
		return e.rcv.RcvNxt().Add(1)
	}
	return e.rcv.RcvNxt()
}

// newReassembly is the receive buffer: the one from package arq, which
// keeps out-of-order data and reports what is delivered in order.
func newReassembly(rcvNxt seq.Num, window int) *arq.Reassembly {
	return arq.NewReassembly(rcvNxt, window)
}

// note passes a remark about this connection to the host's OnNote.
func (e *Endpoint) note(format string, args ...any) {
	e.host.note(e, format, args...)
}

// seconds formats d for a note: "60 s", "1.5 s", "200 ms".
func seconds(d time.Duration) string {
	if d < time.Second {
		return fmt.Sprintf("%d ms", d/time.Millisecond)
	}
	return strconv.FormatFloat(d.Seconds(), 'f', -1, 64) + " s"
}
