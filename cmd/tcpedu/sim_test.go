package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tcpedu/tcpedu/tcpedu/bulk"
)

// TestSimContract checks the JSON keys and the trace header that
// ../shared/spec/CLI.md fixes for tcpedu sim.
func TestSimContract(t *testing.T) {
	dir := t.TempDir()
	tracePath := filepath.Join(dir, "t.csv")
	status, out, errOut := runCLI(t, "", "sim", "--cc", "reno", "--loss", "0.01", "--duration", "5s", "--seed", "2", "--json", "--trace", tracePath)
	require.Equal(t, exitOK, status, "stderr: %s", errOut)
	var got map[string]any
	require.NoError(t, json.Unmarshal([]byte(out), &got), "output %q", out)
	for _, k := range []string{"goodput_bps", "bytes_delivered", "segments_sent", "retransmissions", "fast_retransmits", "timeouts", "events", "sim_seconds", "seed"} {
		assert.Contains(t, got, k)
	}
	assert.Equal(t, 2.0, got["seed"])
	assert.Equal(t, 5.0, got["sim_seconds"])
	assert.Greater(t, got["bytes_delivered"].(float64), 0.0)
	assert.InDelta(t, got["bytes_delivered"].(float64)*8/5, got["goodput_bps"].(float64), 1e-6, "goodput = bytes delivered * 8 / seconds")

	raw, err := os.ReadFile(tracePath)
	require.NoError(t, err)
	lines := strings.Split(strings.TrimSpace(string(raw)), "\n")
	assert.Equal(t, bulk.TraceHeader, lines[0])
	assert.Equal(t, "time_s,cwnd_bytes,ssthresh_bytes,srtt_ms,rto_ms,bytes_in_flight", lines[0], "the contract's header")
	assert.Greater(t, len(lines), 100, "one row per change")
	assert.Len(t, strings.Split(lines[1], ","), 6)

	status, again, _ := runCLI(t, "", "sim", "--cc", "reno", "--loss", "0.01", "--duration", "5s", "--seed", "2", "--json")
	require.Equal(t, exitOK, status)
	assert.Equal(t, out, again, "equal seeds give identical output")
}

func TestSimBadInput(t *testing.T) {
	for _, args := range [][]string{
		{"sim", "--cc", "cubic"},
		{"sim", "--loss", "2"},
		{"sim", "--bandwidth", "fast"},
		{"sim", "--queue", "-1"},
		{"sim", "--mss", "0"},
		{"sim", "--queue", "0"},
		{"sim", "--delay", "0s"},
		{"sim", "--duration", "0s"},
		{"sim", "--drop", "0"},
		{"sim", "extra"},
		{"sim", "--trace", filepath.Join(t.TempDir(), "no", "dir", "t.csv")},
	} {
		status, out, errOut := runCLI(t, "", args...)
		assert.NotEqual(t, exitOK, status, "%v succeeded: %s", args, out)
		assertOneSentence(t, errOut)
	}
}

// TestSimPcapOpensInTshark checks a run's capture with tshark: every
// checksum good, nothing malformed, no expert error.
func TestSimPcapOpensInTshark(t *testing.T) {
	tshark := needTshark(t)
	name := filepath.Join(t.TempDir(), "sim.pcap")
	status, _, errOut := runCLI(t, "", "sim", "--duration", "2s", "--drop", "30,35", "--pcap", name)
	require.Equal(t, exitOK, status, "stderr: %s", errOut)
	checkPcapWithTshark(t, tshark, name)
}
