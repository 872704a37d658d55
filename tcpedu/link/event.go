package link

import (
	"fmt"
	"strconv"
	"time"
)

// EventKind says what happened to a packet on a link. The kinds follow a
// packet's path: Queued when Send accepts it (or Dropped if the queue is
// full), Transmitted when its last bit leaves the sender, then perhaps
// Dropped, Corrupted, Duplicated or Held by the wire's faults, and finally
// Delivered when it reaches the other end.
type EventKind int

// The event kinds, in the order a packet can meet them.
const (
	Queued      EventKind = iota // Send accepted the packet: it is serialised now or waits its turn
	Transmitted                  // serialisation finished: the packet entered the wire
	Dropped                      // lost: Reason says where and why
	Corrupted                    // one bit was flipped, in a copy; Bit says which
	Duplicated                   // a second copy will be delivered as well
	Held                         // delayed by Event.Delay extra, so later packets may overtake it
	Delivered                    // handed to the receiving host
)

var kindNames = [...]string{
	Queued:      "queued",
	Transmitted: "transmitted",
	Dropped:     "dropped",
	Corrupted:   "corrupted",
	Duplicated:  "duplicated",
	Held:        "held",
	Delivered:   "delivered",
}

// String returns the kind as a lower-case word, such as "dropped".
func (k EventKind) String() string {
	if k < 0 || int(k) >= len(kindNames) {
		return "kind(" + strconv.Itoa(int(k)) + ")"
	}
	return kindNames[k]
}

// Reasons for Dropped events, in Event.Reason. The same words name the
// other faults' causes: a Corrupted, Duplicated or Held event's Reason is
// ReasonScript when a Rule caused it and the fault's own name otherwise.
const (
	ReasonQueueFull = "queue full" // DropTail: the queue already held Config.Queue packets
	ReasonLoss      = "loss"       // independent loss, Faults.Loss
	ReasonBurst     = "burst loss" // Gilbert-Elliott loss, Faults.Burst
	ReasonScript    = "script"     // a Rule in Faults.Script

	ReasonCorrupt   = "bit error" // Faults.Corrupt
	ReasonDuplicate = "duplicate" // Faults.Duplicate; also the Reason of the extra copy's Delivered event
	ReasonReorder   = "reorder"   // Faults.Reorder
	ReasonSending   = "sending"   // Queued: the link was idle, so serialisation starts at once
	ReasonWaiting   = "waiting"   // Queued: the packet waits behind others
)

// Event is one step of one packet through a link, as passed to the
// functions given to Link.Observe. The zero value is not a meaningful event.
type Event struct {
	At   time.Duration // virtual time of the event
	Link string        // the link's name
	Kind EventKind

	// Packet is the packet concerned. It shares memory with the sender's
	// slice (or, after corruption, with the corrupted copy the receiver
	// gets): read it, do not change or keep it.
	Packet []byte

	// Reason says why: for Dropped one of ReasonQueueFull, ReasonLoss,
	// ReasonBurst and ReasonScript; for the other kinds a short phrase
	// (see the Reason constants). A Delivered event's Reason is empty for
	// the original and ReasonDuplicate for the extra copy.
	Reason string

	Bit   int           // for Corrupted: the bit flipped, counted from the first bit of the packet (0 is the top bit of byte 0)
	Delay time.Duration // for Held: the extra delay; for Delivered: the one-way delay since Send (queueing, serialisation, propagation and any extra)
	Queue int           // packets waiting in the queue just after the event, not counting the one being serialised
}

// String describes the event on one line, for logs and examples:
//
//	1.5ms a→b dropped 1040 bytes (queue full)
func (e Event) String() string {
	s := fmt.Sprintf("%v %s %s %d bytes", e.At, e.Link, e.Kind, len(e.Packet))
	switch e.Kind {
	case Corrupted:
		s += fmt.Sprintf(", bit %d", e.Bit)
	case Held:
		s += fmt.Sprintf(", +%v", e.Delay)
	}
	if e.Reason != "" {
		s += " (" + e.Reason + ")"
	}
	return s
}
