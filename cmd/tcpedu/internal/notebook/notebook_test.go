package notebook

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// testNotebook builds an nbformat 4 notebook from cells given as
// {type, source, tags…}.
func testNotebook(t *testing.T, cells ...[]string) *Notebook {
	t.Helper()
	var list []any
	for _, c := range cells {
		cell := map[string]any{"cell_type": c[0], "metadata": map[string]any{}, "source": c[1]}
		if len(c) > 2 {
			cell["metadata"] = map[string]any{"tags": []any{c[2]}, "custom": "kept"}
		}
		if c[0] == "code" {
			cell["outputs"] = []any{}
			cell["execution_count"] = nil
		}
		list = append(list, cell)
	}
	b, err := json.Marshal(map[string]any{"cells": list, "metadata": map[string]any{"widgets": "kept"}, "nbformat": 4, "nbformat_minor": 5})
	require.NoError(t, err)
	nb, err := Parse(b)
	require.NoError(t, err)
	return nb
}

// outputs returns a cell's outputs after a run, as JSON for easy reading.
func outputs(t *testing.T, nb *Notebook, cell int) []map[string]any {
	t.Helper()
	b, err := nb.Marshal()
	require.NoError(t, err)
	var doc struct {
		Cells []struct {
			Outputs        []map[string]any `json:"outputs"`
			ExecutionCount any              `json:"execution_count"`
		} `json:"cells"`
	}
	require.NoError(t, json.Unmarshal(b, &doc))
	return doc.Cells[cell-1].Outputs
}

func TestRunCollectsStreamsResultsAndPictures(t *testing.T) {
	nb := testNotebook(t,
		[]string{"markdown", "# Title"},
		[]string{"code", "x := seq.Num(4294967295)\nfmt.Println(\"one\")\nfmt.Print(\"two\\n\")\nx.Add(2)"},
		[]string{"code", "fmt.Fprintln(os.Stderr, \"careful\")\ndisplay.Markdown(\"**bold**\")"},
		[]string{"code", "r, _ := bulk.Run(bulk.Config{Duration: time.Second, Trace: true})\nfig, _ := plots.Cwnd(r)\nfig"},
	)
	require.NoError(t, Run(context.Background(), nb, Options{}))

	out := outputs(t, nb, 2)
	require.Len(t, out, 2, "one stream output for both prints, then the result: %v", out)
	assert.Equal(t, "stream", out[0]["output_type"])
	assert.Equal(t, []any{"one\n", "two\n"}, out[0]["text"], "text is stored as lines, as Jupyter does")
	assert.Equal(t, "execute_result", out[1]["output_type"])
	assert.Equal(t, map[string]any{"text/plain": []any{"1"}}, out[1]["data"])

	out = outputs(t, nb, 3)
	require.Len(t, out, 2)
	assert.Equal(t, "stderr", out[0]["name"])
	assert.Equal(t, "display_data", out[1]["output_type"])
	assert.Equal(t, []any{"**bold**"}, out[1]["data"].(map[string]any)["text/markdown"])

	out = outputs(t, nb, 4)
	require.Len(t, out, 1)
	data := out[0]["data"].(map[string]any)
	assert.True(t, strings.HasPrefix(data["image/png"].(string), "iVBORw0KGgo"), "a base64 PNG")

	b, _ := nb.Marshal()
	assert.Contains(t, string(b), `"widgets": "kept"`, "metadata this package does not know survives")
	assert.Contains(t, string(b), `"name": "tcpedu"`, "the kernelspec is recorded")
}

func TestRunStopsAtAFailingCellAndNamesIt(t *testing.T) {
	nb := testNotebook(t,
		[]string{"code", "n := 1"},
		[]string{"markdown", "text"},
		[]string{"code", "for i := range 3 {}", "raises-exception"},
		[]string{"code", "var q []int\nq[n] = 1"},
		[]string{"code", "n"},
	)
	err := Run(context.Background(), nb, Options{})
	var ce *CellError
	require.True(t, errors.As(err, &ce), "Run returned %v", err)
	assert.Equal(t, 4, ce.Cell, "cells count from 1, markdown included")
	assert.Equal(t, "cell 4: line 2: panic: reflect: slice index out of range (an index at or past the slice's length)", err.Error())

	tagged := outputs(t, nb, 3)
	require.Len(t, tagged, 1)
	assert.Equal(t, "Unsupported", tagged[0]["ename"], "a raises-exception cell keeps its error and the run goes on")
	failed := outputs(t, nb, 4)
	require.Len(t, failed, 1)
	assert.Equal(t, "Panic", failed[0]["ename"])
	assert.Empty(t, outputs(t, nb, 5), "the cell after the failure is not run")
}

func TestRunStopsACellAtItsTimeLimit(t *testing.T) {
	nb := testNotebook(t, []string{"code", "for {}"})
	err := Run(context.Background(), nb, Options{Timeout: 100 * time.Millisecond})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "cell 1: stopped after the time limit of 100ms")
}

func TestParseRefusesWhatIsNotANotebook(t *testing.T) {
	for _, src := range []string{``, `[]`, `{"nbformat": 3, "cells": []}`, `{"nbformat": 4}`, `{"nbformat": 4, "cells": [1]}`} {
		_, err := Parse([]byte(src))
		assert.ErrorIs(t, err, ErrFormat, "Parse(%q)", src)
	}
}

func TestWriteFileRoundTripsAndLeavesNoTemporaryFile(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "n.ipynb")
	nb := testNotebook(t, []string{"code", "1 + 1"})
	require.NoError(t, Run(context.Background(), nb, Options{}))
	require.NoError(t, nb.WriteFile(name))
	again, err := ReadFile(name)
	require.NoError(t, err)
	a, _ := nb.Marshal()
	b, _ := again.Marshal()
	assert.Equal(t, string(a), string(b), "read and written again, the file is the same")
	entries, _ := os.ReadDir(dir)
	assert.Len(t, entries, 1, "only the notebook is left in the folder")
}

// FuzzParse checks that no file, however broken, makes Parse or the
// accessors panic, and that a notebook Parse accepts marshals and parses
// again.
func FuzzParse(f *testing.F) {
	f.Add([]byte(`{"cells": [{"cell_type": "code", "source": ["x := 1\n", "x"], "metadata": {"tags": ["a"]}}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}`))
	f.Add([]byte(`{"cells": [{"cell_type": 3, "source": 7, "metadata": []}], "nbformat": 4}`))
	f.Add([]byte(`{"nbformat": 4.0, "cells": []}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		nb, err := Parse(b)
		if err != nil {
			return
		}
		for _, c := range nb.Cells() {
			c.Type()
			c.Source()
			c.Tags()
		}
		out, err := nb.Marshal()
		if err != nil {
			t.Fatalf("Marshal of a parsed notebook: %v", err)
		}
		if _, err := Parse(out); err != nil {
			t.Fatalf("a marshalled notebook does not parse again: %v", err)
		}
	})
}

func TestRunRefusesANotebookInAnotherLanguage(t *testing.T) {
	nb, err := Parse([]byte(`{"cells": [{"cell_type": "code", "source": "print(1)", "metadata": {}, "outputs": []}],
		"metadata": {"kernelspec": {"name": "python3", "language": "python"}}, "nbformat": 4, "nbformat_minor": 5}`))
	require.NoError(t, err)
	err = Run(context.Background(), nb, Options{})
	assert.ErrorIs(t, err, ErrLanguage)
	assert.EqualError(t, err, "not a Go notebook: its cells are python, and tcpedu runs Go")
}
