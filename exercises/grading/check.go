package grading

import (
	"fmt"
	"strings"
	"sync"
)

// A Check is one behaviour an exercise must show, worth one point.
type Check struct {
	// Name says what is checked, as a short phrase: "folds every carry
	// back in". It names the subtest, so it stays plain ASCII.
	Name string
	// Hint is the misconception behind most failures of this check, for
	// when Run finds no more specific one.
	Hint string
	// Run performs the check on the implementation it was built with.
	Run func(c *C)
}

// C is a check in progress: what Run reports through. Reports made after
// the check ran out of time are dropped (the learner's code may still be
// running in the background).
type C struct {
	mu       sync.Mutex
	failures []string
	hint     string
	closed   bool
}

// stop is the panic value Fatalf uses to end a check early.
type stop struct{}

// Errorf records a failed expectation, as one sentence that names the call
// and says what came back and what was wanted:
// "Checksum(00 01 f2 03) = 0x0df2, want 0x220d".
func (c *C) Errorf(format string, args ...any) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.closed {
		c.failures = append(c.failures, fmt.Sprintf(format, args...))
	}
}

// Fatalf records a failure and ends the check: what follows depends on
// what just failed.
func (c *C) Fatalf(format string, args ...any) {
	c.Errorf(format, args...)
	panic(stop{})
}

// Hint names the misconception behind the failure just reported. The first
// hint of a check is the one shown; a check that finds none shows its
// Check.Hint.
func (c *C) Hint(format string, args ...any) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.closed && c.hint == "" {
		c.hint = fmt.Sprintf(format, args...)
	}
}

// Fail is Errorf and Hint in one: a failure and its misconception.
func (c *C) Fail(hint, format string, args ...any) {
	c.Errorf(format, args...)
	c.Hint("%s", hint)
}

// Failed reports whether the check has failed so far.
func (c *C) Failed() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.failures) > 0
}

// report closes the check and returns what it found, in the form tcpedu
// grade reads: the failures, one per line, then "hint: " and the hint.
// An empty string means it passed.
func (c *C) report(fallback string) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.closed = true
	if len(c.failures) == 0 {
		return ""
	}
	var b strings.Builder
	const shown = 5
	for i, f := range c.failures {
		if i == shown {
			fmt.Fprintf(&b, "(and %d more)\n", len(c.failures)-shown)
			break
		}
		b.WriteString(f + "\n")
	}
	hint := c.hint
	if hint == "" {
		hint = fallback
	}
	if hint != "" {
		b.WriteString(HintPrefix + hint + "\n")
	}
	return b.String()
}

// HintPrefix starts the line of a failure report that carries the hint.
const HintPrefix = "hint: "
