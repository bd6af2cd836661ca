package stats_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"techniqual/data"
	"techniqual/data/stats"
	"techniqual/data/stats/stattest"
)

func buildYears(t *testing.T) (*data.Store, stattest.YearFixture) {
	t.Helper()
	ctx := context.Background()
	st, err := data.Open(ctx, filepath.Join(t.TempDir(), "years.db"), data.Options{Now: func() time.Time { return stattest.Now }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	var fx stattest.YearFixture
	// One transaction: the fixture is written in a blink instead of a
	// second of separate commits.
	err = st.InTx(ctx, func(tx *data.Store) error {
		fx, err = stattest.BuildYears(ctx, tx)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return st, fx
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestYearRanges(t *testing.T) {
	for _, c := range []struct {
		name     string
		from, to time.Time
		wantFrom time.Time
		wantTo   time.Time
	}{
		{"school year 2026/27", first(stats.SchoolYear(2026)), second(stats.SchoolYear(2026)), day(2026, 7, 1), day(2027, 7, 1)},
		{"school year 2025/26", first(stats.SchoolYear(2025)), second(stats.SchoolYear(2025)), day(2025, 7, 1), day(2026, 7, 1)},
		{"calendar 2026", first(stats.CalendarYear(2026)), second(stats.CalendarYear(2026)), day(2026, 1, 1), day(2027, 1, 1)},
	} {
		if !c.from.Equal(c.wantFrom) || !c.to.Equal(c.wantTo) {
			t.Errorf("%s: %s – %s", c.name, c.from, c.to)
		}
	}
	for _, c := range []struct {
		d    time.Time
		year int
	}{{day(2026, 11, 9), 2026}, {day(2027, 3, 15), 2026}, {day(2027, 6, 30), 2026}, {day(2027, 7, 1), 2027}} {
		if got := stats.SchoolYearOf(c.d); got != c.year {
			t.Errorf("school year of %s = %d, want %d", c.d.Format("2006-01-02"), got, c.year)
		}
	}
	for y, want := range map[int]string{2026: "2026/27", 2099: "2099/00", 2009: "2009/10"} {
		if got := stats.SchoolYearLabel(y); got != want {
			t.Errorf("label %d = %q, want %q", y, got, want)
		}
	}
}

func first(a, _ time.Time) time.Time  { return a }
func second(_, b time.Time) time.Time { return b }

// Läsår 2025/26 holds only the March period "Åk 8 v. 11 2026" (see
// stattest.BuildYears), counted by hand:
//
//	             girls boys other | total
//	1st choice     5     4    0   |   9   (Astrid Ebba Freja Signe Iris | Ali Omar Emil Gustav)
//	2nd choice     1     0    0   |   1   (Lova)
//	not placed     0     1    0   |   1   (Nils)
//	pupils         6     5    0   |  11
//
// Build's 25 grade-8 pupils were registered after March and made no choice
// in it: they are not counted. Row 1st: 5 [4] 0 | 9 → the 5 is hidden too.
// Row totals 9 + [1] + [1] = 11: the two hidden (Lova, Nils) add up to 2, a
// small group, so the 9 is hidden too (it showed before that was guarded).
// Placed: girls 6 − 0 = 6 (shown), boys 5 − 1 = 4 (<5), all 10 (hidden,
// because the one not placed is).
//
// Schools (both in Karlstad): Norrskolan 8 pupils, Östra skolan 3. The
// municipality shows 11, so 11 − 8 would give Östra's 3: Norrskolan's 8 is
// hidden too — the suppressed number that could be worked out from a total.
func TestPreviousSchoolYear(t *testing.T) {
	st, fx := buildYears(t)
	from, to := stats.SchoolYear(2025)
	r, err := stats.ComputeRange(context.Background(), st, from, to, stats.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Periods) != 1 || r.Periods[0].ID != fx.PrevPeriodID || !r.From.Equal(from) || !r.To.Equal(to) {
		t.Fatalf("periods %+v", r.Periods)
	}
	o := r.Outcome
	if o.Total.N != 11 || o.ColTotals[stats.Girls].N != 6 || o.ColTotals[stats.Boys].N != 5 || o.RowTotals[stats.RowChoice1].N != 9 {
		t.Fatalf("counts %+v", o)
	}
	checks := []struct{ name, got, want string }{
		{"1st choice", row(o.Cells[0], o.RowTotals[0]), ".. <5 0 | .."},
		{"2nd choice", row(o.Cells[1], o.RowTotals[1]), "<5 0 0 | <5"},
		{"not placed", row(o.Cells[stats.RowNotPlaced], o.RowTotals[stats.RowNotPlaced]), "0 <5 0 | <5"},
		{"pupils", row(o.ColTotals, o.Total), "6 5 0 | 11"},
		{"placed", row(r.Placed[:stats.NumGroups], r.Placed[stats.NumGroups]), "6 <5 0 | .."},
		// Answered: 5 girls, Ali alone of the boys → the total is hidden,
		// not the girls' 5 (NewGroupTable).
		{"answered", row(r.Answered.Cells[0], r.Answered.RowTotals[0]), "5 <5 0 | .."},
		{"alone", r.AloneGirls.String(), "0"},
		{"comments", r.CommentCount.String(), "<5"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}
	if r.Placed[stats.NumGroups].N != 10 || r.Placed[stats.Boys].N != 4 || r.GroupOffers != 2 || r.Comments != nil {
		t.Errorf("placed %+v, group offers %d, comments %q", r.Placed, r.GroupOffers, r.Comments)
	}
	// 10 placed × 5 days = 50 planned, 49 present (Ebba sick a day). The
	// girls' ratio is masked: with the boys' hidden, all − girls gives it.
	all := r.Attendance[stats.NumGroups]
	if !all.Shown() || all.Present != 49 || all.Planned != 50 || r.Attendance[stats.Girls].Shown() || r.Attendance[stats.Boys].Shown() {
		t.Errorf("attendance %+v", r.Attendance)
	}
	// Interest: girls 2,3,2,1,2 → 2,4,3,3,4 (means 2.0 → 3.6), Ali 3 → 3;
	// all 13/6 → 21/6. One boy answered, so the means of all are hidden
	// and the girls' shown.
	if m := r.InterestBefore[stats.Girls]; m.N != 5 || !near(m.Value, 2.0) || !m.Shown() {
		t.Errorf("girls before %+v", m)
	}
	if m := r.InterestAfter[stats.Girls]; m.N != 5 || !near(m.Value, 3.6) {
		t.Errorf("girls after %+v", m)
	}
	if m := r.InterestAfter[stats.NumGroups]; m.N != 6 || !near(m.Value, 3.5) || m.Shown() {
		t.Errorf("all after %+v", m)
	}
	if len(r.ByMunicipality) != 1 || r.ByMunicipality[0].Municipality != "Karlstad" || r.ByMunicipality[0].Schools != 2 ||
		r.ByMunicipality[0].Pupils.String() != "11" {
		t.Fatalf("municipalities %+v", r.ByMunicipality)
	}
	if len(r.BySchool) != 2 {
		t.Fatalf("schools %+v", r.BySchool)
	}
	a, d := r.BySchool[0], r.BySchool[1]
	if a.School.ID != fx.SchoolA || a.Pupils.N != 8 || a.Pupils.String() != ".." || d.School.ID != fx.SchoolD ||
		d.Pupils.N != 3 || d.Pupils.String() != "<5" {
		t.Errorf("Norrskolan %+v, Östra %+v", a.Pupils, d.Pupils)
	}
	// The same for the period alone.
	p, err := stats.Compute(context.Background(), st, fx.PrevPeriodID, stats.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if p.Outcome.Total.N != 11 || p.BySchool[0].Pupils.String() != ".." || p.Period.ID != fx.PrevPeriodID {
		t.Errorf("period report %+v", p.BySchool)
	}
}

// Calendar year 2026 holds both periods: March (11 pupils, above) and
// November (25 pupils, TestWholePeriod), counted as placements:
//
//	             girls boys other | total
//	1st choice    13    15    1   |  29
//	2nd choice     2     0    0   |   2
//	3rd choice     0     1    0   |   1
//	not chosen     0     1    0   |   1
//	not placed     2     1    0   |   3
//	pupils        17    18    1   |  36
//
// Karlstad: Norrskolan 16 + 8 = 24 and Östra 3 → 27; Arvika: Södra 9.
func TestCalendarYear(t *testing.T) {
	st, fx := buildYears(t)
	from, to := stats.CalendarYear(2026)
	r, err := stats.ComputeRange(context.Background(), st, from, to, stats.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Periods) != 2 {
		t.Fatalf("periods %+v", r.Periods)
	}
	o := r.Outcome
	want := [][]int{{13, 15, 1}, {2, 0, 0}, {0, 1, 0}, {0, 0, 0}, {0, 0, 0}, {0, 1, 0}, {2, 1, 0}}
	for i, w := range want {
		for j, n := range w {
			if o.Cells[i][j].N != n {
				t.Errorf("outcome[%d][%d] = %d, want %d", i, j, o.Cells[i][j].N, n)
			}
		}
	}
	if o.Total.String() != "36" || o.ColTotals[stats.Girls].N != 17 || o.ColTotals[stats.Boys].N != 18 {
		t.Errorf("pupils %s", row(o.ColTotals, o.Total))
	}
	// 1st choice: 13 15 [1] | 29. A figure hidden in one of the periods'
	// own reports is hidden in their sum (else the year minus the other
	// period gives it): November hides its girls' 8 and boys' 11, March
	// its 5, 4 and 9 → the whole row is hidden (before: ".. 15 <5 | 29",
	// and 15 − 11 gave March's 4 boys).
	if got := row(o.Cells[0], o.RowTotals[0]); got != ".. .. <5 | .." {
		t.Errorf("1st choice %q", got)
	}
	// Lone girls: g4, h1, h2 in November, none in March; offers with two
	// or more pupils: 5 + 2.
	if r.AloneGirls.N != 3 || r.AloneGirls.String() != "<5" || r.GroupOffers != 7 {
		t.Errorf("alone %+v of %d", r.AloneGirls, r.GroupOffers)
	}
	// Attendance: March 49 of 50, November 72 of 115.
	if a := r.Attendance[stats.NumGroups]; a.Present != 121 || a.Planned != 165 || !a.Shown() {
		t.Errorf("attendance %+v", a)
	}
	// Evaluations: 13 in November, 6 in March.
	if r.Answered.RowTotals[0].N != 19 || r.InterestBefore[stats.NumGroups].N != 19 {
		t.Errorf("answered %+v", r.Answered)
	}
	// Comments: 7 in November, 2 in March. March's 2 are hidden, so the
	// year's 9 are too, with the comments themselves (the year's list less
	// November's would quote March's two).
	if r.CommentCount.N != 9 || r.CommentCount.String() != ".." || r.Comments != nil {
		t.Errorf("comments %v %q", r.CommentCount, r.Comments)
	}
	munis := map[string]stats.MunicipalityRow{}
	for _, m := range r.ByMunicipality {
		munis[m.Municipality] = m
	}
	if munis["Karlstad"].Pupils.String() != "27" || munis["Arvika"].Pupils.String() != "9" || len(munis) != 2 {
		t.Errorf("municipalities %+v", r.ByMunicipality)
	}
	schools := map[string]stats.SchoolRow{}
	for _, s := range r.BySchool {
		schools[s.School.ID] = s
	}
	if s := schools[fx.SchoolA]; s.Pupils.N != 24 || s.Pupils.String() != ".." {
		t.Errorf("Norrskolan %+v", s.Pupils)
	}
	if s := schools[fx.SchoolD]; s.Pupils.String() != "<5" {
		t.Errorf("Östra %+v", s.Pupils)
	}
	// Filtered to Karlstad: the same figures as Karlstad's row.
	k, err := stats.ComputeRange(context.Background(), st, from, to, stats.Filter{Municipality: "Karlstad"})
	if err != nil {
		t.Fatal(err)
	}
	if k.Outcome.Total.N != 27 || len(k.ByMunicipality) != 1 || len(k.BySchool) != 2 || len(k.Schools) != 3 {
		t.Errorf("Karlstad %+v, %d schools", k.Outcome.Total, len(k.BySchool))
	}
}

// No hidden count of a school follows from its municipality's and the
// other schools' shown counts, nor a municipality's from the whole's and
// the other municipalities', nor a sum of hidden counts that is a small
// group: every count of the tables, in every range. Nor does a hidden
// count of a period follow from a range's count less its other periods',
// or a range's from its periods'; nor a filtered report's from the report
// of all schools (a filtered report is its unit's row of that report).
func TestNoHiddenCountFollowsFromASum(t *testing.T) {
	st, fx := buildYears(t)
	ctx := context.Background()
	// A grade-8 period of läsår 2026/27 that is still choosing: left out.
	addChoosingPeriod(t, st, fx)
	own := map[string]*stats.Report{}
	for _, id := range []string{fx.PeriodID, fx.PrevPeriodID} {
		r, err := stats.Compute(ctx, st, id, stats.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		own[id] = r
		checkUnits(t, r.Period.Name, r)
		checkFilters(t, r.Period.Name, r, func(f stats.Filter) (*stats.Report, error) { return stats.Compute(ctx, st, id, f) })
	}
	ranges := 0
	for _, y := range []int{2025, 2026} {
		for _, rng := range [][2]time.Time{pair(stats.SchoolYear(y)), pair(stats.CalendarYear(y))} {
			r, err := stats.ComputeRange(ctx, st, rng[0], rng[1], stats.Filter{})
			if err != nil {
				t.Fatal(err)
			}
			name := rng[0].Format("2006-01-02")
			checkUnits(t, name, r)
			checkFilters(t, name, r, func(f stats.Filter) (*stats.Report, error) { return stats.ComputeRange(ctx, st, rng[0], rng[1], f) })
			if len(r.Periods) < 2 {
				continue
			}
			ranges++
			// The range is the sum of its periods, unit by unit.
			var parts [][]stats.Cell
			for _, p := range r.Periods {
				parts = append(parts, cellsOf(&own[p.ID].Figures))
			}
			if i := leaks(parts, cellsOf(&r.Figures)); i >= 0 {
				t.Errorf("%s: figure %d of a period follows from the range's", name, i)
			}
			for _, s := range r.BySchool {
				var parts [][]stats.Cell
				for _, p := range r.Periods {
					if f := schoolIn(own[p.ID], s.School.ID); f != nil {
						parts = append(parts, cellsOf(f))
					}
				}
				if i := leaks(parts, cellsOf(s.Figures)); i >= 0 {
					t.Errorf("%s: figure %d of %s in a period follows from the range's", name, i, s.School.Name)
				}
			}
		}
	}
	if ranges == 0 {
		t.Error("no range of two periods was checked")
	}
}

// checkUnits checks the sums of a report's schools and municipalities.
func checkUnits(t *testing.T, name string, r *stats.Report) {
	t.Helper()
	var munis [][]stats.Cell
	for _, m := range r.ByMunicipality {
		munis = append(munis, cellsOf(m.Figures))
		var schools [][]stats.Cell
		for _, s := range r.BySchool {
			if s.School.Municipality == m.Municipality {
				schools = append(schools, cellsOf(s.Figures))
			}
		}
		if i := leaks(schools, cellsOf(m.Figures)); i >= 0 {
			t.Errorf("%s: figure %d of %s's schools can be worked out", name, i, m.Municipality)
		}
	}
	if i := leaks(munis, cellsOf(&r.Figures)); i >= 0 {
		t.Errorf("%s: figure %d of the municipalities can be worked out", name, i)
	}
}

// checkFilters checks that each municipality's and school's report shows
// what its row of the report of all schools shows, no figure more.
func checkFilters(t *testing.T, name string, all *stats.Report, compute func(stats.Filter) (*stats.Report, error)) {
	t.Helper()
	for _, m := range all.ByMunicipality {
		r, err := compute(stats.Filter{Municipality: m.Municipality})
		if err != nil {
			t.Fatal(err)
		}
		if !sameCells(cellsOf(&r.Figures), cellsOf(m.Figures)) || len(r.Comments) != len(m.Figures.Comments) {
			t.Errorf("%s: %s filtered shows other figures than its row of all schools", name, m.Municipality)
		}
	}
	for _, s := range all.BySchool {
		r, err := compute(stats.Filter{SchoolID: s.School.ID})
		if err != nil {
			t.Fatal(err)
		}
		if !sameCells(cellsOf(&r.Figures), cellsOf(s.Figures)) || len(r.BySchool) != 1 || r.ByMunicipality[0].Figures.Pupils() != s.Pupils {
			t.Errorf("%s: %s filtered shows other figures than its row of all schools", name, s.School.Name)
		}
	}
}

// schoolIn is a school's figures in a report (nil: not in it).
func schoolIn(r *stats.Report, id string) *stats.Figures {
	for _, s := range r.BySchool {
		if s.School.ID == id {
			return s.Figures
		}
	}
	return nil
}

// addChoosingPeriod adds läsår 2026/27's March period at Norrskolan and
// Södra skolan, still choosing: one pupil (Build's g1) has chosen, nobody
// is placed.
func addChoosingPeriod(t *testing.T, st *data.Store, fx stattest.YearFixture) data.Period {
	t.Helper()
	ctx := context.Background()
	p := data.Period{Name: "Åk 8 v. 11 2027", Grade: 8, Start: day(2027, 3, 15), End: day(2027, 3, 19),
		Status: data.PeriodChoosing, SchoolIDs: []string{fx.SchoolA, fx.SchoolB}}
	if err := st.SavePeriod(ctx, &p); err != nil {
		t.Fatal(err)
	}
	o := data.Offer{HostID: fx.Exm, PeriodID: p.ID, Title: "R1", Capacity: 8}
	if err := st.SaveOffer(ctx, &o); err != nil {
		t.Fatal(err)
	}
	ps, err := st.ListPupils(ctx, data.PupilFilter{SchoolID: fx.SchoolA, Grade: 8})
	if err != nil || len(ps) == 0 {
		t.Fatalf("pupils %v, %v", ps, err)
	}
	if err := st.SetPreferences(ctx, ps[0].ID, p.ID, []string{o.ID}); err != nil {
		t.Fatal(err)
	}
	return p
}

// A period nobody is placed in yet is left out of a year's figures and
// named as left out: its 25 grade-8 pupils, still choosing, are not counted
// as "not placed". Läsår 2026/27 then shows November's figures alone.
func TestYearLeavesOutPeriodsNotYetPlaced(t *testing.T) {
	st, fx := buildYears(t)
	ctx := context.Background()
	p := addChoosingPeriod(t, st, fx)
	from, to := stats.SchoolYear(2026)
	r, err := stats.ComputeRange(ctx, st, from, to, stats.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Periods) != 1 || r.Periods[0].ID != fx.PeriodID || len(r.LeftOut) != 1 || r.LeftOut[0].ID != p.ID {
		t.Fatalf("periods %v, left out %v", r.Periods, r.LeftOut)
	}
	// 25 pupils, 2 not placed (g8, h3), as in TestWholePeriod; counted,
	// the choosing period would add 25 more not placed.
	if r.Pupils().N != 25 || r.Outcome.RowTotals[stats.RowNotPlaced].N != 2 {
		t.Errorf("pupils %v, not placed %v", r.Pupils(), r.Outcome.RowTotals[stats.RowNotPlaced])
	}
	one, err := stats.Compute(ctx, st, fx.PeriodID, stats.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if !sameCells(cellsOf(&r.Figures), cellsOf(&one.Figures)) {
		t.Error("läsår 2026/27 differs from its one placed period")
	}
	y, err := stats.LoadYear(ctx, st, "2026/27", from, to, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(y.LeftOut) != 1 || len(y.Periods) != 1 {
		t.Errorf("summary periods %v, left out %v", y.Periods, y.LeftOut)
	}
	// The period's own report still counts its pupils, none placed.
	own, err := stats.Compute(ctx, st, p.ID, stats.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if own.Pupils().N != 25 || own.Placed[stats.NumGroups].N != 0 {
		t.Errorf("the choosing period's own report %v, placed %v", own.Pupils(), own.Placed[stats.NumGroups])
	}
}

// cellsOf lists the counts a report shows of f, in a fixed order.
func cellsOf(f *stats.Figures) []stats.Cell {
	var out []stats.Cell
	for _, tb := range []stats.Table{f.Outcome, f.Answered, f.Recommend} {
		for _, r := range tb.Cells {
			out = append(out, r...)
		}
		out = append(out, tb.RowTotals...)
		out = append(out, tb.ColTotals...)
		out = append(out, tb.Total)
	}
	out = append(out, f.Placed[:]...)
	return append(out, f.AloneGirls, f.CommentCount)
}

// leaks is the first figure where exactly one of the parts and the whole
// is hidden (so it follows by subtraction), or where the whole is shown
// and the hidden parts add up to a small group (1–4), or -1.
func leaks(parts [][]stats.Cell, whole []stats.Cell) int {
	for i := range whole {
		hidden, sum := 0, 0
		if whole[i].Suppressed {
			hidden++
		}
		for _, p := range parts {
			if p[i].Suppressed {
				hidden++
				sum += p[i].N
			}
		}
		if hidden == 1 || (!whole[i].Suppressed && sum > 0 && sum < stats.MinGroup) {
			return i
		}
	}
	return -1
}

func pair(a, b time.Time) [2]time.Time { return [2]time.Time{a, b} }

// Läsår 2026/27 is Build's November period alone: the same figures as its
// one-period report. The change from 2025/26 is shown only where both
// years' figures are.
func TestYearSummaryAndChange(t *testing.T) {
	st, fx := buildYears(t)
	ctx := context.Background()
	pf, pt := stats.SchoolYear(2025)
	prev, err := stats.LoadYear(ctx, st, "2025/26", pf, pt, 3)
	if err != nil {
		t.Fatal(err)
	}
	cf, ct := stats.SchoolYear(2026)
	cur, err := stats.LoadYear(ctx, st, "2026/27", cf, ct, 3)
	if err != nil {
		t.Fatal(err)
	}
	one, err := stats.Compute(ctx, st, fx.PeriodID, stats.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if cur.Pupils != one.Outcome.Total || cur.Placed != one.Placed[stats.NumGroups] || cur.Label != "2026/27" || len(cur.Periods) != 1 {
		t.Errorf("2026/27 %+v vs period %+v", cur.Pupils, one.Outcome.Total)
	}
	if prev.Pupils.N != 11 || prev.GirlsPlaced.String() != "6" || prev.BoysPlaced.String() != "<5" || prev.Companies == nil ||
		len(prev.Municipalities) != 1 || prev.Report == nil {
		t.Errorf("2025/26 %+v", prev)
	}
	if d := stats.CountChange(prev.Pupils, cur.Pupils); !d.Shown || d.Diff() != 14 {
		t.Errorf("pupils change %+v", d)
	}
	if d := stats.CountChange(prev.BoysPlaced, cur.BoysPlaced); d.Shown {
		t.Errorf("a change from a hidden count is shown: %+v", d)
	}
	if d := stats.AttendanceChange(prev.Attendance, cur.Attendance); !d.Shown || !near(d.Diff(), 72.0/115-49.0/50) {
		t.Errorf("attendance change %+v", d)
	}
	// 2025/26's mean of all is hidden (one boy answered), the girls' shown.
	if d := stats.MeanChange(prev.InterestAfter[stats.NumGroups], cur.InterestAfter[stats.NumGroups]); d.Shown {
		t.Errorf("a change from a hidden mean is shown: %+v", d)
	}
	if d := stats.MeanChange(prev.InterestAfter[stats.Girls], cur.InterestAfter[stats.Girls]); !d.Shown || !near(d.Prev, 3.6) {
		t.Errorf("girls' interest change %+v", d)
	}
	// 2025/26: the placed in all are hidden, so is the share of first choices.
	if d := stats.ShareChange(prev.FirstChoice, cur.FirstChoice); d.Shown {
		t.Errorf("first choice change %+v", d)
	}
}

func TestRangeErrorsAndEmpty(t *testing.T) {
	st, _ := buildYears(t)
	ctx := context.Background()
	if _, err := stats.ComputeRange(ctx, st, day(2026, 7, 1), day(2026, 7, 1), stats.Filter{}); err == nil {
		t.Error("an empty range gave no error")
	}
	if _, err := stats.ComputeCompanies(ctx, st, day(2027, 1, 1), day(2026, 1, 1), 3); err == nil {
		t.Error("a backwards range gave no error")
	}
	from, to := stats.SchoolYear(2030)
	r, err := stats.ComputeRange(ctx, st, from, to, stats.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Periods) != 0 || r.Pupils().N != 0 || r.Placed[stats.NumGroups].String() != "0" || len(r.BySchool) != 0 || r.FirstChoice().Ratio() != 0 {
		t.Errorf("a year without periods %+v", r)
	}
}
