package session

import (
	"fmt"
	"go/ast"
	"reflect"
	"sort"
	"strings"
)

// A panic in a goroutine that a cell started would take the whole
// process down (the REPL, the kernel), since no recover on the cell's own
// goroutine can catch it. So every go statement is rewritten, on the same
// line, to recover and report the panic instead:
//
//	go f(x)   becomes   go func() { defer func() { tcpeduSession.Recovered(recover()) }(); f(x) }()
//
// One difference remains, which docs/07-interactive.md states: f's
// arguments are evaluated in the new goroutine, not before it starts.

// hiddenPath is the import path of the package holding Recovered; the
// session imports it under hiddenName, a name no learner will pick.
const (
	hiddenPath = "tcpedu/session"
	hiddenName = "tcpeduSession"
)

// hiddenExports is that package: Recovered reports a goroutine's panic
// on the session's stderr.
func (s *Session) hiddenExports() map[string]map[string]reflect.Value {
	return map[string]map[string]reflect.Value{
		hiddenPath + "/session": {
			"Recovered": reflect.ValueOf(func(r interface{}) {
				if r == nil {
					return
				}
				if v, ok := r.(reflect.Value); ok && v.IsValid() && v.CanInterface() {
					r = v.Interface()
				}
				fmt.Fprintf(s.opt.Stderr, "panic in a goroutine: %v (the goroutine stopped; the session goes on)\n", r)
			}),
		},
	}
}

// exitExports replaces os.Exit, which would end the REPL or the kernel
// along with the cell: in a session it panics instead, which stops the
// cell and says why.
func exitExports() map[string]map[string]reflect.Value {
	return map[string]map[string]reflect.Value{
		"os/os": {
			"Exit": reflect.ValueOf(func(code int) {
				panic(fmt.Sprintf("os.Exit(%d) would end the whole session, not just this cell: return, or panic, instead", code))
			}),
		},
	}
}

// guardGoroutines rewrites the item's go statements as above.
func guardGoroutines(it item) item {
	if !strings.Contains(it.src, "go") {
		return it
	}
	f, _, prefix := parseItem(it)
	if f == nil {
		return it
	}
	// Offsets into it.src of each go statement's keyword and call end.
	type edit struct{ start, callStart, end int }
	var edits []edit
	base := 1 + len(wrapping(prefix)) // token.Pos of it.src's first byte
	ast.Inspect(f, func(n ast.Node) bool {
		if g, ok := n.(*ast.GoStmt); ok {
			edits = append(edits, edit{int(g.Go) - base, int(g.Call.Pos()) - base, int(g.Call.End()) - base})
		}
		return true
	})
	if len(edits) == 0 {
		return it
	}
	sort.Slice(edits, func(i, j int) bool { return edits[i].start > edits[j].start }) // from the end, so offsets stay valid
	src := it.src
	for _, e := range edits {
		if e.start < 0 || e.end > len(src) {
			return it
		}
		src = src[:e.start] + "go func() { defer func() { " + hiddenName + ".Recovered(recover()) }(); " +
			src[e.callStart:e.end] + " }()" + src[e.end:]
	}
	it.src = src
	return it
}

// wrapping returns what parseItem put in front of an item to parse it.
func wrapping(prefix int) string {
	switch prefix {
	case 1:
		return filePrefix
	case 2:
		return bodyPrefix
	}
	return ""
}
