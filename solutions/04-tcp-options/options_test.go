package tcpoptions

import (
	"testing"

	"github.com/tcpedu/tcpedu/exercises/grading"
)

// TestExercise grades this exercise with the suite its reference solution
// passes too: ../grading/04-tcp-options.go.
func TestExercise(t *testing.T) {
	grading.TCPOptions(t, grading.TCPOptionsImpl{ParseOptions: ParseOptions, AppendOptions: AppendOptions, ScaledWindow: ScaledWindow})
}
