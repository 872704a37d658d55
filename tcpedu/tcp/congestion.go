package tcp

import (
	"github.com/tcpedu/tcpedu/tcpedu/cc"
	"github.com/tcpedu/tcpedu/tcpedu/wire"
)

// This file joins the connection to its congestion control (package cc):
// the send window is the smaller of what the peer offers and what the
// network is thought to take (RFC 5681 §3: "the minimum of cwnd and rwnd"),
// duplicate ACKs are counted, and the algorithm's answers (fast
// retransmit, NewReno's partial-ACK retransmission) are carried out. A
// connection that uses SACK counts its duplicates and recovers as RFC 6675
// says instead (sack.go).

// startCongestionControl picks the algorithm once the handshake has told
// us the MSS.
func (e *Endpoint) startCongestionControl() {
	if e.cfg.CC == "none" || e.cc != nil {
		return
	}
	name := e.cfg.CC
	if name == "" {
		name = DefaultCC
	}
	iw := e.cfg.InitialWindow
	if e.synBackoff {
		// RFC 5681 §3.1: "if the SYN or SYN/ACK is lost, the initial
		// window used by a sender after a correctly transmitted SYN MUST
		// be one segment consisting of at most SMSS bytes."
		iw = e.sndMSS
	}
	ccfg := cc.Config{MSS: e.sndMSS, InitialWindow: iw, SACK: e.sackOK}
	if e.cfg.NewCC != nil {
		e.cc = e.cfg.NewCC(ccfg)
	} else {
		alg, err := cc.New(name, ccfg)
		if err != nil {
			panic("tcp: bug: Config.Validate let through " + err.Error())
		}
		e.cc = alg
	}
	// RFC 6675's marks (sack.go), before any recovery: nothing to wait
	// for, nothing resent. Entering recovery sets them again (4.1, 4.3).
	e.recoveryPoint, e.highRxt, e.rescueRxt = e.sndUna, e.sndUna, e.sndUna
}

// CC returns the connection's congestion control, or nil before the
// handshake or with Config.CC "none".
func (e *Endpoint) CC() cc.Algorithm { return e.cc }

// sendWindow returns how many bytes beyond SND.UNA may be in flight:
// min(cwnd, SND.WND).
func (e *Endpoint) sendWindow() uint32 {
	w := e.sndWnd
	if e.cc != nil && uint32(e.cc.Cwnd()) < w {
		w = uint32(e.cc.Cwnd())
	}
	return w
}

// isDuplicateACK applies RFC 5681 §2's definition: "(a) the receiver of
// the ACK has outstanding data, (b) the incoming acknowledgment carries no
// data, (c) the SYN and FIN bits are both off, (d) the acknowledgment
// number is equal to the greatest acknowledgment received on the given
// connection (TCP.UNA) and (e) the advertised window in the incoming
// acknowledgment equals the advertised window in the last incoming
// acknowledgment."
//
// Two more conditions keep flow control out of it: an ACK that offers a
// zero window, or answers a zero-window probe, says the receiver's buffer
// is full, not that a segment was lost, so it is never counted. Otherwise
// three replies to persist probes would start a fast recovery with nothing
// lost. (BSD and Linux avoid that too, by other means: BSD ignores
// duplicates while its retransmission timer is stopped, and Linux's probe
// carries no new data.)
func (e *Endpoint) isDuplicateACK(seg *Segment) bool {
	return e.sndWnd > 0 && seg.Window > 0 && !e.probing &&
		e.sndUna != e.sndNxt && // (a)
		len(seg.Payload) == 0 && // (b)
		!seg.Flags.Has(wire.SYN) && !seg.Flags.Has(wire.FIN) && // (c)
		seg.Ack == e.sndUna && // (d)
		e.scaledWindow(seg) == e.sndWnd // (e)
}

// scaledWindow returns the window seg offers, in bytes.
func (e *Endpoint) scaledWindow(seg *Segment) uint32 {
	w := uint32(seg.Window)
	if e.wsOK && !seg.Flags.Has(wire.SYN) {
		w <<= e.sndShift
	}
	return w
}

