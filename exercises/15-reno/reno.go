// Exercise 15: TCP Reno, fast retransmit and fast recovery (RFC 5681).
//
// Write Reno as a cc.Algorithm (tcpedu/cc/algorithm.go). Tahoe (exercise
// 14) answers every loss by going back to one segment; Reno, when three
// duplicate ACKs show that segments are still getting through, only halves
// its window and keeps sending while it waits for the retransmission to be
// acknowledged. Once the checks pass, your Reno drives real transfers on
// the simulator (bulk.Config.NewCC) segment for segment as the model's
// reno does. Write the logic yourself: use package cc only for its types
// (Config, Ack, Action, Phase) and cc.DupThresh.
//
// All sizes are in bytes; SMSS is c.MSS. FlightSize is a.FlightSize: the
// bytes outstanding (SND.NXT − SND.UNA) before the event.
//
// The contract:
//
//   - New(c), and growth outside fast recovery, are as in exercise 14:
//     cwnd = c.InitialWindow, or when 0 RFC 5681 §3.1 equation (1) (2*SMSS
//     if SMSS > 2190 bytes, 3*SMSS if > 1095, else 4*SMSS); ssthresh =
//     c.InitialSsthresh, or math.MaxInt when 0. On an ACK of N new bytes:
//     cwnd += min(N, SMSS) while cwnd < ssthresh (cc.SlowStart), else
//     cwnd += SMSS*SMSS/cwnd, at least 1 byte (cc.CongestionAvoidance;
//     equations (2) and (3)).
//   - OnDupAck(a), RFC 5681 §3.2:
//     the first and second duplicates change nothing;
//     the third (a.DupAcks == cc.DupThresh), outside fast recovery: ssthresh
//     = max(FlightSize/2, 2*SMSS) (step 2, equation (4): FlightSize, not
//     cwnd, and never below 2 SMSS); cwnd = ssthresh + 3*SMSS (step 3: the
//     three duplicates are three segments that have left the network);
//     Phase() becomes cc.FastRecovery; return cc.Action{Retransmit: true};
//     each further duplicate during fast recovery: cwnd += SMSS
//     ("inflation", step 4), no retransmission.
//   - OnAck(a) during fast recovery: cwnd = ssthresh ("deflation", step 6),
//     no growth for this ACK, and leave fast recovery (the phase is then
//     congestion avoidance, as cwnd = ssthresh). Reno does this on any ACK
//     of new data, even one that covers only part of what was outstanding
//     (a "partial ACK"): exercise 16 does better.
//   - OnTimeout(a): cwnd = 1 SMSS, slow start, and any fast recovery is
//     over (RFC 5681 §3.1). ssthresh = max(FlightSize/2, 2*SMSS), except
//     when a.Timeouts > 1 (held), or when that would raise the ssthresh a
//     fast recovery in progress set (keep the lower: "no more than"
//     equation (4); FlightSize has grown during the recovery).
//   - OnAck and OnTimeout ask for nothing: only the third duplicate
//     returns an Action.
//
// Worked example, SMSS 1460, cwnd 23360 (16 SMSS), 16 segments in flight,
// segment 1 lost: duplicates 1 and 2 change nothing; the third sets
// ssthresh 11680, cwnd 11680 + 4380 = 16060, fast recovery, Retransmit.
// Two more duplicates: cwnd 17520, then 18980. The ACK of the
// retransmission: cwnd 11680, congestion avoidance. The next ACK adds
// 1460*1460/11680 = 182: cwnd 11862.
//
// Run the tests with: go test ./exercises/15-reno
// Grade it with: go run ./cmd/tcpedu grade 15
package reno

import "github.com/tcpedu/tcpedu/tcpedu/cc"

// Reno is your congestion control. These are the fields the model's Reno
// keeps; change them as you like.
type Reno struct {
	smss     int      // SMSS, bytes
	cwnd     int      // cwnd, bytes
	ssthresh int      // ssthresh, bytes
	phase    cc.Phase // slow start, congestion avoidance or fast recovery
}

// New returns your Reno, starting from c.
func New(c cc.Config) cc.Algorithm {
	// Your code here.
	return &Reno{}
}

// Name returns the name the sender's notes show.
func (r *Reno) Name() string { return "exercise 15 reno" }

// Cwnd returns cwnd, in bytes.
func (r *Reno) Cwnd() int {
	// Your code here.
	return 0
}

// Ssthresh returns ssthresh, in bytes.
func (r *Reno) Ssthresh() int {
	// Your code here.
	return 0
}

// Phase returns cc.SlowStart, cc.CongestionAvoidance or cc.FastRecovery.
func (r *Reno) Phase() cc.Phase {
	// Your code here.
	return ""
}

// OnAck grows cwnd for an ACK of a.Acked new bytes, or ends fast recovery.
func (r *Reno) OnAck(a cc.Ack) cc.Action {
	// Your code here.
	return cc.Action{}
}

// OnDupAck answers a duplicate ACK: fast retransmit on the third,
// inflation after it.
func (r *Reno) OnDupAck(a cc.Ack) cc.Action {
	// Your code here.
	return cc.Action{}
}

// OnTimeout answers the retransmission timer's expiry.
func (r *Reno) OnTimeout(a cc.Ack) {
	// Your code here.
}
