package main

import (
	"encoding/json"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tcpedu/tcpedu/tcpedu/scenario"
)

// TestScenarioContract checks the keys ../shared/spec/CLI.md fixes for
// tcpedu scenario NAME --json.
func TestScenarioContract(t *testing.T) {
	status, out, errOut := runCLI(t, "", "scenario", "handshake", "--json")
	require.Equal(t, exitOK, status, "stderr: %s", errOut)
	var got map[string]any
	require.NoError(t, json.Unmarshal([]byte(out), &got), "output %q", out)
	assert.Equal(t, "handshake", got["name"])
	segs, ok := got["segments"].([]any)
	require.True(t, ok, "segments is an array: %v", got["segments"])
	require.Len(t, segs, 3, "a handshake is three segments")
	for _, s := range segs {
		seg := s.(map[string]any)
		for _, k := range []string{"t_ms", "from", "to", "seq", "ack", "flags", "len", "dropped"} {
			assert.Contains(t, seg, k, "segment key %s", k)
		}
	}
	first := segs[0].(map[string]any)
	assert.Equal(t, "client", first["from"])
	assert.Equal(t, "server", first["to"])
	assert.Equal(t, []any{"SYN"}, first["flags"])
	states, ok := got["states"].([]any)
	require.True(t, ok, "states is an array")
	var hosts []string
	for _, s := range states {
		st := s.(map[string]any)
		for _, k := range []string{"t_ms", "host", "from", "to"} {
			assert.Contains(t, st, k, "state key %s", k)
		}
		hosts = append(hosts, st["host"].(string)+" "+st["to"].(string))
	}
	assert.Contains(t, hosts, "client ESTABLISHED")
	assert.Contains(t, hosts, "server SYN-RECEIVED")
	assert.Contains(t, hosts, "server ESTABLISHED")
}

func TestScenarioListAndLadder(t *testing.T) {
	status, out, _ := runCLI(t, "", "scenario", "list")
	require.Equal(t, exitOK, status)
	for _, name := range []string{"handshake", "teardown", "teardown-combined", "half-close", "simultaneous-open",
		"simultaneous-close", "lost-syn", "syn-retries-exhausted", "lost-synack", "lost-third-ack", "lost-final-ack",
		"time-wait-expiry", "syn-in-time-wait", "old-duplicate-syn", "rst-closed-port", "rst-abort", "close-wait-leak"} {
		assert.Contains(t, out, name+" ", "scenario list names %s", name)
	}
	status, out, _ = runCLI(t, "", "scenario", "teardown-combined")
	require.Equal(t, exitOK, status)
	assert.Contains(t, out, "FIN-WAIT-1 -> TIME-WAIT")
	assert.Contains(t, out, "FIN,ACK seq=")
	status, out, _ = runCLI(t, "", "scenario", "states")
	require.Equal(t, exitOK, status)
	assert.Contains(t, out, "SYN-SENT")
	status, out, _ = runCLI(t, "", "scenario", "states", "--dot")
	require.Equal(t, exitOK, status)
	assert.True(t, strings.Contains(out, "digraph"), "--dot prints a digraph")
}

func TestScenarioBadInput(t *testing.T) {
	for _, args := range [][]string{
		{"scenario"},
		{"scenario", "nope"},
		{"scenario", "handshake", "extra"},
		{"scenario", "handshake", "--seed", "x"},
		{"scenario", "states", "--dot", "--svg"},
		{"scenario", "handshake", "--pcap", filepath.Join(t.TempDir(), "no", "such", "dir", "x.pcap")},
	} {
		status, out, errOut := runCLI(t, "", args...)
		assert.NotEqual(t, exitOK, status, "%v succeeded: %s", args, out)
		assertOneSentence(t, errOut)
	}
}

// TestScenarioPcapsOpenInTshark writes every scenario as a pcap and has
// tshark check each one: every checksum good, nothing malformed, no expert
// error, and the flags of each frame those the scenario says it sent.
func TestScenarioPcapsOpenInTshark(t *testing.T) {
	tshark := needTshark(t)
	dir := t.TempDir()
	for _, sc := range scenario.All() {
		name := filepath.Join(dir, sc.Name+".pcap")
		status, out, errOut := runCLI(t, "", "scenario", sc.Name, "--json", "--pcap", name)
		require.Equal(t, exitOK, status, "scenario %s: %s", sc.Name, errOut)
		checkPcapWithTshark(t, tshark, name)

		var res struct {
			Segments []struct {
				Seq   uint32   `json:"seq"`
				Flags []string `json:"flags"`
			} `json:"segments"`
		}
		require.NoError(t, json.Unmarshal([]byte(out), &res))
		cmd := exec.Command(tshark, "-r", name, "-n", "-o", "tcp.relative_sequence_numbers:FALSE",
			"-T", "fields", "-e", "tcp.flags", "-e", "tcp.seq_raw")
		got, err := cmd.Output()
		require.NoError(t, err, "tshark -r %s", name)
		lines := strings.Split(strings.TrimRight(string(got), "\n"), "\n")
		require.Len(t, lines, len(res.Segments), "%s: frames in the pcap", sc.Name)
		for i, line := range lines {
			f := strings.Split(line, "\t")
			require.Len(t, f, 2, "%s frame %d: %q", sc.Name, i+1, line)
			bits, err := strconv.ParseUint(strings.TrimPrefix(f[0], "0x"), 16, 16)
			require.NoError(t, err, "%s frame %d: tcp.flags %q", sc.Name, i+1, f[0])
			assert.Equal(t, res.Segments[i].Flags, flagNamesOf(uint8(bits)), "%s frame %d: flags tshark reads", sc.Name, i+1)
			assert.Equal(t, strconv.FormatUint(uint64(res.Segments[i].Seq), 10), f[1], "%s frame %d: seq tshark reads", sc.Name, i+1)
		}
	}
}

// flagNamesOf names the bits of a TCP flags byte in header order, as the
// JSON does.
func flagNamesOf(b uint8) []string {
	names := []string{"CWR", "ECE", "URG", "ACK", "PSH", "RST", "SYN", "FIN"}
	var out []string
	for i, n := range names {
		if b&(0x80>>i) != 0 {
			out = append(out, n)
		}
	}
	return out
}
