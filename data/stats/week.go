package stats

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"techniqual/data"
)

// This file counts the teknikprao week (data.FormatWeek): teams of pupils
// that go round a group of hosts, one block at each. A week's pupils are
// the pupils in its saved teams; a week nobody is in a team of yet (not
// planned) is left out of a range, as a classic period nobody is placed in.
//
// The week's figures go through the same suppression as the classic ones
// (protectTree, hideLike): counts of 1–4 pupils show as "<5", and no small
// group can be worked out by subtracting the schools from their
// municipality, the municipalities from the whole, or the other weeks from
// a year's sum.

// Question is one of the four 1–5 questions pupils answer about a block.
type Question int

// The feedback questions, in the order of data.BlockFeedback's fields.
const (
	QuestionFun      Question = iota // "Det var roligt"
	QuestionLearned                  // "Jag lärde mig något nytt"
	QuestionPeople                   // "Jag fick träffa människor i olika yrken"
	QuestionInterest                 // "Jag blev mer intresserad av teknik"
	NumQuestions
)

// HostBuckets is the number of columns of WeekFigures.HostsMet: pupils who
// met 0, 1, 2, 3, 4 and 5 or more hosts.
const HostBuckets = 6

// WeekFigures are the statistics of the teknikprao weeks of a set of
// pupils: one school, one municipality or all, over one week or summed
// over several. Columns of the gender tables are Girls, Boys, Other.
type WeekFigures struct {
	// Teamed counts the pupils in teams per group (one row, Girls, Boys,
	// Other) with its total (all pupils in teams). Where exactly one group
	// is small the total is hidden rather than a second group (as
	// NewGroupTable), so girls' and boys' figures stay visible.
	Teamed Table
	// Teams counts the teams with at least one of these pupils (a team may
	// mix schools, so the teams of the schools do not add up to the whole).
	// Teams are not people: not hidden.
	Teams int
	// RuleBroken counts the teams with a girl alone or a boy alone (the
	// composition rule: a team has 0 or ≥ 2 girls and 0 or ≥ 2 boys),
	// counted as Teams; hidden when 1–4, since such a team points at a
	// pupil, and suppressed with the schools' and weeks' sums.
	RuleBroken Cell
	// HostsMet counts the pupils in teams by the number of different hosts
	// they met (columns 0 … HostBuckets−1, the last "or more"), with its
	// total (= Teamed's total, hidden with it). A host counts as met when
	// it is on the team's route and the pupil is not recorded sick or
	// absent in that block (unrecorded counts as met: the plan).
	HostsMet Table
	// HostsPerPupil is the mean number of hosts met per pupil in a team
	// (N: the pupils); RoleModelsPerPupil the mean number of different role
	// models met (the blocks' role models, else their offers').
	HostsPerPupil, RoleModelsPerPupil Mean
	// RoleModels counts the different role models these pupils met, and
	// ByProfession splits them by profession (Person.Title; "" when not
	// given, last), most first. Role models are adults at work: not hidden.
	// (People have no gender in the register, so role models cannot be
	// counted by gender.)
	RoleModels   int
	ByProfession []ProfessionCount
	// Hosts counts the different host companies these pupils met.
	// Companies are not people: not hidden.
	Hosts int
	// Attendance is the blocks attended per group and in all (index
	// NumGroups): blocks recorded present of the blocks of the pupils'
	// routes with attendance recorded (present, sick or absent), so that a
	// coming week, or a block not yet entered, does not count as missed.
	// Its Pupils are the pupils with attendance recorded: a ratio is shown
	// only for at least MinGroup of them.
	Attendance [NumGroups + 1]Attendance
}

// ProfessionCount is the number of role models of one profession.
type ProfessionCount struct {
	Profession string
	People     int
}

// Pupils is the pupils in teams (pupil-weeks over several weeks).
func (w *WeekFigures) Pupils() Cell { return w.Teamed.RowTotals[0] }

// Group is the pupils in teams of group g (Girls, Boys, Other).
func (w *WeekFigures) Group(g Group) Cell { return w.Teamed.Cells[0][g] }

// WeekKey is a week's key figures as a screen or a report shows them: each
// Cell through String (hidden ones read "<5" or ".."), each Mean and
// Attendance only when Shown.
type WeekKey struct {
	Pupils, Girls, Boys, Other        Cell
	Teams                             int
	RuleBroken                        Cell
	HostsPerPupil, RoleModelsPerPupil Mean
	RoleModels, Hosts                 int
	Attendance                        Attendance
}

