package cc

import (
	"fmt"
	"strings"

	"github.com/tcpedu/tcpedu/tcpedu/seq"
)

// Algorithm is a congestion control algorithm as a TCP sender uses it: the
// sender reports each acknowledgment and each timeout, and asks for the
// congestion window. One variant per file implements it (tahoe.go,
// reno.go, newreno.go, and sack.go for a connection that uses SACK), each
// from the same growth rules (growth.go).
//
// All sizes are in bytes. FlightSize, cwnd and ssthresh have their RFC
// 5681 §2 meanings.
type Algorithm interface {
	// Name returns the variant's name as flags spell it: "newreno".
	Name() string

	// Cwnd returns cwnd: how many bytes may be in flight, in bytes.
	Cwnd() int
	// Ssthresh returns ssthresh, in bytes.
	Ssthresh() int
	// Phase returns what the sender is doing: slow start, congestion
	// avoidance or fast recovery.
	Phase() Phase

	// OnAck reports an ACK that acknowledges new data (Acked > 0).
	OnAck(a Ack) Action
	// OnDupAck reports a duplicate ACK (RFC 5681 §2: nothing new
	// acknowledged, no data, no window change, while data is outstanding).
	OnDupAck(a Ack) Action
	// OnTimeout reports that the retransmission timer expired.
	OnTimeout(a Ack)
}

// Ack is what the sender knows when an acknowledgment arrives or the
// retransmission timer expires.
type Ack struct {
	Ack        seq.Num // SEG.ACK (SND.UNA after a timeout)
	Acked      int     // bytes newly acknowledged; 0 for a duplicate
	FlightSize int     // bytes outstanding before this ACK: SND.NXT - SND.UNA (for SACK's OnDupAck, after its cumulative part)
	SndNxt     seq.Num // SND.NXT
	DupAcks    int     // consecutive duplicate ACKs, this one included
	Timeouts   int     // for OnTimeout: consecutive expiries for the same segment, this one included

	// What a sender whose connection uses SACK (Config.SACK) knows from
	// its scoreboard, for RFC 6675's recovery (sack.go). Other variants
	// ignore them.
	Lost          bool    // IsLost(HighACK+1): the scoreboard says the first unacknowledged segment is lost
	RecoveryPoint seq.Num // RecoveryPoint: HighData when the last recovery or timeout began; recovery ends when Ack reaches it
}

// Action is what an algorithm asks of the sender after an event.
type Action struct {
	// Retransmit asks the sender to resend the earliest unacknowledged
	// segment now: fast retransmit (RFC 5681 §3.2 step 2), or NewReno's
	// partial-ACK retransmission (RFC 6582 §3.2 step 3).
	Retransmit bool
	// ResetTimer asks the sender to restart the retransmission timer
	// (RFC 6582 §3.2 step 3: on the first partial ACK).
	ResetTimer bool
	// GoBack asks the sender to send everything from SND.UNA on again,
	// as the window allows, as after a timeout: Tahoe's answer to three
	// duplicate ACKs, which slow-starts from the lost segment.
	GoBack bool
}

// Config is what every variant starts from.
type Config struct {
	// MSS is the sender's maximum segment size, SMSS, in bytes.
	MSS int
	// InitialWindow is IW, in bytes; 0 means RFC 5681 §3.1's rule: 4
	// segments of at most 1095 bytes, 3 of at most 2190 (3 × 1460 = 4380
	// bytes), else 2.
	// (Linux uses 10 segments, RFC 6928; textbooks use 1.)
	InitialWindow int
	// InitialSsthresh is ssthresh before any loss, in bytes; 0 means
	// "arbitrarily high" (RFC 5681 §3.1): as large as an int holds.
	InitialSsthresh int
	// SACK says the connection uses SACK (RFC 2018): reno and newreno
	// then recover from loss by RFC 6675 (sack.go) instead of their own
	// fast recovery. Tahoe, which has no fast recovery, refuses it.
	SACK bool
}

// Variants lists the names New accepts.
var Variants = []string{"tahoe", "reno", "newreno"}

// New returns the variant called name, starting from c. With c.SACK,
// reno and newreno come as SACK (sack.go).
func New(name string, c Config) (Algorithm, error) {
	if c.MSS < 1 {
		return nil, fmt.Errorf("cc: MSS %d: must be at least 1 byte", c.MSS)
	}
	name = strings.ToLower(name)
	switch {
	case c.SACK && name == "tahoe":
		return nil, fmt.Errorf("cc: SACK-based recovery (RFC 6675) replaces fast recovery, which tahoe does not have; use reno or newreno with SACK")
	case c.SACK && (name == "reno" || name == "newreno"):
		return newSACK(name, c), nil
	}
	switch name {
	case "tahoe":
		return newTahoe(c), nil
	case "reno":
		return newReno(c), nil
	case "newreno":
		return newNewReno(c), nil
	}
	return nil, fmt.Errorf("cc: no congestion control is called %q; the variants are %s", name, strings.Join(Variants, ", "))
}
