package bulk

import (
	"fmt"
	"time"

	"github.com/tcpedu/tcpedu/tcpedu/cc"
)

// Config describes one run. The zero value of each field means the
// default beside it: those of ../shared/spec/CLI.md's tcpedu sim.
type Config struct {
	CC        string        // congestion control: tahoe, reno or newreno; default newreno
	SACK      bool          // both ends offer SACK (RFC 2018), and the sender recovers by RFC 6675; not with tahoe
	Bandwidth float64       // bottleneck rate, bits per second; default 10 Mbit/s
	Delay     time.Duration // one-way propagation delay; default 20 ms
	Queue     int           // bottleneck DropTail queue, packets; default 50
	Loss      float64       // independent loss probability of each data segment; default 0
	MSS       int           // bytes; default 1460
	Duration  time.Duration // simulated time; default 10 s
	Seed      uint64        // random seed; 0 is a seed like any other

	// AckEvery is how many full segments the receiver acknowledges with
	// one ACK; default 1 (no delayed ACKs). 2 is RFC 5681 §4.2's delayed
	// ACK, with a 200 ms timer.
	AckEvery int

	// ReadRate is how fast the receiving application reads, in bytes per
	// second; 0 means at once. A slower reader fills the receive buffer
	// (RcvWnd) and closes the window: flow control, not congestion,
	// limits the sender.
	ReadRate float64

	// NoQueueLimit makes the queue unlimited (Queue is then ignored).
	NoQueueLimit bool

	// Drop lists data segments to lose, counted from 1 in the order they
	// enter the bottleneck, retransmissions included: a scripted loss
	// that stages one textbook case exactly.
	Drop []int

	// MinRTO is the floor of the retransmission timeout; default 1 s
	// (RFC 6298 §2.4). Linux uses 200 ms.
	MinRTO time.Duration

	// RcvWnd is the receiver's window, bytes; default 4 MiB, enough not
	// to limit a 100 Mbit/s path with a 40 ms round trip.
	RcvWnd int

	// NewCC, when set, builds the sender's congestion control instead of
	// CC's variant: a learner's own algorithm (exercises 14–16) drives
	// the run. See tcp.Config.NewCC.
	NewCC func(c cc.Config) cc.Algorithm

	// Trace records a Sample at every change of the sender's state.
	Trace bool
	// Capture keeps every packet sent, for a pcap.
	Capture bool

	// Progress, if set, is called after each simulated second with the
	// simulated time so far: for a progress bar. It does not change the
	// run (it schedules no events).
	Progress func(done time.Duration)
}

// The defaults.
const (
	DefaultCC        = "newreno"
	DefaultBandwidth = 10e6
	DefaultDelay     = 20 * time.Millisecond
	DefaultQueue     = 50
	DefaultMSS       = 1460
	DefaultDuration  = 10 * time.Second
	DefaultMinRTO    = time.Second
	DefaultRcvWnd    = 4 << 20
)

// WithDefaults returns c with every zero field replaced by its default.
func (c Config) WithDefaults() Config {
	if c.CC == "" {
		c.CC = DefaultCC
	}
	if c.Bandwidth == 0 {
		c.Bandwidth = DefaultBandwidth
	}
	if c.Delay == 0 {
		c.Delay = DefaultDelay
	}
	if c.Queue == 0 {
		c.Queue = DefaultQueue
	}
	if c.MSS == 0 {
		c.MSS = DefaultMSS
	}
	if c.Duration == 0 {
		c.Duration = DefaultDuration
	}
	if c.MinRTO == 0 {
		c.MinRTO = DefaultMinRTO
	}
	if c.AckEvery == 0 {
		c.AckEvery = 1
	}
	if c.RcvWnd == 0 {
		c.RcvWnd = DefaultRcvWnd
	}
	return c
}

// Validate reports the first field that no run can use, as one sentence.
func (c Config) Validate() error {
	c = c.WithDefaults()
	if c.NewCC == nil {
		if _, err := cc.New(c.CC, cc.Config{MSS: 1, SACK: c.SACK}); err != nil {
			return err
		}
	}
	switch {
	case c.Bandwidth < 0:
		return fmt.Errorf("bulk: bandwidth %g bit/s is negative", c.Bandwidth)
	case c.Delay < 0:
		return fmt.Errorf("bulk: delay %v is negative", c.Delay)
	case c.Queue < 0:
		return fmt.Errorf("bulk: queue %d packets is negative", c.Queue)
	case c.Loss < 0 || c.Loss >= 1:
		return fmt.Errorf("bulk: loss probability %g is outside [0, 1)", c.Loss)
	case c.MSS < 1 || c.MSS > 65495:
		return fmt.Errorf("bulk: MSS %d bytes is outside 1–65495", c.MSS)
	case c.Duration < 0:
		return fmt.Errorf("bulk: duration %v is negative", c.Duration)
	case c.ReadRate < 0:
		return fmt.Errorf("bulk: read rate %g bytes/s is negative", c.ReadRate)
	case c.AckEvery < 0:
		return fmt.Errorf("bulk: ACK every %d segments: must be at least 1", c.AckEvery)
	case c.MinRTO < 0:
		return fmt.Errorf("bulk: minimum RTO %v is negative", c.MinRTO)
	}
	for _, n := range c.Drop {
		if n < 1 {
			return fmt.Errorf("bulk: data segment %d to drop: segments count from 1", n)
		}
	}
	return nil
}
