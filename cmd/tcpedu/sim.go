package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/tcpedu/tcpedu/cmd/tcpedu/internal/capture"
	"github.com/tcpedu/tcpedu/tcpedu/bulk"
)

const simUsage = `Usage: tcpedu sim [flags] [--json] [--pcap FILE] [--trace FILE.csv]

One bulk TCP transfer through a bottleneck: a DropTail queue in front of a
link of limited bandwidth, with random or scripted loss of data segments.
Reports goodput and what recovery cost; --trace writes cwnd, ssthresh,
SRTT, RTO and the bytes in flight at every change, for plotting.

  tcpedu sim                                       10 Mbit/s, 20 ms, 50 packets, NewReno, 10 s
  tcpedu sim --cc reno --loss 0.01 --duration 60s  random loss
  tcpedu sim --cc tahoe --drop 30 --trace t.csv    one scripted loss, every step of cwnd
  tcpedu sim --sack --drop 30,33,36                three losses, all resent within a round trip
  tcpedu sim --bandwidth 100Mbps --pcap s.pcap     open it in Wireshark

Flags:
`

func runSim(e *env, args []string) error {
	c := bulk.Config{Bandwidth: bulk.DefaultBandwidth}
	var (
		asJSON      bool
		pcap, trace string
		ackEvery    int
	)
	fs := flag.NewFlagSet("sim", flag.ContinueOnError)
	fs.StringVar(&c.CC, "cc", bulk.DefaultCC, "congestion control: `tahoe`, reno, newreno, or exercise (your own, from exercises 14–16; exercise:15 picks one)")
	fs.Var(bandwidthFlag{&c.Bandwidth}, "bandwidth", "bottleneck `rate`, e.g. 10Mbps, 100Mbps")
	fs.DurationVar(&c.Delay, "delay", bulk.DefaultDelay, "one-way propagation `delay`")
	fs.IntVar(&c.Queue, "queue", bulk.DefaultQueue, "bottleneck DropTail queue, in `packets`")
	fs.Var(probabilityFlag{&c.Loss}, "loss", "independent loss `probability` of each data segment")
	fs.IntVar(&c.MSS, "mss", bulk.DefaultMSS, "maximum segment size, `bytes`")
	fs.DurationVar(&c.Duration, "duration", bulk.DefaultDuration, "simulated `time`")
	fs.Uint64Var(&c.Seed, "seed", 1, "random seed: equal seeds give identical output")
	fs.IntVar(&ackEvery, "ack-every", 1, "the receiver ACKs every `N`th full segment (1 = no delayed ACK)")
	fs.BoolVar(&c.SACK, "sack", false, "use SACK (RFC 2018) and SACK-based loss recovery (RFC 6675), with reno or newreno")
	fs.Var(intListFlag{&c.Drop}, "drop", "lose these data `segments`, counted as they enter the bottleneck, e.g. 30 or 30,35")
	var readRate float64
	fs.Var(bandwidthFlag{&readRate}, "read-rate", "how fast the receiving application reads, e.g. `5Mbps` (default: at once); a slow reader closes the window")
	fs.IntVar(&c.RcvWnd, "rcv-buf", bulk.DefaultRcvWnd, "the receive buffer, `bytes`")
	fs.DurationVar(&c.MinRTO, "min-rto", bulk.DefaultMinRTO, "the floor of the retransmission `timeout` (Linux: 200ms)")
	fs.BoolVar(&asJSON, "json", false, "print one JSON object")
	fs.StringVar(&pcap, "pcap", "", "write every segment to `FILE` as a pcap that Wireshark opens, as tcpdump on the sender would capture it")
	fs.StringVar(&trace, "trace", "", "write cwnd, ssthresh, SRTT, RTO and bytes in flight to `FILE.csv`, one row per change")
	rest, err := parseFlags(fs, args, simUsage, e.stdout)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usagef("unexpected argument %q: sim takes only flags", rest[0])
	}
	if ackEvery < 1 {
		return usagef("--ack-every %d: the receiver acknowledges at least every segment (1)", ackEvery)
	}
	c.AckEvery = ackEvery
	c.ReadRate = readRate / 8
	if c.RcvWnd < 1 {
		return usagef("--rcv-buf %d: the buffer holds at least 1 byte", c.RcvWnd)
	}
	// The library reads a zero as "the default": refuse zeros here, where
	// they can only be the user's.
	switch {
	case c.MSS < 1:
		return usagef("--mss %d: a segment carries at least 1 byte", c.MSS)
	case c.Queue < 1:
		return usagef("--queue %d: the queue holds at least 1 packet", c.Queue)
	case c.Delay <= 0:
		return usagef("--delay %v: the delay must be positive", c.Delay)
	case c.Duration <= 0:
		return usagef("--duration %v: the run must last a positive time", c.Duration)
	case c.Bandwidth <= 0:
		return usagef("--bandwidth: the rate must be positive")
	case c.MinRTO <= 0:
		return usagef("--min-rto %v: must be positive", c.MinRTO)
	}
	var learner *learnerCC
	if isLearnerCC(c.CC) {
		if learner, err = resolveLearnerCC(c.CC); err != nil {
			return err
		}
		c.CC = learner.variant
	}
	if err := c.Validate(); err != nil {
		return usageError{err}
	}
	c.Trace, c.Capture = trace != "", pcap != ""
	if isTerminal(e.stderr) && c.Duration >= 10*time.Second {
		c.Progress = func(done time.Duration) {
			fmt.Fprintf(e.stderr, "\rsimulating: %v of %v", done, c.Duration)
			if done == c.Duration {
				fmt.Fprint(e.stderr, "\r\033[K")
			}
		}
	}
	var res *bulk.Result
	verdict := ""
	if learner != nil {
		res, _, verdict, err = learner.runWithReference(c)
	} else {
		res, err = bulk.Run(c)
	}
	if err != nil {
		return err
	}
	if trace != "" {
		if err := writeFile(trace, func(w io.Writer) error { return bulk.WriteTrace(w, res.Trace) }); err != nil {
			return err
		}
	}
	if pcap != "" {
		recs := make([]capture.Record, len(res.Packets))
		for i, p := range res.Packets {
			recs[i] = capture.Record{At: p.At, Data: p.Data}
		}
		if err := writeFile(pcap, func(w io.Writer) error { return capture.WriteIP(w, recs) }); err != nil {
			return err
		}
	}
	if asJSON {
		if verdict != "" {
			fmt.Fprintln(e.stderr, verdict)
		}
		return writeJSON(e.stdout, simJSON(res))
	}
	printSim(e.stdout, res)
	if verdict != "" {
		fmt.Fprintln(e.stdout, verdict)
	}
	return nil
}

