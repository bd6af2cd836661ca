package data

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"techniqual/data/text"
)

func TestCheckInWarnings(t *testing.T) {
	f := newEventFixture(t, 2)
	ctx := context.Background()
	var regs []Registration
	for _, p := range f.people[:3] {
		r, err := f.st.Register(ctx, f.event.ID, p.ID, "")
		if err != nil {
			t.Fatal(err)
		}
		regs = append(regs, r)
	}
	rs, _ := f.st.ListRegistrations(ctx, f.event.ID)
	onDay := time.Date(2026, 10, 22, 14, 30, 0, 0, Stockholm)
	early := onDay.AddDate(0, 0, -14)
	invited := Registration{Status: RegInvited}
	for _, c := range []struct {
		name string
		r    Registration
		now  time.Time
		want string
	}{
		{"seat holder on the day", regs[0], onDay, ""},
		{"reserve at a full event", regs[2], onDay, "reserve over_capacity"},
		{"seat holder 14 days early", regs[0], early, "wrong_day"},
		{"reserve 14 days early", regs[2], early, "reserve over_capacity wrong_day"},
		{"invited at a full event", invited, onDay, "not_registered over_capacity"},
		{"the day after", regs[1], onDay.AddDate(0, 0, 1), "wrong_day"},
		{"late that evening (UTC next day is still the day)", regs[1], time.Date(2026, 10, 22, 23, 30, 0, 0, Stockholm), ""},
	} {
		var got []string
		for _, w := range CheckInWarnings(f.event, rs, c.r, c.now) {
			got = append(got, string(w))
		}
		if strings.Join(got, " ") != c.want {
			t.Errorf("%s: %v, want %q", c.name, got, c.want)
		}
	}
	present := regs[0]
	present.Status = RegAttended
	if w := CheckInWarnings(f.event, rs, present, early); w != nil {
		t.Errorf("someone present gets %v", w)
	}
}

func TestBadgeCodeIsShortAndOfOneRegistration(t *testing.T) {
	f := newEventFixture(t, 0)
	ctx := context.Background()
	seen := map[string]string{}
	for _, p := range f.people {
		r, err := f.st.Register(ctx, f.event.ID, p.ID, "")
		if err != nil {
			t.Fatal(err)
		}
		c := BadgeCode(r.ID)
		if len(c) != 10 || !strings.HasPrefix(c, "TQ") || strings.ToUpper(c) != c {
			t.Errorf("code %q", c)
		}
		if other, dup := seen[c]; dup {
			t.Errorf("%s and %s share %s", other, r.ID, c)
		}
		seen[c] = r.ID
	}
}

// One count for one event: a registration of a deleted person is in no
// count, and the one summary says held seats, reserves and present.
func TestCountEventLeavesOutDeletedPeople(t *testing.T) {
	f := newEventFixture(t, 2)
	ctx := context.Background()
	for _, p := range f.people[:4] {
		if _, err := f.st.Register(ctx, f.event.ID, p.ID, ""); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.st.DeletePerson(ctx, f.people[3].ID); err != nil {
		t.Fatal(err)
	}
	c, err := f.st.CountEvent(ctx, f.event.ID)
	if err != nil {
		t.Fatal(err)
	}
	if c.Seats() != 2 || c.Waitlisted != 1 {
		t.Errorf("counts %+v", c)
	}
	ps, _ := f.st.EventParticipants(ctx, f.event.ID)
	if len(ps) != c.Seats()+c.Waitlisted {
		t.Errorf("%d participants, counts %+v", len(ps), c)
	}
	if got := c.Summary(2, text.Swedish); got != "anmälda 2 av 2 · reserver 1 · närvarande 0" {
		t.Errorf("summary %q", got)
	}
	if got := c.Summary(0, text.English); got != "registered 2 · reserves 1 · present 0" {
		t.Errorf("summary %q", got)
	}
	if StatusWord(RegAttended, text.Swedish) != "närvarande" || StatusWord(RegAttended, text.English) != "present" {
		t.Error("status words")
	}
}

func TestRegisterManyAndPromotedReserves(t *testing.T) {
	f := newEventFixture(t, 2)
	ctx := context.Background()
	ids := []string{f.people[0].ID, f.people[1].ID, f.people[2].ID, f.people[0].ID}
	res, err := f.st.RegisterMany(ctx, f.event.ID, ids, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res != (BulkRegistered{Registered: 2, Waitlisted: 1, Already: 1}) {
		t.Errorf("bulk %+v", res)
	}
	rs, _ := f.st.ListRegistrations(ctx, f.event.ID)
	var first Registration
	for _, r := range rs {
		if r.PersonID == f.people[0].ID {
			first = r
		}
	}
	if _, err := f.st.Cancel(ctx, first.ID); err != nil {
		t.Fatal(err)
	}
	up, err := f.st.PromotedReserves(ctx, f.event.ID)
	if err != nil || len(up) != 1 || up[0].Name != f.people[2].Name() {
		t.Fatalf("promoted %+v %v", up, err)
	}
	letter := PromotedLetter(f.event, up[0].Name, text.Swedish)
	for _, want := range []string{"Hej Ngọc Ánh Nguyễn!", "Nätverksträff", "torsdag 22 oktober 2026, 15:00–18:00", "nästa reserv"} {
		if !strings.Contains(letter, want) {
			t.Errorf("letter lacks %q:\n%s", want, letter)
		}
	}
	if en := PromotedLetter(f.event, "Kim", text.English); !strings.Contains(en, "Thursday 22 October 2026") {
		t.Errorf("English letter:\n%s", en)
	}
}

func TestRegisterListIsAllOrNothing(t *testing.T) {
	f := newEventFixture(t, 0)
	ctx := context.Background()
	f.people[0].Email = "marta.oberg@example.se"
	if err := f.st.SavePerson(ctx, &f.people[0]); err != nil {
		t.Fatal(err)
	}
	_, err := f.st.RegisterList(ctx, f.event.ID, []string{"# anmälda", "MARTA.OBERG@example.se", "Nobody Here", "", "paweł wiśniewski"})
	var le *ListLineError
	if !errors.As(err, &le) || len(le.Unknown) != 1 || le.Unknown[0] != 3 {
		t.Fatalf("err %v", err)
	}
	if !strings.Contains(le.Message(text.Swedish), "rad 3") {
		t.Errorf("message %q", le.Message(text.Swedish))
	}
	if c, _ := f.st.CountEvent(ctx, f.event.ID); c.Seats() != 0 {
		t.Fatalf("a bad list registered %+v", c)
	}
	res, err := f.st.RegisterList(ctx, f.event.ID, []string{"marta.oberg@example.se", "Paweł Wiśniewski; Klarälvens Kod AB", "Kim Sjöberg"})
	if err != nil || res.Registered != 3 {
		t.Fatalf("res %+v err %v", res, err)
	}
}
