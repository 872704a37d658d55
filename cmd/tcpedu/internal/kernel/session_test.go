package kernel

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tcpedu/tcpedu/cmd/tcpedu/internal/session"
)

// These run the kernel on a real yaegi session, as tcpedu kernel does
// (cmd/tcpedu/kernel_session.go holds the engine it uses; liveEngine is
// the smallest one that does the same for a test).

// liveEngine runs cells in a session, sending what they print to the
// running cell's Output.
type liveEngine struct {
	s   *session.Session
	mu  sync.Mutex
	out Output
}

func newLiveEngine(t *testing.T) *liveEngine {
	e := &liveEngine{}
	s, err := session.New(session.Options{Stdout: streamWriter{e, "stdout"}, Stderr: streamWriter{e, "stderr"}})
	require.NoError(t, err, "session.New")
	e.s = s
	return e
}

func (e *liveEngine) Execute(ctx context.Context, code string, out Output) (map[string]string, error) {
	e.mu.Lock()
	e.out = out
	e.mu.Unlock()
	res, err := e.s.Eval(ctx, code)
	return res.Value, err
}

func (e *liveEngine) IsComplete(code string) string { return "complete" }

func (e *liveEngine) Complete(code string, cursor int) ([]string, int) {
	return e.s.Completions(code, cursor)
}

type streamWriter struct {
	e    *liveEngine
	name string
}

func (w streamWriter) Write(p []byte) (int, error) {
	w.e.mu.Lock()
	out := w.e.out
	w.e.mu.Unlock()
	out.Stream(w.name, string(p))
	return len(p), nil
}

func TestARealSessionRefusesABadSignatureAndSurvivesAnInterrupt(t *testing.T) {
	tk := startKernel(t, newLiveEngine(t))

	first := tk.send(tk.shell, "execute_request", map[string]any{"code": "n := 0\nn"})
	assert.Equal(t, "ok", field(t, tk.reply(tk.shellIn, first), "status"), "the first cell")

	// A message signed with the wrong key is not run: n stays 0.
	bad, err := newMessage(tk.session, "execute_request", nil, map[string]any{"code": "n = 99"})
	require.NoError(t, err, "newMessage")
	tk.sendFrames(tk.shell, encode(bad, newSigner("not-the-key")))
	tk.noReply(tk.shellIn, bad.Header.MsgID, 300*time.Millisecond)
	assert.Contains(t, tk.log.String(), "refused a message on shell: the signature does not match the key")

	// A cell that never ends, interrupted from the control channel.
	busy := tk.send(tk.shell, "execute_request", map[string]any{"code": "for {\n\tn++\n}"})
	time.Sleep(200 * time.Millisecond) // let it spin
	intr := tk.send(tk.control, "interrupt_request", map[string]any{})
	assert.Equal(t, "ok", field(t, tk.reply(tk.controlIn, intr), "status"), "interrupt_reply")
	r := tk.reply(tk.shellIn, busy)
	assert.Equal(t, "error", field(t, r, "status"), "the busy cell ends in an error")
	assert.Equal(t, "Interrupted", field(t, r, "ename"))

	// The next cell runs in the same interpreter: n is still declared, it
	// counted while the loop ran, and the refused message never set it to 99.
	next := tk.send(tk.shell, "execute_request", map[string]any{"code": `fmt.Println(n > 0, n != 99)`})
	assert.Equal(t, "ok", field(t, tk.reply(tk.shellIn, next), "status"), "the cell after the interrupt")
	var streams []string
	for _, m := range tk.published(next) {
		if m.Header.MsgType == "stream" {
			streams = append(streams, field(t, m, "text").(string))
		}
	}
	assert.Equal(t, []string{"true true\n"}, streams, "what the next cell printed")
}

func TestARealSessionCompletesNames(t *testing.T) {
	tk := startKernel(t, newLiveEngine(t))
	run := tk.send(tk.shell, "execute_request", map[string]any{"code": "st := scenario.NewStage(1)\nconn := st.Connect()"})
	require.Equal(t, "ok", field(t, tk.reply(tk.shellIn, run), "status"))
	code := "// é\nconn.Snd"
	id := tk.send(tk.shell, "complete_request", map[string]any{"code": code, "cursor_pos": 13})
	r := tk.reply(tk.shellIn, id)
	assert.Equal(t, []any{"SndNxt", "SndUna", "SndWnd"}, field(t, r, "matches"))
	assert.EqualValues(t, 10, field(t, r, "cursor_start"), "in characters: é is one, though two bytes")
	assert.EqualValues(t, 13, field(t, r, "cursor_end"))
}
