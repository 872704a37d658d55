package link

import (
	"math/rand"
	"sort"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestFlightsPopInArrivalOrder checks the wire's sorted queue against the
// obvious oracle, a sort: copies pushed in any order, with pops mixed in,
// come out earliest arrival first, ties in order of entry. Most pushes
// arrive last (the fast path), some overtake (jitter, reordering), and the
// queue is long enough to be compacted.
func TestFlightsPopInArrivalOrder(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	var h flights
	var want []flight // the oracle: everything pushed and not yet popped
	var clock time.Duration
	for i := 0; i < 20000; i++ {
		if rng.Intn(3) > 0 || h.len() == 0 {
			clock += time.Duration(rng.Intn(10)) * time.Microsecond
			at := clock
			if rng.Intn(10) == 0 {
				at -= time.Duration(rng.Intn(200)) * time.Microsecond // overtakes
			}
			f := flight{at: at, seq: uint64(i)}
			h.push(f)
			want = append(want, f)
			continue
		}
		sort.SliceStable(want, func(a, b int) bool { return want[a].before(&want[b]) })
		got := h.pop()
		require.Equal(t, want[0].seq, got.seq, "pop %d: got the copy entered %d at %v, want the one entered %d at %v", i, got.seq, got.at, want[0].seq, want[0].at)
		want = want[1:]
	}
	assert.Equal(t, len(want), h.len(), "copies left on the wire")
}
