package stats

import (
	"strings"
	"testing"
)

// shown renders a row of cells as the screen would.
func shown(cs []Cell) string {
	var s []string
	for _, c := range cs {
		s = append(s, c.String())
	}
	return strings.Join(s, " ")
}

func TestCellShowsSmallGroupsAsLessThanFive(t *testing.T) {
	for n, want := range map[int]string{0: "0", 1: "<5", 4: "<5", 5: "5", 17: "17"} {
		if got := NewCell(n).String(); got != want {
			t.Errorf("NewCell(%d) = %q, want %q", n, got, want)
		}
	}
	if got := (Cell{N: 9, Suppressed: true}).String(); got != ".." {
		t.Errorf("a complementary-hidden 9 shows %q", got)
	}
}

// A one-row table with its total: girls 3, boys 10, other 12, total 25.
// Hiding only the 3 would let it be computed as 25 − 10 − 12, so the
// smallest other non-zero cell (10) is hidden too.
func TestComplementaryWhenComputableFromTheTotal(t *testing.T) {
	tb := NewTable([][]int{{3, 10, 12}}, true, false)
	if got := shown(tb.Cells[0]) + " | " + tb.RowTotals[0].String(); got != "<5 .. 12 | 25" {
		t.Errorf("got %q", got)
	}
	// Two small cells protect each other: nothing more is hidden.
	tb = NewTable([][]int{{3, 2, 12}}, true, false)
	if got := shown(tb.Cells[0]) + " | " + tb.RowTotals[0].String(); got != "<5 <5 12 | 17" {
		t.Errorf("got %q", got)
	}
	// Without a shown total nothing can be computed.
	tb = NewTable([][]int{{3, 10, 12}}, false, false)
	if got := shown(tb.Cells[0]); got != "<5 10 12" {
		t.Errorf("got %q", got)
	}
	// Only zeros beside the small cell: the total is hidden instead.
	tb = NewTable([][]int{{3, 0, 0}}, true, false)
	if got := shown(tb.Cells[0]) + " | " + tb.RowTotals[0].String(); got != "<5 0 0 | <5" {
		t.Errorf("got %q", got)
	}
	tb = NewTable([][]int{{0, 0, 40}}, true, false)
	if got := shown(tb.Cells[0]) + " | " + tb.RowTotals[0].String(); got != "0 0 40 | 40" {
		t.Errorf("got %q", got)
	}
}

// A two-way table with all margins, worked out by hand:
//
//	        girls boys  | total
//	yes       6     5   |  11
//	no        1     0   |   1
//	total     7     5   |  12
//
// Primary: no/girls 1 and the no-row total 1. Column girls: 6 + ? = 7 gives
// the 1 away → hide 6. Row totals: 11 + ? = 12 → hide 11. Then row yes has
// two hidden (6, 11) and nothing else changes.
func TestTwoWayTableComplementary(t *testing.T) {
	tb := NewTable([][]int{{6, 5}, {1, 0}}, true, true)
	got := shown(tb.Cells[0]) + " | " + tb.RowTotals[0].String() + " / " + shown(tb.Cells[1]) + " | " +
		tb.RowTotals[1].String() + " / " + shown(tb.ColTotals) + " | " + tb.Total.String()
	if want := ".. 5 | .. / <5 0 | <5 / 7 5 | 12"; got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	// Every equation has zero or at least two hidden terms.
	check := func(terms []Cell, total Cell) {
		h := 0
		for _, c := range append(terms, total) {
			if c.Suppressed {
				h++
			}
		}
		if h == 1 {
			t.Errorf("one hidden term in %v = %v", terms, total)
		}
	}
	for i := range tb.Cells {
		check(tb.Cells[i], tb.RowTotals[i])
	}
	for j := range tb.ColTotals {
		check([]Cell{tb.Cells[0][j], tb.Cells[1][j]}, tb.ColTotals[j])
	}
	check(tb.RowTotals, tb.Total)
	check(tb.ColTotals, tb.Total)
}

