package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"techniqual/data"
	"techniqual/data/stats/stattest"
)

// statLabelTexts collects the text of every label under o.
func statLabelTexts(o fyne.CanvasObject) []string {
	var out []string
	switch x := o.(type) {
	case *widget.Label:
		out = append(out, x.Text)
	case *fyne.Container:
		for _, c := range x.Objects {
			out = append(out, statLabelTexts(c)...)
		}
	}
	return out
}

// showStatistics builds Statistik in the window (the lead wires it into
// buildScreen) and waits for its first report.
func showStatistics(t *testing.T, st *data.Store) (*MainWindow, *statisticsScreen) {
	t.Helper()
	m := newTestWindow(t, st)
	s := newStatisticsScreen(m)
	m.content.Objects = []fyne.CanvasObject{s.Content()}
	m.content.Refresh()
	s.Reload()
	waitIdle(t, m)
	waitIdle(t, m) // the period is chosen, then its report lands
	return m, s
}

// The fixture's numbers (counted by hand in data/stats's tests): 25 pupils
// (girls 11 hidden by complementary suppression, boys 13, other 1 → "<5"),
// 20 got their first choice (80 %), boys' interest 3,0 before and 3,4 after.
func TestStatisticsScreenShowsFiguresAndHidesSmallGroups(t *testing.T) {
	st := openStore(t)
	fx, err := stattest.Build(context.Background(), st)
	if err != nil {
		t.Fatal(err)
	}
	m, s := showStatistics(t, st)
	if s.report == nil || s.report.Period.ID != fx.PeriodID {
		t.Fatalf("no report shown (status %q)", s.status.Text)
	}
	texts := strings.Join(statLabelTexts(s.body), "|")
	for _, want := range []string{"Elever|..|13|<5|25", "Fick sitt 1:a val|..|11|<5|20", "Skulle rekommendera: ja|..|5|0|..",
		"Intresse för teknik före (1–5)|2,1|3,0|–|2,5", "<5 av 5 praoplatser", "”Bra handledare”",
		"”… och jag byggde en robot”", "Norrskolan|Karlstad|16|..|"} {
		if !strings.Contains(texts, want) {
			t.Errorf("screen lacks %q:\n%s", want, texts)
		}
	}
	if strings.Contains(texts, "3 av 5") {
		t.Error("the count of lone girls (3) is shown")
	}
	if strings.Contains(texts, "Alva och") {
		t.Error("a pupil's name is shown in a comment")
	}
	if got := s.choices.rows[0].text; got != "80 % (20)" {
		t.Errorf("first-choice bar %q", got)
	}
	if got := s.choices.rows[1].text; got != "<5" {
		t.Errorf("second-choice bar %q", got)
	}
	if got := s.interest.rows[3].text; got != "3,4" { // boys after
		t.Errorf("boys' interest after %q", got)
	}

	// One school with small groups: only its total of 9 pupils shows. (The
	// select is set quietly and the load started by hand, as its callback
	// would: the test driver runs the load's hand-back on another goroutine,
	// which would race with the select's own refresh.)
	for i, f := range s.scopes {
		if f.SchoolID == fx.SchoolB {
			s.quiet = true
			s.scopeSel.SetSelectedIndex(i)
			s.quiet = false
		}
	}
	s.load()
	waitIdle(t, m)
	texts = strings.Join(statLabelTexts(s.body), "|")
	if !strings.Contains(texts, "Elever|<5|..|0|9") || !strings.Contains(texts, "Kommentarer (<5)") {
		t.Errorf("school B:\n%s", texts)
	}
	if strings.Contains(texts, "Spännande") {
		t.Error("a lone comment is shown")
	}
	m.win.Canvas().Capture()
}

// An empty period and an empty database draw without error.
func TestStatisticsScreenEmpty(t *testing.T) {
	st := openStore(t)
	m, s := showStatistics(t, st)
	if s.report != nil || !strings.Contains(strings.Join(statLabelTexts(s.body), "|"), "Välj en praoperiod") {
		t.Errorf("empty database: %q", statLabelTexts(s.body))
	}
	m.win.Canvas().Capture()

	st2 := openStore(t)
	day, _ := data.ParseDate("2026-03-02")
	end, _ := data.ParseDate("2026-03-06")
	if err := st2.SavePeriod(context.Background(), &data.Period{Name: "Tom period", Grade: 9, Start: day, End: end}); err != nil {
		t.Fatal(err)
	}
	m2, s2 := showStatistics(t, st2)
	if s2.report == nil || s2.report.Outcome.Total.N != 0 {
		t.Fatalf("empty period report %+v (status %q)", s2.report, s2.status.Text)
	}
	if len(s2.choices.rows) != 7 || s2.choices.rows[0].share != 0 {
		t.Errorf("choice bars on empty data %+v", s2.choices.rows)
	}
	m2.win.Canvas().Capture()
}
