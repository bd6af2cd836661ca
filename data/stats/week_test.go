package stats_test

import (
	"context"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"techniqual/data"
	"techniqual/data/stats"
	"techniqual/data/stats/stattest"
)

func buildWeeks(t *testing.T) (*data.Store, stattest.WeekFixture) {
	t.Helper()
	ctx := context.Background()
	st, err := data.Open(ctx, filepath.Join(t.TempDir(), "weeks.db"), data.Options{Now: func() time.Time { return stattest.Now }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	var fx stattest.WeekFixture
	err = st.InTx(ctx, func(tx *data.Store) error {
		fx, err = stattest.BuildWeeks(ctx, tx)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return st, fx
}

// weekCells lists the additive counts of a week's figures.
func weekCells(f *stats.WeekFigures) []stats.Cell {
	var out []stats.Cell
	for _, tb := range []stats.Table{f.Teamed, f.HostsMet} {
		out = append(out, tb.Cells[0]...)
		out = append(out, tb.RowTotals...)
	}
	return append(out, f.RuleBroken)
}

// meanText is a mean as a screen shows it: two decimals, or "hidden".
func meanText(m stats.Mean) string {
	if !m.Shown() {
		return "hidden"
	}
	return strconv.FormatFloat(m.Value, 'f', 2, 64)
}

func attText(a stats.Attendance) string {
	if !a.Shown() {
		return "hidden"
	}
	return strconv.FormatFloat(a.Ratio(), 'f', 2, 64)
}

// Week 1 counted by hand (see stattest.BuildWeeks).
func TestWeekCounts(t *testing.T) {
	st, fx := buildWeeks(t)
	ctx := context.Background()
	r, err := stats.ComputeWeek(ctx, st, fx.Week1, stats.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	fb := r.Feedback
	if fb == nil || len(fb.Groups) != 2 {
		t.Fatalf("feedback %+v, want two groups", fb)
	}
	k := r.Key()
	for _, c := range []struct{ name, got, want string }{
		{"pupils in teams (girls boys other | all)", row(r.Teamed.Cells[0], r.Teamed.RowTotals[0]), "8 12 0 | 20"},
		{"key pupils", k.Pupils.String() + " " + k.Girls.String() + " " + k.Boys.String() + " " + k.Other.String(), "20 8 12 0"},
		{"teams", strconv.Itoa(k.Teams), "4"},
		{"teams breaking the rule", k.RuleBroken.String(), "<5"},
		{"teams breaking the rule (kept)", strconv.Itoa(k.RuleBroken.N), "1"},
		// 0, 1, 2, 3, 4, 5+ hosts: the lone 3 is hidden, and the 5 with it.
		{"hosts met", row(r.HostsMet.Cells[0], r.HostsMet.RowTotals[0]), "0 0 .. <5 14 0 | 20"},
		{"hosts met (kept)", strconv.Itoa(r.HostsMet.Cells[0][2].N) + " " + strconv.Itoa(r.HostsMet.Cells[0][3].N), "5 1"},
		{"hosts per pupil", meanText(k.HostsPerPupil), "3.45"},
		{"role models per pupil", meanText(k.RoleModelsPerPupil), "4.45"},
		{"role models", strconv.Itoa(k.RoleModels), "5"},
		{"hosts", strconv.Itoa(k.Hosts), "4"},
		{"by profession", professions(r.ByProfession), "Ingenjör 2, Programmerare 1, Svetsare 1, 1"},
		{"attendance of all (T1: 19 of 20)", attText(k.Attendance), "0.95"},
		{"attendance of girls (3 recorded)", attText(r.Attendance[stats.Girls]), "hidden"},
		{"feedback answers", fb.Answers.String() + " = " + fb.Groups[0].Answers.String() + " + " + fb.Groups[1].Answers.String(), "15 = .. + <5"},
		{"group names", fb.Groups[0].Group + ", " + fb.Groups[1].Group, "Ring Karlstad, Ring Kil"},
		{"fun, all", meanText(fb.Questions[stats.QuestionFun]), "3.60"},
		{"fun, groups", meanText(fb.Groups[0].Questions[stats.QuestionFun]) + " " + meanText(fb.Groups[1].Questions[stats.QuestionFun]), "hidden hidden"},
		{"learned, all and Karlstad", meanText(fb.Questions[stats.QuestionLearned]) + " " + meanText(fb.Groups[0].Questions[stats.QuestionLearned]), "5.00 5.00"},
		{"people: 4 answers", meanText(fb.Questions[stats.QuestionPeople]) + " " + strconv.Itoa(fb.Questions[stats.QuestionPeople].N), "hidden 4"},
		{"interest: none", strconv.Itoa(fb.Questions[stats.QuestionInterest].N), "0"},
		{"schools", strconv.Itoa(len(r.BySchool)) + " " + strconv.Itoa(len(r.ByMunicipality)), "3 3"},
	} {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}
	// School C (Kil): Cleo alone and four boys, both hidden. Its total 5
	// is hidden too: the whole's five pupils who met 2 hosts are hidden
	// (beside the one who met 3), and they are all Kil's, so Kil's are
	// hidden, and with them Kil's total (the hosts-met row's total is the
	// pupils').
	for _, s := range r.BySchool {
		if s.School.ID == fx.SchoolC {
			if got := row(s.Figures.Teamed.Cells[0], s.Figures.Teamed.RowTotals[0]); got != "<5 <5 0 | .." {
				t.Errorf("Kilskolan: %s", got)
			}
			if s.Figures.Teams != 1 || s.Figures.RuleBroken.N != 1 || !s.Figures.RuleBroken.Suppressed {
				t.Errorf("Kilskolan's teams: %d, broken %+v", s.Figures.Teams, s.Figures.RuleBroken)
			}
		}
	}
}

func professions(ps []stats.ProfessionCount) string {
	s := ""
	for i, p := range ps {
		if i > 0 {
			s += ", "
		}
		s += p.Profession
		if p.Profession != "" {
			s += " "
		}
		s += strconv.Itoa(p.People)
	}
	return s
}

// No hidden count of a week follows by subtraction: across schools and
// municipalities, across filters, and from a range's sum of weeks.
func TestWeekNoHiddenCountFollowsFromASum(t *testing.T) {
	st, fx := buildWeeks(t)
	ctx := context.Background()
	own := map[string]*stats.WeekReport{}
	for _, id := range []string{fx.Week1, fx.Week2} {
		r, err := stats.ComputeWeek(ctx, st, id, stats.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		own[id] = r
		checkWeekUnits(t, r.Period.Name, r)
		checkWeekFilters(t, r.Period.Name, r, func(f stats.Filter) (*stats.WeekReport, error) { return stats.ComputeWeek(ctx, st, id, f) })
	}
	sums := 0
	for _, c := range []struct {
		name     string
		rng      [2]time.Time
		periods  int
		leftOut  int
		teamed   int
		feedback string
	}{
		{"läsår 2026/27", pair(stats.SchoolYear(2026)), 2, 1, 25, "15"},
		{"läsår 2025/26", pair(stats.SchoolYear(2025)), 0, 0, 0, "0"},
		{"2026", pair(stats.CalendarYear(2026)), 1, 0, 20, "15"},
		{"2027", pair(stats.CalendarYear(2027)), 1, 1, 5, "0"},
	} {
		r, err := stats.ComputeWeekRange(ctx, st, c.rng[0], c.rng[1], stats.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Periods) != c.periods || len(r.LeftOut) != c.leftOut || r.Pupils().N != c.teamed || r.Feedback.Answers.String() != c.feedback {
			t.Errorf("%s: %d weeks, %d left out, %d pupils, %s answers; want %d, %d, %d, %s", c.name, len(r.Periods), len(r.LeftOut),
				r.Pupils().N, r.Feedback.Answers, c.periods, c.leftOut, c.teamed, c.feedback)
		}
		checkWeekUnits(t, c.name, r)
		checkWeekFilters(t, c.name, r, func(f stats.Filter) (*stats.WeekReport, error) {
			return stats.ComputeWeekRange(ctx, st, c.rng[0], c.rng[1], f)
		})
		if len(r.Periods) < 2 {
			continue
		}
		sums++
		var parts [][]stats.Cell
		for _, p := range r.Periods {
			parts = append(parts, weekCells(&own[p.ID].WeekFigures))
		}
		if i := leaks(parts, weekCells(&r.WeekFigures)); i >= 0 {
			t.Errorf("%s: figure %d of a week follows from the sum", c.name, i)
		}
		for _, s := range r.BySchool {
			var parts [][]stats.Cell
			for _, p := range r.Periods {
				if f := weekSchoolIn(own[p.ID], s.School.ID); f != nil {
					parts = append(parts, weekCells(f))
				}
			}
			if i := leaks(parts, weekCells(s.Figures)); i >= 0 {
				t.Errorf("%s: figure %d of %s in a week follows from the sum", c.name, i, s.School.Name)
			}
		}
		// A week's rule-breaking teams hidden on its own stay hidden in the sum.
		if !r.RuleBroken.Suppressed {
			t.Errorf("%s: the teams breaking the rule show %s", c.name, r.RuleBroken)
		}
		// Feedback: a host group hidden in its week stays hidden.
		for _, g := range r.Feedback.Groups {
			if g.Group == "Ring Kil" && g.Answers.N > 0 && !g.Answers.Suppressed {
				t.Errorf("%s: Ring Kil's %d answers show", c.name, g.Answers.N)
			}
		}
	}
	if sums == 0 {
		t.Error("no sum of two weeks was checked")
	}
}

func checkWeekUnits(t *testing.T, name string, r *stats.WeekReport) {
	t.Helper()
	var munis [][]stats.Cell
	for _, m := range r.ByMunicipality {
		munis = append(munis, weekCells(m.Figures))
		var schools [][]stats.Cell
		for _, s := range r.BySchool {
			if s.School.Municipality == m.Municipality {
				schools = append(schools, weekCells(s.Figures))
			}
		}
		if i := leaks(schools, weekCells(m.Figures)); i >= 0 {
			t.Errorf("%s: figure %d of %s's schools can be worked out", name, i, m.Municipality)
		}
	}
	if i := leaks(munis, weekCells(&r.WeekFigures)); i >= 0 {
		t.Errorf("%s: figure %d of the municipalities can be worked out", name, i)
	}
	// Within each unit: the groups against the shown total.
	for _, f := range append([]*stats.WeekFigures{&r.WeekFigures}, rowFigures(r)...) {
		for _, tb := range []stats.Table{f.Teamed, f.HostsMet} {
			var parts [][]stats.Cell
			for _, c := range tb.Cells[0] {
				parts = append(parts, []stats.Cell{c})
			}
			if leaks(parts, tb.RowTotals) >= 0 {
				t.Errorf("%s: a hidden group follows from its row %s", name, row(tb.Cells[0], tb.RowTotals[0]))
			}
		}
	}
}

func rowFigures(r *stats.WeekReport) []*stats.WeekFigures {
	var out []*stats.WeekFigures
	for _, m := range r.ByMunicipality {
		out = append(out, m.Figures)
	}
	for _, s := range r.BySchool {
		out = append(out, s.Figures)
	}
	return out
}

func checkWeekFilters(t *testing.T, name string, all *stats.WeekReport, compute func(stats.Filter) (*stats.WeekReport, error)) {
	t.Helper()
	for _, m := range all.ByMunicipality {
		r, err := compute(stats.Filter{Municipality: m.Municipality})
		if err != nil {
			t.Fatal(err)
		}
		if !sameCells(weekCells(&r.WeekFigures), weekCells(m.Figures)) || r.Feedback != nil {
			t.Errorf("%s: %s filtered shows other figures than its row of all schools", name, m.Municipality)
		}
	}
	for _, s := range all.BySchool {
		r, err := compute(stats.Filter{SchoolID: s.School.ID})
		if err != nil {
			t.Fatal(err)
		}
		if !sameCells(weekCells(&r.WeekFigures), weekCells(s.Figures)) || len(r.BySchool) != 1 || r.Key() != s.Figures.Key() {
			t.Errorf("%s: %s filtered shows other figures than its row of all schools", name, s.School.Name)
		}
	}
}

func weekSchoolIn(r *stats.WeekReport, id string) *stats.WeekFigures {
	for _, s := range r.BySchool {
		if s.School.ID == id {
			return s.Figures
		}
	}
	return nil
}

// Classic periods and weeks in one school year: each format counted on its
// own, and the year's pupils once each.
func TestYearCountsBothFormatsOnce(t *testing.T) {
	st, _ := buildWeeks(t)
	ctx := context.Background()
	for _, c := range []struct {
		name    string
		rng     [2]time.Time
		classic int    // placed, pupil-periods
		week    int    // in teams, pupil-weeks
		counts  string // classic only / week only / both: girls boys other | all
		pupils  string // different pupils per group | all
		rows    string // counts as shown
		cols    string // pupils as shown
		weeks   int
	}{
		// Classic Åk 8 v. 46 2026: 23 placed. Weeks: 20 + 5 in teams.
		// Both: Alva … Nora (7 girls), Liam … Leo (7 boys), Kim, Ella,
		// Selma, Oscar, Viktor, Alvin. Classic only: Melvin, Theo, Frank.
		// Week only: Kilskolan's five.
		{"läsår 2026/27", pair(stats.SchoolYear(2026)), 23, 25,
			"0 3 0 | 3 / 1 4 0 | 5 / 9 10 1 | 20", "10 17 1 | 28",
			"0 <5 0 | <5 / <5 <5 0 | .. / .. .. <5 | ..", ".. 17 <5 | 28", 2},
		// Calendar 2026: also Åk 8 v. 11 2026 (10 placed, today's grade 9:
		// 6 girls, 4 boys), and week 1 only, so Wilma, Nora, Elias, Leo and
		// Kim are classic only.
		{"2026", pair(stats.CalendarYear(2026)), 33, 20,
			"8 9 1 | 18 / 1 4 0 | 5 / 7 8 0 | 15", "16 21 1 | 38",
			".. 9 <5 | 18 / <5 <5 0 | .. / .. .. 0 | ..", ".. 21 <5 | 38", 1},
	} {
		ys, err := stats.LoadYear(ctx, st, c.name, c.rng[0], c.rng[1], 1)
		if err != nil {
			t.Fatal(err)
		}
		if ys.Week == nil {
			t.Fatalf("%s: no weeks", c.name)
		}
		for _, p := range append(append([]data.Period{}, ys.Periods...), ys.LeftOut...) {
			if p.Format == data.FormatWeek {
				t.Errorf("%s: week %s among the classic periods", c.name, p.Name)
			}
		}
		a := ys.AllPupils
		n := func(cs []stats.Cell, total stats.Cell) string {
			s := ""
			for _, c := range cs {
				s += strconv.Itoa(c.N) + " "
			}
			return s + "| " + strconv.Itoa(total.N)
		}
		counts := n(a.Cells[0], a.RowTotals[0]) + " / " + n(a.Cells[1], a.RowTotals[1]) + " / " + n(a.Cells[2], a.RowTotals[2])
		rows := row(a.Cells[0], a.RowTotals[0]) + " / " + row(a.Cells[1], a.RowTotals[1]) + " / " + row(a.Cells[2], a.RowTotals[2])
		for _, x := range []struct{ what, got, want string }{
			{"classic placed", strconv.Itoa(ys.Placed.N), strconv.Itoa(c.classic)},
			{"week pupils", strconv.Itoa(ys.Week.Pupils().N), strconv.Itoa(c.week)},
			{"counts", counts, c.counts},
			{"pupils", n(a.ColTotals, a.Total), c.pupils},
			{"counts shown", rows, c.rows},
			{"pupils shown", row(a.ColTotals, a.Total), c.cols},
			{"weeks", strconv.Itoa(len(ys.Week.Periods)), strconv.Itoa(c.weeks)},
		} {
			if x.got != x.want {
				t.Errorf("%s: %s = %q, want %q", c.name, x.what, x.got, x.want)
			}
		}
		// Within the table: no row or column gives a hidden cell away.
		var byRow, byCol [][]stats.Cell
		for i := range a.Cells {
			byRow = append(byRow, []stats.Cell{a.RowTotals[i]})
			var parts [][]stats.Cell
			for _, x := range a.Cells[i] {
				parts = append(parts, []stats.Cell{x})
			}
			if leaks(parts, []stats.Cell{a.RowTotals[i]}) >= 0 {
				t.Errorf("%s: row %d gives a hidden cell away", c.name, i)
			}
		}
		for j := range a.ColTotals {
			byCol = append(byCol, []stats.Cell{a.ColTotals[j]})
			var parts [][]stats.Cell
			for i := range a.Cells {
				parts = append(parts, []stats.Cell{a.Cells[i][j]})
			}
			if leaks(parts, []stats.Cell{a.ColTotals[j]}) >= 0 {
				t.Errorf("%s: column %d gives a hidden cell away", c.name, j)
			}
		}
		if leaks(byRow, []stats.Cell{a.Total}) >= 0 || leaks(byCol, []stats.Cell{a.Total}) >= 0 {
			t.Errorf("%s: the totals give a hidden total away", c.name)
		}
		// The distinct pupils are classic + week − both, in every group.
		for g := range stats.NumGroups + 1 {
			classic, week, both, all := a.RowTotals[stats.RowClassicOnly].N+a.RowTotals[stats.RowBothFormats].N,
				a.RowTotals[stats.RowWeekOnly].N+a.RowTotals[stats.RowBothFormats].N, a.RowTotals[stats.RowBothFormats].N, a.Total.N
			if g < stats.NumGroups {
				classic, week = a.Cells[stats.RowClassicOnly][g].N+a.Cells[stats.RowBothFormats][g].N,
					a.Cells[stats.RowWeekOnly][g].N+a.Cells[stats.RowBothFormats][g].N
				both, all = a.Cells[stats.RowBothFormats][g].N, a.ColTotals[g].N
			}
			if all != classic+week-both {
				t.Errorf("%s: group %d: %d pupils, want %d + %d − %d", c.name, g, all, classic, week, both)
			}
		}
		// No hidden cell follows from the published format figures.
		for g := range stats.NumGroups + 1 {
			classic, week := ys.Report.Placed[g], ys.Week.Pupils()
			co, wo, bo := a.RowTotals[stats.RowClassicOnly], a.RowTotals[stats.RowWeekOnly], a.RowTotals[stats.RowBothFormats]
			if g < stats.NumGroups {
				week = ys.Week.Group(g)
				co, wo, bo = a.Cells[stats.RowClassicOnly][g], a.Cells[stats.RowWeekOnly][g], a.Cells[stats.RowBothFormats][g]
			}
			if classic.N == co.N+bo.N && leaks([][]stats.Cell{{co}, {bo}}, []stats.Cell{classic}) >= 0 {
				t.Errorf("%s: group %d: classic only or both follows from the placed (%s = %s + %s)", c.name, g, classic, co, bo)
			}
			if week.N == wo.N+bo.N && leaks([][]stats.Cell{{wo}, {bo}}, []stats.Cell{week}) >= 0 {
				t.Errorf("%s: group %d: week only or both follows from the pupils in teams (%s = %s + %s)", c.name, g, week, wo, bo)
			}
		}
	}
}

func TestWeekBadInput(t *testing.T) {
	st, fx := buildWeeks(t)
	ctx := context.Background()
	if _, err := stats.ComputeWeek(ctx, st, fx.PeriodID, stats.Filter{}); err == nil || !strings.Contains(err.Error(), "Åk 8 v. 46 2026") {
		t.Errorf("a classic period: %v", err)
	}
	if _, err := stats.ComputeWeek(ctx, st, "no-such-period", stats.Filter{}); err == nil {
		t.Error("an unknown period gives no error")
	}
	from, to := stats.SchoolYear(2026)
	if _, err := stats.ComputeWeekRange(ctx, st, to, from, stats.Filter{}); err == nil {
		t.Error("an empty range gives no error")
	}
	r, err := stats.ComputeWeekRange(ctx, st, from, to, stats.Filter{SchoolID: "no-such-school"})
	if err != nil || r.Pupils().N != 0 || r.Feedback != nil {
		t.Errorf("a school not in the weeks: %v, %+v", err, r)
	}
	w, err := stats.ComputeWeek(ctx, st, fx.Week1, stats.Filter{SchoolID: fx.SchoolC})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := stats.CombinePupils(nil, w); err == nil {
		t.Error("no classic report gives no error")
	}
	cr, err := stats.ComputeRange(ctx, st, from, to, stats.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	// The classic report names the weeks it leaves to ComputeWeekRange.
	for _, p := range cr.Periods {
		if p.Format == data.FormatWeek {
			t.Errorf("a week summed in the classic report: %s", p.Name)
		}
	}
	if len(cr.Weeks) == 0 || !slices.ContainsFunc(cr.Weeks, func(p data.Period) bool { return p.ID == fx.Week1 }) {
		t.Errorf("the weeks of the range are not named: %v", cr.Weeks)
	}
	if _, err := stats.CombinePupils(cr, w); err == nil {
		t.Error("a filtered week report is combined")
	}
}
