package arq_test

import (
	"fmt"
	"math/rand"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tcpedu/tcpedu/tcpedu/arq"
	"github.com/tcpedu/tcpedu/tcpedu/seq"
	"github.com/tcpedu/tcpedu/tcpedu/wire"
)

// sackUpdate is one call to Scoreboard.Update, in offsets from a base.
type sackUpdate struct {
	una    uint32
	blocks []span
}

// apply calls sb.Update with u shifted to base.
func (u sackUpdate) apply(sb *arq.Scoreboard, base seq.Num) int {
	return sb.Update(base.Add(u.una), toBlocks(base, u.blocks))
}

func toBlocks(base seq.Num, spans []span) []wire.SACKBlock {
	var blocks []wire.SACKBlock
	for _, sp := range spans {
		blocks = append(blocks, wire.SACKBlock{Left: base.Add(sp.from), Right: base.Add(sp.to)})
	}
	return blocks
}

func TestScoreboardUpdate(t *testing.T) {
	tests := []struct {
		name       string
		before     []sackUpdate
		update     sackUpdate
		wantNew    int
		wantBlocks []span
	}{
		{name: "first block", update: sackUpdate{0, []span{{200, 300}}},
			wantNew: 100, wantBlocks: []span{{200, 300}}},
		{name: "blocks in any order are kept sorted", update: sackUpdate{0, []span{{400, 500}, {200, 300}}},
			wantNew: 200, wantBlocks: []span{{200, 300}, {400, 500}}},
		{name: "the same block again: nothing new", before: []sackUpdate{{0, []span{{200, 300}}}}, update: sackUpdate{0, []span{{200, 300}}},
			wantNew: 0, wantBlocks: []span{{200, 300}}},
		{name: "a grown block: only the growth is new", before: []sackUpdate{{0, []span{{200, 300}}}}, update: sackUpdate{0, []span{{200, 400}}},
			wantNew: 100, wantBlocks: []span{{200, 400}}},
		{name: "touching blocks merge", before: []sackUpdate{{0, []span{{200, 300}}}}, update: sackUpdate{0, []span{{300, 350}}},
			wantNew: 50, wantBlocks: []span{{200, 350}}},
		{name: "a block bridging two merges all three", before: []sackUpdate{{0, []span{{200, 300}, {400, 500}}}}, update: sackUpdate{0, []span{{250, 450}}},
			wantNew: 100, wantBlocks: []span{{200, 500}}},
		{name: "SND.UNA moves: ranges below are dropped", before: []sackUpdate{{0, []span{{200, 300}, {400, 500}}}}, update: sackUpdate{300, nil},
			wantNew: 0, wantBlocks: []span{{400, 500}}},
		{name: "SND.UNA inside a range: its front is dropped", before: []sackUpdate{{0, []span{{200, 300}}}}, update: sackUpdate{250, nil},
			wantNew: 0, wantBlocks: []span{{250, 300}}},
		{name: "invalid block (Right = Left) ignored", update: sackUpdate{0, []span{{200, 200}}},
			wantNew: 0},
		{name: "invalid block (Right before Left) ignored", update: sackUpdate{0, []span{{300, 200}}},
			wantNew: 0},
		{name: "block below SND.UNA (D-SACK) ignored", update: sackUpdate{300, []span{{100, 200}, {400, 500}}},
			wantNew: 100, wantBlocks: []span{{400, 500}}},
		{name: "block ending at SND.UNA ignored", update: sackUpdate{300, []span{{200, 300}}},
			wantNew: 0},
		{name: "block straddling SND.UNA counts from SND.UNA", update: sackUpdate{300, []span{{200, 400}}},
			wantNew: 100, wantBlocks: []span{{300, 400}}},
		{name: "D-SACK inside a SACKed range adds nothing", before: []sackUpdate{{0, []span{{200, 400}}}}, update: sackUpdate{0, []span{{250, 300}, {200, 400}}},
			wantNew: 0, wantBlocks: []span{{200, 400}}},
	}
	for _, b := range pieceBases {
		for _, tc := range tests {
			t.Run(b.name+"/"+tc.name, func(t *testing.T) {
				var sb arq.Scoreboard
				for _, u := range tc.before {
					u.apply(&sb, b.base)
				}
				call := fmt.Sprintf("Update(%d, %v)", b.base.Add(tc.update.una), toBlocks(b.base, tc.update.blocks))
				got := tc.update.apply(&sb, b.base)
				assert.Equalf(t, tc.wantNew, got, "%s = %d, want %d", call, got, tc.wantNew)
				want := toBlocks(b.base, tc.wantBlocks)
				blocks := sb.Blocks()
				assert.Equalf(t, len(want), len(blocks), "after %s: Blocks() = %v, want %v", call, blocks, want)
				if len(want) > 0 {
					assert.Equalf(t, want, blocks, "after %s: Blocks() = %v, want %v", call, blocks, want)
				}
			})
		}
	}
}

