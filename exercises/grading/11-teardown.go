package grading

import (
	"fmt"
	"testing"
	"time"

	"github.com/tcpedu/tcpedu/tcpedu/seq"
	"github.com/tcpedu/tcpedu/tcpedu/tcp"
	"github.com/tcpedu/tcpedu/tcpedu/wire"
)

// TeardownConn is exercise 11's connection as the suite drives it: the
// closing half of RFC 9293's state machine, from ESTABLISHED on. Segments
// and states are the model's, as in exercise 10, whose script machinery
// (connscript.go) this suite shares.
type TeardownConn interface {
	Close() []tcp.Segment                  // CLOSE (RFC 9293 §3.10.4): the FIN to send, if any
	Receive(seg tcp.Segment) []tcp.Segment // SEGMENT ARRIVES (§3.10.7.4): what goes out in answer
	Tick(elapsed time.Duration)            // time has passed: the 2MSL timer (§3.10.8)
	State() tcp.State
}

// TeardownImpl is exercise 11's code under test.
type TeardownImpl struct {
	// New returns a connection in ESTABLISHED whose SND.UNA and SND.NXT
	// are sndNxt (everything sent has been acknowledged), whose RCV.NXT is
	// rcvNxt, and whose TIME-WAIT lasts 2×msl.
	New func(sndNxt, rcvNxt seq.Num, msl time.Duration) TeardownConn
}

// Teardown grades exercise 11 with impl.
func Teardown(t *testing.T, impl TeardownImpl) { Run(t, "11-teardown", teardownChecks(impl)) }

func init() {
	register(Exercise{ID: "11-teardown", Title: "Closing a connection, and TIME-WAIT (RFC 9293 §3.6)", File: "teardown.go",
		Checks: teardownChecks(TeardownImpl{})})
}

// The numbers of the close in docs/03-connection.md §3.3: the client's
// SND.NXT when it closes, and its RCV.NXT (the server's SND.NXT).
const (
	tdOurs   seq.Num = 2709690876
	tdPeers  seq.Num = 684686313
	tdMSL            = tcp.DefaultMSL // 30 s: TIME-WAIT lasts Linux's 60 s
	tdData           = 100            // bytes in a data segment of a script
	tdMoreTo         = 10 * time.Minute
)

// Hints shared by several checks of exercise 11.
const (
	tdHintFinLen   = "FIN consumes a sequence number: the ACK of a FIN is the FIN's SEG.SEQ+1 (after any data in the same segment), and after sending our FIN, SND.NXT is its SEQ+1 (RFC 9293 §3.4)"
	tdHintFinAck   = "a FIN that also ACKs our FIN (SEG.ACK = our FIN's SEQ+1) goes straight from FIN-WAIT-1 to TIME-WAIT: process the ACK, then the FIN, of the same segment (RFC 9293 §3.10.7.4 eighth check; Note 2 of §3.3.2)"
	tdHintFirst    = "the side that closes first waits in TIME-WAIT for 2×MSL before CLOSED (RFC 9293 §3.6.1, MUST-13): its last ACK may be lost, and the peer's FIN come again"
	tdHintPassive  = "the passive closer never enters TIME-WAIT: in LAST-ACK the ACK of our FIN means both directions are done, so go straight to CLOSED (RFC 9293 §3.10.7.4 fifth check)"
	tdHintOldFin   = "a FIN that comes again is old: RCV.NXT already counts it, so it is ACKed with the same RCV.NXT and moves nothing (RFC 9293 §3.10.7.4, first check)"
	tdHintTwoMSL   = "TIME-WAIT lasts 2×MSL from the moment it is entered, MSL being what New was given; add up the time each Tick reports and close once the total reaches 2×MSL"
	tdHintHalfOpen = "our FIN closes only our direction: the peer may go on sending in FIN-WAIT-1 and FIN-WAIT-2, and every byte is ACKed (RFC 9293 §3.10.7.4 seventh check; the half-close of docs/03-connection.md §3.4)"
)

