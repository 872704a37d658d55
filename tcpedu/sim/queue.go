package sim

import "time"

// event is one scheduled callback. Events live in queue, a binary min-heap
// ordered by (at, seq): the earliest time first, and among events due at
// the same instant, the one scheduled first. seq makes the order total and
// the run deterministic.
type event struct {
	at    time.Duration // when it is due
	seq   uint64        // scheduling order, for a stable tie-break
	fn    func()        // what to run
	index int           // position in the heap, or -1 when not queued
	timer *Timer        // the Timer that owns this event, nil for a one-shot
}

// before reports whether a is due before b.
func (a *event) before(b *event) bool {
	if a.at != b.at {
		return a.at < b.at
	}
	return a.seq < b.seq
}

// queue is a binary heap of events: queue[0] is the next one due, and each
// element is due no later than its two children, at 2i+1 and 2i+2. Each event
// records its index, so that a timer can be moved or removed in place in
// O(log n) instead of being left behind as a stale entry.
//
// It is written out rather than built on container/heap to avoid an
// interface conversion per operation: the engine's speed sets the speed of
// every simulation in tcpedu.
type queue []*event

func (q *queue) push(e *event) {
	e.index = len(*q)
	*q = append(*q, e)
	q.up(e.index)
}

// pop removes and returns the next event due.
func (q *queue) pop() *event {
	old := *q
	e := old[0]
	last := len(old) - 1
	old.swap(0, last)
	old[last] = nil
	*q = old[:last]
	q.down(0)
	e.index = -1
	return e
}

// remove takes e out of the queue wherever it is.
func (q *queue) remove(e *event) {
	i, last := e.index, len(*q)-1
	if i != last {
		q.swap(i, last)
	}
	(*q)[last] = nil
	*q = (*q)[:last]
	if i != last {
		q.fix(i)
	}
	e.index = -1
}

// fix restores heap order after the event at i changed its time.
func (q *queue) fix(i int) {
	if !q.down(i) {
		q.up(i)
	}
}

func (q queue) swap(i, j int) {
	q[i], q[j] = q[j], q[i]
	q[i].index = i
	q[j].index = j
}

// up moves the event at i towards the root while it is due before its parent.
func (q queue) up(i int) {
	for i > 0 {
		parent := (i - 1) / 2
		if !q[i].before(q[parent]) {
			return
		}
		q.swap(i, parent)
		i = parent
	}
}

// down moves the event at i towards the leaves while a child is due before
// it, and reports whether it moved.
func (q queue) down(i int) bool {
	start := i
	for {
		least := i
		if l := 2*i + 1; l < len(q) && q[l].before(q[least]) {
			least = l
		}
		if r := 2*i + 2; r < len(q) && q[r].before(q[least]) {
			least = r
		}
		if least == i {
			return i != start
		}
		q.swap(i, least)
		i = least
	}
}
