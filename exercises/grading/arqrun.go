package grading

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"github.com/tcpedu/tcpedu/tcpedu/arq"
	"github.com/tcpedu/tcpedu/tcpedu/link"
	"github.com/tcpedu/tcpedu/tcpedu/wire"
)

// This file runs a learner's ARQ endpoints on the real harness (arq.Run)
// beside the model's, and compares the two runs: what was delivered,
// what was sent again, how many segments were in flight. The suites of
// exercises 06 to 09 share it; arqscript.go compares runs event by event
// and stages scripted cases.

// arqHalves says whose endpoints a run uses: the learner's where snd or
// rcv is set, the model's (Config.Protocol's) where it is nil.
type arqHalves struct {
	who string // "your sender, with the model's receiver"
	snd func(env *arq.Env, p arq.Params) arq.SenderEndpoint
	rcv func(env *arq.Env, p arq.Params) arq.ReceiverEndpoint

	// hints, if set, looks in a failed run for the protocol's own
	// misconceptions, after the common ones (arqMatches).
	hints func(c *C, yours, model *arq.Result)
}

// arqWrapSeed is a seed whose initial sequence number lies 3,686 bytes
// below 2^32 (ISS = 4294963610), so that with 1000-byte segments #4 runs
// across the wrap and everything after it is numbered from 0 again.
const arqWrapSeed = 1295967

// arqWrapsIn reports whether segment k runs across 2^32: its first
// sequence number is larger, as a plain number, than the next segment's.
func arqWrapsIn(num arq.Numbering, k int) bool { return uint32(num.SeqOf(k)) > uint32(num.SeqOf(k+1)) }

// arqRun runs cfg with its trace on. An error is a Config the suite built
// wrongly, or a segment the learner's code built that cannot be encoded.
func arqRun(c *C, cfg arq.Config) *arq.Result {
	cfg.Trace = true
	res, err := arq.Run(cfg)
	if err != nil {
		c.Fatalf("arq.Run(%s): %v", arqCase(cfg, ""), err)
	}
	return res
}

// arqVersus runs cfg with the model's endpoints, then with h's, and
// returns both results. The learner's run is given at most twice the
// model's time plus 20 RTOs: a sender that never finishes stops there.
func arqVersus(c *C, cfg arq.Config, h arqHalves, extra string) (yours, model *arq.Result) {
	cfg.NewSender, cfg.NewReceiver = nil, nil
	model = arqRun(c, cfg)
	if !model.InOrderAndComplete && cfg.SeqSpace == 0 {
		c.Fatalf("grading: the model failed its own run %s: tell the course staff", arqCase(cfg, extra))
	}
	cfg.NewSender, cfg.NewReceiver = h.snd, h.rcv
	if cfg.MaxTime == 0 {
		cfg.MaxTime = 2*model.Elapsed + 20*model.Config.RTO
	}
	yours = arqRun(c, cfg)
	return yours, model
}

// arqDelivered checks that the learner's run finished and delivered
// exactly the bytes sent, in order, once, as the model's did. It returns
// the misconception a failure most likely shows, for the caller to offer
// after any more specific one.
func arqDelivered(c *C, h arqHalves, cfg arq.Config, extra string, yours, model *arq.Result) (ok bool, hint string) {
	call := fmt.Sprintf("arq.Run(%s) with %s", arqCase(cfg, extra), h.who)
	switch {
	case yours.InOrderAndComplete == model.InOrderAndComplete && yours.Misdelivered == model.Misdelivered:
		return true, ""
	case yours.Misdelivered && !model.Misdelivered:
		c.Errorf("%s: the application received bytes that are not the bytes sent at that place in the stream (%s)", call, arqSummary(yours))
		return false, "a segment was delivered twice, or in the wrong place: deliver only the segment expected next (or, from a buffer, in sequence order), and discard copies"
	case !yours.Complete:
		c.Errorf("%s: after %v of virtual time the sender had still not seen every segment acknowledged (the model's run finished in %v; %s)",
			call, yours.Elapsed.Round(time.Microsecond), model.Elapsed.Round(time.Microsecond), arqSummary(yours))
		if arqSawLastACK(yours) {
			return false, "everything arrived and was ACKed, yet the run went on: Done must report true once every segment is acknowledged"
		}
	case yours.Delivered != cfg.Segments:
		c.Errorf("%s: the application received %d of %d segments, yet the sender's Done reported true (%s)", call, yours.Delivered, cfg.Segments, arqSummary(yours))
		return false, "Done reports true only when all p.Segments segments have been acknowledged"
	default:
		c.Errorf("%s: in order and complete %v, want %v (%s)", call, yours.InOrderAndComplete, model.InOrderAndComplete, arqSummary(yours))
	}
	return false, ""
}

