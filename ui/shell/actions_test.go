package shell

import (
	"context"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"techniqual/data"
	"techniqual/data/demo"
	"techniqual/ui/internal/uitest"
	"techniqual/ui/uikit"
)

// TestCrossScreenActionsOpenTheirDialogs: what one screen asks of another
// through the shell opens the right dialog over the window.
func TestCrossScreenActionsOpenTheirDialogs(t *testing.T) {
	ctx := context.Background()
	st := uitest.OpenStore(t)
	if _, err := demo.Generate(ctx, st, demo.Config{Pupils: 40, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	m := newTestWindow(t, st)
	events, err := st.ListEvents(ctx)
	if err != nil || len(events) == 0 {
		t.Fatal(events, err)
	}
	pupils, err := st.ListPupils(ctx, data.PupilFilter{})
	if err != nil || len(pupils) == 0 {
		t.Fatal(pupils, err)
	}
	periods, err := st.ListPeriods(ctx)
	if err != nil || len(periods) == 0 {
		t.Fatal(periods, err)
	}
	orgs, err := st.ListOrganisations(ctx, data.KindCompany)
	if err != nil || len(orgs) == 0 {
		t.Fatal(orgs, err)
	}
	cases := []struct {
		name string
		do   func()
	}{
		{"export", func() { m.ShowExport("pupils") }},
		{"class list import", func() { m.ShowClassListImport(nil) }},
		{"choices import", func() { m.ShowChoicesImport(nil) }},
		{"evaluations import", func() { m.ShowEvaluationsImport(nil) }},
		{"event calendar", func() { m.SaveEventCalendar(events[0].ID) }},
		{"pupil calendar", func() { m.SavePupilCalendar(pupils[0].ID, periods[0].ID) }},
		{"event document", func() { m.PrintEvent(events[0].ID, "badges") }},
		{"host form file", func() { m.ShowHostFormFile(orgs[0].ID) }},
		{"exchange file", func() { m.ShowExchangeImport(nil) }},
	}
	for _, c := range cases {
		before := len(m.win.Canvas().Overlays().List())
		c.do()
		waitIdle(t, m)
		if got := len(m.win.Canvas().Overlays().List()); got <= before {
			t.Errorf("%s opened no dialog (%d overlays, %d before)", c.name, got, before)
		}
	}
}

// TestChangeLanguageRebuildsTheScreens: choosing English saves it, speaks
// it and builds the screens anew; Rebuild and UseStore keep the window whole.
func TestChangeLanguageRebuildsTheScreens(t *testing.T) {
	t.Cleanup(func() { SetLanguage(uikit.LangSwedish) })
	st := uitest.OpenStore(t)
	m := newTestWindow(t, st)
	m.Show("contacts")
	waitIdle(t, m)
	old := m.Built("contacts")
	m.ChangeLanguage(uikit.LangEnglish)
	waitIdle(t, m)
	if m.Language() != uikit.LangEnglish || SavedLanguage(m.App()) != uikit.LangEnglish {
		t.Errorf("language %q, saved %q", m.Language(), SavedLanguage(m.App()))
	}
	if now := m.Built("contacts"); now == nil || now == old {
		t.Error("Kontakter was not built anew")
	}
	if m.Current() != m.Built("contacts").Content() {
		t.Error("the window does not show the rebuilt screen")
	}
	m.Rebuild()
	waitIdle(t, m)
	m.UseStore(uitest.OpenStore(t))
	waitIdle(t, m)
	if m.Store() == st {
		t.Error("UseStore kept the old database")
	}
	if m.AppVersion() != Version {
		t.Errorf("AppVersion %q, Version %q", m.AppVersion(), Version)
	}
}

// TestShowNewStartsANewItem: Översikt's "Skapa praoperiod" shows
// Praoperioder with an empty form for a new period.
func TestShowNewStartsANewItem(t *testing.T) {
	ctx := context.Background()
	st := uitest.OpenStore(t)
	if _, err := demo.Generate(ctx, st, demo.Config{Pupils: 40, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	m := newTestWindow(t, st)
	m.ShowNew("periods")
	waitIdle(t, m)
	if sections[m.current].id != "periods" {
		t.Fatalf("showing %q, want periods", sections[m.current].id)
	}
	texts := uitest.LabelTexts(m.Current())
	found := false
	for _, s := range texts {
		if s == "Ny praoperiod" {
			found = true
		}
	}
	if !found {
		t.Errorf("Praoperioder does not show a new period: %q", texts)
	}
}

// TestEscapeAnswersTheDialogOnTop: Escape in the window answers the
// question on top with its first button (Avbryt), one dialog at a time,
// and does nothing when no dialog is open.
func TestEscapeAnswersTheDialogOnTop(t *testing.T) {
	st := uitest.OpenStore(t)
	m := newTestWindow(t, st)
	c := m.win.Canvas()
	escape := func() { c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape}) }
	escape() // nothing open: nothing happens
	answered, confirmed := false, false
	dialog.ShowConfirm("Godkänna placeringarna?", "30 av 30 elever är inte placerade.", func(ok bool) {
		answered, confirmed = true, ok
	}, m.win)
	dialog.ShowInformation("Sparat", "Placeringarna är sparade.", m.win)
	if n := len(c.Overlays().List()); n != 2 {
		t.Fatalf("%d overlays open, want 2", n)
	}
	escape()
	if n := len(c.Overlays().List()); n != 1 || answered {
		t.Fatalf("after one Escape: %d overlays, question answered %v", n, answered)
	}
	escape()
	if n := len(c.Overlays().List()); n != 0 || !answered || confirmed {
		t.Errorf("after two: %d overlays, answered %v, confirmed %v (want Avbryt)", n, answered, confirmed)
	}
	// Enter closes a message and says yes to a question.
	enter := func() { c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyReturn}) }
	answered, confirmed = false, false
	dialog.ShowConfirm("Godkänna placeringarna?", "30 av 30 elever är inte placerade.", func(ok bool) {
		answered, confirmed = true, ok
	}, m.win)
	dialog.ShowInformation("Sparat", "Placeringarna är sparade.", m.win)
	enter()
	if n := len(c.Overlays().List()); n != 1 || answered {
		t.Fatalf("after one Enter: %d overlays, question answered %v", n, answered)
	}
	enter()
	if n := len(c.Overlays().List()); n != 0 || !answered || !confirmed {
		t.Errorf("after two: %d overlays, answered %v, confirmed %v (want Ja)", n, answered, confirmed)
	}
}

