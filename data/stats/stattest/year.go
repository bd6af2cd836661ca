package stattest

import (
	"context"
	"fmt"
	"time"

	"techniqual/data"
)

// Now is the "today" of BuildYears's store: open it with
// data.Options{Now: func() time.Time { return stattest.Now }}, so that the
// pupils are registered after the March period ended, as in real life.
var Now = time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)

// YearFixture is what BuildYears made on top of Build.
type YearFixture struct {
	Fixture
	PrevPeriodID           string // "Åk 8 v. 11 2026", läsår 2025/26
	SchoolD                string // "Östra skolan", Karlstad: 3 pupils in the March period
	Alfa, Beta, Gamma, Exm string // companies
}

// BuildYears fills st with Build's period (läsår 2026/27, hosted by
// Exempelteknik AB) and a grade-8 period of the school year before,
// 2026-03-16..20 at Norrskolan (A) and Östra skolan (D, Karlstad), taken by
// pupils who are in grade 9 now:
//
//	Q1 Alfa Robotik AB:  Astrid, Ebba, Freja (A, girls), Ali, Omar, Emil (A, boys), Gustav (D, boy) — all 1st choice
//	Q2 Beta Energi AB:   Signe (A, girl, 1st), Lova (D, girl, 2nd; 1st was Q3)
//	Q3 Gamma Kod AB:     Iris (D, girl, 1st)
//	not placed:          Nils (A, boy, chose Q3)
//
// No offer has days of its own, so 5 planned days each; all placed were
// present every day but Ebba (sick one day). Evaluations: see evals below.
// Build's grade-8 pupils were registered (at Now) after this period and do
// not count in it.
//
// Companies: Exempelteknik AB (no member), Alfa (member since 2021-05-01),
// Beta (2025-09-01), Gamma (2026-02-01), Delta Design AB (2027-01-15, hosts
// nothing). Role models: Alfa "Mjukvaruutvecklare" ×2 (spelt two ways) and
// "Svetsare"; Beta "Svetsare" (and an HR person); Gamma one without title;
// one at Värmlands teknikcentrum (not a company). Journey entries: Exm
// 2024-06-01; Alfa 2025-03-01, 2026-05-10, 2026-09-01; Beta 2026-01-20; the
// teknikcentrum 2026-04-01 (not a company). Events (attended unless said):
//
//	E2 2025-10-01: Anna (Alfa), Dan (Beta)
//	E1 2026-04-10: Anna, Bo (Alfa), Fia (Gamma), Gun (teknikcentrum); Dan no-show
//	E3 2026-09-15: Dan; Anna registered only
func BuildYears(ctx context.Context, st *data.Store) (YearFixture, error) {
	var fx YearFixture
	base, err := Build(ctx, st)
	if err != nil {
		return fx, err
	}
	fx.Fixture = base
	must := func(e error) {
		if err == nil {
			err = e
		}
	}
	exm, err := st.FindOrganisation(ctx, data.KindCompany, "Exempelteknik AB")
	if err != nil {
		return fx, err
	}
	fx.Exm = exm.ID
	d := data.Organisation{Kind: data.KindSchool, Name: "Östra skolan", Municipality: "Karlstad"}
	day := func(y int, m time.Month, dd int) time.Time { return time.Date(y, m, dd, 0, 0, 0, 0, time.UTC) }
	alfa := data.Organisation{Kind: data.KindCompany, Name: "Alfa Robotik AB", Municipality: "Karlstad", MemberSince: day(2021, 5, 1)}
	beta := data.Organisation{Kind: data.KindCompany, Name: "Beta Energi AB", Municipality: "Arvika", MemberSince: day(2025, 9, 1)}
	gamma := data.Organisation{Kind: data.KindCompany, Name: "Gamma Kod AB", Municipality: "Sunne", MemberSince: day(2026, 2, 1)}
	delta := data.Organisation{Kind: data.KindCompany, Name: "Delta Design AB", Municipality: "Karlstad", MemberSince: day(2027, 1, 15)}
	centre := data.Organisation{Kind: data.KindOther, Name: "Värmlands teknikcentrum", Municipality: "Karlstad"}
	for _, o := range []*data.Organisation{&d, &alfa, &beta, &gamma, &delta, &centre} {
		must(st.SaveOrganisation(ctx, o))
	}
	if err != nil {
		return fx, err
	}
	fx.SchoolD, fx.Alfa, fx.Beta, fx.Gamma = d.ID, alfa.ID, beta.ID, gamma.ID

	p := data.Period{Name: "Åk 8 v. 11 2026", Grade: 8, Start: day(2026, 3, 16), End: day(2026, 3, 20),
		Status: data.PeriodDone, SchoolIDs: []string{base.SchoolA, d.ID}}
	if err := st.SavePeriod(ctx, &p); err != nil {
		return fx, err
	}
	fx.PrevPeriodID = p.ID
	offers := map[string]string{}
	for name, host := range map[string]string{"Q1": alfa.ID, "Q2": beta.ID, "Q3": gamma.ID} {
		o := data.Offer{HostID: host, PeriodID: p.ID, Title: name, Capacity: 8}
		must(st.SaveOffer(ctx, &o))
		offers[name] = o.ID
	}
	if err != nil {
		return fx, err
	}
	// Astrid is Build's grade-9 girl at A.
	pupils, err := st.ListPupils(ctx, data.PupilFilter{SchoolID: base.SchoolA, Grade: 9})
	if err != nil {
		return fx, err
	}
	if len(pupils) != 1 {
		return fx, fmt.Errorf("stattest: want Build's one grade-9 pupil at Norrskolan, found %d", len(pupils))
	}
	ids := map[string]string{"Astrid": pupils[0].ID}
	type pupil struct {
		first, school string
		g             data.Gender
		placed        string
		choices       []string
	}
	G, B := data.GenderGirl, data.GenderBoy
	ps := []pupil{
		{"Astrid", base.SchoolA, G, "Q1", []string{"Q1"}},
		{"Ebba", base.SchoolA, G, "Q1", []string{"Q1"}},
		{"Freja", base.SchoolA, G, "Q1", []string{"Q1"}},
		{"Signe", base.SchoolA, G, "Q2", []string{"Q2"}},
		{"Ali", base.SchoolA, B, "Q1", []string{"Q1"}},
		{"Omar", base.SchoolA, B, "Q1", []string{"Q1"}},
		{"Emil", base.SchoolA, B, "Q1", []string{"Q1", "Q2"}},
		{"Nils", base.SchoolA, B, "", []string{"Q3"}},
		{"Lova", d.ID, G, "Q2", []string{"Q3", "Q2"}},
		{"Iris", d.ID, G, "Q3", []string{"Q3"}},
		{"Gustav", d.ID, B, "Q1", []string{"Q1"}},
	}
	for _, x := range ps {
		if _, ok := ids[x.first]; !ok {
			pu := data.Pupil{SchoolID: x.school, FirstName: x.first, LastName: "Provsson", ClassName: "9B", Grade: 9, Gender: x.g}
			must(st.SavePupil(ctx, &pu))
			if err != nil {
				return fx, err
			}
			ids[x.first] = pu.ID
		}
		var chosen []string
		for _, o := range x.choices {
			chosen = append(chosen, offers[o])
		}
		must(st.SetPreferences(ctx, ids[x.first], p.ID, chosen))
		if x.placed == "" {
			continue
		}
		must(st.SaveAssignment(ctx, &data.Assignment{PeriodID: p.ID, PupilID: ids[x.first], OfferID: offers[x.placed]}))
		for dd := 16; dd <= 20; dd++ {
			status := data.AttendancePresent
			if x.first == "Ebba" && dd == 17 {
				status = data.AttendanceSick
			}
			must(st.SetAttendance(ctx, data.Attendance{PupilID: ids[x.first], OfferID: offers[x.placed], Date: day(2026, 3, dd), Status: status}))
		}
	}
	yes, no := true, false
	evals := []struct {
		who           string
		before, after int
		rec           *bool
		comment       string
	}{
		{"Astrid", 2, 4, &yes, "Jättekul"},
		{"Ebba", 3, 4, &yes, ""},
		{"Freja", 2, 3, &yes, "Ebba och jag lödde"},
		{"Signe", 1, 3, &no, ""},
		{"Lova", 2, 4, &yes, ""},
		{"Ali", 3, 3, &yes, ""},
	}
	for _, e := range evals {
		must(st.SaveEvaluation(ctx, data.Evaluation{PupilID: ids[e.who], PeriodID: p.ID, InterestBefore: e.before,
			InterestAfter: e.after, WouldRecommend: e.rec, Comment: e.comment}))
	}
	if err != nil {
		return fx, err
	}

	people := map[string]string{}
	for _, x := range []struct {
		key, first, last, org, title string
		role                         data.Role
	}{
		{"a1", "Anna", "Andersson", alfa.ID, "Mjukvaruutvecklare", data.RoleRoleModel},
		{"a2", "Bo", "Berg", alfa.ID, "mjukvaruutvecklare ", data.RoleRoleModel},
		{"a3", "Cia", "Ek", alfa.ID, "Svetsare", data.RoleRoleModel},
		{"b1", "Dan", "Falk", beta.ID, "Svetsare", data.RoleRoleModel},
		{"b2", "Eva", "Grön", beta.ID, "HR-chef", data.RoleHR},
		{"g1", "Fia", "Holm", gamma.ID, "", data.RoleRoleModel},
		{"o1", "Gun", "Ivarsson", centre.ID, "Forskare", data.RoleRoleModel},
	} {
		pe := data.Person{OrganisationID: x.org, FirstName: x.first, LastName: x.last, Title: x.title, Roles: []data.Role{x.role}}
		must(st.SavePerson(ctx, &pe))
		people[x.key] = pe.ID
	}
	for _, j := range []struct {
		org  string
		date time.Time
	}{{exm.ID, day(2024, 6, 1)}, {alfa.ID, day(2025, 3, 1)}, {alfa.ID, day(2026, 5, 10)}, {alfa.ID, day(2026, 9, 1)},
		{beta.ID, day(2026, 1, 20)}, {centre.ID, day(2026, 4, 1)}} {
		must(st.SaveJourneyEntry(ctx, &data.JourneyEntry{OrganisationID: j.org, Date: j.date, Title: "Ett steg"}))
	}
	at := func(y int, m time.Month, dd int) time.Time { return time.Date(y, m, dd, 15, 0, 0, 0, data.Stockholm) }
	for _, e := range []struct {
		title string
		start time.Time
		regs  map[string]data.RegistrationStatus
	}{
		{"E2 Frukostseminarium", at(2025, 10, 1), map[string]data.RegistrationStatus{"a1": data.RegAttended, "b1": data.RegAttended}},
		{"E1 Nätverksträff", at(2026, 4, 10), map[string]data.RegistrationStatus{"a1": data.RegAttended, "a2": data.RegAttended,
			"g1": data.RegAttended, "o1": data.RegAttended, "b1": data.RegNoShow}},
		{"E3 Inspirationskväll", at(2026, 9, 15), map[string]data.RegistrationStatus{"b1": data.RegAttended, "a1": data.RegRegistered}},
	} {
		ev := data.Event{Title: e.title, Kind: data.EventNetwork, Start: e.start, End: e.start.Add(2 * time.Hour)}
		must(st.SaveEvent(ctx, &ev))
		if err != nil {
			return fx, err
		}
		for who, status := range e.regs {
			must(st.SaveRegistration(ctx, &data.Registration{EventID: ev.ID, PersonID: people[who], Status: status, RegisteredAt: e.start.AddDate(0, 0, -7)}))
		}
	}
	return fx, err
}
