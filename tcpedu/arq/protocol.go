package arq

import (
	"fmt"
	"time"

	"github.com/tcpedu/tcpedu/tcpedu/seq"
	"github.com/tcpedu/tcpedu/tcpedu/wire"
)

// A SenderEndpoint is the sending half of an ARQ protocol. The harness
// calls Start once, then OnAck for every segment that arrives from the
// receiver with good checksums; the endpoint sends, retransmits and sets
// timers through the Env it was made with. Each protocol is one file. The
// segment passed to OnAck (and its Blocks and Payload) is reused for the
// next arrival: copy what you keep.
type SenderEndpoint interface {
	Start()
	OnAck(seg *Segment)
	// Done reports whether every segment has been acknowledged.
	Done() bool
}

// A ReceiverEndpoint is the receiving half: OnData is called for every data
// segment that arrives with good checksums. It hands in-order data to the
// application with Env.Deliver and acknowledges with Env.Send. As with
// OnAck, the segment is reused after the call returns.
type ReceiverEndpoint interface {
	OnData(seg *Segment)
}

// Protocol names an ARQ protocol.
type Protocol int

// The protocols, simplest first.
const (
	StopAndWait     Protocol = iota // one segment at a time; the alternating bit tells new from repeated
	GoBackN                         // a window of N, cumulative ACKs, one timer, resend everything outstanding
	SelectiveRepeat                 // a window of N, each segment ACKed and timed on its own, receiver buffers
	SACK                            // Go-Back-N's cumulative ACK and single timer plus SACK blocks (RFC 2018): resend only the holes
)

var protocolNames = []string{"sw", "gbn", "sr", "sack"}

var protocolTitles = []string{"Stop-and-wait", "Go-Back-N", "Selective Repeat", "SACK"}

// String returns the protocol's short name: sw, gbn, sr or sack.
func (p Protocol) String() string {
	if p >= 0 && int(p) < len(protocolNames) {
		return protocolNames[p]
	}
	return fmt.Sprintf("Protocol(%d)", int(p))
}

// Title returns the protocol's name as a heading: "Go-Back-N".
func (p Protocol) Title() string {
	if p >= 0 && int(p) < len(protocolTitles) {
		return protocolTitles[p]
	}
	return p.String()
}

// ParseProtocol returns the protocol with the given short name.
func ParseProtocol(name string) (Protocol, error) {
	for i, n := range protocolNames {
		if n == name {
			return Protocol(i), nil
		}
	}
	return 0, fmt.Errorf("arq: unknown protocol %q: choose sw, gbn, sr or sack", name)
}

// Params is what both halves of a protocol agree on before the transfer.
type Params struct {
	Numbering // ISS, IRS and Size: where segments start in sequence space

	// Window is N: how many segments the sender may have unacknowledged,
	// and (Selective Repeat, SACK) how many the receiver buffers. Stop-and-
	// wait ignores it: its window is 1.
	Window int

	// Segments is how many segments the application sends.
	Segments int

	// SeqSpace is how many different sequence numbers the protocol can
	// tell apart, counted in segments; 0 means all of TCP's 32-bit byte
	// space. The packets always carry TCP's full numbers (so captures look
	// like TCP); a protocol with a small SeqSpace reads only the segment
	// number modulo SeqSpace, exactly as if the header had only that many
	// bits. Stop-and-wait always reads one bit. See WindowRuleDemo.
	SeqSpace int

	// RTO is the fixed retransmission timeout. (TCP computes its RTO from
	// measured round trips, RFC 6298; the congestion-control chapter does.)
	RTO time.Duration
}

// number returns the sequence number of the segment starting at s as the
// protocol reads it: its segment index (0-based) modulo SeqSpace.
func (p *Params) number(s seq.Num) int {
	k := p.Index(s) - 1
	if p.SeqSpace > 0 {
		k %= p.SeqSpace
	}
	return k
}

// offset returns how many segments s lies after base, as a protocol that
// reads only p.number can work it out: modulo SeqSpace it can only answer
// 0 to SeqSpace-1, and numbers in the last window before base come out as
// large offsets, not negative ones. With the full space the answer is the
// true signed distance.
func (p *Params) offset(base, s seq.Num) int {
	if p.SeqSpace == 0 {
		return int(s.Sub(base)) / p.Size
	}
	return ((p.number(s)-p.number(base))%p.SeqSpace + p.SeqSpace) % p.SeqSpace
}