// TestShowNewWeekStartsATeknikpraoWeek: the coordinator's "Planera en
// teknikprao-vecka" on Översikt shows Praoperioder with a new period of
// the week's format.
func TestShowNewWeekStartsATeknikpraoWeek(t *testing.T) {
	st := uitest.OpenStore(t)
	m := newTestWindow(t, st)
	m.ShowNewWeek()
	waitIdle(t, m)
	if sections[m.current].id != "periods" {
		t.Fatalf("showing %q, want periods", sections[m.current].id)
	}
	var format *widget.Select
	uitest.Walk(m.Current(), func(o fyne.CanvasObject) {
		if s, ok := o.(*widget.Select); ok && slices.Contains(s.Options, "Teknikprao-vecka") {
			format = s
		}
	})
	if format == nil || format.Selected != "Teknikprao-vecka" {
		t.Fatalf("format %+v", format)
	}
}

// TestEditContactShowsItInFöretag: Kontakter's "Ändra" shows Företag with
// the contact dialog open on the person.
func TestEditContactShowsItInFöretag(t *testing.T) {
	ctx := context.Background()
	st := uitest.OpenStore(t)
	org := data.Organisation{Kind: data.KindCompany, Name: "Alsters Kodverkstad AB"}
	if err := st.SaveOrganisation(ctx, &org); err != nil {
		t.Fatal(err)
	}
	p := data.Person{OrganisationID: org.ID, FirstName: "Tove", LastName: "Lindh"}
	if err := st.SavePerson(ctx, &p); err != nil {
		t.Fatal(err)
	}
	m := newTestWindow(t, st)
	m.Show("contacts")
	waitIdle(t, m)
	m.EditContact(org.ID, p.ID)
	waitIdle(t, m)
	waitIdle(t, m)
	if sections[m.current].id != "companies" {
		t.Fatalf("showing %q, want companies", sections[m.current].id)
	}
	top := m.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no contact dialog")
	}
	found := false
	uitest.Walk(top, func(o fyne.CanvasObject) {
		if e, ok := o.(*uikit.EscEntry); ok && e.Text == "Tove" {
			found = true
		}
	})
	if !found {
		t.Error("the dialog is not on Tove")
	}
}
