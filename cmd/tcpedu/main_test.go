package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// runCLI runs tcpedu with args and returns exit status, stdout and stderr.
func runCLI(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	status := run(args, &env{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errOut})
	return status, out.String(), errOut.String()
}

// assertOneSentence checks the shape every error must have: one line on
// stderr, prefixed with the command, and no Go panic or stack trace.
func assertOneSentence(t *testing.T, stderr string) {
	t.Helper()
	assert.True(t, strings.HasPrefix(stderr, "tcpedu"), "stderr %q starts with tcpedu", stderr)
	assert.Equal(t, 1, strings.Count(stderr, "\n"), "stderr %q is one line", stderr)
	assert.NotContains(t, stderr, "goroutine", "stderr has a stack trace")
	assert.NotContains(t, stderr, "panic", "stderr mentions a panic")
}

func TestHelp(t *testing.T) {
	for _, args := range [][]string{nil, {"help"}, {"--help"}, {"-h"}, {"decode", "--help"}, {"help", "decode"}, {"tour", "-h"}} {
		status, out, errOut := runCLI(t, "", args...)
		assert.Equal(t, exitOK, status, "tcpedu %v: status", args)
		assert.Contains(t, out, "Usage: tcpedu", "tcpedu %v: usage on stdout", args)
		assert.Empty(t, errOut, "tcpedu %v: stderr", args)
	}
}

func TestUnknownCommand(t *testing.T) {
	status, _, errOut := runCLI(t, "", "decdoe")
	assert.Equal(t, exitUsage, status)
	assertOneSentence(t, errOut)
	assert.Contains(t, errOut, `unknown command "decdoe"`)
}

func TestTour(t *testing.T) {
	status, out, errOut := runCLI(t, "", "tour")
	assert.Equal(t, exitOK, status, "stderr: %s", errOut)
	for _, want := range []string{
		"Stop 1 of", "MSS             1460", "1460 = 1500 (Ethernet's MTU) − 20 (IPv4 header) − 20 (TCP header)",
		"748207436 + 1 = 748207437", "0xffff", "Where to go next", "Go-Back-N against SACK", "(3 retransmissions)", "costs 1 retransmission",
		// stop 7: Reno times out, NewReno takes about one round trip per hole, SACK about two in all
		"Reno          3 resent, 1 timeout,", "NewReno       3 resent, 0 timeouts, 139 ms in fast recovery (3.4 round trips)",
		"NewReno+SACK  3 resent, 0 timeouts,  75 ms in fast recovery (1.8 round trips)",
		// stop 8: a failing check of exercise 01, and its hint
		"Your turn: the graded exercises", "Sum(0001f203f4f5f6f7) = 0xddf0, want 0xddf2", "hint: a carry out of bit 15",
		"With the carries added back in, the same check passes.",
		// stop 9: a REPL session run for real
		"Interactive study: a REPL and notebooks", "> c.State()\n    SYN-SENT\n", "    ESTABLISHED\n    > c.SndNxt().Sub(c.ISS())\n    1\n",
		"not supported: yaegi v0.16 cannot range over an integer",
	} {
		assert.Contains(t, out, want, "tour output")
	}
}

func TestParseFlagsInterspersed(t *testing.T) {
	status, out, _ := runCLI(t, "", "decode", "../../tcpedu/wire/testdata/linux/tcp4_rst.pcap", "--json")
	assert.Equal(t, exitOK, status)
	assert.True(t, strings.HasPrefix(out, `{"frame":1`), "--json after the file name still applies: %q", out)
}
