package plots

import (
	"bytes"
	"errors"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/plot/vg"

	"github.com/tcpedu/tcpedu/tcpedu/bulk"
	"github.com/tcpedu/tcpedu/tcpedu/cc"
	"github.com/tcpedu/tcpedu/tcpedu/scenario"
)

func TestFormat(t *testing.T) {
	for name, want := range map[string]string{"a.png": "png", "b.SVG": "svg", "dir/c.Png": "png"} {
		got, err := Format(name)
		assert.NoError(t, err, "Format(%q)", name)
		assert.Equal(t, want, got, "Format(%q)", name)
	}
	for _, name := range []string{"a.jpg", "a", "a.pdf"} {
		_, err := Format(name)
		assert.ErrorIs(t, err, ErrFormat, "Format(%q)", name)
	}
}

// smallFigures draws every kind from short runs: what the smoke tests
// render.
func smallFigures(t *testing.T) map[string]*Figure {
	t.Helper()
	figs := map[string]*Figure{}
	add := func(kind string, f *Figure, err error) {
		t.Helper()
		require.NoError(t, err, kind)
		figs[kind] = f
	}
	short := scripted("newreno", time.Second, 30)
	res := run(t, short)
	f, err := Cwnd(res)
	add("cwnd", f, err)
	f, err = Stevens(res)
	add("stevens", f, err)
	f, err = RTT(res)
	add("rtt", f, err)
	rs, err := RunCompare(short, []string{"tahoe", "reno"})
	require.NoError(t, err)
	f, err = Compare(rs)
	add("compare", f, err)
	rc, vs := RoundsDefault()
	f, err = Rounds(rc, vs)
	add("rounds", f, err)
	s, err := RunSweep(SweepConfig{Run: bulk.Config{Bandwidth: 10e6, Queue: 1000, Duration: time.Second}, Losses: []float64{0.01, 0.1}})
	require.NoError(t, err)
	f, err = Throughput(s)
	add("throughput", f, err)
	ac := ARQSweepDefault()
	ac.Losses, ac.Seeds, ac.Run.Segments = []float64{0, 0.1}, 1, 50
	as, err := RunARQSweep(ac)
	require.NoError(t, err)
	f, err = ARQ(as)
	add("arq", f, err)
	add("states", States(), nil)
	sr, err := scenario.Run("handshake", 1)
	require.NoError(t, err)
	f, err = Ladder(sr)
	add("ladder", f, err)
	require.Len(t, figs, len(Kinds), "a figure of every kind")
	return figs
}

// TestSmoke renders every kind as PNG and as SVG: a PNG of the size the
// figure says, and an SVG of the same size in points that names a
// fallback font.
func TestSmoke(t *testing.T) {
	for kind, f := range smallFigures(t) {
		b, err := f.PNG()
		require.NoError(t, err, "%s: PNG", kind)
		img, err := png.Decode(bytes.NewReader(b))
		require.NoError(t, err, "%s: the PNG decodes", kind)
		w, h := f.PixelSize()
		assert.Equal(t, [2]int{w, h}, [2]int{img.Bounds().Dx(), img.Bounds().Dy()}, "%s: PNG size", kind)
		assert.Greater(t, len(b), 20000, "%s: a PNG with something in it", kind)
		fw, fh := f.Size()
		assert.Equal(t, float64(fw/vg.Inch*DPI), float64(w), "%s: PNG width = inches × DPI", kind)

		svg, err := f.SVG()
		require.NoError(t, err, "%s: SVG", kind)
		s := string(svg)
		assert.True(t, strings.HasPrefix(s, "<?xml"), "%s: SVG", kind)
		assert.Contains(t, s, `width="`+trimFloat(fw.Points())+`pt"`, "%s: SVG width", kind)
		assert.Contains(t, s, `height="`+trimFloat(fh.Points())+`pt"`, "%s: SVG height", kind)
		assert.Contains(t, s, "font-family:'Liberation Sans',Arial,Helvetica,sans-serif;", "%s: fallback fonts", kind)
		assert.NotContains(t, s, "font-family:Liberation Serif", "%s: one face throughout", kind)
		assert.Greater(t, strings.Count(s, "<text"), 10, "%s: labelled", kind)
	}
}

// trimFloat writes f as vgsvg writes a size: five significant digits.
func trimFloat(f float64) string { return strconv.FormatFloat(f, 'g', 5, 64) }

// TestDeterministic: the same runs give the same PNG, byte for byte.
func TestDeterministic(t *testing.T) {
	draw := func() []byte {
		res := run(t, scripted("reno", time.Second, 30, 33))
		f, err := Cwnd(res)
		require.NoError(t, err)
		b, err := f.PNG()
		require.NoError(t, err)
		return b
	}
	assert.True(t, bytes.Equal(draw(), draw()), "two PNGs of the same run differ")
	c, vs := RoundsDefault()
	a, _ := Rounds(c, vs)
	b, _ := Rounds(c, vs)
	sa, _ := a.SVG()
	sb, _ := b.SVG()
	assert.Equal(t, string(sa), string(sb), "two SVGs of the same figure differ")
}

// TestSaveIsAtomic: a failed save leaves the old file as it was and no
// temporary file behind; a good one replaces it.
func TestSaveIsAtomic(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "fig.png")
	require.NoError(t, os.WriteFile(name, []byte("the teacher's own file"), 0o644))
	err := WriteFileAtomic(name, func(w io.Writer) error {
		w.Write([]byte("half a picture"))
		return errors.New("disk full")
	})
	require.Error(t, err)
	got, _ := os.ReadFile(name)
	assert.Equal(t, "the teacher's own file", string(got), "a failed write leaves the file alone")
	entries, _ := os.ReadDir(dir)
	assert.Len(t, entries, 1, "no temporary file left")

	f, err := Rounds(cc.RoundsConfig{Ssthresh: 4, Rounds: 6}, []cc.Variant{cc.TahoeRounds})
	require.NoError(t, err)
	require.NoError(t, f.Save(name))
	got, _ = os.ReadFile(name)
	assert.True(t, bytes.HasPrefix(got, []byte("\x89PNG")), "replaced by the PNG")
	assert.ErrorIs(t, f.Save(filepath.Join(dir, "fig.gif")), ErrFormat)
	assert.Error(t, f.Save(filepath.Join(dir, "no", "such", "dir.png")))
	entries, _ = os.ReadDir(dir)
	assert.Len(t, entries, 1)
}

func TestWrap(t *testing.T) {
	sty := textStyle(sans(subtitleSize), grey)
	lines := wrap(sty, "initial cwnd 1, ssthresh 16 segments; timeout at the end of round 13, 3 dup ACKs at the end of round 22", 300)
	assert.Greater(t, len(lines), 1)
	for _, l := range lines {
		assert.LessOrEqual(t, float64(sty.Width(l)), 300.0, "line %q fits", l)
		assert.False(t, strings.HasSuffix(l, " 3"), "line %q does not end inside a phrase", l)
	}
	assert.Equal(t, []string{"short"}, wrap(sty, "short", 300))
}
