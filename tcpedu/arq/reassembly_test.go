package arq_test

import (
	"fmt"
	"math/rand"
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tcpedu/tcpedu/tcpedu/arq"
	"github.com/tcpedu/tcpedu/tcpedu/seq"
	"github.com/tcpedu/tcpedu/tcpedu/wire"
)

// span is a range of stream offsets [from, to), counted from the IRS.
type span struct{ from, to uint32 }

// streamBytes returns the bytes at stream offsets [from, to) of a stream
// whose byte k is k mod 251: the pattern does not repeat at any segment
// size used here, so a byte delivered at the wrong place shows.
func streamBytes(from, to uint32) []byte {
	b := make([]byte, 0, to-from)
	for k := from; k < to; k++ {
		b = append(b, byte(k%251))
	}
	return b
}

// insertSpan hands r the stream bytes of sp.
func insertSpan(r *arq.Reassembly, irs seq.Num, sp span) arq.InsertResult {
	return r.Insert(irs.Add(sp.from), streamBytes(sp.from, sp.to))
}

func TestReassemblyInsert(t *testing.T) {
	tests := []struct {
		name          string
		window        int
		before        []span
		seg           span
		wantDelivered *span // nil: nothing delivered
		want          arq.InsertResult
		wantNxt       uint32
		wantBuffered  int
	}{
		{name: "in order: delivered at once", window: 500, seg: span{0, 100},
			wantDelivered: &span{0, 100}, wantNxt: 100},
		{name: "out of order: buffered", window: 500, seg: span{200, 300},
			want: arq.InsertResult{Buffered: true}, wantBuffered: 100},
		{name: "filling the hole releases what waits behind it", window: 500, before: []span{{100, 200}, {200, 300}}, seg: span{0, 100},
			wantDelivered: &span{0, 300}, wantNxt: 300},
		{name: "filling the first of two holes", window: 500, before: []span{{100, 200}, {300, 400}}, seg: span{0, 100},
			wantDelivered: &span{0, 200}, wantNxt: 200, wantBuffered: 100},
		{name: "duplicate below RCV.NXT", window: 500, before: []span{{0, 200}}, seg: span{0, 100},
			want: arq.InsertResult{Duplicate: true}, wantNxt: 200},
		{name: "duplicate of buffered bytes", window: 500, before: []span{{200, 300}}, seg: span{220, 280},
			want: arq.InsertResult{Duplicate: true}, wantBuffered: 100},
		{name: "partly old: the old front is cut off", window: 500, before: []span{{0, 100}}, seg: span{50, 150},
			wantDelivered: &span{100, 150}, wantNxt: 150},
		{name: "overlaps a buffered range: only new bytes kept", window: 500, before: []span{{200, 300}}, seg: span{250, 350},
			want: arq.InsertResult{Buffered: true}, wantBuffered: 150},
		{name: "bridges two buffered ranges", window: 500, before: []span{{100, 200}, {300, 400}}, seg: span{150, 350},
			want: arq.InsertResult{Buffered: true}, wantBuffered: 300},
		{name: "touches a buffered range: merged", window: 500, before: []span{{100, 200}}, seg: span{200, 250},
			want: arq.InsertResult{Buffered: true}, wantBuffered: 150},
		{name: "in order, overlapping buffered data that goes further", window: 500, before: []span{{50, 150}}, seg: span{0, 100},
			wantDelivered: &span{0, 150}, wantNxt: 150},
		{name: "in order, covering buffered data entirely", window: 500, before: []span{{50, 150}, {300, 400}}, seg: span{0, 200},
			wantDelivered: &span{0, 200}, wantNxt: 200, wantBuffered: 100},
		{name: "tail beyond the window is cut off", window: 500, seg: span{400, 600},
			want: arq.InsertResult{Buffered: true, OutOfWindow: true}, wantBuffered: 100},
		{name: "in order, tail beyond the window", window: 500, seg: span{0, 600},
			wantDelivered: &span{0, 500}, want: arq.InsertResult{OutOfWindow: true}, wantNxt: 500},
		{name: "entirely beyond the window: nothing kept", window: 500, seg: span{500, 600},
			want: arq.InsertResult{OutOfWindow: true}},
		{name: "the window's right edge moves with RCV.NXT", window: 500, before: []span{{0, 300}}, seg: span{600, 800},
			want: arq.InsertResult{Buffered: true}, wantNxt: 300, wantBuffered: 200},
		{name: "zero window: nothing acceptable", window: 0, seg: span{0, 100},
			want: arq.InsertResult{OutOfWindow: true}},
		{name: "one-segment window (Go-Back-N): the next one is kept", window: 100, before: []span{{0, 100}}, seg: span{100, 200},
			wantDelivered: &span{100, 200}, wantNxt: 200},
		{name: "one-segment window (Go-Back-N): a later one is not", window: 100, seg: span{100, 200},
			want: arq.InsertResult{OutOfWindow: true}},
		{name: "empty segment: nothing happens", window: 500, before: []span{{200, 300}}, seg: span{100, 100},
			wantBuffered: 100},
	}
	for _, b := range pieceBases {
		for _, tc := range tests {
			t.Run(b.name+"/"+tc.name, func(t *testing.T) {
				r := arq.NewReassembly(b.base, tc.window)
				for _, sp := range tc.before {
					insertSpan(r, b.base, sp)
				}
				got := insertSpan(r, b.base, tc.seg)
				call := fmt.Sprintf("Insert(%d, %d bytes)", b.base.Add(tc.seg.from), tc.seg.to-tc.seg.from)

				var want []byte
				if tc.wantDelivered != nil {
					want = streamBytes(tc.wantDelivered.from, tc.wantDelivered.to)
				}
				assert.Equalf(t, len(want), len(got.Delivered), "%s: len(Delivered) = %d, want %d", call, len(got.Delivered), len(want))
				if len(want) > 0 {
					assert.Equalf(t, want, got.Delivered, "%s: Delivered bytes differ from the stream", call)
				}
				gotFlags := arq.InsertResult{Duplicate: got.Duplicate, OutOfWindow: got.OutOfWindow, Buffered: got.Buffered}
				assert.Equalf(t, tc.want, gotFlags, "%s = %+v, want %+v", call, gotFlags, tc.want)
				assert.Equalf(t, b.base.Add(tc.wantNxt), r.RcvNxt(), "after %s: RcvNxt() = %d, want %d", call, r.RcvNxt(), b.base.Add(tc.wantNxt))
				assert.Equalf(t, tc.wantBuffered, r.Buffered(), "after %s: Buffered() = %d, want %d", call, r.Buffered(), tc.wantBuffered)
				assert.Equalf(t, tc.window, r.RcvWnd(), "after %s: RcvWnd() = %d, want %d", call, r.RcvWnd(), tc.window)
			})
		}
	}
}

