package scenario

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tcpedu/tcpedu/tcpedu/seq"
	"github.com/tcpedu/tcpedu/tcpedu/tcp"
	"github.com/tcpedu/tcpedu/tcpedu/wire"
)

// want is what a scenario must do: every segment, with seq and ack
// relative to the ISNs (so the arithmetic is checked: SYN and FIN take one
// sequence number each, ack is the next byte expected), and every state
// change of both hosts, in order. Each line was checked by hand against
// RFC 9293 §3.10; see the scenario's Story for why.
var want = map[string]struct {
	segments []string
	states   []string
}{
	"handshake": {
		segments: []string{
			"client SYN seq=0 ack=- len=0",
			"server SYN,ACK seq=0 ack=1 len=0",
			"client ACK seq=1 ack=1 len=0",
		},
		states: []string{
			"server 1 CLOSED>LISTEN",
			"client 1 CLOSED>SYN-SENT",
			"server 2 LISTEN>SYN-RECEIVED",
			"client 1 SYN-SENT>ESTABLISHED",
			"server 2 SYN-RECEIVED>ESTABLISHED",
		},
	},
	"teardown": {
		segments: []string{
			"client SYN seq=0 ack=- len=0",
			"server SYN,ACK seq=0 ack=1 len=0",
			"client ACK seq=1 ack=1 len=0",
			"client FIN,ACK seq=1 ack=1 len=0",
			"server ACK seq=1 ack=2 len=0",
			"server FIN,ACK seq=1 ack=2 len=0",
			"client ACK seq=2 ack=2 len=0",
		},
		states: []string{
			"server 1 CLOSED>LISTEN",
			"client 1 CLOSED>SYN-SENT",
			"server 2 LISTEN>SYN-RECEIVED",
			"client 1 SYN-SENT>ESTABLISHED",
			"server 2 SYN-RECEIVED>ESTABLISHED",
			"client 1 ESTABLISHED>FIN-WAIT-1",
			"server 2 ESTABLISHED>CLOSE-WAIT",
			"client 1 FIN-WAIT-1>FIN-WAIT-2",
			"server 2 CLOSE-WAIT>LAST-ACK",
			"client 1 FIN-WAIT-2>TIME-WAIT",
			"server 2 LAST-ACK>CLOSED",
			"client 1 TIME-WAIT>CLOSED",
		},
	},
	"teardown-combined": {
		segments: []string{
			"client SYN seq=0 ack=- len=0",
			"server SYN,ACK seq=0 ack=1 len=0",
			"client ACK seq=1 ack=1 len=0",
			"client FIN,ACK seq=1 ack=1 len=0",
			"server FIN,ACK seq=1 ack=2 len=0",
			"client ACK seq=2 ack=2 len=0",
		},
		states: []string{
			"server 1 CLOSED>LISTEN",
			"client 1 CLOSED>SYN-SENT",
			"server 2 LISTEN>SYN-RECEIVED",
			"client 1 SYN-SENT>ESTABLISHED",
			"server 2 SYN-RECEIVED>ESTABLISHED",
			"client 1 ESTABLISHED>FIN-WAIT-1",
			"server 2 ESTABLISHED>CLOSE-WAIT",
			"server 2 CLOSE-WAIT>LAST-ACK",
			"client 1 FIN-WAIT-1>TIME-WAIT",
			"server 2 LAST-ACK>CLOSED",
			"client 1 TIME-WAIT>CLOSED",
		},
	},
	"half-close": {
		segments: []string{
			"client SYN seq=0 ack=- len=0",
			"server SYN,ACK seq=0 ack=1 len=0",
			"client ACK seq=1 ack=1 len=0",
			"client PSH,ACK seq=1 ack=1 len=13",
			"server ACK seq=1 ack=14 len=0",
			"client FIN,ACK seq=14 ack=1 len=0",
			"server ACK seq=1 ack=15 len=1460",
			"server ACK seq=1461 ack=15 len=1460",
			"server PSH,ACK seq=2921 ack=15 len=80",
			"client ACK seq=15 ack=1461 len=0",
			"client ACK seq=15 ack=2921 len=0",
			"client ACK seq=15 ack=3001 len=0",
			"server FIN,ACK seq=3001 ack=15 len=0",
			"client ACK seq=15 ack=3002 len=0",
		},
		states: []string{
			"server 1 CLOSED>LISTEN",
			"client 1 CLOSED>SYN-SENT",
			"server 2 LISTEN>SYN-RECEIVED",
			"client 1 SYN-SENT>ESTABLISHED",
			"server 2 SYN-RECEIVED>ESTABLISHED",
			"client 1 ESTABLISHED>FIN-WAIT-1",
			"server 2 ESTABLISHED>CLOSE-WAIT",
			"client 1 FIN-WAIT-1>FIN-WAIT-2",
			"server 2 CLOSE-WAIT>LAST-ACK",
			"client 1 FIN-WAIT-2>TIME-WAIT",
			"server 2 LAST-ACK>CLOSED",
			"client 1 TIME-WAIT>CLOSED",
		},
	},
	"simultaneous-open": {
		segments: []string{
			"client SYN seq=0 ack=- len=0",
			"server SYN seq=0 ack=- len=0",
			"server SYN,ACK seq=0 ack=1 len=0",
			"client SYN,ACK seq=0 ack=1 len=0",
		},
		states: []string{
			"client 1 CLOSED>SYN-SENT",
			"server 1 CLOSED>SYN-SENT",
			"server 1 SYN-SENT>SYN-RECEIVED",
			"client 1 SYN-SENT>SYN-RECEIVED",
			"client 1 SYN-RECEIVED>ESTABLISHED",
			"server 1 SYN-RECEIVED>ESTABLISHED",
		},
	},
	"simultaneous-close": {
		segments: []string{
			"client SYN seq=0 ack=- len=0",
			"server SYN,ACK seq=0 ack=1 len=0",
			"client ACK seq=1 ack=1 len=0",
			"client FIN,ACK seq=1 ack=1 len=0",
			"server FIN,ACK seq=1 ack=1 len=0",
			"server ACK seq=2 ack=2 len=0",
			"client ACK seq=2 ack=2 len=0",
		},
		states: []string{
			"server 1 CLOSED>LISTEN",
			"client 1 CLOSED>SYN-SENT",
			"server 2 LISTEN>SYN-RECEIVED",
			"client 1 SYN-SENT>ESTABLISHED",
			"server 2 SYN-RECEIVED>ESTABLISHED",
			"client 1 ESTABLISHED>FIN-WAIT-1",
			"server 2 ESTABLISHED>FIN-WAIT-1",
			"server 2 FIN-WAIT-1>CLOSING",
			"client 1 FIN-WAIT-1>CLOSING",
			"client 1 CLOSING>TIME-WAIT",
			"server 2 CLOSING>TIME-WAIT",
			"client 1 TIME-WAIT>CLOSED",
			"server 2 TIME-WAIT>CLOSED",
		},
	},
	"lost-syn": {
		segments: []string{
			"client SYN seq=0 ack=- len=0 lost",
			"client SYN seq=0 ack=- len=0 lost",
			"client SYN seq=0 ack=- len=0",
			"server SYN,ACK seq=0 ack=1 len=0",
			"client ACK seq=1 ack=1 len=0",
		},
		states: []string{
			"server 1 CLOSED>LISTEN",
			"client 1 CLOSED>SYN-SENT",
			"server 2 LISTEN>SYN-RECEIVED",
			"client 1 SYN-SENT>ESTABLISHED",
			"server 2 SYN-RECEIVED>ESTABLISHED",
		},
	},
	"syn-retries-exhausted": {
		segments: []string{
			"client SYN seq=0 ack=- len=0 lost",
			"client SYN seq=0 ack=- len=0 lost",
			"client SYN seq=0 ack=- len=0 lost",
			"client SYN seq=0 ack=- len=0 lost",
			"client SYN seq=0 ack=- len=0 lost",
			"client SYN seq=0 ack=- len=0 lost",
			"client SYN seq=0 ack=- len=0 lost",
		},
		states: []string{
			"server 1 CLOSED>LISTEN",
			"client 1 CLOSED>SYN-SENT",
			"client 1 SYN-SENT>CLOSED",
		},
	},
	"lost-synack": {
		segments: []string{
			"client SYN seq=0 ack=- len=0",
			"server SYN,ACK seq=0 ack=1 len=0 lost",
			"client SYN seq=0 ack=- len=0",
			"server SYN,ACK seq=0 ack=1 len=0",
			"server ACK seq=1 ack=1 len=0",
			"client ACK seq=1 ack=1 len=0",
		},
		states: []string{
			"server 1 CLOSED>LISTEN",
			"client 1 CLOSED>SYN-SENT",
			"server 2 LISTEN>SYN-RECEIVED",
			"client 1 SYN-SENT>ESTABLISHED",
			"server 2 SYN-RECEIVED>ESTABLISHED",
		},
	},
	"lost-third-ack": {
		segments: []string{
			"client SYN seq=0 ack=- len=0",
			"server SYN,ACK seq=0 ack=1 len=0",
			"client ACK seq=1 ack=1 len=0 lost",
			"server SYN,ACK seq=0 ack=1 len=0",
			"client ACK seq=1 ack=1 len=0 lost",
			"server SYN,ACK seq=0 ack=1 len=0",
			"client ACK seq=1 ack=1 len=0 lost",
			"server SYN,ACK seq=0 ack=1 len=0",
			"client ACK seq=1 ack=1 len=0 lost",
			"server SYN,ACK seq=0 ack=1 len=0",
			"client ACK seq=1 ack=1 len=0 lost",
			"server SYN,ACK seq=0 ack=1 len=0",
			"client ACK seq=1 ack=1 len=0 lost",
			"server RST seq=1 ack=- len=0",
		},
		states: []string{
			"server 1 CLOSED>LISTEN",
			"client 1 CLOSED>SYN-SENT",
			"server 2 LISTEN>SYN-RECEIVED",
			"client 1 SYN-SENT>ESTABLISHED",
			"server 2 SYN-RECEIVED>CLOSED",
			"client 1 ESTABLISHED>CLOSED",
		},
	},
	"lost-third-ack-recovers": {
		segments: []string{
			"client SYN seq=0 ack=- len=0",
			"server SYN,ACK seq=0 ack=1 len=0",
			"client ACK seq=1 ack=1 len=0 lost",
			"server SYN,ACK seq=0 ack=1 len=0",
			"client ACK seq=1 ack=1 len=0",
		},
		states: []string{
			"server 1 CLOSED>LISTEN",
			"client 1 CLOSED>SYN-SENT",
			"server 2 LISTEN>SYN-RECEIVED",
			"client 1 SYN-SENT>ESTABLISHED",
			"server 2 SYN-RECEIVED>ESTABLISHED",
		},
	},
	"lost-final-ack": {
		segments: []string{
			"client SYN seq=0 ack=- len=0",
			"server SYN,ACK seq=0 ack=1 len=0",
			"client ACK seq=1 ack=1 len=0",
			"client FIN,ACK seq=1 ack=1 len=0",
			"server ACK seq=1 ack=2 len=0",
			"server FIN,ACK seq=1 ack=2 len=0",
			"client ACK seq=2 ack=2 len=0 lost",
			"server FIN,ACK seq=1 ack=2 len=0",
			"client ACK seq=2 ack=2 len=0",
		},
		states: []string{
			"server 1 CLOSED>LISTEN",
			"client 1 CLOSED>SYN-SENT",
			"server 2 LISTEN>SYN-RECEIVED",
			"client 1 SYN-SENT>ESTABLISHED",
			"server 2 SYN-RECEIVED>ESTABLISHED",
			"client 1 ESTABLISHED>FIN-WAIT-1",
			"server 2 ESTABLISHED>CLOSE-WAIT",
			"client 1 FIN-WAIT-1>FIN-WAIT-2",
			"server 2 CLOSE-WAIT>LAST-ACK",
			"client 1 FIN-WAIT-2>TIME-WAIT",
			"server 2 LAST-ACK>CLOSED",
			"client 1 TIME-WAIT>CLOSED",
		},
	},
	"time-wait-expiry": {
		segments: []string{
			"client SYN seq=0 ack=- len=0",
			"server SYN,ACK seq=0 ack=1 len=0",
			"client ACK seq=1 ack=1 len=0",
			"client FIN,ACK seq=1 ack=1 len=0",
			"server ACK seq=1 ack=2 len=0",
			"server FIN,ACK seq=1 ack=2 len=0",
			"client ACK seq=2 ack=2 len=0",
			"client SYN seq=0 ack=- len=0",
			"server SYN,ACK seq=0 ack=1 len=0",
			"client ACK seq=1 ack=1 len=0",
		},
		states: []string{
			"server 1 CLOSED>LISTEN",
			"client 1 CLOSED>SYN-SENT",
			"server 2 LISTEN>SYN-RECEIVED",
			"client 1 SYN-SENT>ESTABLISHED",
			"server 2 SYN-RECEIVED>ESTABLISHED",
			"client 1 ESTABLISHED>FIN-WAIT-1",
			"server 2 ESTABLISHED>CLOSE-WAIT",
			"client 1 FIN-WAIT-1>FIN-WAIT-2",
			"server 2 CLOSE-WAIT>LAST-ACK",
			"client 1 FIN-WAIT-2>TIME-WAIT",
			"server 2 LAST-ACK>CLOSED",
			"client 1 TIME-WAIT>CLOSED",
			"client 2 CLOSED>SYN-SENT",
			"server 3 LISTEN>SYN-RECEIVED",
			"client 2 SYN-SENT>ESTABLISHED",
			"server 3 SYN-RECEIVED>ESTABLISHED",
		},
	},
	"syn-in-time-wait": {
		segments: []string{
			"client SYN seq=0 ack=- len=0",
			"server SYN,ACK seq=0 ack=1 len=0",
			"client ACK seq=1 ack=1 len=0",
			"server FIN,ACK seq=1 ack=1 len=0",
			"client FIN,ACK seq=1 ack=2 len=0",
			"server ACK seq=2 ack=2 len=0",
			"client SYN seq=0 ack=- len=0",
			"server ACK seq=2 ack=2 len=0",
			"client RST seq=- ack=- len=0",
			"client SYN seq=0 ack=- len=0",
			"server SYN,ACK seq=0 ack=1 len=0",
			"client ACK seq=1 ack=1 len=0",
		},
		states: []string{
			"server 1 CLOSED>LISTEN",
			"client 1 CLOSED>SYN-SENT",
			"server 2 LISTEN>SYN-RECEIVED",
			"client 1 SYN-SENT>ESTABLISHED",
			"server 2 SYN-RECEIVED>ESTABLISHED",
			"server 2 ESTABLISHED>FIN-WAIT-1",
			"client 1 ESTABLISHED>CLOSE-WAIT",
			"client 1 CLOSE-WAIT>LAST-ACK",
			"server 2 FIN-WAIT-1>TIME-WAIT",
			"client 1 LAST-ACK>CLOSED",
			"client 2 CLOSED>SYN-SENT",
			"server 2 TIME-WAIT>CLOSED",
			"server 3 LISTEN>SYN-RECEIVED",
			"client 2 SYN-SENT>ESTABLISHED",
			"server 3 SYN-RECEIVED>ESTABLISHED",
		},
	},
	"old-duplicate-syn": {
		segments: []string{
			"client SYN seq=- ack=- len=0 old",
			"client SYN seq=0 ack=- len=0",
			"server SYN,ACK seq=0 ack=1 len=0",
			"client RST seq=- ack=- len=0",
			"server SYN,ACK seq=0 ack=1 len=0",
			"client ACK seq=1 ack=1 len=0",
			"server PSH,ACK seq=1 ack=1 len=13",
			"client ACK seq=1 ack=14 len=0",
		},
		states: []string{
			"server 1 CLOSED>LISTEN",
			"client 1 CLOSED>SYN-SENT",
			"server 2 LISTEN>SYN-RECEIVED",
			"server 2 SYN-RECEIVED>LISTEN",
			"server 3 LISTEN>SYN-RECEIVED",
			"client 1 SYN-SENT>ESTABLISHED",
			"server 3 SYN-RECEIVED>ESTABLISHED",
		},
	},
	"old-duplicate-syn-two-way": {
		segments: []string{
			"client SYN seq=- ack=- len=0 old",
			"client SYN seq=0 ack=- len=0",
			"server SYN,ACK seq=0 ack=1 len=0",
			"server PSH,ACK seq=1 ack=1 len=13",
			"client RST seq=- ack=- len=0",
			"client RST seq=- ack=- len=0",
			"server SYN,ACK seq=0 ack=1 len=0",
			"server PSH,ACK seq=1 ack=1 len=13",
			"client ACK seq=1 ack=1 len=0",
			"client ACK seq=1 ack=14 len=0",
		},
		states: []string{
			"server 1 CLOSED>LISTEN",
			"client 1 CLOSED>SYN-SENT",
			"server 2 LISTEN>ESTABLISHED",
			"server 2 ESTABLISHED>CLOSED",
			"server 3 LISTEN>ESTABLISHED",
			"client 1 SYN-SENT>ESTABLISHED",
		},
	},
	"rst-closed-port": {
		segments: []string{
			"client SYN seq=0 ack=- len=0",
			"server RST,ACK seq=- ack=- len=0",
		},
		states: []string{
			"client 1 CLOSED>SYN-SENT",
			"client 1 SYN-SENT>CLOSED",
		},
	},
	"rst-abort": {
		segments: []string{
			"client SYN seq=0 ack=- len=0",
			"server SYN,ACK seq=0 ack=1 len=0",
			"client ACK seq=1 ack=1 len=0",
			"client ACK seq=1 ack=1 len=1460",
			"client PSH,ACK seq=1461 ack=1 len=540",
			"server ACK seq=1 ack=1461 len=0",
			"server ACK seq=1 ack=2001 len=0",
			"client RST seq=2001 ack=- len=0",
		},
		states: []string{
			"server 1 CLOSED>LISTEN",
			"client 1 CLOSED>SYN-SENT",
			"server 2 LISTEN>SYN-RECEIVED",
			"client 1 SYN-SENT>ESTABLISHED",
			"server 2 SYN-RECEIVED>ESTABLISHED",
			"client 1 ESTABLISHED>CLOSED",
			"server 2 ESTABLISHED>CLOSED",
		},
	},
	"close-wait-leak": {
		segments: []string{
			"client SYN seq=0 ack=- len=0",
			"server SYN,ACK seq=0 ack=1 len=0",
			"client ACK seq=1 ack=1 len=0",
			"client FIN,ACK seq=1 ack=1 len=0",
			"server ACK seq=1 ack=2 len=0",
		},
		states: []string{
			"server 1 CLOSED>LISTEN",
			"client 1 CLOSED>SYN-SENT",
			"server 2 LISTEN>SYN-RECEIVED",
			"client 1 SYN-SENT>ESTABLISHED",
			"server 2 SYN-RECEIVED>ESTABLISHED",
			"client 1 ESTABLISHED>FIN-WAIT-1",
			"server 2 ESTABLISHED>CLOSE-WAIT",
			"client 1 FIN-WAIT-1>FIN-WAIT-2",
			"client 1 FIN-WAIT-2>CLOSED",
		},
	},
	"zero-window-persist": {
		segments: []string{
			"client SYN seq=0 ack=- len=0",
			"server SYN,ACK seq=0 ack=1 len=0",
			"client ACK seq=1 ack=1 len=0",
			"client ACK seq=1 ack=1 len=1000",
			"client ACK seq=1001 ack=1 len=1000",
			"client ACK seq=2001 ack=1 len=1000",
			"client ACK seq=3001 ack=1 len=1000",
			"server ACK seq=1 ack=1001 len=0",
			"server ACK seq=1 ack=2001 len=0",
			"server ACK seq=1 ack=3001 len=0",
			"server ACK seq=1 ack=4001 len=0",
			"server ACK seq=1 ack=4001 len=0 lost",
			"client ACK seq=4001 ack=1 len=1",
			"server ACK seq=1 ack=4002 len=0",
			"client ACK seq=4002 ack=1 len=1000",
			"client ACK seq=5002 ack=1 len=1000",
			"client ACK seq=6002 ack=1 len=1000",
			"client PSH,ACK seq=7002 ack=1 len=999",
			"server ACK seq=1 ack=5002 len=0",
			"server ACK seq=1 ack=6002 len=0",
			"server ACK seq=1 ack=7002 len=0",
			"server ACK seq=1 ack=8001 len=0",
			"server ACK seq=1 ack=8001 len=0",
		},
		states: []string{
			"server 1 CLOSED>LISTEN",
			"client 1 CLOSED>SYN-SENT",
			"server 2 LISTEN>SYN-RECEIVED",
			"client 1 SYN-SENT>ESTABLISHED",
			"server 2 SYN-RECEIVED>ESTABLISHED",
		},
	},
	"zero-window-deadlock": {
		segments: []string{
			"client SYN seq=0 ack=- len=0",
			"server SYN,ACK seq=0 ack=1 len=0",
			"client ACK seq=1 ack=1 len=0",
			"client ACK seq=1 ack=1 len=1000",
			"client ACK seq=1001 ack=1 len=1000",
			"client ACK seq=2001 ack=1 len=1000",
			"client ACK seq=3001 ack=1 len=1000",
			"server ACK seq=1 ack=1001 len=0",
			"server ACK seq=1 ack=2001 len=0",
			"server ACK seq=1 ack=3001 len=0",
			"server ACK seq=1 ack=4001 len=0",
			"server ACK seq=1 ack=4001 len=0 lost",
		},
		states: []string{
			"server 1 CLOSED>LISTEN",
			"client 1 CLOSED>SYN-SENT",
			"server 2 LISTEN>SYN-RECEIVED",
			"client 1 SYN-SENT>ESTABLISHED",
			"server 2 SYN-RECEIVED>ESTABLISHED",
		},
	},
}

