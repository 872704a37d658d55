package symbols

import (
	"bytes"
	"context"
	"go/ast"
	"go/doc"
	"go/format"
	"go/parser"
	"go/token"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/traefik/yaegi/interp"
	"github.com/traefik/yaegi/stdlib"
)

// TestExamplesUnderYaegi runs every Example of the packages a learner
// imports in the REPL and the notebooks, as yaegi runs their code, and
// checks its output against the Example's // Output: comment: an
// exported API that yaegi cannot use is caught here, not in a notebook.
func TestExamplesUnderYaegi(t *testing.T) {
	dirs, err := filepath.Glob("../../../../tcpedu/*")
	require.NoError(t, err)
	dirs = append(dirs, "../../../../plots")
	sort.Strings(dirs)
	for _, dir := range dirs {
		for _, ex := range playableExamples(t, dir) {
			ex := ex
			name := filepath.Base(dir) + "/Example" + ex.Name
			t.Run(name, func(t *testing.T) {
				var src bytes.Buffer
				require.NoError(t, format.Node(&src, token.NewFileSet(), ex.Play))
				// Stdout is a pipe, an *os.File, so that yaegi gives it to
				// the example as os.Stdout too: an example that hands
				// os.Stdout to compiled code writes into it as well.
				r, w, err := os.Pipe()
				require.NoError(t, err)
				defer r.Close()
				var out bytes.Buffer
				copied := make(chan struct{})
				go func() { io.Copy(&out, r); close(copied) }()
				i := interp.New(interp.Options{Stdout: w, Stderr: w})
				require.NoError(t, i.Use(stdlib.Symbols))
				require.NoError(t, i.Use(Symbols))
				ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
				defer cancel()
				_, err = i.EvalWithContext(ctx, src.String())
				w.Close()
				<-copied
				if !assert.NoError(t, err, "Example%s under yaegi", ex.Name) {
					return
				}
				assert.Equal(t, strings.TrimSpace(ex.Output), strings.TrimSpace(out.String()), "Example%s's output under yaegi", ex.Name)
			})
		}
	}
}

// playableExamples returns the examples in dir's test files that have an
// output to check and a complete program (doc.Example.Play).
func playableExamples(t *testing.T, dir string) []*doc.Example {
	fset := token.NewFileSet()
	matches, err := filepath.Glob(filepath.Join(dir, "*_test.go"))
	require.NoError(t, err)
	var files []*ast.File
	for _, m := range matches {
		b, err := os.ReadFile(m)
		require.NoError(t, err)
		f, err := parser.ParseFile(fset, m, b, parser.ParseComments)
		require.NoError(t, err)
		files = append(files, f)
	}
	var out []*doc.Example
	for _, ex := range doc.Examples(files...) {
		if ex.Play != nil && (ex.Output != "" || ex.EmptyOutput) {
			out = append(out, ex)
		}
	}
	return out
}
