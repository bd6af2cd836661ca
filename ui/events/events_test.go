package events

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"techniqual/data"
	"techniqual/ui/internal/uitest"
	"techniqual/ui/uikit"
)

func TestEventsScreenCreateInviteAndWaitlist(t *testing.T) {
	st := uitest.OpenStore(t)
	ctx := context.Background()
	org := data.Organisation{Kind: data.KindCompany, Name: "Klarälvens Kod AB"}
	if err := st.SaveOrganisation(ctx, &org); err != nil {
		t.Fatal(err)
	}
	for _, n := range [][2]string{{"Saga", "Åberg"}, {"Omar", "Hassan"}, {"Réka", "Nagy"}} {
		p := data.Person{FirstName: n[0], LastName: n[1], OrganisationID: org.ID}
		if err := st.SavePerson(ctx, &p); err != nil {
			t.Fatal(err)
		}
	}
	m := uitest.NewShell(t, st)
	s := New(m)
	m.Open(t, s)

	// A bad time is refused with a message by the field.
	test.Type(s.title, "Frukostseminarium")
	s.date.Entry.SetText("2026-10-26")
	s.startTime.SetText("9")
	test.Tap(s.saveBtn)
	m.Wait(t)
	if !s.errs["time"].Visible() {
		t.Fatal("a bad time was not flagged")
	}
	s.startTime.SetText("09:00")
	s.endTime.SetText("11:30")
	s.capacity.SetText("2")
	test.Tap(s.saveBtn)
	m.Wait(t)
	e, err := st.FindEvent(ctx, "Frukostseminarium")
	if err != nil {
		t.Fatal(err)
	}
	if got := e.Start.In(data.Stockholm).Format("2006-01-02 15:04"); got != "2026-10-26 09:00" || e.Capacity != 2 {
		t.Fatalf("saved %s capacity %d", got, e.Capacity)
	}
	if len(s.events) != 1 {
		t.Fatalf("list shows %d events", len(s.events))
	}

	// Invite the whole organisation, then register everyone: two seats,
	// one on the waitlist.
	s.invite(inviteChoice{orgs: []string{org.ID}})
	m.Wait(t)
	m.Wait(t)
	if len(s.rows) != 3 {
		t.Fatalf("%d on the list after inviting the organisation", len(s.rows))
	}
	for i := range s.rows {
		s.regSel = i
		s.onRegAction("register")
		m.Wait(t)
		m.Wait(t)
	}
	if !strings.Contains(s.countLbl.Text, "Anmälda 2 av 2") || !strings.Contains(s.countLbl.Text, "reserver 1") {
		t.Fatalf("counts %q", s.countLbl.Text)
	}
	// Cancelling a seat promotes the waiting one.
	for i, r := range s.rows {
		if r.reg.Status == data.RegRegistered {
			s.regSel = i
			break
		}
	}
	s.onRegAction("cancel")
	test.Tap(uitest.FindButton(t, m.Window().Canvas().Overlays().Top(), "Avboka"))
	m.Wait(t)
	m.Wait(t)
	if !strings.Contains(s.countLbl.Text, "Anmälda 2 av 2") || !strings.Contains(s.countLbl.Text, "reserver 0") ||
		!strings.Contains(s.countLbl.Text, "avbokade 1") {
		t.Fatalf("after cancel: %q", s.countLbl.Text)
	}

	// The door window opens on the same event.
	test.Tap(s.checkinBtn)
	m.Wait(t)
	if s.lastCheckin == nil || s.lastCheckin.count.Text != "Närvarande 0 av 2 anmälda" {
		t.Fatalf("check-in window: %+v", s.lastCheckin)
	}
	test.Type(s.lastCheckin.search, "réka")
	pressEnter(s.lastCheckin.search)
	// The event is not today: the door asks first, Enter checks in anyway.
	if !s.lastCheckin.warnBox.Visible() || !strings.Contains(s.lastCheckin.warnLbl.Text, "inte i dag") {
		t.Fatalf("no wrong-day question: %q", s.lastCheckin.warnLbl.Text)
	}
	pressEnter(s.lastCheckin.search)
	m.Wait(t)
	m.Wait(t)
	if !strings.Contains(s.countLbl.Text, "närvarande 1") || !strings.Contains(s.followUp.Text, "Réka Nagy") {
		t.Errorf("events screen after check-in: %q / %q", s.countLbl.Text, s.followUp.Text)
	}
}

