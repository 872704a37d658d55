package tcp

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tcpedu/tcpedu/tcpedu/cc"
	"github.com/tcpedu/tcpedu/tcpedu/seq"
	"github.com/tcpedu/tcpedu/tcpedu/wire"
)

// openSACK opens a connection between the host under test, configured by
// cfg, and the peer, whose SYN (passiveFor) or SYN,ACK (activeOpen)
// carries SACK-permitted if peerSACK, and an MSS option of peerMSS bytes
// (0: the harness's usual 1460). It returns the fixture in ESTABLISHED
// and the host's own SYN or SYN,ACK.
func openSACK(t *testing.T, how opening, cfg Config, peerSACK bool, peerMSS uint16) (*fixture, Segment) {
	t.Helper()
	su := setup{how: how, cfg: cfg}
	f := newFixture(t, su)
	var hostSYN Segment
	f.host.OnSend = func(_ *Endpoint, _ []byte, seg *Segment) {
		if seg.Flags.Has(wire.SYN) {
			hostSYN = *seg
		}
	}
	flags := wire.SYN
	if how == activeOpen {
		f.walk(SynSent, su)
		flags |= wire.ACK
	} else {
		f.walk(Listen, su)
	}
	syn := f.peerSeg(flags, nil)
	syn.SACKPermitted = peerSACK
	if peerMSS != 0 {
		syn.MSS = peerMSS
	}
	f.peerNxt = f.peerNxt.Add(syn.Len())
	f.deliver(syn)
	if how != activeOpen {
		f.peerSend(wire.ACK, nil)
	}
	require.Equal(t, Established.String(), f.ep.State().String(), "open via %s: State()", how)
	f.takeSent()
	f.takeMoves()
	f.logf("---- open, SACK() = %t; the test begins ----", f.ep.SACK())
	return f, hostSYN
}

// TestSACKNegotiation: the connection uses SACK only if both SYNs carried
// SACK-permitted, and a SYN,ACK carries it only if the SYN did (RFC 2018
// §2).
func TestSACKNegotiation(t *testing.T) {
	for _, how := range []opening{activeOpen, passiveFor} {
		for _, tc := range []struct {
			name       string
			host, peer bool
		}{
			{"both offer", true, true},
			{"only the host offers", true, false},
			{"only the peer offers", false, true},
			{"neither offers", false, false},
		} {
			t.Run(how.String()+"/"+tc.name, func(t *testing.T) {
				f, syn := openSACK(t, how, Config{SACK: tc.host}, tc.peer, 0)
				offered := tc.host // a SYN offers what Config says
				if how != activeOpen {
					offered = tc.host && tc.peer // a SYN,ACK only what the SYN offered too
				}
				assert.Equal(t, offered, syn.SACKPermitted, "the host's %s: SACKPermitted", FlagNames(syn.Flags))
				assert.Equal(t, tc.host && tc.peer, f.ep.SACK(), "SACK() after the handshake")
			})
		}
	}
}

// TestSACKOptionEncoding: our SYN lays out its options as Linux does, and
// an ACK's blocks survive the trip through Encode and Decode.
func TestSACKOptionEncoding(t *testing.T) {
	syn := Segment{Seq: 1000, Flags: wire.SYN, Window: 65535, MSS: 1460, SACKPermitted: true, WScale: 7, HasWScale: true}
	p, err := Encode(nil, hostAP, peerAP, 1, &syn)
	require.NoError(t, err, "Encode(%v)", &syn)
	var pkt wire.Packet
	require.NoError(t, pkt.DecodeIP(p), "DecodeIP(Encode(SYN))")
	var kinds []wire.OptionKind
	for _, o := range pkt.TCP.Options {
		kinds = append(kinds, o.Kind)
	}
	assert.Equal(t, []wire.OptionKind{wire.KindMSS, wire.KindNOP, wire.KindNOP, wire.KindSACKPermitted, wire.KindNOP, wire.KindWindowScale}, kinds,
		"the SYN's options in order: mss,nop,nop,sackOK,nop,wscale, as tcpdump shows Linux's")
	assert.Equal(t, "SYN seq=1000 win=65535 len=0 <mss 1460,sackOK,wscale 7>", syn.String(), "String()")

	a := Segment{Seq: 1, Ack: 5000, Flags: wire.ACK, Window: 512,
		SACK: []wire.SACKBlock{{Left: 7000, Right: 8000}, {Left: 5500, Right: 6000}}}
	p, err = Encode(nil, hostAP, peerAP, 2, &a)
	require.NoError(t, err, "Encode(%v)", &a)
	got, _, _, err := Decode(p)
	require.NoError(t, err, "Decode(Encode(ACK with SACK))")
	assert.Equal(t, a.SACK, got.SACK, "SACK blocks after Encode and Decode, in order")
	assert.False(t, got.SACKPermitted, "an ACK carries no SACK-permitted")
	assert.Equal(t, "ACK seq=1 ack=5000 win=512 len=0 <sack 2 {7000:8000}{5500:6000}>", got.String(), "String()")
}

