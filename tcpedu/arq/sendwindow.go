package arq

// The sender's record of what is in flight (RFC 9293 §3.3.1).
//
// Every sender in this package, and later TCP itself, keeps the same two
// pointers into its sequence space. RFC 9293 §3.3.1 draws them like this:
//
//	                 1         2          3          4
//	            ----------|----------|----------|----------
//	                   SND.UNA    SND.NXT    SND.UNA
//	                                        +SND.WND
//
//	1 - old sequence numbers that have been acknowledged
//	2 - sequence numbers of unacknowledged data
//	3 - sequence numbers allowed for new data transmission
//	4 - future sequence numbers that are not yet allowed
//
// A SendWindow holds region 2, segment by segment: what was sent, when, and
// how often. How wide the window may grow (SND.WND, the edge between 3 and
// 4) is the protocol's business, not the record's: N segments for
// Go-Back-N and Selective Repeat, the smaller of the congestion and receive
// windows for TCP. The protocol asks InFlight or Len before it calls Send.
//
// Acknowledgments are cumulative, as in Go-Back-N and TCP: SEG.ACK names
// the next byte the receiver wants, so it acknowledges every byte before
// it at once (RFC 9293 §3.4).

import (
	"sort"
	"time"

	"github.com/tcpedu/tcpedu/tcpedu/seq"
)

// SentSegment is one segment the sender has sent and not yet seen
// acknowledged: the range of sequence numbers [Seq, Seq+Len). Len counts
// sequence numbers, which are data bytes (a SYN or a FIN would count one
// more, see seq.SegLen). The zero value is an empty segment at sequence
// number 0 that was never sent.
type SentSegment struct {
	Seq           seq.Num       // first byte
	Len           int           // bytes of sequence space, at least 1
	FirstSent     time.Duration // virtual time of the first transmission
	LastSent      time.Duration // virtual time of the latest transmission
	Transmissions int           // how many times it was sent: 1 + retransmissions
}

// End returns the sequence number just after the segment: Seq+Len, the
// acknowledgment number that acknowledges all of it.
func (s SentSegment) End() seq.Num { return s.Seq.Add(uint32(s.Len)) }

// SendWindow is the sender's record of region 2 above: the segments sent
// and not yet acknowledged, oldest first, between SND.UNA and SND.NXT. The
// segments are contiguous: the oldest starts at SND.UNA and each one starts
// where the one before ends, up to SND.NXT.
//
// Make one with NewSendWindow. The zero value is a window whose ISS is 0,
// with nothing in flight.
type SendWindow struct {
	sndUna seq.Num // SND.UNA: oldest unacknowledged sequence number
	sndNxt seq.Num // SND.NXT: next sequence number to be sent

	// segs[head:] are the outstanding segments, oldest first. Acknowledged
	// segments leave from the front by moving head, so an ACK costs no
	// copying; see compact for when the space in front is reused.
	segs []SentSegment
	head int

	acked []SentSegment // AckResult.Segments, reused from call to call
}

// NewSendWindow returns a window with nothing in flight: SND.UNA = SND.NXT
// = iss, the sequence number of the first byte to be sent.
func NewSendWindow(iss seq.Num) *SendWindow {
	return &SendWindow{sndUna: iss, sndNxt: iss}
}

// SndUna returns SND.UNA (RFC 9293 §3.3.1): the oldest unacknowledged
// sequence number, the first byte of the oldest outstanding segment. When
// nothing is in flight it equals SND.NXT.
func (w *SendWindow) SndUna() seq.Num { return w.sndUna }

// SndNxt returns SND.NXT (RFC 9293 §3.3.1): the sequence number the next
// new segment will start at.
func (w *SendWindow) SndNxt() seq.Num { return w.sndNxt }

// InFlight returns the bytes sent and not yet acknowledged: SND.NXT −
// SND.UNA.
func (w *SendWindow) InFlight() int { return int(w.sndUna.Distance(w.sndNxt)) }

// Len returns the number of segments outstanding (segments, not bytes).
func (w *SendWindow) Len() int { return len(w.segs) - w.head }

// At returns the i-th outstanding segment, 0 being the oldest, which starts
// at SND.UNA; nil if there is no such segment. It returns a pointer so that
// a protocol can mark a retransmission on the record itself (see
// Retransmit); the pointer is valid until the next Send or Ack.
func (w *SendWindow) At(i int) *SentSegment {
	if i < 0 || i >= w.Len() {
		return nil
	}
	return &w.segs[w.head+i]
}

// Find returns the index, for At, of the outstanding segment that starts at
// sequence number s, or −1 if none does.
func (w *SendWindow) Find(s seq.Num) int {
	out := w.segs[w.head:]
	// The segments are in sequence order, so a binary search finds the
	// first one that does not start before s. Measuring every start as a
	// distance from SND.UNA keeps the comparison clear of the wrap.
	off := w.sndUna.Distance(s)
	i := sort.Search(len(out), func(k int) bool {
		return w.sndUna.Distance(out[k].Seq) >= off
	})
	if i < len(out) && out[i].Seq == s {
		return i
	}
	return -1
}

