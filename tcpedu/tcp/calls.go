package tcp

import (
	"time"

	"github.com/tcpedu/tcpedu/tcpedu/wire"
)

// This file holds the calls an application makes (RFC 9293 §3.10.2–§3.10.5)
// and move, the one place a connection changes state.

// Send queues data to be sent (RFC 9293 §3.10.2) and sends what the window
// allows. Before the handshake completes the data waits; after CLOSE it is
// refused with ErrClosing. A listener with no remote socket refuses it
// with ErrNoForeign; one with a remote socket becomes an active open.
// It returns how many bytes were queued: all of them, or none and an error.
func (e *Endpoint) Send(data []byte) (int, error) {
	switch e.state {
	case Closed:
		return 0, ErrNotExist
	case Listen:
		if !e.remote.IsValid() {
			return 0, ErrNoForeign
		}
		// "If the foreign socket is specified, then change the connection
		// from passive to active, select an ISS. Send a SYN segment."
		e.passive = false
		e.iss = e.host.newISS()
		e.sndUna, e.sndNxt, e.sndBufSeq = e.iss, e.iss, e.iss.Add(1)
		e.move(SendCall)
	case FinWait1, FinWait2, Closing, LastAck, TimeWait:
		return 0, ErrClosing
	}
	e.sndBuf.append(data)
	e.output()
	return len(data), nil
}

// Close says the application has no more data to send (RFC 9293 §3.10.4).
// Data already queued is still sent, then the FIN; the connection goes on
// receiving until the peer closes too. Closing a listener or a connection
// still in SYN-SENT deletes it at once.
func (e *Endpoint) Close() error {
	switch e.state {
	case Closed:
		return ErrNotExist
	case Listen, SynSent:
		e.move(CloseCall)
		return nil
	case SynReceived:
		// "If no SENDs have been issued and there is no pending data to
		// send, then form a FIN segment and send it, and enter FIN-WAIT-1
		// state; otherwise, queue for processing after entering
		// ESTABLISHED state."
		if e.sndBuf.len() > 0 {
			e.closeQueued = true
			return nil
		}
		fallthrough
	case Established, CloseWait:
		if e.closeQueued && e.state != Established {
			return ErrClosing
		}
		e.closeQueued = false
		e.finQueued = true
		e.move(CloseCall)
		e.output()
		return nil
	}
	return ErrClosing
}

// Abort drops the connection at once (RFC 9293 §3.10.5): queued data is
// thrown away and, in the states the table marks, a RST tells the peer,
// <SEQ=SND.NXT><CTL=RST>. This is what close() does on Linux with
// SO_LINGER set to zero seconds.
func (e *Endpoint) Abort() error {
	if e.state == Closed {
		return ErrNotExist
	}
	row := Lookup(e.state, AbortCall)
	if row >= 0 && Transitions[row].Send == "RST" {
		e.sendRST(e.sndNxt, 0, wire.RST)
	}
	e.err = ErrAborted
	e.move(AbortCall)
	return nil
}

// move takes the row of Transitions for event in the current state: the
// one place a connection's state changes. It then does what entering the
// new state means: start or stop timers, tell the application.
func (e *Endpoint) move(event Event) {
	from := e.state
	row := e.host.transition(e, from, event)
	to := Transitions[row].To
	e.state = to
	if from == to {
		return
	}
	switch to {
	case Established:
		e.established()
	case FinWait2:
		// Linux's tcp_fin_timeout: not in RFC 9293, which lets a
		// connection wait for the peer's FIN forever.
		if e.cfg.FinWait2Timeout > 0 {
			e.finWait2.Reset(e.cfg.FinWait2Timeout)
		}
	case TimeWait:
		e.rexmt.Stop()
		e.finWait2.Stop()
		e.timeWait.Reset(2 * e.cfg.MSL)
		e.host.note(e, "TIME-WAIT for 2MSL = %s", seconds(2*e.cfg.MSL))
	case Listen:
		// Back to LISTEN after a reset in SYN-RECEIVED (RFC 9293
		// §3.10.7.4). A connection a listening socket made for one SYN
		// simply goes away: the listener is still there.
		if !e.listener && e.spawned() {
			e.shutdown()
			e.state = Closed // it no longer exists (no row: it simply goes)
		} else {
			e.rexmt.Stop()
			e.haveIRS, e.rcv, e.pending = false, nil, nil
		}
	case Closed:
		e.shutdown()
	}
}

// established runs on entering ESTABLISHED.
func (e *Endpoint) established() {
	e.startCongestionControl()
	// RFC 6298 §5.7: "If the timer expires awaiting the ACK of a SYN
	// segment and the TCP implementation is using an RTO less than 3
	// seconds, the RTO MUST be re-initialized to 3 seconds when data
	// transmission begins." (Karn's rule means the SYN's round trip was
	// not measured, so there is nothing better to start from.)
	if e.synBackoff && e.cfg.InitialRTO < 3*time.Second {
		e.rto.RTO = 3 * time.Second
	}
	if e.OnEstablished != nil {
		e.OnEstablished()
	}
	if e.closeQueued {
		e.Close() // the CLOSE that SYN-RECEIVED queued (RFC 9293 §3.10.4)
	}
	// Data that came with the SYN was held until now (RFC 9293 §3.10.7.2).
	if len(e.pending) > 0 {
		data := e.pending
		e.pending = nil
		e.receiveText(e.irs.Add(1), data)
	}
}

// spawned reports whether a listening socket made this connection for one
// SYN (rather than the application opening it).
func (e *Endpoint) spawned() bool {
	return e.passive && e.host.find(e.local, zeroAddrPort) != nil
}

// shutdown releases a connection that has reached CLOSED (or a spawned one
// that went back to LISTEN): timers off, out of the host's table, and the
// application told.
func (e *Endpoint) shutdown() {
	e.rexmt.Stop()
	e.delack.Stop()
	e.persist.Stop()
	e.timeWait.Stop()
	e.finWait2.Stop()
	e.host.forget(e)
	if e.OnClosed != nil {
		e.OnClosed(e.err)
	}
}
