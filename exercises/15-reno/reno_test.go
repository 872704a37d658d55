package reno

import (
	"testing"

	"github.com/tcpedu/tcpedu/exercises/grading"
)

// TestExercise grades this exercise with the suite its reference solution
// passes too: ../grading/15-reno.go.
func TestExercise(t *testing.T) {
	grading.Reno(t, grading.RenoImpl{New: New})
}
