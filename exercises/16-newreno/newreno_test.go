package newreno

import (
	"testing"

	"github.com/tcpedu/tcpedu/exercises/grading"
)

// TestExercise grades this exercise with the suite its reference solution
// passes too: ../grading/16-newreno.go.
func TestExercise(t *testing.T) {
	grading.NewReno(t, grading.NewRenoImpl{New: New})
}
