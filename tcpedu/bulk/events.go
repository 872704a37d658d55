package bulk

import (
	"time"

	"github.com/tcpedu/tcpedu/tcpedu/cc"
)

// Detection is how a sender learned that a segment was lost.
type Detection uint8

// The two ways a loss is detected.
const (
	_ Detection = iota
	// TripleDupACK: the third duplicate ACK (RFC 5681 §3.2): fast
	// retransmit, then fast recovery (Reno, NewReno) or slow start
	// (Tahoe).
	TripleDupACK
	// Timeout: the retransmission timer expired (RFC 6298 §5.4): cwnd
	// back to one segment, slow start.
	Timeout
)

// String returns "3 dup ACKs" or "timeout", as a figure labels a loss.
func (d Detection) String() string {
	switch d {
	case TripleDupACK:
		return "3 dup ACKs"
	case Timeout:
		return "timeout"
	}
	return "unknown"
}

// LossEvent is the moment a sender reacted to a loss: the third duplicate
// ACK or the timer's expiry. Before is the sender's state just before it
// (the trace's previous row), After the state the reaction left.
type LossEvent struct {
	At       time.Duration
	Detected Detection
	// FlightSize is what was outstanding when the loss was detected,
	// bytes: SND.NXT - SND.UNA, from which RFC 5681 equation (4) sets
	// ssthresh = max(FlightSize/2, 2*SMSS).
	FlightSize    int
	Before, After Sample
}

// LossEvents finds in a trace (Result.Trace) every reaction to a loss, in
// time order, from what the sender's state did:
//
//   - the count of timer expiries (Sample.Timeouts) grew: a timeout;
//   - otherwise, outside fast recovery, the sender entered fast recovery
//     (Reno, NewReno), or cwnd or ssthresh fell (Tahoe, which has no
//     fast recovery and restarts from one segment): three duplicate ACKs.
//
// The ACKs inside a fast recovery (NewReno's partial ACKs, Reno's
// deflation at its end) are part of the reaction to the loss that began
// it, not new losses.
func LossEvents(trace []Sample) []LossEvent {
	var evs []LossEvent
	for i := 1; i < len(trace); i++ {
		prev, s := trace[i-1], trace[i]
		var d Detection
		switch {
		case s.Timeouts > prev.Timeouts:
			d = Timeout
		case prev.Phase != cc.FastRecovery &&
			(s.Phase == cc.FastRecovery || s.Cwnd < prev.Cwnd || s.Ssthresh < prev.Ssthresh):
			d = TripleDupACK
		default:
			continue
		}
		evs = append(evs, LossEvent{At: s.At, Detected: d, FlightSize: prev.InFlight, Before: prev, After: s})
	}
	return evs
}
