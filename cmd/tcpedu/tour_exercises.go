package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/tcpedu/tcpedu/cmd/tcpedu/internal/capture"
	"github.com/tcpedu/tcpedu/exercises/grading"
	"github.com/tcpedu/tcpedu/tcpedu/checksum"
)

// tourExercises is the stop that hands over to the learner: the graded
// exercises, and what a failing check says, shown by running exercise
// 01's first check on a Sum that forgets the end-around carry.
func tourExercises(w io.Writer, _ []capture.Frame) error {
	exs := grading.Exercises()
	fmt.Fprintf(w, "Now you write it. exercises/ holds %d graded exercises, in the order of the\nchapters; each is a stub whose comment is its contract, and go test grades it:\n\n", len(exs))
	for _, ex := range exs {
		title := ex.Title
		if ex.Bonus {
			title += " (bonus)"
		}
		num, _, _ := strings.Cut(ex.ID, "-")
		fmt.Fprintf(w, "  %s  %-55s %2d checks\n", num, clip(title, 55), ex.MaxPoints())
	}

	// A learner's Sum that adds the words but drops the carries.
	noCarry := func(b []byte) uint16 {
		var sum uint16
		for i := 0; i+1 < len(b); i += 2 {
			sum += uint16(b[i])<<8 | uint16(b[i+1])
		}
		return sum
	}
	impl := grading.ChecksumImpl{Sum: noCarry, Checksum: func(b []byte) uint16 { return ^noCarry(b) }, Add: checksum.Add}
	first := grading.ChecksumChecks(impl)[0]
	fmt.Fprintf(w, "\nA failing check names the call, what came back and what was wanted, and a\nhint names the likely misconception. Here is exercise 01's first check,\n%q, run on a Sum that adds the words but drops the carries:\n\n", first.Name)
	for _, line := range strings.Split(strings.TrimSpace(grading.Try(first)), "\n") {
		fmt.Fprintf(w, "    %s\n", line)
	}
	impl.Sum, impl.Checksum = checksum.Sum, checksum.Of
	verdict := "passes"
	if grading.Try(grading.ChecksumChecks(impl)[0]) != "" {
		verdict = "fails too (a bug in tcpedu)"
	}
	fmt.Fprintf(w, "\nWith the carries added back in, the same check %s.\n", verdict)
	_, err := fmt.Fprint(w, `
  go test ./exercises/01-checksum
      your tests: an exercise you have not touched yet is skipped
  go run ./cmd/tcpedu grade
      points per exercise, a total, and a hint for each first failure
  go run ./cmd/tcpedu plot cwnd --cc exercise -o mine.png
      your Tahoe, Reno or NewReno (exercises 14–16) on the real simulator, above
      the model's, and the first segment where the two runs part
`)
	return err
}
