package seq_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tcpedu/tcpedu/tcpedu/seq"
)

// captured is one TCP segment as TShark 4.0.17 decoded it, printed by
//
//	tshark -r FILE -T fields -e frame.number -e tcp.srcport -e tcp.flags.str \
//	    -e tcp.seq_raw -e tcp.ack_raw -e tcp.seq -e tcp.ack
//
// tcp.seq and tcp.ack are Wireshark's relative numbers (its default).
type captured struct {
	frame          int     // frame number within the capture file
	from           string  // client or server
	flags          string  // tcpdump style: S SYN, F FIN, P PSH, . ACK
	seqRaw, ackRaw seq.Num // the numbers on the wire
	seq, ack       uint32  // the relative numbers tshark showed
}

const (
	client = "client"
	server = "server"
)

// trackerScenarios are captures replayed through a pair of Trackers. The
// client is port 60176 in tcp4_transfer.pcap and port 40000 in the
// hand-made captures.
var trackerScenarios = []struct {
	name string
	how  string // how the capture was made
	segs []captured
}{
	{
		name: "whole connection",
		how:  "tcp4_transfer.pcap as it is: both bases come from the SYNs (rule 1)",
		segs: []captured{
			{1, client, "S", 748207436, 0, 0, 0},
			{2, server, "S.", 3636130622, 748207437, 0, 1},
			{3, client, ".", 748207437, 3636130623, 1, 1},
			{4, client, ".", 748207437, 3636130623, 1, 1},     // 1448 bytes
			{5, client, ".", 748208885, 3636130623, 1449, 1},  // 1448 bytes
			{6, client, "P.", 748210333, 3636130623, 2897, 1}, // 1104 bytes
			{7, server, ".", 3636130623, 748208885, 1, 1449},
			{8, server, ".", 3636130623, 748210333, 1, 2897},
			{9, server, ".", 3636130623, 748211437, 1, 4001},
			{10, server, ".", 3636130623, 748211437, 1, 4001}, // 1448 bytes
			{11, client, ".", 748211437, 3636132071, 4001, 1449},
			{12, server, ".", 3636132071, 748211437, 1449, 4001}, // 1448 bytes
			{13, client, ".", 748211437, 3636133519, 4001, 2897},
			{14, server, "P.", 3636133519, 748211437, 2897, 4001}, // 104 bytes
			{15, client, ".", 748211437, 3636133623, 4001, 3001},
			{16, client, "F.", 748211437, 3636133623, 4001, 3001},
			{17, server, "F.", 3636133623, 748211438, 3001, 4002},
			{18, client, ".", 748211438, 3636133624, 4002, 3002},
		},
	},
	{
		name: "capture starts after the handshake",
		how: "editcap -r tcp4_transfer.pcap out.pcap 3-18: no SYN, so the first number seen " +
			"in each direction is taken as relative 1 (rule 2); here that is the true byte 1",
		segs: []captured{
			{1, client, ".", 748207437, 3636130623, 1, 1},
			{2, client, ".", 748207437, 3636130623, 1, 1},     // 1448 bytes
			{3, client, ".", 748208885, 3636130623, 1449, 1},  // 1448 bytes
			{4, client, "P.", 748210333, 3636130623, 2897, 1}, // 1104 bytes
			{5, server, ".", 3636130623, 748208885, 1, 1449},
			{6, server, ".", 3636130623, 748210333, 1, 2897},
			{7, server, ".", 3636130623, 748211437, 1, 4001},
			{8, server, ".", 3636130623, 748211437, 1, 4001}, // 1448 bytes
			{9, client, ".", 748211437, 3636132071, 4001, 1449},
			{10, server, ".", 3636132071, 748211437, 1449, 4001}, // 1448 bytes
			{11, client, ".", 748211437, 3636133519, 4001, 2897},
			{12, server, "P.", 3636133519, 748211437, 2897, 4001}, // 104 bytes
			{13, client, ".", 748211437, 3636133623, 4001, 3001},
			{14, client, "F.", 748211437, 3636133623, 4001, 3001},
			{15, server, "F.", 3636133623, 748211438, 3001, 4002},
			{16, client, ".", 748211438, 3636133624, 4002, 3002},
		},
	},
	{
		name: "capture starts mid-transfer",
		how: "editcap -r tcp4_transfer.pcap out.pcap 5-18: the client's byte 1449 is taken " +
			"as relative 1, so every later client number is 1448 less than in the whole capture",
		segs: []captured{
			{1, client, ".", 748208885, 3636130623, 1, 1},     // 1448 bytes
			{2, client, "P.", 748210333, 3636130623, 1449, 1}, // 1104 bytes
			{3, server, ".", 3636130623, 748208885, 1, 1},
			{4, server, ".", 3636130623, 748210333, 1, 1449},
			{5, server, ".", 3636130623, 748211437, 1, 2553},
			{6, server, ".", 3636130623, 748211437, 1, 2553}, // 1448 bytes
			{7, client, ".", 748211437, 3636132071, 2553, 1449},
			{8, server, ".", 3636132071, 748211437, 1449, 2553}, // 1448 bytes
			{9, client, ".", 748211437, 3636133519, 2553, 2897},
			{10, server, "P.", 3636133519, 748211437, 2897, 2553}, // 104 bytes
			{11, client, ".", 748211437, 3636133623, 2553, 3001},
			{12, client, "F.", 748211437, 3636133623, 2553, 3001},
			{13, server, "F.", 3636133623, 748211438, 3001, 2554},
			{14, client, ".", 748211438, 3636133624, 2554, 3002},
		},
	},
	{
		name: "capture starts with an ACK from the other side",
		how: "editcap -r tcp4_transfer.pcap out.pcap 7-18: the server's acknowledgment " +
			"748208885 is the first client number seen, so the client's base is learned from " +
			"it and the client's own first segment, 748211437, shows as 2553, not 1",
		segs: []captured{
			{1, server, ".", 3636130623, 748208885, 1, 1},
			{2, server, ".", 3636130623, 748210333, 1, 1449},
			{3, server, ".", 3636130623, 748211437, 1, 2553},
			{4, server, ".", 3636130623, 748211437, 1, 2553}, // 1448 bytes
			{5, client, ".", 748211437, 3636132071, 2553, 1449},
			{6, server, ".", 3636132071, 748211437, 1449, 2553}, // 1448 bytes
			{7, client, ".", 748211437, 3636133519, 2553, 2897},
			{8, server, "P.", 3636133519, 748211437, 2897, 2553}, // 104 bytes
			{9, client, ".", 748211437, 3636133623, 2553, 3001},
			{10, client, "F.", 748211437, 3636133623, 2553, 3001},
			{11, server, "F.", 3636133623, 748211438, 3001, 2554},
			{12, client, ".", 748211438, 3636133624, 2554, 3002},
		},
	},
	{
		name: "relative numbers wrap after 4 GiB",
		how: "hand-made: client ISN 4294967000, raw numbers cross 0 in frame 4; frames 6 to 9 " +
			"jump to 3e9+1, 2^32-1, 2^32 and 2^32+1 bytes after the ISN: relative numbers start again at 0",
		segs: []captured{
			{1, client, "S", 4294967000, 0, 0, 0},
			{2, server, "S.", 500, 4294967001, 0, 1},
			{3, client, ".", 4294967001, 501, 1, 1},
			{4, client, ".", 4294967001, 501, 1, 1}, // 1000 bytes
			{5, server, ".", 501, 705, 1, 1001},
			{6, client, ".", 2999999705, 501, 3000000001, 1}, // 10 bytes
			{7, client, ".", 4294966999, 501, 4294967295, 1}, // 10 bytes
			{8, client, ".", 4294967000, 501, 0, 1},          // 10 bytes
			{9, client, ".", 4294967001, 501, 1, 1},          // 10 bytes
			{10, server, ".", 501, 4294967011, 1, 11},
		},
	},
	{
		name: "a SYN replaces a guessed base",
		how: "hand-made: bases guessed from frame 1 (rule 2), then a SYN in each direction " +
			"resets its side's base (rule 1); tshark also calls frame 2 a new session on the same ports",
		segs: []captured{
			{1, client, ".", 5000, 100, 1, 1}, // 10 bytes
			{2, client, "S", 4000, 0, 0, 0},
			{3, client, ".", 5010, 100, 1010, 1}, // 10 bytes
			{4, server, ".", 100, 5020, 1, 1020},
			{5, server, "S.", 7000, 4001, 0, 1},
		},
	},
}