// Key takes the key figures of w.
func (w *WeekFigures) Key() WeekKey {
	return WeekKey{Pupils: w.Pupils(), Girls: w.Group(Girls), Boys: w.Group(Boys), Other: w.Group(Other), Teams: w.Teams,
		RuleBroken: w.RuleBroken, HostsPerPupil: w.HostsPerPupil, RoleModelsPerPupil: w.RoleModelsPerPupil,
		RoleModels: w.RoleModels, Hosts: w.Hosts, Attendance: w.Attendance[NumGroups]}
}

// WeekFeedback is the pupils' feedback on the blocks of the weeks: the
// number of answers and each question's mean, for all and per host group.
// A mean with fewer than MinGroup answers is hidden, and a group's counts
// are suppressed against the whole's (they add up to it).
type WeekFeedback struct {
	Answers   Cell
	Questions [NumQuestions]Mean
	Groups    []GroupFeedback
}

// GroupFeedback is the feedback on the blocks of one host group.
type GroupFeedback struct {
	Period string // the week's name
	Group  string // the group's name; "" for blocks of hosts in no group
	// Answers counts the feedback given; Questions are the means (N: the
	// answers to that question).
	Answers   Cell
	Questions [NumQuestions]Mean
}

// WeekRow is one school's or municipality's figures within a WeekReport.
type WeekRow struct {
	Municipality string
	School       data.Organisation // zero for a municipality's row
	Figures      *WeekFigures
}

// WeekReport is the statistics of the teknikprao weeks of one period
// (ComputeWeek) or of the weeks starting in a range (ComputeWeekRange),
// for a Filter.
type WeekReport struct {
	// Period is the week of a one-week report; zero for a range.
	Period data.Period
	// Periods are the weeks counted, earliest first; LeftOut the weeks of
	// a range with no team saved yet (not planned: not counted).
	Periods, LeftOut []data.Period
	// From and To bound a range report: weeks starting in [From, To).
	From, To time.Time
	Filter   Filter
	// Schools and Municipalities are those of the weeks.
	Schools        []data.Organisation
	Municipalities []string

	// WeekFigures are the figures of the filter's pupils.
	WeekFigures
	// Feedback is the feedback on the weeks' blocks, for the report of all
	// schools only (nil under a filter): answers may be anonymous and a
	// host group's teams mix schools, so feedback has no school.
	Feedback *WeekFeedback

	// ByMunicipality and BySchool are the rows within the filter, by name.
	ByMunicipality []WeekRow
	BySchool       []WeekRow

	// teamed is every pupil in a team of the weeks (all schools), with
	// their group: the year's pupils across formats are counted from it.
	teamed map[string]Group
}

// ComputeWeek reads a teknikprao week from the Store and computes its
// report for f. A classic period is refused with a message naming it.
func ComputeWeek(ctx context.Context, st *data.Store, periodID string, f Filter) (*WeekReport, error) {
	p, err := st.GetPeriod(ctx, periodID)
	if err != nil {
		return nil, err
	}
	if p.Format != data.FormatWeek {
		return nil, fmt.Errorf("statistics: %q is not a teknikprao week (format %s)", p.Name, p.Format)
	}
	r, err := computeWeeks(ctx, st, []data.Period{p}, f, false)
	if err != nil {
		return nil, err
	}
	r.Period = p
	return r, nil
}

// ComputeWeekRange computes the report of the teknikprao weeks starting in
// [from, to) for f, summed and suppressed together with each week's own
// report (a figure hidden there is hidden in the sum). Weeks with no saved
// team are left out (WeekReport.LeftOut). Over several weeks the figures
// count pupil-weeks: a pupil in two weeks counts twice (see YearPupils for
// pupils counted once).
func ComputeWeekRange(ctx context.Context, st *data.Store, from, to time.Time, f Filter) (*WeekReport, error) {
	if !from.Before(to) {
		return nil, fmt.Errorf("statistics: the range %s – %s is empty", data.FormatDate(from), data.FormatDate(to))
	}
	ps, err := st.ListPeriods(ctx)
	if err != nil {
		return nil, err
	}
	var in []data.Period
	for _, p := range ps {
		if p.Format == data.FormatWeek && !p.Start.Before(from) && p.Start.Before(to) {
			in = append(in, p)
		}
	}
	sort.SliceStable(in, func(i, j int) bool { return in[i].Start.Before(in[j].Start) })
	r, err := computeWeeks(ctx, st, in, f, true)
	if err != nil {
		return nil, err
	}
	r.From, r.To = from, to
	return r, nil
}

