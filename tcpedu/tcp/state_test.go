package tcp

// The other two ways a connection changes state: calls from the
// application (RFC 9293 §3.10.1–§3.10.5: OPEN, SEND, CLOSE, ABORT) and
// timers (§3.10.8, RFC 6298). Each script checks what is sent, the rows
// taken and when. The harness is in harness_test.go.

import (
	"fmt"
	"net/netip"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tcpedu/tcpedu/tcpedu/wire"
)

func TestStateNames(t *testing.T) {
	tests := []struct {
		s            State
		rfc, netstat string
		synchronized bool
	}{
		{Closed, "CLOSED", "CLOSE", false},
		{Listen, "LISTEN", "LISTEN", false},
		{SynSent, "SYN-SENT", "SYN_SENT", false},
		{SynReceived, "SYN-RECEIVED", "SYN_RECV", false},
		{Established, "ESTABLISHED", "ESTABLISHED", true},
		{FinWait1, "FIN-WAIT-1", "FIN_WAIT1", true},
		{FinWait2, "FIN-WAIT-2", "FIN_WAIT2", true},
		{CloseWait, "CLOSE-WAIT", "CLOSE_WAIT", true},
		{Closing, "CLOSING", "CLOSING", true},
		{LastAck, "LAST-ACK", "LAST_ACK", true},
		{TimeWait, "TIME-WAIT", "TIME_WAIT", true},
	}
	require.Len(t, tests, NumStates, "one case per state")
	for _, tc := range tests {
		assert.Equal(t, tc.rfc, tc.s.String(), "State(%d).String()", uint8(tc.s))
		assert.Equal(t, tc.netstat, tc.s.Netstat(), "%s.Netstat()", tc.s)
		assert.Equal(t, tc.synchronized, tc.s.Synchronized(), "%s.Synchronized()", tc.s)
		for _, name := range []string{tc.rfc, tc.netstat} {
			got, err := ParseState(name)
			if assert.NoError(t, err, "ParseState(%q)", name) {
				assert.Equal(t, tc.s, got, "ParseState(%q)", name)
			}
		}
	}
	_, err := ParseState("ESTABLISHING")
	assert.Error(t, err, "ParseState(%q): want an error", "ESTABLISHING")
}

// ---- OPEN (RFC 9293 §3.10.1) ----

// TestConnectExists: "If the connection already exists, return 'error:
// connection already exists'": while any connection, TIME-WAIT included,
// holds the pair of sockets.
func TestConnectExists(t *testing.T) {
	for _, state := range []State{Listen, SynSent, SynReceived, Established, CloseWait, TimeWait} {
		t.Run(state.String(), func(t *testing.T) {
			f := reach(t, state)
			e, err := f.host.Connect(hostAP.Port(), peerAP, Config{})
			assert.ErrorIs(t, err, ErrExists, "Connect(%d, %v) in %s = %v, %v", hostAP.Port(), peerAP, state, e, err)
			assert.Nil(t, e, "Connect(%d, %v) in %s: endpoint", hostAP.Port(), peerAP, state)
			_, err = f.host.ListenFor(hostAP.Port(), peerAP, Config{})
			assert.ErrorIs(t, err, ErrExists, "ListenFor(%d, %v) in %s", hostAP.Port(), peerAP, state)
			f.expectSent("Connect and ListenFor on a busy pair of sockets")
			f.expectMoves("Connect and ListenFor on a busy pair of sockets")
		})
	}
}

// TestConnectNoForeign: an active OPEN needs a foreign socket.
func TestConnectNoForeign(t *testing.T) {
	f := reach(t, Closed)
	for _, remote := range []netip.AddrPort{{}, netip.AddrPortFrom(peerAP.Addr(), 0)} {
		_, err := f.host.Connect(hostAP.Port(), remote, Config{})
		assert.ErrorIs(t, err, ErrNoForeign, "Connect(%d, %v)", hostAP.Port(), remote)
	}
	f.expectSent("Connect with no foreign socket")
	f.expectMoves("Connect with no foreign socket")
}

// TestListenExists: one listening socket per port.
func TestListenExists(t *testing.T) {
	f := reachWith(t, Listen, setup{how: passiveAny})
	_, err := f.host.Listen(hostAP.Port(), Config{}, nil)
	assert.ErrorIs(t, err, ErrExists, "Listen(%d) twice", hostAP.Port())
}

