package stats

import (
	"context"
	"fmt"
	"sort"
	"strings"
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

// The rows of Report.Outcome: the rank of the offer a pupil was placed at
// among their choices (RowChoice1 + rank − 1), an offer they did not choose,
// or no placement.
const (
	RowChoice1   = 0
	RowUnchosen  = data.MaxChoices
	RowNotPlaced = data.MaxChoices + 1
	outcomeRows  = data.MaxChoices + 2
)

// Filter narrows a report to one school or one municipality; the zero
// value is the whole period.
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
}

// Shown reports whether the group is big enough (at least MinGroup placed
// pupils) to show its attendance. Show only the ratio: the day counts would
// give away the number of pupils (planned days are 5 per pupil or so) even
// where that number is hidden by complementary suppression.
func (a Attendance) Shown() bool { return a.Pupils.N >= MinGroup && a.Planned > 0 }

// Ratio is present/planned.
func (a Attendance) Ratio() float64 {
	if a.Planned == 0 {
		return 0
	}
	return float64(a.Present) / float64(a.Planned)
}

// SchoolRow is one school's key numbers within a report.
type SchoolRow struct {
	School      data.Organisation
	Pupils      Cell
	Placed      Cell
	FirstChoice Share // of the placed
}

// Report is the statistics of one period, optionally of one school or
// municipality. Columns of the gender tables are Girls, Boys, Other.
type Report struct {
	Period data.Period
	Filter Filter
	// Schools are the period's schools (all of them, for the filter).
	Schools []data.Organisation
	// Municipalities are the municipalities of the period's schools.
	Municipalities []string

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
	// the offers with at least two pupils. An offer counts when a pupil of
	// the filter is there; the group is everyone placed there.
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

	// BySchool has the key numbers of each school in the report.
	BySchool []SchoolRow
}

// source is everything a period's report is computed from, read once.
type source struct {
	period   data.Period
	schools  map[string]data.Organisation
	pupils   []data.Pupil
	byID     map[string]data.Pupil
	assigned map[string]string // pupil id → offer id
	rank     map[string]map[string]int
	offers   map[string]data.Offer
	present  map[string]map[string]int // pupil id → offer id → present days
	evals    []data.Evaluation
}

// Compute reads a period from the Store and computes its report for f.
func Compute(ctx context.Context, st *data.Store, periodID string, f Filter) (*Report, error) {
	src, err := load(ctx, st, periodID)
	if err != nil {
		return nil, err
	}
	r := compute(src, f)
	for _, sch := range r.Schools {
		if !inFilter(sch, f) {
			continue
		}
		sr := compute(src, Filter{SchoolID: sch.ID})
		row := SchoolRow{School: sch, Pupils: sr.Outcome.Total, Placed: sr.Placed[NumGroups]}
		row.FirstChoice = NewShare(sr.Outcome.RowTotals[RowChoice1].N, sr.Placed[NumGroups].N)
		if row.Placed.Suppressed {
			row.FirstChoice.Whole.Suppressed = true
		}
		r.BySchool = append(r.BySchool, row)
	}
	return r, nil
}

