package arq

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tcpedu/tcpedu/tcpedu/link"
)

// runScenario runs cfg with tracing on and, if the test fails, prints the
// whole exchange as a ladder diagram.
func runScenario(t *testing.T, cfg Config) *Result {
	t.Helper()
	cfg.Trace = true
	res, err := Run(cfg)
	require.NoError(t, err, "Run(%+v)", cfg)
	t.Cleanup(func() {
		if t.Failed() {
			var b bytes.Buffer
			_ = res.Trace.WriteLadder(&b)
			t.Logf("the exchange:\n%s", b.String())
		}
	})
	return res
}

// notes returns the texts of the trace's events of kind k on side s.
func notes(res *Result, k EventKind, s Side) []string {
	var out []string
	for _, ev := range res.Trace.Events {
		if ev.Kind == k && ev.Side == s {
			out = append(out, ev.Text)
		}
	}
	return out
}

// resent returns the segment numbers retransmitted, in order.
func resent(res *Result) []int {
	var out []int
	for _, ev := range res.Trace.Events {
		if ev.Kind == EventRetransmit && ev.Side == Sender {
			out = append(out, res.Trace.Numbering.Index(ev.Seg.Seq))
		}
	}
	return out
}

func containsSubstring(list []string, sub string) bool {
	for _, s := range list {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// The four stop-and-wait cases of the course, each staged exactly.
func TestStopAndWaitCases(t *testing.T) {
	t.Run("no loss", func(t *testing.T) {
		res := runScenario(t, Config{Protocol: StopAndWait, Segments: 4})
		assert.True(t, res.InOrderAndComplete, "InOrderAndComplete")
		assert.Equal(t, 4, res.Transmissions, "Transmissions")
		assert.Equal(t, 0, res.Timeouts, "Timeouts")
	})
	t.Run("lost segment: timeout and retransmission", func(t *testing.T) {
		res := runScenario(t, Config{Protocol: StopAndWait, Segments: 4, DropSegments: []int{2}})
		assert.True(t, res.InOrderAndComplete, "InOrderAndComplete")
		assert.Equal(t, []int{2}, resent(res), "segments retransmitted")
		assert.Equal(t, 1, res.Timeouts, "Timeouts")
	})
	t.Run("lost ACK: the duplicate is discarded and re-ACKed", func(t *testing.T) {
		// The ACK of #2 asks for #3.
		res := runScenario(t, Config{Protocol: StopAndWait, Segments: 4, DropACKs: []int{3}})
		assert.True(t, res.InOrderAndComplete, "InOrderAndComplete: #2 must be delivered once")
		assert.Equal(t, []int{2}, resent(res), "segments retransmitted")
		assert.True(t, containsSubstring(notes(res, EventNote, Receiver), "discarded, re-ACKed"),
			"receiver notes %q should say the duplicate was discarded and re-ACKed", notes(res, EventNote, Receiver))
		assert.Equal(t, 5, res.ACKs, "ACKs: one per segment plus the re-ACK")
	})
	t.Run("late ACK: the duplicate ACK is ignored", func(t *testing.T) {
		res := runScenario(t, Config{Protocol: StopAndWait, Segments: 4, LateACKs: []int{3}})
		assert.True(t, res.InOrderAndComplete, "InOrderAndComplete")
		assert.Equal(t, []int{2}, resent(res), "segments retransmitted")
		assert.True(t, containsSubstring(notes(res, EventNote, Sender), "duplicate, ignored"),
			"sender notes %q should say the duplicate ACK was ignored", notes(res, EventNote, Sender))
	})
}

// The alternating bit is enough only on a channel that keeps order: a
// copy of #1 delayed until the receiver expects bit 0 again (#3) is taken
// for #3. TCP's 32-bit numbers and the maximum segment lifetime exist to
// make this impossible.
func TestAlternatingBitNeedsFIFO(t *testing.T) {
	cfg := Config{Protocol: StopAndWait, Segments: 4}.WithDefaults()
	hold := cfg.RTO + 2*cfg.RTT() - cfg.Delay
	cfg.Forward.Script = []link.Rule{{Action: link.Hold, Match: link.DataSegment(), Nth: 1, Delay: hold}}
	res := runScenario(t, cfg)
	assert.True(t, res.Complete, "Complete")
	assert.False(t, res.InOrderAndComplete, "InOrderAndComplete: the stale #1 should have been delivered as #3")
}

// The course's example: five segments, #3 lost.
func TestGoBackNResendsEverythingSACKOnlyTheHole(t *testing.T) {
	base := Config{Window: 5, Segments: 5, DropSegments: []int{3}}
	tests := []struct {
		proto  Protocol
		resent []int
	}{
		{GoBackN, []int{3, 4, 5}},
		{SelectiveRepeat, []int{3}},
		{SACK, []int{3}},
	}
	for _, tt := range tests {
		t.Run(tt.proto.Title(), func(t *testing.T) {
			cfg := base
			cfg.Protocol = tt.proto
			res := runScenario(t, cfg)
			assert.True(t, res.InOrderAndComplete, "InOrderAndComplete")
			assert.Equal(t, tt.resent, resent(res), "segments retransmitted")
		})
	}
}

// SACK's blocks, most recent first (RFC 2018 §4), as the receiver sends
// them when #2 and #5 are lost from eight.
func TestSACKBlocksOnTheWire(t *testing.T) {
	res := runScenario(t, Config{Protocol: SACK, Window: 8, Segments: 8, DropSegments: []int{2, 5}})
	require.True(t, res.InOrderAndComplete, "InOrderAndComplete")
	var acks []string
	for i := range res.Trace.Events {
		ev := &res.Trace.Events[i]
		if ev.Kind == EventSend && ev.Side == Receiver {
			acks = append(acks, res.Trace.Describe(ev))
		}
	}
	want := []string{
		"ACK 1001 (next #2)",
		"ACK 1001 (next #2) SACK #3",
		"ACK 1001 (next #2) SACK #3-4",
		"ACK 1001 (next #2) SACK #6 #3-4",
		"ACK 1001 (next #2) SACK #6-7 #3-4",
		"ACK 1001 (next #2) SACK #6-8 #3-4",
	}
	require.GreaterOrEqual(t, len(acks), len(want), "ACKs sent")
	assert.Equal(t, want, acks[:len(want)], "the first ACKs")
}

// The window rule, run: too large a window for the sequence space lets an
// old segment pass for a new one.
func TestWindowRule(t *testing.T) {
	tests := []struct {
		proto         Protocol
		window, space int
		ok            bool
	}{
		{GoBackN, 3, 4, true},
		{GoBackN, 4, 4, false},
		{SelectiveRepeat, 2, 4, true},
		{SelectiveRepeat, 3, 4, false},
		{SelectiveRepeat, 4, 8, true},
		{SelectiveRepeat, 5, 8, false},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%v window %d of %d", tt.proto, tt.window, tt.space), func(t *testing.T) {
			res := runScenario(t, WindowRuleDemo(tt.proto, tt.window, tt.space))
			if tt.ok {
				assert.True(t, res.InOrderAndComplete, "InOrderAndComplete")
				return
			}
			// The two ends now disagree about the numbers: the receiver
			// has delivered an old segment as new, and the exchange may
			// never finish.
			assert.True(t, res.Misdelivered, "Misdelivered")
			assert.False(t, res.InOrderAndComplete, "InOrderAndComplete")
		})
	}
}

