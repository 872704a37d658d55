package kernel

import (
	"testing"
	"time"

	"github.com/go-zeromq/zmq4"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Each test is a scenario from messaging.html, played by a client against
// a real kernel on loopback; failures print what iopub carried.

func TestKernelInfo(t *testing.T) {
	tk := startKernel(t, &fakeEngine{})
	for _, ch := range []struct {
		name string
		sock zmq4.Socket
		in   chan Message
	}{{"shell", tk.shell, tk.shellIn}, {"control", tk.control, tk.controlIn}} {
		id := tk.send(ch.sock, "kernel_info_request", map[string]any{})
		r := tk.reply(ch.in, id)
		assert.Equal(t, "kernel_info_reply", r.Header.MsgType, "reply on %s", ch.name)
		c := content(t, r)
		assert.Equal(t, "ok", c["status"], "status")
		assert.Equal(t, "5.3", c["protocol_version"], "protocol_version")
		assert.Equal(t, "tcpedu", c["implementation"], "implementation")
		assert.Equal(t, "test banner", c["banner"], "banner")
		assert.NotEmpty(t, c["help_links"], "help_links")
		li, ok := c["language_info"].(map[string]any)
		require.True(t, ok, "language_info is an object: %v", c["language_info"])
		assert.Equal(t, "go", li["name"], "language_info.name")
		assert.Equal(t, ".go", li["file_extension"], "language_info.file_extension")
		assert.Equal(t, "text/x-go", li["mimetype"], "language_info.mimetype")
		assert.Equal(t, "go", li["pygments_lexer"], "language_info.pygments_lexer")
		assert.Equal(t, "go", li["codemirror_mode"], "language_info.codemirror_mode")
		assert.NotEmpty(t, li["version"], "language_info.version")

		got := tk.published(id)
		assert.Equal(t, "[status:busy status:idle]", summary(got), "iopub for kernel_info on %s", ch.name)
	}
}

func TestExecuteStreamsThenResult(t *testing.T) {
	tk := startKernel(t, &fakeEngine{})
	id := tk.send(tk.shell, "execute_request", map[string]any{"code": "print", "silent": false, "store_history": true})
	r := tk.reply(tk.shellIn, id)
	assert.Equal(t, "execute_reply", r.Header.MsgType, "reply type")
	assert.Equal(t, "ok", field(t, r, "status"), "execute_reply status")
	assert.EqualValues(t, 1, field(t, r, "execution_count"), "execute_reply execution_count")

	got := tk.published(id)
	require.Equal(t, "[status:busy execute_input stream:stdout stream:stderr display_data execute_result status:idle]", summary(got), "iopub in order")
	assert.Equal(t, "print", field(t, got[1], "code"), "execute_input code")
	assert.EqualValues(t, 1, field(t, got[1], "execution_count"), "execute_input execution_count")
	assert.Equal(t, "hello\nworld\n", field(t, got[2], "text"), "stdout, two writes coalesced")
	assert.Equal(t, "careful\n", field(t, got[3], "text"), "stderr")
	assert.Equal(t, map[string]any{"text/markdown": "**bold**", "image/png": "iVBORw0KGgo="}, field(t, got[4], "data"), "display_data data")
	assert.Equal(t, map[string]any{"text/plain": "42"}, field(t, got[5], "data"), "execute_result data")
	assert.EqualValues(t, 1, field(t, got[5], "execution_count"), "execute_result execution_count")

	// The count goes up for each cell that stores history, and only those.
	id = tk.send(tk.shell, "execute_request", map[string]any{"code": "x", "silent": false})
	assert.EqualValues(t, 2, field(t, tk.reply(tk.shellIn, id), "execution_count"), "second cell's execution_count")
	id = tk.send(tk.shell, "execute_request", map[string]any{"code": "y", "silent": false, "store_history": false})
	assert.EqualValues(t, 2, field(t, tk.reply(tk.shellIn, id), "execution_count"), "execution_count after store_history false")
	assert.Equal(t, "[status:busy execute_input execute_result status:idle]", summary(tk.published(id)), "iopub with store_history false")

	id = tk.send(tk.shell, "execute_request", map[string]any{"code": "print", "silent": true})
	r = tk.reply(tk.shellIn, id)
	assert.Equal(t, "ok", field(t, r, "status"), "silent execute_reply status")
	assert.EqualValues(t, 2, field(t, r, "execution_count"), "execution_count after a silent cell")
	assert.Equal(t, "[status:busy status:idle]", summary(tk.published(id)), "iopub for a silent cell: nothing but status")
	assert.Equal(t, []string{"print", "x", "y", "print"}, tk.engine.(*fakeEngine).Calls(), "cells run, in order, on one engine")
}

func TestExecuteError(t *testing.T) {
	tk := startKernel(t, &fakeEngine{})
	for _, tt := range []struct {
		code, ename, evalue string
	}{
		{"fail", "SyntaxError", "1:5: expected operand"},
		{"panic", "Panic", "the interpreter panicked: boom"},
	} {
		id := tk.send(tk.shell, "execute_request", map[string]any{"code": tt.code})
		r := tk.reply(tk.shellIn, id)
		c := content(t, r)
		assert.Equal(t, "error", c["status"], "%s: execute_reply status", tt.code)
		assert.Equal(t, tt.ename, c["ename"], "%s: execute_reply ename", tt.code)
		assert.Equal(t, tt.evalue, c["evalue"], "%s: execute_reply evalue", tt.code)
		assert.NotEmpty(t, c["traceback"], "%s: execute_reply traceback", tt.code)

		got := tk.published(id)
		require.Equal(t, "[status:busy execute_input error status:idle]", summary(got), "%s: iopub", tt.code)
		assert.Equal(t, tt.ename, field(t, got[2], "ename"), "%s: error ename", tt.code)
	}
	// The kernel is still there.
	id := tk.send(tk.shell, "execute_request", map[string]any{"code": "after"})
	assert.Equal(t, "ok", field(t, tk.reply(tk.shellIn, id), "status"), "a cell after the failures")
}

func TestRefusesBadlySignedMessages(t *testing.T) {
	tk := startKernel(t, &fakeEngine{})
	m, err := newMessage(tk.session, "execute_request", nil, map[string]any{"code": "rm -rf"})
	require.NoError(t, err, "newMessage")

	badKey := encode(m, newSigner("not the key"))
	unsigned := encode(m, newSigner("test-key"))
	unsigned[1] = []byte{}
	tampered := encode(m, newSigner("test-key"))
	tampered[len(tampered)-1] = []byte(`{"code": "something else"}`)
	noDelimiter := [][]byte{[]byte("garbage")}
	short := encode(m, newSigner("test-key"))[:4]

	for _, tt := range []struct {
		name   string
		frames [][]byte
		log    string
	}{
		{"signed with another key", badKey, "refused a message on shell: the signature does not match the key"},
		{"unsigned", unsigned, "refused a message on shell: the message is not signed"},
		{"changed after signing", tampered, "refused a message on shell: the signature does not match the key"},
		{"no delimiter", noDelimiter, "no <IDS|MSG> delimiter"},
		{"too few frames", short, "fewer than the 5 frames"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			tk.sendFrames(tk.shell, tt.frames)
			// Shell serves requests in order: when this one is answered,
			// the refused one has been dealt with.
			id := tk.send(tk.shell, "kernel_info_request", map[string]any{})
			tk.reply(tk.shellIn, id)
			tk.noReply(tk.shellIn, m.Header.MsgID, 50*time.Millisecond)
			assert.Empty(t, tk.engine.(*fakeEngine).Calls(), "the engine ran a refused message")
			assert.Contains(t, tk.log.String(), tt.log, "log")
		})
	}
	assert.NotContains(t, tk.log.String(), "rm -rf", "the log repeats what a refused message says")
}