func load(ctx context.Context, st *data.Store, periodID string) (*source, error) {
	p, err := st.GetPeriod(ctx, periodID)
	if err != nil {
		return nil, err
	}
	src := &source{period: p, schools: map[string]data.Organisation{}, byID: map[string]data.Pupil{},
		assigned: map[string]string{}, rank: map[string]map[string]int{}, offers: map[string]data.Offer{},
		present: map[string]map[string]int{}}
	orgs, err := st.ListOrganisations(ctx, data.KindSchool)
	if err != nil {
		return nil, err
	}
	inPeriod := map[string]bool{}
	for _, id := range p.SchoolIDs {
		inPeriod[id] = true
	}
	for _, o := range orgs {
		if inPeriod[o.ID] {
			src.schools[o.ID] = o
		}
	}
	ps, err := st.ListPupils(ctx, data.PupilFilter{Grade: p.Grade})
	if err != nil {
		return nil, err
	}
	for _, pu := range ps {
		if inPeriod[pu.SchoolID] {
			src.pupils = append(src.pupils, pu)
			src.byID[pu.ID] = pu
		}
	}
	as, err := st.ListAssignments(ctx, periodID)
	if err != nil {
		return nil, err
	}
	for _, a := range as {
		src.assigned[a.PupilID] = a.OfferID
	}
	prefs, err := st.ListPreferences(ctx, periodID)
	if err != nil {
		return nil, err
	}
	for _, pr := range prefs {
		if src.rank[pr.PupilID] == nil {
			src.rank[pr.PupilID] = map[string]int{}
		}
		src.rank[pr.PupilID][pr.OfferID] = pr.Rank
	}
	offers, err := st.ListOffers(ctx, data.OfferFilter{PeriodID: periodID})
	if err != nil {
		return nil, err
	}
	for _, o := range offers {
		src.offers[o.ID] = o
	}
	att, err := st.ListAttendance(ctx, "")
	if err != nil {
		return nil, err
	}
	for _, a := range att {
		if _, ok := src.offers[a.OfferID]; !ok || a.Status != data.AttendancePresent {
			continue
		}
		if src.present[a.PupilID] == nil {
			src.present[a.PupilID] = map[string]int{}
		}
		src.present[a.PupilID][a.OfferID]++
	}
	src.evals, err = st.ListEvaluations(ctx, periodID)
	if err != nil {
		return nil, fmt.Errorf("statistics: %w", err)
	}
	return src, nil
}

// inFilter reports whether a school is within f.
func inFilter(school data.Organisation, f Filter) bool {
	if f.SchoolID != "" && school.ID != f.SchoolID {
		return false
	}
	return f.Municipality == "" || school.Municipality == f.Municipality
}

// plannedDays is how many days a pupil at offer o is expected.
func (src *source) plannedDays(o data.Offer) int {
	if len(o.Days) > 0 {
		return len(o.Days)
	}
	return len(data.Weekdays(src.period.Start, src.period.End))
}

func compute(src *source, f Filter) *Report {
	r := &Report{Period: src.period, Filter: f}
	muni := map[string]bool{}
	for _, s := range src.schools {
		r.Schools = append(r.Schools, s)
		if s.Municipality != "" && !muni[s.Municipality] {
			muni[s.Municipality] = true
			r.Municipalities = append(r.Municipalities, s.Municipality)
		}
	}
	sort.Slice(r.Schools, func(i, j int) bool { return r.Schools[i].Name < r.Schools[j].Name })
	sort.Strings(r.Municipalities)

	in := func(p data.Pupil) bool { return inFilter(src.schools[p.SchoolID], f) }
	outcome := make([][]int, outcomeRows)
	for i := range outcome {
		outcome[i] = make([]int, NumGroups)
	}
	var present, planned, placedN [NumGroups + 1]int
	for _, p := range src.pupils {
		if !in(p) {
			continue
		}
		g := groupOf(p.Gender)
		oid, ok := src.assigned[p.ID]
		o, live := src.offers[oid]
		switch {
		case !ok || !live:
			outcome[RowNotPlaced][g]++
			continue
		case src.rank[p.ID][oid] >= 1 && src.rank[p.ID][oid] <= data.MaxChoices:
			outcome[RowChoice1+src.rank[p.ID][oid]-1][g]++
		default:
			outcome[RowUnchosen][g]++
		}
		for _, k := range []Group{g, NumGroups} {
			placedN[k]++
			present[k] += src.present[p.ID][oid]
			planned[k] += src.plannedDays(o)
		}
	}
	r.Outcome = NewTable(outcome, true, true)
	r.derivePlaced()
	for k := range r.Attendance {
		r.Attendance[k] = Attendance{Pupils: r.Placed[k], Present: present[k], Planned: planned[k]}
	}
	r.aloneGirls(src, in)
	r.evaluations(src, in)
	return r
}