// TestScenarios plays every scenario and compares its segments and state
// changes with want. A failure prints the whole exchange as a ladder.
func TestScenarios(t *testing.T) {
	for _, sc := range All() {
		t.Run(sc.Name, func(t *testing.T) {
			w, ok := want[sc.Name]
			require.True(t, ok, "scenario %s has no expectations in want", sc.Name)
			res := sc.Run(1)
			var segs, states []string
			for i := range res.Segments {
				segs = append(segs, segLine(&res.Segments[i]))
			}
			for _, c := range res.States {
				states = append(states, stateLine(c))
			}
			ladder := ladderOf(t, res)
			assert.Equal(t, w.segments, segs, "segments of %s; the exchange:\n%s", sc.Name, ladder)
			assert.Equal(t, w.states, states, "state changes of %s; the exchange:\n%s", sc.Name, ladder)
			checkAbsolute(t, res)
		})
	}
}

func ladderOf(t *testing.T, res *Result) string {
	var b strings.Builder
	require.NoError(t, WriteLadder(&b, res))
	return b.String()
}

// checkAbsolute checks the absolute numbers behind the relative ones: each
// connection's SYN carries its ISS, and every ACK of a SYN is that ISS + 1,
// as the peer's connection recorded it.
func checkAbsolute(t *testing.T, res *Result) {
	for i := range res.Segments {
		s := &res.Segments[i]
		if s.Injected || !s.HasRel {
			continue
		}
		if s.Seg.Flags.Has(wire.SYN) {
			assert.Equal(t, uint32(0), s.SeqRel, "segment %d (%s): a SYN's seq is the ISS", i, segLine(s))
		}
		if s.HasAckRel && s.Seg.Flags.Has(wire.SYN|wire.ACK) {
			assert.Equal(t, uint32(1), s.AckRel, "segment %d (%s): a SYN,ACK acknowledges the SYN: ack = IRS+1", i, segLine(s))
		}
	}
}

