package tcp

import (
	"time"

	"github.com/tcpedu/tcpedu/tcpedu/seq"
)

// Flow control: the receiver's window is the room left in its buffer, and
// a sender whose window is zero keeps asking (RFC 9293 §3.8.6).
//
// With Config.ManualRead the application reads when it chooses (Read);
// bytes it has not read yet fill the buffer, RCV.WND shrinks to what is
// left, and a slow reader's window closes. When it reads again the window
// opens, and the receiver announces it with a window update: an ACK whose
// only news is the window. If that ACK is lost the sender, told the window
// is zero, would wait for ever, and the receiver would wait for data: the
// persist timer breaks the deadlock by probing the closed window.

// The persist timer's bounds: the first probe after one RTO (RFC 9293
// §3.8.6.1: "when a zero window has existed for the retransmission timeout
// period"), then doubling up to a minute, as BSD's TCPTV_PERSMAX.
const maxPersist = 60 * time.Second

// Read returns up to max bytes the peer has sent that the application has
// not read yet (all of them if max <= 0), with Config.ManualRead. Reading
// frees buffer space: if the window can open far enough to be worth
// announcing, an ACK announces it.
func (e *Endpoint) Read(max int) []byte {
	n := len(e.rcvUser)
	if max > 0 && max < n {
		n = max
	}
	out := append([]byte(nil), e.rcvUser[:n]...)
	e.rcvUser = e.rcvUser[:copy(e.rcvUser, e.rcvUser[n:])]
	if n > 0 && e.windowWorthAnnouncing() {
		e.ackNow = true
		e.note("the application read %d byte(s): announce the window, now %d", n, e.RcvWnd())
		e.output()
	}
	return out
}

// Unread returns how many received bytes the application has not read.
func (e *Endpoint) Unread() int { return len(e.rcvUser) }

// RcvWnd returns RCV.WND: how many bytes beyond RCV.NXT we accept. It is
// the room left in the receive buffer, except that a small opening is not
// announced (receiver silly window avoidance, RFC 9293 §3.8.6.2.2): the
// right edge moves only once it can move by min(buffer/2, MSS) or more.
func (e *Endpoint) RcvWnd() int {
	room := e.cfg.RcvWnd - len(e.rcvUser)
	if !e.cfg.ManualRead || e.rcv == nil || !e.rcvAdvSet {
		return room // an application that reads at once: the buffer is always empty
	}
	nxt := e.rcvNxt()
	switch {
	case e.windowCanGrow(nxt, room):
		return room
	case e.rcvAdv.GreaterThan(nxt):
		// Keep the edge already announced: neither move it by a silly
		// amount nor shrink it (RFC 9293 §3.8.6.2.2).
		return int(nxt.Distance(e.rcvAdv))
	}
	return 0
}

// windowCanGrow reports whether the right edge nxt+room is far enough past
// the one announced to be worth moving.
func (e *Endpoint) windowCanGrow(nxt seq.Num, room int) bool {
	edge := nxt.Add(uint32(room))
	if !edge.GreaterThan(e.rcvAdv) {
		return false
	}
	step := e.cfg.RcvWnd / 2
	if e.cfg.MSS < step {
		step = e.cfg.MSS
	}
	return int(e.rcvAdv.Distance(edge)) >= step
}

// windowWorthAnnouncing reports whether reading has opened the window far
// enough for a window update.
func (e *Endpoint) windowWorthAnnouncing() bool {
	if e.rcv == nil {
		return false
	}
	return e.windowCanGrow(e.rcvNxt(), e.cfg.RcvWnd-len(e.rcvUser))
}

// announced records the right edge of the window a segment carries.
func (e *Endpoint) announced(window int) {
	if e.rcv == nil {
		return
	}
	e.rcvAdv, e.rcvAdvSet = e.rcvNxt().Add(uint32(window)), true
}

// persistCheck starts the persist timer when the peer's window is closed,
// data waits, and nothing is in flight to bring an ACK back; it stops it
// once the window opens.
func (e *Endpoint) persistCheck() {
	if e.cfg.NoPersist || !e.canSendData() {
		return
	}
	waiting := e.finSeq().GreaterThan(e.sndNxt)
	switch {
	case e.sndWnd > 0:
		e.persist.Stop()
		e.persistShift = 0
	case waiting && e.sndUna == e.sndNxt && !e.persist.Active():
		e.persist.Reset(e.persistTimeout())
	}
}

// persistTimeout is the RTO, doubled for each probe sent, at most a minute
// (RFC 9293 §3.8.6.1: the sender "SHOULD increase exponentially the
// interval between successive probes").
func (e *Endpoint) persistTimeout() time.Duration {
	d := e.rto.RTO
	for i := 0; i < e.persistShift && d < maxPersist; i++ {
		d *= 2
	}
	if d > maxPersist {
		d = maxPersist
	}
	return d
}

// onPersist sends a zero-window probe: "The sending TCP must regularly
// transmit at least one octet of new data (if available) ... even if the
// send window is zero" (RFC 9293 §3.8.6.1). The receiver, its window still
// closed, drops the octet and answers with an ACK that carries its window;
// if the window has opened (and its update was lost), the octet is taken
// and the ACK says so.
func (e *Endpoint) onPersist() {
	if e.sndWnd > 0 || e.sndUna != e.sndNxt || !e.canSendData() {
		return
	}
	seg, ok := e.build(e.sndNxt, e.sndNxt.Add(1), false)
	if !ok {
		return
	}
	e.note("zero window for %v: probe it with 1 byte (persist timer)", e.persistTimeout())
	e.send(&seg)
	e.sndNxt = e.sndNxt.Add(seg.Len())
	e.rexmtNxt = e.sndNxt
	e.probing = true
	e.persistShift++
	e.persist.Reset(e.persistTimeout())
}

// probeAnswered rewinds SND.NXT over a probe octet that the peer did not
// take (its window is still zero), so that the next probe sends it again:
// BSD's tcp_output does the same.
func (e *Endpoint) probeAnswered() {
	if !e.probing {
		return
	}
	if e.sndWnd == 0 && e.sndNxt.GreaterThan(e.sndUna) {
		e.sndNxt, e.rexmtNxt = e.sndUna, e.sndUna
		e.rexmt.Stop()
		return
	}
	e.probing = false
}