// weekTally is the raw counts behind WeekFigures; tallies of weeks add up.
type weekTally struct {
	teamed           [NumGroups]int
	teams, broken    map[string]bool // team ids
	hosts            [HostBuckets]int
	hostSum, rmSum   int
	roleModels       map[string]bool // person ids
	hostIDs          map[string]bool // host companies met
	present, planned [NumGroups + 1]int
	recorded         [NumGroups + 1]int // pupils with attendance recorded
}

func newWeekTally() *weekTally {
	return &weekTally{teams: map[string]bool{}, broken: map[string]bool{}, roleModels: map[string]bool{}, hostIDs: map[string]bool{}}
}

func (t *weekTally) add(o *weekTally) {
	for k := range t.teamed {
		t.teamed[k] += o.teamed[k]
	}
	for id := range o.teams {
		t.teams[id] = true
	}
	for id := range o.broken {
		t.broken[id] = true
	}
	for k := range t.hosts {
		t.hosts[k] += o.hosts[k]
	}
	t.hostSum += o.hostSum
	t.rmSum += o.rmSum
	for id := range o.roleModels {
		t.roleModels[id] = true
	}
	for id := range o.hostIDs {
		t.hostIDs[id] = true
	}
	for k := range t.present {
		t.present[k] += o.present[k]
		t.planned[k] += o.planned[k]
		t.recorded[k] += o.recorded[k]
	}
}

// feedbackTally is the answers on one host group's blocks.
type feedbackTally struct {
	period, group string
	answers       int
	q             [NumQuestions]sum
}

// weekShared is what every week of a report reads alike.
type weekShared struct {
	*shared
	byID        map[string]data.Pupil
	professions map[string]string // person id → title
}

// weekSource is one week's tallies per key (keyAll, keyMunicipality…,
// keySchool…), its feedback per host group, and its teamed pupils.
type weekSource struct {
	period   data.Period
	schools  []data.Organisation
	tallies  map[string]*weekTally
	feedback []*feedbackTally
	teamed   map[string]Group
}

// loadWeek reads and tallies one week; nil when it has no saved team and
// leaveOut is set.
func loadWeek(ctx context.Context, st *data.Store, sh *weekShared, p data.Period, leaveOut bool) (*weekSource, error) {
	teams, err := st.ListTeams(ctx, p.ID)
	if err != nil {
		return nil, err
	}
	if leaveOut && len(teams) == 0 {
		return nil, nil
	}
	src := &weekSource{period: p, tallies: map[string]*weekTally{}, teamed: map[string]Group{}}
	keysOf := map[string][]*weekTally{}
	get := func(k string) *weekTally {
		if src.tallies[k] == nil {
			src.tallies[k] = newWeekTally()
		}
		return src.tallies[k]
	}
	for _, id := range p.SchoolIDs {
		if s, ok := sh.schools[id]; ok {
			src.schools = append(src.schools, s)
			keysOf[id] = []*weekTally{get(keyAll), get(keyMunicipality + s.Municipality), get(keySchool + id)}
		}
	}
	sortSchools(src.schools)
	blocks, err := st.ListWeekBlocks(ctx, p.ID, true)
	if err != nil {
		return nil, err
	}
	blockOf := map[string]data.WeekBlock{}
	for _, b := range blocks {
		blockOf[b.ID] = b
	}
	att, err := st.ListBlockAttendance(ctx, p.ID)
	if err != nil {
		return nil, err
	}
	status := map[[2]string]data.AttendanceStatus{}
	for _, a := range att {
		status[[2]string{a.PupilID, a.BlockID}] = a.Status
	}
	for _, tm := range teams {
		var members []data.Pupil
		girls, boys := 0, 0
		for _, id := range tm.PupilIDs {
			pu, ok := sh.byID[id]
			if !ok || keysOf[pu.SchoolID] == nil {
				continue // deleted, or not of the week's schools
			}
			members = append(members, pu)
			switch groupOf(pu.Gender) {
			case Girls:
				girls++
			case Boys:
				boys++
			}
		}
		broken := girls == 1 || boys == 1
		for _, pu := range members {
			g := groupOf(pu.Gender)
			src.teamed[pu.ID] = g
			hosts, rms := map[string]bool{}, map[string]bool{}
			planned, present := 0, 0
			for _, bid := range tm.BlockIDs {
				b, ok := blockOf[bid]
				if !ok {
					continue
				}
				s := status[[2]string{pu.ID, bid}]
				if s != "" {
					planned++ // recorded: a coming block is not yet missed
				}
				if s == data.AttendancePresent {
					present++
				}
				if s == data.AttendanceSick || s == data.AttendanceAbsent {
					continue
				}
				hosts[b.HostID] = true
				for _, id := range b.RoleModelIDs {
					rms[id] = true
				}
			}
			for _, t := range keysOf[pu.SchoolID] {
				t.teamed[g]++
				t.teams[tm.ID] = true
				if broken {
					t.broken[tm.ID] = true
				}
				t.hosts[min(len(hosts), HostBuckets-1)]++
				t.hostSum += len(hosts)
				t.rmSum += len(rms)
				for id := range rms {
					t.roleModels[id] = true
				}
				for id := range hosts {
					t.hostIDs[id] = true
				}
				for _, k := range []Group{g, NumGroups} {
					t.planned[k] += planned
					t.present[k] += present
					if planned > 0 {
						t.recorded[k]++
					}
				}
			}
		}
	}
	src.feedback, err = loadFeedback(ctx, st, p, blockOf)
	if err != nil {
		return nil, err
	}
	return src, nil
}

