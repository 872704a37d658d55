package grading

import (
	"sort"
	"strings"
)

// An Exercise is one entry of the course's exercise list.
type Exercise struct {
	ID    string // its folder under exercises/ and solutions/: "01-checksum"
	Title string // what it is about: "The Internet checksum"
	File  string // the file the learner writes in: "checksum.go"
	Bonus bool   // beyond the course: not counted in the total that makes 100%

	// Checks lists the suite's checks, with their names and hints. Their
	// Run functions are bound to no implementation: read them, do not run
	// them.
	Checks []Check
}

// MaxPoints is what the exercise is worth: a point per check.
func (e Exercise) MaxPoints() int { return len(e.Checks) }

// TestName returns the name go test gives the subtest of check, as it
// appears in go test -json: "TestExercise/folds_every_carry".
func TestName(check string) string {
	return "TestExercise/" + strings.ReplaceAll(check, " ", "_")
}

var catalogue []Exercise

// register adds an exercise to the catalogue; each suite file calls it
// from init with the suite's checks bound to an empty implementation.
func register(e Exercise) { catalogue = append(catalogue, e) }

// Exercises returns every exercise, in course order.
func Exercises() []Exercise {
	out := append([]Exercise(nil), catalogue...)
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Lookup returns the exercise called id ("01-checksum"), or the one whose
// number or name id is ("1", "01", "checksum").
func Lookup(id string) (Exercise, bool) {
	for _, e := range catalogue {
		num, name, _ := strings.Cut(e.ID, "-")
		if id == e.ID || id == name || id == num || "0"+id == num {
			return e, true
		}
	}
	return Exercise{}, false
}
