package notebook

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Notebook is one .ipynb file, as generic JSON.
type Notebook struct {
	doc map[string]any
}

// Cell is one cell of a notebook.
type Cell struct {
	m map[string]any
}

// ErrFormat is returned for a file that is not an nbformat 4 notebook.
var ErrFormat = errors.New("not a Jupyter notebook (nbformat 4)")

// Parse reads a notebook from its JSON.
func Parse(b []byte) (*Notebook, error) {
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber() // keep numbers as written: 4, not 4.0
	var doc map[string]any
	if err := d.Decode(&doc); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFormat, err)
	}
	if v, _ := doc["nbformat"].(json.Number); v.String() != "4" {
		return nil, fmt.Errorf("%w: nbformat is %v", ErrFormat, doc["nbformat"])
	}
	cells, ok := doc["cells"].([]any)
	if !ok {
		return nil, fmt.Errorf("%w: no cells", ErrFormat)
	}
	for i, c := range cells {
		if _, ok := c.(map[string]any); !ok {
			return nil, fmt.Errorf("%w: cell %d is not an object", ErrFormat, i+1)
		}
	}
	return &Notebook{doc: doc}, nil
}

// ReadFile reads and parses a notebook file.
func ReadFile(name string) (*Notebook, error) {
	b, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	nb, err := Parse(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return nb, nil
}

// Cells returns the notebook's cells, in order.
func (nb *Notebook) Cells() []Cell {
	raw := nb.doc["cells"].([]any)
	cells := make([]Cell, len(raw))
	for i, c := range raw {
		cells[i] = Cell{c.(map[string]any)}
	}
	return cells
}

// Language returns the language the notebook's metadata names (its
// kernelspec's, else its language_info's), lower case, or "" if it names
// none.
func (nb *Notebook) Language() string {
	md, _ := nb.doc["metadata"].(map[string]any)
	for _, key := range []string{"kernelspec", "language_info"} {
		m, _ := md[key].(map[string]any)
		for _, field := range []string{"language", "name"} {
			if key == "kernelspec" && field == "name" {
				continue // a kernel's name, not a language
			}
			if v, ok := m[field].(string); ok && v != "" {
				return strings.ToLower(v)
			}
		}
	}
	return ""
}

// SetLanguage records in the notebook's metadata that it is Go, run by
// the tcpedu kernel, as Jupyter does when it saves a notebook.
func (nb *Notebook) SetLanguage(kernelspec, languageInfo map[string]any) {
	md, _ := nb.doc["metadata"].(map[string]any)
	if md == nil {
		md = map[string]any{}
		nb.doc["metadata"] = md
	}
	md["kernelspec"] = kernelspec
	md["language_info"] = languageInfo
}

// Marshal returns the notebook as Jupyter writes it: keys sorted, a
// one-space indent, no HTML escaping, and a final newline.
func (nb *Notebook) Marshal() ([]byte, error) {
	var b bytes.Buffer
	e := json.NewEncoder(&b)
	e.SetEscapeHTML(false)
	e.SetIndent("", " ")
	if err := e.Encode(nb.doc); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// WriteFile writes the notebook to name through a temporary file beside
// it, renamed into place, so that a failure never leaves half a notebook.
func (nb *Notebook) WriteFile(name string) error {
	b, err := nb.Marshal()
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(name), ".notebook-*.ipynb")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if fi, err := os.Stat(name); err == nil {
		os.Chmod(tmp.Name(), fi.Mode().Perm())
	}
	return os.Rename(tmp.Name(), name)
}

// Type returns the cell's type: "code", "markdown" or "raw".
func (c Cell) Type() string { s, _ := c.m["cell_type"].(string); return s }

// Source returns the cell's text. nbformat stores it as a string or as a
// list of lines; both read the same.
func (c Cell) Source() string { return multiline(c.m["source"]) }

// Tags returns the cell's metadata tags ("raises-exception", …).
func (c Cell) Tags() []string {
	md, _ := c.m["metadata"].(map[string]any)
	raw, _ := md["tags"].([]any)
	var tags []string
	for _, t := range raw {
		if s, ok := t.(string); ok {
			tags = append(tags, s)
		}
	}
	return tags
}

// HasTag reports whether the cell carries the tag.
func (c Cell) HasTag(tag string) bool {
	for _, t := range c.Tags() {
		if t == tag {
			return true
		}
	}
	return false
}

// SetOutputs replaces a code cell's outputs and execution count.
func (c Cell) SetOutputs(outputs []map[string]any, count int) {
	list := make([]any, len(outputs))
	for i, o := range outputs {
		list[i] = o
	}
	c.m["outputs"] = list
	c.m["execution_count"] = count
}

// multiline reads nbformat's multi-line string: a string, or a list of
// strings to join.
func multiline(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case []any:
		var b strings.Builder
		for _, s := range v {
			if s, ok := s.(string); ok {
				b.WriteString(s)
			}
		}
		return b.String()
	}
	return ""
}

// lines splits text the way Jupyter stores it: a list of lines, each with
// its "\n" but the last.
func lines(text string) []any {
	var out []any
	for text != "" {
		i := strings.IndexByte(text, '\n')
		if i < 0 {
			out = append(out, text)
			break
		}
		out = append(out, text[:i+1])
		text = text[i+1:]
	}
	if out == nil {
		out = []any{}
	}
	return out
}