// TestConnectAfterTimeWait: once 2MSL have passed the sockets are free
// again (RFC 9293 §3.10.8).
func TestConnectAfterTimeWait(t *testing.T) {
	f := reach(t, TimeWait)
	f.sim.RunFor(2 * DefaultMSL)
	moves := f.takeMoves()
	if assert.Len(t, moves, 1, "after 2MSL in TIME-WAIT: rows taken") {
		c := moves[0]
		assert.Equal(t, move{TimeWait, Timeout2MSL, Closed}, move{c.From, c.Event, c.To}, "after 2MSL: row")
		assert.Equal(t, 2*DefaultMSL, c.At, "TIME-WAIT ended at %v, want 2MSL = %v", c.At, 2*DefaultMSL)
	}
	f.expectClosed("after 2MSL", nil)
	_, err := f.host.Connect(hostAP.Port(), peerAP, Config{})
	assert.NoError(t, err, "Connect(%d, %v) after TIME-WAIT", hostAP.Port(), peerAP)
}

// ---- SEND (RFC 9293 §3.10.2) ----

// TestSendErrors: SEND on a connection that is gone, on a listener with
// no foreign socket, and after CLOSE.
func TestSendErrors(t *testing.T) {
	tests := []struct {
		state State
		how   opening
		want  error
	}{
		{Listen, passiveAny, ErrNoForeign},
		{FinWait1, activeOpen, ErrClosing},
		{FinWait2, activeOpen, ErrClosing},
		{Closing, activeOpen, ErrClosing},
		{LastAck, activeOpen, ErrClosing},
		{TimeWait, activeOpen, ErrClosing},
	}
	for _, tc := range tests {
		t.Run(tc.state.String(), func(t *testing.T) {
			f := reachWith(t, tc.state, setup{how: tc.how})
			n, err := f.ep.Send(text(5))
			assert.ErrorIs(t, err, tc.want, "Send(5 bytes) in %s = %d, %v", tc.state, n, err)
			assert.Zero(t, n, "Send(5 bytes) in %s: bytes queued", tc.state)
			f.expectSent("Send in " + tc.state.String())
			f.expectMoves("Send in " + tc.state.String())
			f.expectState("Send in "+tc.state.String(), tc.state)
		})
	}
}

// TestSendClosed: SEND, CLOSE and ABORT on a connection that has reached
// CLOSED: "return 'error: connection does not exist'" (RFC 9293 §3.10.2,
// §3.10.4, §3.10.5).
func TestSendClosed(t *testing.T) {
	f := reach(t, SynSent)
	require.NoError(t, f.ep.Close(), "Close() in SYN-SENT")
	n, err := f.ep.Send(text(5))
	assert.ErrorIs(t, err, ErrNotExist, "Send(5 bytes) in CLOSED = %d, %v", n, err)
	assert.ErrorIs(t, f.ep.Close(), ErrNotExist, "Close() in CLOSED")
	assert.ErrorIs(t, f.ep.Abort(), ErrNotExist, "Abort() in CLOSED")
}

// TestSendOnListenFor: "If the foreign socket is specified, then change
// the connection from passive to active, select an ISS. Send a SYN
// segment, set SND.UNA to ISS, SND.NXT to ISS+1. Enter SYN-SENT state.
// Data associated with SEND may be sent with SYN segment or queued for
// transmission after entering ESTABLISHED state."
func TestSendOnListenFor(t *testing.T) {
	f := reachWith(t, Listen, setup{how: passiveFor})
	n, err := f.ep.Send(text(5))
	require.NoError(t, err, "Send(5 bytes) in LISTEN")
	assert.Equal(t, 5, n, "Send(5 bytes) in LISTEN: bytes queued")
	f.expectSent("Send in LISTEN", syn(f.iss))
	f.expectMoves("Send in LISTEN", move{Listen, SendCall, SynSent})

	what := f.peerSend(wire.SYN|wire.ACK, nil)
	f.expectMoves(what, move{SynSent, RcvSYNACK, Established})
	f.expectSent(what, data(f.iss.Add(1), f.irs.Add(1), 5)) // the data carries the handshake's ACK
}

// ---- CLOSE (RFC 9293 §3.10.4) ----

