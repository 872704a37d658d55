package handshake

import (
	"testing"

	"github.com/tcpedu/tcpedu/exercises/grading"
	"github.com/tcpedu/tcpedu/tcpedu/seq"
)

// TestExercise grades this exercise with the suite its reference solution
// passes too: ../grading/10-handshake.go.
func TestExercise(t *testing.T) {
	grading.Handshake(t, grading.HandshakeImpl{
		New: func(iss seq.Num) grading.HandshakeConn { return NewConn(iss) },
	})
}
