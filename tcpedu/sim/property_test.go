package sim

import (
	"math/rand/v2"
	"sort"
	"testing"
	"time"
)

// The property test drives the engine with random mixes of one-shot events
// and timers that are reset and stopped, and compares the order in which
// things run with a slow, obvious model: a list of (time, sequence) pairs
// sorted before each step.

type modelEntry struct {
	at  time.Duration
	seq uint64
	id  int
}

func checkAgainstModel(t *testing.T, seed uint64, ops int) {
	rng := rand.New(rand.NewPCG(seed, 1))
	s := New(seed)
	var model []modelEntry
	var seq uint64
	var ran []int

	const timers = 8
	timerList := make([]*Timer, timers)
	for i := 0; i < timers; i++ {
		id := -1 - i
		timerList[i] = s.NewTimer(func() { ran = append(ran, id) })
	}
	removeID := func(id int) bool {
		for i, e := range model {
			if e.id == id {
				model = append(model[:i], model[i+1:]...)
				return true
			}
		}
		return false
	}

	for op := 0; op < ops; op++ {
		d := time.Duration(rng.IntN(20)) * time.Millisecond
		switch k := rng.IntN(10); {
		case k < 4: // a one-shot event
			id := op
			s.After(d, func() { ran = append(ran, id) })
			model = append(model, modelEntry{s.Now() + d, seq, id})
			seq++
		case k < 7: // reset a timer
			i := rng.IntN(timers)
			timerList[i].Reset(d)
			removeID(-1 - i)
			model = append(model, modelEntry{s.Now() + d, seq, -1 - i})
			seq++
		case k < 8: // stop a timer
			i := rng.IntN(timers)
			if got, want := timerList[i].Stop(), removeID(-1-i); got != want {
				t.Fatalf("seed %d op %d: Stop() = %v, model says armed = %v", seed, op, got, want)
			}
		default: // run one event
			sort.Slice(model, func(a, b int) bool {
				if model[a].at != model[b].at {
					return model[a].at < model[b].at
				}
				return model[a].seq < model[b].seq
			})
			before := len(ran)
			stepped := s.Step()
			if stepped != (len(model) > 0) {
				t.Fatalf("seed %d op %d: Step() = %v with %d events in the model", seed, op, stepped, len(model))
			}
			if !stepped {
				continue
			}
			want := model[0]
			model = model[1:]
			if got := ran[before]; got != want.id || s.Now() != want.at {
				t.Fatalf("seed %d op %d: ran %d at %v, model says %d at %v", seed, op, got, s.Now(), want.id, want.at)
			}
		}
		if s.Pending() != len(model) {
			t.Fatalf("seed %d op %d: Pending() = %d, model has %d", seed, op, s.Pending(), len(model))
		}
	}
}

func TestAgainstModel(t *testing.T) {
	for seed := uint64(0); seed < 200; seed++ {
		checkAgainstModel(t, seed, 300)
	}
}

func FuzzAgainstModel(f *testing.F) {
	f.Add(uint64(1), uint16(100))
	f.Add(uint64(7), uint16(1000))
	f.Fuzz(func(t *testing.T, seed uint64, ops uint16) {
		checkAgainstModel(t, seed, int(ops%2000))
	})
}
