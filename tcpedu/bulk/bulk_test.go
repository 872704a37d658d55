package bulk

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tcpedu/tcpedu/tcpedu/cc"
	"github.com/tcpedu/tcpedu/tcpedu/wire"
)

const mss = DefaultMSS

// oneLoss is a clean path (no queue limit, so slow start loses nothing)
// where data segment 30 is lost once.
func oneLoss(variant string, drops ...int) Config {
	return Config{CC: variant, Bandwidth: 100e6, NoQueueLimit: true, Drop: drops, Trace: true, Duration: 2 * time.Second}
}

func run(t *testing.T, c Config) *Result {
	t.Helper()
	res, err := Run(c)
	require.NoError(t, err)
	return res
}

// entering returns the first sample in phase p after a sample in another
// phase, and the sample just before it.
func entering(t *testing.T, res *Result, p cc.Phase) (before, at Sample) {
	t.Helper()
	for i := 1; i < len(res.Trace); i++ {
		if res.Trace[i].Phase == p && res.Trace[i-1].Phase != p {
			return res.Trace[i-1], res.Trace[i]
		}
	}
	t.Fatalf("the sender never entered %s", p)
	return
}

// TestThirdDupAckReno checks RFC 5681 §3.2 steps 2-3 on a real run: at the
// third duplicate ACK, ssthresh = FlightSize/2 and cwnd = ssthresh + 3 MSS;
// the lost segment is resent once, and no timer expires.
func TestThirdDupAckReno(t *testing.T) {
	for _, v := range []string{"reno", "newreno"} {
		res := run(t, oneLoss(v, 30))
		before, at := entering(t, res, cc.FastRecovery)
		assert.Equal(t, before.InFlight/2, at.Ssthresh, "%s: ssthresh = FlightSize/2", v)
		assert.Equal(t, at.Ssthresh+3*mss, at.Cwnd, "%s: cwnd = ssthresh + 3 MSS after the third duplicate ACK", v)
		assert.Equal(t, 1, res.Retransmissions, "%s: one loss, one retransmission", v)
		assert.Equal(t, 1, res.FastRetransmits, "%s: by fast retransmit", v)
		assert.Equal(t, 0, res.Timeouts, "%s: no timeout", v)
		_, out := entering(t, res, cc.CongestionAvoidance)
		assert.Equal(t, at.Ssthresh, out.Cwnd, "%s: leaving fast recovery, cwnd = ssthresh", v)
	}
}

// TestThirdDupAckTahoe: Tahoe retransmits on the third duplicate ACK too,
// but then starts again from one segment.
func TestThirdDupAckTahoe(t *testing.T) {
	res := run(t, oneLoss("tahoe", 30))
	var cut *Sample
	for i := 1; i < len(res.Trace); i++ {
		if res.Trace[i].Ssthresh < res.Trace[i-1].Ssthresh {
			cut = &res.Trace[i]
			assert.Equal(t, res.Trace[i-1].InFlight/2, cut.Ssthresh, "ssthresh = FlightSize/2")
			break
		}
	}
	require.NotNil(t, cut, "ssthresh never fell")
	assert.Equal(t, mss, cut.Cwnd, "Tahoe: cwnd = 1 MSS after three duplicate ACKs")
	assert.Equal(t, cc.SlowStart, cut.Phase)
	assert.Equal(t, 1, res.FastRetransmits)
	assert.Equal(t, 0, res.Timeouts)
}

// TestNewRenoPartialACK: two segments of one window lost. NewReno's
// partial ACK resends the second at once and stays in fast recovery (RFC
// 6582 §3.2 step 3): two fast retransmissions, no timeout, one recovery.
func TestNewRenoPartialACK(t *testing.T) {
	res := run(t, oneLoss("newreno", 30, 35))
	assert.Equal(t, 2, res.FastRetransmits, "the third duplicate ACK, then the partial ACK")
	assert.Equal(t, 0, res.Timeouts)
	recoveries := 0
	for i := 1; i < len(res.Trace); i++ {
		if res.Trace[i].Phase == cc.FastRecovery && res.Trace[i-1].Phase != cc.FastRecovery {
			recoveries++
		}
	}
	assert.Equal(t, 1, recoveries, "one fast recovery for both losses")
}

