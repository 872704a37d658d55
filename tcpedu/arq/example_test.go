package arq_test

import (
	"fmt"
	"os"

	"github.com/tcpedu/tcpedu/tcpedu/arq"
)

// The course's example: five segments, a window of five, and #3 lost.
// Go-Back-N's receiver threw away #4 and #5, so the sender resends all
// three; SACK's receiver kept them and said so, so the sender resends #3.
func ExampleRun() {
	for _, p := range []arq.Protocol{arq.GoBackN, arq.SACK} {
		res, err := arq.Run(arq.Config{Protocol: p, Window: 5, Segments: 5, DropSegments: []int{3}})
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%-9s transmissions %d, retransmissions %d, in order and complete: %v\n",
			p.Title(), res.Transmissions, res.Retransmissions, res.InOrderAndComplete)
	}
	// Output:
	// Go-Back-N transmissions 8, retransmissions 3, in order and complete: true
	// SACK      transmissions 6, retransmissions 1, in order and complete: true
}

// Stop-and-wait when an ACK is lost: the timer expires, the segment is
// sent again, and the receiver, seeing the bit it has already had, throws
// the copy away but ACKs it again.
func ExampleTrace_WriteLadder() {
	res, err := arq.Run(arq.Config{Protocol: arq.StopAndWait, Segments: 2, DropACKs: []int{2}, Trace: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	res.Trace.WriteLadder(os.Stdout)
	// Output:
	//    time ms  sender                                                      receiver
	//      0.000  |--#1 seq=1------------------>                             |
	//     10.832  |                             ----#1 seq=1---------------->|  deliver #1
	//     10.832  |                             <-------ACK 1001 (next #2)---|
	//     10.864  |                 X--ACK 1001 (next #2)--                  |  lost (scripted)
	//     42.560  |* timeout: retransmission timer                           |
	//     42.560  |--#1 seq=1 again: timeout--->                             |
	//     53.392  |                             ----#1 seq=1---------------->|  bit 0 is the segment already received: discarded, re-ACKed
	//     53.392  |                             <-------ACK 1001 (next #2)---|
	//     63.424  |<----------ACK 1001 (next #2)                             |
	//     63.424  |--#2 seq=1001--------------->                             |
	//     74.256  |                             ----#2 seq=1001------------->|  deliver #2
	//     74.256  |                             <-------ACK 2001 (next #3)---|
	//     84.288  |<----------ACK 2001 (next #3)                             |
}

// Selective Repeat needs its window to be at most half the sequence space.
// With 4 numbers, a window of 3 lets a resent old segment pass for a new
// one when every ACK of the first window is lost; a window of 2 does not.
func ExampleWindowRuleDemo() {
	for _, window := range []int{2, 3} {
		res, err := arq.Run(arq.WindowRuleDemo(arq.SelectiveRepeat, window, 4))
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("window %d of 4 numbers: old data taken for new: %v\n", window, res.Misdelivered)
	}
	// Output:
	// window 2 of 4 numbers: old data taken for new: false
	// window 3 of 4 numbers: old data taken for new: true
}

// How fast can stop-and-wait go? One segment per round trip.
func ExampleStopAndWaitUtilization() {
	cfg := arq.Config{Bandwidth: 10e6, Size: 1000}.WithDefaults() // 10 Mbit/s, 10 ms each way
	L := cfg.DataTime()                                           // 1040 bytes at 10 Mbit/s
	fmt.Printf("L/R = %v, RTT = %v\n", L, 2*cfg.Delay)
	fmt.Printf("U = %.4f\n", arq.StopAndWaitUtilization(L, 2*cfg.Delay))
	fmt.Printf("a window of %d segments fills the pipe\n", arq.PipeWindow(L, cfg.RTT()))
	// Output:
	// L/R = 832µs, RTT = 20ms
	// U = 0.0399
	// a window of 26 segments fills the pipe
}
