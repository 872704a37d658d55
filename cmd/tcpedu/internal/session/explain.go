package session

import (
	"context"
	"errors"
	"fmt"
	"go/ast"
	"go/scanner"
	"go/token"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/traefik/yaegi/interp"
)

// Kind says what went wrong with a cell.
type Kind int

// The kinds of Error.
const (
	SyntaxError  Kind = iota + 1 // the code does not parse
	CompileError                 // it parses but does not type-check: an undefined name, a wrong type
	Unsupported                  // Go that yaegi v0.16 cannot run (check.go)
	Panic                        // it ran and panicked
	Interrupted                  // stopped by the user: Ctrl-C, or Jupyter's interrupt
	TimedOut                     // stopped by the session's time limit
)

var kindNames = map[Kind]string{
	SyntaxError:  "SyntaxError",
	CompileError: "CompileError",
	Unsupported:  "Unsupported",
	Panic:        "Panic",
	Interrupted:  "Interrupted",
	TimedOut:     "TimedOut",
}

// String returns the kind's name, as Jupyter shows it: "CompileError".
func (k Kind) String() string {
	if s, ok := kindNames[k]; ok {
		return s
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// Error is what went wrong with a cell, as the learner should read it.
type Error struct {
	Kind Kind
	Line int    // the cell's line, from 1; 0 when it is not known
	Msg  string // one sentence, without the line
}

// Error returns the sentence with the line in front: "line 3: undefined:
// cwnd".
func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("line %d: %s", e.Line, e.Msg)
	}
	return e.Msg
}

// ErrorName returns the kind's name; the Jupyter kernel shows it as the
// error's ename.
func (e *Error) ErrorName() string { return e.Kind.String() }

// yaegiPos matches the position yaegi puts in front of its messages:
// "_.go:1:28: " or "1:28: ".
var yaegiPos = regexp.MustCompile(`^(?:[^:\s]*\.go:)?(\d+):(\d+): `)

// wrapColumns is how far yaegi shifts the first line of a statement, which
// it wraps as "package main; func main() {" + statement.
const wrapColumns = len("package main; func main() {")

// explain turns an error from evaluating one item into an *Error with the
// cell's line. limit is the session's time limit, for the sentence.
func explain(err error, it item, defined map[string]bool, limit time.Duration, panicLine int) *Error {
	var se scanner.ErrorList
	var p interp.Panic
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return &Error{Kind: TimedOut, Msg: fmt.Sprintf("stopped after the time limit of %v: a loop that never ends? "+
			"(a call into the compiled model, such as bulk.Run, finishes first)", limit)}
	case errors.Is(err, context.Canceled):
		return &Error{Kind: Interrupted, Msg: "interrupted"}
	case errors.As(err, &se) && len(se) > 0:
		return &Error{Kind: SyntaxError, Line: it.line + se[0].Pos.Line - 1, Msg: se[0].Msg}
	case errors.As(err, &p):
		return explainPanic(p, it, panicLine)
	}
	msg := err.Error()
	line := 0
	if m := yaegiPos.FindStringSubmatch(msg); m != nil {
		l, _ := strconv.Atoi(m[1])
		line = it.line + l - 1
		msg = msg[len(m[0]):]
	}
	if msg == "constant definition loop" {
		if name := undeclared(it, defined); name != "" {
			msg = "undefined: " + name
		}
	}
	return &Error{Kind: CompileError, Line: line, Msg: explainCompile(msg)}
}

// explainCompile rewords the compile errors whose yaegi wording misleads.
func explainCompile(msg string) string {
	switch {
	case msg == "constant definition loop":
		return "yaegi v0.16 could not work out the type of a variable declared here (its words: constant definition loop); " +
			"give it its type, as in var r scenario.SegmentRecord = res.Segments[0], or do this inside a func"
	case strings.HasPrefix(msg, "undefined: "):
		name := strings.TrimPrefix(msg, "undefined: ")
		return fmt.Sprintf("undefined: %s (not declared in this cell or an earlier one, and not a preloaded package)", name)
	}
	return msg
}

// explainPanic describes a panic in the learner's code. yaegi reports
// some of its own failures as panics too; those say what to write instead.
func explainPanic(p interp.Panic, it item, line int) *Error {
	v := p.Value
	if rv, ok := v.(reflect.Value); ok && rv.IsValid() && rv.CanInterface() {
		v = rv.Interface()
	}
	text := fmt.Sprint(v)
	switch text {
	case "nil type", "nil reflect type":
		// yaegi fails this way on what it cannot compile, most often a
		// range over an int or a call of a generic func.
		return &Error{Kind: Unsupported, Line: it.line, Msg: "yaegi v0.16 could not compile this (" + text + "); " +
			"the usual causes are a range over an integer (write for i := 0; i < n; i++) " +
			"or a generic func (write it for the one type you need)"}
	}
	msg := "panic: " + text
	if words, ok := panicWords[text]; ok {
		msg += " (" + words + ")"
	}
	if strings.Contains(text, "nil pointer dereference") && definesFromIndex(it) {
		msg += "; if nothing here is nil, this is yaegi v0.16 failing on an element of a slice at the top of a cell: " +
			"give the variable its type (var x T = …) or do this inside a func"
	}
	return &Error{Kind: Panic, Line: line, Msg: msg}
}

// panicWords says in Go's own words what some of yaegi's panics mean:
// yaegi runs the learner's code through package reflect, whose messages
// name reflect rather than the mistake.
var panicWords = map[string]string{
	"reflect: slice index out of range":  "an index at or past the slice's length",
	"reflect: array index out of range":  "an index at or past the array's length",
	"reflect: string index out of range": "an index at or past the string's length",
}

// definesFromIndex reports whether the item declares a variable with :=
// from an expression that indexes a slice (x := res.Trace[3].At), which
// yaegi v0.16 can fail on at the top level of a cell.
func definesFromIndex(it item) bool {
	f, _, prefix := parseItem(it)
	if f == nil || prefix != 2 {
		return false
	}
	body := f.Decls[0].(*ast.FuncDecl).Body.List
	if len(body) != 1 {
		return false
	}
	as, ok := body[0].(*ast.AssignStmt)
	if !ok || as.Tok != token.DEFINE {
		return false
	}
	found := false
	for _, r := range as.Rhs {
		ast.Inspect(r, func(n ast.Node) bool {
			if _, ok := n.(*ast.IndexExpr); ok {
				found = true
			}
			return !found
		})
	}
	return found
}
