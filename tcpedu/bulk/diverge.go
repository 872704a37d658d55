package bulk

import (
	"fmt"
	"time"

	"github.com/tcpedu/tcpedu/tcpedu/seq"
	"github.com/tcpedu/tcpedu/tcpedu/wire"
)

// This file compares two runs of the same path, packet by packet: a
// learner's congestion control (Config.NewCC) against the model's, on the
// same seed. Both runs see the same losses for as long as they send the
// same segments at the same times, so the first segment where they part
// is where the two algorithms first decided differently; everything after
// it follows from that decision.

// DataSegment is one data segment the sender sent, as its capture shows
// it. Sequence numbers count from the first data byte (ISS+1 is 0).
type DataSegment struct {
	N              int           // 1 for the first data segment sent, retransmissions counted
	At             time.Duration // when it left the sender
	Seq            int64         // its first byte
	Len            int           // payload bytes
	Retransmission bool          // it starts below the highest byte sent before
}

// String describes the segment as a failure message does:
// "#12 at 1.234567 s: bytes 14600–16060 (a retransmission)".
func (d DataSegment) String() string { return fmt.Sprintf("#%d at %s", d.N, d.what()) }

// what is String without the segment's number.
func (d DataSegment) what() string {
	s := fmt.Sprintf("%.6f s: bytes %d–%d", d.At.Seconds(), d.Seq, d.Seq+int64(d.Len))
	if d.Retransmission {
		s += " (a retransmission)"
	}
	return s
}

// DataSegments returns the data segments of a run captured with
// Config.Capture, in the order they were sent.
func DataSegments(res *Result) []DataSegment {
	var (
		out     []DataSegment
		pkt     wire.Packet
		base    seq.Num
		known   bool
		highest int64
	)
	for _, p := range res.Packets {
		if err := pkt.DecodeIP(p.Data); err != nil || pkt.Protocol != wire.ProtocolTCP {
			continue
		}
		h := &pkt.TCP
		if pkt.Src() != SenderAddr.Addr() || h.SrcPort != SenderAddr.Port() {
			continue
		}
		if h.Flags.Has(wire.SYN) {
			base, known = h.Seq.Add(1), true
			continue
		}
		n := len(pkt.Payload())
		if !known || n == 0 {
			continue
		}
		d := DataSegment{N: len(out) + 1, At: p.At, Seq: int64(h.Seq.Sub(base)), Len: n}
		d.Retransmission = d.Seq < highest
		if end := d.Seq + int64(n); end > highest {
			highest = end
		}
		out = append(out, d)
	}
	return out
}

// Divergence is where two runs part: the first data segment that differs
// in its bytes or its time. Ref or Got is nil when that run had stopped
// sending while the other went on.
type Divergence struct {
	Ref, Got *DataSegment
}

// String says where the runs part, in one sentence.
func (d Divergence) String() string {
	switch {
	case d.Ref == nil:
		return fmt.Sprintf("the reference had sent all it did by then; yours went on with segment %s", d.Got)
	case d.Got == nil:
		return fmt.Sprintf("yours stopped sending; the reference went on with segment %s", d.Ref)
	}
	return fmt.Sprintf("segment #%d: the reference sent it at %s; yours at %s", d.Ref.N, d.Ref.what(), d.Got.what())
}

// FirstDivergence compares two captured runs (Config.Capture) segment by
// segment and returns the first where they differ, or false if the
// sender sent the same data at the same times in both.
func FirstDivergence(ref, got *Result) (Divergence, bool) {
	a, b := DataSegments(ref), DataSegments(got)
	for i := 0; i < len(a) || i < len(b); i++ {
		switch {
		case i >= len(a):
			return Divergence{Got: &b[i]}, true
		case i >= len(b):
			return Divergence{Ref: &a[i]}, true
		case a[i] != b[i]:
			return Divergence{Ref: &a[i], Got: &b[i]}, true
		}
	}
	return Divergence{}, false
}
