package arq

// The SACK sender's scoreboard (RFC 6675 §3, RFC 2018 §5).
//
// With SACK, each ACK carries, beside the cumulative SEG.ACK, up to four
// blocks of bytes the receiver holds out of order. The sender collects them
// in a scoreboard: the SACKed ranges above SND.UNA. What lies between them
// are the holes, the bytes the receiver is missing:
//
//	|......|######|......|######|######|    ...... a hole
//	201    301    401    501    601    701  ###### SACKed
//	^ SND.UNA                          ^ SND.NXT
//
// RFC 6675 builds loss recovery on three questions the scoreboard answers:
// is this range SACKed already (IsSACKed: then never resend it), how much
// is SACKed above this byte (SACKedAbove), and is this byte lost (IsLost:
// enough data has arrived above it that it is not merely late). NextHole
// finds the holes in order, smallest first: the candidates that rule 1 of
// RFC 6675 §4's NextSeg considers for retransmission.
//
// The scoreboard only remembers ranges, not segments: which segment a byte
// belongs to is the SendWindow's business.

import (
	"github.com/tcpedu/tcpedu/tcpedu/seq"
	"github.com/tcpedu/tcpedu/tcpedu/wire"
)

// Scoreboard records which bytes above SND.UNA the receiver has reported
// holding, through SACK blocks (RFC 6675 §3). The zero value is an empty
// scoreboard, ready to use.
type Scoreboard struct {
	// sacked holds the SACKed ranges in sequence order. They do not
	// overlap or touch (touching ranges are merged), and all lie above the
	// last SND.UNA given to Update, so LessThan orders them safely.
	sacked []wire.SACKBlock
}

// Update records the SACK blocks of one arriving ACK in the scoreboard
// (RFC 6675 §4, Update(); RFC 2018 §5) and returns the bytes they SACKed
// that were not SACKed before.
//
// sndUna is SND.UNA after the ACK's cumulative acknowledgment was applied
// (SendWindow.Ack). Everything below it is forgotten: those bytes are
// acknowledged for good. A block is ignored when it is invalid (Right not
// after Left) or lies entirely at or below SND.UNA: such a block is a
// D-SACK (RFC 2883) reporting a duplicate, or stale. A block that starts
// below SND.UNA and ends above it counts from SND.UNA. Overlapping and
// touching ranges are merged. The scoreboard does not know SND.NXT; a
// sender that wants to refuse blocks beyond it checks them first.
func (sb *Scoreboard) Update(sndUna seq.Num, blocks []wire.SACKBlock) (newlySACKed int) {
	sb.dropBelow(sndUna)
	for _, b := range blocks {
		if !b.Right.GreaterThan(b.Left) || b.Right.LessThanEq(sndUna) {
			continue // invalid, or D-SACK / stale: nothing above SND.UNA
		}
		if b.Left.LessThan(sndUna) {
			b.Left = sndUna
		}
		newlySACKed += sb.add(b)
	}
	return newlySACKed
}

// dropBelow forgets every SACKed byte below sndUna.
func (sb *Scoreboard) dropBelow(sndUna seq.Num) {
	n := 0
	for n < len(sb.sacked) && sb.sacked[n].Right.LessThanEq(sndUna) {
		n++
	}
	sb.sacked = sb.sacked[:copy(sb.sacked, sb.sacked[n:])]
	if len(sb.sacked) > 0 && sb.sacked[0].Left.LessThan(sndUna) {
		sb.sacked[0].Left = sndUna
	}
}

// add merges the valid block b into the ranges and returns how many of its
// bytes were new.
func (sb *Scoreboard) add(b wire.SACKBlock) int {
	// sacked[i:j] are the ranges that overlap or touch b.
	i := 0
	for i < len(sb.sacked) && sb.sacked[i].Right.LessThan(b.Left) {
		i++
	}
	j := i
	for j < len(sb.sacked) && sb.sacked[j].Left.LessThanEq(b.Right) {
		j++
	}
	if i == j {
		sb.sacked = append(sb.sacked, wire.SACKBlock{})
		copy(sb.sacked[i+1:], sb.sacked[i:])
		sb.sacked[i] = b
		return int(b.Left.Distance(b.Right))
	}
	merged := wire.SACKBlock{
		Left:  seq.Min(b.Left, sb.sacked[i].Left),
		Right: seq.Max(b.Right, sb.sacked[j-1].Right),
	}
	held := 0
	for k := i; k < j; k++ {
		held += int(sb.sacked[k].Left.Distance(sb.sacked[k].Right))
	}
	sb.sacked[i] = merged
	sb.sacked = append(sb.sacked[:i+1], sb.sacked[j:]...)
	return int(merged.Left.Distance(merged.Right)) - held
}

// IsSACKed reports whether every byte of the range [s, s+length) has been
// SACKed. A sender never resends such a range: RFC 6675 §4's NextSeg
// only picks sequence numbers that have not been SACKed (RFC 2018 §5: the
// sender skips SACKed segments). An empty range (length < 1) reports
// false.
func (sb *Scoreboard) IsSACKed(s seq.Num, length int) bool {
	if length < 1 {
		return false
	}
	e := s.Add(uint32(length))
	for _, b := range sb.sacked {
		if b.Left.LessThanEq(s) && e.LessThanEq(b.Right) {
			return true
		}
	}
	return false
}

