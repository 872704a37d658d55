package wire

import (
	"fmt"
	"strconv"

	"github.com/tcpedu/tcpedu/tcpedu/seq"
)

// OptionKind is the first byte of a TCP option (RFC 9293 §3.1, and IANA's
// "TCP Option Kind Numbers" registry).
//
// Every option but EOL and NOP is laid out as kind, length, value, where the
// length byte counts all three parts:
//
//	+--------+--------+--------+--------+---
//	|  kind  | length |  value (length-2 bytes) ...
//	+--------+--------+--------+--------+---
type OptionKind uint8

// The option kinds this package decodes field by field. Any other kind is
// kept as raw bytes in Option.Data, so nothing on the wire is lost.
const (
	// KindEOL, End of Option List: one byte, ends the list; the rest of the
	// options area is zero padding (RFC 9293 §3.1).
	KindEOL OptionKind = 0
	// KindNOP, No-Operation: one byte, used to align the next option on a
	// 32-bit boundary (RFC 9293 §3.1).
	KindNOP OptionKind = 1
	// KindMSS, Maximum Segment Size: length 4, a 16-bit MSS in bytes; sent
	// only on SYN segments (RFC 9293 §3.7.1).
	KindMSS OptionKind = 2
	// KindWindowScale: length 3, a shift count 0–14; sent only on SYN
	// segments, after which the window field is shifted left by it
	// (RFC 7323 §2).
	KindWindowScale OptionKind = 3
	// KindSACKPermitted: length 2, no value; on a SYN it says "I understand
	// SACK" (RFC 2018 §2).
	KindSACKPermitted OptionKind = 4
	// KindSACK: length 2+8k, k blocks of left and right edges (RFC 2018 §3).
	KindSACK OptionKind = 5
	// KindTimestamps: length 10, TSval and TSecr, 32 bits each (RFC 7323 §3).
	KindTimestamps OptionKind = 8
)

// Lengths of the fixed-size options, kind and length bytes included.
const (
	mssOptionLen           = 4
	windowScaleOptionLen   = 3
	sackPermittedOptionLen = 2
	timestampsOptionLen    = 10
	sackBlockLen           = 8 // two 32-bit sequence numbers
	optionHeaderLen        = 2 // kind and length
)

// MaxSACKBlocks is the number of SACK blocks that fit in the 40 bytes of
// option space: 2 + 4×8 = 34 bytes. With the 10-byte timestamps option (12
// with its two NOPs) only 3 fit (RFC 2018 §3).
const MaxSACKBlocks = 4

// MaxWindowShift is the largest window scale shift RFC 7323 §2.3 allows; a
// receiver treats a larger one as 14.
const MaxWindowShift = 14

// otherKindNames names kinds this package does not decode, for display only
// (from IANA's registry).
var otherKindNames = map[OptionKind]string{
	6: "Echo", 7: "Echo Reply", 19: "MD5 Signature", 28: "User Timeout",
	29: "TCP-AO", 30: "MPTCP", 34: "TCP Fast Open", 253: "Experimental",
	254: "Experimental",
}

// String returns a short name for the kind: "EOL", "NOP", "MSS",
// "WScale", "SACKPermitted", "SACK", "Timestamps", a registry name such as
// "MPTCP", or "kind 42" for a number with no name.
func (k OptionKind) String() string {
	switch k {
	case KindEOL:
		return "EOL"
	case KindNOP:
		return "NOP"
	case KindMSS:
		return "MSS"
	case KindWindowScale:
		return "WScale"
	case KindSACKPermitted:
		return "SACKPermitted"
	case KindSACK:
		return "SACK"
	case KindTimestamps:
		return "Timestamps"
	}
	if name, ok := otherKindNames[k]; ok {
		return name
	}
	return "kind " + strconv.Itoa(int(k))
}

// SACKBlock is one block of a SACK option (RFC 2018 §3): the receiver holds
// the bytes from Left up to, but not including, Right.
type SACKBlock struct {
	Left  seq.Num // first sequence number of the block
	Right seq.Num // sequence number just after the last byte of the block
}

