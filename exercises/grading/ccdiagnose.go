package grading

import (
	"fmt"

	"github.com/tcpedu/tcpedu/tcpedu/cc"
)

// This file names the misconception behind a step where a learner's
// congestion control and the model's part: the diagnoses that the suites
// of exercises 14 to 16 share. Each variant's own diagnosis is in its
// suite: tahoeDiagnose, renoDiagnose and newRenoDiagnose.

// diagnose names the misconception behind a step where the learner's
// algorithm (got) and the model's (want) part, from the state both showed
// before it; "" if it recognises none.
func (u ccUnder) diagnose(e ccEvent, before, got, want ccState, mss int) string {
	if h := ccLossDiagnose(e, before, got, want, mss); h != "" {
		return h
	}
	var h string
	switch u.variant {
	case "tahoe":
		h = tahoeDiagnose(e, before, got, want, mss)
	case "reno":
		h = renoDiagnose(e, before, got, want, mss)
	case "newreno":
		h = newRenoDiagnose(e, before, got, want, mss)
	}
	if h != "" {
		return h
	}
	if h := ccGrowthDiagnose(e, before, got, want, mss); h != "" {
		return h
	}
	return ccDupDiagnose(u.variant, e, before, got, want)
}

// ccNewDiagnose names the misconception behind a wrong initial state.
func ccNewDiagnose(cfg cc.Config, got, want ccState) string {
	mss := cfg.MSS
	rfc3390 := 4 * mss
	if alt := ccMax(2*mss, 4380); alt < rfc3390 {
		rfc3390 = alt
	}
	if got.cwnd != want.cwnd {
		switch {
		case cfg.InitialWindow != 0:
			return "Config.InitialWindow, when it is not 0, is IW in bytes: start cwnd there"
		case got.cwnd == 0:
			return "InitialWindow 0 means \"use RFC 5681 §3.1's rule\" (equation (1)), not a window of 0 bytes, which would never send"
		case mss == 1095 || mss == 2190:
			return fmt.Sprintf("the thresholds of equation (1) are strict: 2 segments if SMSS > 2190 bytes, 3 if SMSS > 1095, else 4; SMSS %d gets %d bytes", mss, want.cwnd)
		case got.cwnd == rfc3390:
			return "that is RFC 3390's min(4*SMSS, max(2*SMSS, 4380 bytes)); RFC 5681 §3.1 equation (1) counts whole segments (2 if SMSS > 2190, 3 if > 1095, else 4), and so does the model: they differ at SMSS 1200, 3600 bytes, not 4380"
		case got.cwnd == mss:
			return "1 segment is the textbooks' IW, and RFC 5681's after a lost SYN; with InitialWindow 0 use equation (1): 2, 3 or 4 segments by SMSS"
		case got.cwnd == 10*mss:
			return "10 segments is Linux's IW (RFC 6928); with InitialWindow 0 use RFC 5681 §3.1 equation (1): 2, 3 or 4 segments by SMSS"
		}
		return "IW is RFC 5681 §3.1 equation (1): 2*SMSS if SMSS > 2190 bytes, 3*SMSS if SMSS > 1095, else 4*SMSS"
	}
	if !ccSameSsthresh(got.ssthresh, want.ssthresh) {
		if cfg.InitialSsthresh == 0 {
			return "InitialSsthresh 0 means \"arbitrarily high\" (RFC 5681 §3.1): use math.MaxInt; a low ssthresh skips slow start"
		}
		return "Config.InitialSsthresh, when it is not 0, is the initial ssthresh in bytes"
	}
	return "the first phase follows the same rule as every other: slow start while cwnd < ssthresh, congestion avoidance from cwnd = ssthresh on (RFC 5681 §3.1)"
}

// ccLossDiagnose recognises a wrong ssthresh after a loss: equation (4)
// from cwnd, without its floor, or not held when it should be.
func ccLossDiagnose(e ccEvent, before, got, want ccState, mss int) string {
	loss := e.kind == ccOnTimeout || e.kind == ccOnDupAck && want.act.Retransmit
	if !loss || ccSameSsthresh(got.ssthresh, want.ssthresh) {
		return ""
	}
	a := e.a
	eq4 := ccMax(a.FlightSize/2, 2*mss)
	switch {
	case e.kind == ccOnTimeout && a.Timeouts > 1 && ccSameSsthresh(want.ssthresh, before.ssthresh):
		return fmt.Sprintf("the same segment timed out again (Timeouts = %d): RFC 5681 §3.1 holds ssthresh constant after the first timeout, rather than halving a FlightSize that says nothing new", a.Timeouts)
	case e.kind == ccOnTimeout && before.phase == cc.FastRecovery && ccSameSsthresh(want.ssthresh, before.ssthresh):
		return fmt.Sprintf("a timeout during fast recovery keeps the ssthresh the recovery set (%d): FlightSize has grown since (half of it is %d), and RFC 5681 §3.1 asks for \"no more than\" equation (4); the model, like Linux, keeps the lower value", before.ssthresh, a.FlightSize/2)
	case got.ssthresh == a.FlightSize/2 && a.FlightSize/2 < 2*mss:
		return fmt.Sprintf("ssthresh never goes below 2*SMSS: max(FlightSize/2, 2*SMSS) = max(%d, %d) = %d (RFC 5681 §3.1 equation (4))", a.FlightSize/2, 2*mss, eq4)
	case before.cwnd != a.FlightSize && (got.ssthresh == ccMax(before.cwnd/2, 2*mss) || got.ssthresh == before.cwnd/2):
		return fmt.Sprintf("equation (4) halves FlightSize, the bytes outstanding (Ack.FlightSize = %d), not cwnd (%d): ssthresh = max(FlightSize/2, 2*SMSS) (RFC 5681 §3.1)", a.FlightSize, before.cwnd)
	}
	return ""
}

