package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/tcpedu/tcpedu/exercises/grading"
)

// This file turns the event stream of go test -json into grades: a
// point per passing check, the first failing check's message and hint,
// and a sentence for an exercise that did not compile or crashed.

// testEvent is one line of go test -json (cmd/test2json's TestEvent).
type testEvent struct {
	Action      string
	Package     string
	ImportPath  string // build-output and build-fail events
	Test        string
	Output      string
	FailedBuild string
}

// The statuses of an exercise, as ../shared/spec/CLI.md names them.
const (
	statusPassed       = "passed"
	statusFailed       = "failed"
	statusNotAttempted = "not attempted"
)

// gradeResult is one exercise's grade.
type gradeResult struct {
	Name      string      `json:"name"`
	Title     string      `json:"title"`
	Points    int         `json:"points"`
	MaxPoints int         `json:"max_points"`
	Status    string      `json:"status"`
	Bonus     bool        `json:"bonus,omitempty"`
	Failure   *gradeIssue `json:"first_failure,omitempty"`

	ex      grading.Exercise
	outcome map[string]string   // subtest name → pass, fail or skip
	output  map[string][]string // test name ("" for the package) → its output lines
	build   []string            // compiler output
	done    bool                // the package's final event arrived
	skipped bool                // TestExercise skipped: not attempted
}

// gradeIssue is what went wrong first, for the learner to read.
type gradeIssue struct {
	Check   string `json:"check,omitempty"` // the first failing check; empty when the package did not build or crashed
	Message string `json:"message"`
	Hint    string `json:"hint,omitempty"`
}

// newGradeResult starts an exercise's grade, before any event.
func newGradeResult(ex grading.Exercise) *gradeResult {
	return &gradeResult{Name: ex.ID, Title: ex.Title, MaxPoints: ex.MaxPoints(), Bonus: ex.Bonus, ex: ex,
		outcome: map[string]string{}, output: map[string][]string{}}
}

// gradeCollector reads go test -json and files each event under its
// exercise. byPkg maps import paths to results.
type gradeCollector struct {
	byPkg map[string]*gradeResult
	// finished, when set, is called as each exercise's package ends:
	// for the progress lines.
	finished func(r *gradeResult)
}

// read consumes the event stream until it ends. Lines that are not JSON
// (go test writes some plain text when it cannot run at all) are kept as
// package output of no exercise and returned.
func (g *gradeCollector) read(r io.Reader) (stray []string, err error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 16<<20)
	for sc.Scan() {
		line := sc.Bytes()
		var ev testEvent
		if len(line) == 0 || line[0] != '{' || json.Unmarshal(line, &ev) != nil {
			stray = append(stray, string(line))
			continue
		}
		g.event(&ev)
	}
	return stray, sc.Err()
}

func (g *gradeCollector) event(ev *testEvent) {
	pkg := ev.Package
	if pkg == "" {
		// build-output names "path [path.test]".
		pkg, _, _ = strings.Cut(ev.ImportPath, " ")
	}
	r := g.byPkg[pkg]
	if r == nil {
		return
	}
	switch ev.Action {
	case "build-output":
		r.build = append(r.build, strings.TrimRight(ev.Output, "\n"))
	case "output":
		r.output[ev.Test] = append(r.output[ev.Test], strings.TrimRight(ev.Output, "\n"))
	case "pass", "fail", "skip":
		switch {
		case ev.Test == "":
			r.done = true
			r.finish()
			if g.finished != nil {
				g.finished(r)
			}
		case ev.Test == "TestExercise" && ev.Action == "skip":
			r.skipped = true
		case strings.HasPrefix(ev.Test, "TestExercise/"):
			r.outcome[ev.Test] = ev.Action
		}
	}
}

// finish works out the points, the status and the first failure once the
// package has ended.
func (r *gradeResult) finish() {
	r.Points = 0
	for _, ch := range r.ex.Checks {
		if r.outcome[grading.TestName(ch.Name)] == "pass" {
			r.Points++
		}
	}
	switch {
	case r.skipped:
		r.Status = statusNotAttempted
	case r.Points == r.MaxPoints && r.MaxPoints > 0:
		r.Status = statusPassed
	default:
		r.Status = statusFailed
	}
	if r.Status != statusFailed {
		return
	}
	if len(r.build) > 0 {
		r.Failure = &gradeIssue{Message: "does not compile:\n" + compilerErrors(r.build)}
		return
	}
	for _, ch := range r.ex.Checks {
		name := grading.TestName(ch.Name)
		if r.outcome[name] == "pass" {
			continue
		}
		if r.outcome[name] == "fail" {
			msg, hint := checkReport(r.output[name])
			r.Failure = &gradeIssue{Check: ch.Name, Message: msg, Hint: hint}
			return
		}
		// A check that never reported: the test binary died before it.
		r.Failure = &gradeIssue{Check: ch.Name, Message: crashReport(r.output), Hint: "code that panics outside a check (in init, or in a goroutine you started) stops every check after it"}
		return
	}
	r.Failure = &gradeIssue{Message: crashReport(r.output)}
}

// compilerErrors returns the compiler's messages without go's "# package"
// heading, at most ten lines.
func compilerErrors(lines []string) string {
	var out []string
	for _, l := range lines {
		if strings.HasPrefix(l, "#") || strings.TrimSpace(l) == "" {
			continue
		}
		out = append(out, l)
	}
	if len(out) > 10 {
		out = append(out[:10], fmt.Sprintf("(and %d more lines)", len(out)-10))
	}
	return strings.Join(out, "\n")
}

