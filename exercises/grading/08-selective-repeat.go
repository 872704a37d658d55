package grading

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/tcpedu/tcpedu/tcpedu/arq"
	"github.com/tcpedu/tcpedu/tcpedu/link"
)

// SelectiveRepeatImpl is exercise 08's code under test: the receiving
// half of Selective Repeat, with its own reassembly buffer, built as
// arq.Config.NewReceiver builds it. It runs against the model's Selective
// Repeat sender.
type SelectiveRepeatImpl struct {
	NewReceiver func(env *arq.Env, p arq.Params) arq.ReceiverEndpoint
}

// SelectiveRepeat grades exercise 08 with impl.
func SelectiveRepeat(t *testing.T, impl SelectiveRepeatImpl) {
	Run(t, "08-selective-repeat", selectiveRepeatChecks(impl))
}

func init() {
	register(Exercise{ID: "08-selective-repeat", Title: "Selective Repeat: the receiver's buffer", File: "selrepeat.go",
		Checks: selectiveRepeatChecks(SelectiveRepeatImpl{})})
}

func selectiveRepeatChecks(impl SelectiveRepeatImpl) []Check {
	receiver := arqHalves{who: "the model's sender, with your receiver", rcv: impl.NewReceiver, hints: selectiveRepeatHints}
	return []Check{{
		Name: "delivers in order and ACKs each segment",
		Hint: "a segment at RCV.NXT goes to the application at once, and every arrival is answered with an ACK whose Ack is the new RCV.NXT",
		Run: func(c *C) {
			for _, cfg := range []arq.Config{
				{Protocol: arq.SelectiveRepeat, Window: 5, Segments: 10},
				{Protocol: arq.SelectiveRepeat, Window: 1, Segments: 4},
			} {
				yours, model := arqVersus(c, cfg, receiver, "")
				if !arqMatches(c, receiver, cfg, "", yours, model) {
					return
				}
			}
		},
	}, {
		Name: "buffers out of order and delivers when the hole fills",
		Hint: "keep a copy of every segment inside the window above RCV.NXT; when the segment at RCV.NXT arrives, deliver it and every buffered segment after it, in order, up to the next hole",
		Run: func(c *C) {
			for _, cfg := range []arq.Config{
				{Protocol: arq.SelectiveRepeat, Window: 5, Segments: 5, DropSegments: []int{3}},
				{Protocol: arq.SelectiveRepeat, Window: 6, Segments: 10, DropSegments: []int{2, 4}},
			} {
				yours, model := arqVersus(c, cfg, receiver, "")
				if got, want := arqResent(yours), arqResent(model); len(got) > len(want) && yours.ACKs > 0 {
					c.Errorf("arq.Run(%s) with %s: the sender had to resend %s, want only %s", arqCase(cfg, ""), receiver.who, arqList(got), arqList(want))
					c.Hint("the sender resent segments that had arrived: keep every segment inside the window and name it in a SACK block, so that only the missing one is resent (discarding them is Go-Back-N)")
				}
				if got, want := arqDeliveries(yours), arqDeliveries(model); !arqSameStrings(got, want) {
					c.Errorf("arq.Run(%s) with %s: deliveries %v, want %v", arqCase(cfg, ""), receiver.who, got, want)
				}
				if !arqMatches(c, receiver, cfg, "", yours, model) {
					return
				}
			}
		},
	}, {
		Name: "names a buffered segment in a SACK block",
		Hint: "the ACK of a segment kept above RCV.NXT carries Ack = RCV.NXT and one SACK block, [SEG.SEQ, SEG.SEQ+SEG.LEN), naming just that segment: that is how TCP says \"this one arrived\"",
		Run: func(c *C) {
			for _, cfg := range []arq.Config{
				{Protocol: arq.SelectiveRepeat, Window: 5, Segments: 5, DropSegments: []int{3}},
				{Protocol: arq.SelectiveRepeat, Window: 8, Segments: 12, DropSegments: []int{2, 5}},
			} {
				yours, model := arqVersus(c, cfg, receiver, "")
				if !selectiveRepeatSameACKs(c, cfg, receiver, yours, model) {
					return
				}
				if !arqMatches(c, receiver, cfg, "", yours, model) {
					return
				}
			}
		},
	}, {
		Name: "ACKs again what it has already delivered",
		Hint: "a segment from the N just below RCV.NXT was delivered already, and its ACK was lost: discard it, but ACK it again (Ack = RCV.NXT, no block), or the sender resends it until its retries run out",
		Run: func(c *C) {
			cfg := arq.Config{Protocol: arq.SelectiveRepeat, Window: 4, Segments: 8, DropACKs: []int{2, 3, 4, 5}}
			yours, model := arqVersus(c, cfg, receiver, "")
			if yours.ACKs < model.ACKs {
				c.Errorf("arq.Run(%s) with %s: your receiver sent %d ACKs, want %d: one for every arrival inside the window or the N below it",
					arqCase(cfg, ""), receiver.who, yours.ACKs, model.ACKs)
			}
			if yours.ACKs < model.ACKs && yours.Delivered > 0 {
				c.Hint("the ACKs of #1 to #4 were lost, so the sender resends them: they lie below RCV.NXT, already delivered, and each must be ACKed again or the sender never learns they arrived")
			}
			arqMatches(c, receiver, cfg, "", yours, model)
		},
	}, {
		Name: "keeps one copy of a duplicate",
		Hint: "a segment already buffered may arrive again (the link duplicated it, or the sender resent it): keep the copy you have, deliver it once, and ACK it again with its block",
		Run: func(c *C) {
			cfg := arq.Config{Protocol: arq.SelectiveRepeat, Window: 5, Segments: 6, DropSegments: []int{3},
				Forward: link.Faults{Script: []link.Rule{{Action: link.Duplicate, Match: link.DataSegment(), Nth: 4}}}}
			yours, model := arqVersus(c, cfg, receiver, "#4 duplicated by the link")
			arqMatches(c, receiver, cfg, "#4 duplicated by the link", yours, model)
		},
	}, {
		Name: "ignores what lies outside its window",
		Hint: "accept into the buffer only RCV.NXT up to RCV.NXT + (N−1)·Size; re-ACK the N segments just below RCV.NXT; ignore everything else, without an ACK",
		Run: func(c *C) {
			p := arq.Params{Numbering: arq.Numbering{ISS: 0, IRS: 9000, Size: 100}, Window: 4, Segments: 12, RTO: 100 * time.Millisecond}
			script := []struct {
				k          int
				what, hint string
			}{
				{1, "in order", "a segment at RCV.NXT is delivered at once and ACKed with the new RCV.NXT, no block"},
				{3, "inside the window #2-#5", "#3 is inside the window (RCV.NXT is #2, the window #2-#5): keep a copy, and ACK with Ack = RCV.NXT and one SACK block [SEG.SEQ, SEG.SEQ+SEG.LEN) naming #3"},
				{6, "beyond the window #2-#5", "#6 lies beyond the window #2-#5: ignore it, without an ACK (the sender never sends beyond it; the model's sender cannot have)"},
				{5, "inside the window", "#5 is the last segment inside the window #2-#5: keep it, and ACK it with its block"},
				{3, "again: already buffered", "#3 again, already buffered: keep one copy, and ACK it again with its block"},
				{2, "fills the hole", "#2 fills the hole: deliver #2 and the buffered #3, in order, and ACK with the new RCV.NXT (#4) and no block"},
				{6, "now inside the window #4-#7", "RCV.NXT moved to #4, so the window is #4-#7 now and #6 is inside it: keep it"},
				{4, "fills the next hole", "#4 fills the hole: deliver #4, #5 and #6 in order, and ACK with the new RCV.NXT (#7)"},
				{5, "already delivered, among the N below RCV.NXT", "#5 was delivered already and its ACK lost: discard it but ACK it again, Ack = RCV.NXT and no block"},
				{2, "more than N below RCV.NXT", "#2 lies more than N below RCV.NXT: no sender with a window of N can still be sending it, so ignore it, without an ACK"},
				{11, "beyond the window #7-#10", "#11 lies beyond the window #7-#10: ignore it, without an ACK"},
				{7, "in order", "a segment at RCV.NXT is delivered at once"},
			}
			var hints []string
			play := func(newReceiver func(env *arq.Env, p arq.Params) arq.ReceiverEndpoint) *arqBench {
				b := newArqBench(arq.Receiver, p)
				r := newReceiver(b.env, p)
				hints = hints[:0]
				for i, st := range script {
					b.at(time.Duration(i+1) * time.Millisecond)
					b.input("OnData(#%d): %s", st.k, st.what)
					r.OnData(b.data(st.k))
					hints = append(hints, st.hint)
				}
				return b
			}
			yours := play(impl.NewReceiver)
			model := play(arq.NewSelectiveRepeatReceiver)
			call := "your receiver, with segments played to it by hand (window 4, segments of 100 bytes; the log shows sequence numbers relative to ISS)"
			if d, ok := arqSameScript(c, call, yours.trace, model.trace); !ok {
				arqInputHint(c, hints, d)
			}
			if yours.misdelivered {
				c.Errorf("%s: the application received bytes that are not the bytes sent at that place in the stream", call)
				c.Hint("deliver in sequence order, each segment once: from the slot at RCV.NXT, moving RCV.NXT on by one segment each time")
			}
		},
	}, {
		Name: "delivers exactly once over random faults",
		Hint: "loss, damage, duplication and reordering both ways: keep what lies in the window once, deliver in order, ACK every arrival inside the window or the N below it, ignore the rest",
		Run: func(c *C) {
			for seed := uint64(1); seed <= 15; seed++ {
				r := rand.New(rand.NewPCG(seed, 80))
				cfg := arq.Config{Protocol: arq.SelectiveRepeat, Window: 1 + r.IntN(12), Size: 1 + r.IntN(1460), Segments: 20 + r.IntN(30), Seed: seed}
				cfg.Forward = arqRandomFaults(r, arq.DefaultDelay)
				cfg.Reverse = arqRandomFaults(r, arq.DefaultDelay)
				yours, model := arqVersus(c, cfg, receiver, "random faults")
				if !arqMatches(c, receiver, cfg, "random faults", yours, model) {
					return
				}
			}
		},
	}, {
		Name: "reads sequence numbers modulo SeqSpace",
		Hint: "with p.SeqSpace = M > 0 the header carries only the segment number modulo M, (p.Index(seq)−1) mod M: work out a segment's place from that alone, as the model does; the window rule N ≤ M/2 is what keeps that right",
		Run: func(c *C) {
			for _, tc := range []struct{ window, space int }{{2, 4}, {4, 8}, {3, 4}, {5, 8}} {
				cfg := arq.WindowRuleDemo(arq.SelectiveRepeat, tc.window, tc.space)
				const extra = "every ACK of the first window lost"
				yours, model := arqVersus(c, cfg, receiver, extra)
				if model.Misdelivered && !yours.Misdelivered {
					c.Errorf("arq.Run(%s) with %s: no old segment was taken for a new one, though the window %d is more than half of the %d numbers: want the model's mistake, Misdelivered",
						arqCase(cfg, extra), receiver.who, tc.window, tc.space)
					c.Hint("with N > M/2, a receiver that reads only the number modulo M, (p.Index(seq)−1) mod M, takes the resent old segment for a new one, as the model does; yours did not: it read more than that number (TCP's full 32 bits?), or did not file an arrival at offset (number − number(RCV.NXT)) mod M when that is below N")
				}
				if !arqMatches(c, receiver, cfg, extra, yours, model) {
					return
				}
			}
		},
	}, {
		Name: "handles sequence numbers that wrap",
		Hint: "sequence numbers wrap past 2^32: work out a segment's place from RCV.NXT with seq.Num's Sub or Distance, never with < on the raw numbers",
		Run: func(c *C) {
			for _, cfg := range []arq.Config{
				{Protocol: arq.SelectiveRepeat, Window: 5, Segments: 10, DropSegments: []int{4}, Seed: arqWrapSeed},
				{Protocol: arq.SelectiveRepeat, Window: 5, Segments: 10, DropSegments: []int{3}, DropACKs: []int{5}, Seed: arqWrapSeed},
			} {
				const wraps = "the numbers wrap past 2^32 inside #4"
				yours, model := arqVersus(c, cfg, receiver, wraps)
				if !arqWrapsIn(model.Trace.Numbering, 4) {
					c.Fatalf("grading: seed %d no longer puts 2^32 inside #4 (ISS %v): tell the course staff", cfg.Seed, model.Trace.Numbering.ISS)
				}
				if !arqSame(yours, model) {
					plain := cfg
					plain.Seed = 1
					if y, m := arqVersus(c, plain, receiver, ""); arqSame(y, m) {
						c.Hint("the same run without the wrap is right, so the wrap is what goes wrong: measure a segment's distance from RCV.NXT with seq.Num's Sub or Distance, never with < or - on the raw numbers")
					}
				}
				if !arqMatches(c, receiver, cfg, wraps, yours, model) {
					return
				}
			}
		},
	}}
}

