package tcp

import (
	"github.com/tcpedu/tcpedu/tcpedu/cc"
	"github.com/tcpedu/tcpedu/tcpedu/seq"
	"github.com/tcpedu/tcpedu/tcpedu/wire"
)

// This file is SACK: the option by which a receiver reports the blocks it
// holds above RCV.NXT (RFC 2018), and the loss recovery a sender builds on
// them (RFC 6675). Config.SACK offers it; the connection uses it when both
// SYNs carried SACK-permitted (Endpoint.SACK).
//
// Without SACK a sender learns of one hole per round trip: the cumulative
// ACK stops at the first, and says nothing of what lies beyond (NewReno
// resends the next hole only when the partial ACK for the previous one
// comes back). With SACK each ACK says which blocks arrived:
//
//	  hole     SACKed     hole     SACKed      hole
//	|......|##########|......|##########|.............|
//	SND.UNA                                       SND.NXT
//	= HighACK+1                                   = HighData+1
//
// and the sender keeps them in a scoreboard (arq.Scoreboard), resends every
// hole it judges lost within about one round trip, and counts what is
// still in the network (pipe) so as to send, hole or new data, exactly as
// much as cwnd allows. The files divide the work: this one decides what to
// send and when recovery begins and ends; package cc (cc/sack.go) does the
// arithmetic of cwnd and ssthresh.
//
// # Names
//
// RFC 6675 §2 numbers octets: HighACK is the last octet acknowledged,
// HighData the last octet sent. This file keeps SND.UNA and SND.NXT, which
// are one past those, and keeps its own variables one past the octet the
// RFC names, so that every range is [from, end) as elsewhere in the model:
//
//	RFC 6675          here
//	HighACK + 1       SND.UNA
//	HighData + 1      SND.NXT
//	HighRxt + 1       highRxt        "S > HighRxt" is S >= highRxt
//	RescueRxt + 1     rescueRxt
//	RecoveryPoint + 1 recoveryPoint  = SND.NXT when recovery began
//	DupThresh         cc.DupThresh   3
//	DupAcks           dupAcks
//	Pipe              setPipe()      bytes
//
// # Simplifications
//
//   - No Limited Transmit (RFC 6675 §5 step (3), a MAY), as without SACK.
//   - No D-SACK (RFC 2883): the receiver never reports duplicates, and the
//     sender ignores blocks at or below SND.UNA.
//   - After a retransmission timeout the scoreboard is kept, and going
//     back resends holes only. RFC 2018 §5 says a sender SHOULD forget
//     SACK information then, in case the receiver has reneged (thrown away
//     data it SACKed, RFC 2018 §8); RFC 6675 §5.1 notes that this has come
//     to be seen as too strong, and that with robust tests for reneging a
//     sender may keep it (Errata 1610). The test here is Linux's
//     (tcp_check_sack_reneging): an ACK that stops at a byte the
//     scoreboard says is SACKed proves the receiver dropped it, and the
//     scoreboard is forgotten. Our own receiver never reneges.
//   - After a timeout the send window is still SND.UNA + cwnd, SACKed
//     bytes inside it included; Linux counts them out, as pipe does.
//   - A data segment that carries SACK blocks is not shortened to make
//     room for them (RFC 9293 §3.7.1 would take the option bytes from the
//     MSS); in a bulk transfer only pure ACKs carry them.

// sackBlocks returns the SACK blocks an ACK we send carries: none if
// nothing is held out of order (the ACK then covers everything received),
// else up to four, the block with the most recently received segment
// first and the most recently reported ones after it (RFC 2018 §4). Without
// timestamps all four fit (RFC 2018 §3).
func (e *Endpoint) sackBlocks() []wire.SACKBlock {
	if e.rcv == nil || e.rcv.Buffered() == 0 {
		return nil
	}
	return e.rcv.Blocks(wire.MaxSACKBlocks)
}

// sackRecovery reports whether the sender is in RFC 6675 loss recovery.
func (e *Endpoint) sackRecovery() bool {
	return e.sackOK && e.cc != nil && e.cc.Phase() == cc.FastRecovery
}

