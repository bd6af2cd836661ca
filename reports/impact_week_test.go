package reports

import (
	"bytes"
	"context"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"techniqual/data"
	"techniqual/data/demo"
	"techniqual/data/stats"
)

// sampleWeek is a year's teknikprao weeks with a small group in every
// kind of figure: 3 pupils of other gender, 2 teams that break the rule,
// 2 pupils who met 2 hosts, a group with 4 answers.
func sampleWeek() *ImpactWeek {
	fb := &stats.WeekFeedback{Answers: cell(184), Groups: []stats.GroupFeedback{
		{Period: "Teknikprao v. 41", Group: "Ring Arvika", Answers: cell(96)},
		{Period: "Teknikprao v. 41", Group: "Ring Kil", Answers: cell(84)},
		{Period: "Teknikprao v. 41", Group: "", Answers: cell(4)},
	}}
	for q := range stats.NumQuestions {
		fb.Questions[q] = mean(3.7, 184)
		fb.Groups[0].Questions[q] = mean(4.2, 96)
		fb.Groups[1].Questions[q] = mean(3.1, 84)
		fb.Groups[2].Questions[q] = mean(2, 4)
	}
	return &ImpactWeek{
		PeriodNames:  []string{"Teknikprao v. 41"},
		LeftOutNames: []string{"Teknikprao v. 20"},
		Key: stats.WeekKey{Pupils: cell(157), Girls: cell(71), Boys: cell(83), Other: cell(3), Teams: 31,
			RuleBroken: cell(2), Hosts: 12, HostsPerPupil: mean(3.87, 157), RoleModelsPerPupil: mean(5.5, 157), RoleModels: 64,
			Attendance: stats.Attendance{Pupils: cell(157), Present: 581, Planned: 620}},
		HostsMet:   []stats.Cell{cell(0), cell(0), cell(2), {N: 19, Suppressed: true}, cell(136), cell(0)},
		RoleModels: []NamedCount{{"Elektriker", stats.Cell{N: 9}}, {"", stats.Cell{N: 2}}},
		AllPupils:  cell(512), AllGirls: cell(240), AllBoys: cell(259), BothFormats: cell(3),
		Feedback: fb,
	}
}

func TestImpactWeekPageReadsBack(t *testing.T) {
	for _, c := range []struct {
		lang string
		want []string
	}{
		{"sv", []string{"Teknikpraoveckorna", "Veckor: Teknikprao v. 41.", "Inte med i siffrorna: Teknikprao v. 20",
			"Elever i team 157", "Flickor i team 71", "Pojkar i team 83", "Annat/okänt kön i team <5", "Team 31",
			"Team med en ensam flicka eller en ensam pojke <5", "Värdföretag som tog emot team 12", "Värdföretag som varje elev mötte (medel) 3,9",
			"Förebilder som varje elev mötte (medel) 5,5", "Olika förebilder som eleverna mötte 64",
			"Närvaro på blocken (registrerade block) 94 %",
			"Elever i prao (varje elev en gång) 512", "Av dem både klassisk prao och teknikpraovecka <5",
			"2 <5", "3 ..", "4 136", "5 eller fler 0",
			"Elektriker 9", "Yrke ej angivet 2", "Registret har inget kön för förebilder",
			"Ring Arvika 96 4,2 4,2 4,2 4,2", "Ring Kil 84 3,1", "Utan grupp <5 <5 <5 <5 <5", "Alla grupper 184 3,7"}},
		{"en", []string{"The teknikprao weeks", "Weeks: Teknikprao v. 41.", "Girls in teams 71 71",
			"Other/unknown gender in teams <5 <5", "Teams with a girl alone or a boy alone <5 <5", "Key number 2025 2026", "Pupils in teams 96 157", "Teams 19 31",
			"Host companies each pupil met (mean) 3.9 3.9", "Attendance at the blocks (recorded blocks) 94% 94%",
			"Pupils in prao (each pupil once) 512", "Of them both classic prao and a teknikprao week <5",
			"Profession not given 2", "No group <5 <5 <5 <5 <5", "All groups 184 3.7"}},
	} {
		t.Run(c.lang, func(t *testing.T) {
			d := sampleImpact()
			d.Week = sampleWeek()
			if c.lang == "en" {
				last := sampleWeek().Key
				last.Pupils, last.Teams = cell(96), 19
				d.Week.Last = &last
			}
			b := renderBytes(t, func(w *bytes.Buffer) error { return WriteImpact(w, d, Options{Lang: c.lang, Fixed: fixedTime}) })
			// The week section, from its first page on (the companies follow).
			all := flat(strings.Join(pdfPages(t, b), " "))
			i := max(strings.Index(all, "Teknikpraoveckorna Teknikprao i"), strings.Index(all, "The teknikprao weeks Teknikprao as"))
			if i < 0 {
				t.Fatal("no page on the weeks")
			}
			page := all[i:]
			if m := missing(page, c.want...); len(m) > 0 {
				t.Errorf("the week page lacks %q:\n%s", m, page)
			}
			// The small groups never print as their numbers.
			for _, bad := range []string{"team 3 ", "pojke 2 ", "teams 3 ", "boy alone 2 ", "grupp 4 ", "group 4 ", "2 2 ", "3 19"} {
				if strings.Contains(page, bad) {
					t.Errorf("a small group shows: %q", bad)
				}
			}
		})
	}
}