// TestTrackerMatchesWireshark replays each capture through two Trackers and
// checks every relative number against the one tshark printed. On failure
// it prints the whole replay, one segment per line.
func TestTrackerMatchesWireshark(t *testing.T) {
	for _, sc := range trackerScenarios {
		t.Run(sc.name, func(t *testing.T) {
			var trackers = map[string]*seq.Tracker{client: {}, server: {}}
			var replay strings.Builder
			for _, c := range sc.segs {
				require.Containsf(t, []string{client, server}, c.from, "frame %d: from = %q (bad test data)", c.frame, c.from)
				sender, receiver := trackers[c.from], trackers[other(c.from)]

				gotSeq := sender.Seq(c.seqRaw, strings.Contains(c.flags, "S"))
				assert.Equalf(t, c.seq, gotSeq, "frame %d: %s.Seq(%d, %t) = %d, want %d",
					c.frame, c.from, c.seqRaw, strings.Contains(c.flags, "S"), gotSeq, c.seq)
				line := fmt.Sprintf("frame %2d  %s -> %s  [%s]\tseq %10d -> %10d (tshark %d)",
					c.frame, c.from, other(c.from), c.flags, c.seqRaw, gotSeq, c.seq)

				if strings.Contains(c.flags, ".") {
					gotAck := receiver.Ack(c.ackRaw)
					assert.Equalf(t, c.ack, gotAck, "frame %d: %s.Ack(%d) = %d, want %d",
						c.frame, other(c.from), c.ackRaw, gotAck, c.ack)
					line += fmt.Sprintf("\tack %10d -> %10d (tshark %d)", c.ackRaw, gotAck, c.ack)
				}
				replay.WriteString(line + "\n")
			}
			if t.Failed() {
				t.Logf("%s\n%s", sc.how, replay.String())
			}
		})
	}
}

