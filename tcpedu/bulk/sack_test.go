package bulk

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tcpedu/tcpedu/tcpedu/cc"
	"github.com/tcpedu/tcpedu/tcpedu/tcp"
)

// resends returns when each data segment sent again left the sender, with
// its sequence number, from a run with Capture.
func resends(t *testing.T, res *Result) (at []time.Duration, seqs []uint32) {
	t.Helper()
	var high uint32 // one past the highest byte sent so far
	first := true
	for _, p := range res.Packets {
		seg, src, _, err := tcp.Decode(p.Data)
		require.NoError(t, err, "Decode(captured packet)")
		if src != SenderAddr || len(seg.Payload) == 0 {
			continue
		}
		s := uint32(seg.Seq)
		if !first && int32(s-high) < 0 {
			at, seqs = append(at, p.At), append(seqs, s)
		}
		if end := s + uint32(len(seg.Payload)); first || int32(end-high) > 0 {
			high, first = end, false
		}
	}
	return at, seqs
}

// recovery returns how long the sender's first fast recovery lasted, from
// its trace.
func recovery(t *testing.T, res *Result) time.Duration {
	t.Helper()
	_, in := entering(t, res, cc.FastRecovery)
	for _, s := range res.Trace {
		if s.At > in.At && s.Phase != cc.FastRecovery {
			return s.At - in.At
		}
	}
	t.Fatal("the sender never left fast recovery")
	return 0
}

// TestSACKOneWindowManyLosses: k non-adjacent segments lost from one
// window (every third from segment 30, on a path whose queue never fills).
// NewReno learns of one hole per round trip, from each partial ACK, so its
// recovery lasts k round trips. With SACK every hole is resent within one
// round trip of the first, as soon as SACKs show it lost and pipe leaves
// room, and recovery ends a round trip later, whatever k is. Each hole is
// resent once, by fast retransmit, and no timer expires either way.
func TestSACKOneWindowManyLosses(t *testing.T) {
	for _, drops := range [][]int{{30, 33, 36}, {30, 33, 36, 39, 42, 45}} {
		k := len(drops)
		for _, sack := range []bool{false, true} {
			c := oneLoss("newreno", drops...)
			c.SACK, c.Capture = sack, true
			res := run(t, c)
			name := map[bool]string{false: "newreno", true: "newreno+SACK"}[sack]
			assert.Equal(t, k, res.FastRetransmits, "%s, %d losses: FastRetransmits", name, k)
			assert.Equal(t, k, res.Retransmissions, "%s, %d losses: Retransmissions, each hole once", name, k)
			assert.Zero(t, res.Timeouts, "%s, %d losses: Timeouts", name, k)
			at, _ := resends(t, res)
			require.Len(t, at, k, "%s, %d losses: segments resent", name, k)
			spread := float64(at[k-1]-at[0]) / float64(res.RTT)
			rtts := float64(recovery(t, res)) / float64(res.RTT)
			t.Logf("%s, %d losses: resent over %.2f RTT, recovery %.2f RTT", name, k, spread, rtts)
			if sack {
				assert.Less(t, spread, 1.0, "%s, %d losses: round trips from the first resend to the last", name, k)
				assert.InDelta(t, 2, rtts, 0.1, "%s, %d losses: round trips in recovery", name, k)
			} else {
				assert.InDelta(t, k-1, spread, 0.1, "%s, %d losses: round trips from the first resend to the last, one per hole", name, k)
				assert.InDelta(t, k, rtts, 0.1, "%s, %d losses: round trips in recovery, one per hole", name, k)
			}
		}
	}
}

// TestSACKRenoIsNewReno: RFC 6675 replaces fast recovery, the one place
// Reno and NewReno differ, so with SACK they make the same run, where
// without it Reno waits for a timeout.
func TestSACKRenoIsNewReno(t *testing.T) {
	c := oneLoss("reno", 30, 33, 36)
	c.SACK = true
	reno := run(t, c)
	c.CC = "newreno"
	newreno := run(t, c)
	reno.Config.CC = "newreno"
	assert.Equal(t, newreno, reno, "Run(reno+SACK) against Run(newreno+SACK)")
	plain := run(t, oneLoss("reno", 30, 33, 36))
	assert.Equal(t, 1, plain.Timeouts, "Reno without SACK, three losses in a window: Timeouts")
}

// TestSACKTimeoutInRecovery: the retransmission of the first hole (data
// segment 62 on the wire) is lost too. RFC 6675 cannot see that: recovery
// goes on, sending new data as SACKs arrive, until the timer expires. Then
// recovery ends (RFC 6675 §5.1), cwnd is 1 MSS, ssthresh stays at the
// recovery's value, and going back resends that one hole, not the
// hundreds of segments the receiver has SACKed since.
func TestSACKTimeoutInRecovery(t *testing.T) {
	c := oneLoss("newreno", 30, 33, 36, 62)
	c.SACK, c.Capture, c.Duration = true, true, 3*time.Second
	res := run(t, c)
	assert.Equal(t, 1, res.Timeouts, "Timeouts")
	assert.Equal(t, 3, res.FastRetransmits, "FastRetransmits: the three holes")
	assert.Equal(t, 4, res.Retransmissions, "Retransmissions: the three holes, and the first again after the timeout")
	_, seqs := resends(t, res)
	require.Len(t, seqs, 4, "segments resent")
	assert.Equal(t, seqs[0], seqs[3], "the timeout resends the first hole, whose retransmission was lost")

	_, in := entering(t, res, cc.FastRecovery)
	for _, s := range res.Trace {
		if s.At > in.At && s.Phase != cc.FastRecovery {
			assert.Equal(t, cc.SlowStart, s.Phase, "recovery ends with the timeout")
			assert.Equal(t, mss, s.Cwnd, "cwnd after the timeout")
			assert.Equal(t, in.Ssthresh, s.Ssthresh, "ssthresh after the timeout: the recovery's, not half the large flight")
			assert.Greater(t, s.InFlight, 300*mss, "bytes in flight when the timer expired: new data kept flowing")
			return
		}
	}
	t.Fatal("the sender never left fast recovery")
}

// TestMathisSACK is TestMathis with SACK: random loss, a path that loss
// alone limits, goodput against MathisGoodput, in the same bands.
// Measured with seed 1, 120 simulated seconds (goodput / Mathis, and
// TestMathis's NewReno without SACK for comparison):
//
//	p      SACK           NewReno
//	0.001  1.040          1.042
//	0.005  1.017          1.022
//	0.01   0.937 (2 TO)   0.918 (5 TO)
//	0.02   0.800 (14 TO)  0.734 (24 TO)
//
// SACK makes little difference where losses are rare and come one per
// window; at 2% it repairs the windows that lose two or three segments
// without a timeout, but a lost retransmission still needs the timer.
func TestMathisSACK(t *testing.T) { checkMathis(t, true) }

func TestSACKValidate(t *testing.T) {
	_, err := Run(Config{CC: "tahoe", SACK: true})
	require.Error(t, err, "Run(tahoe with SACK)")
	assert.Contains(t, err.Error(), "reno or newreno", "the error names what to use instead")
}