// scoreboardHoles is the board the query tests share: SND.UNA at 0, five
// 100-byte segments sent, and #2 and #4 (at 100 and 300) SACKed, with #1,
// #3 and #5 missing.
//
//	0        100      200      300      400      500
//	|  hole  |# #2 ##|  hole  |# #4 ##|  hole  |
func scoreboardHoles(base seq.Num) *arq.Scoreboard {
	var sb arq.Scoreboard
	sb.Update(base, toBlocks(base, []span{{300, 400}, {100, 200}}))
	return &sb
}

func TestScoreboardIsSACKed(t *testing.T) {
	tests := []struct {
		name   string
		from   uint32
		length int
		want   bool
	}{
		{"a SACKed segment", 100, 100, true},
		{"part of a SACKed segment", 150, 20, true},
		{"a hole", 0, 100, false},
		{"runs past the end of a SACKed range", 150, 100, false},
		{"starts in a hole", 50, 100, false},
		{"spans two SACKed ranges and the hole between", 100, 300, false},
		{"empty range", 100, 0, false},
	}
	for _, b := range pieceBases {
		sb := scoreboardHoles(b.base)
		for _, tc := range tests {
			t.Run(b.name+"/"+tc.name, func(t *testing.T) {
				s := b.base.Add(tc.from)
				got := sb.IsSACKed(s, tc.length)
				assert.Equalf(t, tc.want, got, "IsSACKed(%d, %d) = %t, want %t", s, tc.length, got, tc.want)
			})
		}
	}
}

func TestScoreboardSACKedAbove(t *testing.T) {
	tests := []struct {
		name string
		from uint32
		want int
	}{
		{"below everything", 0, 200},
		{"the first byte of a SACKed range is not above itself", 100, 199},
		{"inside a SACKed range", 150, 149},
		{"between the ranges", 250, 100},
		{"the last SACKed byte", 399, 0},
		{"above everything", 450, 0},
	}
	for _, b := range pieceBases {
		sb := scoreboardHoles(b.base)
		for _, tc := range tests {
			t.Run(b.name+"/"+tc.name, func(t *testing.T) {
				s := b.base.Add(tc.from)
				got := sb.SACKedAbove(s)
				assert.Equalf(t, tc.want, got, "SACKedAbove(%d) = %d, want %d", s, got, tc.want)
			})
		}
	}
}

func TestScoreboardNextHole(t *testing.T) {
	tests := []struct {
		name     string
		from, to uint32
		want     uint32
		wantOK   bool
	}{
		{"SND.UNA is a hole", 0, 500, 0, true},
		{"from a SACKed range: its end", 100, 500, 200, true},
		{"inside a SACKed range", 150, 500, 200, true},
		{"inside a hole", 250, 500, 250, true},
		{"past the last SACKed range", 350, 500, 400, true},
		{"the range up to end is SACKed", 100, 200, 0, false},
		{"SACKed up to exactly end", 300, 400, 0, false},
		{"empty range", 200, 200, 0, false},
	}
	for _, b := range pieceBases {
		sb := scoreboardHoles(b.base)
		for _, tc := range tests {
			t.Run(b.name+"/"+tc.name, func(t *testing.T) {
				from, end := b.base.Add(tc.from), b.base.Add(tc.to)
				got, ok := sb.NextHole(from, end)
				assert.Equalf(t, tc.wantOK, ok, "NextHole(%d, %d) ok = %t, want %t", from, end, ok, tc.wantOK)
				if tc.wantOK {
					assert.Equalf(t, b.base.Add(tc.want), got, "NextHole(%d, %d) = %d, want %d", from, end, got, b.base.Add(tc.want))
				}
			})
		}
	}
}

