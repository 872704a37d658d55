package main

import (
	"bufio"
	"context"
	"encoding/base64"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/tcpedu/tcpedu/cmd/tcpedu/internal/session"
	"golang.org/x/term"
)

const replUsage = `Usage: tcpedu repl [--timeout D]

An interactive Go prompt with the tcpedu model preloaded, run by the
yaegi interpreter: type Go, see its value. What one line declares, the
next can use. A line that is not finished (an open brace, a trailing
operator) asks for more with "...". Type :help for what to try first.

On a terminal: line editing, Tab to complete a name (tcp.Sta, c.Snd),
history (up and down arrows, kept in your config folder), Ctrl-C stops a long evaluation and keeps the session
(or clears the line you are typing), Ctrl-D leaves. With stdin from a
pipe or a file it runs the lines without prompts, goes on after an
error, and exits with status 1 if any line failed.

Flags:
`

// replHelp is :help.
const replHelp = `Preloaded: seq checksum wire sim link arq cc tcp scenario bulk plots display,
and errors fmt math os sort strings time. Import others: import "net/netip".

Try first:
  x := seq.Num(4294967290)          a sequence number near the top of the space
  x.Add(10)                         wraps around 2^32 to 4
  x.LessThan(x.Add(10))             true: comparison handles the wrap (RFC 9293 §3.4)

  st := scenario.NewStage(1)        two hosts, one link each way
  st.Listen(func(c *tcp.Endpoint) {})
  c := st.Connect()                 the client sends its SYN
  c.State()                         SYN-SENT
  st.Sim.Step()                     one event at a time; repeat and watch c.State()
  st.Sim.RunFor(time.Second)        let the handshake finish: ESTABLISHED

  res, _ := scenario.Run("handshake", 1)
  scenario.WriteLadder(os.Stdout, res)       the handshake as a ladder diagram

  r, _ := bulk.Run(bulk.Config{Duration: 2 * time.Second, Trace: true})
  r.GoodputBps                                bits per second the receiver read
  fig, _ := plots.Cwnd(r)
  fig                                         a figure is saved as a PNG; its path is printed

Commands: :help, :reset (a fresh interpreter), :quit (or Ctrl-D).
What yaegi v0.16 does not run: range over an int or a func, min/max/clear,
generics, func main. See docs/07-interactive.md.
`

// runRepl is tcpedu repl.
func runRepl(e *env, args []string) error {
	fs := flag.NewFlagSet("repl", flag.ContinueOnError)
	timeout := fs.Duration("timeout", 0, "stop an evaluation that runs longer than this (0: no limit; Ctrl-C always works)")
	rest, err := parseFlags(fs, args, replUsage, e.stdout)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usagef("repl takes no arguments, only flags; pipe a file in to run it: tcpedu repl < FILE")
	}
	if *timeout < 0 {
		return usagef("--timeout must not be negative")
	}
	log.SetOutput(io.Discard) // yaegi's own log lines; the session explains its failures
	r := &repl{e: e, timeout: *timeout, errOut: e.stderr}
	f, ok := e.stdin.(*os.File)
	tty := ok && term.IsTerminal(int(f.Fd()))
	if tty {
		// On a terminal, errors go where the prompt goes, in order with
		// it (stderr may pass through tcpedu's supervisor: supervise.go).
		r.errOut = e.stdout
	}
	if err := r.reset(); err != nil {
		return err
	}
	if tty {
		return r.interactive(f)
	}
	return r.piped(e.stdin)
}

// repl is one REPL: its session and where its output goes.
type repl struct {
	e       *env
	timeout time.Duration
	s       *session.Session
	errOut  io.Writer // where errors go: stderr, or on a terminal stdout
	failed  int       // evaluations that failed, for the exit status of a script
	quit    bool      // :quit was typed
	figDir  string    // where figures are saved, made at the first one
	figures int
	mu      sync.Mutex
	cancel  context.CancelFunc // of the running evaluation, or nil
}

// reset starts a fresh session.
func (r *repl) reset() error {
	s, err := session.New(session.Options{Stdout: r.e.stdout, Stderr: r.errOut, Display: r.display, Timeout: r.timeout})
	if err != nil {
		return err
	}
	r.s = s
	return nil
}

