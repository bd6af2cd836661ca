package uikit

import (
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2/lang"

	"techniqual/data"
	figures "techniqual/data/stats"
)

func TestText(t *testing.T) {
	cases := []struct{ got, want string }{
		{Fold("ÅSA Ek"), "åsa ek"},
		{Fold("A\u030a"), "å"}, // decomposed å folds to the composed one
		{JoinDot(" 8A ", "", "Brukets skola"), "8A · Brukets skola"},
		{JoinDot(), ""},
		{LongDate(time.Date(2026, 11, 9, 0, 0, 0, 0, time.UTC)), "måndag 9 november"},
		{WeekLabel(time.Date(2026, 11, 9, 0, 0, 0, 0, time.UTC)), "v. 46"},
		{ShortWeekday(time.Sunday), "sön"},
		{PeriodStatusText(data.PeriodDone), "genomförd"},
		{RoleText(data.RoleSupervisor), "Handledare"},
		{Percent(0.625), "62 %"},
		{Decimal(3.84), "3,8"},
		{MeanText(figures.Mean{}), "–"},
	}
	for i, c := range cases {
		if c.got != c.want {
			t.Errorf("case %d: %q, want %q", i, c.got, c.want)
		}
	}
	names := []string{"Örebro", "Arvika", "Åmål", "Ängelholm", "Borlänge"}
	SortSwedish(names)
	if want := []string{"Arvika", "Borlänge", "Åmål", "Ängelholm", "Örebro"}; !slices.Equal(names, want) {
		t.Errorf("SortSwedish = %v, want %v", names, want)
	}
}

func TestDefaultPeriod(t *testing.T) {
	day := func(m int) time.Time { return time.Date(2026, time.Month(m), 1, 0, 0, 0, 0, time.UTC) }
	ps := []data.Period{{ID: "a", Start: day(3)}, {ID: "b", Start: day(11)}, {ID: "c", Start: day(6)}}
	cases := []struct {
		placed map[string]int
		want   string
	}{
		{nil, "b"},                            // the latest
		{map[string]int{"c": 4}, "c"},         // the only one with placed pupils
		{map[string]int{"a": 1, "c": 2}, "c"}, // the latest with placed pupils
	}
	for _, c := range cases {
		if got := DefaultPeriod(ps, c.placed); got != c.want {
			t.Errorf("placed %v: %q, want %q", c.placed, got, c.want)
		}
	}
	if got := DefaultPeriod(nil, nil); got != "" {
		t.Errorf("no periods: %q", got)
	}
}

func TestCurrentPeriod(t *testing.T) {
	day := func(m, d int) time.Time { return time.Date(2026, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
	ps := []data.Period{
		{ID: "mar", Start: day(3, 9), End: day(3, 13)},
		{ID: "nov", Start: day(11, 9), End: day(11, 13)},
		{ID: "may", Start: day(5, 4), End: day(5, 8)},
	}
	cases := []struct {
		today time.Time
		want  string
	}{
		{day(1, 10), "mar"}, // every period lies ahead: the first to come
		{day(3, 9), "mar"},  // its first day
		{day(3, 13).Add(15 * time.Hour), "mar"},
		{day(4, 20), "mar"}, // after it, before the next: typed in afterwards
		{day(5, 6), "may"},  // running
		{day(12, 5), "nov"}, // the last one held
		{time.Date(2026, 11, 8, 23, 30, 0, 0, time.UTC), "nov"},                   // already Monday in Sweden
		{time.Date(2026, 11, 9, 7, 30, 0, 0, time.FixedZone("CET", 3600)), "nov"}, // the morning it begins, in Sweden
	}
	for _, c := range cases {
		if got := CurrentPeriod(ps, c.today); got != c.want {
			t.Errorf("on %v: %q, want %q", c.today, got, c.want)
		}
	}
	// A long period still running wins over a short one begun later and
	// already over; of two running, the latest begun.
	long := []data.Period{{ID: "year", Start: day(1, 5), End: day(12, 18)}, {ID: "week", Start: day(5, 4), End: day(5, 8)}}
	if got := CurrentPeriod(long, day(6, 1)); got != "year" {
		t.Errorf("a running period lost to one over: %q", got)
	}
	if got := CurrentPeriod(long, day(5, 5)); got != "week" {
		t.Errorf("of two running, not the latest begun: %q", got)
	}
	if got := CurrentPeriod(nil, day(5, 5)); got != "" {
		t.Errorf("no periods: %q", got)
	}
}

// TestPlural: one thing takes the singular, none and many the plural, in
// Swedish and in English, with the caller's data beside the count.
func TestPlural(t *testing.T) {
	t.Cleanup(func() { SetLanguage(LangSwedish) })
	cases := []struct {
		lang string
		n    int
		want string
	}{
		{LangSwedish, 0, "0 rader"}, {LangSwedish, 1, "1 rad"}, {LangSwedish, 2, "2 rader"},
		{LangEnglish, 0, "0 rows"}, {LangEnglish, 1, "1 row"}, {LangEnglish, 21, "21 rows"},
	}
	for _, c := range cases {
		SetLanguage(c.lang)
		if got := RowCount(c.n); got != c.want {
			t.Errorf("%s: RowCount(%d) = %q, want %q", c.lang, c.n, got, c.want)
		}
	}
	SetLanguage(LangSwedish)
	if got := Plural(1, "test.one", "{{.N}} plats hos {{.Host}}", "test.other", "{{.N}} platser hos {{.Host}}", map[string]string{"Host": "Åsa AB"}); got != "1 plats hos Åsa AB" {
		t.Errorf("Plural with data = %q", got)
	}
	if got := TeamCount(1) + ", " + PupilCount(1) + ", " + HostCount(3) + ", " + HostGroupCount(2); got != "1 team, 1 elev, 3 värdar, 2 värdgrupper" {
		t.Errorf("counts = %q", got)
	}
}

func TestDayRange(t *testing.T) {
	d := func(y, m, day int) time.Time { return time.Date(y, time.Month(m), day, 0, 0, 0, 0, time.UTC) }
	for _, c := range []struct {
		a, b time.Time
		want string
	}{
		{d(2026, 11, 9), d(2026, 11, 13), "9–13 november 2026"},
		{d(2027, 4, 28), d(2027, 5, 2), "28 april – 2 maj 2027"},
		{d(2026, 12, 29), d(2027, 1, 2), "29 december 2026 – 2 januari 2027"},
		{d(2027, 3, 15), d(2027, 3, 15), "15 mars 2027"},
		{time.Time{}, d(2027, 3, 15), ""},
		{d(2027, 3, 15), time.Time{}, ""},
	} {
		if got := DayRange(c.a, c.b); got != c.want {
			t.Errorf("DayRange(%s, %s) = %q, want %q", c.a.Format("2006-01-02"), c.b.Format("2006-01-02"), got, c.want)
		}
	}
}

// TestFynesFileDialogTitle: Fyne titles its file dialog with the button's
// word and lang.L("File"), which gave "Spara Fil"; ours is Swedish case.
func TestFynesFileDialogTitle(t *testing.T) {
	t.Cleanup(func() { SetLanguage(LangSwedish) })
	for _, c := range []struct{ lang, want string }{{LangSwedish, "fil"}, {LangEnglish, "File"}} {
		SetLanguage(c.lang)
		if got := lang.L("File"); got != c.want {
			t.Errorf("%s: File = %q, want %q", c.lang, got, c.want)
		}
	}
}
