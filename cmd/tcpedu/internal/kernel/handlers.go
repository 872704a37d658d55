package kernel

import (
	"encoding/json"
	"runtime/debug"
	"unicode/utf8"

	"github.com/go-zeromq/zmq4"
)

// The requests this kernel answers, by channel. Control is served by its
// own loop, so interrupt_request and shutdown_request reach the kernel
// while a cell runs on shell (messaging.html §"Kernel interrupt" and
// §"Kernel shutdown"); every request that is not about cells may come on
// either.

// handleShell answers one request from the shell channel.
func (k *Kernel) handleShell(sock zmq4.Socket, m Message) {
	if m.Header.MsgType == "execute_request" {
		k.execute(sock, m)
		return
	}
	k.handleCommon(sock, m, "shell")
}

// handleControl answers one request from the control channel.
func (k *Kernel) handleControl(sock zmq4.Socket, m Message) {
	if m.Header.MsgType == "interrupt_request" {
		// messaging.html §"Kernel interrupt": with "interrupt_mode":
		// "message" in kernel.json, Jupyter asks here instead of sending SIGINT.
		k.Interrupt()
		k.reply(sock, &m, "interrupt_reply", map[string]string{"status": "ok"})
		return
	}
	k.handleCommon(sock, m, "control")
}

// handleCommon answers the requests both channels take.
func (k *Kernel) handleCommon(sock zmq4.Socket, m Message, channel string) {
	switch m.Header.MsgType {
	case "kernel_info_request":
		k.reply(sock, &m, "kernel_info_reply", k.kernelInfo())
	case "is_complete_request":
		k.isComplete(sock, m)
	case "complete_request":
		k.complete(sock, m)
	case "inspect_request":
		// messaging.html §"Introspection": nothing to show.
		k.reply(sock, &m, "inspect_reply", map[string]any{
			"status": "ok", "found": false, "data": map[string]string{}, "metadata": map[string]any{},
		})
	case "history_request":
		// messaging.html §"History": this kernel keeps none.
		k.reply(sock, &m, "history_reply", map[string]any{"status": "ok", "history": []any{}})
	case "comm_info_request":
		// messaging.html §"Comm info": no comms (no widgets) in this kernel.
		k.reply(sock, &m, "comm_info_reply", map[string]any{"status": "ok", "comms": map[string]any{}})
	case "shutdown_request":
		k.shutdownRequest(sock, m)
	default:
		k.logf("ignored a %s on %s: tcpedu's kernel does not answer it", m.Header.MsgType, channel)
	}
}

// kernelInfo is the content of kernel_info_reply (messaging.html §"Kernel info").
func (k *Kernel) kernelInfo() map[string]any {
	banner := k.cfg.Banner
	if banner == "" {
		banner = "tcpedu: Go, interpreted, with the tcpedu model of TCP"
	}
	return map[string]any{
		"status":                 "ok",
		"protocol_version":       ProtocolVersion,
		"implementation":         "tcpedu",
		"implementation_version": implementationVersion(),
		"language_info":          k.cfg.Language,
		"banner":                 banner,
		"debugger":               false,
		"help_links": []map[string]string{
			{"text": "tcpedu", "url": "https://github.com/tcpedu/tcpedu"},
			{"text": "Go documentation", "url": "https://go.dev/doc/"},
		},
	}
}

// implementationVersion is tcpedu's module version, as go install
// records it ("v0.3.0"), or "devel" for a build from a clone.
func implementationVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}

// isComplete answers is_complete_request (messaging.html §"Code
// completeness"): whether the console should run the code now or wait for
// another line.
func (k *Kernel) isComplete(sock zmq4.Socket, m Message) {
	var req struct {
		Code string `json:"code"`
	}
	if err := json.Unmarshal(m.Content, &req); err != nil {
		k.logf("dropped an is_complete_request: content: %v", err)
		return
	}
	status := k.engine.IsComplete(req.Code)
	content := map[string]string{"status": status}
	switch status {
	case "complete", "invalid":
	case "incomplete":
		content["indent"] = ""
	default:
		content["status"] = "unknown"
	}
	k.reply(sock, &m, "is_complete_reply", content)
}

// complete answers complete_request (messaging.html §"Completion") with
// what the engine offers, if it is a Completer, and otherwise no matches.
func (k *Kernel) complete(sock zmq4.Socket, m Message) {
	var req struct {
		Code      string `json:"code"`
		CursorPos int    `json:"cursor_pos"`
	}
	if err := json.Unmarshal(m.Content, &req); err != nil {
		k.logf("dropped a complete_request: content: %v", err)
		return
	}
	matches, start := []string{}, req.CursorPos
	if c, ok := k.engine.(Completer); ok {
		// Jupyter counts the cursor in characters (messaging.html
		// §"Notes": cursor_pos is in unicode code points); Go in bytes.
		cursor := byteOffset(req.Code, req.CursorPos)
		if found, from := c.Complete(req.Code, cursor); found != nil {
			matches, start = found, utf8.RuneCountInString(req.Code[:from])
		}
	}
	k.reply(sock, &m, "complete_reply", map[string]any{
		"status": "ok", "matches": matches,
		"cursor_start": start, "cursor_end": req.CursorPos,
		"metadata": map[string]any{},
	})
}

// byteOffset returns the byte offset of the n-th character of s (len(s)
// past its end).
func byteOffset(s string, n int) int {
	for i := range s {
		if n <= 0 {
			return i
		}
		n--
	}
	return len(s)
}

// shutdownRequest answers shutdown_request (messaging.html §"Kernel
// shutdown"), on control or shell, then makes Run return. restart is
// echoed: Jupyter restarts a kernel by starting a new process.
func (k *Kernel) shutdownRequest(sock zmq4.Socket, m Message) {
	var req struct {
		Restart bool `json:"restart"`
	}
	if err := json.Unmarshal(m.Content, &req); err != nil {
		k.logf("dropped a shutdown_request: content: %v", err)
		return
	}
	content := map[string]any{"status": "ok", "restart": req.Restart}
	k.reply(sock, &m, "shutdown_reply", content)
	// IPython's kernel also tells every other client, on iopub.
	k.publish(&m, "shutdown_reply", content)
	k.Interrupt()
	k.shutdown()
}
