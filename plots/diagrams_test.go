package plots

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tcpedu/tcpedu/tcpedu/scenario"
	"github.com/tcpedu/tcpedu/tcpedu/tcp"
)

// TestStatesFromTheTable: the figure draws tcp.Layout, which has an arrow
// for each row of tcp.Transitions that the RFC figure shows, and a box
// for each of the eleven states (CLOSED twice).
func TestStatesFromTheTable(t *testing.T) {
	l := tcp.Layout()
	rows := 0
	for _, tr := range tcp.Transitions {
		if tr.Figure {
			rows++
		}
	}
	assert.Len(t, l.Arrows, rows, "an arrow per figure row")
	assert.Len(t, l.Boxes, tcp.NumStates+1, "a box per state, CLOSED twice")
	f := States()
	w, h := f.PixelSize()
	assert.Equal(t, [2]int{1350, 1500}, [2]int{w, h})
}

// TestLadderRows: rows in time order, one delay (50 ms) per unit, and the
// long waits cut to 1.5 units with their length kept.
func TestLadderRows(t *testing.T) {
	res, err := scenario.Run(LadderDefault, 1)
	require.NoError(t, err)
	rows := LadderRows(res)
	require.NotEmpty(t, rows)
	assert.Equal(t, 0.0, rows[0].Y)
	var gaps []time.Duration
	for i := 1; i < len(rows); i++ {
		assert.Greater(t, rows[i].At, rows[i-1].At, "rows in time order")
		dy := rows[i].Y - rows[i-1].Y
		if rows[i].Gap > 0 {
			gaps = append(gaps, rows[i].Gap)
			assert.Equal(t, 1.5, dy, "a long wait is drawn 1.5 delays long")
		} else {
			assert.InDelta(t, float64(rows[i].At-rows[i-1].At)/float64(50*time.Millisecond), dy, 1e-9, "to scale")
		}
	}
	assert.Contains(t, gaps, 59950*time.Millisecond, "TIME-WAIT's 2MSL, less the 50 ms already drawn")
	assert.Contains(t, gaps, 950*time.Millisecond, "the server's retransmission timer")
}

func TestSegmentLabel(t *testing.T) {
	res, err := scenario.Run("handshake", 1)
	require.NoError(t, err)
	var got []string
	for _, s := range res.Segments {
		got = append(got, SegmentLabel(s))
	}
	assert.Equal(t, []string{"SYN seq=0", "SYN,ACK seq=0 ack=1", "ACK seq=1 ack=1"}, got[:3])
	f, err := Ladder(res)
	require.NoError(t, err)
	assert.Equal(t, "The three-way handshake", f.Title)
	_, err = Ladder(&scenario.Result{})
	assert.Error(t, err)
}
