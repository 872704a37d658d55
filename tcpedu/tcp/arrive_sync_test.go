package tcp

// The rules of RFC 9293 §3.10.7.4 for SYN-RECEIVED and the synchronized
// states, one named script each; arrive_test.go has CLOSED, LISTEN and
// SYN-SENT, and explains the layout.

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tcpedu/tcpedu/tcpedu/seq"
	"github.com/tcpedu/tcpedu/tcpedu/wire"
)

// ---- The synchronized states (RFC 9293 §3.10.7.4) ----

// synchronized are the states after the handshake; otherStates adds
// SYN-RECEIVED, for the checks that §3.10.7.4 ("Other States") makes the
// same way in all eight: sequence number, RST, and the ACK bit being on.
var (
	synchronized = []State{Established, FinWait1, FinWait2, CloseWait, Closing, LastAck, TimeWait}
	otherStates  = append([]State{SynReceived}, synchronized...)
)

// TestOtherStatesOutOfWindow: first check. "If an incoming segment is not
// acceptable, an acknowledgment should be sent in reply (unless the RST
// bit is set, if so drop the segment and return):
// <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>. After sending the acknowledgment,
// drop the unacceptable segment and return."
func TestOtherStatesOutOfWindow(t *testing.T) {
	tests := []struct {
		name string
		seg  func(f *fixture) Segment
		want bool // an ACK is the reply
	}{
		{"data beyond the window", func(f *fixture) Segment {
			return mk(wire.PSH|wire.ACK, f.peerNxt.Add(DefaultRcvWnd), f.hostNxt, 10)
		}, true},
		{"old data below RCV.NXT", func(f *fixture) Segment {
			return mk(wire.PSH|wire.ACK, f.peerNxt.Add(^uint32(19)), f.hostNxt, 10)
		}, true},
		{"ACK below RCV.NXT", func(f *fixture) Segment {
			return mk(wire.ACK, f.peerNxt.Add(^uint32(0)), f.hostNxt, 0)
		}, true},
		{"RST beyond the window", func(f *fixture) Segment {
			return mk(wire.RST, f.peerNxt.Add(DefaultRcvWnd), 0, 0)
		}, false},
		{"RST below RCV.NXT", func(f *fixture) Segment {
			return mk(wire.RST|wire.ACK, f.peerNxt.Add(^uint32(0)), f.hostNxt, 0)
		}, false},
	}
	for _, state := range otherStates {
		for _, tc := range tests {
			t.Run(state.String()+"/"+tc.name, func(t *testing.T) {
				f := reach(t, state)
				una := f.ep.SndUna()
				what := f.deliver(tc.seg(f))
				if tc.want {
					f.expectSent(what, ack(f.hostNxt, f.peerNxt))
				} else {
					f.expectSent(what)
				}
				f.expectMoves(what)
				f.expectState(what, state)
				assert.Empty(t, f.data, "%s: OnData got %q, want nothing", what, f.data)
				assert.Equal(t, una, f.ep.SndUna(), "%s: SndUna()", what)
			})
		}
	}
}

// TestOtherStatesRSTInWindow: second check as RFC 5961 §3.2 tightens it:
// "If the RST bit is set and the sequence number does not exactly match
// the next expected sequence value, yet is within the current receive
// window, TCP MUST send an acknowledgment (challenge ACK):
// <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>", and the connection stays.
func TestOtherStatesRSTInWindow(t *testing.T) {
	for _, state := range otherStates {
		t.Run(state.String(), func(t *testing.T) {
			f := reach(t, state)
			what := f.deliver(mk(wire.RST, f.peerNxt.Add(1), 0, 0))
			f.expectSent(what, ack(f.hostNxt, f.peerNxt))
			f.expectMoves(what)
			f.expectState(what, state)
			assert.Empty(t, f.closed, "%s: OnClosed calls, want none", what)
		})
	}
}

// TestSynchronizedExactRST: an acceptable reset (SEG.SEQ = RCV.NXT) ends
// the connection at once with nothing sent. In ESTABLISHED, FIN-WAIT-1,
// FIN-WAIT-2 and CLOSE-WAIT the user is told "connection reset"; the
// model says the same in CLOSING and LAST-ACK and nothing in TIME-WAIT,
// where the application closed long ago (RFC 9293 only says "enter the
// CLOSED state, delete the TCB, and return" for those three).
func TestSynchronizedExactRST(t *testing.T) {
	for _, state := range synchronized {
		t.Run(state.String(), func(t *testing.T) {
			f := reach(t, state)
			what := f.deliver(mk(wire.RST, f.peerNxt, 0, 0))
			f.expectSent(what)
			f.expectMoves(what, move{state, RcvRST, Closed})
			var want error = ErrReset
			if state == TimeWait {
				want = nil
			}
			f.expectClosed(what, want)
		})
	}
}

