package grading

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/tcpedu/tcpedu/tcpedu/arq"
	"github.com/tcpedu/tcpedu/tcpedu/sim"
	"github.com/tcpedu/tcpedu/tcpedu/wire"
)

// This file compares two runs of an ARQ protocol event by event (arqStep),
// draws them as ladder diagrams when they part, and stages scripted cases
// on a single endpoint (arqBench) for the suites of exercises 06 to 09.

// arqStep is one event of a run as the suites compare runs: when, where,
// what, and the segment's label as the ladder diagram writes it. Notes,
// a timer's name and a retransmission's reason are left out: they are the
// learner's to word. A scripted input (arqBench.input) is a step too.
type arqStep struct {
	At       time.Duration
	Side     arq.Side
	Kind     arq.EventKind
	What     string
	from, to int // a delivery: the segments delivered
}

// String says what happened in words: "63.424 ms: the sender resends #2
// seq=1001".
func (s arqStep) String() string {
	var what string
	switch s.Kind {
	case arq.EventNote:
		what = "→ " + s.What
	case arq.EventSend:
		what = fmt.Sprintf("the %v sends %s", s.Side, s.What)
	case arq.EventRetransmit:
		what = fmt.Sprintf("the %v resends %s", s.Side, s.What)
	case arq.EventArrive:
		what = fmt.Sprintf("%s reaches the %v", s.What, arqOther(s.Side))
	case arq.EventLost:
		what = s.What + " is lost"
	case arq.EventCorrupt:
		what = s.What + " arrives damaged and is dropped"
	case arq.EventDuplicate:
		what = "the link delivers " + s.What + " twice"
	case arq.EventTimeout:
		what = fmt.Sprintf("the %v's timer expires", s.Side)
	case arq.EventDeliver:
		what = "the receiver delivers " + s.What
	default:
		what = "nothing: the run had ended"
	}
	return arqMs(s.At) + ": " + what
}

// arqOther returns the side a segment from side s travels to.
func arqOther(s arq.Side) arq.Side {
	if s == arq.Sender {
		return arq.Receiver
	}
	return arq.Sender
}

// arqInputMark starts the text of a note that records a scripted input:
// no learner's note starts with it.
const arqInputMark = "\x00input: "

// arqSteps returns a trace as steps. Deliveries made at one instant, with
// nothing between them, count as one: delivering #3-5 in one call or in
// three is the same to the application.
func arqSteps(tr *arq.Trace) []arqStep {
	size := tr.Numbering.Size
	var out []arqStep
	delivered := 0 // bytes so far
	for i := range tr.Events {
		ev := &tr.Events[i]
		st := arqStep{At: ev.At, Side: ev.Side, Kind: ev.Kind}
		switch ev.Kind {
		case arq.EventNote:
			if !strings.HasPrefix(ev.Text, arqInputMark) {
				continue
			}
			st.What = strings.TrimPrefix(ev.Text, arqInputMark)
		case arq.EventTimeout:
		case arq.EventDeliver:
			st.from = delivered/size + 1
			delivered += ev.Len
			st.to = (delivered-1)/size + 1
			if n := len(out); n > 0 && out[n-1].Kind == arq.EventDeliver && out[n-1].At == ev.At && out[n-1].Side == ev.Side {
				st.from = out[n-1].from
				out = out[:n-1]
			}
			st.What = fmt.Sprintf("#%d", st.from)
			if st.to != st.from {
				st.What = fmt.Sprintf("#%d-%d", st.from, st.to)
			}
		case arq.EventLost:
			st.What = tr.Describe(ev) + " (" + ev.Text + ")"
		default:
			st.What = tr.Describe(ev)
		}
		out = append(out, st)
	}
	return out
}

