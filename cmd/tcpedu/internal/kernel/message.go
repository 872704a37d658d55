package kernel

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// The wire protocol (messaging.html §"The Wire Protocol"): one ZeroMQ
// multipart message, frame by frame.
//
//	+----------------------+
//	| identity ...         |  routing: who sent it (ROUTER), or the topic (PUB)
//	+----------------------+
//	| "<IDS|MSG>"          |  delimiter: the identities end here
//	+----------------------+
//	| signature            |  HMAC-SHA256, hex, of the next four frames
//	+----------------------+
//	| header               |  JSON: msg_id, session, username, date, msg_type, version
//	| parent_header        |  JSON: the header of the request this answers, or {}
//	| metadata             |  JSON object
//	| content              |  JSON object, its keys depend on msg_type
//	+----------------------+
//	| buffer ...           |  raw binary extras (not signed)
//	+----------------------+
const delimiter = "<IDS|MSG>"

// ProtocolVersion is the version of the messaging protocol this kernel speaks.
const ProtocolVersion = "5.3"

// The four signed frames after the signature.
const (
	frameHeader = iota
	frameParent
	frameMetadata
	frameContent
	signedFrames // how many frames the signature covers
)

// Header is a message's header (messaging.html §"Message Header").
type Header struct {
	MsgID    string `json:"msg_id"`   // unique per message
	Session  string `json:"session"`  // unique per process that sends
	Username string `json:"username"` // who sent it
	Date     string `json:"date"`     // ISO 8601, when it was made
	MsgType  string `json:"msg_type"` // "execute_request", "status", ...
	Version  string `json:"version"`  // the protocol version, "5.3"
}

// Message is one message, its JSON parts kept as raw JSON: content is
// decoded by the handler that knows its msg_type, and a request's header
// goes back as the reply's parent_header byte for byte, fields we do not
// know included.
type Message struct {
	Identities [][]byte        // routing frames before the delimiter
	Header     Header          // the header, decoded
	RawHeader  json.RawMessage // the header as it came (parent_header of replies)
	Parent     json.RawMessage // parent_header
	Metadata   json.RawMessage
	Content    json.RawMessage
	Buffers    [][]byte
}

// Errors of a message that cannot be read; each is logged and the message dropped.
var (
	ErrNoDelimiter  = errors.New("no <IDS|MSG> delimiter frame")
	ErrShortMessage = errors.New("fewer than the 5 frames after the delimiter (signature, header, parent_header, metadata, content)")
	ErrBadSignature = errors.New("the signature does not match the key")
	ErrUnsigned     = errors.New("the message is not signed")
)

// decode splits frames into a Message and checks its signature with s. It
// fails, without reading the JSON, when the signature is wrong or missing.
func decode(frames [][]byte, s signer) (Message, error) {
	d := -1
	for i, f := range frames {
		if string(f) == delimiter {
			d = i
			break
		}
	}
	if d < 0 {
		return Message{}, ErrNoDelimiter
	}
	rest := frames[d+1:]
	if len(rest) < 1+signedFrames {
		return Message{}, ErrShortMessage
	}
	signed := rest[1 : 1+signedFrames]
	if err := s.verify(rest[0], signed); err != nil {
		return Message{}, err
	}
	m := Message{
		Identities: frames[:d],
		RawHeader:  json.RawMessage(signed[frameHeader]),
		Parent:     json.RawMessage(signed[frameParent]),
		Metadata:   json.RawMessage(signed[frameMetadata]),
		Content:    json.RawMessage(signed[frameContent]),
		Buffers:    rest[1+signedFrames:],
	}
	if err := json.Unmarshal(m.RawHeader, &m.Header); err != nil {
		return Message{}, fmt.Errorf("header is not a JSON object: %w", err)
	}
	if m.Header.MsgType == "" {
		return Message{}, errors.New("header has no msg_type")
	}
	for _, part := range []struct {
		name string
		raw  json.RawMessage
	}{{"parent_header", m.Parent}, {"metadata", m.Metadata}, {"content", m.Content}} {
		if !isJSONObject(part.raw) {
			return Message{}, fmt.Errorf("%s is not a JSON object", part.name)
		}
	}
	return m, nil
}

// encode lays m out as frames, signed with s.
func encode(m Message, s signer) [][]byte {
	signed := [][]byte{m.RawHeader, orEmpty(m.Parent), orEmpty(m.Metadata), orEmpty(m.Content)}
	frames := make([][]byte, 0, len(m.Identities)+2+signedFrames+len(m.Buffers))
	frames = append(frames, m.Identities...)
	frames = append(frames, []byte(delimiter), s.sign(signed))
	frames = append(frames, signed...)
	return append(frames, m.Buffers...)
}

// newMessage makes a message of type msgType from session, in answer to
// parent (nil: none), with content marshalled to JSON. It is sent to
// parent's identities, which a ROUTER socket routes by; on iopub the first
// identity is the topic instead.
func newMessage(session, msgType string, parent *Message, content any) (Message, error) {
	h := Header{
		MsgID:    newID(),
		Session:  session,
		Username: "kernel",
		Date:     time.Now().UTC().Format("2006-01-02T15:04:05.000000Z"),
		MsgType:  msgType,
		Version:  ProtocolVersion,
	}
	rawHeader, err := json.Marshal(h)
	if err != nil {
		return Message{}, err
	}
	rawContent, err := json.Marshal(content)
	if err != nil {
		return Message{}, fmt.Errorf("%s content: %w", msgType, err)
	}
	m := Message{Header: h, RawHeader: rawHeader, Parent: json.RawMessage("{}"), Metadata: json.RawMessage("{}"), Content: rawContent}
	if parent != nil {
		m.Identities = parent.Identities
		m.Parent = parent.RawHeader
	}
	return m, nil
}

// newID returns a random UUID (version 4) as text, for msg_id and session.
func newID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])  // crypto/rand.Read never fails (Go 1.24+)
	b[6] = b[6]&0x0f | 0x40 // version 4
	b[8] = b[8]&0x3f | 0x80 // RFC 9562 variant
	h := hex.EncodeToString(b[:])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

// isJSONObject reports whether raw is one JSON object.
func isJSONObject(raw []byte) bool {
	var v map[string]json.RawMessage
	return json.Unmarshal(raw, &v) == nil && v != nil
}

// orEmpty is raw, or the empty object {} when raw is empty.
func orEmpty(raw json.RawMessage) []byte {
	if len(bytes.TrimSpace(raw)) == 0 {
		return []byte("{}")
	}
	return raw
}
