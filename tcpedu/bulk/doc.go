// Package bulk runs one bulk transfer through a bottleneck: the experiment
// behind every congestion-control figure. A client sends as much as it can
// to a server for a fixed simulated time, over a path whose forward
// direction is a link of limited bandwidth with a DropTail queue and,
// optionally, random loss; the server acknowledges every segment, or every
// second one (Config.AckEvery), and its application reads at once or at a
// set rate (Config.ReadRate). The run
// records cwnd, ssthresh, SRTT, RTO and the bytes in flight at every
// change, and counts what was sent, resent and delivered.
//
// Reading order: config.go (the experiment's knobs), run.go (wiring two
// tcp hosts to two links and running), trace.go (what is recorded),
// events.go (each reaction to a loss, and how the loss was detected, read
// back from the trace), theory.go (the Mathis formula).
//
// The hosts are package tcp's, unchanged: the same endpoint that plays the
// connection scenarios, with the congestion control of package cc.
package bulk
