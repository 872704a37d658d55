package plots

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestGalleryIsCurrent redraws every figure of plots/gallery and compares
// it with the file, byte for byte: the gallery shows what the code draws
// now, and the same seeds give the same pictures. With -short the
// throughput sweep (60 runs, the slow one) is left out.
func TestGalleryIsCurrent(t *testing.T) {
	for _, k := range Kinds {
		if testing.Short() && k.Name == "throughput" {
			continue
		}
		name := filepath.Join("gallery", k.Name+".png")
		want, err := os.ReadFile(name)
		require.NoError(t, err, "the gallery has no %s: run go generate ./plots/...", name)
		f, err := Default(k.Name, nil)
		require.NoError(t, err, "Default(%q)", k.Name)
		got, err := f.PNG()
		require.NoError(t, err)
		assert.True(t, bytes.Equal(want, got), "%s is stale: run go generate ./plots/... and look at the picture", name)
	}
}

func TestDefaultUnknownKind(t *testing.T) {
	_, err := Default("pie", nil)
	assert.ErrorContains(t, err, `no figure is called "pie"`)
	_, ok := FindKind("stevens")
	assert.True(t, ok)
}
