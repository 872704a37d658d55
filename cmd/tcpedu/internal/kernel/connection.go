package kernel

import (
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os"
	"strconv"
)

// ConnectionInfo is a connection file: what Jupyter writes before it
// starts a kernel, and passes as {connection_file} in kernel.json's argv
// (kernels.html §"Connection files"). A port of 0 asks the kernel to pick
// a free one; Jupyter always names them, tests do not.
type ConnectionInfo struct {
	Transport       string `json:"transport"`        // must be "tcp"
	IP              string `json:"ip"`               // must be a loopback address
	ShellPort       int    `json:"shell_port"`       // ROUTER: execute and info requests
	ControlPort     int    `json:"control_port"`     // ROUTER: interrupt and shutdown
	StdinPort       int    `json:"stdin_port"`       // ROUTER: input requests (bound, unused)
	IOPubPort       int    `json:"iopub_port"`       // PUB: status, streams, results
	HBPort          int    `json:"hb_port"`          // REP: heartbeat echo
	SignatureScheme string `json:"signature_scheme"` // "hmac-sha256"
	Key             string `json:"key"`              // the HMAC key; "" turns signing off
	KernelName      string `json:"kernel_name,omitempty"`
}

// ErrNotLoopback means the connection file asks the kernel to listen on an
// address other machines can reach. A kernel runs any code it is sent, so
// tcpedu's only listens on loopback.
var ErrNotLoopback = errors.New("the kernel only listens on a loopback address")

// ReadConnectionFile reads and checks a connection file.
func ReadConnectionFile(name string) (ConnectionInfo, error) {
	b, err := os.ReadFile(name)
	if err != nil {
		return ConnectionInfo{}, fmt.Errorf("read connection file: %w", err)
	}
	var ci ConnectionInfo
	if err := json.Unmarshal(b, &ci); err != nil {
		return ConnectionInfo{}, fmt.Errorf("connection file %s is not valid JSON: %w", name, err)
	}
	if err := ci.Check(); err != nil {
		return ConnectionInfo{}, fmt.Errorf("connection file %s: %w", name, err)
	}
	return ci, nil
}

// Check reports what in ci the kernel refuses: a transport other than tcp,
// an address that is not loopback (ErrNotLoopback), a signature scheme
// other than hmac-sha256, a port out of range.
func (ci ConnectionInfo) Check() error {
	if ci.Transport != "tcp" {
		return fmt.Errorf("transport is %q, and tcpedu's kernel speaks only \"tcp\"", ci.Transport)
	}
	if _, err := ci.bindHost(); err != nil {
		return err
	}
	// An empty scheme with an empty key is an unsigned session; any key
	// needs the one scheme we know (messaging.html §"The Wire Protocol").
	if ci.SignatureScheme != "hmac-sha256" && !(ci.SignatureScheme == "" && ci.Key == "") {
		return fmt.Errorf("signature_scheme is %q, and tcpedu's kernel knows only \"hmac-sha256\"", ci.SignatureScheme)
	}
	for _, p := range ci.ports() {
		if p.port < 0 || p.port > 65535 {
			return fmt.Errorf("%s is %d, not a TCP port (0 to 65535)", p.name, p.port)
		}
	}
	return nil
}

// bindHost is the host part of the sockets' endpoints: the connection
// file's ip if it is a loopback address, 127.0.0.1 for "localhost".
func (ci ConnectionInfo) bindHost() (string, error) {
	if ci.IP == "localhost" {
		return "127.0.0.1", nil
	}
	ip := net.ParseIP(ci.IP)
	if ip == nil || !ip.IsLoopback() {
		return "", fmt.Errorf("ip is %q: %w (127.0.0.1 or ::1), so that no other machine can run code in it", ci.IP, ErrNotLoopback)
	}
	return ip.String(), nil
}

// endpoint is the ZeroMQ address of a socket on port, as "tcp://127.0.0.1:port".
func (ci ConnectionInfo) endpoint(port int) (string, error) {
	host, err := ci.bindHost()
	if err != nil {
		return "", err
	}
	return "tcp://" + net.JoinHostPort(host, strconv.Itoa(port)), nil
}

// namedPort is one of the five ports, with its key in the file.
type namedPort struct {
	name string
	port int
}

// ports lists the five ports in the order the kernel binds them.
func (ci ConnectionInfo) ports() []namedPort {
	return []namedPort{
		{"shell_port", ci.ShellPort},
		{"control_port", ci.ControlPort},
		{"stdin_port", ci.StdinPort},
		{"iopub_port", ci.IOPubPort},
		{"hb_port", ci.HBPort},
	}
}
