package kernel

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"os"
	"sync"
	"time"

	"github.com/go-zeromq/zmq4"
)

// Config is what a kernel says about itself in kernel_info_reply, and
// where it logs.
type Config struct {
	Language LanguageInfo // the zero value means GoLanguage()
	Banner   string       // shown by jupyter console when it connects
	Log      io.Writer    // one line per refused or malformed message; nil means os.Stderr
}

// Kernel is a running Jupyter kernel: five bound sockets and the Engine
// that runs cells. Make one with New, serve with Run.
type Kernel struct {
	info    ConnectionInfo // with the ports actually bound
	engine  Engine
	cfg     Config
	signer  signer
	session string // this kernel's session id, in every header it sends
	logMu   sync.Mutex

	ctx    context.Context // cancelled by Close: stops every loop
	cancel context.CancelFunc

	shell, control, stdin, iopub, hb zmq4.Socket

	iopubMu sync.Mutex // keeps iopub messages whole and in order

	cellMu      sync.Mutex
	cellCancel  context.CancelFunc // cancels the running cell; nil between cells
	interrupted bool               // the running cell was interrupted

	count int // execution_count; only the shell loop touches it

	done      chan struct{} // closed by shutdown_request
	doneOnce  sync.Once
	closeOnce sync.Once
}

// New checks ci and binds the kernel's five sockets on loopback, on the
// ports ci names (0: a free port, see Info). It does not serve yet: Run does.
func New(ci ConnectionInfo, engine Engine, cfg Config) (*Kernel, error) {
	if err := ci.Check(); err != nil {
		return nil, err
	}
	if cfg.Language == (LanguageInfo{}) {
		cfg.Language = GoLanguage()
	}
	if cfg.Log == nil {
		cfg.Log = os.Stderr
	}
	ctx, cancel := context.WithCancel(context.Background())
	k := &Kernel{
		info:    ci,
		engine:  engine,
		cfg:     cfg,
		signer:  newSigner(ci.Key),
		session: newID(),
		ctx:     ctx,
		cancel:  cancel,
		done:    make(chan struct{}),
	}
	zlog := zmq4.WithLogger(log.New(cfg.Log, "tcpedu kernel: zmq4: ", 0))
	k.shell = zmq4.NewRouter(ctx, zlog)
	k.control = zmq4.NewRouter(ctx, zlog)
	k.stdin = zmq4.NewRouter(ctx, zlog)
	k.iopub = zmq4.NewPub(ctx, zlog)
	k.hb = zmq4.NewRep(ctx, zlog)
	binds := []struct {
		sock zmq4.Socket
		name string
		port *int
	}{
		{k.shell, "shell_port", &k.info.ShellPort},
		{k.control, "control_port", &k.info.ControlPort},
		{k.stdin, "stdin_port", &k.info.StdinPort},
		{k.iopub, "iopub_port", &k.info.IOPubPort},
		{k.hb, "hb_port", &k.info.HBPort},
	}
	for _, b := range binds {
		ep, err := ci.endpoint(*b.port)
		if err == nil {
			err = b.sock.Listen(ep)
		}
		if err != nil {
			k.Close()
			// zmq4 wraps the system's error twice; the inner one says it all.
			var op *net.OpError
			if errors.As(err, &op) {
				err = op.Err
			}
			return nil, fmt.Errorf("listen for %s on %s port %d: %w", b.name, ci.IP, *b.port, err)
		}
		if a, ok := b.sock.Addr().(*net.TCPAddr); ok {
			*b.port = a.Port
		}
	}
	return k, nil
}

// Info returns the connection file's contents with the ports the kernel
// actually listens on.
func (k *Kernel) Info() ConnectionInfo { return k.info }

// Run serves until a shutdown_request arrives or ctx is done, then
// interrupts the running cell, if any, closes the sockets and returns nil.
func (k *Kernel) Run(ctx context.Context) error {
	var wg sync.WaitGroup
	loops := []func(){
		func() { k.serve(k.shell, "shell", k.handleShell) },
		func() { k.serve(k.control, "control", k.handleControl) },
		k.drainStdin,
		k.heartbeat,
	}
	for _, loop := range loops {
		wg.Add(1)
		go func() {
			defer wg.Done()
			loop()
		}()
	}
	select {
	case <-ctx.Done():
	case <-k.done:
		// Give the PUB socket, which sends from its own queue, a moment
		// to deliver the last status: idle.
		time.Sleep(100 * time.Millisecond)
	}
	k.Interrupt()
	k.Close()
	// A loop still inside Engine.Execute (a cell that ignores its
	// context) cannot be waited for; the others stop at once.
	stopped := make(chan struct{})
	go func() { wg.Wait(); close(stopped) }()
	select {
	case <-stopped:
	case <-time.After(2 * time.Second):
		k.logf("a cell did not stop when interrupted; leaving it behind")
	}
	return nil
}

