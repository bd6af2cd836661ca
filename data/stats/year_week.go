package stats

import (
	"context"
	"errors"
	"time"

	"techniqual/data"
)

// The rows of YearSummary.AllPupils: pupils placed in a classic period
// only, in a team of a teknikprao week only, and in both.
const (
	RowClassicOnly = 0
	RowWeekOnly    = 1
	RowBothFormats = 2
)

// CombinePupils counts the pupils of a range once each across the two
// formats: a table of rows RowClassicOnly, RowWeekOnly, RowBothFormats and
// columns Girls, Boys, Other, with all margins (the column totals are the
// different pupils of each group, the grand total all different pupils).
// A pupil is the same pupil by register id: placed in a classic period of
// r and in a team of a week of w, they count once, in RowBothFormats
// (the format figures themselves count pupil-periods).
//
// The table is suppressed as any table, and also against the published
// format figures it adds up to: where the placed of a group in r equal that
// group's classic-only plus both (no pupil in two classic periods), that
// is an equation a reader could solve, and likewise for the pupils in
// teams of w; a hidden figure there hides one more here. Both reports must
// be of all schools (the zero Filter).
func CombinePupils(r *Report, w *WeekReport) (Table, error) {
	if r == nil || w == nil {
		return Table{}, errors.New("statistics: pupils across formats need both the classic and the week report")
	}
	if r.Filter != (Filter{}) || w.Filter != (Filter{}) {
		return Table{}, errors.New("statistics: pupils across formats are counted for all schools only")
	}
	counts := [][]int{make([]int, NumGroups), make([]int, NumGroups), make([]int, NumGroups)}
	for id, g := range r.placed {
		if _, ok := w.teamed[id]; ok {
			counts[RowBothFormats][g]++
		} else {
			counts[RowClassicOnly][g]++
		}
	}
	for id, g := range w.teamed {
		if _, ok := r.placed[id]; !ok {
			counts[RowWeekOnly][g]++
		}
	}
	t := buildTable(counts, true, true)
	type link struct {
		a, b *Cell
		ext  Cell // a published figure: never hidden from here
	}
	var links []link
	for g := Group(0); g <= NumGroups; g++ {
		classic, week := r.Placed[g], w.Pupils()
		a, b, c := &t.RowTotals[RowClassicOnly], &t.RowTotals[RowBothFormats], &t.RowTotals[RowWeekOnly]
		if g < NumGroups {
			week = w.Group(g)
			a, b, c = &t.Cells[RowClassicOnly][g], &t.Cells[RowBothFormats][g], &t.Cells[RowWeekOnly][g]
		}
		if classic.N == a.N+b.N {
			links = append(links, link{a, b, classic})
		}
		if week.N == c.N+b.N {
			links = append(links, link{c, b, week})
		}
	}
	hidden := func() int {
		n := 0
		for _, c := range tableCells(&t) {
			if c.Suppressed {
				n++
			}
		}
		return n
	}
	for before := -1; ; {
		t.Suppress()
		for _, l := range links {
			ext := l.ext
			protectTerms([]term{cellTerm(l.a), cellTerm(l.b)},
				term{n: ext.N, hidden: func() bool { return ext.Suppressed }, hide: func() {}})
		}
		after := hidden()
		if after == before {
			break
		}
		before = after
	}
	return t, nil
}

// tableCells lists every cell of t, margins included.
func tableCells(t *Table) []*Cell {
	var cs []*Cell
	for i := range t.Cells {
		for j := range t.Cells[i] {
			cs = append(cs, &t.Cells[i][j])
		}
	}
	for i := range t.RowTotals {
		cs = append(cs, &t.RowTotals[i])
	}
	for j := range t.ColTotals {
		cs = append(cs, &t.ColTotals[j])
	}
	return append(cs, &t.Total)
}

// AddWeeks adds the teknikprao weeks of the same range (a report of all
// schools) to the summary: Week, and AllPupils, the pupils counted once
// across both formats.
func (s *YearSummary) AddWeeks(w *WeekReport) error {
	if s.Report == nil {
		return errors.New("statistics: the year's classic report is missing")
	}
	t, err := CombinePupils(s.Report, w)
	if err != nil {
		return err
	}
	s.Week, s.AllPupils = w, t
	return nil
}

// loadWeeks adds the weeks of [from, to) to s.
func (s *YearSummary) loadWeeks(ctx context.Context, st *data.Store, from, to time.Time) error {
	w, err := ComputeWeekRange(ctx, st, from, to, Filter{})
	if err != nil {
		return err
	}
	return s.AddWeeks(w)
}
