package plots

import (
	"image/color"

	stdfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// The look every figure shares: one sans-serif face, sizes that stay
// legible on a projected slide, and one palette (Okabe and Ito's, which
// readers with any common colour-vision deficiency can tell apart).

// Type sizes, in points.
const (
	titleSize    = 16
	subtitleSize = 11
	labelSize    = 13
	tickSize     = 11
	legendSize   = 11
	noteSize     = 10
)

// The palette.
var (
	black     = color.RGBA{0x00, 0x00, 0x00, 0xff}
	grey      = color.RGBA{0x55, 0x55, 0x55, 0xff}
	lightGrey = color.RGBA{0xbb, 0xbb, 0xbb, 0xff}
	blue      = color.RGBA{0x00, 0x72, 0xb2, 0xff}
	vermilion = color.RGBA{0xd5, 0x5e, 0x00, 0xff}
	green     = color.RGBA{0x00, 0x9e, 0x73, 0xff}
	orange    = color.RGBA{0xe6, 0x9f, 0x00, 0xff}
	skyBlue   = color.RGBA{0x56, 0xb4, 0xe9, 0xff}
	purple    = color.RGBA{0xcc, 0x79, 0xa7, 0xff}
	darkRed   = color.RGBA{0xb2, 0x18, 0x2b, 0xff}
)

// seriesColors colours the series of a figure that compares several
// (variants, protocols), in order.
var seriesColors = []color.Color{blue, vermilion, green, purple, orange, skyBlue, black}

// seriesColor returns the colour of series i.
func seriesColor(i int) color.Color { return seriesColors[i%len(seriesColors)] }

// seriesGlyphs gives each series a marker shape as well as a colour, so
// that a figure printed in grey still tells them apart.
var seriesGlyphs = []draw.GlyphDrawer{draw.CircleGlyph{}, draw.SquareGlyph{}, draw.TriangleGlyph{}, draw.PyramidGlyph{}, draw.RingGlyph{}, draw.BoxGlyph{}}

func seriesGlyph(i int) draw.GlyphDrawer { return seriesGlyphs[i%len(seriesGlyphs)] }

// sans returns the sans-serif face at size points.
func sans(size vg.Length) font.Font {
	return font.Font{Typeface: "Liberation", Variant: "Sans", Size: size}
}

// sansBold returns the bold sans-serif face at size points.
func sansBold(size vg.Length) font.Font {
	f := sans(size)
	f.Weight = stdfont.WeightBold
	return f
}

// textStyle returns a text style in the figures' face.
func textStyle(f font.Font, c color.Color) text.Style {
	return text.Style{Color: c, Font: f, Handler: plot.DefaultTextHandler, XAlign: draw.XLeft, YAlign: draw.YBottom}
}

// newPlot returns a panel with the figures' fonts and the axis labels
// given (each with its unit), grid lines, and no title of its own: the
// figure carries the title.
func newPlot(xLabel, yLabel string) *plot.Plot {
	p := plot.New()
	p.X.Label.Text, p.Y.Label.Text = xLabel, yLabel
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = sans(labelSize)
		a.Tick.Label.Font = sans(tickSize)
		a.Label.Padding = vg.Points(4)
		a.Padding = 0
	}
	p.Legend.TextStyle.Font = sans(legendSize)
	p.Title.TextStyle.Font = sansBold(labelSize)
	return p
}

// line returns a line style.
func line(c color.Color, width vg.Length, dashes ...vg.Length) draw.LineStyle {
	return draw.LineStyle{Color: c, Width: width, Dashes: dashes}
}

// Dash patterns: ssthresh is dashed, as textbooks draw it; a bound
// (rwnd, a link's capacity) dotted.
var (
	dashed = []vg.Length{vg.Points(6), vg.Points(3)}
	dotted = []vg.Length{vg.Points(2), vg.Points(2)}
)