// TestCloseBeforeSynchronized: in LISTEN and SYN-SENT "Delete TCB, enter
// CLOSED state, and return", with nothing sent; in SYN-RECEIVED "form a FIN
// segment and send it, and enter FIN-WAIT-1 state".
func TestCloseBeforeSynchronized(t *testing.T) {
	tests := []struct {
		state State
		how   opening
		to    State
		want  func(f *fixture) []hdr
	}{
		{Listen, passiveFor, Closed, nil},
		{Listen, passiveAny, Closed, nil},
		{SynSent, activeOpen, Closed, nil},
		{SynReceived, passiveFor, FinWait1, func(f *fixture) []hdr { return []hdr{finAck(f.iss.Add(1), f.irs.Add(1))} }},
	}
	for _, tc := range tests {
		t.Run(tc.state.String()+"/"+tc.how.String(), func(t *testing.T) {
			f := reachWith(t, tc.state, setup{how: tc.how})
			require.NoError(t, f.ep.Close(), "Close() in %s", tc.state)
			var want []hdr
			if tc.want != nil {
				want = tc.want(f)
			}
			f.expectSent("Close()", want...)
			f.expectMoves("Close()", move{tc.state, CloseCall, tc.to})
			if tc.to == Closed {
				f.expectClosed("Close()", nil)
			}
			again := ErrClosing // "error: connection closing"
			if tc.to == Closed {
				again = ErrNotExist
			}
			assert.ErrorIs(t, f.ep.Close(), again, "Close() again in %s", tc.to)
		})
	}
}

// TestSynReceivedCloseRetransmitsSynAck: after CLOSE in SYN-RECEIVED our
// SYN,ACK is still unacknowledged. If it is lost, the retransmission timer
// must resend "the earliest segment that has not been acknowledged" (RFC
// 6298 §5.4), the SYN,ACK, and restart (§5.6); with nothing answered, the
// connection gives up after Retries like any FIN-WAIT-1.
func TestSynReceivedCloseRetransmitsSynAck(t *testing.T) {
	f := reachWith(t, SynReceived, setup{how: passiveFor, cfg: Config{Retries: 2}})
	require.NoError(t, f.ep.Close(), "Close() in SYN-RECEIVED")
	f.expectSent("Close()", finAck(f.iss.Add(1), f.irs.Add(1)))
	f.expectMoves("Close()", move{SynReceived, CloseCall, FinWait1})

	f.sim.RunUntil(time.Hour)
	sent := f.takeSent()
	if assert.NotEmpty(t, sent, "an hour after Close() in SYN-RECEIVED with no answer: segments sent") {
		first := sent[0]
		assert.Equal(t, time.Second, first.At, "first retransmission at %v, want 1 s", first.At)
		assert.True(t, first.Seg.Flags.Has(wire.SYN) && first.Seg.Seq == f.iss,
			"first retransmission %v, want the SYN,ACK again (SEG.SEQ = ISS %d)", &first.Seg, uint32(f.iss))
	}
	f.expectMoves("an hour with no answer", move{FinWait1, TimeoutGiveUp, Closed})
}

// TestSynReceivedCloseWithQueuedData: CLOSE in SYN-RECEIVED, "If no SENDs
// have been issued and there is no pending data to send, then form a FIN
// segment and send it, and enter FIN-WAIT-1 state; otherwise, queue for
// processing after entering ESTABLISHED state" (RFC 9293 §3.10.4). Data
// queued by SEND goes out only "after entering ESTABLISHED state"
// (§3.10.2), that is once the peer has acknowledged our SYN.
func TestSynReceivedCloseWithQueuedData(t *testing.T) {
	f := reachWith(t, SynReceived, setup{how: passiveFor})
	_, err := f.ep.Send(text(5))
	require.NoError(t, err, "Send(5 bytes) in SYN-RECEIVED")
	f.expectSent("Send(5 bytes) in SYN-RECEIVED")
	require.NoError(t, f.ep.Close(), "Close() in SYN-RECEIVED")
	f.expectSent("Send(5 bytes), Close() in SYN-RECEIVED: nothing before the ACK of our SYN")
	f.expectState("Send(5 bytes), Close() in SYN-RECEIVED", SynReceived)

	f.takeMoves()
	what := f.peerSend(wire.ACK, nil)
	f.expectSent(what, hdr{Flags: wire.FIN | wire.PSH | wire.ACK, Seq: f.iss.Add(1), Ack: f.irs.Add(1), Len: 5})
	f.expectState(what, FinWait1)
}

// ---- ABORT (RFC 9293 §3.10.5) ----

