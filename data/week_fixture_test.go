package data

import (
	"context"
	"fmt"
	"testing"
	"time"
)

// weekWorld is a teknikprao week: one school with eight pupils in 9A and
// 9B, four hosts in Sunne sharing the week (group "Ring Sunne") and two in
// Karlstad (group "Ring Karlstad"), each with an approved offer of blocks
// Monday–Thursday 08:30–12:00, and a closing session on the Friday. Every
// name in it is made up.
type weekWorld struct {
	school  Organisation
	period  Period
	hosts   []Organisation
	offers  []Offer
	pupils  []Pupil
	closing Event
}

func mustT(t testing.TB) func(error) {
	return func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
}

var weekHostNames = []string{"Fryksdals Mekatronik AB", "Klarälvens Kraft AB", "Rottnens Robotik AB", "Mellansjöns Mätteknik AB",
	"Vänerns Data AB", "Inlandsbanans El AB"}

func newWeekWorld(t testing.TB, st *Store) *weekWorld {
	t.Helper()
	ctx := context.Background()
	must := mustT(t)
	w := &weekWorld{}
	w.school = Organisation{Kind: KindSchool, Name: "Västanvindsskolan", Municipality: "Sunne"}
	must(st.SaveOrganisation(ctx, &w.school))
	w.closing = Event{Title: "Teknikveckans avslutning", Kind: EventPupil, Venue: "Karlstads universitet",
		Start: time.Date(2026, 11, 13, 9, 0, 0, 0, Stockholm), End: time.Date(2026, 11, 13, 12, 0, 0, 0, Stockholm)}
	must(st.SaveEvent(ctx, &w.closing))
	w.period = Period{Name: "Teknikprao v. 46 2026", Grade: 9, Start: mustDate("2026-11-09"), End: mustDate("2026-11-13"),
		SchoolIDs: []string{w.school.ID}, Format: FormatWeek, ClosingEventID: w.closing.ID}
	must(st.SavePeriod(ctx, &w.period))
	for i, name := range weekHostNames {
		muni := "Sunne"
		if i >= 4 {
			muni = "Karlstad"
		}
		h := Organisation{Kind: KindCompany, Name: name, Municipality: muni, VisitingAddress: fmt.Sprintf("Verkstadsgatan %d, %s", i+1, muni)}
		must(st.SaveOrganisation(ctx, &h))
		sup := Person{OrganisationID: h.ID, FirstName: "Handledare", LastName: fmt.Sprint(i + 1), Roles: []Role{RoleSupervisor, RoleRoleModel}}
		must(st.SavePerson(ctx, &sup))
		o := Offer{HostID: h.ID, PeriodID: w.period.ID, Title: "Teknikmorgon", Capacity: 6, VisitingAddress: h.VisitingAddress,
			SupervisorID: sup.ID, Safety: Safety{true, true, true, true, true}, Status: OfferApproved, RoleModelIDs: []string{sup.ID}}
		for _, d := range []string{"2026-11-09", "2026-11-10", "2026-11-11", "2026-11-12"} {
			o.Days = append(o.Days, OfferDay{Date: mustDate(d), Start: 8*60 + 30, End: 12 * 60, Activities: "Bygg en robot"})
		}
		must(st.SaveOffer(ctx, &o))
		w.hosts = append(w.hosts, h)
		w.offers = append(w.offers, o)
	}
	first := []string{"Alva", "Bilal", "Cornelia", "Dragan", "Elif", "Frej", "Greta", "Hamza"}
	for i, f := range first {
		g := GenderGirl
		if i%2 == 1 {
			g = GenderBoy
		}
		class := "9A"
		if i >= 4 {
			class = "9B"
		}
		pu := Pupil{SchoolID: w.school.ID, FirstName: f, LastName: "Testsson", ClassName: class, Grade: 9, Gender: g}
		must(st.SavePupil(ctx, &pu))
		w.pupils = append(w.pupils, pu)
	}
	return w
}

// groups saves "Ring Sunne" (hosts 0–3) and "Ring Karlstad" (hosts 4–5).
func (w *weekWorld) groups(t testing.TB, st *Store) []HostGroup {
	t.Helper()
	gs := []HostGroup{
		{Name: "Ring Sunne", OfferIDs: []string{w.offers[0].ID, w.offers[1].ID, w.offers[2].ID, w.offers[3].ID}},
		{Name: "Ring Karlstad", OfferIDs: []string{w.offers[4].ID, w.offers[5].ID}},
	}
	mustT(t)(st.SaveHostGroups(context.Background(), w.period.ID, gs))
	return gs
}

// block returns the key of host h's block on day d (0 = Monday).
func (w *weekWorld) block(h, d int) string { return w.offers[h].Days[d].ID }

func (w *weekWorld) pupilIDs(idx ...int) []string {
	var out []string
	for _, i := range idx {
		out = append(out, w.pupils[i].ID)
	}
	return sortedCopy(out)
}

func checksum(t testing.TB, st *Store) string {
	t.Helper()
	c, err := st.ContentChecksum(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// weekToday is the fixed "today" of the week tests: in school year 2026/27,
// like the fixture's week, whatever the machine's clock says.
var weekToday = time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)

// newWeekStore opens a fresh database whose clock is weekToday.
func newWeekStore(t testing.TB) *Store {
	t.Helper()
	return newStore(t).With(Options{Now: func() time.Time { return weekToday }})
}
