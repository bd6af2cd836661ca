package events

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"techniqual/data"
	"techniqual/data/text"
	"techniqual/ui/internal/uitest"
	"techniqual/ui/uikit"
)

// doorFixture is an event with four fictitious people registered.
func doorFixture(t *testing.T, st *data.Store) data.Event {
	t.Helper()
	ctx := context.Background()
	org := data.Organisation{Kind: data.KindCompany, Name: "Fryksdals Mekatronik AB"}
	if err := st.SaveOrganisation(ctx, &org); err != nil {
		t.Fatal(err)
	}
	e := data.Event{Title: "Nätverksträff hösten 2026", Kind: data.EventNetwork, Capacity: 3, Venue: "Stadshotellet",
		Start: time.Date(2026, 10, 22, 15, 0, 0, 0, data.Stockholm), End: time.Date(2026, 10, 22, 18, 0, 0, 0, data.Stockholm)}
	if err := st.SaveEvent(ctx, &e); err != nil {
		t.Fatal(err)
	}
	for _, n := range [][2]string{{"Märta", "Öberg"}, {"Marta", "Lind"}, {"Paweł", "Wiśniewski"}, {"Ngọc Ánh", "Nguyễn"}} {
		p := data.Person{FirstName: n[0], LastName: n[1], OrganisationID: org.ID}
		if err := st.SavePerson(ctx, &p); err != nil {
			t.Fatal(err)
		}
		if _, err := st.Register(ctx, e.ID, p.ID, ""); err != nil {
			t.Fatal(err)
		}
	}
	return e
}

func pressEnter(e fyne.Focusable) { e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) }

func doorNames(v *checkinView) []string {
	var out []string
	for _, i := range v.model.shown {
		out = append(out, v.model.row(i).name)
	}
	return out
}

func TestCheckinAtTheDoor(t *testing.T) {
	st := uitest.OpenStore(t)
	e := doorFixture(t, st)
	m, v := openDoor(t, st, e, time.Date(2026, 10, 22, 14, 50, 0, 0, data.Stockholm))
	// Capacity 3: the fourth is on the waitlist and not expected.
	if got := v.count.Text; got != "Närvarande 0 av 3 anmälda" {
		t.Fatalf("count = %q", got)
	}
	if len(v.model.shown) != 4 {
		t.Fatalf("empty search shows %v", doorNames(v))
	}

	test.Type(v.search, "mär")
	if got := doorNames(v); len(got) != 1 || got[0] != "Märta Öberg" || v.cur != 0 {
		t.Fatalf("typing mär shows %v (highlight %d)", got, v.cur)
	}
	pressEnter(v.search)
	m.Wait(t)
	if got := v.count.Text; got != "Närvarande 1 av 3 anmälda" {
		t.Fatalf("after Enter count = %q", got)
	}
	if v.search.Text != "" || !strings.Contains(v.status.Text, "Märta Öberg") {
		t.Errorf("after check-in: search %q, status %q", v.search.Text, v.status.Text)
	}

	// Checking in twice does nothing harmful.
	test.Type(v.search, "öberg")
	pressEnter(v.search)
	m.Wait(t)
	if got := v.count.Text; got != "Närvarande 1 av 3 anmälda" || !strings.Contains(v.status.Text, "redan") {
		t.Fatalf("second check-in: count %q, status %q", v.count.Text, v.status.Text)
	}

	// Part of a last name is enough.
	test.Type(v.search, "wiś")
	pressEnter(v.search)
	m.Wait(t)
	if got := v.count.Text; got != "Närvarande 2 av 3 anmälda" {
		t.Fatalf("count = %q", got)
	}

	// Undo the last check-in.
	test.Tap(v.undoBtn)
	m.Wait(t)
	if got := v.count.Text; got != "Närvarande 1 av 3 anmälda" || !strings.Contains(v.status.Text, "Paweł") {
		t.Fatalf("after undo: count %q, status %q", v.count.Text, v.status.Text)
	}

	// A walk-in in a few keystrokes: name, comma, organisation, Enter.
	test.Type(v.search, "Robin Lindqvist, Värmlandsdata AB")
	if len(v.model.shown) != 0 {
		t.Fatalf("walk-in text matches %v", doorNames(v))
	}
	pressEnter(v.search)
	m.Wait(t)
	if got := v.count.Text; got != "Närvarande 2 av 4 anmälda" {
		t.Fatalf("after walk-in count = %q (status %q)", got, v.status.Text)
	}
	rs, _ := st.ListRegistrations(context.Background(), e.ID)
	if c := data.CountRegistrations(rs); c.Attended != 2 {
		t.Errorf("store counts %+v", c)
	}

	// A walk-in's organisation of over 200 characters is told in Swedish,
	// naming the field (found by use: "invalid organisation.name: …").
	v.walkIn("Tove Lind", strings.Repeat("Lång ", 50)+"AB")
	m.Wait(t)
	if got := v.status.Text; got != "Organisation: Högst 200 tecken." {
		t.Errorf("a too long organisation: %q", got)
	}

	// A bare name that is not on the list opens the walk-in form with the
	// name filled in; Enter in the organisation field registers.
	test.Type(v.search, "Kim Sjöberg")
	pressEnter(v.search)
	if !v.walkBox.Visible() || v.walkName.Text != "Kim Sjöberg" {
		t.Fatalf("walk-in form: visible %v, name %q", v.walkBox.Visible(), v.walkName.Text)
	}
	test.Type(v.walkOrg, "Klarälvens Kod AB")
	pressEnter(v.walkOrg)
	m.Wait(t)
	if got := v.count.Text; got != "Närvarande 3 av 5 anmälda" || v.walkBox.Visible() {
		t.Fatalf("after the form: count %q, form visible %v", got, v.walkBox.Visible())
	}

	// Up and Down move the highlight; Enter checks in the highlighted one.
	test.Type(v.search, "fryksdals")
	if len(v.model.shown) != 4 {
		t.Fatalf("organisation search shows %v", doorNames(v))
	}
	v.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	v.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	v.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyUp})
	if v.cur != 1 {
		t.Fatalf("highlight %d, want 1", v.cur)
	}
	want := v.model.row(v.model.shown[1]).reg.ID
	pressEnter(v.search)
	m.Wait(t)
	r, err := st.GetRegistration(context.Background(), want)
	if err != nil || r.Status != data.RegAttended {
		t.Errorf("the highlighted person is %s, %v", r.Status, err)
	}
}