// TestSynchronizedSYN: fourth check as RFC 5961 §4.2 replaces it: "If the
// SYN bit is set, irrespective of the sequence number, TCP MUST send an
// ACK (also referred to as challenge ACK) to the remote peer:
// <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>. After sending the acknowledgment,
// TCP MUST drop the unacceptable segment and stop processing further."
func TestSynchronizedSYN(t *testing.T) {
	for _, state := range synchronized {
		t.Run(state.String(), func(t *testing.T) {
			f := reach(t, state)
			what := f.deliver(mk(wire.SYN, f.peerNxt, 0, 0))
			f.expectSent(what, ack(f.hostNxt, f.peerNxt))
			f.expectMoves(what)
			f.expectState(what, state)
		})
	}
}

// TestOtherStatesNoACK: fifth check, "if the ACK bit is off, drop the
// segment and return", data and all.
func TestOtherStatesNoACK(t *testing.T) {
	for _, state := range otherStates {
		t.Run(state.String(), func(t *testing.T) {
			f := reach(t, state)
			what := f.deliver(mk(wire.PSH, f.peerNxt, 0, 4))
			f.expectSent(what)
			f.expectMoves(what)
			f.expectState(what, state)
			assert.Empty(t, f.data, "%s: OnData got %q, want nothing", what, f.data)
		})
	}
}

// TestSynchronizedACKOfUnsent: "If the ACK acks something not yet sent
// (SEG.ACK > SND.NXT), then send an ACK, drop the segment, and return."
// The segment's data is dropped with it, and SND.UNA does not move.
func TestSynchronizedACKOfUnsent(t *testing.T) {
	for _, state := range synchronized {
		t.Run(state.String(), func(t *testing.T) {
			f := reach(t, state)
			una := f.ep.SndUna()
			what := f.deliver(mk(wire.PSH|wire.ACK, f.peerNxt, f.hostNxt.Add(1), 4))
			f.expectSent(what, ack(f.hostNxt, f.peerNxt))
			f.expectMoves(what)
			f.expectState(what, state)
			assert.Equal(t, una, f.ep.SndUna(), "%s: SndUna()", what)
			assert.Empty(t, f.data, "%s: OnData got %q, want nothing", what, f.data)
		})
	}
}

// establishedWithAckedData returns a fixture in ESTABLISHED that has sent
// 10 bytes and had them acknowledged, so that SND.UNA = ISS+11.
func establishedWithAckedData(t *testing.T) *fixture {
	f := reach(t, Established)
	_, err := f.ep.Send(text(10))
	require.NoError(t, err, "Send(10 bytes)")
	f.mustSent("Send(10 bytes)", data(f.iss.Add(1), f.peerNxt, 10))
	f.peerSend(wire.ACK, nil)
	f.mustSent("the peer's ACK of 10 bytes")
	require.Equal(t, f.iss.Add(11), f.ep.SndUna(), "SndUna() after the peer's ACK of 10 bytes")
	return f
}

// TestEstablishedOldDuplicateACK: "If the ACK is a duplicate (SEG.ACK <
// SND.UNA), it can be ignored": nothing is sent and SND.UNA stays.
func TestEstablishedOldDuplicateACK(t *testing.T) {
	f := establishedWithAckedData(t)
	what := f.deliver(mk(wire.ACK, f.peerNxt, f.iss.Add(1), 0))
	f.expectSent(what)
	f.expectMoves(what)
	f.expectState(what, Established)
	assert.Equal(t, f.iss.Add(11), f.ep.SndUna(), "%s: SndUna()", what)
	assert.Equal(t, peerWindow, f.ep.SndWnd(), "%s: SndWnd()", what)
}

// TestEstablishedOldACKKeepsWindow: the window is taken only from an ACK
// with "SND.UNA =< SEG.ACK =< SND.NXT" (RFC 9293 §3.10.7.4, fifth check,
// ESTABLISHED): one whose SEG.ACK is below SND.UNA must not change SND.WND,
// however new its SEG.SEQ.
func TestEstablishedOldACKKeepsWindow(t *testing.T) {
	f := establishedWithAckedData(t)
	what := f.peerSend(wire.PSH|wire.ACK, text(5))
	f.expectSent(what, ack(f.hostNxt, f.peerNxt))
	old := mk(wire.ACK, f.peerNxt, f.iss.Add(1), 0)
	old.Window = 100
	what = f.deliver(old)
	f.expectSent(what)
	assert.Equal(t, peerWindow, f.ep.SndWnd(), "%s (window 100, SEG.ACK < SND.UNA): SndWnd()", what)
}