// arqSameRun compares the learner's run with the model's, event by event:
// the same Config and seed give the same trace when both endpoints make
// the same decisions at the same moments. On the first difference it
// reports both events and both ladder diagrams up to there.
func arqSameRun(c *C, h arqHalves, cfg arq.Config, extra string, yours, model *arq.Result) bool {
	a, b := arqSteps(yours.Trace), arqSteps(model.Trace)
	i := arqFirstDiff(a, b)
	if i < 0 {
		return true
	}
	got, want := "nothing: your run had ended", "nothing: the model's run had ended"
	var at time.Duration
	if i < len(a) {
		got, at = a[i].String(), a[i].At
	}
	if i < len(b) {
		want = b[i].String()
		if i >= len(a) || b[i].At < at {
			at = b[i].At
		}
	}
	c.Errorf("arq.Run(%s) with %s differs from the model's run, same Config and seed, at event %d:\n  yours:   %s\n  model's: %s\nyour run:\n%s\nthe model's:\n%s",
		arqCase(cfg, extra), h.who, i+1, got, want, arqLadder(yours, at, 14), arqLadder(model, at, 14))
	return false
}

// arqFirstDiff returns the index of the first step where a and b differ
// (one may have ended), or -1 if they are the same.
func arqFirstDiff(a, b []arqStep) int {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	if i == len(a) && i == len(b) {
		return -1
	}
	return i
}

// arqStepAt returns steps[i], or arqEnded if the log ended before.
func arqStepAt(steps []arqStep, i int) arqStep {
	if i < len(steps) {
		return steps[i]
	}
	return arqEnded
}

// arqEnded stands for the step after the last: no event at all.
var arqEnded = arqStep{Kind: -1}

// arqSame reports, without a word, whether the learner's run matches the
// model's in outcome and in every event.
func arqSame(yours, model *arq.Result) bool {
	return yours.InOrderAndComplete == model.InOrderAndComplete && yours.Misdelivered == model.Misdelivered &&
		arqFirstDiff(arqSteps(yours.Trace), arqSteps(model.Trace)) < 0
}

// arqLadder draws res's trace as a ladder diagram, its last lines up to
// and including time until.
func arqLadder(res *arq.Result, until time.Duration, lines int) string {
	var b bytes.Buffer
	if err := res.Trace.WriteLadder(&b); err != nil {
		return err.Error()
	}
	all := strings.Split(strings.TrimRight(b.String(), "\n"), "\n")
	if len(all) == 0 {
		return ""
	}
	limit := float64(until)/float64(time.Millisecond) + 0.0005
	var keep []string
	for _, l := range all[1:] {
		f := strings.Fields(l)
		if len(f) == 0 {
			continue
		}
		if t, err := strconv.ParseFloat(f[0], 64); err == nil && t > limit {
			break
		}
		keep = append(keep, l)
	}
	if len(keep) > lines {
		keep = append([]string{"..."}, keep[len(keep)-lines:]...)
	}
	// The time column is right-aligned; left-align it, so that the
	// diagram survives a report that trims each line (tcpedu grade's).
	keep = append([]string{all[0]}, keep...)
	for i, l := range keep {
		if len(l) > arqLadderTime {
			keep[i] = fmt.Sprintf("%-*s", arqLadderTime, strings.TrimSpace(l[:arqLadderTime])) + l[arqLadderTime:]
		}
	}
	return strings.Join(keep, "\n")
}

// arqLadderTime is the width of WriteLadder's time column, in characters.
const arqLadderTime = 10

// arqBench drives one endpoint by hand, through a real arq.Env on its own
// simulator: the suite plays segments to it at chosen moments and reads
// back, from the trace, what it sent, delivered and timed out. The same
// script played to the model's endpoint is the oracle.
type arqBench struct {
	sim   *sim.Sim
	env   *arq.Env
	p     arq.Params
	trace *arq.Trace

	delivered    uint32 // bytes the application has received
	misdelivered bool   // some were not the bytes sent at that place
}

// arqBenchMaxSends is far more segments than any script's endpoint sends:
// past it, the endpoint is looping.
const arqBenchMaxSends = 10000

