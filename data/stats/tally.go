package stats

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"techniqual/data"
)

// shared is what every period of a report reads alike: all schools and all
// live pupils, read once however many periods are summed.
type shared struct {
	schools map[string]data.Organisation
	pupils  []data.Pupil
}

func loadShared(ctx context.Context, st *data.Store) (*shared, error) {
	sh := &shared{schools: map[string]data.Organisation{}}
	orgs, err := st.ListOrganisations(ctx, data.KindSchool)
	if err != nil {
		return nil, err
	}
	for _, o := range orgs {
		sh.schools[o.ID] = o
	}
	sh.pupils, err = st.StatisticsPupils(ctx)
	if err != nil {
		return nil, err
	}
	return sh, nil
}

// source is everything a period's figures are computed from, read once.
type source struct {
	period   data.Period
	schools  map[string]data.Organisation
	pupils   []data.Pupil
	byID     map[string]data.Pupil
	assigned map[string]string // pupil id → offer id
	rank     map[string]int    // pupil id → the rank they gave their placement (0: not chosen)
	offers   map[string]data.PeriodOffer
	present  map[string]int // pupil id → days present at their placement
	evals    []data.Evaluation
	names    map[string]bool // the pupils' names, for blanking comments
}

// load reads one period's placements, choices, attendance and evaluations.
//
// The pupils of a period are the pupils at its schools who took part in it
// (a choice, a placement or an evaluation in the period), and the pupils of
// its grade who were in the register before it ended. The register holds
// each pupil's grade now, not then: last school year's grade-8 period was
// taken by today's grade-9 pupils (they took part, so they count), while
// today's grade-8 pupils, imported after it ended, were not there (so they
// do not count as "not placed" in it).
//
// With placedOnly, a period nobody is placed in is not read further: load
// returns nil.
func load(ctx context.Context, st *data.Store, sh *shared, p data.Period, placedOnly bool) (*source, error) {
	src := &source{period: p, schools: map[string]data.Organisation{}, byID: map[string]data.Pupil{},
		assigned: map[string]string{}, rank: map[string]int{}, offers: map[string]data.PeriodOffer{}, present: map[string]int{}}
	for _, id := range p.SchoolIDs {
		if s, ok := sh.schools[id]; ok {
			src.schools[id] = s
		}
	}
	as, err := st.PlacementRanks(ctx, p.ID)
	if err != nil {
		return nil, err
	}
	if placedOnly && len(as) == 0 {
		return nil, nil
	}
	took := map[string]bool{}
	for _, a := range as {
		src.assigned[a.PupilID], src.rank[a.PupilID], src.present[a.PupilID] = a.OfferID, a.Rank, a.Present
		took[a.PupilID] = true
	}
	choosing, err := st.ChoosingPupils(ctx, p.ID)
	if err != nil {
		return nil, err
	}
	for _, id := range choosing {
		took[id] = true
	}
	src.evals, err = st.ListEvaluations(ctx, p.ID)
	if err != nil {
		return nil, fmt.Errorf("statistics: %w", err)
	}
	for _, e := range src.evals {
		took[e.PupilID] = true
	}
	ended := p.End.AddDate(0, 0, 1)
	for _, pu := range sh.pupils {
		if _, ok := src.schools[pu.SchoolID]; !ok {
			continue
		}
		if took[pu.ID] || (pu.Grade == p.Grade && (pu.CreatedAt.IsZero() || pu.CreatedAt.Before(ended))) {
			src.pupils = append(src.pupils, pu)
			src.byID[pu.ID] = pu
		}
	}
	offers, err := st.PeriodOffers(ctx, p.ID)
	if err != nil {
		return nil, err
	}
	for _, o := range offers {
		src.offers[o.ID] = o
	}
	return src, nil
}

// plannedDays is how many days a pupil at offer o is expected.
func (src *source) plannedDays(o data.PeriodOffer) int {
	if o.Days > 0 {
		return o.Days
	}
	return len(data.Weekdays(src.period.Start, src.period.End))
}

// sum is the sum and count of answers on a 1–5 scale.
type sum struct{ n, total int }

func (s *sum) add(x int) {
	if x > 0 { // 0 is no answer
		s.n++
		s.total += x
	}
}

func (s sum) mean() Mean {
	m := Mean{N: s.n, Suppressed: small(s.n)}
	if s.n > 0 {
		m.Value = float64(s.total) / float64(s.n)
	}
	return m
}