// TestSACKReceiverBlocks: the peer sends 100-byte segments out of order;
// every ACK the host sends carries the blocks it holds, the one with the
// segment that triggered the ACK first, then the most recently reported
// (RFC 2018 §4), at most four, and none once nothing is held.
func TestSACKReceiverBlocks(t *testing.T) {
	f, _ := openSACK(t, activeOpen, Config{SACK: true}, true, 0)
	base := f.peerNxt
	at := func(i int) seq.Num { return base.Add(uint32(100 * i)) } // segment #i starts here
	b := func(from, to int) wire.SACKBlock { return wire.SACKBlock{Left: at(from), Right: at(to)} }
	for _, step := range []struct {
		name    string
		arrives int // the segment the peer sends
		ack     int // the ACK the host should send: the segment it expects next
		want    []wire.SACKBlock
	}{
		{"#0 in order: nothing held, no option", 0, 1, nil},
		{"#2 arrives early", 2, 1, []wire.SACKBlock{b(2, 3)}},
		{"#4: the newest block first", 4, 1, []wire.SACKBlock{b(4, 5), b(2, 3)}},
		{"#6", 6, 1, []wire.SACKBlock{b(6, 7), b(4, 5), b(2, 3)}},
		{"#8: four blocks, all the option space holds", 8, 1, []wire.SACKBlock{b(8, 9), b(6, 7), b(4, 5), b(2, 3)}},
		{"#10: the block reported longest ago is left out", 10, 1, []wire.SACKBlock{b(10, 11), b(8, 9), b(6, 7), b(4, 5)}},
		{"#6 again: a duplicate's block comes first", 6, 1, []wire.SACKBlock{b(6, 7), b(10, 11), b(8, 9), b(4, 5)}},
		{"#3 joins #2 and #4 into one block, first", 3, 1, []wire.SACKBlock{b(2, 5), b(6, 7), b(10, 11), b(8, 9)}},
		{"#1 fills the first hole: the ACK moves, the rest follow most recent first", 1, 5, []wire.SACKBlock{b(6, 7), b(10, 11), b(8, 9)}},
		{"#5", 5, 7, []wire.SACKBlock{b(10, 11), b(8, 9)}},
		{"#7", 7, 9, []wire.SACKBlock{b(10, 11)}},
		{"#9: everything in order, no option", 9, 11, nil},
	} {
		what := f.deliver(mk(wire.ACK, at(step.arrives), f.hostNxt, 100))
		sent := f.takeSent()
		if !assert.Len(t, sent, 1, "%s: %s: the host's ACKs", step.name, what) {
			continue
		}
		got := sent[0].Seg
		assert.Equal(t, uint32(at(step.ack)), uint32(got.Ack), "%s: SEG.ACK", step.name)
		assert.Equal(t, blockString(step.want), blockString(got.SACK), "%s: SACK blocks, got vs want", step.name)
	}
	assert.Len(t, f.data, 1100, "bytes delivered in order")

	// Without SACK on both sides, no blocks.
	f, _ = openSACK(t, activeOpen, Config{SACK: true}, false, 0)
	f.deliver(mk(wire.ACK, f.peerNxt.Add(200), f.hostNxt, 100))
	sent := f.takeSent()
	require.Len(t, sent, 1, "the ACK of an early segment")
	assert.Empty(t, sent[0].Seg.SACK, "SACK blocks when the peer did not offer SACK-permitted")
}

