package events

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"techniqual/data"
	"techniqual/ui/internal/uitest"
)

// Anmäl flera: picking many registers them in one go with the waitlist's
// rules; a pasted list with a line that names nobody registers nobody;
// a reserve who moves up is listed with the letter to send.
func TestRegisterManyAndReservesWhoMovedUp(t *testing.T) {
	st := uitest.OpenStore(t)
	ctx := context.Background()
	org := data.Organisation{Kind: data.KindCompany, Name: "Forshaga Fiber AB"}
	if err := st.SaveOrganisation(ctx, &org); err != nil {
		t.Fatal(err)
	}
	for _, n := range [][3]string{{"Tove", "Lindh", "tove.lindh@example.se"}, {"Arvid", "Nord", ""}, {"Selma", "Kron", ""}, {"Yara", "Haddad", ""}} {
		p := data.Person{FirstName: n[0], LastName: n[1], Email: n[2], OrganisationID: org.ID}
		if err := st.SavePerson(ctx, &p); err != nil {
			t.Fatal(err)
		}
	}
	e := data.Event{Title: "Kvinnor i teknik", Kind: data.EventNetwork, Capacity: 2,
		Start: time.Date(2027, 3, 8, 16, 0, 0, 0, data.Stockholm), End: time.Date(2027, 3, 8, 18, 0, 0, 0, data.Stockholm)}
	if err := st.SaveEvent(ctx, &e); err != nil {
		t.Fatal(err)
	}
	m := uitest.NewShell(t, st)
	s := New(m)
	m.Open(t, s)
	m.Wait(t)
	s.show(e)
	m.Wait(t)
	if s.bulkBtn.Disabled() {
		t.Fatal("Anmäl flera is disabled for a saved event")
	}
	test.Tap(s.bulkBtn)
	m.Wait(t)
	b := s.lastBulk
	if b == nil {
		t.Fatal("no dialog")
	}
	// Three of the four.
	for k, l := range b.contacts.labels {
		if !strings.Contains(l, "Yara") {
			b.contacts.set(b.contacts.ids[k], true)
		}
	}
	if got := b.contacts.count.Text; got != "3 valda · 4 av 4 visas" {
		t.Errorf("count %q", got)
	}
	b.submit()
	m.Wait(t)
	m.Wait(t)
	if s.bulkResult != "2 anmälda, 1 reserver, 0 fanns redan på listan." {
		t.Fatalf("result %q", s.bulkResult)
	}
	// A pasted list with a line nobody matches: nothing changes.
	b = s.newBulkDialog(nil, nil)
	b.tabs.SelectIndex(1)
	pasted := "tove.lindh@example.se\nYara Haddad, Forshaga Fiber AB\nNoa Okänd, Nya Företaget AB"
	b.pasted.SetText(pasted)
	before := s.bulkResult
	b.dlg.Show()
	b.dlg.Hide() // as its Anmäl does
	b.submit()
	m.Wait(t)
	if c, _ := st.CountEvent(ctx, e.ID); c.Seats() != 2 || c.Waitlisted != 1 || s.bulkResult != before {
		t.Fatalf("a list with an unknown line changed the list: %+v", c)
	}
	// Found by use: the dialog closed and the pasted list was gone. It
	// stays open on the list, naming the line to mend.
	if want := "Rad 3 (”Noa Okänd, Nya Företaget AB”): ingen person hittades."; !strings.HasPrefix(b.listErr.Text, want) || !b.listErr.Visible() {
		t.Errorf("message %q (shown %v), want %q", b.listErr.Text, b.listErr.Visible(), want)
	}
	if b.pasted.Text != pasted || b.tabs.Selected() != b.listTab || m.Window().Canvas().Overlays().Top() == nil {
		t.Errorf("the dialog is not open on the list as pasted: %q", b.pasted.Text)
	}
	b.pasted.SetText("tove.lindh@example.se\nYara Haddad, Forshaga Fiber AB")
	b.dlg.Hide()
	b.submit()
	m.Wait(t)
	m.Wait(t)
	if s.bulkResult != "0 anmälda, 1 reserver, 1 fanns redan på listan." {
		t.Fatalf("list result %q", s.bulkResult)
	}
	// Someone with a seat cancels: the first reserve moves up and gets a letter.
	rs, _ := st.ListRegistrations(ctx, e.ID)
	for _, r := range rs {
		if r.Status == data.RegRegistered {
			if _, err := st.Cancel(ctx, r.ID); err != nil {
				t.Fatal(err)
			}
			break
		}
	}
	test.Tap(s.promotedBtn)
	m.Wait(t)
	if len(s.promoted) != 1 || s.promotedLetter == nil {
		t.Fatalf("promoted %+v", s.promoted)
	}
	name := s.promoted[0].Name
	if l := s.promotedLetter.Text; !strings.Contains(l, "Hej "+name+"!") || !strings.Contains(l, "Kvinnor i teknik") ||
		!strings.Contains(l, "måndag 8 mars 2027, 16:00–18:00") {
		t.Errorf("letter:\n%s", l)
	}
}

