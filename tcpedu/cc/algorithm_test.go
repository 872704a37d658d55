package cc

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tcpedu/tcpedu/tcpedu/seq"
)

const mss = 1460

func newAlg(t *testing.T, name string, cwnd, ssthresh int) Algorithm {
	t.Helper()
	a, err := New(name, Config{MSS: mss, InitialWindow: cwnd, InitialSsthresh: ssthresh})
	require.NoError(t, err)
	return a
}

// dup returns the nth duplicate ACK of ack with flight bytes outstanding.
func dup(ack seq.Num, n, flight int) Ack {
	return Ack{Ack: ack, FlightSize: flight, SndNxt: ack.Add(uint32(flight)), DupAcks: n}
}

func TestInitialWindow(t *testing.T) {
	for _, tc := range []struct{ mss, want int }{
		{1460, 4380}, // 3 segments: max(2920, 4380) = 4380 < 5840
		{1000, 4000}, // 4 segments
		{2500, 5000}, // 2 segments
		{536, 2144},  // 4 segments
	} {
		a, err := New("reno", Config{MSS: tc.mss})
		require.NoError(t, err)
		assert.Equal(t, tc.want, a.Cwnd(), "IW for SMSS %d (RFC 5681 §3.1 equation (1))", tc.mss)
		assert.Equal(t, SlowStart, a.Phase(), "the first phase")
	}
}

func TestSlowStartAndCongestionAvoidance(t *testing.T) {
	for _, name := range Variants {
		a := newAlg(t, name, 2*mss, 4*mss)
		a.OnAck(Ack{Acked: mss})
		assert.Equal(t, 3*mss, a.Cwnd(), "%s: slow start adds the bytes acknowledged", name)
		a.OnAck(Ack{Acked: 2 * mss})
		assert.Equal(t, 4*mss, a.Cwnd(), "%s: slow start adds at most one SMSS per ACK (equation (2))", name)
		assert.Equal(t, CongestionAvoidance, a.Phase(), "%s: cwnd = ssthresh", name)
		a.OnAck(Ack{Acked: mss})
		assert.Equal(t, 4*mss+mss/4, a.Cwnd(), "%s: congestion avoidance adds SMSS*SMSS/cwnd (equation (3))", name)
	}
}

func TestTimeout(t *testing.T) {
	for _, name := range Variants {
		a := newAlg(t, name, 20*mss, 0)
		a.OnTimeout(Ack{FlightSize: 20 * mss, Timeouts: 1})
		assert.Equal(t, mss, a.Cwnd(), "%s: after a timeout cwnd = 1 SMSS (the loss window)", name)
		assert.Equal(t, 10*mss, a.Ssthresh(), "%s: ssthresh = FlightSize/2", name)
		assert.Equal(t, SlowStart, a.Phase(), name)
		a.OnTimeout(Ack{FlightSize: 30 * mss, Timeouts: 2})
		assert.Equal(t, 10*mss, a.Ssthresh(), "%s: the same segment timed out again: ssthresh is held constant", name)
		a.OnTimeout(Ack{FlightSize: mss, Timeouts: 1})
		assert.Equal(t, 2*mss, a.Ssthresh(), "%s: ssthresh is at least 2 SMSS (equation (4))", name)
	}
}

// TestTimeoutInRecovery: a timeout during fast recovery keeps the
// ssthresh the recovery set, which is "no more than" equation (4) allows,
// rather than half a FlightSize that has grown since.
func TestTimeoutInRecovery(t *testing.T) {
	for _, name := range []string{"reno", "newreno"} {
		a := newAlg(t, name, 16*mss, 0)
		for n := 1; n <= 3; n++ {
			a.OnDupAck(dup(1, n, 16*mss))
		}
		require.Equal(t, 8*mss, a.Ssthresh())
		a.OnTimeout(Ack{Ack: 1, FlightSize: 60 * mss, SndNxt: seq.Num(1).Add(60 * mss), Timeouts: 1})
		assert.Equal(t, 8*mss, a.Ssthresh(), "%s: ssthresh stays at the recovery's value, not 60/2 segments", name)
		assert.Equal(t, mss, a.Cwnd(), name)
	}
}

func TestTahoeTripleDupAck(t *testing.T) {
	a := newAlg(t, "tahoe", 16*mss, 0)
	for n := 1; n <= 2; n++ {
		assert.Equal(t, Action{}, a.OnDupAck(dup(1, n, 16*mss)), "duplicate %d: wait", n)
	}
	assert.Equal(t, Action{Retransmit: true, GoBack: true}, a.OnDupAck(dup(1, 3, 16*mss)), "the third duplicate: fast retransmit, and slow start from there")
	assert.Equal(t, mss, a.Cwnd(), "Tahoe: cwnd = 1 SMSS after three duplicate ACKs, as after a timeout")
	assert.Equal(t, 8*mss, a.Ssthresh())
	assert.Equal(t, SlowStart, a.Phase(), "Tahoe has no fast recovery")
}

// TestRenoFastRecovery walks RFC 5681 §3.2 steps 2 to 6.
func TestRenoFastRecovery(t *testing.T) {
	a := newAlg(t, "reno", 16*mss, 0)
	a.OnDupAck(dup(1, 1, 16*mss))
	a.OnDupAck(dup(1, 2, 16*mss))
	assert.Equal(t, 16*mss, a.Cwnd(), "two duplicates change nothing")
	assert.Equal(t, Action{Retransmit: true}, a.OnDupAck(dup(1, 3, 16*mss)), "step 2-3: fast retransmit")
	assert.Equal(t, 8*mss, a.Ssthresh(), "step 2: ssthresh = FlightSize/2")
	assert.Equal(t, 8*mss+3*mss, a.Cwnd(), "step 3: cwnd = ssthresh + 3 SMSS")
	assert.Equal(t, FastRecovery, a.Phase())
	a.OnDupAck(dup(1, 4, 16*mss))
	assert.Equal(t, 12*mss, a.Cwnd(), "step 4: each further duplicate adds one SMSS")
	a.OnAck(Ack{Ack: seq.Num(1).Add(4 * mss), Acked: 4 * mss, FlightSize: 16 * mss})
	assert.Equal(t, 8*mss, a.Cwnd(), "step 6: an ACK of new data deflates cwnd to ssthresh")
	assert.Equal(t, CongestionAvoidance, a.Phase(), "Reno leaves fast recovery on any new ACK, partial or not")
}