// TestEventFormByUse: found by use, an edited event was left without a
// word, Enter in Namn did nothing, a message stayed after the field was
// mended, 2026-02-30 was told to use the format it used, and "Avsluta:
// markera uteblivna" asked nothing and marked a future event's list.
func TestEventFormByUse(t *testing.T) {
	st := uitest.OpenStore(t)
	ctx := context.Background()
	m := uitest.NewShell(t, st)
	m.SetNow(time.Date(2026, 12, 6, 10, 0, 0, 0, data.Stockholm))
	s := New(m)
	m.Open(t, s)
	if !s.closeBtn.Disabled() {
		t.Error("Avsluta is open on a new, unsaved event")
	}

	// Enter in Namn saves; a bad date says what is wrong, and goes on typing.
	test.Type(s.title, "Vårträff")
	s.date.Entry.SetText("2026-02-30")
	s.title.OnSubmitted(s.title.Text)
	m.Wait(t)
	if got := s.errs["start"].Text; got != "Datumet 2026-02-30 finns inte." {
		t.Errorf("bad date: %q", got)
	}
	s.date.Entry.SetText("2027-03-10")
	if s.errs["start"].Visible() {
		t.Error("the date message stays after the date is mended")
	}
	s.title.OnSubmitted(s.title.Text)
	m.Wait(t)
	future, err := st.FindEvent(ctx, "Vårträff")
	if err != nil {
		t.Fatalf("Enter did not save: %v", err)
	}

	// A past event to choose, with one registered who did not come.
	past := data.Event{Title: "Höstträff", Kind: data.EventNetwork, Start: time.Date(2026, 11, 20, 15, 0, 0, 0, data.Stockholm),
		End: time.Date(2026, 11, 20, 17, 0, 0, 0, data.Stockholm)}
	if err := st.SaveEvent(ctx, &past); err != nil {
		t.Fatal(err)
	}
	p := data.Person{FirstName: "Ines", LastName: "Åkerlund"}
	if err := st.SavePerson(ctx, &p); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Register(ctx, past.ID, p.ID, ""); err != nil {
		t.Fatal(err)
	}
	s.Reload()
	m.Wait(t)

	// Choosing another event with an edit asks; Avbryt stays on the edit.
	s.title.SetText("Vårträff i Karlstad")
	i := slices.IndexFunc(s.events, func(e data.Event) bool { return e.ID == past.ID })
	s.list.Select(i)
	c := m.Window().Canvas()
	if c.Overlays().Top() == nil || s.current.ID != future.ID {
		t.Fatalf("no question on leaving an edited event (shows %q)", s.current.Title)
	}
	uikit.DismissTopDialog(c)
	if s.title.Text != "Vårträff i Karlstad" || s.current.ID != future.ID {
		t.Fatalf("Avbryt left the edit: %q", s.title.Text)
	}
	// Avsluta on the future event: refused, nothing marked.
	test.Tap(s.closeBtn)
	if top := c.Overlays().Top(); top == nil || !strings.Contains(strings.Join(uitest.LabelTexts(top), "\n"), "har inte börjat än") {
		t.Fatal("Avsluta on a future event was not refused")
	}
	uikit.DismissTopDialog(c)
	s.save()
	s.list.Select(i)
	m.Wait(t)
	if s.current.ID != past.ID || c.Overlays().Top() != nil {
		t.Fatalf("after saving, choosing the past event shows %q", s.current.Title)
	}
	// Avsluta on the past one asks first; No marks nothing, Markera does.
	test.Tap(s.closeBtn)
	if top := c.Overlays().Top(); top == nil || !strings.Contains(strings.Join(uitest.LabelTexts(top), "\n"), "1 anmäld har inte checkats in") {
		t.Fatal("Avsluta asked nothing")
	}
	uikit.DismissTopDialog(c)
	m.Wait(t)
	if rs, _ := st.ListRegistrations(ctx, past.ID); rs[0].Status != data.RegRegistered {
		t.Fatalf("Avbryt marked %s", rs[0].Status)
	}
	test.Tap(s.closeBtn)
	uikit.ConfirmTopDialog(c)
	m.Wait(t)
	m.Wait(t)
	if rs, _ := st.ListRegistrations(ctx, past.ID); rs[0].Status != data.RegNoShow {
		t.Errorf("Markera left %s", rs[0].Status)
	}
}

