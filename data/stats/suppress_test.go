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
