package stattest

import (
	"context"
	"fmt"
	"time"

	"techniqual/data"
)

// WeekFixture is what BuildWeeks made on top of BuildYears.
type WeekFixture struct {
	YearFixture
	SchoolC string // "Kilskolan", Kil: 5 grade-8 pupils only in a week
	// Week1 is "Teknikprao åk 8 v. 48 2026" (2026-11-23..27, schools A, B
	// and C), Week2 "Teknikprao åk 8 v. 3 2027" (2027-01-18..22, school A)
	// and Week3 "Teknikprao åk 9 v. 10 2027" (2027-03-08..12, school A, no
	// team: not planned yet).
	Week1, Week2, Week3 string
	// Hosts are the week's four hosts of "Ring Karlstad" and Kil's one.
	Hosts []string
}

// BuildWeeks fills st with BuildYears's data and three teknikprao weeks.
// In Week1, group "Ring Karlstad" (hosts H0–H3, blocks Monday–Thursday
// 08:30–12:00, one team each) and "Ring Kil" (H4, a Monday block, no
// team). Team t is at host (t+day) mod 4 on each day:
//
//	T1: Alva, Elsa, Maja (girls), Liam, Noah (boys)   school A, every day
//	T2: Saga, Ines (girls), Hugo, Otto, Adam (boys)    school A, every day
//	T3: Ella, Selma (girls), Oscar, Viktor, Alvin      school B, every day
//	T4: Cleo (girl), Caspar, Carl, Colin, Cyrus (boys) school C, Monday and Tuesday only
//	unteamed: Tuva (A)
//
// T4 breaks the composition rule (Cleo is the only girl). Attendance is
// recorded for T1 only: present in every block but Alva, sick on Tuesday
// (so she met 3 hosts). Hosts met: 5 pupils 2 (T4), 1 pupil 3, 14 pupils 4.
// Role models: H0 has two, "Ingenjör" and "Programmerare" (every pupil
// meets H0), H1 "Ingenjör", H2 "Svetsare", H3 one without a profession,
// H4 "Elektriker"; so 69 hosts and 89 role models met by 20 pupils.
// Feedback (anonymous): 12 answers on H0's blocks (fun 4, learned 5, four
// of them people 3, interest unanswered) and 3 on H4's (fun 2).
//
// Week2: one team, T5: Wilma, Nora (girls), Elias, Leo (boys), Kim
// (unspecified), school A, every day, at the same hosts. Nothing recorded.
func BuildWeeks(ctx context.Context, st *data.Store) (WeekFixture, error) {
	var fx WeekFixture
	base, err := BuildYears(ctx, st)
	if err != nil {
		return fx, err
	}
	fx.YearFixture = base
	var errs []error
	must := func(e error) {
		if e != nil {
			errs = append(errs, e)
		}
	}
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	c := data.Organisation{Kind: data.KindSchool, Name: "Kilskolan", Municipality: "Kil"}
	must(st.SaveOrganisation(ctx, &c))
	fx.SchoolC = c.ID
	pupils, err := st.ListPupils(ctx, data.PupilFilter{Grade: 8})
	if err != nil {
		return fx, err
	}
	id := map[string]string{}
	for _, p := range pupils {
		id[p.FirstName] = p.ID
	}
	for i, name := range []string{"Cleo", "Caspar", "Carl", "Colin", "Cyrus"} {
		g := data.GenderBoy
		if i == 0 {
			g = data.GenderGirl
		}
		pu := data.Pupil{SchoolID: c.ID, FirstName: name, LastName: "Testsson", ClassName: "8K", Grade: 8, Gender: g}
		must(st.SavePupil(ctx, &pu))
		id[name] = pu.ID
	}
	type host struct {
		name, muni string
		titles     []string
	}
	hosts := []host{{"Karlstad Mekatronik AB", "Karlstad", []string{"Ingenjör", "Programmerare"}},
		{"Klarälvens Kraft AB", "Karlstad", []string{"Ingenjör"}}, {"Rottnens Svets AB", "Karlstad", []string{"Svetsare"}},
		{"Mellansjöns Mätteknik AB", "Karlstad", []string{""}}, {"Kils Elteknik AB", "Kil", []string{"Elektriker"}}}
	type hostRow struct {
		org    data.Organisation
		people []string
	}
	var hs []hostRow
	for i, h := range hosts {
		o := data.Organisation{Kind: data.KindCompany, Name: h.name, Municipality: h.muni, VisitingAddress: fmt.Sprintf("Verkstadsgatan %d", i+1)}
		must(st.SaveOrganisation(ctx, &o))
		row := hostRow{org: o}
		for j, title := range h.titles {
			p := data.Person{OrganisationID: o.ID, FirstName: "Förebild", LastName: fmt.Sprintf("%d-%d", i, j), Title: title,
				Roles: []data.Role{data.RoleSupervisor, data.RoleRoleModel}}
			must(st.SavePerson(ctx, &p))
			row.people = append(row.people, p.ID)
		}
		hs = append(hs, row)
		fx.Hosts = append(fx.Hosts, o.ID)
	}
	if len(errs) > 0 {
		return fx, errs[0]
	}
	// week makes a week period with the hosts' offers (days: the weekdays
	// of its blocks, from Monday) and its groups; it returns the period
	// and each host's offer.
	week := func(name string, grade int, monday time.Time, schools []string, days []int) (data.Period, []data.Offer, []data.HostGroup) {
		p := data.Period{Name: name, Grade: grade, Start: monday, End: monday.AddDate(0, 0, 4), SchoolIDs: schools,
			Format: data.FormatWeek, Status: data.PeriodDone}
		must(st.SavePeriod(ctx, &p))
		var offers []data.Offer
		for i, h := range hs {
			o := data.Offer{HostID: h.org.ID, PeriodID: p.ID, Title: "Teknikmorgon", Capacity: 6, VisitingAddress: h.org.VisitingAddress,
				SupervisorID: h.people[0], Safety: data.Safety{RiskAssessment: true, ProtectiveGear: true, Introduction: true, SupervisorAdult: true, EmergencyRoutine: true},
				Status: data.OfferApproved, RoleModelIDs: h.people}
			n := days[i]
			for d := range n {
				o.Days = append(o.Days, data.OfferDay{Date: monday.AddDate(0, 0, d), Start: 8*60 + 30, End: 12 * 60, Activities: "Bygg något"})
			}
			must(st.SaveOffer(ctx, &o))
			offers = append(offers, o)
		}
		gs := []data.HostGroup{{Name: "Ring Karlstad", OfferIDs: []string{offers[0].ID, offers[1].ID, offers[2].ID, offers[3].ID}},
			{Name: "Ring Kil", OfferIDs: []string{offers[4].ID}}}
		must(st.SaveHostGroups(ctx, p.ID, gs))
		return p, offers, gs
	}
	// route is team t's blocks on the given days (host (t+d) mod 4).
	route := func(offers []data.Offer, t int, days ...int) []string {
		var out []string
		for _, d := range days {
			out = append(out, offers[(t+d)%4].Days[d].ID)
		}
		return out
	}
	ids := func(names ...string) []string {
		var out []string
		for _, n := range names {
			out = append(out, id[n])
		}
		return out
	}
	w1, o1, g1 := week("Teknikprao åk 8 v. 48 2026", 8, day(2026, 11, 23), []string{base.SchoolA, base.SchoolB, c.ID}, []int{4, 4, 4, 4, 1})
	if len(errs) > 0 {
		return fx, errs[0]
	}
	teams := []data.Team{
		{GroupID: g1[0].ID, Name: "T1", PupilIDs: ids("Alva", "Elsa", "Maja", "Liam", "Noah"), BlockIDs: route(o1, 0, 0, 1, 2, 3)},
		{GroupID: g1[0].ID, Name: "T2", PupilIDs: ids("Saga", "Ines", "Hugo", "Otto", "Adam"), BlockIDs: route(o1, 1, 0, 1, 2, 3)},
		{GroupID: g1[0].ID, Name: "T3", PupilIDs: ids("Ella", "Selma", "Oscar", "Viktor", "Alvin"), BlockIDs: route(o1, 2, 0, 1, 2, 3)},
		{GroupID: g1[0].ID, Name: "T4", PupilIDs: ids("Cleo", "Caspar", "Carl", "Colin", "Cyrus"), BlockIDs: route(o1, 3, 0, 1),
			Why: "Cleo är ensam flicka i teamet."},
	}
	must(st.SaveWeekPlan(ctx, w1.ID, teams, []data.Unteamed{{PupilID: id["Tuva"], Why: "Sjuk hela veckan."}}))
	for _, p := range ids("Alva", "Elsa", "Maja", "Liam", "Noah") {
		for d, b := range route(o1, 0, 0, 1, 2, 3) {
			s := data.AttendancePresent
			if p == id["Alva"] && d == 1 {
				s = data.AttendanceSick
			}
			must(st.SetBlockAttendance(ctx, data.BlockAttendance{PupilID: p, BlockID: b, Status: s}))
		}
	}
	for i := range 12 {
		f := data.BlockFeedback{BlockID: o1[0].Days[i%4].ID, Fun: 4, Learned: 5}
		if i < 4 {
			f.People = 3
		}
		must(st.SaveBlockFeedback(ctx, &f))
	}
	for range 3 {
		must(st.SaveBlockFeedback(ctx, &data.BlockFeedback{BlockID: o1[4].Days[0].ID, Fun: 2}))
	}

	w2, o2, g2 := week("Teknikprao åk 8 v. 3 2027", 8, day(2027, 1, 18), []string{base.SchoolA}, []int{4, 4, 4, 4, 1})
	if len(errs) > 0 {
		return fx, errs[0]
	}
	must(st.SaveWeekPlan(ctx, w2.ID, []data.Team{{GroupID: g2[0].ID, Name: "T5", PupilIDs: ids("Wilma", "Nora", "Elias", "Leo", "Kim"),
		BlockIDs: route(o2, 0, 0, 1, 2, 3)}}, nil))
	w3, _, _ := week("Teknikprao åk 9 v. 10 2027", 9, day(2027, 3, 8), []string{base.SchoolA}, []int{4, 4, 4, 4, 1})
	fx.Week1, fx.Week2, fx.Week3 = w1.ID, w2.ID, w3.ID
	if len(errs) > 0 {
		return fx, errs[0]
	}
	return fx, nil
}
