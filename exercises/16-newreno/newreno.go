// Exercise 16: TCP NewReno, partial acknowledgments (RFC 6582).
//
// Write NewReno as a cc.Algorithm (tcpedu/cc/algorithm.go). Reno
// (exercise 15) leaves fast recovery on the first ACK of new data; when a
// window lost two segments, that ACK covers only part of what was
// outstanding, and Reno then waits for three more duplicates or for the
// timer. NewReno remembers where the window ended ("recover") and stays in
// fast recovery until an ACK covers it, resending each further hole as
// soon as a partial ACK shows it. Once the checks pass, your NewReno
// drives real transfers on the simulator (bulk.Config.NewCC) segment for
// segment as the model's newreno does. Write the logic yourself: use
// package cc only for its types (Config, Ack, Action, Phase) and
// cc.DupThresh.
//
// All sizes are in bytes; SMSS is c.MSS. FlightSize is a.FlightSize: the
// bytes outstanding (SND.NXT − SND.UNA) before the event. Compare sequence
// numbers (a.Ack, a.SndNxt, recover) only with seq.Num's methods
// (GreaterThan, GreaterThanEq): they wrap at 2^32.
//
// The contract:
//
//   - New(c), and growth outside fast recovery, are as in exercise 14:
//     cwnd = c.InitialWindow, or when 0 RFC 5681 §3.1 equation (1) (2*SMSS
//     if SMSS > 2190 bytes, 3*SMSS if > 1095, else 4*SMSS); ssthresh =
//     c.InitialSsthresh, or math.MaxInt when 0. On an ACK of N new bytes
//     outside fast recovery: cwnd += min(N, SMSS) while cwnd < ssthresh
//     (cc.SlowStart), else cwnd += SMSS*SMSS/cwnd, at least 1 byte
//     (cc.CongestionAvoidance).
//   - OnDupAck(a): the first and second duplicates change nothing. The
//     third (a.DupAcks == cc.DupThresh), outside fast recovery, starts one
//     if its a.Ack is beyond recover, or if no recover is set (RFC 6582
//     §3.2 step 2): recover = a.SndNxt, ssthresh = max(FlightSize/2,
//     2*SMSS), cwnd = ssthresh + 3*SMSS, cc.FastRecovery, and return
//     cc.Action{Retransmit: true}. If a.Ack is not beyond recover
//     (a.Ack.GreaterThan(recover) is false), the duplicates echo segments
//     resent for a loss already handled (§4.1): change nothing, return
//     cc.Action{}. During fast recovery each duplicate adds SMSS to cwnd
//     (step 4), nothing else.
//   - OnAck(a) during fast recovery (step 3):
//     a full acknowledgment, a.Ack.GreaterThanEq(recover): cwnd =
//     min(ssthresh, max(F, SMSS) + SMSS), with F = a.FlightSize − a.Acked,
//     what is still outstanding after this ACK (option (1) of step 3),
//     and leave fast recovery (phase by cwnd and ssthresh as usual);
//     a partial acknowledgment, below recover: cwnd −= a.Acked; then
//     cwnd += SMSS if a.Acked ≥ SMSS; never below 1 SMSS; stay in fast
//     recovery; return cc.Action{Retransmit: true, ResetTimer: true} on
//     the first partial ACK of this recovery, cc.Action{Retransmit: true}
//     on later ones.
//   - Forget recover once an ACK outside fast recovery goes beyond it
//     (a.Ack.GreaterThan(recover)); kept for ever, 2^31 bytes later it
//     would look ahead in sequence space and refuse every fast retransmit.
//   - OnTimeout(a): cwnd = 1 SMSS, cc.SlowStart, leave any fast recovery,
//     recover = a.SndNxt (step 4). ssthresh = max(FlightSize/2, 2*SMSS),
//     except when a.Timeouts > 1 (held), or when that would raise the
//     ssthresh a fast recovery in progress set (keep the lower).
//
// Worked example (RFC 6582's case), SMSS 1460, 16 segments in flight from
// SND.UNA 1000, so SND.NXT = 24360; segments 1 and 5 lost. The third
// duplicate: recover = 24360, ssthresh 11680, cwnd 16060, Retransmit.
// Three more duplicates: cwnd 20440. The retransmitted 1 fills the first
// hole: an ACK of 4 segments (Ack 6840 < recover) is partial: cwnd =
// 20440 − 5840 + 1460 = 16060, Retransmit and ResetTimer, still in fast
// recovery. The retransmitted 5 brings the full ACK, Ack 24360 with
// nothing sent since: cwnd = min(11680, max(0, 1460) + 1460) = 2920, slow
// start.
//
// Run the tests with: go test ./exercises/16-newreno
// Grade it with: go run ./cmd/tcpedu grade 16
package newreno

import (
	"github.com/tcpedu/tcpedu/tcpedu/cc"
	"github.com/tcpedu/tcpedu/tcpedu/seq"
)

// NewReno is your congestion control. These are the fields the model's
// NewReno keeps; change them as you like.
type NewReno struct {
	smss     int      // SMSS, bytes
	cwnd     int      // cwnd, bytes
	ssthresh int      // ssthresh, bytes
	phase    cc.Phase // slow start, congestion avoidance or fast recovery

	recover    seq.Num // SND.NXT when the last recovery began or the timer last expired
	hasRecover bool    // recover is set, and no ACK has gone beyond it yet
	partial    bool    // this recovery has seen a partial ACK
}

// New returns your NewReno, starting from c.
func New(c cc.Config) cc.Algorithm {
	// Your code here.
	return &NewReno{}
}

// Name returns the name the sender's notes show.
func (n *NewReno) Name() string { return "exercise 16 newreno" }

// Cwnd returns cwnd, in bytes.
func (n *NewReno) Cwnd() int {
	// Your code here.
	return 0
}

// Ssthresh returns ssthresh, in bytes.
func (n *NewReno) Ssthresh() int {
	// Your code here.
	return 0
}

// Phase returns cc.SlowStart, cc.CongestionAvoidance or cc.FastRecovery.
func (n *NewReno) Phase() cc.Phase {
	// Your code here.
	return ""
}

// OnAck grows cwnd for an ACK of a.Acked new bytes, or handles a partial
// or full acknowledgment during fast recovery.
func (n *NewReno) OnAck(a cc.Ack) cc.Action {
	// Your code here.
	return cc.Action{}
}

// OnDupAck answers a duplicate ACK: fast retransmit on the third unless
// recover forbids it, inflation during fast recovery.
func (n *NewReno) OnDupAck(a cc.Ack) cc.Action {
	// Your code here.
	return cc.Action{}
}

// OnTimeout answers the retransmission timer's expiry.
func (n *NewReno) OnTimeout(a cc.Ack) {
	// Your code here.
}