// TestEveryStateIsReached checks that the scenarios, between them, take
// every connection through all eleven states.
func TestEveryStateIsReached(t *testing.T) {
	seen := map[tcp.State]bool{}
	for _, sc := range All() {
		for _, c := range sc.Run(1).States {
			seen[c.From], seen[c.To] = true, true
		}
	}
	for s := tcp.State(0); int(s) < tcp.NumStates; s++ {
		assert.True(t, seen[s], "no scenario reaches %s", s)
	}
}

// stateTime returns when host's connection conn entered state to.
func stateTime(t *testing.T, res *Result, host string, conn int, to tcp.State) time.Duration {
	for _, c := range res.States {
		if c.Host == host && c.Conn == conn && c.To == to {
			return c.At
		}
	}
	t.Fatalf("%s connection %d never entered %s; the exchange:\n%s", host, conn, to, ladderOf(t, res))
	return 0
}

// TestTimers checks the times the RFCs and Linux's defaults give: the SYN
// backoff, the connect timeout, and 2MSL in TIME-WAIT, restarted by a
// repeated FIN.
func TestTimers(t *testing.T) {
	sendTimes := func(res *Result, from string, flags wire.Flags) []time.Duration {
		var at []time.Duration
		for _, s := range res.Segments {
			if s.From == from && s.Seg.Flags&^wire.PSH == flags && !s.Injected {
				at = append(at, s.At)
			}
		}
		return at
	}
	s := time.Second

	res, err := Run("lost-syn", 1)
	require.NoError(t, err)
	assert.Equal(t, []time.Duration{0, 1 * s, 3 * s}, sendTimes(res, "client", wire.SYN), "lost-syn: SYNs at 0 and after RTOs of 1 s and 2 s (RFC 6298 §2.1, §5.5)")

	res, err = Run("syn-retries-exhausted", 1)
	require.NoError(t, err)
	assert.Equal(t, []time.Duration{0, 1 * s, 3 * s, 7 * s, 15 * s, 31 * s, 63 * s}, sendTimes(res, "client", wire.SYN), "syn-retries-exhausted: Linux's SYN schedule")
	assert.Equal(t, 127*s, stateTime(t, res, "client", 1, tcp.Closed), "syn-retries-exhausted: connect fails 64 s after the last SYN")

	res, err = Run("teardown", 1)
	require.NoError(t, err)
	tw := stateTime(t, res, "client", 1, tcp.TimeWait)
	assert.Equal(t, tw+2*tcp.DefaultMSL, stateTime(t, res, "client", 1, tcp.Closed), "teardown: TIME-WAIT lasts 2MSL")

	res, err = Run("lost-final-ack", 1)
	require.NoError(t, err)
	fins := sendTimes(res, "server", wire.FIN|wire.ACK)
	require.Len(t, fins, 2, "lost-final-ack: the server sends its FIN twice")
	assert.Equal(t, fins[1]+OneWayDelay+2*tcp.DefaultMSL, stateTime(t, res, "client", 1, tcp.Closed),
		"lost-final-ack: the repeated FIN restarts 2MSL in TIME-WAIT")

	res, err = Run("lost-third-ack", 1)
	require.NoError(t, err)
	synacks := sendTimes(res, "server", wire.SYN|wire.ACK)
	require.Len(t, synacks, 1+tcp.DefaultSynAckRetries, "lost-third-ack: the SYN,ACK and its retries")
	assert.Equal(t, synacks[0]+63*s, stateTime(t, res, "server", 2, tcp.Closed), "lost-third-ack: the server gives up after 1+2+4+8+16+32 s")
}