func TestInterrupt(t *testing.T) {
	engine := &fakeEngine{started: make(chan struct{}, 1)}
	tk := startKernel(t, engine)
	id := tk.send(tk.shell, "execute_request", map[string]any{"code": "block"})
	select {
	case <-engine.started:
	case <-time.After(wait):
		t.Fatalf("the cell did not start within %v", wait)
	}

	// Control is served while the cell runs.
	info := tk.send(tk.control, "kernel_info_request", map[string]any{})
	assert.Equal(t, "kernel_info_reply", tk.reply(tk.controlIn, info).Header.MsgType, "kernel_info on control during a cell")

	intr := tk.send(tk.control, "interrupt_request", map[string]any{})
	assert.Equal(t, "ok", field(t, tk.reply(tk.controlIn, intr), "status"), "interrupt_reply status")

	r := tk.reply(tk.shellIn, id)
	assert.Equal(t, "error", field(t, r, "status"), "execute_reply status of the interrupted cell")
	assert.Equal(t, "Interrupted", field(t, r, "ename"), "execute_reply ename")
	assert.Equal(t, "the cell was interrupted", field(t, r, "evalue"), "execute_reply evalue")
	assert.Equal(t, "[status:busy execute_input error status:idle]", summary(tk.published(id)), "iopub of the interrupted cell")

	// The next cell runs on the same engine, and is not interrupted.
	next := tk.send(tk.shell, "execute_request", map[string]any{"code": "next"})
	r = tk.reply(tk.shellIn, next)
	assert.Equal(t, "ok", field(t, r, "status"), "execute_reply status of the next cell")
	assert.EqualValues(t, 2, field(t, r, "execution_count"), "execution_count of the next cell")
	assert.Equal(t, []string{"block", "next"}, engine.Calls(), "cells on the engine")

	// An interrupt between cells does nothing.
	intr = tk.send(tk.control, "interrupt_request", map[string]any{})
	assert.Equal(t, "ok", field(t, tk.reply(tk.controlIn, intr), "status"), "interrupt_reply between cells")
	after := tk.send(tk.shell, "execute_request", map[string]any{"code": "after"})
	assert.Equal(t, "ok", field(t, tk.reply(tk.shellIn, after), "status"), "a cell after an idle interrupt")
}

