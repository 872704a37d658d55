package plots_test

import (
	"fmt"
	"time"

	"github.com/tcpedu/tcpedu/plots"
	"github.com/tcpedu/tcpedu/tcpedu/bulk"
	"github.com/tcpedu/tcpedu/tcpedu/cc"
)

// A notebook draws a figure in memory and displays the PNG bytes.
func ExampleCwnd() {
	res, err := bulk.Run(bulk.Config{CC: "reno", Bandwidth: 100e6, NoQueueLimit: true, Drop: []int{30},
		Duration: time.Second, Trace: true})
	if err != nil {
		panic(err)
	}
	f, err := plots.Cwnd(res)
	if err != nil {
		panic(err)
	}
	png, err := f.PNG()
	if err != nil {
		panic(err)
	}
	w, h := f.PixelSize()
	fmt.Println(f.Title)
	fmt.Printf("%d × %d pixels, PNG: %v\n", w, h, string(png[1:4]) == "PNG")
	fmt.Println(f.Legend())
	// Output:
	// Congestion window of one Reno transfer
	// 1350 × 750 pixels, PNG: true
	// [cwnd ssthresh loss: 3 duplicate ACKs slow start congestion avoidance fast recovery]
}

// The textbook figure, from the round model.
func ExampleRounds() {
	f, err := plots.Rounds(cc.RoundsConfig{Ssthresh: 8, Rounds: 15, Events: []cc.Event{{Round: 8, Loss: cc.TripleDup}}},
		[]cc.Variant{cc.TahoeRounds, cc.RenoRounds})
	if err != nil {
		panic(err)
	}
	fmt.Println(f.Title)
	fmt.Println(f.Subtitle)
	// Output:
	// cwnd per transmission round: Tahoe and Reno
	// initial cwnd 1, ssthresh 8 segments; 3 dup ACKs at the end of round 8
}

func ExampleKinds() {
	for _, k := range plots.Kinds {
		fmt.Println(k.Name)
	}
	// Output:
	// cwnd
	// compare
	// rounds
	// stevens
	// rtt
	// throughput
	// arq
	// states
	// ladder
}
