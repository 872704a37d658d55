package bulk

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tcpedu/tcpedu/tcpedu/cc"
)

// equation4 is RFC 5681's ssthresh after a loss: max(FlightSize/2, 2 SMSS).
func equation4(flight int) int {
	if flight/2 < 2*mss {
		return 2 * mss
	}
	return flight / 2
}

// TestLossEventsOneLoss: one scripted loss is one event, detected by three
// duplicate ACKs, for every variant, with ssthresh from equation (4).
func TestLossEventsOneLoss(t *testing.T) {
	for _, v := range cc.Variants {
		res := run(t, oneLoss(v, 30))
		evs := LossEvents(res.Trace)
		require.Len(t, evs, 1, "%s: LossEvents for one lost segment", v)
		e := evs[0]
		assert.Equal(t, TripleDupACK, e.Detected, "%s: detected by", v)
		assert.Equal(t, equation4(e.FlightSize), e.After.Ssthresh, "%s: ssthresh = max(FlightSize/2, 2 MSS)", v)
		assert.Equal(t, e.Before.InFlight, e.FlightSize, "%s: FlightSize is what was in flight before", v)
		if v == "tahoe" {
			assert.Equal(t, mss, e.After.Cwnd, "tahoe: cwnd = 1 MSS")
		} else {
			assert.Equal(t, cc.FastRecovery, e.After.Phase, "%s: fast recovery", v)
		}
	}
}

// TestLossEventsTimeout: a lost fast retransmission ends in a timeout:
// two events, three duplicate ACKs then the timer, and the count of
// timeouts in the result agrees.
func TestLossEventsTimeout(t *testing.T) {
	res := run(t, Config{CC: "newreno", Bandwidth: 100e6, NoQueueLimit: true, Trace: true, Duration: 4 * time.Second,
		Drop: []int{30, 62}})
	evs := LossEvents(res.Trace)
	require.Len(t, evs, 2, "LossEvents: the loss, then the lost retransmission")
	assert.Equal(t, TripleDupACK, evs[0].Detected)
	assert.Equal(t, Timeout, evs[1].Detected)
	assert.Equal(t, mss, evs[1].After.Cwnd, "after the timeout, cwnd = 1 MSS")
	assert.Greater(t, evs[1].After.RTO, evs[1].Before.RTO, "the timeout backs the RTO off")
	assert.Equal(t, res.Timeouts, evs[1].After.Timeouts)
}

// TestLossEventsNewRenoPartialACK: NewReno's partial ACK is part of the
// recovery that began at the third duplicate ACK, not a loss of its own.
func TestLossEventsNewRenoPartialACK(t *testing.T) {
	res := run(t, oneLoss("newreno", 30, 35))
	evs := LossEvents(res.Trace)
	require.Len(t, evs, 1, "LossEvents for two losses in one window")
	assert.Equal(t, TripleDupACK, evs[0].Detected)
}

// TestTraceRecordsRTT: every round-trip measurement shows in the trace,
// with RTTVAR and the window the receiver offers.
func TestTraceRecordsRTT(t *testing.T) {
	res := run(t, Config{Duration: 2 * time.Second, Trace: true})
	require.NotEmpty(t, res.Trace)
	first := res.Trace[0]
	assert.Equal(t, 1, first.RTTSamples, "the handshake's measurement")
	assert.Equal(t, first.SRTT, first.RTT, "RFC 6298 §2.2: SRTT = R")
	assert.Equal(t, first.RTT/2, first.RTTVAR, "RFC 6298 §2.2: RTTVAR = R/2")
	last := res.Trace[len(res.Trace)-1]
	assert.Greater(t, last.RTTSamples, 5, "at most one measurement per round trip, none across a retransmission (Karn)")
	assert.Greater(t, last.SndWnd, 0, "rwnd")
}

func TestDetectionString(t *testing.T) {
	assert.Equal(t, "3 dup ACKs", TripleDupACK.String())
	assert.Equal(t, "timeout", Timeout.String())
	assert.Equal(t, "unknown", Detection(0).String())
}
