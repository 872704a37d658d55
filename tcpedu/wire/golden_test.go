package wire

import (
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The golden tests decode every packet of the real Linux captures in
// testdata/linux and compare each field with Wireshark's decoding of the
// same packet, stored beside the capture as X.json (see README.md there).

// sidecar is the part of a tshark sidecar file these tests read.
type sidecar struct {
	Pcap    string          `json:"pcap"`
	Packets []sidecarPacket `json:"packets"`
}

type sidecarPacket struct {
	Frame            int     `json:"frame"`
	IPVersion        int     `json:"ipver"`
	Src              string  `json:"src"`
	Dst              string  `json:"dst"`
	Proto            int     `json:"proto"`
	TTL              *int    `json:"ttl"`
	IPID             *int    `json:"ip_id"`
	IPFlags          *int    `json:"ip_flags"`
	IPTotalLen       *int    `json:"ip_total_len"`
	IPChecksum       *int    `json:"ip_checksum"`
	IPChecksumStatus *string `json:"ip_checksum_status"`
	HopLimit         *int    `json:"hop_limit"`
	PayloadLen       *int    `json:"payload_len"`
	FlowLabel        *int    `json:"flow_label"`
	TCP              *struct {
		Sport          int         `json:"sport"`
		Dport          int         `json:"dport"`
		Seq            uint32      `json:"seq"`
		Ack            uint32      `json:"ack"`
		Flags          int         `json:"flags"`
		FlagNames      []string    `json:"flag_names"`
		DataOffset     int         `json:"data_offset_bytes"`
		Window         int         `json:"window_raw"`
		Urgent         int         `json:"urgent_pointer"`
		Checksum       int         `json:"checksum"`
		ChecksumStatus string      `json:"checksum_status"`
		PayloadLen     int         `json:"payload_len"`
		OptionsHex     string      `json:"options_hex"`
		OptionKinds    []int       `json:"option_kinds"`
		MSS            *int        `json:"mss"`
		WScale         *int        `json:"wscale"`
		SACKPermitted  bool        `json:"sack_permitted"`
		SACKBlocks     [][2]uint32 `json:"sack_blocks"`
		TSVal          *uint32     `json:"ts_val"`
		TSEcr          *uint32     `json:"ts_ecr"`
	} `json:"tcp"`
	UDP *struct {
		Sport          int    `json:"sport"`
		Dport          int    `json:"dport"`
		Length         int    `json:"length"`
		PayloadLen     int    `json:"payload_len"`
		Checksum       int    `json:"checksum"`
		ChecksumStatus string `json:"checksum_status"`
	} `json:"udp"`
	L4HeaderHex string `json:"l4_hdr_hex"`
	IPHex       string `json:"ip_hex"`
}

// loadSidecars reads every testdata/linux/*.json file.
func loadSidecars(t testing.TB) map[string]sidecar {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "linux", "*.json"))
	require.NoError(t, err)
	require.NotEmpty(t, files, "no sidecars in testdata/linux")
	all := make(map[string]sidecar)
	for _, f := range files {
		raw, err := os.ReadFile(f)
		require.NoError(t, err)
		var s sidecar
		require.NoError(t, json.Unmarshal(raw, &s), "decoding %s", f)
		require.NotEmpty(t, s.Packets, "%s has no packets", f)
		all[filepath.Base(f)] = s
	}
	return all
}

func TestGoldenLinuxCaptures(t *testing.T) {
	for name, sc := range loadSidecars(t) {
		for _, want := range sc.Packets {
			t.Run(name+"/frame"+strconv.Itoa(want.Frame), func(t *testing.T) {
				checkGoldenPacket(t, want)
			})
		}
	}
}