// other names the other side of the connection.
func other(side string) string {
	if side == client {
		return server
	}
	return client
}

func TestTrackerBase(t *testing.T) {
	var tr seq.Tracker
	base, ok := tr.Base()
	assert.Falsef(t, ok, "zero Tracker: Base() = %d, %t, want 0, false", base, ok)
	assert.Equalf(t, seq.Num(0), base, "zero Tracker: Base() = %d, %t, want 0, false", base, ok)

	tr.Seq(748208885, false) // a capture that starts mid-transfer
	base, ok = tr.Base()
	assert.Truef(t, ok, "after Seq(748208885, false): Base() = %d, %t, want 748208884, true", base, ok)
	assert.Equalf(t, seq.Num(748208884), base, "after Seq(748208885, false): Base() = %d, %t, want 748208884, true", base, ok)

	tr.Seq(748207436, true) // the SYN turns up after all
	base, ok = tr.Base()
	assert.Equalf(t, seq.Num(748207436), base, "after Seq(748207436, true): Base() = %d, %t, want 748207436, true", base, ok)

	var fromAck seq.Tracker
	fromAck.Ack(0) // the first byte acknowledged is relative 1, so the base is one before 0
	base, _ = fromAck.Base()
	assert.Equalf(t, top, base, "after Ack(0): Base() = %d, want %d", base, top)
}

// TestTrackerNewSession follows Wireshark when a SYN arrives after data on
// the same ports. A hand-made capture, read with TShark 4.0.17:
//
//	frame 1  client -> server  [.]  seq 5000 ack 100  tshark: seq 1, ack 1
//	frame 2  client -> server  [S]  seq 4000          tshark: seq 0, "A new tcp session is started ..."
//	frame 3  server -> client  [.]  seq 300 ack 4001  tshark: seq 1, ack 1
//
// In frame 3 tshark shows the server's 300 as 1, not 201: it forgot the
// base it had guessed for the server from frame 1. A Tracker only sees its
// own direction, so the caller resets the other one.
func TestTrackerNewSession(t *testing.T) {
	var client, server seq.Tracker
	client.Seq(5000, false)
	server.Ack(100) // guesses the server's base: 99

	got := client.Seq(4000, true)
	assert.Equalf(t, uint32(0), got, "frame 2: client.Seq(4000, true) = %d, want 0", got)
	server = seq.Tracker{} // a new session: forget the old guess

	got = server.Seq(300, false)
	assert.Equalf(t, uint32(1), got, "frame 3: server.Seq(300, false) = %d, want 1", got)
	got = client.Ack(4001)
	assert.Equalf(t, uint32(1), got, "frame 3: client.Ack(4001) = %d, want 1", got)
}
