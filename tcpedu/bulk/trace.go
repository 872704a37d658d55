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
	RTO      time.Duration
	InFlight int // bytes: SND.NXT - SND.UNA
	Phase    cc.Phase
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
	}
	if s.Ssthresh > infiniteSsthresh {
		s.Ssthresh = infiniteSsthresh
	}
	if len(r.res.Trace) > 0 && s == r.last {
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
