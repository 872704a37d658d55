package main

import (
	"fmt"
	"strconv"
	"strings"
)

// bandwidthUnits maps the suffixes a rate may carry to bits per second.
// Rates are decimal, as networking rates always are: 1 Mbit/s is 10^6.
var bandwidthUnits = []struct {
	suffix string
	scale  float64
}{
	{"gbit/s", 1e9}, {"mbit/s", 1e6}, {"kbit/s", 1e3}, {"bit/s", 1},
	{"gbps", 1e9}, {"mbps", 1e6}, {"kbps", 1e3}, {"bps", 1},
	{"g", 1e9}, {"m", 1e6}, {"k", 1e3},
}

// parseBandwidth reads a rate such as "10Mbps", "1.5Gbit/s", "64k" or
// "2000000" (bits per second).
func parseBandwidth(s string) (float64, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	scale := 1.0
	for _, u := range bandwidthUnits {
		if strings.HasSuffix(t, u.suffix) {
			t, scale = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.scale
			break
		}
	}
	v, err := strconv.ParseFloat(t, 64)
	if err != nil || v <= 0 || v*scale > 1e12 {
		return 0, fmt.Errorf("bandwidth %q is not a rate like 10Mbps, 1.5Gbps or 64kbps", s)
	}
	return v * scale, nil
}

// formatBandwidth writes bits per second the way parseBandwidth reads them.
func formatBandwidth(bps float64) string {
	switch {
	case bps >= 1e9:
		return strconv.FormatFloat(bps/1e9, 'g', -1, 64) + " Gbit/s"
	case bps >= 1e6:
		return strconv.FormatFloat(bps/1e6, 'g', -1, 64) + " Mbit/s"
	case bps >= 1e3:
		return strconv.FormatFloat(bps/1e3, 'g', -1, 64) + " kbit/s"
	}
	return strconv.FormatFloat(bps, 'g', -1, 64) + " bit/s"
}

// bandwidthFlag is a flag.Value holding a rate in bits per second.
type bandwidthFlag struct{ bps *float64 }

func (f bandwidthFlag) String() string {
	if f.bps == nil {
		return ""
	}
	return formatBandwidth(*f.bps)
}

func (f bandwidthFlag) Set(s string) error {
	v, err := parseBandwidth(s)
	if err != nil {
		return err
	}
	*f.bps = v
	return nil
}

// probabilityFlag is a flag.Value holding a probability in [0, 1]; "5%"
// is read as 0.05.
type probabilityFlag struct{ p *float64 }

func (f probabilityFlag) String() string {
	if f.p == nil {
		return ""
	}
	return strconv.FormatFloat(*f.p, 'g', -1, 64)
}

func (f probabilityFlag) Set(s string) error {
	t, scale := strings.TrimSpace(s), 1.0
	if strings.HasSuffix(t, "%") {
		t, scale = strings.TrimSuffix(t, "%"), 0.01
	}
	v, err := strconv.ParseFloat(t, 64)
	v *= scale
	if err != nil || v < 0 || v > 1 {
		return fmt.Errorf("probability %q is not a number from 0 to 1 (or a percentage)", s)
	}
	*f.p = v
	return nil
}

// intListFlag is a flag.Value holding a comma-separated list of positive
// integers, such as "3" or "3,5".
type intListFlag struct{ list *[]int }

func (f intListFlag) String() string {
	if f.list == nil {
		return ""
	}
	parts := make([]string, len(*f.list))
	for i, n := range *f.list {
		parts[i] = strconv.Itoa(n)
	}
	return strings.Join(parts, ",")
}

func (f intListFlag) Set(s string) error {
	for _, part := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(part))
		if err != nil || n < 1 {
			return fmt.Errorf("%q is not a list of segment numbers like 3 or 3,5", s)
		}
		*f.list = append(*f.list, n)
	}
	return nil
}
