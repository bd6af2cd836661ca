// Package stats computes Techniqual's statistics from Store reads: per
// period, school year or calendar year (report.go, year.go), per school and
// municipality, by gender, with small groups hidden, the teknikprao weeks'
// figures and the year's pupils across both formats (week.go,
// year_week.go), and the network's company figures (companies.go). It holds no SQL: it reads through the
// Store.
//
// MinGroup: statistics never show a group smaller than 5. Every count of
// 1–4 pupils is shown as "<5" (0 may show as 0), and where the shown totals
// and other cells would let a hidden count be worked out by subtraction, a
// second cell is hidden too (complementary suppression).
//
// Every host company in the network is a technology company, so every offer
// counts as a "technology offer" here.
package stats

import "strconv"

// MinGroup is the smallest group a figure may show; smaller non-zero groups
// are shown as "<5".
const MinGroup = 5

// Hidden is how a suppressed figure is shown.
const Hidden = "<5"

// Masked is how a cell hidden by complementary suppression is shown.
const Masked = ".."

// Cell is one published count: its value and whether it must be hidden.
// A suppressed cell's N is kept for the computations but must never be shown.
type Cell struct {
	N          int
	Suppressed bool
	// public is set on a figure of a sum (a range of weeks) whose parts
	// are all shown in their own reports: a reader can add it up, so
	// hiding it protects nothing and complementary suppression picks
	// another cell.
	public bool
	// rank is set in tables by gender (Table.KeepGenders): rankKeep on the
	// girls' and boys' figures the network follows, rankMargin on a row's
	// total. A report's suppression (protectUnits) also tries hiding, with
	// a small group, first the other/unspecified group's figures, then the
	// equation's total, then a row's total, and the girls' or boys' last,
	// and keeps that when it hides fewer girls' and boys' figures.
	rank uint8
	// forced is set on a figure hidden from outside the report (hidden in
	// a period's own report, so in their sum too): it stays hidden.
	forced bool
}

// The ranks of Cell.rank above the default.
const (
	rankMargin uint8 = 1
	rankKeep   uint8 = 2
)

// small reports whether n is a group too small to show (1–4).
func small(n int) bool { return n > 0 && n < MinGroup }

// NewCell is a lone count, hidden when it is 1–4.
func NewCell(n int) Cell { return Cell{N: n, Suppressed: small(n)} }

// String is the count, "<5" when it is a small group that is hidden, or
// ".." when it is hidden only so that a small group cannot be worked out
// (complementary suppression); showing "<5" for, say, 9 would be untrue.
func (c Cell) String() string {
	if c.Suppressed && small(c.N) {
		return Hidden
	}
	if c.Suppressed {
		return Masked
	}
	return strconv.Itoa(c.N)
}

// Table is a table of counts with its margins. Row totals, column totals
// and the grand total are published only when asked for, and take part in
// the suppression: a shown total is an equation a reader could solve.
type Table struct {
	spare     bool // Suppress hides by Cell.rank, sparing girls' and boys' figures (protectUnits tries it)
	Cells     [][]Cell
	RowTotals []Cell // nil when the table shows no row totals
	ColTotals []Cell // nil when the table shows no column totals
	Total     Cell   // shown only when both margins are
}

// NewTable makes a suppressed table of counts (every row the same length);
// rowTotals and colTotals say which margins are shown.
func NewTable(counts [][]int, rowTotals, colTotals bool) Table {
	t := buildTable(counts, rowTotals, colTotals)
	t.Suppress()
	return t
}

// NewGroupTable is NewTable with row totals for counts by gender: where a
// row has exactly one small group, the row's total is hidden rather than a
// second group, so that girls' and boys' figures stay visible (the network
// follows them) and the small group still cannot be worked out.
func NewGroupTable(counts [][]int) Table {
	t := buildTable(counts, true, false)
	for i, row := range t.Cells {
		n := 0
		for _, c := range row {
			if small(c.N) {
				n++
			}
		}
		if n == 1 {
			t.RowTotals[i].Suppressed = true
		}
	}
	t.Suppress()
	return t
}

