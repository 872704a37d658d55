package link

import (
	"strconv"
	"time"
)

// Action is what a scripted Rule does to the packets it picks.
type Action int

// The actions. The zero Action is none of them, so a Rule left without an
// action fails Config.Validate instead of silently dropping everything.
// (The blank first constant, rather than iota + 1, is for yaegi v0.16, in
// which a variable never equals a constant declared as iota + 1.)
const (
	_         Action = iota // no action
	Drop                    // lose the packet
	Corrupt                 // flip one random bit, in a copy
	Duplicate               // deliver a second copy as well
	Hold                    // delay the packet by Rule.Delay extra
)

var actionNames = [...]string{
	Drop:      "drop",
	Corrupt:   "corrupt",
	Duplicate: "duplicate",
	Hold:      "hold",
}

// String returns the action as a lower-case word, such as "drop".
func (a Action) String() string {
	if a < Drop || int(a) >= len(actionNames) {
		return "action(" + strconv.Itoa(int(a)) + ")"
	}
	return actionNames[a]
}

// Rule is a scripted fault: it stages one textbook case exactly, where a
// random fault would only make it likely. "Lose the third data segment":
//
//	link.Rule{Action: link.Drop, Match: link.DataSegment(), Nth: 3}
//
// Each rule counts the packets that Match accepts as they enter the wire,
// that is, after the queue: a packet dropped by a full queue is never seen.
// Every rule sees every packet, whatever the other rules did to it, so two
// rules that both count data segments agree on which is the third. A packet
// picked by several rules gets all their actions; a drop wins over the rest.
//
// The zero value has no Action and fails Config.Validate.
type Rule struct {
	Action Action

	// Match picks the packets the rule counts; nil counts every packet.
	// DataSegment, SeqIs, AckIs and HasFlags pick TCP segments.
	Match func(p []byte) bool

	// Nth makes the rule act on the Nth matching packet only, counting
	// from 1; 0 makes it act on every match.
	Nth int

	// Delay is the extra delay of a Hold, beyond the link's propagation
	// delay; other actions ignore it.
	Delay time.Duration
}

func (r *Rule) validate(i int) error {
	switch {
	case r.Action < Drop || r.Action > Hold:
		return invalid("script rule %d has no valid action (%s); use Drop, Corrupt, Duplicate or Hold", i, r.Action.String())
	case r.Nth < 0:
		return invalid("script rule %d has Nth %d, which is negative; use 0 to act on every match", i, r.Nth)
	case r.Action == Hold && r.Delay <= 0:
		return invalid("script rule %d holds packets for %v; a Hold needs a positive Delay", i, r.Delay)
	}
	return nil
}

// scripted is what the script decided for one packet.
type scripted struct {
	drop, corrupt, duplicate bool
	hold                     time.Duration // extra delay from Hold rules, added up
}

// runScript shows p to every rule, counting matches in l.matched, and
// returns the actions that apply. It draws no random numbers.
func (l *Link) runScript(p []byte) scripted {
	var s scripted
	for i := range l.cfg.Faults.Script {
		r := &l.cfg.Faults.Script[i]
		if r.Match != nil && !r.Match(p) {
			continue
		}
		l.matched[i]++
		if r.Nth != 0 && l.matched[i] != r.Nth {
			continue
		}
		switch r.Action {
		case Drop:
			s.drop = true
		case Corrupt:
			s.corrupt = true
		case Duplicate:
			s.duplicate = true
		case Hold:
			s.hold += r.Delay
		}
	}
	return s
}
