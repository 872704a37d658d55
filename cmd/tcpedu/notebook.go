package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"os/signal"
	"path/filepath"
	"time"

	"github.com/tcpedu/tcpedu/cmd/tcpedu/internal/notebook"
)

const notebookUsage = `Usage: tcpedu notebook run [--timeout D] [--check] FILE.ipynb…

Runs Jupyter notebooks headless, no Jupyter needed: each notebook's Go
cells run in order in one yaegi interpreter with tcpedu preloaded (as in
tcpedu repl), and each cell's outputs (text, pictures, errors) are
written back into the file, as Jupyter would save them.

A cell that fails stops its notebook: the cell keeps its error as its
output, the cells after it keep what they had, and the file is written
whole (through a temporary file) or not at all. A cell tagged
raises-exception may fail: it is there to show an error. Ctrl-C stops
the running cell.

--check runs the notebooks without writing them, and fails if a file's
saved outputs differ from what its cells print now (CI uses it to keep
the committed notebooks current).

Exit status 0 when every notebook ran, 1 otherwise.

Flags:
`

// notebookCellTimeout is how long one cell may run unless --timeout says.
const notebookCellTimeout = 2 * time.Minute

// runNotebook is tcpedu notebook.
func runNotebook(e *env, args []string) error {
	fs := flag.NewFlagSet("notebook", flag.ContinueOnError)
	timeout := fs.Duration("timeout", notebookCellTimeout, "the longest one cell may run (0: no limit)")
	check := fs.Bool("check", false, "run without writing, and fail if the saved outputs are stale")
	rest, err := parseFlags(fs, args, notebookUsage, e.stdout)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	if len(rest) == 0 || rest[0] != "run" {
		return usagef("say what to do: tcpedu notebook run FILE.ipynb…")
	}
	files := rest[1:]
	if len(files) == 0 {
		return usagef("name the notebooks to run, as in tcpedu notebook run notebooks/*.ipynb")
	}
	if *timeout < 0 {
		return usagef("--timeout must not be negative")
	}
	// yaegi reports some of its own failures through the log package,
	// which the session explains better; tcpedu itself does not log.
	log.SetOutput(io.Discard)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()

	failed := 0
	for _, name := range files {
		if err := runOneNotebook(ctx, e, name, *timeout, *check); err != nil {
			fmt.Fprintf(e.stderr, "tcpedu notebook: %v\n", err)
			failed++
		}
		if ctx.Err() != nil {
			break
		}
	}
	if failed > 0 {
		return fmt.Errorf("%d of %s failed", failed, plural(len(files), "notebook"))
	}
	return nil
}

// runOneNotebook runs one file and writes it back (or, with check,
// compares it), saying what happened on e.stdout.
func runOneNotebook(ctx context.Context, e *env, name string, timeout time.Duration, check bool) error {
	nb, err := notebook.ReadFile(name)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("%s: no such file", name)
		}
		return err
	}
	before, err := os.ReadFile(name)
	if err != nil {
		return err
	}
	start := time.Now()
	cells := 0
	runErr := notebook.Run(ctx, nb, notebook.Options{Timeout: timeout, OnCell: func(int) { cells++ }})
	took := time.Since(start).Round(10 * time.Millisecond)
	var ce *notebook.CellError
	if runErr != nil && !errors.As(runErr, &ce) {
		return fmt.Errorf("%s: %v", name, runErr)
	}
	if check {
		if runErr != nil {
			return fmt.Errorf("%s: %v", name, runErr)
		}
		after, err := nb.Marshal()
		if err != nil {
			return err
		}
		if !bytes.Equal(before, after) {
			return fmt.Errorf("%s: the saved outputs are not what the cells print now; run tcpedu notebook run %s and commit it",
				name, filepath.ToSlash(name))
		}
		fmt.Fprintf(e.stdout, "%s: up to date (%s, %v)\n", name, plural(cells, "code cell"), took)
		return nil
	}
	if err := nb.WriteFile(name); err != nil {
		return fmt.Errorf("%s: write: %v", name, err)
	}
	if runErr != nil {
		return fmt.Errorf("%s: %v (its error is saved as the cell's output)", name, runErr)
	}
	fmt.Fprintf(e.stdout, "%s: ran %s in %v\n", name, plural(cells, "code cell"), took)
	return nil
}
