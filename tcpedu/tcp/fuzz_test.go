package tcp

import (
	"net/netip"
	"testing"
	"time"

	"github.com/tcpedu/tcpedu/tcpedu/sim"
	"github.com/tcpedu/tcpedu/tcpedu/wire"
)

// FuzzHostInput hands a host with a listener and a connection arbitrary
// packets: whatever arrives, the host must not panic, and its connection
// must stay in one of the eleven states. Each input goes to two hosts, one
// with SACK offered and one without, so that SACK options reach the code
// that reads them.
func FuzzHostInput(f *testing.F) {
	peer := netip.MustParseAddrPort("192.0.2.9:40000")
	local := netip.MustParseAddrPort("192.0.2.1:80")       // the listener
	connPort := netip.MustParseAddrPort("192.0.2.1:50000") // the connection
	for _, seg := range []Segment{
		{Seq: 1000, Flags: wire.SYN, Window: 65535, MSS: 1460, WScale: 7, HasWScale: true},
		{Seq: 1001, Ack: 5, Flags: wire.ACK, Window: 512},
		{Seq: 1001, Ack: 5, Flags: wire.FIN | wire.ACK, Payload: []byte("bye")},
		{Seq: 1001, Flags: wire.RST},
		{Seq: 0, Ack: 1001, Flags: wire.RST | wire.ACK},
		{Seq: 1000, Flags: wire.SYN, Window: 65535, MSS: 1460, SACKPermitted: true, WScale: 7, HasWScale: true},
		{Seq: 1001, Ack: 5, Flags: wire.ACK, Window: 512, SACK: []wire.SACKBlock{{Left: 100, Right: 200}, {Left: 300, Right: 301}}},
	} {
		for _, dst := range []netip.AddrPort{local, connPort} {
			p, err := Encode(nil, peer, dst, 1, &seg)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(p)
		}
	}
	f.Fuzz(func(t *testing.T, p []byte) {
		for _, cfg := range []Config{{}, {SACK: true}} {
			fuzzHost(t, cfg, p, local, connPort, peer)
		}
	})
}

// fuzzHost is one host of FuzzHostInput, configured by cfg.
func fuzzHost(t *testing.T, cfg Config, p []byte, local, connPort, peer netip.AddrPort) {
	s := sim.New(1)
	h := NewHost(s, "host", local.Addr(), func([]byte) {})
	if _, err := h.Listen(local.Port(), cfg, nil); err != nil {
		t.Fatal(err)
	}
	c, err := h.Connect(connPort.Port(), peer, cfg)
	if err != nil {
		t.Fatal(err)
	}
	h.Input(p)
	// The same bytes again, with the checksums made right, so that the
	// rules (not only the checksum check) see them.
	var pkt wire.Packet
	if pkt.DecodeIP(p) == nil && pkt.Protocol == wire.ProtocolTCP && pkt.IPVersion == 4 {
		seg, src, dst := fromPacket(&pkt)
		if q, err := Encode(nil, src, dst, 2, &seg); err == nil {
			h.Input(q)
		}
	}
	s.RunUntil(s.Now() + 5*time.Minute) // every timer the packets started
	if int(c.State()) >= NumStates {
		t.Fatalf("connection in state %d", c.State())
	}
}
