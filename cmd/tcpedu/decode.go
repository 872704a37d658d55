package main

import (
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/netip"
	"strings"
	"time"

	"github.com/tcpedu/tcpedu/cmd/tcpedu/internal/capture"
	"github.com/tcpedu/tcpedu/tcpedu/seq"
	"github.com/tcpedu/tcpedu/tcpedu/wire"
)

const decodeUsage = `Usage: tcpedu decode [--json] [--bytes] FILE.pcap
       tcpedu decode [--json] --hex HEX

Explain each packet of a capture (pcap or pcapng; - reads standard input),
or one IP packet given as hex, field by field: what each header field holds
and what it means. Sequence numbers are shown raw, with Wireshark's
relative numbers beside them. With --json, print one JSON object per
packet (JSON Lines). A malformed packet is still reported, with the fields
that could be read and an error; the exit status is then 1.

Flags:
`

// runDecode is 'tcpedu decode'.
func runDecode(e *env, args []string) error {
	fs := flag.NewFlagSet("decode", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print one JSON object per packet (JSON Lines)")
	hexIn := fs.String("hex", "", "decode one IP packet (IPv4 or IPv6) given as `HEX`; spaces, colons and a 0x prefix are allowed")
	showBytes := fs.Bool("bytes", false, "show each TCP/UDP header as 32-bit rows of bytes, as in the RFC diagram (on by default with --hex)")
	files, err := parseFlags(fs, args, decodeUsage, e.stdout)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}

	var out packetWriter = &textWriter{w: e.stdout, bytes: *showBytes}
	if *asJSON {
		out = &jsonWriter{w: e.stdout}
	}
	d := newDecoder()

	switch {
	case *hexIn != "" && len(files) > 0:
		return usagef("give either --hex or a capture file, not both")
	case *hexIn != "":
		ip, err := parseHex(*hexIn)
		if err != nil {
			return err
		}
		if tw, ok := out.(*textWriter); ok && !isFlagSet(fs, "bytes") {
			tw.bytes = true
		}
		r := d.decode(capture.Frame{Number: 1, Link: wire.LinkRaw, Data: ip, OrigLen: len(ip)})
		if err := out.write(r); err != nil {
			return err
		}
		if r.err != nil {
			return fmt.Errorf("the packet is malformed: %v", r.err)
		}
		return nil
	case len(files) == 0:
		return usagef("name a capture file to decode, or give --hex")
	case len(files) > 1:
		return usagef("decode reads one capture file at a time, got %d: %s", len(files), strings.Join(files, " "))
	}
	return decodeFile(e, files[0], d, out)
}

// decodeFile decodes every frame of one capture file.
func decodeFile(e *env, name string, d *decoder, out packetWriter) error {
	var r *capture.Reader
	var err error
	if name == "-" {
		r, err = capture.NewReader("standard input", e.stdin)
	} else {
		var c io.Closer
		r, c, err = capture.Open(name)
		if c != nil {
			defer c.Close()
		}
	}
	if err != nil {
		return err
	}
	var bad []int
	for {
		f, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err // a broken file: what came before it has been printed
		}
		rec := d.decode(f)
		if rec.err != nil {
			bad = append(bad, f.Number)
		}
		if err := out.write(rec); err != nil {
			return err
		}
	}
	if err := out.finish(d); err != nil {
		return err
	}
	if len(bad) > 0 {
		return fmt.Errorf("%d of %d packets in %s are malformed (frames %s)", len(bad), d.frames, name, joinInts(bad, 10))
	}
	return nil
}

// parseHex reads hex digits, ignoring spaces, colons, newlines and a 0x.
func parseHex(s string) ([]byte, error) {
	clean := strings.NewReplacer(" ", "", ":", "", "\n", "", "\t", "", "-", "").Replace(strings.TrimSpace(s))
	clean = strings.TrimPrefix(strings.TrimPrefix(clean, "0x"), "0X")
	if len(clean)%2 == 1 {
		return nil, usagef("--hex has an odd number of hex digits (%d); each byte is two digits", len(clean))
	}
	b, err := hex.DecodeString(clean)
	if err != nil {
		var ie hex.InvalidByteError
		if errors.As(err, &ie) {
			return nil, usagef("--hex contains %q, which is not a hex digit", rune(ie))
		}
		return nil, usagef("--hex is not valid hex: %v", err)
	}
	if len(b) == 0 {
		return nil, usagef("--hex is empty")
	}
	return b, nil
}

func isFlagSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

// joinInts joins up to max numbers with commas, then "…".
func joinInts(ns []int, max int) string {
	var parts []string
	for i, n := range ns {
		if i == max {
			parts = append(parts, "…")
			break
		}
		parts = append(parts, fmt.Sprint(n))
	}
	return strings.Join(parts, ", ")
}

// decoder carries what decoding one packet needs to know about the packets
// before it: per-direction sequence number bases and window scales.
type decoder struct {
	pkt    wire.Packet
	dirs   map[flowKey]*direction
	first  time.Time
	frames int
	stats  map[string]int
}

// flowKey names one direction of one conversation.
type flowKey struct{ src, dst netip.AddrPort }

// direction is what the decoder learned about one direction of a TCP
// connection.
type direction struct {
	tracker seq.Tracker
	shift   int // window scale shift from this side's SYN; -1 if none offered, -2 if no SYN seen

	// acked is the highest acknowledgment the other side has sent for this
	// direction's bytes: this side's SND.UNA as the capture saw it.
	acked      seq.Num
	ackedKnown bool
}

