package data

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// eventFixture is an event with capacity 2 and five invited, fictitious
// people at two companies; the clock ticks a second per call so the
// waitlist order is the order of the calls.
type eventFixture struct {
	st     *Store
	event  Event
	people []Person
	orgs   []Organisation
}

func newEventFixture(t *testing.T, capacity int) *eventFixture {
	t.Helper()
	ctx := context.Background()
	clock := time.Date(2026, 10, 1, 8, 0, 0, 0, time.UTC)
	st := newStore(t).With(Options{Now: func() time.Time { clock = clock.Add(time.Second); return clock }})
	f := &eventFixture{st: st}
	for i, name := range []string{"Fryksdals Mekatronik AB", "Klarälvens Kod AB"} {
		o := Organisation{Kind: KindCompany, Name: name}
		if i == 0 {
			o.MemberSince = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
		}
		if err := st.SaveOrganisation(ctx, &o); err != nil {
			t.Fatal(err)
		}
		f.orgs = append(f.orgs, o)
	}
	for i, n := range [][2]string{{"Märta", "Öberg"}, {"Paweł", "Wiśniewski"}, {"Ngọc Ánh", "Nguyễn"}, {"Åsa-Li", "Ek"}, {"Kim", "Sjöberg"}} {
		p := Person{FirstName: n[0], LastName: n[1], OrganisationID: f.orgs[i%2].ID}
		if err := st.SavePerson(ctx, &p); err != nil {
			t.Fatal(err)
		}
		f.people = append(f.people, p)
	}
	f.event = Event{Title: "Nätverksträff", Kind: EventNetwork, Capacity: capacity,
		Start: time.Date(2026, 10, 22, 15, 0, 0, 0, Stockholm), End: time.Date(2026, 10, 22, 18, 0, 0, 0, Stockholm)}
	if err := st.SaveEvent(ctx, &f.event); err != nil {
		t.Fatal(err)
	}
	return f
}

func (f *eventFixture) status(t *testing.T) map[string]RegistrationStatus {
	t.Helper()
	rs, err := f.st.ListRegistrations(context.Background(), f.event.ID)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]RegistrationStatus{}
	for _, r := range rs {
		for _, p := range f.people {
			if p.ID == r.PersonID {
				out[p.FirstName] = r.Status
			}
		}
	}
	return out
}

func TestRegistrationCapacityAndWaitlistPromotion(t *testing.T) {
	ctx := context.Background()
	f := newEventFixture(t, 2)
	n, err := f.st.Invite(ctx, f.event.ID, []string{f.people[0].ID, f.people[1].ID, f.people[0].ID})
	if err != nil || n != 2 {
		t.Fatalf("invite: %d, %v", n, err)
	}
	regs := make([]Registration, len(f.people))
	for i, p := range f.people {
		if regs[i], err = f.st.Register(ctx, f.event.ID, p.ID, ""); err != nil {
			t.Fatal(err)
		}
	}
	want := map[string]RegistrationStatus{"Märta": RegRegistered, "Paweł": RegRegistered,
		"Ngọc Ánh": RegWaitlisted, "Åsa-Li": RegWaitlisted, "Kim": RegWaitlisted}
	if got := f.status(t); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("after registering five for two seats: %v", got)
	}
	// Registering again changes nothing.
	again, err := f.st.Register(ctx, f.event.ID, f.people[2].ID, "")
	if err != nil || again.Status != RegWaitlisted || again.ID != regs[2].ID {
		t.Fatalf("register again: %+v, %v", again, err)
	}

	// A waitlisted person cancelling promotes nobody.
	if p, err := f.st.Cancel(ctx, regs[3].ID); err != nil || p != nil {
		t.Fatalf("cancel waitlisted: promoted %v, %v", p, err)
	}
	// A seat holder cancelling promotes the first waiting (Ngọc Ánh), then Kim.
	p, err := f.st.Cancel(ctx, regs[0].ID)
	if err != nil || p == nil || p.PersonID != f.people[2].ID {
		t.Fatalf("cancel seat: promoted %+v, %v", p, err)
	}
	p, err = f.st.Cancel(ctx, regs[1].ID)
	if err != nil || p == nil || p.PersonID != f.people[4].ID {
		t.Fatalf("second cancel: promoted %+v, %v", p, err)
	}
	want = map[string]RegistrationStatus{"Märta": RegCancelled, "Paweł": RegCancelled,
		"Ngọc Ánh": RegRegistered, "Åsa-Li": RegCancelled, "Kim": RegRegistered}
	if got := f.status(t); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("after cancellations: %v", got)
	}
	// Cancelling twice is harmless; a cancelled person registering again
	// joins the back of the waitlist.
	if _, err := f.st.Cancel(ctx, regs[0].ID); err != nil {
		t.Fatal(err)
	}
	back, err := f.st.Register(ctx, f.event.ID, f.people[0].ID, "")
	if err != nil || back.Status != RegWaitlisted {
		t.Fatalf("re-register: %+v, %v", back, err)
	}
	// More seats promote the waitlist.
	if err := f.st.SetCapacity(ctx, f.event.ID, 3); err != nil {
		t.Fatal(err)
	}
	if got := f.status(t)["Märta"]; got != RegRegistered {
		t.Errorf("after raising capacity Märta is %s", got)
	}
}

