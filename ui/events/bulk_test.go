package events

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

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
	// Filter, then mark all shown: three of the four.
	var three []string
	for _, o := range b.picks.Options {
		if !strings.Contains(o, "Yara") {
			three = append(three, o)
		}
	}
	b.picks.SetSelected(three)
	b.submit()
	m.Wait(t)
	m.Wait(t)
	if s.bulkResult != "2 anmälda, 1 reserver, 0 fanns redan på listan." {
		t.Fatalf("result %q", s.bulkResult)
	}
	// A pasted list with a line nobody matches: nothing changes.
	b = s.newBulkDialog(nil)
	b.tabs.SelectIndex(1)
	b.pasted.SetText("tove.lindh@example.se\nYara Haddad, Forshaga Fiber AB\nNoa Okänd")
	before := s.bulkResult
	b.submit()
	m.Wait(t)
	if c, _ := st.CountEvent(ctx, e.ID); c.Seats() != 2 || c.Waitlisted != 1 || s.bulkResult != before {
		t.Fatalf("a list with an unknown line changed the list: %+v", c)
	}
	b.pasted.SetText("tove.lindh@example.se\nYara Haddad, Forshaga Fiber AB")
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
