package grading

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"
)

// CheckTimeout is how long one check may take. The checks are small
// (the longest simulates a few seconds of a connection, in milliseconds
// of real time), so a check that takes this long is stuck: most often a
// loop whose condition never changes. It is a guard against hanging, not
// a performance target.
const CheckTimeout = 10 * time.Second

// Run grades one exercise: it is what each exercise's TestExercise calls.
// An exercise whose source is still exactly as it was handed out is
// skipped, with a message naming the file to edit, so that go test ./...
// passes on a fresh clone. Otherwise every check runs as a subtest named
// after it, each with a time limit of CheckTimeout and a guard that turns
// a panic in the learner's code into that check's failure.
func Run(t *testing.T, id string, checks []Check) {
	t.Helper()
	ex, ok := Lookup(id)
	if !ok {
		t.Fatalf("grading: no exercise is called %q", id)
	}
	attempted, err := Attempted(".", ex.ID)
	if err != nil {
		t.Fatalf("grading: %v", err)
	}
	if !attempted {
		t.Skipf("not attempted yet: write your code in exercises/%s/%s (its README.md says how)", ex.ID, ex.File)
	}
	for _, ch := range checks {
		ch := ch
		t.Run(ch.Name, func(t *testing.T) {
			if msg := runCheck(ch); msg != "" {
				t.Error("\n" + msg)
			}
		})
	}
}

// runCheck runs one check on its own goroutine and returns its report:
// "" if it passed.
func runCheck(ch Check) string {
	c := &C{}
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer func() {
			r := recover()
			if r == nil {
				return
			}
			if _, ok := r.(stop); ok {
				return
			}
			c.Errorf("your code panicked%s: %v", panicSite(), r)
			c.Hint("a panic is a bug to find: read the line named, and check slice indexes and nil pointers there")
		}()
		ch.Run(c)
	}()
	timer := time.NewTimer(CheckTimeout)
	defer timer.Stop()
	select {
	case <-done:
	case <-timer.C:
		c.Errorf("did not finish within %v", CheckTimeout)
		c.Hint("look for a loop that never ends: a condition that cannot change, or a sequence-number comparison that wraps")
	}
	return c.report(ch.Hint)
}

// panicSite returns " at FILE:LINE" for the innermost frame of the
// panicking goroutine that lies in an exercise or solution (not in this
// package or the model), or "" if there is none.
func panicSite() string {
	pcs := make([]uintptr, 64)
	n := runtime.Callers(3, pcs)
	frames := runtime.CallersFrames(pcs[:n])
	for {
		f, more := frames.Next()
		file := f.File
		if (strings.Contains(file, "/exercises/") || strings.Contains(file, "/solutions/")) &&
			!strings.Contains(file, "/grading/") && !strings.HasSuffix(file, "_test.go") {
			return fmt.Sprintf(" at %s:%d", shortPath(file), f.Line)
		}
		if !more {
			return ""
		}
	}
}

// shortPath returns file from its exercises/ or solutions/ folder on.
func shortPath(file string) string {
	for _, top := range []string{"/exercises/", "/solutions/"} {
		if i := strings.LastIndex(file, top); i >= 0 {
			return file[i+1:]
		}
	}
	return file
}

// Try runs one check outside go test and returns its report as tcpedu
// grade shows it: the failures, then the hint; "" if it passed. The tour
// uses it to show a failing check.
func Try(ch Check) string { return runCheck(ch) }
