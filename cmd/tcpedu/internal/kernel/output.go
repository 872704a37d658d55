package kernel

import (
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// Streams are coalesced: a cell that prints a line at a time in a loop
// would otherwise send one message per line. Text waits at most
// flushDelay, or until flushSize bytes are pending, before it is
// published; a change of stream, a display and the end of the cell flush
// it first, so that everything arrives in the order the cell made it.
const (
	flushDelay = 50 * time.Millisecond
	flushSize  = 8 << 10 // bytes
)

// cellOutput is the Output one cell writes to: it publishes stream and
// display_data messages on iopub with the execute_request as their parent
// (messaging.html §"Streams (stdout, stderr, etc)" and §"Display Data").
// It is safe for use from any goroutine; after close it drops everything,
// so that a cell that outlives its interrupt cannot write into the next.
type cellOutput struct {
	k      *Kernel
	parent *Message
	silent bool // execute_request's silent: nothing goes to iopub

	mu      sync.Mutex
	name    string          // the stream the pending text belongs to
	pending strings.Builder // text not yet published
	timer   *time.Timer     // publishes pending after flushDelay; nil when none is set
	closed  bool
}

// newCellOutput returns the Output of the cell parent asks to run.
func newCellOutput(k *Kernel, parent *Message, silent bool) *cellOutput {
	return &cellOutput{k: k, parent: parent, silent: silent}
}

// Stream adds text to stream name ("stdout" or "stderr"; anything else is
// taken as "stdout").
func (o *cellOutput) Stream(name, text string) {
	if name != "stderr" {
		name = "stdout"
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.closed || o.silent || text == "" {
		return
	}
	if o.pending.Len() > 0 && name != o.name {
		o.flushLocked(true)
	}
	o.name = name
	o.pending.WriteString(text)
	if o.pending.Len() >= flushSize {
		o.flushLocked(false)
		return
	}
	if o.timer == nil {
		o.timer = time.AfterFunc(flushDelay, o.flush)
	}
}

// Display publishes bundle as display_data, after any pending text.
func (o *cellOutput) Display(bundle map[string]string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.closed || o.silent || len(bundle) == 0 {
		return
	}
	o.flushLocked(true)
	o.k.publish(o.parent, "display_data", map[string]any{
		"data": bundle, "metadata": map[string]any{}, "transient": map[string]any{},
	})
}

// close publishes what is pending and drops all later output. The kernel
// calls it before execute_reply and status idle.
func (o *cellOutput) close() {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.flushLocked(true)
	o.closed = true
}

// flush publishes pending text; the timer calls it.
func (o *cellOutput) flush() {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.flushLocked(false)
}

// flushLocked publishes pending text as one stream message. Unless all is
// set, it keeps back the bytes of a character cut in two by the writer,
// so that the next write completes it instead of both halves becoming
// U+FFFD. o.mu must be held.
func (o *cellOutput) flushLocked(all bool) {
	if o.timer != nil {
		o.timer.Stop()
		o.timer = nil
	}
	text := o.pending.String()
	keep := 0
	if !all {
		keep = cutRuneTail(text)
	}
	if len(text)-keep == 0 || o.closed {
		return
	}
	o.k.publish(o.parent, "stream", map[string]string{"name": o.name, "text": text[:len(text)-keep]})
	o.pending.Reset()
	o.pending.WriteString(text[len(text)-keep:])
	if keep > 0 {
		o.timer = time.AfterFunc(flushDelay, o.flush)
	}
}

// cutRuneTail returns how many bytes at the end of s are the start of a
// UTF-8 character whose remaining bytes have not arrived yet (0 to 3).
func cutRuneTail(s string) int {
	for n := 1; n < utf8.UTFMax && n <= len(s); n++ {
		b := s[len(s)-n]
		if utf8.RuneStart(b) {
			if !utf8.FullRuneInString(s[len(s)-n:]) {
				return n
			}
			return 0
		}
	}
	return 0
}