// Anmäl flera for a pupil event: the pupils are a tab of their own,
// searched by class and school; "mark all shown" takes a class; the
// registrations are the pupils'. "Anmäl" with nobody ticked says so and
// registers nobody. A network event has no pupils' tab.
func TestRegisterAClassForAPupilEvent(t *testing.T) {
	st := uitest.OpenStore(t)
	ctx := context.Background()
	var schools []data.Organisation
	for _, n := range []string{"Åsdalsskolan", "Norrbyskolan"} {
		o := data.Organisation{Kind: data.KindSchool, Name: n}
		if err := st.SaveOrganisation(ctx, &o); err != nil {
			t.Fatal(err)
		}
		schools = append(schools, o)
	}
	// Made-up pupils: three in 8A at Åsdal, one in 8B there, two in 8A at Norrby.
	for _, p := range []struct {
		first, last, class string
		school             int
	}{{"Alva", "Berg", "8A", 0}, {"Lukas", "Ek", "8A", 0}, {"Saga", "Holm", "8A", 0}, {"Omar", "Lind", "8B", 0},
		{"Elsa", "Ström", "8A", 1}, {"Noah", "Vik", "8A", 1}} {
		pu := data.Pupil{SchoolID: schools[p.school].ID, FirstName: p.first, LastName: p.last, ClassName: p.class, Grade: 8}
		if err := st.SavePupil(ctx, &pu); err != nil {
			t.Fatal(err)
		}
	}
	day := data.Event{Title: "Teknikdag på universitetet", Kind: data.EventPupil,
		Start: time.Date(2027, 4, 14, 9, 0, 0, 0, data.Stockholm), End: time.Date(2027, 4, 14, 14, 0, 0, 0, data.Stockholm)}
	network := data.Event{Title: "Nätverksträff", Kind: data.EventNetwork,
		Start: time.Date(2027, 4, 20, 16, 0, 0, 0, data.Stockholm), End: time.Date(2027, 4, 20, 18, 0, 0, 0, data.Stockholm)}
	for _, e := range []*data.Event{&day, &network} {
		if err := st.SaveEvent(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	m := uitest.NewShell(t, st)
	s := New(m)
	m.Open(t, s)
	m.Wait(t)

	s.show(network)
	m.Wait(t)
	test.Tap(s.bulkBtn)
	m.Wait(t)
	if b := s.lastBulk; b.pupils != nil || len(b.tabs.Items) != 2 || b.tabs.Items[0].Text != "Kontakter" {
		t.Fatalf("a network event's dialog has %d tabs, pupils %v", len(b.tabs.Items), b.pupils != nil)
	}
	// The contacts' tab is the same for both kinds of event (found by
	// use: a network event's had no count and no "Avmarkera alla").
	if c := s.lastBulk.contacts; c.none == nil || c.all == nil || c.count.Text != "0 valda · 0 av 0 visas" {
		t.Errorf("a network event's contacts tab: count %q", c.count.Text)
	}
	s.lastBulk.dlg.Hide()

	s.show(day)
	m.Wait(t)
	test.Tap(s.bulkBtn)
	m.Wait(t)
	b := s.lastBulk
	if b.pupils == nil || b.tabs.Items[0].Text != "Elever" || b.tabs.Selected() != b.tabs.Items[0] {
		t.Fatal("a pupil event's dialog does not open on its pupils")
	}
	if b.tabs.Items[1].Text != "Kontakter" || b.tabs.Items[1].Content != b.contacts.content ||
		b.contacts.none == nil || b.contacts.count.Text != "0 valda · 0 av 0 visas" {
		t.Errorf("a pupil event's contacts tab: %q, count %q", b.tabs.Items[1].Text, b.contacts.count.Text)
	}
	// Nobody ticked: a message, and nothing registered.
	b.submit()
	m.Wait(t)
	if !strings.HasPrefix(s.bulkResult, "Ingen är vald.") {
		t.Errorf("nothing ticked gave %q", s.bulkResult)
	}
	if rs, _ := st.ListRegistrations(ctx, day.ID); len(rs) != 0 {
		t.Fatalf("nothing ticked registered %d", len(rs))
	}
	p := b.pupils
	if p.none == nil {
		t.Fatal("no Avmarkera alla for pupils")
	}
	for _, tc := range []struct {
		search string
		shown  int
	}{{"", 6}, {"8a", 5}, {"8A åsdal", 3}, {"asdal", 0}, {"holm", 1}, {"8A Åsdalsskolan", 3}} {
		test.Type(p.search, tc.search)
		if len(p.shown) != tc.shown {
			t.Errorf("search %q shows %d, want %d", tc.search, len(p.shown), tc.shown)
		}
		p.search.SetText("")
	}
	p.search.SetText("8A Åsdal")
	test.Tap(p.all)
	p.search.SetText("Omar")
	if len(p.shown) != 1 {
		t.Fatalf("Omar: %d shown", len(p.shown))
	}
	// Ticking a row of the list picks the pupil shown on it.
	row := p.list.CreateItem()
	p.list.UpdateItem(0, row)
	test.Tap(row.(*widget.Check))
	if got := p.count.Text; got != "4 valda · 1 av 6 visas" {
		t.Errorf("count %q", got)
	}
	b.submit()
	m.Wait(t)
	m.Wait(t)
	if s.bulkResult != "4 anmälda, 0 reserver, 0 fanns redan på listan." {
		t.Fatalf("result %q", s.bulkResult)
	}
	rs, err := st.ListRegistrations(ctx, day.ID)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, r := range rs {
		pu, err := st.GetPupil(ctx, r.PupilID)
		if err != nil || r.PersonID != "" {
			t.Fatalf("registration %+v: %v", r, err)
		}
		names = append(names, pu.FirstName)
	}
	slices.Sort(names)
	if want := []string{"Alva", "Lukas", "Omar", "Saga"}; !slices.Equal(names, want) {
		t.Errorf("registered %v, want %v", names, want)
	}
}
