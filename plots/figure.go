package plots

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// The size of a figure unless it says otherwise: 9 × 5 inches, close to a
// 16:9 slide, and 150 dots per inch for PNG: 1350 × 750 pixels.
const (
	DefaultWidth  = 9 * vg.Inch
	DefaultHeight = 5 * vg.Inch
	DPI           = 150
)

// Figure is one picture, ready to write as PNG or SVG: a title, a line
// saying what was run, one or more panels stacked one above another with
// their data areas aligned, and a legend to their right, outside the
// data, so that it never hides a curve. The state and ladder diagrams are
// Figures too, drawn directly rather than as panels.
type Figure struct {
	Title    string
	Subtitle string       // what was run: the path, the seed
	Panels   []*plot.Plot // top to bottom, sharing the width
	Width    vg.Length    // 0 means DefaultWidth
	Height   vg.Length    // 0 means DefaultHeight

	legend []legendEntry
	draw   func(c draw.Canvas) // draws the body instead of Panels
}

// Size returns the figure's width and height, defaults filled in.
func (f *Figure) Size() (w, h vg.Length) {
	w, h = f.Width, f.Height
	if w <= 0 {
		w = DefaultWidth
	}
	if h <= 0 {
		h = DefaultHeight
	}
	return w, h
}

// PixelSize returns the size of the figure's PNG, in pixels.
func (f *Figure) PixelSize() (w, h int) {
	fw, fh := f.Size()
	return int(fw.Dots(DPI) + 0.5), int(fh.Dots(DPI) + 0.5)
}

// ErrFormat is returned for a file name whose extension is neither .png
// nor .svg.
var ErrFormat = errors.New("plots: a figure is written as .png or .svg")

// Format returns the format a file name asks for, "png" or "svg", from its
// extension, in any case.
func Format(name string) (string, error) {
	switch ext := strings.ToLower(filepath.Ext(name)); ext {
	case ".png":
		return "png", nil
	case ".svg":
		return "svg", nil
	case "":
		return "", fmt.Errorf("%w: %q has no extension", ErrFormat, name)
	default:
		return "", fmt.Errorf("%w, not %s", ErrFormat, ext)
	}
}

// WritePNG writes the figure as a PNG image at DPI dots per inch. The same
// figure gives the same bytes.
func (f *Figure) WritePNG(w io.Writer) error {
	fw, fh := f.Size()
	c := vgimg.NewWith(vgimg.UseWH(fw, fh), vgimg.UseDPI(DPI))
	f.Draw(draw.New(c))
	if _, err := (vgimg.PngCanvas{Canvas: c}).WriteTo(w); err != nil {
		return fmt.Errorf("plots: write PNG: %w", err)
	}
	return nil
}

// WriteSVG writes the figure as SVG. The text names the Liberation Sans
// face the layout was measured with, and then Arial and Helvetica, whose
// letters are the same widths, so that the picture looks the same where
// Liberation is not installed.
func (f *Figure) WriteSVG(w io.Writer) error {
	fw, fh := f.Size()
	c := vgsvg.New(fw, fh)
	f.Draw(draw.New(c))
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		return fmt.Errorf("plots: write SVG: %w", err)
	}
	out := bytes.ReplaceAll(buf.Bytes(), []byte("font-family:Liberation Sans;"),
		[]byte("font-family:'Liberation Sans',Arial,Helvetica,sans-serif;"))
	if _, err := w.Write(out); err != nil {
		return fmt.Errorf("plots: write SVG: %w", err)
	}
	return nil
}

// Write writes the figure in format, "png" or "svg".
func (f *Figure) Write(w io.Writer, format string) error {
	switch format {
	case "png":
		return f.WritePNG(w)
	case "svg":
		return f.WriteSVG(w)
	}
	return fmt.Errorf("%w, not %q", ErrFormat, format)
}

// PNG returns the figure as PNG bytes: for a notebook to display.
func (f *Figure) PNG() ([]byte, error) {
	var b bytes.Buffer
	err := f.WritePNG(&b)
	return b.Bytes(), err
}

// SVG returns the figure as SVG bytes.
func (f *Figure) SVG() ([]byte, error) {
	var b bytes.Buffer
	err := f.WriteSVG(&b)
	return b.Bytes(), err
}

