package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tcpedu/tcpedu/cmd/tcpedu/internal/kernel"
)

// The kernel itself is tested in internal/kernel, against a client; these
// are the command line's tests.

func TestKernelHelp(t *testing.T) {
	for _, args := range [][]string{{"kernel", "--help"}, {"kernel", "install", "--help"}, {"help", "kernel"}} {
		status, out, errOut := runCLI(t, "", args...)
		assert.Equal(t, exitOK, status, "tcpedu %v: status", args)
		for _, want := range []string{"tcpedu kernel install [--user | --prefix DIR]", "tcpedu kernel CONNECTION_FILE", "JUPYTER_DATA_DIR", "-prefix DIR", "jupyter kernelspec list"} {
			assert.Contains(t, out, want, "tcpedu %v", args)
		}
		assert.Empty(t, errOut, "tcpedu %v: stderr", args)
	}
}

func TestKernelUsageErrors(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"kernel"}, "needs a connection file"},
		{[]string{"kernel", "a.json", "b.json"}, "one connection file"},
		{[]string{"kernel", "install", "--user", "--prefix", "/tmp/x"}, "choose one"},
		{[]string{"kernel", "install", "extra"}, "no arguments"},
	} {
		status, _, errOut := runCLI(t, "", tt.args...)
		assert.Equal(t, exitUsage, status, "tcpedu %v: status", tt.args)
		assertOneSentence(t, errOut)
		assert.Contains(t, errOut, tt.want, "tcpedu %v", tt.args)
	}
}

func TestKernelRefusesConnectionFiles(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct {
		name, file, want string
	}{
		{"every interface", `{"transport":"tcp","ip":"0.0.0.0","signature_scheme":"hmac-sha256","key":"k"}`, "loopback"},
		{"ipc", `{"transport":"ipc","ip":"127.0.0.1","signature_scheme":"hmac-sha256","key":"k"}`, `transport is "ipc"`},
		{"not JSON", `{"transport":`, "not valid JSON"},
	} {
		name := filepath.Join(dir, tt.name+".json")
		require.NoError(t, os.WriteFile(name, []byte(tt.file), 0o600))
		status, out, errOut := runCLI(t, "", "kernel", name)
		assert.Equal(t, exitFailure, status, "%s: status", tt.name)
		assert.Empty(t, out, "%s: stdout", tt.name)
		assertOneSentence(t, errOut)
		assert.Contains(t, errOut, tt.want, "%s: stderr", tt.name)
	}
}

func TestKernelInstallRefusesTemporaryBuild(t *testing.T) {
	// go test's binary, like go run's, is built in a go-build folder.
	if _, err := kernel.Executable(); err == nil {
		t.Skip("this test binary is not a temporary build")
	}
	data := t.TempDir()
	t.Setenv("JUPYTER_DATA_DIR", data)
	status, _, errOut := runCLI(t, "", "kernel", "install")
	assert.Equal(t, exitFailure, status, "status")
	assertOneSentence(t, errOut)
	assert.Contains(t, errOut, "go install ./cmd/tcpedu", "stderr")
	entries, err := os.ReadDir(data)
	require.NoError(t, err)
	assert.Empty(t, entries, "install wrote into JUPYTER_DATA_DIR anyway")
}
