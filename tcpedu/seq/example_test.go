package seq_test

import (
	"fmt"

	"github.com/tcpedu/tcpedu/tcpedu/seq"
)

// The byte numbered 4294967295 is followed by the byte numbered 0. Plain <
// gets their order wrong; LessThan gets it right.
func ExampleNum() {
	last := seq.Num(4294967295)
	next := last.Add(1)
	fmt.Println("next:", next)
	fmt.Println("last < next:", last < next)
	fmt.Println("last.LessThan(next):", last.LessThan(next))
	// Output:
	// next: 0
	// last < next: false
	// last.LessThan(next): true
}

func ExampleNum_LessThan() {
	a, b := seq.Num(4294967000), seq.Num(704) // 1000 bytes apart, across 0
	fmt.Println(a.LessThan(b), a.LessThanEq(b), a.GreaterThan(b), a.GreaterThanEq(b))
	fmt.Println(b.GreaterThan(a))
	// Output:
	// true true false false
	// true
}

func ExampleNum_Sub() {
	fmt.Println(seq.Num(0).Sub(4294967295)) // 0 is one byte after the top
	fmt.Println(seq.Num(4294967295).Sub(0)) // and the top one byte before 0
	// Output:
	// 1
	// -1
}

// Distance counts forward only: going backwards takes nearly a whole turn.
func ExampleNum_Distance() {
	fmt.Println(seq.Num(4294967000).Distance(704))
	fmt.Println(seq.Num(704).Distance(4294967000))
	// Output:
	// 1000
	// 4294966296
}

// A SYN and a FIN each take one sequence number, like a byte of data.
func ExampleSegLen() {
	isn := seq.Num(748207436)
	fmt.Println("after the SYN:", isn.Add(seq.SegLen(0, true, false)))
	fmt.Println("after 1448 bytes:", isn.Add(1).Add(seq.SegLen(1448, false, false)))
	fmt.Println("a bare ACK takes:", seq.SegLen(0, false, false))
	// Output:
	// after the SYN: 748207437
	// after 1448 bytes: 748208885
	// a bare ACK takes: 0
}

func ExampleMax() {
	// Two acknowledgments either side of 0: the later one is the larger.
	fmt.Println(seq.Max(4294967000, 704), seq.Min(4294967000, 704))
	// Output:
	// 704 4294967000
}

// RFC 9293 §3.10.7.4: a segment is acceptable if
// RCV.NXT =< SEG.SEQ < RCV.NXT+RCV.WND. Here the window straddles 0.
func ExampleNum_InWindow() {
	rcvNxt, rcvWnd := seq.Num(4294967000), uint32(1000) // accepts 4294967000 ... 703
	for _, segSeq := range []seq.Num{4294966999, 4294967000, 0, 703, 704} {
		fmt.Println(segSeq, segSeq.InWindow(rcvNxt, rcvWnd))
	}
	fmt.Println("zero window:", rcvNxt.InWindow(rcvNxt, 0))
	// Output:
	// 4294966999 false
	// 4294967000 true
	// 0 true
	// 703 true
	// 704 false
	// zero window: false
}

// RFC 9293 §3.10.7.4: an ACK is acceptable if SND.UNA < SEG.ACK =< SND.NXT.
// Adding 1 to both edges turns that into the half-open range InRange takes.
func ExampleNum_InRange() {
	sndUna, sndNxt := seq.Num(748207437), seq.Num(748211437)
	for _, segAck := range []seq.Num{748207437, 748208885, 748211437, 748211438} {
		fmt.Println(segAck, segAck.InRange(sndUna.Add(1), sndNxt.Add(1)))
	}
	// Output:
	// 748207437 false
	// 748208885 true
	// 748211437 true
	// 748211438 false
}

// The client's FIN in tcp4_transfer.pcap, whose ISN was 748207436.
func ExampleNum_Relative() {
	isn, fin := seq.Num(748207436), seq.Num(748211437)
	rel := fin.Relative(isn)
	fmt.Println(rel, seq.Absolute(isn, rel))
	// Output:
	// 4001 748211437
}

// Relative numbers are 32-bit too: 2^32 bytes after the base they are 0 again.
func ExampleAbsolute() {
	base := seq.Num(4294967000)
	fmt.Println(seq.Absolute(base, 1))          // the first data byte, across 0
	fmt.Println(seq.Absolute(base, 4294967295)) // the last relative number
	fmt.Println(base.Add(4294967295).Add(1).Relative(base))
	// Output:
	// 4294967001
	// 4294966999
	// 0
}

// A capture that starts at packet 7 of tcp4_transfer.pcap, with no
// handshake. Its first segment is an ACK from the server, so the client's
// base is learned from the server's acknowledgment number, not from the
// client's own first segment.
func ExampleTracker() {
	var client, server seq.Tracker

	// Frame 1, server -> client [.]: Seq=3636130623 Ack=748208885.
	fmt.Println("seq", server.Seq(3636130623, false), "ack", client.Ack(748208885))
	// Frame 5, client -> server [.]: Seq=748211437 Ack=3636132071.
	fmt.Println("seq", client.Seq(748211437, false), "ack", server.Ack(3636132071))

	base, ok := client.Base()
	fmt.Println("client base", base, ok)
	// Output:
	// seq 1 ack 1
	// seq 2553 ack 1449
	// client base 748208884 true
}

// With the handshake in the capture, the SYN sets the base to the ISN, and
// the relative numbers count from the start of the connection.
func ExampleTracker_Seq() {
	var client seq.Tracker
	fmt.Println(client.Seq(748207436, true))  // SYN
	fmt.Println(client.Seq(748207437, false)) // first data byte
	fmt.Println(client.Seq(748211437, false)) // FIN, after 4000 bytes
	// Output:
	// 0
	// 1
	// 4001
}
