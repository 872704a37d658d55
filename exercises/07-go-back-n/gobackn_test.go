package gobackn

import (
	"testing"

	"github.com/tcpedu/tcpedu/exercises/grading"
)

// TestExercise grades this exercise with the suite its reference solution
// passes too: ../grading/07-go-back-n.go.
func TestExercise(t *testing.T) {
	grading.GoBackN(t, grading.GoBackNImpl{NewSender: NewSender})
}
