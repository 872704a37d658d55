package link

import (
	"fmt"
	"hash/fnv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestStrings(t *testing.T) {
	kinds := map[EventKind]string{
		Queued: "queued", Transmitted: "transmitted", Dropped: "dropped", Corrupted: "corrupted",
		Duplicated: "duplicated", Held: "held", Delivered: "delivered", EventKind(42): "kind(42)", -1: "kind(-1)",
	}
	for k, want := range kinds {
		assert.Equal(t, want, k.String(), "EventKind(%d).String()", int(k))
	}
	actions := map[Action]string{
		Drop: "drop", Corrupt: "corrupt", Duplicate: "duplicate", Hold: "hold", 0: "action(0)", 5: "action(5)",
	}
	for a, want := range actions {
		assert.Equal(t, want, a.String(), "Action(%d).String()", int(a))
	}
	events := []struct {
		e    Event
		want string
	}{
		{Event{At: 1500 * time.Microsecond, Link: "a→b", Kind: Dropped, Packet: make([]byte, 1040), Reason: ReasonQueueFull},
			"1.5ms a→b dropped 1040 bytes (queue full)"},
		{Event{At: time.Millisecond, Link: "x", Kind: Corrupted, Packet: make([]byte, 40), Reason: ReasonCorrupt, Bit: 99},
			"1ms x corrupted 40 bytes, bit 99 (bit error)"},
		{Event{At: 0, Link: "x", Kind: Held, Packet: make([]byte, 40), Reason: ReasonScript, Delay: 50 * time.Millisecond},
			"0s x held 40 bytes, +50ms (script)"},
		{Event{At: 11 * time.Millisecond, Link: "x", Kind: Delivered, Packet: make([]byte, 1000)},
			"11ms x delivered 1000 bytes"},
	}
	for _, tt := range events {
		assert.Equal(t, tt.want, tt.e.String(), "Event.String() of a %v event", tt.e.Kind)
	}
}

// TestObserversInOrder: every observer sees every event, in the order
// they were added.
func TestObserversInOrder(t *testing.T) {
	h := newHarness(t, 1, Config{Delay: time.Millisecond})
	var log []string
	h.l.Observe(func(e Event) { log = append(log, "first "+e.Kind.String()) })
	h.l.Observe(nil) // ignored
	h.l.Observe(func(e Event) { log = append(log, "second "+e.Kind.String()) })
	h.sendNumbered(1, 10, 0)
	assert.Equal(t, []string{
		"first queued", "second queued",
		"first transmitted", "second transmitted",
		"first delivered", "second delivered",
	}, log, "observer calls")
}

// runMixed runs a busy link with every fault on and returns its event log,
// one line per event with a hash of the packet's bytes.
func runMixed(t *testing.T, seed uint64) []string {
	h := newHarness(t, seed, Config{Bandwidth: 10e6, Delay: 5 * time.Millisecond, Queue: 20, Faults: Faults{
		Loss: 0.05, Burst: Bursty(0.03, 3), Corrupt: 0.02, Duplicate: 0.03,
		Jitter: 2 * time.Millisecond, Reorder: 0.05, ReorderDelay: 4 * time.Millisecond,
		Script: []Rule{{Action: Drop, Nth: 10}, {Action: Hold, Nth: 20, Delay: 7 * time.Millisecond}},
	}})
	for i := 0; i < 500; i++ {
		n := i // bursts of 25 packets every 20ms overflow the 20-packet queue
		h.s.At(time.Duration(n/25)*20*time.Millisecond, func() { h.l.Send(numbered(n, 200+n%1300)) })
	}
	h.s.Run()
	st := h.l.Stats()
	require.Equal(t, st.Sent, st.Dropped+st.Delivered-st.Duplicated, "seed %d: Sent = Dropped + Delivered - Duplicated in %+v", seed, st)
	require.Equal(t, st.Sent-st.DroppedQueue, st.Transmitted, "seed %d: Transmitted = Sent - DroppedQueue", seed)
	require.Equal(t, st.Dropped, st.DroppedQueue+st.DroppedLoss+st.DroppedBurst+st.DroppedScript, "seed %d: Dropped is the sum of its causes", seed)
	log := make([]string, 0, len(h.events))
	for _, e := range h.events {
		f := fnv.New64a()
		f.Write(e.Packet)
		log = append(log, fmt.Sprintf("%v bit=%d delay=%v queue=%d hash=%x", e, e.Bit, e.Delay, e.Queue, f.Sum64()))
	}
	return log
}

// TestDeterminism: the same seed gives the same events, byte for byte; a
// different seed gives different ones.
func TestDeterminism(t *testing.T) {
	a, b, c := runMixed(t, 1), runMixed(t, 1), runMixed(t, 2)
	require.Greater(t, len(a), 1000, "events in a run of 500 packets")
	all := strings.Join(a, "\n")
	for _, kind := range []string{"corrupted", "duplicated", "held", "(queue full)", "(loss)", "(burst loss)", "(script)"} {
		require.True(t, strings.Contains(all, kind), "the run has no %q event", kind)
	}
	require.Equal(t, len(a), len(b), "events with the same seed")
	for i := range a {
		require.Equal(t, a[i], b[i], "event %d with the same seed", i)
	}
	assert.NotEqual(t, a, c, "event logs with seeds 1 and 2")
}
