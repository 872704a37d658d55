package seq_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/tcpedu/tcpedu/tcpedu/seq"
)

// The ISNs of the two sides of tcp4_transfer.pcap, from its SYN (packet 1)
// and SYN-ACK (packet 2).
const (
	clientISN = seq.Num(748207436)
	serverISN = seq.Num(3636130622)
)

// TestRelativeAbsolute converts numbers both ways. Each capture row is a
// (tcp.seq_raw, tcp.seq) pair printed by
//
//	tshark -r tcp4_transfer.pcap -T fields -e frame.number -e tcp.seq_raw -e tcp.seq
//
// with TShark 4.0.17; the wrap rows come from a hand-made capture whose ISN
// was 4294967000, also read with TShark 4.0.17.
func TestRelativeAbsolute(t *testing.T) {
	tests := []struct {
		name string
		base seq.Num
		raw  seq.Num
		rel  uint32
	}{
		{"packet 1, client SYN", clientISN, 748207436, 0},
		{"packet 4, client's first data byte", clientISN, 748207437, 1},
		{"packet 6, client's third segment", clientISN, 748210333, 2897},
		{"packet 16, client FIN", clientISN, 748211437, 4001},
		{"packet 2, server SYN-ACK", serverISN, 3636130622, 0},
		{"packet 14, server's last data", serverISN, 3636133519, 2897},
		{"packet 17, server FIN", serverISN, 3636133623, 3001},

		{"wrap capture: data crossing 0", 4294967000, 4294967001, 1},
		{"wrap capture: ack 705 crossed 0", 4294967000, 705, 1001},
		{"wrap capture: 3e9 bytes in", 4294967000, 2999999705, 3000000001},
		{"wrap capture: the last relative number", 4294967000, 4294966999, 4294967295},
		{"wrap capture: 4 GiB in, back to 0", 4294967000, 4294967000, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			gotRel := tc.raw.Relative(tc.base)
			assert.Equalf(t, tc.rel, gotRel, "Num(%d).Relative(%d) = %d, want %d", tc.raw, tc.base, gotRel, tc.rel)
			gotRaw := seq.Absolute(tc.base, tc.rel)
			assert.Equalf(t, tc.raw, gotRaw, "Absolute(%d, %d) = %d, want %d", tc.base, tc.rel, gotRaw, tc.raw)
		})
	}
}