// Send records a new segment of length bytes starting at SND.NXT, sent for
// the first time at now, and advances SND.NXT past it ("When the sender
// creates a segment and transmits it, the sender advances SND.NXT", RFC 9293
// §3.8). It returns the record,
// valid until the next Send or Ack. A length below 1 takes no sequence
// space, so nothing is recorded and Send returns nil.
func (w *SendWindow) Send(length int, now time.Duration) *SentSegment {
	if length < 1 {
		return nil
	}
	w.compact()
	w.segs = append(w.segs, SentSegment{
		Seq:           w.sndNxt,
		Len:           length,
		FirstSent:     now,
		LastSent:      now,
		Transmissions: 1,
	})
	w.sndNxt = w.sndNxt.Add(uint32(length))
	return &w.segs[len(w.segs)-1]
}

// Retransmit records that the i-th outstanding segment (as for At) was sent
// again at now: it counts one more transmission and sets LastSent. It
// returns the record, or nil if there is no such segment. The segment
// keeps its place and its FirstSent; only SND.NXT's new data moves SND.NXT.
func (w *SendWindow) Retransmit(i int, now time.Duration) *SentSegment {
	s := w.At(i)
	if s == nil {
		return nil
	}
	s.Transmissions++
	s.LastSent = now
	return s
}

// AckResult says what one acknowledgment number did to a SendWindow. At
// most one of Acked > 0, Duplicate, Old and Unsent holds; all are zero for
// an ACK equal to SND.UNA when nothing is in flight (a window update, say).
type AckResult struct {
	// Acked is the bytes newly acknowledged: how far SND.UNA moved.
	Acked int
	// Segments are the segments now fully acknowledged, oldest first. The
	// slice is reused: it is valid until the next call to Ack.
	Segments []SentSegment
	// Duplicate reports SEG.ACK = SND.UNA while data is in flight: the
	// receiver still wants the oldest outstanding byte. This is only part
	// of RFC 5681 §2's definition of a duplicate ACK, clauses (a) data is
	// outstanding and (d) SEG.ACK equals SND.UNA; TCP also requires (b) no
	// data, (c) no SYN or FIN and (e) an unchanged window, which the
	// caller checks.
	Duplicate bool
	// Old reports SEG.ACK < SND.UNA: an ACK older than one already seen,
	// delayed or reordered on the way. It is ignored (RFC 9293 §3.10.7.4).
	Old bool
	// Unsent reports SEG.ACK > SND.NXT: an acknowledgment of bytes never
	// sent. RFC 9293 §3.10.7.4 says to send an ACK, drop the segment and
	// return; the window is left unchanged.
	Unsent bool
}

// Ack processes an acknowledgment number SEG.ACK as RFC 9293 §3.10.7.4
// does in the ESTABLISHED state:
//
//	If SND.UNA < SEG.ACK =< SND.NXT, then set SND.UNA <- SEG.ACK.
//
// Every segment that ends at or before the new SND.UNA leaves the window
// and is listed in AckResult.Segments. An acknowledgment that falls inside
// a segment acknowledges that segment's first bytes only: the record is
// trimmed to start at SEG.ACK, with its times and transmission count kept.
// TCP receivers may do that (a retransmission can repacketize data, and a
// receiver may ACK part of a segment when its window is short); the ARQ
// protocols here always ACK whole segments, so they never see it.
func (w *SendWindow) Ack(ack seq.Num) AckResult {
	w.acked = w.acked[:0]
	switch {
	case ack.LessThan(w.sndUna):
		return AckResult{Old: true}
	case ack.GreaterThan(w.sndNxt):
		return AckResult{Unsent: true}
	case ack == w.sndUna:
		return AckResult{Duplicate: w.sndUna != w.sndNxt}
	}

	// SND.UNA < SEG.ACK =< SND.NXT: new data is acknowledged.
	acked := int(w.sndUna.Distance(ack))
	w.sndUna = ack
	for w.head < len(w.segs) {
		s := &w.segs[w.head]
		if s.End().LessThanEq(ack) {
			// Fully acknowledged: the segment leaves the window.
			w.acked = append(w.acked, *s)
			w.head++
			continue
		}
		if s.Seq.LessThan(ack) {
			// SEG.ACK falls inside this segment: its front is
			// acknowledged, the rest is still outstanding.
			s.Len -= int(s.Seq.Distance(ack))
			s.Seq = ack
		}
		break
	}
	if w.head == len(w.segs) {
		// Nothing left in flight: start again at the front.
		w.segs = w.segs[:0]
		w.head = 0
	}
	return AckResult{Acked: acked, Segments: w.acked}
}

// compact makes room for one more segment. While the slice has spare
// capacity, or the acknowledged segments in front of head are fewer than
// the outstanding ones, append is left to do its work (growing the slice
// if it must); otherwise the n outstanding segments are copied down to the
// front. That copy happens only after at least n segments have left the
// front, so it costs O(1) per segment on average; and once the slice has
// grown to about twice the largest window, neither Send nor Ack allocates.
func (w *SendWindow) compact() {
	n := w.Len()
	if len(w.segs) < cap(w.segs) || w.head < n {
		return
	}
	copy(w.segs, w.segs[w.head:])
	w.segs = w.segs[:n]
	w.head = 0
}
