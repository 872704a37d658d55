package cc

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tcpedu/tcpedu/tcpedu/seq"
)

func newSACKAlg(t *testing.T, base string, cwnd int) Algorithm {
	t.Helper()
	a, err := New(base, Config{MSS: mss, InitialWindow: cwnd, SACK: true})
	require.NoError(t, err, "New(%q, SACK)", base)
	return a
}

// TestSACKRecovery walks RFC 6675 §5 as package cc sees it: a window of
// 16 segments, recovery entered, partial ACKs, the ACK of RecoveryPoint.
func TestSACKRecovery(t *testing.T) {
	for _, base := range []string{"reno", "newreno"} {
		a := newSACKAlg(t, base, 16*mss)
		assert.Equal(t, base, a.Name(), "Name(): the variant whose growth SACK uses")
		una := seq.Num(1000)
		high := una.Add(16 * mss) // HighData
		// Two DupAcks, the first segment not yet lost: (1) and (2) fail.
		for n := 1; n <= 2; n++ {
			act := a.OnDupAck(Ack{Ack: una, FlightSize: 16 * mss, SndNxt: high, DupAcks: n, RecoveryPoint: una})
			assert.Equal(t, Action{}, act, "%s: OnDupAck(DupAcks=%d, Lost=false)", base, n)
		}
		assert.Equal(t, 16*mss, a.Cwnd(), "%s: no inflation, no cut before recovery", base)
		// The third: (1) holds.
		act := a.OnDupAck(Ack{Ack: una, FlightSize: 16 * mss, SndNxt: high, DupAcks: 3, RecoveryPoint: una})
		assert.Equal(t, Action{Retransmit: true}, act, "%s: (4.3) retransmit the first segment", base)
		assert.Equal(t, 8*mss, a.Ssthresh(), "%s: (4.2) ssthresh = FlightSize/2", base)
		assert.Equal(t, 8*mss, a.Cwnd(), "%s: (4.2) cwnd = FlightSize/2: no + 3 SMSS", base)
		assert.Equal(t, FastRecovery, a.Phase(), base)
		// Further DupAcks change nothing: the sender's pipe does the work.
		a.OnDupAck(Ack{Ack: una, FlightSize: 16 * mss, SndNxt: high, DupAcks: 4, RecoveryPoint: high})
		assert.Equal(t, 8*mss, a.Cwnd(), "%s: no window inflation in recovery", base)
		// A partial ACK: still in recovery, cwnd unchanged, nothing asked.
		act = a.OnAck(Ack{Ack: una.Add(4 * mss), Acked: 4 * mss, FlightSize: 16 * mss, SndNxt: high, RecoveryPoint: high})
		assert.Equal(t, Action{}, act, "%s: a partial ACK asks nothing (NextSeg picks the next hole)", base)
		assert.Equal(t, FastRecovery, a.Phase(), "%s: a partial ACK does not end recovery", base)
		assert.Equal(t, 8*mss, a.Cwnd(), "%s: cwnd after a partial ACK", base)
		// RecoveryPoint acknowledged: (A).
		a.OnAck(Ack{Ack: high, Acked: 12 * mss, FlightSize: 12 * mss, SndNxt: high.Add(8 * mss), RecoveryPoint: high})
		assert.Equal(t, CongestionAvoidance, a.Phase(), "%s: the ACK of RecoveryPoint ends recovery", base)
		assert.Equal(t, 8*mss, a.Cwnd(), "%s: cwnd = ssthresh on leaving", base)
		a.OnAck(Ack{Ack: high.Add(mss), Acked: mss, RecoveryPoint: high})
		assert.Equal(t, 8*mss+mss/8, a.Cwnd(), "%s: congestion avoidance again (equation (3))", base)
	}
}

// TestSACKLostBeforeThreeDupAcks: RFC 6675 §5 step (2). Three segments of
// 500 bytes SACKed above the first are one DupAck when one ACK reports
// them all; IsLost(HighACK+1), passed as Lost, starts recovery anyway.
func TestSACKLostBeforeThreeDupAcks(t *testing.T) {
	a := newSACKAlg(t, "newreno", 10*mss)
	act := a.OnDupAck(Ack{Ack: 1, FlightSize: 10 * mss, SndNxt: seq.Num(1).Add(10 * mss), DupAcks: 1, Lost: true, RecoveryPoint: 1})
	assert.Equal(t, Action{Retransmit: true}, act, "OnDupAck(DupAcks=1, Lost=true)")
	assert.Equal(t, 5*mss, a.Cwnd(), "cwnd = FlightSize/2")
	assert.Equal(t, FastRecovery, a.Phase())
}

// TestSACKAfterTimeout: RFC 6675 §5.1. After a timeout no recovery begins
// until HighACK reaches the RecoveryPoint the timeout set; the timeout
// itself is RFC 5681's, with the recovery's lower ssthresh kept.
func TestSACKAfterTimeout(t *testing.T) {
	a := newSACKAlg(t, "reno", 16*mss)
	una := seq.Num(1000)
	a.OnDupAck(Ack{Ack: una, FlightSize: 16 * mss, SndNxt: una.Add(16 * mss), DupAcks: 3, RecoveryPoint: una})
	require.Equal(t, FastRecovery, a.Phase())
	rp := una.Add(40 * mss) // HighData when the timer expired
	a.OnTimeout(Ack{Ack: una, FlightSize: 40 * mss, SndNxt: rp, Timeouts: 1})
	assert.Equal(t, mss, a.Cwnd(), "cwnd = 1 SMSS after a timeout")
	assert.Equal(t, 8*mss, a.Ssthresh(), "ssthresh stays at the recovery's 8 segments, not 40/2")
	assert.Equal(t, SlowStart, a.Phase(), "the timeout ends recovery")
	act := a.OnDupAck(Ack{Ack: una.Add(2 * mss), FlightSize: 38 * mss, SndNxt: rp, DupAcks: 3, Lost: true, RecoveryPoint: rp})
	assert.Equal(t, Action{}, act, "OnDupAck below RecoveryPoint after a timeout: no new recovery")
	assert.Equal(t, SlowStart, a.Phase())
	act = a.OnDupAck(Ack{Ack: rp, FlightSize: 4 * mss, SndNxt: rp.Add(4 * mss), DupAcks: 3, RecoveryPoint: rp})
	assert.Equal(t, Action{Retransmit: true}, act, "OnDupAck at RecoveryPoint: a new loss, a new recovery")
}

// TestSACKTahoe: Tahoe has no fast recovery for RFC 6675 to replace.
func TestSACKTahoe(t *testing.T) {
	_, err := New("tahoe", Config{MSS: mss, SACK: true})
	require.Error(t, err, "New(tahoe, SACK)")
	assert.Contains(t, err.Error(), "use reno or newreno")
	a, err := New("Tahoe", Config{MSS: mss})
	require.NoError(t, err, "New(Tahoe) without SACK")
	assert.Equal(t, "tahoe", a.Name())
}
