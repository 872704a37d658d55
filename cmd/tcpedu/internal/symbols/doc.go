// Package symbols makes tcpedu's packages visible to the yaegi
// interpreter, which runs the REPL and the notebooks: yaegi interprets the
// learner's code, and calls the compiled model through the tables in the
// generated files beside this one (one per package, made by yaegi
// extract). After changing an exported API, run
//
//	go generate ./cmd/tcpedu/internal/symbols
//
// CI fails when the tables are stale.
package symbols

import "reflect"

// Symbols maps each package's import path and name
// ("github.com/tcpedu/tcpedu/tcpedu/seq/seq") to its exported names, as
// interp.Interpreter.Use takes them.
var Symbols = map[string]map[string]reflect.Value{}

//go:generate go tool yaegi extract -name symbols github.com/tcpedu/tcpedu/tcpedu/seq github.com/tcpedu/tcpedu/tcpedu/checksum github.com/tcpedu/tcpedu/tcpedu/wire github.com/tcpedu/tcpedu/tcpedu/sim github.com/tcpedu/tcpedu/tcpedu/link github.com/tcpedu/tcpedu/tcpedu/arq github.com/tcpedu/tcpedu/tcpedu/cc github.com/tcpedu/tcpedu/tcpedu/tcp github.com/tcpedu/tcpedu/tcpedu/scenario github.com/tcpedu/tcpedu/tcpedu/bulk github.com/tcpedu/tcpedu/plots
