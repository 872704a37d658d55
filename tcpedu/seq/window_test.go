package seq_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/tcpedu/tcpedu/tcpedu/seq"
)

// In tcp4_transfer.pcap, packet 7 is the server's ACK
//
//	5001 → 60176 [ACK] Seq=3636130623 Ack=748208885 Win=68608 (67 << 10)
//
// so its RCV.NXT is 748208885 and its RCV.WND 68608 bytes: it will accept
// the client's bytes 748208885 up to 748277492.
const (
	rcvNxt = seq.Num(748208885)
	rcvWnd = uint32(68608)
)

func TestInWindow(t *testing.T) {
	tests := []struct {
		name  string
		n     seq.Num
		start seq.Num
		size  uint32
		want  bool
	}{
		// RCV.NXT =< SEG.SEQ < RCV.NXT+RCV.WND with the numbers of packet 7.
		{"RCV.NXT itself", rcvNxt, rcvNxt, rcvWnd, true},
		{"packet 6, the next segment in flight", 748210333, rcvNxt, rcvWnd, true},
		{"last byte of the window", rcvNxt.Add(rcvWnd - 1), rcvNxt, rcvWnd, true},
		{"first byte past the window", rcvNxt.Add(rcvWnd), rcvNxt, rcvWnd, false},
		{"a byte already received", rcvNxt - 1, rcvNxt, rcvWnd, false},

		{"size 0 holds nothing, not even start", 1000, 1000, 0, false},
		{"size 1 holds only start", 1000, 1000, 1, true},
		{"size 1, next byte", 1001, 1000, 1, false},

		// A window of 1000 bytes that straddles 0: 4294967000 ... 703.
		{"straddling 0: start", 4294967000, 4294967000, 1000, true},
		{"straddling 0: the top", top, 4294967000, 1000, true},
		{"straddling 0: 0", 0, 4294967000, 1000, true},
		{"straddling 0: last byte", 703, 4294967000, 1000, true},
		{"straddling 0: first byte past", 704, 4294967000, 1000, false},
		{"straddling 0: byte before start", 4294966999, 4294967000, 1000, false},

		// No 2^31 limit: a window of 2^32-1 bytes holds all but one number.
		{"largest window: start", 5, 5, 4294967295, true},
		{"largest window: 2^31 ahead", seq.Num(5).Add(half), 5, 4294967295, true},
		{"largest window: last byte", 3, 5, 4294967295, true},
		{"largest window: the one byte outside", 4, 5, 4294967295, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.n.InWindow(tc.start, tc.size)
			assert.Equalf(t, tc.want, got, "Num(%d).InWindow(%d, %d) = %t, want %t", tc.n, tc.start, tc.size, got, tc.want)
		})
	}
}

func TestInRange(t *testing.T) {
	tests := []struct {
		name       string
		n          seq.Num
		first, end seq.Num
		want       bool
	}{
		{"first is inside", 10, 10, 20, true},
		{"end is outside", 20, 10, 20, false},
		{"end-1 is inside", 19, 10, 20, true},
		{"before first", 9, 10, 20, false},
		{"empty range", 10, 10, 10, false},
		{"across the wrap: the top", top, 4294967290, 5, true},
		{"across the wrap: 0", 0, 4294967290, 5, true},
		{"across the wrap: end", 5, 4294967290, 5, false},
		{"end before first runs the long way round", 100, 20, 10, true},
		{"end before first, the gap", 15, 20, 10, false},

		// RFC 9293 §3.10.7.4: an ACK is acceptable when
		// SND.UNA < SEG.ACK =< SND.NXT. Client side after packet 6 of
		// tcp4_transfer.pcap: SND.UNA 748207437, SND.NXT 748211437.
		{"packet 7 acks new data", 748208885, seq.Num(748207437).Add(1), seq.Num(748211437).Add(1), true},
		{"packet 9 acks all of it", 748211437, seq.Num(748207437).Add(1), seq.Num(748211437).Add(1), true},
		{"a duplicate ack of SND.UNA", 748207437, seq.Num(748207437).Add(1), seq.Num(748211437).Add(1), false},
		{"an ack of data not yet sent", 748211438, seq.Num(748207437).Add(1), seq.Num(748211437).Add(1), false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.n.InRange(tc.first, tc.end)
			assert.Equalf(t, tc.want, got, "Num(%d).InRange(%d, %d) = %t, want %t", tc.n, tc.first, tc.end, got, tc.want)
		})
	}
}
