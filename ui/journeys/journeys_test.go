package journeys

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"techniqual/data"
	"techniqual/data/stats/stattest"
	"techniqual/ui/internal/uitest"
)

func showJourneys(t *testing.T) (*uitest.Shell, *Screen, stattest.JourneyFixture) {
	t.Helper()
	st := uitest.OpenStore(t)
	fx, err := stattest.BuildJourneys(context.Background(), st)
	if err != nil {
		t.Fatal(err)
	}
	m := uitest.NewShell(t, st)
	s := New(m)
	m.SetBuilt("journeys", s)
	m.Open(t, s)
	m.Wait(t)
	return m, s, fx
}

// cellText is what a table cell shows.
func cellText(tb *widget.Table, row, col int) string {
	l := widget.NewLabel("")
	tb.UpdateCell(widget.TableCellID{Row: row, Col: col}, l)
	return l.Text
}

func TestJourneysScreenShowsMembersStepsAndComparison(t *testing.T) {
	_, s, _ := showJourneys(t)
	if s.chosenYear() != 2026 || len(s.members) != 14 {
		t.Fatalf("year %d, %d members", s.chosenYear(), len(s.members))
	}
	// Furthest first: member 14 has 16 steps done in 2026 (i+3 with i = 13).
	if got := cellText(s.memberTable, 1, 0) + " | " + cellText(s.memberTable, 1, 2); got != "Resa 14 AB | 16 / 24" {
		t.Errorf("first row %q", got)
	}
	// Undersöka for Arbetsförhållanden: every member has at least 3 done.
	if got := cellText(s.stepTable, 1, 1); !strings.HasPrefix(got, "14 på plats") {
		t.Errorf("steps cell %q", got)
	}
	// The network's employees show; band 1-9 (3 members) is hidden.
	if got := cellText(s.benchTable, 1, 1); got != "14" {
		t.Errorf("n of employees %q", got)
	}
	for i, name := range s.scope.Options {
		if strings.Contains(name, "1-9") {
			s.scope.SetSelectedIndex(i)
			if got := cellText(s.benchTable, 1, 3); got != "dold" {
				t.Errorf("band 1-9 median %q, want dold", got)
			}
		}
	}
	// 2025: 12 members with a journey, then the 2 without one for the
	// year, listed so that theirs can be begun, with no figures shown.
	s.year.SetSelected("2025")
	recordedN := 0
	for _, m := range s.members {
		if m.Progress.Recorded {
			recordedN++
		}
	}
	if len(s.members) != 14 || recordedN != 12 {
		t.Errorf("2025: %d members, %d with a journey", len(s.members), recordedN)
	}
	last := len(s.members)
	if got := cellText(s.memberTable, last, 1) + "|" + cellText(s.memberTable, last, 2); got != "1 steg under Företag, inga nyckeltal för året|" {
		t.Errorf("a member without a journey for the year shows %q", got)
	}
	s.memberTable.Select(widget.TableCellID{Row: last, Col: 0})
	if !s.reportBtn.Disabled() {
		t.Error("a report can be asked of a member with nothing recorded")
	}
	if got := cellText(s.networkTable, 1, 1) + "/" + cellText(s.networkTable, 1, 2); got != "12/14" {
		t.Errorf("members over the years %q", got)
	}
}

