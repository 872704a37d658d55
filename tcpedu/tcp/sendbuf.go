package tcp

// sendBuffer holds the bytes the application has written and the peer has
// not yet acknowledged: sent or not, they may be needed again. Bytes
// leave from the front as they are acknowledged and join at the back as
// the application writes, so the buffer keeps the space freed at the front
// and moves its contents back to the start only when the back runs out of
// room: each byte is moved at most a few times, however long the
// connection runs. (Appending to a slice whose front has been cut off
// would copy all of it every time it grew.)
type sendBuffer struct {
	arr []byte // arr[off:] are the bytes
	off int
}

// bytes returns the buffered bytes; valid until the next append.
func (b *sendBuffer) bytes() []byte { return b.arr[b.off:] }

// len returns how many bytes are buffered.
func (b *sendBuffer) len() int { return len(b.arr) - b.off }

// append adds data at the back.
func (b *sendBuffer) append(data []byte) {
	if len(b.arr)+len(data) > cap(b.arr) && b.off >= b.len() {
		// More space was freed at the front than is in use: reuse it.
		n := copy(b.arr, b.arr[b.off:])
		b.arr, b.off = b.arr[:n], 0
	}
	b.arr = append(b.arr, data...)
}

// consume drops n bytes from the front.
func (b *sendBuffer) consume(n int) {
	b.off += n
	if b.off == len(b.arr) {
		b.arr, b.off = b.arr[:0], 0
	}
}
