package cc

// window holds what every variant keeps, cwnd and ssthresh, and the two
// growth rules they share: slow start and congestion avoidance.
type window struct {
	mss      int // SMSS, bytes
	cwnd     int // bytes
	ssthresh int // bytes
	phase    Phase
}

// maxInt is "arbitrarily high".
const maxInt = int(^uint(0) >> 1)

// newWindow sets the initial cwnd and ssthresh (RFC 5681 §3.1).
func newWindow(c Config) window {
	w := window{mss: c.MSS, cwnd: c.InitialWindow, ssthresh: c.InitialSsthresh}
	if w.cwnd == 0 {
		// RFC 5681 §3.1: IW is 2 segments if SMSS > 2190 bytes, 3 if
		// SMSS > 1095, else 4. (RFC 3390's min(4*SMSS, max(2*SMSS, 4380))
		// agrees at the usual 1460 bytes but not everywhere: 4380 against
		// 3600 bytes for an SMSS of 1200.)
		switch {
		case c.MSS > 2190:
			w.cwnd = 2 * c.MSS
		case c.MSS > 1095:
			w.cwnd = 3 * c.MSS
		default:
			w.cwnd = 4 * c.MSS
		}
	}
	if w.ssthresh == 0 {
		w.ssthresh = maxInt // "SHOULD be set arbitrarily high"
	}
	w.phase = w.growthPhase()
	return w
}

func (w *window) Cwnd() int     { return w.cwnd }
func (w *window) Ssthresh() int { return w.ssthresh }
func (w *window) Phase() Phase  { return w.phase }

// growthPhase is slow start while cwnd < ssthresh, else congestion
// avoidance (RFC 5681 §3.1; at equality either is allowed, and this model
// takes congestion avoidance).
func (w *window) growthPhase() Phase {
	if w.cwnd < w.ssthresh {
		return SlowStart
	}
	return CongestionAvoidance
}

// grow opens cwnd for an ACK of acked new bytes, outside recovery.
func (w *window) grow(acked int) {
	if w.cwnd < w.ssthresh {
		// Slow start, RFC 5681 §3.1 equation (2): cwnd += min(N, SMSS),
		// N the bytes this ACK acknowledges: about a doubling per RTT.
		inc := acked
		if inc > w.mss {
			inc = w.mss
		}
		w.cwnd += inc
	} else {
		// Congestion avoidance, RFC 5681 §3.1 equation (3):
		// cwnd += SMSS*SMSS/cwnd per ACK, about one SMSS per RTT; at
		// least 1 byte, as the RFC asks when the division rounds to 0.
		inc := w.mss * w.mss / w.cwnd
		if inc < 1 {
			inc = 1
		}
		w.cwnd += inc
	}
	w.phase = w.growthPhase()
}

// halve sets ssthresh after a loss, RFC 5681 §3.1 equation (4):
// ssthresh = max(FlightSize / 2, 2*SMSS).
func (w *window) halve(flightSize int) {
	w.ssthresh = maxOf(flightSize/2, 2*w.mss)
}

// restart collapses the window to one segment, LW = 1 SMSS (RFC 5681
// §3.1), with ssthresh from equation (4): Tahoe's answer to any loss.
func (w *window) restart(flightSize int) {
	w.halve(flightSize)
	w.cwnd = w.mss
	w.phase = SlowStart
}

// timeout is every variant's response to the retransmission timer, RFC
// 5681 §3.1: cwnd = LW = 1 SMSS, and ssthresh "no more than" equation (4)'s
// max(FlightSize/2, 2*SMSS):
//
//   - if the segment "has already been retransmitted by way of the
//     retransmission timer at least once, the value of ssthresh is held
//     constant" (a.Timeouts > 1);
//   - if the timer expires during fast recovery, the loss that began the
//     recovery has already halved ssthresh, and FlightSize (SND.NXT -
//     SND.UNA) has grown with every segment sent since, so the smaller
//     value is kept. Linux does the same (tcp_enter_loss leaves ssthresh
//     alone in recovery); without it a long recovery ends in a timeout
//     whose ssthresh is far above what the path holds, and slow start
//     overshoots again.
func (w *window) timeout(a Ack) {
	inRecovery := w.phase == FastRecovery
	w.cwnd = w.mss
	w.phase = SlowStart
	if a.Timeouts > 1 {
		return
	}
	old := w.ssthresh
	w.halve(a.FlightSize)
	if inRecovery && old < w.ssthresh {
		w.ssthresh = old
	}
}

func maxOf(a, b int) int {
	if a > b {
		return a
	}
	return b
}
