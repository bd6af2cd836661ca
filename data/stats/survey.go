package stats

import (
	"context"
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"sort"
	"strings"
	"time"

	"techniqual/data"
	"techniqual/data/text"
)

// The questionnaire before and after (issue #19): the change of each
// pupil's interest score, paired by the pupil's anonymous code, with a
// 95 % bootstrap confidence interval, and the same change in the
// comparison classes (difference in differences).
//
// The interval is a percentile bootstrap of the mean of the paired
// changes (BootstrapResamples resamples of the pupils, with replacement),
// drawn from a generator seeded from the group's name, so that the same
// answers always give the same interval. A group shows only when its
// paired pupils are not hidden by the one suppression rule (NewGroupTable:
// a group of 1–4 is hidden, and where one gender group is, the figure of
// all is hidden instead of a second group).

// BootstrapResamples is the number of bootstrap resamples of an interval.
const BootstrapResamples = 2000

// surveySeed is the fixed root of every interval's generator.
const surveySeed = 0x7ec4_1019

// SurveyPupil is one code's answers and what the pupil met.
type SurveyPupil struct {
	Gender        data.Gender
	Grade         int
	Comparison    bool
	Before, After *data.SurveyAnswer // nil: did not answer that wave
	Met           data.SurveyExposure
}

// SurveyData is a period's questionnaire: every code with its answers.
type SurveyData struct {
	Period data.Period
	Pupils []SurveyPupil
}

// LoadSurvey reads a period's codes, answers and exposures from the Store.
func LoadSurvey(ctx context.Context, st *data.Store, per data.Period) (SurveyData, error) {
	codes, err := st.ListSurveyCodes(ctx, per.ID)
	if err != nil {
		return SurveyData{}, err
	}
	before, err := st.SurveyAnswers(ctx, per.ID, data.WaveBefore)
	if err != nil {
		return SurveyData{}, err
	}
	after, err := st.SurveyAnswers(ctx, per.ID, data.WaveAfter)
	if err != nil {
		return SurveyData{}, err
	}
	met, err := st.SurveyExposures(ctx, per.ID)
	if err != nil {
		return SurveyData{}, err
	}
	d := SurveyData{Period: per}
	for _, c := range codes {
		p := SurveyPupil{Gender: c.Gender, Grade: c.Grade, Comparison: c.Comparison, Met: met[c.PupilID]}
		if a, ok := before[c.Code]; ok {
			p.Before = &a
		}
		if a, ok := after[c.Code]; ok {
			p.After = &a
		}
		d.Pupils = append(d.Pupils, p)
	}
	return d, nil
}

// Change is the paired change of one group on one scale.
type Change struct {
	// N is the pupils with a score both before and after; Hidden says the
	// group may not be shown (then no other field may be either).
	N      int
	Hidden bool
	// Before and After are the means of the paired pupils (1–5), Change
	// the mean of their changes, CILow and CIHigh its 95 % interval.
	Before, After, Change, CILow, CIHigh float64
	// Up is the pupils whose score rose, in N; hidden on its own when the
	// ones who rose or the rest are a small group.
	Up Share
}

// Measurable reports whether the interval lies wholly above or below zero.
func (c Change) Measurable() bool { return !c.Hidden && c.N > 0 && (c.CILow > 0 || c.CIHigh < 0) }

// DiD is the difference in differences: the period's pupils' change
// minus the comparison classes' change, with its 95 % interval.
type DiD struct {
	Hidden               bool
	Value, CILow, CIHigh float64
	PraoN, ComparisonN   int
}

// Measurable reports whether the interval lies wholly above or below zero.
func (d DiD) Measurable() bool { return !d.Hidden && (d.CILow > 0 || d.CIHigh < 0) }

// Unpaired counts the answers that have no partner in the other wave.
type Unpaired struct {
	BeforeOnly, AfterOnly Cell
}

