package arq

import (
	"io"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestWriteLadderOfARunWithoutATraceIsAnError(t *testing.T) {
	res, err := Run(Config{Protocol: StopAndWait, Segments: 2})
	if !assert.NoError(t, err) {
		return
	}
	assert.Nil(t, res.Trace, "Config.Trace was not set")
	assert.EqualError(t, res.Trace.WriteLadder(io.Discard), "arq: no trace to draw: set Config.Trace before the run")
}