func TestReassemblyBlocks(t *testing.T) {
	tests := []struct {
		name   string
		segs   []span
		max    int
		blocks []span
	}{
		{name: "nothing out of order", segs: []span{{0, 100}}, max: 4},
		{name: "most recent first", segs: []span{{100, 200}, {300, 400}, {500, 600}}, max: 4,
			blocks: []span{{500, 600}, {300, 400}, {100, 200}}},
		{name: "recency, not sequence order", segs: []span{{500, 600}, {100, 200}, {300, 400}}, max: 4,
			blocks: []span{{300, 400}, {100, 200}, {500, 600}}},
		{name: "at most 4 blocks: the oldest is left out", segs: []span{{100, 200}, {300, 400}, {500, 600}, {700, 800}, {900, 1000}}, max: 4,
			blocks: []span{{900, 1000}, {700, 800}, {500, 600}, {300, 400}}},
		{name: "at most 3 blocks beside timestamps", segs: []span{{100, 200}, {300, 400}, {500, 600}, {700, 800}}, max: 3,
			blocks: []span{{700, 800}, {500, 600}, {300, 400}}},
		{name: "max 0: no blocks", segs: []span{{100, 200}}, max: 0},
		{name: "a merged range takes the newest stamp", segs: []span{{100, 200}, {500, 600}, {300, 400}, {200, 250}}, max: 4,
			blocks: []span{{100, 250}, {300, 400}, {500, 600}}},
		{name: "a duplicate's block comes first (RFC 2018 §4)", segs: []span{{100, 200}, {300, 400}, {120, 180}}, max: 4,
			blocks: []span{{100, 200}, {300, 400}}},
		{name: "delivered ranges are no longer reported", segs: []span{{100, 200}, {300, 400}, {0, 100}}, max: 4,
			blocks: []span{{300, 400}}},
	}
	for _, b := range pieceBases {
		for _, tc := range tests {
			t.Run(b.name+"/"+tc.name, func(t *testing.T) {
				r := arq.NewReassembly(b.base, 2000)
				for _, sp := range tc.segs {
					insertSpan(r, b.base, sp)
				}
				var want []wire.SACKBlock
				for _, sp := range tc.blocks {
					want = append(want, wire.SACKBlock{Left: b.base.Add(sp.from), Right: b.base.Add(sp.to)})
				}
				got := r.Blocks(tc.max)
				assert.Equalf(t, len(want), len(got), "Blocks(%d) = %v, want %v", tc.max, got, want)
				if len(want) > 0 {
					assert.Equalf(t, want, got, "Blocks(%d) = %v, want %v", tc.max, got, want)
				}
			})
		}
	}
}

