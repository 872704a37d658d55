package rto

import (
	"testing"
	"time"

	"github.com/tcpedu/tcpedu/exercises/grading"
)

// TestExercise grades this exercise with the suite its reference solution
// passes too: ../grading/13-rto.go.
func TestExercise(t *testing.T) {
	grading.RTO(t, grading.RTOImpl{
		New: func(minRTO, maxRTO, g time.Duration) grading.RTOEstimator {
			return NewEstimator(minRTO, maxRTO, g)
		},
	})
}