// Option is one TCP option in the plain-struct view. Kind says which of the
// other fields mean something:
//
//	KindMSS           MSS
//	KindWindowScale   Shift
//	KindSACK          Blocks[:NumBlocks]
//	KindTimestamps    TSVal, TSEcr
//	any other kind    Data (EOL, NOP and SACKPermitted have no value)
//
// The zero value is an End of Option List.
type Option struct {
	Kind OptionKind

	MSS          uint16                   // maximum segment size, bytes
	Shift        uint8                    // window scale shift count
	TSVal, TSEcr uint32                   // timestamp value and echo reply
	Blocks       [MaxSACKBlocks]SACKBlock // SACK blocks, most recent first
	NumBlocks    int                      // how many of Blocks are used, 1–4

	// Data is the value of an option of a kind not decoded above: the bytes
	// after kind and length. After Parse it shares memory with the parsed
	// buffer; copy it to keep it past the buffer's reuse.
	Data []byte
}

// MSSOption returns a Maximum Segment Size option. The MSS counts payload
// bytes only: over Ethernet's 1500-byte MTU, IPv4 gives 1500 − 20 (IP) − 20
// (TCP) = 1460 (RFC 9293 §3.7.1).
func MSSOption(mss uint16) Option { return Option{Kind: KindMSS, MSS: mss} }

// WindowScaleOption returns a window scale option with the given shift.
func WindowScaleOption(shift uint8) Option { return Option{Kind: KindWindowScale, Shift: shift} }

// SACKPermittedOption returns the SACK-permitted option for a SYN.
func SACKPermittedOption() Option { return Option{Kind: KindSACKPermitted} }

// TimestampsOption returns a timestamps option.
func TimestampsOption(tsval, tsecr uint32) Option {
	return Option{Kind: KindTimestamps, TSVal: tsval, TSEcr: tsecr}
}

// SACKOption returns a SACK option carrying blocks in the order given. RFC
// 2018 §4 asks the receiver to put the most recently received block first
// and to repeat as many as fit, so only the first MaxSACKBlocks are kept.
func SACKOption(blocks ...SACKBlock) Option {
	o := Option{Kind: KindSACK}
	o.NumBlocks = copy(o.Blocks[:], blocks)
	return o
}

// NOPOption returns a No-Operation option.
func NOPOption() Option { return Option{Kind: KindNOP} }

// EOLOption returns an End of Option List option.
func EOLOption() Option { return Option{Kind: KindEOL} }

// RawOption returns an option of any kind with the given value bytes; its
// length byte will be 2+len(data). Use it for kinds this package does not
// decode, such as MPTCP (30).
func RawOption(kind OptionKind, data []byte) Option { return Option{Kind: kind, Data: data} }

// SACKBlocks returns the blocks in use, Blocks[:NumBlocks].
func (o *Option) SACKBlocks() []SACKBlock { return o.Blocks[:o.NumBlocks] }

// Len returns the option's length on the wire in bytes: 1 for EOL and NOP,
// otherwise kind, length and value together.
func (o *Option) Len() int {
	switch o.Kind {
	case KindEOL, KindNOP:
		return 1
	case KindMSS:
		return mssOptionLen
	case KindWindowScale:
		return windowScaleOptionLen
	case KindSACKPermitted:
		return sackPermittedOptionLen
	case KindSACK:
		return optionHeaderLen + sackBlockLen*o.NumBlocks
	case KindTimestamps:
		return timestampsOptionLen
	}
	return optionHeaderLen + len(o.Data)
}

// String returns the option as tcpdump shows it, such as "mss 1460",
// "wscale 7", "sackOK", "TS val 1 ecr 0", "sack 2 {100:200}{300:400}".
func (o Option) String() string {
	switch o.Kind {
	case KindEOL:
		return "eol"
	case KindNOP:
		return "nop"
	case KindMSS:
		return fmt.Sprintf("mss %d", o.MSS)
	case KindWindowScale:
		return fmt.Sprintf("wscale %d", o.Shift)
	case KindSACKPermitted:
		return "sackOK"
	case KindTimestamps:
		return fmt.Sprintf("TS val %d ecr %d", o.TSVal, o.TSEcr)
	case KindSACK:
		s := fmt.Sprintf("sack %d ", o.NumBlocks)
		for _, b := range o.SACKBlocks() {
			s += fmt.Sprintf("{%d:%d}", uint32(b.Left), uint32(b.Right))
		}
		return s
	}
	return fmt.Sprintf("%s len %d 0x%x", o.Kind, o.Len(), o.Data)
}
