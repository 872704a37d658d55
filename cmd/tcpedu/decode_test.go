package main

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// testdata is where the real Linux captures and their tshark sidecars live.
const testdata = "../../tcpedu/wire/testdata/linux"

// tsharkPacket is the part of a sidecar packet this test compares with
// 'tcpedu decode --json' (the sidecars are described in testdata's README).
type tsharkPacket struct {
	Frame     int    `json:"frame"`
	IPVersion int    `json:"ipver"`
	Src       string `json:"src"`
	Dst       string `json:"dst"`
	TCP       *struct {
		Sport, Dport   int
		Seq, Ack       uint32
		FlagNames      []string    `json:"flag_names"`
		DataOffset     int         `json:"data_offset_bytes"`
		Window         int         `json:"window_raw"`
		Urgent         int         `json:"urgent_pointer"`
		Checksum       int         `json:"checksum"`
		ChecksumStatus string      `json:"checksum_status"`
		PayloadLen     int         `json:"payload_len"`
		OptionKinds    []int       `json:"option_kinds"`
		MSS            *int        `json:"mss"`
		WScale         *int        `json:"wscale"`
		SACKBlocks     [][2]uint32 `json:"sack_blocks"`
		TSVal          *uint32     `json:"ts_val"`
		TSEcr          *uint32     `json:"ts_ecr"`
	} `json:"tcp"`
	UDP *struct {
		Sport, Dport, Length, Checksum int
		PayloadLen                     int    `json:"payload_len"`
		ChecksumStatus                 string `json:"checksum_status"`
	} `json:"udp"`
}

// TestDecodeJSONMatchesTshark runs 'tcpedu decode --json' on every capture
// in testdata and compares each packet's keys with tshark's decoding.
func TestDecodeJSONMatchesTshark(t *testing.T) {
	pcaps, err := filepath.Glob(filepath.Join(testdata, "*.pcap"))
	require.NoError(t, err)
	require.NotEmpty(t, pcaps)
	for _, pcap := range pcaps {
		t.Run(filepath.Base(pcap), func(t *testing.T) {
			raw, err := os.ReadFile(strings.TrimSuffix(pcap, ".pcap") + ".json")
			require.NoError(t, err, "every capture has a tshark sidecar")
			var side struct{ Packets []tsharkPacket }
			require.NoError(t, json.Unmarshal(raw, &side))

			status, out, errOut := runCLI(t, "", "decode", "--json", pcap)
			require.Equal(t, exitOK, status, "decode --json %s: %s", pcap, errOut)
			var got []jsonPacket
			sc := bufio.NewScanner(strings.NewReader(out))
			sc.Buffer(nil, 1<<20)
			for sc.Scan() {
				var j jsonPacket
				require.NoError(t, json.Unmarshal(sc.Bytes(), &j), "line %q", sc.Text())
				got = append(got, j)
			}
			require.Len(t, got, len(side.Packets), "one JSON line per packet")
			for i, want := range side.Packets {
				compareWithTshark(t, want, got[i])
			}
		})
	}
}

func compareWithTshark(t *testing.T, want tsharkPacket, got jsonPacket) {
	t.Helper()
	at := "frame " + got.Src + "→" + got.Dst
	assert.Equal(t, want.Frame, got.Frame, "frame")
	assert.Equal(t, want.IPVersion, got.IPVersion, "%s ip_version", at)
	assert.Equal(t, want.Src, got.Src, "%s src", at)
	assert.Equal(t, want.Dst, got.Dst, "%s dst", at)
	assert.Empty(t, got.Error, "%s error", at)
	switch {
	case want.TCP != nil:
		w := want.TCP
		require.Equal(t, "tcp", got.Protocol, "frame %d protocol", got.Frame)
		assert.Equal(t, w.Sport, int(*got.SrcPort), "src_port")
		assert.Equal(t, w.Dport, int(*got.DstPort), "dst_port")
		assert.Equal(t, w.Seq, *got.Seq, "frame %d seq", got.Frame)
		assert.Equal(t, w.Ack, *got.Ack, "frame %d ack", got.Frame)
		assert.Equal(t, sorted(w.FlagNames), sorted(got.Flags), "frame %d flags", got.Frame)
		assert.Equal(t, w.DataOffset, *got.HeaderLen, "header_len")
		assert.Equal(t, w.Window, int(*got.Window), "window")
		assert.Equal(t, w.Urgent, int(*got.Urgent), "urgent")
		assert.Equal(t, w.Checksum, int(*got.Checksum), "checksum")
		assert.Equal(t, w.ChecksumStatus == "good", *got.ChecksumOK, "frame %d checksum_ok", got.Frame)
		assert.Equal(t, w.PayloadLen, *got.PayloadLen, "payload_len")
		kinds := []int{}
		var blocks [][2]uint32
		for _, o := range got.Options {
			kinds = append(kinds, o.Kind)
			switch {
			case o.MSS != nil:
				assert.Equal(t, *w.MSS, int(*o.MSS), "mss")
			case o.Shift != nil:
				assert.Equal(t, *w.WScale, int(*o.Shift), "shift")
			case o.TSVal != nil:
				assert.Equal(t, *w.TSVal, *o.TSVal, "tsval")
				assert.Equal(t, *w.TSEcr, *o.TSEcr, "tsecr")
			}
			blocks = append(blocks, o.Blocks...)
		}
		assert.Equal(t, w.OptionKinds, kinds, "frame %d option kinds", got.Frame)
		assert.Equal(t, len(w.SACKBlocks), len(blocks), "frame %d SACK blocks", got.Frame)
		if len(blocks) > 0 {
			assert.Equal(t, w.SACKBlocks, blocks, "frame %d SACK blocks", got.Frame)
		}
	case want.UDP != nil:
		w := want.UDP
		require.Equal(t, "udp", got.Protocol, "frame %d protocol", got.Frame)
		assert.Equal(t, w.Sport, int(*got.SrcPort), "src_port")
		assert.Equal(t, w.Dport, int(*got.DstPort), "dst_port")
		assert.Equal(t, w.Length, int(*got.Length), "length")
		assert.Equal(t, w.Checksum, int(*got.Checksum), "checksum")
		assert.Equal(t, w.ChecksumStatus == "good", *got.ChecksumOK, "checksum_ok")
		assert.Equal(t, w.PayloadLen, *got.PayloadLen, "payload_len")
	default:
		assert.Equal(t, "other", got.Protocol, "frame %d protocol", got.Frame)
	}
}

