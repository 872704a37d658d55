package seq_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/tcpedu/tcpedu/tcpedu/seq"
)

// top is the last number before the wrap: 2^32−1.
const top = seq.Num(4294967295)

func TestAdd(t *testing.T) {
	tests := []struct {
		name  string
		n     seq.Num
		bytes uint32
		want  seq.Num
	}{
		{"zero bytes stay put", 1000, 0, 1000},
		{"one data byte", 748207436, 1, 748207437},
		{"a full segment", 748207437, 1448, 748208885},
		{"one past the top wraps to 0", top, 1, 0},
		{"across the wrap", 4294967000, 1000, 704},
		{"a whole turn less one byte lands one before", 500, 4294967295, 499},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.n.Add(tc.bytes)
			assert.Equalf(t, tc.want, got, "Num(%d).Add(%d) = %d, want %d", tc.n, tc.bytes, got, tc.want)
		})
	}
}

func TestSub(t *testing.T) {
	tests := []struct {
		name string
		n, m seq.Num
		want int32
	}{
		{"equal", 7, 7, 0},
		{"ahead", 748208885, 748207437, 1448},
		{"behind", 748207437, 748208885, -1448},
		{"0 is one after the top", 0, top, 1},
		{"the top is one before 0", top, 0, -1},
		{"ahead across the wrap", 704, 4294967000, 1000},
		{"largest exact distance", 1<<31 - 1, 0, 1<<31 - 1},
		{"largest exact distance behind", 0, 1<<31 - 1, -(1<<31 - 1)},
		{"half a turn is -2^31 one way", 1 << 31, 0, -1 << 31},
		{"half a turn is -2^31 the other way too", 0, 1 << 31, -1 << 31},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.n.Sub(tc.m)
			assert.Equalf(t, tc.want, got, "Num(%d).Sub(%d) = %d, want %d", tc.n, tc.m, got, tc.want)
		})
	}
}

func TestDistance(t *testing.T) {
	tests := []struct {
		name  string
		n, to seq.Num
		want  uint32
	}{
		{"to itself", 42, 42, 0},
		{"forward", 10, 12, 2},
		{"backward goes nearly all the way round", 12, 10, 4294967294},
		{"from the top to 0", top, 0, 1},
		{"from 0 to the top", 0, top, 4294967295},
		{"across the wrap", 4294967000, 704, 1000},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.n.Distance(tc.to)
			assert.Equalf(t, tc.want, got, "Num(%d).Distance(%d) = %d, want %d", tc.n, tc.to, got, tc.want)
		})
	}
}

// TestSegLen checks SEG.LEN against tshark's "next sequence number"
// (tcp.nxtseq) for segments of tcp4_transfer.pcap: nxtseq = seq + SEG.LEN.
func TestSegLen(t *testing.T) {
	tests := []struct {
		name      string
		dataBytes uint32
		syn, fin  bool
		seq, want seq.Num // raw seq and raw nxtseq from the capture
	}{
		{"packet 1, SYN", 0, true, false, 748207436, 748207437},
		{"packet 3, bare ACK", 0, false, false, 748207437, 748207437},
		{"packet 4, 1448 data bytes", 1448, false, false, 748207437, 748208885},
		{"packet 16, FIN", 0, false, true, 748211437, 748211438},
		{"SYN and FIN with data, made up", 10, true, true, top, 11},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.seq.Add(seq.SegLen(tc.dataBytes, tc.syn, tc.fin))
			assert.Equalf(t, tc.want, got, "Num(%d).Add(SegLen(%d, %t, %t)) = %d, want %d",
				tc.seq, tc.dataBytes, tc.syn, tc.fin, got, tc.want)
		})
	}
}

func TestString(t *testing.T) {
	tests := []struct {
		n    seq.Num
		want string
	}{
		{0, "0"},
		{748207436, "748207436"},
		{top, "4294967295"},
	}
	for _, tc := range tests {
		got := tc.n.String()
		assert.Equalf(t, tc.want, got, "Num(%d).String() = %q, want %q", uint32(tc.n), got, tc.want)
	}
}