// TestEstablishedData: text in order is delivered and acknowledged at
// once, <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>.
func TestEstablishedData(t *testing.T) {
	f := reach(t, Established)
	what := f.peerSend(wire.PSH|wire.ACK, text(8))
	f.expectSent(what, ack(f.hostNxt, f.peerNxt))
	f.expectMoves(what)
	assert.Equal(t, "abcdefgh", string(f.data), "%s: OnData", what)
	assert.Equal(t, f.peerNxt, f.ep.RcvNxt(), "%s: RcvNxt()", what)
}

// TestEstablishedFIN: eighth check, passive close. "Advance RCV.NXT over
// the FIN, and send an acknowledgment for the FIN", then CLOSE-WAIT. Data
// on the FIN is delivered first.
func TestEstablishedFIN(t *testing.T) {
	f := reach(t, Established)
	what := f.peerSend(wire.FIN|wire.PSH|wire.ACK, text(3))
	f.expectSent(what, ack(f.hostNxt, f.irs.Add(5)))
	f.expectMoves(what, move{Established, RcvFIN, CloseWait})
	assert.Equal(t, "abc", string(f.data), "%s: OnData", what)
	assert.Equal(t, 1, f.eof, "%s: OnEOF calls", what)
}

// TestFinWait1ACKOfFIN: fifth check, "if the FIN segment is now
// acknowledged, then enter FIN-WAIT-2". Nothing is sent.
func TestFinWait1ACKOfFIN(t *testing.T) {
	f := reach(t, FinWait1)
	what := f.peerSend(wire.ACK, nil)
	f.expectSent(what)
	f.expectMoves(what, move{FinWait1, RcvACKOfFIN, FinWait2})
}

// TestFinWait1FIN: eighth check in FIN-WAIT-1. "If our FIN has been ACKed
// (perhaps in this segment), then enter TIME-WAIT, start the time-wait
// timer, turn off the other timers; otherwise, enter the CLOSING state."
// Either way the FIN is acknowledged.
func TestFinWait1FIN(t *testing.T) {
	tests := []struct {
		name     string
		ackOfFIN bool
		want     move
	}{
		{"FIN that acknowledges our FIN", true, move{FinWait1, RcvFINACKOfFIN, TimeWait}},
		{"FIN that does not (the FINs crossed)", false, move{FinWait1, RcvFIN, Closing}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := reach(t, FinWait1)
			fin := f.peerSeg(wire.FIN|wire.ACK, nil)
			if !tc.ackOfFIN {
				fin.Ack = f.hostNxt.Add(^uint32(0)) // our FIN's own number: not yet acknowledged
			}
			f.peerNxt = f.peerNxt.Add(1)
			what := f.deliver(fin)
			f.expectSent(what, ack(f.hostNxt, f.peerNxt))
			f.expectMoves(what, tc.want)
			f.expectState(what, tc.want.To)
			assert.Equal(t, 1, f.eof, "%s: OnEOF calls", what)
		})
	}
}

// TestFinWait2FIN: the peer closes too; acknowledge and enter TIME-WAIT.
func TestFinWait2FIN(t *testing.T) {
	f := reach(t, FinWait2)
	what := f.peerSend(wire.FIN|wire.ACK, nil)
	f.expectSent(what, ack(f.hostNxt, f.peerNxt))
	f.expectMoves(what, move{FinWait2, RcvFIN, TimeWait})
}

// TestClosingACKOfFIN: "If the ACK acknowledges our FIN, then enter the
// TIME-WAIT state; otherwise, ignore the segment."
func TestClosingACKOfFIN(t *testing.T) {
	f := reach(t, Closing)
	what := f.deliver(mk(wire.ACK, f.peerNxt, f.hostNxt.Add(^uint32(0)), 0))
	f.expectSent(what)
	f.expectMoves(what)
	f.expectState(what, Closing)

	what = f.peerSend(wire.ACK, nil)
	f.expectSent(what)
	f.expectMoves(what, move{Closing, RcvACKOfFIN, TimeWait})
}

// TestLastAckACKOfFIN: "If our FIN is now acknowledged, delete the TCB,
// enter the CLOSED state, and return": an orderly close.
func TestLastAckACKOfFIN(t *testing.T) {
	f := reach(t, LastAck)
	what := f.peerSend(wire.ACK, nil)
	f.expectSent(what)
	f.expectMoves(what, move{LastAck, RcvACKOfFIN, Closed})
	f.expectClosed(what, nil)
}

