package arq

import "time"

// StopAndWaitUtilization returns the textbook utilization of stop-and-wait,
//
//	U = (L/R) / (RTT + L/R)
//
// where transmit is L/R, the time to put one segment on the link, and rtt
// is the round-trip propagation time (twice the one-way delay). The sender
// is busy for L/R out of every RTT + L/R. The formula leaves out the time
// to send the ACK; a run includes it, so measures slightly less.
func StopAndWaitUtilization(transmit, rtt time.Duration) float64 {
	if transmit <= 0 {
		return 0
	}
	return float64(transmit) / float64(rtt+transmit)
}

// PipeWindow returns the smallest window, in segments, that keeps the link
// busy without pause: the segments sent in one round trip, rtt / (L/R),
// rounded up, where rtt runs from the start of a segment's transmission to
// the arrival of its ACK. A window this large reaches utilization near 1.
func PipeWindow(transmit, rtt time.Duration) int {
	if transmit <= 0 {
		return 1
	}
	return int((rtt + transmit - 1) / transmit)
}

// WindowRuleDemo returns a run that shows why a window must be small
// enough for the sequence space: the sender sends one full window, every
// ACK for it is lost, and the timers send the old segments again. With
// numbers modulo space, the receiver has already moved its window past
// them; if the window is too large, its new window holds the same numbers,
// and it files an old segment as a new one. The rule is
//
//	Go-Back-N:        window <= space - 1
//	Selective Repeat: window <= space / 2
//
// Run the result and check InOrderAndComplete: true when the rule holds,
// false (the application got wrong data) when it does not.
func WindowRuleDemo(proto Protocol, window, space int) Config {
	acks := make([]int, window)
	for i := range acks {
		acks[i] = i + 2 // the ACKs of #1 to #window ask for #2 to #window+1
	}
	return Config{
		Protocol: proto, Window: window, SeqSpace: space,
		Segments: 2 * space, DropACKs: acks,
	}
}