// loadFeedback tallies a week's feedback per host group (blocks of hosts in
// no group under the group ""), groups in their order.
func loadFeedback(ctx context.Context, st *data.Store, p data.Period, blockOf map[string]data.WeekBlock) ([]*feedbackTally, error) {
	groups, err := st.ListHostGroups(ctx, p.ID)
	if err != nil {
		return nil, err
	}
	fbs, err := st.ListBlockFeedback(ctx, p.ID)
	if err != nil {
		return nil, err
	}
	groupOfOffer := map[string]int{}
	out := make([]*feedbackTally, len(groups)+1)
	for i, g := range groups {
		out[i] = &feedbackTally{period: p.Name, group: g.Name}
		for _, o := range g.OfferIDs {
			groupOfOffer[o] = i
		}
	}
	none := len(groups)
	out[none] = &feedbackTally{period: p.Name}
	for _, f := range fbs {
		b, ok := blockOf[f.BlockID]
		if !ok {
			continue
		}
		i, ok := groupOfOffer[b.OfferID]
		if !ok {
			i = none
		}
		t := out[i]
		t.answers++
		for q, x := range []int{f.Fun, f.Learned, f.People, f.Interest} {
			t.q[q].add(x)
		}
	}
	if out[none].answers == 0 {
		out = out[:none] // no "no group" row when every block has a group
	}
	return out, nil
}

