// Package scenario plays the stories that course notes tell about a TCP
// connection (the three-way handshake, the four-segment close, TIME-WAIT,
// a lost SYN, an old duplicate SYN, a reset) between a client and a server
// host joined by one link each way, and records every segment and every
// change of state.
//
// Each Scenario is a short script: what the applications do and when, and
// which segment the network loses or delays. Run plays it on a fresh Stage
// and returns a Result; WriteLadder draws the Result as a ladder diagram
// with both hosts' states in the margins. The command `tcpedu scenario
// NAME` does both.
//
// Reading order: stage.go (the two hosts and their links), app.go (the
// applications), scenarios.go (the stories), record.go (what is recorded),
// ladder.go (the drawing).
package scenario
