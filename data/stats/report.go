package stats

import (
	"context"
	"sort"
	"strings"
	"time"
	"unicode"

	"techniqual/data"
)

// Group is a gender column of the tables.
type Group int

// The gender groups, in column order. "Other" holds both other and
// unspecified (gender is optional), so no group is left out of the totals.
const (
	Girls Group = iota
	Boys
	Other
	NumGroups
)

// groupOf is the column of a pupil's gender.
func groupOf(g data.Gender) Group {
	switch g {
	case data.GenderGirl:
		return Girls
	case data.GenderBoy:
		return Boys
	}
	return Other
}

// The rows of Figures.Outcome: the rank of the offer a pupil was placed at
// among their choices (RowChoice1 + rank − 1), an offer they did not choose,
// or no placement.
const (
	RowChoice1   = 0
	RowUnchosen  = data.MaxChoices
	RowNotPlaced = data.MaxChoices + 1
	outcomeRows  = data.MaxChoices + 2
)

// Filter narrows a report to one school or one municipality; the zero
// value is every school.
type Filter struct {
	SchoolID     string
	Municipality string
}

// Attendance is the days attended of a group: present days of planned days
// (an offer's programme days, or the period's weekdays when it has none).
type Attendance struct {
	Pupils  Cell // placed pupils in the group
	Present int
	Planned int
	// Masked is set when the ratio is hidden although the group is big
	// enough, so that a hidden group's ratio cannot be worked out from the
	// others' and the total's.
	Masked bool
}

// Shown reports whether the group is big enough (at least MinGroup placed
// pupils) to show its attendance. Show only the ratio: the day counts would
// give away the number of pupils (planned days are 5 per pupil or so) even
// where that number is hidden by complementary suppression.
func (a Attendance) Shown() bool { return a.Pupils.N >= MinGroup && a.Planned > 0 && !a.Masked }

// Ratio is present/planned.
func (a Attendance) Ratio() float64 {
	if a.Planned == 0 {
		return 0
	}
	return float64(a.Present) / float64(a.Planned)
}

// Figures are the statistics of a set of pupils: one school, one
// municipality or all, over one period or summed over several. Columns of
// the gender tables are Girls, Boys, Other. In a report, the figures of the
// whole, of each municipality and of each school are suppressed together:
// a hidden count cannot be worked out from the shown ones, neither within
// one table nor by subtracting the other schools from their municipality or
// the other municipalities from the whole.
type Figures struct {
	// Outcome counts pupils by what they got (rows: RowChoice1 … RowNotPlaced)
	// and gender, with all margins: the column totals are the pupils of each
	// gender, the grand total all pupils.
	Outcome Table
	// Placed is the placed pupils per group and in all (index NumGroups),
	// derived from Outcome and hidden where it or what it gives away is small.
	Placed [NumGroups + 1]Cell
	// Attendance per group and in all (index NumGroups).
	Attendance [NumGroups + 1]Attendance
	// AloneGirls counts offers with at least two pupils where exactly one
	// is a girl (one girl each, so also the girls alone); GroupOffers counts
	// the offers with at least two pupils. An offer counts when one of the
	// pupils counted here is there; the group is everyone placed there.
	// Offers are counted once per period.
	AloneGirls  Cell
	GroupOffers int

	// Answered counts the evaluations per group (one row with its total).
	Answered Table
	// Recommend counts "would recommend" yes (row 0) and no (row 1) by group,
	// with all margins.
	Recommend Table
	// InterestBefore and InterestAfter are the mean interest in technology
	// (1–5) per group and in all (index NumGroups).
	InterestBefore, InterestAfter [NumGroups + 1]Mean
	// Comments are the evaluations' comments, sorted and with pupils' names
	// blanked, only when at least MinGroup pupils commented; CommentCount
	// counts them either way.
	Comments     []string
	CommentCount Cell

	// interestN is the table of how many answered before and after per
	// group: the means' own suppression.
	interestN Table
}

// Pupils is the number of pupils (pupil-periods over several periods).
func (f *Figures) Pupils() Cell { return f.Outcome.Total }

