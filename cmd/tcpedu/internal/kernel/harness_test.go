package kernel

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-zeromq/zmq4"
	"github.com/stretchr/testify/require"
)

// The harness: a kernel on loopback with free ports and a fakeEngine, and
// a client that talks to it as Jupyter does, with zmq4 DEALER, SUB and REQ
// sockets.

// wait bounds every wait for a message; the tests take milliseconds.
const wait = 5 * time.Second

// fakeEngine runs a few fixed cells and records every call.
//
//	"print"    streams, displays, and returns a result
//	"fail"     returns an error named SyntaxError
//	"panic"    panics
//	"block"    signals started, then waits for its context to be cancelled
//	"split"    writes "café\n" with the é cut in two, a pause between the halves
//	"many"     writes 20,000 lines of "x\n", one call each
//	otherwise  returns "ran: CODE" as text/plain
type fakeEngine struct {
	mu      sync.Mutex
	calls   []string
	started chan struct{} // "block" sends here once it is running
	lastOut Output        // the Output of the last cell, to write into after it ended
}

func (e *fakeEngine) Execute(ctx context.Context, code string, out Output) (map[string]string, error) {
	e.mu.Lock()
	e.calls = append(e.calls, code)
	e.lastOut = out
	e.mu.Unlock()
	switch code {
	case "print":
		out.Stream("stdout", "hello\n")
		out.Stream("stdout", "world\n")
		out.Stream("stderr", "careful\n")
		out.Display(map[string]string{"text/markdown": "**bold**", "image/png": "iVBORw0KGgo="})
		return map[string]string{"text/plain": "42"}, nil
	case "fail":
		return nil, syntaxError{"1:5: expected operand"}
	case "panic":
		panic("boom")
	case "split":
		acute := "é" // two bytes in UTF-8
		out.Stream("stdout", "caf"+acute[:1])
		time.Sleep(2 * flushDelay)
		out.Stream("stdout", acute[1:]+"\n")
		return nil, nil
	case "many":
		for i := 0; i < 20000; i++ {
			out.Stream("stdout", "x\n")
		}
		return nil, nil
	case "block":
		if e.started != nil {
			e.started <- struct{}{}
		}
		<-ctx.Done()
		return nil, ctx.Err()
	}
	return map[string]string{"text/plain": "ran: " + code}, nil
}

func (e *fakeEngine) IsComplete(code string) string {
	switch {
	case strings.HasSuffix(code, "{"):
		return "incomplete"
	case strings.HasPrefix(code, "}"):
		return "invalid"
	}
	return "complete"
}

// LastOut returns the Output of the last cell.
func (e *fakeEngine) LastOut() Output {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.lastOut
}

// Calls returns the code of every Execute so far.
func (e *fakeEngine) Calls() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]string(nil), e.calls...)
}

// syntaxError is an error with an ErrorName, as an Engine's errors may be.
type syntaxError struct{ msg string }

func (e syntaxError) Error() string     { return e.msg }
func (e syntaxError) ErrorName() string { return "SyntaxError" }

// syncBuffer is a bytes.Buffer safe for the kernel's loops to log into.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// testKernel is a running kernel and a connected client.
type testKernel struct {
	t       *testing.T
	k       *Kernel
	engine  Engine
	log     *syncBuffer
	ran     chan error // Run's result
	signer  signer
	session string

	shell, control, iopub, hb zmq4.Socket
	shellIn, controlIn        chan Message
	iopubIn                   chan Message
}

// startKernel starts a kernel with engine and connects a client to it,
// subscribed to iopub and ready: a kernel_info_request has been answered
// on shell and published busy on iopub.
func startKernel(t *testing.T, engine Engine) *testKernel {
	t.Helper()
	ci := ConnectionInfo{Transport: "tcp", IP: "127.0.0.1", SignatureScheme: "hmac-sha256", Key: "test-key"}
	log := &syncBuffer{}
	k, err := New(ci, engine, Config{Log: log, Banner: "test banner"})
	require.NoError(t, err, "New")
	ctx, cancel := context.WithCancel(context.Background())
	tk := &testKernel{t: t, k: k, engine: engine, log: log, ran: make(chan error, 1), signer: newSigner(ci.Key), session: newID()}
	go func() { tk.ran <- k.Run(ctx) }()

	cctx, ccancel := context.WithCancel(context.Background())
	info := k.Info()
	dial := func(s zmq4.Socket, port int) zmq4.Socket {
		require.NoError(t, s.Dial(fmt.Sprintf("tcp://127.0.0.1:%d", port)), "dial port %d", port)
		return s
	}
	tk.shell = dial(zmq4.NewDealer(cctx), info.ShellPort)
	tk.control = dial(zmq4.NewDealer(cctx), info.ControlPort)
	tk.iopub = dial(zmq4.NewSub(cctx), info.IOPubPort)
	require.NoError(t, tk.iopub.SetOption(zmq4.OptionSubscribe, ""), "subscribe")
	tk.hb = dial(zmq4.NewReq(cctx), info.HBPort)
	tk.shellIn = tk.receive(tk.shell)
	tk.controlIn = tk.receive(tk.control)
	tk.iopubIn = tk.receive(tk.iopub)
	t.Cleanup(func() {
		cancel()
		select {
		case <-tk.ran:
		case <-time.After(wait):
			t.Errorf("Run did not return %v after its context was cancelled", wait)
		}
		ccancel()
		for _, s := range []zmq4.Socket{tk.shell, tk.control, tk.iopub, tk.hb} {
			s.Close()
		}
		if t.Failed() {
			t.Logf("kernel log:\n%s", log.String())
		}
	})

	// A SUB socket misses what is published before its subscription
	// arrives: ask for kernel_info until iopub shows an answer, as
	// jupyter_client does.
	deadline := time.Now().Add(wait)
	for {
		tk.send(tk.shell, "kernel_info_request", map[string]any{})
		select {
		case <-tk.iopubIn:
			return tk
		case <-time.After(100 * time.Millisecond):
		}
		require.True(t, time.Now().Before(deadline), "iopub published nothing within %v", wait)
	}
}