// KeepGenders marks a table by gender (columns Girls, Boys, Other) with
// the ranks by which a report's suppression may spare the girls' and boys'
// figures: a small "Annat" group is then protected by hiding an "Annat"
// figure or a total, not the girls (see Cell.rank). Call it before
// Suppress.
func (t *Table) KeepGenders() {
	for i := range t.Cells {
		for j := range t.Cells[i] {
			t.Cells[i][j].rank = genderRank(j)
		}
	}
	for j := range t.ColTotals {
		t.ColTotals[j].rank = genderRank(j)
	}
	for i := range t.RowTotals {
		t.RowTotals[i].rank = rankMargin
	}
}

// genderRank is the rank of column j of a table by gender.
func genderRank(j int) uint8 {
	if j == int(Girls) || j == int(Boys) {
		return rankKeep
	}
	return 0
}

// keptHidden counts the hidden girls' and boys' figures.
func (t *Table) keptHidden() int {
	n := 0
	for i := range t.Cells {
		for _, c := range t.Cells[i] {
			if c.Suppressed && c.rank == rankKeep {
				n++
			}
		}
	}
	for _, c := range t.ColTotals {
		if c.Suppressed && c.rank == rankKeep {
			n++
		}
	}
	return n
}

// unhide shows again every figure of t that is not a small group (1–4),
// public or hidden from outside (forced), so that it can be suppressed anew in another order.
func (t *Table) unhide() {
	reset := func(c *Cell) { c.Suppressed = c.forced || small(c.N) && !c.public }
	for i := range t.Cells {
		for j := range t.Cells[i] {
			reset(&t.Cells[i][j])
		}
	}
	for i := range t.RowTotals {
		reset(&t.RowTotals[i])
	}
	for j := range t.ColTotals {
		reset(&t.ColTotals[j])
	}
	reset(&t.Total)
}

// clone is a deep copy of t.
func (t *Table) clone() Table {
	c := *t
	c.Cells = make([][]Cell, len(t.Cells))
	for i := range t.Cells {
		c.Cells[i] = append([]Cell(nil), t.Cells[i]...)
	}
	c.RowTotals = append([]Cell(nil), t.RowTotals...)
	c.ColTotals = append([]Cell(nil), t.ColTotals...)
	return c
}

// buildTable is the table of counts with its margins, nothing hidden yet.
func buildTable(counts [][]int, rowTotals, colTotals bool) Table {
	var t Table
	cols := 0
	if len(counts) > 0 {
		cols = len(counts[0])
	}
	colSum := make([]int, cols)
	for _, row := range counts {
		cells := make([]Cell, len(row))
		sum := 0
		for j, n := range row {
			cells[j] = Cell{N: n}
			sum += n
			colSum[j] += n
		}
		t.Cells = append(t.Cells, cells)
		if rowTotals {
			t.RowTotals = append(t.RowTotals, Cell{N: sum})
		}
		t.Total.N += sum
	}
	if colTotals {
		for _, n := range colSum {
			t.ColTotals = append(t.ColTotals, Cell{N: n})
		}
	}
	return t
}

// Suppress hides every count of 1–4 (primary suppression), then, until
// nothing changes, looks at each published equation — a row with its
// total, a column with its total, the row totals with the grand total and
// the column totals with the grand total — and where exactly one term is
// hidden it hides a second one: the smallest shown non-zero cell, else the
// total (a zero is never hidden: counts are not negative, so a hidden zero
// next to a shown total of the same row protects nothing). Then no hidden count follows from
// one equation by subtraction. (Solving several equations together is not
// guarded against; the tables here are small and one-way or two-way.)
func (t *Table) Suppress() { t.suppress(t.spare) }

