package tcp

// The rules of RFC 9293 §3.10.7, SEGMENT ARRIVES, one named script each,
// grouped by the state the segment arrives in, in the RFC's order: CLOSED
// (§3.10.7.1), LISTEN (§3.10.7.2), SYN-SENT (§3.10.7.3), then SYN-RECEIVED
// and the synchronized states (§3.10.7.4). Each script checks the exact
// reply (control bits, SEG.SEQ, SEG.ACK), the row of Transitions taken and
// the state that results. The harness is in harness_test.go.

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tcpedu/tcpedu/tcpedu/seq"
	"github.com/tcpedu/tcpedu/tcpedu/wire"
)

// ---- CLOSED: no connection (RFC 9293 §3.10.7.1) ----

// TestClosedNoConnection: "An incoming segment not containing a RST causes
// a RST to be sent in response": <SEQ=SEG.ACK><CTL=RST> if the ACK bit is
// on, else <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>, where SEG.LEN counts
// the SYN, the data and the FIN. "An incoming segment containing a RST is
// discarded."
func TestClosedNoConnection(t *testing.T) {
	const top = seq.Num(1<<32 - 1)
	tests := []struct {
		name string
		seg  Segment
		want []hdr
	}{
		{"ACK gets <SEQ=SEG.ACK><CTL=RST>", mk(wire.ACK, 100, 5000, 0), []hdr{rst(5000)}},
		{"data with ACK gets <SEQ=SEG.ACK><CTL=RST>", mk(wire.PSH|wire.ACK, 100, 5000, 10), []hdr{rst(5000)}},
		{"SYN,ACK gets <SEQ=SEG.ACK><CTL=RST>", mk(wire.SYN|wire.ACK, 100, 5000, 0), []hdr{rst(5000)}},
		{"FIN,ACK gets <SEQ=SEG.ACK><CTL=RST>", mk(wire.FIN|wire.ACK, 100, 5000, 0), []hdr{rst(5000)}},
		{"SYN gets ACK=SEG.SEQ+1", mk(wire.SYN, 100, 0, 0), []hdr{rstAck(0, 101)}},
		{"FIN gets ACK=SEG.SEQ+1", mk(wire.FIN, 100, 0, 0), []hdr{rstAck(0, 101)}},
		{"10 bytes of data get ACK=SEG.SEQ+10", mk(wire.PSH, 100, 0, 10), []hdr{rstAck(0, 110)}},
		{"SYN, 10 bytes and FIN get ACK=SEG.SEQ+12", mk(wire.SYN|wire.FIN, 100, 0, 10), []hdr{rstAck(0, 112)}},
		{"no control bits at all get ACK=SEG.SEQ", mk(0, 100, 0, 0), []hdr{rstAck(0, 100)}},
		{"SEG.SEQ+SEG.LEN wraps past 2^32", mk(wire.SYN, top, 0, 4), []hdr{rstAck(0, 4)}},
		{"RST is discarded", mk(wire.RST, 100, 0, 0), nil},
		{"RST,ACK is discarded", mk(wire.RST|wire.ACK, 100, 5000, 0), nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := reach(t, Closed)
			what := f.deliver(tc.seg)
			f.expectSent(what, tc.want...)
			var moves []move
			if len(tc.want) > 0 {
				moves = []move{{Closed, RcvAnyNoTCB, Closed}}
			}
			f.expectMoves(what, moves...)
		})
	}
}

// TestClosedAfterAbort: once a connection is gone, a segment for it is a
// segment for no connection: the peer's next data draws
// <SEQ=SEG.ACK><CTL=RST>.
func TestClosedAfterAbort(t *testing.T) {
	f := reach(t, Established)
	require.NoError(t, f.ep.Abort(), "Abort() in ESTABLISHED")
	f.takeSent()
	f.takeMoves()
	what := f.peerSend(wire.PSH|wire.ACK, text(5))
	f.expectSent(what, rst(f.hostNxt))
	f.expectMoves(what, move{Closed, RcvAnyNoTCB, Closed})
	assert.Empty(t, f.data, "%s: OnData got %q, want nothing", what, f.data)
}

