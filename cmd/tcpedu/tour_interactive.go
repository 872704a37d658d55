package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/tcpedu/tcpedu/cmd/tcpedu/internal/capture"
	"github.com/tcpedu/tcpedu/cmd/tcpedu/internal/notebook"
	"github.com/tcpedu/tcpedu/cmd/tcpedu/internal/session"
)

// tourLines is what the interactive stop types into a REPL session: a
// connection stepped by hand, then a loop yaegi v0.16 cannot run.
var tourLines = []string{
	"st := scenario.NewStage(1)",
	"st.Listen(func(c *tcp.Endpoint) {})",
	"c := st.Connect()",
	"c.State()",
	"st.Sim.RunFor(100 * time.Millisecond)",
	"c.State()",
	"c.SndNxt().Sub(c.ISS())",
	"for i := range 3 { fmt.Println(i) }",
}

// tourInteractive is the stop for interactive study: a REPL session run
// for real, then where the notebooks are and how to open them.
func tourInteractive(w io.Writer, _ []capture.Frame) error {
	fmt.Fprint(w, `The model also runs under an interpreter (yaegi), so you can poke at it a
line at a time. 'tcpedu repl' is a Go prompt with every package preloaded;
here is a session, run just now:

`)
	s, err := session.New(session.Options{Stdout: indent{w}, Stderr: indent{w}})
	if err != nil {
		return err
	}
	for _, line := range tourLines {
		fmt.Fprintf(w, "    > %s\n", line)
		res, err := s.Eval(context.Background(), line)
		switch {
		case err != nil:
			fmt.Fprintf(w, "    %s\n", describeEvalError(err, false))
		case res.Value != nil:
			fmt.Fprintf(w, "    %s\n", res.Value[session.MIMEPlain])
		}
	}
	fmt.Fprint(w, `
The SYN left at once (SYN-SENT); one round trip of 100 ms later the client
is ESTABLISHED, and SND.NXT is ISS+1: the SYN took one sequence number.
The last line is Go 1.22 that yaegi v0.16 does not run: the session says
what to write instead, and carries on.
`)
	if titles := notebookTitles(); len(titles) > 0 {
		fmt.Fprintf(w, "\nThe same, with prose and inline figures, as Jupyter notebooks in notebooks/:\n\n")
		for _, t := range titles {
			fmt.Fprintf(w, "  %s\n", t)
		}
	}
	_, err = fmt.Fprint(w, `
  tcpedu repl
      the prompt; :help lists what to try first
  tcpedu notebook run notebooks/06-congestion-control.ipynb
      runs a notebook headless and saves its outputs, no Jupyter needed
  go install ./cmd/tcpedu && tcpedu kernel install && jupyter notebook notebooks/
      the notebooks in Jupyter, on the "Go (tcpedu)" kernel
`)
	return err
}

// notebookTitles lists the notebooks in the clone's notebooks/ folder, each
// with its first heading; none when tcpedu runs outside a clone.
func notebookTitles() []string {
	root, err := findModuleRoot()
	if err != nil {
		return nil
	}
	files, _ := filepath.Glob(filepath.Join(root, "notebooks", "*.ipynb"))
	var titles []string
	for _, f := range files {
		nb, err := notebook.ReadFile(f)
		if err != nil {
			continue
		}
		title := ""
		for _, c := range nb.Cells() {
			if c.Type() == "markdown" {
				title, _, _ = strings.Cut(strings.TrimSpace(c.Source()), "\n")
				title = strings.TrimSpace(strings.TrimLeft(title, "#"))
				break
			}
		}
		titles = append(titles, fmt.Sprintf("%-40s %s", filepath.Base(f), title))
	}
	return titles
}

// indent writes what the session prints indented like the transcript.
type indent struct{ w io.Writer }

func (i indent) Write(p []byte) (int, error) {
	text := strings.TrimSuffix(string(p), "\n")
	_, err := fmt.Fprintf(i.w, "    %s\n", strings.ReplaceAll(text, "\n", "\n    "))
	return len(p), err
}
