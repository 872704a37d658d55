package sackblocks

import (
	"testing"

	"github.com/tcpedu/tcpedu/exercises/grading"
	"github.com/tcpedu/tcpedu/tcpedu/seq"
)

// TestExercise grades this exercise with the suite its reference solution
// passes too: ../grading/09-sack-blocks.go.
func TestExercise(t *testing.T) {
	grading.SACKBlocks(t, grading.SACKBlocksImpl{
		NewReceiver: func(rcvNxt seq.Num) grading.SACKBlockReceiver { return NewReceiver(rcvNxt) },
	})
}
