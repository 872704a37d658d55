package session

import (
	"encoding/base64"
	"fmt"
	"reflect"

	"github.com/tcpedu/tcpedu/plots"
)

// A Bundle is one thing to show, in one or more MIME types, the way a
// Jupyter display_data message and a notebook output carry it: the value
// for "image/png" is base64, the others are text.
type Bundle map[string]string

// The MIME types a Bundle uses.
const (
	MIMEPlain    = "text/plain"
	MIMEMarkdown = "text/markdown"
	MIMEPNG      = "image/png"
)

// displayPath is the import path of the display package every session
// preloads. It is provided by the session, not a directory of the module:
// a cell uses it as display.Markdown("…") without importing it.
const displayPath = "tcpedu/display"

// displayExports returns the display package's symbols, bound to this
// session's output:
//
//	display.Markdown(s string)          show s as Markdown
//	display.PNG(png []byte)             show a PNG picture
//	display.Figure(f *plots.Figure)     show a figure (a cell whose last expression is a figure does this itself)
//	display.Text(s string)              show s as plain text
func (s *Session) displayExports() map[string]map[string]reflect.Value {
	return map[string]map[string]reflect.Value{
		displayPath + "/display": {
			"Markdown": reflect.ValueOf(func(md string) { s.show(Bundle{MIMEMarkdown: md, MIMEPlain: md}) }),
			"Text":     reflect.ValueOf(func(text string) { s.show(Bundle{MIMEPlain: text}) }),
			"PNG":      reflect.ValueOf(func(png []byte) { s.show(pngBundle(png, "a PNG picture")) }),
			"Figure":   reflect.ValueOf(func(f *plots.Figure) { s.showFigure(f) }),
		},
	}
}

// pngBundle wraps a PNG picture, with a line of text for front ends that
// cannot show pictures.
func pngBundle(png []byte, alt string) Bundle {
	return Bundle{MIMEPNG: base64.StdEncoding.EncodeToString(png), MIMEPlain: "[" + alt + "]"}
}

// show passes a bundle to the session's Display, or prints its text.
func (s *Session) show(b Bundle) {
	if s.opt.Display != nil {
		s.opt.Display(b)
		return
	}
	if text, ok := b[MIMEPlain]; ok {
		fmt.Fprintln(s.opt.Stdout, text)
	}
}

// showFigure renders a figure as PNG and shows it; a figure that cannot
// be drawn says why on the session's stderr.
func (s *Session) showFigure(f *plots.Figure) {
	if f == nil {
		fmt.Fprintln(s.opt.Stderr, "display: the figure is nil (did the call that made it return an error?)")
		return
	}
	png, err := f.PNG()
	if err != nil {
		fmt.Fprintf(s.opt.Stderr, "display: %v\n", err)
		return
	}
	alt := "figure"
	if f.Title != "" {
		alt = "figure: " + f.Title
	}
	s.show(pngBundle(png, alt))
}
