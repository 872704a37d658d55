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

// flights is a binary min-heap of the copies on the wire, the next to
// arrive at [0]. Without jitter, reordering or holds, arrivals come in
// order and every push lands at the bottom; with them, later packets can
// overtake. It is written out, as sim's event queue is, because
// container/heap would box each flight in an interface and allocate.
type flights []flight

func (h *flights) push(f flight) {
	*h = append(*h, f)
	q := *h
	for i := len(q) - 1; i > 0; {
		parent := (i - 1) / 2
		if !q[i].before(&q[parent]) {
			break
		}
		q[i], q[parent] = q[parent], q[i]
		i = parent
	}
}

// pop removes and returns the next copy to arrive; h must not be empty.
func (h *flights) pop() flight {
	q := *h
	top := q[0]
	last := len(q) - 1
	q[0] = q[last]
	q[last] = flight{} // let the garbage collector have the bytes
	q = q[:last]
	for i := 0; ; {
		least := i
		if l := 2*i + 1; l < len(q) && q[l].before(&q[least]) {
			least = l
		}
		if r := 2*i + 2; r < len(q) && q[r].before(&q[least]) {
			least = r
		}
		if least == i {
			break
		}
		q[i], q[least] = q[least], q[i]
		i = least
	}
	*h = q
	return top
}
