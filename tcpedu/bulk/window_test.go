package bulk

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A slow reader's window, scaled by 2^10, must never pull its right edge
// back (RFC 9293 §3.8.6): rounded down to a multiple of 1024, it would,
// and the sender would find more in flight than the window allows.
func TestSlowReadersScaledWindowNeverShrinks(t *testing.T) {
	res, err := Run(Config{ReadRate: 250000, RcvWnd: 65536, Duration: 2 * time.Second, Trace: true})
	require.NoError(t, err)
	require.NotEmpty(t, res.Trace)
	over := 0
	for _, s := range res.Trace {
		if s.InFlight > s.SndWnd {
			over++
			if over == 1 {
				t.Logf("first: at %v, %d bytes in flight against SND.WND %d", s.At, s.InFlight, s.SndWnd)
			}
		}
	}
	assert.Zero(t, over, "trace rows with more in flight than the receiver's window (of %d)", len(res.Trace))
}
