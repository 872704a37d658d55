// Package cc is TCP congestion control: how a sender decides how much to
// have in flight, and what it does when the network drops a segment.
//
// # Reading order
//
//	rounds.go   the textbook model: one row per transmission round, cwnd in
//	            segments, slow start, congestion avoidance, and a loss
//	            detected at the end of a round by a timeout or by three
//	            duplicate ACKs (Tahoe and Reno)
//
// The round model is what course exercises use: "ssthresh is 8 and a triple
// duplicate ACK arrives at the end of round 8; what is cwnd in round 9?".
// It is exact for the exercises and deliberately coarse about everything
// else: a round is one RTT in which the whole window is sent and
// acknowledged, and a loss affects only the cwnd of the next round.
//
// # RFCs
//
// RFC 5681 (slow start, congestion avoidance, fast retransmit, fast
// recovery); RFC 6582 (NewReno); RFC 6675 (SACK-based recovery).
package cc