// BenchmarkCheckinSearch5000 measures one keystroke in the check-in search
// over 5,000 registrations: filtering and refreshing the shown list.
func BenchmarkCheckinSearch5000(b *testing.B) {
	uikit.SetLanguage(uikit.LangSwedish)
	m := uitest.NewShell(b, uitest.OpenStore(b))
	w := m.App().NewWindow("door")
	v := newCheckinView(m, w, data.Event{Title: "Stor träff"})
	w.SetContent(v.content)
	w.Resize(fyne.NewSize(900, 680))
	firsts := []string{"Alva", "Elsa", "Maja", "Märta", "Noah", "Hugo", "Ngọc Ánh", "Paweł", "Åsa-Li", "Oğuz"}
	lasts := []string{"Andersson", "Öberg", "Nguyễn", "Wiśniewski", "Şahin", "Lindqvist", "Ek", "Karlsson"}
	rows := make([]regRow, 5000)
	for i := range rows {
		name := fmt.Sprintf("%s %s%d", firsts[i%len(firsts)], lasts[(i/7)%len(lasts)], i)
		org := fmt.Sprintf("Företag %d AB", i%300)
		rows[i] = newRegRow(data.Registration{ID: fmt.Sprint(i), Status: data.RegRegistered}, name, org, true)
	}
	v.setRows(rows, nil)
	keys := []string{"m", "mä", "mär", "märt", "märta", "märta ö", "märta öb", "", "n", "ng", "ngọ", "ngọc", "", "4", "42"}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		v.onSearchChanged(keys[i%len(keys)])
	}
}

