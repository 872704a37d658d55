package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
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
		{"sim", "--sack", "--cc", "tahoe"},
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

// TestSimSACK: --sack turns SACK on at both ends; the JSON says so under
// "sack", and three losses in one window cost three fast retransmissions
// and no timeout.
func TestSimSACK(t *testing.T) {
	for _, sack := range []bool{false, true} {
		args := []string{"sim", "--bandwidth", "100Mbps", "--duration", "2s", "--drop", "30,33,36", "--json"}
		if sack {
			args = append(args, "--sack")
		}
		status, out, errOut := runCLI(t, "", args...)
		require.Equal(t, exitOK, status, "tcpedu %v: stderr %s", args, errOut)
		var got map[string]any
		require.NoError(t, json.Unmarshal([]byte(out), &got), "tcpedu %v: output %q", args, out)
		assert.Equal(t, sack, got["sack"], "tcpedu %v: \"sack\"", args)
		assert.Equal(t, 3.0, got["fast_retransmits"], "tcpedu %v: fast_retransmits", args)
		assert.Equal(t, 0.0, got["timeouts"], "tcpedu %v: timeouts", args)
	}
	status, out, _ := runCLI(t, "", "sim", "--sack", "--duration", "1s")
	require.Equal(t, exitOK, status)
	assert.True(t, strings.HasPrefix(out, "newreno with SACK over 10 Mbit/s"), "the summary's first line: %q", out)
}

// TestSimSACKPcapInTshark: a SACK run's capture through tshark: both SYNs
// carry SACK-permitted, the receiver's duplicate ACKs carry SACK blocks
// that tshark decodes, and every checksum, option and expert check passes.
func TestSimSACKPcapInTshark(t *testing.T) {
	tshark := needTshark(t)
	name := filepath.Join(t.TempDir(), "sack.pcap")
	status, _, errOut := runCLI(t, "", "sim", "--sack", "--bandwidth", "100Mbps", "--duration", "2s", "--drop", "30,33,36", "--pcap", name)
	require.Equal(t, exitOK, status, "stderr: %s", errOut)
	checkPcapWithTshark(t, tshark, name)

	fields := func(filter string, field ...string) []string {
		args := []string{"-r", name, "-n", "-Y", filter, "-T", "fields"}
		for _, f := range field {
			args = append(args, "-e", f)
		}
		out, err := exec.Command(tshark, args...).Output()
		require.NoError(t, err, "tshark -Y %q", filter)
		text := strings.TrimRight(string(out), "\n")
		if text == "" {
			return nil
		}
		return strings.Split(text, "\n")
	}
	perm := fields("tcp.options.sack_perm", "tcp.flags.syn")
	assert.Len(t, perm, 2, "segments with SACK-permitted: the SYN and the SYN,ACK")
	sacks := fields("tcp.options.sack", "tcp.srcport", "tcp.options.sack.count")
	require.NotEmpty(t, sacks, "segments with SACK blocks")
	most := 0
	for _, line := range sacks {
		f := strings.Split(line, "\t")
		require.Len(t, f, 2, "tshark line %q", line)
		assert.Equal(t, "50001", f[0], "SACK blocks come from the receiver only: %q", line)
		n, err := strconv.Atoi(f[1])
		require.NoError(t, err, "tcp.options.sack.count in %q", line)
		if n > most {
			most = n
		}
	}
	assert.Equal(t, 3, most, "the most blocks in one ACK: one per hole")
}
