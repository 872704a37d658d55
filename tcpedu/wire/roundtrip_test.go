package wire

import (
	"encoding/hex"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestOptionsRoundTrip builds headers from the option constructors, writes
// them, parses them back, and expects the same options and the padding
// RFC 9293 §3.1 asks for.
func TestOptionsRoundTrip(t *testing.T) {
	tests := []struct {
		name    string
		opts    []Option
		wantLen int    // header length in bytes
		wantHex string // the options area, padding included
	}{
		{"no options", nil, 20, ""},
		{"MSS alone", []Option{MSSOption(1460)}, 24, "020405b4"},
		{"Linux SYN order", []Option{MSSOption(1460), SACKPermittedOption(), TimestampsOption(2145051541, 0), NOPOption(), WindowScaleOption(10)}, 40,
			"020405b40402080a7fdae395000000000103030a"},
		{"window scale padded with EOL zeros", []Option{WindowScaleOption(7)}, 24, "03030700"},
		{"timestamps with two NOPs", []Option{NOPOption(), NOPOption(), TimestampsOption(1, 2)}, 32, "0101080a0000000100000002"},
		{"SACK with 3 blocks after timestamps", []Option{NOPOption(), NOPOption(), TimestampsOption(7, 8), NOPOption(), NOPOption(),
			SACKOption(SACKBlock{100, 200}, SACKBlock{300, 400}, SACKBlock{500, 600})}, 60,
			"0101080a00000007000000080101051a000000640000" + "00c80000012c00000190000001f400000258"},
		{"SACK with 4 blocks", []Option{NOPOption(), NOPOption(), SACKOption(SACKBlock{1, 2}, SACKBlock{3, 4}, SACKBlock{5, 6}, SACKBlock{7, 8})}, 56,
			"0101052200000001000000020000000300000004000000050000000600000007" + "00000008"},
		{"unknown kind kept raw", []Option{RawOption(30, []byte{0x00, 0x81}), EOLOption()}, 28, "1e0400810000" + "0000"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := TCPHeader{SrcPort: 1, DstPort: 2, Flags: SYN, Window: 65535, Options: tt.opts}
			b, err := in.Marshal()
			require.NoError(t, err, "Marshal")
			require.Len(t, b, tt.wantLen, "Marshal length")
			assert.Equal(t, tt.wantHex, hexOf(TCP(b).Options()), "options area")

			var out TCPHeader
			require.NoError(t, out.Parse(b), "Parse(Marshal(h))")
			assert.Equal(t, uint8(tt.wantLen/4), out.DataOffset, "DataOffset")
			require.GreaterOrEqual(t, len(out.Options), len(tt.opts), "options parsed")
			for i, o := range tt.opts {
				assert.Equal(t, o.String(), out.Options[i].String(), "option %d", i)
			}
			again, err := out.Marshal()
			require.NoError(t, err)
			assert.Equal(t, b, again, "Marshal(Parse(b)) == b")
		})
	}
}

// TestSACKOptionKeepsFirstFour: a receiver reports the most recent blocks
// first (RFC 2018 §4), so the constructor keeps the first four.
func TestSACKOptionKeepsFirstFour(t *testing.T) {
	o := SACKOption(SACKBlock{1, 2}, SACKBlock{3, 4}, SACKBlock{5, 6}, SACKBlock{7, 8}, SACKBlock{9, 10})
	assert.Equal(t, 4, o.NumBlocks, "NumBlocks")
	assert.Equal(t, SACKBlock{7, 8}, o.SACKBlocks()[3], "last kept block")
	assert.Equal(t, 34, o.Len(), "Len of a 4-block SACK option")
}

// TestExplicitDataOffsetPads: a DataOffset larger than the options need is
// kept, and filled with zero padding.
func TestExplicitDataOffsetPads(t *testing.T) {
	h := TCPHeader{DataOffset: 8, Options: []Option{MSSOption(536)}}
	b, err := h.Marshal()
	require.NoError(t, err)
	assert.Equal(t, "020402180000000000000000", hexOf(TCP(b).Options()), "options area")
	var back TCPHeader
	require.NoError(t, back.Parse(b))
	assert.Equal(t, []OptionKind{KindMSS, KindEOL}, kindsOf(back.Options), "options after parse")
}

// TestByteViewSetters writes every field through the byte view and reads it
// back through both views.
func TestByteViewSetters(t *testing.T) {
	b := make(TCP, TCPMinHeaderLen+4)
	b.SetSrcPort(443)
	b.SetDstPort(50000)
	b.SetSeq(4294967295)
	b.SetAck(1)
	b.SetDataOffset(6)
	b.SetReserved(0b1010)
	b.SetFlags(ACK | PSH | CWR)
	b.SetWindow(512)
	b.SetChecksum(0xbeef)
	b.SetUrgent(7)
	b[20], b[21], b[22], b[23] = 2, 4, 0x05, 0xb4
	require.NoError(t, b.Check())

	var h TCPHeader
	require.NoError(t, h.Parse(b))
	want := TCPHeader{SrcPort: 443, DstPort: 50000, Seq: 4294967295, Ack: 1, DataOffset: 6, Reserved: 0b1010,
		Flags: ACK | PSH | CWR, Window: 512, Checksum: 0xbeef, Urgent: 7, Options: []Option{MSSOption(1460)}}
	assert.Equal(t, want, h, "Parse of the bytes the setters wrote")
	assert.Equal(t, uint8(6), b.DataOffset(), "DataOffset kept by SetReserved")
	assert.Equal(t, uint8(0b1010), b.Reserved(), "Reserved kept by SetDataOffset")
	assert.Empty(t, b.Payload(), "Payload")
}

func TestFlags(t *testing.T) {
	assert.Equal(t, "ACK|SYN", (SYN | ACK).String())
	assert.Equal(t, []string{"CWR", "ECE", "URG", "ACK", "PSH", "RST", "SYN", "FIN"}, Flags(0xff).Names(), "header order")
	assert.Equal(t, "none", Flags(0).String())
	assert.True(t, (SYN | ACK).Has(SYN), "Has(SYN)")
	assert.False(t, (SYN | ACK).Has(SYN|FIN), "Has(SYN|FIN)")
}

func TestOptionKindNames(t *testing.T) {
	assert.Equal(t, "MSS", KindMSS.String())
	assert.Equal(t, "MPTCP", OptionKind(30).String())
	assert.Equal(t, "kind 99", OptionKind(99).String())
}

func kindsOf(opts []Option) []OptionKind {
	var k []OptionKind
	for _, o := range opts {
		k = append(k, o.Kind)
	}
	return k
}

func hexOf(b []byte) string { return hex.EncodeToString(b) }

// TestParseReusesStorage: parsing into the same header again leaves nothing
// of the previous segment behind, even in storage it reuses.
func TestParseReusesStorage(t *testing.T) {
	sack, err := (&TCPHeader{Options: []Option{SACKOption(SACKBlock{1, 2}, SACKBlock{3, 4}, SACKBlock{5, 6})}}).Marshal()
	require.NoError(t, err)
	one, err := (&TCPHeader{Options: []Option{SACKOption(SACKBlock{7, 8})}}).Marshal()
	require.NoError(t, err)

	var reused, fresh TCPHeader
	require.NoError(t, reused.Parse(sack))
	require.NoError(t, reused.Parse(one))
	require.NoError(t, fresh.Parse(one))
	assert.Equal(t, fresh, reused, "a header parsed twice equals one parsed once")
}
