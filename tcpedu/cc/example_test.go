package cc_test

import (
	"fmt"

	"github.com/tcpedu/tcpedu/tcpedu/cc"
	"github.com/tcpedu/tcpedu/tcpedu/seq"
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

// RFC 6675's recovery as package cc sees it, for a sender with 20 segments
// in flight whose scoreboard finds the first lost: cwnd is cut to half the
// flight and stays there, with no inflation, until the ACK of
// RecoveryPoint (HighData when recovery began).
func ExampleSACK() {
	const smss = 1000
	alg, err := cc.New("newreno", cc.Config{MSS: smss, InitialWindow: 20 * smss, SACK: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	una := seq.Num(1)
	highData := una.Add(20 * smss)
	act := alg.OnDupAck(cc.Ack{Ack: una, FlightSize: 20 * smss, SndNxt: highData, DupAcks: 3, RecoveryPoint: una})
	fmt.Println("third DupAck:", alg.Phase(), "cwnd", alg.Cwnd(), "ssthresh", alg.Ssthresh(), "retransmit", act.Retransmit)
	alg.OnAck(cc.Ack{Ack: una.Add(5 * smss), Acked: 5 * smss, RecoveryPoint: highData})
	fmt.Println("partial ACK:", alg.Phase(), "cwnd", alg.Cwnd())
	alg.OnAck(cc.Ack{Ack: highData, Acked: 15 * smss, RecoveryPoint: highData})
	fmt.Println("ACK of RecoveryPoint:", alg.Phase(), "cwnd", alg.Cwnd())
	// Output:
	// third DupAck: fast recovery cwnd 10000 ssthresh 10000 retransmit true
	// partial ACK: fast recovery cwnd 10000
	// ACK of RecoveryPoint: congestion avoidance cwnd 10000
}