// congestionOnACK tells the algorithm about an acceptable ACK, before
// SND.UNA moves: a duplicate, or one acknowledging new data.
func (e *Endpoint) congestionOnACK(seg *Segment) {
	if e.isDuplicateACK(seg) {
		e.stats.DupACKs++ // RFC 5681's definition, SACK or not: what tshark counts
	}
	if e.sackOK {
		e.sackOnACK(seg) // RFC 6675's duplicate ACKs, not RFC 5681's
		return
	}
	if e.cc == nil {
		return
	}
	flight := int(e.sndUna.Distance(e.sndNxt))
	a := cc.Ack{Ack: seg.Ack, FlightSize: flight, SndNxt: e.sndNxt}
	switch {
	case e.sndUna.LessThan(seg.Ack):
		e.dupAcks = 0
		a.Acked = int(e.sndUna.Distance(seg.Ack))
		inRecovery := e.cc.Phase() == cc.FastRecovery
		act := e.cc.OnAck(a)
		if act.Retransmit {
			e.note("partial ACK %d in fast recovery: resend the next hole at once (RFC 6582), cwnd %d", uint32(seg.Ack), e.cc.Cwnd())
		} else if inRecovery && e.cc.Phase() != cc.FastRecovery {
			e.note("ACK %d ends fast recovery: cwnd %d, ssthresh %d", uint32(seg.Ack), e.cc.Cwnd(), e.cc.Ssthresh())
		}
		e.pendingAction = act
	case e.isDuplicateACK(seg):
		e.dupAcks++
		a.DupAcks = e.dupAcks
		act := e.cc.OnDupAck(a)
		if act.Retransmit {
			e.note("%s duplicate ACK %d: fast retransmit; ssthresh %d, cwnd %d (%s)",
				ordinal(e.dupAcks), uint32(seg.Ack), e.cc.Ssthresh(), e.cc.Cwnd(), e.cc.Name())
		}
		e.pendingAction = act
	}
}

// congestionAct carries out what the algorithm asked for, once the ACK has
// been processed.
func (e *Endpoint) congestionAct() {
	act := e.pendingAction
	e.pendingAction = cc.Action{}
	if act.GoBack {
		e.rexmtNxt = e.sndUna
	}
	if act.Retransmit && e.sndUna != e.sndNxt {
		e.retransmitFirst()
	}
	if act.ResetTimer {
		e.rexmt.Reset(e.rto.RTO)
	}
}

// retransmitFirst resends the earliest unacknowledged segment: fast
// retransmit (RFC 5681 §3.2 step 3), partial-ACK retransmission, and the
// first retransmission of SACK recovery (RFC 6675 §5 step (4.3)).
func (e *Endpoint) retransmitFirst() {
	seg, ok := e.build(e.sndUna, e.holeEnd(e.sndUna), e.sndNxt.GreaterThan(e.finSeq()))
	if !ok {
		return
	}
	if e.sackOK {
		// (4.3): "set both HighRxt and RescueRxt to the highest sequence
		// number in the retransmitted segment".
		e.highRxt = e.sndUna.Add(seg.Len())
		e.rescueRxt = e.highRxt
	}
	e.timing = false // Karn
	e.send(&seg)
	e.stats.Retransmissions++
	e.stats.FastRetransmits++
	if !e.rexmt.Active() {
		e.rexmt.Reset(e.rto.RTO)
	}
	if e.rexmtNxt.LessThan(e.sndUna.Add(seg.Len())) {
		e.rexmtNxt = e.sndUna.Add(seg.Len())
	}
}

// congestionOnTimeout tells the algorithm the timer expired, and starts
// going back: after a timeout every segment from SND.UNA on is sent again
// as the (now small) window allows, as BSD does by pulling snd_nxt back,
// rather than one segment per timeout.
func (e *Endpoint) congestionOnTimeout() {
	if e.cc == nil || e.state == SynSent || e.state == SynReceived {
		return
	}
	e.cc.OnTimeout(cc.Ack{Ack: e.sndUna, FlightSize: int(e.sndUna.Distance(e.sndNxt)), SndNxt: e.sndNxt, Timeouts: e.retries})
	e.dupAcks = 0
	e.rexmtNxt = e.sndUna
	e.stats.Timeouts++
	if e.sackOK {
		e.sackOnTimeout()
	}
}

func ordinal(n int) string {
	switch n {
	case 1:
		return "first"
	case 2:
		return "second"
	case 3:
		return "third"
	}
	return "another"
}

// Stats counts what a connection has sent.
type Stats struct {
	Segments        int // segments sent, retransmissions and pure ACKs included
	DataBytes       int // payload bytes sent, retransmissions included
	Retransmissions int // segments sent again, by timeout or fast retransmit
	FastRetransmits int // retransmissions prompted by duplicate or partial ACKs, or chosen by SACK recovery (sack.go)
	Timeouts        int // retransmission timer expiries
	DupACKs         int // duplicate ACKs received, by RFC 5681 §2's definition (isDuplicateACK)
	BytesDelivered  int // bytes of the peer's stream put in order in the receive buffer: given to OnData, or waiting for Read with ManualRead
}

// Stats returns the connection's counters.
func (e *Endpoint) Stats() Stats { return e.stats }

// Queued returns how many bytes the application has handed to Send that
// are not yet acknowledged, sent or not.
func (e *Endpoint) Queued() int { return e.sndBuf.len() }
