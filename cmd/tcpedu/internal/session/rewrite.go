package session

import (
	"go/ast"
	"go/token"
	"path"
	"strconv"
	"strings"
)

// Before an item runs, the session rewrites two kinds of item whose
// plain form yaegi v0.16 gets wrong (goroutine.go rewrites a third):

// inFunc reports whether an item is a compound statement (for, if,
// switch, select, a block) that runs as the body of a func of its own. At
// the top level, yaegi v0.16 loses a variable that such a statement's body
// declares with a := of two values (a, b := f() gives "undefined: a");
// inside a func it does not. Nothing the statement declares outlives it
// anyway, so the func changes nothing a learner can see. (A func literal
// called at once would do as well, but yaegi cannot stop a loop inside
// one when the cell is interrupted; a named func it can.)
func inFunc(it item) bool {
	switch it.first {
	case token.FOR, token.IF, token.SWITCH, token.SELECT, token.LBRACE:
		return true
	}
	return false
}

// stmtFunc is the name of that func; a panic inside it is reported as
// the cell's own.
const stmtFunc = "tcpeduStatement"

// asFunc declares the func, starting on the item's first line so that the
// lines of errors stay the cell's.
func asFunc(src string) string { return "func " + stmtFunc + "() { " + src + "\n}" }

// newImports returns an import item's source with the packages the
// session has already imported left out, and false when none is left.
// yaegi refuses a second import of a package ("redeclared in this
// block"), which a notebook does whenever its import cell runs again,
// and which a learner does by importing a preloaded package.
func (s *Session) newImports(it item) (string, bool) {
	f, _, _ := parseItem(it)
	if f == nil {
		return it.src, true // yaegi reports the syntax error
	}
	var keep []string
	for _, imp := range f.Imports {
		p, err := strconv.Unquote(imp.Path.Value)
		if err != nil {
			return it.src, true
		}
		name := path.Base(p)
		if imp.Name != nil {
			name = imp.Name.Name
		}
		if s.imported[name+" "+p] {
			continue
		}
		keep = append(keep, importSpec(imp))
	}
	if len(keep) == 0 {
		return "", false
	}
	return "import (\n\t" + strings.Join(keep, "\n\t") + "\n)", true
}

// noteImports records the packages an import item brought in.
func (s *Session) noteImports(it item) {
	f, _, _ := parseItem(it)
	if f == nil {
		return
	}
	for _, imp := range f.Imports {
		if p, err := strconv.Unquote(imp.Path.Value); err == nil {
			name := path.Base(p)
			if imp.Name != nil {
				name = imp.Name.Name
			}
			s.imported[name+" "+p] = true
		}
	}
}

// importSpec returns one import as written: an optional name, and the path.
func importSpec(imp *ast.ImportSpec) string {
	if imp.Name != nil {
		return imp.Name.Name + " " + imp.Path.Value
	}
	return imp.Path.Value
}