// piped runs lines from a pipe or a file: no prompts, and on to the next
// input after an error.
func (r *repl) piped(in io.Reader) error {
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt)
	defer signal.Stop(sigs)
	go func() {
		for range sigs {
			if !r.interrupt() {
				os.Exit(130) // nothing running: Ctrl-C ends the script, as in a shell
			}
		}
	}()
	br := bufio.NewReader(in)
	var pending strings.Builder
	for {
		line, err := br.ReadString('\n')
		if line != "" {
			if pending.Len() == 0 && r.command(strings.TrimSpace(line)) {
				if r.quit {
					break
				}
			} else {
				pending.WriteString(line)
				if src := pending.String(); session.Complete(src) {
					pending.Reset()
					r.eval(src)
				}
			}
		}
		if err != nil {
			break
		}
	}
	if src := pending.String(); strings.TrimSpace(src) != "" {
		r.eval(src) // an unfinished last input: let the session say what is missing
	}
	if r.failed > 0 {
		return fmt.Errorf("%s of the input failed (each error is above)", plural(r.failed, "evaluation"))
	}
	return nil
}

// command runs a REPL command (":help"), reporting whether line was one.
func (r *repl) command(line string) bool {
	if !strings.HasPrefix(line, ":") {
		return false
	}
	switch line {
	case ":help", ":h", ":?":
		fmt.Fprint(r.e.stdout, replHelp)
	case ":reset":
		if err := r.reset(); err != nil {
			fmt.Fprintf(r.errOut, "reset: %v\n", err)
		} else {
			fmt.Fprintln(r.e.stdout, "a fresh interpreter: everything declared so far is gone")
		}
	case ":quit", ":q", ":exit":
		r.quit = true
	default:
		fmt.Fprintf(r.errOut, "unknown command %s; the commands are :help, :reset and :quit\n", line)
	}
	return true
}

// eval runs one input and prints its value or its error.
func (r *repl) eval(src string) {
	if strings.TrimSpace(src) == "" {
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	r.mu.Lock()
	r.cancel = cancel
	r.mu.Unlock()
	res, err := r.s.Eval(ctx, src)
	r.mu.Lock()
	r.cancel = nil
	r.mu.Unlock()
	cancel()
	if err != nil {
		r.failed++
		fmt.Fprintln(r.errOut, describeEvalError(err, strings.Count(strings.TrimRight(src, "\n"), "\n") > 0))
		return
	}
	if text, ok := res.Value[session.MIMEPlain]; ok {
		fmt.Fprintln(r.e.stdout, text)
	}
}

// interrupt stops the running evaluation, reporting whether there was one.
func (r *repl) interrupt() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.cancel == nil {
		return false
	}
	r.cancel()
	return true
}

// describeEvalError is an evaluation's error as the REPL prints it: its
// kind in words, then the sentence; the line only when the input had
// several.
func describeEvalError(err error, multiline bool) string {
	var se *session.Error
	if !errors.As(err, &se) {
		return "error: " + err.Error()
	}
	msg := se.Msg
	if multiline && se.Line > 0 {
		msg = fmt.Sprintf("line %d: %s", se.Line, msg)
	}
	switch se.Kind {
	case session.SyntaxError:
		return "syntax error: " + msg
	case session.CompileError:
		return "compile error: " + msg
	case session.Unsupported:
		return "not supported: " + msg
	case session.TimedOut:
		return "timed out: " + msg
	}
	return msg // "panic: …", "interrupted"
}

// display shows a picture by saving it, and Markdown as its text.
func (r *repl) display(b session.Bundle) {
	png, ok := b[session.MIMEPNG]
	if !ok {
		text := b[session.MIMEMarkdown]
		if text == "" {
			text = b[session.MIMEPlain]
		}
		fmt.Fprintln(r.e.stdout, text)
		return
	}
	data, err := base64.StdEncoding.DecodeString(png)
	if err == nil && r.figDir == "" {
		r.figDir, err = os.MkdirTemp("", "tcpedu-repl-")
	}
	if err != nil {
		fmt.Fprintf(r.errOut, "could not save the figure: %v\n", err)
		return
	}
	r.figures++
	name := filepath.Join(r.figDir, fmt.Sprintf("figure-%d.png", r.figures))
	if err := os.WriteFile(name, data, 0o644); err != nil {
		fmt.Fprintf(r.errOut, "could not save the figure: %v\n", err)
		return
	}
	fmt.Fprintf(r.e.stdout, "%s saved to %s\n", strings.TrimSuffix(strings.TrimPrefix(b[session.MIMEPlain], "["), "]"), name)
}
