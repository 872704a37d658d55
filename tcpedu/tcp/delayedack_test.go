package tcp

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/tcpedu/tcpedu/tcpedu/wire"
)

// The peer's segments in these tests are full-sized for the host under
// test, whose MSS is small so that the scripts stay short.
const delackMSS = 100

func delackFixture(t *testing.T) *fixture {
	return reachWith(t, Established, setup{cfg: Config{MSS: delackMSS, AckEvery: 2}})
}

// TestDelayedACKEverySecondSegment: RFC 5681 §4.2, "an ACK SHOULD be
// generated for at least every second full-sized segment".
func TestDelayedACKEverySecondSegment(t *testing.T) {
	f := delackFixture(t)
	what := f.peerSend(wire.ACK, text(delackMSS))
	f.expectSent(what) // the first waits
	what = f.peerSend(wire.ACK, text(delackMSS))
	f.expectSent(what, ack(f.hostNxt, f.peerNxt)) // the second is acknowledged with the first
}

// TestDelayedACKTimer: "MUST be generated within 500 ms of the arrival of
// the first unacknowledged packet": the 200 ms timer sends it.
func TestDelayedACKTimer(t *testing.T) {
	f := delackFixture(t)
	what := f.peerSend(wire.ACK, text(delackMSS))
	f.expectSent(what)
	start := f.sim.Now()
	f.sim.RunUntil(start + 199*time.Millisecond)
	f.expectSent("199 ms later")
	f.sim.RunUntil(start + 200*time.Millisecond)
	f.expectSent("200 ms later", ack(f.hostNxt, f.peerNxt))
}

// TestDelayedACKOutOfOrder: "a TCP receiver SHOULD send an immediate
// duplicate ACK when an out-of-order segment arrives", and an immediate
// ACK when a segment fills the gap.
func TestDelayedACKOutOfOrder(t *testing.T) {
	f := delackFixture(t)
	hole := f.peerNxt
	f.peerNxt = f.peerNxt.Add(delackMSS) // the peer's first segment is lost
	what := f.peerSend(wire.ACK, text(delackMSS))
	f.expectSent(what, ack(f.hostNxt, hole)) // a duplicate ACK, at once
	what = f.deliver(mk(wire.ACK, hole, f.hostNxt, delackMSS))
	f.expectSent(what, ack(f.hostNxt, f.peerNxt)) // the gap filled: at once
	assert.Equal(t, f.peerNxt, f.ep.RcvNxt())
}

// TestDelayedACKShortSegment: only full-sized segments may wait; a short
// one (the end of a write, say) is acknowledged at once.
func TestDelayedACKShortSegment(t *testing.T) {
	f := delackFixture(t)
	what := f.peerSend(wire.PSH|wire.ACK, text(10))
	f.expectSent(what, ack(f.hostNxt, f.peerNxt))
}
