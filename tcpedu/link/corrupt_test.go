package link

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tcpedu/tcpedu/tcpedu/sim"
	"github.com/tcpedu/tcpedu/tcpedu/wire"
)

// The link corrupts but does not drop: catching the damage is the
// receiver's job. These tests play the receiver, with package wire and the
// real IPv4 and TCP checksums, and show that it catches every bit the link
// flips.

// TestReceiverCatchesCorruption sends 2000 valid TCP/IPv4 segments through
// a link that corrupts every one, and checks that each arrives changed in
// exactly the bit the Corrupted event names, and is rejected.
func TestReceiverCatchesCorruption(t *testing.T) {
	p := tcpPacket(t, 1001, 5001, wire.ACK|wire.PSH, []byte("GET / HTTP/1.1\r\nHost: example.com\r\n\r\n"))
	require.True(t, receiverAccepts(p), "the receiver accepts the packet before it is corrupted")
	orig := append([]byte(nil), p...)

	h := newHarness(t, 1, Config{Delay: time.Millisecond, Faults: Faults{Corrupt: 1}})
	const n = 2000
	for i := 0; i < n; i++ {
		h.l.Send(p)
	}
	h.s.Run()
	require.Equal(t, orig, p, "the sender's packet after %d corruptions", n)
	require.Len(t, h.got, n, "corrupted packets are delivered")

	corrupted := h.kinds(Corrupted)
	require.Len(t, corrupted, n, "Corrupted events")
	seen := map[int]bool{}
	for i, a := range h.got {
		bit := corrupted[i].Bit
		seen[bit] = true
		want := append([]byte(nil), orig...)
		want[bit/8] ^= 0x80 >> (bit % 8)
		require.Equal(t, want, a.p, "delivered packet %d: the original with bit %d flipped", i, bit)
		require.False(t, receiverAccepts(a.p), "receiver accepts packet %d with bit %d flipped", i, bit)
	}
	// 2000 draws over 8*77 = 616 bits leave about 616*e^(-2000/616) ≈ 24 unseen.
	assert.Greater(t, len(seen), 8*len(p)*9/10, "distinct bits flipped, of %d", 8*len(p))
}

// TestEveryBitFlipIsCaught flips each bit of a segment in turn, as the link
// does, and checks that the receiver rejects all of them: a flip in the IP
// header breaks the header checksum (or the parse), a flip in the segment
// the TCP checksum (RFC 9293 §3.1), because changing one bit always changes
// a ones' complement sum.
func TestEveryBitFlipIsCaught(t *testing.T) {
	for _, payload := range []string{"", "x", "an odd-length payload", "even-length payload!"} {
		p := tcpPacket(t, 4294967000, 77, wire.ACK, []byte(payload))
		require.True(t, receiverAccepts(p), "receiver accepts the packet with payload %q", payload)
		l := New(sim.New(1), "x", Config{}, nil)
		for bit := 0; bit < 8*len(p); bit++ {
			c := l.corrupt(p, bit, ReasonCorrupt)
			require.False(t, receiverAccepts(c), "payload %q: receiver accepts the packet with bit %d flipped", payload, bit)
		}
		assert.Equal(t, 8*len(p), l.Stats().Corrupted, "payload %q: Stats.Corrupted", payload)
	}
}

// TestBitNumbering: bit 0 is the most significant bit of the first byte,
// as RFC packet diagrams number them.
func TestBitNumbering(t *testing.T) {
	l := New(sim.New(1), "x", Config{}, nil)
	tests := []struct {
		bit  int
		want []byte
	}{
		{0, []byte{0x80, 0, 0}},
		{7, []byte{0x01, 0, 0}},
		{8, []byte{0, 0x80, 0}},
		{23, []byte{0, 0, 0x01}},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, l.corrupt([]byte{0, 0, 0}, tt.bit, ""), "corrupt(000000, bit %d)", tt.bit)
	}
}
