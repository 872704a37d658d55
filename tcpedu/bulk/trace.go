package bulk

import (
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/tcpedu/tcpedu/tcpedu/cc"
)

// Sample is the sender's state at one instant.
type Sample struct {
	At       time.Duration
	Cwnd     int // bytes
	Ssthresh int // bytes; 2^31-1 before the first loss ("arbitrarily high")
	SRTT     time.Duration
	RTO      time.Duration // backoff included
	InFlight int           // bytes: SND.NXT - SND.UNA
	Phase    cc.Phase

	// Recorded alongside, for the figures (package plots); a change in
	// these alone does not make a new Sample, so that the trace keeps one
	// row per change of the columns above.
	RTTVAR     time.Duration // RTTVAR (RFC 6298)
	RTT        time.Duration // the latest round-trip measurement, R; 0 before the first
	RTTSamples int           // round trips measured so far: a new measurement each time it grows
	SndWnd     int           // SND.WND: rwnd, the window the receiver last offered, bytes
	Timeouts   int           // retransmission timer expiries so far
}

// sameRow reports whether a and b differ in nothing a trace row shows:
// the fields before RTTVAR.
func sameRow(a, b Sample) bool {
	return a.Cwnd == b.Cwnd && a.Ssthresh == b.Ssthresh && a.SRTT == b.SRTT && a.RTO == b.RTO &&
		a.InFlight == b.InFlight && a.Phase == b.Phase
}

// sample records the sender's state if it changed.
func (r *runner) sample() {
	if !r.cfg.Trace || r.sender == nil || r.sender.CC() == nil {
		return
	}
	alg := r.sender.CC()
	rto := r.sender.RTO()
	s := Sample{
		Cwnd: alg.Cwnd(), Ssthresh: alg.Ssthresh(), SRTT: rto.SRTT, RTO: rto.RTO,
		InFlight: int(r.sender.SndUna().Distance(r.sender.SndNxt())), Phase: alg.Phase(),
		RTTVAR: rto.RTTVAR, RTT: rto.R, RTTSamples: rto.Samples,
		SndWnd: r.sender.SndWnd(), Timeouts: r.sender.Stats().Timeouts,
	}
	if s.Ssthresh > infiniteSsthresh {
		s.Ssthresh = infiniteSsthresh
	}
	if len(r.res.Trace) > 0 && sameRow(s, r.last) {
		return
	}
	r.last = s
	s.At = r.s.Now()
	r.res.Trace = append(r.res.Trace, s)
}

// TraceHeader is the CSV header of WriteTrace, as ../shared/spec/CLI.md
// fixes it.
const TraceHeader = "time_s,cwnd_bytes,ssthresh_bytes,srtt_ms,rto_ms,bytes_in_flight"

// WriteTrace writes samples as CSV, one row per change.
func WriteTrace(w io.Writer, samples []Sample) error {
	if _, err := fmt.Fprintln(w, TraceHeader); err != nil {
		return err
	}
	buf := make([]byte, 0, 96)
	for _, s := range samples {
		buf = buf[:0]
		buf = strconv.AppendFloat(buf, s.At.Seconds(), 'f', 6, 64)
		buf = append(buf, ',')
		buf = strconv.AppendInt(buf, int64(s.Cwnd), 10)
		buf = append(buf, ',')
		buf = strconv.AppendInt(buf, int64(s.Ssthresh), 10)
		buf = append(buf, ',')
		buf = strconv.AppendFloat(buf, float64(s.SRTT)/float64(time.Millisecond), 'f', 3, 64)
		buf = append(buf, ',')
		buf = strconv.AppendFloat(buf, float64(s.RTO)/float64(time.Millisecond), 'f', 3, 64)
		buf = append(buf, ',')
		buf = strconv.AppendInt(buf, int64(s.InFlight), 10)
		buf = append(buf, '\n')
		if _, err := w.Write(buf); err != nil {
			return err
		}
	}
	return nil
}