// TestEventCountsWithoutALimit: found by use, an event with no limit read
// "Anmälda 0 av obegränsat platser".
func TestEventCountsWithoutALimit(t *testing.T) {
	st := uitest.OpenStore(t)
	_, s := openOnEvent(t, st, &data.Event{Title: "Öppet hus"}, time.Date(2027, 3, 2, 0, 0, 0, 0, time.UTC))
	if got := s.countLbl.Text; !strings.HasPrefix(got, "Anmälda 0 (inget tak för antalet) · reserver 0") {
		t.Errorf("counts %q", got)
	}
}

// TestLoweringThePlacesBelowThoseTakenSaysSo: found by use, 10 places for
// 32 registered was saved without a word; from unlimited too (review).
func TestLoweringThePlacesBelowThoseTakenSaysSo(t *testing.T) {
	for _, before := range []int{5, 0} {
		st := uitest.OpenStore(t)
		ctx := context.Background()
		e := data.Event{Title: "Frukostmöte", Capacity: before}
		m, s := openOnEvent(t, st, &e, time.Date(2027, 3, 2, 0, 0, 0, 0, time.UTC))
		for _, n := range []string{"Ines", "Omar", "Saga"} {
			p := data.Person{FirstName: n, LastName: "Provsson"}
			if err := st.SavePerson(ctx, &p); err != nil {
				t.Fatal(err)
			}
			if _, err := st.Register(ctx, e.ID, p.ID, ""); err != nil {
				t.Fatal(err)
			}
		}
		s.Reload() // the counts with the three
		m.Wait(t)
		s.capacity.SetText("2")
		if !s.save() {
			t.Fatal("not saved")
		}
		texts := strings.Join(uitest.LabelTexts(m.Window().Canvas().Overlays().Top()), "\n")
		if !strings.Contains(texts, "3 har redan en plats, fler än de 2 platserna") {
			t.Errorf("from %d places: no word of the places: %q", before, texts)
		}
	}
}

// TestANewOrganisationIsNoEdit: the organiser is kept by name, so that an
// organisation added before it in the list is not taken for an edit of
// the event shown (review).
func TestANewOrganisationIsNoEdit(t *testing.T) {
	st := uitest.OpenStore(t)
	ctx := context.Background()
	org := data.Organisation{Kind: data.KindCompany, Name: "Volvo Cars"}
	if err := st.SaveOrganisation(ctx, &org); err != nil {
		t.Fatal(err)
	}
	m, s := openOnEvent(t, st, &data.Event{Title: "Vårträff", OrganiserID: org.ID}, time.Date(2027, 3, 2, 0, 0, 0, 0, time.UTC))
	if s.organiser.SelectedText() != "Volvo Cars" {
		t.Fatalf("organiser %q", s.organiser.SelectedText())
	}
	abb := data.Organisation{Kind: data.KindCompany, Name: "ABB"}
	if err := st.SaveOrganisation(ctx, &abb); err != nil {
		t.Fatal(err)
	}
	s.Reload()
	m.Wait(t)
	if s.state() != s.shown {
		t.Errorf("an organisation added elsewhere counts as an edit (organiser %q)", s.organiser.SelectedText())
	}
}

