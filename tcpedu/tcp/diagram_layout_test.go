package tcp

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestLayoutIsWriteSVGs: Layout gives the boxes and arrows WriteSVG draws,
// an arrow per figure row, in table order.
func TestLayoutIsWriteSVGs(t *testing.T) {
	l := Layout()
	rows := figureRows(Transitions)
	assert.Len(t, l.Arrows, len(rows))
	for i, a := range l.Arrows {
		assert.Equal(t, rows[i], a.Row, "arrow %d", i)
		assert.GreaterOrEqual(t, len(a.Points), 2, "arrow %d has a line", i)
	}
	assert.Equal(t, float64(svgWidth), l.Width)
	assert.Equal(t, diagramTitle, l.Title)
}

func ExampleLayout() {
	l := Layout()
	a := l.Arrows[0]
	fmt.Printf("%d boxes, %d arrows; the first: %s to %s, %q over %q\n", len(l.Boxes), len(l.Arrows), a.Row.From, a.Row.To, a.Event, a.Send)
	// Output:
	// 12 boxes, 20 arrows; the first: CLOSED to LISTEN, "passive OPEN" over "x"
}
