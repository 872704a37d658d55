package main

import (
	"flag"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/tcpedu/tcpedu/plots"
	"github.com/tcpedu/tcpedu/tcpedu/arq"
	"github.com/tcpedu/tcpedu/tcpedu/bulk"
	"github.com/tcpedu/tcpedu/tcpedu/cc"
	"github.com/tcpedu/tcpedu/tcpedu/scenario"
)

// A kind's flags are those of the command that runs what it draws: sim's
// for the bulk-transfer figures, rounds' for rounds, arq's for arq, with
// the defaults of the kind's own run (plots.CwndRun and friends).

// figureFunc draws a figure once the flags are parsed.
type figureFunc func(e *env) (*plots.Figure, error)

// plotFlags defines kind's flags on fs and returns what draws it.
func plotFlags(kind string, fs *flag.FlagSet) figureFunc {
	switch kind {
	case "cwnd":
		p := addPathFlags(fs, plots.CwndRun(), false, true)
		return func(e *env) (*plots.Figure, error) {
			c, err := p.config()
			if err != nil {
				return nil, err
			}
			c.Trace = true
			if p.learner != nil {
				// Yours above the model's, on the same seed.
				yours, ref, verdict, err := p.learner.runWithReference(c)
				if err != nil {
					return nil, err
				}
				fmt.Fprintln(e.stdout, verdict)
				return plots.Compare([]*bulk.Result{yours, ref})
			}
			return runFigure(c, plots.Cwnd)
		}
	case "stevens":
		p := addPathFlags(fs, plots.StevensRun(), false, true)
		return func(e *env) (*plots.Figure, error) {
			c, err := p.config()
			if err != nil {
				return nil, err
			}
			c.Capture = true
			return runFigure(c, plots.Stevens)
		}
	case "rtt":
		p := addPathFlags(fs, plots.RTTRun(), false, true)
		return func(e *env) (*plots.Figure, error) {
			c, err := p.config()
			if err != nil {
				return nil, err
			}
			c.Trace = true
			return runFigure(c, plots.RTT)
		}
	case "compare":
		def := plots.CompareRun()
		def.CC = strings.Join(plots.CompareVariants(), ",")
		p := addPathFlags(fs, def, true, true)
		return func(e *env) (*plots.Figure, error) {
			c, err := p.config()
			if err != nil {
				return nil, err
			}
			rs, err := plots.RunCompare(c, p.variants)
			if err != nil {
				return nil, err
			}
			return plots.Compare(rs)
		}
	case "throughput":
		return throughputFlags(fs)
	case "rounds":
		return roundsFlags(fs)
	case "arq":
		return arqFlags(fs)
	case "states":
		return func(e *env) (*plots.Figure, error) { return plots.States(), nil }
	case "ladder":
		name := fs.String("scenario", plots.LadderDefault, "the scenario to draw (tcpedu scenario list names them)")
		seed := fs.Uint64("seed", 1, "random seed: it sets the ISNs")
		return func(e *env) (*plots.Figure, error) {
			if _, err := scenario.Find(*name); err != nil {
				return nil, usagef("--scenario: no scenario is called %q (tcpedu scenario list names them)", *name)
			}
			res, err := scenario.Run(*name, *seed)
			if err != nil {
				return nil, err
			}
			return plots.Ladder(res)
		}
	}
	panic("tcpedu: bug: no flags for plot kind " + kind)
}

// runFigure runs c and draws the result.
func runFigure(c bulk.Config, draw func(*bulk.Result) (*plots.Figure, error)) (*plots.Figure, error) {
	res, err := bulk.Run(c)
	if err != nil {
		return nil, err
	}
	return draw(res)
}

// pathFlags are sim's flags for a bulk transfer.
type pathFlags struct {
	c        bulk.Config
	cc       string
	readRate float64
	ackEvery int
	list     bool       // --cc takes a list
	variants []string   // with list: the variants named
	learner  *learnerCC // --cc exercise: a learner's algorithm (plugin.go)
}

