package events

import (
	"context"
	"strings"
	"testing"
	"time"

	"techniqual/data"
	"techniqual/ui/internal/uitest"
)

// pupilEventFixture is a pupil event at Tingvallaskolan's grade 8 (made-up
// pupils): regs are the registered pupils by first name; Dag Lund is in
// the register but not registered.
func pupilEventFixture(t *testing.T, st *data.Store) (data.Event, map[string]data.Registration) {
	t.Helper()
	ctx := context.Background()
	school := data.Organisation{Kind: data.KindSchool, Name: "Tingvallaskolan"}
	if err := st.SaveOrganisation(ctx, &school); err != nil {
		t.Fatal(err)
	}
	e := data.Event{Title: "Teknikdag för elever", Kind: data.EventPupil, Venue: "Karlstads universitet",
		Start: time.Date(2026, 12, 10, 9, 0, 0, 0, data.Stockholm), End: time.Date(2026, 12, 10, 14, 0, 0, 0, data.Stockholm)}
	if err := st.SaveEvent(ctx, &e); err != nil {
		t.Fatal(err)
	}
	regs := map[string]data.Registration{}
	for _, p := range []struct {
		first, last, class string
		g                  data.Gender
		register           bool
	}{{"Alva", "Andersson", "8A", data.GenderGirl, true}, {"Bilal", "Hassan", "8A", data.GenderBoy, true},
		{"Clara", "Nilsson", "8A", data.GenderGirl, true}, {"Greta", "Sjö", "8B", data.GenderGirl, true},
		{"Hugo", "Holm", "8B", data.GenderBoy, true}, {"Ida", "Ström", "8B", data.GenderGirl, true},
		{"Maja", "Berg", "8B", data.GenderGirl, true}, {"Dag", "Lund", "8B", data.GenderBoy, false}} {
		pu := data.Pupil{SchoolID: school.ID, FirstName: p.first, LastName: p.last, ClassName: p.class, Grade: 8, Gender: p.g}
		if err := st.SavePupil(ctx, &pu); err != nil {
			t.Fatal(err)
		}
		if !p.register {
			continue
		}
		r, err := st.Register(ctx, e.ID, "", pu.ID)
		if err != nil {
			t.Fatal(err)
		}
		regs[p.first] = r
	}
	return e, regs
}

// Found by use: three pupils checked in at the door, and Uppföljning still
// said "Kom (0): –" after the door was closed. It counts the pupils, is
// read anew when the door closes, and shows the pupils by gender with the
// small groups hidden (two boys of seven: the girls are hidden too, as
// the list says seven).
func TestFollowUpAfterTheDoorCloses(t *testing.T) {
	st := uitest.OpenStore(t)
	e, _ := pupilEventFixture(t, st)
	m, s := openOnEvent(t, st, &e, e.Start)
	m.SetNow(e.Start)
	if !strings.Contains(s.followUp.Text, "Kom (0): –") {
		t.Fatalf("before the door: %q", s.followUp.Text)
	}
	if want := "Anmälda elever: flickor .. · pojkar <5 · annat eller ej angivet 0"; !strings.Contains(s.followUp.Text, want) {
		t.Errorf("registered by gender: %q, want %q", s.followUp.Text, want)
	}
	s.onCheckin()
	m.Wait(t)
	v := s.lastCheckin
	for _, n := range []string{"Alva Andersson", "Bilal Hassan", "Greta Sjö"} {
		v.search.SetText(n)
		pressEnter(v.search)
		m.Wait(t)
	}
	v.win.Close()
	m.Wait(t)
	m.Wait(t)
	for _, want := range []string{"Kom (3): Alva Andersson, Bilal Hassan, Greta Sjö",
		"Närvarande elever: flickor <5 · pojkar <5 · annat eller ej angivet 0"} {
		if !strings.Contains(s.followUp.Text, want) {
			t.Errorf("after the door closed: %q, want %q", s.followUp.Text, want)
		}
	}
	if !strings.Contains(s.countLbl.Text, "närvarande 3") {
		t.Errorf("counts %q", s.countLbl.Text)
	}
}
