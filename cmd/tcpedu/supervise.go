package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"runtime/debug"
	"strings"
)

// Some mistakes in a learner's code end the Go runtime itself, and no
// recover can catch them: a func that calls itself without end overflows
// the stack ("fatal error: stack overflow"), and a huge make runs out of
// memory. In tcpedu repl and tcpedu notebook run, that would end the
// command with pages of runtime trace. So those two commands run as a
// child of themselves: the parent passes the terminal through, reads the
// child's stderr, and if the runtime dies it prints one sentence instead
// of the trace. (The kernel is not wrapped: Jupyter watches it, and says
// when a kernel dies.)

// supervisedEnv marks the child, so that it does the work itself.
const supervisedEnv = "TCPEDU_SUPERVISED"

// childMaxStack bounds a child's stack, so that runaway recursion ends in
// a second rather than after a gigabyte.
const childMaxStack = 256 << 20

// supervised reports whether args name a command that runs as a child,
// and is not that child already.
func supervised(args []string) bool {
	if os.Getenv(supervisedEnv) != "" || len(args) == 0 {
		return false
	}
	return args[0] == "repl" || args[0] == "notebook"
}

// superviseChild starts tcpedu again with args as a child and returns its
// exit status, or explains how the runtime died.
func superviseChild(args []string) int {
	exe, err := os.Executable()
	if err != nil {
		return run(args, &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr}) // do it ourselves
	}
	cmd := exec.Command(exe, args...)
	cmd.Env = append(os.Environ(), supervisedEnv+"=1")
	cmd.Stdin, cmd.Stdout = os.Stdin, os.Stdout
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return run(args, &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr})
	}
	// Ctrl-C reaches the child too (one process group); the parent only
	// must not die of it.
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt)
	defer signal.Stop(sigs)
	if err := cmd.Start(); err != nil {
		return run(args, &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr})
	}
	death := relayStderr(stderr, os.Stderr)
	err = cmd.Wait()
	if death != "" {
		fmt.Fprintf(os.Stderr, "tcpedu %s: %s\n", args[0], death)
		return exitFailure
	}
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode()
	}
	if err != nil {
		return exitFailure
	}
	return exitOK
}

// relayStderr copies the child's stderr to w until the runtime's own
// fatal error begins, and returns the sentence for it ("" if none).
func relayStderr(r io.Reader, w io.Writer) string {
	br := bufio.NewReader(r)
	death := ""
	for {
		line, err := br.ReadString('\n')
		if death == "" {
			death = fatalSentence(line)
			if death == "" {
				io.WriteString(w, line)
			}
		}
		if err != nil {
			return death
		}
	}
}

// fatalSentence returns the sentence for a line with which the Go runtime
// starts to die, or "".
func fatalSentence(line string) string {
	switch {
	case strings.Contains(line, "goroutine stack exceeds"), strings.HasPrefix(line, "fatal error: stack overflow"):
		return "the session ended: a func called itself without end (the stack overflowed); " +
			"give the recursion a case that stops it, and start again"
	case strings.Contains(line, "out of memory"):
		return "the session ended: the code asked for more memory than the machine has; " +
			"look for a make or append with a huge size, and start again"
	case strings.HasPrefix(line, "fatal error: "):
		return "the session ended: the Go runtime stopped it (" + strings.TrimSpace(strings.TrimPrefix(line, "fatal error: ")) + ")"
	}
	return ""
}

// limitChildStack applies childMaxStack in the child.
func limitChildStack() {
	if os.Getenv(supervisedEnv) != "" {
		debug.SetMaxStack(childMaxStack)
	}
}