func TestScoreboardHoleEnd(t *testing.T) {
	tests := []struct {
		name     string
		from, to uint32
		want     uint32
	}{
		{"the first hole ends where #2 begins", 0, 500, 100},
		{"inside a hole", 250, 500, 300},
		{"the last hole runs to end", 400, 500, 500},
		{"end comes before the next SACKed range", 0, 50, 50},
		{"end exactly at the next SACKed range", 200, 300, 300},
		{"from is SACKed: an empty hole", 150, 500, 150},
	}
	for _, b := range pieceBases {
		sb := scoreboardHoles(b.base)
		for _, tc := range tests {
			t.Run(b.name+"/"+tc.name, func(t *testing.T) {
				from, end := b.base.Add(tc.from), b.base.Add(tc.to)
				got := sb.HoleEnd(from, end)
				assert.Equalf(t, b.base.Add(tc.want), got, "HoleEnd(%d, %d) = %d, want %d", from, end, got, b.base.Add(tc.want))
			})
		}
	}
}

func TestScoreboardIsLost(t *testing.T) {
	const smss, dupThresh = 100, 3
	tests := []struct {
		name   string
		sacked []span // SND.UNA is at 0
		at     uint32
		want   bool
	}{
		{"nothing SACKed", nil, 0, false},
		{"two segments SACKed above: maybe reordered", []span{{100, 300}}, 0, false},
		{"three segments SACKed above, contiguous: more than 2×SMSS bytes", []span{{100, 400}}, 0, true},
		{"three discontiguous segments", []span{{100, 200}, {300, 400}, {500, 600}}, 0, true},
		{"exactly (DupThresh-1)×SMSS bytes in two segments: not more than", []span{{100, 200}, {300, 400}}, 0, false},
		{"a partial segment counts as one", []span{{100, 150}, {300, 450}}, 0, true},
		{"2×SMSS+1 bytes: more than (DupThresh-1)×SMSS", []span{{100, 301}}, 0, true},
		{"three small discontiguous blocks: DupThresh sequences", []span{{100, 110}, {200, 210}, {300, 310}}, 0, true},
		{"three segments SACKed, but below the byte asked about", []span{{100, 400}}, 400, false},
		{"the middle hole: two segments above", []span{{100, 200}, {300, 400}, {500, 600}}, 200, false},
		{"the first hole: three segments above", []span{{100, 200}, {300, 400}, {500, 600}}, 50, true},
	}
	for _, b := range pieceBases {
		for _, tc := range tests {
			t.Run(b.name+"/"+tc.name, func(t *testing.T) {
				var sb arq.Scoreboard
				sb.Update(b.base, toBlocks(b.base, tc.sacked))
				s := b.base.Add(tc.at)
				got := sb.IsLost(s, smss, dupThresh)
				assert.Equalf(t, tc.want, got, "IsLost(%d, %d, %d) with %v SACKed = %t, want %t", s, smss, dupThresh, sb.Blocks(), got, tc.want)
			})
		}
	}
}

func TestScoreboardIsLostBadSMSS(t *testing.T) {
	var sb arq.Scoreboard
	sb.Update(0, []wire.SACKBlock{{Left: 10, Right: 13}})
	assert.Truef(t, sb.IsLost(0, 0, 3), "IsLost(0, 0, 3) with 3 bytes SACKed = false, want true (smss 0 read as 1)")
}

