package link

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tcpedu/tcpedu/tcpedu/seq"
	"github.com/tcpedu/tcpedu/tcpedu/wire"
)

// evenNumbered matches the numbered test packets with an even number.
func evenNumbered(p []byte) bool { return number(p)%2 == 0 }

// TestRuleNth: Nth 0 acts on every match, Nth n on the nth match only, and
// a rule counts only the packets its Match accepts.
func TestRuleNth(t *testing.T) {
	tests := []struct {
		name string
		rule Rule
		want []int // packets delivered out of 0..9
	}{
		{"every packet", Rule{Action: Drop}, nil},
		{"the 3rd packet", Rule{Action: Drop, Nth: 3}, []int{0, 1, 3, 4, 5, 6, 7, 8, 9}},
		{"the 1st packet", Rule{Action: Drop, Nth: 1}, []int{1, 2, 3, 4, 5, 6, 7, 8, 9}},
		{"the 11th of 10 packets", Rule{Action: Drop, Nth: 11}, []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}},
		{"every even packet", Rule{Action: Drop, Match: evenNumbered}, []int{1, 3, 5, 7, 9}},
		{"the 3rd even packet", Rule{Action: Drop, Match: evenNumbered, Nth: 3}, []int{0, 1, 2, 3, 5, 6, 7, 8, 9}},
	}
	for _, tt := range tests {
		h := newHarness(t, 1, Config{Delay: time.Millisecond, Faults: Faults{Script: []Rule{tt.rule}}})
		h.sendNumbered(10, 20, time.Microsecond)
		if tt.want == nil {
			assert.Empty(t, h.got, "%s: delivered packets", tt.name)
		} else {
			assert.Equal(t, tt.want, h.numbers(), "%s: delivered packets", tt.name)
		}
		st := h.l.Stats()
		assert.Equal(t, 10-len(tt.want), st.DroppedScript, "%s: Stats.DroppedScript", tt.name)
		for _, e := range h.kinds(Dropped) {
			assert.Equal(t, ReasonScript, e.Reason, "%s: Dropped event reason", tt.name)
		}
	}
}

// TestRulesCountIndependently: every rule sees every packet, so a packet
// dropped by one rule still counts for the next.
func TestRulesCountIndependently(t *testing.T) {
	h := newHarness(t, 1, Config{Faults: Faults{Script: []Rule{
		{Action: Drop, Nth: 2},
		{Action: Drop, Nth: 2}, // the same packet: nothing more is lost
		{Action: Drop, Nth: 4},
	}}})
	h.sendNumbered(6, 20, time.Microsecond)
	assert.Equal(t, []int{0, 2, 4, 5}, h.numbers(), "delivered packets")
}

// TestRulesSeeTheWireNotTheQueue: rules count packets as they leave the
// queue, so a packet DropTail drops is not counted.
func TestRulesSeeTheWireNotTheQueue(t *testing.T) {
	h := newHarness(t, 1, Config{Bandwidth: 8 * mbps, Queue: 1, Faults: Faults{Script: []Rule{{Action: Drop, Nth: 3}}}})
	h.sendNumbered(3, 1000, 0)                                                 // #2 is lost to the queue
	h.s.At(h.s.Now()+time.Millisecond, func() { h.l.Send(numbered(3, 1000)) }) // the third on the wire
	h.s.Run()
	assert.Equal(t, []int{0, 1}, h.numbers(), "delivered packets")
	st := h.l.Stats()
	assert.Equal(t, 1, st.DroppedQueue, "Stats.DroppedQueue")
	assert.Equal(t, 1, st.DroppedScript, "Stats.DroppedScript")
}

// TestHoldRule: a held packet arrives Delay late, and the packets behind
// it overtake.
func TestHoldRule(t *testing.T) {
	h := newHarness(t, 1, Config{Delay: 10 * time.Millisecond, Faults: Faults{Script: []Rule{
		{Action: Hold, Nth: 2, Delay: 3500 * time.Microsecond},
	}}})
	h.sendNumbered(5, 20, time.Millisecond)
	assert.Equal(t, []int{0, 2, 3, 4, 1}, h.numbers(), "arrival order")
	require.Len(t, h.got, 5, "packets delivered")
	assert.Equal(t, 14500*time.Microsecond, h.got[4].at, "held packet: sent at 1ms, + 10ms + 3.5ms")
	held := h.kinds(Held)
	require.Len(t, held, 1, "Held events")
	assert.Equal(t, 3500*time.Microsecond, held[0].Delay, "Held event delay")
	assert.Equal(t, ReasonScript, held[0].Reason, "Held event reason")
	assert.Equal(t, 1, h.l.Stats().Held, "Stats.Held")
}

