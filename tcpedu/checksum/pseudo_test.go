package checksum_test

import (
	"errors"
	"net/netip"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tcpedu/tcpedu/tcpedu/checksum"
)

// pseudoCases are valid pseudo-headers with their encodings written out
// by hand from the diagrams in RFC 9293 §3.1 and RFC 8200 §8.1.
var pseudoCases = []struct {
	name string
	ph   checksum.PseudoHeader
	want []byte
}{
	{
		name: "IPv4 TCP, 20-byte segment",
		ph: checksum.PseudoHeader{
			Src: netip.MustParseAddr("10.0.0.1"), Dst: netip.MustParseAddr("10.0.0.2"),
			Protocol: checksum.ProtocolTCP, Length: 20,
		},
		want: []byte{
			0x0a, 0x00, 0x00, 0x01, // source address 10.0.0.1
			0x0a, 0x00, 0x00, 0x02, // destination address 10.0.0.2
			0x00, 0x06, 0x00, 0x14, // zero, protocol 6, TCP length 20
		},
	},
	{
		name: "IPv4 UDP, largest length",
		ph: checksum.PseudoHeader{
			Src: netip.MustParseAddr("192.168.1.254"), Dst: netip.MustParseAddr("255.255.255.255"),
			Protocol: checksum.ProtocolUDP, Length: 65535,
		},
		want: []byte{
			0xc0, 0xa8, 0x01, 0xfe, // source address 192.168.1.254
			0xff, 0xff, 0xff, 0xff, // destination address 255.255.255.255
			0x00, 0x11, 0xff, 0xff, // zero, protocol 17, UDP length 65535
		},
	},
	{
		name: "IPv6 TCP, length with all four bytes in use",
		ph: checksum.PseudoHeader{
			Src: netip.MustParseAddr("fd00::1"), Dst: netip.MustParseAddr("2001:db8::abcd:2"),
			Protocol: checksum.ProtocolTCP, Length: 0x01020304,
		},
		want: []byte{
			0xfd, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // source address fd00::1
			0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
			0x20, 0x01, 0x0d, 0xb8, 0x00, 0x00, 0x00, 0x00, // destination address 2001:db8::abcd:2
			0x00, 0x00, 0x00, 0x00, 0xab, 0xcd, 0x00, 0x02,
			0x01, 0x02, 0x03, 0x04, // upper-layer packet length 0x01020304
			0x00, 0x00, 0x00, 0x06, // three zero bytes, next header 6
		},
	},
	{
		name: "IPv6 UDP, zone ignored",
		ph: checksum.PseudoHeader{
			Src: netip.MustParseAddr("fe80::1%eth0"), Dst: netip.MustParseAddr("ff02::fb"),
			Protocol: checksum.ProtocolUDP, Length: 8,
		},
		want: []byte{
			0xfe, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // source address fe80::1 (no zone on the wire)
			0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
			0xff, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // destination address ff02::fb
			0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xfb,
			0x00, 0x00, 0x00, 0x08, // upper-layer packet length 8
			0x00, 0x00, 0x00, 0x11, // three zero bytes, next header 17
		},
	},
	{
		name: "IPv4-mapped addresses take the IPv6 form",
		ph: checksum.PseudoHeader{
			Src: netip.MustParseAddr("::ffff:10.0.0.1"), Dst: netip.MustParseAddr("::ffff:10.0.0.2"),
			Protocol: checksum.ProtocolTCP, Length: 20,
		},
		want: []byte{
			0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // source address ::ffff:10.0.0.1
			0x00, 0x00, 0xff, 0xff, 0x0a, 0x00, 0x00, 0x01,
			0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // destination address ::ffff:10.0.0.2
			0x00, 0x00, 0xff, 0xff, 0x0a, 0x00, 0x00, 0x02,
			0x00, 0x00, 0x00, 0x14, // upper-layer packet length 20
			0x00, 0x00, 0x00, 0x06, // three zero bytes, next header 6
		},
	},
}

