package arq_test

import (
	"fmt"
	"math/rand"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tcpedu/tcpedu/tcpedu/arq"
	"github.com/tcpedu/tcpedu/tcpedu/seq"
)

// pieceBases are the initial sequence numbers every table runs from: one
// far from the wrap, and one 200 bytes below 2^32, so that a few segments
// cross from 4294967295 to 0.
var pieceBases = []struct {
	name string
	base seq.Num
}{
	{"low", 1000},
	{"across 2^32", 4294967096},
}

func TestSendWindowSend(t *testing.T) {
	for _, b := range pieceBases {
		t.Run(b.name, func(t *testing.T) {
			w := arq.NewSendWindow(b.base)
			require.Equalf(t, b.base, w.SndUna(), "NewSendWindow(%d).SndUna() = %d, want %d", b.base, w.SndUna(), b.base)
			require.Equalf(t, 0, w.InFlight(), "NewSendWindow(%d).InFlight() = %d, want 0", b.base, w.InFlight())

			lengths := []int{100, 50, 200}
			off := uint32(0)
			for i, n := range lengths {
				now := time.Duration(i+1) * time.Millisecond
				got := w.Send(n, now)
				require.NotNilf(t, got, "Send(%d, %v) = nil, want a record", n, now)
				want := arq.SentSegment{Seq: b.base.Add(off), Len: n, FirstSent: now, LastSent: now, Transmissions: 1}
				assert.Equalf(t, want, *got, "Send(%d, %v) = %+v, want %+v", n, now, *got, want)
				off += uint32(n)
				assert.Equalf(t, b.base.Add(off), w.SndNxt(), "after Send(%d): SndNxt() = %d, want %d", n, w.SndNxt(), b.base.Add(off))
				assert.Equalf(t, b.base.Add(off), got.End(), "Send(%d).End() = %d, want %d", n, got.End(), b.base.Add(off))
			}
			assert.Equalf(t, 350, w.InFlight(), "InFlight() = %d, want 350", w.InFlight())
			assert.Equalf(t, 3, w.Len(), "Len() = %d, want 3", w.Len())
			assert.Equalf(t, b.base, w.SndUna(), "SndUna() = %d, want %d (nothing acknowledged)", w.SndUna(), b.base)
			assert.Equalf(t, b.base.Add(150), w.At(2).Seq, "At(2).Seq = %d, want %d", w.At(2).Seq, b.base.Add(150))

			for _, bad := range []int{0, -5} {
				assert.Nilf(t, w.Send(bad, 0), "Send(%d, 0) = non-nil, want nil (no sequence space)", bad)
			}
			assert.Equalf(t, 3, w.Len(), "after Send(0): Len() = %d, want 3", w.Len())
			for _, i := range []int{-1, 3} {
				assert.Nilf(t, w.At(i), "At(%d) = non-nil, want nil (out of range)", i)
			}
		})
	}
}

