package arq

// The receiver's buffer: in-order delivery, out-of-order buffering,
// duplicate detection and SACK blocks.
//
// RFC 9293 §3.3.1 draws the receive sequence space:
//
//	                     1          2          3
//	                 ----------|----------|----------
//	                        RCV.NXT    RCV.NXT
//	                                  +RCV.WND
//
//	1 - old sequence numbers that have been acknowledged
//	2 - sequence numbers allowed for new reception
//	3 - future sequence numbers that are not yet allowed
//
// A segment is cut to fit region 2 (RFC 9293 §3.10.7.4): bytes in region 1
// are duplicates, bytes in region 3 are out of the window. What is left
// either starts at RCV.NXT, and goes to the application at once, or starts
// later and waits in the buffer until the hole before it is filled. The
// waiting bytes are kept as a sorted list of ranges. For example, with
// segments #1, #2, #4 and #5 of 100 bytes received and #3 missing, #1 and
// #2 have been delivered and #4 and #5 wait as one range, [301, 501):
//
//	|  #1  |  #2  |......|  #4  |  #5  |
//	1      101    201    301    401    501
//	              ^
//	              RCV.NXT: the ACK says 201, the SACK block [301, 501)
//
// Go-Back-N keeps nothing out of order: its receiver uses a window of one
// segment and only ever inserts the segment it expects. Selective Repeat
// and TCP buffer everything inside the window, and with SACK (RFC 2018)
// the receiver also tells the sender which ranges it holds.

import (
	"github.com/tcpedu/tcpedu/tcpedu/seq"
	"github.com/tcpedu/tcpedu/tcpedu/wire"
)

// oooRange is one run of contiguous out-of-order bytes: data holds the
// bytes from sequence number start on.
type oooRange struct {
	start seq.Num
	data  []byte
	stamp uint64 // when a segment last arrived in this range: larger is more recent
}

// end returns the sequence number just after the range.
func (o *oooRange) end() seq.Num { return o.start.Add(uint32(len(o.data))) }

// Reassembly is a receiver's buffer. It delivers bytes to the application
// in order as soon as they can be, holds bytes that arrive early, notices
// duplicates, and describes what it holds as SACK blocks.
//
// The application is assumed to read in-order data at once, so the buffer
// never holds delivered bytes and the window does not shrink: it always
// runs from RCV.NXT to RCV.NXT+RCV.WND.
//
// Make one with NewReassembly. The zero value has RCV.NXT 0 and a window of
// 0 bytes, so it accepts nothing.
type Reassembly struct {
	rcvNxt seq.Num // RCV.NXT: next sequence number expected
	rcvWnd int     // RCV.WND: window size, bytes

	// ooo holds the out-of-order bytes, in sequence order. The ranges do
	// not overlap or touch (touching ranges are merged), and all lie
	// inside the window above RCV.NXT, so LessThan orders them safely.
	ooo   []oooRange
	clock uint64 // stamps arrivals, for SACK block recency

	delivered []byte           // InsertResult.Delivered, reused
	blocks    []wire.SACKBlock // Blocks' result, reused
}

// NewReassembly returns an empty buffer expecting sequence number irs
// next (RCV.NXT = irs) with a receive window of window bytes (RCV.WND).
// The window is also the capacity for out-of-order data: a byte is kept
// only if it lies below RCV.NXT+window.
func NewReassembly(irs seq.Num, window int) *Reassembly {
	if window < 0 {
		window = 0
	}
	return &Reassembly{rcvNxt: irs, rcvWnd: window}
}

// RcvNxt returns RCV.NXT (RFC 9293 §3.3.1): the next sequence number
// expected, one past the last byte delivered in order. It is the
// cumulative acknowledgment number the receiver sends.
func (r *Reassembly) RcvNxt() seq.Num { return r.rcvNxt }

// RcvWnd returns RCV.WND (RFC 9293 §3.3.1) in bytes: the receiver accepts
// sequence numbers from RCV.NXT up to, not including, RCV.NXT+RCV.WND.
func (r *Reassembly) RcvWnd() int { return r.rcvWnd }

// Buffered returns the out-of-order bytes held, waiting for a hole to fill.
func (r *Reassembly) Buffered() int {
	n := 0
	for i := range r.ooo {
		n += len(r.ooo[i].data)
	}
	return n
}

