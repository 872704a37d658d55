package tcp

import (
	"fmt"
	"net/netip"
	"time"

	"github.com/tcpedu/tcpedu/tcpedu/arq"
	"github.com/tcpedu/tcpedu/tcpedu/cc"
	"github.com/tcpedu/tcpedu/tcpedu/seq"
	"github.com/tcpedu/tcpedu/tcpedu/sim"
)

// Endpoint is one end of a TCP connection: the Transmission Control Block
// of RFC 9293 §3.3.1, holding the connection's state and its send and
// receive sequence variables, and the code that moves them.
//
// The send sequence space, as RFC 9293 §3.3.1 draws it:
//
//	           1          2          3          4
//	      ----------|----------|----------|----------
//	             SND.UNA    SND.NXT    SND.UNA
//	                                  +SND.WND
//	1 - old sequence numbers that have been acknowledged
//	2 - sequence numbers of unacknowledged data
//	3 - sequence numbers allowed for new data transmission
//	4 - future sequence numbers that are not yet allowed
//
// The SYN occupies ISS and the first data byte is ISS+1; after the last data
// byte comes the FIN, which occupies one sequence number too. Every segment's
// SEG.SEQ is the first sequence number it occupies and SEG.ACK the next one
// its sender expects.
//
// An application makes endpoints with Host.Connect and Host.Listen, calls
// Send, Close and Abort, and hears back through the On functions, which it
// may set at any time before the event they report. Every method must be
// called from the simulation's own events (sim.At and friends), never from
// another goroutine.
//
// Flow control (flow.go: a slow reader's window closes, the persist timer
// probes it), delayed ACKs (delayedack.go), congestion control
// (congestion.go, package cc: what is in flight is at most min(cwnd,
// SND.WND)) and SACK (sack.go: the blocks a receiver reports, and RFC
// 6675's recovery built on them, with Config.SACK) each have their own
// file. Simplifications: no urgent data, no security check.
type Endpoint struct {
	host          *Host
	cfg           Config
	id            int // connection number on its host, from 1
	local, remote netip.AddrPort
	state         State
	passive       bool            // began with a passive OPEN (RFC 9293 §3.10.7.4)
	listener      bool            // a listening socket: each SYN spawns a new connection
	accept        func(*Endpoint) // a listener's hook for each new connection
	err           error           // why the connection closed, nil for an orderly close

	// Send sequence variables (RFC 9293 §3.3.1).
	iss    seq.Num // ISS: initial send sequence number
	sndUna seq.Num // SND.UNA: oldest unacknowledged sequence number
	sndNxt seq.Num // SND.NXT: next sequence number to be sent
	sndWnd uint32  // SND.WND: the peer's window, bytes, scaled
	sndWL1 seq.Num // SND.WL1: SEG.SEQ of the segment that last updated SND.WND
	sndWL2 seq.Num // SND.WL2: SEG.ACK of that segment

	// Receive sequence variables (RFC 9293 §3.3.1). RCV.NXT and RCV.WND
	// live in the reassembly buffer, which holds out-of-order data too.
	irs     seq.Num         // IRS: initial receive sequence number
	haveIRS bool            // the peer's SYN has arrived
	rcv     *arq.Reassembly // RCV.NXT, RCV.WND and out-of-order data
	pending []byte          // data that arrived with a SYN, held until ESTABLISHED
	finRcvd bool            // the peer's FIN has arrived (it takes a sequence number)

	// Negotiated in the SYNs.
	sndMSS   int   // the largest segment we send: the peer's MSS option
	sndShift uint8 // the peer's window scale: applied to windows it sends us
	rcvShift uint8 // ours: applied to windows we send
	wsOK     bool  // both SYNs carried window scale (RFC 7323 §2.2)
	sackOK   bool  // both SYNs carried SACK-permitted (RFC 2018 §2)

	// The byte stream to send: data from sndBufSeq on, unacknowledged or
	// not yet sent. The FIN follows the last byte once the application
	// has closed.
	sndBuf      sendBuffer
	sndBufSeq   seq.Num
	finQueued   bool // CLOSE has been called: the FIN is at finSeq()
	closeQueued bool // CLOSE came in SYN-RECEIVED with data queued: close on ESTABLISHED

	// Timers and retransmission (RFC 6298).
	rexmt      *sim.Timer // retransmission timer
	timeWait   *sim.Timer // 2×MSL in TIME-WAIT
	finWait2   *sim.Timer // Linux's orphaned FIN-WAIT-2 timer
	rto        RTO
	retries    int           // consecutive retransmissions of the oldest segment
	timing     bool          // an RTT measurement is running (Karn's algorithm)
	timedSeq   seq.Num       // it ends when SND.UNA passes this
	timedAt    time.Duration // virtual time it began
	synBackoff bool          // a SYN or SYN,ACK was retransmitted (RFC 6298 §5.7)

	ackNow bool    // an ACK is owed: send one unless a segment carries it
	out    Segment // the segment being sent, reused

	// Flow control (flow.go).
	rcvUser      []byte  // RCV.USER: received bytes the application has not read (ManualRead)
	rcvAdv       seq.Num // the right edge of the window last announced
	rcvAdvSet    bool
	persist      *sim.Timer // the persist timer
	persistShift int        // probes sent in a row
	probing      bool       // a probe octet is out

	// Delayed ACKs (delayedack.go).
	delack      *sim.Timer
	unackedSegs int // full segments received in order since our last ACK

	// Congestion control (congestion.go).
	cc            cc.Algorithm
	dupAcks       int       // consecutive duplicate ACKs (RFC 5681 §2)
	pendingAction cc.Action // what the algorithm asked, done after the ACK
	rexmtNxt      seq.Num   // after a timeout, the next sequence number to send again
	smallEnd      seq.Num   // end of the last segment shorter than the MSS (Nagle, Minshall)
	smallSent     bool      // whether smallEnd has been set
	stats         Stats

	// SACK-based loss recovery (sack.go, RFC 6675 §2's names). Each is
	// one past the octet the RFC names, as SND.UNA and SND.NXT are.
	sb            arq.Scoreboard // what the peer has SACKed above SND.UNA
	recoveryPoint seq.Num        // RecoveryPoint: HighData when the last recovery or timeout began
	highRxt       seq.Num        // HighRxt: past the highest byte resent in this recovery
	rescueRxt     seq.Num        // RescueRxt: past the rescue retransmission, or where one may next be made

	// OnEstablished runs when the connection enters ESTABLISHED.
	OnEstablished func()
	// OnData runs with each run of bytes delivered in order. The slice is
	// valid only during the call.
	OnData func(data []byte)
	// OnEOF runs when the peer's FIN arrives: it will send no more.
	OnEOF func()
	// OnClosed runs when the connection reaches CLOSED, with nil after an
	// orderly close or the reason otherwise (ErrReset, ErrRefused and the other errors of errors.go).
	OnClosed func(err error)
}

