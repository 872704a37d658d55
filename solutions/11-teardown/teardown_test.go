package teardown

import (
	"testing"
	"time"

	"github.com/tcpedu/tcpedu/exercises/grading"
	"github.com/tcpedu/tcpedu/tcpedu/seq"
)

// TestExercise grades this exercise with the suite its reference solution
// passes too: ../grading/11-teardown.go.
func TestExercise(t *testing.T) {
	grading.Teardown(t, grading.TeardownImpl{
		New: func(sndNxt, rcvNxt seq.Num, msl time.Duration) grading.TeardownConn {
			return NewConn(sndNxt, rcvNxt, msl)
		},
	})
}