func TestUnlimitedEventNeverWaitlists(t *testing.T) {
	f := newEventFixture(t, 0)
	for _, p := range f.people {
		r, err := f.st.Register(context.Background(), f.event.ID, p.ID, "")
		if err != nil || r.Status != RegRegistered {
			t.Fatalf("%s: %+v %v", p.Name(), r, err)
		}
	}
}

func TestCheckInIsIdempotentAndUndoable(t *testing.T) {
	ctx := context.Background()
	f := newEventFixture(t, 10)
	a, _ := f.st.Register(ctx, f.event.ID, f.people[0].ID, "")
	b, _ := f.st.Register(ctx, f.event.ID, f.people[1].ID, "")

	r1, changed, err := f.st.CheckIn(ctx, a.ID)
	if err != nil || !changed || r1.Status != RegAttended || r1.CheckedInAt.IsZero() {
		t.Fatalf("check in: %+v %v %v", r1, changed, err)
	}
	r2, changed, err := f.st.CheckIn(ctx, a.ID)
	if err != nil || changed || !r2.CheckedInAt.Equal(r1.CheckedInAt) {
		t.Fatalf("second check-in must change nothing: %+v %v %v", r2, changed, err)
	}
	if _, _, err := f.st.CheckIn(ctx, b.ID); err != nil {
		t.Fatal(err)
	}
	rs, _ := f.st.ListRegistrations(ctx, f.event.ID)
	if c := CountRegistrations(rs); c.Attended != 2 || c.Expected() != 2 {
		t.Fatalf("counts %+v", c)
	}
	undone, err := f.st.UndoLastCheckIn(ctx, f.event.ID)
	if err != nil || undone.ID != b.ID || undone.Status != RegRegistered || !undone.CheckedInAt.IsZero() {
		t.Fatalf("undo last: %+v %v", undone, err)
	}
	undone, err = f.st.UndoLastCheckIn(ctx, f.event.ID)
	if err != nil || undone.ID != a.ID {
		t.Fatalf("undo again: %+v %v", undone, err)
	}
	if _, err := f.st.UndoLastCheckIn(ctx, f.event.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("undo with nobody checked in: %v", err)
	}
}

