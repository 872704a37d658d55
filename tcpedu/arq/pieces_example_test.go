package arq_test

import (
	"bytes"
	"fmt"
	"time"

	"github.com/tcpedu/tcpedu/tcpedu/arq"
	"github.com/tcpedu/tcpedu/tcpedu/seq"
	"github.com/tcpedu/tcpedu/tcpedu/wire"
)

// The examples number five 100-byte segments the way segment.go does with
// an ISS of 0: segment #k holds bytes 1+(k-1)·100 up to k·100, so #1 is
// [1, 101), #3 is [201, 301) and #5 is [401, 501).

// A sender with five segments in flight receives a cumulative ACK for the
// first two, then the same ACK again: a duplicate, the receiver still
// wants #3.
func ExampleSendWindow() {
	w := arq.NewSendWindow(1)
	for k := 1; k <= 5; k++ {
		w.Send(100, time.Duration(k)*time.Millisecond)
	}
	fmt.Println("SND.UNA", w.SndUna(), "SND.NXT", w.SndNxt(), "in flight", w.InFlight(), "bytes in", w.Len(), "segments")

	r := w.Ack(201)
	fmt.Println("ACK 201: acked", r.Acked, "bytes in", len(r.Segments), "segments")
	fmt.Println("SND.UNA", w.SndUna(), "oldest outstanding starts at", w.At(0).Seq)

	r = w.Ack(201)
	fmt.Println("ACK 201 again: duplicate", r.Duplicate)

	sg := w.Retransmit(w.Find(201), 250*time.Millisecond)
	fmt.Println("resent", sg.Seq, "transmissions", sg.Transmissions, "first sent", sg.FirstSent, "last sent", sg.LastSent)
	// Output:
	// SND.UNA 1 SND.NXT 501 in flight 500 bytes in 5 segments
	// ACK 201: acked 200 bytes in 2 segments
	// SND.UNA 201 oldest outstanding starts at 201
	// ACK 201 again: duplicate true
	// resent 201 transmissions 2 first sent 3ms last sent 250ms
}

// An acknowledgment may fall inside a segment: TCP can do that, the ARQ
// protocols never do. The segment's front is acknowledged and its record
// trimmed. The numbers cross 2^32 on the way, which changes nothing.
func ExampleSendWindow_Ack() {
	w := arq.NewSendWindow(4294967246)
	w.Send(100, 0) // [4294967246, 50)
	w.Send(100, 0) // [50, 150)

	for _, ack := range []seq.Num{10, 4294967000, 200, 10} {
		r := w.Ack(ack)
		fmt.Printf("ACK %v: acked %d, old %t, unsent %t, duplicate %t; oldest [%v, %v)\n",
			ack, r.Acked, r.Old, r.Unsent, r.Duplicate, w.At(0).Seq, w.At(0).End())
	}
	// Output:
	// ACK 10: acked 60, old false, unsent false, duplicate false; oldest [10, 50)
	// ACK 4294967000: acked 0, old true, unsent false, duplicate false; oldest [10, 50)
	// ACK 200: acked 0, old false, unsent true, duplicate false; oldest [10, 50)
	// ACK 10: acked 0, old false, unsent false, duplicate true; oldest [10, 50)
}

// The receiver gets segments #1, #2, #4 and #5 of five; #3 was lost. It
// delivers #1 and #2, holds #4 and #5, and says so in a SACK block. When #3
// arrives, #3, #4 and #5 go to the application at once.
func ExampleReassembly() {
	stream := bytes.Repeat([]byte("abcdefghij"), 50) // 500 bytes
	seg := func(k int) (seq.Num, []byte) {
		return seq.Num(1 + (k-1)*100), stream[(k-1)*100 : k*100]
	}

	r := arq.NewReassembly(1, 500)
	for _, k := range []int{1, 2, 4, 5} {
		res := r.Insert(seg(k))
		fmt.Printf("#%d: delivered %d bytes, buffered %t; ACK %v, SACK %v\n",
			k, len(res.Delivered), res.Buffered, r.RcvNxt(), r.Blocks(wire.MaxSACKBlocks))
	}
	res := r.Insert(seg(3))
	fmt.Printf("#3: delivered %d bytes; ACK %v, SACK %v, still buffered %d bytes\n",
		len(res.Delivered), r.RcvNxt(), r.Blocks(wire.MaxSACKBlocks), r.Buffered())

	res = r.Insert(seg(2))
	fmt.Println("#2 again: duplicate", res.Duplicate)
	// Output:
	// #1: delivered 100 bytes, buffered false; ACK 101, SACK []
	// #2: delivered 100 bytes, buffered false; ACK 201, SACK []
	// #4: delivered 0 bytes, buffered true; ACK 201, SACK [{301 401}]
	// #5: delivered 0 bytes, buffered true; ACK 201, SACK [{301 501}]
	// #3: delivered 300 bytes; ACK 501, SACK [], still buffered 0 bytes
	// #2 again: duplicate true
}