// A learner's endpoint plugs into the same harness: here Go-Back-N's
// sender with Selective Repeat's receiver, which works (the receiver's
// cumulative ACK is all Go-Back-N reads).
func TestPluggableEndpoints(t *testing.T) {
	cfg := Config{Protocol: GoBackN, Window: 5, Segments: 5, DropSegments: []int{3},
		NewSender: NewGoBackNSender, NewReceiver: NewSelectiveRepeatReceiver}
	res := runScenario(t, cfg)
	assert.True(t, res.InOrderAndComplete, "InOrderAndComplete")
	assert.Equal(t, []int{3, 4, 5}, resent(res), "segments retransmitted: the sender still goes back N")
}

func TestDeterminism(t *testing.T) {
	trace := func(seed uint64) string {
		cfg := Config{Protocol: SACK, Segments: 60, Seed: seed, Trace: true}
		cfg.Forward.Loss, cfg.Reverse.Loss, cfg.Forward.Jitter = 0.2, 0.1, cfg.WithDefaults().Delay/2
		res, err := Run(cfg)
		require.NoError(t, err)
		var b bytes.Buffer
		_, err = res.Trace.WriteTo(&b)
		require.NoError(t, err)
		return b.String()
	}
	a, b, c := trace(7), trace(7), trace(8)
	assert.Equal(t, a, b, "two runs with seed 7 should give identical traces")
	assert.NotEqual(t, a, c, "seeds 7 and 8 should give different traces")
}

func TestConfigValidate(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
		want string
	}{
		{"window", Config{Window: -1}, "window -1"},
		{"size", Config{Size: 2000}, "segment size 2000"},
		{"space", Config{SeqSpace: 1}, "sequence space of 1"},
		{"drop", Config{Segments: 5, DropSegments: []int{6}}, "cannot drop segment #6"},
		{"drop ack", Config{Segments: 5, DropACKs: []int{1}}, "ask for #2 to #6"},
		{"loss", Config{Forward: link.Faults{Loss: 2}}, "data direction"},
	}
	for _, tt := range tests {
		_, err := Run(tt.cfg)
		if assert.Error(t, err, "%s: Run(%+v)", tt.name, tt.cfg) {
			assert.Contains(t, err.Error(), tt.want, "%s: error", tt.name)
		}
	}
}

// Arrows pairs every send with its fate, for drawing slanted arrows.
func TestArrows(t *testing.T) {
	res := runScenario(t, Config{Protocol: GoBackN, Window: 5, Segments: 5, DropSegments: []int{3}})
	arrows := res.Trace.Arrows()
	require.Len(t, arrows, res.Transmissions+res.ACKs, "one arrow per packet sent")
	lost := 0
	for _, a := range arrows {
		if a.Lost {
			lost++
			assert.Equal(t, "#3 seq=2001", a.Label, "the lost arrow's label")
			continue
		}
		assert.Greater(t, a.Arrived, a.Sent, "%s: arrives after it is sent", a.Label)
	}
	assert.Equal(t, 1, lost, "lost arrows")
}
