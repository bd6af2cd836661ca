package ops

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"techniqual/data"
)

// weekWorld is a small teknikprao week in t.TempDir(): one school with
// eight pupils in 9A and 9B, four hosts in Sunne sharing the week ("Ring
// Sunne") and two in Karlstad ("Ring Karlstad"), each with an approved
// offer of blocks Monday–Thursday 08:30–12:00, and a closing session on the
// Friday at Karlstads universitet. Every name in it is made up.
type weekWorld struct {
	st      *data.Store
	path    string
	school  data.Organisation
	period  data.Period
	hosts   []data.Organisation
	offers  []data.Offer
	pupils  []data.Pupil
	closing data.Event
	groups  []data.HostGroup
}

var weekHostNames = []string{"Fryksdals Mekatronik AB", "Klarälvens Kraft AB", "Rottnens Robotik AB", "Mellansjöns Mätteknik AB",
	"Vänerns Data AB", "Inlandsbanans El AB"}

// weekToday is the fixture's "today": in school year 2026/27, like its week.
var weekToday = time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)

// weekClock is the clock of the Store that reads the fixture: the week's
// grade is set so that its pupils (grade 9 in the register) are the week's
// pupils in that clock's school year.
var weekClock = func() time.Time { return weekToday }

// weekGrade is the grade the week had in its school year (2026/27) for
// pupils who are in grade 9 in weekClock's school year.
func weekGrade() int {
	now := weekClock()
	sy := now.Year()
	if now.Month() < time.July {
		sy--
	}
	return max(1, 9-max(0, sy-2026))
}

func day(t testing.TB, s string) time.Time {
	t.Helper()
	d, err := data.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func newWeekWorld(t testing.TB) *weekWorld {
	t.Helper()
	ctx := context.Background()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	w := &weekWorld{path: filepath.Join(t.TempDir(), "week.db")}
	st, err := data.Open(ctx, w.path, data.Options{Now: func() time.Time { return weekToday }})
	must(err)
	t.Cleanup(func() { st.Close() })
	w.st = st
	w.school = data.Organisation{Kind: data.KindSchool, Name: "Västanvindsskolan", Municipality: "Sunne"}
	must(st.SaveOrganisation(ctx, &w.school))
	couns := data.Person{OrganisationID: w.school.ID, FirstName: "Vera", LastName: "Vägledare", Phone: "070-000 00 01", Roles: []data.Role{data.RoleCounsellor}}
	must(st.SavePerson(ctx, &couns))
	w.closing = data.Event{Title: "Teknikveckans avslutning", Kind: data.EventPupil, Venue: "Karlstads universitet",
		Start: time.Date(2026, 11, 13, 9, 0, 0, 0, data.Stockholm), End: time.Date(2026, 11, 13, 12, 0, 0, 0, data.Stockholm)}
	must(st.SaveEvent(ctx, &w.closing))
	w.period = data.Period{Name: "Teknikprao v. 46 2026", Grade: weekGrade(), Start: day(t, "2026-11-09"), End: day(t, "2026-11-13"),
		SchoolIDs: []string{w.school.ID}, Format: data.FormatWeek, ClosingEventID: w.closing.ID}
	must(st.SavePeriod(ctx, &w.period))
	for i, name := range weekHostNames {
		muni := "Sunne"
		if i >= 4 {
			muni = "Karlstad"
		}
		h := data.Organisation{Kind: data.KindCompany, Name: name, Municipality: muni, VisitingAddress: fmt.Sprintf("Verkstadsgatan %d, %s", i+1, muni)}
		must(st.SaveOrganisation(ctx, &h))
		sup := data.Person{OrganisationID: h.ID, FirstName: "Handledare", LastName: fmt.Sprint(i + 1), Title: "ingenjör",
			Journey: "Teknikprogrammet, sedan högskoleingenjör.", Roles: []data.Role{data.RoleSupervisor, data.RoleRoleModel}}
		must(st.SavePerson(ctx, &sup))
		o := data.Offer{HostID: h.ID, PeriodID: w.period.ID, Title: "Teknikmorgon", Capacity: 6, VisitingAddress: h.VisitingAddress,
			SupervisorID: sup.ID, Safety: data.Safety{RiskAssessment: true, ProtectiveGear: true, Introduction: true, SupervisorAdult: true, EmergencyRoutine: true}, Status: data.OfferApproved, RoleModelIDs: []string{sup.ID},
			TravelInfo: "Buss 100 till Verkstadsgatan.", WhatToBring: "Skor med tå-hätta."}
		for _, d := range []string{"2026-11-09", "2026-11-10", "2026-11-11", "2026-11-12"} {
			o.Days = append(o.Days, data.OfferDay{Date: day(t, d), Start: 8*60 + 30, End: 12 * 60, Activities: "Bygg en robot"})
		}
		must(st.SaveOffer(ctx, &o))
		w.hosts = append(w.hosts, h)
		w.offers = append(w.offers, o)
	}
	first := []string{"Alva", "Bilal", "Cornelia", "Dragan", "Elif", "Frej", "Greta", "Hamza"}
	for i, f := range first {
		g := data.GenderGirl
		if i%2 == 1 {
			g = data.GenderBoy
		}
		class := "9A"
		if i >= 4 {
			class = "9B"
		}
		pu := data.Pupil{SchoolID: w.school.ID, FirstName: f, LastName: "Testsson", ClassName: class, Grade: 9, Gender: g}
		must(st.SavePupil(ctx, &pu))
		w.pupils = append(w.pupils, pu)
	}
	w.groups = []data.HostGroup{
		{Name: "Ring Sunne", OfferIDs: []string{w.offers[0].ID, w.offers[1].ID, w.offers[2].ID, w.offers[3].ID}},
		{Name: "Ring Karlstad", OfferIDs: []string{w.offers[4].ID, w.offers[5].ID}},
	}
	must(st.SaveHostGroups(ctx, w.period.ID, w.groups))
	return w
}

// checksum is the database's content checksum: equal means nothing changed.
func (w *weekWorld) checksum(t testing.TB) string {
	t.Helper()
	c, err := w.st.ContentChecksum(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return c
}
