package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tcpedu/tcpedu/exercises/grading"
)

// collect grades exercise 01 from a canned go test -json stream.
func collect(t *testing.T, stream string) *gradeResult {
	t.Helper()
	ex, ok := grading.Lookup("01")
	require.True(t, ok)
	r := newGradeResult(ex)
	col := &gradeCollector{byPkg: map[string]*gradeResult{modulePath + "/exercises/01-checksum": r}}
	_, err := col.read(strings.NewReader(stream))
	require.NoError(t, err)
	require.True(t, r.done, "the package's end was not seen")
	return r
}

const pkg01 = `"Package":"github.com/tcpedu/tcpedu/exercises/01-checksum"`

func TestGradeReportReadsAFailedCheck(t *testing.T) {
	ex, _ := grading.Lookup("01")
	var lines []string
	for i, ch := range ex.Checks {
		action := "pass"
		if i == 1 {
			action = "fail"
			lines = append(lines,
				`{"Action":"output",`+pkg01+`,"Test":"`+grading.TestName(ch.Name)+`","Output":"    run.go:41: \n"}`,
				`{"Action":"output",`+pkg01+`,"Test":"`+grading.TestName(ch.Name)+`","Output":"        Add(0xffff, 0x0001) = 0x0000, want 0x0001\n"}`,
				`{"Action":"output",`+pkg01+`,"Test":"`+grading.TestName(ch.Name)+`","Output":"        hint: the carry comes back in\n"}`)
		}
		lines = append(lines, `{"Action":"`+action+`",`+pkg01+`,"Test":"`+grading.TestName(ch.Name)+`"}`)
	}
	lines = append(lines, `{"Action":"fail",`+pkg01+`,"Test":"TestExercise"}`, `{"Action":"fail",`+pkg01+`}`)
	r := collect(t, strings.Join(lines, "\n"))
	assert.Equal(t, statusFailed, r.Status)
	assert.Equal(t, len(ex.Checks)-1, r.Points)
	require.NotNil(t, r.Failure)
	assert.Equal(t, ex.Checks[1].Name, r.Failure.Check)
	assert.Equal(t, "Add(0xffff, 0x0001) = 0x0000, want 0x0001", r.Failure.Message)
	assert.Equal(t, "the carry comes back in", r.Failure.Hint)
}

func TestGradeReportReadsABuildFailure(t *testing.T) {
	r := collect(t, `{"ImportPath":"github.com/tcpedu/tcpedu/exercises/01-checksum [github.com/tcpedu/tcpedu/exercises/01-checksum.test]","Action":"build-output","Output":"# github.com/tcpedu/tcpedu/exercises/01-checksum\n"}
{"ImportPath":"github.com/tcpedu/tcpedu/exercises/01-checksum [github.com/tcpedu/tcpedu/exercises/01-checksum.test]","Action":"build-output","Output":"exercises/01-checksum/checksum.go:44:28: cannot use \"x\" as int value\n"}
{"ImportPath":"github.com/tcpedu/tcpedu/exercises/01-checksum [github.com/tcpedu/tcpedu/exercises/01-checksum.test]","Action":"build-fail"}
{"Action":"fail",`+pkg01+`,"FailedBuild":"github.com/tcpedu/tcpedu/exercises/01-checksum"}`)
	assert.Equal(t, statusFailed, r.Status)
	assert.Equal(t, 0, r.Points)
	require.NotNil(t, r.Failure)
	assert.Equal(t, "does not compile:\nexercises/01-checksum/checksum.go:44:28: cannot use \"x\" as int value", r.Failure.Message)
}

func TestGradeReportReadsACrash(t *testing.T) {
	r := collect(t, `{"Action":"output",`+pkg01+`,"Output":"panic: my init failed\n"}
{"Action":"fail",`+pkg01+`}`)
	assert.Equal(t, statusFailed, r.Status)
	require.NotNil(t, r.Failure)
	assert.Equal(t, "the test program crashed: panic: my init failed", r.Failure.Message)
}

func TestGradeReportReadsASkip(t *testing.T) {
	r := collect(t, `{"Action":"output",`+pkg01+`,"Test":"TestExercise","Output":"    run.go:32: not attempted yet\n"}
{"Action":"skip",`+pkg01+`,"Test":"TestExercise"}
{"Action":"pass",`+pkg01+`}`)
	assert.Equal(t, statusNotAttempted, r.Status)
	assert.Nil(t, r.Failure)
}
