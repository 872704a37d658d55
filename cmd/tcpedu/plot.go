package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"gonum.org/v1/plot/vg"

	"github.com/tcpedu/tcpedu/plots"
)

const plotUsage = `Usage: tcpedu plot KIND [flags] -o FILE.png|FILE.svg
       tcpedu plot list
       tcpedu plot gallery [-o DIR]

Draws the figures that explain TCP, as PNG (150 dpi) or SVG, by the
file's extension. Every kind draws something meaningful with -o alone;
its flags are those of sim, rounds and arq. 'tcpedu plot KIND --help'
lists a kind's flags.

  tcpedu plot cwnd -o cwnd.png                       cwnd and ssthresh, phases, losses
  tcpedu plot cwnd --cc tahoe --drop 30 --duration 2s -o tahoe.svg
  tcpedu plot compare --drop 0 --loss 0.01 -o c.png  Tahoe, Reno, NewReno under random loss
  tcpedu plot rounds --cc reno --ssthresh 16 --events 13:timeout,22:3dup --rounds 25 -o r.png
  tcpedu plot stevens -o stevens.png                 the time-sequence graph
  tcpedu plot throughput -o mathis.png               goodput against loss, with the Mathis curve
  tcpedu plot arq --vs window --loss 0.02 -o arq.png
  tcpedu plot ladder --scenario lost-syn -o lost-syn.svg
  tcpedu plot gallery                                every kind into plots/gallery

`

func runPlot(e *env, args []string) error {
	if len(args) == 0 {
		return usagef("which figure? the kinds are %s (tcpedu plot list says what each shows)", plots.KindNames())
	}
	kind := args[0]
	switch kind {
	case "-h", "--help", "-help", "help":
		fmt.Fprint(e.stdout, plotUsage)
		return listKinds(e.stdout)
	case "list":
		if len(args) > 1 {
			return usagef("plot list takes no arguments, got %q", args[1])
		}
		return listKinds(e.stdout)
	case "gallery":
		return runGallery(e, args[1:])
	}
	if strings.HasPrefix(kind, "-") {
		return usagef("the kind comes first: tcpedu plot KIND [flags] -o FILE (the kinds are %s)", plots.KindNames())
	}
	if _, ok := plots.FindKind(kind); !ok {
		return usagef("no figure is called %q; the kinds are %s", kind, plots.KindNames())
	}
	return runPlotKind(e, kind, args[1:])
}

// listKinds prints each kind and what it shows.
func listKinds(w io.Writer) error {
	for _, k := range plots.Kinds {
		if _, err := fmt.Fprintf(w, "%-11s %s\n", k.Name, k.Summary); err != nil {
			return err
		}
	}
	return nil
}

// runPlotKind parses a kind's flags, draws the figure and writes it.
func runPlotKind(e *env, kind string, args []string) error {
	fs := flag.NewFlagSet("plot "+kind, flag.ContinueOnError)
	var out string
	fs.StringVar(&out, "o", "", "write the figure to `FILE`: .png or .svg")
	draw := plotFlags(kind, fs)
	usage := fmt.Sprintf("Usage: tcpedu plot %s [flags] -o FILE.png|FILE.svg\n\n%s.\n\nFlags:\n", kind, kindSummary(kind))
	rest, err := parseFlags(fs, args, usage, e.stdout)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usagef("unexpected argument %q: plot %s takes only flags", rest[0], kind)
	}
	if out == "" {
		return usagef("-o FILE is required: where to write the figure, as .png or .svg")
	}
	format, err := plots.Format(out)
	if err != nil {
		return usagef("-o %s: tcpedu plot writes .png or .svg, not %s", out, extOf(out))
	}
	tmp, err := createBeside(out)
	if err != nil {
		return err
	}
	f, err := draw(e)
	if err == nil {
		err = f.Write(tmp, format)
	}
	if err := finish(tmp, out, err); err != nil {
		return err
	}
	w, h := f.Size()
	if format == "png" {
		pw, ph := f.PixelSize()
		fmt.Fprintf(e.stdout, "wrote %s: %d × %d pixels (%.3g × %.3g in at %d dpi)\n", out, pw, ph, float64(w/vg.Inch), float64(h/vg.Inch), plots.DPI)
	} else {
		fmt.Fprintf(e.stdout, "wrote %s: %.3g × %.3g in\n", out, float64(w/vg.Inch), float64(h/vg.Inch))
	}
	return nil
}

// kindSummary returns a kind's one-line description, capitalised.
func kindSummary(kind string) string {
	k, _ := plots.FindKind(kind)
	return strings.ToUpper(k.Summary[:1]) + k.Summary[1:]
}

// extOf returns a file name's extension for a message: ".jpg", or "a
// name without one".
func extOf(name string) string {
	if ext := filepath.Ext(name); ext != "" {
		return ext
	}
	return "a name without an extension"
}

// createBeside opens a temporary file in the directory of name, so that
// the figure can be renamed into place once it is whole; a path that
// cannot be written fails here, before any simulation runs.
func createBeside(name string) (*os.File, error) {
	if st, err := os.Stat(name); err == nil && st.IsDir() {
		return nil, fmt.Errorf("cannot write %s: it is a directory", name)
	}
	dir := filepath.Dir(name)
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return nil, fmt.Errorf("cannot write %s: there is no directory %s", name, dir)
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(name)+".*.tmp")
	if err != nil {
		return nil, fmt.Errorf("cannot write %s: %v", name, pathReason(err))
	}
	// CreateTemp makes the file private; a picture is for sharing.
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return nil, fmt.Errorf("cannot write %s: %v", name, pathReason(err))
	}
	return tmp, nil
}

// finish closes tmp and renames it to name if err is nil, and removes it
// otherwise: a failed figure never replaces a file.
func finish(tmp *os.File, name string, err error) error {
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		if err = os.Rename(tmp.Name(), name); err != nil {
			err = fmt.Errorf("cannot write %s: %v", name, pathReason(err))
		}
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}

// pathReason returns why a file operation failed, without the path (which
// may be a temporary name): "permission denied".
func pathReason(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}

const galleryUsage = `Usage: tcpedu plot gallery [-o DIR]

Draws every kind's default figure into DIR (default plots/gallery) as
KIND.png: the pictures README.md and docs/05-plots.md show. The same seeds
give the same bytes. go generate ./plots/... runs this.

Flags:
`

func runGallery(e *env, args []string) error {
	fs := flag.NewFlagSet("plot gallery", flag.ContinueOnError)
	var dir string
	fs.StringVar(&dir, "o", filepath.Join("plots", "gallery"), "the `DIR`ectory to write into")
	rest, err := parseFlags(fs, args, galleryUsage, e.stdout)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usagef("unexpected argument %q: plot gallery takes only -o DIR", rest[0])
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return fmt.Errorf("cannot write the gallery into %s: there is no such directory", dir)
	}
	return plots.Gallery(dir, e.stdout, sweepProgress(e))
}

// sweepProgress returns a progress reporter for a sweep, or nil when
// stderr is not a terminal: progress never goes into a file or a pipe.
func sweepProgress(e *env) func(done, total int) {
	if !isTerminal(e.stderr) {
		return nil
	}
	return func(done, total int) {
		fmt.Fprintf(e.stderr, "\rsimulating: %d of %d runs", done, total)
		if done == total {
			fmt.Fprint(e.stderr, "\r\033[K")
		}
	}
}
