package link

import "time"

// This file holds the two containers a link keeps packets in: the FIFO of
// packets waiting to be serialised, and the packets on the wire ordered by
// arrival time. Both reuse their storage, so that a link carrying millions
// of packets allocates only while its queues grow to their largest.

// packet is one packet inside a link, with the time Send accepted it.
type packet struct {
	b    []byte
	sent time.Duration // when Send took it, for the one-way delay
}

// fifo is the DropTail queue: a ring buffer of packets in arrival order.
// The zero value is an empty queue.
type fifo struct {
	buf  []packet // the ring; its length is the capacity
	head int      // index of the oldest packet
	n    int      // packets in the ring
}

func (q *fifo) len() int { return q.n }

// push adds p at the tail, doubling the ring when it is full.
func (q *fifo) push(p packet) {
	if q.n == len(q.buf) {
		grown := make([]packet, 2*len(q.buf)+4)
		for i := 0; i < q.n; i++ {
			grown[i] = q.buf[(q.head+i)%len(q.buf)]
		}
		q.buf = grown
		q.head = 0
	}
	q.buf[(q.head+q.n)%len(q.buf)] = p
	q.n++
}

// pop removes and returns the oldest packet; the queue must not be empty.
func (q *fifo) pop() packet {
	p := q.buf[q.head]
	q.buf[q.head] = packet{} // let the garbage collector have the bytes
	q.head = (q.head + 1) % len(q.buf)
	q.n--
	return p
}

// flight is one copy of a packet on the wire, due to arrive at at.
type flight struct {
	at  time.Duration // arrival time at the receiver
	seq uint64        // order of entry, to break ties in arrival time
	packet
	dup bool // the extra copy made by duplication
}

// before reports whether a arrives before b: earlier time first, and at the
// same time, the one that entered the wire first.
func (a *flight) before(b *flight) bool {
	if a.at != b.at {
		return a.at < b.at
	}
	return a.seq < b.seq
}

// flights holds the copies on the wire sorted by arrival, the next to
// arrive at the front. Without jitter, reordering or holds, copies arrive
// in the order they entered the wire, so push appends at the back and pop
// takes from the front, both in constant time; a copy that overtakes others
// (jitter, reordering, a held packet) is inserted at its place by binary
// search. A heap would cost log n on every pop even in the common case.
type flights struct {
	q    []flight // q[head:] is the wire, sorted by before
	head int      // q[:head] is spent storage, reclaimed by compact
}

func (h *flights) len() int { return len(h.q) - h.head }

// push adds f at its place in arrival order.
func (h *flights) push(f flight) {
	n := len(h.q)
	if n == h.head || !f.before(&h.q[n-1]) {
		h.q = append(h.q, f) // the common case: f arrives last
		return
	}
	// Find the first copy that f arrives before, and insert f there.
	lo, hi := h.head, n-1
	for lo < hi {
		mid := (lo + hi) / 2
		if f.before(&h.q[mid]) {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	h.q = append(h.q, flight{})
	copy(h.q[lo+1:], h.q[lo:n])
	h.q[lo] = f
}

// pop removes and returns the next copy to arrive; h must not be empty.
func (h *flights) pop() flight {
	top := h.q[h.head]
	h.q[h.head] = flight{} // let the garbage collector have the bytes
	h.head++
	if h.head == len(h.q) {
		h.q, h.head = h.q[:0], 0 // empty: start again at the front
	} else if h.head >= 1024 && h.head*2 >= len(h.q) {
		h.compact()
	}
	return top
}

// compact moves the copies on the wire to the front of the storage, so that
// it does not grow without bound while the wire is never empty.
func (h *flights) compact() {
	n := copy(h.q, h.q[h.head:])
	for i := n; i < len(h.q); i++ {
		h.q[i] = flight{}
	}
	h.q, h.head = h.q[:n], 0
}