// TestResets checks the numbers in the resets, which are where the RFC's
// rules are most exact.
func TestResets(t *testing.T) {
	res, err := Run("rst-closed-port", 1)
	require.NoError(t, err)
	require.Len(t, res.Segments, 2)
	syn, rst := res.Segments[0].Seg, res.Segments[1].Seg
	// RFC 9293 §3.10.7.1: <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>, as
	// Linux sends (../shared/fixtures/linux/tcp4_rst.pcap).
	assert.Equal(t, wire.RST|wire.ACK, rst.Flags, "rst-closed-port: flags")
	assert.Equal(t, seq.Num(0), rst.Seq, "rst-closed-port: seq")
	assert.Equal(t, syn.Seq.Add(1), rst.Ack, "rst-closed-port: ack = SEG.SEQ + SEG.LEN, and a SYN's SEG.LEN is 1")
	assert.Equal(t, uint16(0), rst.Window, "rst-closed-port: window")
	checkLikeLinuxRST(t, res.Segments[0].Packet, res.Segments[1].Packet)

	res, err = Run("syn-in-time-wait", 1)
	require.NoError(t, err)
	var stale, reset *SegmentRecord
	for i := range res.Segments {
		s := &res.Segments[i]
		if s.At < 2*time.Second {
			continue
		}
		if s.From == "server" && stale == nil && s.Seg.Flags == wire.ACK {
			stale = s
		}
		if s.From == "client" && s.Seg.Flags == wire.RST {
			reset = s
		}
	}
	require.NotNil(t, stale, "syn-in-time-wait: the TIME-WAIT side answers the SYN with an ACK")
	require.NotNil(t, reset, "syn-in-time-wait: the client resets the stale ACK")
	assert.Equal(t, stale.Seg.Ack, reset.Seg.Seq, "syn-in-time-wait: RST seq = the stale ACK's ack (RFC 9293 §3.10.7.3)")

	res, err = Run("rst-abort", 1)
	require.NoError(t, err)
	last := res.Segments[len(res.Segments)-1]
	assert.Equal(t, wire.RST, last.Seg.Flags, "rst-abort: the last segment is the RST")
	assert.Equal(t, uint32(2001), last.SeqRel, "rst-abort: RST seq = SND.NXT, after the SYN and 2000 bytes")
}