// TestAbort: "Send a reset segment: <SEQ=SND.NXT><CTL=RST>" in
// SYN-RECEIVED, ESTABLISHED, FIN-WAIT-1, FIN-WAIT-2 and CLOSE-WAIT; in
// LISTEN and SYN-SENT there is no one to tell, and in CLOSING, LAST-ACK
// and TIME-WAIT "respond with 'ok' and delete the TCB". The application
// hears ErrAborted.
func TestAbort(t *testing.T) {
	tests := []struct {
		state State
		how   opening
		rst   bool // a reset <SEQ=SND.NXT><CTL=RST> is sent
	}{
		{Listen, passiveFor, false},
		{Listen, passiveAny, false},
		{SynSent, activeOpen, false},
		{SynReceived, passiveFor, true},
		{SynReceived, activeOpen, true},
		{Established, activeOpen, true},
		{FinWait1, activeOpen, true},
		{FinWait2, activeOpen, true},
		{CloseWait, activeOpen, true},
		{Closing, activeOpen, false},
		{LastAck, activeOpen, false},
		{TimeWait, activeOpen, false},
	}
	for _, tc := range tests {
		t.Run(tc.state.String()+"/"+tc.how.String(), func(t *testing.T) {
			f := reachWith(t, tc.state, setup{how: tc.how})
			row := Transitions[Lookup(tc.state, AbortCall)]
			require.Equal(t, tc.rst, row.Send == "RST", "Transitions row for ABORT in %s: Send = %q (bad test data)", tc.state, row.Send)
			require.NoError(t, f.ep.Abort(), "Abort() in %s", tc.state)
			var want []hdr
			if tc.rst {
				want = []hdr{rst(f.hostNxt)}
			}
			f.expectSent("Abort()", want...)
			f.expectMoves("Abort()", move{tc.state, AbortCall, Closed})
			f.expectClosed("Abort()", ErrAborted)
		})
	}
}

// ---- Timers (RFC 9293 §3.8.3, §3.10.8; RFC 6298) ----

// sentAt lists when each segment was sent and what it was.
type sentAt struct {
	At time.Duration
	H  hdr
}

func takeSentAt(f *fixture) []sentAt {
	var out []sentAt
	for _, s := range f.takeSent() {
		out = append(out, sentAt{s.At, hdrOf(&s.Seg)})
	}
	return out
}

// expectGiveUp checks the rows taken since the last check: exactly one,
// the TimeoutGiveUp row from state, at time at.
func (f *fixture) expectGiveUp(state State, at time.Duration) {
	f.t.Helper()
	moves := f.takeMoves()
	if assert.Len(f.t, moves, 1, "after the retries: rows taken %v", moves) {
		c := moves[0]
		assert.Equal(f.t, move{state, TimeoutGiveUp, Closed}, move{c.From, c.Event, c.To}, "after the retries: row")
		assert.Equal(f.t, at, c.At, "gave up at %v, want %v", c.At, at)
	}
}

// TestSynRetransmission: the SYN is resent when the timer expires, the RTO
// doubling each time from 1 s (RFC 6298 §5.5): at 1, 3, 7, 15 ... s. After
// SynRetries retransmissions connect fails with ErrTimedOut, one more RTO
// later.
func TestSynRetransmission(t *testing.T) {
	tests := []struct {
		retries int // Config.SynRetries; 0 is the default, 6
		resends []time.Duration
		fail    time.Duration
	}{
		{1, []time.Duration{1}, 3},
		{3, []time.Duration{1, 3, 7}, 15},
		{0, []time.Duration{1, 3, 7, 15, 31, 63}, 127},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("SynRetries %d", tc.retries), func(t *testing.T) {
			f := reachWith(t, SynSent, setup{cfg: Config{SynRetries: tc.retries}})
			f.sim.RunUntil(time.Hour)
			var want []sentAt
			for _, s := range tc.resends {
				want = append(want, sentAt{s * time.Second, syn(f.iss)})
			}
			assert.Equal(t, want, takeSentAt(f), "SynRetries %d: SYNs resent", tc.retries)
			f.expectGiveUp(SynSent, tc.fail*time.Second)
			f.expectClosed("SYN retries exhausted", ErrTimedOut)
		})
	}
}

// TestSynAckRetransmission: a half-open connection resends its SYN,ACK,
// then after SynAckRetries gives up, sending a RST (the model's choice,
// see the row's Why).
func TestSynAckRetransmission(t *testing.T) {
	for _, how := range []opening{passiveFor, passiveAny} {
		t.Run(how.String(), func(t *testing.T) {
			f := reachWith(t, SynReceived, setup{how: how, cfg: Config{SynAckRetries: 2}})
			f.sim.RunUntil(time.Hour)
			sa := synAck(f.iss, f.irs.Add(1))
			want := []sentAt{{1 * time.Second, sa}, {3 * time.Second, sa}, {7 * time.Second, rst(f.iss.Add(1))}}
			assert.Equal(t, want, takeSentAt(f), "SYN,ACKs resent, then the RST")
			f.expectGiveUp(SynReceived, 7*time.Second)
			f.expectClosed("SYN,ACK retries exhausted", ErrTimedOut)
			if how == passiveAny {
				assert.Equal(t, "LISTEN", f.listener.State().String(), "listener State()")
			}
		})
	}
}