// addPathFlags defines sim's flags on fs with def's values as defaults.
// With list, --cc takes a comma-separated list of variants; without
// loss, there is no --loss (the caller defines its own).
func addPathFlags(fs *flag.FlagSet, def bulk.Config, list, loss bool) *pathFlags {
	d := def.WithDefaults()
	p := &pathFlags{c: d, list: list, ackEvery: d.AckEvery}
	p.c.CC = def.CC
	ccHelp := "congestion control: `tahoe`, reno, newreno, or exercise (your own, from exercises 14–16; exercise:15 picks one)"
	if list {
		ccHelp = "congestion controls, comma-separated, e.g. `tahoe,reno,newreno`"
	}
	fs.StringVar(&p.cc, "cc", def.CC, ccHelp)
	fs.Var(bandwidthFlag{&p.c.Bandwidth}, "bandwidth", "bottleneck `rate`, e.g. 10Mbps, 100Mbps")
	fs.DurationVar(&p.c.Delay, "delay", d.Delay, "one-way propagation `delay`")
	fs.IntVar(&p.c.Queue, "queue", d.Queue, "bottleneck DropTail queue, in `packets`")
	if loss {
		fs.Var(probabilityFlag{&p.c.Loss}, "loss", "independent loss `probability` of each data segment")
	}
	fs.IntVar(&p.c.MSS, "mss", d.MSS, "maximum segment size, `bytes`")
	fs.DurationVar(&p.c.Duration, "duration", d.Duration, "simulated `time`")
	fs.Uint64Var(&p.c.Seed, "seed", d.Seed, "random seed: equal seeds give identical figures")
	fs.IntVar(&p.ackEvery, "ack-every", d.AckEvery, "the receiver ACKs every `N`th full segment (1 = no delayed ACK)")
	p.c.Drop = append([]int(nil), d.Drop...)
	dropHelp := "lose these data `segments`, counted as they enter the bottleneck, e.g. 30 or 30,35"
	if len(d.Drop) > 0 {
		dropHelp += "; 0 for none"
	}
	fs.Var(&dropFlag{list: &p.c.Drop}, "drop", dropHelp)
	fs.Var(bandwidthFlag{&p.readRate}, "read-rate", "how fast the receiving application reads, e.g. `5Mbps` (default: at once)")
	fs.IntVar(&p.c.RcvWnd, "rcv-buf", d.RcvWnd, "the receive buffer, `bytes`")
	fs.DurationVar(&p.c.MinRTO, "min-rto", d.MinRTO, "the floor of the retransmission `timeout` (Linux: 200ms)")
	fs.BoolVar(&p.c.SACK, "sack", d.SACK, "use SACK (RFC 2018) and SACK-based loss recovery (RFC 6675), with reno or newreno")
	return p
}

// config returns the run the flags describe, or the usage error sim would
// give for them.
func (p *pathFlags) config() (bulk.Config, error) {
	c := p.c
	c.CC = p.cc
	if !p.list && isLearnerCC(p.cc) {
		l, err := resolveLearnerCC(p.cc)
		if err != nil {
			return c, err
		}
		p.learner, c.CC = l, l.variant
	}
	if p.list {
		p.variants = splitList(p.cc)
		if len(p.variants) == 0 {
			return c, usagef("--cc: name at least one congestion control")
		}
		for _, v := range p.variants {
			if _, err := cc.New(v, cc.Config{MSS: 1}); err != nil {
				return c, usageError{err}
			}
		}
		c.CC = p.variants[0]
	}
	c.AckEvery = p.ackEvery
	c.ReadRate = p.readRate / 8
	switch {
	case p.ackEvery < 1:
		return c, usagef("--ack-every %d: the receiver acknowledges at least every segment (1)", p.ackEvery)
	case c.RcvWnd < 1:
		return c, usagef("--rcv-buf %d: the buffer holds at least 1 byte", c.RcvWnd)
	case c.MSS < 1:
		return c, usagef("--mss %d: a segment carries at least 1 byte", c.MSS)
	case c.Queue < 1:
		return c, usagef("--queue %d: the queue holds at least 1 packet", c.Queue)
	case c.Delay <= 0:
		return c, usagef("--delay %v: the delay must be positive", c.Delay)
	case c.Duration <= 0:
		return c, usagef("--duration %v: the run must last a positive time", c.Duration)
	case c.Duration > 10*time.Minute:
		return c, usagef("--duration %v: a figure shows at most 10 minutes", c.Duration)
	case c.Bandwidth <= 0:
		return c, usagef("--bandwidth: the rate must be positive")
	case c.MinRTO <= 0:
		return c, usagef("--min-rto %v: must be positive", c.MinRTO)
	}
	if err := c.Validate(); err != nil {
		return c, usageError{err}
	}
	return c, nil
}

// dropFlag is --drop for a figure whose default run drops segments: the
// first use replaces the default, and 0 means no drops at all.
type dropFlag struct {
	list *[]int
	set  bool
}

