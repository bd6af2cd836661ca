package demo

import (
	"math"

	"techniqual/data"
)

// The questionnaire before and after (issue #19) in the example data: the
// grade-9 period "Åk 9 v. 46 2026" and the teknikprao week "Teknikprao åk 9
// v. 41 2026" have both waves answered. For the grade-9 period, some
// grade-8 classes (who do their prao in March) are comparison classes and
// answered at the same two moments.
//
// The effect is made believable and modest, in line with what field
// experiments find (a few tenths of a step on a 1–5 scale, at most): each
// pupil has an interest of their own (girls a little lower on average,
// as PATT studies report), the items scatter around it, and after the
// period it has moved by about +0.25 for girls and +0.12 for boys in prao
// and +0.03 in the comparison classes, with noise of its own. Not everyone
// answers both times (about 92 % before, 86 % after).

// surveyPeriods are the example periods with answers, and whether they get
// comparison classes.
var surveyPeriods = []struct {
	name        string
	comparisons bool
}{
	{"Åk 9 v. 46 2026", true},
	{"Teknikprao åk 9 v. 41 2026", false},
}

// survey gives the example periods codes and both waves' answers.
func (g *gen) survey(grade8 []data.Pupil) error {
	for _, sp := range surveyPeriods {
		per, err := g.st.FindPeriod(g.ctx, sp.name)
		if err != nil {
			return err
		}
		if sp.comparisons {
			// Every third grade-8 class does prao in March: comparison.
			seen := map[[2]string]bool{}
			for _, p := range grade8 {
				k := [2]string{p.SchoolID, p.ClassName}
				if seen[k] {
					continue
				}
				seen[k] = true
				if len(seen)%3 == 1 {
					if err := g.st.AddComparisonClass(g.ctx, data.ComparisonClass{PeriodID: per.ID, SchoolID: p.SchoolID, ClassName: p.ClassName}); err != nil {
						return err
					}
				}
			}
		}
		if _, err := g.st.EnsureSurveyCodes(g.ctx, per.ID); err != nil {
			return err
		}
		codes, err := g.st.ListSurveyCodes(g.ctx, per.ID)
		if err != nil {
			return err
		}
		var before, after []data.SurveyEntry
		for _, c := range codes {
			b, a := g.surveyPupil(c)
			if g.rng.Float64() < 0.92 {
				before = append(before, data.SurveyEntry{Code: c.Code, Answer: b})
			}
			if g.rng.Float64() < 0.86 {
				after = append(after, data.SurveyEntry{Code: c.Code, Answer: a})
			}
		}
		if _, err := g.st.SaveSurveyAnswers(g.ctx, per.ID, data.WaveBefore, before); err != nil {
			return err
		}
		if _, err := g.st.SaveSurveyAnswers(g.ctx, per.ID, data.WaveAfter, after); err != nil {
			return err
		}
	}
	return nil
}

// surveyPupil draws one pupil's answers before and after.
func (g *gen) surveyPupil(c data.SurveyCode) (before, after data.SurveyAnswer) {
	level, effect := 3.0, 0.18
	switch c.Gender {
	case data.GenderGirl:
		level, effect = 2.6, 0.25
	case data.GenderBoy:
		level, effect = 3.3, 0.12
	}
	if c.Comparison {
		effect = 0.03
	}
	b := level + 0.8*g.rng.NormFloat64()
	a := b + effect + 0.35*g.rng.NormFloat64()
	return g.surveyAnswer(b), g.surveyAnswer(a)
}

// surveyAnswer is the answers of a pupil whose interest is x.
func (g *gen) surveyAnswer(x float64) data.SurveyAnswer {
	clamp := func(v float64) int { return int(math.Max(1, math.Min(5, math.Round(v)))) }
	var a data.SurveyAnswer
	for k := range a.Items {
		a.Items[k] = clamp(x + 0.6*g.rng.NormFloat64())
	}
	a.Work = clamp(x - 0.3 + 0.8*g.rng.NormFloat64())
	switch r := g.rng.Float64(); {
	case r < 0.04+0.05*(x-1): // more interest, more often a technology programme
		a.Programme = g.pick([]string{"TE", "TE", "TE", "EE", "IN", "NA", "NA"})
	case r < 0.75:
		a.Programme = g.pick([]string{"SA", "EK", "NA", "ES", "BF", "VO", "HU", "FT", "BA", "RL", "HT", "FS", "HV", "VF", "NB"})
	case r < 0.95:
		a.Programme = "VI"
	}
	return a
}
