package tcp

import (
	"fmt"
	"time"

	"github.com/tcpedu/tcpedu/tcpedu/cc"
)

// Config holds the knobs of one endpoint. The zero value of each field
// means its default, given beside it; the defaults are Linux's where
// RFC 9293 leaves a choice, and the comment says so.
type Config struct {
	// MSS is the largest segment we are willing to receive, in data
	// bytes, announced in our SYN's MSS option (RFC 9293 §3.7.1): an
	// Ethernet MTU of 1500 less 20 bytes of IPv4 and 20 of TCP. Default 1460.
	MSS int

	// RcvWnd is the receive buffer, in bytes: RCV.WND while the
	// application keeps up. Default 65535.
	RcvWnd int

	// WindowScale is the shift we offer in our SYN (RFC 7323 §2.2), 0–14,
	// used only if the peer offers one too. Default 7, a common Linux
	// value (Linux picks the shift from its largest receive buffer: the
	// captures in tcpedu/wire/testdata offer 10). A shift of 0 cannot be
	// asked for, since 0 means the default; NoWindowScale leaves the option
	// out.
	WindowScale   int
	NoWindowScale bool

	// SACK offers the SACK-permitted option in our SYN (RFC 2018 §2); a
	// SYN,ACK carries it only if the peer's SYN did. The connection uses
	// selective acknowledgments when both SYNs carried it: as a receiver
	// it reports the blocks it holds out of order (RFC 2018 §4), and as a
	// sender it recovers from loss by RFC 6675 (sack.go), which replaces
	// the fast recovery of reno and newreno; tahoe, which has none, is
	// refused, and with CC "none" the blocks only spare retransmissions
	// after a timeout. Default off.
	SACK bool

	// MSL is the Maximum Segment Lifetime: TIME-WAIT lasts 2×MSL (RFC 9293
	// §3.6.1, MUST-13). RFC 9293 §3.4.2 takes MSL = 2 minutes; Linux fixes
	// TIME-WAIT at 60 s, which is what the default 30 s gives.
	MSL time.Duration

	// InitialRTO is the retransmission timeout before any RTT has been
	// measured (RFC 6298 §2.1). Default 1 s.
	InitialRTO time.Duration

	// MinRTO and MaxRTO bound the RTO (RFC 6298 §2.4, §2.5). Defaults
	// 1 s (RFC 6298; Linux uses 200 ms) and 120 s (Linux's TCP_RTO_MAX).
	MinRTO, MaxRTO time.Duration

	// SynRetries is how many times a SYN is retransmitted before connect
	// gives up. Default 6, Linux's tcp_syn_retries: SYNs at 0, 1, 3, 7,
	// 15, 31 and 63 s, and failure at 127 s. (RFC 9293 §3.8.3, MUST-23,
	// asks for at least 3 minutes; Linux gives up sooner, and so does this
	// default. 7 retries would satisfy the RFC: failure at 255 s.)
	SynRetries int

	// SynAckRetries is how many times a SYN,ACK is retransmitted before a
	// half-open connection is abandoned. Default 5, Linux's
	// tcp_synack_retries.
	SynAckRetries int

	// Retries is how many times data or a FIN is retransmitted before the
	// connection is abandoned (RFC 1122 §4.2.3.5's R2). Default 15,
	// Linux's tcp_retries2.
	Retries int

	// FinWait2Timeout closes a connection that has waited this long in
	// FIN-WAIT-2 after its application closed it. RFC 9293 has no such
	// timer (the peer may keep its half open forever); Linux has one,
	// tcp_fin_timeout, 60 s. Default 60 s; negative turns it off.
	FinWait2Timeout time.Duration

	// CC names the congestion control: "tahoe", "reno" or "newreno"
	// (package cc), or "none" for a window limited by the peer alone.
	// Default "newreno".
	CC string

	// NewCC, when set, builds the congestion control instead of CC's
	// variant: a learner's own algorithm (exercises 14–16) then drives a
	// real connection. It is called once, when the handshake has fixed the
	// MSS, with the cc.Config that CC's variant would get, and must not
	// return nil.
	NewCC func(c cc.Config) cc.Algorithm

	// InitialWindow is the congestion window before any ACK, in bytes;
	// 0 means RFC 5681 §3.1's (3 segments of 1460 bytes).
	InitialWindow int

	// AckEvery is how many full-sized segments received in order may
	// share one ACK (RFC 5681 §4.2 asks for at least every second); 1, the
	// default, acknowledges every segment at once.
	AckEvery int

	// DelayedACK is how long an ACK may wait for a second segment; default
	// 200 ms (RFC 1122 §4.2.3.2: less than 0.5 s; Linux waits 40 ms to
	// 200 ms, FreeBSD 100 ms).
	DelayedACK time.Duration

	// ManualRead keeps received data in the receive buffer until the
	// application calls Read, so that a slow reader closes the window
	// (flow.go). Without it the application reads everything at once,
	// through OnData, and the window never shrinks.
	ManualRead bool

	// NoPersist turns the persist timer off: a sender facing a zero
	// window then waits for the window update, which may never come.
	NoPersist bool

	// TwoWayHandshake makes a listening endpoint treat a SYN alone as
	// opening the connection, entering ESTABLISHED without waiting for the
	// third segment. This is not TCP: it is the rule RFC 9293 §3.5 explains
	// the three-way handshake against, here to be compared.
	TwoWayHandshake bool
}

