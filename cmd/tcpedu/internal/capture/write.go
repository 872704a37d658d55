package capture

import (
	"bufio"
	"io"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"
)

// Record is one packet for WriteIP: an IPv4 or IPv6 packet and when it was
// sent.
type Record struct {
	At   time.Duration // since the start of the simulation
	Data []byte
}

// Epoch is the wall-clock time a simulation's zero is written as: the Unix
// epoch, so that nobody mistakes a simulated capture for a real one.
var Epoch = time.Unix(0, 0).UTC()

// snapLen is the snapshot length recorded in the header: every packet is
// kept whole.
const snapLen = 65535

// WriteIP writes recs as a classic pcap file with nanosecond timestamps
// and link type RAW (101: each record is an IP packet with no link-layer
// header), which Wireshark, tshark and tcpdump all read.
func WriteIP(w io.Writer, recs []Record) error {
	bw := bufio.NewWriter(w)
	pw := pcapgo.NewWriterNanos(bw)
	if err := pw.WriteFileHeader(snapLen, layers.LinkTypeRaw); err != nil {
		return err
	}
	for _, r := range recs {
		ci := gopacket.CaptureInfo{Timestamp: Epoch.Add(r.At), CaptureLength: len(r.Data), Length: len(r.Data)}
		if err := pw.WritePacket(ci, r.Data); err != nil {
			return err
		}
	}
	return bw.Flush()
}
