package session

import (
	"context"
	"fmt"
	"go/ast"
	"go/scanner"
	"go/token"
	"io"
	"os"
	"path"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/tcpedu/tcpedu/cmd/tcpedu/internal/symbols"
	"github.com/tcpedu/tcpedu/plots"
	"github.com/traefik/yaegi/interp"
	"github.com/traefik/yaegi/stdlib"
)

// Options says where a session's output goes and how long a cell may run.
type Options struct {
	Stdout, Stderr io.Writer    // what the code prints; nil discards it
	Display        func(Bundle) // pictures and Markdown; nil prints their text to Stdout
	Timeout        time.Duration
	// Timeout is the longest one Eval may run; 0 means no limit. It stops
	// interpreted code, such as a loop that never ends. A call into the
	// compiled model cannot be stopped halfway: it finishes first.
}

// Preloaded lists the packages every session imports before the first
// cell, so that a cell can write seq.Num(5) or plots.Cwnd(res) at once.
var Preloaded = []string{
	"errors", "fmt", "math", "os", "sort", "strings", "time",
	"github.com/tcpedu/tcpedu/tcpedu/seq",
	"github.com/tcpedu/tcpedu/tcpedu/checksum",
	"github.com/tcpedu/tcpedu/tcpedu/wire",
	"github.com/tcpedu/tcpedu/tcpedu/sim",
	"github.com/tcpedu/tcpedu/tcpedu/link",
	"github.com/tcpedu/tcpedu/tcpedu/arq",
	"github.com/tcpedu/tcpedu/tcpedu/cc",
	"github.com/tcpedu/tcpedu/tcpedu/tcp",
	"github.com/tcpedu/tcpedu/tcpedu/scenario",
	"github.com/tcpedu/tcpedu/tcpedu/bulk",
	"github.com/tcpedu/tcpedu/plots",
	displayPath,
}

// Session is one interpreter with the model preloaded: what one Eval
// declares, the next can use. Evals run one at a time.
type Session struct {
	opt      Options
	in       *interp.Interpreter
	stderr   *panicFilter
	defined  map[string]bool // names the learner's code has declared
	imported map[string]bool // "name path" of each package imported
	mu       sync.Mutex
}

// newMu serialises interp.New: it reads YAEGI_SPECIAL_STDIO from the
// environment, which New sets for the moment it takes.
var newMu sync.Mutex

// New starts a session: an interpreter with the standard library, the
// model, plots and display, and the Preloaded imports done.
func New(opt Options) (*Session, error) {
	if opt.Stdout == nil {
		opt.Stdout = io.Discard
	}
	if opt.Stderr == nil {
		opt.Stderr = io.Discard
	}
	s := &Session{opt: opt, stderr: &panicFilter{w: opt.Stderr}, defined: map[string]bool{}, imported: map[string]bool{}}

	// With YAEGI_SPECIAL_STDIO, the interpreted os.Stdout is opt.Stdout
	// itself, so that what compiled model code prints to os.Stdout (as
	// an io.Writer) reaches the notebook too.
	newMu.Lock()
	old, had := os.LookupEnv("YAEGI_SPECIAL_STDIO")
	os.Setenv("YAEGI_SPECIAL_STDIO", "1")
	s.in = interp.New(interp.Options{Stdout: opt.Stdout, Stderr: s.stderr, Stdin: strings.NewReader("")})
	if had {
		os.Setenv("YAEGI_SPECIAL_STDIO", old)
	} else {
		os.Unsetenv("YAEGI_SPECIAL_STDIO")
	}
	newMu.Unlock()

	for _, exports := range []interp.Exports{stdlib.Symbols, symbols.Symbols, s.displayExports(), s.hiddenExports(), exitExports()} {
		if err := s.in.Use(exports); err != nil {
			return nil, fmt.Errorf("session: load symbols: %w", err)
		}
	}
	imports := "import (\n\t\"" + strings.Join(Preloaded, "\"\n\t\"") + "\"\n\t" + hiddenName + " \"" + hiddenPath + "\"\n)"
	if _, err := s.in.EvalWithContext(context.Background(), imports); err != nil {
		return nil, fmt.Errorf("session: preload the packages: %w", err)
	}
	for _, p := range Preloaded {
		s.imported[path.Base(p)+" "+p] = true
	}
	return s, nil
}

// Result is what a cell evaluates to.
type Result struct {
	// Value is the cell's last expression, as text ("8", "ESTABLISHED"),
	// when the cell ends in an expression that has a value worth
	// printing; nil otherwise. A call of fmt.Println or display.Figure
	// prints nothing more; a *plots.Figure is shown as a picture instead.
	Value Bundle
}

// Eval runs one cell: a mix of declarations and statements, as a REPL
// line or a notebook cell holds them. It stops at the first item that
// fails and returns an *Error; what the items before it did stays done,
// as in Jupyter. ctx's cancellation is an interrupt.
func (s *Session) Eval(ctx context.Context, src string) (Result, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	items, err := split(src)
	if err != nil {
		if se, ok := err.(scanner.ErrorList); ok && len(se) > 0 {
			return Result{}, &Error{Kind: SyntaxError, Line: se[0].Pos.Line, Msg: se[0].Msg}
		}
		return Result{}, &Error{Kind: SyntaxError, Msg: err.Error()}
	}
	if s.opt.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, s.opt.Timeout)
		defer cancel()
	}
	var res Result
	for i, it := range items {
		if e := check(it, s.defined); e != nil {
			return Result{}, e
		}
		src := guardGoroutines(it).src
		switch {
		case it.first == token.IMPORT:
			var run bool
			if src, run = s.newImports(it); !run {
				continue // every package is imported already
			}
		case inFunc(it):
			if _, err := s.in.EvalWithContext(ctx, asFunc(src)); err != nil {
				return Result{}, explain(err, it, s.defined, s.opt.Timeout, 0)
			}
			src = stmtFunc + "()"
		}
		s.stderr.reset()
		v, err := s.in.EvalWithContext(ctx, src)
		if err != nil {
			line, fn := s.stderr.where(it)
			e := explain(err, it, s.defined, s.opt.Timeout, line)
			if e.Kind == Panic && fn != "" {
				e.Msg += " (in func " + fn + ")"
			}
			return Result{}, e
		}
		declared(it, s.defined)
		if it.first == token.IMPORT {
			s.noteImports(it)
		}
		if i == len(items)-1 {
			res = s.result(ctx, it, v)
		}
	}
	return res, nil
}