// abdFixture is a full event (capacity 4) with four fictitious people named
// Abdullahi and one reserve.
func abdFixture(t *testing.T, st *data.Store) (data.Event, map[string]data.Registration) {
	t.Helper()
	ctx := context.Background()
	org := data.Organisation{Kind: data.KindCompany, Name: "Kils Verkstad AB"}
	if err := st.SaveOrganisation(ctx, &org); err != nil {
		t.Fatal(err)
	}
	e := data.Event{Title: "Teknikfrukost", Kind: data.EventNetwork, Capacity: 4,
		Start: time.Date(2026, 11, 12, 8, 0, 0, 0, data.Stockholm), End: time.Date(2026, 11, 12, 10, 0, 0, 0, data.Stockholm)}
	if err := st.SaveEvent(ctx, &e); err != nil {
		t.Fatal(err)
	}
	regs := map[string]data.Registration{}
	for _, n := range [][2]string{{"Abdullahi", "Ali"}, {"Abdullahi", "Warsame"}, {"Abdullahi", "Yusuf"}, {"Amina", "Abdullahi"}, {"Ebba", "Rydén"}} {
		p := data.Person{FirstName: n[0], LastName: n[1], OrganisationID: org.ID}
		if err := st.SavePerson(ctx, &p); err != nil {
			t.Fatal(err)
		}
		r, err := st.Register(ctx, e.ID, p.ID, "")
		if err != nil {
			t.Fatal(err)
		}
		regs[p.Name()] = r
	}
	return e, regs
}

func doorStatus(t *testing.T, st *data.Store, id string) data.RegistrationStatus {
	t.Helper()
	r, err := st.GetRegistration(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return r.Status
}

// "abd" and Enter used to check in the first of four; now the door asks
// which, and an arrow or the whole name chooses.
func TestDoorAsksWhichWhenANamePartMatchesSeveral(t *testing.T) {
	st := uitest.OpenStore(t)
	e, regs := abdFixture(t, st)
	m, v := openDoor(t, st, e, time.Date(2026, 11, 12, 7, 45, 0, 0, data.Stockholm))
	test.Type(v.search, "abd")
	pressEnter(v.search)
	m.Wait(t)
	if got := v.count.Text; got != "Närvarande 0 av 4 anmälda" || !strings.Contains(v.status.Text, "4 personer passar") {
		t.Fatalf("Enter on a name part of four: count %q, status %q", got, v.status.Text)
	}
	for name, r := range regs {
		if s := doorStatus(t, st, r.ID); s == data.RegAttended {
			t.Fatalf("%s was checked in without being chosen", name)
		}
	}
	// Down chooses the second; Enter checks in exactly that one.
	v.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	want := v.model.rows[v.model.shown[1]]
	pressEnter(v.search)
	m.Wait(t)
	if doorStatus(t, st, want.reg.ID) != data.RegAttended || v.count.Text != "Närvarande 1 av 4 anmälda" {
		t.Fatalf("after choosing %s: count %q", want.name, v.count.Text)
	}
	// The whole name picks one among several that contain it.
	test.Type(v.search, "Abdullahi Ali")
	pressEnter(v.search)
	m.Wait(t)
	if doorStatus(t, st, regs["Abdullahi Ali"].ID) != data.RegAttended {
		t.Fatalf("the whole name did not check in: %q", v.status.Text)
	}
}

// A reserve at a full event is asked about (reserve, over capacity);
// Escape leaves them out, Enter checks in anyway.
func TestDoorWarnsForReservesAndOverCapacity(t *testing.T) {
	st := uitest.OpenStore(t)
	e, regs := abdFixture(t, st)
	reserve := regs["Ebba Rydén"]
	if reserve.Status != data.RegWaitlisted {
		t.Fatalf("fixture: Ebba is %s", reserve.Status)
	}
	m, v := openDoor(t, st, e, time.Date(2026, 11, 12, 8, 5, 0, 0, data.Stockholm))
	test.Type(v.search, "ebba")
	pressEnter(v.search)
	m.Wait(t)
	if !v.warnBox.Visible() || !strings.Contains(v.warnLbl.Text, "reserv") || !strings.Contains(v.warnLbl.Text, "Alla 4 platser") {
		t.Fatalf("no question for a reserve: visible %v %q", v.warnBox.Visible(), v.warnLbl.Text)
	}
	if doorStatus(t, st, reserve.ID) != data.RegWaitlisted {
		t.Fatal("a reserve was checked in silently")
	}
	v.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if v.warnBox.Visible() || doorStatus(t, st, reserve.ID) != data.RegWaitlisted {
		t.Fatal("Escape did not leave the reserve out")
	}
	v.search.SetText("")
	test.Type(v.search, "ebba")
	pressEnter(v.search)
	pressEnter(v.search)
	m.Wait(t)
	if doorStatus(t, st, reserve.ID) != data.RegAttended {
		t.Fatalf("Enter on the question did not check in: %q", v.status.Text)
	}
	if v.count.Text != "Närvarande 1 av 5 anmälda" {
		t.Errorf("count %q", v.count.Text)
	}
	// Escape, step by step: the search, then the door window itself.
	esc := func() { v.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape}) }
	v.search.SetText("ebba")
	windows := len(m.App().Driver().AllWindows())
	esc()
	if v.search.Text != "" || len(m.App().Driver().AllWindows()) != windows {
		t.Fatalf("the first Escape: search %q, %d windows", v.search.Text, len(m.App().Driver().AllWindows()))
	}
	esc()
	if len(m.App().Driver().AllWindows()) != windows-1 {
		t.Errorf("Escape on an empty search left the door window open")
	}
}