func TestPseudoHeaderAppendTo(t *testing.T) {
	for _, tc := range pseudoCases {
		t.Run(tc.name, func(t *testing.T) {
			require.NoErrorf(t, tc.ph.Valid(), "%+v.Valid()", tc.ph)

			got := tc.ph.AppendTo(nil)
			assert.Equalf(t, tc.want, got, "AppendTo(nil) =\n% x\nwant\n% x", got, tc.want)
			assert.Equalf(t, len(tc.want), tc.ph.Len(), "Len() = %d, want %d", tc.ph.Len(), len(tc.want))

			prefix := []byte{0xde, 0xad}
			got = tc.ph.AppendTo(prefix)
			want := append([]byte{0xde, 0xad}, tc.want...)
			assert.Equalf(t, want, got, "AppendTo(de ad) =\n% x\nwant\n% x", got, want)
		})
	}
}

func TestPseudoHeaderSum(t *testing.T) {
	cases := append(pseudoCasesHeaders(),
		checksum.PseudoHeader{Src: netip.IPv4Unspecified(), Dst: netip.IPv4Unspecified()}, // every byte zero
		checksum.PseudoHeader{Src: netip.IPv6Unspecified(), Dst: netip.IPv6Unspecified()},
		checksum.PseudoHeader{
			Src: netip.MustParseAddr("255.255.255.255"), Dst: netip.MustParseAddr("255.255.255.255"),
			Protocol: 0xff, Length: 0xffff,
		},
		checksum.PseudoHeader{
			Src:      netip.MustParseAddr("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"),
			Dst:      netip.MustParseAddr("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"),
			Protocol: 0xff, Length: 0xffffffff,
		},
	)
	for _, ph := range cases {
		want := checksum.ReferenceSum(ph.AppendTo(nil))
		got := ph.Sum()
		assert.Equalf(t, want, got, "%v.Sum() = %#04x, want ReferenceSum(AppendTo(nil)) = %#04x", ph, got, want)
	}
}

func TestPseudoHeaderSumDoesNotAllocate(t *testing.T) {
	for _, ph := range pseudoCasesHeaders() {
		allocs := testing.AllocsPerRun(100, func() { ph.Sum() })
		assert.Zerof(t, allocs, "%v.Sum() allocates %v times per call, want 0", ph, allocs)
	}
}