// arqMatches checks the learner's run against the model's: the same
// outcome (arqDelivered) and the same events (arqSameRun), both reported,
// so that a run that never finished also shows where it went astray; and
// every ACK of a learner's receiver carries the ACK flag. On a failure it
// names the first misconception that arqSenderHints, arqReceiverHints,
// h.hints or arqDelivered recognises.
func arqMatches(c *C, h arqHalves, cfg arq.Config, extra string, yours, model *arq.Result) bool {
	ok, hint := arqDelivered(c, h, cfg, extra, yours, model)
	ok = arqSameRun(c, h, cfg, extra, yours, model) && ok
	if h.rcv != nil {
		for _, ev := range arqACKs(yours) {
			if !ev.Seg.Flags.Has(wire.ACK) {
				c.Errorf("arq.Run(%s) with %s: at %s the receiver sent an acknowledgment whose flags are %v, want ACK",
					arqCase(cfg, extra), h.who, arqMs(ev.At), ev.Seg.Flags)
				ok = false
				break
			}
		}
	}
	if !ok && h.rcv != nil && len(arqACKs(yours)) > 0 && !arqACKs(yours)[0].Seg.Flags.Has(wire.ACK) {
		c.Hint("an acknowledgment has Flags: wire.ACK; without the flag its Ack field means nothing to TCP (and the scripted faults do not see an ACK)")
	}
	if !ok && h.rcv != nil && len(arqACKs(yours)) == 0 && yours.Delivered == 0 {
		c.Hint("your receiver neither delivered nor acknowledged anything: OnData hands the segment expected next to the application with env.Deliver, and answers every arrival with env.Send(&ack)")
	}
	if !ok {
		window := yours.Config.Window
		if cfg.Protocol == arq.StopAndWait {
			window = 1
		}
		// The common mistakes of a sender first, then the protocol's
		// own, then the common mistakes of a receiver, which are coarser.
		arqSenderHints(c, h, yours, window)
		if h.hints != nil {
			h.hints(c, yours, model)
		}
		arqReceiverHints(c, h, yours, model)
		if hint != "" {
			c.Hint("%s", hint)
		}
	}
	return ok
}

// arqSummary gives a run's counters in one line.
func arqSummary(res *arq.Result) string {
	return fmt.Sprintf("delivered %d segments; %d transmissions, %d of them retransmissions; %d timeouts; %d ACKs",
		res.Delivered, res.Transmissions, res.Retransmissions, res.Timeouts, res.ACKs)
}

// arqCase describes a run's Config in a few words: "Go-Back-N, window 5,
// 5 segments, #3 lost". extra names what the Config's scripts or random
// faults do, which the Config cannot say itself.
func arqCase(cfg arq.Config, extra string) string {
	parts := []string{cfg.Protocol.Title()}
	if cfg.Protocol != arq.StopAndWait && cfg.Window > 0 {
		parts = append(parts, fmt.Sprintf("window %d", cfg.Window))
	}
	if cfg.SeqSpace > 0 {
		parts = append(parts, fmt.Sprintf("%d sequence numbers", cfg.SeqSpace))
	}
	n := cfg.Segments
	if n == 0 {
		n = arq.DefaultSegments
	}
	parts = append(parts, fmt.Sprintf("%d segments", n))
	if cfg.Size > 0 && cfg.Size != arq.DefaultSize {
		parts = append(parts, fmt.Sprintf("of %d bytes", cfg.Size))
	}
	if len(cfg.DropSegments) > 0 {
		parts = append(parts, arqList(cfg.DropSegments)+" lost")
	}
	if len(cfg.DropACKs) > 0 {
		parts = append(parts, arqACKList(cfg.DropACKs)+" lost")
	}
	if len(cfg.LateACKs) > 0 {
		parts = append(parts, arqACKList(cfg.LateACKs)+" late")
	}
	if extra != "" {
		parts = append(parts, extra)
	}
	if cfg.Seed != 0 {
		parts = append(parts, fmt.Sprintf("seed %d", cfg.Seed))
	}
	return strings.Join(parts, ", ")
}