// Effect is the questionnaire's result for one period (or several pooled).
type Effect struct {
	// Interest and Work are the paired changes of the period's pupils by
	// gender (Girls, Boys, Other) and of all (index NumGroups), on the
	// interest scale and on "could you see yourself working with technology".
	Interest, Work [NumGroups + 1]Change
	// HasComparison is set when any comparison class answered; then
	// ComparisonInterest is its change and Versus the difference in
	// differences, per group and of all.
	HasComparison      bool
	ComparisonInterest [NumGroups + 1]Change
	Versus             [NumGroups + 1]DiD
	// Unpaired counts the period's pupils (Prao) and the comparison
	// pupils who answered only one wave; they are left out of the change.
	Unpaired, ComparisonUnpaired Unpaired
	// TechProgramme is the paired pupils who named a technology programme
	// (Teknik-, El- och energi-, Industritekniska or Naturvetenskaps-
	// programmet) before and after.
	TechBefore, TechAfter Share
}

// pair is one paired pupil's two scores.
type pair struct{ before, after float64 }

// ComputeEffect works out the effect of a period's questionnaire (or of
// several periods' pupils pooled: pass their Pupils together). label seeds
// the intervals (use the period's name).
func ComputeEffect(pupils []SurveyPupil, label string) Effect {
	var e Effect
	var interest, work, cmp [NumGroups + 1][]pair
	techB, techA, paired := 0, 0, 0
	for _, p := range pupils {
		u := &e.Unpaired
		if p.Comparison {
			u = &e.ComparisonUnpaired
		}
		switch {
		case p.Before != nil && p.After == nil:
			u.BeforeOnly.N++
		case p.After != nil && p.Before == nil:
			u.AfterOnly.N++
		}
		if p.Before == nil || p.After == nil {
			continue
		}
		g := groupOf(p.Gender)
		if b, ok := p.Before.Interest(); ok {
			if a, ok := p.After.Interest(); ok {
				if p.Comparison {
					cmp[g] = append(cmp[g], pair{b, a})
					cmp[NumGroups] = append(cmp[NumGroups], pair{b, a})
				} else {
					interest[g] = append(interest[g], pair{b, a})
					interest[NumGroups] = append(interest[NumGroups], pair{b, a})
					paired++
					if isTech(p.Before.Programme) {
						techB++
					}
					if isTech(p.After.Programme) {
						techA++
					}
				}
			}
		}
		if !p.Comparison && p.Before.Work > 0 && p.After.Work > 0 {
			pr := pair{float64(p.Before.Work), float64(p.After.Work)}
			work[g] = append(work[g], pr)
			work[NumGroups] = append(work[NumGroups], pr)
		}
	}
	for _, u := range []*Unpaired{&e.Unpaired, &e.ComparisonUnpaired} {
		u.BeforeOnly, u.AfterOnly = NewCell(u.BeforeOnly.N), NewCell(u.AfterOnly.N)
	}
	e.Interest = groupChanges(interest, label+"/interest")
	e.Work = groupChanges(work, label+"/work")
	e.TechBefore, e.TechAfter = NewShare(techB, paired), NewShare(techA, paired)
	if len(cmp[NumGroups]) > 0 {
		e.HasComparison = true
		e.ComparisonInterest = groupChanges(cmp, label+"/comparison")
		for k := range e.Versus {
			e.Versus[k] = diffInDiff(interest[k], cmp[k], e.Interest[k].Hidden || e.ComparisonInterest[k].Hidden,
				fmt.Sprintf("%s/did/%d", label, k))
		}
	}
	return e
}

// isTech reports whether a programme code is a technology programme.
func isTech(code string) bool {
	p, ok := data.FindProgramme(code)
	return ok && p.Tech
}

// groupChanges is the change of each gender group and of all, hidden by
// the one suppression rule for counts by gender.
func groupChanges(pairs [NumGroups + 1][]pair, label string) [NumGroups + 1]Change {
	counts := make([]int, NumGroups)
	for g := Group(0); g < NumGroups; g++ {
		counts[g] = len(pairs[g])
	}
	t := NewGroupTable([][]int{counts})
	var out [NumGroups + 1]Change
	for k := range out {
		hidden := t.RowTotals[0].Suppressed
		if k < int(NumGroups) {
			hidden = t.Cells[0][k].Suppressed
		}
		out[k] = changeOf(pairs[k], hidden || small(len(pairs[k])), fmt.Sprintf("%s/%d", label, k))
	}
	return out
}

