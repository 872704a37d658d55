// Reference solution to exercise 04: TCP options; the contract is in
// exercises/04-tcp-options/options.go.
package tcpoptions

import (
	"encoding/binary"
	"fmt"

	"github.com/tcpedu/tcpedu/tcpedu/seq"
	"github.com/tcpedu/tcpedu/tcpedu/wire"
)

// Lengths on the wire, in bytes, kind and length bytes included.
const (
	headerLen        = 2  // kind and length
	mssLen           = 4  // RFC 9293 §3.2
	windowScaleLen   = 3  // RFC 7323 §2.2
	sackPermittedLen = 2  // RFC 2018 §2
	timestampsLen    = 10 // RFC 7323 §3.2
	sackBlockLen     = 8  // RFC 2018 §3: two 32-bit edges
	maxOptionsLen    = 40 // a 60-byte header less the 20 fixed bytes
	wordLen          = 4  // the header ends on a 32-bit boundary
	maxShift         = 14 // RFC 7323 §2.3
)

// fixedLen gives the one length each fixed-size kind may have.
var fixedLen = map[wire.OptionKind]int{
	wire.KindMSS:           mssLen,
	wire.KindWindowScale:   windowScaleLen,
	wire.KindSACKPermitted: sackPermittedLen,
	wire.KindTimestamps:    timestampsLen,
}

// ParseOptions decodes the options area b of a TCP header.
func ParseOptions(b []byte) ([]wire.Option, error) {
	var opts []wire.Option
	for i := 0; i < len(b); {
		kind := wire.OptionKind(b[i])
		switch kind {
		case wire.KindEOL: // RFC 9293 §3.1: the rest is padding
			return append(opts, wire.EOLOption()), nil
		case wire.KindNOP: // one byte, no length
			opts = append(opts, wire.NOPOption())
			i++
			continue
		}
		if i+1 >= len(b) {
			return opts, fmt.Errorf("parse TCP option: %v option at byte %d has no room for its length byte: %w", kind, i, wire.ErrOption)
		}
		length := int(b[i+1])
		if length < headerLen {
			// The length counts kind and length: below 2 is impossible, and
			// 0 would never move i forward (RFC 9293 §3.1, MUST-7).
			return opts, fmt.Errorf("parse TCP option: %v option at byte %d has length %d, below 2: %w", kind, i, length, wire.ErrOption)
		}
		if i+length > len(b) {
			return opts, fmt.Errorf("parse TCP option: %v option at byte %d has length %d, past the end of the %d bytes of options: %w", kind, i, length, len(b), wire.ErrOption)
		}
		o, err := decode(kind, b[i+headerLen:i+length])
		if err != nil {
			return opts, fmt.Errorf("parse TCP option at byte %d: %w", i, err)
		}
		opts = append(opts, o)
		i += length
	}
	return opts, nil
}

// decode returns the option of the given kind whose value bytes (those
// after kind and length) are value.
func decode(kind wire.OptionKind, value []byte) (wire.Option, error) {
	o := wire.Option{Kind: kind}
	length := headerLen + len(value)
	if want, fixed := fixedLen[kind]; fixed && length != want {
		return o, fmt.Errorf("%v option has length %d, but its length is always %d: %w", kind, length, want, wire.ErrOption)
	}
	switch kind {
	case wire.KindMSS: // RFC 9293 §3.2
		o.MSS = binary.BigEndian.Uint16(value)
	case wire.KindWindowScale: // RFC 7323 §2.2; clamped where it is used, not here
		o.Shift = value[0]
	case wire.KindSACKPermitted: // RFC 2018 §2: no value
	case wire.KindTimestamps: // RFC 7323 §3.2
		o.TSVal = binary.BigEndian.Uint32(value[0:])
		o.TSEcr = binary.BigEndian.Uint32(value[4:])
	case wire.KindSACK: // RFC 2018 §3: 2+8k bytes, k blocks
		k := len(value) / sackBlockLen
		if len(value)%sackBlockLen != 0 || k < 1 || k > wire.MaxSACKBlocks {
			return o, fmt.Errorf("SACK option has length %d, but a SACK length is 10, 18, 26 or 34 (1 to 4 blocks): %w", length, wire.ErrOption)
		}
		o.NumBlocks = k
		for j := 0; j < k; j++ {
			edges := value[j*sackBlockLen:]
			o.Blocks[j].Left = seq.Num(binary.BigEndian.Uint32(edges[0:]))  // first byte held
			o.Blocks[j].Right = seq.Num(binary.BigEndian.Uint32(edges[4:])) // just after the last
		}
	default: // a kind we do not decode: keep its value
		o.Data = append([]byte(nil), value...)
	}
	return o, nil
}

// wireLen returns the bytes o takes on the wire.
func wireLen(o *wire.Option) int {
	switch o.Kind {
	case wire.KindEOL, wire.KindNOP:
		return 1
	case wire.KindSACK:
		return headerLen + sackBlockLen*o.NumBlocks
	}
	if n, fixed := fixedLen[o.Kind]; fixed {
		return n
	}
	return headerLen + len(o.Data)
}

// AppendOptions appends the wire form of opts, padded with zeros to a
// multiple of 4 bytes, to b.
func AppendOptions(b []byte, opts []wire.Option) ([]byte, error) {
	total := 0
	for i := range opts {
		if opts[i].Kind == wire.KindSACK && (opts[i].NumBlocks < 1 || opts[i].NumBlocks > wire.MaxSACKBlocks) {
			return b, fmt.Errorf("marshal TCP option: SACK option %d has %d blocks; a SACK option carries 1 to %d: %w", i, opts[i].NumBlocks, wire.MaxSACKBlocks, wire.ErrField)
		}
		total += wireLen(&opts[i])
	}
	if total > maxOptionsLen {
		return b, fmt.Errorf("marshal TCP option: the options take %d bytes, but at most %d fit in a header: %w", total, maxOptionsLen, wire.ErrField)
	}
	for i := range opts {
		o := &opts[i]
		if o.Kind == wire.KindEOL || o.Kind == wire.KindNOP {
			b = append(b, byte(o.Kind)) // a single byte, no length
			continue
		}
		b = append(b, byte(o.Kind), byte(wireLen(o))) // the length counts kind and length too
		switch o.Kind {
		case wire.KindMSS:
			b = binary.BigEndian.AppendUint16(b, o.MSS)
		case wire.KindWindowScale:
			b = append(b, o.Shift)
		case wire.KindSACKPermitted:
		case wire.KindTimestamps:
			b = binary.BigEndian.AppendUint32(b, o.TSVal)
			b = binary.BigEndian.AppendUint32(b, o.TSEcr)
		case wire.KindSACK:
			for j := 0; j < o.NumBlocks; j++ {
				b = binary.BigEndian.AppendUint32(b, uint32(o.Blocks[j].Left))
				b = binary.BigEndian.AppendUint32(b, uint32(o.Blocks[j].Right))
			}
		default:
			b = append(b, o.Data...)
		}
	}
	// Zero padding to a 32-bit boundary: a zero byte is also EOL, so a
	// receiver cannot mistake the padding for an option (RFC 9293 §3.1).
	for ; total%wordLen != 0; total++ {
		b = append(b, 0)
	}
	return b, nil
}

// ScaledWindow returns the window, in bytes, that a window field of window
// stands for under a window scale shift of shift.
func ScaledWindow(window uint16, shift uint8) uint32 {
	if shift > maxShift {
		shift = maxShift // RFC 7323 §2.3: "use 14 instead of the value received"
	}
	return uint32(window) << shift // RFC 7323 §2.2
}