// sackOnACK is RFC 6675 §5 for an acceptable ACK (SND.UNA =< SEG.ACK =<
// SND.NXT), before SND.UNA moves. It records the blocks, counts duplicate
// ACKs, and tells the congestion control; what to send is decided when
// output runs sackSend.
func (e *Endpoint) sackOnACK(seg *Segment) {
	if seg.Ack.LessThan(e.sndUna) {
		return // an old ACK, overtaken by a newer one: its blocks are stale
	}
	highACK := seg.Ack // SND.UNA once this ACK is processed: HighACK+1
	cumulative := e.sndUna.LessThan(seg.Ack)

	// "Upon the receipt of any ACK containing SACK information, the
	// scoreboard MUST be updated via the Update () routine."
	newlySACKed := e.sackUpdate(highACK, seg.SACK)
	if e.cc == nil {
		return // "none": the scoreboard only spares retransmissions after a timeout
	}
	a := cc.Ack{Ack: seg.Ack, FlightSize: int(e.sndUna.Distance(e.sndNxt)), SndNxt: e.sndNxt, RecoveryPoint: e.recoveryPoint}
	inRecovery := e.cc.Phase() == cc.FastRecovery

	// "If the incoming ACK is a cumulative acknowledgment, the TCP MUST
	// reset DupAcks to zero." The congestion control grows cwnd, or ends
	// recovery at RecoveryPoint, (A).
	if cumulative {
		e.dupAcks = 0
		a.Acked = int(e.sndUna.Distance(seg.Ack))
		e.cc.OnAck(a)
		if inRecovery && e.cc.Phase() != cc.FastRecovery {
			e.note("ACK %d reaches RecoveryPoint %d: SACK recovery over, cwnd = ssthresh = %d",
				uint32(seg.Ack), uint32(a.RecoveryPoint), e.cc.Cwnd())
		}
	}

	// "If the incoming ACK is a duplicate acknowledgment per the
	// definition in Section 2 (regardless of its status as a cumulative
	// acknowledgment), and the TCP is not currently in loss recovery, the
	// TCP MUST increase DupAcks by one": a duplicate is an ACK that SACKs
	// bytes not SACKed before, whatever else it does.
	if newlySACKed > 0 && !inRecovery {
		e.dupAcks++
		a.DupAcks = e.dupAcks
		a.FlightSize = int(highACK.Distance(e.sndNxt))        // after the cumulative part
		a.Lost = e.sb.IsLost(highACK, e.sndMSS, cc.DupThresh) // step (2): IsLost(HighACK+1)
		act := e.cc.OnDupAck(a)                               // steps (1), (2) and (4.2)
		if act.Retransmit {
			e.recoveryPoint = e.sndNxt // (4.1) RecoveryPoint = HighData
			why := "DupAcks reached DupThresh"
			if e.dupAcks < cc.DupThresh {
				why = "IsLost(HighACK+1)"
			}
			e.note("%s (%s, %d SACKed above): SACK recovery to RecoveryPoint %d; ssthresh = cwnd = %d",
				ordinal(e.dupAcks)+" DupAck", why, e.sb.SACKedAbove(highACK), uint32(e.recoveryPoint), e.cc.Cwnd())
			e.pendingAction = act // (4.3), once SND.UNA has moved: congestionAct
		}
	}
	if e.recoveryPoint.LessThan(highACK) {
		// Passed: keep it at SND.UNA, so that the comparisons stay within
		// 2^31 (seq.Num) however long the connection runs.
		e.recoveryPoint = highACK
	}
}

// sackUpdate is Update() of RFC 6675 §4 (RFC 2018 §5): it records the
// blocks of one ACK, with highACK the ACK's SEG.ACK, and returns the bytes
// newly SACKed. Blocks that are not wholly inside what we have sent, above
// SND.UNA, are ignored: nothing a correct receiver sends, and a scoreboard
// that believed them could skip bytes the receiver never had.
func (e *Endpoint) sackUpdate(highACK seq.Num, blocks []wire.SACKBlock) int {
	var valid [wire.MaxSACKBlocks]wire.SACKBlock
	n := 0
	for _, b := range blocks {
		if n < len(valid) && highACK.LessThan(b.Left) && b.Left.LessThan(b.Right) && b.Right.LessThanEq(e.sndNxt) {
			valid[n] = b
			n++
		}
	}
	newly := e.sb.Update(highACK, valid[:n])
	if e.sb.IsSACKed(highACK, 1) {
		// The cumulative ACK stops at a byte the peer SACKed earlier: it
		// no longer holds it. "Reneging" (RFC 2018 §8); forget what it
		// said, and believe only this ACK.
		e.note("ACK %d stops at a byte the peer SACKed: it has reneged; the scoreboard is cleared", uint32(highACK))
		e.sb.Reset()
		newly = e.sb.Update(highACK, valid[:n])
	}
	return newly
}