// ccGrowthDiagnose recognises a wrong slow start or congestion avoidance
// step: an ACK of new data outside fast recovery.
func ccGrowthDiagnose(e ccEvent, before, got, want ccState, mss int) string {
	if e.kind != ccOnAck || before.phase == cc.FastRecovery {
		return ""
	}
	if got.cwnd == want.cwnd {
		if got.phase != want.phase {
			return fmt.Sprintf("after this ACK cwnd is %d and ssthresh %d: Phase() is slow start while cwnd < ssthresh and congestion avoidance from cwnd = ssthresh on (RFC 5681 §3.1)", want.cwnd, want.ssthresh)
		}
		return ""
	}
	n, cwnd := e.a.Acked, before.cwnd
	ssInc := ccMin(n, mss)
	caInc := ccMax(mss*mss/cwnd, 1)
	if cwnd < before.ssthresh {
		switch {
		case n > mss && got.cwnd == cwnd+n:
			return fmt.Sprintf("slow start adds min(N, SMSS) per ACK (RFC 5681 §3.1 equation (2)): this ACK acknowledged N = %d bytes, more than SMSS, so cwnd grows by %d, not by all %d", n, mss, n)
		case n < mss && got.cwnd == cwnd+mss:
			return fmt.Sprintf("slow start adds min(N, SMSS) (RFC 5681 §3.1 equation (2)): this ACK acknowledged only N = %d bytes, so cwnd grows by %d, not by a whole SMSS", n, n)
		case got.cwnd == cwnd+caInc || got.cwnd == cwnd+mss*mss/cwnd:
			return fmt.Sprintf("cwnd %d is below ssthresh %d, so this is slow start (RFC 5681 §3.1): cwnd += min(N, SMSS), not congestion avoidance's SMSS*SMSS/cwnd", cwnd, before.ssthresh)
		}
		return "in slow start (cwnd < ssthresh) each ACK adds min(N, SMSS), N = Ack.Acked (RFC 5681 §3.1 equation (2))"
	}
	switch {
	case cwnd == before.ssthresh && got.cwnd == cwnd+ssInc:
		return "at cwnd = ssthresh RFC 5681 §3.1 allows either rule; this exercise follows the model, which takes congestion avoidance: slow start only while cwnd < ssthresh"
	case got.cwnd == cwnd+ssInc:
		return fmt.Sprintf("cwnd %d ≥ ssthresh %d: congestion avoidance, cwnd += SMSS*SMSS/cwnd per ACK (RFC 5681 §3.1 equation (3)), not slow start's min(N, SMSS)", cwnd, before.ssthresh)
	case mss*mss/cwnd == 0 && got.cwnd == cwnd:
		return fmt.Sprintf("SMSS*SMSS/cwnd = %d*%d/%d rounds down to 0; RFC 5681 §3.1 asks for at least 1 byte then", mss, mss, cwnd)
	case got.cwnd == cwnd+mss:
		return "congestion avoidance adds SMSS*SMSS/cwnd per ACK (RFC 5681 §3.1 equation (3)), about one SMSS per round trip, not one SMSS per ACK"
	case n != mss && got.cwnd == cwnd+ccMax(mss*n/cwnd, 1):
		return "equation (3) adds SMSS*SMSS/cwnd for each ACK, however many bytes it acknowledges"
	}
	return "in congestion avoidance (cwnd ≥ ssthresh) each ACK adds SMSS*SMSS/cwnd, integer division, at least 1 byte (RFC 5681 §3.1 equation (3))"
}

