package cc

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Variant is a congestion control algorithm as the round model knows it
// (the per-ACK algorithms are the Algorithm types: Tahoe, Reno, NewReno).
type Variant uint8

// The variants of the round model.
const (
	_           Variant = iota
	TahoeRounds         // every loss: ssthresh = cwnd/2, cwnd = 1, slow start (Jacobson 1988)
	RenoRounds          // a triple duplicate ACK halves cwnd instead (RFC 5681 §3.2)
)

// String returns the variant's name in lower case, as flags spell it.
func (v Variant) String() string {
	switch v {
	case TahoeRounds:
		return "tahoe"
	case RenoRounds:
		return "reno"
	}
	return fmt.Sprintf("Variant(%d)", uint8(v))
}

// ParseVariant reads a variant's name.
func ParseVariant(s string) (Variant, error) {
	switch strings.ToLower(s) {
	case "tahoe":
		return TahoeRounds, nil
	case "reno":
		return RenoRounds, nil
	}
	return 0, fmt.Errorf("no variant is called %q in the round model; it has tahoe and reno", s)
}

// Loss is how a loss is detected.
type Loss uint8

// The two ways a sender learns of a loss.
const (
	_         Loss = iota
	TripleDup      // three duplicate ACKs (RFC 5681 §3.2): fast retransmit
	Timeout        // the retransmission timer (RFC 6298)
)

// String returns the loss as --events spells it: "3dup" or "timeout".
func (l Loss) String() string {
	switch l {
	case TripleDup:
		return "3dup"
	case Timeout:
		return "timeout"
	}
	return fmt.Sprintf("Loss(%d)", uint8(l))
}

// Event is a loss detected at the end of a round.
type Event struct {
	Round int // the round at whose end the loss is detected, from 1
	Loss  Loss
}

// ParseEvents reads --events: a comma-separated list of ROUND:3dup and
// ROUND:timeout, e.g. "8:3dup,14:timeout".
func ParseEvents(s string) ([]Event, error) {
	var evs []Event
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	for _, part := range strings.Split(s, ",") {
		r, kind, ok := strings.Cut(strings.TrimSpace(part), ":")
		n, err := strconv.Atoi(r)
		if !ok || err != nil || n < 1 {
			return nil, fmt.Errorf("event %q is not ROUND:3dup or ROUND:timeout with ROUND a round number from 1", part)
		}
		switch strings.ToLower(kind) {
		case "3dup":
			evs = append(evs, Event{Round: n, Loss: TripleDup})
		case "timeout":
			evs = append(evs, Event{Round: n, Loss: Timeout})
		default:
			return nil, fmt.Errorf("event %q: the loss is detected by 3dup or timeout, not %q", part, kind)
		}
	}
	return evs, nil
}

// Phase is what the sender is doing during a round.
type Phase string

// The phases, as RFC 5681 names them.
const (
	SlowStart           Phase = "slow start"
	CongestionAvoidance Phase = "congestion avoidance"
	FastRecovery        Phase = "fast recovery"
)

// AfterTripleDup says what Reno's cwnd becomes after a triple duplicate
// ACK, in the round model. Textbooks differ, and both are taught:
type AfterTripleDup uint8

const (
	// PlusThree: cwnd = ssthresh + 3, "inflated" by the three segments
	// that the duplicate ACKs say have left the network (RFC 5681 §3.2
	// step 3), then linear growth from there. Kurose and Ross draw it so
	// (Figure 3.53: cwnd 12, then 9 = 6 + 3).
	PlusThree AfterTripleDup = iota
	// Halve: cwnd = ssthresh, congestion avoidance at once: the window
	// after fast recovery has deflated (RFC 5681 §3.2 step 6). Xie
	// Xiren's 《计算机网络》 draws it so (cwnd 16, then 8).
	Halve
)