// isTerminal reports whether w is a terminal: progress goes only there,
// never into a file or a pipe that a script reads.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// writeFile creates name and fills it with write.
func writeFile(name string, write func(w io.Writer) error) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	if err := write(f); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", name, err)
	}
	return f.Close()
}

type simResultJSON struct {
	GoodputBps      float64 `json:"goodput_bps"`
	BytesDelivered  int     `json:"bytes_delivered"`
	SegmentsSent    int     `json:"segments_sent"`
	Retransmissions int     `json:"retransmissions"`
	FastRetransmits int     `json:"fast_retransmits"`
	Timeouts        int     `json:"timeouts"`
	DupACKs         int     `json:"dup_acks"`
	Events          uint64  `json:"events"`
	SimSeconds      float64 `json:"sim_seconds"`
	Seed            uint64  `json:"seed"`

	CC            string  `json:"cc"`
	BandwidthBps  float64 `json:"bandwidth_bps"`
	DelayS        float64 `json:"delay_s"`
	Queue         int     `json:"queue_packets"`
	Loss          float64 `json:"loss"`
	MSS           int     `json:"mss"`
	RTTS          float64 `json:"rtt_s"`
	RandomLosses  int     `json:"random_losses"`
	QueueDrops    int     `json:"queue_drops"`
	ScriptedDrops int     `json:"scripted_drops"`
	Utilization   float64 `json:"utilization"`
	AckEvery      int     `json:"ack_every"`
	ACKs          int     `json:"acks"`
	SACK          bool    `json:"sack"`
}

func simJSON(r *bulk.Result) simResultJSON {
	c := r.Config
	return simResultJSON{
		GoodputBps: r.GoodputBps, BytesDelivered: r.BytesDelivered, SegmentsSent: r.SegmentsSent,
		Retransmissions: r.Retransmissions, FastRetransmits: r.FastRetransmits, Timeouts: r.Timeouts,
		DupACKs: r.DupACKs, Events: r.Events, SimSeconds: r.SimSeconds, Seed: c.Seed,
		CC: c.CC, BandwidthBps: c.Bandwidth, DelayS: c.Delay.Seconds(), Queue: c.Queue, Loss: c.Loss, MSS: c.MSS,
		RTTS: r.RTT.Seconds(), RandomLosses: r.RandomLosses, QueueDrops: r.QueueDrops, ScriptedDrops: r.ScriptedDrops,
		Utilization: r.GoodputBps / c.Bandwidth, AckEvery: c.AckEvery, ACKs: r.ACKs, SACK: c.SACK,
	}
}

func printSim(w io.Writer, r *bulk.Result) {
	c := r.Config
	name := c.CC
	if c.SACK {
		name += " with SACK"
	}
	fmt.Fprintf(w, "%s over %s, %v one way (round trip %v), queue %d packets, loss %g, MSS %d, %v simulated\n\n",
		name, formatBandwidth(c.Bandwidth), c.Delay, r.RTT.Round(time.Microsecond), c.Queue, c.Loss, c.MSS, c.Duration)
	fmt.Fprintf(w, "  goodput          %.3f Mbit/s (%.1f%% of the bottleneck)\n", r.GoodputBps/1e6, 100*r.GoodputBps/c.Bandwidth)
	fmt.Fprintf(w, "  delivered        %d bytes\n", r.BytesDelivered)
	fmt.Fprintf(w, "  segments sent    %d, of which %s: %d by fast retransmit, %d sent again while going back after a loss (%s)\n",
		r.SegmentsSent, plural(r.Retransmissions, "retransmission"), r.FastRetransmits, r.Retransmissions-r.FastRetransmits, plural(r.Timeouts, "timeout"))
	fmt.Fprintf(w, "  losses           %d in the full queue, %d random, %d scripted\n", r.QueueDrops, r.RandomLosses, r.ScriptedDrops)
	fmt.Fprintf(w, "  events           %d\n", r.Events)
}
