package link

import (
	"errors"
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestValidate(t *testing.T) {
	ms := time.Millisecond
	tests := []struct {
		name string
		cfg  Config
		want string // "" for a valid config
	}{
		{"zero value", Config{}, ""},
		{"everything on", Config{Bandwidth: 10e6, Delay: 20 * ms, Queue: 64, Faults: Faults{
			Loss: 0.01, Burst: Bursty(0.02, 3), Corrupt: 0.001, Duplicate: 0.01,
			Jitter: ms, Reorder: 0.05, ReorderDelay: 5 * ms,
			Script: []Rule{{Action: Drop, Match: DataSegment(), Nth: 3}, {Action: Hold, Delay: ms}},
		}}, ""},
		{"certain faults", Config{Faults: Faults{Loss: 1, Corrupt: 1, Duplicate: 1}}, ""},
		{"infinite bandwidth", Config{Bandwidth: math.Inf(1)}, ""},

		{"negative bandwidth", Config{Bandwidth: -1}, "link: bandwidth -1 bits/s is negative"},
		{"NaN bandwidth", Config{Bandwidth: math.NaN()}, "link: bandwidth NaN bits/s is negative"},
		{"negative delay", Config{Delay: -ms}, "link: propagation delay -1ms is negative"},
		{"negative queue", Config{Queue: -3}, "link: queue of -3 packets is negative; use 0 for an unlimited queue"},
		{"loss above 1", Config{Faults: Faults{Loss: 1.5}}, "link: loss probability 1.5 is outside [0, 1]"},
		{"negative loss", Config{Faults: Faults{Loss: -0.1}}, "link: loss probability -0.1 is outside [0, 1]"},
		{"NaN loss", Config{Faults: Faults{Loss: math.NaN()}}, "link: loss probability NaN is outside [0, 1]"},
		{"corruption as a percentage", Config{Faults: Faults{Corrupt: 5}}, "link: corruption probability 5 is outside [0, 1]"},
		{"duplication above 1", Config{Faults: Faults{Duplicate: 2}}, "link: duplication probability 2 is outside [0, 1]"},
		{"reorder above 1", Config{Faults: Faults{Reorder: 1.1, ReorderDelay: ms}}, "link: reorder probability 1.1 is outside [0, 1]"},
		{"negative jitter", Config{Faults: Faults{Jitter: -ms}}, "link: jitter -1ms is negative"},
		{"negative reorder delay", Config{Faults: Faults{ReorderDelay: -ms}}, "link: reorder delay -1ms is negative"},
		{"reorder without a delay", Config{Faults: Faults{Reorder: 0.1}},
			"link: reorder probability 0.1 needs a positive ReorderDelay to hold packets back by"},
		{"burst P above 1", Config{Faults: Faults{Burst: &GilbertElliott{P: 1.2}}},
			"link: burst loss P (Good to Bad) probability 1.2 is outside [0, 1]"},
		{"burst R negative", Config{Faults: Faults{Burst: &GilbertElliott{R: -1}}},
			"link: burst loss R (Bad to Good) probability -1 is outside [0, 1]"},
		{"burst LossGood above 1", Config{Faults: Faults{Burst: &GilbertElliott{LossGood: 3}}},
			"link: burst loss LossGood probability 3 is outside [0, 1]"},
		{"burst LossBad as a percentage", Config{Faults: Faults{Burst: &GilbertElliott{LossBad: 100}}},
			"link: burst loss LossBad probability 100 is outside [0, 1]"},
		{"rule without an action", Config{Faults: Faults{Script: []Rule{{Action: Drop}, {Nth: 2}}}},
			"link: script rule 1 has no valid action (action(0)); use Drop, Corrupt, Duplicate or Hold"},
		{"rule with an unknown action", Config{Faults: Faults{Script: []Rule{{Action: 9}}}},
			"link: script rule 0 has no valid action (action(9)); use Drop, Corrupt, Duplicate or Hold"},
		{"negative Nth", Config{Faults: Faults{Script: []Rule{{Action: Drop, Nth: -1}}}},
			"link: script rule 0 has Nth -1, which is negative; use 0 to act on every match"},
		{"hold without a delay", Config{Faults: Faults{Script: []Rule{{Action: Hold}}}},
			"link: script rule 0 holds packets for 0s; a Hold needs a positive Delay"},
		{"hold with a negative delay", Config{Faults: Faults{Script: []Rule{{Action: Hold, Delay: -ms}}}},
			"link: script rule 0 holds packets for -1ms; a Hold needs a positive Delay"},
	}
	for _, tt := range tests {
		err := tt.cfg.Validate()
		if tt.want == "" {
			assert.NoError(t, err, "%s: Validate()", tt.name)
			continue
		}
		if assert.Error(t, err, "%s: Validate()", tt.name) {
			assert.Equal(t, tt.want, err.Error(), "%s: Validate() message", tt.name)
			assert.True(t, errors.Is(err, ErrConfig), "%s: errors.Is(Validate(), ErrConfig)", tt.name)
		}
	}
}
