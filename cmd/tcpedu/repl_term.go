package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/tcpedu/tcpedu/cmd/tcpedu/internal/session"
	"golang.org/x/term"
)

// The REPL on a terminal: golang.org/x/term reads each line in raw mode,
// with line editing and history; each evaluation runs with the terminal
// back in its normal mode, where Ctrl-C is a signal that stops it.

// interactive runs the REPL on the terminal f.
func (r *repl) interactive(f *os.File) error {
	fd := int(f.Fd())
	watch := &ctrlCWatcher{r: f}
	t := term.NewTerminal(struct {
		io.Reader
		io.Writer
	}{watch, r.e.stdout}, "> ")
	t.History = openHistory()
	t.AutoCompleteCallback = r.tab

	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt)
	defer signal.Stop(sigs)
	go func() {
		for range sigs {
			r.interrupt()
		}
	}()

	fmt.Fprintln(r.e.stdout, "tcpedu repl: Go, run by yaegi v0.16, with the tcpedu model preloaded.")
	fmt.Fprintln(r.e.stdout, "Type :help for what to try first; Ctrl-D leaves.")
	var pending strings.Builder
	for !r.quit {
		old, err := term.MakeRaw(fd)
		if err != nil {
			return r.piped(f) // not a terminal after all
		}
		line, err := t.ReadLine()
		term.Restore(fd, old)
		if watch.take() { // Ctrl-C: drop what was typed, as a shell does
			fmt.Fprintln(r.e.stdout, "^C")
			pending.Reset()
			t.SetPrompt("> ")
			continue
		}
		if errors.Is(err, io.EOF) {
			fmt.Fprintln(r.e.stdout)
			return nil
		}
		if err != nil && !errors.Is(err, term.ErrPasteIndicator) {
			return err
		}
		if pending.Len() == 0 && r.command(strings.TrimSpace(line)) {
			continue
		}
		pending.WriteString(line + "\n")
		if !session.Complete(pending.String()) {
			t.SetPrompt("... ")
			continue
		}
		t.SetPrompt("> ")
		src := pending.String()
		pending.Reset()
		r.eval(src)
	}
	return nil
}

// tab completes the word before the cursor on Tab, as far as every
// candidate agrees (session.Completions): tcp.Sta becomes tcp.State.
func (r *repl) tab(line string, pos int, key rune) (string, int, bool) {
	if key != '\t' {
		return "", 0, false
	}
	runes := []rune(line)
	if pos > len(runes) {
		return "", 0, false
	}
	before := string(runes[:pos])
	matches, start := r.s.Completions(before, len(before))
	if len(matches) == 0 {
		return "", 0, false
	}
	common := matches[0]
	for _, m := range matches[1:] {
		for !strings.HasPrefix(m, common) {
			_, w := utf8.DecodeLastRuneInString(common)
			common = common[:len(common)-w]
		}
	}
	if len(common) <= len(before)-start {
		return "", 0, false // nothing to add
	}
	completed := before[:start] + common
	return completed + string(runes[pos:]), len([]rune(completed)), true
}

// ctrlCWatcher turns a Ctrl-C typed at the prompt into "clear the line and
// enter it" (End, Ctrl-U, Return), and notes that it came: x/term would
// report Ctrl-C as io.EOF, the same as Ctrl-D, and the REPL should clear
// the input, not leave.
type ctrlCWatcher struct {
	r    io.Reader
	mu   sync.Mutex
	seen bool
}

// clearLine is what a Ctrl-C becomes: End, Ctrl-U (erase to the start of
// the line), Return.
const clearLine = "\x05\x15\r"

func (w *ctrlCWatcher) Read(p []byte) (int, error) {
	buf := make([]byte, len(p)/len(clearLine)+1)
	n, err := w.r.Read(buf)
	in := buf[:n]
	if strings.IndexByte(string(in), 3) < 0 {
		return copy(p, in), err
	}
	w.mu.Lock()
	w.seen = true
	w.mu.Unlock()
	return copy(p, strings.ReplaceAll(string(in), "\x03", clearLine)), err
}

// take reports whether a Ctrl-C came since the last call.
func (w *ctrlCWatcher) take() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	seen := w.seen
	w.seen = false
	return seen
}

// historySize is how many lines the REPL remembers between sessions.
const historySize = 1000

// history is the REPL's history, kept in a file in the user's config
// folder (tcpedu/repl_history) so that the up arrow reaches yesterday's
// lines. Without a config folder it lives in memory only.
type history struct {
	lines []string // oldest first
	file  string
}

func openHistory() *history {
	h := &history{}
	dir, err := os.UserConfigDir()
	if err != nil {
		return h
	}
	h.file = filepath.Join(dir, "tcpedu", "repl_history")
	if f, err := os.Open(h.file); err == nil {
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			h.lines = append(h.lines, sc.Text())
		}
		f.Close()
	}
	if len(h.lines) > historySize {
		h.lines = h.lines[len(h.lines)-historySize:]
	}
	return h
}

// Add records a line, in memory and in the file; a failure to write the
// file only costs tomorrow's history.
func (h *history) Add(line string) {
	if strings.TrimSpace(line) == "" {
		return
	}
	h.lines = append(h.lines, line)
	if len(h.lines) > historySize {
		h.lines = h.lines[1:]
	}
	if h.file == "" {
		return
	}
	if err := os.MkdirAll(filepath.Dir(h.file), 0o755); err != nil {
		return
	}
	if f, err := os.OpenFile(h.file, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600); err == nil {
		fmt.Fprintln(f, line)
		f.Close()
	}
}

// Len returns how many lines are remembered.
func (h *history) Len() int { return len(h.lines) }

// At returns a line, 0 being the most recent.
func (h *history) At(i int) string { return h.lines[len(h.lines)-1-i] }
