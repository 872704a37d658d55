// Command tcpedu is the front door to the tcpedu model of TCP: it decodes
// real packets field by field and takes a new learner on a tour.
//
//	tcpedu tour                      the guided tour: start here
//	tcpedu decode FILE.pcap          explain every packet of a capture
//	tcpedu decode --hex 4500003c...  explain one IP packet given as hex
//	tcpedu arq --protocol gbn --ladder  reliable transfer, drawn as a ladder diagram
//	tcpedu scenario handshake        a connection's story, with every state change
//	tcpedu repl                      a Go prompt with the model preloaded
//
// Every subcommand has --help. Errors are one sentence on stderr and a
// non-zero exit status: 1 for bad input or a failed run, 2 for bad usage.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

// command is one subcommand of tcpedu.
type command struct {
	name    string
	summary string
	run     func(e *env, args []string) error
}

// env is what a subcommand may touch: its streams. Tests pass buffers.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

// commands lists the subcommands; help prints them in this order.
var commands = []command{
	{"tour", "a guided tour of tcpedu, starting from a real TCP handshake", runTour},
	{"decode", "explain the TCP/UDP/IP headers of captured packets, field by field", runDecode},
	{"arq", "reliable transfer over a lossy link: stop-and-wait, Go-Back-N, Selective Repeat, SACK", runArq},
	{"scenario", "a connection's life as a ladder diagram: handshake, close, TIME-WAIT, resets, losses", runScenario},
	{"sim", "one bulk TCP transfer through a bottleneck: goodput, losses, and a cwnd trace", runSim},
	{"rounds", "the textbook model of cwnd and ssthresh, one transmission round per row", runRounds},
	{"plot", "the figures that explain TCP, as PNG or SVG: cwnd, Stevens graph, RTT, Mathis, ARQ, ladders", runPlot},
	{"grade", "grade your exercises: points per exercise, and a hint for each first failure", runGrade},
	{"repl", "an interactive Go prompt with the model preloaded (yaegi): type Go, see its value", runRepl},
	{"notebook", "run Jupyter notebooks of Go cells headless, writing their outputs back", runNotebook},
	{"kernel", "the Jupyter kernel: install its kernelspec, or serve a notebook (Jupyter starts it)", runKernel},
}

// Exit statuses.
const (
	exitOK       = 0
	exitFailure  = 1  // bad input, or the run failed
	exitUsage    = 2  // bad command line
	exitInternal = 70 // a bug in tcpedu (EX_SOFTWARE)
)

func main() {
	if supervised(os.Args[1:]) {
		os.Exit(superviseChild(os.Args[1:])) // see supervise.go
	}
	limitChildStack()
	os.Exit(run(os.Args[1:], &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr}))
}

// run executes one command line and returns the exit status. A panic is a
// bug in tcpedu; it becomes one sentence, never a stack trace.
func run(args []string, e *env) (status int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(e.stderr, "tcpedu: internal error: %v (a bug in tcpedu; please report the command you ran)\n", r)
			status = exitInternal
		}
	}()
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		if len(args) > 1 {
			return run([]string{args[1], "--help"}, e)
		}
		printUsage(e.stdout)
		return exitOK
	}
	cmd, ok := lookup(args[0])
	if !ok {
		fmt.Fprintf(e.stderr, "tcpedu: unknown command %q; the commands are %s (run 'tcpedu help')\n", args[0], commandNames())
		return exitUsage
	}
	err := cmd.run(e, args[1:])
	var ue usageError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &ue):
		fmt.Fprintf(e.stderr, "tcpedu %s: %v (run 'tcpedu %s --help')\n", cmd.name, ue.err, cmd.name)
		return exitUsage
	default:
		fmt.Fprintf(e.stderr, "tcpedu %s: %v\n", cmd.name, err)
		return exitFailure
	}
}

func lookup(name string) (command, bool) {
	for _, c := range commands {
		if c.name == name {
			return c, true
		}
	}
	return command{}, false
}

func commandNames() string {
	names := make([]string, len(commands))
	for i, c := range commands {
		names[i] = c.name
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

func printUsage(w io.Writer) {
	fmt.Fprint(w, `tcpedu: learn TCP by reading, running and changing a model of it.

Usage: tcpedu COMMAND [flags] [arguments]

Commands:
`)
	for _, c := range commands {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprint(w, `
Run 'tcpedu COMMAND --help' for a command's flags. New here? Run 'tcpedu tour'.
`)
}

// usageError marks a mistake on the command line (exit status 2).
type usageError struct{ err error }

func (u usageError) Error() string { return u.err.Error() }

// usagef returns a usageError with a formatted message.
func usagef(format string, args ...any) error { return usageError{fmt.Errorf(format, args...)} }

// parseFlags parses args with fs, allowing flags before and after the
// positional arguments (as in 'tcpedu decode capture.pcap --json'), and
// returns the positional arguments. --help prints usage and returns
// flag.ErrHelp, which callers pass up as success.
func parseFlags(fs *flag.FlagSet, args []string, usage string, stdout io.Writer) ([]string, error) {
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fmt.Fprint(stdout, usage)
				fs.SetOutput(stdout)
				fs.PrintDefaults()
				return nil, flag.ErrHelp
			}
			return nil, usageError{err}
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return positional, nil
		}
		// fs.Parse stopped at a positional argument (or after "--"): keep
		// it, and parse what follows it as flags again.
		if len(args) > len(rest) && args[len(args)-len(rest)-1] == "--" {
			return append(positional, rest...), nil
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
}
