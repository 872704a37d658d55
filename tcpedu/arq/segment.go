package arq

import (
	"fmt"
	"strings"

	"github.com/tcpedu/tcpedu/tcpedu/seq"
	"github.com/tcpedu/tcpedu/tcpedu/wire"
)

// Segment is a protocol's view of one TCP segment: the fields an ARQ sender
// or receiver reads and writes. The harness turns it into a real IPv4
// packet with correct checksums before it reaches the link (see Encode), and
// back again on arrival, so what the protocols exchange is exactly what a
// capture shows.
type Segment struct {
	Seq     seq.Num // sequence number of the first payload byte
	Ack     seq.Num // cumulative acknowledgment: the next byte expected (RFC 9293 §3.4)
	Flags   wire.Flags
	Window  int              // receive window the sender of this segment offers, bytes (sent capped at 65535, no scaling)
	Blocks  []wire.SACKBlock // SACK blocks (RFC 2018), most recent first; at most wire.MaxSACKBlocks
	Payload []byte
}

// Len returns the payload length in bytes.
func (s *Segment) Len() int { return len(s.Payload) }

// End returns the sequence number just after the payload: Seq + Len.
func (s *Segment) End() seq.Num { return s.Seq.Add(uint32(len(s.Payload))) }

// IsData reports whether the segment carries payload.
func (s *Segment) IsData() bool { return len(s.Payload) > 0 }

// Side names the two hosts of an ARQ run.
type Side int

// The two sides. Data flows from Sender to Receiver; acknowledgments flow
// back.
const (
	Sender Side = iota
	Receiver
)

// String returns "sender" or "receiver".
func (s Side) String() string {
	if s == Receiver {
		return "receiver"
	}
	return "sender"
}

// Numbering converts between TCP's byte sequence numbers and the segment
// numbers the textbooks draw (#1, #2, …). The first payload byte is ISS+1,
// as after a SYN, so relative sequence numbers match Wireshark's: segment k
// (counting from 1) starts at relative sequence number 1 + (k-1)·Size.
type Numbering struct {
	ISS  seq.Num // the sender's initial sequence number
	IRS  seq.Num // the receiver's initial sequence number (its ACKs carry IRS+1)
	Size int     // payload bytes per segment
}

// First returns the sequence number of the first payload byte: ISS+1.
func (n Numbering) First() seq.Num { return n.ISS.Add(1) }

// SeqOf returns the sequence number at which segment k (1-based) starts.
func (n Numbering) SeqOf(k int) seq.Num {
	return n.First().Add(uint32(k-1) * uint32(n.Size))
}

// Index returns the 1-based number of the segment starting at s, or of the
// segment that an acknowledgment s asks for next. Offsets that do not fall
// on a segment boundary round down.
func (n Numbering) Index(s seq.Num) int {
	return int(uint32(s.Sub(n.First()))/uint32(n.Size)) + 1
}

// Relative returns s as an offset from ISS, as Wireshark shows it.
func (n Numbering) Relative(s seq.Num) uint32 { return uint32(s.Sub(n.ISS)) }

// Describe renders seg the way the ladder diagram labels it: segment
// number, relative sequence or acknowledgment number, and SACK blocks.
// from says which side sent it; length is its payload length in bytes.
func (n Numbering) Describe(from Side, seg *Segment, length int) string {
	var b strings.Builder
	if from == Sender {
		fmt.Fprintf(&b, "#%d seq=%d", n.Index(seg.Seq), n.Relative(seg.Seq))
		if length != n.Size {
			fmt.Fprintf(&b, " len=%d", length)
		}
		return b.String()
	}
	fmt.Fprintf(&b, "ACK %d (next #%d)", n.Relative(seg.Ack), n.Index(seg.Ack))
	for i, blk := range seg.Blocks {
		if i == 0 {
			b.WriteString(" SACK")
		}
		first, last := n.Index(blk.Left), n.Index(blk.Right)-1
		if first == last {
			fmt.Fprintf(&b, " #%d", first)
		} else {
			fmt.Fprintf(&b, " #%d-%d", first, last)
		}
	}
	return b.String()
}
