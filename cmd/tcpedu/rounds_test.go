package main

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRoundsContract checks the JSON that ../shared/spec/CLI.md fixes for
// tcpedu rounds, on Kurose and Ross's Figure 3.53.
func TestRoundsContract(t *testing.T) {
	status, out, errOut := runCLI(t, "", "rounds", "--cc", "reno", "--ssthresh", "8", "--rounds", "10", "--events", "8:3dup", "--json")
	require.Equal(t, exitOK, status, "stderr: %s", errOut)
	var rows []map[string]any
	require.NoError(t, json.Unmarshal([]byte(out), &rows), "output %q", out)
	require.Len(t, rows, 10)
	for _, r := range rows {
		for _, k := range []string{"round", "cwnd", "ssthresh", "phase"} {
			assert.Contains(t, r, k)
		}
	}
	assert.Equal(t, 1.0, rows[0]["round"])
	assert.Equal(t, "slow start", rows[0]["phase"])
	assert.Equal(t, 12.0, rows[7]["cwnd"])
	assert.Equal(t, 9.0, rows[8]["cwnd"], "Reno: ssthresh 6 + 3")
	assert.Equal(t, 6.0, rows[8]["ssthresh"])
	assert.Equal(t, "fast recovery", rows[8]["phase"])
	assert.Equal(t, "congestion avoidance", rows[9]["phase"])

	status, out, _ = runCLI(t, "", "rounds", "--cc", "tahoe", "--ssthresh", "8", "--rounds", "10", "--events", "8:timeout", "--json")
	require.Equal(t, exitOK, status)
	require.NoError(t, json.Unmarshal([]byte(out), &rows))
	assert.Equal(t, 1.0, rows[8]["cwnd"], "after a timeout, cwnd = 1")

	status, out, _ = runCLI(t, "", "rounds", "--ssthresh", "8", "--rounds", "10", "--events", "8:3dup")
	require.Equal(t, exitOK, status)
	assert.Contains(t, out, "three duplicate ACKs at the end of this round")
}

func TestRoundsBadInput(t *testing.T) {
	for _, args := range [][]string{
		{"rounds", "--cc", "cubic"},
		{"rounds", "--events", "8:lost"},
		{"rounds", "--events", "x"},
		{"rounds", "--ssthresh", "0"},
		{"rounds", "--rounds", "-1"},
		{"rounds", "--cwnd", "0"},
		{"rounds", "--after-3dup", "half"},
		{"rounds", "--events", "3:3dup,3:timeout"},
		{"rounds", "extra"},
	} {
		status, out, errOut := runCLI(t, "", args...)
		assert.NotEqual(t, exitOK, status, "%v succeeded: %s", args, out)
		assertOneSentence(t, errOut)
	}
}