// ccDupDiagnose recognises a wrong answer to a duplicate ACK outside fast
// recovery, and a wrong timeout; its last resort names the rule of the
// event.
func ccDupDiagnose(variant string, e ccEvent, before, got, want ccState) string {
	a := e.a
	switch e.kind {
	case ccOnTimeout:
		if got.cwnd != want.cwnd {
			if got.cwnd == got.ssthresh {
				return "after a timeout cwnd = 1 SMSS, the loss window (RFC 5681 §3.1); cwnd = ssthresh is how fast recovery ends, not what a timeout does"
			}
			return "after a timeout cwnd = 1 SMSS, the loss window LW (RFC 5681 §3.1)"
		}
		if got.phase != want.phase {
			return "after a timeout the sender slow-starts from 1 SMSS: Phase() is slow start, even if it was in fast recovery (the timeout ends it)"
		}
		return ""
	case ccOnDupAck:
		if before.phase == cc.FastRecovery {
			return ""
		}
		guarded := variant == "tahoe" || variant == "newreno"
		switch {
		case a.DupAcks < cc.DupThresh:
			return "the first and second duplicate ACKs change nothing in this model: fast retransmit waits for the third (cc.DupThresh; RFC 5681 §3.2). (Limited Transmit, RFC 3042, would send new data for them; the model leaves it out)"
		case a.DupAcks > cc.DupThresh && got.act.Retransmit && !want.act.Retransmit:
			return fmt.Sprintf("fast retransmit happens once per loss, on the third duplicate ACK (DupAcks == %d); this is the %dth, and starts nothing", cc.DupThresh, a.DupAcks)
		case guarded && got.act.Retransmit && !want.act.Retransmit:
			return fmt.Sprintf("this third duplicate ACK does not acknowledge beyond recover (SND.NXT at the last fast retransmit or timeout): it echoes segments sent again for the same loss, and must not start another fast retransmit (RFC 6582 §3.2 step 2 and §4.1; Ack %v must be GreaterThan recover)", a.Ack)
		case guarded && !got.act.Retransmit && want.act.Retransmit:
			return "the third duplicate ACK starts a fast retransmit unless its Ack is not beyond recover; recover is SND.NXT at the last fast retransmit or timeout, and is forgotten once an ACK passes it (so that a stale recover, 2^31 bytes later, does not look ahead in sequence space)"
		case !got.act.Retransmit && want.act.Retransmit:
			return "the third duplicate ACK (DupAcks == cc.DupThresh) means a segment was lost: fast retransmit, Action{Retransmit: true} (RFC 5681 §3.2 step 2)"
		}
	}
	if got.act != want.act {
		return fmt.Sprintf("this event asks for %q; yours asked for %q", ccActionString(want.act), ccActionString(got.act))
	}
	return e.rule
}

// ccFastRecoveryDiagnose recognises a wrong entry into fast recovery, or
// wrong inflation: Reno and NewReno share both.
func ccFastRecoveryDiagnose(e ccEvent, before, got, want ccState, mss int) string {
	if e.kind != ccOnDupAck {
		return ""
	}
	if before.phase == cc.FastRecovery {
		switch {
		case got.act.Retransmit:
			return "a duplicate ACK during fast recovery retransmits nothing: the lost segment has been resent already; only inflate cwnd by SMSS (RFC 5681 §3.2 step 4)"
		case !ccSameSsthresh(got.ssthresh, want.ssthresh):
			return "a duplicate ACK during fast recovery is not a new loss: ssthresh stays; only inflate cwnd by SMSS (RFC 5681 §3.2 step 4)"
		case got.cwnd == before.cwnd:
			return "each duplicate ACK after the third inflates cwnd by one SMSS (RFC 5681 §3.2 step 4): it says one more segment has left the network"
		case got.phase != cc.FastRecovery:
			return "duplicate ACKs do not end fast recovery; only an ACK of new data (or a timeout) does"
		}
		return "in fast recovery each further duplicate ACK adds exactly one SMSS to cwnd (RFC 5681 §3.2 step 4)"
	}
	if !want.act.Retransmit || !got.act.Retransmit {
		return "" // a fast retransmit refused: ccDupDiagnose's
	}
	switch {
	case got.cwnd == mss:
		// Whatever Phase says: a window of one segment is Tahoe's.
		return "cwnd went to 1 MSS on a triple duplicate ACK: that is Tahoe, not Reno (RFC 5681 §3.2 step 3: cwnd = ssthresh + 3*SMSS, and fast recovery)"
	case got.cwnd == want.ssthresh:
		return "on entering fast recovery, inflate: cwnd = ssthresh + 3*SMSS, for the three segments the duplicates say have left the network (RFC 5681 §3.2 step 3); deflation to ssthresh comes with the next ACK of new data"
	case got.act.GoBack:
		return "GoBack is Tahoe's slow start from the lost segment; Reno resends only that segment: Action{Retransmit: true}"
	case got.phase != cc.FastRecovery:
		return "from the third duplicate ACK until recovery ends, Phase() is cc.FastRecovery"
	}
	return ""
}