// sackOnTimeout is RFC 6675 §5.1: "If an RTO occurs during loss recovery
// as specified in this document, RecoveryPoint MUST be set to HighData.
// Further, the new value of RecoveryPoint MUST be preserved and the loss
// recovery algorithm outlined in this document MUST be terminated." The
// congestion control has ended recovery (OnTimeout), and refuses a new one
// until SND.UNA reaches RecoveryPoint (OnDupAck). The model moves
// RecoveryPoint on every timeout, in recovery or not, as NewReno moves
// "recover" (RFC 6582 §3.2 step 4): either way, the duplicate ACKs that
// going back provokes belong to the window the timeout is repairing.
func (e *Endpoint) sackOnTimeout() {
	e.recoveryPoint = e.sndNxt
}

// holeEnd returns where the run of bytes the peer has not SACKed that
// starts at from ends: the next SACKed block, or SND.NXT. A retransmission
// that starts at from stops there, so that it never resends what the
// receiver holds. Without SACK it is SND.NXT.
func (e *Endpoint) holeEnd(from seq.Num) seq.Num {
	if !e.sackOK {
		return e.sndNxt
	}
	return e.sb.HoleEnd(from, e.sndNxt)
}

// skipSACKed moves the go-back point, rexmtNxt, past bytes the peer has
// SACKed, and returns where the hole it lands in ends, at most end: after a
// timeout only the holes are resent.
func (e *Endpoint) skipSACKed(end seq.Num) seq.Num {
	next, ok := e.sb.NextHole(e.rexmtNxt, e.sndNxt)
	if !ok {
		e.rexmtNxt = e.sndNxt // everything left is SACKed
		return end
	}
	e.rexmtNxt = next
	return e.sb.HoleEnd(next, end)
}

// setPipe is SetPipe() of RFC 6675 §4: the bytes thought to be in the
// network. For each byte S1 from HighACK+1 to HighData that has not been
// SACKed:
//
//	(a) If IsLost (S1) returns false: Pipe is incremented by 1 octet.
//	(b) If S1 <= HighRxt: Pipe is incremented by 1 octet.
//
// A byte not SACKed and not lost is still on its way; a byte resent is on
// its way again. (A byte resent and not thought lost counts twice.) The
// RFC walks byte by byte; this walks hole by hole, since IsLost gives the
// same answer for every byte of a hole: the SACKed bytes above them are
// the same.
func (e *Endpoint) setPipe() int {
	pipe := 0
	highRxt := seq.Max(e.highRxt, e.sndUna) // one left behind by an earlier recovery counts nothing
	for from := e.sndUna; ; {
		hole, ok := e.sb.NextHole(from, e.sndNxt)
		if !ok {
			return pipe
		}
		end := e.sb.HoleEnd(hole, e.sndNxt)
		if !e.sb.IsLost(hole, e.sndMSS, cc.DupThresh) {
			pipe += int(hole.Distance(end)) // (a)
		}
		if hole.LessThan(highRxt) {
			pipe += int(hole.Distance(seq.Min(end, highRxt))) // (b)
		}
		from = end
	}
}

// The rules of NextSeg, as nextSeg reports which one chose a segment.
const (
	noSegment  = 0 // NextSeg "MUST indicate failure"
	ruleLost   = 1 // (1) the first lost hole above HighRxt
	ruleNew    = 2 // (2) new data
	ruleHole   = 3 // (3) the first hole above HighRxt, lost or not
	ruleRescue = 4 // (4) the rescue retransmission
)

