package grading

import (
	"fmt"
	"io"
	"net/netip"
	"os"
	"path/filepath"

	"github.com/gopacket/gopacket/pcapgo"

	"github.com/tcpedu/tcpedu/tcpedu/wire"
)

// This file reads the real Linux captures in tcpedu/wire/testdata/linux
// (see the README.md there) for the suites of exercises 02, 03 and 04:
// wireCapture and wireCaptureMust load the TCP and UDP packets of a
// capture as wirePackets, and wireCatch lets a check that feeds bad input
// on purpose report a panic in the learner's code as its own failure.

// wireTCPCaptures are the captures whose TCP segments the suites of
// exercises 03 and 04 read.
var wireTCPCaptures = []string{"tcp4_transfer.pcap", "tcp4_rst.pcap", "tcp4_zero_window.pcap", "tcp6_transfer.pcap", "tcp6_sack.pcap"}

// wirePacket is one TCP or UDP packet of a Linux capture, taken apart by the
// model's decoder (wire.Packet).
type wirePacket struct {
	where    string     // which packet it is, for messages: "tcp4_transfer.pcap frame 3"
	src, dst netip.Addr // from the IP header
	proto    uint8      // the transport protocol: 6 or 17
	segment  []byte     // the TCP or UDP header and payload, in a slice of its own
}

// fieldValue returns the checksum field the sender filled in.
func (p wirePacket) fieldValue() uint16 {
	off := pseudoFieldOffset(p.proto)
	return uint16(p.segment[off])<<8 | uint16(p.segment[off+1])
}

// wireCaptureDir is where the captures are, relative to the repository.
const wireCaptureDir = "tcpedu/wire/testdata/linux"

// wireCapture reads the TCP and UDP packets of the capture file name in
// wireCaptureDir (other packets, such as ICMP, are skipped); if proto is not
// 0, only those of that protocol. go test runs a suite in its exercise's
// folder, so the repository is found by going up from there.
func wireCapture(name string, proto uint8) ([]wirePacket, error) {
	dir, err := os.Getwd()
	if err != nil {
		return nil, err
	}
	var f *os.File
	for {
		f, err = os.Open(filepath.Join(dir, wireCaptureDir, name))
		if err == nil {
			break
		}
		up := filepath.Dir(dir)
		if up == dir {
			return nil, fmt.Errorf("no %s/%s above the current folder", wireCaptureDir, name)
		}
		dir = up
	}
	defer f.Close()
	r, err := pcapgo.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	var pkts []wirePacket
	var dec wire.Packet
	for frame := 1; ; frame++ {
		data, _, err := r.ReadPacketData()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("read %s frame %d: %w", name, frame, err)
		}
		if err := dec.DecodeFrame(wire.LinkType(r.LinkType()), data); err != nil {
			return nil, fmt.Errorf("decode %s frame %d: %w", name, frame, err)
		}
		if dec.Protocol != pseudoTCP && dec.Protocol != pseudoUDP || proto != 0 && dec.Protocol != proto {
			continue
		}
		pkts = append(pkts, wirePacket{
			where:   fmt.Sprintf("%s frame %d", name, frame),
			src:     dec.Src(),
			dst:     dec.Dst(),
			proto:   dec.Protocol,
			segment: append([]byte(nil), dec.Segment...),
		})
	}
	return pkts, nil
}

// wireCaptureMust returns the packets of the named captures (of protocol
// proto, or all TCP and UDP ones if proto is 0), or ends the check if one
// cannot be read: the repository is incomplete, which is not the learner's
// doing, and the message says so.
func wireCaptureMust(c *C, proto uint8, names ...string) []wirePacket {
	var all []wirePacket
	for _, name := range names {
		pkts, err := wireCapture(name, proto)
		if err != nil {
			c.Hint("this is not your code: the check could not read a capture it needs; run the tests from inside the tcpedu repository")
			c.Fatalf("reading the capture %s: %v", name, err)
		}
		all = append(all, pkts...)
	}
	if len(all) == 0 {
		c.Fatalf("the captures %v hold no packet of protocol %d: the check has nothing to run on", names, proto)
	}
	return all
}

// wireCatch calls f and returns "" or, if f panicked, " at FILE:LINE: VALUE"
// naming the learner's line. A check that feeds bad input on purpose uses it
// to report a panic with the misconception of the case at hand, and to go
// on with the next case, rather than end with run.go's general panic hint.
func wireCatch(f func()) (panicked string) {
	defer func() {
		if r := recover(); r != nil {
			panicked = fmt.Sprintf("%s: %v", panicSite(), r)
		}
	}()
	f()
	return ""
}