// changeOf is the paired change of one group; a hidden group carries only
// its hidden mark (its count stays for the computations, never shown).
func changeOf(ps []pair, hidden bool, label string) Change {
	c := Change{N: len(ps), Hidden: hidden}
	if hidden || len(ps) == 0 {
		c.Up = Share{Part: Cell{Suppressed: true}, Whole: Cell{N: len(ps), Suppressed: true}}
		return c
	}
	diffs := make([]float64, len(ps))
	up := 0
	for i, p := range ps {
		c.Before += p.before
		c.After += p.after
		diffs[i] = p.after - p.before
		if p.after > p.before {
			up++
		}
	}
	n := float64(len(ps))
	c.Before /= n
	c.After /= n
	c.Change = mean(diffs)
	c.CILow, c.CIHigh = BootstrapMeanCI(diffs, seedOf(label), BootstrapResamples)
	c.Up = NewShare(up, len(ps))
	return c
}

// diffInDiff is the period's mean change minus the comparison's, with a
// bootstrap interval that resamples the two groups independently.
func diffInDiff(prao, cmp []pair, hidden bool, label string) DiD {
	d := DiD{Hidden: hidden || len(prao) < MinGroup || len(cmp) < MinGroup, PraoN: len(prao), ComparisonN: len(cmp)}
	if d.Hidden {
		return d
	}
	a, b := diffsOf(prao), diffsOf(cmp)
	d.Value = mean(a) - mean(b)
	d.CILow, d.CIHigh = BootstrapDiffCI(a, b, seedOf(label), BootstrapResamples)
	return d
}

func diffsOf(ps []pair) []float64 {
	out := make([]float64, len(ps))
	for i, p := range ps {
		out[i] = p.after - p.before
	}
	return out
}

func mean(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

// seedOf turns a label into a generator seed: the same label, the same
// interval.
func seedOf(label string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(label))
	return h.Sum64() ^ surveySeed
}

// BootstrapMeanCI is the 95 % percentile bootstrap interval of the mean of
// xs: b resamples of len(xs) values drawn with replacement by a PCG
// generator seeded with seed. Empty xs give 0, 0.
func BootstrapMeanCI(xs []float64, seed uint64, b int) (lo, hi float64) {
	if len(xs) == 0 || b <= 0 {
		return 0, 0
	}
	r := rand.New(rand.NewPCG(seed, seed>>1|1))
	means := make([]float64, b)
	n := len(xs)
	for i := range means {
		s := 0.0
		for j := 0; j < n; j++ {
			s += xs[r.IntN(n)]
		}
		means[i] = s / float64(n)
	}
	return percentiles(means)
}

// BootstrapDiffCI is the 95 % percentile bootstrap interval of
// mean(a) − mean(b), resampling a and b independently.
func BootstrapDiffCI(a, b []float64, seed uint64, resamples int) (lo, hi float64) {
	if len(a) == 0 || len(b) == 0 || resamples <= 0 {
		return 0, 0
	}
	r := rand.New(rand.NewPCG(seed, seed>>1|1))
	ds := make([]float64, resamples)
	for i := range ds {
		sa, sb := 0.0, 0.0
		for j := 0; j < len(a); j++ {
			sa += a[r.IntN(len(a))]
		}
		for j := 0; j < len(b); j++ {
			sb += b[r.IntN(len(b))]
		}
		ds[i] = sa/float64(len(a)) - sb/float64(len(b))
	}
	return percentiles(ds)
}

// percentiles is the 2.5th and 97.5th percentile of xs (sorted in place),
// by linear interpolation between order statistics.
func percentiles(xs []float64) (lo, hi float64) {
	sort.Float64s(xs)
	at := func(p float64) float64 {
		pos := p * float64(len(xs)-1)
		i := int(math.Floor(pos))
		if i+1 >= len(xs) {
			return xs[len(xs)-1]
		}
		f := pos - float64(i)
		return xs[i]*(1-f) + xs[i+1]*f
	}
	return at(0.025), at(0.975)
}

