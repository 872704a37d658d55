package main

import (
	"encoding/json"
	"io"

	"github.com/tcpedu/tcpedu/tcpedu/wire"
)

// jsonPacket is one line of 'tcpedu decode --json'. The keys are fixed by
// ../shared/spec/CLI.md; pointer fields are left out when not read.
type jsonPacket struct {
	Frame      int          `json:"frame"`
	IPVersion  int          `json:"ip_version,omitempty"`
	Src        string       `json:"src,omitempty"`
	Dst        string       `json:"dst,omitempty"`
	Protocol   string       `json:"protocol"`
	SrcPort    *uint16      `json:"src_port,omitempty"`
	DstPort    *uint16      `json:"dst_port,omitempty"`
	Seq        *uint32      `json:"seq,omitempty"`
	Ack        *uint32      `json:"ack,omitempty"`
	Flags      []string     `json:"flags,omitempty"`
	HeaderLen  *int         `json:"header_len,omitempty"`
	Window     *uint16      `json:"window,omitempty"`
	Urgent     *uint16      `json:"urgent,omitempty"`
	Length     *uint16      `json:"length,omitempty"`
	Checksum   *uint16      `json:"checksum,omitempty"`
	ChecksumOK *bool        `json:"checksum_ok,omitempty"`
	Options    []jsonOption `json:"options,omitempty"`
	PayloadLen *int         `json:"payload_len,omitempty"`

	// Beyond the contract: handy context.
	TimeS  float64 `json:"time_s"`
	RelSeq *uint32 `json:"relative_seq,omitempty"`
	RelAck *uint32 `json:"relative_ack,omitempty"`
	Note   string  `json:"note,omitempty"`
	Error  string  `json:"error,omitempty"`
}

type jsonOption struct {
	Kind   int         `json:"kind"`
	Name   string      `json:"name"`
	MSS    *uint16     `json:"mss,omitempty"`
	Shift  *uint8      `json:"shift,omitempty"`
	TSVal  *uint32     `json:"tsval,omitempty"`
	TSEcr  *uint32     `json:"tsecr,omitempty"`
	Blocks [][2]uint32 `json:"blocks,omitempty"`
	Data   string      `json:"data_hex,omitempty"`
}

type jsonWriter struct{ w io.Writer }

func (j *jsonWriter) finish(*decoder) error { return nil }

func (j *jsonWriter) write(r *record) error {
	line, err := json.Marshal(toJSON(r))
	if err != nil {
		return err
	}
	_, err = j.w.Write(append(line, '\n'))
	return err
}

func ptr[T any](v T) *T { return &v }

// toJSON turns a decoded record into its JSON line.
func toJSON(r *record) jsonPacket {
	p := r.pkt
	j := jsonPacket{Frame: r.frame.Number, Protocol: "other", TimeS: r.since}
	if r.err != nil {
		j.Error = r.err.Error()
	}
	if r.notIP {
		j.Note = "not an IP packet"
		return j
	}
	if p.IPVersion == 0 {
		return j
	}
	j.IPVersion, j.Src, j.Dst = p.IPVersion, p.Src().String(), p.Dst().String()
	switch {
	case p.Protocol == wire.ProtocolTCP:
		j.Protocol = "tcp"
		tcpJSON(&j, r)
	case p.Protocol == wire.ProtocolUDP:
		j.Protocol = "udp"
		if len(p.Segment) >= wire.UDPHeaderLen {
			h := p.UDP
			j.SrcPort, j.DstPort, j.Length, j.Checksum = &h.SrcPort, &h.DstPort, &h.Length, &h.Checksum
			j.ChecksumOK = ptr(p.ChecksumValid())
			j.PayloadLen = ptr(len(p.Payload()))
		}
	}
	return j
}

func tcpJSON(j *jsonPacket, r *record) {
	p := r.pkt
	if len(p.Segment) < wire.TCPMinHeaderLen {
		return // not even the fixed header: only the IP keys
	}
	h := p.TCP
	j.SrcPort, j.DstPort = &h.SrcPort, &h.DstPort
	j.Seq, j.Ack = ptr(uint32(h.Seq)), ptr(uint32(h.Ack))
	j.Flags = h.Flags.Names()
	j.HeaderLen = ptr(int(h.DataOffset) * 4)
	j.Window, j.Urgent, j.Checksum = &h.Window, &h.Urgent, &h.Checksum
	j.ChecksumOK = ptr(p.ChecksumValid())
	j.Options = []jsonOption{}
	for i := range h.Options {
		j.Options = append(j.Options, optionJSON(&h.Options[i]))
	}
	if r.err == nil {
		j.PayloadLen = ptr(len(p.Payload()))
	}
	if r.hasRel {
		j.RelSeq = ptr(r.relSeq)
		if h.Flags.Has(wire.ACK) {
			j.RelAck = ptr(r.relAck)
		}
	}
}

func optionJSON(o *wire.Option) jsonOption {
	jo := jsonOption{Kind: int(o.Kind), Name: o.Kind.String()}
	switch o.Kind {
	case wire.KindMSS:
		jo.MSS = ptr(o.MSS)
	case wire.KindWindowScale:
		jo.Shift = ptr(o.Shift)
	case wire.KindTimestamps:
		jo.TSVal, jo.TSEcr = ptr(o.TSVal), ptr(o.TSEcr)
	case wire.KindSACK:
		jo.Blocks = [][2]uint32{}
		for _, b := range o.SACKBlocks() {
			jo.Blocks = append(jo.Blocks, [2]uint32{uint32(b.Left), uint32(b.Right)})
		}
	case wire.KindEOL, wire.KindNOP, wire.KindSACKPermitted:
	default:
		jo.Data = hexString(o.Data)
	}
	return jo
}