func newDecoder() *decoder {
	return &decoder{dirs: make(map[flowKey]*direction), stats: make(map[string]int)}
}

// dir returns the state of one direction, creating it on first sight.
func (d *decoder) dir(k flowKey) *direction {
	s, ok := d.dirs[k]
	if !ok {
		s = &direction{shift: -2}
		d.dirs[k] = s
	}
	return s
}

// record is one decoded packet with the context needed to explain it.
type record struct {
	frame  capture.Frame
	pkt    *wire.Packet
	err    error   // the decode error, if the packet is malformed
	notIP  bool    // the frame carries something other than IP (ARP, say)
	since  float64 // seconds since the first frame
	relSeq uint32
	relAck uint32
	hasRel bool
	// peerBase is the base of the peer's sequence space, which the ack
	// number and SACK blocks count in; known once the peer has been seen.
	peerBase      seq.Num
	peerBaseKnown bool
	// probe: a segment with no data whose seq is one below what the peer
	// has acknowledged (SND.UNA−1), as Linux's window probes and
	// keep-alives are.
	probe bool
	// window scaling: the multiplier that applies to this segment's
	// window field, or 0 if unknown, and why.
	scale     int
	scaleNote string
}

// decode decodes one frame and updates the per-connection state.
func (d *decoder) decode(f capture.Frame) *record {
	d.frames++
	if d.frames == 1 {
		d.first = f.Time
	}
	r := &record{frame: f, pkt: &d.pkt, since: f.Time.Sub(d.first).Seconds()}
	r.err = d.pkt.DecodeFrame(f.Link, f.Data)
	if errors.Is(r.err, wire.ErrNotIP) {
		r.notIP, r.err = true, nil
		d.stats["not IP"]++
		return r
	}
	if r.err != nil && f.OrigLen > len(f.Data) {
		r.err = fmt.Errorf("%w (the capture kept only %d of the frame's %d bytes: its snap length cut it)", r.err, len(f.Data), f.OrigLen)
	}
	d.count(r)
	if d.pkt.Protocol == wire.ProtocolTCP && d.pkt.TCP.DataOffset >= wire.MinDataOffset {
		d.tcpContext(r)
	}
	return r
}

// count tallies the packet for the summary.
func (d *decoder) count(r *record) {
	switch {
	case r.err != nil:
		d.stats["malformed"]++
	case r.pkt.Protocol == wire.ProtocolTCP || r.pkt.Protocol == wire.ProtocolUDP:
		d.stats[protocolKey(r.pkt)]++
		if r.pkt.ChecksumValid() {
			d.stats["checksum ok"]++
		} else {
			d.stats["checksum bad"]++
		}
	default:
		d.stats["other"]++
	}
}

// tcpContext works out relative numbers and window scaling for a segment.
func (d *decoder) tcpContext(r *record) {
	h := &d.pkt.TCP
	src := netip.AddrPortFrom(d.pkt.Src(), h.SrcPort)
	dst := netip.AddrPortFrom(d.pkt.Dst(), h.DstPort)
	me, peer := d.dir(flowKey{src, dst}), d.dir(flowKey{dst, src})

	syn := h.Flags.Has(wire.SYN)
	if syn {
		me.shift = -1
		if o := h.Option(wire.KindWindowScale); o != nil {
			me.shift = int(o.Shift)
			if me.shift > wire.MaxWindowShift {
				me.shift = wire.MaxWindowShift // RFC 7323 §2.3: use 14 instead
			}
		}
	}
	r.relSeq = me.tracker.Seq(h.Seq, syn)
	if h.Flags.Has(wire.ACK) {
		r.relAck = peer.tracker.Ack(h.Ack)
		if !peer.ackedKnown || h.Ack.GreaterThan(peer.acked) {
			peer.acked, peer.ackedKnown = h.Ack, true
		}
	}
	r.probe = len(d.pkt.Payload()) == 0 && !h.Flags.Has(wire.SYN|wire.FIN) && !h.Flags.Has(wire.RST) &&
		me.ackedKnown && h.Seq == me.acked.Add(^uint32(0))
	r.hasRel = true
	r.peerBase, r.peerBaseKnown = peer.tracker.Base()

	// RFC 7323 §2.2: the window field of a SYN is never scaled; scaling is
	// on only if both SYNs carried the option, and then this side's
	// windows are shifted by the shift this side announced.
	switch {
	case syn:
		r.scale, r.scaleNote = 1, "never scaled on a SYN (RFC 7323 §2.2)"
	case me.shift == -2 || peer.shift == -2:
		r.scale, r.scaleNote = 0, "scale unknown: the handshake is not in this capture"
	case me.shift == -1 || peer.shift == -1:
		r.scale, r.scaleNote = 1, "not scaled: window scaling needs the option on both SYNs"
	case me.shift == 0:
		r.scale, r.scaleNote = 1, "unscaled: this side announced a window scale of 0"
	default:
		r.scale, r.scaleNote = 1<<me.shift, fmt.Sprintf("× 2^%d (window scale from this side's SYN)", me.shift)
	}
}

func protocolKey(p *wire.Packet) string {
	if p.Protocol == wire.ProtocolTCP {
		return "TCP"
	}
	return "UDP"
}

// packetWriter prints decoded packets in one format.
type packetWriter interface {
	write(r *record) error
	finish(d *decoder) error
}
