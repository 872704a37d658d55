package plots

import (
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// A figure's legend stands to the right of its panels, outside the data
// area: gonum's own legend is drawn inside it, where it can hide the very
// curve a student is asked to read.

// legendEntry is one line of the legend: a sample of the style (drawn by
// thumbs, in order) and what it stands for. An entry with no thumbs is a
// heading.
type legendEntry struct {
	text   string
	thumbs []plot.Thumbnailer
}

// addLegend appends an entry to the figure's legend.
func (f *Figure) addLegend(text string, thumbs ...plot.Thumbnailer) {
	f.legend = append(f.legend, legendEntry{text: text, thumbs: thumbs})
}

// Legend returns the texts of the figure's legend, top to bottom.
func (f *Figure) Legend() []string {
	out := make([]string, len(f.legend))
	for i, e := range f.legend {
		out[i] = e.text
	}
	return out
}

// The legend's geometry, in points.
const (
	thumbWidth = 24
	thumbGap   = 6
	entryGap   = 5
)

func legendTextStyle() draw.TextStyle { return textStyle(sans(legendSize), black) }

// legendWidth returns the width the legend needs.
func legendWidth(entries []legendEntry) vg.Length {
	sty := legendTextStyle()
	var w vg.Length
	for _, e := range entries {
		tw := sty.Width(e.text)
		if len(e.thumbs) > 0 {
			tw += thumbWidth + thumbGap
		}
		if tw > w {
			w = tw
		}
	}
	return w
}

// drawLegend draws entries down the canvas c from its top left.
func drawLegend(c draw.Canvas, entries []legendEntry) {
	sty := legendTextStyle()
	h := sty.Height("Mg")
	y := c.Max.Y - 24 // level with the top of the data area, below its top tick label
	for _, e := range entries {
		x := c.Min.X
		if len(e.thumbs) > 0 {
			icon := draw.Canvas{Canvas: c.Canvas, Rectangle: vg.Rectangle{
				Min: vg.Point{X: x, Y: y - h}, Max: vg.Point{X: x + thumbWidth, Y: y}}}
			for _, t := range e.thumbs {
				t.Thumbnail(&icon)
			}
			x += thumbWidth + thumbGap
			sty.Color = black
		} else {
			sty.Color = grey
		}
		c.FillText(sty, vg.Point{X: x, Y: y - h + sty.FontExtents().Descent}, e.text)
		y -= h + entryGap
	}
}

// lineThumb draws a legend sample of a line style.
type lineThumb struct{ style draw.LineStyle }

func (t lineThumb) Thumbnail(c *draw.Canvas) {
	y := (c.Min.Y + c.Max.Y) / 2
	c.StrokeLine2(t.style, c.Min.X, y, c.Max.X, y)
}

// glyphThumb draws a legend sample of a marker.
type glyphThumb struct{ style draw.GlyphStyle }

func (t glyphThumb) Thumbnail(c *draw.Canvas) {
	c.DrawGlyphNoClip(t.style, c.Center())
}

// boxThumb draws a legend sample of a shaded area.
type boxThumb struct{ fill color.Color }

func (t boxThumb) Thumbnail(c *draw.Canvas) {
	r := c.Rectangle
	r.Min.Y += 1
	r.Max.Y -= 1
	c.FillPolygon(t.fill, []vg.Point{r.Min, {X: r.Max.X, Y: r.Min.Y}, r.Max, {X: r.Min.X, Y: r.Max.Y}})
}
