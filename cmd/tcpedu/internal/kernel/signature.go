package kernel

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"hash"
)

// signer signs and checks messages with the connection file's key
// (messaging.html §"The Wire Protocol"): the signature is the hex HMAC of
// header, parent_header, metadata and content, in that order, with the
// hash the signature_scheme names ("hmac-sha256"). With an empty key,
// authentication is off: the signature frame is empty, and the kernel
// still refuses one that is not.
type signer struct {
	key []byte
}

// newSigner returns the signer for a connection file's key.
func newSigner(key string) signer { return signer{key: []byte(key)} }

// mac returns a fresh HMAC, or nil when signing is off.
func (s signer) mac() hash.Hash {
	if len(s.key) == 0 {
		return nil
	}
	return hmac.New(sha256.New, s.key)
}

// sign returns the signature frame of the four signed frames.
func (s signer) sign(signed [][]byte) []byte {
	h := s.mac()
	if h == nil {
		return []byte{}
	}
	for _, f := range signed {
		h.Write(f)
	}
	return []byte(hex.EncodeToString(h.Sum(nil)))
}

// verify checks sig, as received, against the four signed frames. It
// compares in constant time (hmac.Equal), so that a sender cannot learn
// the right signature a byte at a time from how long a refusal takes.
func (s signer) verify(sig []byte, signed [][]byte) error {
	want := s.sign(signed)
	if len(want) == 0 {
		if len(sig) != 0 {
			return ErrBadSignature // signed, but we have no key to check it with
		}
		return nil
	}
	if len(sig) == 0 {
		return ErrUnsigned
	}
	if !hmac.Equal(sig, want) {
		return ErrBadSignature
	}
	return nil
}
