package link

import (
	"errors"
	"fmt"
	"time"
)

// Config describes one direction of a path: how fast it serialises, how
// long it takes to cross, how much it can buffer and what goes wrong on it.
// The zero value is a perfect link: infinitely fast, no delay, an unlimited
// queue and no faults.
type Config struct {
	// Bandwidth is the rate at which the sender puts bits on the wire, in
	// bits per second. A packet of n bytes takes n*8/Bandwidth seconds to
	// serialise (see TransmissionTime). 0 means infinitely fast.
	Bandwidth float64

	// Delay is the one-way propagation delay: how long a bit takes to
	// cross once it is on the wire. The round-trip time of a path is the
	// two directions' Delay plus their serialisation times.
	Delay time.Duration

	// Queue is the DropTail buffer in packets: how many may wait behind
	// the one being serialised. A packet that finds the queue full is
	// dropped. 0 means unlimited.
	Queue int

	// Faults says what goes wrong on the wire. The zero value: nothing.
	Faults Faults
}

// Faults are what the wire does to packets after serialisation, applied in
// this order (the package documentation gives the random draws each takes):
//
//  1. Script: scripted rules, to stage a textbook case exactly;
//  2. Loss: independent loss;
//  3. Burst: bursty, Gilbert-Elliott loss;
//  4. Corrupt: one flipped bit;
//  5. Duplicate: a second copy;
//  6. Jitter and Reorder: extra delay, which lets later packets overtake.
//
// The zero value has no faults. Probabilities are per packet, in [0, 1].
type Faults struct {
	// Loss is the probability that a packet is lost, independently of
	// every other packet (a Bernoulli trial per packet).
	Loss float64

	// Burst, if not nil, loses packets in bursts, as real links do when
	// losses have one cause (a fade, a full buffer upstream).
	Burst *GilbertElliott

	// Corrupt is the probability that one bit of the packet, chosen
	// uniformly, is flipped. The link flips it in a copy (the sender's
	// slice is never changed) and delivers the copy: it is the receiver's
	// checksum that must catch it.
	Corrupt float64

	// Duplicate is the probability that a second copy is delivered too.
	// Each copy draws its own Jitter and Reorder delay.
	Duplicate float64

	// Jitter is the largest extra delay: each packet is delayed by a
	// further amount drawn uniformly from [0, Jitter). Packets sent closer
	// together than Jitter may arrive out of order. 0 means none.
	Jitter time.Duration

	// Reorder is the probability that a packet is held back by
	// ReorderDelay, so that the packets behind it overtake it.
	Reorder      float64
	ReorderDelay time.Duration

	// Script lists rules that act on chosen packets, checked in order
	// before the random faults. See Rule.
	Script []Rule
}

// ErrConfig is the sentinel that every error from Config.Validate wraps,
// for errors.Is.
var ErrConfig = errors.New("link: invalid configuration")

// configError is one problem with a Config, as one sentence.
type configError struct{ msg string }

func (e *configError) Error() string { return e.msg }
func (e *configError) Unwrap() error { return ErrConfig }

func invalid(format string, args ...any) error {
	return &configError{msg: "link: " + fmt.Sprintf(format, args...)}
}

// Validate reports the first problem with c, as an error wrapping
// ErrConfig, or nil if c is usable: probabilities in [0, 1], no negative
// bandwidth, queue or durations, Reorder only with a ReorderDelay, and
// script rules with a known action, Nth >= 0 and, for Hold, a positive
// Delay.
func (c Config) Validate() error {
	switch {
	case !(c.Bandwidth >= 0): // also catches NaN
		return invalid("bandwidth %g bits/s is negative", c.Bandwidth)
	case c.Delay < 0:
		return invalid("propagation delay %v is negative", c.Delay)
	case c.Queue < 0:
		return invalid("queue of %d packets is negative; use 0 for an unlimited queue", c.Queue)
	}
	return c.Faults.validate()
}

func (f *Faults) validate() error {
	probs := []struct {
		name string
		p    float64
	}{
		{"loss", f.Loss},
		{"corruption", f.Corrupt},
		{"duplication", f.Duplicate},
		{"reorder", f.Reorder},
	}
	for _, pr := range probs {
		if !isProbability(pr.p) {
			return invalid("%s probability %g is outside [0, 1]", pr.name, pr.p)
		}
	}
	switch {
	case f.Jitter < 0:
		return invalid("jitter %v is negative", f.Jitter)
	case f.ReorderDelay < 0:
		return invalid("reorder delay %v is negative", f.ReorderDelay)
	case f.Reorder > 0 && f.ReorderDelay == 0:
		return invalid("reorder probability %g needs a positive ReorderDelay to hold packets back by", f.Reorder)
	}
	if f.Burst != nil {
		if err := f.Burst.validate(); err != nil {
			return err
		}
	}
	for i := range f.Script {
		if err := f.Script[i].validate(i); err != nil {
			return err
		}
	}
	return nil
}

// isProbability reports whether p is in [0, 1] (and so not NaN).
func isProbability(p float64) bool { return p >= 0 && p <= 1 }