func TestScoreboardReset(t *testing.T) {
	sb := scoreboardHoles(0)
	sb.Reset()
	assert.Emptyf(t, sb.Blocks(), "Blocks() after Reset = %v, want none", sb.Blocks())
	assert.Falsef(t, sb.IsSACKed(100, 100), "IsSACKed(100, 100) after Reset = true, want false")
	got := sb.Update(0, []wire.SACKBlock{{Left: 100, Right: 200}})
	assert.Equalf(t, 100, got, "Update after Reset = %d, want 100 (newly SACKed again)", got)
}

// TestScoreboardRandom checks the scoreboard against a slow, obvious
// model, one flag per byte, for random ACKs crossing 2^32.
func TestScoreboardRandom(t *testing.T) {
	const size = 3000 // bytes sent, from base
	for seed := int64(1); seed <= 10; seed++ {
		seed := seed
		t.Run(fmt.Sprintf("seed %d", seed), func(t *testing.T) {
			rng := rand.New(rand.NewSource(seed))
			base := seq.Num(0xFFFFFF00 - uint32(rng.Intn(256)))
			var sb arq.Scoreboard
			sacked := make([]bool, size)
			una := 0
			for step := 0; step < 300; step++ {
				if rng.Intn(4) == 0 && una < size {
					una += rng.Intn(size-una) / 4
				}
				var blocks []span
				fresh := 0
				for i := rng.Intn(wire.MaxSACKBlocks + 1); i > 0; i-- {
					from := uint32(rng.Intn(size))
					to := from + uint32(rng.Intn(200)) // may be empty: invalid
					if to > size {
						to = size
					}
					blocks = append(blocks, span{from, to})
					for k := from; k < to; k++ {
						if int(k) >= una && !sacked[k] {
							sacked[k] = true
							fresh++
						}
					}
				}
				for k := 0; k < una; k++ {
					sacked[k] = false
				}
				call := fmt.Sprintf("step %d: Update(%d, %v)", step, base.Add(uint32(una)), toBlocks(base, blocks))
				got := sb.Update(base.Add(uint32(una)), toBlocks(base, blocks))
				require.Equalf(t, fresh, got, "%s = %d, want %d", call, got, fresh)

				var want []span
				for k := 0; k < size; {
					if !sacked[k] {
						k++
						continue
					}
					start := k
					for k < size && sacked[k] {
						k++
					}
					want = append(want, span{uint32(start), uint32(k)})
				}
				wantBlocks, gotBlocks := toBlocks(base, want), sb.Blocks()
				require.Equalf(t, len(wantBlocks), len(gotBlocks), "after %s: Blocks() = %v, want %v", call, gotBlocks, wantBlocks)
				if len(wantBlocks) > 0 {
					require.Equalf(t, wantBlocks, gotBlocks, "after %s: Blocks() = %v, want %v", call, gotBlocks, wantBlocks)
				}

				at := una + rng.Intn(size-una+1)
				above := 0
				for k := at + 1; k < size; k++ {
					if sacked[k] {
						above++
					}
				}
				s := base.Add(uint32(at))
				require.Equalf(t, above, sb.SACKedAbove(s), "after %s: SACKedAbove(%d)", call, s)

				hole, ok := at, false
				for ; hole < size; hole++ {
					if !sacked[hole] {
						ok = true
						break
					}
				}
				gotHole, gotOK := sb.NextHole(s, base.Add(size))
				require.Equalf(t, ok, gotOK, "after %s: NextHole(%d, %d) ok", call, s, base.Add(size))
				if ok {
					require.Equalf(t, base.Add(uint32(hole)), gotHole, "after %s: NextHole(%d, %d)", call, s, base.Add(size))
					holeEnd := hole
					for holeEnd < size && !sacked[holeEnd] {
						holeEnd++
					}
					require.Equalf(t, base.Add(uint32(holeEnd)), sb.HoleEnd(gotHole, base.Add(size)), "after %s: HoleEnd(%d, %d)", call, gotHole, base.Add(size))
				}

				n := 1 + rng.Intn(100)
				all := at+n <= size
				for k := at; all && k < at+n; k++ {
					all = sacked[k]
				}
				require.Equalf(t, all, sb.IsSACKed(s, n), "after %s: IsSACKed(%d, %d)", call, s, n)
			}
		})
	}
}