func sorted(s []string) []string {
	c := append([]string(nil), s...)
	sort.Strings(c)
	return c
}

func TestDecodeText(t *testing.T) {
	status, out, errOut := runCLI(t, "", "decode", filepath.Join(testdata, "tcp6_transfer.pcap"))
	require.Equal(t, exitOK, status, errOut)
	for _, want := range []string{
		"IPv6  fd00::1 → fd00::2",
		"1440 = 1500 (Ethernet's MTU) − 40 (IPv6 header) − 20 (TCP header)",
		"over the 40-byte IPv6 pseudo-header",
		"(relative 0) the ISN",
		"the FIN consumes one sequence number",
		"checksum ok",
	} {
		assert.Contains(t, out, want)
	}
	assert.NotContains(t, out, "✗", "every checksum in a Linux capture with offloads off is correct")
}

func TestDecodeHex(t *testing.T) {
	// Frame 2 of tcp4_rst.pcap: the RST,ACK a closed port sends back.
	const rst = "45000028 00004000 4006253e 0ac80002 0ac80001 176fc4d2 00000000 9080e739 50140000 46420000"
	status, out, errOut := runCLI(t, "", "decode", "--hex", rst)
	require.Equal(t, exitOK, status, errOut)
	assert.Contains(t, out, "reset: abort the connection, or refuse one")
	assert.Contains(t, out, "bytes, one 32-bit row per line", "--hex shows the byte rows by default")
	assert.Contains(t, out, "16  46 42 00 00  checksum | urgent pointer")

	status, out, _ = runCLI(t, "", "decode", "--json", "--hex", "0x"+strings.ReplaceAll(rst, " ", ":"))
	require.Equal(t, exitOK, status)
	assert.Contains(t, out, `"flags":["ACK","RST"]`)
}

func TestDecodeStdin(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join(testdata, "tcp4_rst.pcap"))
	require.NoError(t, err)
	status, out, errOut := runCLI(t, string(raw), "decode", "--json", "-")
	require.Equal(t, exitOK, status, errOut)
	assert.Equal(t, 2, strings.Count(out, "\n"), "two packets")
}

