package session

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// newTestSession starts a session whose output the test reads.
func newTestSession(t *testing.T, timeout time.Duration) (*Session, *bytes.Buffer, *bytes.Buffer, *[]Bundle) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	var shown []Bundle
	s, err := New(Options{Stdout: &stdout, Stderr: &stderr, Timeout: timeout, Display: func(b Bundle) { shown = append(shown, b) }})
	require.NoError(t, err, "New")
	return s, &stdout, &stderr, &shown
}

// value evaluates src and returns the text of its value.
func value(t *testing.T, s *Session, src string) string {
	t.Helper()
	res, err := s.Eval(context.Background(), src)
	require.NoError(t, err, "Eval(%q)", src)
	return res.Value[MIMEPlain]
}

// evalError evaluates src, which must fail, and returns its *Error.
func evalError(t *testing.T, s *Session, src string) *Error {
	t.Helper()
	_, err := s.Eval(context.Background(), src)
	require.Error(t, err, "Eval(%q)", src)
	var e *Error
	require.True(t, errors.As(err, &e), "Eval(%q) returned %T, want *Error", src, err)
	return e
}

func TestEvalPrintsTheLastExpressionAndKeepsDeclarations(t *testing.T) {
	s, stdout, _, _ := newTestSession(t, 0)
	assert.Equal(t, "4", value(t, s, "x := seq.Num(4294967290)\nx.Add(10)"), "a cell ending in an expression")
	assert.Equal(t, "true", value(t, s, "x.LessThan(x.Add(10))"), "x from the cell before")
	assert.Equal(t, `"hi"`, value(t, s, `"hi"`), "a string is quoted")
	assert.Equal(t, "", value(t, s, "y := 3"), "a declaration has no value to print")
	assert.Equal(t, "", value(t, s, `fmt.Println("printed")`), "fmt.Println's byte count is not printed")
	assert.Equal(t, "printed\n", stdout.String())
	assert.Equal(t, "", value(t, s, "func g() {}\ng()"), "an interpreted func with no results")
	assert.Equal(t, "", value(t, s, "st := scenario.NewStage(1)\nst.Sim.RunFor(time.Second)"), "a compiled method with no results")
	assert.Equal(t, "7", value(t, s, "func max(a, b int) int {\n\tif a > b {\n\t\treturn a\n\t}\n\treturn b\n}\nmax(y, 7)"),
		"a func of the learner's own called max is not the builtin")
}

func TestEvalStepsAConnectionThroughTheModel(t *testing.T) {
	s, _, _, _ := newTestSession(t, 0)
	assert.Equal(t, "SYN-SENT", value(t, s, "st := scenario.NewStage(1)\nst.Listen(func(c *tcp.Endpoint) {})\nc := st.Connect()\nc.State()"))
	assert.Equal(t, "ESTABLISHED", value(t, s, "st.Sim.RunFor(time.Second)\nc.State()"))
}

func TestEvalSendsWhatCompiledCodePrintsToOsStdoutToTheSession(t *testing.T) {
	s, stdout, _, _ := newTestSession(t, 0)
	value(t, s, `res, _ := scenario.Run("handshake", 1)`+"\nscenario.WriteLadder(os.Stdout, res)")
	assert.Contains(t, stdout.String(), "SYN-SENT", "the ladder, written by compiled code to the interpreted os.Stdout")
}

func TestEvalShowsFiguresAndMarkdown(t *testing.T) {
	s, _, _, shown := newTestSession(t, 0)
	value(t, s, `display.Markdown("**cwnd**")`)
	assert.Equal(t, "", value(t, s, "r, _ := bulk.Run(bulk.Config{Duration: time.Second, Trace: true})\nfig, _ := plots.Cwnd(r)\nfig"),
		"a figure is shown, not printed")
	require.Len(t, *shown, 2)
	assert.Equal(t, "**cwnd**", (*shown)[0][MIMEMarkdown])
	png, err := base64.StdEncoding.DecodeString((*shown)[1][MIMEPNG])
	require.NoError(t, err, "the figure's base64")
	assert.Equal(t, "\x89PNG", string(png[:4]), "the figure is a PNG")
}

func TestEvalExplainsWhatWentWrong(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		kind      Kind
		line      int
		says      string
	}{
		{"syntax", "x := 1\ny := (2 +\n", SyntaxError, 0, ""},
		{"undefined", "x := 1\ny := cwnd + x", CompileError, 2, "undefined: cwnd"},
		{"range over an int", "n := 0\nfor i := range 10 {\n\tn += i\n}", Unsupported, 2, "for i := 0; i < n; i++"},
		{"range over an int variable", "n := 3\nfor i := range n {\n\t_ = i\n}", Unsupported, 2, "range over an integer"},
		{"min", "m := min(1, 2)", Unsupported, 1, "min builtin"},
		{"clear", "m := map[int]int{}\nclear(m)", Unsupported, 2, "clear builtin"},
		{"generic", "func id[T any](x T) T { return x }", Unsupported, 1, "generic"},
		{"func main", "func main() {\n\tfmt.Println(1)\n}", Unsupported, 1, "no func main"},
		{"parallel assignment", "var a, b int\na, b = 1, len(os.Args)", Unsupported, 2, "one assignment per line"},
		{"panic", "var q []int\n\nq[3] = 1", Panic, 3, "panic: "},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, _, stderr, _ := newTestSession(t, 0)
			e := evalError(t, s, tc.src)
			assert.Equal(t, tc.kind, e.Kind, "Eval(%q): %v", tc.src, e)
			if tc.line > 0 {
				assert.Equal(t, tc.line, e.Line, "Eval(%q): %v", tc.src, e)
			}
			assert.Contains(t, e.Msg, tc.says, "Eval(%q)", tc.src)
			assert.NotContains(t, stderr.String(), "panic: main", "yaegi's panic frames are kept back")
		})
	}
}

