// Exercise 09: SACK blocks at a receiver (RFC 2018 §4).
//
// A TCP receiver with SACK tells the sender not only RCV.NXT, the
// cumulative acknowledgment, but also which ranges above it it holds: up
// to four SACK blocks in each ACK. Write the part of a receiver that keeps
// track of what has arrived and chooses those blocks. It handles sequence
// numbers only, no data: Receive(s, n) says that the n bytes from sequence
// number s have arrived. The tests compare every answer with the model's
// receive buffer, arq.Reassembly (tcpedu/arq/reassembly.go), whose Blocks
// implements the same rules.
//
// The contract:
//
//   - NewReceiver(rcvNxt) returns a receiver that has received nothing:
//     RCV.NXT (RFC 9293 §3.3.1), the first byte not yet received in
//     order, is rcvNxt.
//   - Receive(s, n) records bytes [s, s+n) (n ≥ 1; n ≤ 0 changes
//     nothing) and returns the acknowledgment number of the ACK they
//     trigger: RCV.NXT afterwards. Bytes below RCV.NXT are duplicates and
//     count for nothing (a segment may be partly old: only its bytes from
//     RCV.NXT on count). If the new bytes start at RCV.NXT, RCV.NXT moves
//     past them and past every range held that they now reach, so that
//     no hole is ever skipped. Otherwise they are held above RCV.NXT,
//     merged with every held range they overlap or touch.
//   - RcvNxt() returns RCV.NXT.
//   - Blocks(max) returns the SACK blocks for the ACK just triggered, at
//     most max of them (RFC 2018 §3: 4 fit in the option space, 3 beside
//     the timestamps option; max is 0 to 4). Each block is one whole range
//     held above RCV.NXT, as a wire.SACKBlock: Left its first sequence
//     number, Right the one just after its last, [Left, Right). Ranges
//     that touch or overlap are one block; no block lies at or below
//     RCV.NXT. Blocks only looks: calling it changes nothing.
//
// The order (RFC 2018 §4). The first block must hold the segment that
// triggered the ACK, unless that segment advanced RCV.NXT; the others
// repeat the most recently reported blocks, most recent first. Every ACK
// here reports its blocks, so "most recently reported" comes down to
// "most recently arrived in": order the blocks by the latest Receive whose
// bytes fell into each, newest first. A range that a Receive merged is as
// new as that Receive, even if every byte it brought was held already (a
// duplicate still triggers an ACK, and its block comes first). A Receive
// that only advances RCV.NXT, or only repeats bytes below it, freshens no
// block. When more ranges are held than max, the oldest are left out.
//
// Sequence numbers are seq.Num values on a circle of 2^32, and a run may
// cross from 4294967295 to 0: compare them with a.LessThan(b),
// a.LessThanEq(b) and a.Distance(b), and take the earlier or later of two
// with seq.Min and seq.Max, never with < on the raw numbers. Every byte
// the tests send lies less than 2^30 bytes from RCV.NXT, so these
// comparisons are always exact.
//
// Worked example, RFC 2018 §6 case 3: RCV.NXT 5000, segments of 500 bytes.
//
//	Receive(5000, 500) = 5500   Blocks(4): none
//	Receive(6000, 500) = 5500   Blocks(4): [6000, 6500)
//	Receive(7000, 500) = 5500   Blocks(4): [7000, 7500) [6000, 6500)
//	Receive(8000, 500) = 5500   Blocks(4): [8000, 8500) [7000, 7500) [6000, 6500)
//	Receive(6500, 500) = 5500   Blocks(4): [6000, 7500) [8000, 8500)
//	Receive(5500, 500) = 7500   Blocks(4): [8000, 8500)
//
// The fifth segment joins [6000, 6500) and [7000, 7500) into one block,
// which holds the segment that triggered the ACK, so it comes first. The
// sixth fills the hole at RCV.NXT: RCV.NXT moves past it and past
// [6000, 7500), whose block goes.
//
// Run the tests with: go test ./exercises/09-sack-blocks
// Grade everything with: go run ./cmd/tcpedu grade 09
package sackblocks

import (
	"github.com/tcpedu/tcpedu/tcpedu/seq"
	"github.com/tcpedu/tcpedu/tcpedu/wire"
)

// Receiver records which sequence numbers have arrived. Add the fields you
// need: RCV.NXT, and the ranges held above it, each with a note of the
// latest arrival that fell into it.
type Receiver struct {
}

// NewReceiver returns a receiver that expects rcvNxt next and holds
// nothing.
func NewReceiver(rcvNxt seq.Num) *Receiver {
	// Your code here.
	return &Receiver{}
}

// Receive records the arrival of n bytes from sequence number s, and
// returns the acknowledgment number of the ACK they trigger: RCV.NXT.
func (r *Receiver) Receive(s seq.Num, n int) seq.Num {
	// Your code here.
	return 0
}

// RcvNxt returns RCV.NXT, the first byte not yet received in order.
func (r *Receiver) RcvNxt() seq.Num {
	// Your code here.
	return 0
}

// Blocks returns the SACK blocks for the ACK just triggered, at most max,
// most recent first (RFC 2018 §4).
func (r *Receiver) Blocks(max int) []wire.SACKBlock {
	// Your code here.
	return nil
}
