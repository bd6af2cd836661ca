package overview

import (
	"context"
	"strconv"
	"strings"
	"techniqual/data"
	"techniqual/data/demo"
	"techniqual/ui/internal/uitest"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// openOverview builds Översikt on a test shell and waits for its load.
func openOverview(t *testing.T, st *data.Store) (*Screen, *uitest.Shell) {
	t.Helper()
	sh := uitest.NewShell(t, st)
	s := New(sh)
	sh.Open(t, s)
	return s, sh
}

func count(s *Screen, id string) string { return s.counts[id].Text }

func TestFirstWindowShowsTheCounts(t *testing.T) {
	st := uitest.OpenStore(t)
	if _, err := demo.Generate(context.Background(), st, demo.Config{Pupils: 200, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	want, _ := st.Overview(context.Background())
	periods, err := st.ListPeriods(context.Background())
	if err != nil || len(periods) < 3 {
		t.Fatalf("the example data has %d periods: %v", len(periods), err)
	}
	s, _ := openOverview(t, st)
	cases := map[string]int{"pupils": want.Pupils, "schools": want.Schools, "companies": want.Companies,
		"offers": want.Offers, "placed": want.Placed, "periods": len(periods), "events": want.Events}
	for id, n := range cases {
		if got := count(s, id); got != strconv.Itoa(n) {
			t.Errorf("%s shows %q, want %d", id, got, n)
		}
	}
	if want.Pupils != 200 {
		t.Fatalf("fixture has %d pupils", want.Pupils)
	}
	if s.welcome.Visible() {
		t.Error("the welcome card shows on a database with data")
	}
	if n := len(s.periods.Objects); n != len(periods) {
		t.Fatalf("%d period rows, want %d", n, len(periods))
	}
	// One row per period, with its name and status in words.
	var found bool
	for _, o := range s.periods.Objects {
		line := o.(*widget.Label).Text
		if strings.Contains(line, "Åk 9 v. 46 2026") {
			found = true
			if !strings.Contains(line, "genomförd") {
				t.Errorf("period row = %q", line)
			}
		}
	}
	if !found {
		t.Error("no row for Åk 9 v. 46 2026")
	}
	// A week's row speaks of a week: no choices, no placements (found by
	// use: "0 med val … 0 placerade" for a week held).
	weeks := 0
	for i, p := range periods {
		line := s.periods.Objects[i].(*widget.Label).Text
		if p.Format != data.FormatWeek {
			continue
		}
		weeks++
		if !strings.Contains(line, "teknikpraovecka: ") || strings.Contains(line, "med val") || strings.Contains(line, "placerade") {
			t.Errorf("week row %q", line)
		}
	}
	if weeks == 0 {
		t.Error("the example data has no week")
	}
}

func TestEmptyDatabaseOffersExampleDataOrAnEmptyStart(t *testing.T) {
	t.Run("load example data", func(t *testing.T) {
		st := uitest.OpenStore(t)
		s, sh := openOverview(t, st)
		if !s.welcome.Visible() || count(s, "pupils") != "0" {
			t.Fatalf("empty database: welcome %v, pupils %q", s.welcome.Visible(), count(s, "pupils"))
		}
		test.Tap(s.demoBtn)
		sh.Wait(t)
		if count(s, "pupils") != "600" {
			t.Fatalf("pupils %q after loading example data", count(s, "pupils"))
		}
		if s.welcome.Visible() {
			t.Error("the welcome card is still there after loading example data")
		}
	})
	t.Run("start empty", func(t *testing.T) {
		st := uitest.OpenStore(t)
		s, _ := openOverview(t, st)
		test.Tap(s.emptyBtn)
		if s.welcome.Visible() {
			t.Fatal("the welcome card is still there")
		}
		// Reopening the window does not ask again.
		s2, _ := openOverview(t, st)
		if s2.welcome.Visible() {
			t.Error("the welcome card came back after choosing to start empty")
		}
	})
}
