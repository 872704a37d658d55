package kernel

import (
	"context"
	"errors"
	"runtime"
	"strings"
)

// Output receives what a running cell writes and shows, as it happens.
type Output interface {
	Stream(name, text string)         // name is "stdout" or "stderr"
	Display(bundle map[string]string) // MIME type -> data; "image/png" data is already base64
}

// An Engine runs cells: the kernel owns one for its whole life (one interpreter).
// Cells run one at a time, in the order they arrive, on the same Engine.
type Engine interface {
	// Execute runs code; the context is cancelled on interrupt_request.
	// result is the execute_result MIME bundle (nil: none). A non-nil error becomes an
	// error message; if it has a method ErrorName() string, that is ename, else "Error".
	Execute(ctx context.Context, code string, out Output) (result map[string]string, err error)
	// IsComplete answers is_complete_request: "complete", "incomplete" or "invalid".
	IsComplete(code string) string
}

// A Completer is an Engine that can complete a name for Jupyter's Tab
// (complete_request). Offsets are in bytes of code.
type Completer interface {
	// Complete returns the names the word before cursor may become, and
	// where that word starts.
	Complete(code string, cursor int) (matches []string, start int)
}

// LanguageInfo is the language_info of a kernel_info_reply
// (messaging.html §"Kernel info").
type LanguageInfo struct {
	Name           string `json:"name"`            // "go"
	Version        string `json:"version"`         // the language's version, as "1.26.8"
	MimeType       string `json:"mimetype"`        // of a file of code: "text/x-go"
	FileExtension  string `json:"file_extension"`  // ".go", with its dot
	PygmentsLexer  string `json:"pygments_lexer"`  // for nbconvert's HTML
	CodemirrorMode string `json:"codemirror_mode"` // for the notebook's editor
}

// GoLanguage is the language_info of a kernel that runs Go, at the version
// of the Go toolchain that built tcpedu.
func GoLanguage() LanguageInfo {
	return LanguageInfo{
		Name:           "go",
		Version:        strings.TrimPrefix(runtime.Version(), "go"),
		MimeType:       "text/x-go",
		FileExtension:  ".go",
		PygmentsLexer:  "go",
		CodemirrorMode: "go",
	}
}

// namedError is an error that names its kind: ErrorName is the ename of
// the error message ("SyntaxError", "Panic"), Error its evalue.
type namedError interface {
	error
	ErrorName() string
}

// errorName is err's ename: the ErrorName of the first error in its chain
// that has one, else "Error".
func errorName(err error) string {
	var ne namedError
	if errors.As(err, &ne) && ne.ErrorName() != "" {
		return ne.ErrorName()
	}
	return "Error"
}
