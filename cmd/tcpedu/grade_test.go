package main

import (
	"bytes"
	"encoding/json"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tcpedu/tcpedu/exercises/grading"
)

// A mutation breaks one rule in one solution: old is replaced by new in
// the solution's file, and the exercise must then lose points with a hint
// that contains hint.
type mutation struct {
	exercise, file string
	old, new       string
	hint           string
}

// mutations are the classic mistakes the course warns about, each put
// into one solution.
var mutations = []mutation{{
	// Folding once and truncating drops the end-around carry.
	exercise: "01-checksum", file: "checksum.go",
	old:  "\tfor sum > 0xffff {\n\t\tsum = sum>>16 + sum&0xffff\n\t}\n\treturn uint16(sum)",
	new:  "\treturn uint16(sum)",
	hint: "end-around carry",
}, {
	// Comparing sequence numbers with a plain <.
	exercise: "05-sequence-numbers", file: "seqnum.go",
	old:  "\treturn Diff(a, b) < 0 // b is 1 to 2^31−1 bytes ahead of a",
	new:  "\treturn a < b",
	hint: "wrap",
}, {
	// A receiver that discards a duplicate without ACKing it again.
	exercise: "06-stop-and-wait", file: "stopwait.go",
	old:  "\t\tr.env.Note(\"bit %d is the segment already received: discarded, re-ACKed\", bit(r.p.Index(seg.Seq)))\n",
	new:  "\t\treturn\n",
	hint: "ACK",
}, {
	// A FIN that takes no sequence number.
	exercise: "11-teardown", file: "teardown.go",
	old:  "\tc.SndNxt = c.SndNxt.Add(1) // the FIN occupies one sequence number (§3.4)",
	new:  "",
	hint: "FIN consumes a sequence number",
}, {
	// Tahoe's answer to three duplicate ACKs, in Reno.
	exercise: "15-reno", file: "reno.go",
	old:  "\t\tr.cwnd = r.ssthresh + cc.DupThresh*r.smss\n",
	new:  "\t\tr.cwnd = r.smss\n",
	hint: "that is Tahoe, not Reno",
}}

// TestGradeGivesSolutionsFullMarksAndCatchesMistakes copies the model and
// the exercises to a scratch module, puts every reference solution in
// place of its stub and grades it: full marks. Then it breaks one rule in
// a few exercises and grades again: exactly those exercises lose points,
// each with the hint that names the rule.
func TestGradeGivesSolutionsFullMarksAndCatchesMistakes(t *testing.T) {
	if testing.Short() {
		t.Skip("grades every exercise twice in a scratch module: not with -short")
	}
	root, err := findModuleRoot()
	require.NoError(t, err)
	scratch := t.TempDir()
	for _, top := range []string{"go.mod", "go.sum", "tcpedu", "exercises"} {
		copyTree(t, filepath.Join(root, top), filepath.Join(scratch, top))
	}
	exercises := grading.Exercises()
	for _, ex := range exercises {
		installSolution(t, filepath.Join(root, "solutions", ex.ID), filepath.Join(scratch, "exercises", ex.ID))
	}

	results, err := gradeTree(scratch, "exercises", exercises, io.Discard)
	require.NoError(t, err)
	rep := newGradeReport(results)
	for _, r := range results {
		assert.Equal(t, statusPassed, r.Status, "%s with its solution: %s", r.Name, describeFailure(r))
	}
	assert.Equal(t, rep.MaxPoints, rep.Points, "the solutions' total")

	// The learner's Reno on the real simulator, before the mutation: the
	// same run as the model's, segment for segment.
	t.Chdir(scratch)
	status, out, errOut := runCLI(t, "", "sim", "--cc", "exercise:15", "--drop", "30", "--duration", "2s")
	require.Equal(t, exitOK, status, "sim --cc exercise:15: %s", errOut)
	assert.Contains(t, out, "your 15-reno sends exactly what the model's reno sends")

	broken := map[string]mutation{}
	for _, m := range mutations {
		path := filepath.Join(scratch, "exercises", m.exercise, m.file)
		src, err := os.ReadFile(path)
		require.NoError(t, err)
		require.Equal(t, 1, bytes.Count(src, []byte(m.old)), "mutation of %s: %q must occur once in solutions/%s/%s", m.exercise, m.old, m.exercise, m.file)
		require.NoError(t, os.WriteFile(path, bytes.Replace(src, []byte(m.old), []byte(m.new), 1), 0o644))
		broken[m.exercise] = m
	}
	results, err = gradeTree(scratch, "exercises", exercises, io.Discard)
	require.NoError(t, err)
	for _, r := range results {
		m, isBroken := broken[r.Name]
		if !isBroken {
			assert.Equal(t, statusPassed, r.Status, "%s was not broken: %s", r.Name, describeFailure(r))
			continue
		}
		assert.Equal(t, statusFailed, r.Status, "%s after the mutation %q → %q", r.Name, m.old, m.new)
		assert.Less(t, r.Points, r.MaxPoints, "%s's points after the mutation", r.Name)
		if assert.NotNil(t, r.Failure, "%s: no failure reported", r.Name) {
			assert.Contains(t, r.Failure.Hint, m.hint, "%s: the hint for %q", r.Name, r.Failure.Message)
		}
	}

	// After it, the two runs part, and tcpedu says where.
	status, out, errOut = runCLI(t, "", "sim", "--cc", "exercise", "--drop", "30", "--duration", "2s")
	require.Equal(t, exitOK, status, "sim --cc exercise: %s", errOut)
	assert.Contains(t, out, "your 16-newreno sends exactly", "--cc exercise picks the highest-numbered exercise attempted")
	status, out, errOut = runCLI(t, "", "sim", "--cc", "exercise:reno", "--drop", "30", "--duration", "2s")
	require.Equal(t, exitOK, status, "sim --cc exercise:reno: %s", errOut)
	assert.Regexp(t, `your 15-reno and the model's reno part at segment #\d+: the reference sent it at`, out)

	// Code that does not compile, or panics, is one clear sentence.
	tahoe := filepath.Join(scratch, "exercises", "14-tahoe", "tahoe.go")
	src, err := os.ReadFile(tahoe)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(tahoe, append(src, []byte("\nfunc broken() int { return \"x\" }\n")...), 0o644))
	status, _, errOut = runCLI(t, "", "sim", "--cc", "exercise:14", "--duration", "1s")
	assert.Equal(t, exitFailure, status)
	assert.Contains(t, errOut, "your 14-tahoe does not compile:")
	assert.Contains(t, errOut, "tahoe.go:")
	require.NoError(t, os.WriteFile(tahoe, bytes.Replace(src, []byte("func New(c cc.Config) cc.Algorithm {"),
		[]byte("func New(c cc.Config) cc.Algorithm {\n\tvar nothing []int\n\t_ = nothing[c.MSS]"), 1), 0o644))
	status, _, errOut = runCLI(t, "", "sim", "--cc", "exercise:14", "--duration", "1s")
	assert.Equal(t, exitFailure, status)
	assert.Contains(t, errOut, "your 14-tahoe panicked at exercises/14-tahoe/tahoe.go:")
}

