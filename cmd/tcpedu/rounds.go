package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/tcpedu/tcpedu/tcpedu/cc"
)

const roundsUsage = `Usage: tcpedu rounds [--cc reno|tahoe] [--ssthresh N] [--rounds N] [--events R:3dup,R:timeout] [--json]

The textbook model of congestion control, one transmission round per row:
cwnd and ssthresh in segments, slow start doubling cwnd up to ssthresh,
congestion avoidance adding one segment per round, and each loss detected
at the end of a round, by three duplicate ACKs (3dup) or by a timeout.

  tcpedu rounds --cc tahoe --ssthresh 8 --rounds 15 --events 8:3dup
  tcpedu rounds --cc reno  --ssthresh 8 --rounds 15 --events 8:3dup
      Kurose and Ross's Figure 3.53: after the loss, Tahoe starts again from
      1 segment, Reno goes on from ssthresh + 3 = 9
  tcpedu rounds --cc reno --ssthresh 16 --rounds 25 --events 13:timeout,22:3dup --after-3dup ssthresh
      Xie Xiren's Figure 5-25, where Reno's cwnd after three duplicate ACKs is ssthresh

Flags:
`

func runRounds(e *env, args []string) error {
	var (
		variant, events, after string
		c                      cc.RoundsConfig
		asJSON                 bool
	)
	fs := flag.NewFlagSet("rounds", flag.ContinueOnError)
	fs.StringVar(&variant, "cc", "reno", "the `variant`: reno or tahoe")
	fs.IntVar(&c.Ssthresh, "ssthresh", 8, "initial ssthresh, in `segments`")
	fs.IntVar(&c.Cwnd, "cwnd", 1, "initial cwnd, in `segments`")
	fs.IntVar(&c.Rounds, "rounds", 20, "how many `rounds` to show")
	fs.StringVar(&events, "events", "", "losses at the ends of rounds, e.g. `8:3dup,14:timeout`")
	fs.StringVar(&after, "after-3dup", "ssthresh+3", "Reno's cwnd after three duplicate ACKs: `ssthresh+3` (RFC 5681's inflation, Kurose) or ssthresh (after deflation, Xie)")
	fs.BoolVar(&asJSON, "json", false, "print a JSON array, one object per round")
	rest, err := parseFlags(fs, args, roundsUsage, e.stdout)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usagef("unexpected argument %q: rounds takes only flags", rest[0])
	}
	if c.Variant, err = cc.ParseVariant(variant); err != nil {
		return usageError{err}
	}
	if c.Events, err = cc.ParseEvents(events); err != nil {
		return usageError{err}
	}
	if c.After, err = parseAfter3dup(after); err != nil {
		return err
	}
	if c.Cwnd < 1 {
		return usagef("--cwnd %d: the window starts at 1 segment or more", c.Cwnd)
	}
	rows, err := cc.Rounds(c)
	if err != nil {
		return usageError{err}
	}
	if asJSON {
		return writeJSON(e.stdout, roundsJSON(rows))
	}
	printRounds(e.stdout, c, rows)
	return nil
}

type roundJSON struct {
	Round    int    `json:"round"`
	Cwnd     int    `json:"cwnd"`
	Ssthresh int    `json:"ssthresh"`
	Phase    string `json:"phase"`
	Loss     string `json:"loss,omitempty"` // the loss detected at the end of the round
}

func roundsJSON(rows []cc.Round) []roundJSON {
	out := make([]roundJSON, 0, len(rows))
	for _, r := range rows {
		j := roundJSON{Round: r.Round, Cwnd: r.Cwnd, Ssthresh: r.Ssthresh, Phase: string(r.Phase)}
		if r.Loss != 0 {
			j.Loss = r.Loss.String()
		}
		out = append(out, j)
	}
	return out
}

// printRounds prints the rounds as a table with a bar for cwnd, the way
// the textbook figure would look turned on its side.
func printRounds(w io.Writer, c cc.RoundsConfig, rows []cc.Round) {
	name := c.Variant.String()
	fmt.Fprintf(w, "%s, initial ssthresh %d segments\n\n", strings.ToUpper(name[:1])+name[1:], c.Ssthresh)
	fmt.Fprintf(w, "round  cwnd  ssthresh  phase                 cwnd (# = 1 segment, | = ssthresh)\n")
	for _, r := range rows {
		bar := []byte(strings.Repeat("#", r.Cwnd))
		for len(bar) < r.Ssthresh {
			bar = append(bar, ' ')
		}
		if r.Ssthresh >= 1 && r.Ssthresh <= len(bar) && r.Ssthresh > r.Cwnd {
			bar[r.Ssthresh-1] = '|'
		}
		line := fmt.Sprintf("%5d  %4d  %8d  %-20s  %s", r.Round, r.Cwnd, r.Ssthresh, r.Phase, strings.TrimRight(string(bar), " "))
		if r.Loss != 0 {
			line += fmt.Sprintf("  <- %s at the end of this round", lossWords(r.Loss))
		}
		fmt.Fprintln(w, line)
	}
}

func lossWords(l cc.Loss) string {
	if l == cc.TripleDup {
		return "three duplicate ACKs"
	}
	return "a timeout"
}

// parseAfter3dup reads --after-3dup: Reno's cwnd after three duplicate
// ACKs in the round model.
func parseAfter3dup(s string) (cc.AfterTripleDup, error) {
	switch s {
	case "ssthresh+3":
		return cc.PlusThree, nil
	case "ssthresh":
		return cc.Halve, nil
	}
	return 0, usagef("--after-3dup is ssthresh+3 or ssthresh, not %q", s)
}
