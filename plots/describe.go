package plots

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/tcpedu/tcpedu/tcpedu/bulk"
)

// VariantName returns a congestion control's name as the literature
// writes it: "NewReno" for newreno.
func VariantName(cc string) string {
	switch strings.ToLower(cc) {
	case "tahoe":
		return "Tahoe"
	case "reno":
		return "Reno"
	case "newreno":
		return "NewReno"
	case "":
		return VariantName(bulk.DefaultCC)
	}
	return cc
}

// formatRate writes bits per second as "10 Mbit/s".
func formatRate(bps float64) string {
	switch {
	case bps >= 1e9:
		return strconv.FormatFloat(bps/1e9, 'g', 3, 64) + " Gbit/s"
	case bps >= 1e6:
		return strconv.FormatFloat(bps/1e6, 'g', 3, 64) + " Mbit/s"
	case bps >= 1e3:
		return strconv.FormatFloat(bps/1e3, 'g', 3, 64) + " kbit/s"
	}
	return strconv.FormatFloat(bps, 'g', 4, 64) + " bit/s"
}

// formatDuration writes a duration as "20 ms" or "1.5 s".
func formatDuration(d time.Duration) string {
	switch {
	case d >= time.Second:
		return strconv.FormatFloat(d.Seconds(), 'g', 4, 64) + " s"
	case d >= time.Millisecond:
		return strconv.FormatFloat(float64(d)/float64(time.Millisecond), 'g', 4, 64) + " ms"
	}
	return d.String()
}

// formatBytes writes a size as "64 KiB" or "1460 bytes".
func formatBytes(n int) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// describePath writes the path and the faults of a bulk run in one line,
// leaving out what it does not use: "10 Mbit/s, 20 ms one way, queue 50
// packets, data segment 30 lost, seed 1".
func describePath(c bulk.Config) string {
	c = c.WithDefaults()
	parts := []string{formatRate(c.Bandwidth) + " bottleneck", formatDuration(c.Delay) + " one way"}
	if c.NoQueueLimit {
		parts = append(parts, "unlimited queue")
	} else {
		parts = append(parts, fmt.Sprintf("queue %d packets", c.Queue))
	}
	if c.Loss > 0 {
		parts = append(parts, "random loss "+strconv.FormatFloat(c.Loss, 'g', -1, 64))
	}
	if len(c.Drop) > 0 {
		nums := make([]string, len(c.Drop))
		for i, n := range c.Drop {
			nums[i] = strconv.Itoa(n)
		}
		word := "data segment "
		if len(nums) > 1 {
			word = "data segments "
		}
		parts = append(parts, word+strings.Join(nums, ", ")+" lost")
	}
	if c.RcvWnd != bulk.DefaultRcvWnd {
		parts = append(parts, "receive buffer "+formatBytes(c.RcvWnd))
	}
	if c.ReadRate > 0 {
		parts = append(parts, "reader at "+formatRate(c.ReadRate*8))
	}
	if c.MinRTO != bulk.DefaultMinRTO {
		parts = append(parts, "minimum RTO "+formatDuration(c.MinRTO))
	}
	if c.SACK {
		parts = append(parts, "SACK")
	}
	if c.AckEvery > 1 {
		parts = append(parts, fmt.Sprintf("an ACK every %d segments", c.AckEvery))
	}
	if c.MSS != bulk.DefaultMSS {
		parts = append(parts, fmt.Sprintf("MSS %d bytes", c.MSS))
	}
	parts = append(parts, fmt.Sprintf("seed %d", c.Seed))
	return strings.Join(parts, ", ")
}
