package demo

import (
	"context"
	"testing"

	"techniqual/data/stats"
)

// The example data's questionnaire shows a modest change, a comparison
// group and pupils who answered only once.
func TestExampleSurveyIsModest(t *testing.T) {
	ctx := context.Background()
	st, _ := generate(t, 600, 1)
	for _, sp := range surveyPeriods {
		per, err := st.FindPeriod(ctx, sp.name)
		if err != nil {
			t.Fatal(err)
		}
		d, err := stats.LoadSurvey(ctx, st, per)
		if err != nil {
			t.Fatal(err)
		}
		e := stats.ComputeEffect(d.Pupils, per.Name)
		// Where the figure of all is hidden (a small "other" group: the
		// suppression rule hides all rather than a gender), girls' shows.
		shown := 0
		for k, c := range e.Interest {
			if c.Hidden {
				continue
			}
			shown++
			if c.Change < -0.2 || c.Change > 0.6 {
				t.Errorf("%s: group %d changed %+.2f, want a modest change", per.Name, k, c.Change)
			}
		}
		if g := e.Interest[stats.Girls]; shown == 0 || g.Hidden || g.Change <= 0 {
			t.Errorf("%s: girls = %+v, want a shown rise", per.Name, g)
		}
		if e.HasComparison != sp.comparisons {
			t.Errorf("%s: comparison %v, want %v", per.Name, e.HasComparison, sp.comparisons)
		}
		if e.Unpaired.BeforeOnly.N+e.Unpaired.AfterOnly.N == 0 {
			t.Errorf("%s: everyone answered both times", per.Name)
		}
	}
}
