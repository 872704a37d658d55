package link

import (
	"encoding/binary"
	"net/netip"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/tcpedu/tcpedu/tcpedu/seq"
	"github.com/tcpedu/tcpedu/tcpedu/sim"
	"github.com/tcpedu/tcpedu/tcpedu/wire"
)

// numbered returns a size-byte packet (at least 4) whose first four bytes
// hold n, so that tests can tell packets apart without TCP.
func numbered(n, size int) []byte {
	if size < 4 {
		size = 4
	}
	p := make([]byte, size)
	binary.BigEndian.PutUint32(p, uint32(n))
	return p
}

// number reads back the n that numbered wrote.
func number(p []byte) int { return int(binary.BigEndian.Uint32(p)) }

// arrival is one packet handed to the receiver, and when.
type arrival struct {
	at time.Duration
	p  []byte
}

// harness is a link on its own simulation, recording what it delivers and
// every event it reports.
type harness struct {
	s      *sim.Sim
	l      *Link
	got    []arrival
	events []Event
}

func newHarness(t testing.TB, seed uint64, cfg Config) *harness {
	t.Helper()
	require.NoError(t, cfg.Validate(), "Validate(%+v)", cfg)
	h := &harness{s: sim.New(seed)}
	h.l = New(h.s, "a→b", cfg, func(p []byte) {
		h.got = append(h.got, arrival{at: h.s.Now(), p: p})
	})
	h.l.Observe(func(e Event) { h.events = append(h.events, e) })
	return h
}

// sendNumbered sends count numbered packets of size bytes, gap apart,
// starting now, and runs the simulation to the end.
func (h *harness) sendNumbered(count, size int, gap time.Duration) {
	for i := 0; i < count; i++ {
		n := i // copied for the closure: yaegi shares loop variables
		h.s.At(h.s.Now()+time.Duration(n)*gap, func() { h.l.Send(numbered(n, size)) })
	}
	h.s.Run()
}

// numbers returns the numbers of the packets delivered, in arrival order.
func (h *harness) numbers() []int {
	ns := make([]int, 0, len(h.got))
	for _, a := range h.got {
		ns = append(ns, number(a.p))
	}
	return ns
}

// kinds returns the events of one kind.
func (h *harness) kinds(k EventKind) []Event {
	var out []Event
	for _, e := range h.events {
		if e.Kind == k {
			out = append(out, e)
		}
	}
	return out
}

var (
	clientAddr = netip.MustParseAddr("10.0.0.1")
	serverAddr = netip.MustParseAddr("10.0.0.2")
)

// tcpPacket builds a valid TCP/IPv4 packet, both checksums filled in, from
// client port 40000 to server port 80.
func tcpPacket(t testing.TB, s, a seq.Num, flags wire.Flags, payload []byte) []byte {
	t.Helper()
	th := wire.TCPHeader{SrcPort: 40000, DstPort: 80, Seq: s, Ack: a, Flags: flags, Window: 65535}
	seg, err := th.AppendTo(nil)
	require.NoError(t, err, "TCPHeader.AppendTo")
	seg = append(seg, payload...)
	ip := wire.IPv4Header{
		Version: 4, IHL: 5, TotalLen: uint16(wire.IPv4MinHeaderLen + len(seg)),
		Flags: wire.IPv4DontFragment, TTL: 64, Protocol: wire.ProtocolTCP,
		Src: clientAddr, Dst: serverAddr,
	}
	wire.TCP(seg).SetChecksum(wire.TCP(seg).ComputeChecksum(ip.PseudoHeader(len(seg))))
	hdr, err := ip.AppendTo(nil)
	require.NoError(t, err, "IPv4Header.AppendTo")
	ip.Checksum = wire.ComputeIPv4Checksum(hdr)
	pkt, err := ip.AppendTo(nil)
	require.NoError(t, err, "IPv4Header.AppendTo")
	return append(pkt, seg...)
}

// receiverAccepts reports whether a receiving host would take p: it
// decodes as TCP over IPv4 and both the IPv4 header checksum and the TCP
// checksum are right.
func receiverAccepts(p []byte) bool {
	var pkt wire.Packet
	if pkt.DecodeIP(p) != nil || pkt.IPVersion != 4 || pkt.Protocol != wire.ProtocolTCP {
		return false
	}
	return wire.IPv4ChecksumValid(pkt.IPHeader) && pkt.ChecksumValid()
}