// nextSeg is NextSeg() of RFC 6675 §4: the segment to send next in
// recovery, and the rule that chose it, by the RFC's four rules in order:
//
//	(1) the smallest unSACKed S2 that is above HighRxt, below the highest
//	    SACKed octet, and IsLost: one segment of up to SMSS from S2;
//	(2) else previously unsent data, if the receiver's window allows;
//	(3) else the smallest S2 meeting (1.a) and (1.b), lost or not;
//	(4) else, once per recovery, a "rescue" retransmission of up to SMSS
//	    that includes the highest unSACKed octet, if HighACK > RescueRxt.
//
// A retransmission stops at the hole's end, never resending SACKed bytes.
// IsLost only turns false as S2 grows (fewer bytes are SACKed above a
// later byte), so (1) and (3) both look at the first hole above HighRxt
// only: if it is not lost, no later one is.
func (e *Endpoint) nextSeg() (Segment, int) {
	finSent := e.sndNxt.GreaterThan(e.finSeq())

	// (1.a) S2 > HighRxt, (1.b) S2 < the highest octet any SACK covers.
	var s2, s2End seq.Num
	haveS2 := false
	if blocks := e.sb.Blocks(); len(blocks) > 0 {
		top := seq.Min(blocks[len(blocks)-1].Right, e.sndNxt)
		s2, haveS2 = e.sb.NextHole(seq.Max(e.highRxt, e.sndUna), top)
		if haveS2 {
			s2End = e.sb.HoleEnd(s2, top)
		}
	}
	if haveS2 && e.sb.IsLost(s2, e.sndMSS, cc.DupThresh) { // (1.c)
		if seg, ok := e.build(s2, s2End, finSent); ok {
			return seg, ruleLost
		}
	}
	// (2): "available unsent data and the receiver's advertised window
	// allows": cwnd has had its say through pipe.
	if seg, ok := e.build(e.sndNxt, e.sndUna.Add(e.sndWnd), true); ok && !e.sillyWindow(&seg) {
		return seg, ruleNew
	}
	if haveS2 { // (3)
		if seg, ok := e.build(s2, s2End, finSent); ok {
			return seg, ruleHole
		}
	}
	// (4): the last hole below HighData holds the highest unSACKed octet.
	if e.sndUna.GreaterThan(e.rescueRxt) {
		var last, lastEnd seq.Num
		found := false
		for from := e.sndUna; ; from = lastEnd {
			hole, ok := e.sb.NextHole(from, e.sndNxt)
			if !ok {
				break
			}
			last, lastEnd, found = hole, e.sb.HoleEnd(hole, e.sndNxt), true
		}
		if found {
			start := last
			if n := last.Distance(lastEnd); n > uint32(e.sndMSS) {
				start = last.Add(n - uint32(e.sndMSS)) // the hole's last SMSS bytes
			}
			if seg, ok := e.build(start, lastEnd, finSent); ok {
				return seg, ruleRescue
			}
		}
	}
	return Segment{}, noSegment
}

// sackSend is step (C) of RFC 6675 §5, run whenever output runs in
// recovery, which is after every ACK: (B) has updated the scoreboard, and
// entering recovery has resent the first hole (4.3).
//
//	(C) If cwnd - pipe >= 1 SMSS, the sender SHOULD transmit one or more
//	    segments as follows: [(C.1) to (C.5)]
func (e *Endpoint) sackSend() {
	pipe := e.setPipe() // (B.2), (4.4)
	for e.cc.Cwnd()-pipe >= e.sndMSS {
		var rule int
		e.out, rule = e.nextSeg() // (C.1)
		seg := &e.out             // reused, as output's new segments are
		if rule == noSegment {
			return // "return without sending anything"
		}
		switch rule {
		case ruleNew:
			e.sendNew(seg) // (C.3): HighData moves with SND.NXT
		default:
			e.resend(seg)
			if rule == ruleRescue {
				e.rescueRxt = e.recoveryPoint // "RescueRxt set to RecoveryPoint. HighRxt MUST NOT be updated."
			} else if end := seg.Seq.Add(seg.Len()); e.highRxt.LessThan(end) {
				e.highRxt = end // (C.2)
			}
			e.note("SACK recovery: rule (%d) resends seq=%d len=%d; pipe %d, cwnd %d", rule, uint32(seg.Seq), len(seg.Payload), pipe, e.cc.Cwnd())
		}
		pipe += int(seg.Len()) // (C.4)
	}
}

// resend sends seg again during recovery: a fast retransmission, which
// Karn's algorithm keeps out of the RTT measurement (RFC 6298 §3).
func (e *Endpoint) resend(seg *Segment) {
	e.timing = false
	e.send(seg)
	e.stats.Retransmissions++
	e.stats.FastRetransmits++
	if !e.rexmt.Active() {
		e.rexmt.Reset(e.rto.RTO) // RFC 6298 §5.1
	}
}
