package plots

import (
	"errors"
	"fmt"
	"runtime"
	"sync"
	"time"

	"github.com/tcpedu/tcpedu/tcpedu/bulk"
)

// SweepConfig describes a sweep: the same bulk transfer at each of several
// random loss rates, for each variant, with several seeds.
type SweepConfig struct {
	Run      bulk.Config // the path; Loss, CC and Seed are set for each run
	Losses   []float64   // the loss probabilities, each in (0, 1)
	Variants []string    // congestion controls; empty means Run.CC
	Seeds    int         // runs per point, with seeds Run.Seed, Run.Seed+1, …; 0 means 1

	// Workers is how many runs go at once; 0 means runtime.GOMAXPROCS(0),
	// a goroutine per core.
	Workers int
	// Progress, if set, is called after each run with the runs done and
	// the total, from one goroutine at a time: for a progress bar.
	Progress func(done, total int)
}

// SweepDefault is the sweep the throughput figure draws when nothing else
// is asked for: Tahoe, Reno and NewReno through 100 Mbit/s, 20 ms one
// way, a queue the flow never fills (so that random loss alone limits it,
// as the Mathis formula assumes), at ten loss rates from 0.01% to 10%,
// 20 s and two seeds each: 60 runs.
func SweepDefault() SweepConfig {
	return SweepConfig{
		Run: bulk.Config{CC: bulk.DefaultCC, Bandwidth: 100e6, Delay: bulk.DefaultDelay, Queue: 1000,
			Duration: 20 * time.Second, Seed: 1},
		Losses:   []float64{0.0001, 0.0002, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1},
		Variants: CompareVariants(),
		Seeds:    2,
	}
}

// SweepPoint is one variant at one loss rate: every seed's run.
type SweepPoint struct {
	CC       string
	Loss     float64
	Goodputs []float64 // bits per second, one per seed, in seed order
	Timeouts int       // over all seeds
}

// Mean returns the mean goodput over the seeds, bits per second.
func (p SweepPoint) Mean() float64 {
	return mean(p.Goodputs)
}

// Sweep is a finished sweep.
type Sweep struct {
	Config SweepConfig
	Points []SweepPoint  // by variant, then by loss, in the order given
	RTT    time.Duration // the path's round trip with empty queues
	MSS    int           // bytes
	Run    bulk.Config   // the path, defaults filled in
}

// RunSweep runs every (variant, loss, seed) of c, Workers at a time. The
// results do not depend on the number of workers or the order the runs
// finish in: each run is deterministic, and each is filed by its index.
func RunSweep(c SweepConfig) (*Sweep, error) {
	if len(c.Losses) == 0 {
		return nil, errors.New("plots: a sweep needs at least one loss rate")
	}
	for _, p := range c.Losses {
		if !(p > 0 && p < 1) {
			return nil, fmt.Errorf("plots: loss rate %g is not between 0 and 1 (exclusive)", p)
		}
	}
	variants := c.Variants
	if len(variants) == 0 {
		variants = []string{c.Run.WithDefaults().CC}
	}
	seeds := c.Seeds
	if seeds < 1 {
		seeds = 1
	}
	workers := c.Workers
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	type job struct {
		point, seed int
		cfg         bulk.Config
	}
	var jobs []job
	s := &Sweep{Config: c}
	for _, v := range variants {
		for _, p := range c.Losses {
			s.Points = append(s.Points, SweepPoint{CC: v, Loss: p, Goodputs: make([]float64, seeds)})
			for k := 0; k < seeds; k++ {
				rc := c.Run
				rc.CC, rc.Loss, rc.Seed = v, p, c.Run.Seed+uint64(k)
				rc.Trace, rc.Capture, rc.Progress = false, false, nil
				if err := rc.Validate(); err != nil {
					return nil, err
				}
				jobs = append(jobs, job{point: len(s.Points) - 1, seed: k, cfg: rc})
			}
		}
	}
	results := make([]*bulk.Result, len(jobs))
	errs := make([]error, len(jobs))
	next := make(chan int)
	done := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				results[i], errs[i] = bulk.Run(jobs[i].cfg)
				done <- i
			}
		}()
	}
	go func() {
		for i := range jobs {
			next <- i
		}
		close(next)
	}()
	go func() {
		wg.Wait()
		close(done)
	}()
	finished := 0
	for range done {
		finished++
		if c.Progress != nil {
			c.Progress(finished, len(jobs))
		}
	}
	for i, j := range jobs {
		if errs[i] != nil {
			return nil, errs[i]
		}
		r := results[i]
		pt := &s.Points[j.point]
		pt.Goodputs[j.seed] = r.GoodputBps
		pt.Timeouts += r.Timeouts
		s.RTT, s.MSS, s.Run = r.RTT, r.Config.MSS, r.Config
	}
	return s, nil
}
