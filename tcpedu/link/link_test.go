package link

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tcpedu/tcpedu/tcpedu/sim"
)

const mbps = 1e6 // bits per second in a megabit per second

func TestTransmissionTime(t *testing.T) {
	tests := []struct {
		bytes     int
		bandwidth float64
		want      time.Duration
	}{
		{1000, 8 * mbps, time.Millisecond},                  // the textbook case
		{1500, 10 * mbps, 1200 * time.Microsecond},          // a full Ethernet frame's payload
		{1500, 1e9, 12 * time.Microsecond},                  // the same at 1 Gbit/s
		{40, 56e3, 5714286 * time.Nanosecond},               // a bare ACK on a modem, rounded
		{1000, 0, 0},                                        // infinitely fast
		{0, 8 * mbps, 0},                                    // nothing to send
		{-5, 8 * mbps, 0},                                   // nonsense is nothing
		{1 << 30, 1e-3, time.Duration(1<<63 - 1)},           // too long to count: the largest Duration
		{125, 1000, time.Second},                            // 1000 bits at 1000 bit/s
		{1, 3, time.Duration(2666666667) * time.Nanosecond}, // 8/3 s, rounded to the nearest ns
	}
	for _, tt := range tests {
		got := TransmissionTime(tt.bytes, tt.bandwidth)
		assert.Equal(t, tt.want, got, "TransmissionTime(%d, %g)", tt.bytes, tt.bandwidth)
	}
}

// TestSerialisationAndPropagation: a lone packet arrives after its
// transmission time plus the propagation delay, exactly.
func TestSerialisationAndPropagation(t *testing.T) {
	h := newHarness(t, 1, Config{Bandwidth: 8 * mbps, Delay: 10 * time.Millisecond})
	h.sendNumbered(1, 1000, 0)
	require.Len(t, h.got, 1, "packets delivered")
	assert.Equal(t, 11*time.Millisecond, h.got[0].at, "arrival time: got %v, want 1ms serialisation + 10ms propagation", h.got[0].at)

	want := []struct {
		at   time.Duration
		kind EventKind
	}{
		{0, Queued},
		{time.Millisecond, Transmitted},
		{11 * time.Millisecond, Delivered},
	}
	require.Len(t, h.events, len(want), "events: got %v", h.events)
	for i, w := range want {
		assert.Equal(t, w.kind, h.events[i].Kind, "event %d kind", i)
		assert.Equal(t, w.at, h.events[i].At, "event %d (%v) time", i, w.kind)
		assert.Equal(t, "a→b", h.events[i].Link, "event %d link name", i)
	}
	assert.Equal(t, 11*time.Millisecond, h.events[2].Delay, "Delivered event's one-way delay")
}

// TestBackToBack: packets sent together leave one serialisation time
// apart, and each waits for those ahead of it: FIFO, with queueing delay.
func TestBackToBack(t *testing.T) {
	h := newHarness(t, 1, Config{Bandwidth: 8 * mbps, Delay: 10 * time.Millisecond})
	sizes := []int{1000, 500, 2000, 1000}
	for i, size := range sizes {
		h.l.Send(numbered(i, size))
	}
	assert.Equal(t, 3, h.l.QueueLen(), "QueueLen after 4 sends to an idle link")
	h.s.Run()

	// Serialisation ends at 1, 1.5, 3.5 and 4.5 ms; propagation adds 10.
	wantAt := []time.Duration{11000, 11500, 13500, 14500} // µs
	require.Len(t, h.got, len(sizes), "packets delivered")
	for i, a := range h.got {
		assert.Equal(t, i, number(a.p), "arrival %d: FIFO order", i)
		assert.Equal(t, wantAt[i]*time.Microsecond, a.at, "arrival %d time", i)
	}
	st := h.l.Stats()
	assert.Equal(t, 3, st.MaxQueue, "Stats.MaxQueue")
	assert.Equal(t, int64(4500), st.SentBytes, "Stats.SentBytes")
	assert.Equal(t, int64(4500), st.DeliveredBytes, "Stats.DeliveredBytes")
	assert.Equal(t, 0, h.l.InFlight(), "InFlight after Run")
}