// derivePlaced works out the placed pupils (total minus not placed) and
// hides them, and the not placed, where the placed would be a small group
// or could be worked out from shown figures.
func (r *Report) derivePlaced() {
	t := &r.Outcome
	for {
		changed := false
		for j := Group(0); j < NumGroups; j++ {
			n := t.ColTotals[j].N - t.Cells[RowNotPlaced][j].N
			if small(n) && !t.ColTotals[j].Suppressed && !t.Cells[RowNotPlaced][j].Suppressed {
				t.Cells[RowNotPlaced][j].Suppressed, changed = true, true
			}
		}
		n := t.Total.N - t.RowTotals[RowNotPlaced].N
		if small(n) && !t.Total.Suppressed && !t.RowTotals[RowNotPlaced].Suppressed {
			t.RowTotals[RowNotPlaced].Suppressed, changed = true, true
		}
		if !changed {
			break
		}
		t.Suppress()
	}
	for j := Group(0); j < NumGroups; j++ {
		n := t.ColTotals[j].N - t.Cells[RowNotPlaced][j].N
		r.Placed[j] = Cell{N: n, Suppressed: small(n) || t.ColTotals[j].Suppressed || t.Cells[RowNotPlaced][j].Suppressed}
	}
	n := t.Total.N - t.RowTotals[RowNotPlaced].N
	r.Placed[NumGroups] = Cell{N: n, Suppressed: small(n) || t.Total.Suppressed || t.RowTotals[RowNotPlaced].Suppressed}
}

// aloneGirls counts the offers where a girl is the only girl among two or more.
func (r *Report) aloneGirls(src *source, in func(data.Pupil) bool) {
	at := map[string][]data.Pupil{}
	for pid, oid := range src.assigned {
		if p, ok := src.byID[pid]; ok {
			if _, live := src.offers[oid]; live {
				at[oid] = append(at[oid], p)
			}
		}
	}
	alone := 0
	for _, group := range at {
		if len(group) < 2 {
			continue
		}
		girls, counts := 0, false
		var girl data.Pupil
		for _, p := range group {
			if in(p) {
				counts = true
			}
			if p.Gender == data.GenderGirl {
				girls++
				girl = p
			}
		}
		if !counts {
			continue
		}
		r.GroupOffers++
		if girls == 1 && in(girl) {
			alone++
		}
	}
	r.AloneGirls = NewCell(alone)
}

// evaluations computes the answers of the pupils within the filter.
func (r *Report) evaluations(src *source, in func(data.Pupil) bool) {
	answered := make([]int, NumGroups)
	rec := [][]int{make([]int, NumGroups), make([]int, NumGroups)}
	var before, after [NumGroups + 1][]int
	var comments []string
	for _, e := range src.evals {
		p, ok := src.byID[e.PupilID]
		if !ok || !in(p) {
			continue
		}
		g := groupOf(p.Gender)
		answered[g]++
		if e.WouldRecommend != nil {
			if *e.WouldRecommend {
				rec[0][g]++
			} else {
				rec[1][g]++
			}
		}
		for _, k := range []Group{g, NumGroups} {
			before[k] = append(before[k], e.InterestBefore)
			after[k] = append(after[k], e.InterestAfter)
		}
		if c := strings.TrimSpace(e.Comment); c != "" {
			comments = append(comments, c)
		}
	}
	r.Answered = NewTable([][]int{answered}, true, false)
	r.Recommend = NewTable(rec, true, true)
	// The numbers answering are a table too: a shown total and the other
	// groups' means would give away how many in a small group answered.
	counts := make([][]int, 2)
	for i := range counts {
		counts[i] = make([]int, NumGroups)
	}
	for k := range before {
		r.InterestBefore[k] = newMean(before[k])
		r.InterestAfter[k] = newMean(after[k])
		if k < int(NumGroups) {
			counts[0][k], counts[1][k] = r.InterestBefore[k].N, r.InterestAfter[k].N
		}
	}
	n := NewTable(counts, true, false)
	for k := 0; k < int(NumGroups); k++ {
		r.InterestBefore[k].Suppressed = n.Cells[0][k].Suppressed
		r.InterestAfter[k].Suppressed = n.Cells[1][k].Suppressed
	}
	r.InterestBefore[NumGroups].Suppressed = n.RowTotals[0].Suppressed
	r.InterestAfter[NumGroups].Suppressed = n.RowTotals[1].Suppressed
	r.CommentCount = NewCell(len(comments))
	if len(comments) >= MinGroup {
		names := map[string]bool{}
		for _, p := range src.pupils {
			for _, w := range strings.Fields(p.FirstName + " " + p.LastName) {
				if len([]rune(w)) >= 2 {
					names[strings.ToLower(w)] = true
				}
			}
		}
		for _, c := range comments {
			r.Comments = append(r.Comments, BlankNames(c, names))
		}
		sort.Strings(r.Comments)
	}
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