// ---- LISTEN (RFC 9293 §3.10.7.2) ----

// listenOpenings are the two ways a connection waits in LISTEN: the
// endpoint itself (ListenFor) and a listening socket that spawns one
// connection per SYN (Listen).
var listenOpenings = []opening{passiveFor, passiveAny}

// TestListenIgnoresRST: "An incoming RST segment could not be valid since
// it could not have been sent in response to anything sent by this
// incarnation of the connection. An incoming RST should be ignored."
func TestListenIgnoresRST(t *testing.T) {
	for _, how := range listenOpenings {
		t.Run(how.String(), func(t *testing.T) {
			f := reachWith(t, Listen, setup{how: how})
			for _, s := range []Segment{mk(wire.RST, 100, 0, 0), mk(wire.RST|wire.ACK, 100, 5000, 0)} {
				what := f.deliver(s)
				f.expectSent(what)
				f.expectMoves(what)
				f.expectState(what, Listen)
			}
			assert.Len(t, f.host.Conns(), 1, "Host.Conns() after RSTs: want the listener alone")
		})
	}
}

// TestListenAnswersACKWithRST: "any acknowledgment is bad if it arrives on
// a connection still in the LISTEN state. An acceptable reset segment
// should be formed for any arriving ACK-bearing segment:
// <SEQ=SEG.ACK><CTL=RST>."
func TestListenAnswersACKWithRST(t *testing.T) {
	for _, how := range listenOpenings {
		for _, flags := range []wire.Flags{wire.ACK, wire.SYN | wire.ACK, wire.FIN | wire.ACK} {
			t.Run(how.String()+"/"+FlagNames(flags), func(t *testing.T) {
				f := reachWith(t, Listen, setup{how: how})
				what := f.deliver(mk(flags, 100, 5000, 0))
				f.expectSent(what, rst(5000))
				f.expectMoves(what)
				f.expectState(what, Listen)
			})
		}
	}
}

// TestListenSYN: a SYN gets <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK> with
// RCV.NXT = SEG.SEQ+1, and the connection enters SYN-RECEIVED. From a
// listening socket, it is a new connection that does; the listener stays.
func TestListenSYN(t *testing.T) {
	for _, how := range listenOpenings {
		t.Run(how.String(), func(t *testing.T) {
			f := reachWith(t, Listen, setup{how: how})
			what := f.peerSend(wire.SYN, nil)
			f.expectSent(what, synAck(f.ep.ISS(), f.irs.Add(1)))
			f.expectMoves(what, move{Listen, RcvSYN, SynReceived})
			f.expectState(what, SynReceived)
			irs, ok := f.ep.IRS()
			assert.True(t, ok, "%s: IRS() known = false, want true", what)
			assert.Equal(t, f.irs, irs, "%s: IRS()", what)
			if how == passiveAny {
				assert.Len(t, f.spawned, 1, "%s: connections spawned", what)
				assert.Equal(t, "LISTEN", f.listener.State().String(), "%s: listener State()", what)
			}
		})
	}
}

// TestListenDropsOthers: "Any other control or text-bearing segment (not
// containing SYN) must have an ACK and thus would have been discarded by
// the ACK processing ... drop the segment, and return."
func TestListenDropsOthers(t *testing.T) {
	for _, how := range listenOpenings {
		for _, s := range []Segment{mk(wire.FIN, 100, 0, 0), mk(wire.PSH, 100, 0, 10), mk(0, 100, 0, 0)} {
			s := s
			t.Run(how.String()+"/"+FlagNames(s.Flags), func(t *testing.T) {
				f := reachWith(t, Listen, setup{how: how})
				what := f.deliver(s)
				f.expectSent(what)
				f.expectMoves(what)
				f.expectState(what, Listen)
				assert.Empty(t, f.data, "%s: OnData got %q, want nothing", what, f.data)
			})
		}
	}
}

