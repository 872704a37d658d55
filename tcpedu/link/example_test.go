package link_test

import (
	"fmt"
	"net/netip"
	"time"

	"github.com/tcpedu/tcpedu/tcpedu/link"
	"github.com/tcpedu/tcpedu/tcpedu/seq"
	"github.com/tcpedu/tcpedu/tcpedu/sim"
	"github.com/tcpedu/tcpedu/tcpedu/wire"
)

// A burst of three 1000-byte packets reaches an 8 Mbit/s link with room
// for one packet to wait: the first is serialised at once (1 ms), the
// second waits its turn, and the third finds the queue full and is lost.
func ExampleLink() {
	s := sim.New(1)
	l := link.New(s, "a→b", link.Config{
		Bandwidth: 8e6,
		Delay:     10 * time.Millisecond,
		Queue:     1,
	}, nil)
	l.Observe(func(e link.Event) {
		line := fmt.Sprintf("%-5v packet %d %v", e.At, e.Packet[0], e.Kind)
		if e.Reason != "" {
			line += " (" + e.Reason + ")"
		}
		fmt.Println(line)
	})
	for n := byte(1); n <= 3; n++ {
		p := make([]byte, 1000)
		p[0] = n // a label, to tell the packets apart
		l.Send(p)
	}
	s.Run()
	st := l.Stats()
	fmt.Printf("sent %d, delivered %d, dropped %d\n", st.Sent, st.Delivered, st.Dropped)
	// Output:
	// 0s    packet 1 queued (sending)
	// 0s    packet 2 queued (waiting)
	// 0s    packet 3 dropped (queue full)
	// 1ms   packet 1 transmitted
	// 2ms   packet 2 transmitted
	// 11ms  packet 1 delivered
	// 12ms  packet 2 delivered
	// sent 3, delivered 2, dropped 1
}

// segment builds a TCP/IPv4 data segment at seq s carrying n bytes. (A
// real sender fills in the checksums too; the link does not look at them.)
func segment(s seq.Num, n int) []byte {
	tcp := wire.TCPHeader{SrcPort: 40000, DstPort: 80, Seq: s, Ack: 1, Flags: wire.ACK | wire.PSH}
	seg, _ := tcp.AppendTo(nil)
	seg = append(seg, make([]byte, n)...)
	ip := wire.IPv4Header{Version: 4, IHL: 5, TotalLen: uint16(20 + len(seg)), TTL: 64, Protocol: wire.ProtocolTCP,
		Src: netip.MustParseAddr("10.0.0.1"), Dst: netip.MustParseAddr("10.0.0.2")}
	p, _ := ip.AppendTo(nil)
	return append(p, seg...)
}

// seqOf returns the sequence number of a TCP/IPv4 packet.
func seqOf(p []byte) seq.Num { return wire.TCP(p[20:]).Seq() }

// A scripted fault stages a textbook case exactly: the second data
// segment is lost, whatever the seed, and nothing else is.
func ExampleRule() {
	s := sim.New(1)
	drop2nd := link.Rule{Action: link.Drop, Match: link.DataSegment(), Nth: 2}
	l := link.New(s, "client→server", link.Config{
		Delay:  5 * time.Millisecond,
		Faults: link.Faults{Script: []link.Rule{drop2nd}},
	}, func(p []byte) {
		fmt.Println(s.Now(), "delivered seq", seqOf(p))
	})
	l.Observe(func(e link.Event) {
		if e.Kind == link.Dropped {
			fmt.Println(e.At, "dropped   seq", seqOf(e.Packet), "by the", e.Reason)
		}
	})
	for i := 0; i < 4; i++ {
		l.Send(segment(seq.Num(1001+100*i), 100))
	}
	s.Run()
	// Output:
	// 0s dropped   seq 1101 by the script
	// 5ms delivered seq 1001
	// 5ms delivered seq 1201
	// 5ms delivered seq 1301
}

// Holding a segment back lets the ones behind it overtake: the receiver
// sees a hole, then the segment arrives late and fills it.
func ExampleRule_hold() {
	s := sim.New(1)
	l := link.New(s, "client→server", link.Config{
		Delay: 5 * time.Millisecond,
		Faults: link.Faults{Script: []link.Rule{
			{Action: link.Hold, Match: link.SeqIs(1101), Nth: 1, Delay: 3 * time.Millisecond},
		}},
	}, func(p []byte) {
		fmt.Println(s.Now(), "delivered seq", seqOf(p))
	})
	// Schedule through a function, so that each closure has its own p
	// (yaegi shares variables declared in a loop body between closures).
	sendAt := func(at time.Duration, p []byte) { s.At(at, func() { l.Send(p) }) }
	for i := 0; i < 4; i++ {
		sendAt(time.Duration(i)*time.Millisecond, segment(seq.Num(1001+100*i), 100))
	}
	s.Run()
	// Output:
	// 5ms delivered seq 1001
	// 7ms delivered seq 1201
	// 8ms delivered seq 1301
	// 9ms delivered seq 1101
}

// Loss at the same rate looks very different when it comes in bursts.
// Each line is 100 packets through a link: '-' arrived, '#' was lost. The
// pattern changes with the seed; the contrast does not.
func ExampleGilbertElliott() {
	g := link.Bursty(0.1, 5)
	fmt.Printf("P=%.4f R=%.2f: loss rate %.2f, mean burst %.0f packets\n", g.P, g.R, g.LossRate(), g.MeanBurst())

	pattern := func(f link.Faults) string {
		s := sim.New(8)
		l := link.New(s, "x", link.Config{Faults: f}, nil) // infinitely fast: Send decides at once
		out := make([]byte, 100)
		for i := range out {
			dropped := l.Stats().Dropped
			l.Send([]byte{0})
			out[i] = '-'
			if l.Stats().Dropped > dropped {
				out[i] = '#'
			}
		}
		return string(out)
	}
	fmt.Println("independent:", pattern(link.Faults{Loss: 0.1}))
	fmt.Println("bursty:     ", pattern(link.Faults{Burst: g}))
	// Output:
	// P=0.0222 R=0.20: loss rate 0.10, mean burst 5 packets
	// independent: -------------------------#----------------##--#---#-##---#----#-------#-----#---------------------#-
	// bursty:      -------------------------#####---------------------------##-----------------#######---------------##
}

// Serialisation time is size over bandwidth: it is why a big packet on a
// slow link delays everything behind it.
func ExampleTransmissionTime() {
	for _, bw := range []float64{56e3, 10e6, 1e9} {
		fmt.Printf("1500 bytes at %g bit/s: %v\n", bw, link.TransmissionTime(1500, bw))
	}
	// Output:
	// 1500 bytes at 56000 bit/s: 214.285714ms
	// 1500 bytes at 1e+07 bit/s: 1.2ms
	// 1500 bytes at 1e+09 bit/s: 12µs
}

// Validate explains what is wrong, in one sentence; New would panic with
// the same error.
func ExampleConfig_Validate() {
	cfg := link.Config{Delay: 20 * time.Millisecond, Faults: link.Faults{Loss: 5}} // meant 5%
	fmt.Println(cfg.Validate())
	cfg.Faults.Loss = 0.05
	fmt.Println(cfg.Validate())
	// Output:
	// link: loss probability 5 is outside [0, 1]
	// <nil>
}
