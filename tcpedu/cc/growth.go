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
		// RFC 5681 §3.1, equation (1): IW = min(4*SMSS, max(2*SMSS, 4380)).
		w.cwnd = 4 * c.MSS
		if m := maxOf(2*c.MSS, 4380); m < w.cwnd {
			w.cwnd = m
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

// restart is the response to a timeout, RFC 5681 §3.1: ssthresh by
// equation (4), and cwnd = the loss window, LW = 1 SMSS: slow start again.
func (w *window) restart(flightSize int) {
	w.halve(flightSize)
	w.cwnd = w.mss
	w.phase = SlowStart
}

func maxOf(a, b int) int {
	if a > b {
		return a
	}
	return b
}