// TestListenSYNWithData: "Any other control or text should be queued for
// processing later": the data of a SYN reaches the application only once
// the handshake completes, and is acknowledged then.
func TestListenSYNWithData(t *testing.T) {
	for _, how := range listenOpenings {
		t.Run(how.String(), func(t *testing.T) {
			f := reachWith(t, Listen, setup{how: how})
			what := f.peerSend(wire.SYN, text(5))
			f.expectSent(what, synAck(f.iss, f.irs.Add(1))) // the data is not acknowledged yet
			f.expectMoves(what, move{Listen, RcvSYN, SynReceived})
			assert.Empty(t, f.data, "%s: OnData got %q before the handshake completed, want nothing", what, f.data)

			what = f.peerSend(wire.ACK, nil)
			f.expectMoves(what, move{SynReceived, RcvACKOfSYN, Established})
			f.expectSent(what, ack(f.iss.Add(1), f.irs.Add(6)))
			assert.Equal(t, "abcde", string(f.data), "%s: OnData", what)
			assert.Equal(t, f.irs.Add(6), f.ep.RcvNxt(), "%s: RcvNxt()", what)
		})
	}
}

// ---- SYN-SENT (RFC 9293 §3.10.7.3) ----

// TestSynSentUnacceptableACK: "If SEG.ACK =< ISS or SEG.ACK > SND.NXT,
// send a reset (unless the RST bit is set, if so drop the segment and
// return) <SEQ=SEG.ACK><CTL=RST>": an old SYN,ACK is refused this way.
func TestSynSentUnacceptableACK(t *testing.T) {
	tests := []struct {
		name string
		ack  func(iss seq.Num) seq.Num
	}{
		{"SEG.ACK = ISS", func(iss seq.Num) seq.Num { return iss }},
		{"SEG.ACK < ISS", func(iss seq.Num) seq.Num { return iss.Add(^uint32(99)) }},
		{"SEG.ACK > SND.NXT", func(iss seq.Num) seq.Num { return iss.Add(2) }},
	}
	for _, tc := range tests {
		for _, flags := range []wire.Flags{wire.ACK, wire.SYN | wire.ACK, wire.RST | wire.ACK} {
			t.Run(tc.name+"/"+FlagNames(flags), func(t *testing.T) {
				f := reach(t, SynSent)
				a := tc.ack(f.iss)
				what := f.deliver(mk(flags, f.irs, a, 0))
				if flags.Has(wire.RST) {
					f.expectSent(what)
				} else {
					f.expectSent(what, rst(a))
				}
				f.expectMoves(what)
				f.expectState(what, SynSent)
				assert.Equal(t, f.iss, f.ep.SndUna(), "%s: SndUna()", what)
			})
		}
	}
}

// TestSynSentRSTRefused: "If the ACK was acceptable, then signal to the
// user 'error: connection reset', drop the segment, enter CLOSED state"
// (the model reports it as ErrRefused, what connect() says).
func TestSynSentRSTRefused(t *testing.T) {
	f := reach(t, SynSent)
	what := f.deliver(mk(wire.RST|wire.ACK, 0, f.iss.Add(1), 0))
	f.expectSent(what)
	f.expectMoves(what, move{SynSent, RcvRST, Closed})
	f.expectClosed(what, ErrRefused)
}

// TestSynSentRSTWithoutACKDropped: "Otherwise (no ACK), drop the segment
// and return": a reset that does not acknowledge our SYN could be forged.
func TestSynSentRSTWithoutACKDropped(t *testing.T) {
	f := reach(t, SynSent)
	what := f.deliver(mk(wire.RST, f.irs, 0, 0))
	f.expectSent(what)
	f.expectMoves(what)
	f.expectState(what, SynSent)
}

