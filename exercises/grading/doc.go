// Package grading holds the test suites of the exercises: one suite per
// exercise, shared by the stub a learner fills in (../NN-name) and its
// reference solution (../../solutions/NN-name). Each exercise's own test
// file is three lines that hand its functions to the suite, so nothing is
// written twice and the solution passes exactly the checks the learner's
// code must.
//
// The files:
//
//	check.go      Check and C: one named check, its failure message and its hint
//	run.go        Run: skip an untouched exercise, run each check with a time limit and panic guard
//	attempt.go    how "untouched" is decided: a hash of the stub's source
//	catalogue.go  the exercises in course order, with their checks: what tcpedu grade reads
//	NN-*.go       one suite per exercise, in the exercises' order
//
// and the machinery several suites share:
//
//	captures.go                the Linux captures under tcpedu/wire/testdata (02–04)
//	arqrun.go, arqscript.go    a learner's ARQ endpoints on arq.Run beside the model's, event by event (06–09)
//	connscript.go              connection scripts: calls and segments in, segments and states out (10, 11)
//	sendwindowrig.go           the RFC arithmetic of the send window, to drive and check a sender (12)
//	rtoref.go, rtorig.go       RFC 6298 worked by hand, and the drivers of an estimator (13)
//	ccharness.go, ccrandom.go  congestion control: scripts of ACKs, random event sequences (14–16)
//	ccsim.go, ccdiagnose.go    the learner's algorithm in bulk.Run beside the model's; naming the mistake (14–16)
//
// A check tests behaviour, never the shape of the code: it calls the
// learner's functions, or runs them in the real simulator, and compares
// what comes out with what the RFC says, often with the model in ../../tcpedu
// as the oracle. When a check fails it names the call, what came back and
// what was wanted, and a hint that names the misconception most likely to
// have caused it ("FIN consumes a sequence number").
//
// The package is test support: exercises import it only from their
// _test.go files, and tcpedu grade reads the catalogue.
package grading

//go:generate go run ./internal/genpristine