func teardownChecks(impl TeardownImpl) []Check {
	return []Check{{
		Name: "sends a FIN on close and counts it",
		Hint: tdHintFinLen,
		Run: func(c *C) {
			conn := impl.New(tdOurs, tdPeers, tdMSL)
			tdScript(c, "we close; the peer acknowledges", conn, []connStep{
				{call: "Close()", do: conn.Close, ev: tcp.CloseCall,
					send: connSegs(connSeg(wire.FIN|wire.ACK, tdOurs, tdPeers))},
				{rcv: connSeg(wire.ACK, tdPeers, tdOurs),
					hint: "SEG.ACK = the FIN's own SEQ acknowledges only what came before it: " + tdHintFinLen},
				{rcv: connSeg(wire.ACK, tdPeers, tdOurs+1), ev: tcp.RcvACKOfFIN},
				{call: "Close()", do: conn.Close,
					hint: "CLOSE a second time sends nothing: the FIN has been sent (RFC 9293 §3.10.4: \"error: connection closing\")"},
			})
		},
	}, {
		Name: "closes actively through FIN-WAIT-2 and TIME-WAIT",
		Hint: tdHintFirst,
		Run: func(c *C) {
			conn := impl.New(tdOurs, tdPeers, tdMSL)
			tdScript(c, "the four-segment close, from the side that closes first", conn, []connStep{
				{call: "Close()", do: conn.Close, ev: tcp.CloseCall,
					send: connSegs(connSeg(wire.FIN|wire.ACK, tdOurs, tdPeers))},
				{rcv: connSeg(wire.ACK, tdPeers, tdOurs+1), ev: tcp.RcvACKOfFIN},
				{rcv: connSeg(wire.FIN|wire.ACK, tdPeers, tdOurs+1), ev: tcp.RcvFIN,
					send: connSegs(connSeg(wire.ACK, tdOurs+1, tdPeers+1))},
				tdTick(conn, 2*tdMSL-time.Second, 0),
				tdTick(conn, time.Second, tcp.Timeout2MSL),
			})
		},
	}, {
		Name: "closes passively without TIME-WAIT",
		Hint: tdHintPassive,
		Run: func(c *C) {
			conn := impl.New(tdOurs, tdPeers, tdMSL)
			tdScript(c, "the four-segment close, from the side that closes second", conn, []connStep{
				{rcv: connSeg(wire.FIN|wire.ACK, tdPeers, tdOurs), ev: tcp.RcvFIN,
					send: connSegs(connSeg(wire.ACK, tdOurs, tdPeers+1)),
					hint: "a FIN closes only the peer's direction: ACK it and wait in CLOSE-WAIT; our own FIN waits for our application's Close (RFC 9293 §3.10.7.4 eighth check)"},
				{call: "Close()", do: conn.Close, ev: tcp.CloseCall,
					send: connSegs(connSeg(wire.FIN|wire.ACK, tdOurs, tdPeers+1))},
				{rcv: connSeg(wire.ACK, tdPeers+1, tdOurs+1), ev: tcp.RcvACKOfFIN},
				tdTick(conn, 2*tdMSL, 0),
			})
		},
	}, {
		Name: "takes a FIN that ACKs our FIN straight to TIME-WAIT",
		Hint: tdHintFinAck,
		Run: func(c *C) {
			conn := impl.New(tdOurs, tdPeers, tdMSL)
			tdScript(c, "the three-segment close: the peer's FIN carries the ACK of ours", conn, []connStep{
				{call: "Close()", do: conn.Close, ev: tcp.CloseCall,
					send: connSegs(connSeg(wire.FIN|wire.ACK, tdOurs, tdPeers))},
				{rcv: connSeg(wire.FIN|wire.ACK, tdPeers, tdOurs+1), ev: tcp.RcvFINACKOfFIN,
					send: connSegs(connSeg(wire.ACK, tdOurs+1, tdPeers+1))},
				tdTick(conn, 2*tdMSL, tcp.Timeout2MSL),
			})
		},
	}, {
		Name: "closes simultaneously through CLOSING",
		Hint: "in a simultaneous close the peer's FIN crosses ours and does not acknowledge it (SEG.ACK is our FIN's own SEQ): FIN-WAIT-1 → CLOSING, and the ACK of our FIN then → TIME-WAIT (RFC 9293 §3.10.7.4)",
		Run: func(c *C) {
			conn := impl.New(tdOurs, tdPeers, tdMSL)
			tdScript(c, "both sides close at once", conn, []connStep{
				{call: "Close()", do: conn.Close, ev: tcp.CloseCall,
					send: connSegs(connSeg(wire.FIN|wire.ACK, tdOurs, tdPeers))},
				{rcv: connSeg(wire.FIN|wire.ACK, tdPeers, tdOurs), ev: tcp.RcvFIN,
					send: connSegs(connSeg(wire.ACK, tdOurs+1, tdPeers+1))},
				{rcv: connSeg(wire.ACK, tdPeers+1, tdOurs+1), ev: tcp.RcvACKOfFIN,
					hint: "CLOSING waits for the ACK of our FIN; when it comes, both sides closed first, and both wait in TIME-WAIT (docs/03-connection.md §3.4)"},
				tdTick(conn, 2*tdMSL-time.Millisecond, 0),
				tdTick(conn, time.Millisecond, tcp.Timeout2MSL),
			})
		},
	}, {
		Name: "waits 2 MSL in TIME-WAIT",
		Hint: tdHintTwoMSL,
		Run: func(c *C) {
			const msl = 45 * time.Second
			conn := impl.New(tdOurs, tdPeers, msl)
			if !tdScript(c, "MSL is 45 s; the peer keeps its half open for ten minutes first", conn, []connStep{
				{call: "Close()", do: conn.Close, ev: tcp.CloseCall,
					send: connSegs(connSeg(wire.FIN|wire.ACK, tdOurs, tdPeers))},
				{rcv: connSeg(wire.ACK, tdPeers, tdOurs+1), ev: tcp.RcvACKOfFIN},
				tdTick(conn, tdMoreTo, 0),
				{rcv: connSeg(wire.FIN|wire.ACK, tdPeers, tdOurs+1), ev: tcp.RcvFIN,
					send: connSegs(connSeg(wire.ACK, tdOurs+1, tdPeers+1)),
					hint: "the 2MSL timer starts when TIME-WAIT is entered, not at Close; and FIN-WAIT-2 has no timer in RFC 9293 (Linux's tcp_fin_timeout is its own addition)"},
				tdTick(conn, msl, 0),
				tdTick(conn, msl-time.Millisecond, 0),
				tdTick(conn, time.Millisecond, tcp.Timeout2MSL),
			}) {
				return
			}
			// A short MSL, told in many small ticks.
			const short = time.Second
			conn = impl.New(tdOurs, tdPeers, short)
			steps := []connStep{
				{call: "Close()", do: conn.Close, ev: tcp.CloseCall,
					send: connSegs(connSeg(wire.FIN|wire.ACK, tdOurs, tdPeers))},
				{rcv: connSeg(wire.FIN|wire.ACK, tdPeers, tdOurs+1), ev: tcp.RcvFINACKOfFIN,
					send: connSegs(connSeg(wire.ACK, tdOurs+1, tdPeers+1))},
			}
			const tick = 100 * time.Millisecond
			for i := 1; i < int(2*short/tick); i++ {
				steps = append(steps, tdTick(conn, tick, 0))
			}
			steps = append(steps, tdTick(conn, tick, tcp.Timeout2MSL))
			tdScript(c, "MSL is 1 s, and time passes 100 ms at a time", conn, steps)
		},
	}, {
		Name: "ACKs a repeated FIN in TIME-WAIT and restarts 2MSL",
		Hint: "in TIME-WAIT the peer's FIN again means our last ACK was lost: ACK it again and restart the 2MSL timer (RFC 9293 §3.10.7.4 eighth check, TIME-WAIT)",
		Run: func(c *C) {
			conn := impl.New(tdOurs, tdPeers, tdMSL)
			tdScript(c, "our last ACK is lost; the peer sends its FIN again", conn, []connStep{
				{call: "Close()", do: conn.Close, ev: tcp.CloseCall,
					send: connSegs(connSeg(wire.FIN|wire.ACK, tdOurs, tdPeers))},
				{rcv: connSeg(wire.ACK, tdPeers, tdOurs+1), ev: tcp.RcvACKOfFIN},
				{rcv: connSeg(wire.FIN|wire.ACK, tdPeers, tdOurs+1), ev: tcp.RcvFIN,
					send: connSegs(connSeg(wire.ACK, tdOurs+1, tdPeers+1))},
				tdTick(conn, 50*time.Second, 0),
				{rcv: connSeg(wire.FIN|wire.ACK, tdPeers, tdOurs+1), ev: tcp.RcvFINInTimeWait,
					send: connSegs(connSeg(wire.ACK, tdOurs+1, tdPeers+1)),
					hint: "the FIN came again because our ACK was lost: send the same ACK again, <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>, and stay in TIME-WAIT"},
				tdTickHint(conn, 50*time.Second, "a repeated FIN restarts the 2MSL timer: after it, TIME-WAIT lasts another full 2×MSL (RFC 9293 §3.10.7.4: \"restart the 2 MSL timeout\")"),
				tdTick(conn, 10*time.Second, tcp.Timeout2MSL),
			})
		},
	}, {
		Name: "acknowledges data while closing",
		Hint: tdHintHalfOpen,
		Run: func(c *C) {
			conn := impl.New(tdOurs, tdPeers, tdMSL)
			withFin := tdDataSeg(tdPeers+3*tdData, tdOurs+1, 10)
			withFin.Flags |= wire.FIN
			tdScript(c, "we close; the peer sends 310 more bytes, the last 10 with its FIN", conn, []connStep{
				{call: "Close()", do: conn.Close, ev: tcp.CloseCall,
					send: connSegs(connSeg(wire.FIN|wire.ACK, tdOurs, tdPeers))},
				{rcv: tdDataSeg(tdPeers, tdOurs, tdData),
					send: connSegs(connSeg(wire.ACK, tdOurs+1, tdPeers+tdData))},
				{rcv: tdDataSeg(tdPeers+tdData, tdOurs+1, tdData), ev: tcp.RcvACKOfFIN,
					send: connSegs(connSeg(wire.ACK, tdOurs+1, tdPeers+2*tdData))},
				{rcv: tdDataSeg(tdPeers+2*tdData, tdOurs+1, tdData),
					send: connSegs(connSeg(wire.ACK, tdOurs+1, tdPeers+3*tdData))},
				{rcv: withFin, ev: tcp.RcvFIN,
					send: connSegs(connSeg(wire.ACK, tdOurs+1, tdPeers+3*tdData+10+1)),
					hint: "a FIN sits after the data of its segment: ACK SEG.SEQ + 10 data bytes + 1 for the FIN"},
			})
		},
	}, {
		Name: "ACKs an old FIN again without moving",
		Hint: tdHintOldFin,
		Run: func(c *C) {
			conn := impl.New(tdOurs, tdPeers, tdMSL)
			if !tdScript(c, "the peer's FIN comes twice, in CLOSE-WAIT and in LAST-ACK", conn, []connStep{
				{rcv: connSeg(wire.FIN|wire.ACK, tdPeers, tdOurs), ev: tcp.RcvFIN,
					send: connSegs(connSeg(wire.ACK, tdOurs, tdPeers+1))},
				{rcv: connSeg(wire.FIN|wire.ACK, tdPeers, tdOurs),
					send: connSegs(connSeg(wire.ACK, tdOurs, tdPeers+1))},
				{call: "Close()", do: conn.Close, ev: tcp.CloseCall,
					send: connSegs(connSeg(wire.FIN|wire.ACK, tdOurs, tdPeers+1))},
				{rcv: connSeg(wire.FIN|wire.ACK, tdPeers, tdOurs),
					send: connSegs(connSeg(wire.ACK, tdOurs+1, tdPeers+1))},
				{rcv: connSeg(wire.ACK, tdPeers+1, tdOurs+1), ev: tcp.RcvACKOfFIN},
			}) {
				return
			}
			conn = impl.New(tdOurs, tdPeers, tdMSL)
			tdScript(c, "the peer's FIN comes twice in CLOSING", conn, []connStep{
				{call: "Close()", do: conn.Close, ev: tcp.CloseCall,
					send: connSegs(connSeg(wire.FIN|wire.ACK, tdOurs, tdPeers))},
				{rcv: connSeg(wire.FIN|wire.ACK, tdPeers, tdOurs), ev: tcp.RcvFIN,
					send: connSegs(connSeg(wire.ACK, tdOurs+1, tdPeers+1))},
				{rcv: connSeg(wire.FIN|wire.ACK, tdPeers, tdOurs),
					send: connSegs(connSeg(wire.ACK, tdOurs+1, tdPeers+1))},
				{rcv: connSeg(wire.ACK, tdPeers+1, tdOurs+1), ev: tcp.RcvACKOfFIN},
			})
		},
	}, {
		Name: "counts the FIN across the wrap",
		Hint: hsHintWrap,
		Run: func(c *C) {
			conn := impl.New(hsLastNum, hsLastNum, tdMSL)
			if !tdScript(c, "both FINs at 4294967295: we close first", conn, []connStep{
				{call: "Close()", do: conn.Close, ev: tcp.CloseCall,
					send: connSegs(connSeg(wire.FIN|wire.ACK, hsLastNum, hsLastNum))},
				{rcv: connSeg(wire.FIN|wire.ACK, hsLastNum, 0), ev: tcp.RcvFINACKOfFIN,
					send: connSegs(connSeg(wire.ACK, 0, 0)),
					hint: "the FIN at 4294967295 is acknowledged by 0, its SEQ+1 on the circle: " + hsHintWrap, own: true},
			}) {
				return
			}
			conn = impl.New(hsLastNum, hsLastNum, tdMSL)
			tdScript(c, "both FINs at 4294967295: the peer closes first", conn, []connStep{
				{rcv: connSeg(wire.FIN|wire.ACK, hsLastNum, hsLastNum), ev: tcp.RcvFIN,
					send: connSegs(connSeg(wire.ACK, hsLastNum, 0))},
				{call: "Close()", do: conn.Close, ev: tcp.CloseCall,
					send: connSegs(connSeg(wire.FIN|wire.ACK, hsLastNum, 0))},
				{rcv: connSeg(wire.ACK, 0, 0), ev: tcp.RcvACKOfFIN,
					hint: "SND.UNA = 4294967295 < SEG.ACK = 0 =< SND.NXT = 0 holds on the circle: " + hsHintWrap, own: true},
			})
		},
	}}
}

