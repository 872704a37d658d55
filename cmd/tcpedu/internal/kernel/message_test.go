package kernel

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// goldenKey and goldenFrames are an execute_request as jupyter_client 7.4.9
// (Debian 12) serializes it: Session(key=goldenKey,
// username="learner").serialize(msg, ident=[b"client-id"]).
const goldenKey = "a0436f6c-1916-498b-8eb9-e81ab9368e84"

var goldenFrames = [][]byte{
	[]byte("client-id"),
	[]byte("<IDS|MSG>"),
	[]byte("2c9c483263df46d797976d8c151c274b63d6eb3666c1ebbb9dafb703db064187"),
	[]byte(`{"msg_id": "c1d7c3a0-0f86-4a3a-9b6d-0b6f7e0d3f11", "msg_type": "execute_request", "username": "learner", "session": "5ee1b0a6-5b5b-4bd5-9e0b-2bdc1c8d0bd4", "date": "2024-01-02T03:04:05.678901Z", "version": "5.3"}`),
	[]byte(`{}`),
	[]byte(`{}`),
	[]byte(`{"code": "fmt.Println(1)", "silent": false}`),
}

func TestDecodeJupyterClientMessage(t *testing.T) {
	m, err := decode(goldenFrames, newSigner(goldenKey))
	require.NoError(t, err, "decode(jupyter_client's execute_request)")
	assert.Equal(t, [][]byte{[]byte("client-id")}, m.Identities, "identities")
	assert.Equal(t, Header{
		MsgID:    "c1d7c3a0-0f86-4a3a-9b6d-0b6f7e0d3f11",
		Session:  "5ee1b0a6-5b5b-4bd5-9e0b-2bdc1c8d0bd4",
		Username: "learner",
		Date:     "2024-01-02T03:04:05.678901Z",
		MsgType:  "execute_request",
		Version:  "5.3",
	}, m.Header, "header")
	assert.JSONEq(t, `{"code": "fmt.Println(1)", "silent": false}`, string(m.Content), "content")
	assert.Empty(t, m.Buffers, "buffers")

	// The same frames, signed again by us, carry the same signature.
	assert.Equal(t, goldenFrames, encode(m, newSigner(goldenKey)), "encode(decode(frames))")
}

func TestDecodeRefuses(t *testing.T) {
	with := func(i int, frame string) [][]byte {
		f := append([][]byte(nil), goldenFrames...)
		f[i] = []byte(frame)
		return f
	}
	tests := []struct {
		name   string
		frames [][]byte
		key    string
		want   error
	}{
		{"wrong key", goldenFrames, "another key", ErrBadSignature},
		{"content changed after signing", with(6, `{"code": "os.Exit(1)", "silent": false}`), goldenKey, ErrBadSignature},
		{"signature in capitals is not hexdigest's", with(2, "2C9C483263DF46D797976D8C151C274B63D6EB3666C1EBBB9DAFB703DB064187"), goldenKey, ErrBadSignature},
		{"unsigned", with(2, ""), goldenKey, ErrUnsigned},
		{"signed, but the kernel has no key", goldenFrames, "", ErrBadSignature},
		{"no delimiter", with(1, "<IDS|MSG"), goldenKey, ErrNoDelimiter},
		{"short", goldenFrames[:6], goldenKey, ErrShortMessage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := decode(tt.frames, newSigner(tt.key))
			assert.ErrorIs(t, err, tt.want, "decode")
		})
	}
}

func TestDecodeMalformedJSON(t *testing.T) {
	s := newSigner("k")
	tests := []struct {
		name                              string
		header, parent, metadata, content string
	}{
		{"header not JSON", `{"msg_type":`, `{}`, `{}`, `{}`},
		{"header without msg_type", `{"msg_id":"1"}`, `{}`, `{}`, `{}`},
		{"content an array", `{"msg_type":"execute_request"}`, `{}`, `{}`, `[1]`},
		{"content null", `{"msg_type":"execute_request"}`, `{}`, `{}`, `null`},
		{"parent not JSON", `{"msg_type":"execute_request"}`, `{`, `{}`, `{}`},
		{"metadata a string", `{"msg_type":"execute_request"}`, `{}`, `"x"`, `{}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			signed := [][]byte{[]byte(tt.header), []byte(tt.parent), []byte(tt.metadata), []byte(tt.content)}
			frames := append([][]byte{[]byte(delimiter), s.sign(signed)}, signed...)
			_, err := decode(frames, s)
			assert.Error(t, err, "decode of a well-signed message with %s", tt.name)
		})
	}
}

func TestEmptyKeyMeansEmptySignature(t *testing.T) {
	s := newSigner("")
	m, err := newMessage("session", "status", nil, map[string]string{"execution_state": "idle"})
	require.NoError(t, err, "newMessage")
	frames := encode(m, s)
	assert.Empty(t, frames[1], "signature frame with signing off")
	_, err = decode(frames, s)
	assert.NoError(t, err, "decode of an unsigned message with signing off")
}

func TestSignature(t *testing.T) {
	// RFC 4231 has no short-key vector for SHA-256 on split input, so this
	// is the well-known HMAC-SHA256("key", "The quick brown fox jumps over
	// the lazy dog"), cut into the four frames the signature covers: the
	// frames are concatenated, with nothing between them.
	s := newSigner("key")
	got := s.sign([][]byte{[]byte("The quick "), []byte("brown fox "), []byte("jumps over "), []byte("the lazy dog")})
	assert.Equal(t, "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8", string(got), "sign")
}

func TestNewMessageAnswersParent(t *testing.T) {
	parent, err := decode(goldenFrames, newSigner(goldenKey))
	require.NoError(t, err, "decode")
	m, err := newMessage("kernel-session", "execute_reply", &parent, map[string]any{"status": "ok"})
	require.NoError(t, err, "newMessage")
	assert.Equal(t, parent.Identities, m.Identities, "a reply goes back to the request's identities")
	assert.Equal(t, string(parent.RawHeader), string(m.Parent), "parent_header is the request's header, byte for byte")

	var h map[string]any
	require.NoError(t, json.Unmarshal(m.RawHeader, &h), "header JSON")
	for _, key := range []string{"msg_id", "session", "username", "date", "msg_type", "version"} {
		assert.Contains(t, h, key, "header")
	}
	assert.Equal(t, "5.3", h["version"], "header version")
	assert.Regexp(t, `^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$`, h["date"], "header date, ISO 8601")
	assert.Regexp(t, `^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`, h["msg_id"], "msg_id, a UUID")
}
