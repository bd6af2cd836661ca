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
// hidden when the placed are.
func (f *Figures) FirstChoice() Share {
	s := Share{Part: f.Outcome.RowTotals[RowChoice1], Whole: f.Placed[NumGroups]}
	if s.Whole.Suppressed {
		s.Part.Suppressed = true
	}
	return s
}

// GirlsShare is the share of girls among the placed pupils.
func (f *Figures) GirlsShare() Share {
	s := Share{Part: f.Placed[Girls], Whole: f.Placed[NumGroups]}
	if s.Whole.Suppressed {
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
}

// Compute reads a period from the Store and computes its report for f.
func Compute(ctx context.Context, st *data.Store, periodID string, f Filter) (*Report, error) {
	p, err := st.GetPeriod(ctx, periodID)
	if err != nil {
		return nil, err
	}
	r, err := computePeriods(ctx, st, []data.Period{p}, f)
	if err != nil {
		return nil, err
	}
	r.Period = p
	return r, nil
}

// computePeriods sums the figures of periods for f and suppresses them
// together with the rows per municipality and school.
func computePeriods(ctx context.Context, st *data.Store, periods []data.Period, f Filter) (*Report, error) {
	shared, err := loadShared(ctx, st)
	if err != nil {
		return nil, err
	}
	r := &Report{Periods: periods, Filter: f}
	tallies := map[string]*tally{}
	inReport := map[string]bool{}
	for _, p := range periods {
		src, err := load(ctx, st, shared, p)
		if err != nil {
			return nil, err
		}
		for id := range src.schools {
			inReport[id] = true
		}
		src.tally(f, tallies)
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
	sort.Slice(r.Schools, func(i, j int) bool {
		if r.Schools[i].Name != r.Schools[j].Name {
			return r.Schools[i].Name < r.Schools[j].Name
		}
		return r.Schools[i].ID < r.Schools[j].ID
	})
	sort.Strings(r.Municipalities)

	// Every school and municipality of the filter has figures, also when
	// none of its pupils is in the periods (its zeros then show as such).
	whole := &unit{fig: finish(tallies[keyAll])}
	munis := map[string]*unit{}
	var schools []*unit
	for _, s := range r.Schools {
		if !inFilter(s, f) {
			continue
		}
		m := munis[s.Municipality]
		if m == nil {
			m = &unit{fig: finish(tallies[keyMunicipality+s.Municipality])}
			munis[s.Municipality] = m
			whole.children = append(whole.children, m)
			r.ByMunicipality = append(r.ByMunicipality, MunicipalityRow{Municipality: s.Municipality})
		}
		su := &unit{fig: finish(tallies[keySchool+s.ID])}
		m.children = append(m.children, su)
		schools = append(schools, su)
		r.BySchool = append(r.BySchool, SchoolRow{School: s})
	}
	protectUnits(whole)
	r.Figures = *whole.fig
	for i := range r.ByMunicipality {
		row := &r.ByMunicipality[i]
		m := munis[row.Municipality]
		row.Figures, row.Schools = m.fig, len(m.children)
		row.Pupils, row.Placed, row.FirstChoice = m.fig.Pupils(), m.fig.Placed[NumGroups], m.fig.FirstChoice()
	}
	sort.Slice(r.ByMunicipality, func(i, j int) bool {
		return r.ByMunicipality[i].Municipality < r.ByMunicipality[j].Municipality
	})
	for i := range r.BySchool {
		fig := schools[i].fig
		r.BySchool[i].Figures = fig
		r.BySchool[i].Pupils, r.BySchool[i].Placed, r.BySchool[i].FirstChoice = fig.Pupils(), fig.Placed[NumGroups], fig.FirstChoice()
	}
	return r, nil
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