// TestOrganiserIsChosenBySearch: found by use, Arrangör was a dropdown of
// every organisation (45 and more). It is searched: a few letters and
// Enter choose, and Spara keeps it.
func TestOrganiserIsChosenBySearch(t *testing.T) {
	st := uitest.OpenStore(t)
	ctx := context.Background()
	for _, n := range []string{"ABB", "Alsters Kodverkstad AB", "Karlstads universitet", "Volvo Cars"} {
		if err := st.SaveOrganisation(ctx, &data.Organisation{Kind: data.KindCompany, Name: n}); err != nil {
			t.Fatal(err)
		}
	}
	e := &data.Event{Title: "Vårträff"}
	m, s := openOnEvent(t, st, e, time.Date(2027, 3, 2, 0, 0, 0, 0, time.UTC))
	if s.organiser.SelectedText() != "(ingen)" {
		t.Fatalf("organiser %q", s.organiser.SelectedText())
	}
	test.Tap(s.organiser.Button)
	box := m.Window().Canvas().Focused()
	test.Type(box, "karl univ")
	box.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if s.organiser.SelectedText() != "Karlstads universitet" || s.state() == s.shown {
		t.Fatalf("chosen %q; an edit: %v", s.organiser.SelectedText(), s.state() != s.shown)
	}
	test.Tap(s.saveBtn)
	m.Wait(t)
	got, err := st.GetEvent(ctx, e.ID)
	if err != nil {
		t.Fatal(err)
	}
	org, err := st.GetOrganisation(ctx, got.OrganiserID)
	if err != nil || org.Name != "Karlstads universitet" {
		t.Errorf("saved organiser %q: %+v %v", got.OrganiserID, org, err)
	}
}

// openOnEvent saves e (from 15:00 to 17:00 on day, a network event unless
// said) and opens Evenemang on it.
func openOnEvent(t *testing.T, st *data.Store, e *data.Event, day time.Time) (*uitest.Shell, *Screen) {
	t.Helper()
	if e.Kind == "" {
		e.Kind = data.EventNetwork
	}
	e.Start = time.Date(day.Year(), day.Month(), day.Day(), 15, 0, 0, 0, data.Stockholm)
	e.End = e.Start.Add(2 * time.Hour)
	if err := st.SaveEvent(context.Background(), e); err != nil {
		t.Fatal(err)
	}
	m := uitest.NewShell(t, st)
	s := New(m)
	m.Open(t, s)
	m.Wait(t)
	s.list.Select(slices.IndexFunc(s.events, func(x data.Event) bool { return x.ID == e.ID }))
	m.Wait(t)
	return m, s
}

