package plots

import (
	"net/netip"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tcpedu/tcpedu/tcpedu/bulk"
	"github.com/tcpedu/tcpedu/tcpedu/seq"
	"github.com/tcpedu/tcpedu/tcpedu/wire"
)

// TestStevensData: every data segment the sender sent, numbered from its
// first byte, the one resent marked; every ACK, with the receiver's window
// scaled by the shift its SYN,ACK announced.
func TestStevensData(t *testing.T) {
	c := StevensRun()
	res := run(t, c)
	d, err := StevensData(res)
	require.NoError(t, err)
	require.NotEmpty(t, d.Segments)
	assert.Equal(t, int64(0), d.Segments[0].Seq, "the first data byte is 0")
	assert.Equal(t, int64(mss), d.Segments[0].End)
	rexmits := 0
	for i, s := range d.Segments {
		if s.Retransmission {
			rexmits++
			assert.Equal(t, int64(29*mss), s.Seq, "the resent segment is data segment 30")
		}
		if i > 0 {
			assert.GreaterOrEqual(t, s.At, d.Segments[i-1].At, "in the order sent")
		}
	}
	assert.Equal(t, res.Retransmissions, rexmits, "retransmissions marked")
	data, acks := 0, 0
	for _, p := range res.Packets {
		var pkt wire.Packet
		require.NoError(t, pkt.DecodeIP(p.Data))
		if pkt.Src() == bulk.SenderAddr.Addr() && len(pkt.Payload()) > 0 {
			data++
		}
		if pkt.Src() == bulk.ReceiverAddr.Addr() {
			acks++
		}
	}
	assert.Equal(t, data, len(d.Segments), "every data segment the sender sent")
	// The capture is the sender's: the receiver's segments as they arrive,
	// so those still on their way when the run ends are not in it.
	assert.Equal(t, acks-1, len(d.ACKs), "every segment of the receiver's that reached the sender, but its SYN,ACK")
	assert.LessOrEqual(t, len(d.ACKs), res.ACKs-1, "no more ACKs than the receiver sent")
	for _, a := range d.ACKs {
		assert.LessOrEqual(t, a.Window, c.RcvWnd, "the window offered fits the buffer")
		assert.Greater(t, a.Window, c.RcvWnd-1024-mss, "the reader reads at once: the window stays open, to the scale's 1 KiB")
	}
}

// TestStevensSACKBlocks decodes SACK blocks from an ACK's options, relative
// to the sender's first byte, across the 2^32 wrap.
func TestStevensSACKBlocks(t *testing.T) {
	iss := seq.Num(0xffffff00) // the first data byte is 0xffffff01; 0x100 bytes later the numbers wrap
	snd, rcv := bulk.SenderAddr, bulk.ReceiverAddr
	packet := func(from, to netip.AddrPort, h wire.TCPHeader, payload int) bulk.Packet {
		h.SrcPort, h.DstPort = from.Port(), to.Port()
		b, err := wire.AppendIPv4TCP(nil, from.Addr(), to.Addr(), 1, 64, &h, make([]byte, payload))
		require.NoError(t, err)
		return bulk.Packet{Data: b}
	}
	first := iss.Add(1)
	res := &bulk.Result{Packets: []bulk.Packet{
		packet(snd, rcv, wire.TCPHeader{Seq: iss, Flags: wire.SYN, Window: 65535}, 0),
		packet(rcv, snd, wire.TCPHeader{Seq: 7, Ack: first, Flags: wire.SYN | wire.ACK, Window: 65535,
			Options: []wire.Option{wire.WindowScaleOption(3)}}, 0),
		packet(snd, rcv, wire.TCPHeader{Seq: first, Ack: 8, Flags: wire.ACK, Window: 100}, 1000),
		packet(snd, rcv, wire.TCPHeader{Seq: first.Add(1000), Ack: 8, Flags: wire.ACK, Window: 100}, 1000), // lost
		packet(snd, rcv, wire.TCPHeader{Seq: first.Add(2000), Ack: 8, Flags: wire.ACK, Window: 100}, 1000),
		packet(rcv, snd, wire.TCPHeader{Seq: 8, Ack: first.Add(1000), Flags: wire.ACK, Window: 100,
			Options: []wire.Option{wire.NOPOption(), wire.NOPOption(), wire.SACKOption(wire.SACKBlock{Left: first.Add(2000), Right: first.Add(3000)})}}, 0),
		packet(snd, rcv, wire.TCPHeader{Seq: first.Add(1000), Ack: 8, Flags: wire.ACK, Window: 100}, 1000),
	}}
	d, err := StevensData(res)
	require.NoError(t, err)
	require.Len(t, d.Segments, 4)
	assert.Equal(t, SentSegment{Seq: 2000, End: 3000}, d.Segments[2], "across the wrap: 0xffffff01 + 2000")
	assert.Equal(t, SentSegment{Seq: 1000, End: 2000, Retransmission: true}, d.Segments[3], "the hole, resent")
	require.Len(t, d.ACKs, 1)
	assert.Equal(t, ReceivedACK{Ack: 1000, Window: 800, SACK: [][2]int64{{2000, 3000}}}, d.ACKs[0], "window 100 << 3; one SACK block")

	f, err := Stevens(&bulk.Result{Config: bulk.Config{Duration: time.Second}, Packets: res.Packets})
	require.NoError(t, err)
	assert.Contains(t, f.Legend(), "SACKed range")
}

// TestStevensSACKRun: with SACK on, the receiver's ACKs carry blocks
// above the cumulative ACK while the holes are open, and the graph draws
// them.
func TestStevensSACKRun(t *testing.T) {
	c := StevensRun()
	c.SACK, c.Drop, c.Duration = true, []int{30, 33, 36}, 400*time.Millisecond
	d, err := StevensData(run(t, c))
	require.NoError(t, err)
	blocks := 0
	for _, a := range d.ACKs {
		for _, b := range a.SACK {
			blocks++
			assert.Greater(t, b[0], a.Ack, "at %v: a SACK block lies above the cumulative ACK", a.At)
			assert.Greater(t, b[1], b[0], "at %v: a block holds bytes", a.At)
		}
	}
	assert.Greater(t, blocks, 10, "SACK blocks while the three holes are open")
}
