package periods

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

// TestPraoperioderShowsTheChosenPeriodsChecklist: choosing a period shows
// its Att göra; a line opens its place; a new period has none.
func TestPraoperioderShowsTheChosenPeriodsChecklist(t *testing.T) {
	ctx := context.Background()
	st := uitest.OpenStore(t)
	if _, err := demo.Generate(ctx, st, demo.Config{Pupils: 60, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	sh := uitest.NewShell(t, st)
	sh.SetNow(time.Date(2026, 12, 5, 10, 0, 0, 0, data.Stockholm))
	s := New(sh)
	sh.Open(t, s)
	if s.todo.Visible() {
		t.Fatal("a new period shows a checklist")
	}
	for _, name := range []string{"Åk 9 v. 46 2026", "Teknikprao åk 8 v. 20 2027"} {
		i := slices.IndexFunc(s.periods, func(p data.Period) bool { return p.Name == name })
		if i < 0 {
			t.Fatalf("no period %s", name)
		}
		s.list.Select(i)
		sh.Wait(t)
		if !s.todo.Visible() || !strings.HasPrefix(s.checklist.Text(), "Att göra – "+name) {
			t.Fatalf("%s: checklist %v %q", name, s.todo.Visible(), s.checklist.Text())
		}
	}
	// The week's own steps.
	for _, w := range []string{"Värdgrupper bildade: ", "Team och rutter planerade: "} {
		if !strings.Contains(s.checklist.Text(), w) {
			t.Errorf("the week's checklist lacks %q:\n%s", w, s.checklist.Text())
		}
	}
	test.Tap(s.checklist.Button(data.StepTeams))
	test.Tap(s.checklist.Button(data.StepClassLists))
	calls := sh.Calls()
	if !slices.Equal(calls[len(calls)-2:], []string{"show week period " + s.current.ID, "import classlist"}) {
		t.Errorf("calls %v", calls)
	}
	s.OnNew()
	if s.todo.Visible() {
		t.Error("Ny praoperiod still shows the last period's checklist")
	}
}
