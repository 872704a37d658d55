package kernel

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestReadConnectionFile(t *testing.T) {
	// As jupyter_client writes it.
	name := filepath.Join(t.TempDir(), "kernel-1234.json")
	require.NoError(t, os.WriteFile(name, []byte(`{
  "shell_port": 53794, "iopub_port": 53795, "stdin_port": 53796,
  "control_port": 53797, "hb_port": 53798, "ip": "127.0.0.1",
  "key": "0d4f7c2e-5b8f4a1c9e3d2b7a6f5e4d3c", "transport": "tcp",
  "signature_scheme": "hmac-sha256", "kernel_name": "tcpedu"
}`), 0o600))
	ci, err := ReadConnectionFile(name)
	require.NoError(t, err, "ReadConnectionFile")
	assert.Equal(t, ConnectionInfo{
		Transport: "tcp", IP: "127.0.0.1",
		ShellPort: 53794, ControlPort: 53797, StdinPort: 53796, IOPubPort: 53795, HBPort: 53798,
		SignatureScheme: "hmac-sha256", Key: "0d4f7c2e-5b8f4a1c9e3d2b7a6f5e4d3c", KernelName: "tcpedu",
	}, ci)
	ep, err := ci.endpoint(ci.ShellPort)
	require.NoError(t, err, "endpoint")
	assert.Equal(t, "tcp://127.0.0.1:53794", ep, "endpoint(shell_port)")
}

func TestReadConnectionFileErrors(t *testing.T) {
	dir := t.TempDir()
	notJSON := filepath.Join(dir, "bad.json")
	require.NoError(t, os.WriteFile(notJSON, []byte("{"), 0o600))
	_, err := ReadConnectionFile(notJSON)
	assert.ErrorContains(t, err, "not valid JSON", "ReadConnectionFile of a broken file")

	_, err = ReadConnectionFile(filepath.Join(dir, "missing.json"))
	assert.ErrorIs(t, err, os.ErrNotExist, "ReadConnectionFile of a missing file")

	public := filepath.Join(dir, "public.json")
	require.NoError(t, os.WriteFile(public, []byte(`{"transport":"tcp","ip":"0.0.0.0","signature_scheme":"hmac-sha256","key":"k"}`), 0o600))
	_, err = ReadConnectionFile(public)
	assert.ErrorIs(t, err, ErrNotLoopback, "ReadConnectionFile with ip 0.0.0.0")
}

func TestConnectionInfoCheck(t *testing.T) {
	ok := ConnectionInfo{Transport: "tcp", IP: "127.0.0.1", SignatureScheme: "hmac-sha256", Key: "k"}
	tests := []struct {
		name     string
		change   func(*ConnectionInfo)
		wantErr  string // "" means no error
		loopback bool   // the error is ErrNotLoopback
	}{
		{"loopback v4", func(ci *ConnectionInfo) {}, "", false},
		{"another loopback v4", func(ci *ConnectionInfo) { ci.IP = "127.0.0.2" }, "", false},
		{"loopback v6", func(ci *ConnectionInfo) { ci.IP = "::1" }, "", false},
		{"localhost", func(ci *ConnectionInfo) { ci.IP = "localhost" }, "", false},
		{"no key, no scheme: unsigned", func(ci *ConnectionInfo) { ci.Key, ci.SignatureScheme = "", "" }, "", false},
		{"every interface", func(ci *ConnectionInfo) { ci.IP = "0.0.0.0" }, "0.0.0.0", true},
		{"a LAN address", func(ci *ConnectionInfo) { ci.IP = "192.168.1.5" }, "192.168.1.5", true},
		{"every v6 interface", func(ci *ConnectionInfo) { ci.IP = "::" }, "::", true},
		{"a host name", func(ci *ConnectionInfo) { ci.IP = "example.com" }, "example.com", true},
		{"empty ip", func(ci *ConnectionInfo) { ci.IP = "" }, `ip is ""`, true},
		{"ipc", func(ci *ConnectionInfo) { ci.Transport = "ipc" }, `transport is "ipc"`, false},
		{"sha1", func(ci *ConnectionInfo) { ci.SignatureScheme = "hmac-sha1" }, "hmac-sha1", false},
		{"a key without a scheme", func(ci *ConnectionInfo) { ci.SignatureScheme = "" }, `signature_scheme is ""`, false},
		{"port too big", func(ci *ConnectionInfo) { ci.HBPort = 70000 }, "hb_port is 70000", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ci := ok
			tt.change(&ci)
			err := ci.Check()
			if tt.wantErr == "" {
				assert.NoError(t, err, "Check(%+v)", ci)
				return
			}
			assert.ErrorContains(t, err, tt.wantErr, "Check(%+v)", ci)
			if tt.loopback {
				assert.ErrorIs(t, err, ErrNotLoopback, "Check(%+v)", ci)
			}
		})
	}
}

func TestNewRefusesNonLoopback(t *testing.T) {
	ci := ConnectionInfo{Transport: "tcp", IP: "0.0.0.0", SignatureScheme: "hmac-sha256", Key: "k"}
	k, err := New(ci, &fakeEngine{}, Config{})
	assert.Nil(t, k, "New with ip 0.0.0.0")
	assert.ErrorIs(t, err, ErrNotLoopback, "New with ip 0.0.0.0")
}

func TestEndpointV6(t *testing.T) {
	ci := ConnectionInfo{Transport: "tcp", IP: "::1"}
	ep, err := ci.endpoint(5555)
	require.NoError(t, err, "endpoint")
	assert.Equal(t, "tcp://[::1]:5555", ep, "endpoint on ::1")
}
