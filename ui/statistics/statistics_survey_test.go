package statistics

import (
	"context"
	"strings"
	"testing"

	"techniqual/data"
	"techniqual/data/stats/stattest"
	"techniqual/ui/internal/uitest"
)

// The questionnaire's section: the fixture's 25 pupils (11 girls, 13 boys,
// 1 of other gender) answer 3 before; after, all but every fourth answer 4.
func TestStatisticsShowsTheQuestionnaire(t *testing.T) {
	ctx := context.Background()
	st := uitest.OpenStore(t)
	fx, err := stattest.Build(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.EnsureSurveyCodes(ctx, fx.PeriodID); err != nil {
		t.Fatal(err)
	}
	codes, _ := st.ListSurveyCodes(ctx, fx.PeriodID)
	var before, after []data.SurveyEntry
	for i, c := range codes {
		before = append(before, data.SurveyEntry{Code: c.Code, Answer: data.SurveyAnswer{Items: [4]int{3, 3, 3, 3}}})
		v := 4
		if i%4 == 0 {
			v = 3
		}
		if i != 1 { // one pupil did not answer after
			after = append(after, data.SurveyEntry{Code: c.Code, Answer: data.SurveyAnswer{Items: [4]int{v, v, v, v}}})
		}
	}
	if _, err := st.SaveSurveyAnswers(ctx, fx.PeriodID, data.WaveBefore, before); err != nil {
		t.Fatal(err)
	}
	if _, err := st.SaveSurveyAnswers(ctx, fx.PeriodID, data.WaveAfter, after); err != nil {
		t.Fatal(err)
	}
	m, s := showStatistics(t, st)
	m.Wait(t) // the survey's own load
	texts := strings.Join(statLabelTexts(s.surveyBox()), "|")
	for _, want := range []string{"Intresse för teknik före och efter (enkät)", "Grupp|n|Före|Efter|Förändring|95 % KI|Ökade",
		"Annat/ej angivet|<5|<5", "Totalt|..|..", "Svarade bara före: <5, bara efter: 0",
		"Vad fungerade? (bara för samordnaren)", "I bokstavsordning"} {
		if !strings.Contains(texts, want) {
			t.Errorf("the survey section lacks %q:\n%s", want, texts)
		}
	}
	if !strings.Contains(texts, "Flickor|") || strings.Contains(texts, "Annat/ej angivet|1|") {
		t.Errorf("girls missing or the one pupil of other gender shown:\n%s", texts)
	}
	// The section is part of the screen's body.
	found := false
	for _, o := range s.body.Objects {
		if o == s.surveyBox() {
			found = true
		}
	}
	if !found {
		t.Error("the survey section is not in the body")
	}
}