// TestFIFOUnderLoad: many packets of varied sizes, sent faster than the
// link drains, come out in the order they went in.
func TestFIFOUnderLoad(t *testing.T) {
	h := newHarness(t, 1, Config{Bandwidth: 1 * mbps, Delay: 5 * time.Millisecond})
	for i := 0; i < 200; i++ {
		n := i
		h.s.At(time.Duration(n)*100*time.Microsecond, func() { h.l.Send(numbered(n, 40+n%1460)) })
	}
	h.s.Run()
	require.Len(t, h.got, 200, "packets delivered")
	for i, n := range h.numbers() {
		require.Equal(t, i, n, "arrival %d: got packet %d, want FIFO order", i, n)
	}
}

// TestDropTail: a burst of 10 into a link with room for 3 waiting packets:
// the first is serialised at once, the next 3 wait, the last 6 are dropped.
func TestDropTail(t *testing.T) {
	h := newHarness(t, 1, Config{Bandwidth: 8 * mbps, Delay: time.Millisecond, Queue: 3})
	h.sendNumbered(10, 1000, 0)
	assert.Equal(t, []int{0, 1, 2, 3}, h.numbers(), "delivered packets")
	st := h.l.Stats()
	assert.Equal(t, Stats{
		Sent: 10, SentBytes: 10000, Transmitted: 4, MaxQueue: 3,
		Delivered: 4, DeliveredBytes: 4000, Dropped: 6, DroppedQueue: 6,
	}, st, "Stats after the burst")
	drops := h.kinds(Dropped)
	require.Len(t, drops, 6, "Dropped events")
	for i, e := range drops {
		assert.Equal(t, ReasonQueueFull, e.Reason, "drop %d reason", i)
		assert.Equal(t, 4+i, number(e.Packet), "drop %d: the newest arrivals are lost", i)
		assert.Equal(t, 3, e.Queue, "drop %d: queue length", i)
	}
}

// TestDropTailRefills: once the queue drains, packets are accepted again.
func TestDropTailRefills(t *testing.T) {
	h := newHarness(t, 1, Config{Bandwidth: 8 * mbps, Queue: 1})
	for _, at := range []time.Duration{0, 0, 0, 1500 * time.Microsecond, 1500 * time.Microsecond} {
		h.s.At(at, func() { h.l.Send(numbered(int(h.l.Stats().Sent), 1000)) })
	}
	h.s.Run()
	// At 0: #0 serialises, #1 waits, #2 is dropped. At 1ms #1 starts; at
	// 1.5ms #3 waits behind it and #4 is dropped.
	assert.Equal(t, []int{0, 1, 3}, h.numbers(), "delivered packets")
	assert.Equal(t, 2, h.l.Stats().DroppedQueue, "Stats.DroppedQueue")
}

func TestUnlimitedQueue(t *testing.T) {
	h := newHarness(t, 1, Config{Bandwidth: 8 * mbps})
	h.sendNumbered(1000, 1000, 0)
	st := h.l.Stats()
	assert.Equal(t, 1000, st.Delivered, "Stats.Delivered with Queue 0 (unlimited)")
	assert.Equal(t, 999, st.MaxQueue, "Stats.MaxQueue")
	assert.Equal(t, time.Second, h.got[999].at, "last arrival: 1000 packets of 1ms each")
}

// TestInfinitelyFast: with Bandwidth 0 nothing waits; every packet arrives
// exactly Delay after it was sent, and the queue limit never bites.
func TestInfinitelyFast(t *testing.T) {
	h := newHarness(t, 1, Config{Delay: 7 * time.Millisecond, Queue: 1})
	h.sendNumbered(50, 1500, 0)
	require.Len(t, h.got, 50, "packets delivered")
	for i, a := range h.got {
		assert.Equal(t, 7*time.Millisecond, a.at, "arrival %d time", i)
		assert.Equal(t, i, number(a.p), "arrival %d order", i)
	}
}