// receive decodes every message on s into a channel.
func (tk *testKernel) receive(s zmq4.Socket) chan Message {
	ch := make(chan Message, 1000)
	go func() {
		for {
			zm, err := s.Recv()
			if err != nil {
				return
			}
			m, err := decode(zm.Frames, tk.signer)
			if err != nil {
				tk.t.Errorf("the kernel sent a message the client cannot read: %v: %q", err, zm.Frames)
				continue
			}
			ch <- m
		}
	}()
	return ch
}

// send sends a signed request on s and returns its msg_id.
func (tk *testKernel) send(s zmq4.Socket, msgType string, content any) string {
	tk.t.Helper()
	m, err := newMessage(tk.session, msgType, nil, content)
	require.NoError(tk.t, err, "newMessage(%s)", msgType)
	tk.sendFrames(s, encode(m, tk.signer))
	return m.Header.MsgID
}

// sendFrames sends frames as they are, for messages the kernel must refuse.
func (tk *testKernel) sendFrames(s zmq4.Socket, frames [][]byte) {
	tk.t.Helper()
	require.NoError(tk.t, s.Send(zmq4.NewMsgFrom(frames...)), "send")
}

// reply waits on ch for the reply to request id, skipping others.
func (tk *testKernel) reply(ch chan Message, id string) Message {
	tk.t.Helper()
	timeout := time.After(wait)
	for {
		select {
		case m := <-ch:
			if parentID(m) == id {
				return m
			}
		case <-timeout:
			tk.t.Fatalf("no reply to request %s within %v", id, wait)
		}
	}
}

// noReply checks that ch carries no reply to id for a while.
func (tk *testKernel) noReply(ch chan Message, id string, d time.Duration) {
	tk.t.Helper()
	timeout := time.After(d)
	for {
		select {
		case m := <-ch:
			if parentID(m) == id {
				tk.t.Errorf("got %s in reply to %s, which the kernel should have refused", m.Header.MsgType, id)
				return
			}
		case <-timeout:
			return
		}
	}
}

// published returns what iopub carried for request id, from status busy
// to status idle, each as "TYPE" or "TYPE content".
func (tk *testKernel) published(id string) []Message {
	tk.t.Helper()
	var got []Message
	timeout := time.After(wait)
	for {
		select {
		case m := <-tk.iopubIn:
			if parentID(m) != id {
				continue
			}
			got = append(got, m)
			if m.Header.MsgType == "status" && field(tk.t, m, "execution_state") == "idle" {
				return got
			}
		case <-timeout:
			tk.t.Fatalf("iopub did not go idle after request %s within %v; got %s", id, wait, summary(got))
			return nil
		}
	}
}

// parentID is the msg_id of m's parent_header, "" if none.
func parentID(m Message) string {
	var h Header
	_ = json.Unmarshal(m.Parent, &h)
	return h.MsgID
}

// content decodes m's content.
func content(t *testing.T, m Message) map[string]any {
	t.Helper()
	var c map[string]any
	require.NoError(t, json.Unmarshal(m.Content, &c), "content of %s", m.Header.MsgType)
	return c
}

// field is one content field of m.
func field(t *testing.T, m Message, key string) any { return content(t, m)[key] }

// summary lists messages' types with their state or stream, for failure messages.
func summary(ms []Message) string {
	var parts []string
	for _, m := range ms {
		var c map[string]any
		_ = json.Unmarshal(m.Content, &c)
		s := m.Header.MsgType
		for _, key := range []string{"execution_state", "name"} {
			if v, ok := c[key]; ok {
				s += ":" + fmt.Sprint(v)
			}
		}
		parts = append(parts, s)
	}
	return "[" + strings.Join(parts, " ") + "]"
}

// waitRun waits for Run to return.
func (tk *testKernel) waitRun() error {
	tk.t.Helper()
	select {
	case err := <-tk.ran:
		tk.ran <- err // for Cleanup
		return err
	case <-time.After(wait):
		tk.t.Fatalf("Run did not return within %v", wait)
		return errors.New("timeout")
	}
}
