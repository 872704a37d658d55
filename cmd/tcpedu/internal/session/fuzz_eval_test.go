package session

import (
	"context"
	"testing"
	"time"
)

// FuzzEval checks that no input, however broken, takes the host down:
// every cell comes back as a value or an error. Each input gets a fresh
// session, so that a failure reproduces from its input alone.
func FuzzEval(f *testing.F) {
	for _, s := range []string{"x := 1\nx + 1", "func f(a int) int { return a }\nf(2)", "for i := range 3 {}", "var q []int\nq[1]",
		"type T struct{ A int }\nT{1}", "seq.Num(1).Add(2)", "import \"net/netip\"", "}{", "go func() {}()", "x := map[string]int{\"a\": 1}\nx[\"a\"]"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		s, err := New(Options{Timeout: 100 * time.Millisecond})
		if err != nil {
			t.Fatal(err)
		}
		s.Eval(context.Background(), src)
	})
}
