package stopwait

import (
	"testing"

	"github.com/tcpedu/tcpedu/exercises/grading"
)

// TestExercise grades this exercise with the suite its reference solution
// passes too: ../grading/06-stop-and-wait.go.
func TestExercise(t *testing.T) {
	grading.StopAndWait(t, grading.StopAndWaitImpl{NewSender: NewSender, NewReceiver: NewReceiver})
}
