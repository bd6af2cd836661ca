package overview

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"techniqual/data"
	"techniqual/data/demo"
	"techniqual/ui/internal/uitest"
)

// TestFirstRunLeads: a new database opens on the ways to begin, not on
// fourteen zeros, and each way starts where it says.
func TestFirstRunLeads(t *testing.T) {
	st := uitest.OpenStore(t)
	s, sh := openOverview(t, st)
	if !s.welcome.Visible() || s.grid.Visible() || s.rest.Visible() {
		t.Fatalf("first run: welcome %v, tiles %v", s.welcome.Visible(), s.grid.Visible())
	}
	for _, c := range []struct {
		tap  func()
		want []string
	}{
		{func() { test.Tap(s.classBtn) }, []string{"import classlist"}},
		{func() { test.Tap(s.periodBtn) }, []string{"new periods"}},
		{func() { test.Tap(s.fileBtn) }, []string{"import exchange"}},
		// HR staff: the file they were sent, then their host form.
		{func() { test.Tap(s.hrBtn) }, []string{"import exchange", "show companies"}},
		// The network's coordinator (found by use: no way of their own).
		{func() { test.Tap(s.membersBtn) }, []string{"new companies"}},
		{func() { test.Tap(s.weekBtn) }, []string{"new week period"}},
		{func() { test.Tap(s.eventBtn) }, []string{"new events"}},
	} {
		before := len(sh.Calls())
		c.tap()
		sh.Wait(t)
		if got := sh.Calls()[before:]; !slices.Equal(got, c.want) {
			t.Errorf("calls %v, want %v", got, c.want)
		}
	}
}

// TestAfterAnEmptyStartTheNextStepsShow: Börja tomt leaves the user with
// the order of a period's preparation and its buttons, until a period exists.
func TestAfterAnEmptyStartTheNextStepsShow(t *testing.T) {
	st := uitest.OpenStore(t)
	s, sh := openOverview(t, st)
	test.Tap(s.emptyBtn)
	sh.Wait(t)
	if s.welcome.Visible() || !s.start.Visible() {
		t.Fatalf("after Börja tomt: welcome %v, next steps %v", s.welcome.Visible(), s.start.Visible())
	}
	for _, w := range []string{"○ 1. Importera skolans klasslistor", "○ 2. Skapa en praoperiod", "3. Lägg in företagens praoplatser"} {
		if !strings.Contains(s.startSteps.Text, w) {
			t.Errorf("next steps %q lack %q", s.startSteps.Text, w)
		}
	}
	test.Tap(uitest.FindButton(t, s.start, "Skapa praoperiod …"))
	if !sh.HasCall("new periods") {
		t.Error("Skapa praoperiod did not start a new period")
	}
	// The coordinator's ways stay (found by use: only a school's showed).
	test.Tap(uitest.FindButton(t, s.start, "Skapa evenemang …"))
	test.Tap(uitest.FindButton(t, s.start, "Lägg till medlemsföretag …"))
	if !sh.HasCall("new events") || !sh.HasCall("new companies") {
		t.Errorf("calls %v", sh.Calls())
	}
	// Once a period exists its checklist takes over.
	school := data.Organisation{Kind: data.KindSchool, Name: "Älvkulleskolan", Municipality: "Karlstad"}
	ctx := context.Background()
	if err := st.SaveOrganisation(ctx, &school); err != nil {
		t.Fatal(err)
	}
	p := data.Period{Name: "Åk 8 v. 11 2027", Grade: 8, Start: time.Date(2027, 3, 15, 0, 0, 0, 0, data.Stockholm),
		End: time.Date(2027, 3, 19, 0, 0, 0, 0, data.Stockholm), SchoolIDs: []string{school.ID}}
	if err := st.SavePeriod(ctx, &p); err != nil {
		t.Fatal(err)
	}
	s.Reload()
	sh.Wait(t)
	if s.start.Visible() || !s.todo.Visible() {
		t.Fatalf("with a period: next steps %v, checklist %v", s.start.Visible(), s.todo.Visible())
	}
	if !strings.Contains(s.checklist.Text(), "0 av 1 skolor har elever i åk 8") {
		t.Errorf("checklist: %s", s.checklist.Text())
	}
}

// TestChecklistOnOverview: the next open period's Att göra, each line
// opening its place; another period can be chosen.
func TestChecklistOnOverview(t *testing.T) {
	st := uitest.OpenStore(t)
	if _, err := demo.Generate(context.Background(), st, demo.Config{Pupils: 200, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	sh := uitest.NewShell(t, st)
	sh.SetNow(time.Date(2026, 12, 5, 10, 0, 0, 0, data.Stockholm))
	s := New(sh)
	sh.Open(t, s)
	if !s.todo.Visible() || s.todoPeriod.Selected != "Åk 8 v. 11 2027" {
		t.Fatalf("checklist shown %v for %q, want the next open period Åk 8 v. 11 2027", s.todo.Visible(), s.todoPeriod.Selected)
	}
	text := s.checklist.Text()
	for _, w := range []string{"Att göra – Åk 8 v. 11 2027", "Önskemål insamlade: ", "Matchning körd och godkänd: 0 av 100 elever placerade."} {
		if !strings.Contains(text, w) {
			t.Errorf("checklist lacks %q:\n%s", w, text)
		}
	}
	test.Tap(s.checklist.Button(data.StepMatching))
	test.Tap(s.checklist.Button(data.StepClassLists))
	test.Tap(s.checklist.Button(data.StepSchoolContacts))
	calls := sh.Calls()
	if !slices.Equal(calls[len(calls)-3:], []string{"show matching period " + s.todoID, "import classlist", "show companies"}) {
		t.Errorf("calls %v", calls)
	}
	s.todoPeriod.SetSelected("Åk 9 v. 46 2026")
	sh.Wait(t)
	if !strings.Contains(s.checklist.Text(), "Att göra – Åk 9 v. 46 2026") {
		t.Errorf("after choosing another period:\n%s", s.checklist.Text())
	}
	// Documents open Utskrifter with the period and the first kind not printed.
	test.Tap(s.checklist.Button(data.StepDocuments))
	if !sh.HasCall("print schedules " + s.todoID + " ") {
		t.Errorf("documents opened %v", sh.Calls()[len(sh.Calls())-1])
	}
}
