package tcp

import "errors"

// The errors a connection reports to its application, worded as RFC 9293
// §3.10 words them (the text after "error:"). Match them with errors.Is.
var (
	ErrRefused      = errors.New("tcp: connection refused")         // a RST answered our SYN (§3.10.7.3)
	ErrReset        = errors.New("tcp: connection reset")           // the peer aborted (§3.10.7.4)
	ErrTimedOut     = errors.New("tcp: connection timed out")       // retries exhausted (§3.8.3)
	ErrAborted      = errors.New("tcp: connection aborted")         // our own ABORT (§3.10.5)
	ErrExists       = errors.New("tcp: connection already exists")  // OPEN on a busy socket pair (§3.10.1); Linux's connect() says EADDRNOTAVAIL
	ErrNotExist     = errors.New("tcp: connection does not exist")  // a call on a CLOSED connection (§3.10)
	ErrClosing      = errors.New("tcp: connection closing")         // SEND after CLOSE (§3.10.2)
	ErrNoForeign    = errors.New("tcp: foreign socket unspecified") // SEND on a listener (§3.10.2)
	ErrInsufficient = errors.New("tcp: insufficient resources")     // too much queued (§3.10.2)
)
