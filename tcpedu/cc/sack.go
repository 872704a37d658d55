package cc

// SACK is congestion control for a sender whose connection uses SACK
// (RFC 2018): Reno's or NewReno's slow start and congestion avoidance,
// with RFC 6675's loss recovery in place of their fast recovery.
//
// The recovery is split in two, along the line between how much and what:
//
//   - the sender (package tcp, sack.go) keeps the scoreboard of what the
//     receiver has SACKed, counts RFC 6675's duplicate ACKs, asks IsLost,
//     estimates the bytes in the network (pipe) and picks the segment to
//     send next (NextSeg). It tells SACK what it learnt through Ack's
//     DupAcks, Lost and RecoveryPoint.
//   - SACK does the window arithmetic: it decides that recovery begins,
//     sets ssthresh and cwnd, holds cwnd still while the sender fills the
//     pipe, and gives cwnd back to congestion avoidance when recovery ends.
//
// There is no window inflation. Reno inflates cwnd by one SMSS for each
// duplicate ACK because a duplicate is all it knows: some segment has left
// the network. A SACK sender knows which, and counts what is still in the
// network itself (pipe), so cwnd can simply be what may be in flight.
//
// Reno and NewReno differ only in fast recovery (what a partial ACK does),
// which this replaces, so "reno" and "newreno" with SACK behave the same.
// Tahoe has no fast recovery to replace: New refuses it with SACK.
type SACK struct {
	window
	base string // "reno" or "newreno": whose growth rules these are
}

// DupThresh is the number of duplicate ACKs that mark a segment lost: 3
// (RFC 5681 §3.2; RFC 6675 §2, "DupThresh").
const DupThresh = 3

// newSACK returns SACK recovery on top of the variant called base.
func newSACK(base string, c Config) *SACK { return &SACK{window: newWindow(c), base: base} }

// Name returns the variant whose slow start and congestion avoidance SACK
// uses, as flags spell it: "reno" or "newreno".
func (s *SACK) Name() string { return s.base }

// OnAck grows cwnd outside recovery, as Reno and NewReno do. In recovery it
// holds cwnd still, partial ACK or not (RFC 6675 §5 changes cwnd only on
// entering recovery), until the cumulative ACK reaches a.RecoveryPoint: (A)
// "An incoming cumulative ACK for a sequence number greater than
// RecoveryPoint signals the end of loss recovery". cwnd is then ssthresh,
// as it has been since recovery began.
//
// RFC 6675 counts octets and its RecoveryPoint is the last octet sent;
// RecoveryPoint here is SND.NXT, one past it, so "greater than" becomes
// "at least".
func (s *SACK) OnAck(a Ack) Action {
	if s.phase != FastRecovery {
		s.grow(a.Acked)
		return Action{}
	}
	if a.Ack.GreaterThanEq(a.RecoveryPoint) {
		s.cwnd = s.ssthresh
		s.phase = s.growthPhase()
	}
	return Action{}
}

// OnDupAck is told of each duplicate ACK in RFC 6675's sense (an ACK that
// SACKs bytes not SACKed before) while the sender is not in recovery, and
// decides whether recovery begins: RFC 6675 §5,
//
//	(1) If DupAcks >= DupThresh, go to step (4).
//	(2) If DupAcks < DupThresh but IsLost (HighACK + 1) returns true
//	    [...] go to step (4).
//
// a.Lost is IsLost(HighACK+1). Step (3), Limited Transmit, is not modelled
// (as in Reno and NewReno here). Step (4.2) is the arithmetic: "ssthresh =
// cwnd = (FlightSize / 2)", with RFC 5681 equation (4)'s floor of 2 SMSS.
// The Action asks for step (4.3), the retransmission of the first segment;
// the sender does (4.1), (4.4) and (4.5).
//
// After a timeout, "a new recovery phase [...] MUST NOT be initiated until
// HighACK is greater than or equal to the new value of RecoveryPoint" (RFC
// 6675 §5.1): no recovery while a.Ack is below a.RecoveryPoint.
func (s *SACK) OnDupAck(a Ack) Action {
	if s.phase == FastRecovery {
		return Action{} // DupAcks are counted only outside recovery (RFC 6675 §5)
	}
	if a.DupAcks < DupThresh && !a.Lost {
		return Action{} // neither (1) nor (2): not lost yet, maybe reordered
	}
	if a.Ack.LessThan(a.RecoveryPoint) {
		return Action{} // §5.1: still repairing the window a timeout began
	}
	s.halve(a.FlightSize) // (4.2)
	s.cwnd = s.ssthresh
	s.phase = FastRecovery
	return Action{Retransmit: true} // (4.3)
}

// OnTimeout is every variant's timeout (window.timeout): cwnd = 1 SMSS,
// and ssthresh from equation (4) unless recovery already set a lower one.
// The recovery is over (RFC 6675 §5.1); the sender moves RecoveryPoint to
// HighData.
func (s *SACK) OnTimeout(a Ack) { s.timeout(a) }
