package kernel

import (
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// readSpec reads DIR/kernel.json.
func readSpec(t *testing.T, dir string) map[string]any {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "kernel.json"))
	require.NoError(t, err, "read kernel.json")
	var spec map[string]any
	require.NoError(t, json.Unmarshal(b, &spec), "kernel.json is JSON")
	return spec
}

func TestInstallInJupyterDataDir(t *testing.T) {
	data := t.TempDir()
	t.Setenv("JUPYTER_DATA_DIR", data)
	got, err := UserDataDir()
	require.NoError(t, err, "UserDataDir")
	assert.Equal(t, data, got, "UserDataDir with JUPYTER_DATA_DIR set")

	dir, err := Install(got, DefaultName, NewSpec("/opt/bin/tcpedu"))
	require.NoError(t, err, "Install")
	assert.Equal(t, filepath.Join(data, "kernels", "tcpedu"), dir, "Install's folder")
	assert.Equal(t, map[string]any{
		"argv":           []any{"/opt/bin/tcpedu", "kernel", "{connection_file}"},
		"display_name":   "Go (tcpedu)",
		"language":       "go",
		"interrupt_mode": "message",
	}, readSpec(t, dir), "kernel.json")

	// Installing again replaces it.
	_, err = Install(got, DefaultName, NewSpec("/usr/local/bin/tcpedu"))
	require.NoError(t, err, "Install again")
	assert.Equal(t, "/usr/local/bin/tcpedu", readSpec(t, dir)["argv"].([]any)[0], "argv[0] after a second Install")
}

func TestInstallWithPrefix(t *testing.T) {
	prefix := t.TempDir()
	dir, err := Install(PrefixDataDir(prefix), "go-tcpedu", NewSpec("/opt/bin/tcpedu"))
	require.NoError(t, err, "Install with a prefix")
	assert.Equal(t, filepath.Join(prefix, "share", "jupyter", "kernels", "go-tcpedu"), dir, "Install's folder")
	assert.Equal(t, "Go (tcpedu)", readSpec(t, dir)["display_name"], "display_name")
}

func TestInstallRefusesBadNames(t *testing.T) {
	for _, name := range []string{"", "../escape", "a b", "tcp/edu"} {
		_, err := Install(t.TempDir(), name, NewSpec("/opt/bin/tcpedu"))
		assert.ErrorContains(t, err, "kernel name", "Install(name %q)", name)
	}
}

func TestUserDataDirFallbacks(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the XDG rules are Linux's")
	}
	home := t.TempDir()
	t.Setenv("JUPYTER_DATA_DIR", "")
	t.Setenv("HOME", home)
	t.Setenv("XDG_DATA_HOME", "")
	got, err := UserDataDir()
	require.NoError(t, err, "UserDataDir")
	assert.Equal(t, filepath.Join(home, ".local", "share", "jupyter"), got, "UserDataDir without XDG_DATA_HOME")

	t.Setenv("XDG_DATA_HOME", "/xdg")
	got, err = UserDataDir()
	require.NoError(t, err, "UserDataDir")
	assert.Equal(t, filepath.Join("/xdg", "jupyter"), got, "UserDataDir with XDG_DATA_HOME")
}

func TestIsGoBuildTemp(t *testing.T) {
	tests := []struct {
		path string
		want bool
	}{
		{"/tmp/go-build1234567/b001/exe/tcpedu", true},
		{"/var/folders/xy/T/go-build998/b001/exe/tcpedu", true},
		{`C:\Users\me\AppData\Local\Temp\go-build42\b001\exe\tcpedu.exe`, runtime.GOOS == "windows"},
		{"/home/me/go/bin/tcpedu", false},
		{"/home/me/go-builds/tcpedu", false},
		{"/usr/local/bin/tcpedu", false},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, isGoBuildTemp(tt.path), "isGoBuildTemp(%q)", tt.path)
	}
}

func TestExecutableRefusesTestBinary(t *testing.T) {
	// go test, like go run, runs a binary from a go-build folder, unless
	// told to keep it elsewhere (-o, or -c).
	exe, _ := os.Executable()
	if !isGoBuildTemp(exe) {
		t.Skipf("the test binary %s is not in a go-build folder", exe)
	}
	_, err := Executable()
	assert.ErrorIs(t, err, ErrTempExecutable, "Executable() from a go test binary")
	assert.ErrorContains(t, err, "go install ./cmd/tcpedu", "Executable's advice")
}
