package scenario

import (
	"fmt"

	"github.com/tcpedu/tcpedu/tcpedu/tcp"
)

// segLine writes a segment as the tests spell them: sender, flags, seq and
// ack relative to the connection's ISNs ("-" where there is none), data
// length, and "lost" if the network lost it:
//
//	client SYN,ACK seq=0 ack=1 len=0
func segLine(s *SegmentRecord) string {
	seqs, acks := "-", "-"
	if s.HasRel {
		seqs = fmt.Sprint(s.SeqRel)
	}
	if s.HasAckRel {
		acks = fmt.Sprint(s.AckRel)
	}
	line := fmt.Sprintf("%s %s seq=%s ack=%s len=%d", s.From, tcp.FlagNames(s.Seg.Flags), seqs, acks, len(s.Seg.Payload))
	if s.Injected {
		line += " old"
	}
	if s.Dropped {
		line += " lost"
	}
	return line
}

// stateLine writes a state change as the tests spell them:
//
//	server 2 LISTEN>SYN-RECEIVED
func stateLine(c StateRecord) string {
	return fmt.Sprintf("%s %d %s>%s", c.Host, c.Conn, c.From, c.To)
}
