package kernel

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestCutRuneTail(t *testing.T) {
	euro := "€" // three bytes: e2 82 ac
	tests := []struct {
		s    string
		want int
	}{
		{"", 0},
		{"abc", 0},
		{"caf" + "é", 0},
		{"caf" + "é"[:1], 1},
		{"x" + euro[:1], 1},
		{"x" + euro[:2], 2},
		{"x" + euro, 0},
		{"x\x82", 0}, // a stray continuation byte: nothing more will complete it
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, cutRuneTail(tt.s), "cutRuneTail(%q)", tt.s)
	}
}

// streamed returns the text of the stream messages among ms, and how many there were.
func streamed(t *testing.T, ms []Message) (string, int) {
	var b strings.Builder
	n := 0
	for _, m := range ms {
		if m.Header.MsgType == "stream" {
			b.WriteString(field(t, m, "text").(string))
			n++
		}
	}
	return b.String(), n
}

func TestStreamKeepsSplitCharacters(t *testing.T) {
	tk := startKernel(t, &fakeEngine{})
	id := tk.send(tk.shell, "execute_request", map[string]any{"code": "split"})
	got := tk.published(id)
	text, n := streamed(t, got)
	assert.Equal(t, "café\n", text, "stdout of a cell that cut é in two")
	assert.Equal(t, 2, n, "stream messages, the first flushed by the timer: %s", summary(got))
}

func TestStreamCoalesces(t *testing.T) {
	tk := startKernel(t, &fakeEngine{})
	id := tk.send(tk.shell, "execute_request", map[string]any{"code": "many"})
	text, n := streamed(t, tk.published(id))
	assert.Equal(t, strings.Repeat("x\n", 20000), text, "stdout of 20,000 writes")
	assert.LessOrEqual(t, n, 40000/flushSize+5, "stream messages for 40,000 bytes in 20,000 writes")
}

func TestOutputAfterTheCellIsDropped(t *testing.T) {
	engine := &fakeEngine{}
	tk := startKernel(t, engine)
	first := tk.send(tk.shell, "execute_request", map[string]any{"code": "first"})
	tk.published(first)
	late := engine.LastOut()
	late.Stream("stdout", "too late\n")
	late.Display(map[string]string{"text/plain": "too late"})
	time.Sleep(2 * flushDelay) // long enough for a pending stream to be published

	second := tk.send(tk.shell, "execute_request", map[string]any{"code": "print"})
	var all []Message // everything on iopub until the second cell is idle
	for done := false; !done; {
		select {
		case m := <-tk.iopubIn:
			all = append(all, m)
			done = parentID(m) == second && m.Header.MsgType == "status" && field(t, m, "execution_state") == "idle"
		case <-time.After(wait):
			t.Fatalf("iopub did not go idle after the second cell; got %s", summary(all))
		}
	}
	for _, m := range all {
		assert.NotEqual(t, first, parentID(m), "iopub carried a %s from the first cell after its end", m.Header.MsgType)
	}
	text, _ := streamed(t, all)
	assert.NotContains(t, text, "too late", "iopub after the first cell")
}
