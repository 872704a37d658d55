package tcp

// The arithmetic of RFC 6298, with durations chosen so that every step is
// exact in nanoseconds.

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/tcpedu/tcpedu/tcpedu/wire"
)

const ms = time.Millisecond

// TestRTOFirstSample: RFC 6298 §2.2, "When the first RTT measurement R is
// made, the host MUST set SRTT <- R, RTTVAR <- R/2, RTO <- SRTT + max (G,
// K*RTTVAR)" with K = 4 and G taken as 0: RTO = 3R, rounded up to the 1 s
// floor of §2.4.
func TestRTOFirstSample(t *testing.T) {
	tests := []struct {
		r, rttvar, rto time.Duration
	}{
		{100 * ms, 50 * ms, time.Second},                   // 300 ms, below the floor
		{333 * ms, 166500 * time.Microsecond, time.Second}, // 999 ms, just below the floor
		{500 * ms, 250 * ms, 1500 * ms},
		{2 * time.Second, time.Second, 6 * time.Second},
		{10 * time.Second, 5 * time.Second, 30 * time.Second},
		{50 * time.Second, 25 * time.Second, 120 * time.Second}, // 150 s, above Max
	}
	for _, tc := range tests {
		r := NewRTO(time.Second, time.Second, 120*time.Second)
		r.Sample(tc.r)
		assert.Equal(t, tc.r, r.SRTT, "after Sample(%v): SRTT", tc.r)
		assert.Equal(t, tc.rttvar, r.RTTVAR, "after Sample(%v): RTTVAR", tc.r)
		assert.Equal(t, tc.rto, r.RTO, "after Sample(%v): RTO = %v, want max(1 s, %v + 4·%v) capped at 120 s", tc.r, r.RTO, tc.r, tc.rttvar)
		assert.Equal(t, 1, r.Samples, "after Sample(%v): Samples", tc.r)
	}
}

// TestRTOSecondSample: RFC 6298 §2.3, "RTTVAR <- (1 - beta) * RTTVAR + beta *
// |SRTT - R'|" and then "SRTT <- (1 - alpha) * SRTT + alpha * R'", alpha =
// 1/8, beta = 1/4: RTTVAR is updated with the old SRTT.
func TestRTOSecondSample(t *testing.T) {
	tests := []struct {
		name              string
		r1, r2            time.Duration
		srtt, rttvar, rto time.Duration
	}{
		// RTTVAR = 3/4·500 + 1/4·1000 = 625 ms; SRTT = 7/8·1 s + 1/8·2 s = 1125 ms.
		{"slower", time.Second, 2 * time.Second, 1125 * ms, 625 * ms, 3625 * ms},
		// RTTVAR = 3/4·400 + 1/4·400 = 400 ms; SRTT = 7/8·800 + 1/8·400 = 750 ms.
		{"faster", 800 * ms, 400 * ms, 750 * ms, 400 * ms, 2350 * ms},
		// RTTVAR = 3/4·400 + 0 = 300 ms; SRTT stays 800 ms; RTO = 2 s.
		{"steady", 800 * ms, 800 * ms, 800 * ms, 300 * ms, 2000 * ms},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := NewRTO(time.Second, time.Second, 120*time.Second)
			r.Sample(tc.r1)
			r.Sample(tc.r2)
			assert.Equal(t, tc.srtt, r.SRTT, "Sample(%v), Sample(%v): SRTT", tc.r1, tc.r2)
			assert.Equal(t, tc.rttvar, r.RTTVAR, "Sample(%v), Sample(%v): RTTVAR", tc.r1, tc.r2)
			assert.Equal(t, tc.rto, r.RTO, "Sample(%v), Sample(%v): RTO", tc.r1, tc.r2)
			assert.Equal(t, 2, r.Samples, "Samples")
		})
	}
}

// TestRTOBackoff: RFC 6298 §5.5, "The host MUST set RTO <- RTO * 2 ('back
// off the timer')", up to the maximum of §2.5; a new sample undoes the
// backoff.
func TestRTOBackoff(t *testing.T) {
	r := NewRTO(time.Second, time.Second, 60*time.Second)
	var got []time.Duration
	for i := 0; i < 8; i++ {
		r.Backoff()
		got = append(got, r.RTO)
	}
	want := []time.Duration{2, 4, 8, 16, 32, 60, 60, 60}
	for i := range want {
		want[i] *= time.Second
	}
	assert.Equal(t, want, got, "RTO after each of 8 Backoff() calls from 1 s, Max 60 s")

	r.Sample(2 * time.Second)
	assert.Equal(t, 6*time.Second, r.RTO, "Sample(2 s) after backoff: RTO")
}

// TestRTOFloor: RFC 6298 §2.4, "Whenever RTO is computed, if it is less
// than 1 second, then the RTO SHOULD be rounded up to 1 second": on a fast
// path RTO never drops below Min, however small the samples.
func TestRTOFloor(t *testing.T) {
	r := NewRTO(time.Second, time.Second, 120*time.Second)
	assert.Equal(t, time.Second, r.RTO, "NewRTO(1 s, ...): RTO before any sample")
	for i := 0; i < 20; i++ {
		r.Sample(10 * ms)
		assert.Equal(t, time.Second, r.RTO, "after %d samples of 10 ms: RTO", i+1)
	}
	assert.Equal(t, 10*ms, r.SRTT, "SRTT after steady 10 ms samples")

	// A lower Min (Linux uses 200 ms) lets RTO follow the samples down.
	r = NewRTO(time.Second, 200*ms, 120*time.Second)
	r.Sample(100 * ms)
	assert.Equal(t, 300*ms, r.RTO, "Min 200 ms, Sample(100 ms): RTO")
	r = NewRTO(time.Second, 200*ms, 120*time.Second)
	r.Sample(10 * ms)
	assert.Equal(t, 200*ms, r.RTO, "Min 200 ms, Sample(10 ms): RTO")
}

// TestEndpointRTOFromHandshake: the endpoint times its SYN (RFC 6298 §3:
// Karn's algorithm allows it, as the SYN was sent once) and starts data
// transfer with the RTO that gives; after a retransmitted SYN and no sample,
// it starts with 3 s instead (RFC 6298 §5.7).
func TestEndpointRTOFromHandshake(t *testing.T) {
	t.Run("SYN,ACK after 400 ms", func(t *testing.T) {
		f := reach(t, SynSent)
		f.sim.RunFor(400 * ms)
		what := f.peerSend(wire.SYN|wire.ACK, nil)
		rto := f.ep.RTO()
		assert.Equal(t, 400*ms, rto.SRTT, "%s after 400 ms: SRTT", what)
		assert.Equal(t, 1200*ms, rto.RTO, "%s after 400 ms: RTO = 3·400 ms", what)
	})
	t.Run("SYN resent", func(t *testing.T) {
		f := reach(t, SynSent)
		f.sim.RunFor(1500 * ms) // the SYN is resent at 1 s; its RTT cannot be measured
		what := f.peerSend(wire.SYN|wire.ACK, nil)
		rto := f.ep.RTO()
		assert.Zero(t, rto.Samples, "%s after a resent SYN: Samples", what)
		assert.Equal(t, 3*time.Second, rto.RTO, "%s after a resent SYN: RTO (RFC 6298 §5.7)", what)
	})
}
