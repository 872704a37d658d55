package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/tcpedu/tcpedu/exercises/grading"
)

// modulePath is tcpedu's module: grade runs inside a clone of it.
const modulePath = "github.com/tcpedu/tcpedu"

// gradeTimeout bounds one exercise's test program. Each check has its own
// limit (grading.CheckTimeout); this catches what escapes it.
const gradeTimeout = 3 * time.Minute

const gradeUsage = `Usage: tcpedu grade [EXERCISE] [--solutions] [--json]

Grades the exercises in exercises/ by running their tests (go test): a
point for each passing check, a table of points per exercise and a total,
and for each exercise with a failing check, the first one, what went
wrong and a hint. EXERCISE grades one: 3, 03, tcp-header or
03-tcp-header. An exercise you have not touched yet is "not attempted".
Progress goes to stderr; the grader never writes to your files.

Exit status 0 when nothing attempted fails, 1 otherwise. To watch your
congestion control (exercises 14-16) on the real simulator, beside the
model's: tcpedu plot cwnd --cc exercise -o mine.png.

Flags:
`

// runGrade is tcpedu grade.
func runGrade(e *env, args []string) error {
	fs := flag.NewFlagSet("grade", flag.ContinueOnError)
	solutions := fs.Bool("solutions", false, "grade the reference solutions in solutions/ instead")
	asJSON := fs.Bool("json", false, "print the grades as JSON (../shared/spec/CLI.md)")
	rest, err := parseFlags(fs, args, gradeUsage, e.stdout)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	exercises := grading.Exercises()
	switch len(rest) {
	case 0:
	case 1:
		ex, ok := grading.Lookup(rest[0])
		if !ok {
			return usagef("no exercise is called %q; they are %s", rest[0], exerciseIDs(exercises))
		}
		exercises = []grading.Exercise{ex}
	default:
		return usagef("grade takes at most one exercise, not %d", len(rest))
	}
	root, err := findModuleRoot()
	if err != nil {
		return err
	}
	tree := "exercises"
	if *solutions {
		tree = "solutions"
	}
	results, err := gradeTree(root, tree, exercises, e.stderr)
	if err != nil {
		return err
	}
	rep := newGradeReport(results)
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			return err
		}
	} else {
		rep.print(e.stdout, tree)
	}
	if n := rep.failed(); n > 0 {
		return fmt.Errorf("%s %s failing checks", plural(n, "exercise"), map[bool]string{true: "has", false: "have"}[n == 1])
	}
	return nil
}

// exerciseIDs lists the exercises' folders, for an error message.
func exerciseIDs(exs []grading.Exercise) string {
	ids := make([]string, len(exs))
	for i, ex := range exs {
		ids[i] = ex.ID
	}
	return strings.Join(ids, ", ")
}

// findModuleRoot returns the folder of tcpedu's go.mod, looking up from
// the working directory, as the go command does.
func findModuleRoot() (string, error) {
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for dir := wd; ; dir = filepath.Dir(dir) {
		b, err := os.ReadFile(filepath.Join(dir, "go.mod"))
		if err == nil && bytes.Contains(b, []byte("module "+modulePath+"\n")) {
			return dir, nil
		}
		if filepath.Dir(dir) == dir {
			return "", fmt.Errorf("grade works inside a clone of tcpedu, and %s is not in one (no go.mod of module %s here or above)", wd, modulePath)
		}
	}
}

// gradeTree runs go test -json on the exercises' folders under tree
// ("exercises" or "solutions") and grades each. It reports progress as
// each exercise's tests end: on a terminal, one line that it rewrites and
// clears at the end; elsewhere (a log), a line per exercise.
func gradeTree(root, tree string, exercises []grading.Exercise, progress io.Writer) ([]*gradeResult, error) {
	if _, err := exec.LookPath("go"); err != nil {
		return nil, errors.New("grade runs go test, and there is no go command on PATH: install Go (https://go.dev/dl) and try again")
	}
	col := &gradeCollector{byPkg: map[string]*gradeResult{}}
	var results []*gradeResult
	args := []string{"test", "-json", "-count=1", "-timeout", gradeTimeout.String()}
	for _, ex := range exercises {
		r := newGradeResult(ex)
		results = append(results, r)
		dir := filepath.Join(root, tree, ex.ID)
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			r.Status = statusFailed
			r.Failure = &gradeIssue{Message: fmt.Sprintf("its folder %s/%s is missing: restore it with git checkout -- %s/%s", tree, ex.ID, tree, ex.ID)}
			r.done = true
			continue
		}
		col.byPkg[modulePath+"/"+tree+"/"+ex.ID] = r
		args = append(args, "./"+tree+"/"+ex.ID)
	}
	if len(col.byPkg) == 0 {
		return results, nil
	}
	live, done := isTerminal(progress), 0
	if !live {
		fmt.Fprintf(progress, "grading %s in %s/ (go test, up to %v each)\n", plural(len(col.byPkg), "exercise"), tree, gradeTimeout)
	}
	col.finished = func(r *gradeResult) {
		done++
		if live {
			fmt.Fprintf(progress, "\rgrading %s/: %d of %d done, last %s %s\033[K", tree, done, len(col.byPkg), r.Name, r.summary())
		} else {
			fmt.Fprintf(progress, "  %-24s %s\n", r.Name, r.summary())
		}
	}
	if live {
		fmt.Fprintf(progress, "grading %s/ (go test)…", tree)
		defer fmt.Fprint(progress, "\r\033[K")
	}

	ctx, cancel := context.WithTimeout(context.Background(), gradeTimeout+time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = root
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start go test: %w", err)
	}
	stray, readErr := col.read(out)
	waitErr := cmd.Wait()
	if readErr != nil {
		return nil, fmt.Errorf("read go test's output: %w", readErr)
	}
	var missing []string
	for _, r := range results {
		if !r.done {
			missing = append(missing, r.Name)
		}
	}
	if len(missing) > 0 {
		// go test could not run those packages at all: say why, in its words.
		why := strings.TrimSpace(stderr.String() + "\n" + strings.Join(stray, "\n"))
		if why == "" && waitErr != nil {
			why = waitErr.Error()
		}
		return nil, fmt.Errorf("go test did not grade %s: %s", strings.Join(missing, ", "), firstLines(why, 5))
	}
	return results, nil
}

// firstLines returns the first n lines of s.
func firstLines(s string, n int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > n {
		lines = append(lines[:n], "…")
	}
	return strings.Join(lines, "\n")
}

// summary is the progress line's verdict: "7/7 passed".
func (r *gradeResult) summary() string {
	return fmt.Sprintf("%2d/%-2d %s", r.Points, r.MaxPoints, r.Status)
}