func blockString(bs []wire.SACKBlock) string {
	s := ""
	for _, b := range bs {
		s += fmt.Sprintf("{%d:%d}", uint32(b.Left), uint32(b.Right))
	}
	return s
}

// sackSender opens a SACK connection whose peer takes 100-byte segments,
// with an initial window of n segments, and has the host send n segments
// with queued more bytes waiting behind them. It returns the fixture and
// SND.UNA, from which the segments are counted: #i is [100i, 100i+100).
func sackSender(t *testing.T, n, queued int) (*fixture, seq.Num) {
	t.Helper()
	f, _ := openSACK(t, activeOpen, Config{SACK: true, InitialWindow: n * 100}, true, 100)
	una := f.ep.SndUna()
	_, err := f.ep.Send(text(n*100 + queued))
	require.NoError(t, err, "Send")
	require.Len(t, f.takeSent(), n, "segments the initial window lets out")
	return f, una
}

// TestSACKPipeAndNextSeg checks SetPipe, IsLost and NextSeg (RFC 6675 §4)
// on scoreboards built by hand: 20 segments of 100 bytes in flight.
func TestSACKPipeAndNextSeg(t *testing.T) {
	type span [2]int // segments [from, to)
	tests := []struct {
		name     string
		sacked   []span
		highRxt  int   // HighRxt, in bytes past SND.UNA (one past the octet)
		rescue   bool  // RescueRxt below SND.UNA: a rescue is allowed
		queued   int   // new bytes waiting
		lost     []int // holes (first segment) IsLost says are lost
		notLost  []int
		wantPipe int // bytes
		wantRule int
		wantSeg  [2]int // bytes [from, to) past SND.UNA
	}{
		{name: "nothing SACKed: all 20 segments in the pipe; new data", queued: 300,
			notLost: []int{0}, wantPipe: 2000, wantRule: ruleNew, wantSeg: [2]int{2000, 2100}},
		{name: "#1-#3 SACKed: #0 lost, out of the pipe, resent by rule (1)", sacked: []span{{1, 4}},
			lost: []int{0}, notLost: []int{4}, wantPipe: 1600, wantRule: ruleLost, wantSeg: [2]int{0, 100}},
		{name: "#0 resent (HighRxt): it is in the pipe again (b); nothing below the highest SACK is left",
			sacked: []span{{1, 4}}, highRxt: 100, wantPipe: 1700, wantRule: noSegment},
		{name: "the same with new data waiting: rule (2)", sacked: []span{{1, 4}}, highRxt: 100, queued: 300,
			wantPipe: 1700, wantRule: ruleNew, wantSeg: [2]int{2000, 2100}},
		{name: "the same, a rescue allowed: rule (4) resends the highest unSACKed segment",
			sacked: []span{{1, 4}}, highRxt: 100, rescue: true, wantPipe: 1700, wantRule: ruleRescue, wantSeg: [2]int{1900, 2000}},
		{name: "#2, #5, #8 SACKed: only the first hole has three above it", sacked: []span{{2, 3}, {5, 6}, {8, 9}},
			lost: []int{0, 1}, notLost: []int{3, 6, 9}, wantPipe: 200 + 200 + 1100, wantRule: ruleLost, wantSeg: [2]int{0, 100}},
		{name: "#0 resent: rule (1) takes the rest of the hole", sacked: []span{{2, 3}, {5, 6}, {8, 9}}, highRxt: 100,
			wantPipe: 100 + 200 + 200 + 1100, wantRule: ruleLost, wantSeg: [2]int{100, 200}},
		{name: "#0 and #1 resent, #3 not lost: no new data, so rule (3)", sacked: []span{{2, 3}, {5, 6}, {8, 9}}, highRxt: 200,
			wantPipe: 200 + 200 + 200 + 1100, wantRule: ruleHole, wantSeg: [2]int{300, 400}},
		{name: "the same with new data waiting: rule (2) comes before (3)", sacked: []span{{2, 3}, {5, 6}, {8, 9}}, highRxt: 200, queued: 100,
			wantPipe: 1700, wantRule: ruleNew, wantSeg: [2]int{2000, 2100}},
		{name: "#15, #17, #19 SACKed: the holes below #15 are lost, those between are not", sacked: []span{{15, 16}, {17, 18}, {19, 20}},
			lost: []int{0, 14}, notLost: []int{16, 18}, wantPipe: 200, wantRule: ruleLost, wantSeg: [2]int{0, 100}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f, una := sackSender(t, 20, tc.queued)
			e := f.ep
			var blocks []wire.SACKBlock
			for _, s := range tc.sacked {
				blocks = append(blocks, wire.SACKBlock{Left: una.Add(uint32(100 * s[0])), Right: una.Add(uint32(100 * s[1]))})
			}
			e.sb.Update(una, blocks)
			e.highRxt = una.Add(uint32(tc.highRxt))
			e.rescueRxt = una
			if tc.rescue {
				e.rescueRxt = una.Add(^uint32(0)) // below SND.UNA: HighACK > RescueRxt
			}
			for _, i := range tc.lost {
				assert.True(t, e.sb.IsLost(una.Add(uint32(100*i)), 100, cc.DupThresh), "IsLost(#%d) with %v SACKed", i, tc.sacked)
			}
			for _, i := range tc.notLost {
				assert.False(t, e.sb.IsLost(una.Add(uint32(100*i)), 100, cc.DupThresh), "IsLost(#%d) with %v SACKed", i, tc.sacked)
			}
			assert.Equal(t, tc.wantPipe, e.setPipe(), "SetPipe() with %v SACKed, HighRxt %d", tc.sacked, tc.highRxt)
			seg, rule := e.nextSeg()
			if !assert.Equal(t, tc.wantRule, rule, "NextSeg(): the rule") || rule == noSegment {
				return
			}
			from := int(una.Distance(seg.Seq))
			assert.Equal(t, tc.wantSeg, [2]int{from, from + len(seg.Payload)}, "NextSeg(): the segment, bytes past SND.UNA")
		})
	}
}

