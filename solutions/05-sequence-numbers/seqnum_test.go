package seqnum

import (
	"testing"

	"github.com/tcpedu/tcpedu/exercises/grading"
)

// TestExercise grades this exercise with the suite its reference solution
// passes too: ../grading/05-sequence-numbers.go.
func TestExercise(t *testing.T) {
	grading.SeqNum(t, grading.SeqNumImpl{
		Diff:        Diff,
		LessThan:    LessThan,
		LessOrEqual: LessOrEqual,
		InWindow:    InWindow,
		Acceptable:  Acceptable,
	})
}
