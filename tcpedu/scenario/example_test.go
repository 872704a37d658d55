package scenario_test

import (
	"fmt"

	"github.com/tcpedu/tcpedu/tcpedu/scenario"
	"github.com/tcpedu/tcpedu/tcpedu/tcp"
)

// Run plays a story and returns what happened; the segments carry their
// numbers relative to the ISNs.
func ExampleRun() {
	res, err := scenario.Run("teardown-combined", 1)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range res.Segments[3:] {
		fmt.Printf("%s %s seq=%d ack=%d\n", s.From, tcpFlags(s), s.SeqRel, s.AckRel)
	}
	for _, c := range res.States {
		if c.Host == "client" {
			fmt.Println(c.From, "->", c.To)
		}
	}
	// Output:
	// client FIN,ACK seq=1 ack=1
	// server FIN,ACK seq=1 ack=2
	// client ACK seq=2 ack=2
	// CLOSED -> SYN-SENT
	// SYN-SENT -> ESTABLISHED
	// ESTABLISHED -> FIN-WAIT-1
	// FIN-WAIT-1 -> TIME-WAIT
	// TIME-WAIT -> CLOSED
}

func tcpFlags(s scenario.SegmentRecord) string { return tcp.FlagNames(s.Seg.Flags) }