// Checking in 14 days early is asked about once, with a banner all along.
func TestDoorWarnsOnTheWrongDay(t *testing.T) {
	st := uitest.OpenStore(t)
	e, regs := abdFixture(t, st)
	m, v := openDoor(t, st, e, time.Date(2026, 10, 29, 9, 0, 0, 0, data.Stockholm))
	if !v.dayLbl.Visible() || !strings.Contains(v.dayLbl.Text, "12 november") {
		t.Fatalf("no banner for another day: %q", v.dayLbl.Text)
	}
	test.Type(v.search, "Amina")
	pressEnter(v.search)
	m.Wait(t)
	if doorStatus(t, st, regs["Amina Abdullahi"].ID) != data.RegRegistered || !strings.Contains(v.warnLbl.Text, "inte i dag") {
		t.Fatalf("checked in on the wrong day without a question: %q", v.warnLbl.Text)
	}
	pressEnter(v.search)
	m.Wait(t)
	// Once confirmed, the next at the door goes straight in.
	test.Type(v.search, "Yusuf")
	pressEnter(v.search)
	m.Wait(t)
	if doorStatus(t, st, regs["Amina Abdullahi"].ID) != data.RegAttended || doorStatus(t, st, regs["Abdullahi Yusuf"].ID) != data.RegAttended {
		t.Fatalf("after confirming the day: status %q", v.status.Text)
	}
}

// A USB scanner types the badge's code and Enter: exactly that person is
// checked in, even when a name part would match several.
func TestDoorScanChecksInExactlyThatPerson(t *testing.T) {
	st := uitest.OpenStore(t)
	e, regs := abdFixture(t, st)
	m, v := openDoor(t, st, e, time.Date(2026, 11, 12, 7, 59, 0, 0, data.Stockholm))
	want := regs["Abdullahi Warsame"]
	for _, code := range []string{data.BadgeCode(want.ID), strings.ToLower(data.BadgeCode(want.ID))} {
		test.Type(v.search, code)
		pressEnter(v.search)
		m.Wait(t)
	}
	for name, r := range regs {
		got := doorStatus(t, st, r.ID)
		if (r.ID == want.ID) != (got == data.RegAttended) {
			t.Errorf("%s is %s after scanning %s", name, got, data.BadgeCode(want.ID))
		}
	}
	if !strings.Contains(v.status.Text, "redan") {
		t.Errorf("scanning twice: %q", v.status.Text)
	}
}

// The door, the screen, the documents and the command line say one word
// for each status, in both languages.
func TestStatusWordsAreTheDataOnes(t *testing.T) {
	defer uikit.SetLanguage(uikit.LangSwedish)
	for _, l := range []string{uikit.LangSwedish, uikit.LangEnglish} {
		uikit.SetLanguage(l)
		for _, s := range []data.RegistrationStatus{data.RegInvited, data.RegRegistered, data.RegWaitlisted, data.RegAttended,
			data.RegNoShow, data.RegCancelled} {
			if got, want := regStatusText(s), data.StatusWord(s, text.Lang(l)); got != want {
				t.Errorf("%s %s: screen %q, data %q", l, s, got, want)
			}
		}
	}
}

// openDoor opens the door of e on a test shell over st whose clock says
// now, and waits for its list.
func openDoor(t *testing.T, st *data.Store, e data.Event, now time.Time) (*uitest.Shell, *checkinView) {
	t.Helper()
	m := uitest.NewShell(t, st)
	m.SetNow(now)
	v := showCheckin(m, e, nil)
	m.Wait(t)
	return m, v
}
