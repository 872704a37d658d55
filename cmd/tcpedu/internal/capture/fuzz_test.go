package capture

import (
	"bytes"
	"io"
	"os"
	"testing"
)

// FuzzReader feeds arbitrary bytes to the capture reader: it must return
// frames or an error, never panic or loop. The seeds are the three formats
// of TestFormatsAgree.
func FuzzReader(f *testing.F) {
	for _, name := range []string{"../../../../tcpedu/wire/testdata/linux/tcp4_rst.pcap", "testdata/tcp4_rst_nsec.pcap", "testdata/tcp4_rst.pcapng"} {
		raw, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(raw)
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		r, err := NewReader("fuzz", bytes.NewReader(raw))
		if err != nil {
			return
		}
		for i := 0; i <= len(raw); i++ { // each frame consumes at least one byte
			if _, err := r.Next(); err != nil {
				if err != io.EOF && len(err.Error()) == 0 {
					t.Fatal("empty error message")
				}
				return
			}
		}
		t.Fatalf("more frames than bytes in a %d-byte file", len(raw))
	})
}