// Worked is the change of the pupils who met one host, one host group or
// one role model: for the coordinator only (never in anything a host
// sees), listed by name, never ranked.
type Worked struct {
	Kind   string // "host", "group" or "role_model"
	Name   string
	Change Change
}

// WhatWorked is the change on the interest scale of the period's paired
// pupils by what they met: each host, host group and role model met by at
// least MinGroup paired pupils (smaller ones are left out, not shown as
// "<5": a list of names with hidden figures would still say who met few).
// Sorted by kind, then name, in Swedish order.
func WhatWorked(pupils []SurveyPupil, label string) []Worked {
	type key struct{ kind, name string }
	groups := map[key][]pair{}
	for _, p := range pupils {
		if p.Comparison || p.Before == nil || p.After == nil {
			continue
		}
		b, ok1 := p.Before.Interest()
		a, ok2 := p.After.Interest()
		if !ok1 || !ok2 {
			continue
		}
		pr := pair{b, a}
		for _, h := range dedupe(p.Met.Hosts) {
			groups[key{"host", h}] = append(groups[key{"host", h}], pr)
		}
		if p.Met.Group != "" {
			groups[key{"group", p.Met.Group}] = append(groups[key{"group", p.Met.Group}], pr)
		}
		for _, r := range dedupe(p.Met.RoleModels) {
			groups[key{"role_model", r}] = append(groups[key{"role_model", r}], pr)
		}
	}
	var out []Worked
	for k, ps := range groups {
		if NewCell(len(ps)).Suppressed || len(ps) < MinGroup {
			continue
		}
		out = append(out, Worked{Kind: k.kind, Name: k.name, Change: changeOf(ps, false, label+"/"+k.kind+"/"+k.name)})
	}
	order := map[string]int{"group": 0, "host": 1, "role_model": 2}
	coll := text.Collator()
	sort.Slice(out, func(i, j int) bool {
		if out[i].Kind != out[j].Kind {
			return order[out[i].Kind] < order[out[j].Kind]
		}
		return coll.CompareString(out[i].Name, out[j].Name) < 0
	})
	return out
}