// checkLikeLinuxRST compares our SYN and RST with a real Linux kernel's: a
// SYN to a closed port and the answer, captured between two network
// namespaces (../wire/testdata/linux/tcp4_rst.json, tshark's decoding of
// ../shared/fixtures/linux/tcp4_rst.pcap). The numbers differ (other ISNs,
// other ports); the rule that relates the answer to the SYN must not.
func checkLikeLinuxRST(t *testing.T, ourSYN, ourRST []byte) {
	raw, err := os.ReadFile("../wire/testdata/linux/tcp4_rst.json")
	require.NoError(t, err)
	var fixture struct {
		Packets []struct {
			TCP struct {
				Seq       uint32   `json:"seq"`
				Ack       uint32   `json:"ack"`
				FlagNames []string `json:"flag_names"`
				Window    uint16   `json:"window_raw"`
				HeaderLen int      `json:"data_offset_bytes"`
			} `json:"tcp"`
		} `json:"packets"`
	}
	require.NoError(t, json.Unmarshal(raw, &fixture))
	require.Len(t, fixture.Packets, 2, "the fixture holds a SYN and its RST")
	linuxSYN, linuxRST := fixture.Packets[0].TCP, fixture.Packets[1].TCP

	var syn, rst wire.Packet
	require.NoError(t, syn.DecodeIP(ourSYN))
	require.NoError(t, rst.DecodeIP(ourRST))
	assert.ElementsMatch(t, linuxRST.FlagNames, rst.TCP.Flags.Names(), "RST flags: ours against Linux's")
	assert.Equal(t, linuxRST.Seq, uint32(rst.TCP.Seq), "RST seq: ours against Linux's")
	assert.Equal(t, linuxRST.Ack-linuxSYN.Seq, uint32(rst.TCP.Ack-syn.TCP.Seq), "RST ack minus the SYN's seq: ours against Linux's")
	assert.Equal(t, linuxRST.Window, rst.TCP.Window, "RST window: ours against Linux's")
	assert.Equal(t, linuxRST.HeaderLen, rst.TCP.HeaderLen(), "RST header length (no options): ours against Linux's")
}