// InsertResult says what one arriving segment did to a Reassembly.
type InsertResult struct {
	// Delivered is the bytes released to the application in order by this
	// segment: its own new bytes, if it starts at RCV.NXT, followed by any
	// buffered bytes that it made contiguous. The slice is reused: it is
	// valid until the next call to Insert.
	Delivered []byte
	// Duplicate reports that the segment brought nothing new: it repeats
	// bytes already received (below RCV.NXT, or buffered), and none of
	// its bytes inside the window was new. The receiver discards it and
	// acknowledges again, so that a sender whose ACK was lost learns where
	// the receiver is.
	Duplicate bool
	// OutOfWindow reports that some bytes lay at or beyond
	// RCV.NXT+RCV.WND and were cut off (RFC 9293 §3.10.7.4). If no byte was
	// inside the window, nothing was kept.
	OutOfWindow bool
	// Buffered reports that new bytes of the segment were kept out of
	// order, waiting for a hole below them to fill.
	Buffered bool
}

// Insert hands the buffer one arriving segment: data, whose first byte has
// sequence number s. It keeps a copy of what it needs, so the caller may
// reuse data afterwards. An empty data carries no sequence space and
// changes nothing.
//
// RFC 9293 §3.10.7.4 (first, check sequence number) accepts a segment with
// data when either its first or its last byte lies in the window:
//
//	RCV.NXT =< SEG.SEQ < RCV.NXT+RCV.WND
//	or RCV.NXT =< SEG.SEQ+SEG.LEN-1 < RCV.NXT+RCV.WND
//
// and then processes "the idealized segment that begins at RCV.NXT and does
// not exceed the window": the parts outside are trimmed off, and a segment
// that starts above RCV.NXT "SHOULD be held for later processing" (RFC 9293 §3.10.7.4). Insert
// does exactly that, byte for byte, so overlapping and partial segments are
// handled: bytes already received are dropped, and only new bytes are
// stored or delivered.
func (r *Reassembly) Insert(s seq.Num, data []byte) InsertResult {
	r.delivered = r.delivered[:0]
	var res InsertResult
	if len(data) == 0 {
		return res
	}

	// Region 1: cut off bytes below RCV.NXT, already delivered.
	if s.LessThan(r.rcvNxt) {
		old := s.Distance(r.rcvNxt)
		if uint64(old) >= uint64(len(data)) {
			res.Duplicate = true
			return res
		}
		res.Duplicate = true // provisionally: some bytes repeat; cleared below if any is new
		data = data[old:]
		s = r.rcvNxt
	}

	// Region 3: cut off bytes at or beyond RCV.NXT+RCV.WND.
	ahead := r.rcvNxt.Distance(s) // bytes from RCV.NXT to s
	if uint64(ahead)+uint64(len(data)) > uint64(r.rcvWnd) {
		res.OutOfWindow = true
		if uint64(ahead) >= uint64(r.rcvWnd) {
			return res // nothing is acceptable
		}
		data = data[:uint32(r.rcvWnd)-ahead]
	}

	r.clock++
	if s == r.rcvNxt {
		// In order: deliver, then release whatever this made contiguous.
		res.Duplicate = false
		r.delivered = append(r.delivered, data...)
		r.rcvNxt = s.Add(uint32(len(data)))
		r.release()
		res.Delivered = r.delivered
		return res
	}

	// Out of order: hold the new bytes for later.
	added := r.store(s, data)
	res.Duplicate = added == 0
	res.Buffered = added > 0
	return res
}

// release moves buffered ranges that RCV.NXT has reached into the delivered
// bytes, advancing RCV.NXT past each.
func (r *Reassembly) release() {
	n := 0
	for n < len(r.ooo) && r.ooo[n].start.LessThanEq(r.rcvNxt) {
		o := &r.ooo[n]
		if o.end().GreaterThan(r.rcvNxt) {
			// The part of the range above RCV.NXT is new to the application.
			r.delivered = append(r.delivered, o.data[o.start.Distance(r.rcvNxt):]...)
			r.rcvNxt = o.end()
		}
		n++
	}
	if n > 0 {
		k := copy(r.ooo, r.ooo[n:])
		for i := k; i < len(r.ooo); i++ {
			r.ooo[i] = oooRange{} // let the delivered bytes be collected
		}
		r.ooo = r.ooo[:k]
	}
}