func TestInterruptMethod(t *testing.T) {
	// SIGINT reaches the kernel as a call to Interrupt.
	engine := &fakeEngine{started: make(chan struct{}, 1)}
	tk := startKernel(t, engine)
	id := tk.send(tk.shell, "execute_request", map[string]any{"code": "block"})
	<-engine.started
	tk.k.Interrupt()
	assert.Equal(t, "Interrupted", field(t, tk.reply(tk.shellIn, id), "ename"), "execute_reply ename after Interrupt")
}

func TestShutdown(t *testing.T) {
	for _, channel := range []string{"control", "shell"} {
		t.Run(channel, func(t *testing.T) {
			tk := startKernel(t, &fakeEngine{})
			sock, in := tk.control, tk.controlIn
			if channel == "shell" {
				sock, in = tk.shell, tk.shellIn
			}
			id := tk.send(sock, "shutdown_request", map[string]any{"restart": true})
			r := tk.reply(in, id)
			assert.Equal(t, "shutdown_reply", r.Header.MsgType, "reply type")
			assert.Equal(t, "ok", field(t, r, "status"), "shutdown_reply status")
			assert.Equal(t, true, field(t, r, "restart"), "shutdown_reply echoes restart")
			assert.NoError(t, tk.waitRun(), "Run after shutdown_request")
		})
	}
}