// TestReassemblyRFC2018Case3 replays RFC 2018 §6, case 3: eight 500-byte
// segments from 5000, of which the 2nd, 4th, 6th and 8th are lost; then
// the 4th and the 2nd arrive late. Each step is one line of the RFC's
// table: the ACK number and the SACK blocks in order.
func TestReassemblyRFC2018Case3(t *testing.T) {
	steps := []struct {
		seg    uint32 // triggering segment's first byte, as in the RFC
		ack    uint32
		blocks []uint32 // left, right, left, right, ...
	}{
		{5000, 5500, nil},
		{6000, 5500, []uint32{6000, 6500}},
		{7000, 5500, []uint32{7000, 7500, 6000, 6500}},
		{8000, 5500, []uint32{8000, 8500, 7000, 7500, 6000, 6500}},
		{6500, 5500, []uint32{6000, 7500, 8000, 8500}},
		{5500, 7500, []uint32{8000, 8500}},
	}
	for _, b := range []seq.Num{5000, 4294966296} {
		shift := func(n uint32) seq.Num { return b.Add(n - 5000) }
		r := arq.NewReassembly(b, 4000)
		for _, st := range steps {
			call := fmt.Sprintf("IRS %d: Insert(%d, 500 bytes)", b, shift(st.seg))
			r.Insert(shift(st.seg), streamBytes(st.seg-5000, st.seg-4500))
			assert.Equalf(t, shift(st.ack), r.RcvNxt(), "%s: RcvNxt() = %d, want %d", call, r.RcvNxt(), shift(st.ack))
			var want []wire.SACKBlock
			for i := 0; i < len(st.blocks); i += 2 {
				want = append(want, wire.SACKBlock{Left: shift(st.blocks[i]), Right: shift(st.blocks[i+1])})
			}
			got := r.Blocks(wire.MaxSACKBlocks)
			assert.Equalf(t, len(want), len(got), "%s: Blocks(4) = %v, want %v", call, got, want)
			if len(want) > 0 {
				assert.Equalf(t, want, got, "%s: Blocks(4) = %v, want %v", call, got, want)
			}
		}
	}
}