// TestSynSentSYNACK: our SYN acknowledged and the peer's received: "enter
// ESTABLISHED, form an ACK segment <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>".
// Data on the SYN,ACK is delivered and acknowledged by the same ACK.
func TestSynSentSYNACK(t *testing.T) {
	for _, n := range []int{0, 7} {
		t.Run(fmt.Sprintf("%d bytes of data", n), func(t *testing.T) {
			f := reach(t, SynSent)
			what := f.peerSend(wire.SYN|wire.ACK, text(n))
			f.expectSent(what, ack(f.iss.Add(1), f.irs.Add(1+uint32(n))))
			f.expectMoves(what, move{SynSent, RcvSYNACK, Established})
			f.expectState(what, Established)
			assert.Equal(t, 1, f.estab, "%s: OnEstablished calls", what)
			assert.Equal(t, string(text(n)), string(f.data), "%s: OnData", what)
			assert.Equal(t, f.iss.Add(1), f.ep.SndUna(), "%s: SndUna()", what)
		})
	}
}

// TestSynSentSYNACKWithFIN: after entering ESTABLISHED, "If there are
// other controls or text in the segment, then continue processing at the
// sixth step under Section 3.10.7.4 where the URG bit is checked"
// (§3.10.7.3, fourth): the eighth step then takes the FIN, so a SYN,ACK
// that also carries FIN leaves the connection in CLOSE-WAIT, with the FIN
// acknowledged.
func TestSynSentSYNACKWithFIN(t *testing.T) {
	f := reach(t, SynSent)
	what := f.peerSend(wire.SYN|wire.ACK|wire.FIN, nil)
	f.expectSent(what, ack(f.iss.Add(1), f.irs.Add(2)))
	f.expectMoves(what, move{SynSent, RcvSYNACK, Established}, move{Established, RcvFIN, CloseWait})
	f.expectState(what, CloseWait)
	assert.Equal(t, 1, f.eof, "%s: OnEOF calls", what)
}

// TestSynSentSYN: simultaneous open. "Otherwise, enter SYN-RECEIVED, form
// a SYN,ACK segment <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK> and send it."
func TestSynSentSYN(t *testing.T) {
	f := reach(t, SynSent)
	what := f.peerSend(wire.SYN, nil)
	f.expectSent(what, synAck(f.iss, f.irs.Add(1)))
	f.expectMoves(what, move{SynSent, RcvSYN, SynReceived})
	f.expectState(what, SynReceived)
}

// TestSynSentDropsNeither: "if neither of the SYN or RST bits is set, then
// drop the segment and return", even one that acknowledges our SYN.
func TestSynSentDropsNeither(t *testing.T) {
	for _, flags := range []wire.Flags{wire.ACK, wire.FIN | wire.ACK, wire.PSH | wire.ACK, wire.FIN, 0} {
		t.Run(FlagNames(flags), func(t *testing.T) {
			f := reach(t, SynSent)
			a := seq.Num(0)
			if flags.Has(wire.ACK) {
				a = f.iss.Add(1)
			}
			what := f.deliver(mk(flags, f.irs, a, 3))
			f.expectSent(what)
			f.expectMoves(what)
			f.expectState(what, SynSent)
			assert.Empty(t, f.data, "%s: OnData got %q, want nothing", what, f.data)
		})
	}
}

// ---- SYN-RECEIVED (RFC 9293 §3.10.7.4) ----