// TestJourneysListMembersBeforeAnyJourney: found by use, with members but
// no journey recorded the list was empty and the year list had nothing, so
// nothing could be opened; now this year and every member are there.
func TestJourneysListMembersBeforeAnyJourney(t *testing.T) {
	for _, c := range []struct {
		name    string
		members int
		status  string
	}{
		{"members", 2, "Välj en medlem under Medlemmar"},
		{"none", 0, "Inga medlemsföretag ännu"},
	} {
		t.Run(c.name, func(t *testing.T) {
			st := uitest.OpenStore(t)
			saveMembers(t, st, "Medlem", c.members)
			m := uitest.NewShell(t, st)
			m.SetNow(time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC))
			s := New(m)
			m.Open(t, s)
			m.Wait(t)
			if !s.status.Visible() || !strings.Contains(s.status.Text, c.status) {
				t.Errorf("status %q (shown %v)", s.status.Text, s.status.Visible())
			}
			if c.members == 0 {
				return
			}
			if s.chosenYear() != 2026 || len(s.members) != c.members || cellText(s.memberTable, 1, 0) != "Medlem 1 AB" {
				t.Fatalf("year %d, %d rows, first %q", s.chosenYear(), len(s.members), cellText(s.memberTable, 1, 0))
			}
			s.memberTable.Select(widget.TableCellID{Row: 2, Col: 0})
			e := s.openEditor()
			m.Wait(t)
			if e.member.Selected != "Medlem 2 AB" || e.year.Text != "2026" {
				t.Errorf("the editor opens on %q %q", e.member.Selected, e.year.Text)
			}
		})
	}
}

