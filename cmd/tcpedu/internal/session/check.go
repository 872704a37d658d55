package session

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
)

// Before an item runs, check looks for the Go that yaegi v0.16 cannot run
// or runs wrongly, and refuses it with a sentence that says what to write
// instead. Running it would give a panic about a "nil type", a baffling
// "constant definition loop", or worse, a silently wrong answer.

// The sentences, one per construct yaegi v0.16 gets wrong.
const (
	msgRangeInt = "yaegi v0.16 cannot range over an integer or a function (Go 1.22 and 1.23 features): " +
		"write a counting loop, for i := 0; i < n; i++ { … }"
	msgMinMax = "yaegi v0.16 does not have the %s builtin (Go 1.21): " +
		"compare with an if, or write a small func of your own"
	msgClear = "yaegi v0.16 does not have the clear builtin (Go 1.21): " +
		"make a new map or slice, or delete the keys in a loop"
	msgGeneric = "yaegi v0.16 runs generic code only in part: " +
		"write the func or type for the one type you need"
	msgMain = "a cell runs as it is written, so there is no func main: " +
		"put main's body in the cell itself"
	msgDefer = "a defer at the top of a cell has no func to wait for (yaegi v0.16 runs it at odd times): " +
		"put the defer inside a func"
	msgParallel = "yaegi v0.16 can assign a zero to %s in a parallel assignment that mixes a value and a call: " +
		"write one assignment per line"
)

// parseItem parses one item for checking: a declaration as a file, a
// statement as the body of a function. It returns nil when the item does
// not parse either way (yaegi then reports the syntax error itself), and
// how many lines it put in front of the item to make it a file.
func parseItem(it item) (*ast.File, *token.FileSet, int) {
	fset := token.NewFileSet()
	if it.first == token.PACKAGE {
		f, _ := parser.ParseFile(fset, "", it.src, 0)
		return f, fset, 0
	}
	if it.isDecl() {
		if f, err := parser.ParseFile(fset, "", filePrefix+it.src, 0); err == nil {
			return f, fset, 1
		}
	}
	if f, err := parser.ParseFile(fset, "", bodyPrefix+it.src+"\n}", 0); err == nil {
		return f, fset, 2
	}
	return nil, fset, 0
}

// check returns an *Error for the first construct in the item that yaegi
// v0.16 cannot run, or nil. defined holds the names the session's code
// has declared, so that a func of the learner's own called max is not
// taken for the builtin.
func check(it item, defined map[string]bool) *Error {
	root, fset, prefix := parseItem(it)
	if root == nil {
		return nil
	}
	if it.first == token.DEFER {
		return &Error{Kind: Unsupported, Line: it.line, Msg: msgDefer}
	}
	var found *Error
	report := func(n ast.Node, msg string) {
		if found == nil {
			found = &Error{Kind: Unsupported, Line: it.line + fset.Position(n.Pos()).Line - 1 - prefix, Msg: msg}
		}
	}
	ast.Inspect(root, func(n ast.Node) bool {
		if found != nil {
			return false
		}
		switch n := n.(type) {
		case *ast.RangeStmt:
			if rangesOverIntOrFunc(n.X) {
				report(n, msgRangeInt)
			}
		case *ast.CallExpr:
			if id, ok := n.Fun.(*ast.Ident); ok && !defined[id.Name] {
				switch id.Name {
				case "min", "max":
					report(n, fmt.Sprintf(msgMinMax, id.Name))
				case "clear":
					report(n, msgClear)
				}
			}
		case *ast.FuncDecl:
			if n.Type.TypeParams != nil && n.Type.TypeParams.NumFields() > 0 {
				report(n, msgGeneric)
			}
			if n.Recv == nil && n.Name.Name == "main" && it.first != token.PACKAGE {
				report(n, msgMain)
			}
		case *ast.TypeSpec:
			if n.TypeParams != nil && n.TypeParams.NumFields() > 0 {
				report(n, msgGeneric)
			}
		case *ast.AssignStmt:
			if name, bad := mixedParallel(n); bad {
				report(n, fmt.Sprintf(msgParallel, name))
			}
		}
		return true
	})
	return found
}

// rangesOverIntOrFunc reports whether a range expression is certainly an
// integer or a function: a number, len(…) or cap(…), arithmetic, or a
// func literal. A variable holding an int is caught later, by
// explainPanic, from the "nil type" panic it causes.
func rangesOverIntOrFunc(x ast.Expr) bool {
	switch x := x.(type) {
	case *ast.BasicLit:
		return x.Kind == token.INT
	case *ast.CallExpr:
		if id, ok := x.Fun.(*ast.Ident); ok {
			return id.Name == "len" || id.Name == "cap"
		}
	case *ast.BinaryExpr:
		return x.Op == token.ADD || x.Op == token.SUB || x.Op == token.MUL || x.Op == token.QUO
	case *ast.FuncLit:
		return true
	case *ast.ParenExpr:
		return rangesOverIntOrFunc(x.X)
	}
	return false
}

// mixedParallel reports whether an assignment with = sets two or more
// variables from a mix of calls and other expressions (a, b = x, f()),
// which yaegi v0.16 can get wrong, and names the first variable.
func mixedParallel(a *ast.AssignStmt) (string, bool) {
	if a.Tok != token.ASSIGN || len(a.Lhs) < 2 || len(a.Lhs) != len(a.Rhs) {
		return "", false
	}
	calls := 0
	for _, r := range a.Rhs {
		if _, ok := ast.Unparen(r).(*ast.CallExpr); ok {
			calls++
		}
	}
	if calls == 0 || calls == len(a.Rhs) {
		return "", false
	}
	name := "a variable"
	if id, ok := a.Lhs[0].(*ast.Ident); ok {
		name = id.Name
	}
	return name, true
}

// declared adds to defined the names an item declares at the top level,
// so that later items may use them (a func called max, say).
func declared(it item, defined map[string]bool) {
	f, _, _ := parseItem(it)
	if f == nil {
		return
	}
	importedNames(f, defined)
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Recv == nil && d.Name.Name != "_" {
				defined[d.Name.Name] = true
			}
			if d.Name.Name == "_" && d.Body != nil { // a statement, wrapped
				for _, s := range d.Body.List {
					declaredByStmt(s, defined)
				}
			}
		case *ast.GenDecl:
			declaredBySpecs(d, defined)
		}
	}
}

func declaredByStmt(s ast.Stmt, defined map[string]bool) {
	switch s := s.(type) {
	case *ast.AssignStmt:
		if s.Tok == token.DEFINE {
			for _, l := range s.Lhs {
				if id, ok := l.(*ast.Ident); ok {
					defined[id.Name] = true
				}
			}
		}
	case *ast.DeclStmt:
		if g, ok := s.Decl.(*ast.GenDecl); ok {
			declaredBySpecs(g, defined)
		}
	}
}

func declaredBySpecs(g *ast.GenDecl, defined map[string]bool) {
	for _, spec := range g.Specs {
		switch spec := spec.(type) {
		case *ast.ValueSpec:
			for _, id := range spec.Names {
				defined[id.Name] = true
			}
		case *ast.TypeSpec:
			defined[spec.Name.Name] = true
		}
	}
}