// Save writes the figure to the file name, as PNG or SVG by its
// extension. It writes a temporary file beside it and renames it into
// place, so that a failure never leaves a half-written picture where the
// old file was.
func (f *Figure) Save(name string) error {
	format, err := Format(name)
	if err != nil {
		return err
	}
	return WriteFileAtomic(name, func(w io.Writer) error { return f.Write(w, format) })
}

// WriteFileAtomic creates name by calling write on a temporary file in
// the same directory and renaming it to name once write and the close
// have succeeded. On failure the temporary file is removed and name is
// left as it was.
func WriteFileAtomic(name string, write func(w io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".*.tmp")
	if err != nil {
		return err
	}
	// CreateTemp makes the file private; a picture is for sharing.
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := write(tmp); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Rename(tmp.Name(), name); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return nil
}

// PNG draws one gonum plot alone as a PNG of w × h at DPI dots per inch:
// for a notebook that builds its own plot.
func PNG(p *plot.Plot, w, h vg.Length) ([]byte, error) {
	c := vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(DPI))
	p.Draw(draw.New(c))
	var b bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: c}).WriteTo(&b); err != nil {
		return nil, fmt.Errorf("plots: write PNG: %w", err)
	}
	return b.Bytes(), nil
}

// margin is the white space round the whole figure.
const margin = 10 // points

// Draw draws the figure on c: the title and subtitle at the top, the
// legend down the right-hand side, and the panels (or the drawn body) in
// what is left.
func (f *Figure) Draw(c draw.Canvas) {
	c.SetColor(whiteColor)
	c.Fill(c.Rectangle.Path())
	body := draw.Crop(c, margin, -margin, margin, -margin)
	if f.Title != "" {
		sty := textStyle(sansBold(titleSize), black)
		sty.XAlign, sty.YAlign = draw.XCenter, draw.YTop
		body.FillText(sty, vg.Point{X: (body.Min.X + body.Max.X) / 2, Y: body.Max.Y}, f.Title)
		body.Max.Y -= sty.Height(f.Title) + 3
	}
	if f.Subtitle != "" {
		sty := textStyle(sans(subtitleSize), grey)
		sty.XAlign, sty.YAlign = draw.XCenter, draw.YTop
		for _, l := range wrap(sty, f.Subtitle, body.Max.X-body.Min.X) {
			body.FillText(sty, vg.Point{X: (body.Min.X + body.Max.X) / 2, Y: body.Max.Y}, l)
			body.Max.Y -= sty.Height(l) + 1
		}
		body.Max.Y -= 5
	}
	if len(f.legend) > 0 {
		lw := legendWidth(f.legend)
		lc := body
		lc.Min.X = body.Max.X - lw
		drawLegend(lc, f.legend)
		body.Max.X -= lw + 12
	}
	if f.draw != nil {
		f.draw(body)
		return
	}
	if len(f.Panels) == 0 {
		return
	}
	grid := make([][]*plot.Plot, len(f.Panels))
	for i, p := range f.Panels {
		grid[i] = []*plot.Plot{p}
	}
	tiles := draw.Tiles{Rows: len(f.Panels), Cols: 1, PadY: 8}
	canvases := plot.Align(grid, tiles, body)
	for i, p := range f.Panels {
		p.Draw(canvases[i][0])
	}
}

// wrap breaks s into lines no wider than width: after its semicolons and
// commas where it can, so that no phrase is split, else between words.
func wrap(sty draw.TextStyle, s string, width vg.Length) []string {
	if sty.Width(s) <= width {
		return []string{s}
	}
	var chunks []string
	for _, part := range strings.SplitAfter(s, "; ") {
		for _, c := range strings.SplitAfter(part, ", ") {
			if sty.Width(c) > width {
				chunks = append(chunks, strings.SplitAfter(c, " ")...)
			} else {
				chunks = append(chunks, c)
			}
		}
	}
	var lines []string
	cur := ""
	for _, c := range chunks {
		if cur != "" && sty.Width(strings.TrimSpace(cur+c)) > width {
			lines = append(lines, strings.TrimSpace(cur))
			cur = ""
		}
		cur += c
	}
	if strings.TrimSpace(cur) != "" {
		lines = append(lines, strings.TrimSpace(cur))
	}
	return lines
}