// arqList writes segment numbers as the ladder does: "#3, #4, #5".
func arqList(ks []int) string {
	if len(ks) == 0 {
		return "none"
	}
	s := make([]string, len(ks))
	for i, k := range ks {
		s[i] = "#" + strconv.Itoa(k)
	}
	return strings.Join(s, ", ")
}

// arqACKList names the ACKs that ask for segments ks: "the ACK asking for #3".
func arqACKList(ks []int) string {
	if len(ks) == 1 {
		return "the ACK asking for " + arqList(ks)
	}
	return "the ACKs asking for " + arqList(ks)
}

func arqSameInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// arqWithin reports whether got is within a fraction tol of want.
func arqWithin(got, want, tol float64) bool {
	d := got - want
	if d < 0 {
		d = -d
	}
	return d <= tol*want
}

// arqMs writes a virtual time as the ladder does, in milliseconds.
func arqMs(d time.Duration) string {
	return fmt.Sprintf("%.3f ms", float64(d)/float64(time.Millisecond))
}

// arqIndex returns the segment number of ev's data segment.
func arqIndex(res *arq.Result, ev *arq.Event) int { return res.Trace.Numbering.Index(ev.Seg.Seq) }

// arqResent returns the segment numbers the sender retransmitted, in order.
func arqResent(res *arq.Result) []int {
	var out []int
	for i := range res.Trace.Events {
		ev := &res.Trace.Events[i]
		if ev.Kind == arq.EventRetransmit && ev.Side == arq.Sender {
			out = append(out, arqIndex(res, ev))
		}
	}
	return out
}

// arqSentAgain reports whether the sender used env.Send for a segment it
// had sent before.
func arqSentAgain(res *arq.Result) bool {
	seen := map[int]bool{}
	for i := range res.Trace.Events {
		ev := &res.Trace.Events[i]
		if ev.Kind == arq.EventSend && ev.Side == arq.Sender {
			k := arqIndex(res, ev)
			if seen[k] {
				return true
			}
			seen[k] = true
		}
	}
	return false
}

// arqACKs returns the receiver's acknowledgments, in the order sent.
func arqACKs(res *arq.Result) []*arq.Event {
	var out []*arq.Event
	for i := range res.Trace.Events {
		ev := &res.Trace.Events[i]
		if (ev.Kind == arq.EventSend || ev.Kind == arq.EventRetransmit) && ev.Side == arq.Receiver {
			out = append(out, ev)
		}
	}
	return out
}

// arqSawLastACK reports whether the ACK of the last segment reached the
// sender: after it, Done should report true.
func arqSawLastACK(res *arq.Result) bool {
	last := res.Config.Segments + 1
	for i := range res.Trace.Events {
		ev := &res.Trace.Events[i]
		if ev.Kind == arq.EventArrive && ev.Side == arq.Receiver && res.Trace.Numbering.Index(ev.Seg.Ack) == last {
			return true
		}
	}
	return false
}

// arqMaxOutstanding returns the most segments the sender had sent and not
// seen acknowledged, counting the one just sent, and the send at which
// that happened. A segment counts as acknowledged once an ACK asking for a
// later one has reached the sender.
func arqMaxOutstanding(res *arq.Result) (most int, at *arq.Event) {
	num := res.Trace.Numbering
	acked, highest := 0, 0 // segments acknowledged, and the highest sent, by number
	for i := range res.Trace.Events {
		ev := &res.Trace.Events[i]
		switch {
		case ev.Kind == arq.EventArrive && ev.Side == arq.Receiver:
			if k := num.Index(ev.Seg.Ack) - 1; k > acked && k <= highest {
				acked = k
			}
		case ev.Kind == arq.EventSend && ev.Side == arq.Sender:
			k := num.Index(ev.Seg.Seq)
			if k > highest {
				highest = k
			}
			if n := k - acked; n > most {
				most, at = n, ev
			}
		}
	}
	return most, at
}

