package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/tcpedu/tcpedu/cmd/tcpedu/internal/capture"
	"github.com/tcpedu/tcpedu/tcpedu/arq"
	"github.com/tcpedu/tcpedu/tcpedu/link"
)

const arqUsage = `Usage: tcpedu arq [flags]

Send segments across a lossy link with an ARQ protocol and report what it
took: transmissions, retransmissions, utilization, and whether every byte
arrived in order exactly once.

  tcpedu arq --protocol sw --ladder                 stop-and-wait, drawn as a ladder diagram
  tcpedu arq --protocol gbn --window 5 --segments 5 --drop 3 --ladder
                                                    the course's case: #3 lost, Go-Back-N resends 3, 4, 5
  tcpedu arq --protocol sack --window 5 --segments 5 --drop 3 --ladder
                                                    the same losses: SACK resends #3 alone
  tcpedu arq --protocol sr --window 3 --seq-space 4 --drop-acks 2,3,4
                                                    why a window must be at most half the sequence space
  tcpedu arq --compare --loss 0.1                   every protocol on the same faults
  tcpedu arq --protocol gbn --loss 0.1 --pcap gbn.pcap   open it in Wireshark

Flags:
`

// arqOptions are the command's flags beyond the run's Config.
type arqOptions struct {
	protocol string
	json     bool
	ladder   bool
	pcap     string
	compare  bool
}

func runArq(e *env, args []string) error {
	var cfg arq.Config
	var o arqOptions
	var burst string
	fs := flag.NewFlagSet("arq", flag.ContinueOnError)
	fs.StringVar(&o.protocol, "protocol", "gbn", "the `protocol`: sw, gbn, sr or sack (stop-and-wait, Go-Back-N, Selective Repeat, SACK)")
	fs.IntVar(&cfg.Window, "window", arq.DefaultWindow, "window N, in segments (stop-and-wait always uses 1)")
	fs.IntVar(&cfg.Size, "size", arq.DefaultSize, "payload `bytes` per segment")
	fs.IntVar(&cfg.Segments, "segments", arq.DefaultSegments, "how many segments to send")
	cfg.Bandwidth, cfg.Delay = arq.DefaultBandwidth, arq.DefaultDelay
	fs.Var(bandwidthFlag{&cfg.Bandwidth}, "bandwidth", "link `rate` each way, e.g. 10Mbps, 1Gbps")
	fs.DurationVar(&cfg.Delay, "delay", arq.DefaultDelay, "one-way propagation `delay`")
	fs.DurationVar(&cfg.RTO, "rto", 0, "fixed retransmission `timeout` (default: 2 round trips plus a window's serialisation)")
	fs.IntVar(&cfg.SeqSpace, "seq-space", 0, "sequence numbers the protocol can tell apart, in segments (default: TCP's 32 bits)")
	fs.Uint64Var(&cfg.Seed, "seed", 1, "random seed: equal seeds give identical runs")
	fs.Var(probabilityFlag{&cfg.Forward.Loss}, "loss", "independent loss `probability` of each data segment")
	fs.Var(probabilityFlag{&cfg.Reverse.Loss}, "ack-loss", "independent loss `probability` of each ACK")
	fs.StringVar(&burst, "burst", "", "bursty (Gilbert-Elliott) loss of data segments: `P,R` = chance per packet of a burst starting, ending")
	fs.Var(probabilityFlag{&cfg.Forward.Corrupt}, "corrupt", "`probability` that a data segment has a bit flipped (the receiver's checksum catches it)")
	fs.Var(probabilityFlag{&cfg.Forward.Duplicate}, "duplicate", "`probability` that the link delivers a data segment twice")
	fs.DurationVar(&cfg.Forward.Jitter, "jitter", 0, "extra random `delay` up to this much per data segment (reorders them)")
	fs.Var(intListFlag{&cfg.DropSegments}, "drop", "drop the first transmission of these `segments`, e.g. 3 or 3,5")
	fs.Var(intListFlag{&cfg.DropACKs}, "drop-acks", "drop the first ACK asking for these `segments`, e.g. 4")
	fs.BoolVar(&o.json, "json", false, "print one JSON object (with --compare, one per line)")
	fs.BoolVar(&o.ladder, "ladder", false, "print the exchange as a ladder diagram")
	fs.StringVar(&o.pcap, "pcap", "", "write every packet to `FILE` as a pcap that Wireshark opens")
	fs.BoolVar(&o.compare, "compare", false, "run every protocol on the same faults and compare")
	rest, err := parseFlags(fs, args, arqUsage, e.stdout)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usagef("unexpected argument %q: arq takes only flags", rest[0])
	}
	if burst != "" {
		ge, err := parseBurst(burst)
		if err != nil {
			return usageError{err}
		}
		cfg.Forward.Burst = ge
	}
	if o.compare {
		if o.ladder || o.pcap != "" {
			return usagef("--compare prints a table; use --ladder or --pcap with one --protocol")
		}
		return arqCompare(e, cfg, o)
	}
	if cfg.Protocol, err = arq.ParseProtocol(o.protocol); err != nil {
		return usageError{err}
	}
	cfg.Trace, cfg.Capture = o.ladder, o.pcap != ""
	if err := cfg.Validate(); err != nil {
		return usageError{err}
	}
	res, err := arq.Run(cfg)
	if err != nil {
		return err
	}
	if o.pcap != "" {
		if err := writeArqPcap(o.pcap, res.Packets); err != nil {
			return err
		}
	}
	if o.ladder {
		if err := res.Trace.WriteLadder(e.stdout); err != nil {
			return err
		}
		fmt.Fprintln(e.stdout)
	}
	if o.json {
		return writeJSON(e.stdout, arqJSON(res))
	}
	printArqResult(e.stdout, res)
	if o.pcap != "" {
		fmt.Fprintf(e.stdout, "wrote %d packets to %s\n", len(res.Packets), o.pcap)
	}
	return nil
}