// TestSynReceivedUnacceptableACK: "If SND.UNA < SEG.ACK =< SND.NXT, then
// enter ESTABLISHED ... If the segment acknowledgment is not acceptable,
// form a reset segment <SEQ=SEG.ACK><CTL=RST> and send it."
func TestSynReceivedUnacceptableACK(t *testing.T) {
	tests := []struct {
		name string
		ack  func(iss seq.Num) seq.Num
	}{
		{"SEG.ACK = SND.UNA (acknowledges nothing)", func(iss seq.Num) seq.Num { return iss }},
		{"SEG.ACK > SND.NXT (acknowledges what was never sent)", func(iss seq.Num) seq.Num { return iss.Add(5) }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := reach(t, SynReceived)
			a := tc.ack(f.iss)
			what := f.deliver(mk(wire.ACK, f.peerNxt, a, 0))
			f.expectSent(what, rst(a))
			f.expectMoves(what)
			f.expectState(what, SynReceived)
		})
	}
}

// TestSynReceivedACK: the third segment of the handshake. Nothing is sent
// in reply: the ACK carried no data.
func TestSynReceivedACK(t *testing.T) {
	for _, how := range []opening{passiveFor, passiveAny, activeOpen} {
		t.Run(how.String(), func(t *testing.T) {
			f := reachWith(t, SynReceived, setup{how: how})
			what := f.peerSend(wire.ACK, nil)
			f.expectSent(what)
			f.expectMoves(what, move{SynReceived, RcvACKOfSYN, Established})
			f.expectState(what, Established)
			assert.Equal(t, 1, f.estab, "%s: OnEstablished calls", what)
			assert.Equal(t, f.iss.Add(1), f.ep.SndUna(), "%s: SndUna()", what)
		})
	}
}

// TestSynReceivedSimultaneousSYNACK: RFC 9293 §3.5 Figure 7, line 6: after
// a simultaneous open the peer's SYN,ACK (SEG.SEQ = IRS, just below
// RCV.NXT) completes the handshake, with nothing sent in reply.
func TestSynReceivedSimultaneousSYNACK(t *testing.T) {
	f := reachWith(t, SynReceived, setup{how: activeOpen})
	what := f.deliver(mk(wire.SYN|wire.ACK, f.irs, f.iss.Add(1), 0))
	f.expectSent(what)
	f.expectMoves(what, move{SynReceived, RcvACKOfSYN, Established})
	f.expectState(what, Established)
}

// TestSynReceivedRSTPassiveFor: "If this connection was initiated with a
// passive OPEN (i.e., came from the LISTEN state), then return this
// connection to the LISTEN state and return." The same endpoint listens
// again and answers the next SYN with a new ISS.
func TestSynReceivedRSTPassiveFor(t *testing.T) {
	f := reachWith(t, SynReceived, setup{how: passiveFor})
	oldISS := f.iss
	what := f.deliver(mk(wire.RST, f.peerNxt, 0, 0))
	f.expectSent(what)
	f.expectMoves(what, move{SynReceived, RcvRSTPassive, Listen})
	f.expectState(what, Listen)
	assert.Same(t, f.ep, f.host.find(hostAP, peerAP), "%s: the host's connection for the peer", what)
	_, haveIRS := f.ep.IRS()
	assert.False(t, haveIRS, "%s: IRS() known = true, want false (LISTEN has no peer yet)", what)
	assert.Empty(t, f.closed, "%s: OnClosed calls, want none: the connection still exists", what)

	f.irs, f.peerNxt = 9000, 9000
	what = f.peerSend(wire.SYN, nil)
	f.expectMoves(what, move{Listen, RcvSYN, SynReceived})
	f.expectSent(what, synAck(f.ep.ISS(), 9001))
	assert.NotEqual(t, oldISS, f.ep.ISS(), "%s: ISS() after LISTEN again, want a new one", what)
}

// TestSynReceivedRSTPassiveForErr: a connection back in LISTEN is open,
// and Err's contract is "nil while it is open".
func TestSynReceivedRSTPassiveForErr(t *testing.T) {
	f := reachWith(t, SynReceived, setup{how: passiveFor})
	what := f.deliver(mk(wire.RST, f.peerNxt, 0, 0))
	require.Equal(t, "LISTEN", f.ep.State().String(), "%s: State()", what)
	assert.NoError(t, f.ep.Err(), "%s: Err() in LISTEN, want nil (the connection is open)", what)
}

