package sendwindow

import (
	"testing"
	"time"

	"github.com/tcpedu/tcpedu/exercises/grading"
	"github.com/tcpedu/tcpedu/tcpedu/seq"
)

// TestExercise grades this exercise with the suite its reference solution
// passes too: ../grading/12-send-window.go.
func TestExercise(t *testing.T) {
	grading.SendWindow(t, grading.SendWindowImpl{
		New: func(iss, irs seq.Num, wnd uint32, rto time.Duration) grading.SendWindowSender {
			return NewSender(iss, irs, wnd, rto)
		},
	})
}