func describeFailure(r *gradeResult) string {
	if r.Failure == nil {
		return r.Status
	}
	return r.Failure.Check + ": " + r.Failure.Message + " (hint: " + r.Failure.Hint + ")"
}

// copyTree copies a file or a folder, leaving out test binaries.
func copyTree(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, path)
		dst := filepath.Join(to, rel)
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		if strings.HasSuffix(path, ".test") || strings.HasSuffix(path, ".prof") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, b, 0o644)
	})
	require.NoError(t, err)
}

// installSolution replaces the exercise's source (not its tests) by the
// solution's, as a learner who has finished would have it.
func installSolution(t *testing.T, solution, exercise string) {
	t.Helper()
	for _, dir := range []string{exercise, solution} {
		entries, err := os.ReadDir(dir)
		require.NoError(t, err)
		for _, e := range entries {
			n := e.Name()
			if !strings.HasSuffix(n, ".go") || strings.HasSuffix(n, "_test.go") {
				continue
			}
			if dir == exercise {
				require.NoError(t, os.Remove(filepath.Join(dir, n)))
				continue
			}
			b, err := os.ReadFile(filepath.Join(dir, n))
			require.NoError(t, err)
			require.NoError(t, os.WriteFile(filepath.Join(exercise, n), b, 0o644))
		}
	}
}

// TestGradeJSON grades exercise 01 through the command line, as JSON: on
// a fresh clone it is not attempted; a learner's copy may have it passed
// or failed.
func TestGradeJSON(t *testing.T) {
	root, err := findModuleRoot()
	require.NoError(t, err)
	attempted, err := grading.Attempted(filepath.Join(root, "exercises", "01-checksum"), "01-checksum")
	require.NoError(t, err)
	var out, errs bytes.Buffer
	status := run([]string{"grade", "--json", "01"}, &env{stdout: &out, stderr: &errs})
	var rep struct {
		Exercises []struct {
			Name      string `json:"name"`
			Points    int    `json:"points"`
			MaxPoints int    `json:"max_points"`
			Status    string `json:"status"`
		} `json:"exercises"`
	}
	require.NoError(t, json.Unmarshal(out.Bytes(), &rep), "tcpedu grade --json printed %s", out.String())
	require.Len(t, rep.Exercises, 1)
	got := rep.Exercises[0]
	assert.Equal(t, "01-checksum", got.Name)
	assert.Equal(t, len(grading.Exercises()[0].Checks), got.MaxPoints)
	if !attempted {
		assert.Equal(t, exitOK, status, "stderr: %s", errs.String())
		assert.Equal(t, statusNotAttempted, got.Status)
		assert.Equal(t, 0, got.Points)
	} else {
		assert.Contains(t, []string{statusPassed, statusFailed}, got.Status)
	}
	assert.Contains(t, errs.String(), "01-checksum", "the progress line goes to stderr with --json")
}

func TestGradeRefusesAnUnknownExercise(t *testing.T) {
	var out, errs bytes.Buffer
	status := run([]string{"grade", "no-such-thing"}, &env{stdout: &out, stderr: &errs})
	assert.Equal(t, exitUsage, status)
	assert.Contains(t, errs.String(), `no exercise is called "no-such-thing"`)
	assert.Equal(t, 1, strings.Count(strings.TrimSpace(errs.String()), "\n")+1, "one sentence: %s", errs.String())
}
