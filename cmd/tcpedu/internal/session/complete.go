package session

import (
	"context"
	"path"
	"reflect"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tcpedu/tcpedu/cmd/tcpedu/internal/symbols"
	"github.com/traefik/yaegi/stdlib"
)

// Completions returns what the word before byte offset cursor of code
// could be completed to, and the byte offset where that word starts, for
// Tab in the REPL and Jupyter's complete_request:
//
//	tcp.Sta|      tcp's exported names: State, StateChange, …
//	c.Snd|        the methods and fields of the value c holds: SndNxt, SndUna, SndWnd
//	sce|          the names declared so far and the packages: scenario
//
// Finding a value's methods evaluates its name, which has no side
// effects. While a cell runs there are no completions.
func (s *Session) Completions(code string, cursor int) (matches []string, start int) {
	if cursor < 0 || cursor > len(code) {
		return nil, cursor
	}
	start = cursor
	for start > 0 {
		r, w := utf8.DecodeLastRuneInString(code[:start])
		if r != '_' && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			break
		}
		start -= w
	}
	prefix := code[start:cursor]
	if start > 0 && code[start-1] == '.' {
		recv := start - 1
		for recv > 0 {
			r, w := utf8.DecodeLastRuneInString(code[:recv])
			if r != '_' && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				break
			}
			recv -= w
		}
		return withPrefix(s.members(code[recv:start-1]), prefix), start
	}
	if prefix == "" {
		return nil, start
	}
	return withPrefix(s.topLevelNames(), prefix), start
}

// members returns the names after "name.": a package's exported names, or
// the exported methods and fields of the value a variable holds.
func (s *Session) members(name string) []string {
	if name == "" {
		return nil
	}
	if s.mu.TryLock() {
		defer s.mu.Unlock()
	} else {
		return nil // a cell is running
	}
	for key := range s.imported {
		pkgName, pkgPath, _ := strings.Cut(key, " ")
		if pkgName == name {
			return packageNames(pkgPath)
		}
	}
	if !s.defined[name] {
		return nil
	}
	v, err := s.in.EvalWithContext(context.Background(), name)
	if err != nil || !v.IsValid() {
		return nil
	}
	return valueMembers(v)
}

// packageNames lists a compiled package's exported names.
func packageNames(pkgPath string) []string {
	key := pkgPath + "/" + path.Base(pkgPath)
	syms, ok := symbols.Symbols[key]
	if !ok {
		syms = stdlib.Symbols[key]
	}
	var names []string
	for n := range syms {
		if r, _ := utf8.DecodeRuneInString(n); unicode.IsUpper(r) {
			names = append(names, n)
		}
	}
	if pkgPath == displayPath {
		names = []string{"Figure", "Markdown", "PNG", "Text"}
	}
	return names
}

// valueMembers lists the exported methods of a value's type and, for a
// struct or a pointer to one, its exported fields.
func valueMembers(v reflect.Value) []string {
	seen := map[string]bool{}
	t := v.Type()
	for i := 0; i < t.NumMethod(); i++ {
		seen[t.Method(i).Name] = true
	}
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Kind() == reflect.Struct {
		for i := 0; i < t.NumField(); i++ {
			if f := t.Field(i); f.IsExported() {
				seen[f.Name] = true
			}
		}
	}
	names := make([]string, 0, len(seen))
	for n := range seen {
		names = append(names, n)
	}
	return names
}

// topLevelNames lists what a name may be at the start: the packages, and
// what the learner's cells have declared.
func (s *Session) topLevelNames() []string {
	if !s.mu.TryLock() {
		return nil
	}
	defer s.mu.Unlock()
	var names []string
	for key := range s.imported {
		if name, _, _ := strings.Cut(key, " "); name != hiddenName {
			names = append(names, name)
		}
	}
	for n := range s.defined {
		names = append(names, n)
	}
	return names
}

// withPrefix keeps the names that start with prefix, sorted, once each.
func withPrefix(names []string, prefix string) []string {
	var out []string
	seen := map[string]bool{}
	for _, n := range names {
		if strings.HasPrefix(n, prefix) && !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	sort.Strings(out)
	return out
}