func checkGoldenPacket(t *testing.T, want sidecarPacket) {
	ip, err := hex.DecodeString(want.IPHex)
	require.NoError(t, err)
	var p Packet
	require.NoError(t, p.DecodeIP(ip), "DecodeIP(frame %d)", want.Frame)

	assert.Equal(t, want.IPVersion, p.IPVersion, "IP version")
	assert.Equal(t, want.Src, p.Src().String(), "source address")
	assert.Equal(t, want.Dst, p.Dst().String(), "destination address")
	assert.Equal(t, want.Proto, int(p.Protocol), "protocol")
	if p.IPVersion == 4 {
		assert.Equal(t, *want.TTL, int(p.IPv4.TTL), "TTL")
		assert.Equal(t, *want.IPID, int(p.IPv4.ID), "IP ID")
		assert.Equal(t, *want.IPFlags, int(p.IPv4.Flags), "IP flags")
		assert.Equal(t, *want.IPTotalLen, int(p.IPv4.TotalLen), "IP total length")
		assert.Equal(t, *want.IPChecksum, int(p.IPv4.Checksum), "IP header checksum")
		assert.True(t, IPv4ChecksumValid(p.IPHeader), "IPv4ChecksumValid; tshark says %s", *want.IPChecksumStatus)
		assert.Equal(t, p.IPv4.Checksum, ComputeIPv4Checksum(p.IPHeader), "ComputeIPv4Checksum")
	} else {
		assert.Equal(t, *want.HopLimit, int(p.IPv6.HopLimit), "hop limit")
		assert.Equal(t, *want.PayloadLen, int(p.IPv6.PayloadLen), "IPv6 payload length")
		assert.Equal(t, *want.FlowLabel, int(p.IPv6.FlowLabel), "flow label")
	}

	l4, err := hex.DecodeString(want.L4HeaderHex)
	require.NoError(t, err)
	switch {
	case want.TCP != nil:
		checkGoldenTCP(t, want, &p, l4)
	case want.UDP != nil:
		w := want.UDP
		h := p.UDP
		assert.Equal(t, w.Sport, int(h.SrcPort), "UDP source port")
		assert.Equal(t, w.Dport, int(h.DstPort), "UDP destination port")
		assert.Equal(t, w.Length, int(h.Length), "UDP length")
		assert.Equal(t, w.Checksum, int(h.Checksum), "UDP checksum")
		assert.Equal(t, w.PayloadLen, len(p.Payload()), "UDP payload length")
		assert.Equal(t, w.ChecksumStatus == "good", p.ChecksumValid(), "ChecksumValid; tshark says %s", w.ChecksumStatus)
		assert.Equal(t, h.Checksum, UDP(p.Segment).ComputeChecksum(p.PseudoHeader()), "UDP.ComputeChecksum")
		assert.Equal(t, l4, h.AppendTo(nil), "UDPHeader.AppendTo after Parse")
	default:
		assert.Nil(t, p.Payload(), "Payload of a %d packet", p.Protocol)
	}
}

func checkGoldenTCP(t *testing.T, want sidecarPacket, p *Packet, l4 []byte) {
	w, h := want.TCP, &p.TCP
	assert.Equal(t, w.Sport, int(h.SrcPort), "source port")
	assert.Equal(t, w.Dport, int(h.DstPort), "destination port")
	assert.Equal(t, w.Seq, uint32(h.Seq), "seq")
	assert.Equal(t, w.Ack, uint32(h.Ack), "ack")
	assert.Equal(t, w.Flags, int(h.Flags), "flags")
	assert.ElementsMatch(t, w.FlagNames, h.Flags.Names(), "flag names")
	assert.Equal(t, w.DataOffset, h.HeaderLen(), "header length")
	assert.Equal(t, w.Window, int(h.Window), "raw window")
	assert.Equal(t, w.Urgent, int(h.Urgent), "urgent pointer")
	assert.Equal(t, w.Checksum, int(h.Checksum), "checksum")
	assert.Equal(t, w.ChecksumStatus == "good", p.ChecksumValid(), "ChecksumValid; tshark says %s", w.ChecksumStatus)
	assert.Equal(t, h.Checksum, TCP(p.Segment).ComputeChecksum(p.PseudoHeader()), "TCP.ComputeChecksum")
	assert.Equal(t, w.PayloadLen, len(p.Payload()), "payload length")
	assert.Equal(t, w.OptionsHex, hex.EncodeToString(TCP(p.Segment).Options()), "options bytes")

	var kinds []int
	var blocks [][2]uint32
	sackPermitted := false
	for i := range h.Options {
		o := &h.Options[i]
		kinds = append(kinds, int(o.Kind))
		switch o.Kind {
		case KindMSS:
			require.NotNil(t, w.MSS, "tshark saw no MSS")
			assert.Equal(t, *w.MSS, int(o.MSS), "MSS")
		case KindWindowScale:
			require.NotNil(t, w.WScale, "tshark saw no window scale")
			assert.Equal(t, *w.WScale, int(o.Shift), "window scale shift")
		case KindSACKPermitted:
			sackPermitted = true
		case KindTimestamps:
			require.NotNil(t, w.TSVal, "tshark saw no timestamps")
			assert.Equal(t, *w.TSVal, o.TSVal, "TSval")
			assert.Equal(t, *w.TSEcr, o.TSEcr, "TSecr")
		case KindSACK:
			for _, b := range o.SACKBlocks() {
				blocks = append(blocks, [2]uint32{uint32(b.Left), uint32(b.Right)})
			}
		}
	}
	// tshark lists trailing EOL padding as option kind 0 too, so the lists
	// compare kind for kind.
	assert.Equal(t, w.OptionKinds, orEmpty(kinds), "option kinds in wire order")
	assert.Equal(t, w.SACKPermitted, sackPermitted, "SACK permitted")
	assert.Equal(t, len(w.SACKBlocks), len(blocks), "number of SACK blocks")
	if len(w.SACKBlocks) > 0 {
		assert.Equal(t, w.SACKBlocks, blocks, "SACK blocks")
	}

	// The round trip: marshalling the parsed struct gives back the header.
	got, err := h.Marshal()
	require.NoError(t, err, "Marshal")
	assert.Equal(t, l4, got, "TCPHeader.Marshal after Parse")
}

func orEmpty(s []int) []int {
	if s == nil {
		return []int{}
	}
	return s
}