// The editor saves a member's year all or nothing: a bad count saves
// nothing; a good form saves the year, the 24 measures and the marks.
func TestJourneyEditorAllOrNothing(t *testing.T) {
	m, s, fx := showJourneys(t)
	ctx := context.Background()
	org := data.Organisation{Kind: data.KindCompany, Name: "Ny Resa AB", MemberSince: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	if err := m.Store().SaveOrganisation(ctx, &org); err != nil {
		t.Fatal(err)
	}
	_ = fx
	e := s.openEditor()
	m.Wait(t)
	e.member.SetSelected("Ny Resa AB")
	m.Wait(t)
	test.Type(e.employees, "40")
	test.Type(e.splits[0][0], "tre")
	if e.save() {
		t.Fatal("a bad count saved")
	}
	if !strings.Contains(e.errLbl.Text, "Tekniska roller") {
		t.Errorf("error %q does not name the field", e.errLbl.Text)
	}
	if ys, _ := m.Store().ListJourneyYears(ctx, org.ID, 0); len(ys) != 0 {
		t.Fatalf("saved %v", ys)
	}
	e.splits[0][0].SetText("9")
	e.splits[0][1].SetText("21")
	e.states[1][0].SetSelected("På plats")
	e.done[1][0].SetText("Lönekartläggning")
	e.marks[2].SetSelected("Vill börja")
	e.pay.SetChecked(true)
	if !e.save() {
		t.Fatalf("not saved: %q", e.errLbl.Text)
	}
	ms, _ := m.Store().ListMeasures(ctx, org.ID, 2026)
	ys, _ := m.Store().ListJourneyYears(ctx, org.ID, 2026)
	ps, _ := m.Store().ListPeerMarks(ctx, org.ID)
	if len(ms) != 24 || len(ys) != 1 || ys[0].Tech != (data.Split{Women: 9, Men: 21}) || !ys[0].PaySurvey {
		t.Fatalf("%d measures, years %+v", len(ms), ys)
	}
	if p := data.ProgressOf(2026, ms, &ys[0]); p.Done != 1 {
		t.Errorf("progress %+v", p)
	}
	want := 0
	for _, p := range ps {
		if p.Area == data.AreaRecruitment && p.WantStart {
			want++
		}
	}
	if want != 1 {
		t.Errorf("marks %+v", ps)
	}
}

// TestStepColumnsFitTheirCells: every cell of Steg per område fits its
// column, whatever the counts (a network of thousands was cut off at a
// fixed 150).
func TestStepColumnsFitTheirCells(t *testing.T) {
	_, s, _ := showJourneys(t)
	widths := s.stepWidths()
	if len(widths) != len(data.Steps) {
		t.Fatalf("%d widths for %d steps", len(widths), len(data.Steps))
	}
	size := theme.TextSize()
	for c, w := range widths {
		for r := 0; r <= len(data.Areas); r++ {
			text := cellText(s.stepTable, r, c+1)
			need := fyne.MeasureText(text, size, fyne.TextStyle{Bold: r == 0}).Width + 2*theme.InnerPadding()
			if w < need {
				t.Errorf("column %d is %.0f wide, its cell %q needs %.0f", c+1, w, text, need)
			}
		}
	}
	// Many members: the widths grow with the numbers.
	year := s.chosenYear()
	for len(s.j.Members[year]) < 3000 {
		s.j.Members[year] = append(s.j.Members[year], s.j.Members[year]...)
	}
	s.show()
	grown := s.stepWidths()
	for c := range grown {
		text := cellText(s.stepTable, 1, c+1)
		need := fyne.MeasureText(text, size, fyne.TextStyle{}).Width + 2*theme.InnerPadding()
		if grown[c] < need || !strings.Contains(text, "på plats") {
			t.Errorf("with %d members column %d is %.0f wide for %q (needs %.0f)", len(s.members), c+1, grown[c], text, need)
		}
	}
}

// yearRow is a member's saved figures of a year (zero when none).
func yearRow(t *testing.T, st *data.Store, orgID string, year int) data.JourneyYear {
	t.Helper()
	ys, err := st.ListJourneyYears(context.Background(), orgID, year)
	if err != nil {
		t.Fatal(err)
	}
	if len(ys) == 0 {
		return data.JourneyYear{}
	}
	return ys[0]
}

// TestJourneyEditorYearChange: found by use, changing År kept the other
// year's figures in the form, and Spara wrote them over the new year's.
// Now År reloads as Medlem does, and unsaved edits are asked about first.
func TestJourneyEditorYearChange(t *testing.T) {
	m, s, fx := showJourneys(t)
	st, c := m.Store(), m.Window().Canvas()
	id := fx.Members["Resa 07 AB"] // 45 employees in 2025, 47 in 2026
	before25 := yearRow(t, st, id, 2025)
	for i, mm := range s.members {
		if mm.Org.ID == id {
			s.memberTable.Select(widget.TableCellID{Row: i + 1, Col: 0})
		}
	}
	e := s.openEditor()
	m.Wait(t)
	if e.member.Selected != "Resa 07 AB" || e.employees.Text != "47" {
		t.Fatalf("editor opens on %q with %q employees", e.member.Selected, e.employees.Text)
	}
	// Nothing edited: the year's figures come in, and Spara keeps them.
	e.year.SetText("2025")
	m.Wait(t)
	if e.employees.Text != "45" {
		t.Fatalf("2025 shows %q employees", e.employees.Text)
	}
	if !e.save() {
		t.Fatalf("not saved: %s", e.errLbl.Text)
	}
	if got := yearRow(t, st, id, 2025); got.Employees != before25.Employees || got.Tech != before25.Tech {
		t.Fatalf("2025 after saving it unchanged: %+v, was %+v", got, before25)
	}
	// A year with nothing saved: an empty form.
	e.year.SetText("2024")
	m.Wait(t)
	if e.employees.Text != "" || e.splits[0][0].Text != "" {
		t.Errorf("2024 shows %q employees, %q women in tech", e.employees.Text, e.splits[0][0].Text)
	}
	// Edits, then another year: asked. Avbryt stays with the edits.
	e.year.SetText("2025")
	m.Wait(t)
	e.employees.SetText("999")
	e.year.SetText("2026")
	top := c.Overlays().Top()
	if top == nil || uitest.FindButton(t, top, "Släng ändringarna") == nil {
		t.Fatal("changing År with unsaved edits did not ask")
	}
	test.Tap(uitest.FindButton(t, top, "Avbryt"))
	m.Wait(t)
	if e.year.Text != "2025" || e.employees.Text != "999" {
		t.Fatalf("Avbryt: year %q, employees %q", e.year.Text, e.employees.Text)
	}
	// Släng: 2026 as saved, and nothing written.
	e.year.SetText("2026")
	test.Tap(uitest.FindButton(t, c.Overlays().Top(), "Släng ändringarna"))
	m.Wait(t)
	if e.employees.Text != "47" || yearRow(t, st, id, 2025).Employees != 45 || yearRow(t, st, id, 2026).Employees != 47 {
		t.Fatalf("Släng: form %q, saved %d/%d", e.employees.Text, yearRow(t, st, id, 2025).Employees, yearRow(t, st, id, 2026).Employees)
	}
	// Spara: the edit goes to the year it was made in, then 2025 shows.
	e.employees.SetText("48")
	e.year.SetText("2025")
	test.Tap(uitest.FindButton(t, c.Overlays().Top(), "Spara"))
	m.Wait(t)
	if got25, got26 := yearRow(t, st, id, 2025), yearRow(t, st, id, 2026); got25.Employees != 45 || got26.Employees != 48 || got25.Tech != before25.Tech {
		t.Fatalf("Spara: 2025 %+v, 2026 %+v", got25, got26)
	}
	if e.employees.Text != "45" || e.dirty() {
		t.Errorf("after Spara the form shows %q (dirty %v)", e.employees.Text, e.dirty())
	}
	// Medlem too asks before leaving edits.
	e.employees.SetText("46")
	e.member.SetSelected("Resa 01 AB")
	test.Tap(uitest.FindButton(t, c.Overlays().Top(), "Avbryt"))
	if e.member.Selected != "Resa 07 AB" || e.employees.Text != "46" {
		t.Errorf("Avbryt on Medlem: %q, %q", e.member.Selected, e.employees.Text)
	}
	// The pay survey's date: its placeholder is no date to be taken for
	// one (found by use), and a date typed says the survey is done.
	if _, err := data.ParseDate(e.payDate.PlaceHolder); err == nil {
		t.Errorf("placeholder %q reads as a date", e.payDate.PlaceHolder)
	}
	e.pay.SetChecked(false)
	e.payDate.SetText("2026-04-30")
	if !e.pay.Checked {
		t.Error("a pay survey date left the survey not done")
	}
	// Emptying the date, or a year filled in, ticks nothing (review: an
	// empty text parsed as a date, and a year without one was saved done).
	e.pay.SetChecked(false)
	e.payDate.SetText("")
	if e.pay.Checked {
		t.Error("emptying the date ticked the survey done")
	}
	e.fill(data.JourneyYear{Year: 2023}, nil, nil)
	if e.pay.Checked || e.payDate.Text != "" {
		t.Errorf("a year without a survey: done %v, date %q", e.pay.Checked, e.payDate.Text)
	}
}

// TestJourneyEditorCloseAsks: Stäng with unsaved edits asks Spara /
// Släng / Avbryt (found by use: the edits were lost without a word).
func TestJourneyEditorCloseAsks(t *testing.T) {
	for _, c := range []struct {
		button    string
		open      bool
		employees int
	}{
		{"Avbryt", true, 47},
		{"Släng ändringarna", false, 47},
		{"Spara", false, 999},
	} {
		t.Run(c.button, func(t *testing.T) {
			m, s, fx := showJourneys(t)
			id := fx.Members["Resa 07 AB"]
			for i, mm := range s.members {
				if mm.Org.ID == id {
					s.memberTable.Select(widget.TableCellID{Row: i + 1, Col: 0})
				}
			}
			e := s.openEditor()
			m.Wait(t)
			canvas := m.Window().Canvas()
			test.Tap(e.closeBtn) // nothing edited: closes at once
			if canvas.Overlays().Top() != nil {
				t.Fatal("Stäng without edits left a dialog")
			}
			e = s.openEditor()
			m.Wait(t)
			e.employees.SetText("999")
			test.Tap(e.closeBtn)
			ask := canvas.Overlays().Top()
			if ask == nil || !strings.Contains(strings.Join(uitest.LabelTexts(ask), " "), "Spara ändringarna?") {
				t.Fatal("Stäng with edits did not ask")
			}
			test.Tap(uitest.FindButton(t, ask, c.button))
			m.Wait(t)
			open := canvas.Overlays().Top() != nil
			if open != c.open || yearRow(t, m.Store(), id, 2026).Employees != c.employees {
				t.Errorf("%s: dialog open %v, saved %d", c.button, open, yearRow(t, m.Store(), id, 2026).Employees)
			}
		})
	}
}

// TestNetworkOverYearsHidesSmallGroups: Nätverket över åren follows the
// rule of Jämförelse, no figure made of fewer than five members (found by
// use: a single member's 48 employees and 6 of 36 showed).
func TestNetworkOverYearsHidesSmallGroups(t *testing.T) {
	for _, c := range []struct {
		name      string
		members   int
		employees string
	}{
		{"one member", 1, "dold (<5)"},
		{"four members", 4, "dold (<5)"},
		{"five members", 5, "240"},
	} {
		t.Run(c.name, func(t *testing.T) {
			st := uitest.OpenStore(t)
			ctx := context.Background()
			for _, id := range saveMembers(t, st, "Liten", c.members) {
				y := data.JourneyYear{OrganisationID: id, Year: 2026, Employees: 48, Tech: data.Split{Women: 6, Men: 30}}
				if err := st.SaveJourneyYear(ctx, &y); err != nil {
					t.Fatal(err)
				}
			}
			m := uitest.NewShell(t, st)
			s := New(m)
			m.Open(t, s)
			m.Wait(t)
			var rows []string
			for r := 1; r <= len(networkRows); r++ {
				rows = append(rows, cellText(s.networkTable, r, 1))
			}
			if rows[0] != strconv.Itoa(c.members) || rows[1] != c.employees {
				t.Fatalf("members %q, employees %q", rows[0], rows[1])
			}
			for i, v := range rows[1:] {
				hidden := v == "dold (<5)" || v == "–"
				if c.members < 5 && !hidden {
					t.Errorf("row %q shows %q for %d members", cellText(s.networkTable, i+2, 0), v, c.members)
				}
			}
			if c.members >= 5 && !strings.HasPrefix(rows[2], "17 %") {
				t.Errorf("five members' tech share %q", rows[2])
			}
		})
	}
}

// TestJourneysStartedWithStepsOnly: steps under Företag and no yearly
// figures are named as such, not "nobody has a journey" (found by use).
func TestJourneysStartedWithStepsOnly(t *testing.T) {
	st := uitest.OpenStore(t)
	ctx := context.Background()
	first := saveMembers(t, st, "Medlem", 2)[0]
	j := data.JourneyEntry{OrganisationID: first, Date: time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC), Title: "Mentorprogram"}
	if err := st.SaveJourneyEntry(ctx, &j); err != nil {
		t.Fatal(err)
	}
	m := uitest.NewShell(t, st)
	m.SetNow(time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC))
	s := New(m)
	m.Open(t, s)
	m.Wait(t)
	if !strings.Contains(s.status.Text, "1 av 2 medlemmar har steg under Företag") || strings.Contains(s.status.Text, "Ingen medlem har registrerat") {
		t.Errorf("status %q", s.status.Text)
	}
	if got := cellText(s.memberTable, 1, 1); got != "1 steg under Företag, inga nyckeltal för året" {
		t.Errorf("the member with a step shows %q", got)
	}
	if got := cellText(s.memberTable, 2, 1); got != "Inget registrerat för året" {
		t.Errorf("the member without shows %q", got)
	}
	// The column is wide enough for the longer text.
	need := fyne.MeasureText("1 steg under Företag, inga nyckeltal för året", theme.TextSize(), fyne.TextStyle{}).Width + 2*theme.InnerPadding()
	if w := s.fitWidth(s.memberCell, 1, len(s.members)+1, 130); w < need {
		t.Errorf("Har kommit is %.0f wide, needs %.0f", w, need)
	}
}

