package pseudoheader

import (
	"testing"

	"github.com/tcpedu/tcpedu/exercises/grading"
)

// TestExercise grades this exercise with the suite its reference solution
// passes too: ../grading/02-pseudo-header.go.
func TestExercise(t *testing.T) {
	grading.PseudoHeader(t, grading.PseudoHeaderImpl{
		PseudoHeaderIPv4:  PseudoHeaderIPv4,
		PseudoHeaderIPv6:  PseudoHeaderIPv6,
		TransportChecksum: TransportChecksum,
		VerifyTransport:   VerifyTransport,
	})
}