// TestDeterminism checks that a seed gives the same story every time, and
// another seed the same story with other ISNs.
func TestDeterminism(t *testing.T) {
	for _, name := range []string{"handshake", "syn-in-time-wait", "old-duplicate-syn"} {
		a, _ := Run(name, 7)
		b, _ := Run(name, 7)
		c, _ := Run(name, 8)
		assert.Equal(t, ladderOf(t, a), ladderOf(t, b), "%s: seed 7 twice", name)
		assert.NotEqual(t, a.Segments[0].Seg.Seq, c.Segments[0].Seg.Seq, "%s: seeds 7 and 8 give other ISNs", name)
		var sa, sc []string
		for i := range a.Segments {
			sa = append(sa, segLine(&a.Segments[i]))
		}
		for i := range c.Segments {
			sc = append(sc, segLine(&c.Segments[i]))
		}
		assert.Equal(t, sa, sc, "%s: the relative numbers do not depend on the seed", name)
	}
}

// TestZeroWindow checks the flow-control stories' windows and timing: the
// server's window falls by 1000 bytes per segment to 0; its update is lost;
// with persist the client probes with 1 byte one RTO (1 s) after the zero
// window arrived, and the ACK of the probe reopens the window; without,
// nothing more is ever sent.
func TestZeroWindow(t *testing.T) {
	res, err := Run("zero-window-persist", 1)
	require.NoError(t, err)
	var windows []uint16
	var zeroAt, probeAt time.Duration
	for _, s := range res.Segments {
		if s.From == "server" && s.Seg.Flags == wire.ACK {
			windows = append(windows, s.Seg.Window)
			if s.Seg.Window == 0 && zeroAt == 0 {
				zeroAt = s.Arrived
			}
		}
		if s.From == "client" && len(s.Seg.Payload) == 1 {
			probeAt = s.At
		}
	}
	require.GreaterOrEqual(t, len(windows), 7, "the server's ACKs")
	assert.Equal(t, []uint16{3000, 2000, 1000, 0, 4000, 3999}, windows[:6], "the server's windows: shrinking, the (lost) update, the answer to the probe")
	assert.Equal(t, zeroAt+time.Second, probeAt, "the probe goes one RTO after the zero window arrived")

	res, err = Run("zero-window-deadlock", 1)
	require.NoError(t, err)
	last := res.Segments[len(res.Segments)-1]
	assert.True(t, last.Dropped, "the last segment ever sent is the lost window update")
	assert.Equal(t, uint16(4000), last.Seg.Window)
}

func TestFind(t *testing.T) {
	_, err := Find("no-such")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "scenario list")
	assert.Len(t, Names(), len(All()))
}
