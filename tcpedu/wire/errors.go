package wire

import (
	"errors"
	"fmt"
)

// The sentinel errors below classify what went wrong; test for them with
// errors.Is. Every error this package returns is an *Error that wraps one of
// them and adds a sentence a learner can read.
var (
	// ErrTruncated means the buffer ends before the field being read.
	ErrTruncated = errors.New("truncated")
	// ErrDataOffset means a TCP data offset outside 5–15 words, or one that
	// points past the end of the buffer.
	ErrDataOffset = errors.New("bad data offset")
	// ErrOption means a malformed TCP option: a length byte of 0 or 1, an
	// option running past the options area, or a length that its kind forbids
	// (MSS must be 4, a SACK option 2+8k, and so on).
	ErrOption = errors.New("bad TCP option")
	// ErrPadding means a non-zero byte after End of Option List; RFC 9293
	// §3.1 says the padding "is composed of zeros".
	ErrPadding = errors.New("non-zero option padding")
	// ErrLength means a length field that disagrees with the buffer: a UDP
	// length, an IPv4 total length or an IPv6 payload length.
	ErrLength = errors.New("bad length field")
	// ErrVersion means an IP version other than 4 or 6, or one that
	// disagrees with the link layer's type field.
	ErrVersion = errors.New("bad IP version")
	// ErrHeaderLength means an IPv4 IHL below 5 words.
	ErrHeaderLength = errors.New("bad IP header length")
	// ErrFragment means the transport header cannot be read or checked
	// because the packet is a fragment of a larger datagram.
	ErrFragment = errors.New("IP fragment")
	// ErrNotIP means a frame that carries something other than IP, such as
	// ARP. It is not malformed, just not for this decoder.
	ErrNotIP = errors.New("not an IP packet")
	// ErrLinkType means a capture link type this package does not decode.
	ErrLinkType = errors.New("unsupported link type")
	// ErrField means a struct field that does not fit its wire field when
	// marshalling (a data offset of 16, a window scale shift of 15, ...).
	ErrField = errors.New("field out of range")
)

// Error is the error returned by every parse and marshal function in this
// package. Its message reads as one sentence, such as
//
//	parse TCP header: data offset 3 (12 bytes) is below the minimum 5 (20 bytes)
//
// and it wraps a sentinel (ErrTruncated, ErrDataOffset, ...) for errors.Is.
type Error struct {
	Op     string // "parse" or "marshal"
	Layer  string // what was being read or written, e.g. "TCP header", "TCP option"
	Offset int    // byte offset of the problem from the start of Layer's bytes
	Err    error  // the sentinel that classifies the problem
	Detail string // what exactly is wrong, for a human
}

// Error returns the message: operation, layer and detail.
func (e *Error) Error() string {
	return e.Op + " " + e.Layer + ": " + e.Detail
}

// Unwrap returns the sentinel, so that errors.Is(err, ErrTruncated) works.
func (e *Error) Unwrap() error { return e.Err }

// parseErr builds a parse *Error; the detail is formatted like fmt.Sprintf.
func parseErr(layer string, offset int, sentinel error, format string, args ...any) error {
	return &Error{Op: "parse", Layer: layer, Offset: offset, Err: sentinel, Detail: fmt.Sprintf(format, args...)}
}

// marshalErr builds a marshal *Error; the detail is formatted like fmt.Sprintf.
func marshalErr(layer string, sentinel error, format string, args ...any) error {
	return &Error{Op: "marshal", Layer: layer, Err: sentinel, Detail: fmt.Sprintf(format, args...)}
}

// truncated is the common "the buffer ends early" error.
func truncated(layer string, need, have int) error {
	return parseErr(layer, have, ErrTruncated, "need %d bytes, have %d", need, have)
}