// tally is the raw counts behind Figures; tallies of periods add up.
type tally struct {
	outcome          [outcomeRows][NumGroups]int
	present, planned [NumGroups + 1]int
	alone, groupOff  int
	answered         [NumGroups]int
	rec              [2][NumGroups]int
	before, after    [NumGroups + 1]sum
	comments         []string
}

// add adds o's counts to t (the tallies of two periods make their sum).
func (t *tally) add(o *tally) {
	for i := range t.outcome {
		for j := range t.outcome[i] {
			t.outcome[i][j] += o.outcome[i][j]
		}
	}
	for k := range t.present {
		t.present[k] += o.present[k]
		t.planned[k] += o.planned[k]
		t.before[k].n += o.before[k].n
		t.before[k].total += o.before[k].total
		t.after[k].n += o.after[k].n
		t.after[k].total += o.after[k].total
	}
	t.alone += o.alone
	t.groupOff += o.groupOff
	for k := range t.answered {
		t.answered[k] += o.answered[k]
		t.rec[0][k] += o.rec[0][k]
		t.rec[1][k] += o.rec[1][k]
	}
	t.comments = append(t.comments, o.comments...)
}

// The keys of the tallies of one report: the whole filter, each
// municipality (keyMunicipality + name) and each school (keySchool + id).
const (
	keyAll          = ""
	keyMunicipality = "m:"
	keySchool       = "s:"
)

// tally adds the period's counts of all its pupils to into: to the whole,
// to their municipality and to their school. A report of one school or
// municipality is cut from these (never counted and hidden on its own: its
// figures would then differ from the same unit's in the report of all
// schools, and the two could be subtracted).
func (src *source) tally(into map[string]*tally) {
	keysOf := map[string][]*tally{}
	get := func(k string) *tally {
		t := into[k]
		if t == nil {
			t = &tally{}
			into[k] = t
		}
		return t
	}
	for id, s := range src.schools {
		keysOf[id] = []*tally{get(keyAll), get(keyMunicipality + s.Municipality), get(keySchool + id)}
	}
	for _, p := range src.pupils {
		ts := keysOf[p.SchoolID]
		if ts == nil {
			continue
		}
		g := groupOf(p.Gender)
		oid, ok := src.assigned[p.ID]
		o, live := src.offers[oid]
		row := RowNotPlaced
		switch r := src.rank[p.ID]; {
		case !ok || !live:
		case r >= 1 && r <= data.MaxChoices:
			row = RowChoice1 + r - 1
		default:
			row = RowUnchosen
		}
		var present, planned int
		if row != RowNotPlaced {
			present, planned = src.present[p.ID], src.plannedDays(o)
		}
		for _, t := range ts {
			t.outcome[row][g]++
			for _, k := range []Group{g, NumGroups} {
				t.present[k] += present
				t.planned[k] += planned
			}
		}
	}
	src.tallyGroups(keysOf)
	src.tallyEvaluations(keysOf)
}

// tallyGroups counts the offers where a girl is the only girl among two or
// more, for every tally one of whose pupils is there.
func (src *source) tallyGroups(keysOf map[string][]*tally) {
	at := map[string][]data.Pupil{}
	for pid, oid := range src.assigned {
		if p, ok := src.byID[pid]; ok {
			if _, live := src.offers[oid]; live {
				at[oid] = append(at[oid], p)
			}
		}
	}
	for _, group := range at {
		if len(group) < 2 {
			continue
		}
		girls := 0
		var girl data.Pupil
		seen := map[*tally]bool{}
		for _, p := range group {
			for _, t := range keysOf[p.SchoolID] {
				if !seen[t] {
					seen[t] = true
					t.groupOff++
				}
			}
			if p.Gender == data.GenderGirl {
				girls++
				girl = p
			}
		}
		if girls == 1 {
			for _, t := range keysOf[girl.SchoolID] {
				t.alone++
			}
		}
	}
}