// RFC 2018 §6, case 3: eight 500-byte segments from 5000; the 2nd, 4th,
// 6th and 8th are lost. The newest block comes first, and the older ones
// are repeated after it, in case earlier ACKs were lost. Then the 4th
// arrives late and joins two blocks into one.
func ExampleReassembly_Blocks() {
	r := arq.NewReassembly(5000, 4000)
	data := make([]byte, 500)
	for _, s := range []seq.Num{5000, 6000, 7000, 8000, 6500} {
		r.Insert(s, data)
		fmt.Println("got", s, "ACK", r.RcvNxt(), "SACK", r.Blocks(wire.MaxSACKBlocks))
	}
	// Output:
	// got 5000 ACK 5500 SACK []
	// got 6000 ACK 5500 SACK [{6000 6500}]
	// got 7000 ACK 5500 SACK [{7000 7500} {6000 6500}]
	// got 8000 ACK 5500 SACK [{8000 8500} {7000 7500} {6000 6500}]
	// got 6500 ACK 5500 SACK [{6000 7500} {8000 8500}]
}

// Segment #3 of #1..#5 was lost. The sender's ACK says 201 (#1 and #2
// arrived) with a SACK block for #4 and #5: the scoreboard's first hole is
// #3, at 201, and #4 need not be resent.
func ExampleScoreboard() {
	w := arq.NewSendWindow(1)
	for k := 1; k <= 5; k++ {
		w.Send(100, 0)
	}
	var sb arq.Scoreboard
	w.Ack(201)
	fmt.Println("newly SACKed", sb.Update(w.SndUna(), []wire.SACKBlock{{Left: 301, Right: 501}}), "bytes")

	hole, ok := sb.NextHole(w.SndUna(), w.SndNxt()) // 201 is #3's first byte
	fmt.Println("first hole", hole, ok)
	fmt.Println("#4 SACKed:", sb.IsSACKed(301, 100))
	fmt.Println("SACKed above #3:", sb.SACKedAbove(201), "bytes")
	// Output:
	// newly SACKed 200 bytes
	// first hole 201 true
	// #4 SACKed: true
	// SACKed above #3: 200 bytes
}

// RFC 6675 calls a hole lost once DupThresh (3) segments' worth of data has
// arrived above it. With #3 missing and only #4 and #5 SACKed, #3 may just
// be late; when #6 is SACKed too, it is lost.
func ExampleScoreboard_IsLost() {
	const smss, dupThresh = 100, 3
	var sb arq.Scoreboard
	sb.Update(201, []wire.SACKBlock{{Left: 301, Right: 501}})
	fmt.Println("#4, #5 SACKed: #3 lost?", sb.IsLost(201, smss, dupThresh))
	sb.Update(201, []wire.SACKBlock{{Left: 301, Right: 601}})
	fmt.Println("#4, #5, #6 SACKed: #3 lost?", sb.IsLost(201, smss, dupThresh))

	// After a retransmission timeout the sender forgets what was SACKed:
	// the receiver may have thrown it away (RFC 2018 §8).
	sb.Reset()
	fmt.Println("after Reset:", sb.Blocks(), sb.IsSACKed(301, 100))
	// Output:
	// #4, #5 SACKed: #3 lost? false
	// #4, #5, #6 SACKed: #3 lost? true
	// after Reset: [] false
}