// newArqBench returns a bench for the endpoint on side, with parameters p.
func newArqBench(side arq.Side, p arq.Params) *arqBench {
	b := &arqBench{sim: sim.New(1), p: p, trace: &arq.Trace{Numbering: p.Numbering}}
	sent := 0
	send := func(seg *arq.Segment) uint16 {
		sent++
		if sent > arqBenchMaxSends {
			panic(fmt.Sprintf("more than %d segments sent in one short script: a loop that does not end? (say, one running from SND.UNA to SND.NXT after SND.UNA went past SND.NXT)", arqBenchMaxSends))
		}
		return uint16(sent)
	}
	b.env = arq.NewEnv(b.sim, side, p.Numbering, send, b.deliver, b.trace)
	return b
}

// deliver is the receiving application: it checks every byte against the
// bytes sent, as arq.Run's does.
func (b *arqBench) deliver(data []byte) {
	want := make([]byte, len(data))
	arq.FillAppData(want, b.delivered)
	if !bytes.Equal(want, data) {
		b.misdelivered = true
	}
	b.delivered += uint32(len(data))
}

// at lets time pass until t, so that timers due by then expire.
func (b *arqBench) at(t time.Duration) { b.sim.RunUntil(t) }

// input records in the trace what the suite is about to hand the endpoint.
func (b *arqBench) input(format string, args ...any) {
	b.env.Note(arqInputMark+format, args...)
}

// ack returns the ACK a receiver sends asking for segment k next.
func (b *arqBench) ack(k int) *arq.Segment {
	return &arq.Segment{Seq: b.p.IRS.Add(1), Ack: b.p.SeqOf(k), Flags: wire.ACK, Window: b.p.Window * b.p.Size}
}

// data returns segment #k as the sender sends it, with the application's
// bytes.
func (b *arqBench) data(k int) *arq.Segment {
	at := b.p.SeqOf(k)
	payload := make([]byte, b.p.Size)
	arq.FillAppData(payload, uint32(at.Sub(b.p.First())))
	return &arq.Segment{Seq: at, Ack: b.p.IRS.Add(1), Flags: wire.ACK | wire.PSH, Window: b.p.Window * b.p.Size, Payload: payload}
}

// arqDiff is where a scripted run first differs from the model's: after
// how many of the script's inputs (1 for Start alone), and the two steps
// that differ (arqEnded where a log had ended).
type arqDiff struct {
	inputs       int
	yours, model arqStep
}

// arqSameScript compares what the learner's endpoint did with what the
// model's did on the same script, and on the first difference prints both
// logs up to there and returns where it is (ok false).
func arqSameScript(c *C, call string, yours, model *arq.Trace) (d arqDiff, ok bool) {
	a, b := arqSteps(yours), arqSteps(model)
	i := arqFirstDiff(a, b)
	if i < 0 {
		return d, true
	}
	for j := 0; j < i; j++ {
		if a[j].Kind == arq.EventNote {
			d.inputs++
		}
	}
	d.yours, d.model = arqStepAt(a, i), arqStepAt(b, i)
	c.Errorf("%s: step %d differs from the model's\nyours:\n%s\nthe model's:\n%s", call, i+1, arqLog(a, i), arqLog(b, i))
	return d, false
}

// arqInputHint offers hints[j-1] for a difference that came right after
// the script's input j (arqDiff.inputs), if there is one.
func arqInputHint(c *C, hints []string, d arqDiff) {
	if j := d.inputs - 1; j >= 0 && j < len(hints) && hints[j] != "" {
		c.Hint("%s", hints[j])
	}
}

// arqLog writes steps up to and including step i, one a line, marking
// step i.
func arqLog(steps []arqStep, i int) string {
	var b strings.Builder
	for j := 0; j < len(steps) && j <= i; j++ {
		mark := "   "
		if j == i {
			mark = ">> "
		}
		b.WriteString(mark + steps[j].String() + "\n")
	}
	if i >= len(steps) {
		b.WriteString(">> (nothing more)\n")
	}
	return strings.TrimRight(b.String(), "\n")
}
