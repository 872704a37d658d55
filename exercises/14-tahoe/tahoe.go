// Exercise 14: TCP Tahoe, a congestion control of your own (RFC 5681).
//
// Write Tahoe as a cc.Algorithm (tcpedu/cc/algorithm.go): the sender of
// package tcp tells it about every ACK and every timeout, and asks it for
// cwnd before it sends. Once the checks pass, your Tahoe drives real
// transfers on the simulator (bulk.Config.NewCC), segment for segment as
// the model's tahoe does. Write the logic yourself: use package cc only
// for its types (Config, Ack, Action, Phase) and cc.DupThresh.
//
// All sizes are in bytes; SMSS is c.MSS. FlightSize is a.FlightSize: the
// bytes outstanding (SND.NXT − SND.UNA) before the event.
//
// The contract:
//
//   - New(c) starts with cwnd = IW: c.InitialWindow, or when that is 0
//     RFC 5681 §3.1 equation (1): 2*SMSS if SMSS > 2190 bytes, 3*SMSS if
//     SMSS > 1095, else 4*SMSS. ssthresh = c.InitialSsthresh, or when that
//     is 0 "arbitrarily high": math.MaxInt.
//   - Phase() is cc.SlowStart while cwnd < ssthresh, else
//     cc.CongestionAvoidance. (At cwnd = ssthresh RFC 5681 §3.1 allows
//     either; like the model, take congestion avoidance.) Tahoe is never in
//     cc.FastRecovery.
//   - OnAck(a), an ACK of a.Acked = N new bytes: in slow start cwnd +=
//     min(N, SMSS) (RFC 5681 §3.1 equation (2)); in congestion avoidance
//     cwnd += SMSS*SMSS/cwnd, integer division, at least 1 byte (equation
//     (3)). Return cc.Action{}.
//   - OnDupAck(a): nothing on the first and second duplicate. On the third
//     (a.DupAcks == cc.DupThresh) a segment is lost: ssthresh =
//     max(FlightSize/2, 2*SMSS) (equation (4): FlightSize, not cwnd, and
//     never below 2 SMSS), cwnd = 1 SMSS, slow start, and return
//     cc.Action{Retransmit: true, GoBack: true}: resend the lost segment,
//     and everything after it as the window opens. Tahoe has no fast
//     recovery: later duplicates change nothing.
//   - The recover guard. Going back makes the receiver send a duplicate
//     ACK for each segment it already had, and those must not start a
//     second fast retransmit for the same loss. At each fast retransmit
//     and each timeout set recover = a.SndNxt. A third duplicate ACK whose
//     a.Ack is not beyond recover (a.Ack.GreaterThan(recover) is false) is
//     such an echo: return cc.Action{} and change nothing. When an ACK goes
//     beyond recover, forget recover: kept for ever, 2^31 bytes later it
//     would look ahead in sequence space. Compare sequence numbers only
//     with seq.Num's methods; they wrap at 2^32.
//   - OnTimeout(a): cwnd = 1 SMSS (the loss window), slow start, and
//     ssthresh = max(FlightSize/2, 2*SMSS), except when a.Timeouts > 1
//     (the same segment timed out again): then ssthresh is held (RFC 5681
//     §3.1). Set recover = a.SndNxt.
//
// Worked example, SMSS 1460 and c = cc.Config{MSS: 1460}: IW = 3*1460 =
// 4380, ssthresh math.MaxInt, slow start. An ACK of 1460 bytes: cwnd 5840.
// A delayed ACK of 2920 bytes: cwnd 7300 (min(2920, 1460) added). With
// 8760 bytes in flight, three duplicate ACKs: nothing, nothing, then
// ssthresh = 4380, cwnd = 1460, slow start, Retransmit and GoBack. Later,
// in congestion avoidance at cwnd 4380 = ssthresh, an ACK adds
// 1460*1460/4380 = 486: cwnd 4866.
//
// Run the tests with: go test ./exercises/14-tahoe
// Grade it with: go run ./cmd/tcpedu grade 14
package tahoe

import (
	"github.com/tcpedu/tcpedu/tcpedu/cc"
	"github.com/tcpedu/tcpedu/tcpedu/seq"
)

// Tahoe is your congestion control. These are the fields the model's
// Tahoe keeps; change them as you like.
type Tahoe struct {
	smss     int      // SMSS, bytes
	cwnd     int      // cwnd, bytes
	ssthresh int      // ssthresh, bytes
	phase    cc.Phase // slow start or congestion avoidance

	recover    seq.Num // SND.NXT at the last fast retransmit or timeout
	hasRecover bool    // recover is set, and no ACK has gone beyond it yet
}

// New returns your Tahoe, starting from c.
func New(c cc.Config) cc.Algorithm {
	// Your code here.
	return &Tahoe{}
}

// Name returns the name the sender's notes show.
func (t *Tahoe) Name() string { return "exercise 14 tahoe" }

// Cwnd returns cwnd, in bytes.
func (t *Tahoe) Cwnd() int {
	// Your code here.
	return 0
}

// Ssthresh returns ssthresh, in bytes.
func (t *Tahoe) Ssthresh() int {
	// Your code here.
	return 0
}

// Phase returns cc.SlowStart or cc.CongestionAvoidance.
func (t *Tahoe) Phase() cc.Phase {
	// Your code here.
	return ""
}

// OnAck grows cwnd for an ACK of a.Acked new bytes.
func (t *Tahoe) OnAck(a cc.Ack) cc.Action {
	// Your code here.
	return cc.Action{}
}

// OnDupAck answers a duplicate ACK: a fast retransmit on the third.
func (t *Tahoe) OnDupAck(a cc.Ack) cc.Action {
	// Your code here.
	return cc.Action{}
}

// OnTimeout answers the retransmission timer's expiry.
func (t *Tahoe) OnTimeout(a cc.Ack) {
	// Your code here.
}