// TestPairsListTheYearsEvents: Träffar lists the chosen year's network
// events and, with none, says where to make one; a reason too long for its
// column is written out in full for the selected row.
func TestPairsListTheYearsEvents(t *testing.T) {
	m, s, fx := showJourneys(t)
	if !s.noEvent.Visible() || !strings.Contains(s.noEvent.Text, "under Evenemang") || len(s.event.Options) != 0 {
		t.Fatalf("no event: hint %q (shown %v), options %v", s.noEvent.Text, s.noEvent.Visible(), s.event.Options)
	}
	ctx := context.Background()
	events := []data.Event{
		{Title: "Höstträff", Kind: data.EventNetwork, Start: time.Date(2026, 10, 6, 15, 0, 0, 0, data.Stockholm), End: time.Date(2026, 10, 6, 17, 0, 0, 0, data.Stockholm)},
		{Title: "Vårträff", Kind: data.EventNetwork, Start: time.Date(2027, 3, 2, 15, 0, 0, 0, data.Stockholm), End: time.Date(2027, 3, 2, 17, 0, 0, 0, data.Stockholm)},
	}
	for i := range events {
		if err := m.Store().SaveEvent(ctx, &events[i]); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range fx.Names {
		p := data.Person{OrganisationID: fx.Members[name], FirstName: "Kim", LastName: name}
		if err := m.Store().SavePerson(ctx, &p); err != nil {
			t.Fatal(err)
		}
		if _, err := m.Store().Register(ctx, events[0].ID, p.ID, ""); err != nil {
			t.Fatal(err)
		}
	}
	s.Reload()
	m.Wait(t)
	if s.chosenYear() != 2026 || strings.Join(s.event.Options, ",") != "Höstträff" || s.noEvent.Visible() {
		t.Fatalf("2026 lists %v (hint shown %v)", s.event.Options, s.noEvent.Visible())
	}
	s.year.SetSelected("2025")
	m.Wait(t)
	if len(s.event.Options) != 0 || !s.noEvent.Visible() || !strings.Contains(s.noEvent.Text, "2025") {
		t.Errorf("2025 lists %v, hint %q", s.event.Options, s.noEvent.Text)
	}
	// The reason: its column fits it, and the selected row's shows whole.
	s.year.SetSelected("2026")
	m.Wait(t)
	rows := s.pairRows()
	if len(rows) == 0 {
		t.Fatal("no tables proposed")
	}
	w := s.fitWidth(s.pairCell, 3, len(rows)+1, 0)
	for r := range rows {
		text := cellText(s.pairsTable, r+1, 3)
		if need := fyne.MeasureText(text, theme.TextSize(), fyne.TextStyle{}).Width + 2*theme.InnerPadding(); w < need || text != rows[r].why {
			t.Errorf("reason %q needs %.0f, its column is %.0f", text, need, w)
		}
	}
	s.pairsTable.Select(widget.TableCellID{Row: 1, Col: 1})
	if !s.pairWhy.Visible() || !strings.HasSuffix(s.pairWhy.Text, rows[0].why) {
		t.Errorf("selected reason %q (shown %v), want %q", s.pairWhy.Text, s.pairWhy.Visible(), rows[0].why)
	}
}

// saveMembers saves n member companies "<prefix> 1 AB" … (members since
// 2024) and returns their ids in that order.
func saveMembers(t *testing.T, st *data.Store, prefix string, n int) []string {
	t.Helper()
	var ids []string
	for i := range n {
		o := data.Organisation{Kind: data.KindCompany, Name: fmt.Sprintf("%s %d AB", prefix, i+1), MemberSince: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)}
		if err := st.SaveOrganisation(context.Background(), &o); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, o.ID)
	}
	return ids
}