// arqDeliveries returns the receiver's deliveries: "#1", "#3-5".
func arqDeliveries(res *arq.Result) []string {
	var out []string
	for _, st := range arqSteps(res.Trace) {
		if st.Kind == arq.EventDeliver {
			out = append(out, st.What)
		}
	}
	return out
}

// arqJoined reports whether any delivery handed over several segments.
func arqJoined(deliveries []string) bool {
	for _, d := range deliveries {
		if strings.Contains(d, "-") {
			return true
		}
	}
	return false
}

func arqSameStrings(a, b []string) bool {
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

// srACK is one acknowledgment of a run, with the data segment whose
// arrival prompted it.
type srACK struct {
	after string     // the data segment, as the ladder labels it
	ack   *arq.Event // the ACK sent
}

// srACKs pairs each ACK the receiver sent with the arrival before it.
func srACKs(res *arq.Result) []srACK {
	var out []srACK
	after := ""
	for i := range res.Trace.Events {
		ev := &res.Trace.Events[i]
		switch {
		case ev.Kind == arq.EventArrive && ev.Side == arq.Sender:
			after = res.Trace.Describe(ev)
		case ev.Kind == arq.EventSend && ev.Side == arq.Receiver:
			out = append(out, srACK{after: after, ack: ev})
		}
	}
	return out
}

// selectiveRepeatSameACKs compares the ACKs of two runs, one by one, and
// explains the first that differs.
func selectiveRepeatSameACKs(c *C, cfg arq.Config, h arqHalves, yours, model *arq.Result) bool {
	ya, ma := srACKs(yours), srACKs(model)
	for i := 0; i < len(ya) && i < len(ma); i++ {
		y, m := ya[i].ack, ma[i].ack
		if ya[i].after == ma[i].after && y.Seg.Ack == m.Seg.Ack && arqSameBlocks(y, m) {
			continue
		}
		if ya[i].after != ma[i].after {
			c.Errorf("arq.Run(%s) with %s: ACK %d followed the arrival of %s, want %s: an arrival went without its ACK, or got one it should not",
				arqCase(cfg, ""), h.who, i+1, ya[i].after, ma[i].after)
			selectiveRepeatHints(c, yours, model)
			return false
		}
		c.Errorf("arq.Run(%s) with %s: ACK %d, after %s arrived, was %q, want %q",
			arqCase(cfg, ""), h.who, i+1, ya[i].after, yours.Trace.Describe(y), model.Trace.Describe(m))
		selectiveRepeatACKHint(c, yours.Trace.Numbering, y, m)
		return false
	}
	return true
}

func arqSameBlocks(a, b *arq.Event) bool {
	if len(a.Seg.Blocks) != len(b.Seg.Blocks) {
		return false
	}
	for i := range a.Seg.Blocks {
		if a.Seg.Blocks[i] != b.Seg.Blocks[i] {
			return false
		}
	}
	return true
}

// selectiveRepeatACKHint names what is wrong with ACK y, whose model is m.
func selectiveRepeatACKHint(c *C, num arq.Numbering, y, m *arq.Event) {
	yb, mb := y.Seg.Blocks, m.Seg.Blocks
	switch {
	case y.Seg.Ack.GreaterThan(m.Seg.Ack):
		c.Hint("your ACK asked for #%d while #%d was still missing: RCV.NXT stays at the first hole until it fills, whatever arrives above it", num.Index(y.Seg.Ack), num.Index(m.Seg.Ack))
	case y.Seg.Ack != m.Seg.Ack:
		c.Hint("the cumulative ACK is RCV.NXT, the first byte not yet received in order: after delivering, move it past every segment delivered")
	case len(mb) == 1 && len(yb) == 0:
		c.Hint("a segment kept above RCV.NXT is acknowledged by a SACK block naming it, Blocks: []wire.SACKBlock{{Left: seg.Seq, Right: seg.End()}}: without it the sender cannot tell it arrived, and resends it")
	case len(mb) == 0 && len(yb) > 0:
		c.Hint("a segment that was delivered (now, or before) is covered by the cumulative ACK: send no block for it")
	case len(mb) == 1 && len(yb) == 1 && yb[0].Left == mb[0].Left && yb[0].Right.Add(1) == mb[0].Right:
		c.Hint("a SACK block is [left, right): Right is the byte after the segment's last, SEG.SEQ + SEG.LEN (seg.End()), not its last byte")
	case len(yb) > 1:
		c.Hint("Selective Repeat's ACK names one segment: the one that just arrived, in one block, not everything buffered")
	default:
		c.Hint("the block names the segment that just arrived, as it arrived: [SEG.SEQ, SEG.SEQ+SEG.LEN)")
	}
}

// selectiveRepeatHints reads a failed run for a receiver's usual mistakes:
// its ACKs first, then what the sender had to resend.
func selectiveRepeatHints(c *C, yours, model *arq.Result) {
	if yours.Misdelivered && !model.Misdelivered {
		c.Hint("a segment above RCV.NXT waits in the buffer: deliver only from RCV.NXT on, in order, once the hole before it has filled, and each segment once")
		return
	}
	ya, ma := srACKs(yours), srACKs(model)
	for i := 0; i < len(ya) && i < len(ma); i++ {
		y, m := ya[i].ack, ma[i].ack
		if ya[i].after == ma[i].after && y.Seg.Ack == m.Seg.Ack && arqSameBlocks(y, m) {
			continue
		}
		if ya[i].after == ma[i].after {
			selectiveRepeatACKHint(c, yours.Trace.Numbering, y, m)
			return
		}
		break
	}
	if yd, md := arqDeliveries(yours), arqDeliveries(model); !arqSameStrings(yd, md) && arqJoined(md) && !arqJoined(yd) {
		c.Hint("the model delivered several segments at once when a hole filled, your receiver never did: keep the segments that arrive inside the window above RCV.NXT, rather than discard them as Go-Back-N does")
		return
	}
	if len(ya) < len(ma) {
		c.Hint("ACK every arrival inside the window (keeping it) or among the N just below RCV.NXT (delivered already); ignore only the rest")
	}
}
