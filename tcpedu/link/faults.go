package link

import "time"

// This file is the wire: what happens to a packet between its last bit
// leaving the sender and its first bit reaching the receiver. The faults
// apply in a fixed order, and each draws random numbers from the Sim's
// source only when it is switched on, so the draws for one packet are, in
// order (see chance for why a probability of 0 or 1 draws nothing):
//
//	script      none
//	Loss        1 Float64                     if 0 < Loss < 1
//	Burst       up to 2 Float64               if Burst is set (see gilbertState.lose)
//	Corrupt     1 Float64                     if 0 < Corrupt < 1 and no rule corrupts it
//	            then 1 IntN for the bit        if the packet is corrupted
//	Duplicate   1 Float64                     if 0 < Duplicate < 1 and no rule duplicates it
//	per copy:   1 Int64N for the jitter        if Jitter > 0
//	            1 Float64 for reordering       if 0 < Reorder < 1
//
// A dropped packet draws nothing after the fault that dropped it.

// enterWire applies the faults to pk, whose last bit has just left the
// sender, and puts what survives on its way to the receiver.
func (l *Link) enterWire(pk packet) {
	l.stats.Transmitted++
	l.emit(Event{Kind: Transmitted, Packet: pk.b})
	f := &l.cfg.Faults
	r := l.sim.Rand()

	// 1. The script, so that a staged case happens whatever the dice say.
	var sc scripted
	if len(f.Script) > 0 {
		sc = l.runScript(pk.b)
	}
	if sc.drop {
		l.drop(pk.b, ReasonScript)
		return
	}

	// 2–3. Loss: independent, then bursty.
	if chance(r, f.Loss) {
		l.drop(pk.b, ReasonLoss)
		return
	}
	if f.Burst != nil && l.burst.lose(f.Burst, r) {
		l.drop(pk.b, ReasonBurst)
		return
	}

	// 4. Corruption: flip one bit of a copy. The link does not drop the
	// packet; the receiver's checksums must catch it.
	if len(pk.b) > 0 && (sc.corrupt || chance(r, f.Corrupt)) {
		pk.b = l.corrupt(pk.b, r.IntN(8*len(pk.b)), reasonFor(sc.corrupt, ReasonCorrupt))
	}

	// 5. Duplication: the copy is the same bytes, corrupted or not.
	dup := sc.duplicate || chance(r, f.Duplicate)
	if dup {
		l.stats.Duplicated++
		l.emit(Event{Kind: Duplicated, Packet: pk.b, Reason: reasonFor(sc.duplicate, ReasonDuplicate)})
	}

	// 6. Delay: each copy its own jitter and reordering, then propagation.
	l.launch(pk, sc.hold, false)
	if dup {
		l.launch(pk, sc.hold, true)
	}
}

// corrupt returns a copy of p with bit flipped (bit 0 is the most
// significant bit of p[0], as packet diagrams number them), and reports it.
func (l *Link) corrupt(p []byte, bit int, reason string) []byte {
	c := make([]byte, len(p))
	copy(c, p)
	c[bit/8] ^= 0x80 >> (bit % 8)
	l.stats.Corrupted++
	l.emit(Event{Kind: Corrupted, Packet: c, Reason: reason, Bit: bit})
	return c
}

// launch puts one copy of pk on the wire: it will arrive after the
// propagation delay plus its jitter, plus hold (from Hold rules) and the
// reorder delay if it is held back.
func (l *Link) launch(pk packet, hold time.Duration, dup bool) {
	f := &l.cfg.Faults
	r := l.sim.Rand()
	var jitter time.Duration
	if f.Jitter > 0 {
		jitter = time.Duration(r.Int64N(int64(f.Jitter)))
	}
	reason := ReasonScript
	if chance(r, f.Reorder) {
		if hold == 0 {
			reason = ReasonReorder
		}
		hold += f.ReorderDelay
	}
	if hold > 0 {
		l.stats.Held++
		l.emit(Event{Kind: Held, Packet: pk.b, Reason: reason, Delay: hold})
	}
	at := l.sim.Now() + l.cfg.Delay + jitter + hold
	l.wire.push(flight{at: at, seq: l.entered, packet: pk, dup: dup})
	l.entered++
	l.sim.At(at, l.arriveFn)
}

// reasonFor names the cause of a fault: the script if a rule caused it,
// the random fault otherwise.
func reasonFor(byScript bool, random string) string {
	if byScript {
		return ReasonScript
	}
	return random
}
