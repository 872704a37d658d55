package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The contract's keys (../shared/spec/CLI.md), with their JSON types.
func TestArqJSONContract(t *testing.T) {
	for _, proto := range []string{"sw", "gbn", "sr", "sack"} {
		status, out, errOut := runCLI(t, "", "arq", "--protocol", proto, "--loss", "0.1", "--json")
		require.Equal(t, exitOK, status, "arq --protocol %s: stderr %s", proto, errOut)
		var got map[string]any
		require.NoError(t, json.Unmarshal([]byte(out), &got), "arq --json output %q", out)
		assert.Equal(t, proto, got["protocol"], "protocol")
		for _, key := range []string{"delivered_segments", "transmissions", "retransmissions", "utilization"} {
			assert.IsType(t, float64(0), got[key], "%s: key %q is a number", proto, key)
		}
		assert.Equal(t, true, got["in_order_and_complete"], "%s: in_order_and_complete", proto)
		assert.Equal(t, float64(20), got["delivered_segments"], "%s: delivered_segments", proto)
	}
}

func TestArqHumanAndLadder(t *testing.T) {
	status, out, errOut := runCLI(t, "", "arq", "--protocol", "gbn", "--window", "5", "--segments", "5", "--drop", "3", "--ladder")
	require.Equal(t, exitOK, status, "stderr %s", errOut)
	for _, want := range []string{
		"sender", "receiver", "#3 seq=2001--X", "lost (scripted)", "timeout: retransmission timer",
		"#3 seq=2001 again: go back N", "#4 seq=3001 again: go back N", "#5 seq=4001 again: go back N",
		"Go-Back-N, window 5", "every byte arrived, in order, once", "3 retransmissions",
	} {
		assert.Contains(t, out, want, "arq --ladder output")
	}
}

func TestArqCompare(t *testing.T) {
	status, out, errOut := runCLI(t, "", "arq", "--compare", "--loss", "0.1")
	require.Equal(t, exitOK, status, "stderr %s", errOut)
	for _, want := range []string{"Stop-and-wait", "Go-Back-N", "Selective Repeat", "SACK"} {
		assert.Contains(t, out, want, "arq --compare output")
	}
}

func TestArqWindowRule(t *testing.T) {
	status, out, _ := runCLI(t, "", "arq", "--protocol", "sr", "--window", "3", "--seq-space", "4", "--segments", "8", "--drop-acks", "2,3,4", "--json")
	require.Equal(t, exitOK, status)
	assert.Contains(t, out, `"in_order_and_complete":false`, "SR with window 3 of 4 numbers takes an old segment for new")
	status, out, _ = runCLI(t, "", "arq", "--protocol", "sr", "--window", "2", "--seq-space", "4", "--segments", "8", "--drop-acks", "2,3", "--json")
	require.Equal(t, exitOK, status)
	assert.Contains(t, out, `"in_order_and_complete":true`, "SR with window 2 of 4 numbers is safe")
}

func TestArqBadInput(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--protocol", "tcp"}, `unknown protocol "tcp"`},
		{[]string{"--loss", "1.5"}, `probability "1.5"`},
		{[]string{"--bandwidth", "fast"}, `bandwidth "fast"`},
		{[]string{"--window", "0"}, "window 0"},
		{[]string{"--size", "9000"}, "segment size 9000"},
		{[]string{"--drop", "x"}, "not a list of segment numbers"},
		{[]string{"--drop", "30"}, "cannot drop segment #30"},
		{[]string{"--burst", "0.1"}, "--burst"},
		{[]string{"--compare", "--ladder"}, "--compare prints a table"},
		{[]string{"extra"}, `unexpected argument "extra"`},
	}
	for _, tt := range tests {
		status, _, errOut := runCLI(t, "", append([]string{"arq"}, tt.args...)...)
		assert.Equal(t, exitUsage, status, "arq %v: status", tt.args)
		assertOneSentence(t, errOut)
		assert.Contains(t, errOut, tt.want, "arq %v: stderr", tt.args)
	}
	status, _, errOut := runCLI(t, "", "arq", "--pcap", filepath.Join(t.TempDir(), "no", "such", "dir", "x.pcap"))
	assert.Equal(t, exitFailure, status, "arq --pcap into a missing directory: status")
	assertOneSentence(t, errOut)
}

// Every pcap tcpedu writes must open in Wireshark with no checksum errors
// and nothing malformed. The test needs tshark; .ci/run installs it.
func TestArqPcapOpensInTshark(t *testing.T) {
	tshark := needTshark(t)
	dir := t.TempDir()
	for _, args := range [][]string{
		{"--protocol", "sw", "--loss", "0.2"},
		{"--protocol", "gbn", "--loss", "0.1", "--corrupt", "0.05", "--duplicate", "0.05"},
		{"--protocol", "sr", "--loss", "0.1", "--jitter", "5ms"},
		{"--protocol", "sack", "--window", "8", "--segments", "40", "--drop", "3,10,11"},
	} {
		name := filepath.Join(dir, args[1]+".pcap")
		status, _, errOut := runCLI(t, "", append(append([]string{"arq"}, args...), "--pcap", name)...)
		require.Equal(t, exitOK, status, "arq %v: stderr %s", args, errOut)
		checkPcapWithTshark(t, tshark, name)
	}
}

// needTshark returns tshark's path, skipping the test where tshark is not
// installed, and failing it in CI, where .ci/run installs it.
func needTshark(t *testing.T) string {
	t.Helper()
	tshark, err := exec.LookPath("tshark")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("tshark is not installed; .ci/run should have installed it")
		}
		t.Skip("tshark is not installed")
	}
	return tshark
}

// checkPcapWithTshark has tshark verify every checksum in the file and
// fails on a bad one, a malformed packet or any expert error.
func checkPcapWithTshark(t *testing.T, tshark, name string) {
	t.Helper()
	cmd := exec.Command(tshark, "-r", name, "-n",
		"-o", "ip.check_checksum:TRUE", "-o", "tcp.check_checksum:TRUE",
		"-T", "fields", "-e", "frame.number", "-e", "ip.checksum.status", "-e", "tcp.checksum.status",
		"-e", "_ws.malformed", "-e", "_ws.expert.severity")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	require.NoError(t, err, "tshark -r %s: %s", name, stderr.String())
	lines := strings.Split(strings.TrimRight(string(out), "\n"), "\n")
	require.NotEmpty(t, lines, "tshark read no packets from %s", name)
	for _, line := range lines {
		f := append(strings.Split(line, "\t"), "", "", "", "")[:5] // empty trailing fields may be missing
		assert.Equal(t, "1", f[1], "%s frame %s: ip.checksum.status (1 is good)", name, f[0])
		assert.Equal(t, "1", f[2], "%s frame %s: tcp.checksum.status", name, f[0])
		assert.Empty(t, f[3], "%s frame %s: malformed", name, f[0])
		for _, sev := range strings.Split(f[4], ",") {
			assert.NotEqual(t, "8388608", sev, "%s frame %s: an expert error (severity %s)", name, f[0], f[4])
		}
	}
}
