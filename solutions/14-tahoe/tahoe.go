// Reference solution to exercise 14: TCP Tahoe (RFC 5681); the contract is
// in exercises/14-tahoe/tahoe.go.
package tahoe

import (
	"math"

	"github.com/tcpedu/tcpedu/tcpedu/cc"
	"github.com/tcpedu/tcpedu/tcpedu/seq"
)

// The SMSS thresholds of RFC 5681 §3.1 equation (1), in bytes: above
// largeSMSS IW is 2 segments, above mediumSMSS 3, else 4.
const (
	largeSMSS  = 2190
	mediumSMSS = 1095
)

// Tahoe is slow start, congestion avoidance and fast retransmit without
// fast recovery: every loss, however it is found, takes cwnd back to one
// segment and slow start.
type Tahoe struct {
	smss     int      // SMSS, bytes
	cwnd     int      // cwnd, bytes
	ssthresh int      // ssthresh, bytes
	phase    cc.Phase // slow start or congestion avoidance: Tahoe has no fast recovery

	recover    seq.Num // SND.NXT at the last fast retransmit or timeout
	hasRecover bool    // recover is set, and no ACK has gone beyond it yet
}

// New returns Tahoe starting from c: cwnd = IW, ssthresh as configured or
// arbitrarily high (RFC 5681 §3.1).
func New(c cc.Config) cc.Algorithm {
	t := &Tahoe{smss: c.MSS, cwnd: c.InitialWindow, ssthresh: c.InitialSsthresh}
	if t.cwnd == 0 {
		t.cwnd = initialWindow(c.MSS)
	}
	if t.ssthresh == 0 {
		t.ssthresh = math.MaxInt // "SHOULD be set arbitrarily high"
	}
	t.phase = t.growthPhase()
	return t
}

// initialWindow is IW by RFC 5681 §3.1 equation (1): whole segments, fewer
// of them the larger they are.
func initialWindow(smss int) int {
	switch {
	case smss > largeSMSS:
		return 2 * smss
	case smss > mediumSMSS:
		return 3 * smss
	}
	return 4 * smss
}

// Name returns the name the sender's notes show.
func (t *Tahoe) Name() string { return "exercise 14 tahoe" }

// Cwnd returns cwnd, in bytes.
func (t *Tahoe) Cwnd() int { return t.cwnd }

// Ssthresh returns ssthresh, in bytes.
func (t *Tahoe) Ssthresh() int { return t.ssthresh }

// Phase returns slow start or congestion avoidance.
func (t *Tahoe) Phase() cc.Phase { return t.phase }

// growthPhase is slow start while cwnd < ssthresh, else congestion
// avoidance (RFC 5681 §3.1 allows either at equality; the model takes
// congestion avoidance).
func (t *Tahoe) growthPhase() cc.Phase {
	if t.cwnd < t.ssthresh {
		return cc.SlowStart
	}
	return cc.CongestionAvoidance
}

// OnAck grows cwnd for an ACK of a.Acked new bytes.
func (t *Tahoe) OnAck(a cc.Ack) cc.Action {
	if t.hasRecover && a.Ack.GreaterThan(t.recover) {
		// The guard is met for good once an ACK passes recover. Forget
		// it: 2^31 bytes later, sequence arithmetic would see it ahead.
		t.hasRecover = false
	}
	if t.cwnd < t.ssthresh {
		// Slow start, RFC 5681 §3.1 equation (2): cwnd += min(N, SMSS).
		t.cwnd += minInt(a.Acked, t.smss)
	} else {
		// Congestion avoidance, equation (3): cwnd += SMSS*SMSS/cwnd,
		// and at least 1 byte when the division rounds down to 0.
		t.cwnd += maxInt(t.smss*t.smss/t.cwnd, 1)
	}
	t.phase = t.growthPhase()
	return cc.Action{}
}

// OnDupAck is fast retransmit without fast recovery: on the third
// duplicate ACK (RFC 5681 §3.2 step 2), the loss is answered as a timeout
// is, and Tahoe slow-starts from the lost segment, sending what follows
// it again.
func (t *Tahoe) OnDupAck(a cc.Ack) cc.Action {
	if a.DupAcks != cc.DupThresh {
		return cc.Action{}
	}
	if t.hasRecover && !a.Ack.GreaterThan(t.recover) {
		// The duplicates echo segments sent again after the last loss:
		// not a new loss (the guard of RFC 6582 §4.1).
		return cc.Action{}
	}
	t.recover, t.hasRecover = a.SndNxt, true
	t.collapse(a.FlightSize)
	return cc.Action{Retransmit: true, GoBack: true}
}

// OnTimeout: cwnd = 1 SMSS, slow start, and ssthresh by equation (4)
// unless the same segment timed out before (RFC 5681 §3.1).
func (t *Tahoe) OnTimeout(a cc.Ack) {
	if a.Timeouts > 1 {
		// "the value of ssthresh is held constant"
		t.cwnd, t.phase = t.smss, cc.SlowStart
	} else {
		t.collapse(a.FlightSize)
	}
	t.recover, t.hasRecover = a.SndNxt, true
}

// collapse answers a loss: ssthresh = max(FlightSize/2, 2*SMSS) (RFC 5681
// §3.1 equation (4)), cwnd = LW = 1 SMSS, slow start.
func (t *Tahoe) collapse(flightSize int) {
	t.ssthresh = maxInt(flightSize/2, 2*t.smss)
	t.cwnd = t.smss
	t.phase = cc.SlowStart
}

func minInt(a, b int) int {
	if a < b {
		return a
	}
	return b
}

func maxInt(a, b int) int {
	if a > b {
		return a
	}
	return b
}