// TestTextIgnoredAfterFIN: seventh check in CLOSE-WAIT, CLOSING, LAST-ACK
// and TIME-WAIT: "This should not occur since a FIN has been received from
// the remote side. Ignore the segment text."
func TestTextIgnoredAfterFIN(t *testing.T) {
	for _, state := range []State{CloseWait, Closing, LastAck, TimeWait} {
		t.Run(state.String(), func(t *testing.T) {
			f := reach(t, state)
			s := mk(wire.PSH|wire.ACK, f.peerNxt, f.ep.SndUna(), 6)
			what := f.deliver(s)
			f.expectSent(what)
			f.expectMoves(what)
			f.expectState(what, state)
			assert.Empty(t, f.data, "%s: OnData got %q, want nothing", what, f.data)
			assert.Equal(t, f.peerNxt, f.ep.RcvNxt(), "%s: RcvNxt()", what)
		})
	}
}

// TestTimeWaitRepeatedFIN: "The only thing that can arrive in this state
// is a retransmission of the remote FIN. Acknowledge it, and restart the 2
// MSL timeout." CLOSED comes 2MSL after the repeat, not after the first FIN.
func TestTimeWaitRepeatedFIN(t *testing.T) {
	const msl = 10 * time.Second
	f := reachWith(t, TimeWait, setup{cfg: Config{MSL: msl}})
	f.sim.RunFor(5 * time.Second)
	f.expectMoves("5 s in TIME-WAIT")

	what := f.deliver(mk(wire.FIN|wire.ACK, f.peerNxt.Add(^uint32(0)), f.hostNxt, 0))
	f.expectSent(what, ack(f.hostNxt, f.peerNxt))
	f.expectMoves(what, move{TimeWait, RcvFINInTimeWait, TimeWait})

	f.sim.RunUntil(2 * msl)
	f.expectMoves("2MSL after the first FIN")
	f.expectState("2MSL after the first FIN", TimeWait)

	f.sim.RunUntil(5*time.Second + 2*msl)
	moves := f.takeMoves()
	if assert.Len(t, moves, 1, "2MSL after the repeated FIN: rows taken") {
		c := moves[0]
		assert.Equal(t, move{TimeWait, Timeout2MSL, Closed}, move{c.From, c.Event, c.To}, "2MSL after the repeated FIN: row")
		assert.Equal(t, 5*time.Second+2*msl, c.At, "TIME-WAIT ended at %v, want 2MSL after the repeated FIN", c.At)
	}
	f.expectSent("2MSL after the repeated FIN")
	f.expectClosed("2MSL after the repeated FIN", nil)
}

// ---- Sequence numbers wrap (RFC 9293 §3.4: arithmetic modulo 2^32) ----

// wrapSeed is a seed whose first random number, the host's ISS, is
// 2^32-8 (found by searching; the test checks it).
const wrapSeed = 237806570

// TestSequenceNumbersWrap: a whole connection whose numbers cross 2^32 in
// both directions: the host's ISS is 2^32-8 and the peer's 2^32-3, so the
// data, the ACKs, the checks against SND.UNA, SND.NXT and RCV.NXT and the
// FINs all straddle 0.
func TestSequenceNumbersWrap(t *testing.T) {
	const top = 1<<32 - 1 // 2^32-1
	f := reachWith(t, Established, setup{seed: wrapSeed, irs: top - 2})
	require.Equal(t, seq.Num(top-7), f.iss, "ISS with seed %d: bad test data", wrapSeed)

	_, err := f.ep.Send(text(20))
	require.NoError(t, err, "Send(20 bytes)")
	f.expectSent("Send(20 bytes)", data(top-6, top-1, 20)) // bytes 2^32-7 ... 12

	what := f.peerSend(wire.PSH|wire.ACK, text(10)) // bytes 2^32-2 ... 7, ACK=13
	f.expectSent(what, ack(13, 8))
	assert.Equal(t, seq.Num(13), f.ep.SndUna(), "%s: SndUna()", what)
	assert.Equal(t, seq.Num(8), f.ep.RcvNxt(), "%s: RcvNxt()", what)
	assert.Equal(t, "abcdefghij", string(f.data), "%s: OnData", what)

	what = f.deliver(mk(wire.ACK, 8, 14, 0)) // acknowledges what was never sent
	f.expectSent(what, ack(13, 8))
	assert.Equal(t, seq.Num(13), f.ep.SndUna(), "%s: SndUna()", what)

	what = f.deliver(mk(wire.ACK, 8, top-6, 0)) // an old duplicate from before the wrap
	f.expectSent(what)
	assert.Equal(t, seq.Num(13), f.ep.SndUna(), "%s: SndUna()", what)

	what = f.deliver(mk(wire.PSH|wire.ACK, top-9, 13, 5)) // old data from before the wrap
	f.expectSent(what, ack(13, 8))

	require.NoError(t, f.ep.Close(), "Close()")
	f.expectSent("Close()", finAck(13, 8))
	what = f.peerSend(wire.FIN|wire.ACK, nil)
	f.expectSent(what, ack(14, 9))
	f.expectMoves(what, move{Established, CloseCall, FinWait1}, move{FinWait1, RcvFINACKOfFIN, TimeWait})
}