// TestListActionsSayWhatTheyDid: found by use, "Ångra incheckning" on a
// cancelled row and "Bjud in" with nothing ticked did nothing, silently.
// Each action on the list now says what it did, or why it did nothing,
// and the row acted on stays chosen.
func TestListActionsSayWhatTheyDid(t *testing.T) {
	st := uitest.OpenStore(t)
	ctx := context.Background()
	org := data.Organisation{Kind: data.KindCompany, Name: "Klarälvens Kod AB"}
	if err := st.SaveOrganisation(ctx, &org); err != nil {
		t.Fatal(err)
	}
	saga := data.Person{FirstName: "Saga", LastName: "Åberg", OrganisationID: org.ID}
	if err := st.SavePerson(ctx, &saga); err != nil {
		t.Fatal(err)
	}
	e := data.Event{Title: "Vårträff", Kind: data.EventNetwork,
		Start: time.Date(2027, 3, 10, 16, 0, 0, 0, data.Stockholm), End: time.Date(2027, 3, 10, 18, 0, 0, 0, data.Stockholm)}
	if err := st.SaveEvent(ctx, &e); err != nil {
		t.Fatal(err)
	}
	m := uitest.NewShell(t, st)
	s := New(m)
	m.Open(t, s)
	m.Wait(t)
	s.show(e)
	m.Wait(t)

	s.onRegAction("cancel")
	if s.regMsg.Text != "Välj någon i listan först." {
		t.Errorf("no row chosen: %q", s.regMsg.Text)
	}
	s.invite(inviteChoice{people: []string{saga.ID}})
	m.Wait(t)
	m.Wait(t)
	if s.regMsg.Text != "1 nya inbjudna." || len(s.rows) != 1 {
		t.Fatalf("invited: %q, %d rows", s.regMsg.Text, len(s.rows))
	}
	s.invite(inviteChoice{people: []string{saga.ID}})
	m.Wait(t)
	m.Wait(t)
	if s.regMsg.Text != "Alla valda fanns redan på listan: ingen ny inbjuden." {
		t.Errorf("invited again: %q", s.regMsg.Text)
	}
	// Bjud in with nothing ticked: a message, and the dialog again.
	s.onInvite()
	m.Wait(t)
	test.Tap(uitest.FindButton(t, m.Window().Canvas().Overlays().Top(), "Bjud in"))
	if !strings.HasPrefix(s.inviteNote, "Ingen är vald.") {
		t.Errorf("nothing ticked: %q", s.inviteNote)
	}
	test.Tap(uitest.FindButton(t, m.Window().Canvas().Overlays().Top(), "OK"))
	uitest.FindButton(t, m.Window().Canvas().Overlays().Top(), "Bjud in") // the dialog is back
	s.lastInvite.Hide()
	s.regList.Select(0)
	steps := []struct {
		action, msg string
		status      data.RegistrationStatus
	}{
		{"undo", "Saga Åberg är inte incheckad, så det finns inget att ångra.", data.RegInvited},
		{"register", "Saga Åberg är anmäld.", data.RegRegistered},
		{"register", "Saga Åberg står redan på listan (anmäld).", data.RegRegistered},
		{"checkin", "Saga Åberg är incheckad.", data.RegAttended},
		{"checkin", "Saga Åberg är redan incheckad.", data.RegAttended},
		{"undo", "Saga Åberg är inte längre incheckad.", data.RegRegistered},
		{"cancel", "Saga Åberg är avbokad.", data.RegCancelled},
		{"cancel", "Saga Åberg är redan avbokad.", data.RegCancelled},
		{"undo", "Saga Åberg är inte incheckad, så det finns inget att ångra.", data.RegCancelled},
	}
	for _, step := range steps {
		s.lastCancelAsk = nil
		s.onRegAction(step.action)
		if s.lastCancelAsk != nil { // Avboka asks first
			test.Tap(uitest.FindButton(t, m.Window().Canvas().Overlays().Top(), "Avboka"))
		}
		m.Wait(t)
		m.Wait(t)
		if s.regMsg.Text != step.msg {
			t.Errorf("%s: says %q, want %q", step.action, s.regMsg.Text, step.msg)
		}
		rs, err := st.ListRegistrations(ctx, e.ID)
		if err != nil || len(rs) != 1 || rs[0].Status != step.status {
			t.Fatalf("%s: %+v %v, want %s", step.action, rs, err, step.status)
		}
		if s.regSel != 0 {
			t.Fatalf("%s: the row is no longer chosen (%d)", step.action, s.regSel)
		}
	}
}

// TestFitColumns: each column as wide as its widest text, the header bold,
// within its cap (found by use: "Inbjudna …" and long names were cut).
func TestFitColumns(t *testing.T) {
	test.NewTempApp(t)
	heads := []string{"Organisation", "Inbjudna till"}
	cells := [][]string{{"Fryksdals Energiteknik Kristinehamn AB", "4"}, {"Ölme AB", "12"}}
	w := fitColumns(heads, cells, []float32{200, 0})
	pad := 2 * theme.InnerPadding()
	head := fyne.MeasureText("Inbjudna till", theme.TextSize(), fyne.TextStyle{Bold: true}).Width + pad
	if w[0] != 200 || w[1] != head {
		t.Errorf("widths %v, want [200 %v]", w, head)
	}
	if w := fitColumns(heads, cells, nil); w[0] <= 200 {
		t.Errorf("without a cap the long name gets %v", w[0])
	}
}
