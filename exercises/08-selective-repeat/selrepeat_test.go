package selrepeat

import (
	"testing"

	"github.com/tcpedu/tcpedu/exercises/grading"
)

// TestExercise grades this exercise with the suite its reference solution
// passes too: ../grading/08-selective-repeat.go.
func TestExercise(t *testing.T) {
	grading.SelectiveRepeat(t, grading.SelectiveRepeatImpl{NewReceiver: NewReceiver})
}
