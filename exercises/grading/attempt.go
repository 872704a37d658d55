package grading

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// An exercise counts as attempted as soon as its source differs in any
// way from the stub handed out: a learner who has written anything gets
// real results, and an untouched exercise skips, so go test ./... passes
// on a fresh clone. "Differs" is decided by SourceHash, compared with the
// hashes recorded in pristine.go when the stubs were written (go generate
// ./exercises/grading records them; CI checks they are current).

// Attempted reports whether the exercise id, whose files are in dir, has
// been changed from its stub. A solution's folder always has.
func Attempted(dir, id string) (bool, error) {
	want, ok := pristine[id]
	if !ok {
		return false, fmt.Errorf("no stub hash is recorded for %s: run go generate ./exercises/grading", id)
	}
	got, err := SourceHash(dir)
	if err != nil {
		return false, err
	}
	return got != want, nil
}

// SourceHash returns a SHA-256 over the names and contents of the Go
// files in dir that are not tests, with Windows line endings read as Unix
// ones (a checkout on Windows is not an attempt).
func SourceHash(dir string) (string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return "", fmt.Errorf("read the exercise's folder: %w", err)
	}
	var names []string
	for _, e := range entries {
		n := e.Name()
		if !e.IsDir() && strings.HasSuffix(n, ".go") && !strings.HasSuffix(n, "_test.go") {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	h := sha256.New()
	for _, n := range names {
		b, err := os.ReadFile(filepath.Join(dir, n))
		if err != nil {
			return "", fmt.Errorf("read the exercise's source: %w", err)
		}
		b = bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n"))
		fmt.Fprintf(h, "%s\x00%d\x00", n, len(b))
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
