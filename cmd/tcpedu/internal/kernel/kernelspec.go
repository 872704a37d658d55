package kernel

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
)

// Spec is a kernelspec's kernel.json (kernels.html §"Kernel specs"):
// how Jupyter starts the kernel and what it calls it.
type Spec struct {
	Argv          []string `json:"argv"`           // the command; Jupyter replaces {connection_file}
	DisplayName   string   `json:"display_name"`   // in the notebook's kernel menu
	Language      string   `json:"language"`       // of the code in the cells
	InterruptMode string   `json:"interrupt_mode"` // "message": interrupt_request on control, not SIGINT
}

// DefaultName is the kernelspec's name unless --name says otherwise: what
// a notebook's metadata.kernelspec.name and nbconvert's kernel_name refer to.
const DefaultName = "tcpedu"

// NewSpec returns the kernelspec that runs executable (an absolute path)
// as "EXECUTABLE kernel {connection_file}".
func NewSpec(executable string) Spec {
	return Spec{
		Argv:          []string{executable, "kernel", "{connection_file}"},
		DisplayName:   "Go (tcpedu)",
		Language:      "go",
		InterruptMode: "message",
	}
}

// ErrTempExecutable means the running tcpedu is a temporary build, such as
// go run's, which is deleted when it exits: a kernelspec naming it would
// stop working at once.
var ErrTempExecutable = errors.New("this tcpedu is a temporary build (go run) that is deleted when it exits")

// Executable returns the absolute path of the running program, symbolic
// links resolved, for a kernelspec's argv. It refuses (ErrTempExecutable)
// a binary that go run built in a go-build folder.
func Executable() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", fmt.Errorf("find the tcpedu executable: %w", err)
	}
	if resolved, err := filepath.EvalSymlinks(exe); err == nil {
		exe = resolved
	}
	exe, err = filepath.Abs(exe)
	if err != nil {
		return "", err
	}
	if isGoBuildTemp(exe) {
		return "", fmt.Errorf("%w: build it first with 'go install ./cmd/tcpedu' or 'go build -o tcpedu ./cmd/tcpedu', and install the kernel with that binary", ErrTempExecutable)
	}
	return exe, nil
}

// isGoBuildTemp reports whether path lies in a folder the go command made
// for a build ("go-build" followed by digits, in the temporary folder),
// as go run's and go test's binaries do.
func isGoBuildTemp(path string) bool {
	for _, elem := range strings.Split(filepath.ToSlash(path), "/") {
		if goBuildDir.MatchString(elem) {
			return true
		}
	}
	return false
}

var goBuildDir = regexp.MustCompile(`^go-build[0-9]+$`)

// validName matches the kernel names Jupyter accepts (jupyter_client's
// kernelspec: letters, digits, ".", "_" and "-").
var validName = regexp.MustCompile(`^[A-Za-z0-9._-]+$`)

// UserDataDir returns the folder Jupyter reads user kernelspecs from (its
// "data dir", the one 'jupyter --data-dir' prints): $JUPYTER_DATA_DIR if
// set; else on Linux and the BSDs $XDG_DATA_HOME/jupyter or
// ~/.local/share/jupyter, on macOS ~/Library/Jupyter, on Windows
// %APPDATA%\jupyter.
func UserDataDir() (string, error) {
	if d := os.Getenv("JUPYTER_DATA_DIR"); d != "" {
		return d, nil
	}
	if runtime.GOOS == "windows" {
		if d := os.Getenv("APPDATA"); d != "" {
			return filepath.Join(d, "jupyter"), nil
		}
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("find Jupyter's data folder: %w (set JUPYTER_DATA_DIR, or use --prefix)", err)
	}
	switch runtime.GOOS {
	case "darwin":
		return filepath.Join(home, "Library", "Jupyter"), nil
	case "windows":
		return filepath.Join(home, "AppData", "Roaming", "jupyter"), nil
	}
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "jupyter"), nil
	}
	return filepath.Join(home, ".local", "share", "jupyter"), nil
}

// PrefixDataDir is Jupyter's data folder under an installation prefix, as
// in 'jupyter kernelspec install --prefix': PREFIX/share/jupyter.
func PrefixDataDir(prefix string) string {
	return filepath.Join(prefix, "share", "jupyter")
}

// Install writes spec as DATADIR/kernels/NAME/kernel.json, replacing an
// earlier install of the same name, and returns the kernelspec's folder.
func Install(dataDir, name string, spec Spec) (string, error) {
	if !validName.MatchString(name) {
		return "", fmt.Errorf("kernel name %q: use only letters, digits, '.', '_' and '-'", name)
	}
	dir := filepath.Join(dataDir, "kernels", name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("make the kernelspec folder: %w", err)
	}
	b, err := json.MarshalIndent(spec, "", "  ")
	if err != nil {
		return "", err
	}
	if err := os.WriteFile(filepath.Join(dir, "kernel.json"), append(b, '\n'), 0o644); err != nil {
		return "", fmt.Errorf("write kernel.json: %w", err)
	}
	return dir, nil
}