// FirstChoice is the share of the placed pupils who got their first choice,
// hidden as NewShare hides a share: when the placed are hidden, or the
// first choices, or the rest (placed who did not get their first choice)
// is a small group.
func (f *Figures) FirstChoice() Share {
	return shareOf(f.Outcome.RowTotals[RowChoice1], f.Placed[NumGroups])
}

// GirlsShare is the share of girls among the placed pupils, hidden as
// FirstChoice is (also when the placed who are not girls are 1–4).
func (f *Figures) GirlsShare() Share {
	return shareOf(f.Placed[Girls], f.Placed[NumGroups])
}

// shareOf is the share of part in whole, two published cells: hidden when
// either is, or when whole − part is a small group (NewShare's rule).
func shareOf(part, whole Cell) Share {
	s := Share{Part: part, Whole: whole}
	if whole.Suppressed || small(whole.N-part.N) {
		s.Part.Suppressed = true
	}
	return s
}

// RecommendShare is the share who would recommend prao of those who
// answered that question.
func (f *Figures) RecommendShare() Share {
	if len(f.Recommend.RowTotals) == 0 {
		return Share{}
	}
	return Share{Part: f.Recommend.RowTotals[0], Whole: f.Recommend.Total}
}

// SchoolRow is one school's key numbers within a report.
type SchoolRow struct {
	School      data.Organisation
	Pupils      Cell
	Placed      Cell
	FirstChoice Share // of the placed
	// Figures are the school's own figures, suppressed with the report's.
	Figures *Figures
}

// MunicipalityRow is one municipality's figures within a report.
type MunicipalityRow struct {
	Municipality string // "" for schools without a municipality
	Schools      int    // the municipality's schools in the report
	Pupils       Cell
	Placed       Cell
	FirstChoice  Share // of the placed
	// Figures are the municipality's own figures (for a page of its own),
	// suppressed with the report's.
	Figures *Figures
}

// Report is the statistics of one period (Compute) or of the periods of a
// range of dates (ComputeRange), optionally of one school or municipality.
type Report struct {
	// Period is the period of a one-period report; the zero value for a range.
	Period data.Period
	// Periods are the periods summed: the one period, or those of the range
	// sorted by start date.
	Periods []data.Period
	// LeftOut are the periods of a range that are not summed because nobody
	// is placed in them yet (their pupils are still choosing: counted, they
	// would all be "not placed").
	LeftOut []data.Period
	// Weeks are the teknikprao weeks starting in a range: counted by
	// ComputeWeekRange, not in this report, and named so that a reader
	// is not left to think they were forgotten.
	Weeks []data.Period
	// From and To bound a range report: periods starting in [From, To).
	From, To time.Time
	Filter   Filter
	// Schools are the periods' schools (all of them, for the filter).
	Schools []data.Organisation
	// Municipalities are the municipalities of the periods' schools.
	Municipalities []string

	// Figures are the figures of the filter's pupils.
	Figures

	// ByMunicipality has the figures of each municipality within the
	// filter, sorted by name; BySchool those of each school.
	ByMunicipality []MunicipalityRow
	BySchool       []SchoolRow

	// placed is every pupil placed in the periods (all schools), with
	// their group: the year's pupils across formats are counted from it.
	placed map[string]Group
}

// Compute reads a period from the Store and computes its report for f.
func Compute(ctx context.Context, st *data.Store, periodID string, f Filter) (*Report, error) {
	p, err := st.GetPeriod(ctx, periodID)
	if err != nil {
		return nil, err
	}
	r, err := computePeriods(ctx, st, []data.Period{p}, f, false)
	if err != nil {
		return nil, err
	}
	r.Period = p
	return r, nil
}

