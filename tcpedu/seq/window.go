package seq

// Windows and ranges (RFC 9293 §3.10.7.4).
//
// A window is a run of consecutive sequence numbers: the bytes a receiver
// will accept next, RCV.NXT up to RCV.NXT+RCV.WND−1, or the bytes a sender
// may have in flight, SND.UNA up to SND.UNA+SND.WND−1. It is given by where
// it starts and how many bytes it holds:
//
//	            start                     start+size
//	              |                           |
//	    ... ------[===========================)------ ...
//	              first byte inside           first byte outside
//
// The window may straddle 0; nothing below cares. n is inside when the
// forward distance from start to n is less than size: one subtraction, and
// no comparison that could be fooled by the wrap.

// InWindow reports whether n is one of the size numbers start, start+1, ...,
// start+size−1, counting round the circle past 4294967295 to 0. In sequence
// space that is start =< n < start+size, the test RFC 9293 §3.10.7.4 applies
// to the first byte of an arriving segment:
//
//	RCV.NXT =< SEG.SEQ < RCV.NXT+RCV.WND
//
// which reads segSeq.InWindow(rcvNxt, rcvWnd). size is in bytes. A window of
// size 0 holds nothing, so InWindow reports false for every n. (The RFC's
// full acceptability test has four cases, with special rules for a
// zero-length segment and for a zero window, and it checks a segment's last
// byte too; the receiver builds those cases out of this test.)
//
// Unlike LessThan, InWindow has no 2^31 limit: any size up to 2^32−1 works,
// because it measures one forward distance instead of ordering two numbers.
func (n Num) InWindow(start Num, size uint32) bool {
	// start =< n and n < start+size, both at once: counting forward from
	// start, n is reached before the window runs out.
	return start.Distance(n) < size
}

// InRange reports whether n lies in the half-open range [first, end): n is
// one of first, first+1, ..., end−1, counting round the circle. first == end
// is the empty range. end is where the range stops going forward from
// first, so if end comes before first the range runs nearly all the way
// round the circle.
//
// A closed or open edge becomes half-open by adding 1. RFC 9293 §3.10.7.4
// accepts an ACK when SND.UNA < SEG.ACK =< SND.NXT, which is
//
//	segAck.InRange(sndUna.Add(1), sndNxt.Add(1))
func (n Num) InRange(first, end Num) bool {
	return n.InWindow(first, first.Distance(end))
}