// suppress is Suppress with one order of what to hide with a small group:
// byRank follows Cell.rank, otherwise the smallest shown figure goes first.
func (t *Table) suppress(byRank bool) {
	for i := range t.Cells {
		for j := range t.Cells[i] {
			t.Cells[i][j].Suppressed = t.Cells[i][j].Suppressed || small(t.Cells[i][j].N)
		}
	}
	for i := range t.RowTotals {
		t.RowTotals[i].Suppressed = t.RowTotals[i].Suppressed || small(t.RowTotals[i].N)
	}
	for j := range t.ColTotals {
		t.ColTotals[j].Suppressed = t.ColTotals[j].Suppressed || small(t.ColTotals[j].N)
	}
	both := t.RowTotals != nil && t.ColTotals != nil
	if both {
		t.Total.Suppressed = t.Total.Suppressed || small(t.Total.N)
	}
	for changed := true; changed; {
		changed = false
		for i := range t.Cells {
			if t.RowTotals != nil {
				terms := make([]*Cell, len(t.Cells[i]))
				for j := range t.Cells[i] {
					terms[j] = &t.Cells[i][j]
				}
				changed = protect(terms, &t.RowTotals[i], byRank) || changed
			}
		}
		if t.ColTotals != nil {
			for j := range t.ColTotals {
				var terms []*Cell
				for i := range t.Cells {
					terms = append(terms, &t.Cells[i][j])
				}
				changed = protect(terms, &t.ColTotals[j], byRank) || changed
			}
		}
		if both {
			var terms []*Cell
			for i := range t.RowTotals {
				terms = append(terms, &t.RowTotals[i])
			}
			changed = protect(terms, &t.Total, byRank) || changed
			terms = nil
			for j := range t.ColTotals {
				terms = append(terms, &t.ColTotals[j])
			}
			changed = protect(terms, &t.Total, byRank) || changed
		}
	}
}

// protect makes sure the equation sum(terms) = total does not give away a
// hidden term: when exactly one of terms and total is hidden, or when the
// total is shown and the hidden terms add up to a small group (1–4: then
// total − shown terms is that group, e.g. 33 − 20 − 10 = 3 over two hidden
// cells), it hides one more and reports that it did.
func protect(terms []*Cell, total *Cell, byRank bool) bool {
	hidden, hiddenSum := 0, 0
	if total.Suppressed {
		hidden++
	}
	for _, c := range terms {
		if c.Suppressed {
			hidden++
			hiddenSum += c.N
		}
	}
	if hidden != 1 && (total.Suppressed || hidden == 0 || !small(hiddenSum)) {
		return false
	}
	var pick *Cell
	if byRank {
		// The "Annat" figures, then the total, then a row's total, then
		// the girls' and boys' (Cell.rank).
		for _, r := range []int{0, -1, int(rankMargin), int(rankKeep)} {
			if r < 0 {
				if !total.Suppressed && !total.public && total.rank == 0 && total.N > 0 {
					pick = total
					break
				}
				continue
			}
			for _, c := range terms {
				if !c.Suppressed && !c.public && c.N > 0 && int(c.rank) == r && (pick == nil || c.N < pick.N) {
					pick = c
				}
			}
			if pick != nil {
				break
			}
		}
	}
	for _, c := range terms {
		if pick == nil || !byRank {
			if !c.Suppressed && !c.public && c.N > 0 && (pick == nil || c.N < pick.N) {
				pick = c
			}
		}
	}
	if pick == nil {
		if total.Suppressed || total.public {
			return false // nothing left to hide
		}
		pick = total // only zeros are left: hiding one would not help
	}
	pick.Suppressed = true
	return true
}

// Share is a part of a whole (e.g. girls who got their first choice of all
// girls placed), suppressed as the table [part, whole−part] with its total,
// so neither the part nor the rest may be a small group.
type Share struct {
	Part, Whole Cell
}

// NewShare makes a suppressed share of part in whole.
func NewShare(part, whole int) Share {
	t := NewTable([][]int{{part, whole - part}}, true, false)
	return Share{Part: t.Cells[0][0], Whole: t.RowTotals[0]}
}

// Hidden reports whether the share may not be shown (or has no whole).
func (s Share) Hidden() bool {
	return s.Part.Suppressed || s.Whole.Suppressed || s.Whole.N == 0
}

// Ratio is part/whole, 0 for an empty whole.
func (s Share) Ratio() float64 {
	if s.Whole.N == 0 {
		return 0
	}
	return float64(s.Part.N) / float64(s.Whole.N)
}

// Mean is the mean of N answers on a 1–5 scale, hidden when 1–4 answered.
type Mean struct {
	N          int
	Value      float64
	Suppressed bool
}

// Shown reports whether the mean may be shown: answers given and not hidden.
func (m Mean) Shown() bool { return m.N > 0 && !m.Suppressed }