// tdScript runs one script on conn, which starts in ESTABLISHED, with
// exercise 11's hints.
func tdScript(c *C, title string, conn TeardownConn, steps []connStep) bool {
	return connScript{title: title, state: conn.State, receive: conn.Receive, start: tcp.Established,
		steps: steps, hints: tdHints}.run(c)
}

// tdTick is a script step in which time passes; ev is tcp.Timeout2MSL if
// the 2MSL timer must expire in it.
func tdTick(conn TeardownConn, d time.Duration, ev tcp.Event) connStep {
	return connStep{call: fmt.Sprintf("Tick(%v)", d), ev: ev,
		do: func() []tcp.Segment { conn.Tick(d); return nil }}
}

// tdTickHint is a step in which time passes and the state must stay,
// with the misconception behind its going wrong.
func tdTickHint(conn TeardownConn, d time.Duration, hint string) connStep {
	st := tdTick(conn, d, 0)
	st.hint = hint
	return st
}

// tdDataSeg returns an ACK segment carrying n bytes of data from s.
func tdDataSeg(s, ack seq.Num, n int) tcp.Segment {
	seg := connSeg(wire.ACK, s, ack)
	seg.Payload = make([]byte, n)
	return seg
}

// tdHints names the mistake that what came back shows, if it is one of
// the usual ones.
func tdHints(st connStep, got []tcp.Segment, from, gotTo, wantTo tcp.State) string {
	in := st.rcv
	fin := st.call == "" && in.Flags.Has(wire.FIN)
	switch {
	case from == tcp.LastAck && gotTo == tcp.TimeWait:
		return tdHintPassive
	case from == tcp.FinWait1 && fin && wantTo == tcp.TimeWait && gotTo == tcp.Closing:
		return tdHintFinAck
	case from == tcp.FinWait1 && fin && wantTo == tcp.Closing && gotTo == tcp.TimeWait:
		return "this FIN crossed ours: its SEG.ACK is our FIN's own SEQ, so it does not acknowledge our FIN; FIN-WAIT-1 → CLOSING, not TIME-WAIT"
	case from == tcp.FinWait1 && !fin && st.call == "" && wantTo == tcp.FinWait1 && gotTo == tcp.FinWait2 && len(in.Payload) == 0:
		return "SEG.ACK = the FIN's own SEQ acknowledges only what came before it: " + tdHintFinLen
	case from == tcp.TimeWait && wantTo != gotTo && st.hint == "":
		return tdHintTwoMSL // too early or never
	case from != tcp.TimeWait && wantTo == tcp.TimeWait && gotTo == tcp.Closed:
		return tdHintFirst
	case from == tcp.Established && fin && len(got) == 2:
		return "a FIN closes only the peer's direction: ACK it and wait in CLOSE-WAIT; our own FIN waits for our application's Close (RFC 9293 §3.10.7.4 eighth check)"
	case st.call == "" && len(in.Payload) > 0 && len(got) == 0 && (from == tcp.FinWait1 || from == tcp.FinWait2):
		return tdHintHalfOpen
	}
	if len(got) != len(st.send) {
		return ""
	}
	for i, g := range got {
		w := st.send[i]
		switch {
		case fin && g.Flags.Has(wire.ACK) && g.Ack == w.Ack-1:
			return tdHintFinLen
		case fin && g.Flags.Has(wire.ACK) && g.Ack == w.Ack+1:
			return tdHintOldFin
		case g.Flags == w.Flags && g.Seq == w.Seq-1:
			return "after our FIN, SND.NXT is the FIN's SEQ+1: every later segment carries <SEQ=FIN's SEQ+1> (RFC 9293 §3.4)"
		case w.Flags == wire.FIN|wire.ACK && g.Flags == wire.FIN:
			return "every segment after the handshake carries the ACK bit, the FIN too: <SEQ=SND.NXT><ACK=RCV.NXT><CTL=FIN,ACK> (RFC 9293 §3.1)"
		}
	}
	return ""
}
