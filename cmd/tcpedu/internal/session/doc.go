// Package session runs a learner's Go, a cell or a line at a time, under
// the yaegi interpreter, with the tcpedu model preloaded. The REPL, the
// notebook runner and the Jupyter kernel are three front ends to it.
//
// A Session is one interpreter: what one cell defines, the next can use.
// It adds what a bare interpreter lacks for teaching:
//
//   - split.go cuts a cell into top-level statements and declarations, so
//     that a cell may mix them (yaegi alone takes either a file of
//     declarations or a run of statements), and tells a finished input
//     from one that needs another line (Complete).
//   - check.go refuses, before running, the Go that yaegi v0.16 gets
//     wrong or cannot run, with one sentence saying what to write instead:
//     range over an integer or a function, the min, max and clear
//     builtins, generic code, func main, a defer at the top of a cell,
//     and a parallel assignment that mixes a value and a call.
//   - rewrite.go and goroutine.go rewrite what yaegi gets wrong but can
//     run another way: a compound statement runs as a func of its own, an
//     import already done is skipped, a go statement recovers its own
//     panic, and os.Exit panics instead of ending the host.
//   - explain.go turns what yaegi reports (a syntax error, a compile
//     error, a panic, an interrupt, a time limit) into an *Error: a kind,
//     the line of the cell, and one readable sentence; undeclared.go
//     finds the name behind yaegi's "constant definition loop".
//   - display.go is the "display" package every session preloads, for
//     inline Markdown and pictures; a cell whose last expression is a
//     *plots.Figure shows it without being asked.
//   - complete.go completes a name for Tab in the REPL and Jupyter.
//   - session.go ties them together: New, Eval, and the result of a cell.
//
// Everything the session's code prints goes to the writers in Options,
// including what compiled model code prints to os.Stdout, so a notebook
// sees all of it.
package session