// SACKedAbove returns the bytes SACKed with sequence numbers greater than
// s (s itself not counted).
func (sb *Scoreboard) SACKedAbove(s seq.Num) int {
	n := 0
	above := s.Add(1)
	for _, b := range sb.sacked {
		if b.Right.GreaterThan(above) {
			n += int(seq.Max(b.Left, above).Distance(b.Right))
		}
	}
	return n
}

// IsLost reports whether the byte s is considered lost, by RFC 6675 §4:
//
//	IsLost (SeqNum): This routine returns whether the given sequence
//	number is considered to be lost.  The routine returns true when
//	either DupThresh discontiguous SACKed sequences have arrived above
//	'SeqNum' or more than (DupThresh - 1) * SMSS bytes with sequence
//	numbers greater than 'SeqNum' have been SACKed.  Otherwise, the
//	routine returns false.
//
// smss is the sender's maximum segment size in bytes, dupThresh the
// duplicate threshold in segments (3, RFC 6675 §2; RFC 5681 §3.2). This
// model reads "discontiguous SACKed sequences" as SACKed segments: a
// SACKed range of n bytes above s counts as n/smss segments, rounded up,
// so two full segments next to each other count as two, not as the single
// block they merge into, and a short segment counts as one. Either test
// says "dupThresh segments' worth of data have overtaken s", so s is
// probably lost, not merely reordered. IsLost does not ask whether s
// itself was SACKed; callers ask IsSACKed first. An smss below 1 is read
// as 1.
func (sb *Scoreboard) IsLost(s seq.Num, smss, dupThresh int) bool {
	if smss < 1 {
		smss = 1
	}
	segments, bytes := 0, 0
	above := s.Add(1)
	for _, b := range sb.sacked {
		if !b.Right.GreaterThan(above) {
			continue
		}
		n := int(seq.Max(b.Left, above).Distance(b.Right))
		bytes += n
		segments += (n + smss - 1) / smss
	}
	return segments >= dupThresh || // DupThresh discontiguous SACKed sequences above SeqNum
		bytes > (dupThresh-1)*smss // more than (DupThresh-1)*SMSS bytes SACKed above SeqNum
}

// NextHole returns the first sequence number at or after from, and before
// end, that has not been SACKed, and true; or false if every byte of
// [from, end) is SACKed or the range is empty. Called with from = SND.UNA
// and end = SND.NXT it finds the first hole, the first candidate of RFC
// 6675 §4's NextSeg rule 1.
func (sb *Scoreboard) NextHole(from seq.Num, end seq.Num) (seq.Num, bool) {
	at := from
	for _, b := range sb.sacked {
		if !at.LessThan(end) {
			break
		}
		if at.LessThan(b.Left) {
			break // at lies before this range, in a hole
		}
		if at.LessThan(b.Right) {
			at = b.Right // at is SACKed: skip to the end of its range
		}
	}
	if at.LessThan(end) {
		return at, true
	}
	return 0, false
}

// HoleEnd returns where the hole that starts at from ends: the left edge
// of the first SACKed range above from, or end if none begins before it.
// With NextHole it walks the holes one at a time: a hole is [h, HoleEnd(h,
// end)) for each h that NextHole finds. A sender resending a hole stops
// there, so that it never resends bytes the receiver holds. from itself
// is expected not to be SACKed; if it is, HoleEnd returns from.
func (sb *Scoreboard) HoleEnd(from, end seq.Num) seq.Num {
	for _, b := range sb.sacked {
		if b.Right.LessThanEq(from) {
			continue // below from
		}
		if b.Left.LessThanEq(from) {
			return from // from is SACKed: an empty hole
		}
		if b.Left.LessThan(end) {
			return b.Left
		}
		break
	}
	return end
}

// Blocks returns the SACKed ranges, in sequence order. The slice shares
// the scoreboard's memory: it is valid until the next Update or Reset, and
// must not be modified.
func (sb *Scoreboard) Blocks() []wire.SACKBlock {
	return sb.sacked[:len(sb.sacked):len(sb.sacked)]
}

// Reset forgets every SACKed range. A receiver may discard data it has
// SACKed but not yet acknowledged ("reneging", RFC 2018 §8), so SACK
// information is advice, not a promise: "After a retransmit timeout the
// data sender SHOULD turn off all of the SACKed bits, since the timeout
// might indicate that the data receiver has reneged" (RFC 2018 §5). A
// sender that follows that advice calls Reset on a retransmission timeout
// and resends from SND.UNA; SACK blocks that arrive afterwards fill the
// scoreboard again. (sack.go keeps its scoreboard instead, as Linux does:
// see the simplifications there.)
func (sb *Scoreboard) Reset() {
	sb.sacked = sb.sacked[:0]
}
