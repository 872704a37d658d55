package tcp

import "fmt"

// Event is what moves a connection from one state to another: a call from
// the application (OPEN, SEND, CLOSE, ABORT, RFC 9293 §3.9.1), a segment
// arriving (§3.10.7), or a timer expiring (§3.10.8).
type Event uint8

// The events of the transition table. Each "rcv" event is a class of
// arriving segment, as the §3.3.2 figure labels its arrows.
const (
	_ Event = iota // no event: the zero value is not an event

	// Calls from the application (RFC 9293 §3.9.1, §3.10.1–§3.10.5).
	PassiveOpen // OPEN with no remote address: wait for a connection
	ActiveOpen  // OPEN to a remote address: connect
	SendCall    // SEND on a listening connection, which makes it active
	CloseCall   // CLOSE: "I have no more to send"
	AbortCall   // ABORT: drop the connection now, with a reset

	// Segments arriving (RFC 9293 §3.10.7).
	RcvSYN           // a SYN without ACK
	RcvSYNACK        // a SYN,ACK that acknowledges our SYN
	RcvACKOfSYN      // an ACK that acknowledges our SYN
	RcvFIN           // a FIN that does not acknowledge our FIN
	RcvACKOfFIN      // an ACK that acknowledges our FIN
	RcvFINACKOfFIN   // a FIN that also acknowledges our FIN
	RcvRST           // an acceptable reset
	RcvRSTPassive    // an acceptable reset, on a connection that began with a passive OPEN
	RcvSYNTwoWay     // a SYN, to a host that follows a two-way handshake (not TCP)
	RcvAnyNoTCB      // any segment for which no connection exists
	RcvFINInTimeWait // the peer's FIN again: our last ACK was lost

	// Timers expiring (RFC 9293 §3.10.8, RFC 6298).
	Timeout2MSL     // the TIME-WAIT timer: 2×MSL has passed
	TimeoutGiveUp   // the retransmission timer, with no retries left
	TimeoutFinWait2 // an orphaned FIN-WAIT-2 connection's timer (Linux, not RFC)
)

var eventNames = [...]string{
	PassiveOpen:      "passive OPEN",
	ActiveOpen:       "active OPEN",
	SendCall:         "SEND",
	CloseCall:        "CLOSE",
	AbortCall:        "ABORT",
	RcvSYN:           "rcv SYN",
	RcvSYNACK:        "rcv SYN,ACK",
	RcvACKOfSYN:      "rcv ACK of SYN",
	RcvFIN:           "rcv FIN",
	RcvACKOfFIN:      "rcv ACK of FIN",
	RcvFINACKOfFIN:   "rcv FIN + ACK of FIN",
	RcvRST:           "rcv RST",
	RcvRSTPassive:    "rcv RST (passive OPEN)",
	RcvSYNTwoWay:     "rcv SYN (two-way rule)",
	RcvAnyNoTCB:      "rcv any segment",
	RcvFINInTimeWait: "rcv FIN again",
	Timeout2MSL:      "timeout 2MSL",
	TimeoutGiveUp:    "retries exhausted",
	TimeoutFinWait2:  "FIN-WAIT-2 timeout",
}

// String returns the event as the state diagram labels it: "rcv SYN,ACK".
func (e Event) String() string {
	if int(e) < len(eventNames) && eventNames[e] != "" {
		return eventNames[e]
	}
	return fmt.Sprintf("Event(%d)", uint8(e))
}

// Transition is one row of the state machine: in state From, Event moves
// the connection to state To after sending Send (empty: nothing).
type Transition struct {
	From  State
	Event Event
	To    State
	Send  string // what is sent on the way, as the figure writes it: "SYN,ACK"

	// RFC cites the section that specifies the row.
	RFC string

	// Why is one sentence on the reason for the row.
	Why string

	// Figure reports whether the row is an arrow of the RFC 9293 §3.3.2
	// figure, which the state diagram draws; the others are rules from
	// the RFC's text (resets, timeouts, aborts) and two rows that are
	// not TCP at all but are here to be compared with it.
	Figure bool

	// NotTCP marks a row that no TCP follows: the two-way handshake that
	// the old-duplicate-SYN scenario contrasts with the real one, and
	// Linux's FIN-WAIT-2 timeout, which the RFC does not have.
	NotTCP bool
}

