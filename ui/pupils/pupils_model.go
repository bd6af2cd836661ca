package pupils

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"techniqual/data"
	"techniqual/ui/uikit"
)

// pupilRow is one pupil with what the table and the filters need, worked out
// once when the list is loaded.
type pupilRow struct {
	p        data.Pupil
	school   string
	key      string   // folded "first last class" for search as you type
	nameKey  string   // folded "last first" for sorting
	choiceIn []string // periods in which the pupil has choices
	placedIn []string // periods in which the pupil is placed
	placedAt []string // the offer's title, parallel to placedIn
}

// pupilFilter is what the user has set above the table.
type pupilFilter struct {
	text     string
	schoolID string
	class    string
	grade    int
	period   *data.Period
	choices  int // 0 all, 1 with choices, 2 without
	placed   int // 0 all, 1 placed, 2 not placed
}

// pupilColumns of the table; the sort keys follow the same order.
const (
	colName = iota
	colClass
	colSchool
	colGrade
	colBirth
	colGender
	colChoices
	colPlacement
	pupilColumnCount
)

// pupilModel holds every pupil and the order they are shown in. Filtering
// walks the sorted order once, so a keystroke costs one pass over the rows.
type pupilModel struct {
	rows    []pupilRow
	sorted  []int // indexes into rows in the chosen column order
	shown   []int // the sorted rows that pass the filter
	sortCol int
	desc    bool
	periods map[string]data.Period
}

// loadPupilModel reads everything the pupils screen shows.
func loadPupilModel(ctx context.Context, st *data.Store) (*pupilModel, error) {
	pupils, err := st.ListPupils(ctx, data.PupilFilter{})
	if err != nil {
		return nil, err
	}
	schools, err := st.ListOrganisations(ctx, data.KindSchool)
	if err != nil {
		return nil, err
	}
	periods, err := st.ListPeriods(ctx)
	if err != nil {
		return nil, err
	}
	choiceIn, err := st.ChoicePeriods(ctx)
	if err != nil {
		return nil, err
	}
	assigns, err := st.ListAssignments(ctx, "")
	if err != nil {
		return nil, err
	}
	offerTitle, err := st.OfferTitles(ctx)
	if err != nil {
		return nil, err
	}
	schoolName := map[string]string{}
	for _, s := range schools {
		schoolName[s.ID] = s.Name
	}
	m := &pupilModel{rows: make([]pupilRow, len(pupils)), periods: map[string]data.Period{}}
	index := make(map[string]int, len(pupils))
	for i, p := range pupils {
		m.rows[i] = pupilRow{p: p, school: schoolName[p.SchoolID], key: uikit.Fold(p.FirstName + " " + p.LastName + " " + p.ClassName),
			nameKey: uikit.Fold(p.LastName + "\x00" + p.FirstName)}
		index[p.ID] = i
	}
	for id, periods := range choiceIn {
		if i, ok := index[id]; ok {
			m.rows[i].choiceIn = periods
		}
	}
	for _, a := range assigns {
		if i, ok := index[a.PupilID]; ok {
			m.rows[i].placedIn = append(m.rows[i].placedIn, a.PeriodID)
			m.rows[i].placedAt = append(m.rows[i].placedAt, offerTitle[a.OfferID])
		}
	}
	for _, p := range periods {
		m.periods[p.ID] = p
	}
	m.sortBy(colName, false)
	return m, nil
}

// choices counts the periods with choices (or tells whether the pupil has
// choices in period p).
func (r *pupilRow) hasChoices(p *data.Period) bool {
	if p == nil {
		return len(r.choiceIn) > 0
	}
	return slices.Contains(r.choiceIn, p.ID)
}

// placement is the offer the pupil is placed at in p (or in any period).
func (r *pupilRow) placement(p *data.Period) (string, bool) {
	for i, id := range r.placedIn {
		if p == nil || id == p.ID {
			return r.placedAt[i], true
		}
	}
	return "", false
}

func inPeriod(p data.Pupil, per *data.Period) bool {
	return per == nil || (p.Grade == per.Grade && slices.Contains(per.SchoolIDs, p.SchoolID))
}

// sortBy orders the rows by a column; name breaks ties so the order is stable.
func (m *pupilModel) sortBy(col int, desc bool) {
	m.sortCol, m.desc = col, desc
	if len(m.sorted) != len(m.rows) {
		m.sorted = make([]int, len(m.rows))
		for i := range m.sorted {
			m.sorted[i] = i
		}
	}
	byName := func(a, b *pupilRow) int {
		return cmp.Or(cmp.Compare(a.nameKey, b.nameKey), cmp.Compare(a.p.ID, b.p.ID))
	}
	slices.SortStableFunc(m.sorted, func(i, j int) int {
		a, b := &m.rows[i], &m.rows[j]
		var c int
		switch col {
		case colClass:
			c = cmp.Compare(a.p.ClassName, b.p.ClassName)
		case colSchool:
			c = cmp.Compare(a.school, b.school)
		case colGrade:
			c = cmp.Compare(a.p.Grade, b.p.Grade)
		case colBirth:
			c = a.p.BirthDate.Compare(b.p.BirthDate)
		case colGender:
			c = cmp.Compare(a.p.Gender, b.p.Gender)
		case colChoices:
			c = cmp.Compare(len(a.choiceIn), len(b.choiceIn))
		case colPlacement:
			pa, _ := a.placement(nil)
			pb, _ := b.placement(nil)
			c = cmp.Compare(pa, pb)
		}
		if desc {
			c = -c
		}
		return cmp.Or(c, byName(a, b))
	})
}

// filter keeps the sorted rows that pass f, into m.shown.
func (m *pupilModel) filter(f pupilFilter) {
	words := strings.Fields(uikit.Fold(f.text))
	m.shown = m.shown[:0]
rows:
	for _, i := range m.sorted {
		r := &m.rows[i]
		if f.schoolID != "" && r.p.SchoolID != f.schoolID || f.class != "" && r.p.ClassName != f.class ||
			f.grade != 0 && r.p.Grade != f.grade || !inPeriod(r.p, f.period) {
			continue
		}
		if f.choices != 0 && r.hasChoices(f.period) != (f.choices == 1) {
			continue
		}
		if f.placed != 0 {
			if _, ok := r.placement(f.period); ok != (f.placed == 1) {
				continue
			}
		}
		for _, w := range words {
			if !strings.Contains(r.key, w) {
				continue rows
			}
		}
		m.shown = append(m.shown, i)
	}
}

// classes lists the classes of a school ("" for all schools), sorted.
func (m *pupilModel) classes(schoolID string) []string {
	seen := map[string]bool{}
	var out []string
	for _, r := range m.rows {
		if (schoolID == "" || r.p.SchoolID == schoolID) && r.p.ClassName != "" && !seen[r.p.ClassName] {
			seen[r.p.ClassName] = true
			out = append(out, r.p.ClassName)
		}
	}
	slices.Sort(out)
	return out
}