// result decides what a cell's last item shows: the value of an
// expression statement, unless it is a print call or has no value.
func (s *Session) result(ctx context.Context, it item, v reflect.Value) Result {
	if it.isDecl() || !v.IsValid() || !v.CanInterface() {
		return Result{}
	}
	x, ok := lastExpr(it)
	if !ok {
		return Result{}
	}
	// yaegi returns a *interface{} for a call of an interpreted func that
	// has no results, and whatever it computed last for a compiled one:
	// look at the func's type to be sure.
	if v.Type() == reflect.TypeOf((*interface{})(nil)) || s.noResults(ctx, it, x) {
		return Result{}
	}
	if f, ok := v.Interface().(*plots.Figure); ok {
		s.showFigure(f)
		return Result{}
	}
	var text string
	switch x := v.Interface().(type) {
	case string:
		text = strconv.Quote(x)
	default:
		text = fmt.Sprintf("%v", x)
	}
	return Result{Value: Bundle{MIMEPlain: text}}
}

// lastExpr returns the item's expression when it is one expression
// statement whose value a REPL should print: not a call of a fmt print
// function or of a display function, whose result is the printing itself.
func lastExpr(it item) (ast.Expr, bool) {
	f, _, prefix := parseItem(it)
	if f == nil || prefix != 2 || len(f.Decls) != 1 {
		return nil, false
	}
	body := f.Decls[0].(*ast.FuncDecl).Body.List
	if len(body) != 1 {
		return nil, false
	}
	es, ok := body[0].(*ast.ExprStmt)
	if !ok {
		return nil, false
	}
	if call, ok := es.X.(*ast.CallExpr); ok {
		if sel, ok := call.Fun.(*ast.SelectorExpr); ok {
			if pkg, ok := sel.X.(*ast.Ident); ok {
				name := sel.Sel.Name
				switch {
				case pkg.Name == "fmt" && (strings.HasPrefix(name, "Print") || strings.HasPrefix(name, "Fprint")):
					return nil, false
				case pkg.Name == "display":
					return nil, false
				}
			}
		}
	}
	return es.X, true
}

// noResults reports whether x is a call of a func that returns nothing.
// It evaluates the func itself, which has no side effects when it is a
// name or a chain of selectors (st.Sim.RunFor), to read its type.
func (s *Session) noResults(ctx context.Context, it item, x ast.Expr) bool {
	call, ok := x.(*ast.CallExpr)
	if !ok || !isSelectorChain(call.Fun) {
		return false
	}
	// The positions are in the wrapped source, bodyPrefix + it.src.
	off := len(bodyPrefix) + 1
	start, end := int(call.Fun.Pos())-off, int(call.Fun.End())-off
	if start < 0 || end > len(it.src) || start >= end {
		return false
	}
	fv, err := s.in.EvalWithContext(ctx, it.src[start:end])
	if err != nil || !fv.IsValid() || fv.Kind() != reflect.Func {
		return false
	}
	return fv.Type().NumOut() == 0
}

// isSelectorChain reports whether x is a name or names joined by dots.
func isSelectorChain(x ast.Expr) bool {
	switch x := x.(type) {
	case *ast.Ident:
		return true
	case *ast.SelectorExpr:
		return isSelectorChain(x.X)
	}
	return false
}

// panicFrame matches the line yaegi writes to stderr for each frame of a
// panic, innermost first: "1:28: panic: main(...)" or
// "_.go:3:5: panic: main.step(...)".
var panicFrame = regexp.MustCompile(`^(?:[^:\s]*\.go:)?(\d+):(\d+): panic: (\S+)\(\.\.\.\)\n?$`)

// panicFilter passes the session's stderr through, keeping back yaegi's
// panic frames, which are noise to a learner: the session's *Error says
// where the panic was instead.
type panicFilter struct {
	w      io.Writer
	mu     sync.Mutex
	frames [][]string // submatches of panicFrame, innermost first
}

func (p *panicFilter) Write(b []byte) (int, error) {
	if m := panicFrame.FindStringSubmatch(string(b)); m != nil {
		p.mu.Lock()
		p.frames = append(p.frames, m)
		p.mu.Unlock()
		return len(b), nil
	}
	return p.w.Write(b)
}

func (p *panicFilter) reset() {
	p.mu.Lock()
	p.frames = nil
	p.mu.Unlock()
}

// where returns the line of the cell the panic happened on, if it was in
// the cell's own statements, and otherwise the func it happened in.
func (p *panicFilter) where(it item) (line int, fn string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.frames) == 0 {
		return 0, ""
	}
	inner := p.frames[0]
	l, _ := strconv.Atoi(inner[1])
	if inner[3] == "main" || inner[3] == "main."+stmtFunc {
		return it.line + l - 1, ""
	}
	for _, f := range p.frames {
		if f[3] == "main" || f[3] == "main."+stmtFunc {
			l, _ := strconv.Atoi(f[1])
			line = it.line + l - 1
		}
	}
	return line, strings.TrimPrefix(inner[3], "main.")
}