// State returns the connection's state.
func (e *Endpoint) State() State { return e.state }

// ID returns the connection's number on its host, counting from 1.
func (e *Endpoint) ID() int { return e.id }

// Host returns the host the connection belongs to.
func (e *Endpoint) Host() *Host { return e.host }

// Local returns the local address and port.
func (e *Endpoint) Local() netip.AddrPort { return e.local }

// Remote returns the remote address and port; a listener's is the zero
// AddrPort, "unspecified".
func (e *Endpoint) Remote() netip.AddrPort { return e.remote }

// Err returns why the connection closed: nil while it is open or after an
// orderly close.
func (e *Endpoint) Err() error { return e.err }

// ISS returns the initial send sequence number.
func (e *Endpoint) ISS() seq.Num { return e.iss }

// IRS returns the initial receive sequence number, and whether the peer's
// SYN has arrived to tell it.
func (e *Endpoint) IRS() (seq.Num, bool) { return e.irs, e.haveIRS }

// SndUna returns SND.UNA: the oldest sequence number not yet acknowledged.
func (e *Endpoint) SndUna() seq.Num { return e.sndUna }

// SndNxt returns SND.NXT: the next sequence number to send.
func (e *Endpoint) SndNxt() seq.Num { return e.sndNxt }

// SndWnd returns SND.WND: the window the peer last offered, in bytes,
// window scaling applied.
func (e *Endpoint) SndWnd() int { return int(e.sndWnd) }

// RcvNxt returns RCV.NXT: the next sequence number expected from the peer,
// or 0 before its SYN has arrived.
func (e *Endpoint) RcvNxt() seq.Num { return e.rcvNxt() }

// SendMSS returns the largest segment this endpoint sends, in data bytes:
// the peer's MSS option, or 536 if its SYN had none (RFC 9293 §3.7.1).
func (e *Endpoint) SendMSS() int { return e.sndMSS }

// WindowScale returns the shifts in use (RFC 7323 §2): snd for windows the
// peer sends us, rcv for windows we send, and whether scaling is on at all
// (both SYNs offered it).
func (e *Endpoint) WindowScale() (snd, rcv uint8, ok bool) {
	return e.sndShift, e.rcvShift, e.wsOK
}

// SACK reports whether the connection uses selective acknowledgments:
// both SYNs carried SACK-permitted (RFC 2018 §2), which needs Config.SACK
// on both ends.
func (e *Endpoint) SACK() bool { return e.sackOK }

// RTO returns the retransmission timeout estimator.
func (e *Endpoint) RTO() RTO { return e.rto }

// String describes the connection in one line, as netstat would list it.
func (e *Endpoint) String() string {
	remote := "*:*"
	if e.remote.IsValid() {
		remote = e.remote.String()
	}
	return fmt.Sprintf("%s %s %s", e.local, remote, e.state)
}
