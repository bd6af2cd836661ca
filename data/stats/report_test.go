package stats_test

import (
	"context"
	"math"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"techniqual/data"
	"techniqual/data/stats"
	"techniqual/data/stats/stattest"
)

func build(t *testing.T) (*data.Store, stattest.Fixture) {
	t.Helper()
	ctx := context.Background()
	st, err := data.Open(ctx, filepath.Join(t.TempDir(), "stats.db"), data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	var fx stattest.Fixture
	err = st.InTx(ctx, func(tx *data.Store) error {
		fx, err = stattest.Build(ctx, tx)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return st, fx
}

func row(cs []stats.Cell, total stats.Cell) string {
	var s []string
	for _, c := range cs {
		s = append(s, c.String())
	}
	return strings.Join(s, " ") + " | " + total.String()
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

// The whole period, counted by hand from the fixture (see stattest.Build).
//
//	             girls boys other | total
//	1st choice     8    11    1   |  20   (g1–g6, h1, h2 | b1–b5, k1–k6 | u1)
//	2nd choice     1     0    0   |   1   (g7)
//	3rd choice     0     1    0   |   1   (b6)
//	4th, 5th       0     0    0   |   0
//	not chosen     0     1    0   |   1   (b7)
//	not placed     1     0    0   |   1   (g8)… and h3: girls 2
//
// Not placed girls are g8 and h3 = 2, so the column of girls is 8+1+2 = 11;
// boys 13; other 1; all 25 (the grade-9 pupil and the school outside the
// period are not counted). Suppression: every 1–2 is "<5"; row 1st choice
// 8+11+? = 20 → the 8 is hidden too; column totals 11+13+? = 25 → the 11
// is hidden too. The boys' column 11+?+? = 13 would give away that the two
// hidden boys (b6, b7) add up to 2, a small group: the 11 is hidden too
// (it was shown before hidden terms adding up to 1–4 were protected).
func TestWholePeriod(t *testing.T) {
	st, fx := build(t)
	r, err := stats.Compute(context.Background(), st, fx.PeriodID, stats.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	o := r.Outcome
	want := []string{".. .. <5 | 20", "<5 0 0 | <5", "0 <5 0 | <5", "0 0 0 | 0", "0 0 0 | 0", "0 <5 0 | <5", "<5 0 0 | <5"}
	for i, w := range want {
		if got := row(o.Cells[i], o.RowTotals[i]); got != w {
			t.Errorf("outcome row %d = %q, want %q", i, got, w)
		}
	}
	if got := row(o.ColTotals, o.Total); got != ".. 13 <5 | 25" {
		t.Errorf("pupils by gender %q", got)
	}
	// The real counts are kept behind the suppression.
	if o.Cells[stats.RowChoice1][stats.Girls].N != 8 || o.ColTotals[stats.Girls].N != 11 || o.Cells[stats.RowNotPlaced][stats.Girls].N != 2 {
		t.Errorf("counts %+v", o)
	}
	if got := row(r.Placed[:stats.NumGroups], r.Placed[stats.NumGroups]); got != ".. 13 <5 | .." {
		t.Errorf("placed %q", got)
	}
	// 23 placed in all is hidden too: 25 − 23 would give the 2 not placed.
	if r.Placed[stats.Girls].N != 9 || r.Placed[stats.NumGroups].N != 23 {
		t.Errorf("girls placed %d, want 9", r.Placed[stats.Girls].N)
	}
	// Days (shown as a ratio only, for groups of at least 5 placed pupils):
	// 23 placed × 5 = 115 planned; present: school A only, 15 pupils ×
	// 5 − 1 (g1) − 2 (b1) = 72. Boys: 13 × 5 = 65 planned, 7 × 5 − 2 = 33.
	all, boys, girls := r.Attendance[stats.NumGroups], r.Attendance[stats.Boys], r.Attendance[stats.Girls]
	if !all.Shown() || all.Present != 72 || all.Planned != 115 {
		t.Errorf("attendance all %+v", all)
	}
	if !boys.Shown() || boys.Present != 33 || boys.Planned != 65 {
		t.Errorf("attendance boys %+v", boys)
	}
	// The one other pupil's ratio is hidden; with the girls', boys' and
	// all's shown it could be worked out (all 72/115, girls 34/45, boys
	// 33/65 → 5/5), so the smallest shown group, the 9 girls, is masked too.
	if girls.Shown() || !girls.Masked || girls.Present != 34 || girls.Planned != 45 {
		t.Errorf("attendance girls %+v", girls)
	}
	if r.Attendance[stats.Other].Shown() {
		t.Error("the attendance of one pupil is shown")
	}
	// Girls alone: O2 (g4), O4 (h1), O5 (h2) of the 5 offers with ≥2 pupils.
	if r.AloneGirls.N != 3 || r.AloneGirls.String() != "<5" || r.GroupOffers != 5 {
		t.Errorf("alone %+v of %d", r.AloneGirls, r.GroupOffers)
	}
	// Evaluations: girls g1–g7 and h1 (8), boys b1–b5 (5), no other.
	if got := row(r.Answered.Cells[0], r.Answered.RowTotals[0]); got != "8 5 0 | 13" {
		t.Errorf("answered %q", got)
	}
	means := []struct {
		m    stats.Mean
		n    int
		want float64
	}{
		{r.InterestBefore[stats.Girls], 8, 17.0 / 8}, {r.InterestAfter[stats.Girls], 8, 30.0 / 8},
		{r.InterestBefore[stats.Boys], 5, 3.0}, {r.InterestAfter[stats.Boys], 5, 17.0 / 5},
		{r.InterestBefore[stats.NumGroups], 13, 32.0 / 13}, {r.InterestAfter[stats.NumGroups], 13, 47.0 / 13},
	}
	for i, c := range means {
		if !c.m.Shown() || c.m.N != c.n || !near(c.m.Value, c.want) {
			t.Errorf("mean %d = %+v, want %d answers, %.3f", i, c.m, c.n, c.want)
		}
	}
	if r.InterestBefore[stats.Other].Shown() {
		t.Error("no other answered, yet a mean is shown")
	}
	// Would recommend: yes 7 girls (g7 said no), 5 boys. The single "no"
	// hides the 7 (girls' column) and 12 (row totals).
	rec := r.Recommend
	got := row(rec.Cells[0], rec.RowTotals[0]) + " / " + row(rec.Cells[1], rec.RowTotals[1]) + " / " + row(rec.ColTotals, rec.Total)
	if want := ".. 5 0 | .. / <5 0 0 | <5 / 8 5 0 | 13"; got != want {
		t.Errorf("recommend %q, want %q", got, want)
	}
	// Seven comments, names blanked, sorted.
	if len(r.Comments) != 7 || r.CommentCount.N != 7 {
		t.Fatalf("comments %q", r.Comments)
	}
	if r.Comments[0] != "Bra handledare" || !contains(r.Comments, "… och jag byggde en robot") || contains(r.Comments, "Alva och jag byggde en robot") {
		t.Errorf("comments %q", r.Comments)
	}
	if len(r.Schools) != 2 || strings.Join(r.Municipalities, ",") != "Arvika,Karlstad" {
		t.Errorf("schools %v, municipalities %v", r.Schools, r.Municipalities)
	}
	// Per school: A has 16 pupils, B 9; both schools' placed are hidden
	// (A: 15 of 16, so one not placed; B: 8 of 9).
	if len(r.BySchool) != 2 || r.BySchool[0].School.Name != "Norrskolan" || r.BySchool[0].Pupils.String() != "16" ||
		r.BySchool[0].Placed.String() != ".." || r.BySchool[1].Pupils.String() != "9" || !r.BySchool[1].FirstChoice.Hidden() {
		t.Errorf("by school %+v", r.BySchool)
	}
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// Karlstad is school A alone:
//
//	             girls boys other | total
//	1st choice     6     5    1   |  12
//	2nd            1     0    0   |   1
//	3rd            0     1    0   |   1
//	not chosen     0     1    0   |   1
//	not placed     1     0    0   |   1
//	pupils         8     7    1   |  16
//
// Filtered to Karlstad, the report shows Karlstad's figures of the report
// of all schools, hidden together with the other municipality's (before,
// Karlstad was counted and hidden alone, and its 6 comments beside the 7
// of all schools gave away Arvika's one). Row 1st: 6+?+? = 12 and column
// boys 5+?+? = 7 → the 5 is hidden (the two hidden boys would be 2); column
// totals 8+?+? = 16 → the 7 is hidden. Södra skolan (Arvika) hides its 8
// first choices (with its 9 pupils they give its one pupil not placed), so
// 20 − 8 cannot show Karlstad's 12 either: hidden. Placed 15 is hidden
// because the one not placed is.
func TestMunicipality(t *testing.T) {
	st, fx := build(t)
	ctx := context.Background()
	r, err := stats.Compute(ctx, st, fx.PeriodID, stats.Filter{Municipality: "Karlstad"})
	if err != nil {
		t.Fatal(err)
	}
	o := r.Outcome
	if got := row(o.Cells[0], o.RowTotals[0]); got != ".. .. <5 | .." {
		t.Errorf("1st choice %q", got)
	}
	if got := row(o.ColTotals, o.Total); got != "8 .. <5 | 16" {
		t.Errorf("pupils %q", got)
	}
	if r.Placed[stats.NumGroups].N != 15 || !r.Placed[stats.NumGroups].Suppressed {
		t.Errorf("placed %+v", r.Placed[stats.NumGroups])
	}
	// O1–O4 have a Karlstad pupil; only O2's lone girl (g4) is from Karlstad.
	if r.GroupOffers != 4 || r.AloneGirls.N != 1 || r.AloneGirls.String() != "<5" {
		t.Errorf("alone %+v of %d", r.AloneGirls, r.GroupOffers)
	}
	if r.CommentCount.N != 6 || r.CommentCount.String() != ".." || r.Comments != nil {
		t.Errorf("comments %v %q", r.CommentCount, r.Comments)
	}
	if len(r.BySchool) != 1 || len(r.ByMunicipality) != 1 {
		t.Errorf("by school %+v", r.BySchool)
	}
	all, err := stats.Compute(ctx, st, fx.PeriodID, stats.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range all.ByMunicipality {
		if m.Municipality == "Karlstad" && !sameCells(cellsOf(m.Figures), cellsOf(&r.Figures)) {
			t.Errorf("Karlstad filtered differs from its row of all schools")
		}
	}
}

// sameCells reports whether two lists of figures show alike.
func sameCells(a, b []stats.Cell) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// School B: 3 girls (h1, h2 1st choice, h3 not placed), 6 boys at 1st
// choice. Girls 2 and 1 are hidden; boys' column 6+0… = 6 would give the
// hidden zeros' neighbour away only through the total, so the boys' total
// is hidden; then the row totals 8+…+? = 9 hide the 8.
func TestSchoolWithSmallGroups(t *testing.T) {
	st, fx := build(t)
	r, err := stats.Compute(context.Background(), st, fx.PeriodID, stats.Filter{SchoolID: fx.SchoolB})
	if err != nil {
		t.Fatal(err)
	}
	o := r.Outcome
	if got := row(o.Cells[0], o.RowTotals[0]) + " / " + row(o.ColTotals, o.Total); got != "<5 .. 0 | .. / <5 .. 0 | 9" {
		t.Errorf("school B %q", got)
	}
	if r.Comments != nil || r.CommentCount.String() != "<5" {
		t.Errorf("one comment must not be shown: %q", r.Comments)
	}
	if r.InterestBefore[stats.Girls].Shown() || r.InterestBefore[stats.NumGroups].Shown() {
		t.Error("one answer's mean is shown")
	}
	for k := range r.Placed {
		if k != int(stats.Other) && !r.Placed[k].Suppressed {
			t.Errorf("placed %d shown: %+v", k, r.Placed[k])
		}
	}
}

func TestEmptyPeriod(t *testing.T) {
	ctx := context.Background()
	st, err := data.Open(ctx, filepath.Join(t.TempDir(), "empty.db"), data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	p := data.Period{Name: "Tom", Grade: 9, Start: data.Weekdays(mustDate("2026-03-02"), mustDate("2026-03-02"))[0], End: mustDate("2026-03-06")}
	if err := st.SavePeriod(ctx, &p); err != nil {
		t.Fatal(err)
	}
	r, err := stats.Compute(ctx, st, p.ID, stats.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if r.Outcome.Total.N != 0 || r.Placed[stats.NumGroups].String() != "0" || r.Comments != nil || r.Attendance[stats.NumGroups].Shown() {
		t.Errorf("empty report %+v", r)
	}
}

func mustDate(s string) time.Time { t, _ := data.ParseDate(s); return t }