// TestRetransmissionGivesUp: data or a FIN that goes unacknowledged is
// resent at 1 and 3 s; after Retries (2 here) the connection is abandoned
// at 7 s with ErrTimedOut (RFC 1122 §4.2.3.5's R2), silently.
func TestRetransmissionGivesUp(t *testing.T) {
	for _, state := range []State{Established, FinWait1, CloseWait, Closing, LastAck} {
		t.Run(state.String(), func(t *testing.T) {
			f := reachWith(t, state, setup{cfg: Config{Retries: 2}})
			var lost hdr
			switch state {
			case Established, CloseWait:
				nxt := f.hostNxt
				_, err := f.ep.Send(text(10))
				require.NoError(t, err, "Send(10 bytes) in %s", state)
				lost = data(nxt, f.peerNxt, 10)
				f.mustSent("Send(10 bytes)", lost)
			default:
				lost = finAck(f.hostNxt.Add(^uint32(0)), f.peerNxt) // the FIN reach sent
			}
			f.sim.RunUntil(time.Hour)
			// Two retries, then a reset with SEQ = SND.NXT (BSD's tcp_drop;
			// see the TimeoutGiveUp rows of Transitions).
			want := []sentAt{{1 * time.Second, lost}, {3 * time.Second, lost}, {7 * time.Second, rst(f.ep.SndNxt())}}
			assert.Equal(t, want, takeSentAt(f), "segments resent in %s, and the reset", state)
			f.expectGiveUp(state, 7*time.Second)
			f.expectClosed("retries exhausted", ErrTimedOut)
		})
	}
}

// TestFinWait2Timeout: Linux's tcp_fin_timeout, not RFC 9293: a
// connection left in FIN-WAIT-2 is closed after Config.FinWait2Timeout,
// silently and without error. Negative turns the timer off.
func TestFinWait2Timeout(t *testing.T) {
	tests := []struct {
		cfg  time.Duration
		want time.Duration // 0: never
	}{
		{10 * time.Second, 10 * time.Second},
		{0, DefaultFinWait2Timeout},
		{-1, 0},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("FinWait2Timeout %v", tc.cfg), func(t *testing.T) {
			f := reachWith(t, FinWait2, setup{cfg: Config{FinWait2Timeout: tc.cfg}})
			f.sim.RunUntil(time.Hour)
			f.expectSent("an hour in FIN-WAIT-2")
			moves := f.takeMoves()
			if tc.want == 0 {
				assert.Empty(t, moves, "FinWait2Timeout %v: rows taken in an hour", tc.cfg)
				f.expectState("an hour in FIN-WAIT-2, timer off", FinWait2)
				return
			}
			if assert.Len(t, moves, 1, "FinWait2Timeout %v: rows taken", tc.cfg) {
				c := moves[0]
				assert.Equal(t, move{FinWait2, TimeoutFinWait2, Closed}, move{c.From, c.Event, c.To}, "FinWait2Timeout %v: row", tc.cfg)
				assert.Equal(t, tc.want, c.At, "FinWait2Timeout %v: closed at %v, want %v", tc.cfg, c.At, tc.want)
			}
			f.expectClosed("FIN-WAIT-2 timeout", nil)
		})
	}
}

// TestTwoWayHandshake: not TCP. With Config.TwoWayHandshake a SYN alone
// opens the connection: the SYN,ACK is sent and the connection is
// ESTABLISHED at once, which is what lets an old duplicate SYN open a
// connection no one asked for (RFC 9293 §3.5).
func TestTwoWayHandshake(t *testing.T) {
	f := reachWith(t, Listen, setup{how: passiveFor, cfg: Config{TwoWayHandshake: true}})
	what := f.peerSend(wire.SYN, text(3))
	f.expectMoves(what, move{Listen, RcvSYNTwoWay, Established})
	f.expectSent(what, synAck(f.iss, f.irs.Add(4)))
	assert.Equal(t, 1, f.estab, "%s: OnEstablished calls", what)
	assert.Equal(t, "abc", string(f.data), "%s: OnData", what)
}
