package widgets

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"techniqual/data"
	"techniqual/reports"
)

func TestChecklist(t *testing.T) {
	test.NewTempApp(t)
	p := data.Period{Name: "Åk 9 v. 46 2026", Grade: 9, Start: time.Date(2026, 11, 9, 0, 0, 0, 0, data.Stockholm),
		End: time.Date(2026, 11, 13, 0, 0, 0, 0, data.Stockholm)}
	steps := []data.ChecklistStep{
		{ID: data.StepClassLists, State: data.StepDone, Done: 2, Total: 2, Extra: 44, Target: "pupils"},
		{ID: data.StepSchoolContacts, State: data.StepWarn, Done: 1, Total: 2, Extra: 1, Names: []string{"Brattforsskolan"}, Target: "companies"},
		{ID: data.StepChoices, State: data.StepTodo, Done: 30, Total: 44, Target: "pupils"},
		{ID: data.StepDocuments, State: data.StepBlocked, Total: 3, BlockedBy: data.StepMatching, Target: "printing"},
		{ID: data.StepMatching, State: data.StepTodo, Total: 44, Target: "matching"},
		{ID: data.StepCertificates, State: data.StepWaiting, Total: 1, Target: "printing"},
	}
	var opened []string
	c := NewChecklist(func(s data.ChecklistStep) { opened = append(opened, s.ID) })
	c.Set(p, steps)
	text := c.Text()
	for _, want := range []string{
		"Att göra – Åk 9 v. 46 2026: 1 av 6 steg klara",
		"2 av 2 skolor har elever i åk 9 (44 elever).",
		"1 av 2 skolor saknar studie- och yrkesvägledare med telefonnummer: Brattforsskolan.",
		"30 av 44 elever har lämnat önskemål.",
		"Väntar på: Matchning körd och godkänd",
		"Skrivs ut när perioden är slut, efter 2026-11-13.",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the checklist lacks %q:\n%s", want, text)
		}
	}
	test.Tap(c.Button(data.StepSchoolContacts))
	test.Tap(c.Button(data.StepMatching))
	if strings.Join(opened, ",") != "school_contacts,matching" {
		t.Errorf("opened %v", opened)
	}
	if c.Button("nope") != nil {
		t.Error("a button for a step that is not shown")
	}
	assertGolden(t, "checklist.png", c.Content(), fyne.NewSize(720, 520))
}

func TestPrintKind(t *testing.T) {
	for _, c := range []struct {
		step data.ChecklistStep
		want reports.Kind
		ok   bool
	}{
		{data.ChecklistStep{ID: data.StepDocuments, Target: "printing", Names: []string{"hosts", "attendance"}}, reports.KindHosts, true},
		{data.ChecklistStep{ID: data.StepDocuments, Target: "printing"}, reports.KindSchedules, true},
		{data.ChecklistStep{ID: data.StepCertificates, Target: "printing"}, reports.KindCertificates, true},
		{data.ChecklistStep{ID: data.StepDocuments, Target: "week", Names: []string{"team-sheets"}}, "", false},
		{data.ChecklistStep{ID: data.StepMatching, Target: "matching"}, "", false},
	} {
		if got, ok := PrintKind(c.step); got != c.want || ok != c.ok {
			t.Errorf("PrintKind(%s %v) = %q, %v; want %q, %v", c.step.ID, c.step.Names, got, ok, c.want, c.ok)
		}
	}
}

// TestSchoolToFix: the steps over the period's schools lead to the first
// school named; other steps to none.
func TestSchoolToFix(t *testing.T) {
	cases := []struct {
		step data.ChecklistStep
		want string
		ok   bool
	}{
		{data.ChecklistStep{ID: data.StepSchoolContacts, Target: "companies", Names: []string{"Brattforsskolan", "Älvkulleskolan"}}, "Brattforsskolan", true},
		{data.ChecklistStep{ID: data.StepMunicipality, Target: "companies", Names: []string{"Älvkulleskolan"}}, "Älvkulleskolan", true},
		{data.ChecklistStep{ID: data.StepSchoolContacts, Target: "periods"}, "", false}, // no schools in the period
		{data.ChecklistStep{ID: data.StepSchoolContacts, Target: "companies"}, "", false},
		{data.ChecklistStep{ID: data.StepOffers, Target: "companies", Names: []string{"x"}}, "", false},
	}
	for _, c := range cases {
		if got, ok := SchoolToFix(c.step); got != c.want || ok != c.ok {
			t.Errorf("%s → %q %v, want %q %v", c.step.ID, got, ok, c.want, c.ok)
		}
	}
}
