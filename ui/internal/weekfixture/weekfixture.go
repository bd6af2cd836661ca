// Package weekfixture builds a small teknikprao week in a real SQLite file
// for the tests of the command line and the operations package, which both
// need the same week: written once here instead of in each. It knows no
// Fyne. Every name in it is made up.
package weekfixture

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"techniqual/data"
)

// World is a small teknikprao week in t.TempDir(): one school with
// eight pupils in 9A and 9B, four hosts in Sunne sharing the week ("Ring
// Sunne") and two in Karlstad ("Ring Karlstad"), each with an approved
// offer of blocks Monday–Thursday 08:30–12:00, and a closing session on the
// Friday at Karlstads universitet. Every name in it is made up.
type World struct {
	St      *data.Store
	Path    string
	School  data.Organisation
	Period  data.Period
	Hosts   []data.Organisation
	Offers  []data.Offer
	Pupils  []data.Pupil
	Closing data.Event
	Groups  []data.HostGroup
}

// HostNames are the hosts' names, in the order of World.Hosts.
var HostNames = []string{"Fryksdals Mekatronik AB", "Klarälvens Kraft AB", "Rottnens Robotik AB", "Mellansjöns Mätteknik AB",
	"Vänerns Data AB", "Inlandsbanans El AB"}

// Today is the fixture's "today": in school year 2026/27, like its week.
var Today = time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)

// weekGrade is the grade the week had in its school year (2026/27) for
// pupils who are in grade 9 in the school year of now.
func weekGrade(now time.Time) int {
	sy := now.Year()
	if now.Month() < time.July {
		sy--
	}
	return max(1, 9-max(0, sy-2026))
}

// Day parses a YYYY-MM-DD date or fails the test.
func Day(t testing.TB, s string) time.Time {
	t.Helper()
	d, err := data.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// New builds the world in t.TempDir(). clock decides the school year the
// week's grade is counted in: the grade is set so that the register's grade-9
// pupils are the week's pupils in clock's school year.
func New(t testing.TB, clock func() time.Time) *World {
	t.Helper()
	ctx := context.Background()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	w := &World{Path: filepath.Join(t.TempDir(), "week.db")}
	st, err := data.Open(ctx, w.Path, data.Options{Now: func() time.Time { return Today }})
	must(err)
	t.Cleanup(func() { st.Close() })
	w.St = st
	w.School = data.Organisation{Kind: data.KindSchool, Name: "Västanvindsskolan", Municipality: "Sunne"}
	must(st.SaveOrganisation(ctx, &w.School))
	couns := data.Person{OrganisationID: w.School.ID, FirstName: "Vera", LastName: "Vägledare", Phone: "070-000 00 01", Roles: []data.Role{data.RoleCounsellor}}
	must(st.SavePerson(ctx, &couns))
	w.Closing = data.Event{Title: "Teknikveckans avslutning", Kind: data.EventPupil, Venue: "Karlstads universitet",
		Start: time.Date(2026, 11, 13, 9, 0, 0, 0, data.Stockholm), End: time.Date(2026, 11, 13, 12, 0, 0, 0, data.Stockholm)}
	must(st.SaveEvent(ctx, &w.Closing))
	w.Period = data.Period{Name: "Teknikprao v. 46 2026", Grade: weekGrade(clock()), Start: Day(t, "2026-11-09"), End: Day(t, "2026-11-13"),
		SchoolIDs: []string{w.School.ID}, Format: data.FormatWeek, ClosingEventID: w.Closing.ID}
	must(st.SavePeriod(ctx, &w.Period))
	for i, name := range HostNames {
		muni := "Sunne"
		if i >= 4 {
			muni = "Karlstad"
		}
		h := data.Organisation{Kind: data.KindCompany, Name: name, Municipality: muni, VisitingAddress: fmt.Sprintf("Verkstadsgatan %d, %s", i+1, muni)}
		must(st.SaveOrganisation(ctx, &h))
		sup := data.Person{OrganisationID: h.ID, FirstName: "Handledare", LastName: fmt.Sprint(i + 1), Title: "ingenjör",
			Journey: "Teknikprogrammet, sedan högskoleingenjör.", Roles: []data.Role{data.RoleSupervisor, data.RoleRoleModel}}
		must(st.SavePerson(ctx, &sup))
		o := data.Offer{HostID: h.ID, PeriodID: w.Period.ID, Title: "Teknikmorgon", Capacity: 6, VisitingAddress: h.VisitingAddress,
			SupervisorID: sup.ID, Safety: data.Safety{RiskAssessment: true, ProtectiveGear: true, Introduction: true, SupervisorAdult: true, EmergencyRoutine: true}, Status: data.OfferApproved, RoleModelIDs: []string{sup.ID},
			TravelInfo: "Buss 100 till Verkstadsgatan.", WhatToBring: "Skor med tå-hätta."}
		for _, d := range []string{"2026-11-09", "2026-11-10", "2026-11-11", "2026-11-12"} {
			o.Days = append(o.Days, data.OfferDay{Date: Day(t, d), Start: 8*60 + 30, End: 12 * 60, Activities: "Bygg en robot"})
		}
		must(st.SaveOffer(ctx, &o))
		w.Hosts = append(w.Hosts, h)
		w.Offers = append(w.Offers, o)
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
		pu := data.Pupil{SchoolID: w.School.ID, FirstName: f, LastName: "Testsson", ClassName: class, Grade: 9, Gender: g}
		must(st.SavePupil(ctx, &pu))
		w.Pupils = append(w.Pupils, pu)
	}
	w.Groups = []data.HostGroup{
		{Name: "Ring Sunne", OfferIDs: []string{w.Offers[0].ID, w.Offers[1].ID, w.Offers[2].ID, w.Offers[3].ID}},
		{Name: "Ring Karlstad", OfferIDs: []string{w.Offers[4].ID, w.Offers[5].ID}},
	}
	must(st.SaveHostGroups(ctx, w.Period.ID, w.Groups))
	return w
}

// Checksum is the database's content checksum: equal means nothing changed.
func (w *World) Checksum(t testing.TB) string {
	t.Helper()
	c, err := w.St.ContentChecksum(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return c
}
