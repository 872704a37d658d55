package plots

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/tcpedu/tcpedu/tcpedu/bulk"
	"github.com/tcpedu/tcpedu/tcpedu/scenario"
)

// Kind is one kind of figure: its name, as tcpedu plot spells it, and
// what it shows, in one line.
type Kind struct {
	Name    string
	Summary string
}

// Kinds lists the figures, in the order the gallery shows them.
var Kinds = []Kind{
	{"cwnd", "cwnd and ssthresh over time for one transfer: phases shaded, each loss marked by how it was found"},
	{"compare", "Tahoe, Reno and NewReno on the same path and the same losses, one panel each"},
	{"rounds", "the textbook figure: cwnd per transmission round, from the round model (tcpedu rounds)"},
	{"stevens", "the time-sequence graph: segments sent, the ACK and window lines, retransmissions, SACKed ranges"},
	{"rtt", "each measured RTT, SRTT, RTTVAR and the RTO over time, with the RTO's backoff at each timeout"},
	{"throughput", "goodput against the loss rate from a sweep of transfers, with the Mathis formula"},
	{"arq", "utilization of stop-and-wait, Go-Back-N and Selective Repeat against loss (or window), with the model"},
	{"states", "the TCP state diagram, drawn from the transition table"},
	{"ladder", "a scenario's ladder diagram: segments between client and server, and every change of state"},
}

// FindKind returns the kind called name.
func FindKind(name string) (Kind, bool) {
	for _, k := range Kinds {
		if k.Name == name {
			return k, true
		}
	}
	return Kind{}, false
}

// KindNames returns the names of the kinds, in order, comma-separated.
func KindNames() string {
	names := make([]string, len(Kinds))
	for i, k := range Kinds {
		names[i] = k.Name
	}
	return strings.Join(names, ", ")
}

// Default draws a kind's figure with its default run: what tcpedu plot
// KIND -o FILE draws with no other flags, and the gallery shows. progress,
// if not nil, hears about the throughput sweep's runs.
func Default(kind string, progress func(done, total int)) (*Figure, error) {
	switch kind {
	case "cwnd":
		return runBulk(CwndRun(), Cwnd)
	case "compare":
		rs, err := RunCompare(CompareRun(), CompareVariants())
		if err != nil {
			return nil, err
		}
		return Compare(rs)
	case "rounds":
		c, vs := RoundsDefault()
		return Rounds(c, vs)
	case "stevens":
		return runBulk(StevensRun(), Stevens)
	case "rtt":
		return runBulk(RTTRun(), RTT)
	case "throughput":
		c := SweepDefault()
		c.Progress = progress
		s, err := RunSweep(c)
		if err != nil {
			return nil, err
		}
		return Throughput(s)
	case "arq":
		s, err := RunARQSweep(ARQSweepDefault())
		if err != nil {
			return nil, err
		}
		return ARQ(s)
	case "states":
		return States(), nil
	case "ladder":
		res, err := scenario.Run(LadderDefault, 1)
		if err != nil {
			return nil, err
		}
		return Ladder(res)
	}
	return nil, fmt.Errorf("plots: no figure is called %q; the kinds are %s", kind, KindNames())
}

// runBulk runs c and draws it with draw.
func runBulk(c bulk.Config, draw func(*bulk.Result) (*Figure, error)) (*Figure, error) {
	res, err := bulk.Run(c)
	if err != nil {
		return nil, err
	}
	return draw(res)
}

// Gallery writes every kind's default figure to dir as KIND.png, and a
// line per figure to log (if not nil) with the time it took.
func Gallery(dir string, log io.Writer, progress func(done, total int)) error {
	for _, k := range Kinds {
		start := time.Now()
		f, err := Default(k.Name, progress)
		if err != nil {
			return fmt.Errorf("plots: gallery: %s: %w", k.Name, err)
		}
		name := filepath.Join(dir, k.Name+".png")
		if err := f.Save(name); err != nil {
			return err
		}
		if log != nil {
			w, h := f.PixelSize()
			fmt.Fprintf(log, "%-30s %4d × %-4d pixels  %v\n", name, w, h, time.Since(start).Round(time.Millisecond))
		}
	}
	return nil
}
