// Reference solution to exercise 15: TCP Reno's fast retransmit and fast
// recovery (RFC 5681); the contract is in exercises/15-reno/reno.go.
package reno

import (
	"math"

	"github.com/tcpedu/tcpedu/tcpedu/cc"
)

// The SMSS thresholds of RFC 5681 §3.1 equation (1), in bytes: above
// largeSMSS IW is 2 segments, above mediumSMSS 3, else 4.
const (
	largeSMSS  = 2190
	mediumSMSS = 1095
)

// Reno is RFC 5681: slow start, congestion avoidance, fast retransmit and
// fast recovery. Three duplicate ACKs halve the window; only a timeout
// takes it back to one segment.
type Reno struct {
	smss     int      // SMSS, bytes
	cwnd     int      // cwnd, bytes
	ssthresh int      // ssthresh, bytes
	phase    cc.Phase // slow start, congestion avoidance or fast recovery
}

// New returns Reno starting from c: cwnd = IW, ssthresh as configured or
// arbitrarily high (RFC 5681 §3.1).
func New(c cc.Config) cc.Algorithm {
	r := &Reno{smss: c.MSS, cwnd: c.InitialWindow, ssthresh: c.InitialSsthresh}
	if r.cwnd == 0 {
		r.cwnd = initialWindow(c.MSS)
	}
	if r.ssthresh == 0 {
		r.ssthresh = math.MaxInt // "SHOULD be set arbitrarily high"
	}
	r.phase = r.growthPhase()
	return r
}

// initialWindow is IW by RFC 5681 §3.1 equation (1).
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
func (r *Reno) Name() string { return "exercise 15 reno" }

// Cwnd returns cwnd, in bytes.
func (r *Reno) Cwnd() int { return r.cwnd }

// Ssthresh returns ssthresh, in bytes.
func (r *Reno) Ssthresh() int { return r.ssthresh }

// Phase returns slow start, congestion avoidance or fast recovery.
func (r *Reno) Phase() cc.Phase { return r.phase }

// growthPhase is slow start while cwnd < ssthresh, else congestion
// avoidance (RFC 5681 §3.1; at equality the model takes congestion
// avoidance).
func (r *Reno) growthPhase() cc.Phase {
	if r.cwnd < r.ssthresh {
		return cc.SlowStart
	}
	return cc.CongestionAvoidance
}

// OnAck grows cwnd, or ends fast recovery.
func (r *Reno) OnAck(a cc.Ack) cc.Action {
	if r.phase == cc.FastRecovery {
		// RFC 5681 §3.2 step 6: the next ACK of new data, whatever it
		// covers, deflates the window: "set cwnd to ssthresh".
		r.cwnd = r.ssthresh
		r.phase = r.growthPhase()
		return cc.Action{}
	}
	if r.cwnd < r.ssthresh {
		r.cwnd += minInt(a.Acked, r.smss) // slow start, equation (2)
	} else {
		r.cwnd += maxInt(r.smss*r.smss/r.cwnd, 1) // congestion avoidance, equation (3)
	}
	r.phase = r.growthPhase()
	return cc.Action{}
}

// OnDupAck is RFC 5681 §3.2 steps 2 to 4.
func (r *Reno) OnDupAck(a cc.Ack) cc.Action {
	switch {
	case r.phase == cc.FastRecovery:
		// Step 4: each further duplicate says one more segment has left
		// the network: cwnd += SMSS.
		r.cwnd += r.smss
	case a.DupAcks == cc.DupThresh:
		// Step 2: ssthresh = max(FlightSize/2, 2*SMSS), equation (4).
		// Step 3: retransmit, and cwnd = ssthresh + 3*SMSS, inflated by
		// the three segments the duplicates say have left.
		r.ssthresh = maxInt(a.FlightSize/2, 2*r.smss)
		r.cwnd = r.ssthresh + cc.DupThresh*r.smss
		r.phase = cc.FastRecovery
		return cc.Action{Retransmit: true}
	}
	// The first and second duplicates change nothing (the model leaves
	// out Limited Transmit, step 1).
	return cc.Action{}
}

// OnTimeout: cwnd = 1 SMSS and slow start (RFC 5681 §3.1), which ends any
// fast recovery; ssthresh by equation (4), but held if the same segment
// timed out before, and never raised by a timeout during fast recovery.
func (r *Reno) OnTimeout(a cc.Ack) {
	inRecovery := r.phase == cc.FastRecovery
	r.cwnd, r.phase = r.smss, cc.SlowStart
	if a.Timeouts > 1 {
		return // "the value of ssthresh is held constant"
	}
	ssthresh := maxInt(a.FlightSize/2, 2*r.smss)
	if inRecovery && ssthresh > r.ssthresh {
		// FlightSize has grown during the recovery; "no more than"
		// equation (4) lets us keep the lower value it set.
		return
	}
	r.ssthresh = ssthresh
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