func (f *dropFlag) String() string {
	if f.list == nil {
		return ""
	}
	return intListFlag{f.list}.String()
}

func (f *dropFlag) Set(s string) error {
	if !f.set {
		*f.list, f.set = nil, true
	}
	if strings.TrimSpace(s) == "0" {
		return nil
	}
	return intListFlag{f.list}.Set(s)
}

// splitList splits a comma-separated list, dropping empty items.
func splitList(s string) []string {
	var out []string
	for _, part := range strings.Split(s, ",") {
		if t := strings.TrimSpace(part); t != "" {
			out = append(out, strings.ToLower(t))
		}
	}
	return out
}

// parseProbabilities reads a comma-separated list of probabilities, each
// as --loss reads one.
func parseProbabilities(flagName, s string) ([]float64, error) {
	var out []float64
	for _, part := range splitList(s) {
		var p float64
		if err := (probabilityFlag{&p}).Set(part); err != nil {
			return nil, usagef("--%s: %v", flagName, err)
		}
		out = append(out, p)
	}
	if len(out) == 0 {
		return nil, usagef("--%s: give at least one probability", flagName)
	}
	return out, nil
}

// formatFloats writes a list as a flag's default.
func formatFloats(xs []float64) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = strconv.FormatFloat(x, 'g', -1, 64)
	}
	return strings.Join(parts, ",")
}

func throughputFlags(fs *flag.FlagSet) figureFunc {
	def := plots.SweepDefault()
	run := def.Run
	run.CC = strings.Join(def.Variants, ",")
	p := addPathFlags(fs, run, true, false)
	// --loss is a list here: the sweep's loss rates.
	losses := formatFloats(def.Losses)
	fs.StringVar(&losses, "loss", losses, "the loss `probabilities` to sweep, comma-separated")
	seeds := fs.Int("seeds", def.Seeds, "runs per point, with seeds --seed, --seed+1, …")
	return func(e *env) (*plots.Figure, error) {
		c, err := p.config()
		if err != nil {
			return nil, err
		}
		ls, err := parseProbabilities("loss", losses)
		if err != nil {
			return nil, err
		}
		for _, l := range ls {
			if l <= 0 || l >= 1 {
				return nil, usagef("--loss %g: a sweep's loss rates lie between 0 and 1, exclusive (the formula divides by them)", l)
			}
		}
		if *seeds < 1 || *seeds > 100 {
			return nil, usagef("--seeds %d: from 1 to 100 runs per point", *seeds)
		}
		sc := plots.SweepConfig{Run: c, Losses: ls, Variants: p.variants, Seeds: *seeds, Progress: sweepProgress(e)}
		s, err := plots.RunSweep(sc)
		if err != nil {
			return nil, err
		}
		return plots.Throughput(s)
	}
}

func roundsFlags(fs *flag.FlagSet) figureFunc {
	def, variants := plots.RoundsDefault()
	names := make([]string, len(variants))
	for i, v := range variants {
		names[i] = v.String()
	}
	var (
		ccList = strings.Join(names, ",")
		events string
		after  string
		c      = def
	)
	for i, ev := range def.Events {
		if i > 0 {
			events += ","
		}
		events += fmt.Sprintf("%d:%s", ev.Round, ev.Loss)
	}
	fs.StringVar(&ccList, "cc", ccList, "the `variants`, comma-separated: tahoe, reno, or both")
	fs.IntVar(&c.Ssthresh, "ssthresh", def.Ssthresh, "initial ssthresh, in `segments`")
	fs.IntVar(&c.Cwnd, "cwnd", def.Cwnd, "initial cwnd, in `segments`")
	fs.IntVar(&c.Rounds, "rounds", def.Rounds, "how many `rounds` to show")
	fs.StringVar(&events, "events", events, "losses at the ends of rounds, e.g. `8:3dup,14:timeout`")
	fs.StringVar(&after, "after-3dup", "ssthresh+3", "Reno's cwnd after three duplicate ACKs: `ssthresh+3` (Kurose) or ssthresh (Xie)")
	return func(e *env) (*plots.Figure, error) {
		var vs []cc.Variant
		for _, name := range splitList(ccList) {
			v, err := cc.ParseVariant(name)
			if err != nil {
				return nil, usageError{err}
			}
			vs = append(vs, v)
		}
		if len(vs) == 0 {
			return nil, usagef("--cc: name tahoe, reno or both")
		}
		var err error
		if c.Events, err = cc.ParseEvents(events); err != nil {
			return nil, usageError{err}
		}
		if c.After, err = parseAfter3dup(after); err != nil {
			return nil, err
		}
		switch {
		case c.Cwnd < 1:
			return nil, usagef("--cwnd %d: the window starts at 1 segment or more", c.Cwnd)
		case c.Rounds > 200:
			return nil, usagef("--rounds %d: a figure shows at most 200 rounds", c.Rounds)
		}
		f, err := plots.Rounds(c, vs)
		if err != nil {
			return nil, usageError{err}
		}
		return f, nil
	}
}

