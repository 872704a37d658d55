package tcp

import "fmt"

// State is one of the eleven states of a TCP connection (RFC 9293 §3.3.2).
// It prints its RFC name; Netstat gives the spelling that netstat and ss
// print. The zero value is CLOSED, the state of a connection that does not
// exist.
type State uint8

// The eleven states, in the order RFC 9293 §3.3.2 lists them (after
// CLOSED). The comments shorten the RFC's descriptions of each.
const (
	Closed      State = iota // no connection state at all
	Listen                   // waiting for a connection request from any remote TCP
	SynSent                  // waiting for a matching connection request after having sent one
	SynReceived              // waiting for a confirming ACK after having both received and sent a connection request
	Established              // an open connection: data received can be delivered to the user
	FinWait1                 // waiting for a FIN from the remote TCP, or for the ACK of the FIN sent
	FinWait2                 // waiting for a FIN from the remote TCP
	CloseWait                // waiting for a connection termination request from the local user
	Closing                  // waiting for the ACK of our FIN, after the remote's FIN crossed ours
	LastAck                  // waiting for the ACK of the FIN sent after the remote's FIN
	TimeWait                 // waiting long enough for the remote TCP to have received the ACK of its FIN
)

// NumStates is how many states there are.
const NumStates = 11

// stateNames holds the RFC 9293 spelling and the netstat spelling of each
// state, indexed by State.
var stateNames = [NumStates][2]string{
	{"CLOSED", "CLOSE"},
	{"LISTEN", "LISTEN"},
	{"SYN-SENT", "SYN_SENT"},
	{"SYN-RECEIVED", "SYN_RECV"},
	{"ESTABLISHED", "ESTABLISHED"},
	{"FIN-WAIT-1", "FIN_WAIT1"},
	{"FIN-WAIT-2", "FIN_WAIT2"},
	{"CLOSE-WAIT", "CLOSE_WAIT"},
	{"CLOSING", "CLOSING"},
	{"LAST-ACK", "LAST_ACK"},
	{"TIME-WAIT", "TIME_WAIT"},
}

// String returns the state's name as RFC 9293 spells it: "SYN-RECEIVED".
func (s State) String() string {
	if int(s) >= NumStates {
		return fmt.Sprintf("State(%d)", uint8(s))
	}
	return stateNames[s][0]
}

// Netstat returns the state's name as Linux's netstat prints it:
// "SYN_RECV" for SYN-RECEIVED. (ss prints SYN-RECV, TIME-WAIT and so on;
// netstat's underscores are the spelling most course notes use.)
func (s State) Netstat() string {
	if int(s) >= NumStates {
		return s.String()
	}
	return stateNames[s][1]
}

// Synchronized reports whether the state is one of the "synchronized"
// states of RFC 9293 §3.5.2, those in which both sides' initial sequence
// numbers are known: ESTABLISHED and every state after it. (RFC 9293 counts
// SYN-RECEIVED among them for some rules; the segment-arrival rules that
// need it say so.)
func (s State) Synchronized() bool {
	return s >= Established && int(s) < NumStates
}

// ParseState returns the state named name, in either spelling
// ("SYN-RECEIVED", "SYN_RECV"), ignoring case.
func ParseState(name string) (State, error) {
	for i := 0; i < NumStates; i++ {
		for _, n := range stateNames[i] {
			if equalFold(n, name) {
				return State(i), nil
			}
		}
	}
	return Closed, fmt.Errorf("tcp: no state is called %q; the states are CLOSED, LISTEN, SYN-SENT, SYN-RECEIVED, ESTABLISHED, FIN-WAIT-1, FIN-WAIT-2, CLOSE-WAIT, CLOSING, LAST-ACK and TIME-WAIT", name)
}

// equalFold reports whether a and b are equal ignoring ASCII case and
// treating '-' and '_' alike.
func equalFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := fold(a[i]), fold(b[i])
		if x != y {
			return false
		}
	}
	return true
}

func fold(c byte) byte {
	if c >= 'a' && c <= 'z' {
		return c - 'a' + 'A'
	}
	if c == '_' {
		return '-'
	}
	return c
}