func TestSendWindowAck(t *testing.T) {
	// Every case sends three 100-byte segments at offsets 0, 100, 200 from
	// the base, then applies the ACKs in before (offsets from the base),
	// then the ACK under test.
	tests := []struct {
		name      string
		before    []uint32
		ack       int64 // offset of SEG.ACK from the base; may be negative
		want      arq.AckResult
		wantSegs  []uint32 // offsets of the segments fully acknowledged
		wantUna   uint32
		wantLen   int
		wantFirst arq.SentSegment // At(0) afterwards, Seq as an offset; zero if empty
	}{
		{name: "the first segment", ack: 100, want: arq.AckResult{Acked: 100},
			wantSegs: []uint32{0}, wantUna: 100, wantLen: 2, wantFirst: arq.SentSegment{Seq: 100, Len: 100}},
		{name: "two at once: cumulative", ack: 200, want: arq.AckResult{Acked: 200},
			wantSegs: []uint32{0, 100}, wantUna: 200, wantLen: 1, wantFirst: arq.SentSegment{Seq: 200, Len: 100}},
		{name: "everything", ack: 300, want: arq.AckResult{Acked: 300},
			wantSegs: []uint32{0, 100, 200}, wantUna: 300, wantLen: 0},
		{name: "duplicate: SEG.ACK = SND.UNA with data in flight", before: []uint32{100}, ack: 100,
			want: arq.AckResult{Duplicate: true}, wantUna: 100, wantLen: 2, wantFirst: arq.SentSegment{Seq: 100, Len: 100}},
		{name: "old: SEG.ACK < SND.UNA", before: []uint32{200}, ack: 100,
			want: arq.AckResult{Old: true}, wantUna: 200, wantLen: 1, wantFirst: arq.SentSegment{Seq: 200, Len: 100}},
		{name: "older than the ISS", ack: -1,
			want: arq.AckResult{Old: true}, wantUna: 0, wantLen: 3, wantFirst: arq.SentSegment{Seq: 0, Len: 100}},
		{name: "unsent: SEG.ACK > SND.NXT", ack: 301,
			want: arq.AckResult{Unsent: true}, wantUna: 0, wantLen: 3, wantFirst: arq.SentSegment{Seq: 0, Len: 100}},
		{name: "inside a segment: its front is trimmed", ack: 150, want: arq.AckResult{Acked: 150},
			wantSegs: []uint32{0}, wantUna: 150, wantLen: 2, wantFirst: arq.SentSegment{Seq: 150, Len: 50}},
		{name: "inside the first segment", ack: 1, want: arq.AckResult{Acked: 1},
			wantUna: 1, wantLen: 3, wantFirst: arq.SentSegment{Seq: 1, Len: 99}},
		{name: "nothing in flight: not a duplicate", before: []uint32{300}, ack: 300,
			want: arq.AckResult{}, wantUna: 300, wantLen: 0},
	}
	for _, b := range pieceBases {
		for _, tc := range tests {
			t.Run(b.name+"/"+tc.name, func(t *testing.T) {
				w := arq.NewSendWindow(b.base)
				for i := 0; i < 3; i++ {
					w.Send(100, time.Duration(i)*time.Millisecond)
				}
				for _, a := range tc.before {
					r := w.Ack(b.base.Add(a))
					require.Truef(t, r.Acked > 0, "setup Ack(%d) = %+v, want new data acknowledged", b.base.Add(a), r)
				}
				ack := b.base.Add(uint32(tc.ack))
				got := w.Ack(ack)

				var segs []seq.Num
				for _, s := range got.Segments {
					segs = append(segs, s.Seq)
				}
				var wantSegs []seq.Num
				for _, o := range tc.wantSegs {
					wantSegs = append(wantSegs, b.base.Add(o))
				}
				gotFlags := arq.AckResult{Acked: got.Acked, Duplicate: got.Duplicate, Old: got.Old, Unsent: got.Unsent}
				assert.Equalf(t, tc.want, gotFlags, "Ack(%d) = %+v, want %+v", ack, gotFlags, tc.want)
				assert.Equalf(t, wantSegs, segs, "Ack(%d).Segments starts = %v, want %v", ack, segs, wantSegs)
				assert.Equalf(t, b.base.Add(tc.wantUna), w.SndUna(), "after Ack(%d): SndUna() = %d, want %d", ack, w.SndUna(), b.base.Add(tc.wantUna))
				assert.Equalf(t, b.base.Add(300), w.SndNxt(), "after Ack(%d): SndNxt() = %d, want %d", ack, w.SndNxt(), b.base.Add(300))
				assert.Equalf(t, int(300-tc.wantUna), w.InFlight(), "after Ack(%d): InFlight() = %d, want %d", ack, w.InFlight(), 300-tc.wantUna)
				require.Equalf(t, tc.wantLen, w.Len(), "after Ack(%d): Len() = %d, want %d", ack, w.Len(), tc.wantLen)
				if tc.wantLen > 0 {
					first := w.At(0)
					want := b.base.Add(uint32(tc.wantFirst.Seq))
					assert.Equalf(t, want, first.Seq, "after Ack(%d): At(0).Seq = %d, want %d", ack, first.Seq, want)
					assert.Equalf(t, tc.wantFirst.Len, first.Len, "after Ack(%d): At(0).Len = %d, want %d", ack, first.Len, tc.wantFirst.Len)
					assert.Equalf(t, w.SndUna(), first.Seq, "after Ack(%d): At(0).Seq = %d, want SndUna() = %d", ack, first.Seq, w.SndUna())
				}
			})
		}
	}
}

func TestSendWindowTrimKeepsTimes(t *testing.T) {
	w := arq.NewSendWindow(4294967246) // the segment straddles 0
	w.Send(100, 5*time.Millisecond)
	w.Retransmit(0, 9*time.Millisecond)
	w.Ack(10)
	got := *w.At(0)
	want := arq.SentSegment{Seq: 10, Len: 40, FirstSent: 5 * time.Millisecond, LastSent: 9 * time.Millisecond, Transmissions: 2}
	assert.Equalf(t, want, got, "after Ack(10) inside [4294967246, 50): At(0) = %+v, want %+v", got, want)
}