// parseBurst reads --burst P,R: a Gilbert-Elliott channel that loses every
// packet in the bad state and none in the good one.
func parseBurst(s string) (*link.GilbertElliott, error) {
	var p, r float64
	if _, err := fmt.Sscanf(s, "%g,%g", &p, &r); err != nil || p < 0 || p > 1 || r <= 0 || r > 1 {
		return nil, fmt.Errorf("--burst %q is not P,R with 0 <= P <= 1 and 0 < R <= 1 (e.g. 0.01,0.3)", s)
	}
	return &link.GilbertElliott{P: p, R: r, LossGood: 0, LossBad: 1}, nil
}

// arqResultJSON holds the contract's keys (../shared/spec/CLI.md) and more.
type arqResultJSON struct {
	Protocol           string  `json:"protocol"`
	DeliveredSegments  int     `json:"delivered_segments"`
	Transmissions      int     `json:"transmissions"`
	Retransmissions    int     `json:"retransmissions"`
	Utilization        float64 `json:"utilization"`
	InOrderAndComplete bool    `json:"in_order_and_complete"`

	Segments        int     `json:"segments"`
	Window          int     `json:"window"`
	SizeBytes       int     `json:"size_bytes"`
	Timeouts        int     `json:"timeouts"`
	ACKs            int     `json:"acks"`
	Corrupted       int     `json:"corrupted"`
	Complete        bool    `json:"complete"`
	ElapsedS        float64 `json:"elapsed_s"`
	RTTS            float64 `json:"rtt_s"`
	RTOS            float64 `json:"rto_s"`
	StopAndWaitU    float64 `json:"stop_and_wait_utilization"`
	Events          uint64  `json:"events"`
	Seed            uint64  `json:"seed"`
	DataLost        int     `json:"data_lost"`
	ACKsLost        int     `json:"acks_lost"`
	GoodputBPS      float64 `json:"goodput_bps"`
	BandwidthBPS    float64 `json:"bandwidth_bps"`
	DelayS          float64 `json:"delay_s"`
	SeqSpace        int     `json:"seq_space"`
	PacketsCaptured int     `json:"packets_captured,omitempty"`
}

func arqJSON(res *arq.Result) arqResultJSON {
	c := &res.Config
	j := arqResultJSON{
		Protocol:           c.Protocol.String(),
		DeliveredSegments:  res.Delivered,
		Transmissions:      res.Transmissions,
		Retransmissions:    res.Retransmissions,
		Utilization:        res.Utilization,
		InOrderAndComplete: res.InOrderAndComplete,
		Segments:           c.Segments,
		Window:             effectiveWindow(c),
		SizeBytes:          c.Size,
		Timeouts:           res.Timeouts,
		ACKs:               res.ACKs,
		Corrupted:          res.Corrupted,
		Complete:           res.Complete,
		ElapsedS:           res.Elapsed.Seconds(),
		RTTS:               c.RTT().Seconds(),
		RTOS:               c.RTO.Seconds(),
		StopAndWaitU:       arq.StopAndWaitUtilization(c.DataTime(), 2*c.Delay),
		Events:             res.Events,
		Seed:               c.Seed,
		DataLost:           res.Forward.Dropped,
		ACKsLost:           res.Reverse.Dropped,
		BandwidthBPS:       c.Bandwidth,
		DelayS:             c.Delay.Seconds(),
		SeqSpace:           c.SeqSpace,
		PacketsCaptured:    len(res.Packets),
	}
	if res.Elapsed > 0 {
		j.GoodputBPS = float64(res.Delivered*c.Size*8) / res.Elapsed.Seconds()
	}
	return j
}

