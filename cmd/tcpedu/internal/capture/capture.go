// Package capture reads packet capture files, classic pcap and pcapng, with
// gopacket's pcapgo, and hands each frame to the decoder with its link type.
// It lives with the command, not in tcpedu/, because the model packages use
// the standard library only.
package capture

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/gopacket/gopacket/pcapgo"

	"github.com/tcpedu/tcpedu/tcpedu/wire"
)

// Frame is one captured frame.
type Frame struct {
	Number  int           // 1-based position in the file
	Time    time.Time     // capture timestamp
	Link    wire.LinkType // what precedes the IP header
	Data    []byte        // the captured bytes; valid until the next call to Next
	OrigLen int           // the frame's length on the wire; more than len(Data) if cut by the snap length
}

// Reader yields the frames of a pcap or pcapng file in order.
type Reader struct {
	name  string
	next  func() ([]byte, int, time.Time, int, error) // data, original length, time, interface index
	links func(iface int) wire.LinkType
	n     int
}

// Magic numbers at the start of each format: classic pcap in either byte
// order and time resolution, and pcapng's Section Header Block type.
var (
	pcapMagics = [][]byte{
		{0xd4, 0xc3, 0xb2, 0xa1}, {0xa1, 0xb2, 0xc3, 0xd4}, // microseconds
		{0x4d, 0x3c, 0xb2, 0xa1}, {0xa1, 0xb2, 0x3c, 0x4d}, // nanoseconds
	}
	pcapngMagic = []byte{0x0a, 0x0d, 0x0d, 0x0a}
)

// ErrFormat means the file is neither pcap nor pcapng.
var ErrFormat = errors.New("not a capture file")

// Open opens a capture file for reading. name appears in error messages.
func Open(name string) (*Reader, io.Closer, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, nil, err
	}
	r, err := NewReader(name, f)
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return r, f, nil
}

// NewReader reads a pcap or pcapng stream, telling them apart by their
// first four bytes.
func NewReader(name string, in io.Reader) (*Reader, error) {
	br := bufio.NewReader(in)
	magic, err := br.Peek(4)
	if err != nil {
		return nil, fmt.Errorf("%s is too short to be a capture file (%d bytes)", name, len(magic))
	}
	r := &Reader{name: name}
	switch {
	case bytes.Equal(magic, pcapngMagic):
		ng, err := pcapgo.NewNgReader(br, pcapgo.DefaultNgReaderOptions)
		if err != nil {
			return nil, fmt.Errorf("%s: bad pcapng section header: %w", name, err)
		}
		r.next = func() ([]byte, int, time.Time, int, error) {
			data, ci, err := ng.ReadPacketData()
			return data, ci.Length, ci.Timestamp, ci.InterfaceIndex, err
		}
		r.links = func(iface int) wire.LinkType {
			if intf, err := ng.Interface(iface); err == nil {
				return wire.LinkType(intf.LinkType)
			}
			return wire.LinkType(ng.LinkType())
		}
	case isPcap(magic):
		pc, err := pcapgo.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("%s: bad pcap file header: %w", name, err)
		}
		r.next = func() ([]byte, int, time.Time, int, error) {
			data, ci, err := pc.ReadPacketData()
			return data, ci.Length, ci.Timestamp, 0, err
		}
		link := wire.LinkType(pc.LinkType())
		r.links = func(int) wire.LinkType { return link }
	default:
		return nil, fmt.Errorf("%s starts with bytes % x, which is neither pcap nor pcapng: %w", name, magic, ErrFormat)
	}
	return r, nil
}

func isPcap(magic []byte) bool {
	for _, m := range pcapMagics {
		if bytes.Equal(magic, m) {
			return true
		}
	}
	return false
}

// Next returns the next frame, or io.EOF after the last. A file cut short
// inside a record gives an error that says so.
func (r *Reader) Next() (Frame, error) {
	data, orig, ts, iface, err := r.next()
	if err == io.EOF {
		return Frame{}, io.EOF
	}
	if err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) {
			return Frame{}, fmt.Errorf("%s: record %d is truncated: the file ends inside it (was the capture cut short?)", r.name, r.n+1)
		}
		return Frame{}, fmt.Errorf("%s: reading record %d: %v", r.name, r.n+1, err)
	}
	r.n++
	return Frame{Number: r.n, Time: ts, Link: r.links(iface), Data: data, OrigLen: orig}, nil
}
