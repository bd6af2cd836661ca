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
		out = append(out, v.model.rows[i].name)
	}
	return out
}

func TestCheckinAtTheDoor(t *testing.T) {
	st := uitest.OpenStore(t)
	e := doorFixture(t, st)
	m := uitest.NewShell(t, st)
	v := showCheckin(m, e, nil)
	m.Wait(t)
	// Capacity 3: the fourth is on the waitlist and not expected.
	if got := v.count.Text; got != "På plats 0 av 3" {
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
	if got := v.count.Text; got != "På plats 1 av 3" {
		t.Fatalf("after Enter count = %q", got)
	}
	if v.search.Text != "" || !strings.Contains(v.status.Text, "Märta Öberg") {
		t.Errorf("after check-in: search %q, status %q", v.search.Text, v.status.Text)
	}

	// Checking in twice does nothing harmful.
	test.Type(v.search, "öberg")
	pressEnter(v.search)
	m.Wait(t)
	if got := v.count.Text; got != "På plats 1 av 3" || !strings.Contains(v.status.Text, "redan") {
		t.Fatalf("second check-in: count %q, status %q", v.count.Text, v.status.Text)
	}

	// Part of a last name is enough.
	test.Type(v.search, "wiś")
	pressEnter(v.search)
	m.Wait(t)
	if got := v.count.Text; got != "På plats 2 av 3" {
		t.Fatalf("count = %q", got)
	}

	// Undo the last check-in.
	test.Tap(v.undoBtn)
	m.Wait(t)
	if got := v.count.Text; got != "På plats 1 av 3" || !strings.Contains(v.status.Text, "Paweł") {
		t.Fatalf("after undo: count %q, status %q", v.count.Text, v.status.Text)
	}

	// A walk-in in a few keystrokes: name, comma, organisation, Enter.
	test.Type(v.search, "Robin Lindqvist, Värmlandsdata AB")
	if len(v.model.shown) != 0 {
		t.Fatalf("walk-in text matches %v", doorNames(v))
	}
	pressEnter(v.search)
	m.Wait(t)
	if got := v.count.Text; got != "På plats 2 av 4" {
		t.Fatalf("after walk-in count = %q (status %q)", got, v.status.Text)
	}
	rs, _ := st.ListRegistrations(context.Background(), e.ID)
	if c := data.CountRegistrations(rs); c.Attended != 2 {
		t.Errorf("store counts %+v", c)
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
	if got := v.count.Text; got != "På plats 3 av 5" || v.walkBox.Visible() {
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
	want := v.model.rows[v.model.shown[1]].reg.ID
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
		rows[i] = regRow{reg: data.Registration{ID: fmt.Sprint(i), Status: data.RegRegistered}, name: name, org: org, key: uikit.Fold(name + " " + org)}
	}
	v.setRows(rows)
	keys := []string{"m", "mä", "mär", "märt", "märta", "märta ö", "märta öb", "", "n", "ng", "ngọ", "ngọc", "", "4", "42"}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		v.onSearchChanged(keys[i%len(keys)])
	}
}
