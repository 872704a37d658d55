package tcp

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tcpedu/tcpedu/tcpedu/wire"
)

// TestPersistBackoff: a peer that keeps its window closed is probed one
// RTO after the window closed, then at doubling intervals (RFC 9293
// §3.8.6.1), with 1 byte of new data, and SND.NXT goes back over the byte
// each time the peer refuses it.
func TestPersistBackoff(t *testing.T) {
	f := reach(t, Established)
	// The peer acknowledges everything so far and closes its window.
	zero := mk(wire.ACK, f.peerNxt, f.hostNxt, 0)
	zero.Window = 0
	f.deliver(zero)
	_, err := f.ep.Send(text(100))
	require.NoError(t, err)
	f.expectSent("Send into a zero window") // nothing may go
	una := f.ep.SndUna()
	ssthresh := f.ep.CC().Ssthresh()

	start := f.sim.Now()
	var probes []time.Duration
	for i := 0; i < 3; i++ {
		when, armed := f.ep.persist.When()
		require.True(t, armed, "probe %d: the persist timer is running", i+1)
		f.sim.RunUntil(when)
		sent := f.takeSent()
		require.Len(t, sent, 1, "probe %d", i+1)
		require.Len(t, sent[0].Seg.Payload, 1, "probe %d carries 1 byte", i+1)
		assert.Equal(t, una, sent[0].Seg.Seq, "probe %d: the first unsent byte", i+1)
		probes = append(probes, sent[0].At-start)
		// The peer answers at once, its window still closed.
		f.deliver(zero)
		assert.Equal(t, una, f.ep.SndNxt(), "probe %d: SND.NXT goes back over the refused byte", i+1)
	}
	rto := f.ep.RTO().RTO
	assert.Equal(t, []time.Duration{rto, rto + 2*rto, rto + 2*rto + 4*rto}, probes, "probes after 1, 2, 4 RTOs")
	// The answers to the probes are not duplicate ACKs: nothing was lost,
	// so no fast recovery may start and ssthresh must not fall.
	assert.NotEqual(t, "fast recovery", string(f.ep.CC().Phase()), "after three answers to probes")
	assert.Equal(t, ssthresh, f.ep.CC().Ssthresh(), "ssthresh after three answers to probes")
}

// TestNoPersist: without the persist timer a closed window is never probed.
func TestNoPersist(t *testing.T) {
	f := reachWith(t, Established, setup{cfg: Config{NoPersist: true}})
	zero := mk(wire.ACK, f.peerNxt, f.hostNxt, 0)
	zero.Window = 0
	f.deliver(zero)
	_, err := f.ep.Send(text(100))
	require.NoError(t, err)
	f.sim.RunUntil(f.sim.Now() + 10*time.Minute)
	f.expectSent("ten minutes of a zero window, no persist timer")
}

// TestManualRead: unread data shrinks the window the receiver announces;
// reading reopens it, and a window update announces it once the edge can
// move by min(buffer/2, MSS) (receiver silly window avoidance, RFC 9293
// §3.8.6.2.2).
func TestManualRead(t *testing.T) {
	f := reachWith(t, Established, setup{cfg: Config{ManualRead: true, RcvWnd: 4000, NoWindowScale: true}})
	what := f.peerSend(wire.ACK, text(1000))
	sent := f.takeSent()
	require.Len(t, sent, 1, what)
	assert.Equal(t, uint16(3000), sent[0].Seg.Window, "%s: 1000 bytes unread of 4000", what)
	assert.Len(t, f.ep.Read(0), 1000, "Read")
	assert.Empty(t, f.takeSent(), "reading 1000 bytes opens the edge by less than an MSS (1460): no update")
	what = f.peerSend(wire.ACK, text(1000))
	sent = f.takeSent()
	require.Len(t, sent, 1, what)
	assert.Equal(t, uint16(2000), sent[0].Seg.Window, "%s: the right edge stays where it was announced (3000 room, but moving the edge by 1000 would be silly)", what)
	what = f.peerSend(wire.ACK, text(1000))
	sent = f.takeSent()
	require.Len(t, sent, 1, what)
	assert.Equal(t, uint16(1000), sent[0].Seg.Window, "%s: the edge still stays", what)
	assert.Len(t, f.ep.Read(0), 2000, "Read")
	sent = f.takeSent()
	require.Len(t, sent, 1, "reading 2000 bytes moves the edge by more than an MSS: a window update")
	assert.Equal(t, uint16(4000), sent[0].Seg.Window, "the window reopened")
}
