package tcp

// reach: bringing an endpoint to any of the eleven states by playing a
// well-behaved peer, checking each step on the way.

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tcpedu/tcpedu/tcpedu/wire"
)

// reach returns a fixture whose endpoint is in state, opened the usual
// way for it: by Connect, except LISTEN and SYN-RECEIVED, which come from
// ListenFor. CLOSED is a host with no connection at all.
func reach(t *testing.T, state State) *fixture {
	t.Helper()
	su := setup{how: activeOpen}
	if state == Listen || state == SynReceived {
		su.how = passiveFor
	}
	return reachWith(t, state, su)
}

// reachWith returns a fixture whose endpoint is in state, got there as su
// says. Every step is checked; the segments and rows of the way there are
// then forgotten, so that a test sees only what it does itself.
func reachWith(t *testing.T, state State, su setup) *fixture {
	t.Helper()
	f := newFixture(t, su)
	f.walk(state, su)
	if f.ep != nil {
		require.Equal(t, state.String(), f.ep.State().String(), "reach %s via %s: State()", state, su.how)
	}
	f.takeSent()
	f.takeMoves()
	f.logf("---- reached %s via %s; the test begins ----", state, su.how)
	return f
}

// walk takes the fixture's endpoint to state along the usual path: the
// handshake, then an active close from ESTABLISHED (FIN-WAIT-1, FIN-WAIT-2,
// CLOSING, TIME-WAIT) or a passive one (CLOSE-WAIT, LAST-ACK).
func (f *fixture) walk(state State, su setup) {
	t := f.t
	t.Helper()
	switch state {
	case Closed:
		// A host with no connection.
	case Listen:
		var err error
		switch su.how {
		case passiveFor:
			f.ep, err = f.host.ListenFor(hostAP.Port(), peerAP, su.cfg)
		case passiveAny:
			f.listener, err = f.host.Listen(hostAP.Port(), su.cfg, func(c *Endpoint) {
				f.ep = c
				f.spawned = append(f.spawned, c)
				f.watch(c)
				f.logf("conn %d: accepted from listener conn %d", c.ID(), f.listener.ID())
			})
			f.ep = f.listener
		default:
			require.Fail(t, "reach LISTEN by Connect: no such path")
		}
		require.NoError(t, err, "%s(%v)", su.how, hostAP.Port())
		f.watch(f.ep)
		f.mustMoves("reach LISTEN", move{Closed, PassiveOpen, Listen})
		f.mustSent("reach LISTEN")
	case SynSent:
		if su.how != activeOpen {
			f.walk(Listen, su)
			require.Equal(t, passiveFor, su.how, "reach SYN-SENT by Listen: no such path")
			_, err := f.ep.Send(nil)
			require.NoError(t, err, "Send(nil) in LISTEN")
			f.mustMoves("reach SYN-SENT: Send in LISTEN", move{Listen, SendCall, SynSent})
			f.mustSent("reach SYN-SENT: Send in LISTEN", syn(f.iss))
			return
		}
		var err error
		f.ep, err = f.host.Connect(hostAP.Port(), peerAP, su.cfg)
		require.NoError(t, err, "Connect(%d, %v)", hostAP.Port(), peerAP)
		f.watch(f.ep)
		f.mustMoves("reach SYN-SENT: Connect", move{Closed, ActiveOpen, SynSent})
		f.mustSent("reach SYN-SENT: Connect", syn(f.iss))
		require.Equal(t, f.ep.ISS(), f.iss, "reach SYN-SENT: ISS() against the SYN's SEG.SEQ")
	case SynReceived:
		if su.how == activeOpen {
			// Simultaneous open: the peer's SYN crosses ours.
			f.walk(SynSent, su)
			f.peerSend(wire.SYN, nil)
			f.mustMoves("reach SYN-RECEIVED: SYN in SYN-SENT", move{SynSent, RcvSYN, SynReceived})
			f.mustSent("reach SYN-RECEIVED: SYN in SYN-SENT", synAck(f.iss, f.peerNxt))
			return
		}
		f.walk(Listen, su)
		f.peerSend(wire.SYN, nil)
		f.mustMoves("reach SYN-RECEIVED: SYN in LISTEN", move{Listen, RcvSYN, SynReceived})
		f.mustSent("reach SYN-RECEIVED: SYN in LISTEN", synAck(f.iss, f.peerNxt))
	case Established:
		if su.how == activeOpen {
			f.walk(SynSent, su)
			f.peerSend(wire.SYN|wire.ACK, nil)
			f.mustMoves("reach ESTABLISHED: SYN,ACK in SYN-SENT", move{SynSent, RcvSYNACK, Established})
			f.mustSent("reach ESTABLISHED: SYN,ACK in SYN-SENT", ack(f.hostNxt, f.peerNxt))
			return
		}
		f.walk(SynReceived, su)
		f.peerSend(wire.ACK, nil)
		f.mustMoves("reach ESTABLISHED: ACK in SYN-RECEIVED", move{SynReceived, RcvACKOfSYN, Established})
		f.mustSent("reach ESTABLISHED: ACK in SYN-RECEIVED")
	case FinWait1:
		f.walk(Established, su)
		nxt := f.hostNxt
		require.NoError(t, f.ep.Close(), "Close() in ESTABLISHED")
		f.mustMoves("reach FIN-WAIT-1: Close", move{Established, CloseCall, FinWait1})
		f.mustSent("reach FIN-WAIT-1: Close", finAck(nxt, f.peerNxt))
	case FinWait2:
		f.walk(FinWait1, su)
		f.peerSend(wire.ACK, nil)
		f.mustMoves("reach FIN-WAIT-2: ACK of FIN", move{FinWait1, RcvACKOfFIN, FinWait2})
		f.mustSent("reach FIN-WAIT-2: ACK of FIN")
	case Closing:
		// The peer's FIN crosses ours: it acknowledges everything but our FIN.
		f.walk(FinWait1, su)
		fin := f.peerSeg(wire.FIN|wire.ACK, nil)
		fin.Ack = f.hostNxt.Add(^uint32(0)) // hostNxt-1: our FIN's own number
		f.peerNxt = f.peerNxt.Add(1)
		f.deliver(fin)
		f.mustMoves("reach CLOSING: FIN in FIN-WAIT-1", move{FinWait1, RcvFIN, Closing})
		f.mustSent("reach CLOSING: FIN in FIN-WAIT-1", ack(f.hostNxt, f.peerNxt))
	case TimeWait:
		f.walk(FinWait2, su)
		f.peerSend(wire.FIN|wire.ACK, nil)
		f.mustMoves("reach TIME-WAIT: FIN in FIN-WAIT-2", move{FinWait2, RcvFIN, TimeWait})
		f.mustSent("reach TIME-WAIT: FIN in FIN-WAIT-2", ack(f.hostNxt, f.peerNxt))
	case CloseWait:
		f.walk(Established, su)
		f.peerSend(wire.FIN|wire.ACK, nil)
		f.mustMoves("reach CLOSE-WAIT: FIN in ESTABLISHED", move{Established, RcvFIN, CloseWait})
		f.mustSent("reach CLOSE-WAIT: FIN in ESTABLISHED", ack(f.hostNxt, f.peerNxt))
	case LastAck:
		f.walk(CloseWait, su)
		nxt := f.hostNxt
		require.NoError(t, f.ep.Close(), "Close() in CLOSE-WAIT")
		f.mustMoves("reach LAST-ACK: Close", move{CloseWait, CloseCall, LastAck})
		f.mustSent("reach LAST-ACK: Close", finAck(nxt, f.peerNxt))
	default:
		require.Failf(t, "reach", "no path to %s", state)
	}
}

// expectClosed checks that the endpoint reached CLOSED, told its
// application once with an error matching want (nil for an orderly close)
// and left the host's table.
func (f *fixture) expectClosed(what string, want error) {
	f.t.Helper()
	f.expectState(what, Closed)
	if want == nil {
		assert.NoError(f.t, f.ep.Err(), "%s: Err()", what)
	} else {
		assert.Truef(f.t, errors.Is(f.ep.Err(), want), "%s: Err() = %v, want %v", what, f.ep.Err(), want)
	}
	if assert.Len(f.t, f.closed, 1, "%s: OnClosed calls = %v, want one", what, f.closed) && want != nil {
		assert.Truef(f.t, errors.Is(f.closed[0], want), "%s: OnClosed(%v), want OnClosed(%v)", what, f.closed[0], want)
	}
	assert.Nil(f.t, f.host.find(f.ep.Local(), f.ep.Remote()), "%s: the host still finds the connection", what)
}
