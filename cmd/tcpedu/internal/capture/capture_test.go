package capture

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tcpedu/tcpedu/tcpedu/wire"
)

// The same two-packet capture (tcp4_rst.pcap from the Linux fixtures) in
// three containers, converted with Wireshark's editcap: classic pcap with
// microseconds, with nanoseconds, and pcapng. All must yield the same
// frames.
func TestFormatsAgree(t *testing.T) {
	files := []string{
		"../../../../tcpedu/wire/testdata/linux/tcp4_rst.pcap",
		"testdata/tcp4_rst_nsec.pcap",
		"testdata/tcp4_rst.pcapng",
	}
	var want []Frame
	for _, name := range files {
		t.Run(filepath.Base(name), func(t *testing.T) {
			r, c, err := Open(name)
			require.NoError(t, err, "Open(%s)", name)
			defer c.Close()
			var got []Frame
			for {
				f, err := r.Next()
				if err == io.EOF {
					break
				}
				require.NoError(t, err)
				f.Data = bytes.Clone(f.Data)
				got = append(got, f)
			}
			require.Len(t, got, 2, "frames in %s", name)
			assert.Equal(t, wire.LinkEthernet, got[0].Link, "link type")
			assert.Equal(t, 2, got[1].Number, "frame numbers count from 1")
			if want == nil {
				want = got
				return
			}
			for i := range want {
				assert.Equal(t, want[i].Data, got[i].Data, "frame %d bytes", i+1)
				assert.Equal(t, want[i].OrigLen, got[i].OrigLen, "frame %d length", i+1)
				assert.True(t, want[i].Time.Equal(got[i].Time), "frame %d time %v, want %v", i+1, got[i].Time, want[i].Time)
			}
		})
	}
}

func TestTruncatedRecord(t *testing.T) {
	raw, err := os.ReadFile("../../../../tcpedu/wire/testdata/linux/tcp4_rst.pcap")
	require.NoError(t, err)
	r, err := NewReader("cut.pcap", bytes.NewReader(raw[:len(raw)-5]))
	require.NoError(t, err)
	_, err = r.Next()
	require.NoError(t, err, "first record is whole")
	_, err = r.Next()
	require.Error(t, err)
	assert.Equal(t, "cut.pcap: record 2 is truncated: the file ends inside it (was the capture cut short?)", err.Error())
}

func TestNotACapture(t *testing.T) {
	_, err := NewReader("notes.txt", bytes.NewReader([]byte("hello, world")))
	assert.ErrorIs(t, err, ErrFormat)
	assert.Contains(t, err.Error(), "notes.txt starts with bytes 68 65 6c 6c")
}