// TestSynReceivedRSTSpawned: a connection a listening socket spawned has
// nothing to return to: it goes away, and the listener goes on listening.
func TestSynReceivedRSTSpawned(t *testing.T) {
	f := reachWith(t, SynReceived, setup{how: passiveAny})
	gone := f.ep
	what := f.deliver(mk(wire.RST, f.peerNxt, 0, 0))
	f.expectSent(what)
	f.expectMoves(what, move{SynReceived, RcvRSTPassive, Listen})
	assert.Nil(t, f.host.find(hostAP, peerAP), "%s: the host still finds the spawned connection", what)
	assert.Equal(t, "LISTEN", f.listener.State().String(), "%s: listener State()", what)
	if assert.Len(t, f.closed, 1, "%s: OnClosed calls", what) {
		assert.NoError(t, f.closed[0], "%s: OnClosed: a connection that was never open ends without an error", what)
	}

	// The next SYN from the same socket is a new connection.
	f.irs, f.peerNxt = 9000, 9000
	what = f.peerSend(wire.SYN, nil)
	require.Len(t, f.spawned, 2, "%s: connections spawned", what)
	assert.NotSame(t, gone, f.ep, "%s: the SYN went to the connection that went away", what)
	f.expectMoves(what, move{Listen, RcvSYN, SynReceived})
	f.expectSent(what, synAck(f.ep.ISS(), 9001))
}

// TestSynReceivedRSTSpawnedGone: once a spawned connection has gone away,
// calls on it find no connection (RFC 9293 §3.10.2: "If the connection
// does not exist, return error"). A Send must not bring it back as an
// active open that the host no longer delivers to.
func TestSynReceivedRSTSpawnedGone(t *testing.T) {
	f := reachWith(t, SynReceived, setup{how: passiveAny})
	what := f.deliver(mk(wire.RST, f.peerNxt, 0, 0))
	f.takeSent()
	f.takeMoves()
	n, err := f.ep.Send(text(3))
	assert.ErrorIs(t, err, ErrNotExist, "%s, then Send(3 bytes) = %d, %v", what, n, err)
	f.expectSent("Send on the connection that went away")
	f.expectMoves("Send on the connection that went away")
}

// TestSynReceivedRSTActive: "If this connection was initiated with an
// active OPEN (i.e., came from SYN-SENT state), then the connection was
// refused; signal the user 'connection refused'."
func TestSynReceivedRSTActive(t *testing.T) {
	f := reachWith(t, SynReceived, setup{how: activeOpen})
	what := f.deliver(mk(wire.RST, f.peerNxt, 0, 0))
	f.expectSent(what)
	f.expectMoves(what, move{SynReceived, RcvRST, Closed})
	f.expectClosed(what, ErrRefused)
}

// TestSynReceivedSYN: fourth check, "For the SYN-RECEIVED state, if the
// connection was initiated with a passive OPEN, then return this
// connection to the LISTEN state and return": a second, different SYN in
// the window.
func TestSynReceivedSYN(t *testing.T) {
	for _, how := range []opening{passiveFor, passiveAny} {
		t.Run(how.String(), func(t *testing.T) {
			f := reachWith(t, SynReceived, setup{how: how})
			what := f.deliver(mk(wire.SYN, f.peerNxt.Add(100), 0, 0))
			f.expectSent(what)
			f.expectMoves(what, move{SynReceived, RcvSYN, Listen})
			if how == passiveFor {
				f.expectState(what, Listen)
			} else {
				assert.Nil(t, f.host.find(hostAP, peerAP), "%s: the host still finds the spawned connection", what)
				assert.Equal(t, "LISTEN", f.listener.State().String(), "%s: listener State()", what)
			}
		})
	}
}
