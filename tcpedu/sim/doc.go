// Package sim is tcpedu's deterministic discrete-event simulator: the
// engine that every link, ARQ protocol and TCP connection in tcpedu runs on.
//
// # The idea
//
// A discrete-event simulation does not let time flow. It keeps a queue of
// things that will happen ("the segment reaches the router at 12.3 ms", "the
// retransmission timer fires at 1.2 s"), takes the earliest, jumps the clock
// to its time, and runs it; running it schedules more events. Nothing
// happens between events, so a minute of simulated traffic takes as long as
// its events take to process, not a minute.
//
//	queue: [t=10ms deliver seg 1] [t=12ms deliver seg 2] [t=1s RTO]
//	        └─ pop: now = 10ms, run it: it schedules [t=30ms deliver ACK 1]
//
// # Determinism
//
// Equal seeds give identical runs, event for event, so a trace can be
// replayed, diffed and taught from:
//
//   - time is virtual: Now is a time.Duration since the start, and nothing
//     in tcpedu reads the wall clock;
//   - events due at the same instant run in the order they were scheduled
//     (a stable tie-break), never in map or heap order;
//   - all randomness comes from one seeded source, Sim.Rand.
//
// # Reading order
//
//	sim.go     Sim: the clock, At/After, Step/Run/RunUntil
//	queue.go   the event queue, a binary heap ordered by (time, sequence)
//	timer.go   Timer: an event that can be re-armed and cancelled, the
//	           shape of every TCP timer (retransmission, persist, TIME-WAIT)
//
// The package uses the standard library only, and its exported API stays
// within what the yaegi interpreter runs.
package sim
