package grading

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/tcpedu/tcpedu/tcpedu/arq"
	"github.com/tcpedu/tcpedu/tcpedu/link"
	"github.com/tcpedu/tcpedu/tcpedu/wire"
)

// StopAndWaitImpl is exercise 06's code under test: both halves of the
// alternating-bit protocol, built as arq.Config.NewSender and NewReceiver
// build them, so that they run on the real harness.
type StopAndWaitImpl struct {
	NewSender   func(env *arq.Env, p arq.Params) arq.SenderEndpoint
	NewReceiver func(env *arq.Env, p arq.Params) arq.ReceiverEndpoint
}

// StopAndWait grades exercise 06 with impl.
func StopAndWait(t *testing.T, impl StopAndWaitImpl) {
	Run(t, "06-stop-and-wait", stopAndWaitChecks(impl))
}

func init() {
	register(Exercise{ID: "06-stop-and-wait", Title: "Stop-and-wait: the alternating-bit protocol", File: "stopwait.go",
		Checks: stopAndWaitChecks(StopAndWaitImpl{})})
}

// Every check runs the learner's halves in arq.Run against the model's
// other half, so that a failure names the half that is wrong, and compares
// the run, event by event, with the model's own on the same Config and
// seed (arqSameRun).
func stopAndWaitChecks(impl StopAndWaitImpl) []Check {
	sender := arqHalves{who: "your sender, with the model's receiver", snd: impl.NewSender}
	receiver := arqHalves{who: "the model's sender, with your receiver", rcv: impl.NewReceiver}
	both := arqHalves{who: "your sender and your receiver", snd: impl.NewSender, rcv: impl.NewReceiver}
	return []Check{{
		Name: "delivers a clean transfer",
		Hint: "with nothing lost, stop-and-wait is: send #1, wait for the ACK asking for #2, send #2, and so on; the receiver delivers each segment and ACKs it with the next byte it expects",
		Run: func(c *C) {
			cfg := arq.Config{Protocol: arq.StopAndWait, Segments: 5}
			for _, h := range []arqHalves{sender, receiver, both} {
				yours, model := arqVersus(c, cfg, h, "")
				if !arqMatches(c, h, cfg, "", yours, model) {
					return
				}
			}
		},
	}, {
		Name: "keeps one segment in flight",
		Hint: "stop-and-wait has a window of one: the next segment leaves only once the ACK asking for it has arrived",
		Run: func(c *C) {
			for seed := uint64(1); seed <= 8 && !c.Failed(); seed++ {
				r := rand.New(rand.NewPCG(seed, 6))
				cfg := arq.Config{Protocol: arq.StopAndWait, Segments: 20, LateACKs: []int{3, 7}, Seed: seed}
				cfg.Forward = arqRandomFaults(r, arq.DefaultDelay)
				cfg.Reverse = arqRandomFaults(r, arq.DefaultDelay)
				yours, model := arqVersus(c, cfg, sender, "random faults")
				if n, at := arqMaxOutstanding(yours); n > 1 {
					c.Errorf("arq.Run(%s) with %s: at %s the sender sent #%d, making %d segments in flight, want 1 at most",
						arqCase(cfg, "random faults"), sender.who, arqMs(at.At), arqIndex(yours, at), n)
					c.Errorf("%s", arqLadder(yours, at.At, 16))
					c.Hint("the window is one segment: send #k+1 only from OnAck, when the ACK asking for #k+1 has arrived, never from a timeout (which resends #k)")
				}
				arqMatches(c, sender, cfg, "random faults", yours, model)
			}
		},
	}, {
		Name: "resends a lost segment after a timeout",
		Hint: "start the retransmission timer with every transmission (timer.Reset(p.RTO)); when it expires, send the same segment again with env.Retransmit and start the timer again",
		Run: func(c *C) {
			for _, tc := range []struct {
				cfg   arq.Config
				extra string
			}{
				{arq.Config{Protocol: arq.StopAndWait, Segments: 4, DropSegments: []int{2}}, ""},
				{arq.Config{Protocol: arq.StopAndWait, Segments: 4, Forward: link.Faults{Script: []link.Rule{
					{Action: link.Drop, Match: link.DataSegment(), Nth: 2},
					{Action: link.Drop, Match: link.DataSegment(), Nth: 3},
				}}}, "#2 lost twice"},
			} {
				yours, model := arqVersus(c, tc.cfg, sender, tc.extra)
				if got, want := arqResent(yours), arqResent(model); !arqSameInts(got, want) {
					c.Errorf("arq.Run(%s) with %s: segments retransmitted %s, want %s", arqCase(tc.cfg, tc.extra), sender.who, arqList(got), arqList(want))
					switch {
					case len(got) == 0 && arqSentAgain(yours):
						c.Hint("a segment sent again goes out through env.Retransmit(&seg, why), not env.Send: the harness counts and draws retransmissions apart")
					case len(got) == 0 && yours.Transmissions > 0:
						c.Hint("nothing was resent: start the timer when you send (timer.Reset(p.RTO)), and in its function resend the segment in flight")
					case len(got) < len(want):
						c.Hint("a retransmission can be lost too: restart the timer each time you retransmit, so that it fires again one RTO later")
					}
				}
				if !arqMatches(c, sender, tc.cfg, tc.extra, yours, model) {
					return
				}
			}
		},
	}, {
		Name: "discards a duplicate and ACKs it again",
		Hint: "the duplicate that must still be ACKed: a segment whose bit is the one already received is a copy (its ACK was lost or late); do not deliver it again, but do send the ACK again, asking for the segment you expect next",
		Run: func(c *C) {
			for _, cfg := range []arq.Config{
				{Protocol: arq.StopAndWait, Segments: 4, DropACKs: []int{3}},
				{Protocol: arq.StopAndWait, Segments: 4, LateACKs: []int{2}},
			} {
				yours, model := arqVersus(c, cfg, receiver, "")
				if yours.Misdelivered && !model.Misdelivered {
					c.Hint("the copy was delivered a second time: when the bit is the one already received, discard the segment")
				}
				if n := len(arqACKs(yours)); n > 0 && n < len(arqACKs(model)) && arqACKs(yours)[0].Seg.Flags.Has(wire.ACK) {
					c.Hint("the duplicate that must still be ACKed: the ACK before it was lost, so unless you ACK the copy the sender resends it forever")
				}
				ok := arqMatches(c, receiver, cfg, "", yours, model)
				if yours.ACKs < model.ACKs {
					c.Errorf("arq.Run(%s) with %s: the receiver sent %d ACKs, want %d: one per arriving segment, the duplicate included",
						arqCase(cfg, ""), receiver.who, yours.ACKs, model.ACKs)
				}
				if !ok {
					return
				}
			}
		},
	}, {
		Name: "ignores a late duplicate ACK",
		Hint: "a premature timeout leaves two ACKs asking for the same segment; the second arrives while the next segment is in flight and must be ignored, not taken as its ACK",
		Run: func(c *C) {
			cfg := arq.Config{Protocol: arq.StopAndWait, Segments: 5, LateACKs: []int{3}}
			yours, model := arqVersus(c, cfg, sender, "")
			if n, _ := arqMaxOutstanding(yours); n > 1 {
				c.Hint("the second ACK asking for #3 arrived while #3 was in flight, and your sender took it for #3's ACK, so #3 was never delivered: only an ACK asking for the segment after the one in flight (the other bit) acknowledges it")
			}
			arqMatches(c, sender, cfg, "", yours, model)
		},
	}, {
		Name: "delivers exactly once over random faults",
		Hint: "with loss, corruption and duplication both ways, every case at once: resend on the timer, discard and re-ACK duplicates, ignore ACKs that ask for the segment in flight",
		Run: func(c *C) {
			for _, h := range []arqHalves{sender, receiver, both} {
				for seed := uint64(1); seed <= 10; seed++ {
					r := rand.New(rand.NewPCG(seed, 60))
					cfg := arq.Config{Protocol: arq.StopAndWait, Segments: 10 + r.IntN(20), Size: 1 + r.IntN(1460), Seed: seed}
					cfg.Forward = arqRandomFaults(r, arq.DefaultDelay)
					cfg.Reverse = arqRandomFaults(r, arq.DefaultDelay)
					yours, model := arqVersus(c, cfg, h, "random faults")
					if !arqMatches(c, h, cfg, "random faults", yours, model) {
						return
					}
				}
			}
		},
	}, {
		Name: "reaches the utilization the theory predicts",
		Hint: "stop-and-wait keeps the link busy for L/R out of every L/R + RTT: send the next segment the moment its ACK arrives, and resend only when the timer expires",
		Run: func(c *C) {
			// No loss: one segment per cycle of L/R + 2·delay + ACK/R,
			// exactly; the textbook's (L/R)/(RTT+L/R) leaves the ACK's
			// own L/R out, under 4% here.
			for _, path := range []struct {
				bandwidth float64
				delay     time.Duration
			}{{10e6, 10 * time.Millisecond}, {1e6, time.Millisecond}} {
				cfg := arq.Config{Protocol: arq.StopAndWait, Segments: 50, Bandwidth: path.bandwidth, Delay: path.delay}
				yours, model := arqVersus(c, cfg, both, "")
				d := yours.Config
				exact := float64(d.DataTime()) / float64(d.RTT())
				textbook := arq.StopAndWaitUtilization(d.DataTime(), 2*d.Delay)
				if !arqWithin(yours.Utilization, exact, 1e-6) || !arqWithin(yours.Utilization, textbook, 0.04) {
					c.Errorf("arq.Run(%s, %g Mbit/s, %v one way) with %s: utilization %.4f, want (L/R)/(L/R + 2·delay + ACK/R) = %.4f, within 4%% of the textbook (L/R)/(RTT + L/R) = %.4f",
						arqCase(cfg, ""), path.bandwidth/1e6, path.delay, both.who, yours.Utilization, exact, textbook)
					arqSenderHints(c, both, yours, 1)
					arqReceiverHints(c, both, yours, model)
				}
			}
			// Loss: arq.UtilizationWithLoss. The model's own runs of this
			// Config come within about 1% of it (utilization_test.go has
			// the table), so 5% leaves room without hiding a wasted RTO.
			const loss = 0.1
			cfg := arq.Config{Protocol: arq.StopAndWait, Segments: 300}
			cfg.Forward.Loss = loss
			sum := 0.0
			const seeds = 3
			for seed := uint64(1); seed <= seeds; seed++ {
				cfg.Seed = seed
				yours, _ := arqVersus(c, cfg, both, "10% of data segments lost")
				sum += yours.Utilization
			}
			if want := arq.UtilizationWithLoss(cfg, loss); !arqWithin(sum/seeds, want, 0.05) {
				c.Errorf("arq.Run(%s, 10%% of data segments lost) with %s: mean utilization over %d seeds %.4f, want %.4f within 5%%: (L/R) / ((L/R)/U0 + p/(1−p)·RTO)",
					arqCase(cfg, ""), both.who, seeds, sum/seeds, want)
				if sum/seeds < want {
					c.Hint("each loss should cost one RTO, from the lost transmission to its repeat, and nothing else: restart the timer when you send, stop it when the ACK arrives")
				}
			}
		},
	}}
}
