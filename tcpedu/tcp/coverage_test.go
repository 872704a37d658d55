package tcp

// The coverage check: every row of Transitions must be taken by the
// endpoint, for real, somewhere in this package's tests.

import (
	"flag"
	"fmt"
	"os"
	"sync"
	"testing"
)

// rowsTaken is the set of rows of Transitions that some fixture's endpoint
// has taken, by index. Tests run one at a time by default; the mutex keeps
// it right if one ever calls t.Parallel.
var rowsTaken = struct {
	sync.Mutex
	m map[int]bool
}{m: map[int]bool{}}

func recordRow(row int) {
	rowsTaken.Lock()
	rowsTaken.m[row] = true
	rowsTaken.Unlock()
}

// TestMain runs the tests, then, if the whole package ran (no -run or
// -skip filter, no -failfast), the check TestEveryTransitionRowIsTaken: every row of
// Transitions must have been taken for real, by an endpoint of some test,
// reported through Host.OnTransition. A row that no test reaches is either
// a rule with no test or a rule the code can no longer follow.
func TestMain(m *testing.M) {
	code := m.Run()
	whole := flagValue("test.run") == "" && flagValue("test.skip") == "" &&
		flagValue("test.list") == "" && flagValue("test.failfast") != "true"
	if whole {
		if missing := untakenRows(); len(missing) > 0 {
			fmt.Fprintf(os.Stderr, "--- FAIL: TestEveryTransitionRowIsTaken\n    rows of Transitions that no test took (%d of %d):\n", len(missing), len(Transitions))
			for _, line := range missing {
				fmt.Fprintf(os.Stderr, "        %s\n", line)
			}
			fmt.Println("FAIL")
			code = 1
		}
	}
	os.Exit(code)
}

// flagValue returns the value of the testing flag called name, or "" if
// there is no such flag.
func flagValue(name string) string {
	f := flag.Lookup(name)
	if f == nil {
		return ""
	}
	return f.Value.String()
}

// untakenRows lists the rows of Transitions that no fixture took, one line
// each: "row 12: FIN-WAIT-1 --rcv ACK of FIN--> FIN-WAIT-2".
func untakenRows() []string {
	rowsTaken.Lock()
	defer rowsTaken.Unlock()
	var out []string
	for i, r := range Transitions {
		if !rowsTaken.m[i] {
			out = append(out, fmt.Sprintf("row %d: %s --%s--> %s", i, r.From, r.Event, r.To))
		}
	}
	return out
}
