package main

import (
	"fmt"
	"io"
	"time"

	"github.com/tcpedu/tcpedu/cmd/tcpedu/internal/capture"
	"github.com/tcpedu/tcpedu/plots"
	"github.com/tcpedu/tcpedu/tcpedu/bulk"
	"github.com/tcpedu/tcpedu/tcpedu/cc"
)

// tourSACK is the stop for SACK recovery and the figures: three segments
// of one window lost, as the compare figure draws them, run by Reno,
// NewReno and NewReno with SACK.
func tourSACK(w io.Writer, _ []capture.Frame) error {
	fmt.Fprint(w, `Three segments of one window lost (data segments 40, 42 and 44 of a
transfer at 10 Mbit/s, 20 ms each way). Reno leaves fast recovery at the
first new ACK, halves again at the next three duplicates, and the last hole
waits for the timer; NewReno stays in recovery and repairs one hole per
round trip; with SACK the receiver says which blocks arrived, and the
sender resends every hole within one round trip (RFC 6675):

`)
	type row struct {
		name string
		sack bool
		cc   string
	}
	for _, v := range []row{{"Reno", false, "reno"}, {"NewReno", false, "newreno"}, {"NewReno+SACK", true, "newreno"}} {
		c := plots.CompareRun()
		c.CC, c.SACK = v.cc, v.sack
		res, err := bulk.Run(c)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "  %-13s %d resent, %s, %3.0f ms in fast recovery (%.1f round trips), %.2f Mbit/s over %v\n",
			v.name, res.Retransmissions, plural(res.Timeouts, "timeout"), ms(recoveryTime(res)),
			float64(recoveryTime(res))/float64(res.RTT), res.GoodputBps/1e6, c.Duration)
	}
	_, err := fmt.Fprint(w, `
  tcpedu plot compare -o compare.png
      the same runs as a figure, cwnd and ssthresh over time, one panel
      per variant (add --sack for SACK); plots/gallery has every figure
  tcpedu sim --sack --drop 30,33,36 --bandwidth 100Mbps --duration 2s
      SACK at 100 Mbit/s; chapter 4.8 follows its pipe ACK by ACK
`)
	return err
}

// recoveryTime returns how long the sender spent in fast recovery.
func recoveryTime(res *bulk.Result) time.Duration {
	var total time.Duration
	for i := 0; i+1 < len(res.Trace); i++ {
		if res.Trace[i].Phase == cc.FastRecovery {
			total += res.Trace[i+1].At - res.Trace[i].At
		}
	}
	return total
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
