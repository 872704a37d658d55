// Package kernel makes tcpedu a Jupyter kernel: it speaks the Jupyter
// messaging protocol, version 5.3, over ZeroMQ (go-zeromq/zmq4, pure Go),
// and hands each cell to an Engine, the one interpreter that lives as long
// as the kernel. Jupyter (a notebook, nbconvert, jupyter console) starts
// the kernel with a connection file and talks to it over five sockets:
//
//	Jupyter (client)                         tcpedu kernel
//	----------------                         -------------
//	DEALER  --- shell requests/replies --->  ROUTER  shell    (cells, info)
//	DEALER  --- control requests/replies ->  ROUTER  control  (interrupt, shutdown)
//	DEALER  <-- input requests/replies --->  ROUTER  stdin    (bound, unused)
//	SUB     <-- everything a cell shows ---  PUB     iopub    (status, streams, results)
//	REQ     --- ping, echoed back -------->  REP     hb       (heartbeat)
//
// Every message on shell, control, stdin and iopub is the same list of
// frames (message.go), signed with HMAC-SHA256 under the key from the
// connection file (signature.go): a message with a wrong or missing
// signature is refused, logged in one line, and never executed.
//
// Reading order:
//
//	connection.go  the connection file: ports, key, and the loopback rule
//	engine.go      the Engine and Output interfaces a language plugs in
//	message.go     a message's frames, header and JSON parts
//	signature.go   HMAC-SHA256 signing and checking
//	kernel.go      the sockets and one loop per socket
//	handlers.go    the replies: kernel_info, is_complete, shutdown, ...
//	execute.go     execute_request: busy, input, streams, result or error, idle
//	output.go      streams from a running cell, coalesced and flushed in order
//	kernelspec.go  kernel.json, and where Jupyter looks for it
//
// The specification is "Messaging in Jupyter",
// https://jupyter-client.readthedocs.io/en/stable/messaging.html; comments
// cite its sections by title, as in messaging.html §"The Wire Protocol".
// Kernelspecs are described in
// https://jupyter-client.readthedocs.io/en/stable/kernels.html.
//
// What is simplified: stdin is bound but input_request is never sent
// (allow_stdin is ignored); complete_request asks the engine if it is a
// Completer, and answers no matches if not; inspect_request finds nothing; history is not kept; when a cell fails with
// stop_on_error, execute requests already queued still run (aborting them
// is optional in the specification).
package kernel
