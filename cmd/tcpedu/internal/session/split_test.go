package session

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSplitCutsACellIntoTopLevelItems(t *testing.T) {
	src := "x := 1 // one\n\nfunc f(a int) int {\n\treturn a + x\n}\nvar y = f(2); fmt.Println(y)\nif y > 2 {\n\ty++\n} else {\n\ty--\n}\n"
	items, err := split(src)
	require.NoError(t, err)
	var got []string
	var lines []int
	for _, it := range items {
		got = append(got, it.src)
		lines = append(lines, it.line)
	}
	assert.Equal(t, []string{
		"x := 1",
		"func f(a int) int {\n\treturn a + x\n}",
		"var y = f(2)",
		"fmt.Println(y)",
		"if y > 2 {\n\ty++\n} else {\n\ty--\n}",
	}, got, "split(%q)", src)
	assert.Equal(t, []int{1, 3, 6, 6, 7}, lines, "the cell line each item starts on")
}

func TestSplitKeepsAWholeFileAsOneItem(t *testing.T) {
	items, err := split("package main\n\nimport \"fmt\"\n\nfunc hello() { fmt.Println(1) }\n")
	require.NoError(t, err)
	require.Len(t, items, 1)
	assert.True(t, items[0].isDecl())
}

func TestSplitReportsWhereTheCellCannotBeTokenised(t *testing.T) {
	_, err := split("x := 1\ns := \"unterminated\n")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "2:6", "the scanner's position of the bad string")
}

func TestCompleteAsksForMoreWhileSomethingIsOpen(t *testing.T) {
	for _, tc := range []struct {
		src  string
		want bool
	}{
		{"x := 1\n", true},
		{"func f() {\n", false},
		{"func f() {\n}\n", true},
		{"x := []int{\n1,\n", false},
		{"y := 1 +\n", false},
		{"y := a.\n", false},
		{"s := `raw\n", false},
		{"s := `raw\nstring`\n", true},
		{"x++\n", true},
		{"/* a comment\n", false},
		{"", true},
	} {
		assert.Equal(t, tc.want, Complete(tc.src), "Complete(%q)", tc.src)
	}
}

// FuzzSplit checks that any input, however broken, splits without a
// panic into items that are pieces of the input, in order, on the lines
// they say, and that Complete answers for it.
func FuzzSplit(f *testing.F) {
	for _, s := range []string{"x := 1\ny := 2", "func f() {\n}\n", "s := `raw\n", "a := []int{1,\n2}", "package main\nfunc main() {}", "\"unterminated", "/* c", "x :=", "}}}{{{"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		Complete(src)
		items, _ := split(src)
		rest := src
		for _, it := range items {
			i := strings.Index(rest, it.src)
			if i < 0 {
				t.Fatalf("split(%q): item %q is not the next piece of the input", src, it.src)
			}
			if want := strings.Count(src[:len(src)-len(rest)+i], "\n") + 1; it.line != want {
				t.Fatalf("split(%q): item %q says line %d, is on line %d", src, it.src, it.line, want)
			}
			rest = rest[i+len(it.src):]
		}
	})
}

func TestSplitKnowsTheSemicolonsOfAStatementHeader(t *testing.T) {
	src := "n := 0\nfor i := 0; i < 3; i++ {\n\tn += i\n}\nif err := check(); err != nil { n = -1 }\nfunc (t T) M() int { return 1 }; func() { n++ }()\nimport \"net/netip\"\nx := netip.Addr{}"
	items, err := split(src)
	require.NoError(t, err)
	var got []string
	for _, it := range items {
		got = append(got, it.src)
	}
	assert.Equal(t, []string{
		"n := 0",
		"for i := 0; i < 3; i++ {\n\tn += i\n}",
		"if err := check(); err != nil { n = -1 }",
		"func (t T) M() int { return 1 }",
		"func() { n++ }()",
		"import \"net/netip\"",
		"x := netip.Addr{}",
	}, got, "split(%q)", src)
}

func TestSplitPutsSyntaxErrorsOnTheCellsLines(t *testing.T) {
	_, err := split("x := 1\n\ny := (2 +\n")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "3:", "the error is on the cell's line 3: %v", err)
	assert.Contains(t, err.Error(), "the cell ends in the middle of a statement")
}