// computePeriods sums the figures of periods and suppresses them together
// with the rows per municipality and school, for all schools; the report
// shows the part within f. With leaveOut (range reports), a period nobody
// is placed in yet is left out (Report.LeftOut): its pupils are still
// choosing and would all count as "not placed".
func computePeriods(ctx context.Context, st *data.Store, periods []data.Period, f Filter, leaveOut bool) (*Report, error) {
	shared, err := loadShared(ctx, st)
	if err != nil {
		return nil, err
	}
	r := &Report{Filter: f, placed: map[string]Group{}}
	var per []periodTally
	inReport := map[string]bool{}
	for _, p := range periods {
		src, err := load(ctx, st, shared, p, leaveOut)
		if err != nil {
			return nil, err
		}
		if src == nil {
			r.LeftOut = append(r.LeftOut, p)
			continue
		}
		r.Periods = append(r.Periods, p)
		pt := periodTally{tallies: map[string]*tally{}}
		for id, s := range src.schools {
			inReport[id] = true
			pt.schools = append(pt.schools, s)
		}
		sortSchools(pt.schools)
		src.tally(pt.tallies)
		per = append(per, pt)
		for _, pu := range src.pupils {
			if _, live := src.offers[src.assigned[pu.ID]]; live {
				r.placed[pu.ID] = groupOf(pu.Gender)
			}
		}
	}
	muni := map[string]bool{}
	for id := range inReport {
		s := shared.schools[id]
		r.Schools = append(r.Schools, s)
		if s.Municipality != "" && !muni[s.Municipality] {
			muni[s.Municipality] = true
			r.Municipalities = append(r.Municipalities, s.Municipality)
		}
	}
	sortSchools(r.Schools)
	sort.Strings(r.Municipalities)

	var tr *unitTree
	switch len(per) {
	case 0:
		tr = newUnitTree(nil, r.Schools)
	case 1:
		tr = newUnitTree(per[0].tallies, r.Schools)
	default:
		// The sum of several periods: a figure hidden in one period's own
		// report (all schools, as Compute shows it) is hidden in the sum
		// too, else the sum minus the other periods would give it away.
		sum := map[string]*tally{}
		for _, pt := range per {
			for k, t := range pt.tallies {
				if sum[k] == nil {
					sum[k] = &tally{}
				}
				sum[k].add(t)
			}
		}
		tr = newUnitTree(sum, r.Schools)
		owns := make([]*unitTree, len(per))
		for i, pt := range per {
			owns[i] = newUnitTree(pt.tallies, pt.schools)
			protectUnits(owns[i].root)
		}
		// What every period's own report shows, the sum shows too (a
		// reader can add it up; hiding it would protect nothing).
		tr.markPublic(owns)
		for _, own := range owns {
			tr.hideLike(own)
		}
	}
	protectUnits(tr.root)
	r.cut(tr, f)
	return r, nil
}

// periodTally is one period's tallies (by key, see keyAll) and schools.
type periodTally struct {
	tallies map[string]*tally
	schools []data.Organisation
}

// sortSchools sorts schools by name (then id), the order of the rows.
func sortSchools(ss []data.Organisation) {
	sort.Slice(ss, func(i, j int) bool {
		if ss[i].Name != ss[j].Name {
			return ss[i].Name < ss[j].Name
		}
		return ss[i].ID < ss[j].ID
	})
}

// unitTree is the units of a report: the whole, each municipality and each
// school, by name and id.
type unitTree struct {
	root    *unit
	munis   map[string]*unit
	schools map[string]*unit
}

// newUnitTree makes the (not yet suppressed) figures of the whole, of each
// municipality and of each school from their tallies (nil: none). Every
// school and municipality has figures, also when none of its pupils is in
// the periods (its zeros then show as such).
func newUnitTree(tallies map[string]*tally, schools []data.Organisation) *unitTree {
	tr := &unitTree{root: &unit{fig: finish(tallies[keyAll])}, munis: map[string]*unit{}, schools: map[string]*unit{}}
	for _, s := range schools {
		m := tr.munis[s.Municipality]
		if m == nil {
			m = &unit{fig: finish(tallies[keyMunicipality+s.Municipality])}
			tr.munis[s.Municipality] = m
			tr.root.children = append(tr.root.children, m)
		}
		su := &unit{fig: finish(tallies[keySchool+s.ID])}
		m.children = append(m.children, su)
		tr.schools[s.ID] = su
	}
	return tr
}