func TestShare(t *testing.T) {
	cases := []struct {
		part, whole int
		hidden      bool
	}{{8, 15, false}, {8, 10, true}, {3, 12, true}, {9, 12, true}, {0, 12, false}, {12, 12, false}, {2, 3, true}, {0, 0, true}}
	for _, c := range cases {
		if got := NewShare(c.part, c.whole).Hidden(); got != c.hidden {
			t.Errorf("share %d/%d hidden = %v, want %v", c.part, c.whole, got, c.hidden)
		}
	}
	if r := NewShare(8, 16).Ratio(); r != 0.5 {
		t.Errorf("ratio %v", r)
	}
}

func TestBlankNames(t *testing.T) {
	names := map[string]bool{"alva": true, "berg": true}
	if got := BlankNames("Alva och jag byggde en robot hos Berg-Nilsson, alva!", names); got != "… och jag byggde en robot hos Berg-Nilsson, …!" {
		t.Errorf("got %q", got)
	}
}

// Hidden terms that add up to a small group give that group away as the
// total less the shown terms, even when two or more are hidden: 33 − 20 −
// 10 = 3. One more term is hidden (the smallest shown, the 10).
func TestComplementaryWhenHiddenTermsAddUpToASmallGroup(t *testing.T) {
	for _, c := range []struct {
		name   string
		counts []int
		want   string
	}{
		{"two small cells, 3 in all", []int{20, 10, 2, 1}, "20 .. <5 <5 | 33"},
		{"two small cells, 5 in all", []int{20, 10, 3, 2}, "20 10 <5 <5 | 35"},
		{"three small cells, 4 in all", []int{12, 2, 1, 1}, ".. <5 <5 <5 | 16"},
		{"only zeros to hide: the total", []int{0, 2, 1, 0}, "0 <5 <5 0 | <5"},
	} {
		tb := NewTable([][]int{c.counts}, true, false)
		if got := shown(tb.Cells[0]) + " | " + tb.RowTotals[0].String(); got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
}

// The share of first choices is hidden when the placed who did not get
// theirs are a small group, even when both its part and whole are shown
// (the review's case): 20 girls and boys at their first choice, 2 boys at
// their second and 1 at their third, 10 not placed.
//
//	             girls boys other | total
//	1st choice    10    10    0   |  20
//	2nd choice     0     2    0   |   2
//	3rd choice     0     1    0   |   1
//	not placed     5     5    0   |  10
//	pupils        15    18    0   |  33
//
// The boys' column 10 + [2] + [1] + 5 = 18 and the row totals 20 + [2] +
// [1] + 10 = 33 each have hidden terms adding up to 3: the smallest shown
// term of each is hidden too, the boys' 5 not placed and the 10 not placed
// in all. Placed 23 is then hidden (33 − 10 with the 10 hidden), and with
// it the share of first choices.
func TestShareOfFirstChoiceHidesASmallRest(t *testing.T) {
	var tl tally
	tl.outcome[RowChoice1][Girls], tl.outcome[RowChoice1][Boys] = 10, 10
	tl.outcome[RowChoice1+1][Boys], tl.outcome[RowChoice1+2][Boys] = 2, 1
	tl.outcome[RowNotPlaced][Girls], tl.outcome[RowNotPlaced][Boys] = 5, 5
	f := finish(&tl)
	protectUnits(&unit{fig: f})
	o := f.Outcome
	if got := shown(o.Cells[RowNotPlaced]) + " | " + o.RowTotals[RowNotPlaced].String(); got != "5 .. 0 | .." {
		t.Errorf("not placed %q", got)
	}
	if got := shown(f.Placed[:]); got != "10 .. 0 .." {
		t.Errorf("placed %q", got)
	}
	if fc := f.FirstChoice(); !fc.Hidden() || fc.Part.N != 20 || fc.Whole.N != 23 {
		t.Errorf("first choice %+v shown", fc)
	}
	// Without the table: part and whole shown, the rest (3) small.
	f.Placed[NumGroups].Suppressed = false
	f.Outcome.RowTotals[RowChoice1].Suppressed = false
	if !f.FirstChoice().Hidden() {
		t.Error("20 of 23: the 3 others follow from the share")
	}
	// Girls' share: 10 girls of 23 placed; the 13 others are no small group.
	f.Placed[Girls].Suppressed = false
	if f.GirlsShare().Hidden() {
		t.Error("10 girls of 23 hidden")
	}
	f.Placed[Girls].N = 21
	if !f.GirlsShare().Hidden() {
		t.Error("21 girls of 23: the 2 others follow from the share")
	}
}

// tableLeaks lists the equations of t (each row with its total, each
// column with its total, the margins with the grand total) in which a
// hidden figure follows by subtraction: exactly one figure hidden, or the
// total shown and the hidden terms adding up to a small group.
func tableLeaks(t *Table) []string {
	var out []string
	check := func(name string, terms []Cell, total Cell) {
		hidden, sum := 0, 0
		if total.Suppressed {
			hidden++
		}
		for _, c := range terms {
			if c.Suppressed {
				hidden++
				sum += c.N
			}
		}
		if hidden == 1 || !total.Suppressed && small(sum) {
			out = append(out, name)
		}
	}
	for i := range t.Cells {
		check("row", t.Cells[i], t.RowTotals[i])
	}
	for j := range t.ColTotals {
		var col []Cell
		for i := range t.Cells {
			col = append(col, t.Cells[i][j])
		}
		check("column", col, t.ColTotals[j])
	}
	check("row totals", t.RowTotals, t.Total)
	check("column totals", t.ColTotals, t.Total)
	return out
}

// The review's case: a municipality of 30 girls, 32 boys and 2 "Annat".
// The 2 must not follow from the total, so a second figure is hidden: it
// used to be the girls' 30 (the smallest shown), whose bar then looked
// boys-only; now it is the total (".."), and the girls and boys are shown.
func TestASmallOtherGroupNeverHidesTheGirls(t *testing.T) {
	var tl tally
	tl.outcome[RowChoice1][Girls], tl.outcome[RowChoice1][Boys], tl.outcome[RowChoice1][Other] = 20, 20, 2
	tl.outcome[RowChoice1+1][Girls], tl.outcome[RowChoice1+1][Boys] = 10, 12
	f := finish(&tl)
	protectUnits(&unit{fig: f})
	o := f.Outcome
	if got := shown(o.ColTotals) + " | " + o.Total.String(); got != "30 32 <5 | .." {
		t.Errorf("pupils by gender %q, want the girls and boys shown", got)
	}
	if got := shown(f.Placed[:]); !strings.HasPrefix(got, "30 32 <5") {
		t.Errorf("placed %q", got)
	}
	if l := tableLeaks(&o); len(l) > 0 {
		t.Errorf("a hidden figure follows from %v", l)
	}
}

// Many random tallies by gender: in no table does a hidden figure follow
// from any equation (every difference is tried), and the girls' and boys'
// figures hidden are never more than the plain order hides (it is kept
// when sparing them does not help).
func TestNoHiddenFigureFollowsInRandomTablesByGender(t *testing.T) {
	seed := uint32(1)
	rnd := func(n int) int { seed = seed*1664525 + 1013904223; return int(seed>>8) % n }
	spared, girlsBefore, girlsAfter := 0, 0, 0
	for k := 0; k < 3000; k++ {
		var tl tally
		for r := 0; r < outcomeRows; r++ {
			if rnd(3) == 0 {
				continue
			}
			tl.outcome[r][Girls], tl.outcome[r][Boys], tl.outcome[r][Other] = rnd(25), rnd(25), rnd(3)*rnd(4)
		}
		plain := finish(&tl)
		protectUnitsOnce(&unit{fig: plain})
		f := finish(&tl)
		protectUnits(&unit{fig: f})
		if l := tableLeaks(&f.Outcome); len(l) > 0 {
			t.Fatalf("tally %v: a hidden figure follows from %v", tl.outcome, l)
		}
		a, b := plain.Outcome.keptHidden(), f.Outcome.keptHidden()
		if b > a {
			t.Fatalf("tally %v: %d girls' and boys' figures hidden, %d in the plain order", tl.outcome, b, a)
		}
		if b < a {
			spared++
		}
		if plain.Outcome.ColTotals[Girls].Suppressed {
			girlsBefore++
		}
		if f.Outcome.ColTotals[Girls].Suppressed {
			girlsAfter++
		}
	}
	if spared == 0 || girlsAfter >= girlsBefore {
		t.Errorf("sparing helped in %d of 3000 tables; girls hidden %d → %d", spared, girlsBefore, girlsAfter)
	}
	t.Logf("sparing helped in %d of 3000 tables; the girls' total hidden in %d → %d", spared, girlsBefore, girlsAfter)
}