// RoundsConfig describes one run of the round model.
type RoundsConfig struct {
	Variant  Variant
	Ssthresh int     // initial ssthresh, segments
	Cwnd     int     // initial cwnd, segments; 0 means 1
	Rounds   int     // how many rounds to show
	Events   []Event // losses, at the ends of rounds
	After    AfterTripleDup
}

// Round is one row of the model: the window during round Round.
type Round struct {
	Round    int   // from 1
	Cwnd     int   // segments sent in this round
	Ssthresh int   // segments
	Phase    Phase // what grows cwnd during this round, or fast recovery
	Loss     Loss  // the loss detected at the end of this round, if any
}

// Rounds runs the per-round model that textbooks use for cwnd exercises:
//
//   - in slow start (cwnd < ssthresh) cwnd doubles each round, but never
//     past ssthresh: "slow start capped at ssthresh";
//   - in congestion avoidance (cwnd >= ssthresh) it grows by one segment
//     per round (RFC 5681 §3.1: one SMSS per RTT);
//   - a loss detected at the end of round R sets ssthresh = max(cwnd/2, 2)
//     (RFC 5681 equation (4), in segments, rounded down) and then: after a
//     timeout, cwnd = 1 and slow start (both variants); after a triple
//     duplicate ACK, Tahoe does the same, Reno sets cwnd by c.After.
//
// The phase of a round is the rule that grows cwnd during it; a round in
// which cwnd equals ssthresh is therefore congestion avoidance (RFC 5681
// allows either there; some textbooks count that round in both intervals).
func Rounds(c RoundsConfig) ([]Round, error) {
	if c.Variant != TahoeRounds && c.Variant != RenoRounds {
		return nil, fmt.Errorf("the round model needs a variant: tahoe or reno")
	}
	if c.Ssthresh < 1 || c.Rounds < 1 || c.Cwnd < 0 {
		return nil, fmt.Errorf("ssthresh (%d) and rounds (%d) must be at least 1, and cwnd (%d) not negative", c.Ssthresh, c.Rounds, c.Cwnd)
	}
	losses := map[int]Loss{}
	evs := append([]Event(nil), c.Events...)
	sort.SliceStable(evs, func(i, j int) bool { return evs[i].Round < evs[j].Round })
	for _, e := range evs {
		if _, dup := losses[e.Round]; dup {
			return nil, fmt.Errorf("round %d has two losses; give each round at most one", e.Round)
		}
		losses[e.Round] = e.Loss
	}
	cwnd, ssthresh := c.Cwnd, c.Ssthresh
	if cwnd == 0 {
		cwnd = 1
	}
	recovering := false // this round's cwnd was set by Reno's fast recovery
	var out []Round
	for r := 1; r <= c.Rounds; r++ {
		row := Round{Round: r, Cwnd: cwnd, Ssthresh: ssthresh, Loss: losses[r]}
		switch {
		case recovering:
			row.Phase = FastRecovery
		case cwnd < ssthresh:
			row.Phase = SlowStart
		default:
			row.Phase = CongestionAvoidance
		}
		out = append(out, row)

		// The end of the round: a loss, or growth.
		recovering = false
		switch row.Loss {
		case Timeout:
			ssthresh, cwnd = half(cwnd), 1
		case TripleDup:
			ssthresh = half(cwnd)
			switch {
			case c.Variant == TahoeRounds:
				cwnd = 1
			case c.After == Halve:
				cwnd = ssthresh
			default:
				cwnd, recovering = ssthresh+3, true
			}
		default:
			if cwnd < ssthresh {
				cwnd *= 2
				if cwnd > ssthresh {
					cwnd = ssthresh
				}
			} else {
				cwnd++
			}
		}
	}
	return out, nil
}

// half is the new ssthresh after a loss: half the window, at least 2
// segments (RFC 5681 equation (4)).
func half(cwnd int) int {
	if cwnd/2 < 2 {
		return 2
	}
	return cwnd / 2
}
