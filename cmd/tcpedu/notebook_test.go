package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const tinyNotebook = `{"cells": [{"cell_type": "code", "execution_count": null, "metadata": {}, "outputs": [], "source": "seq.Num(1).Add(1)"}],
 "metadata": {}, "nbformat": 4, "nbformat_minor": 5}`

func TestNotebookRunWritesOutputsAndCheckSeesThemCurrent(t *testing.T) {
	name := filepath.Join(t.TempDir(), "tiny.ipynb")
	require.NoError(t, os.WriteFile(name, []byte(tinyNotebook), 0o644))

	status, _, errOut := runCLI(t, "", "notebook", "run", "--check", name)
	assert.Equal(t, exitFailure, status, "before a run, the saved outputs are stale")
	assert.Contains(t, errOut, "the saved outputs are not what the cells print now")

	status, out, errOut := runCLI(t, "", "notebook", "run", name)
	assert.Equal(t, exitOK, status, "stderr: %s", errOut)
	assert.Contains(t, out, "ran 1 code cell")
	b, _ := os.ReadFile(name)
	assert.Contains(t, string(b), `"2"`, "the value of the cell is saved")

	status, out, errOut = runCLI(t, "", "notebook", "run", "--check", name)
	assert.Equal(t, exitOK, status, "stderr: %s", errOut)
	assert.Contains(t, out, "up to date")
}

func TestNotebookRunRefusesBadInputInOneSentence(t *testing.T) {
	dir := t.TempDir()
	broken := filepath.Join(dir, "broken.ipynb")
	require.NoError(t, os.WriteFile(broken, []byte(`{"cells": [`), 0o644))
	for _, tc := range []struct {
		args   []string
		status int
		says   string
	}{
		{[]string{"notebook"}, exitUsage, "tcpedu notebook run FILE.ipynb"},
		{[]string{"notebook", "run"}, exitUsage, "name the notebooks"},
		{[]string{"notebook", "run", filepath.Join(dir, "missing.ipynb")}, exitFailure, "no such file"},
		{[]string{"notebook", "run", broken}, exitFailure, "not a Jupyter notebook"},
	} {
		status, _, errOut := runCLI(t, "", tc.args...)
		assert.Equal(t, tc.status, status, "tcpedu %v", tc.args)
		assert.Contains(t, errOut, tc.says, "tcpedu %v", tc.args)
		assert.NotContains(t, errOut, "goroutine", "tcpedu %v", tc.args)
	}
	b, _ := os.ReadFile(broken)
	assert.Equal(t, `{"cells": [`, string(b), "a file that is not a notebook is left as it was")
}