// markPublic marks the counts of tr that every period's own report
// (owns) shows as public (see markPublic).
func (tr *unitTree) markPublic(owns []*unitTree) {
	mark := func(u *unit, get func(*unitTree) *unit) {
		var parts []suppressible
		for _, o := range owns {
			if p := get(o); p != nil {
				parts = append(parts, p.fig)
			}
		}
		markPublic(u.fig, parts)
	}
	mark(tr.root, func(o *unitTree) *unit { return o.root })
	for k, u := range tr.munis {
		mark(u, func(o *unitTree) *unit { return o.munis[k] })
	}
	for k, u := range tr.schools {
		mark(u, func(o *unitTree) *unit { return o.schools[k] })
	}
}

// hideLike hides each figure of tr that is hidden in the same unit of
// other (a period's own report), unless it is 0 there.
func (tr *unitTree) hideLike(other *unitTree) {
	like := func(u, o *unit) {
		if u == nil || o == nil {
			return
		}
		ts, os := u.fig.terms(), o.fig.terms()
		for i := range ts {
			if os[i].hidden() && os[i].n > 0 && !ts[i].hidden() {
				ts[i].hide()
				if ts[i].cell != nil {
					ts[i].cell.forced = true // stays hidden when suppressed anew (Table.unhide)
				}
			}
		}
		if u.fig.CommentCount.Suppressed {
			u.fig.Comments = nil
		}
	}
	like(tr.root, other.root)
	for k, o := range other.munis {
		like(tr.munis[k], o)
	}
	for k, o := range other.schools {
		like(tr.schools[k], o)
	}
}

// cut sets the report's figures and rows to the part of the suppressed
// units tr within f: the whole, a municipality or a school, with the rows
// of the municipalities and schools within f (for one school, its
// municipality's row is the school's figures).
func (r *Report) cut(tr *unitTree, f Filter) {
	var fig *Figures
	switch {
	case f.SchoolID != "":
		if u := tr.schools[f.SchoolID]; u != nil {
			fig = u.fig
		}
	case f.Municipality != "":
		if u := tr.munis[f.Municipality]; u != nil {
			fig = u.fig
		}
	default:
		fig = tr.root.fig
	}
	if fig == nil { // a school or municipality not in the periods
		empty := &unit{fig: finish(nil)}
		protectUnits(empty)
		fig = empty.fig
	}
	r.Figures = *fig
	seen := map[string]bool{}
	for _, s := range r.Schools {
		if !inFilter(s, f) {
			continue
		}
		sf := tr.schools[s.ID].fig
		r.BySchool = append(r.BySchool, SchoolRow{School: s, Figures: sf, Pupils: sf.Pupils(), Placed: sf.Placed[NumGroups],
			FirstChoice: sf.FirstChoice()})
		if seen[s.Municipality] {
			continue
		}
		seen[s.Municipality] = true
		m := tr.munis[s.Municipality]
		mf, n := m.fig, len(m.children)
		if f.SchoolID != "" {
			mf, n = sf, 1
		}
		r.ByMunicipality = append(r.ByMunicipality, MunicipalityRow{Municipality: s.Municipality, Schools: n, Figures: mf,
			Pupils: mf.Pupils(), Placed: mf.Placed[NumGroups], FirstChoice: mf.FirstChoice()})
	}
	sort.Slice(r.ByMunicipality, func(i, j int) bool {
		return r.ByMunicipality[i].Municipality < r.ByMunicipality[j].Municipality
	})
}

// inFilter reports whether a school is within f.
func inFilter(school data.Organisation, f Filter) bool {
	if f.SchoolID != "" && school.ID != f.SchoolID {
		return false
	}
	return f.Municipality == "" || school.Municipality == f.Municipality
}

// BlankNames replaces every word of s that is one of names (lower case)
// with "…", so a comment does not name a pupil.
func BlankNames(s string, names map[string]bool) string {
	var b, word strings.Builder
	flush := func() {
		w := word.String()
		if names[strings.ToLower(w)] {
			w = "…"
		}
		b.WriteString(w)
		word.Reset()
	}
	for _, r := range s {
		if unicode.IsLetter(r) || r == '-' {
			word.WriteRune(r)
			continue
		}
		flush()
		b.WriteRune(r)
	}
	flush()
	return b.String()
}