// TestTimeout: a lost retransmission can only be recovered by the timer
// (RFC 6298 §5.4): afterwards cwnd = 1 MSS and ssthresh = max(FlightSize/2,
// 2 MSS), or, when the timer expires in fast recovery, the lower ssthresh
// the recovery set.
func TestTimeout(t *testing.T) {
	// Segment 30 is lost, and so is its fast retransmission: the data
	// segments on the wire by then number well over 60.
	res := run(t, Config{CC: "newreno", Bandwidth: 100e6, NoQueueLimit: true, Trace: true, Duration: 4 * time.Second,
		Drop: []int{30, 62}})
	require.GreaterOrEqual(t, res.Timeouts, 1, "the timer must expire")
	for i := 1; i < len(res.Trace); i++ {
		s, prev := res.Trace[i], res.Trace[i-1]
		if s.Cwnd == mss && prev.Cwnd > mss {
			assert.Equal(t, cc.SlowStart, s.Phase)
			want := prev.InFlight / 2
			if want < 2*mss {
				want = 2 * mss
			}
			if prev.Phase == cc.FastRecovery && prev.Ssthresh < want {
				want = prev.Ssthresh // the recovery already halved it (RFC 5681 §3.1: "no more than")
			}
			assert.Equal(t, want, s.Ssthresh, "after the timeout, ssthresh = max(FlightSize/2, 2 MSS), or the recovery's if lower")
			return
		}
	}
	t.Fatal("cwnd never fell to 1 MSS")
}

func TestDeterministic(t *testing.T) {
	c := Config{Loss: 0.01, Trace: true, Duration: 5 * time.Second, Seed: 3}
	a, b := run(t, c), run(t, c)
	var ta, tb bytes.Buffer
	require.NoError(t, WriteTrace(&ta, a.Trace))
	require.NoError(t, WriteTrace(&tb, b.Trace))
	assert.Equal(t, ta.String(), tb.String(), "equal seeds, equal traces")
	assert.True(t, strings.HasPrefix(ta.String(), TraceHeader+"\n"))
	c.Seed = 4
	other := run(t, c)
	assert.NotEqual(t, a.RandomLosses+a.BytesDelivered, other.RandomLosses+other.BytesDelivered, "another seed, another run")
}

func TestValidate(t *testing.T) {
	for _, c := range []Config{
		{CC: "cubic"}, {Bandwidth: -1}, {Loss: 1}, {Loss: -0.1}, {MSS: -5}, {Queue: -1}, {Drop: []int{0}},
	} {
		_, err := Run(c)
		assert.Error(t, err, "Run(%+v)", c)
	}
}

// TestNoSillySegments: in a bulk transfer every data segment is full-sized:
// a congestion window that opens a few bytes per ACK must not be sent as
// a stream of tiny segments (sender SWS avoidance, RFC 9293 §3.8.6.2.1).
func TestNoSillySegments(t *testing.T) {
	res := run(t, Config{Loss: 0.01, Duration: 5 * time.Second, Capture: true})
	short := 0
	for _, p := range res.Packets {
		var pkt wire.Packet
		require.NoError(t, pkt.DecodeIP(p.Data))
		if n := len(pkt.Payload()); n > 0 && n < mss {
			short++
		}
	}
	assert.Zero(t, short, "data segments shorter than the MSS")
}

// TestProgressChangesNothing: a progress callback sees each simulated
// second and leaves the run exactly as it was.
func TestProgressChangesNothing(t *testing.T) {
	c := Config{Loss: 0.01, Duration: 3500 * time.Millisecond, Seed: 5}
	plain := run(t, c)
	var seen []time.Duration
	c.Progress = func(d time.Duration) { seen = append(seen, d) }
	withProgress := run(t, c)
	assert.Equal(t, []time.Duration{time.Second, 2 * time.Second, 3 * time.Second, 3500 * time.Millisecond}, seen)
	withProgress.Config.Progress = nil
	assert.Equal(t, plain, withProgress)
}

// TestDelayedACKs: with --ack-every 2 the receiver sends about one ACK per
// two full segments (RFC 5681 §4.2), and the 200 ms timer sends the rest.
func TestDelayedACKs(t *testing.T) {
	// A path with no loss, so that every segment arrives in order.
	every := run(t, Config{Duration: 5 * time.Second, NoQueueLimit: true})
	delayed := run(t, Config{Duration: 5 * time.Second, NoQueueLimit: true, AckEvery: 2})
	require.Zero(t, delayed.QueueDrops+every.QueueDrops)
	// Per segment delivered (the unlimited queue still holds many at the end).
	perSegment := func(r *Result) float64 { return float64(r.ACKs) / float64(r.BytesDelivered/mss) }
	assert.InDelta(t, 0.5, perSegment(delayed), 0.02, "ACKs per data segment with delayed ACKs")
	assert.InDelta(t, 1.0, perSegment(every), 0.02, "one ACK per segment without")
}

// TestSlowReader: a receiving application that reads at 2 Mbit/s through a
// 64 KiB buffer limits a 10 Mbit/s path to its own rate: flow control, not
// loss, sets the pace, and the persist timer is never what recovers it.
func TestSlowReader(t *testing.T) {
	res := run(t, Config{ReadRate: 2e6 / 8, RcvWnd: 64 << 10, Duration: 20 * time.Second})
	assert.InDelta(t, 2e6, res.GoodputBps, 0.1e6, "goodput follows the reader, within 5%% (the first buffer-full is read late)")
	assert.Zero(t, res.QueueDrops, "a window of 64 KiB never overflows a 50-packet queue at this rate")
}
