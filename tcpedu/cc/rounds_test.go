package cc

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func cwnds(rows []Round) []int {
	var out []int
	for _, r := range rows {
		out = append(out, r.Cwnd)
	}
	return out
}

func run(t *testing.T, c RoundsConfig) []Round {
	t.Helper()
	rows, err := Rounds(c)
	require.NoError(t, err, "Rounds(%+v)", c)
	require.Len(t, rows, c.Rounds)
	return rows
}

// TestKuroseFigure353 reproduces Kurose and Ross, "Computer Networking: A
// Top-Down Approach", Figure 3.53 (Figure 3.52 in some editions): ssthresh
// 8, a triple duplicate ACK at the end of round 8 with cwnd 12; Tahoe
// starts again from 1, Reno goes on from 6 + 3 = 9.
func TestKuroseFigure353(t *testing.T) {
	events := []Event{{Round: 8, Loss: TripleDup}}
	tahoe := run(t, RoundsConfig{Variant: TahoeRounds, Ssthresh: 8, Rounds: 15, Events: events})
	reno := run(t, RoundsConfig{Variant: RenoRounds, Ssthresh: 8, Rounds: 15, Events: events})
	assert.Equal(t, []int{1, 2, 4, 8, 9, 10, 11, 12, 1, 2, 4, 6, 7, 8, 9}, cwnds(tahoe), "Tahoe's cwnd per round")
	assert.Equal(t, []int{1, 2, 4, 8, 9, 10, 11, 12, 9, 10, 11, 12, 13, 14, 15}, cwnds(reno), "Reno's cwnd per round")
	assert.Equal(t, 6, reno[8].Ssthresh, "ssthresh in round 9: half of 12")
	assert.Equal(t, FastRecovery, reno[8].Phase, "Reno's round 9")
	assert.Equal(t, SlowStart, tahoe[8].Phase, "Tahoe's round 9")
	assert.Equal(t, 6, tahoe[11].Cwnd, "Tahoe's slow start stops at ssthresh 6, not at 8")
}

// TestKuroseProblemP40 reproduces the figure of Kurose and Ross's problem
// P40 (chapter 3): initial ssthresh 32; a triple duplicate ACK at the end
// of round 16 and a timeout at the end of round 22.
func TestKuroseProblemP40(t *testing.T) {
	rows := run(t, RoundsConfig{Variant: RenoRounds, Ssthresh: 32, Rounds: 26,
		Events: []Event{{Round: 16, Loss: TripleDup}, {Round: 22, Loss: Timeout}}})
	want := []int{1, 2, 4, 8, 16, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 24, 25, 26, 27, 28, 29, 1, 2, 4, 8}
	assert.Equal(t, want, cwnds(rows), "cwnd per round")
	assert.Equal(t, 21, rows[17].Ssthresh, "ssthresh at the 18th round (the book's answer: 21)")
	assert.Equal(t, 14, rows[23].Ssthresh, "ssthresh at the 24th round (the book's answer: 14)")
	var ss []int
	for _, r := range rows {
		if r.Phase == SlowStart {
			ss = append(ss, r.Round)
		}
	}
	assert.Equal(t, []int{1, 2, 3, 4, 5, 23, 24, 25, 26}, ss,
		"slow-start rounds (the book says [1,6] and [23,26]: round 6, where cwnd reaches ssthresh, it counts in both)")
}

// TestXieFigure525 reproduces the story of Xie Xiren's 《计算机网络》
// Figure 5-25: ssthresh 16; a timeout at cwnd 24 (ssthresh becomes 12);
// slow start again, capped at 12; three duplicate ACKs at cwnd 16
// (ssthresh becomes 8) and cwnd = 8, congestion avoidance at once.
func TestXieFigure525(t *testing.T) {
	rows := run(t, RoundsConfig{Variant: RenoRounds, Ssthresh: 16, Rounds: 25, After: Halve,
		Events: []Event{{Round: 13, Loss: Timeout}, {Round: 22, Loss: TripleDup}}})
	want := []int{1, 2, 4, 8, 16, 17, 18, 19, 20, 21, 22, 23, 24, 1, 2, 4, 8, 12, 13, 14, 15, 16, 8, 9, 10}
	assert.Equal(t, want, cwnds(rows), "cwnd per round")
	assert.Equal(t, 12, rows[13].Ssthresh, "ssthresh after the timeout at cwnd 24")
	assert.Equal(t, 8, rows[22].Ssthresh, "ssthresh after three duplicate ACKs at cwnd 16")
	assert.Equal(t, CongestionAvoidance, rows[22].Phase, "cwnd = ssthresh: congestion avoidance at once")
}

// TestSsthreshFloor checks RFC 5681's floor: ssthresh is never below 2
// segments, even after a loss at cwnd 1 or 2.
func TestSsthreshFloor(t *testing.T) {
	rows := run(t, RoundsConfig{Variant: RenoRounds, Ssthresh: 8, Rounds: 4,
		Events: []Event{{Round: 1, Loss: Timeout}, {Round: 2, Loss: Timeout}, {Round: 3, Loss: TripleDup}}})
	for _, r := range rows[1:] {
		assert.Equal(t, 2, r.Ssthresh, "round %d: ssthresh = max(cwnd/2, 2)", r.Round)
	}
	assert.Equal(t, 5, rows[3].Cwnd, "Reno after a triple duplicate ACK at cwnd 1: 2 + 3")
}

func TestRoundsBadInput(t *testing.T) {
	_, err := Rounds(RoundsConfig{Ssthresh: 8, Rounds: 3})
	assert.Error(t, err, "no variant")
	_, err = Rounds(RoundsConfig{Variant: RenoRounds, Ssthresh: 0, Rounds: 3})
	assert.Error(t, err, "ssthresh 0")
	_, err = Rounds(RoundsConfig{Variant: RenoRounds, Ssthresh: 8, Rounds: 3, Events: []Event{{1, Timeout}, {1, TripleDup}}})
	assert.Error(t, err, "two losses in one round")
	for _, s := range []string{"8", "x:3dup", "0:3dup", "3:lost", "3:"} {
		_, err := ParseEvents(s)
		assert.Error(t, err, "ParseEvents(%q)", s)
	}
	evs, err := ParseEvents("8:3dup, 14:timeout")
	require.NoError(t, err)
	assert.Equal(t, []Event{{8, TripleDup}, {14, Timeout}}, evs)
	_, err = ParseVariant("cubic")
	assert.Error(t, err)
}