func arqFlags(fs *flag.FlagSet) figureFunc {
	def := plots.ARQSweepDefault()
	c := def.Run
	names := make([]string, len(def.Protocols))
	for i, p := range def.Protocols {
		names[i] = p.String()
	}
	var (
		protocols = strings.Join(names, ",")
		losses    = formatFloats(def.Losses)
		windows   string
		vs        = "loss"
		seeds     = def.Seeds
	)
	fs.StringVar(&protocols, "protocol", protocols, "the `protocols`, comma-separated: sw, gbn, sr, sack")
	fs.StringVar(&vs, "vs", vs, "the x axis: `loss` (a list in --loss, one --window) or window (a list in --window, one --loss)")
	fs.StringVar(&losses, "loss", losses, "loss `probabilities` of data segments, comma-separated")
	fs.StringVar(&windows, "window", strconv.Itoa(c.Window), "window `N`, in segments (with --vs window, a list)")
	fs.IntVar(&c.Size, "size", c.Size, "payload `bytes` per segment")
	fs.IntVar(&c.Segments, "segments", c.Segments, "how many segments each run sends")
	fs.Var(bandwidthFlag{&c.Bandwidth}, "bandwidth", "link `rate` each way, e.g. 10Mbps")
	fs.DurationVar(&c.Delay, "delay", c.Delay, "one-way propagation `delay`")
	fs.DurationVar(&c.RTO, "rto", 0, "fixed retransmission `timeout` (default: 2 round trips plus a window's serialisation)")
	fs.Uint64Var(&c.Seed, "seed", c.Seed, "random seed of the first run of each point")
	fs.IntVar(&seeds, "seeds", seeds, "runs per point, with seeds --seed, --seed+1, …")
	defaultWindows := "1,2,4,8,12,16,24,32,48,64"
	return func(e *env) (*plots.Figure, error) {
		sc := def
		sc.Run, sc.Seeds = c, seeds
		sc.Protocols = nil
		for _, name := range splitList(protocols) {
			p, err := arq.ParseProtocol(name)
			if err != nil {
				return nil, usageError{err}
			}
			sc.Protocols = append(sc.Protocols, p)
		}
		if len(sc.Protocols) == 0 {
			return nil, usagef("--protocol: name at least one of sw, gbn, sr, sack")
		}
		ls, err := parseProbabilities("loss", losses)
		if err != nil {
			return nil, err
		}
		for _, l := range ls {
			if l >= 1 {
				return nil, usagef("--loss %g: with every segment lost nothing arrives", l)
			}
		}
		windowSet := false
		fs.Visit(func(f *flag.Flag) { windowSet = windowSet || f.Name == "window" })
		if !windowSet && vs == "window" {
			windows = defaultWindows
		}
		var ws []int
		for _, part := range splitList(windows) {
			n, err := strconv.Atoi(part)
			if err != nil || n < 1 || n > 1024 {
				return nil, usagef("--window %q: windows are whole numbers of segments from 1 to 1024", part)
			}
			ws = append(ws, n)
		}
		switch vs {
		case "loss":
			if len(ws) != 1 {
				return nil, usagef("--window: with --vs loss give one window, not %d", len(ws))
			}
			sc.Run.Window, sc.Losses = ws[0], ls
		case "window":
			if len(ls) != 1 {
				return nil, usagef("--loss: with --vs window give one loss probability, not %d", len(ls))
			}
			sc.VsWindow, sc.Windows, sc.Run.Forward.Loss = true, ws, ls[0]
		default:
			return nil, usagef("--vs is loss or window, not %q", vs)
		}
		switch {
		case seeds < 1 || seeds > 100:
			return nil, usagef("--seeds %d: from 1 to 100 runs per point", seeds)
		case c.Segments < 1 || c.Segments > 100000:
			return nil, usagef("--segments %d: from 1 to 100000", c.Segments)
		}
		s, err := plots.RunARQSweep(sc)
		if err != nil {
			return nil, usageError{err}
		}
		return plots.ARQ(s)
	}
}