func effectiveWindow(c *arq.Config) int {
	if c.Protocol == arq.StopAndWait {
		return 1
	}
	return c.Window
}

func printArqResult(w io.Writer, res *arq.Result) {
	c := &res.Config
	fmt.Fprintf(w, "%s, window %d: %d segments of %d bytes over %s, %v one way\n",
		c.Protocol.Title(), effectiveWindow(c), c.Segments, c.Size, formatBandwidth(c.Bandwidth), c.Delay)
	fmt.Fprintf(w, "  round trip      %v of propagation; %v from sending a segment to its ACK's arrival; RTO %v\n",
		2*c.Delay, round(c.RTT()), round(c.RTO))
	verdict := "every byte arrived, in order, once"
	switch {
	case res.Misdelivered:
		verdict = "WRONG DATA: the receiver took an old segment for a new one"
		if !res.Complete {
			verdict += fmt.Sprintf(", and the two ends never agreed again (gave up after %v)", round(res.Elapsed))
		}
	case !res.Complete:
		verdict = fmt.Sprintf("INCOMPLETE: gave up after %v of simulated time", round(res.Elapsed))
	}
	if res.Misdelivered {
		fmt.Fprintf(w, "  delivered       %d segments' worth of bytes for %d sent: %s\n", res.Delivered, c.Segments, verdict)
	} else {
		fmt.Fprintf(w, "  delivered       %d of %d segments: %s\n", res.Delivered, c.Segments, verdict)
	}
	fmt.Fprintf(w, "  transmissions   %s (%s, %s); %s\n", plural(res.Transmissions, "data segment"),
		plural(res.Retransmissions, "retransmission"), plural(res.Timeouts, "timeout"), plural(res.ACKs, "ACK"))
	if res.Forward.Dropped+res.Reverse.Dropped+res.Corrupted > 0 {
		fmt.Fprintf(w, "  faults          %s and %s lost; %s damaged and dropped by the receiving host's checksum\n",
			plural(res.Forward.Dropped, "data segment"), plural(res.Reverse.Dropped, "ACK"), plural(res.Corrupted, "packet"))
	}
	fmt.Fprintf(w, "  elapsed         %v\n", round(res.Elapsed))
	L := c.DataTime()
	fmt.Fprintf(w, "  utilization     %.4f  (time the link spent on new data: %d × L/R %v ÷ %v)\n",
		res.Utilization, res.Delivered, L, round(res.Elapsed))
	fmt.Fprintf(w, "  stop-and-wait   U = (L/R) / (2·delay + L/R) = %.4f; a window of %d segments fills the pipe\n",
		arq.StopAndWaitUtilization(L, 2*c.Delay), arq.PipeWindow(L, c.RTT()))
}

// plural writes n and the noun, with an s unless n is 1.
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// round rounds d to 3 significant digits for printing.
func round(d time.Duration) time.Duration {
	for _, unit := range []time.Duration{time.Second, time.Millisecond, time.Microsecond} {
		if d >= 100*unit {
			return d.Round(unit)
		}
		if d >= unit {
			return d.Round(unit / 100)
		}
	}
	return d
}

// arqCompare runs every protocol on the same configuration and seed.
func arqCompare(e *env, cfg arq.Config, o arqOptions) error {
	var results []*arq.Result
	for p := arq.StopAndWait; p <= arq.SACK; p++ {
		c := cfg
		c.Protocol = p
		if err := c.Validate(); err != nil {
			return usageError{err}
		}
		res, err := arq.Run(c)
		if err != nil {
			return err
		}
		results = append(results, res)
	}
	if o.json {
		for _, res := range results {
			if err := writeJSON(e.stdout, arqJSON(res)); err != nil {
				return err
			}
		}
		return nil
	}
	fmt.Fprintf(e.stdout, "%-18s %6s %9s %13s %15s %8s %11s  %s\n",
		"protocol", "window", "delivered", "transmissions", "retransmissions", "timeouts", "utilization", "in order, once")
	for _, res := range results {
		fmt.Fprintf(e.stdout, "%-18s %6d %9d %13d %15d %8d %11.4f  %v\n",
			res.Config.Protocol.Title(), effectiveWindow(&res.Config), res.Delivered, res.Transmissions,
			res.Retransmissions, res.Timeouts, res.Utilization, res.InOrderAndComplete)
	}
	return nil
}

// writeArqPcap writes the packets of a run to a pcap file.
func writeArqPcap(name string, pkts []arq.Packet) error {
	recs := make([]capture.Record, len(pkts))
	for i, p := range pkts {
		recs[i] = capture.Record{At: p.At, Data: p.Data}
	}
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	if err := capture.WriteIP(f, recs); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", name, err)
	}
	return f.Close()
}

// writeJSON writes v as one line of JSON.
func writeJSON(w io.Writer, v any) error {
	return json.NewEncoder(w).Encode(v)
}