// tallyEvaluations adds the answers; comments get pupils' names blanked.
func (src *source) tallyEvaluations(keysOf map[string][]*tally) {
	for _, e := range src.evals {
		p, ok := src.byID[e.PupilID]
		ts := keysOf[p.SchoolID]
		if !ok || ts == nil {
			continue
		}
		g := groupOf(p.Gender)
		comment := strings.TrimSpace(e.Comment)
		if comment != "" {
			comment = BlankNames(comment, src.pupilNames())
		}
		for _, t := range ts {
			t.answered[g]++
			if e.WouldRecommend != nil {
				if *e.WouldRecommend {
					t.rec[0][g]++
				} else {
					t.rec[1][g]++
				}
			}
			for _, k := range []Group{g, NumGroups} {
				t.before[k].add(e.InterestBefore)
				t.after[k].add(e.InterestAfter)
			}
			if comment != "" {
				t.comments = append(t.comments, comment)
			}
		}
	}
}

// pupilNames are the words of the period's pupils' names (lower case),
// read once.
func (src *source) pupilNames() map[string]bool {
	if src.names == nil {
		src.names = map[string]bool{}
		for _, p := range src.pupils {
			for _, w := range strings.Fields(p.FirstName + " " + p.LastName) {
				if len([]rune(w)) >= 2 {
					src.names[strings.ToLower(w)] = true
				}
			}
		}
	}
	return src.names
}

// finish turns a tally (nil: nothing) into suppressed figures; protectUnits
// then suppresses them together with the others of the report.
func finish(t *tally) *Figures {
	if t == nil {
		t = &tally{}
	}
	f := &Figures{}
	outcome := make([][]int, outcomeRows)
	for i := range outcome {
		outcome[i] = t.outcome[i][:]
	}
	f.Outcome = buildTable(outcome, true, true)
	f.Outcome.KeepGenders() // a small "Annat" group is protected by a total, not by hiding the girls
	f.Outcome.Suppress()
	f.derivePlaced()
	for k := range f.Attendance {
		f.Attendance[k] = Attendance{Pupils: f.Placed[k], Present: t.present[k], Planned: t.planned[k]}
	}
	f.AloneGirls, f.GroupOffers = NewCell(t.alone), t.groupOff
	f.Answered = NewGroupTable([][]int{t.answered[:]})
	f.Recommend = NewTable([][]int{t.rec[0][:], t.rec[1][:]}, true, true)
	// The numbers answering are a table too: a shown total and the other
	// groups' means would give away how many in a small group answered.
	counts := [][]int{make([]int, NumGroups), make([]int, NumGroups)}
	for k := range t.before {
		f.InterestBefore[k], f.InterestAfter[k] = t.before[k].mean(), t.after[k].mean()
		if k < int(NumGroups) {
			counts[0][k], counts[1][k] = t.before[k].n, t.after[k].n
		}
	}
	// Where one group's answers are too few, the mean of all is hidden
	// rather than a second group's (NewGroupTable).
	f.interestN = NewGroupTable(counts)
	f.syncMeans()
	f.CommentCount = NewCell(len(t.comments))
	if len(t.comments) >= MinGroup {
		f.Comments = append([]string(nil), t.comments...)
		sort.Strings(f.Comments)
	}
	return f
}

// syncMeans hides a mean where its count of answers is hidden, and the
// count where the mean is.
func (f *Figures) syncMeans() {
	n := &f.interestN
	for i, ms := range []*[NumGroups + 1]Mean{&f.InterestBefore, &f.InterestAfter} {
		for k := range ms {
			c := &n.RowTotals[i]
			if k < int(NumGroups) {
				c = &n.Cells[i][k]
			}
			c.Suppressed = c.Suppressed || ms[k].Suppressed
		}
	}
	n.Suppress()
	for i, ms := range []*[NumGroups + 1]Mean{&f.InterestBefore, &f.InterestAfter} {
		for k := range ms {
			c := n.RowTotals[i]
			if k < int(NumGroups) {
				c = n.Cells[i][k]
			}
			ms[k].Suppressed = ms[k].Suppressed || c.Suppressed
		}
	}
}

// derivePlaced works out the placed pupils (total minus not placed) and
// hides them, and the not placed, where the placed would be a small group
// or could be worked out from shown figures.
func (f *Figures) derivePlaced() {
	t := &f.Outcome
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
		f.Placed[j] = Cell{N: n, Suppressed: small(n) || t.ColTotals[j].Suppressed || t.Cells[RowNotPlaced][j].Suppressed}
	}
	n := t.Total.N - t.RowTotals[RowNotPlaced].N
	f.Placed[NumGroups] = Cell{N: n, Suppressed: small(n) || t.Total.Suppressed || t.RowTotals[RowNotPlaced].Suppressed}
}
