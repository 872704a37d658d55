package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// These drive tcpedu repl through piped stdin, as a script would.

func TestReplStepsAConnectionAndPrintsItsState(t *testing.T) {
	status, out, errOut := runCLI(t, `st := scenario.NewStage(1)
st.Listen(func(c *tcp.Endpoint) {})
c := st.Connect()
c.State()
st.Sim.RunFor(time.Second)
c.State()
fmt.Println("SND.NXT - ISS =", c.SndNxt().Sub(c.ISS()))
`, "repl")
	assert.Equal(t, exitOK, status, "stderr: %s", errOut)
	assert.Empty(t, errOut)
	assert.Equal(t, []string{"192.0.2.2:50001 *:* LISTEN", "SYN-SENT", "ESTABLISHED", "SND.NXT - ISS = 1"},
		strings.Split(strings.TrimSpace(out), "\n"), "the listener, the state after the SYN, after the handshake; the SYN took one number")
}

func TestReplLivesOnAfterAPanicAnUnsupportedConstructAndALoopThatNeverEnds(t *testing.T) {
	status, out, errOut := runCLI(t, `n := 1
var q []int
q[3] = n
"after the panic"
for i := range 10 { n += i }
"after range over an int"
m := max(n, 2)
"after max"
for { n++ }
"after the loop"
n > 1
`, "repl", "--timeout", "300ms")
	assert.Equal(t, exitFailure, status, "a script with failures exits 1")
	assert.Equal(t, []string{`"after the panic"`, `"after range over an int"`, `"after max"`, `"after the loop"`, "true"},
		strings.Split(strings.TrimSpace(out), "\n"), "each next line still runs, in the same session")
	lines := strings.Split(strings.TrimSpace(errOut), "\n")
	if assert.Len(t, lines, 5, "stderr: %s", errOut) {
		assert.Equal(t, "panic: reflect: slice index out of range (an index at or past the slice's length)", lines[0])
		assert.Contains(t, lines[1], "not supported: yaegi v0.16 cannot range over an integer")
		assert.Contains(t, lines[1], "for i := 0; i < n; i++", "says what to write instead")
		assert.Contains(t, lines[2], "not supported: yaegi v0.16 does not have the max builtin")
		assert.Contains(t, lines[3], "timed out: stopped after the time limit of 300ms")
		assert.Equal(t, "tcpedu repl: 4 evaluations of the input failed (each error is above)", lines[4])
	}
	assert.NotContains(t, errOut, "goroutine", "no stack trace")
}

func TestReplReadsMultiLineInputAndCommands(t *testing.T) {
	status, out, errOut := runCLI(t, `func double(x int) int {
	return 2 *
		x
}
:help
double(21)
:reset
double(1)
:quit
"never"
`, "repl")
	assert.Equal(t, exitFailure, status)
	assert.Contains(t, out, "Try first:", ":help")
	assert.Contains(t, out, "\n42\n", "a func typed over four lines")
	assert.Contains(t, out, "a fresh interpreter", ":reset")
	assert.NotContains(t, out, "never", ":quit stops reading")
	assert.Contains(t, errOut, "compile error: undefined: double", "after :reset, double is gone")
}

func TestReplSavesFiguresAndSaysWhere(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	status, out, errOut := runCLI(t, `r, _ := bulk.Run(bulk.Config{Duration: time.Second, Trace: true})
fig, _ := plots.Cwnd(r)
fig
`, "repl")
	assert.Equal(t, exitOK, status, "stderr: %s", errOut)
	assert.Regexp(t, `figure: Congestion window .* saved to .*figure-1\.png`, out)
}

func TestReplRefusesArguments(t *testing.T) {
	status, _, errOut := runCLI(t, "", "repl", "script.go")
	assert.Equal(t, exitUsage, status)
	assertOneSentence(t, errOut)
	assert.Contains(t, errOut, "tcpedu repl < FILE")
}
