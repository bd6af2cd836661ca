package events

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"techniqual/data"
	"techniqual/ui/internal/uitest"
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
