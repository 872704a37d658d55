package link

import (
	"math"
	"math/bits"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tcpedu/tcpedu/tcpedu/sim"
)

// Each random fault is tested alone, over many packets, with a fixed seed.
// The runs are deterministic, so the tolerances do not make the tests
// flaky; they say how far a correct implementation could land from the
// expected value with another seed: five standard deviations of a
// binomial proportion, 5*sqrt(p(1-p)/n).

const manyPackets = 20000

// assertProportion checks that count out of n is within five standard
// deviations of the probability p.
func assertProportion(t *testing.T, what string, count, n int, p float64) {
	t.Helper()
	got := float64(count) / float64(n)
	tol := 5 * math.Sqrt(p*(1-p)/float64(n))
	assert.InDelta(t, p, got, tol, "%s: got %d of %d = %.4f, want %.4f ± %.4f", what, count, n, got, p, tol)
}

func TestLoss(t *testing.T) {
	h := newHarness(t, 1, Config{Delay: time.Millisecond, Faults: Faults{Loss: 0.1}})
	h.sendNumbered(manyPackets, 100, time.Microsecond)
	st := h.l.Stats()
	assertProportion(t, "Stats.DroppedLoss / Sent", st.DroppedLoss, st.Sent, 0.1)
	assert.Equal(t, st.Sent, st.Delivered+st.Dropped, "Delivered + Dropped = Sent")
	assert.Equal(t, st.DroppedLoss, st.Dropped, "Stats.Dropped counts only loss")
	for _, e := range h.kinds(Dropped) {
		require.Equal(t, ReasonLoss, e.Reason, "Dropped event reason")
	}
}

func TestDuplicate(t *testing.T) {
	h := newHarness(t, 2, Config{Delay: time.Millisecond, Faults: Faults{Duplicate: 0.2}})
	h.sendNumbered(manyPackets, 100, time.Microsecond)
	st := h.l.Stats()
	assertProportion(t, "Stats.Duplicated / Sent", st.Duplicated, st.Sent, 0.2)
	assert.Equal(t, st.Sent+st.Duplicated, st.Delivered, "Delivered = Sent + Duplicated")
	extra := 0
	for _, e := range h.kinds(Delivered) {
		if e.Reason == ReasonDuplicate {
			extra++
		}
	}
	assert.Equal(t, st.Duplicated, extra, "Delivered events marked %q", ReasonDuplicate)
	// Without jitter a copy arrives right behind its original.
	ns := h.numbers()
	for i := 1; i < len(ns); i++ {
		require.GreaterOrEqual(t, ns[i], ns[i-1], "arrival %d: duplicates keep the order", i)
	}
}

// TestCorrupt: about Corrupt of the packets arrive with exactly one bit
// flipped, the bit the Corrupted event names, spread over the packet.
func TestCorrupt(t *testing.T) {
	const size = 100
	h := newHarness(t, 3, Config{Delay: time.Millisecond, Faults: Faults{Corrupt: 0.05}})
	h.sendNumbered(manyPackets, size, time.Microsecond)
	st := h.l.Stats()
	assertProportion(t, "Stats.Corrupted / Sent", st.Corrupted, st.Sent, 0.05)
	assert.Equal(t, st.Sent, st.Delivered, "corrupted packets are delivered, not dropped")

	corrupted := h.kinds(Corrupted)
	require.Len(t, corrupted, st.Corrupted, "Corrupted events")
	sum := 0
	for _, e := range corrupted {
		require.Equal(t, ReasonCorrupt, e.Reason, "Corrupted event reason")
		require.True(t, e.Bit >= 0 && e.Bit < 8*size, "Corrupted bit %d is outside the packet", e.Bit)
		sum += e.Bit
	}
	// The bit is uniform on [0, 800): mean 399.5, standard deviation 231,
	// so the mean of ~1000 draws lands within 5*231/sqrt(1000) ≈ 37.
	mean := float64(sum) / float64(len(corrupted))
	assert.InDelta(t, 399.5, mean, 37, "mean corrupted bit")

	flipped := 0
	for _, a := range h.got {
		diff := 0
		want := numbered(0, size)
		copy(want, a.p[:4]) // the number itself may be the corrupted part
		for i := range a.p {
			diff += bits.OnesCount8(a.p[i] ^ want[i])
		}
		if diff > 0 {
			flipped++
		}
	}
	// Flips inside the 4-byte number cannot be seen this way.
	assert.LessOrEqual(t, flipped, st.Corrupted, "delivered packets with a bit flipped")
	assert.Greater(t, flipped, st.Corrupted*9/10, "delivered packets with a bit flipped")
}

// TestReorder: a fraction Reorder of packets arrive ReorderDelay late, and
// the packets behind them overtake.
func TestReorder(t *testing.T) {
	h := newHarness(t, 4, Config{Delay: 10 * time.Millisecond,
		Faults: Faults{Reorder: 0.1, ReorderDelay: 5 * time.Millisecond}})
	const gap = time.Millisecond
	h.sendNumbered(manyPackets, 100, gap)
	st := h.l.Stats()
	assertProportion(t, "Stats.Held / Sent", st.Held, st.Sent, 0.1)
	late := 0
	for _, a := range h.got {
		sent := time.Duration(number(a.p)) * gap
		switch a.at - sent {
		case 10 * time.Millisecond:
		case 15 * time.Millisecond:
			late++
		default:
			t.Fatalf("packet %d took %v, want 10ms or 15ms", number(a.p), a.at-sent)
		}
	}
	assert.Equal(t, st.Held, late, "packets 5ms late")
	assert.Greater(t, inversions(h.numbers()), 0, "out-of-order arrivals")
	for _, e := range h.kinds(Held) {
		require.Equal(t, ReasonReorder, e.Reason, "Held event reason")
		require.Equal(t, 5*time.Millisecond, e.Delay, "Held event delay")
	}
}

