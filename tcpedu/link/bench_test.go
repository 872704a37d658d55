package link

import (
	"testing"
	"time"

	"github.com/tcpedu/tcpedu/tcpedu/sim"
	"github.com/tcpedu/tcpedu/tcpedu/wire"
)

// Every simulation in tcpedu pushes its packets through links, so a link's
// cost per packet bounds how much traffic a notebook can simulate:
//
//	go test -run '^$' -bench Link -benchmem ./tcpedu/link/
//
// BenchmarkLink drives a 100 Mbit/s, 10 ms link with 1500-byte TCP
// segments from a sender that runs just below the link's rate (so about 75
// packets are on the wire and the queue stays short), and reports packets
// per second of wall time. Each packet costs three simulator events: the
// sender's tick, the end of serialisation and the arrival.

const (
	benchBandwidth = 100e6
	benchSize      = 1500
)

func benchLink(b *testing.B, cfg Config, gap time.Duration) {
	p := tcpPacket(b, 1001, 1, wire.ACK, make([]byte, benchSize-40))
	s := sim.New(1)
	l := New(s, "bench", cfg, func([]byte) {})
	sent := 0
	var tick func()
	tick = func() {
		l.Send(p)
		sent++
		if sent < b.N {
			s.After(gap, tick)
		}
	}
	s.At(0, tick)
	b.ReportAllocs()
	b.ResetTimer()
	s.Run()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "packets/s")
	b.ReportMetric(float64(l.Stats().Delivered)/float64(b.N), "delivered/packet")
}

func BenchmarkLink(b *testing.B) {
	tx := TransmissionTime(benchSize, benchBandwidth) // 120µs
	base := Config{Bandwidth: benchBandwidth, Delay: 10 * time.Millisecond, Queue: 100}
	faulty := base
	faulty.Faults = Faults{
		Loss: 0.01, Burst: Bursty(0.01, 3), Corrupt: 0.001, Duplicate: 0.01,
		Jitter: time.Millisecond, Reorder: 0.01, ReorderDelay: 5 * time.Millisecond,
		Script: []Rule{{Action: Hold, Match: SeqIs(99), Nth: 1, Delay: time.Millisecond}}, // decodes every packet
	}
	b.Run("no-faults", func(b *testing.B) { benchLink(b, base, tx+tx/10) })
	b.Run("faults", func(b *testing.B) { benchLink(b, faulty, tx+tx/10) })
	// Twice as fast as the link drains: the queue fills and DropTail
	// throws away half the packets.
	b.Run("congested", func(b *testing.B) { benchLink(b, base, tx/2) })
	// No serialisation or delay: the bare cost of Send and delivery.
	b.Run("instant", func(b *testing.B) { benchLink(b, Config{}, time.Microsecond) })
}
