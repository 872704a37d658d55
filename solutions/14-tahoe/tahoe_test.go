package tahoe

import (
	"testing"

	"github.com/tcpedu/tcpedu/exercises/grading"
)

// TestExercise grades this exercise with the suite its reference solution
// passes too: ../grading/14-tahoe.go.
func TestExercise(t *testing.T) {
	grading.Tahoe(t, grading.TahoeImpl{New: New})
}
