package tcpheader

import (
	"testing"

	"github.com/tcpedu/tcpedu/exercises/grading"
)

// TestExercise grades this exercise with the suite its reference solution
// passes too: ../grading/03-tcp-header.go.
func TestExercise(t *testing.T) {
	grading.TCPHeader(t, grading.TCPHeaderImpl{ParseHeader: ParseHeader, AppendHeader: AppendHeader, FlagString: FlagString})
}