// checkReport reads a failed check's output as grading.C wrote it: the
// failures, then a line that starts with grading.HintPrefix. go test's
// own lines ("=== RUN", "--- FAIL", the "run.go:41:" prefix) are dropped.
func checkReport(lines []string) (msg, hint string) {
	var msgs []string
	for _, l := range lines {
		t := strings.TrimSpace(l)
		switch {
		case t == "" || strings.HasPrefix(t, "=== ") || strings.HasPrefix(t, "--- "):
		case strings.HasPrefix(t, grading.HintPrefix):
			hint = strings.TrimPrefix(t, grading.HintPrefix)
		case isFileLinePrefix(t):
		default:
			msgs = append(msgs, t)
		}
	}
	if len(msgs) == 0 {
		msgs = []string{"failed (it printed no reason)"}
	}
	return strings.Join(msgs, "\n"), hint
}

// isFileLinePrefix reports whether t is only testing's "file.go:41:"
// location, which precedes a report that starts on the next line.
func isFileLinePrefix(t string) bool {
	name, rest, ok := strings.Cut(t, ".go:")
	if !ok || name == "" || !strings.HasSuffix(rest, ":") {
		return false
	}
	for _, c := range strings.TrimSuffix(rest, ":") {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// crashReport finds, in the output of a test binary that died, the line
// that says why: a panic, or go test's own time limit.
func crashReport(output map[string][]string) string {
	for _, lines := range output {
		for _, l := range lines {
			t := strings.TrimSpace(l)
			switch {
			case strings.HasPrefix(t, "panic: test timed out"):
				return "the tests did not finish in time: " + t + " (a loop that never ends?)"
			case strings.HasPrefix(t, "panic:"), strings.HasPrefix(t, "fatal error:"):
				return "the test program crashed: " + t
			}
		}
	}
	return "the test program stopped before reporting this check"
}

// gradeReport is what tcpedu grade prints; its JSON is the contract of
// ../shared/spec/CLI.md. Points and MaxPoints count the course's
// exercises; bonus exercises have their own total, so that 100% means
// the course is done.
type gradeReport struct {
	Points         int            `json:"points"`
	MaxPoints      int            `json:"max_points"`
	BonusPoints    int            `json:"bonus_points"`
	BonusMaxPoints int            `json:"bonus_max_points"`
	Exercises      []*gradeResult `json:"exercises"`
}

func newGradeReport(results []*gradeResult) *gradeReport {
	rep := &gradeReport{Exercises: results}
	for _, r := range results {
		if r.Bonus {
			rep.BonusPoints += r.Points
			rep.BonusMaxPoints += r.MaxPoints
		} else {
			rep.Points += r.Points
			rep.MaxPoints += r.MaxPoints
		}
	}
	return rep
}

// failed counts the exercises with a failing check.
func (rep *gradeReport) failed() int {
	n := 0
	for _, r := range rep.Exercises {
		if r.Status == statusFailed {
			n++
		}
	}
	return n
}

// statusMark is the table's first column: ✓ passed, ✗ failed, · not yet.
var statusMark = map[string]string{statusPassed: "✓", statusFailed: "✗", statusNotAttempted: "·"}

// print writes the table, the total and each failing exercise's first
// failure with its hint.
func (rep *gradeReport) print(w io.Writer, tree string) {
	fmt.Fprintf(w, "\n   %-58s %7s\n", "exercise", "points")
	for _, r := range rep.Exercises {
		title := r.Title
		if r.Bonus {
			title += " (bonus)"
		}
		num, _, _ := strings.Cut(r.Name, "-")
		status := ""
		if r.Status == statusNotAttempted {
			status = "  not attempted"
		}
		fmt.Fprintf(w, " %s %s %-55s %3d/%-3d%s\n", statusMark[r.Status], num, clip(title, 55), r.Points, r.MaxPoints, status)
	}
	if rep.MaxPoints > 0 {
		fmt.Fprintf(w, "   %-58s %3d/%-3d %d%%\n", "total", rep.Points, rep.MaxPoints, 100*rep.Points/rep.MaxPoints)
	}
	if rep.BonusMaxPoints > 0 {
		fmt.Fprintf(w, "   %-58s %3d/%-3d\n", "bonus", rep.BonusPoints, rep.BonusMaxPoints)
	}
	for _, r := range rep.Exercises {
		if r.Failure == nil {
			continue
		}
		fmt.Fprintf(w, "\n%s", r.Name)
		if r.Failure.Check != "" {
			fmt.Fprintf(w, ": the first failing check is %q", r.Failure.Check)
		}
		fmt.Fprintln(w)
		for _, l := range strings.Split(r.Failure.Message, "\n") {
			fmt.Fprintf(w, "    %s\n", l)
		}
		if r.Failure.Hint != "" {
			fmt.Fprintf(w, "    hint: %s\n", r.Failure.Hint)
		}
		fmt.Fprintf(w, "    (every failure: go test ./%s/%s)\n", tree, r.Name)
	}
	if rep.failed() == 0 && rep.Points == rep.MaxPoints && rep.MaxPoints > 0 {
		fmt.Fprintln(w, "\nEvery check passes.")
	}
}

// clip shortens s to n runes, with an ellipsis.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