// Transitions is the state machine of RFC 9293, as data. The endpoint moves
// between states only through rows of this table (see Lookup); the state
// diagram, the docs' table and the coverage test all read it. Its order is
// the order of the §3.3.2 figure, top to bottom, then the rules of the
// text.
var Transitions = []Transition{
	// Opening (RFC 9293 §3.3.2 figure; §3.5 for the handshake).
	{From: Closed, Event: PassiveOpen, To: Listen, RFC: "§3.10.1", Figure: true,
		Why: "A server creates a connection that waits for any client."},
	{From: Closed, Event: ActiveOpen, To: SynSent, Send: "SYN", RFC: "§3.10.1", Figure: true,
		Why: "A client asks to synchronize: its SYN carries its initial sequence number."},
	{From: Listen, Event: RcvSYN, To: SynReceived, Send: "SYN,ACK", RFC: "§3.10.7.2", Figure: true,
		Why: "The server learns the client's ISN, acknowledges it and sends its own in one segment."},
	{From: Listen, Event: SendCall, To: SynSent, Send: "SYN", RFC: "§3.10.2", Figure: true,
		Why: "Data to send on a listening connection whose peer is known turns it into an active open."},
	{From: Listen, Event: CloseCall, To: Closed, RFC: "§3.10.4", Figure: true,
		Why: "Nothing has been exchanged, so the connection is simply deleted."},
	{From: SynSent, Event: CloseCall, To: Closed, RFC: "§3.10.4", Figure: true,
		Why: "The peer has nothing to tear down yet: delete the connection."},
	{From: SynSent, Event: RcvSYN, To: SynReceived, Send: "SYN,ACK", RFC: "§3.10.7.3", Figure: true,
		Why: "Simultaneous open: the peer's SYN crossed ours, so acknowledge it and repeat our SYN."},
	{From: SynSent, Event: RcvSYNACK, To: Established, Send: "ACK", RFC: "§3.10.7.3", Figure: true,
		Why: "Our ISN is acknowledged and we learn the peer's; acknowledging it is the third segment."},
	{From: SynReceived, Event: RcvACKOfSYN, To: Established, RFC: "§3.10.7.4", Figure: true,
		Why: "The peer has acknowledged our ISN: both directions are synchronized."},
	{From: SynReceived, Event: CloseCall, To: FinWait1, Send: "FIN", RFC: "§3.10.4", Figure: true,
		Why: "Close before the handshake ends: the FIN follows the SYN in sequence."},

	// Closing (§3.6).
	{From: Established, Event: CloseCall, To: FinWait1, Send: "FIN", RFC: "§3.10.4", Figure: true,
		Why: "Active close: the FIN says we will send no more, and takes one sequence number."},
	{From: Established, Event: RcvFIN, To: CloseWait, Send: "ACK", RFC: "§3.10.7.4 eighth", Figure: true,
		Why: "Passive close: the peer will send no more; we acknowledge and may go on sending."},
	{From: FinWait1, Event: RcvACKOfFIN, To: FinWait2, RFC: "§3.10.7.4 fifth", Figure: true,
		Why: "Our FIN is acknowledged; the peer's direction is still open."},
	{From: FinWait1, Event: RcvFIN, To: Closing, Send: "ACK", RFC: "§3.10.7.4 eighth", Figure: true,
		Why: "Simultaneous close: the peer's FIN crossed ours before ours was acknowledged."},
	{From: FinWait1, Event: RcvFINACKOfFIN, To: TimeWait, Send: "ACK", RFC: "§3.10.7.4 eighth (Note 2 of §3.3.2)",
		Why: "The peer acknowledged our FIN and sent its own in one segment: a three-segment close."},
	{From: FinWait2, Event: RcvFIN, To: TimeWait, Send: "ACK", RFC: "§3.10.7.4 eighth", Figure: true,
		Why: "Both directions are closed; wait in case our last ACK is lost and the FIN comes again."},
	{From: Closing, Event: RcvACKOfFIN, To: TimeWait, RFC: "§3.10.7.4 fifth", Figure: true,
		Why: "Both FINs are acknowledged; the peer may still need our ACK of its FIN repeated."},
	{From: CloseWait, Event: CloseCall, To: LastAck, Send: "FIN", RFC: "§3.10.4", Figure: true,
		Why: "The application has finished too: send our FIN."},
	{From: LastAck, Event: RcvACKOfFIN, To: Closed, RFC: "§3.10.7.4 fifth", Figure: true,
		Why: "Our FIN is acknowledged and the peer's was long ago: nothing is left."},
	{From: TimeWait, Event: Timeout2MSL, To: Closed, RFC: "§3.10.8", Figure: true,
		Why: "2×MSL have passed: every segment of this connection has left the network."},

	// Resets (§3.10.7.3, §3.10.7.4 second check) and a closed port (§3.10.7.1).
	{From: Closed, Event: RcvAnyNoTCB, To: Closed, Send: "RST", RFC: "§3.10.7.1",
		Why: "No connection exists, so anything but a reset is answered with a reset."},
	{From: SynSent, Event: RcvRST, To: Closed, RFC: "§3.10.7.3",
		Why: "A reset that acknowledges our SYN means no one is listening: connection refused."},
	{From: SynReceived, Event: RcvRSTPassive, To: Listen, RFC: "§3.10.7.4 second", Figure: true,
		Why: "The SYN we answered was not wanted (an old duplicate, say): go back to listening."},
	{From: SynReceived, Event: RcvSYN, To: Listen, RFC: "§3.10.7.4 fourth",
		Why: "A second, different SYN inside the window: start again from listening."},
	{From: SynReceived, Event: RcvRST, To: Closed, RFC: "§3.10.7.4 second",
		Why: "After a simultaneous open, a reset refuses the connection."},
	{From: Established, Event: RcvRST, To: Closed, RFC: "§3.10.7.4 second",
		Why: "The peer aborted: connection reset."},
	{From: FinWait1, Event: RcvRST, To: Closed, RFC: "§3.10.7.4 second",
		Why: "The peer aborted: connection reset."},
	{From: FinWait2, Event: RcvRST, To: Closed, RFC: "§3.10.7.4 second",
		Why: "The peer aborted: connection reset."},
	{From: CloseWait, Event: RcvRST, To: Closed, RFC: "§3.10.7.4 second",
		Why: "The peer aborted: connection reset."},
	{From: Closing, Event: RcvRST, To: Closed, RFC: "§3.10.7.4 second",
		Why: "A reset while closing ends the connection at once."},
	{From: LastAck, Event: RcvRST, To: Closed, RFC: "§3.10.7.4 second",
		Why: "A reset while closing ends the connection at once."},
	{From: TimeWait, Event: RcvRST, To: Closed, RFC: "§3.10.7.4 second",
		Why: "A reset ends TIME-WAIT early (RFC 1337 calls this TIME-WAIT assassination; Linux allows it by default)."},
	{From: TimeWait, Event: RcvFINInTimeWait, To: TimeWait, Send: "ACK", RFC: "§3.10.7.4 eighth",
		Why: "Our last ACK was lost and the peer repeated its FIN: acknowledge it again and restart the 2MSL timer."},

	// Aborts (§3.10.5).
	{From: Listen, Event: AbortCall, To: Closed, RFC: "§3.10.5",
		Why: "Nothing to reset: delete the connection."},
	{From: SynSent, Event: AbortCall, To: Closed, RFC: "§3.10.5",
		Why: "Nothing to reset: delete the connection."},
	{From: SynReceived, Event: AbortCall, To: Closed, Send: "RST", RFC: "§3.10.5",
		Why: "Tell the peer at once that the connection is gone."},
	{From: Established, Event: AbortCall, To: Closed, Send: "RST", RFC: "§3.10.5",
		Why: "Drop everything queued and tell the peer at once."},
	{From: FinWait1, Event: AbortCall, To: Closed, Send: "RST", RFC: "§3.10.5",
		Why: "Drop everything queued and tell the peer at once."},
	{From: FinWait2, Event: AbortCall, To: Closed, Send: "RST", RFC: "§3.10.5",
		Why: "Drop everything queued and tell the peer at once."},
	{From: CloseWait, Event: AbortCall, To: Closed, Send: "RST", RFC: "§3.10.5",
		Why: "Drop everything queued and tell the peer at once."},
	{From: Closing, Event: AbortCall, To: Closed, RFC: "§3.10.5",
		Why: "Both sides have closed already: delete the connection without a reset."},
	{From: LastAck, Event: AbortCall, To: Closed, RFC: "§3.10.5",
		Why: "Both sides have closed already: delete the connection without a reset."},
	{From: TimeWait, Event: AbortCall, To: Closed, RFC: "§3.10.5",
		Why: "Both sides have closed already: delete the connection without a reset."},

	// Giving up (RFC 9293 §3.8.3, RFC 1122 §4.2.3.5). RFC 9293 says only
	// to close the connection; the resets after data are BSD's (tcp_drop
	// sends one), so that a peer that is still there learns at once.
	// Linux closes without a word.
	{From: SynSent, Event: TimeoutGiveUp, To: Closed, RFC: "§3.8.3",
		Why: "No answer to any SYN: the connect fails with a timeout."},
	{From: SynReceived, Event: TimeoutGiveUp, To: Closed, Send: "RST", RFC: "§3.8.3",
		Why: "No ACK to any SYN,ACK: abort the half-open connection. The reset is this model's choice, as an ABORT would send (§3.10.5), so a peer that thinks the connection open learns at once; the RFC does not require it and Linux sends none."},
	{From: Established, Event: TimeoutGiveUp, To: Closed, Send: "RST", RFC: "§3.8.3",
		Why: "Data went unacknowledged through every retry: the path or the peer is gone; a reset tells a peer that is still there (BSD's tcp_drop)."},
	{From: FinWait1, Event: TimeoutGiveUp, To: Closed, Send: "RST", RFC: "§3.8.3",
		Why: "Our FIN went unacknowledged through every retry; a reset tells a peer that is still there (BSD's tcp_drop)."},
	{From: CloseWait, Event: TimeoutGiveUp, To: Closed, Send: "RST", RFC: "§3.8.3",
		Why: "Data went unacknowledged through every retry; a reset tells a peer that is still there (BSD's tcp_drop)."},
	{From: Closing, Event: TimeoutGiveUp, To: Closed, Send: "RST", RFC: "§3.8.3",
		Why: "Our FIN went unacknowledged through every retry; a reset tells a peer that is still there (BSD's tcp_drop)."},
	{From: LastAck, Event: TimeoutGiveUp, To: Closed, Send: "RST", RFC: "§3.8.3",
		Why: "Our FIN went unacknowledged through every retry; a reset tells a peer that is still there (BSD's tcp_drop)."},

	// Not TCP: rows to compare with it.
	{From: Listen, Event: RcvSYNTwoWay, To: Established, Send: "SYN,ACK", RFC: "§3.5 (what it prevents)", NotTCP: true,
		Why: "Under a two-way handshake a SYN alone opens the connection, even an old duplicate one."},
	{From: FinWait2, Event: TimeoutFinWait2, To: Closed, RFC: "Linux tcp_fin_timeout", NotTCP: true,
		Why: "Linux closes an orphaned FIN-WAIT-2 connection after 60 s; RFC 9293 would wait for the FIN forever."},
}

// Lookup returns the index in Transitions of the row for event in state
// from, or -1 if the table has none: the event is not allowed there.
func Lookup(from State, event Event) int {
	for i, t := range Transitions {
		if t.From == from && t.Event == event {
			return i
		}
	}
	return -1
}