// before reports whether s, read as p.number, falls in the window of n
// segments just below base: something already received, whose ACK was
// perhaps lost.
func (p *Params) before(base, s seq.Num, n int) bool {
	off := p.offset(base, s)
	if p.SeqSpace == 0 {
		return off < 0 && off >= -n
	}
	return off >= p.SeqSpace-n
}

// ackAsRead returns the acknowledgment number ack as a sender that reads
// only p.number understands it: with n segments in flight from una, an
// ACK naming the number of one of the next n segments after una
// acknowledges up to there; any other number is an old ACK, read as una
// (a duplicate). With the full space it is ack itself.
func (p *Params) ackAsRead(una, ack seq.Num, n int) seq.Num {
	if p.SeqSpace == 0 {
		return ack
	}
	if off := p.offset(una, ack); off <= n {
		return una.Add(uint32(off * p.Size))
	}
	return una
}

// seqAsRead returns the sequence number s, named in a SACK block, as a
// sender that reads only p.number understands it: the segment among the n
// in flight from una with that number. ok is false if none has it.
func (p *Params) seqAsRead(una, s seq.Num, n int) (at seq.Num, ok bool) {
	if p.SeqSpace == 0 {
		return s, true
	}
	if off := p.offset(una, s); off < n {
		return una.Add(uint32(off * p.Size)), true
	}
	return una, false
}

// receiveWindow is the window field a receiver offers: its buffer in bytes.
func (p *Params) receiveWindow() int { return p.Window * p.Size }

// dataSegment builds the segment that carries sequence numbers [s, s+n).
func (p *Params) dataSegment(env *Env, s seq.Num, n int) Segment {
	return Segment{
		Seq: s, Ack: p.IRS.Add(1), Flags: wire.ACK | wire.PSH,
		Window: p.receiveWindow(), Payload: env.Payload(s, n),
	}
}

// sendNew records a new segment of Size bytes at SND.NXT in w and sends it.
func (p *Params) sendNew(env *Env, w *SendWindow) *SentSegment {
	sg := w.Send(p.Size, env.Now())
	seg := p.dataSegment(env, sg.Seq, sg.Len)
	env.Send(&seg)
	return sg
}

// resend sends the i-th outstanding segment of w again, for reason why.
func (p *Params) resend(env *Env, w *SendWindow, i int, why string) *SentSegment {
	sg := w.Retransmit(i, env.Now())
	seg := p.dataSegment(env, sg.Seq, sg.Len)
	env.Retransmit(&seg, why)
	return sg
}

// ackSegment builds a receiver's acknowledgment asking for rcvNxt next.
func (p *Params) ackSegment(rcvNxt seq.Num, blocks []wire.SACKBlock) Segment {
	return Segment{Seq: p.IRS.Add(1), Ack: rcvNxt, Flags: wire.ACK, Window: p.receiveWindow(), Blocks: blocks}
}

// NewSender returns the sending half of protocol proto.
func NewSender(proto Protocol, env *Env, p Params) (SenderEndpoint, error) {
	switch proto {
	case StopAndWait:
		return NewStopAndWaitSender(env, p), nil
	case GoBackN:
		return NewGoBackNSender(env, p), nil
	case SelectiveRepeat:
		return NewSelectiveRepeatSender(env, p), nil
	case SACK:
		return NewSACKSender(env, p), nil
	}
	return nil, fmt.Errorf("arq: unknown protocol %d", int(proto))
}

// NewReceiver returns the receiving half of protocol proto.
func NewReceiver(proto Protocol, env *Env, p Params) (ReceiverEndpoint, error) {
	switch proto {
	case StopAndWait:
		return NewStopAndWaitReceiver(env, p), nil
	case GoBackN:
		return NewGoBackNReceiver(env, p), nil
	case SelectiveRepeat:
		return NewSelectiveRepeatReceiver(env, p), nil
	case SACK:
		return NewSACKReceiver(env, p), nil
	}
	return nil, fmt.Errorf("arq: unknown protocol %d", int(proto))
}