// peerACK delivers the peer's ACK of the byte ack (past una) with blocks
// of SACKed segments, and returns the segments the host sent in answer,
// by number (#i starts 100i past una).
func peerACK(t *testing.T, f *fixture, una seq.Num, ack int, sacked ...[2]int) []int {
	t.Helper()
	a := mk(wire.ACK, f.peerNxt, una.Add(uint32(ack)), 0)
	for _, s := range sacked {
		a.SACK = append(a.SACK, wire.SACKBlock{Left: una.Add(uint32(100 * s[0])), Right: una.Add(uint32(100 * s[1]))})
	}
	f.deliver(a)
	var out []int
	for _, s := range f.takeSent() {
		if len(s.Seg.Payload) > 0 {
			out = append(out, int(una.Distance(s.Seg.Seq))/100)
		}
	}
	return out
}

// TestSACKRecovery walks RFC 6675 §5 on one window: 20 segments of 100
// bytes, #0, #5 and #10 lost, the peer SACKing the others one at a time.
// The host enters recovery at the third DupAck with cwnd = 10 segments,
// resends each hole as soon as IsLost says so and cwnd - pipe allows, then
// sends new data as SACKs take segments out of the pipe; all three holes
// go out before the first retransmission is acknowledged.
func TestSACKRecovery(t *testing.T) {
	f, una := sackSender(t, 20, 2000)
	e := f.ep
	rp := 2000 // RecoveryPoint: SND.NXT when recovery begins
	steps := []struct {
		name     string
		ack      int
		sacked   [][2]int
		wantSent []int // segments sent in answer, by number
		wantPipe int   // SetPipe() afterwards, bytes
	}{
		{"#1: DupAcks 1", 0, [][2]int{{1, 2}}, nil, 1900},
		{"#2: DupAcks 2", 0, [][2]int{{1, 3}}, nil, 1800},
		{"#3: DupAcks 3: recovery, #0 resent (4.3); pipe 1700 > cwnd 1000", 0, [][2]int{{1, 4}}, []int{0}, 1700},
		{"#4", 0, [][2]int{{1, 5}}, nil, 1600},
		{"#6: a second hole, not yet lost", 0, [][2]int{{6, 7}, {1, 5}}, nil, 1500},
		{"#7", 0, [][2]int{{6, 8}, {1, 5}}, nil, 1400},
		{"#8: three above #5, lost: out of the pipe", 0, [][2]int{{6, 9}, {1, 5}}, nil, 1200},
		{"#9", 0, [][2]int{{6, 10}, {1, 5}}, nil, 1100},
		{"#11: a third hole; pipe = cwnd", 0, [][2]int{{11, 12}, {6, 10}, {1, 5}}, nil, 1000},
		{"#12: cwnd - pipe = 1 SMSS: rule (1) resends #5", 0, [][2]int{{11, 13}, {6, 10}, {1, 5}}, []int{5}, 1000},
		{"#13: #10 lost: rule (1) resends it, then rule (2) new data", 0, [][2]int{{11, 14}, {6, 10}, {1, 5}}, []int{10, 20}, 1000},
		{"#14: one out, one new", 0, [][2]int{{11, 15}, {6, 10}, {1, 5}}, []int{21}, 1000},
		{"the ACK of #0's retransmission: a partial ACK, still in recovery", 500, [][2]int{{11, 15}, {6, 10}}, []int{22}, 1000},
		{"#5's: partial", 1000, [][2]int{{11, 15}}, []int{23}, 1000},
		{"#10's: partial, nothing held above", 1500, nil, []int{24}, 1000},
	}
	for i, st := range steps {
		got := peerACK(t, f, una, st.ack, st.sacked...)
		assert.Equal(t, st.wantSent, got, "step %d, %s: segments sent", i+1, st.name)
		assert.Equal(t, st.wantPipe, e.setPipe(), "step %d, %s: SetPipe()", i+1, st.name)
		if i == 2 {
			assert.Equal(t, cc.FastRecovery, e.CC().Phase(), "after the third DupAck")
			assert.Equal(t, 1000, e.CC().Cwnd(), "(4.2) cwnd = FlightSize/2")
			assert.Equal(t, 1000, e.CC().Ssthresh(), "(4.2) ssthresh = FlightSize/2")
			assert.Equal(t, una.Add(uint32(rp)), e.recoveryPoint, "(4.1) RecoveryPoint = HighData")
		}
	}
	assert.Equal(t, cc.FastRecovery, e.CC().Phase(), "before the ACK of RecoveryPoint")
	// The ACK of RecoveryPoint, (A): recovery is over, cwnd = ssthresh,
	// and the ordinary window rule lets out what cwnd allows: SND.UNA is
	// 2000 and SND.NXT 2500, so 5 segments.
	got := peerACK(t, f, una, rp, [2]int{20, 22})
	assert.Equal(t, cc.CongestionAvoidance, e.CC().Phase(), "after the ACK of RecoveryPoint")
	assert.Equal(t, 1000, e.CC().Cwnd(), "cwnd after recovery = ssthresh")
	assert.Equal(t, []int{25, 26, 27, 28, 29}, got, "segments sent when recovery ends")
	st := e.Stats()
	assert.Equal(t, 3, st.Retransmissions, "Stats().Retransmissions: one per hole")
	assert.Equal(t, 3, st.FastRetransmits, "Stats().FastRetransmits")
	assert.Equal(t, 0, st.Timeouts, "Stats().Timeouts")
}