// computeWeeks sums and suppresses the figures of weeks (see computePeriods).
func computeWeeks(ctx context.Context, st *data.Store, periods []data.Period, f Filter, leaveOut bool) (*WeekReport, error) {
	base, err := loadShared(ctx, st)
	if err != nil {
		return nil, err
	}
	sh := &weekShared{shared: base, byID: map[string]data.Pupil{}, professions: map[string]string{}}
	for _, p := range base.pupils {
		sh.byID[p.ID] = p
	}
	people, err := st.ListPeople(ctx, data.PersonFilter{})
	if err != nil {
		return nil, err
	}
	for _, p := range people {
		sh.professions[p.ID] = strings.TrimSpace(p.Title)
	}
	r := &WeekReport{Filter: f, teamed: map[string]Group{}}
	var srcs []*weekSource
	inReport := map[string]bool{}
	for _, p := range periods {
		src, err := loadWeek(ctx, st, sh, p, leaveOut)
		if err != nil {
			return nil, err
		}
		if src == nil {
			r.LeftOut = append(r.LeftOut, p)
			continue
		}
		r.Periods = append(r.Periods, p)
		srcs = append(srcs, src)
		for _, s := range src.schools {
			inReport[s.ID] = true
		}
		for id, g := range src.teamed {
			r.teamed[id] = g
		}
	}
	muni := map[string]bool{}
	for id := range inReport {
		s := sh.schools[id]
		r.Schools = append(r.Schools, s)
		if s.Municipality != "" && !muni[s.Municipality] {
			muni[s.Municipality] = true
			r.Municipalities = append(r.Municipalities, s.Municipality)
		}
	}
	sortSchools(r.Schools)
	sort.Strings(r.Municipalities)

	sum := map[string]*weekTally{}
	var fbs []*feedbackTally
	for _, src := range srcs {
		for k, t := range src.tallies {
			if sum[k] == nil {
				sum[k] = newWeekTally()
			}
			sum[k].add(t)
		}
		fbs = append(fbs, src.feedback...)
	}
	tr := newWeekTree(sum, r.Schools, sh.professions)
	var own *feedbackOwn
	if len(srcs) > 1 {
		// A figure hidden in one week's own report is hidden in the sum
		// too, else the sum minus the other weeks would give it away; and
		// a figure shown in every week's own report can be added up by
		// anyone, so hiding it in the sum protects nothing (public).
		owns := make([]*weekTree, len(srcs))
		own = &feedbackOwn{}
		off := 0
		for i, src := range srcs {
			owns[i] = newWeekTree(src.tallies, src.schools, sh.professions)
			protectTree(owns[i].root)
			own.add(finishFeedback(src.feedback, nil), off)
			off += len(src.feedback)
		}
		tr.markPublic(owns)
		for _, o := range owns {
			tr.hideLike(o)
		}
	}
	protectTree(tr.root)
	r.cut(tr, f)
	if f == (Filter{}) {
		fb := finishFeedback(fbs, own)
		r.Feedback = &fb
	}
	return r, nil
}

// weekTree is the units of a week report (see unitTree).
type weekTree struct {
	root    *node
	munis   map[string]*node
	schools map[string]*node
}

func newWeekTree(tallies map[string]*weekTally, schools []data.Organisation, professions map[string]string) *weekTree {
	fin := func(k string) *WeekFigures { return finishWeek(tallies[k], professions) }
	tr := &weekTree{root: &node{fig: fin(keyAll)}, munis: map[string]*node{}, schools: map[string]*node{}}
	for _, s := range schools {
		m := tr.munis[s.Municipality]
		if m == nil {
			m = &node{fig: fin(keyMunicipality + s.Municipality)}
			tr.munis[s.Municipality] = m
			tr.root.children = append(tr.root.children, m)
		}
		n := &node{fig: fin(keySchool + s.ID)}
		m.children = append(m.children, n)
		tr.schools[s.ID] = n
	}
	return tr
}