func TestSendWindowRetransmit(t *testing.T) {
	w := arq.NewSendWindow(0)
	w.Send(10, 1*time.Millisecond)
	w.Send(10, 2*time.Millisecond)

	got := w.Retransmit(1, 50*time.Millisecond)
	require.NotNilf(t, got, "Retransmit(1, 50ms) = nil, want the record")
	want := arq.SentSegment{Seq: 10, Len: 10, FirstSent: 2 * time.Millisecond, LastSent: 50 * time.Millisecond, Transmissions: 2}
	assert.Equalf(t, want, *got, "Retransmit(1, 50ms) = %+v, want %+v", *got, want)
	assert.Equalf(t, want, *w.At(1), "At(1) after Retransmit = %+v, want %+v", *w.At(1), want)
	assert.Equalf(t, 1, w.At(0).Transmissions, "At(0).Transmissions = %d, want 1 (untouched)", w.At(0).Transmissions)
	assert.Equalf(t, seq.Num(20), w.SndNxt(), "SndNxt() after Retransmit = %d, want 20 (unchanged)", w.SndNxt())

	for _, i := range []int{-1, 2} {
		assert.Nilf(t, w.Retransmit(i, 0), "Retransmit(%d, 0) = non-nil, want nil (out of range)", i)
	}
}

func TestSendWindowFind(t *testing.T) {
	for _, b := range pieceBases {
		w := arq.NewSendWindow(b.base)
		for i := 0; i < 4; i++ {
			w.Send(100, 0)
		}
		w.Ack(b.base.Add(100)) // segment 0 leaves; 100, 200, 300 remain
		tests := []struct {
			name string
			off  uint32
			want int
		}{
			{"the oldest", 100, 0},
			{"the middle", 200, 1},
			{"the newest", 300, 2},
			{"acknowledged already", 0, -1},
			{"inside a segment", 250, -1},
			{"SND.NXT: not sent yet", 400, -1},
		}
		for _, tc := range tests {
			t.Run(b.name+"/"+tc.name, func(t *testing.T) {
				s := b.base.Add(tc.off)
				got := w.Find(s)
				assert.Equalf(t, tc.want, got, "Find(%d) = %d, want %d", s, got, tc.want)
			})
		}
	}
}

// TestSendWindowRandom checks the window against a slow, obvious model: a
// plain slice whose front is cut off on every ACK.
func TestSendWindowRandom(t *testing.T) {
	for seed := int64(1); seed <= 5; seed++ {
		seed := seed
		t.Run(fmt.Sprintf("seed %d", seed), func(t *testing.T) {
			rng := rand.New(rand.NewSource(seed))
			base := seq.Num(4294967295 - rng.Intn(5000))
			w := arq.NewSendWindow(base)
			var model []arq.SentSegment
			una, nxt := base, base
			for step := 0; step < 3000; step++ {
				if len(model) < 1+rng.Intn(40) {
					n := 1 + rng.Intn(300)
					w.Send(n, time.Duration(step))
					model = append(model, arq.SentSegment{Seq: nxt, Len: n, FirstSent: time.Duration(step), LastSent: time.Duration(step), Transmissions: 1})
					nxt = nxt.Add(uint32(n))
				} else {
					ack := una.Add(uint32(rng.Intn(int(una.Distance(nxt)) + 1)))
					w.Ack(ack)
					for len(model) > 0 && model[0].End().LessThanEq(ack) {
						model = model[1:]
					}
					if len(model) > 0 && model[0].Seq.LessThan(ack) {
						model[0].Len -= int(model[0].Seq.Distance(ack))
						model[0].Seq = ack
					}
					una = ack
				}
				require.Equalf(t, len(model), w.Len(), "step %d: Len() = %d, want %d", step, w.Len(), len(model))
				for i := range model {
					require.Equalf(t, model[i], *w.At(i), "step %d: At(%d) = %+v, want %+v", step, i, *w.At(i), model[i])
				}
				require.Equalf(t, una, w.SndUna(), "step %d: SndUna() = %d, want %d", step, w.SndUna(), una)
				require.Equalf(t, nxt, w.SndNxt(), "step %d: SndNxt() = %d, want %d", step, w.SndNxt(), nxt)
			}
		})
	}
}

// sendWindowSteadyState sends one segment and acknowledges the oldest, as
// a sender with a full window does on every ACK.
func sendWindowSteadyState(w *arq.SendWindow, now time.Duration) {
	w.Send(1000, now)
	w.Ack(w.At(0).End())
}

func TestSendWindowNoAllocs(t *testing.T) {
	w := arq.NewSendWindow(4294967000)
	for i := 0; i < 64; i++ {
		w.Send(1000, 0)
	}
	for i := 0; i < 1000; i++ { // let the slices reach their final size
		sendWindowSteadyState(w, 0)
	}
	allocs := testing.AllocsPerRun(1000, func() { sendWindowSteadyState(w, 0) })
	assert.Equalf(t, 0.0, allocs, "Send and Ack with 64 segments in flight: %v allocations per call, want 0", allocs)
}

func BenchmarkSendWindow(b *testing.B) {
	w := arq.NewSendWindow(0)
	for i := 0; i < 64; i++ {
		w.Send(1000, 0)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sendWindowSteadyState(w, time.Duration(i))
	}
}
