package notebook

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/tcpedu/tcpedu/cmd/tcpedu/internal/session"
)

// Options controls a run.
type Options struct {
	// Timeout is the longest one cell may run; 0 means no limit.
	Timeout time.Duration
	// OnCell, if set, is called before each code cell runs, with its
	// number (from 1, counting every cell, as Jupyter shows them).
	OnCell func(n int)
}

// TagRaisesException marks a cell that is meant to fail (to show an
// error message, say): its error is kept as its output and the run goes
// on. nbclient, which `jupyter nbconvert --execute` uses, reads the same tag.
const TagRaisesException = "raises-exception"

// ErrLanguage is returned for a notebook whose metadata says its cells
// are not Go: a Python notebook, say.
var ErrLanguage = errors.New("not a Go notebook")

// CellError is a cell that failed: its number, counting every cell from
// 1, and what went wrong.
type CellError struct {
	Cell int
	Err  error
}

func (e *CellError) Error() string { return fmt.Sprintf("cell %d: %v", e.Cell, e.Err) }

func (e *CellError) Unwrap() error { return e.Err }

// Run executes nb's code cells in order, in one new session, and replaces
// each one's outputs with what it printed, showed and returned. It stops
// at the first cell that fails (unless the cell is tagged
// raises-exception): that cell keeps its error as its output, the cells
// after it keep what they had, and Run returns a *CellError.
func Run(ctx context.Context, nb *Notebook, opt Options) error {
	if lang := nb.Language(); lang != "" && lang != "go" {
		return fmt.Errorf("%w: its cells are %s, and tcpedu runs Go", ErrLanguage, lang)
	}
	col := &collector{}
	s, err := session.New(session.Options{
		Stdout:  col.stream("stdout"),
		Stderr:  col.stream("stderr"),
		Display: col.display,
		Timeout: opt.Timeout,
	})
	if err != nil {
		return err
	}
	nb.SetLanguage(Kernelspec(), LanguageInfo())
	count := 0
	for i, c := range nb.Cells() {
		if c.Type() != "code" {
			continue
		}
		src := c.Source()
		if strings.TrimSpace(src) == "" {
			c.SetOutputs(nil, 0)
			c.m["execution_count"] = nil
			continue
		}
		if opt.OnCell != nil {
			opt.OnCell(i + 1)
		}
		count++
		col.start()
		res, err := s.Eval(ctx, src)
		if res.Value != nil {
			col.add(map[string]any{
				"output_type":     "execute_result",
				"execution_count": count,
				"data":            bundleJSON(res.Value),
				"metadata":        map[string]any{},
			})
		}
		if err != nil {
			col.add(ErrorOutput(err))
		}
		c.SetOutputs(col.finish(), count)
		if err != nil && !c.HasTag(TagRaisesException) {
			return &CellError{Cell: i + 1, Err: err}
		}
		if ctx.Err() != nil {
			return &CellError{Cell: i + 1, Err: ctx.Err()}
		}
	}
	return nil
}

// ErrorOutput is an error as a notebook output: the error's kind as its
// name, its sentence as its value, and both as the one-line traceback
// Jupyter prints.
func ErrorOutput(err error) map[string]any {
	name := "Error"
	var named interface{ ErrorName() string }
	if errors.As(err, &named) {
		name = named.ErrorName()
	}
	return map[string]any{
		"output_type": "error",
		"ename":       name,
		"evalue":      err.Error(),
		"traceback":   []any{name + ": " + err.Error()},
	}
}

// Kernelspec is the notebook metadata naming the tcpedu kernel.
func Kernelspec() map[string]any {
	return map[string]any{"name": "tcpedu", "display_name": "Go (tcpedu)", "language": "go"}
}

// LanguageInfo is the notebook metadata describing the cells' language:
// Go as yaegi v0.16 runs it.
func LanguageInfo() map[string]any {
	return map[string]any{
		"name":            "go",
		"version":         "go1.22 (yaegi v0.16.1)",
		"file_extension":  ".go",
		"mimetype":        "text/x-go",
		"pygments_lexer":  "go",
		"codemirror_mode": "go",
	}
}

// bundleJSON turns a MIME bundle into an output's data: text as a list of
// lines, as Jupyter stores it; a PNG as its base64 string.
func bundleJSON(b session.Bundle) map[string]any {
	data := map[string]any{}
	for mime, v := range b {
		if mime == session.MIMEPNG {
			data[mime] = v
		} else {
			data[mime] = lines(v)
		}
	}
	return data
}

// collector gathers one cell's outputs as they happen: consecutive writes
// to the same stream become one stream output, as Jupyter shows them.
type collector struct {
	mu      sync.Mutex
	outputs []map[string]any
	text    []*strings.Builder // the text of each stream output, by index
}

func (c *collector) start() {
	c.mu.Lock()
	c.outputs, c.text = nil, nil
	c.mu.Unlock()
}

func (c *collector) add(o map[string]any) {
	c.mu.Lock()
	c.outputs = append(c.outputs, o)
	c.text = append(c.text, nil)
	c.mu.Unlock()
}

// finish returns the cell's outputs, the streams' text split into lines.
func (c *collector) finish() []map[string]any {
	c.mu.Lock()
	defer c.mu.Unlock()
	for i, o := range c.outputs {
		if c.text[i] != nil {
			o["text"] = lines(c.text[i].String())
		}
	}
	out := c.outputs
	c.outputs, c.text = nil, nil
	return out
}

func (c *collector) display(b session.Bundle) {
	c.add(map[string]any{"output_type": "display_data", "data": bundleJSON(b), "metadata": map[string]any{}})
}

// stream returns the writer for the stream "stdout" or "stderr".
func (c *collector) stream(name string) *streamWriter { return &streamWriter{c: c, name: name} }

type streamWriter struct {
	c    *collector
	name string
}

func (w *streamWriter) Write(p []byte) (int, error) {
	c := w.c
	c.mu.Lock()
	defer c.mu.Unlock()
	if n := len(c.outputs); n > 0 && c.text[n-1] != nil && c.outputs[n-1]["name"] == w.name {
		c.text[n-1].Write(p)
		return len(p), nil
	}
	var sb strings.Builder
	sb.Write(p)
	c.outputs = append(c.outputs, map[string]any{"output_type": "stream", "name": w.name})
	c.text = append(c.text, &sb)
	return len(p), nil
}
