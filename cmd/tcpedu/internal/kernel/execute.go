package kernel

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/go-zeromq/zmq4"
)

// executeRequest is the content of execute_request (messaging.html §"Execute").
type executeRequest struct {
	Code            string            `json:"code"`
	Silent          bool              `json:"silent"`        // nothing on iopub, no count
	StoreHistory    *bool             `json:"store_history"` // nil means true
	UserExpressions map[string]string `json:"user_expressions"`
	AllowStdin      bool              `json:"allow_stdin"`   // ignored: no input_request
	StopOnError     *bool             `json:"stop_on_error"` // ignored: nothing queued is aborted
}

// ErrInterrupted is the error of a cell stopped by interrupt_request or
// SIGINT when the Engine returns only its context's error.
var ErrInterrupted = errors.New("the cell was interrupted")

// execute runs one cell (messaging.html §"Execute"). Between the busy and
// idle that dispatch publishes, iopub carries, in order:
//
//	execute_input    the code and its execution_count
//	stream ...       what the cell prints, stdout and stderr
//	display_data ... what it shows (image/png, text/markdown, ...)
//	execute_result   the value of the cell, if it has one
//	  or error       ename, evalue, traceback
//
// and the shell gets execute_reply, status "ok" or "error". A silent
// request publishes none of these and does not count.
func (k *Kernel) execute(sock zmq4.Socket, m Message) {
	var req executeRequest
	if err := json.Unmarshal(m.Content, &req); err != nil {
		k.logf("dropped an execute_request: content: %v", err)
		return
	}
	// "silent=True forces store_history to be False"; execution_count
	// counts the requests that store history.
	store := !req.Silent && (req.StoreHistory == nil || *req.StoreHistory)
	if store {
		k.count++
	}
	if !req.Silent {
		k.publish(&m, "execute_input", map[string]any{"code": req.Code, "execution_count": k.count})
	}

	out := newCellOutput(k, &m, req.Silent)
	result, interrupted, err := k.runCell(req.Code, out)
	out.close()

	if err != nil {
		ename, evalue := errorName(err), err.Error()
		if interrupted {
			ename = "Interrupted"
			if errors.Is(err, context.Canceled) {
				evalue = ErrInterrupted.Error()
			}
		}
		traceback := strings.Split(ename+": "+evalue, "\n")
		if !req.Silent {
			k.publish(&m, "error", map[string]any{"ename": ename, "evalue": evalue, "traceback": traceback})
		}
		k.reply(sock, &m, "execute_reply", map[string]any{
			"status": "error", "execution_count": k.count,
			"ename": ename, "evalue": evalue, "traceback": traceback,
		})
		return
	}
	if result != nil && !req.Silent {
		k.publish(&m, "execute_result", map[string]any{
			"execution_count": k.count, "data": result, "metadata": map[string]any{},
		})
	}
	// user_expressions are not evaluated: each gets an empty result set.
	k.reply(sock, &m, "execute_reply", map[string]any{
		"status": "ok", "execution_count": k.count,
		"user_expressions": map[string]any{}, "payload": []any{},
	})
}

// runCell runs code on the Engine with a context that Interrupt cancels,
// and reports whether it was interrupted. A panic in the Engine becomes
// the cell's error, not the end of the kernel.
func (k *Kernel) runCell(code string, out Output) (result map[string]string, interrupted bool, err error) {
	ctx, cancel := context.WithCancel(k.ctx)
	k.cellMu.Lock()
	k.cellCancel, k.interrupted = cancel, false
	k.cellMu.Unlock()
	defer func() {
		k.cellMu.Lock()
		interrupted = k.interrupted
		k.cellCancel, k.interrupted = nil, false
		k.cellMu.Unlock()
		cancel()
	}()
	defer func() {
		if r := recover(); r != nil {
			result, err = nil, panicError{fmt.Sprint(r)}
		}
	}()
	result, err = k.engine.Execute(ctx, code, out)
	return result, false, err // interrupted is set by the first deferred function
}

// panicError is a panic inside the Engine, reported as the cell's error.
type panicError struct{ value string }

func (e panicError) Error() string     { return "the interpreter panicked: " + e.value }
func (e panicError) ErrorName() string { return "Panic" }
