package main

import (
	"context"
	"sync"

	"github.com/tcpedu/tcpedu/cmd/tcpedu/internal/kernel"
	"github.com/tcpedu/tcpedu/cmd/tcpedu/internal/notebook"
	"github.com/tcpedu/tcpedu/cmd/tcpedu/internal/session"
)

// sessionEngine runs the kernel's cells in one yaegi session: the same
// interpreter, preloads and explanations as tcpedu repl and tcpedu
// notebook run.
type sessionEngine struct {
	s   *session.Session
	mu  sync.Mutex
	out kernel.Output // the running cell's, or nil between cells
}

// newKernelEngine is the Engine tcpedu kernel serves cells with.
func newKernelEngine() (kernel.Engine, error) { return newSessionEngine() }

// newSessionEngine starts the session. Cells have no time limit: in
// Jupyter, the interrupt button stops a cell.
func newSessionEngine() (*sessionEngine, error) {
	e := &sessionEngine{}
	s, err := session.New(session.Options{
		Stdout:  streamTo{e, "stdout"},
		Stderr:  streamTo{e, "stderr"},
		Display: e.display,
	})
	if err != nil {
		return nil, err
	}
	e.s = s
	return e, nil
}

// Execute runs one cell, its output streamed to out as it happens.
func (e *sessionEngine) Execute(ctx context.Context, code string, out kernel.Output) (map[string]string, error) {
	e.setOutput(out)
	defer e.setOutput(nil)
	res, err := e.s.Eval(ctx, code)
	if err != nil {
		return nil, err
	}
	return res.Value, nil
}

// IsComplete tells Jupyter's console whether to run the input or read
// another line.
func (e *sessionEngine) IsComplete(code string) string {
	if session.Complete(code) {
		return "complete"
	}
	return "incomplete"
}

// Complete answers Jupyter's Tab: the names the word before cursor may
// become (kernel.Completer).
func (e *sessionEngine) Complete(code string, cursor int) ([]string, int) {
	return e.s.Completions(code, cursor)
}

// Banner is the kernel's greeting in Jupyter's console.
func (e *sessionEngine) Banner() string {
	return "tcpedu: Go, run by yaegi v0.16, with the tcpedu model preloaded (seq, wire, tcp, scenario, bulk, plots, display, …)"
}

// LanguageInfo describes the cells' language, as the notebooks' metadata does.
func (e *sessionEngine) LanguageInfo() kernel.LanguageInfo {
	li := notebook.LanguageInfo()
	return kernel.LanguageInfo{
		Name:           li["name"].(string),
		Version:        li["version"].(string),
		MimeType:       li["mimetype"].(string),
		FileExtension:  li["file_extension"].(string),
		PygmentsLexer:  li["pygments_lexer"].(string),
		CodemirrorMode: li["codemirror_mode"].(string),
	}
}

func (e *sessionEngine) setOutput(out kernel.Output) {
	e.mu.Lock()
	e.out = out
	e.mu.Unlock()
}

// output returns the running cell's Output; what code prints between
// cells (a goroutine a cell left behind) has nowhere to go and is dropped.
func (e *sessionEngine) output() kernel.Output {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.out
}

func (e *sessionEngine) display(b session.Bundle) {
	if out := e.output(); out != nil {
		out.Display(b)
	}
}

// streamTo is the session's stdout or stderr, sent to the running cell.
type streamTo struct {
	e    *sessionEngine
	name string
}

func (w streamTo) Write(p []byte) (int, error) {
	if out := w.e.output(); out != nil {
		out.Stream(w.name, string(p))
	}
	return len(p), nil
}