// store adds the out-of-order bytes data, starting at s, to the buffer,
// merging them with every range they overlap or touch, and returns how
// many bytes were new. The range that holds them gets the newest stamp,
// even if nothing was new: RFC 2018 §4 reports first the block holding the
// segment that triggered the ACK.
func (r *Reassembly) store(s seq.Num, data []byte) int {
	e := s.Add(uint32(len(data)))

	// ooo[i:j] are the ranges that overlap or touch [s, e).
	i := 0
	for i < len(r.ooo) && r.ooo[i].end().LessThan(s) {
		i++
	}
	j := i
	for j < len(r.ooo) && r.ooo[j].start.LessThanEq(e) {
		j++
	}

	if i == j {
		// Touches nothing: a new range of its own.
		r.ooo = append(r.ooo, oooRange{})
		copy(r.ooo[i+1:], r.ooo[i:])
		r.ooo[i] = oooRange{start: s, data: append([]byte(nil), data...), stamp: r.clock}
		return len(data)
	}

	start := seq.Min(s, r.ooo[i].start)
	end := seq.Max(e, r.ooo[j-1].end())
	size := int(start.Distance(end))
	held := 0
	for k := i; k < j; k++ {
		held += len(r.ooo[k].data)
	}
	if held == size {
		// Already held in full (then i+1 == j): a duplicate.
		r.ooo[i].stamp = r.clock
		return 0
	}

	// Lay the segment's bytes out, then the bytes already held over them:
	// where the two overlap they are copies of the same stream. When the
	// merged range starts where the first one held does (the usual case:
	// segments arriving in order behind a hole), that range's buffer grows
	// in place, so a long run behind a hole costs amortised O(1) per byte,
	// not a copy of everything held so far.
	var merged []byte
	inPlace := start == r.ooo[i].start
	if inPlace {
		held := len(r.ooo[i].data)
		merged = append(r.ooo[i].data, make([]byte, size-held)...)
		// Only the segment's bytes beyond what the range held are new.
		if off := int(start.Distance(s)); off+len(data) > held {
			skip := 0
			if off < held {
				skip = held - off
			}
			copy(merged[off+skip:], data[skip:])
		}
	} else {
		merged = make([]byte, size)
		copy(merged[start.Distance(s):], data)
	}
	for k := i; k < j; k++ {
		if k == i && inPlace {
			continue // already in place
		}
		copy(merged[start.Distance(r.ooo[k].start):], r.ooo[k].data)
	}
	r.ooo[i] = oooRange{start: start, data: merged, stamp: r.clock}
	r.ooo = append(r.ooo[:i+1], r.ooo[j:]...)
	return size - held
}

// Blocks returns SACK blocks (RFC 2018 §3) describing the out-of-order
// bytes held, at most max of them, ordered as RFC 2018 §4 asks:
//
//   - the first block covers the most recently received segment (the one
//     that triggered this ACK, if it did not advance RCV.NXT);
//   - the rest repeat the most recently reported blocks, most recent first.
//
// A block's recency is the arrival of the latest segment inside it; when
// an arrival merges ranges, the merged block is the newest. That equals the
// RFC's "most recently reported" order when every arriving segment is
// acknowledged at once, as in this package. The option has room for 4
// blocks (2 + 8×4 = 34 of the 40 option bytes), or 3 beside the 10-byte
// timestamps option and its 2 NOPs: callers pass wire.MaxSACKBlocks or 3.
//
// Duplicate SACK (D-SACK, RFC 2883), which reports a duplicate segment in
// the first block, is not generated. The slice is reused: it is valid until
// the next call to Blocks. It is empty when nothing is held out of order.
func (r *Reassembly) Blocks(max int) []wire.SACKBlock {
	r.blocks = r.blocks[:0]
	// Pick the ranges newest first. max is at most 4 and stamps are
	// distinct, so repeated scans for the next newest are enough.
	var below uint64 // only stamps older than the last one picked; 0 = no limit yet
	for len(r.blocks) < max {
		best := -1
		for i := range r.ooo {
			st := r.ooo[i].stamp
			if (below == 0 || st < below) && (best < 0 || st > r.ooo[best].stamp) {
				best = i
			}
		}
		if best < 0 {
			break
		}
		o := &r.ooo[best]
		r.blocks = append(r.blocks, wire.SACKBlock{Left: o.start, Right: o.end()})
		below = o.stamp
	}
	return r.blocks
}