func dedupe(xs []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, x := range xs {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

// Words says in plain words what a change shows, without claiming more:
// "no measurable change" when the interval holds 0, and never a cause.
func (c Change) Words(l text.Lang) string {
	switch {
	case c.Hidden && c.N >= MinGroup:
		// Hidden only so that a small group cannot be worked out (..).
		return l.Pick("Visas inte: en liten grupp skulle annars kunna räknas fram.", "Not shown: a small group could otherwise be worked out.")
	case c.Hidden || c.N == 0:
		return l.Pick("För få svar att visa (färre än 5).", "Too few answers to show (fewer than 5).")
	case !c.Measurable():
		return l.Pick(fmt.Sprintf("Ingen mätbar förändring: intervallet %s rymmer noll.", Interval(l, c.CILow, c.CIHigh)),
			fmt.Sprintf("No measurable change: the interval %s includes zero.", Interval(l, c.CILow, c.CIHigh)))
	case c.Change > 0:
		return l.Pick(fmt.Sprintf("Intresset var högre efter än före, med %s steg (95 %% KI %s).", Signed(l, c.Change), Interval(l, c.CILow, c.CIHigh)),
			fmt.Sprintf("Interest was higher after than before, by %s points (95%% CI %s).", Signed(l, c.Change), Interval(l, c.CILow, c.CIHigh)))
	default:
		return l.Pick(fmt.Sprintf("Intresset var lägre efter än före, med %s steg (95 %% KI %s).", Signed(l, c.Change), Interval(l, c.CILow, c.CIHigh)),
			fmt.Sprintf("Interest was lower after than before, by %s points (95%% CI %s).", Signed(l, c.Change), Interval(l, c.CILow, c.CIHigh)))
	}
}

// Words says in plain words what the difference in differences shows.
func (d DiD) Words(l text.Lang) string {
	switch {
	case d.Hidden:
		return l.Pick("Jämförelsen visas inte: för få svar i någon av grupperna.", "The comparison is not shown: too few answers in one of the groups.")
	case !d.Measurable():
		return l.Pick(fmt.Sprintf("Ingen mätbar skillnad mot jämförelseklasserna: intervallet %s rymmer noll.", Interval(l, d.CILow, d.CIHigh)),
			fmt.Sprintf("No measurable difference from the comparison classes: the interval %s includes zero.", Interval(l, d.CILow, d.CIHigh)))
	case d.Value > 0:
		return l.Pick(fmt.Sprintf("Intresset ökade %s steg mer än i jämförelseklasserna (95 %% KI %s).", Signed(l, d.Value), Interval(l, d.CILow, d.CIHigh)),
			fmt.Sprintf("Interest rose %s points more than in the comparison classes (95%% CI %s).", Signed(l, d.Value), Interval(l, d.CILow, d.CIHigh)))
	default:
		return l.Pick(fmt.Sprintf("Intresset utvecklades %s steg sämre än i jämförelseklasserna (95 %% KI %s).", Signed(l, d.Value), Interval(l, d.CILow, d.CIHigh)),
			fmt.Sprintf("Interest developed %s points less well than in the comparison classes (95%% CI %s).", Signed(l, d.Value), Interval(l, d.CILow, d.CIHigh)))
	}
}

// Decimal is x with two decimals, a decimal comma in Swedish and a true
// minus sign.
func Decimal(l text.Lang, x float64) string {
	s := fmt.Sprintf("%.2f", x)
	if s == "-0.00" {
		s = "0.00"
	}
	if l != text.English {
		s = strings.Replace(s, ".", ",", 1)
	}
	return strings.Replace(s, "-", "−", 1)
}

// Signed is Decimal with a plus sign on a positive value.
func Signed(l text.Lang, x float64) string {
	s := Decimal(l, x)
	if x > 0 && s != Decimal(l, 0) {
		return "+" + s
	}
	return s
}

// Interval is "lo till hi" ("lo to hi") in Decimal form.
func Interval(l text.Lang, lo, hi float64) string {
	return Decimal(l, lo) + l.Pick(" till ", " to ") + Decimal(l, hi)
}

// PeriodEffect is one period's questionnaire result.
type PeriodEffect struct {
	Period data.Period
	Effect Effect
}

// GradeEffect is the result of a school year (årskurs 8 or 9) of a range,
// the periods' pupils pooled.
type GradeEffect struct {
	Grade  int
	Effect Effect
}

// SurveyYear is the questionnaire's results of a range of dates: per
// period that has answers (by start date) and per school year pooled.
type SurveyYear struct {
	Periods []PeriodEffect
	Grades  []GradeEffect
}

// Empty reports whether no period of the range has answers.
func (y *SurveyYear) Empty() bool { return y == nil || len(y.Periods) == 0 }

// LoadSurveyYear computes the results of the periods starting in [from, to).
func LoadSurveyYear(ctx context.Context, st *data.Store, from, to time.Time) (*SurveyYear, error) {
	pers, err := st.ListPeriods(ctx)
	if err != nil {
		return nil, err
	}
	sort.SliceStable(pers, func(i, j int) bool { return pers[i].Start.Before(pers[j].Start) })
	y := &SurveyYear{}
	byGrade := map[int][]SurveyPupil{}
	for _, p := range pers {
		if p.Start.Before(from) || !p.Start.Before(to) {
			continue
		}
		d, err := LoadSurvey(ctx, st, p)
		if err != nil {
			return nil, err
		}
		answered := false
		for _, sp := range d.Pupils {
			if sp.Before != nil || sp.After != nil {
				answered = true
				break
			}
		}
		if !answered {
			continue
		}
		y.Periods = append(y.Periods, PeriodEffect{Period: p, Effect: ComputeEffect(d.Pupils, p.Name)})
		byGrade[p.Grade] = append(byGrade[p.Grade], d.Pupils...)
	}
	for _, g := range []int{8, 9} {
		if ps := byGrade[g]; len(ps) > 0 {
			y.Grades = append(y.Grades, GradeEffect{Grade: g, Effect: ComputeEffect(ps, fmt.Sprintf("grade %d %s", g, from.Format("2006")))})
		}
	}
	return y, nil
}