func TestPseudoHeaderValid(t *testing.T) {
	v4a, v4b := netip.MustParseAddr("10.0.0.1"), netip.MustParseAddr("10.0.0.2")
	v6a, v6b := netip.MustParseAddr("fd00::1"), netip.MustParseAddr("fd00::2")
	mapped := netip.MustParseAddr("::ffff:10.0.0.1")

	tests := []struct {
		name    string
		ph      checksum.PseudoHeader
		wantErr error  // nil if ph is valid
		wantMsg string // the whole error text, if wantErr is not nil
	}{
		{"IPv4", checksum.PseudoHeader{Src: v4a, Dst: v4b, Protocol: 6, Length: 20}, nil, ""},
		{"IPv6", checksum.PseudoHeader{Src: v6a, Dst: v6b, Protocol: 6, Length: 20}, nil, ""},
		{"IPv4 at the largest length", checksum.PseudoHeader{Src: v4a, Dst: v4b, Length: 65535}, nil, ""},
		{"IPv6 longer than 16 bits (jumbogram)", checksum.PseudoHeader{Src: v6a, Dst: v6b, Length: 70000}, nil, ""},
		{"two IPv4-mapped addresses are IPv6", checksum.PseudoHeader{Src: mapped, Dst: mapped}, nil, ""},
		{
			"zero value", checksum.PseudoHeader{}, checksum.ErrInvalidAddr,
			"checksum: pseudo-header address is not set: the source is the zero netip.Addr",
		},
		{
			"no destination", checksum.PseudoHeader{Src: v4a}, checksum.ErrInvalidAddr,
			"checksum: pseudo-header address is not set: the destination is the zero netip.Addr",
		},
		{
			"IPv4 source, IPv6 destination", checksum.PseudoHeader{Src: v4a, Dst: v6b}, checksum.ErrMixedFamilies,
			"checksum: pseudo-header mixes address families: IPv4 source 10.0.0.1 with IPv6 destination fd00::2",
		},
		{
			"IPv6 source, IPv4 destination", checksum.PseudoHeader{Src: v6a, Dst: v4b}, checksum.ErrMixedFamilies,
			"checksum: pseudo-header mixes address families: IPv6 source fd00::1 with IPv4 destination 10.0.0.2",
		},
		{
			"IPv4-mapped source, IPv4 destination", checksum.PseudoHeader{Src: mapped, Dst: v4b}, checksum.ErrMixedFamilies,
			"checksum: pseudo-header mixes address families: IPv6 source ::ffff:10.0.0.1 with IPv4 destination 10.0.0.2" +
				" (an IPv4-mapped address is IPv6; use netip.Addr.Unmap for an IPv4 packet)",
		},
		{
			"IPv4 length above 65535", checksum.PseudoHeader{Src: v4a, Dst: v4b, Length: 65536}, checksum.ErrLengthTooLarge,
			"checksum: pseudo-header length does not fit in 16 bits: IPv4 length 65536 bytes is above the maximum 65535",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.ph.Valid()
			if tc.wantErr == nil {
				assert.NoErrorf(t, err, "%+v.Valid()", tc.ph)
				return
			}
			require.Errorf(t, err, "%+v.Valid() = nil, want %v", tc.ph, tc.wantErr)
			assert.Truef(t, errors.Is(err, tc.wantErr), "errors.Is(%v, %v) = false, want true", err, tc.wantErr)
			assert.Equalf(t, tc.wantMsg, err.Error(), "%+v.Valid().Error()", tc.ph)
		})
	}
}

// TestPseudoHeaderNotValid checks that the methods other than Valid treat
// an invalid pseudo-header as empty, as documented, and do not panic.
func TestPseudoHeaderNotValid(t *testing.T) {
	invalid := []checksum.PseudoHeader{
		{},
		{Src: netip.MustParseAddr("10.0.0.1")},
		{Src: netip.MustParseAddr("10.0.0.1"), Dst: netip.MustParseAddr("fd00::2"), Protocol: 6, Length: 20},
		{Src: netip.MustParseAddr("10.0.0.1"), Dst: netip.MustParseAddr("10.0.0.2"), Protocol: 6, Length: 1 << 16},
	}
	segment := []byte{0x12, 0x34, 0x56, 0x78, 0x00, 0x00, 0x9a, 0xbc}
	for _, ph := range invalid {
		require.Errorf(t, ph.Valid(), "%+v.Valid() = nil, want an error", ph)
		assert.Equalf(t, 0, ph.Len(), "%+v.Len() = %d, want 0", ph, ph.Len())
		prefix := []byte{1, 2, 3}
		got := ph.AppendTo(prefix)
		assert.Equalf(t, []byte{1, 2, 3}, got, "%+v.AppendTo(01 02 03) = % x, want 01 02 03", ph, got)
		assert.Equalf(t, uint16(0), ph.Sum(), "%+v.Sum() = %#04x, want 0", ph, ph.Sum())
		assert.Falsef(t, checksum.Verify(ph, segment), "Verify(%+v, % x) = true, want false", ph, segment)
		assert.NotPanicsf(t, func() { checksum.Compute(ph, segment, 4) }, "Compute(%+v, % x, 4)", ph, segment)
	}
}

// pseudoCasesHeaders returns the pseudo-headers of pseudoCases.
func pseudoCasesHeaders() []checksum.PseudoHeader {
	var out []checksum.PseudoHeader
	for _, tc := range pseudoCases {
		out = append(out, tc.ph)
	}
	return out
}