// TestSACKLostBeforeDupThresh: RFC 6675 §5 step (2). One ACK SACKs three
// segments above #0 at once: DupAcks is 1, but IsLost(HighACK+1) holds,
// and recovery begins, resending #0, then #5 and #10, all lost already.
func TestSACKLostBeforeDupThresh(t *testing.T) {
	f, una := sackSender(t, 20, 2000)
	got := peerACK(t, f, una, 0, [2]int{11, 20}, [2]int{6, 10}, [2]int{1, 5})
	assert.Equal(t, cc.FastRecovery, f.ep.CC().Phase(), "after one ACK with three holes")
	// pipe after #0's retransmission: #0 counted once (b), #5 and #10 lost,
	// nothing else outstanding: 100 of cwnd 1000, so rules (1), (1), then
	// (2) for the 7 segments left.
	assert.Equal(t, []int{0, 5, 10, 20, 21, 22, 23, 24, 25, 26}, got, "segments sent at once")
}

// TestSACKTimeoutInRecovery: RFC 6675 §5.1. The timer expires during
// recovery: recovery ends, RecoveryPoint moves to HighData, and going back
// resends only the holes, not the segments the peer SACKed; the duplicate
// ACKs that follow start no new recovery.
func TestSACKTimeoutInRecovery(t *testing.T) {
	f, una := sackSender(t, 20, 2000)
	e := f.ep
	got := peerACK(t, f, una, 0, [2]int{11, 20}, [2]int{6, 10}, [2]int{1, 5})
	require.Equal(t, []int{0, 5, 10, 20, 21, 22, 23, 24, 25, 26}, got, "recovery's first burst")
	highData := 2700
	// Every one of them is lost: the timer expires.
	when, armed := e.rexmt.When()
	require.True(t, armed, "the retransmission timer runs")
	f.sim.RunUntil(when)
	sent := f.takeSent()
	require.Len(t, sent, 1, "the timeout's retransmission")
	assert.Equal(t, 0, int(una.Distance(sent[0].Seg.Seq)), "the timeout resends #0")
	assert.Equal(t, 100, len(sent[0].Seg.Payload), "#0 alone: #1 is SACKed")
	assert.Equal(t, cc.SlowStart, e.CC().Phase(), "the timeout ends recovery")
	assert.Equal(t, 100, e.CC().Cwnd(), "cwnd = 1 SMSS after the timeout")
	assert.Equal(t, una.Add(uint32(highData)), e.recoveryPoint, "RecoveryPoint = HighData after the timeout")

	// #0 arrives: ACK 500, and new SACK information for #20-#26: a
	// DupAck below RecoveryPoint, which must not start a recovery.
	got = peerACK(t, f, una, 500, [2]int{20, 27}, [2]int{11, 20}, [2]int{6, 10})
	assert.Equal(t, cc.SlowStart, e.CC().Phase(), "a DupAck below RecoveryPoint after a timeout")
	assert.Equal(t, []int{5}, got, "going back with cwnd 2 SMSS: #5, then #6-#9 skipped as SACKed")
	got = peerACK(t, f, una, 1000, [2]int{20, 27}, [2]int{11, 20})
	assert.Equal(t, []int{10}, got, "then #10; #11-#26 are SACKed, never resent")
	st := e.Stats()
	assert.Equal(t, 6, st.Retransmissions, "Stats().Retransmissions: #0, #5, #10 twice each")
	assert.Equal(t, 3, st.FastRetransmits, "Stats().FastRetransmits: the first three")
	assert.Equal(t, 1, st.Timeouts, "Stats().Timeouts")
}

// TestSACKReneging: the peer SACKs #2, then acknowledges up to #2 without
// it: it has thrown #2 away (RFC 2018 §8). The scoreboard is forgotten, and
// the timeout resends #2 instead of skipping it as SACKed.
func TestSACKReneging(t *testing.T) {
	f, una := sackSender(t, 4, 0)
	e := f.ep
	peerACK(t, f, una, 0, [2]int{2, 3})
	require.True(t, e.sb.IsSACKed(una.Add(200), 100), "#2 SACKed")
	peerACK(t, f, una, 200)
	assert.Empty(t, e.sb.Blocks(), "the scoreboard after an ACK that stops at a SACKed byte")
	when, armed := e.rexmt.When()
	require.True(t, armed, "the retransmission timer runs")
	f.sim.RunUntil(when)
	sent := f.takeSent()
	require.Len(t, sent, 1, "the timeout's retransmission")
	assert.Equal(t, 200, int(una.Distance(sent[0].Seg.Seq)), "the timeout resends #2, which the peer dropped")
}
