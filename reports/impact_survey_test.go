package reports

import (
	"bytes"
	"strings"
	"testing"

	"techniqual/data"
	"techniqual/data/stats"
)

// surveyPupils makes n paired pupils of gender g whose four interest items
// all move by step (same before 3 for everyone except a spread).
func surveyPupils(n int, g data.Gender, step int, comparison bool) []stats.SurveyPupil {
	out := make([]stats.SurveyPupil, n)
	for i := range out {
		b := data.SurveyAnswer{Items: [4]int{2 + i%3, 3, 3, 2 + i%2}, Programme: "SA"}
		a := b
		if i%3 != 0 { // two in three move
			for k := range a.Items {
				a.Items[k] += step
			}
		}
		if i%4 == 0 {
			a.Programme = "TE"
		}
		out[i] = stats.SurveyPupil{Gender: g, Grade: 8, Comparison: comparison, Before: &b, After: &a}
	}
	return out
}

func TestImpactSurveyPageReadsBack(t *testing.T) {
	ps := append(surveyPupils(12, data.GenderGirl, 1, false), surveyPupils(10, data.GenderBoy, 1, false)...)
	ps = append(ps, surveyPupils(3, data.GenderOther, 1, false)...) // a small group: hides the figure of all
	ps = append(ps, surveyPupils(15, data.GenderGirl, 0, true)...)  // comparison classes that did not change
	onlyBefore := surveyPupils(6, data.GenderGirl, 0, false)
	for i := range onlyBefore {
		onlyBefore[i].After = nil
	}
	ps = append(ps, onlyBefore...)
	per := data.Period{Name: "Åk 8 v. 46 2026", Grade: 8}
	d := sampleImpact()
	d.Survey = &stats.SurveyYear{Periods: []stats.PeriodEffect{{Period: per, Effect: stats.ComputeEffect(ps, per.Name)}}}
	b := renderBytes(t, func(w *bytes.Buffer) error { return WriteImpact(w, d, Options{Fixed: fixedTime}) })
	all := flat(strings.Join(pdfPages(t, b), " "))
	i := strings.Index(all, "Intresse för teknik före och efter Eleverna")
	if i < 0 {
		t.Fatal("no page on the questionnaire")
	}
	page := all[i:]
	if m := missing(page, "Åk 8 v. 46 2026", "Flickor 12", "Pojkar 10", "Annat/okänt <5 <5", "Alla .. ..",
		"Jämförelseklasser (alla) 15", "Alla: Visas inte: en liten grupp",
		"Jämfört med jämförelseklasserna (skillnad i förändring): Alla: Jämförelsen visas inte", "Flickor: Intresset ökade", "Svarade bara en gång (räknas inte i förändringen): 6 före, 0 efter.",
		"PATT-SQ", "bootstrap"); len(m) > 0 {
		t.Errorf("the survey page lacks %q:\n%s", m, page)
	}
	if strings.ContainsRune(page, '\uFFFD') {
		t.Error("a character the font lacks (the minus sign?) printed as U+FFFD")
	}
	if got := minus(stats.Interval("sv", -0.1, 0.2)); got != "–0,10 till 0,20" {
		t.Errorf("minus = %q", got)
	}
	if strings.Contains(page, "Alla 25") || strings.Contains(page, "Annat/okänt 3") {
		t.Error("a hidden group's count shows")
	}
}
