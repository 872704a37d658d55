// Package cc is TCP congestion control: how a sender decides how much to
// have in flight, and what it does when the network drops a segment.
//
// # Reading order
//
//	algorithm.go  the interface every variant implements: OnAck, OnDupAck,
//	              OnTimeout, Cwnd, Ssthresh; New picks a variant by name
//	growth.go   slow start and congestion avoidance, shared by every variant
//	tahoe.go    Tahoe: every loss back to 1 segment
//	reno.go     Reno (RFC 5681): fast retransmit and fast recovery
//	newreno.go  NewReno (RFC 6582): partial ACKs keep fast recovery going
//	sack.go     SACK (RFC 6675): with a scoreboard, recovery without window
//	            inflation; Reno's or NewReno's growth, the sender's pipe
//	rounds.go   the textbook model: one row per transmission round, cwnd in
//	            segments, slow start, congestion avoidance, and a loss
//	            detected at the end of a round by a timeout or by three
//	            duplicate ACKs (Tahoe and Reno)
//
// The round model is what course exercises use: "ssthresh is 8 and a triple
// duplicate ACK arrives at the end of round 8; what is cwnd in round 9?".
// It is exact for the exercises and deliberately coarse about everything
// else: a round is one RTT in which the whole window is sent and
// acknowledged, and a loss affects only the cwnd of the next round. The
// Algorithm variants work per ACK, in bytes, as RFC 5681 writes them.
//
// # RFCs
//
// RFC 5681 (slow start, congestion avoidance, fast retransmit, fast
// recovery); RFC 6582 (NewReno); RFC 6675 (SACK-based recovery).
package cc
