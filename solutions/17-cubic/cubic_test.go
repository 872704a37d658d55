package cubic

import (
	"testing"

	"github.com/tcpedu/tcpedu/exercises/grading"
)

// TestExercise grades this exercise with the suite its reference solution
// passes too: ../grading/17-cubic.go.
func TestExercise(t *testing.T) {
	grading.Cubic(t, grading.CubicImpl{K: K, Window: Window, Decrease: Decrease,
		FastConvergence: FastConvergence, RenoEstimate: RenoEstimate})
}