func TestShutdownDuringCell(t *testing.T) {
	engine := &fakeEngine{started: make(chan struct{}, 1)}
	tk := startKernel(t, engine)
	tk.send(tk.shell, "execute_request", map[string]any{"code": "block"})
	<-engine.started
	id := tk.send(tk.control, "shutdown_request", map[string]any{"restart": false})
	assert.Equal(t, false, field(t, tk.reply(tk.controlIn, id), "restart"), "shutdown_reply restart")
	assert.NoError(t, tk.waitRun(), "Run after shutdown_request during a cell")
}

func TestHeartbeat(t *testing.T) {
	tk := startKernel(t, &fakeEngine{})
	for _, ping := range []string{"ping", "\x00binary\xff"} {
		require.NoError(t, tk.hb.Send(zmq4.NewMsgString(ping)), "send %q on hb", ping)
		echo := make(chan zmq4.Msg, 1)
		go func() {
			m, _ := tk.hb.Recv()
			echo <- m
		}()
		select {
		case m := <-echo:
			assert.Equal(t, [][]byte{[]byte(ping)}, m.Frames, "heartbeat echo")
		case <-time.After(wait):
			t.Fatalf("no heartbeat echo within %v", wait)
		}
	}
}

func TestSmallRequests(t *testing.T) {
	tk := startKernel(t, &fakeEngine{})
	tests := []struct {
		request string
		content map[string]any
		reply   string
		want    map[string]any
	}{
		{"is_complete_request", map[string]any{"code": "x := 1"}, "is_complete_reply", map[string]any{"status": "complete"}},
		{"is_complete_request", map[string]any{"code": "func f() {"}, "is_complete_reply", map[string]any{"status": "incomplete", "indent": ""}},
		{"is_complete_request", map[string]any{"code": "}"}, "is_complete_reply", map[string]any{"status": "invalid"}},
		{"comm_info_request", map[string]any{}, "comm_info_reply", map[string]any{"status": "ok", "comms": map[string]any{}}},
		{"history_request", map[string]any{"hist_access_type": "tail", "n": 10}, "history_reply", map[string]any{"status": "ok", "history": []any{}}},
		{"complete_request", map[string]any{"code": "fmt.Pr", "cursor_pos": 6}, "complete_reply",
			map[string]any{"status": "ok", "matches": []any{}, "cursor_start": 6.0, "cursor_end": 6.0, "metadata": map[string]any{}}},
		{"inspect_request", map[string]any{"code": "fmt", "cursor_pos": 1, "detail_level": 0}, "inspect_reply",
			map[string]any{"status": "ok", "found": false, "data": map[string]any{}, "metadata": map[string]any{}}},
	}
	for _, tt := range tests {
		id := tk.send(tk.shell, tt.request, tt.content)
		r := tk.reply(tk.shellIn, id)
		assert.Equal(t, tt.reply, r.Header.MsgType, "reply to %s", tt.request)
		assert.Equal(t, tt.want, content(t, r), "%s %v", tt.request, tt.content)
		assert.Equal(t, "[status:busy status:idle]", summary(tk.published(id)), "iopub for %s", tt.request)
	}
	// An unknown request: logged, status busy and idle, no reply.
	id := tk.send(tk.shell, "frobnicate_request", map[string]any{})
	assert.Equal(t, "[status:busy status:idle]", summary(tk.published(id)), "iopub for an unknown request")
	assert.Contains(t, tk.log.String(), "ignored a frobnicate_request on shell", "log")
}

func TestMalformedContentIsDropped(t *testing.T) {
	tk := startKernel(t, &fakeEngine{})
	id := tk.send(tk.shell, "execute_request", map[string]any{"code": 42})
	tk.noReply(tk.shellIn, id, 100*time.Millisecond)
	assert.Contains(t, tk.log.String(), "dropped an execute_request", "log")
	assert.Empty(t, tk.engine.(*fakeEngine).Calls(), "engine calls")
	ok := tk.send(tk.shell, "execute_request", map[string]any{"code": "fine"})
	assert.Equal(t, "ok", field(t, tk.reply(tk.shellIn, ok), "status"), "a good cell after a malformed one")
}
