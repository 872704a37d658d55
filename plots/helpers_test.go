package plots

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/tcpedu/tcpedu/tcpedu/bulk"
)

const mss = bulk.DefaultMSS

// run performs a bulk transfer for a test.
func run(t *testing.T, c bulk.Config) *bulk.Result {
	t.Helper()
	res, err := bulk.Run(c)
	require.NoError(t, err, "bulk.Run(%+v)", c)
	return res
}

// scripted is a clean path (no queue limit, so nothing but the script is
// lost) for a short traced run of variant, with these data segments lost.
func scripted(variant string, d time.Duration, drops ...int) bulk.Config {
	return bulk.Config{CC: variant, Bandwidth: 100e6, NoQueueLimit: true, Drop: drops, Duration: d, Trace: true, Capture: true, Seed: 1}
}

// equation4 is RFC 5681's ssthresh after a loss, bytes.
func equation4(flight int) int {
	if flight/2 < 2*mss {
		return 2 * mss
	}
	return flight / 2
}