// TestDeliveryIsAnEvent: even with no delay the receiver is called from
// an event of its own, never from inside Send.
func TestDeliveryIsAnEvent(t *testing.T) {
	h := newHarness(t, 1, Config{})
	h.l.Send(numbered(0, 10))
	assert.Empty(t, h.got, "deliveries during Send")
	h.s.Run()
	assert.Len(t, h.got, 1, "deliveries after Run")
}

// TestPingPong: a receiver may send from its deliver function; a round
// trip over two links costs both directions' serialisation and delay.
func TestPingPong(t *testing.T) {
	s := sim.New(1)
	var back *Link
	var returned time.Duration
	there := New(s, "a→b", Config{Bandwidth: 8 * mbps, Delay: 10 * time.Millisecond}, func(p []byte) {
		back.Send(p[:40]) // an ACK-sized reply
	})
	back = New(s, "b→a", Config{Bandwidth: 8 * mbps, Delay: 10 * time.Millisecond}, func(p []byte) {
		returned = s.Now()
	})
	there.Send(numbered(0, 1000))
	s.Run()
	assert.Equal(t, 21040*time.Microsecond, returned, "round trip: 1ms + 10ms there, 40µs + 10ms back")
}

func TestSendDoesNotModify(t *testing.T) {
	h := newHarness(t, 3, Config{Faults: Faults{Corrupt: 1, Duplicate: 1}})
	p := numbered(7, 64)
	orig := append([]byte(nil), p...)
	h.l.Send(p)
	h.s.Run()
	assert.Equal(t, orig, p, "sender's slice after corruption and duplication")
	require.Len(t, h.got, 2, "copies delivered")
	assert.Equal(t, h.got[0].p, h.got[1].p, "the duplicate carries the same (corrupted) bytes")
	assert.NotEqual(t, orig, h.got[0].p, "delivered copy is corrupted")
}

func TestNewPanicsOnInvalidConfig(t *testing.T) {
	assert.PanicsWithError(t, "link: loss probability 1.5 is outside [0, 1]", func() {
		New(sim.New(1), "x", Config{Faults: Faults{Loss: 1.5}}, nil)
	}, "New with Loss 1.5")
	assert.Panics(t, func() { New(nil, "x", Config{}, nil) }, "New with a nil Sim")
}

// TestConfigIsCopied: changing the script or burst model after New does
// not reach into the link, and Config hands out copies.
func TestConfigIsCopied(t *testing.T) {
	script := []Rule{{Action: Drop, Nth: 1}}
	g := &GilbertElliott{P: 0.1, R: 0.5, LossBad: 1}
	s := sim.New(1)
	l := New(s, "x", Config{Delay: time.Millisecond, Faults: Faults{Script: script, Burst: g}}, nil)
	script[0].Action = Hold
	g.P = 1
	got := l.Config()
	assert.Equal(t, Drop, got.Faults.Script[0].Action, "Config().Faults.Script[0].Action after changing the caller's slice")
	assert.Equal(t, 0.1, got.Faults.Burst.P, "Config().Faults.Burst.P after changing the caller's model")
	got.Faults.Script[0].Nth = 5
	assert.Equal(t, 1, l.Config().Faults.Script[0].Nth, "Config().Faults.Script[0].Nth after changing a returned copy")
	assert.Equal(t, "x", l.Name(), "Name")
	assert.Equal(t, time.Millisecond, l.Config().Delay, "Config().Delay")
}

func TestNilDeliverDiscards(t *testing.T) {
	s := sim.New(1)
	l := New(s, "x", Config{Delay: time.Millisecond}, nil)
	l.Send(numbered(0, 100))
	s.Run()
	assert.Equal(t, 1, l.Stats().Delivered, "Stats.Delivered with a nil deliver function")
}