// TestHoldAndReorderAddUp: a packet held by a rule and by Reorder is late
// by both.
func TestHoldAndReorderAddUp(t *testing.T) {
	h := newHarness(t, 1, Config{Delay: time.Millisecond, Faults: Faults{
		Reorder: 1, ReorderDelay: 2 * time.Millisecond,
		Script: []Rule{{Action: Hold, Delay: 5 * time.Millisecond}},
	}})
	h.sendNumbered(1, 20, 0)
	require.Len(t, h.got, 1, "packets delivered")
	assert.Equal(t, 8*time.Millisecond, h.got[0].at, "arrival: 1ms + 5ms hold + 2ms reorder")
}

func TestScriptedCorruptAndDuplicate(t *testing.T) {
	h := newHarness(t, 1, Config{Faults: Faults{Script: []Rule{
		{Action: Corrupt, Nth: 1},
		{Action: Duplicate, Nth: 2},
	}}})
	h.sendNumbered(3, 20, time.Microsecond)
	assert.Equal(t, []int{1, 1, 2}, h.numbers()[1:], "arrivals after the corrupted first packet")
	st := h.l.Stats()
	assert.Equal(t, 1, st.Corrupted, "Stats.Corrupted")
	assert.Equal(t, 1, st.Duplicated, "Stats.Duplicated")
	assert.Equal(t, 4, st.Delivered, "Stats.Delivered")
	assert.Equal(t, ReasonScript, h.kinds(Corrupted)[0].Reason, "Corrupted event reason")
	assert.Equal(t, ReasonScript, h.kinds(Duplicated)[0].Reason, "Duplicated event reason")
}

// TestTextbookScripts stages the cases the brief names on real TCP
// segments: a stream of ten 100-byte segments from seq 1001, and the
// receiver's ACKs for them.
func TestTextbookScripts(t *testing.T) {
	var stream [][]byte
	for i := 0; i < 10; i++ {
		s := seq.Num(1001 + 100*i)
		stream = append(stream, tcpPacket(t, s, 5001, wire.ACK|wire.PSH, make([]byte, 100)))
		stream = append(stream, tcpPacket(t, 5001, s.Add(100), wire.ACK, nil)) // the ACK back
	}
	retransmit := tcpPacket(t, 1201, 5001, wire.ACK|wire.PSH, make([]byte, 100))
	tests := []struct {
		name string
		rule Rule
		want []int // indexes into stream (20 is the retransmission) that are dropped
	}{
		{"drop the 3rd data segment", Rule{Action: Drop, Match: DataSegment(), Nth: 3}, []int{4}},
		{"drop the first transmission of seq 1201", Rule{Action: Drop, Match: SeqIs(1201), Nth: 1}, []int{4}},
		{"drop every transmission of seq 1201", Rule{Action: Drop, Match: SeqIs(1201)}, []int{4, 20}},
		{"drop the first ACK for 1301", Rule{Action: Drop, Match: AckIs(1301), Nth: 1}, []int{5}},
		{"drop every ACK for 1301", Rule{Action: Drop, Match: AckIs(1301)}, []int{5}},
		{"drop every SYN", Rule{Action: Drop, Match: HasFlags(wire.SYN)}, nil},
	}
	for _, tt := range tests {
		h := newHarness(t, 1, Config{Faults: Faults{Script: []Rule{tt.rule}}})
		for _, p := range stream {
			h.l.Send(p)
		}
		h.l.Send(retransmit)
		h.s.Run()
		var dropped []int
		for _, e := range h.kinds(Dropped) {
			for i, p := range append(stream, retransmit) {
				if &p[0] == &e.Packet[0] {
					dropped = append(dropped, i)
				}
			}
		}
		assert.Equal(t, tt.want, dropped, "%s: dropped packets", tt.name)
	}
}