// TestDecodeBadInput: every mistake is one sentence and a non-zero status.
func TestDecodeBadInput(t *testing.T) {
	dir := t.TempDir()
	full, err := os.ReadFile(filepath.Join(testdata, "tcp4_transfer.pcap"))
	require.NoError(t, err)
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, b, 0o644))
		return p
	}
	truncatedPcap := write("cut.pcap", full[:len(full)-10])
	notPcap := write("notes.txt", []byte("these are my lecture notes, not a capture\n"))
	empty := write("empty.pcap", nil)

	tests := []struct {
		name   string
		args   []string
		status int
		says   string
	}{
		{"no file", []string{"decode"}, exitUsage, "name a capture file to decode, or give --hex"},
		{"missing file", []string{"decode", filepath.Join(dir, "nope.pcap")}, exitFailure, "no such file"},
		{"not a capture", []string{"decode", notPcap}, exitFailure, "neither pcap nor pcapng"},
		{"empty file", []string{"decode", empty}, exitFailure, "too short to be a capture file"},
		{"truncated record", []string{"decode", truncatedPcap}, exitFailure, "record 18 is truncated"},
		{"two files", []string{"decode", notPcap, empty}, exitUsage, "one capture file at a time"},
		{"hex and file", []string{"decode", "--hex", "45", notPcap}, exitUsage, "either --hex or a capture file"},
		{"odd hex", []string{"decode", "--hex", "450"}, exitUsage, "odd number of hex digits"},
		{"not hex", []string{"decode", "--hex", "45zz"}, exitUsage, `'z', which is not a hex digit`},
		{"malformed packet", []string{"decode", "--hex", "4f00"}, exitFailure, "the packet is malformed"},
		{"unknown flag", []string{"decode", "--jsno", notPcap}, exitUsage, "flag provided but not defined: -jsno"},
		{"tour with an argument", []string{"tour", "now"}, exitUsage, "tour takes no arguments"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, _, errOut := runCLI(t, "", tt.args...)
			assert.Equal(t, tt.status, status, "status of tcpedu %v", tt.args)
			assertOneSentence(t, errOut)
			assert.Contains(t, errOut, tt.says)
		})
	}
	_, stillThere := os.Stat(notPcap)
	assert.NoError(t, stillThere, "decode never touches its input")
}

// TestDecodeMalformedStillReports: a malformed packet is one JSON line
// with the keys that could be read and an error.
func TestDecodeMalformedStillReports(t *testing.T) {
	// The SYN of tcp4_transfer.pcap with its data offset set to 3.
	const bad = "4500003caf334000400675f60ac800010ac80002eb1013892c98bd4c00000000" + "3002faf0eb8a0000020405b40402080a7fdae395000000000103030a"
	status, out, errOut := runCLI(t, "", "decode", "--json", "--hex", bad)
	assert.Equal(t, exitFailure, status)
	assertOneSentence(t, errOut)
	var j jsonPacket
	require.NoError(t, json.Unmarshal([]byte(out), &j), "one JSON line: %q", out)
	assert.Equal(t, "tcp", j.Protocol)
	assert.Equal(t, uint16(60176), *j.SrcPort, "the fixed header was still read")
	assert.Contains(t, j.Error, "data offset 3 (12 bytes) is below the minimum 5 (20 bytes)")
	assert.Nil(t, j.PayloadLen, "no payload length when the header is bad")
}

// TestDecodeCutShort: a packet cut short (as by a capture's snap length)
// still reports its IP fields and protocol, with the error.
func TestDecodeCutShort(t *testing.T) {
	const cut = "4500003caf334000400675f60ac800010ac80002eb1013892c98bd4c" // 28 of 60 bytes
	status, out, _ := runCLI(t, "", "decode", "--json", "--hex", cut)
	assert.Equal(t, exitFailure, status)
	var j jsonPacket
	require.NoError(t, json.Unmarshal([]byte(out), &j), "one JSON line: %q", out)
	assert.Equal(t, 4, j.IPVersion)
	assert.Equal(t, "10.200.0.1", j.Src)
	assert.Equal(t, "tcp", j.Protocol)
	assert.Nil(t, j.SrcPort, "no TCP fields: none were captured")
	assert.Contains(t, j.Error, "total length 60 is beyond the 28 bytes captured")
}

// TestDecodeExplainsProbesAndDSACK checks two notes against the zero-window
// capture: tshark 4.0 (-Y tcp.options.sack.dsack) finds one D-SACK, in
// frame 9, and none in tcp6_sack.pcap; Linux's window probes are frames 10,
// 12 and 13, each with seq one below the receiver's ack.
func TestDecodeExplainsProbesAndDSACK(t *testing.T) {
	status, out, errOut := runCLI(t, "", "decode", filepath.Join(testdata, "tcp4_zero_window.pcap"))
	require.Equal(t, exitOK, status, errOut)
	frames := strings.Split(out, "\nFrame ")
	var probes, dsacks []string
	for _, f := range frames {
		num := strings.SplitN(strings.TrimPrefix(f, "Frame "), ":", 2)[0]
		if strings.Contains(f, "(SND.UNA−1)") {
			probes = append(probes, num)
		}
		if strings.Contains(f, "D-SACK (RFC 2883)") {
			dsacks = append(dsacks, num)
		}
	}
	assert.Equal(t, []string{"10", "12", "13"}, probes, "frames explained as window probes")
	assert.Equal(t, []string{"9"}, dsacks, "frames explained as D-SACK")
	assert.Contains(t, out, "unscaled: this side announced a window scale of 0")

	status, out, _ = runCLI(t, "", "decode", filepath.Join(testdata, "tcp6_sack.pcap"))
	require.Equal(t, exitOK, status)
	assert.NotContains(t, out, "D-SACK", "tcp6_sack.pcap has no D-SACK")
	assert.Contains(t, out, "relative [42841,44269)", "frame 39's SACK block, relative as tshark shows it")
}