func TestEvalNamesTheFuncAPanicHappenedIn(t *testing.T) {
	s, _, _, _ := newTestSession(t, 0)
	value(t, s, "func third(v []int) int {\n\treturn v[3]\n}")
	e := evalError(t, s, "x := 1\nthird(nil)")
	assert.Equal(t, Panic, e.Kind)
	assert.Equal(t, 2, e.Line, "the cell's line that called it")
	assert.Contains(t, e.Msg, "in func third")
}

func TestEvalStopsALoopThatNeverEndsAndTheSessionLivesOn(t *testing.T) {
	s, _, _, _ := newTestSession(t, 200*time.Millisecond)
	value(t, s, "n := 0")
	e := evalError(t, s, "for {\n\tn++\n}")
	assert.Equal(t, TimedOut, e.Kind, "%v", e)
	assert.Contains(t, e.Msg, "200ms")
	assert.Equal(t, "true", value(t, s, "n > 0"), "the session, and n, survive the time limit")
}

func TestEvalStopsWhenItsContextIsCancelled(t *testing.T) {
	s, _, _, _ := newTestSession(t, 0)
	ctx, cancel := context.WithCancel(context.Background())
	go func() { time.Sleep(100 * time.Millisecond); cancel() }()
	_, err := s.Eval(ctx, "for {\n}")
	var e *Error
	require.True(t, errors.As(err, &e), "Eval returned %v", err)
	assert.Equal(t, Interrupted, e.Kind)
	assert.Equal(t, "2", value(t, s, "1 + 1"), "the session lives on after an interrupt")
}

func TestEvalKeepsTheHostAliveWhenAGoroutinePanicsOrACellCallsExit(t *testing.T) {
	var stderr syncBuffer
	s, err := New(Options{Stderr: &stderr})
	require.NoError(t, err)
	value(t, s, "go func() {\n\tvar q []int\n\t_ = q[1]\n}()")
	assert.Eventually(t, func() bool {
		return strings.Contains(stderr.String(), "panic in a goroutine: reflect: slice index out of range")
	}, 5*time.Second, 10*time.Millisecond, "a goroutine's panic is reported, and the test process lives on")
	e := evalError(t, s, "os.Exit(3)")
	assert.Equal(t, Panic, e.Kind)
	assert.Contains(t, e.Msg, "os.Exit(3) would end the whole session")
	assert.Equal(t, "2", value(t, s, "1 + 1"), "the session lives on")
}

// syncBuffer is a bytes.Buffer that goroutines may share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

func TestEvalRunsWhatYaegiAloneGetsWrong(t *testing.T) {
	s, stdout, _, _ := newTestSession(t, 0)
	value(t, s, "func two() (int, int) { return 1, 2 }")
	value(t, s, "for _, k := range []int{10} {\n\ta, b := two()\n\tfmt.Println(a, b, k)\n}")
	assert.Equal(t, "1 2 10\n", stdout.String(), "a, b := f() in a loop body at the top of a cell")
	value(t, s, `import "net/netip"`)
	value(t, s, `import "net/netip"`)
	assert.Equal(t, "192.0.2.1", value(t, s, `import "github.com/tcpedu/tcpedu/tcpedu/seq"`+"\n"+`netip.MustParseAddr("192.0.2.1")`),
		"importing a package again, or a preloaded one, is a no-op")
	e := evalError(t, s, "hs, _ := scenario.Run(\"handshake\", 1)\nr := hs.Segments[1]")
	assert.Contains(t, e.Msg, "give it its type", "the advice for yaegi's constant definition loop")
	assert.Equal(t, "ACK|SYN", value(t, s, "var r scenario.SegmentRecord = hs.Segments[1]\nr.Seg.Flags"), "the advice works")
	e = evalError(t, s, "defer fmt.Println(1)")
	assert.Equal(t, Unsupported, e.Kind)
}

func TestCompletionsOfPackagesValuesAndNames(t *testing.T) {
	s, _, _, _ := newTestSession(t, 0)
	value(t, s, "st := scenario.NewStage(1)\nst.Listen(func(c *tcp.Endpoint) {})\nconn := st.Connect()")
	for _, tc := range []struct {
		code       string
		want       []string
		wantsStart int
	}{
		{"x := tcp.Sta", []string{"State", "StateChange", "Stats"}, 9},
		{"conn.Snd", []string{"SndNxt", "SndUna", "SndWnd"}, 5},
		{"scen", []string{"scenario"}, 0},
		{"fmt.Println(con", []string{"conn"}, 12},
		{"display.M", []string{"Markdown"}, 8},
		{"nosuch.X", nil, 7},
	} {
		got, start := s.Completions(tc.code, len(tc.code))
		assert.Equal(t, tc.want, got, "Completions(%q)", tc.code)
		assert.Equal(t, tc.wantsStart, start, "Completions(%q): where the word starts", tc.code)
	}
}
