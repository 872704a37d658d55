package cc_test

import (
	"fmt"

	"github.com/tcpedu/tcpedu/tcpedu/cc"
)

// Kurose and Ross's Figure 3.53 in numbers: a triple duplicate ACK at the
// end of round 8, when cwnd is 12.
func ExampleRounds() {
	for _, v := range []cc.Variant{cc.TahoeRounds, cc.RenoRounds} {
		rows, err := cc.Rounds(cc.RoundsConfig{Variant: v, Ssthresh: 8, Rounds: 12,
			Events: []cc.Event{{Round: 8, Loss: cc.TripleDup}}})
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Print(v, ":")
		for _, r := range rows {
			fmt.Print(" ", r.Cwnd)
		}
		fmt.Println()
	}
	// Output:
	// tahoe: 1 2 4 8 9 10 11 12 1 2 4 6
	// reno: 1 2 4 8 9 10 11 12 9 10 11 12
}
