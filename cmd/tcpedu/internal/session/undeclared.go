package session

import (
	"go/ast"
	"go/types"
	"path"
	"strconv"
)

// undeclared returns the first name the item uses that neither it, nor an
// earlier cell, nor Go's universe (int, len, nil, …), nor a preloaded
// package declares, or "" if every name is accounted for. yaegi v0.16
// reports some uses of an undeclared name as a "constant definition
// loop"; this finds the name to report instead.
func undeclared(it item, defined map[string]bool) string {
	f, _, _ := parseItem(it)
	if f == nil {
		return ""
	}
	local := map[string]bool{}
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				if id, ok := l.(*ast.Ident); ok {
					local[id.Name] = true
				}
			}
		case *ast.RangeStmt:
			for _, x := range []ast.Expr{n.Key, n.Value} {
				if id, ok := x.(*ast.Ident); ok {
					local[id.Name] = true
				}
			}
		case *ast.ValueSpec:
			for _, id := range n.Names {
				local[id.Name] = true
			}
		case *ast.TypeSpec:
			local[n.Name.Name] = true
		case *ast.FuncDecl:
			local[n.Name.Name] = true
		case *ast.Field:
			for _, id := range n.Names {
				local[id.Name] = true
			}
		case *ast.LabeledStmt:
			local[n.Label.Name] = true
		}
		return true
	})
	var found string
	var visit func(n ast.Node) bool
	visit = func(n ast.Node) bool {
		if found != "" {
			return false
		}
		switch n := n.(type) {
		case *ast.SelectorExpr:
			ast.Inspect(n.X, visit) // n.Sel is a field or method, not a name in scope
			return false
		case *ast.KeyValueExpr:
			if _, ok := n.Key.(*ast.Ident); !ok { // a struct field's name is not in scope
				ast.Inspect(n.Key, visit)
			}
			ast.Inspect(n.Value, visit)
			return false
		case *ast.BranchStmt:
			return false // labels
		case *ast.Ident:
			name := n.Name
			if name != "_" && !local[name] && !defined[name] && types.Universe.Lookup(name) == nil && !preloadedName(name) {
				found = name
			}
		}
		return true
	}
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Name.Name == "_" {
			ast.Inspect(fd.Body, visit)
		} else {
			ast.Inspect(d, visit)
		}
	}
	return found
}

// preloadedName reports whether name is a package every session imports.
func preloadedName(name string) bool {
	for _, p := range Preloaded {
		if path.Base(p) == name {
			return true
		}
	}
	return false
}

// importedNames adds to defined the package names an import declares.
func importedNames(f *ast.File, defined map[string]bool) {
	for _, imp := range f.Imports {
		if imp.Name != nil {
			defined[imp.Name.Name] = true
			continue
		}
		if p, err := strconv.Unquote(imp.Path.Value); err == nil {
			defined[path.Base(p)] = true
		}
	}
}