// TestReassemblyRandom sends a stream crossing 2^32 as segments of random
// sizes, in random order, with duplicates and with overlapping
// repacketized ranges, until all of it is delivered, and checks every step
// against a slow, obvious model: one flag per byte.
func TestReassemblyRandom(t *testing.T) {
	for seed := int64(1); seed <= 20; seed++ {
		seed := seed
		t.Run(fmt.Sprintf("seed %d", seed), func(t *testing.T) {
			rng := rand.New(rand.NewSource(seed))
			total := uint32(2000 + rng.Intn(4000))
			irs := seq.Num(0xFFFFFF00 - uint32(rng.Intn(256)))
			window := 200 + rng.Intn(int(total))
			stream := make([]byte, total)
			rng.Read(stream)

			var segs []span
			for at := uint32(0); at < total; {
				n := uint32(1 + rng.Intn(300))
				if at+n > total {
					n = total - at
				}
				segs = append(segs, span{at, at + n})
				at += n
			}

			r := arq.NewReassembly(irs, window)
			recv := make([]bool, total) // the model: which bytes have arrived
			nxt := uint32(0)            // the model's RCV.NXT, as an offset
			var out []byte
			for pass := 0; nxt < total; pass++ {
				require.Lessf(t, pass, 1000, "no progress after 1000 passes: RcvNxt offset %d of %d", nxt, total)
				batch := append([]span(nil), segs...)
				for i := 0; i < 1+len(segs)/4; i++ {
					batch = append(batch, segs[rng.Intn(len(segs))]) // a duplicate
					from := uint32(rng.Intn(int(total)))
					to := from + uint32(1+rng.Intn(400))
					if to > total {
						to = total
					}
					batch = append(batch, span{from, to}) // a repacketized range
				}
				rng.Shuffle(len(batch), func(i, j int) { batch[i], batch[j] = batch[j], batch[i] })

				for _, sp := range batch {
					call := fmt.Sprintf("Insert(%d, %d bytes) at offset %d (RcvNxt offset %d, window %d)", irs.Add(sp.from), sp.to-sp.from, sp.from, nxt, window)
					got := r.Insert(irs.Add(sp.from), stream[sp.from:sp.to])
					out = append(out, got.Delivered...)

					// The model.
					oldNxt, fresh, seen := nxt, 0, 0
					for k := sp.from; k < sp.to && k < oldNxt+uint32(window); k++ {
						if recv[k] {
							seen++
						} else {
							fresh++
							recv[k] = true
						}
					}
					for nxt < total && recv[nxt] {
						nxt++
					}
					want := arq.InsertResult{
						OutOfWindow: sp.to > oldNxt+uint32(window),
						Duplicate:   fresh == 0 && seen > 0,
						Buffered:    fresh > 0 && sp.from > oldNxt,
					}
					gotFlags := arq.InsertResult{Duplicate: got.Duplicate, OutOfWindow: got.OutOfWindow, Buffered: got.Buffered}
					require.Equalf(t, want, gotFlags, "%s = %+v, want %+v", call, gotFlags, want)
					require.Equalf(t, int(nxt-oldNxt), len(got.Delivered), "%s: len(Delivered) = %d, want %d", call, len(got.Delivered), nxt-oldNxt)
					require.Equalf(t, irs.Add(nxt), r.RcvNxt(), "%s: RcvNxt() = %d, want %d", call, r.RcvNxt(), irs.Add(nxt))

					wantBlocks := modelBlocks(recv, nxt, irs)
					gotBlocks := append([]wire.SACKBlock(nil), r.Blocks(1000)...)
					sort.Slice(gotBlocks, func(i, j int) bool { return gotBlocks[i].Left.LessThan(gotBlocks[j].Left) })
					require.Equalf(t, len(wantBlocks), len(gotBlocks), "%s: Blocks = %v, want %v in some order", call, gotBlocks, wantBlocks)
					if len(wantBlocks) > 0 {
						require.Equalf(t, wantBlocks, gotBlocks, "%s: Blocks = %v, want %v in some order", call, gotBlocks, wantBlocks)
					}
					buffered := 0
					for _, bl := range wantBlocks {
						buffered += int(bl.Left.Distance(bl.Right))
					}
					require.Equalf(t, buffered, r.Buffered(), "%s: Buffered() = %d, want %d", call, r.Buffered(), buffered)
					if sp.from > oldNxt && sp.from < oldNxt+uint32(window) {
						// RFC 2018 §4: the first block holds the triggering segment.
						first := r.Blocks(1)
						require.Lenf(t, first, 1, "%s: Blocks(1) = %v, want one block", call, first)
						require.Truef(t, irs.Add(sp.from).InRange(first[0].Left, first[0].Right),
							"%s: Blocks(1) = %v, want the block holding %d", call, first, irs.Add(sp.from))
					}
				}
			}
			require.Equalf(t, stream, out, "delivered stream (%d bytes) differs from the %d bytes sent", len(out), len(stream))
			assert.Equalf(t, 0, r.Buffered(), "Buffered() after the whole stream = %d, want 0", r.Buffered())
		})
	}
}

// modelBlocks returns the runs of received bytes above nxt as SACK blocks,
// in sequence order.
func modelBlocks(recv []bool, nxt uint32, irs seq.Num) []wire.SACKBlock {
	var blocks []wire.SACKBlock
	for k := nxt; k < uint32(len(recv)); {
		if !recv[k] {
			k++
			continue
		}
		start := k
		for k < uint32(len(recv)) && recv[k] {
			k++
		}
		blocks = append(blocks, wire.SACKBlock{Left: irs.Add(start), Right: irs.Add(k)})
	}
	return blocks
}