func TestWalkInIsRegisteredAndCheckedIn(t *testing.T) {
	ctx := context.Background()
	f := newEventFixture(t, 1)
	if _, err := f.st.Register(ctx, f.event.ID, f.people[0].ID, ""); err != nil {
		t.Fatal(err)
	}
	// A new person at a new organisation, though the event is full.
	r, p, err := f.st.WalkIn(ctx, f.event.ID, "Robin", "Lindqvist", "Värmlandsdata AB")
	if err != nil || r.Status != RegAttended || p.Name() != "Robin Lindqvist" {
		t.Fatalf("walk-in: %+v %+v %v", r, p, err)
	}
	o, err := f.st.GetOrganisation(ctx, p.OrganisationID)
	if err != nil || o.Name != "Värmlandsdata AB" {
		t.Fatalf("organisation: %+v %v", o, err)
	}
	// A known person at a known organisation (any case) is not duplicated.
	r2, p2, err := f.st.WalkIn(ctx, f.event.ID, "paweł", "wiśniewski", "klarälvens kod ab")
	if err != nil || p2.ID != f.people[1].ID || r2.Status != RegAttended {
		t.Fatalf("known walk-in: %+v %+v %v", r2, p2, err)
	}
	// Twice is harmless.
	r3, _, err := f.st.WalkIn(ctx, f.event.ID, "Robin", "Lindqvist", "Värmlandsdata AB")
	if err != nil || r3.ID != r.ID {
		t.Fatalf("walk-in again: %+v %v", r3, err)
	}
	fu, err := f.st.FollowUp(ctx, f.event.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(fu.Attended) != 2 || len(fu.NewOrgs) != 2 || fu.Counts.Registered != 1 {
		t.Errorf("follow-up %+v", fu)
	}
	n, err := f.st.CloseEvent(ctx, f.event.ID)
	if err != nil || n != 1 {
		t.Fatalf("close: %d %v", n, err)
	}
	fu, _ = f.st.FollowUp(ctx, f.event.ID)
	if len(fu.NoShows) != 1 || fu.NoShows[0].ID != f.people[0].ID {
		t.Errorf("no-shows %+v", fu.NoShows)
	}
	part, err := f.st.Participation(ctx)
	if err != nil || len(part) != 3 {
		t.Fatalf("participation %+v %v", part, err)
	}
	for _, op := range part {
		if op.Organisation.Name == "Fryksdals Mekatronik AB" && op.Attended != 0 {
			t.Errorf("Fryksdals: %+v", op)
		}
	}
	ppl, err := f.st.PeopleOfOrganisations(ctx, []string{f.orgs[0].ID})
	if err != nil || len(ppl) != 3 {
		t.Errorf("people of org: %d %v", len(ppl), err)
	}
	mem, err := f.st.MemberCompanies(ctx)
	if err != nil || len(mem) != 1 {
		t.Errorf("members: %+v %v", mem, err)
	}
}

// A pupil event's follow-up names its pupils and lists every pupil holding
// a seat (found by use: "Kom (0)" with three pupils checked in); a pupil
// deleted from the register is in no count.
func TestFollowUpOfAPupilEvent(t *testing.T) {
	ctx := context.Background()
	f := newEventFixture(t, 0)
	school := Organisation{Kind: KindSchool, Name: "Tingvallaskolan"}
	if err := f.st.SaveOrganisation(ctx, &school); err != nil {
		t.Fatal(err)
	}
	regs := map[string]Registration{}
	for _, n := range [][2]string{{"Alva", "Berg"}, {"Bilal", "Dahl"}, {"Clara", "Ek"}, {"Dino", "Falk"}} {
		pu := Pupil{SchoolID: school.ID, FirstName: n[0], LastName: n[1], ClassName: "8A", Grade: 8}
		if err := f.st.SavePupil(ctx, &pu); err != nil {
			t.Fatal(err)
		}
		r, err := f.st.Register(ctx, f.event.ID, "", pu.ID)
		if err != nil {
			t.Fatal(err)
		}
		regs[n[0]] = r
	}
	for _, n := range []string{"Alva", "Clara"} {
		if _, _, err := f.st.CheckIn(ctx, regs[n].ID); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.st.DeletePupil(ctx, regs["Dino"].PupilID); err != nil {
		t.Fatal(err)
	}
	fu, err := f.st.FollowUp(ctx, f.event.ID)
	if err != nil {
		t.Fatal(err)
	}
	names := func(ps []Pupil) string {
		var out []string
		for _, p := range ps {
			out = append(out, p.Name())
		}
		return strings.Join(out, ", ")
	}
	if got := names(fu.AttendedPupils); got != "Alva Berg, Clara Ek" {
		t.Errorf("attended pupils %q", got)
	}
	if got := names(fu.SeatPupils); len(fu.SeatPupils) != 3 || !strings.Contains(got, "Bilal Dahl") {
		t.Errorf("pupils with a seat %q", got)
	}
	if len(fu.NoShowPupils) != 0 {
		t.Errorf("no-shows before the event is over: %q", names(fu.NoShowPupils))
	}
	if _, err := f.st.CloseEvent(ctx, f.event.ID); err != nil {
		t.Fatal(err)
	}
	if fu, _ = f.st.FollowUp(ctx, f.event.ID); names(fu.NoShowPupils) != "Bilal Dahl" {
		t.Errorf("no-shows after closing %q", names(fu.NoShowPupils))
	}
	// The participant list's rows carry the pupil's class.
	ps, err := f.st.EventParticipants(ctx, f.event.ID)
	if err != nil || len(ps) != 3 || ps[0].Class != "8A" || ps[0].Organisation != "Tingvallaskolan" {
		t.Errorf("participants %+v %v", ps, err)
	}
}

// The door checks in someone of the register who is not registered: a
// contact never on the list, an invited one and a cancelled one; a second
// time changes nothing, and nobody is named twice.
func TestCheckInUnlisted(t *testing.T) {
	ctx := context.Background()
	f := newEventFixture(t, 1)
	if _, err := f.st.Register(ctx, f.event.ID, f.people[0].ID, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := f.st.Invite(ctx, f.event.ID, []string{f.people[1].ID}); err != nil {
		t.Fatal(err)
	}
	cancelled, err := f.st.Register(ctx, f.event.ID, f.people[2].ID, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.st.Cancel(ctx, cancelled.ID); err != nil {
		t.Fatal(err)
	}
	for _, p := range []Person{f.people[3], f.people[1], f.people[2], f.people[3]} {
		r, err := f.st.CheckInUnlisted(ctx, f.event.ID, p.ID, "")
		if err != nil || r.Status != RegAttended || r.PersonID != p.ID {
			t.Fatalf("%s: %+v %v", p.Name(), r, err)
		}
	}
	rs, _ := f.st.ListRegistrations(ctx, f.event.ID)
	if c := CountRegistrations(rs); len(rs) != 4 || c.Attended != 3 || c.Registered != 1 {
		t.Errorf("%d registrations, counts %+v", len(rs), c)
	}
	for _, bad := range [][2]string{{"", ""}, {f.people[4].ID, "x"}, {"no-such-person", ""}} {
		if _, err := f.st.CheckInUnlisted(ctx, f.event.ID, bad[0], bad[1]); err == nil {
			t.Errorf("%q/%q was checked in", bad[0], bad[1])
		}
	}
	if rs2, _ := f.st.ListRegistrations(ctx, f.event.ID); len(rs2) != 4 {
		t.Errorf("a refused check-in changed the list: %d", len(rs2))
	}
}

// TestUndoCheckInTo: Ångra at the door puts a registration back as it was
// before the check-in; one the check-in made is cancelled, so that closing
// the event does not count the person a no-show (review).
func TestUndoCheckInTo(t *testing.T) {
	ctx := context.Background()
	f := newEventFixture(t, 1)
	if n, err := f.st.Invite(ctx, f.event.ID, []string{f.people[1].ID}); err != nil || n != 1 {
		t.Fatalf("invite: %d, %v", n, err)
	}
	cases := []struct {
		name   string
		person Person
		before RegistrationStatus
		want   RegistrationStatus
	}{
		{"not on the list", f.people[0], "", RegCancelled},
		{"invited", f.people[1], RegInvited, RegInvited},
		{"registered", f.people[2], RegRegistered, RegRegistered},
	}
	if _, err := f.st.Register(ctx, f.event.ID, f.people[2].ID, ""); err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, err := f.st.CheckInUnlisted(ctx, f.event.ID, c.person.ID, "")
			if err != nil || r.Status != RegAttended {
				t.Fatalf("check in: %+v %v", r, err)
			}
			got, err := f.st.UndoCheckInTo(ctx, r.ID, c.before)
			if err != nil || got.Status != c.want || !got.CheckedInAt.IsZero() {
				t.Fatalf("undone to %q (checked in %v), %v; want %q", got.Status, got.CheckedInAt, err, c.want)
			}
			// Undoing again changes nothing: it is no longer checked in.
			if again, err := f.st.UndoCheckInTo(ctx, r.ID, ""); err != nil || again.Status != c.want {
				t.Errorf("a second undo: %q, %v", again.Status, err)
			}
		})
	}
	if n, err := f.st.CloseEvent(ctx, f.event.ID); err != nil {
		t.Fatal(err)
	} else if rs, _ := f.st.ListRegistrations(ctx, f.event.ID); n != 1 {
		t.Errorf("closing marked %d no-shows (only the one registered is one): %+v", n, rs)
	}
}
