package main

import (
	"bytes"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPlotList(t *testing.T) {
	status, out, errOut := runCLI(t, "", "plot", "list")
	require.Equal(t, exitOK, status, "stderr: %s", errOut)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	require.Len(t, lines, 9, "a line per kind")
	for i, kind := range []string{"cwnd", "compare", "rounds", "stevens", "rtt", "throughput", "arq", "states", "ladder"} {
		assert.True(t, strings.HasPrefix(lines[i], kind+" "), "line %d: %q", i, lines[i])
	}
}

// TestPlotWrites draws small figures of several kinds, as PNG and SVG.
func TestPlotWrites(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{
		{"rounds", "-o", filepath.Join(dir, "rounds.png")},
		{"rounds", "--cc", "reno", "--ssthresh", "16", "--rounds", "25", "--events", "13:timeout,22:3dup", "--after-3dup", "ssthresh", "-o", filepath.Join(dir, "xie.svg")},
		{"cwnd", "--cc", "tahoe", "--drop", "30", "--bandwidth", "100Mbps", "--duration", "1s", "-o", filepath.Join(dir, "tahoe.png")},
		{"stevens", "--duration", "300ms", "-o", filepath.Join(dir, "stevens.svg")},
		{"stevens", "--sack", "--drop", "30,33,36", "--duration", "400ms", "-o", filepath.Join(dir, "sack.png")},
		{"compare", "--cc", "reno,newreno", "--duration", "1s", "-o", filepath.Join(dir, "compare.png")},
		{"rtt", "--duration", "2s", "-o", filepath.Join(dir, "rtt.png")},
		{"throughput", "--cc", "newreno", "--loss", "0.01,0.05", "--duration", "1s", "--seeds", "1", "-o", filepath.Join(dir, "tput.png")},
		{"arq", "--protocol", "gbn,sr", "--vs", "window", "--window", "4,16", "--loss", "0.05", "--segments", "50", "--seeds", "1", "-o", filepath.Join(dir, "arq.png")},
		{"states", "-o", filepath.Join(dir, "states.svg")},
		{"ladder", "--scenario", "lost-syn", "-o", filepath.Join(dir, "ladder.png")},
	} {
		status, out, errOut := runCLI(t, "", append([]string{"plot"}, args...)...)
		require.Equal(t, exitOK, status, "plot %v: %s", args, errOut)
		name := args[len(args)-1]
		assert.Contains(t, out, "wrote "+name)
		data, err := os.ReadFile(name)
		require.NoError(t, err)
		if strings.HasSuffix(name, ".png") {
			cfg, err := png.DecodeConfig(bytes.NewReader(data))
			require.NoError(t, err, "%s decodes", name)
			assert.Equal(t, 1350, cfg.Width, "%s: 9 in at 150 dpi", name)
		} else {
			assert.True(t, bytes.HasPrefix(data, []byte("<?xml")), "%s is SVG", name)
		}
		st, err := os.Stat(name)
		require.NoError(t, err)
		assert.Equal(t, os.FileMode(0o644), st.Mode().Perm(), "%s can be shared", name)
	}
	entries, _ := os.ReadDir(dir)
	assert.Len(t, entries, 11, "no temporary files left")
}

// TestPlotBadInput: every mistake is one sentence, a non-zero status, and
// no file, new or overwritten.
func TestPlotBadInput(t *testing.T) {
	dir := t.TempDir()
	keep := filepath.Join(dir, "keep.png")
	require.NoError(t, os.WriteFile(keep, []byte("a teacher's own picture"), 0o644))
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"plot"}, "which figure?"},
		{[]string{"plot", "pie", "-o", keep}, `no figure is called "pie"`},
		{[]string{"plot", "--cc", "reno"}, "the kind comes first"},
		{[]string{"plot", "cwnd"}, "-o FILE is required"},
		{[]string{"plot", "cwnd", "-o", filepath.Join(dir, "x.jpg")}, "writes .png or .svg, not .jpg"},
		{[]string{"plot", "cwnd", "-o", filepath.Join(dir, "x")}, "not a name without an extension"},
		{[]string{"plot", "cwnd", "-o", filepath.Join(dir, "no", "such", "x.png")}, "there is no directory"},
		{[]string{"plot", "cwnd", "-o", dir + "/"}, "writes .png or .svg"},
		{[]string{"plot", "cwnd", "--cc", "cubic", "-o", keep}, `no congestion control is called "cubic"`},
		{[]string{"plot", "cwnd", "--loss", "2", "-o", keep}, "probability"},
		{[]string{"plot", "cwnd", "--duration", "0s", "-o", keep}, "positive time"},
		{[]string{"plot", "cwnd", "extra", "-o", keep}, "unexpected argument"},
		{[]string{"plot", "compare", "--cc", "reno,vegas", "-o", keep}, `"vegas"`},
		{[]string{"plot", "compare", "--sack", "-o", keep}, "tahoe"},
		{[]string{"plot", "rounds", "--events", "8:lost", "-o", keep}, "3dup or timeout"},
		{[]string{"plot", "rounds", "--cc", "cubic", "-o", keep}, "tahoe and reno"},
		{[]string{"plot", "throughput", "--loss", "0", "-o", keep}, "between 0 and 1"},
		{[]string{"plot", "arq", "--vs", "time", "-o", keep}, "--vs is loss or window"},
		{[]string{"plot", "arq", "--window", "4,8", "-o", keep}, "give one window"},
		{[]string{"plot", "arq", "--protocol", "tcp", "-o", keep}, "tcp"},
		{[]string{"plot", "ladder", "--scenario", "nope", "-o", keep}, `no scenario is called "nope"`},
		{[]string{"plot", "gallery", "-o", filepath.Join(dir, "nowhere")}, "no such directory"},
	} {
		status, out, errOut := runCLI(t, "", tc.args...)
		assert.NotEqual(t, exitOK, status, "%v succeeded: %s", tc.args, out)
		assertOneSentence(t, errOut)
		assert.Contains(t, errOut, tc.want, "%v", tc.args)
	}
	got, err := os.ReadFile(keep)
	require.NoError(t, err)
	assert.Equal(t, "a teacher's own picture", string(got), "a failed plot leaves the file alone")
	entries, _ := os.ReadDir(dir)
	assert.Len(t, entries, 1, "no file written, no temporary file left")
}

func TestPlotHelp(t *testing.T) {
	status, out, _ := runCLI(t, "", "plot", "--help")
	assert.Equal(t, exitOK, status)
	assert.Contains(t, out, "Usage: tcpedu plot KIND")
	assert.Contains(t, out, "throughput")
	status, out, _ = runCLI(t, "", "plot", "cwnd", "--help")
	assert.Equal(t, exitOK, status)
	for _, flag := range []string{"-cc", "-bandwidth", "-delay", "-queue", "-loss", "-duration", "-seed", "-drop", "-o"} {
		assert.Contains(t, out, flag, "plot cwnd --help")
	}
	status, out, _ = runCLI(t, "", "plot", "arq", "--help")
	assert.Equal(t, exitOK, status)
	for _, flag := range []string{"-protocol", "-window", "-loss", "-vs", "-seeds"} {
		assert.Contains(t, out, flag, "plot arq --help")
	}
}
