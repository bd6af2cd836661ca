package reports

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"techniqual/data"
)

func TestQuestionnairesReadBack(t *testing.T) {
	classes := []QuestionnaireClass{
		{Period: "Åk 8 v. 46 2026", School: "Älvkulleskolan", Class: "8A", Slips: []QuestionnaireSlip{
			{Name: "Alva Şahin", Code: "ACDEFGHJ"}, {Name: "Łukasz Nowak", Code: "KMNPQRTU"}, {Name: "Ebba Lind", Code: "VWXY3479"}}},
		{Period: "Åk 8 v. 46 2026", School: "Älvkulleskolan", Class: "8B"}, // nobody: left out
	}
	tests := []struct {
		lang  string
		want  []string
		items func(data.SurveyItem) string
	}{
		{"sv", []string{"Kodlappar – 8A", "ACDE-FGHJ", "Alva Şahin", "Spara lappen"}, func(i data.SurveyItem) string { return i.SV }},
		{"en", []string{"Code slips – 8A", "KMNP-QRTU", "Łukasz Nowak", "Keep this slip"}, func(i data.SurveyItem) string { return i.EN }},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			var b bytes.Buffer
			if err := WriteQuestionnaires(&b, classes, Options{Lang: tt.lang, Fixed: time.Date(2026, 11, 2, 8, 0, 0, 0, time.UTC)}); err != nil {
				t.Fatal(err)
			}
			pages := pdfPages(t, b.Bytes())
			if len(pages) != 4 { // the slips, then one form per pupil
				t.Fatalf("%d pages, want 4", len(pages))
			}
			for _, w := range tt.want {
				if !strings.Contains(flat(pages[0]), w) {
					t.Errorf("slips page lacks %q:\n%s", w, pages[0])
				}
			}
			for _, p := range pages[1:] {
				f := flat(p)
				for _, it := range append(data.InterestItems[:], data.WorkItem, data.ProgrammeItem) {
					if !strings.Contains(f, tt.items(it)) {
						t.Errorf("form lacks %q", tt.items(it))
					}
				}
				for _, name := range []string{"Alva", "Łukasz", "Ebba", "ACDE"} {
					if strings.Contains(f, name) {
						t.Errorf("a form names %q: forms must be anonymous", name)
					}
				}
			}
			if !strings.Contains(flat(pages[1]), "Teknikprogrammet") && tt.lang == "sv" {
				t.Errorf("the programme list is missing: %s", pages[1])
			}
		})
	}
	var b bytes.Buffer
	if err := WriteQuestionnaires(&b, classes[1:], Options{}); err != ErrNothing {
		t.Errorf("no pupils: err = %v, want ErrNothing", err)
	}
}
