package plots

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tcpedu/tcpedu/tcpedu/arq"
)

// TestARQSweep: a point per protocol and loss rate, the model beside the
// runs; against the window, a point per window.
func TestARQSweep(t *testing.T) {
	c := ARQSweepDefault()
	c.Losses = []float64{0, 0.05}
	c.Run.Segments = 100
	c.Seeds = 2
	s, err := RunARQSweep(c)
	require.NoError(t, err)
	require.Len(t, s.Points, 6)
	for _, pt := range s.Points {
		assert.Len(t, pt.Utilizations, 2)
		assert.Equal(t, 32, pt.Window)
	}
	assert.Equal(t, arq.StopAndWait, s.Points[0].Protocol)
	assert.Equal(t, arq.SelectiveRepeat, s.Points[5].Protocol)
	assert.Greater(t, s.Points[5].Mean(), s.Points[3].Mean(), "at 5%% loss Selective Repeat beats Go-Back-N")
	f, err := ARQ(s)
	require.NoError(t, err)
	assert.Equal(t, []string{"Stop-and-wait", "Go-Back-N", "Selective Repeat", "", "marks: runs, mean of 2",
		"lines: model, where each loss", "costs a timeout", "(arq.UtilizationWithLoss)"}, f.Legend())

	c.VsWindow, c.Windows, c.Protocols = true, []int{1, 8, 32}, []arq.Protocol{arq.GoBackN, arq.SACK}
	c.Run.Forward.Loss = 0.02
	s, err = RunARQSweep(c)
	require.NoError(t, err)
	require.Len(t, s.Points, 6)
	assert.Equal(t, 8, s.Points[1].Window)
	assert.Equal(t, 0.02, s.Points[1].Loss)
	f, err = ARQ(s)
	require.NoError(t, err)
	assert.Contains(t, f.Legend(), "SACK (runs only)")
	assert.Equal(t, "window (segments)", f.Panels[0].X.Label.Text)

	_, err = RunARQSweep(ARQSweepConfig{Run: c.Run})
	assert.Error(t, err, "no protocol")
}