// hideLike hides each figure of tr that is hidden in the same unit of
// other (one week's own report), unless it is 0 there.
func (tr *weekTree) hideLike(other *weekTree) {
	like := func(u, o *node) {
		if u == nil || o == nil {
			return
		}
		ts, os := u.fig.terms(), o.fig.terms()
		for i := range ts {
			if os[i].hidden() && os[i].n > 0 && !ts[i].hidden() {
				ts[i].hide()
			}
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

// cut sets the report's figures and rows to the part of tr within f.
func (r *WeekReport) cut(tr *weekTree, f Filter) {
	var n *node
	switch {
	case f.SchoolID != "":
		n = tr.schools[f.SchoolID]
	case f.Municipality != "":
		n = tr.munis[f.Municipality]
	default:
		n = tr.root
	}
	if n == nil { // a school or municipality not in the weeks
		n = &node{fig: finishWeek(nil, nil)}
		protectTree(n)
	}
	r.WeekFigures = *n.fig.(*WeekFigures)
	seen := map[string]bool{}
	for _, s := range r.Schools {
		if !inFilter(s, f) {
			continue
		}
		sf := tr.schools[s.ID].fig.(*WeekFigures)
		r.BySchool = append(r.BySchool, WeekRow{Municipality: s.Municipality, School: s, Figures: sf})
		if seen[s.Municipality] {
			continue
		}
		seen[s.Municipality] = true
		mf := tr.munis[s.Municipality].fig.(*WeekFigures)
		if f.SchoolID != "" {
			mf = sf
		}
		r.ByMunicipality = append(r.ByMunicipality, WeekRow{Municipality: s.Municipality, Figures: mf})
	}
	sort.Slice(r.ByMunicipality, func(i, j int) bool {
		return r.ByMunicipality[i].Municipality < r.ByMunicipality[j].Municipality
	})
}

// finishWeek turns a tally (nil: nothing) into figures, primary
// suppression done; protectTree then suppresses them with the others.
func finishWeek(t *weekTally, professions map[string]string) *WeekFigures {
	if t == nil {
		t = newWeekTally()
	}
	w := &WeekFigures{Teams: len(t.teams), RuleBroken: NewCell(len(t.broken)), RoleModels: len(t.roleModels), Hosts: len(t.hostIDs)}
	w.Teamed = NewGroupTable([][]int{t.teamed[:]})
	w.HostsMet = NewTable([][]int{t.hosts[:]}, true, false)
	n := w.Teamed.Total.N
	w.HostsPerPupil = ratioMean(t.hostSum, n)
	w.RoleModelsPerPupil = ratioMean(t.rmSum, n)
	for k := range w.Attendance {
		w.Attendance[k] = Attendance{Pupils: Cell{N: t.recorded[k]}, Present: t.present[k], Planned: t.planned[k]}
	}
	by := map[string]int{}
	for id := range t.roleModels {
		by[professions[id]]++
	}
	for p, c := range by {
		w.ByProfession = append(w.ByProfession, ProfessionCount{Profession: p, People: c})
	}
	sort.Slice(w.ByProfession, func(i, j int) bool {
		a, b := w.ByProfession[i], w.ByProfession[j]
		if (a.Profession == "") != (b.Profession == "") {
			return b.Profession == "" // not given: last
		}
		if a.People != b.People {
			return a.People > b.People
		}
		return strings.ToLower(a.Profession) < strings.ToLower(b.Profession)
	})
	w.resuppress()
	return w
}

// ratioMean is total/n as a Mean over n pupils, hidden when n is 1–4.
func ratioMean(total, n int) Mean {
	m := Mean{N: n, Suppressed: small(n)}
	if n > 0 {
		m.Value = float64(total) / float64(n)
	}
	return m
}

// terms lists every additive figure of w, in the same order for every
// WeekFigures. (Teams are not people: not hidden, not listed.)
func (w *WeekFigures) terms() []term {
	var ts []term
	for _, t := range []*Table{&w.Teamed, &w.HostsMet} {
		for j := range t.Cells[0] {
			ts = append(ts, cellTerm(&t.Cells[0][j]))
		}
		ts = append(ts, cellTerm(&t.RowTotals[0]))
	}
	// RuleBroken is added up like a count, although a team that mixes
	// schools counts in each (the parts then add up to more than the
	// whole): hiding by the sums can only hide more than needed.
	ts = append(ts, cellTerm(&w.RuleBroken), meanTerm(&w.HostsPerPupil), meanTerm(&w.RoleModelsPerPupil))
	for k := range w.Attendance {
		ts = append(ts, attendanceTerm(&w.Attendance[k]))
	}
	return ts
}

// resuppress suppresses w's own tables again, keeping what is hidden
// hidden: the pupils in teams and the hosts-met table share their total,
// and a mean per pupil is hidden with it.
func (w *WeekFigures) resuppress() {
	for {
		tot, hm := &w.Teamed.RowTotals[0], &w.HostsMet.RowTotals[0]
		if w.HostsPerPupil.Suppressed || w.RoleModelsPerPupil.Suppressed {
			tot.Suppressed = true
		}
		either := tot.Suppressed || hm.Suppressed
		tot.Suppressed, hm.Suppressed = either, either
		before := w.hidden()
		w.Teamed.Suppress()
		w.HostsMet.Suppress()
		if w.Teamed.RowTotals[0].Suppressed == w.HostsMet.RowTotals[0].Suppressed && w.hidden() == before {
			break
		}
	}
	hid := w.Teamed.RowTotals[0].Suppressed
	w.HostsPerPupil.Suppressed = w.HostsPerPupil.Suppressed || hid
	w.RoleModelsPerPupil.Suppressed = w.RoleModelsPerPupil.Suppressed || hid
	var att []term
	for k := range w.Attendance {
		att = append(att, attendanceTerm(&w.Attendance[k]))
	}
	protectTerms(att[:NumGroups], att[NumGroups])
}

// hidden counts w's hidden cells.
func (w *WeekFigures) hidden() int {
	n := 0
	for _, t := range w.terms() {
		if t.hidden() {
			n++
		}
	}
	return n
}

// feedbackOwn is what the weeks' own feedback reports hide, for their sum:
// per table (0 the answers, 1 + q question q) the groups hidden (by index
// in the sum) and whether a week's total is hidden.
type feedbackOwn struct {
	cells [NumQuestions + 1]map[int]bool
	total [NumQuestions + 1]bool
}

// add records a week's own feedback, its groups from index off on.
func (o *feedbackOwn) add(fb WeekFeedback, off int) {
	for k := range o.cells {
		if o.cells[k] == nil {
			o.cells[k] = map[int]bool{}
		}
	}
	hidden := func(c Cell) bool { return c.Suppressed && c.N > 0 }
	o.total[0] = o.total[0] || hidden(fb.Answers)
	for q := range NumQuestions {
		o.total[q+1] = o.total[q+1] || (fb.Questions[q].Suppressed && fb.Questions[q].N > 0)
	}
	for i, g := range fb.Groups {
		o.cells[0][off+i] = hidden(g.Answers)
		for q := range NumQuestions {
			o.cells[q+1][off+i] = g.Questions[q].Suppressed && g.Questions[q].N > 0
		}
	}
}

// finishFeedback makes the suppressed feedback of host groups: for the
// answers and for each question, the groups' counts are a row with the
// whole as its total. own (nil for one week) is what the weeks' own
// reports hide: hidden there, hidden here; a group is one week's, so a
// group shown there is public here, and so is the total when every
// week's total is shown.
func finishFeedback(groups []*feedbackTally, own *feedbackOwn) WeekFeedback {
	var fb WeekFeedback
	fb.Groups = make([]GroupFeedback, len(groups))
	row := make([]int, len(groups))
	for i, g := range groups {
		fb.Groups[i] = GroupFeedback{Period: g.period, Group: g.group}
		row[i] = g.answers
	}
	answers := feedbackRow(row, own, 0)
	fb.Answers = answers.RowTotals[0]
	for i := range groups {
		fb.Groups[i].Answers = answers.Cells[0][i]
	}
	for q := range NumQuestions {
		var all sum
		for i, g := range groups {
			row[i] = g.q[q].n
			all.n += g.q[q].n
			all.total += g.q[q].total
		}
		t := feedbackRow(row, own, int(q)+1)
		fb.Questions[q] = all.mean()
		fb.Questions[q].Suppressed = fb.Questions[q].Suppressed || t.RowTotals[0].Suppressed
		for i, g := range groups {
			m := g.q[q].mean()
			m.Suppressed = m.Suppressed || t.Cells[0][i].Suppressed
			fb.Groups[i].Questions[q] = m
		}
	}
	return fb
}

// feedbackRow is the suppressed one-row table of counts with its total,
// table k of own hidden or public from the start.
func feedbackRow(row []int, own *feedbackOwn, k int) Table {
	t := buildTable([][]int{row}, true, false)
	if own != nil {
		for i := range row {
			c := &t.Cells[0][i]
			c.Suppressed = own.cells[k][i]
			c.public = !c.Suppressed
		}
		t.RowTotals[0].public = !own.total[k]
	}
	t.Suppress()
	return t
}

// markPublic marks each count of tr that every week's own report shows
// (a unit not in a week counts 0 there) as public, and shows it: hiding
// it would protect nothing, a reader can add it up.
func (tr *weekTree) markPublic(owns []*weekTree) {
	mark := func(u *node, get func(*weekTree) *node) {
		var parts []suppressible
		for _, o := range owns {
			if n := get(o); n != nil {
				parts = append(parts, n.fig)
			}
		}
		markPublic(u.fig, parts)
		// The means per pupil were hidden with the total: shown again with it.
		if w := u.fig.(*WeekFigures); w.Teamed.RowTotals[0].public {
			w.HostsPerPupil.Suppressed = small(w.HostsPerPupil.N)
			w.RoleModelsPerPupil.Suppressed = small(w.RoleModelsPerPupil.N)
		}
	}
	mark(tr.root, func(o *weekTree) *node { return o.root })
	for k, u := range tr.munis {
		mark(u, func(o *weekTree) *node { return o.munis[k] })
	}
	for k, u := range tr.schools {
		mark(u, func(o *weekTree) *node { return o.schools[k] })
	}
}
