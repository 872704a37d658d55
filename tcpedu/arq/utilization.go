package arq

import (
	"math"
	"time"
)

// UtilizationWithLoss returns the utilization that c's protocol reaches,
// in the long run, when each data segment is lost with probability p and
// no ACK is lost: the fraction of the link's time that carries new data.
// It counts the time each segment costs, as this package's protocols and
// timers spend it:
//
//   - Without loss, a window of W segments is sent per round trip, so the
//     link is busy a fraction U0 = min(1, W·(L/R) / RTT) of the time, and
//     each segment costs (L/R) / U0. Stop-and-wait is W = 1:
//     U0 = (L/R) / RTT, as StopAndWaitUtilization has it.
//
//   - Each segment needs 1/(1−p) attempts, so p/(1−p) losses on average.
//     Stop-and-wait loses RTO from sending a lost segment to sending it
//     again; Go-Back-N's one timer was last restarted by the ACK of the
//     segment before, so it loses RTO + RTT − L/R, and what it sent
//     meanwhile is sent again:
//
//     U = (L/R) / ( (L/R)/U0 + p/(1−p) · cost )
//
//   - Selective Repeat loses only the resend's L/R per loss, unless the
//     window stalls: held at a lost segment until its resend is
//     acknowledged, RTO + RTT after it was first sent, it stalls for
//     stall = RTO + RTT − max(RTT, W·L/R) − L/R, if that is positive. All
//     the losses of one window share one stall (their timers run out
//     together), so stalls come once per window that loses anything,
//     1 − (1−p)^W of them:
//
//     U = (L/R) / ( (L/R)/U0 + p/(1−p) · L/R + (1−(1−p)^W) / (W(1−p)) · stall )
//
//     With W = 1 both are stop-and-wait's. SACK resends a hole as soon as
//     three segments above it are acknowledged, without waiting for the
//     timer; it is costed as Selective Repeat, which understates it.
//
// The runs of this package measure within about 20% of it (the tests say
// where): a run also pays for filling and draining the pipe, and several
// losses in one window of Selective Repeat overlap less neatly than
// assumed.
func UtilizationWithLoss(c Config, p float64) float64 {
	c = c.WithDefaults()
	if p >= 1 {
		return 0
	}
	if p < 0 {
		p = 0
	}
	t, rtt, rto := c.DataTime(), c.RTT(), c.RTO
	w := time.Duration(c.window())
	u0 := float64(w*t) / float64(rtt)
	if u0 > 1 {
		u0 = 1
	}
	if c.Protocol == StopAndWait || w == 1 || c.Protocol == GoBackN {
		cost := rto
		if c.Protocol == GoBackN && w > 1 {
			cost = rto + rtt - t
		}
		return float64(t) / (float64(t)/u0 + p/(1-p)*float64(cost))
	}
	busy := rtt
	if w*t > busy {
		busy = w * t
	}
	stall := rto + rtt - busy - t
	if stall < 0 {
		stall = 0
	}
	windowsWithLoss := 1 - math.Pow(1-p, float64(w))
	perSegment := float64(t)/u0 + p/(1-p)*float64(t) + windowsWithLoss/(float64(w)*(1-p))*float64(stall)
	return float64(t) / perSegment
}
