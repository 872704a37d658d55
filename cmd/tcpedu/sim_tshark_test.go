package main

import (
	"encoding/json"
	"fmt"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSimCountersAgreeWithTshark reads tcpedu sim's capture with
// Wireshark's TCP analysis and compares what it labels with the
// simulator's own counters. The capture is the sender's view (data when
// sent, ACKs when they arrive), as tcpdump on the sender would take it.
//
//   - Duplicate ACKs: tshark's definition (same ACK, no data, same window,
//     nothing outstanding acknowledged) is RFC 5681 §2's: equal counts.
//   - Retransmissions: every segment whose sequence number is below the
//     highest sent. tshark labels one "Out-Of-Order" instead when it
//     follows the newest segment within about a round trip (its heuristic
//     for reordering on the path); a single sender's capture has no real
//     reordering, so retransmission + out-of-order = ours.
//   - Spurious retransmissions (data already acknowledged when resent) and
//     lost segments (a gap in what was sent): none, ever. The sender goes
//     back only to SND.UNA, and the capture precedes the bottleneck.
//   - "Fast retransmission" is tshark's label, by timing, for a
//     retransmission of the sequence number that duplicate ACKs asked for,
//     sent within 20 ms of the last of them (tshark also labels it a
//     retransmission, so it is inside the count above). Ours
//     counts what caused it: the third duplicate ACK, a NewReno partial ACK
//     (no duplicate ACKs precede it) or SACK's NextSeg. The two are not
//     the same thing, so the test only logs them side by side.
func TestSimCountersAgreeWithTshark(t *testing.T) {
	tshark := needTshark(t)
	runs := [][]string{
		{"--loss", "0.01", "--duration", "10s"},
		{"--bandwidth", "100Mbps", "--duration", "4s"},
		{"--cc", "reno", "--loss", "0.02", "--duration", "10s"},
		{"--cc", "tahoe", "--loss", "0.02", "--duration", "10s"},
		{"--sack", "--loss", "0.02", "--duration", "10s"},
		{"--ack-every", "2", "--drop", "30,35,40", "--duration", "3s"},
	}
	for _, args := range runs {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			name := filepath.Join(t.TempDir(), "sim.pcap")
			status, out, errOut := runCLI(t, "", append([]string{"sim", "--json", "--pcap", name}, args...)...)
			require.Equal(t, exitOK, status, "stderr: %s", errOut)
			var ours struct {
				Retransmissions int `json:"retransmissions"`
				FastRetransmits int `json:"fast_retransmits"`
				DupACKs         int `json:"dup_acks"`
			}
			require.NoError(t, json.Unmarshal([]byte(out), &ours), "JSON: %s", out)
			c := tsharkCounts(t, tshark, name, "tcp.analysis.retransmission", "tcp.analysis.out_of_order",
				"tcp.analysis.duplicate_ack", "tcp.analysis.spurious_retransmission", "tcp.analysis.lost_segment",
				"tcp.analysis.fast_retransmission")
			rtx, ooo, dup, spurious, lost, fast := c[0], c[1], c[2], c[3], c[4], c[5]
			t.Logf("ours: %d retransmissions (%d fast), %d duplicate ACKs; tshark: %d retransmissions + %d out-of-order (%d fast), %d duplicate ACKs",
				ours.Retransmissions, ours.FastRetransmits, ours.DupACKs, rtx, ooo, fast, dup)
			require.Positive(t, ours.Retransmissions, "the run should lose something")
			assert.Equal(t, ours.DupACKs, dup, "duplicate ACKs: ours (dup_acks) vs tshark's tcp.analysis.duplicate_ack")
			assert.Equal(t, ours.Retransmissions, rtx+ooo, "retransmissions: ours vs tshark's retransmission + out_of_order")
			assert.Zero(t, spurious, "tshark's spurious retransmissions: a segment resent after it was acknowledged")
			assert.Zero(t, lost, "tshark's lost segments: a gap in what the sender sent")
		})
	}
}

// tsharkCounts returns how many frames of the capture match each display
// filter, from one pass of tshark's io,stat.
func tsharkCounts(t *testing.T, tshark, name string, filters ...string) []int {
	t.Helper()
	cmd := exec.Command(tshark, "-r", name, "-n", "-q", "-z", "io,stat,0,"+strings.Join(filters, ","))
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	require.NoError(t, err, "tshark -r %s: %s", name, stderr.String())
	// The one interval row: "|  0.0 <> 10.0 |  56 | 84000 |  0 | 0 | ..."
	for _, line := range strings.Split(string(out), "\n") {
		if !strings.Contains(line, "<>") {
			continue
		}
		cells := strings.Split(line, "|")
		var counts []int
		for i := 2; i+1 < len(cells) && len(counts) < len(filters); i += 2 { // frames, bytes, frames, bytes...
			n, err := strconv.Atoi(strings.TrimSpace(cells[i]))
			require.NoError(t, err, "tshark io,stat cell %q in %q", cells[i], line)
			counts = append(counts, n)
		}
		require.Len(t, counts, len(filters), "tshark io,stat row %q", line)
		return counts
	}
	require.Fail(t, fmt.Sprintf("tshark io,stat printed no interval row:\n%s", out))
	return nil
}