// TestNewRenoPartialACK walks RFC 6582 §3.2: a window of 16 segments with
// segments 1 and 5 lost.
func TestNewRenoPartialACK(t *testing.T) {
	a := newAlg(t, "newreno", 16*mss, 0)
	una := seq.Num(1000)
	for n := 1; n <= 3; n++ {
		a.OnDupAck(dup(una, n, 16*mss))
	}
	require.Equal(t, FastRecovery, a.Phase())
	require.Equal(t, 11*mss, a.Cwnd())
	// The retransmission of segment 1 is acknowledged up to segment 5,
	// which was lost too: a partial ACK of 4 segments.
	act := a.OnAck(Ack{Ack: una.Add(4 * mss), Acked: 4 * mss, FlightSize: 16 * mss, SndNxt: una.Add(16 * mss)})
	assert.Equal(t, Action{Retransmit: true, ResetTimer: true}, act, "a partial ACK: resend the next hole at once, and reset the timer (first partial ACK)")
	assert.Equal(t, FastRecovery, a.Phase(), "a partial ACK does not end fast recovery")
	assert.Equal(t, 11*mss-4*mss+mss, a.Cwnd(), "deflate by the bytes acknowledged, add back one SMSS")
	act = a.OnAck(Ack{Ack: una.Add(6 * mss), Acked: 2 * mss, FlightSize: 12 * mss, SndNxt: una.Add(16 * mss)})
	assert.Equal(t, Action{Retransmit: true}, act, "a second partial ACK: resend, but the timer is reset only on the first")
	// The full ACK: everything up to "recover".
	a.OnAck(Ack{Ack: una.Add(16 * mss), Acked: 10 * mss, FlightSize: 10 * mss, SndNxt: una.Add(16 * mss)})
	assert.Equal(t, 2*mss, a.Cwnd(), "a full ACK: cwnd = min(ssthresh, max(FlightSize, SMSS) + SMSS), nothing left in flight, so 2 SMSS: no burst")
	assert.Equal(t, SlowStart, a.Phase(), "a full ACK ends fast recovery; below ssthresh, slow start climbs back")
}

// TestNewRenoNoSecondRecovery checks RFC 6582 §3.2 step 2: duplicate ACKs
// below "recover" after a timeout do not start fast recovery again.
func TestNewRenoNoSecondRecovery(t *testing.T) {
	a := newAlg(t, "newreno", 16*mss, 0)
	una := seq.Num(1000)
	a.OnTimeout(Ack{Ack: una, FlightSize: 16 * mss, SndNxt: una.Add(16 * mss), Timeouts: 1})
	for n := 1; n <= 3; n++ {
		assert.Equal(t, Action{}, a.OnDupAck(dup(una.Add(2*mss), n, 2*mss)), "duplicate %d below recover", n)
	}
	assert.Equal(t, SlowStart, a.Phase(), "no fast recovery for duplicates of the same window")
	for n := 1; n <= 3; n++ {
		a.OnDupAck(dup(una.Add(17*mss), n, 4*mss))
	}
	assert.Equal(t, FastRecovery, a.Phase(), "duplicates above recover: a new loss")
}

func TestNewUnknown(t *testing.T) {
	_, err := New("cubic", Config{MSS: mss})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "tahoe, reno, newreno")
	_, err = New("reno", Config{})
	assert.Error(t, err, "MSS 0")
}

// TestRecoverGuardSurvivesLongRuns: the guard against a second fast
// retransmit for the same window ("recover", RFC 6582 §3.2 step 2) must
// not outlive its window. After 2^31 more bytes without a loss, sequence
// arithmetic would see an old "recover" ahead of every ACK and refuse
// every fast retransmit; once passed, it is forgotten.
func TestRecoverGuardSurvivesLongRuns(t *testing.T) {
	const mss = 1460
	for _, name := range []string{"tahoe", "newreno"} {
		alg, err := New(name, Config{MSS: mss})
		require.NoError(t, err)
		una := seq.Num(1000)
		nxt := una.Add(20 * mss)
		dup := func(n int) Action {
			return alg.OnDupAck(Ack{Ack: una, FlightSize: int(una.Distance(nxt)), SndNxt: nxt, DupAcks: n})
		}
		ack := func(to seq.Num) {
			alg.OnAck(Ack{Ack: to, Acked: int(una.Distance(to)), FlightSize: int(una.Distance(nxt)), SndNxt: nxt})
			una = to
		}
		dup(1)
		dup(2)
		require.True(t, dup(3).Retransmit, "%s: the first loss is retransmitted", name)
		ack(nxt) // the window is repaired: SND.UNA reaches "recover"
		// 3 GB later, without a loss, in steps of 1 MB.
		for i := 0; i < 3000; i++ {
			nxt = una.Add(2 << 20)
			ack(una.Add(1 << 20))
		}
		dup(1)
		dup(2)
		assert.True(t, dup(3).Retransmit, "%s: three duplicate ACKs 3 GB after the last loss: fast retransmit", name)
	}
}
