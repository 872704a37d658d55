// Package notebook reads, runs and writes Jupyter notebooks (nbformat 4)
// whose code cells are Go, run by a yaegi session: what `tcpedu notebook
// run` does headless, with no Jupyter installed.
//
//	ipynb.go  the file format: a notebook as JSON, cells, sources, outputs
//	run.go    running a notebook's cells in order, in one session, with a
//	          time limit per cell, and collecting their outputs
//
// A notebook is kept as generic JSON, so that fields this package does not
// know (a cell's metadata, widgets' state) survive a run untouched, and it
// is written as Jupyter writes it: keys sorted, one-space indent, a final
// newline. The format is https://nbformat.readthedocs.io/en/latest/format_description.html.
package notebook
