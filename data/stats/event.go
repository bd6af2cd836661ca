package stats

import "techniqual/data"

// EventGenders is an event's pupils by gender (columns Girls, Boys, Other,
// other and unspecified together): those holding a seat (registered,
// present or no-show) and those present, each count of 1–4 hidden.
type EventGenders struct {
	Registered [NumGroups]Cell
	Attended   [NumGroups]Cell
}

// CountEventGenders counts an event's pupils by gender: registered are
// the genders of the pupils holding a seat, attended those of the pupils
// present. The rows' totals are shown beside them on the event's screen
// (its list's counts), so each row is suppressed as an equation with a
// published total: where one group is hidden as "<5", a second is hidden
// too (the "other" group first, then the smaller of girls and boys), so
// that it cannot be worked out by subtraction.
func CountEventGenders(registered, attended []data.Gender) EventGenders {
	var counts [2][NumGroups]int
	for i, gs := range [][]data.Gender{registered, attended} {
		for _, g := range gs {
			counts[i][groupOf(g)]++
		}
	}
	t := buildTable([][]int{counts[0][:], counts[1][:]}, true, false)
	for i := range t.RowTotals {
		t.RowTotals[i].public = true // the list's counts say them
	}
	t.KeepGenders()
	t.spare = true
	t.Suppress()
	var out EventGenders
	copy(out.Registered[:], t.Cells[0])
	copy(out.Attended[:], t.Cells[1])
	return out
}