// The defaults, where the zero value of a Config field stands for them.
const (
	DefaultMSS             = 1460
	DefaultRcvWnd          = 65535
	DefaultWindowScale     = 7
	DefaultMSL             = 30 * time.Second
	DefaultInitialRTO      = time.Second
	DefaultMinRTO          = time.Second
	DefaultMaxRTO          = 120 * time.Second
	DefaultSynRetries      = 6
	DefaultSynAckRetries   = 5
	DefaultRetries         = 15
	DefaultFinWait2Timeout = 60 * time.Second
	DefaultCC              = "newreno"
	DefaultDelayedACK      = 200 * time.Millisecond
)

// DefaultPeerMSS is the MSS a sender assumes when the peer's SYN carries
// no MSS option (RFC 9293 §3.7.1, MUST-15): 576-byte datagrams less 40
// bytes of headers.
const DefaultPeerMSS = 536

// WithDefaults returns c with every zero field replaced by its default.
func (c Config) WithDefaults() Config {
	setInt := func(v *int, d int) {
		if *v == 0 {
			*v = d
		}
	}
	setDur := func(v *time.Duration, d time.Duration) {
		if *v == 0 {
			*v = d
		}
	}
	setInt(&c.MSS, DefaultMSS)
	setInt(&c.RcvWnd, DefaultRcvWnd)
	setInt(&c.WindowScale, DefaultWindowScale)
	setDur(&c.MSL, DefaultMSL)
	setDur(&c.InitialRTO, DefaultInitialRTO)
	setDur(&c.MinRTO, DefaultMinRTO)
	setDur(&c.MaxRTO, DefaultMaxRTO)
	setInt(&c.SynRetries, DefaultSynRetries)
	setInt(&c.SynAckRetries, DefaultSynAckRetries)
	setInt(&c.Retries, DefaultRetries)
	setDur(&c.FinWait2Timeout, DefaultFinWait2Timeout)
	setInt(&c.AckEvery, 1)
	setDur(&c.DelayedACK, DefaultDelayedACK)
	return c
}

// Validate reports the first field of c (after defaults) that no TCP
// could use, as one sentence.
func (c Config) Validate() error {
	c = c.WithDefaults()
	switch {
	case c.MSS < 1 || c.MSS > 65495:
		return fmt.Errorf("tcp: MSS %d bytes is outside 1–65495", c.MSS)
	case c.RcvWnd < 1 || c.RcvWnd > 1<<30:
		return fmt.Errorf("tcp: receive window %d bytes is outside 1 byte–1 GiB (RFC 7323 §2.3)", c.RcvWnd)
	case c.WindowScale < 0 || c.WindowScale > 14:
		return fmt.Errorf("tcp: window scale %d is outside 0–14 (RFC 7323 §2.3)", c.WindowScale)
	case c.MSL < 0, c.InitialRTO < 0, c.MinRTO < 0, c.MaxRTO < c.MinRTO:
		return fmt.Errorf("tcp: MSL, RTOs must be positive and MaxRTO at least MinRTO")
	case c.SynRetries < 0 || c.SynAckRetries < 0 || c.Retries < 0:
		return fmt.Errorf("tcp: retry counts must not be negative")
	case c.AckEvery < 1:
		return fmt.Errorf("tcp: AckEvery %d: at least 1 segment per ACK", c.AckEvery)
	case c.DelayedACK <= 0 || c.DelayedACK >= 500*time.Millisecond:
		return fmt.Errorf("tcp: delayed ACK timer %v must be positive and under 500 ms (RFC 1122 §4.2.3.2)", c.DelayedACK)
	case c.InitialWindow < 0:
		return fmt.Errorf("tcp: initial window %d bytes is negative", c.InitialWindow)
	}
	if c.CC != "" && c.CC != "none" && c.NewCC == nil {
		if _, err := cc.New(c.CC, cc.Config{MSS: c.MSS, SACK: c.SACK}); err != nil {
			return err
		}
	}
	return nil
}

// wantShift returns the window scale shift c offers, or -1 for none.
func (c *Config) wantShift() int {
	if c.NoWindowScale {
		return -1
	}
	return c.WindowScale
}