// TestJitter: each packet's extra delay is uniform on [0, Jitter); packets
// sent closer together than the jitter can swap, those further apart not.
func TestJitter(t *testing.T) {
	const jitter = 2 * time.Millisecond
	h := newHarness(t, 5, Config{Delay: 10 * time.Millisecond, Faults: Faults{Jitter: jitter}})
	const gap = 100 * time.Microsecond
	h.sendNumbered(manyPackets, 100, gap)
	var sum time.Duration
	for _, a := range h.got {
		extra := a.at - time.Duration(number(a.p))*gap - 10*time.Millisecond
		require.True(t, extra >= 0 && extra < jitter, "packet %d: extra delay %v is outside [0, %v)", number(a.p), extra, jitter)
		sum += extra
	}
	// Uniform on [0, 2ms): mean 1ms, standard deviation 0.577ms; the mean of
	// 20000 lands within 5*0.577/sqrt(20000) ms ≈ 0.02ms.
	mean := sum / time.Duration(len(h.got))
	assert.InDelta(t, float64(time.Millisecond), float64(mean), float64(20*time.Microsecond), "mean jitter: got %v", mean)
	assert.Greater(t, inversions(h.numbers()), 0, "out-of-order arrivals with packets %v apart and %v of jitter", gap, jitter)
	assert.Zero(t, h.l.Stats().Held, "Stats.Held: jitter alone holds nothing")

	calm := newHarness(t, 5, Config{Delay: 10 * time.Millisecond, Faults: Faults{Jitter: jitter}})
	calm.sendNumbered(1000, 100, jitter)
	assert.Zero(t, inversions(calm.numbers()), "out-of-order arrivals with packets as far apart as the jitter")
}

// inversions counts adjacent pairs that arrived out of order.
func inversions(ns []int) int {
	n := 0
	for i := 1; i < len(ns); i++ {
		if ns[i] < ns[i-1] {
			n++
		}
	}
	return n
}

// TestOffFaultsDrawNothing: a fault that is off, or certain, takes no
// number from the Sim's source, so the next number is the one a fresh Sim
// would give.
func TestOffFaultsDrawNothing(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
	}{
		{"no faults", Config{Bandwidth: 8 * mbps, Delay: time.Millisecond, Queue: 5}},
		{"Loss 1", Config{Faults: Faults{Loss: 1}}},
		{"Duplicate 1", Config{Faults: Faults{Duplicate: 1}}},
		{"Reorder 1", Config{Faults: Faults{Reorder: 1, ReorderDelay: time.Millisecond}}},
		{"Burst never leaves Good", Config{Faults: Faults{Burst: &GilbertElliott{LossBad: 1}}}},
		{"script drops and holds", Config{Faults: Faults{Script: []Rule{
			{Action: Drop, Nth: 3}, {Action: Hold, Delay: time.Millisecond},
		}}}},
	}
	for _, tt := range tests {
		h := newHarness(t, 42, tt.cfg)
		h.sendNumbered(100, 100, time.Microsecond)
		assert.Equal(t, sim.New(42).Rand().Uint64(), h.s.Rand().Uint64(), "%s: next random number after 100 packets", tt.name)
	}
}

// TestDrawOrder replays the documented draw order with a second source
// from the same seed and predicts every packet's fate.
func TestDrawOrder(t *testing.T) {
	f := Faults{Loss: 0.2, Corrupt: 0.3, Duplicate: 0.25, Jitter: time.Millisecond, Reorder: 0.1, ReorderDelay: 3 * time.Millisecond}
	const size = 50
	h := newHarness(t, 9, Config{Delay: 10 * time.Millisecond, Faults: f})
	h.sendNumbered(2000, size, 0)

	r := sim.New(9).Rand()
	var want []Event
	for i := 0; i < 2000; i++ {
		want = append(want, Event{Kind: Transmitted})
		if r.Float64() < f.Loss {
			want = append(want, Event{Kind: Dropped, Reason: ReasonLoss})
			continue
		}
		if r.Float64() < f.Corrupt {
			want = append(want, Event{Kind: Corrupted, Reason: ReasonCorrupt, Bit: r.IntN(8 * size)})
		}
		copies := 1
		if r.Float64() < f.Duplicate {
			want = append(want, Event{Kind: Duplicated, Reason: ReasonDuplicate})
			copies = 2
		}
		for c := 0; c < copies; c++ {
			r.Int64N(int64(f.Jitter))
			if r.Float64() < f.Reorder {
				want = append(want, Event{Kind: Held, Reason: ReasonReorder, Delay: f.ReorderDelay})
			}
		}
	}
	var got []Event
	for _, e := range h.events {
		if e.Kind != Queued && e.Kind != Delivered {
			got = append(got, Event{Kind: e.Kind, Reason: e.Reason, Bit: e.Bit, Delay: e.Delay})
		}
	}
	require.Equal(t, len(want), len(got), "number of wire events")
	for i := range want {
		require.Equal(t, want[i], got[i], "wire event %d", i)
	}
}