// A year with weeks and no classic period still gets a report, with the
// week page.
func TestImpactOfAYearWithOnlyWeeks(t *testing.T) {
	b := renderBytes(t, func(w *bytes.Buffer) error {
		return WriteImpact(w, Impact{Year: 2030, Week: sampleWeek()}, Options{Fixed: fixedTime})
	})
	pages := pdfPages(t, b)
	text := flat(strings.Join(pages, " "))
	if m := missing(flat(pages[0]), "Teknikpraoveckor (eget avsnitt): Teknikprao v. 41."); len(m) > 0 {
		t.Errorf("the cover lacks %q", m)
	}
	if m := missing(text, "Effektrapport 2030", "Teknikpraoveckorna", "Elever i team 157"); len(m) > 0 {
		t.Errorf("missing %q", m)
	}
	if strings.Contains(text, "Inga praoperioder eller evenemang") {
		t.Error("a year with weeks is reported as empty")
	}
}

func TestWeekWordsInBothLanguages(t *testing.T) {
	for _, w := range []weekWords{weekSV, weekEN} {
		v := reflect.ValueOf(w)
		for i := 0; i < v.NumField(); i++ {
			f := v.Field(i)
			if f.Kind() == reflect.String && f.String() == "" {
				t.Errorf("%s is empty", v.Type().Field(i).Name)
			}
			if f.Kind() == reflect.Array {
				for j := 0; j < f.Len(); j++ {
					if f.Index(j).String() == "" {
						t.Errorf("%s[%d] is empty", v.Type().Field(i).Name, j)
					}
				}
			}
		}
	}
}

// The example data's year 2026 (two weeks, one classic period) reads back
// through the Store, the statistics and the report.
func TestImpactWeekFromTheExampleData(t *testing.T) {
	if testing.Short() {
		t.Skip("generates the example data")
	}
	ctx := context.Background()
	st, err := data.Open(ctx, filepath.Join(t.TempDir(), "demo.db"), data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := demo.Generate(ctx, st, demo.Config{Pupils: 300, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	this, last, err := stats.LoadImpactYears(ctx, st, 2026)
	if err != nil {
		t.Fatal(err)
	}
	d := NewImpact(2026, this, last)
	if d.Week == nil {
		t.Fatal("the example year 2026 has no week page")
	}
	b := renderBytes(t, func(w *bytes.Buffer) error { return WriteImpact(w, d, Options{Fixed: demo.Now}) })
	text := flat(strings.Join(pdfPages(t, b), " "))
	want := []string{"Teknikpraoveckorna", "Elever i team " + countText(d.Week.Key.Pupils),
		"Elever i prao (varje elev en gång) " + countText(d.Week.AllPupils), "Alla grupper"}
	want = append(want, d.Week.PeriodNames...)
	if m := missing(text, want...); len(m) > 0 {
		t.Errorf("missing %q", m)
	}
}