// Interrupt cancels the running cell's context, as interrupt_request and
// SIGINT do. Between cells it does nothing.
func (k *Kernel) Interrupt() {
	k.cellMu.Lock()
	defer k.cellMu.Unlock()
	if k.cellCancel != nil {
		k.interrupted = true
		k.cellCancel()
	}
}

// Close stops the loops and closes the sockets. Run calls it; call it
// yourself only for a Kernel that never ran.
func (k *Kernel) Close() {
	k.closeOnce.Do(func() {
		k.cancel()
		for _, s := range []zmq4.Socket{k.shell, k.control, k.stdin, k.iopub, k.hb} {
			if s != nil {
				_ = s.Close()
			}
		}
	})
}

// shutdown makes Run return; shutdown_request calls it after replying.
func (k *Kernel) shutdown() { k.doneOnce.Do(func() { close(k.done) }) }

// serve receives messages on a ROUTER socket (shell or control) until the
// kernel closes, and hands each well-signed one to dispatch.
func (k *Kernel) serve(sock zmq4.Socket, channel string, handle func(zmq4.Socket, Message)) {
	for {
		zm, err := sock.Recv()
		if err != nil {
			if k.ctx.Err() != nil {
				return
			}
			k.logf("%s: receive: %v", channel, err)
			continue
		}
		m, err := decode(zm.Frames, k.signer)
		if err != nil {
			k.logf("refused a message on %s: %v", channel, err)
			continue
		}
		k.dispatch(sock, m, handle)
	}
}

// dispatch brackets one request with status busy and status idle on
// iopub, both with the request as parent (messaging.html §"Kernel status").
func (k *Kernel) dispatch(sock zmq4.Socket, m Message, handle func(zmq4.Socket, Message)) {
	k.publish(&m, "status", map[string]string{"execution_state": "busy"})
	defer k.publish(&m, "status", map[string]string{"execution_state": "idle"})
	handle(sock, m)
}

// drainStdin reads and drops what arrives on stdin: this kernel never
// sends input_request, so nothing should (messaging.html §"Messages on
// the stdin (ROUTER/DEALER) channel").
func (k *Kernel) drainStdin() {
	for k.ctx.Err() == nil {
		_, _ = k.stdin.Recv()
	}
}

// heartbeat echoes every message on hb, unchanged, so that the client
// knows the kernel process is alive (messaging.html §"Heartbeat for
// kernels").
func (k *Kernel) heartbeat() {
	for {
		msg, err := k.hb.Recv()
		if err != nil {
			if k.ctx.Err() != nil {
				return
			}
			continue
		}
		if err := k.hb.Send(msg); err != nil && k.ctx.Err() == nil {
			k.logf("heartbeat: echo: %v", err)
		}
	}
}

// reply sends a message of type msgType in answer to parent, on the socket
// parent came from.
func (k *Kernel) reply(sock zmq4.Socket, parent *Message, msgType string, content any) {
	m, err := newMessage(k.session, msgType, parent, content)
	if err != nil {
		k.logf("make %s: %v", msgType, err)
		return
	}
	if err := sock.Send(zmq4.NewMsgFrom(encode(m, k.signer)...)); err != nil && k.ctx.Err() == nil {
		k.logf("send %s: %v", msgType, err)
	}
}

// publish broadcasts a message of type msgType on iopub, with parent
// (nil: none) as its parent_header. The topic frame is "kernel.TYPE", as
// IPython's kernel does; Jupyter's clients subscribe to every topic.
func (k *Kernel) publish(parent *Message, msgType string, content any) {
	m, err := newMessage(k.session, msgType, parent, content)
	if err != nil {
		k.logf("make %s: %v", msgType, err)
		return
	}
	m.Identities = [][]byte{[]byte("kernel." + msgType)}
	k.iopubMu.Lock()
	defer k.iopubMu.Unlock()
	if err := k.iopub.Send(zmq4.NewMsgFrom(encode(m, k.signer)...)); err != nil && k.ctx.Err() == nil {
		k.logf("publish %s: %v", msgType, err)
	}
}

// logf writes one line to the kernel's log.
func (k *Kernel) logf(format string, args ...any) {
	k.logMu.Lock()
	defer k.logMu.Unlock()
	fmt.Fprintf(k.cfg.Log, "tcpedu kernel: "+format+"\n", args...)
}
