// Reference solution to exercise 09: SACK blocks at a receiver (RFC 2018
// §4); the contract is in exercises/09-sack-blocks/sackblocks.go.
package sackblocks

import (
	"github.com/tcpedu/tcpedu/tcpedu/seq"
	"github.com/tcpedu/tcpedu/tcpedu/wire"
)

// held is one run of sequence numbers received above RCV.NXT, [left,
// right), with the arrival that last fell inside it.
type held struct {
	left, right seq.Num
	stamp       uint64 // Receive's call count at that arrival: larger is more recent
}

// Receiver records which sequence numbers have arrived, as a TCP receiver
// does: RCV.NXT, and the runs held above it, each a future SACK block.
//
//	 received in order  |  hole  |  held  |  hole  |  held  |
//	--------------------|--------|--------|--------|--------|----
//	                 RCV.NXT   left   right
type Receiver struct {
	rcvNxt seq.Num // RCV.NXT (RFC 9293 §3.3.1): the first byte not yet received in order
	runs   []held  // in sequence order; they neither overlap nor touch, and all lie above RCV.NXT
	calls  uint64  // Receive calls so far, to stamp arrivals
}

// NewReceiver returns a receiver that expects rcvNxt next and holds
// nothing.
func NewReceiver(rcvNxt seq.Num) *Receiver { return &Receiver{rcvNxt: rcvNxt} }

// RcvNxt returns RCV.NXT: the acknowledgment number of the next ACK.
func (r *Receiver) RcvNxt() seq.Num { return r.rcvNxt }

// Receive records the arrival of n bytes from sequence number s, and
// returns the acknowledgment number the ACK it triggers carries: RCV.NXT.
func (r *Receiver) Receive(s seq.Num, n int) seq.Num {
	if n <= 0 {
		return r.rcvNxt
	}
	r.calls++
	e := s.Add(uint32(n))
	if e.LessThanEq(r.rcvNxt) {
		// All old: a duplicate of data received in order. It reports
		// nothing a block could say (no D-SACK, RFC 2883, here).
		return r.rcvNxt
	}
	if s.LessThan(r.rcvNxt) {
		s = r.rcvNxt // the old front is a duplicate: only the rest counts
	}

	// Merge [s, e) with every run it overlaps or touches, runs[i:j]: the
	// merged run holds the segment that triggered this ACK, so it is the
	// most recent (RFC 2018 §4).
	i := 0
	for i < len(r.runs) && r.runs[i].right.LessThan(s) {
		i++
	}
	j := i
	for j < len(r.runs) && r.runs[j].left.LessThanEq(e) {
		j++
	}
	merged := held{left: s, right: e, stamp: r.calls}
	if i < j {
		merged.left = seq.Min(s, r.runs[i].left)
		merged.right = seq.Max(e, r.runs[j-1].right)
	}
	rest := append([]held{merged}, r.runs[j:]...)
	r.runs = append(r.runs[:i], rest...)

	// A run that now starts at RCV.NXT is received in order: RCV.NXT moves
	// past it, and its block goes. Only the first run can.
	if len(r.runs) > 0 && r.runs[0].left == r.rcvNxt {
		r.rcvNxt = r.runs[0].right
		r.runs = r.runs[1:]
	}
	return r.rcvNxt
}

// Blocks returns the SACK blocks for the next ACK, at most max of them,
// as RFC 2018 §4 orders them: first the block holding the segment that
// triggered the ACK (unless that segment advanced RCV.NXT, and so is in no
// block), then the others, most recently reported first. Every ACK reports
// its blocks, so "most recently reported" is "most recently arrived in":
// the runs by stamp, newest first. It changes nothing.
func (r *Receiver) Blocks(max int) []wire.SACKBlock {
	var out []wire.SACKBlock
	taken := make([]bool, len(r.runs))
	for len(out) < max {
		best := -1
		for k := range r.runs {
			if !taken[k] && (best < 0 || r.runs[k].stamp > r.runs[best].stamp) {
				best = k
			}
		}
		if best < 0 {
			break
		}
		taken[best] = true
		out = append(out, wire.SACKBlock{Left: r.runs[best].left, Right: r.runs[best].right})
	}
	return out
}