// arqSenderHints looks in a failed run for the mistakes a learner's sender
// often makes, and names the first it finds. window is the protocol's N.
func arqSenderHints(c *C, h arqHalves, yours *arq.Result, window int) {
	if h.snd == nil {
		return
	}
	tr := yours.Trace
	for i := range tr.Events {
		ev := &tr.Events[i]
		if (ev.Kind == arq.EventSend || ev.Kind == arq.EventRetransmit) && ev.Side == arq.Sender {
			if ev.Len != tr.Numbering.Size {
				c.Hint("every data segment carries p.Size bytes: Payload: env.Payload(seg.Seq, p.Size); one of yours carried %d", ev.Len)
				return
			}
			if uint32(ev.Seg.Seq.Sub(tr.Numbering.First()))%uint32(tr.Numbering.Size) != 0 {
				c.Hint("segment #k starts at sequence number p.SeqOf(k) = ISS + 1 + (k−1)·Size; one of yours started at %v", ev.Seg.Seq)
				return
			}
		}
	}
	if yours.Transmissions == 0 {
		c.Hint("nothing was sent: Start sends the first segment with env.Send")
		return
	}
	if !yours.Complete && yours.Elapsed < yours.Config.MaxTime && !arqSawLastACK(yours) {
		c.Hint("your sender fell silent with segments unacknowledged and no timer armed: every transmission, retransmissions included, (re)starts the timer, and it is stopped only when nothing is outstanding")
		return
	}
	if n, _ := arqMaxOutstanding(yours); n > window {
		if window == 1 {
			c.Hint("never have more than one segment unacknowledged: send the next only when the ACK asking for it has arrived")
		} else {
			c.Hint("never have more than N = %d segments unacknowledged: before each new segment, check that SND.NXT − SND.UNA < N·Size", window)
		}
		return
	}
	if arqSentAgain(yours) {
		c.Hint("a segment sent again goes out through env.Retransmit(&seg, why), not env.Send: the harness counts and draws retransmissions apart")
		return
	}
	if yours.Misdelivered {
		c.Hint("the payload of the segment at sequence number s is env.Payload(s, p.Size): the application's bytes at that place")
	}
}

// arqReceiverHints looks in a failed run for the mistakes a learner's
// receiver often makes, and names the first it finds.
func arqReceiverHints(c *C, h arqHalves, yours, model *arq.Result) {
	if h.rcv == nil {
		return
	}
	acks, want := arqACKs(yours), arqACKs(model)
	for i, ev := range acks {
		if !ev.Seg.Flags.Has(wire.ACK) {
			c.Hint("an acknowledgment has Flags: wire.ACK; without the flag its Ack field means nothing to TCP (and the scripted faults do not see an ACK)")
			return
		}
		if i < len(want) && ev.Seg.Ack != want[i].Seg.Ack {
			num := yours.Trace.Numbering
			if ev.Seg.Ack == want[i].Seg.Ack.Add(uint32(-num.Size)) {
				c.Hint("an ACK names the next byte expected, RCV.NXT = SEG.SEQ + SEG.LEN (RFC 9293 §3.4), not the segment that arrived: after #1 it asks for #2, Ack: p.SeqOf(2)")
				return
			}
			break
		}
	}
	if len(acks) < len(want) {
		c.Hint("every arriving segment is answered with an ACK, a duplicate too: its ACK was lost, and the sender resends it until one gets through")
	}
}

// arqRandomFaults draws a fault mix for one direction: loss up to 25%,
// sometimes in bursts, corruption, duplication, and jitter and reordering
// under half the one-way delay, as arq's own property test does.
// Stop-and-wait's one bit tells segments apart only while no copy arrives
// a round trip late (arq's TestAlternatingBitNeedsFIFO).
func arqRandomFaults(r *rand.Rand, delay time.Duration) link.Faults {
	f := link.Faults{
		Loss:      0.25 * r.Float64(),
		Corrupt:   0.05 * r.Float64(),
		Duplicate: 0.1 * r.Float64(),
		Jitter:    time.Duration(r.Int64N(int64(delay / 2))),
	}
	if r.IntN(4) == 0 {
		f.Burst = &link.GilbertElliott{P: 0.05 * r.Float64(), R: 0.2 + 0.6*r.Float64(), LossBad: 0.9}
	}
	if r.IntN(3) == 0 {
		f.Reorder, f.ReorderDelay = 0.2*r.Float64(), 1+time.Duration(r.Int64N(int64(delay/2)))
	}
	return f
}
