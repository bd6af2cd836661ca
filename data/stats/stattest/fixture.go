// Package stattest builds the small fictitious database the statistics
// tests count by hand (used by data/stats and ui tests).
package stattest

import (
	"context"
	"time"

	"techniqual/data"
)

// Fixture is what Build made: the period and the two schools' ids.
type Fixture struct {
	PeriodID string
	SchoolA  string // "Norrskolan", Karlstad: 8 girls, 7 boys, 1 unspecified
	SchoolB  string // "Södra skolan", Arvika: 3 girls, 6 boys
}

// Build fills st with one grade-8 period of five weekdays (no offer has
// its own days, so each placed pupil has 5 planned days) and five offers:
//
//	O1: g1 g2 g3 b1 b2      (all 1st choice)
//	O2: g4 b3 b4 b5         (1st choice; g4 the only girl)
//	O3: g5 g6 u1 (1st), g7 (2nd choice; 1st was O1)
//	O4: b6 (3rd choice), b7 (made no choices), h1 k1 k2 k3 (1st; h1 the only girl)
//	O5: h2 k4 k5 k6         (1st; h2 the only girl)
//	not placed: g8 (school A), h3 (school B)
//
// g = girls and b = boys at school A, u1 unspecified at A, h = girls and
// k = boys at school B. Also a grade-9 girl at A and a grade-8 boy at a
// school outside the period, who must not be counted.
//
// Attendance: every school-A pupil placed is present all 5 days except g1
// (sick one day: 4) and b1 (absent two days: 3); nothing is recorded for
// school B. Evaluations (before, after, recommend, comment): see evals.
func Build(ctx context.Context, st *data.Store) (Fixture, error) {
	var fx Fixture
	var err error
	must := func(e error) {
		if err == nil {
			err = e
		}
	}
	a := data.Organisation{Kind: data.KindSchool, Name: "Norrskolan", Municipality: "Karlstad"}
	b := data.Organisation{Kind: data.KindSchool, Name: "Södra skolan", Municipality: "Arvika"}
	c := data.Organisation{Kind: data.KindSchool, Name: "Västra skolan", Municipality: "Sunne"}
	host := data.Organisation{Kind: data.KindCompany, Name: "Exempelteknik AB", Municipality: "Karlstad"}
	for _, o := range []*data.Organisation{&a, &b, &c, &host} {
		must(st.SaveOrganisation(ctx, o))
	}
	if err != nil {
		return fx, err
	}
	fx.SchoolA, fx.SchoolB = a.ID, b.ID
	day := func(d int) time.Time { return time.Date(2026, 11, d, 0, 0, 0, 0, time.UTC) }
	p := data.Period{Name: "Åk 8 v. 46 2026", Grade: 8, Start: day(9), End: day(13), SchoolIDs: []string{a.ID, b.ID}}
	if err := st.SavePeriod(ctx, &p); err != nil {
		return fx, err
	}
	fx.PeriodID = p.ID
	offers := map[string]string{}
	for _, name := range []string{"O1", "O2", "O3", "O4", "O5"} {
		o := data.Offer{HostID: host.ID, PeriodID: p.ID, Title: name, Capacity: 8}
		must(st.SaveOffer(ctx, &o))
		offers[name] = o.ID
	}
	type pupil struct {
		key, first, school string
		grade              int
		gender             data.Gender
		choices            []string
		placed             string
	}
	var ps []pupil
	add := func(key, first, school string, g data.Gender, placed string, choices ...string) {
		ps = append(ps, pupil{key, first, school, 8, g, choices, placed})
	}
	G, B, U := data.GenderGirl, data.GenderBoy, data.GenderUnspecified
	add("g1", "Alva", a.ID, G, "O1", "O1")
	add("g2", "Elsa", a.ID, G, "O1", "O1")
	add("g3", "Maja", a.ID, G, "O1", "O1")
	add("g4", "Saga", a.ID, G, "O2", "O2")
	add("g5", "Ines", a.ID, G, "O3", "O3")
	add("g6", "Wilma", a.ID, G, "O3", "O3")
	add("g7", "Nora", a.ID, G, "O3", "O1", "O3")
	add("g8", "Tuva", a.ID, G, "", "O1")
	add("b1", "Liam", a.ID, B, "O1", "O1")
	add("b2", "Noah", a.ID, B, "O1", "O1")
	add("b3", "Hugo", a.ID, B, "O2", "O2")
	add("b4", "Otto", a.ID, B, "O2", "O2")
	add("b5", "Adam", a.ID, B, "O2", "O2")
	add("b6", "Elias", a.ID, B, "O4", "O1", "O2", "O4")
	add("b7", "Leo", a.ID, B, "O4")
	add("u1", "Kim", a.ID, U, "O3", "O3")
	add("h1", "Ella", b.ID, G, "O4", "O4")
	add("h2", "Selma", b.ID, G, "O5", "O5")
	add("h3", "Stella", b.ID, G, "", "O5")
	add("k1", "Oscar", b.ID, B, "O4", "O4")
	add("k2", "Viktor", b.ID, B, "O4", "O4")
	add("k3", "Alvin", b.ID, B, "O4", "O4")
	add("k4", "Melvin", b.ID, B, "O5", "O5")
	add("k5", "Theo", b.ID, B, "O5", "O5")
	add("k6", "Frank", b.ID, B, "O5", "O5")
	ps = append(ps, pupil{"x9", "Astrid", a.ID, 9, G, nil, ""}, pupil{"xc", "Sixten", c.ID, 8, B, nil, ""})
	ids := map[string]string{}
	for _, x := range ps {
		pu := data.Pupil{SchoolID: x.school, FirstName: x.first, LastName: "Testsson", ClassName: "8A", Grade: x.grade, Gender: x.gender}
		must(st.SavePupil(ctx, &pu))
		if err != nil {
			return fx, err
		}
		ids[x.key] = pu.ID
		var chosen []string
		for _, o := range x.choices {
			chosen = append(chosen, offers[o])
		}
		if len(chosen) > 0 {
			must(st.SetPreferences(ctx, pu.ID, p.ID, chosen))
		}
		if x.placed != "" {
			must(st.SaveAssignment(ctx, &data.Assignment{PeriodID: p.ID, PupilID: pu.ID, OfferID: offers[x.placed]}))
			if x.school == a.ID {
				for d := 9; d <= 13; d++ {
					status := data.AttendancePresent
					if (x.key == "g1" && d == 10) || (x.key == "b1" && d >= 12) {
						status = data.AttendanceSick
					}
					must(st.SetAttendance(ctx, data.Attendance{PupilID: pu.ID, OfferID: offers[x.placed], Date: day(d), Status: status}))
				}
			}
		}
	}
	yes, no := true, false
	evals := []struct {
		key           string
		before, after int
		rec           *bool
		comment       string
	}{
		{"g1", 2, 4, &yes, "Roligt att få programmera"},
		{"g2", 2, 4, &yes, "Alva och jag byggde en robot"},
		{"g3", 3, 3, &yes, "Bra handledare"},
		{"g4", 1, 3, &yes, "Jag vill bli ingenjör"},
		{"g5", 2, 4, &yes, "Lärde mig mycket"},
		{"g6", 3, 5, &yes, ""},
		{"g7", 2, 4, &no, ""},
		{"b1", 3, 3, &yes, "Kul"},
		{"b2", 3, 4, &yes, ""},
		{"b3", 4, 4, &yes, ""},
		{"b4", 2, 3, &yes, ""},
		{"b5", 3, 3, &yes, ""},
		{"h1", 2, 3, &yes, "Spännande"},
	}
	for _, e := range evals {
		must(st.SaveEvaluation(ctx, data.Evaluation{PupilID: ids[e.key], PeriodID: p.ID, InterestBefore: e.before,
			InterestAfter: e.after, WouldRecommend: e.rec, Comment: e.comment}))
	}
	return fx, err
}
