package stats

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strings"

	"techniqual/data"
	"techniqual/data/text"
)

// The equality journeys' anonymous benchmark (issue 18): for each key
// figure and each step, the median and quartiles of the members' figures,
// for the whole network, per size band and per sector. A figure is shown
// only when at least MinGroup members contribute and no two shown figures
// of the same measure — over every year, band and sector — differ by a
// small group of members (SuppressSets): no member's figure follows from
// the benchmark, by difference or otherwise.

// Metric names one benchmarked figure.
type Metric string

// The key figures (shares are percent of women) and the steps (the number
// of areas, 0–6, where the step is in place or followed up; the total is
// 0–24).
const (
	MetricEmployees        Metric = "employees"
	MetricTechWomen        Metric = "tech_women_pct"
	MetricMgmtWomen        Metric = "mgmt_women_pct"
	MetricHiresWomen       Metric = "hires_women_pct"
	MetricApprenticesWomen Metric = "apprentices_women_pct"
	MetricInternsWomen     Metric = "interns_women_pct"
	MetricRoleModelsWomen  Metric = "role_models_women_pct"
	MetricPraoPupils       Metric = "prao_pupils"
	MetricPraoGirls        Metric = "prao_girls_pct"
	MetricTeams            Metric = "teknikprao_teams"
	MetricTeamGirls        Metric = "teknikprao_girls_pct"
	MetricRoleModels       Metric = "role_models"
	MetricStepInvestigate  Metric = "step_investigate"
	MetricStepAnalyse      Metric = "step_analyse"
	MetricStepAct          Metric = "step_act"
	MetricStepFollowUp     Metric = "step_follow_up"
	MetricStepsTotal       Metric = "steps_total"
)

// FigureMetrics are the key figures in display order; StepMetrics the steps.
var (
	FigureMetrics = []Metric{MetricEmployees, MetricTechWomen, MetricMgmtWomen, MetricHiresWomen, MetricApprenticesWomen,
		MetricInternsWomen, MetricRoleModelsWomen, MetricPraoPupils, MetricPraoGirls, MetricTeams, MetricTeamGirls, MetricRoleModels}
	StepMetrics = []Metric{MetricStepInvestigate, MetricStepAnalyse, MetricStepAct, MetricStepFollowUp, MetricStepsTotal}
)

// StepMetric is the metric of one step.
func StepMetric(s data.Step) Metric { return Metric("step_" + string(s)) }

// Scope kinds of the benchmark.
const (
	ScopeNetwork = "network"
	ScopeSize    = "size"
	ScopeSector  = "sector"
)

// SizeBand is a band of head counts (the EU's micro, small, medium, large).
type SizeBand struct {
	Key      string
	From, To int // To 0: no upper limit
}

// SizeBands are the size bands by employees.
var SizeBands = []SizeBand{{"1-9", 1, 9}, {"10-49", 10, 49}, {"50-249", 50, 249}, {"250+", 250, 0}}

// BandOf is the size band of a head count, "" for none given.
func BandOf(employees int) string {
	for _, b := range SizeBands {
		if employees >= b.From && (b.To == 0 || employees <= b.To) {
			return b.Key
		}
	}
	return ""
}

// Quartiles are a benchmark figure: how many members contribute and, when
// it may be shown, the median and the quartiles (linear interpolation
// between the ordered figures, as spreadsheets' QUARTILE.INC).
type Quartiles struct {
	N              int
	Q1, Median, Q3 float64
	Hidden         bool // fewer than MinGroup contribute, or it would single some out
}

// JourneyMember is one member's journey in one year, as the benchmark and
// the reports see it.
type JourneyMember struct {
	Org      data.Organisation
	Year     int
	Band     string // size band, "" when no head count
	Sector   string // folded sector, "" when none
	Values   map[Metric]float64
	Figures  *data.JourneyYear // nil when none entered
	Hosted   data.HostedFigures
	Measures []data.Measure
	Progress data.Progress
}

// Journeys are every member's journeys over the years, read once.
type Journeys struct {
	Years   []int                   // years with something recorded, oldest first
	Members map[int][]JourneyMember // per year, by name
	All     []data.Organisation     // every member company, by name, journey or not
	Sectors map[string]string       // folded sector → sector as written first
	// Teams are, per year, the distinct teknikprao teams that had a block
	// at any of the year's members (a team meets every host of its group:
	// the members' Hosted.Teams add up to a team once per host).
	Teams  map[int]int
	hidden map[cellKey]bool               // the suppression over all years, bands and sectors
	cells  map[cellKey]map[string]float64 // contributors and their figures
}

type cellKey struct {
	Metric Metric
	Year   int
	Kind   string
	Name   string
}

// LoadJourneys reads the members' journeys and works out, once for all
// years, which benchmark figures may be shown.
func LoadJourneys(ctx context.Context, st *data.Store) (*Journeys, error) {
	orgs, err := st.ListOrganisations(ctx, data.KindCompany)
	if err != nil {
		return nil, err
	}
	ys, err := st.ListJourneyYears(ctx, "", 0)
	if err != nil {
		return nil, err
	}
	ms, err := st.ListMeasures(ctx, "", 0)
	if err != nil {
		return nil, err
	}
	j := &Journeys{Members: map[int][]JourneyMember{}, Sectors: map[string]string{}, Teams: map[int]int{}}
	years := map[int]bool{}
	figures := map[string]map[int]*data.JourneyYear{}
	for i := range ys {
		y := &ys[i]
		years[y.Year] = true
		if figures[y.OrganisationID] == nil {
			figures[y.OrganisationID] = map[int]*data.JourneyYear{}
		}
		figures[y.OrganisationID][y.Year] = y
	}
	measures := map[string]map[int][]data.Measure{}
	for _, m := range ms {
		years[m.Year] = true
		if measures[m.OrganisationID] == nil {
			measures[m.OrganisationID] = map[int][]data.Measure{}
		}
		measures[m.OrganisationID][m.Year] = append(measures[m.OrganisationID][m.Year], m)
	}
	for y := range years {
		j.Years = append(j.Years, y)
	}
	sort.Ints(j.Years)
	sortOrgs(orgs)
	for _, o := range orgs {
		if !o.MemberSince.IsZero() {
			j.All = append(j.All, o)
		}
	}
	for _, y := range j.Years {
		hosted, err := st.ListHostedFigures(ctx, y)
		if err != nil {
			return nil, err
		}
		hostedBy := map[string]data.HostedFigures{}
		for _, h := range hosted {
			hostedBy[h.OrganisationID] = h
		}
		for _, o := range orgs {
			f, m := figures[o.ID][y], measures[o.ID][y]
			if o.MemberSince.IsZero() || (f == nil && len(m) == 0) {
				continue // not a member, or nothing recorded for the year
			}
			jm := JourneyMember{Org: o, Year: y, Figures: f, Measures: m, Hosted: hostedBy[o.ID],
				Progress: data.ProgressOf(y, m, f), Sector: text.Fold(strings.TrimSpace(o.Sector))}
			if jm.Hosted.OrganisationID == "" {
				jm.Hosted = data.HostedFigures{OrganisationID: o.ID, Year: y}
			}
			if f != nil {
				jm.Band = BandOf(f.Employees)
			}
			if jm.Sector != "" && j.Sectors[jm.Sector] == "" {
				j.Sectors[jm.Sector] = strings.TrimSpace(o.Sector)
			}
			jm.Values = memberValues(jm)
			j.Members[y] = append(j.Members[y], jm)
		}
		var ids []string
		for _, m := range j.Members[y] {
			ids = append(ids, m.Org.ID)
		}
		if j.Teams[y], err = st.CountHostedTeams(ctx, y, ids); err != nil {
			return nil, err
		}
	}
	j.suppress()
	return j, nil
}

func sortOrgs(orgs []data.Organisation) {
	c := text.Collator()
	sort.SliceStable(orgs, func(a, b int) bool { return c.CompareString(orgs[a].Name, orgs[b].Name) < 0 })
}

// memberValues are a member's figures: shares only where there is someone
// to share, entered figures only when entered; the steps and Techniqual's
// own figures always (a member with a journey that year and no pupils
// hosted hosted 0).
func memberValues(m JourneyMember) map[Metric]float64 {
	v := map[Metric]float64{}
	share := func(k Metric, s data.Split) {
		if s.Total() > 0 {
			v[k] = 100 * float64(s.Women) / float64(s.Total())
		}
	}
	if f := m.Figures; f != nil {
		if f.Employees > 0 {
			v[MetricEmployees] = float64(f.Employees)
		}
		share(MetricTechWomen, f.Tech)
		share(MetricMgmtWomen, f.Management)
		share(MetricHiresWomen, f.Hires)
		share(MetricApprenticesWomen, f.Apprentices)
		share(MetricInternsWomen, f.Interns)
		share(MetricRoleModelsWomen, f.RoleModels)
	}
	h := m.Hosted
	v[MetricPraoPupils] = float64(h.Pupils)
	share(MetricPraoGirls, data.Split{Women: h.PupilGirls, Men: h.Pupils - h.PupilGirls})
	v[MetricTeams] = float64(h.Teams)
	share(MetricTeamGirls, data.Split{Women: h.TeamGirls, Men: h.TeamPupils - h.TeamGirls})
	v[MetricRoleModels] = float64(h.RoleModels)
	if len(m.Measures) > 0 {
		total := 0
		for _, s := range data.Steps {
			n := 0
			for _, x := range m.Measures {
				if x.Step == s && x.State.Done() {
					n++
				}
			}
			v[StepMetric(s)] = float64(n)
			total += n
		}
		v[MetricStepsTotal] = float64(total)
	}
	return v
}

// suppress gathers every figure the benchmark could show — each metric,
// year, the network, each size band and each sector — and hides, per
// metric, what SuppressSets says.
func (j *Journeys) suppress() {
	j.cells = map[cellKey]map[string]float64{}
	for _, y := range j.Years {
		for _, m := range j.Members[y] {
			for k, val := range m.Values {
				for _, key := range []cellKey{{k, y, ScopeNetwork, ""}, {k, y, ScopeSize, m.Band}, {k, y, ScopeSector, m.Sector}} {
					if key.Kind != ScopeNetwork && key.Name == "" {
						continue
					}
					if j.cells[key] == nil {
						j.cells[key] = map[string]float64{}
					}
					j.cells[key][m.Org.ID] = val
				}
			}
		}
	}
	byMetric := map[Metric][]cellKey{}
	for k := range j.cells {
		byMetric[k.Metric] = append(byMetric[k.Metric], k)
	}
	j.hidden = map[cellKey]bool{}
	for _, keys := range byMetric {
		// A fixed order (the map's is not): network first, newest first.
		sort.Slice(keys, func(a, b int) bool {
			ka, kb := keys[a], keys[b]
			if ka.Kind != kb.Kind {
				return scopeRank(ka.Kind) > scopeRank(kb.Kind)
			}
			if ka.Year != kb.Year {
				return ka.Year > kb.Year
			}
			return ka.Name < kb.Name
		})
		cells := make([]SetCell, len(keys))
		for i, k := range keys {
			for id := range j.cells[k] {
				cells[i].Members = append(cells[i].Members, id)
			}
			cells[i].Keep = scopeRank(k.Kind)*10000 + k.Year // the network first, then the newer year
		}
		for i, h := range SuppressSets(cells) {
			j.hidden[keys[i]] = h
		}
	}
}

// scopeRank says which figures to keep first when two clash: the whole
// network's before a band's or a sector's.
func scopeRank(kind string) int {
	if kind == ScopeNetwork {
		return 2
	}
	return 1
}

// Cell is the benchmark figure of one metric, year and scope (kind and
// name: "" for the network, a band's key, a folded sector).
func (j *Journeys) Cell(m Metric, year int, kind, name string) Quartiles {
	k := cellKey{m, year, kind, name}
	vals := j.cells[k]
	q := Quartiles{N: len(vals), Hidden: true}
	if len(vals) == 0 || j.hidden[k] {
		return q
	}
	xs := make([]float64, 0, len(vals))
	for _, v := range vals {
		xs = append(xs, v)
	}
	sort.Float64s(xs)
	q.Hidden = false
	q.Q1, q.Median, q.Q3 = quantile(xs, 0.25), quantile(xs, 0.5), quantile(xs, 0.75)
	return q
}

// quantile of sorted xs by linear interpolation (QUARTILE.INC).
func quantile(xs []float64, p float64) float64 {
	pos := p * float64(len(xs)-1)
	lo := int(math.Floor(pos))
	hi := min(lo+1, len(xs)-1)
	return xs[lo] + (pos-float64(lo))*(xs[hi]-xs[lo])
}

// BenchmarkRow is one metric in one scope.
type BenchmarkRow struct {
	Metric Metric
	Quartiles
}

// BenchmarkScope is the benchmark of the network, one size band or one
// sector in one year.
type BenchmarkScope struct {
	Kind, Name string // Name: "" for the network, a band's key, the sector as written
	Figures    []BenchmarkRow
	Steps      []BenchmarkRow
}

// Benchmark is the year's benchmark: the network first, then the size
// bands and the sectors that have members that year.
func (j *Journeys) Benchmark(year int) []BenchmarkScope {
	scope := func(kind, key, name string) BenchmarkScope {
		s := BenchmarkScope{Kind: kind, Name: name}
		for _, m := range FigureMetrics {
			s.Figures = append(s.Figures, BenchmarkRow{m, j.Cell(m, year, kind, key)})
		}
		for _, m := range StepMetrics {
			s.Steps = append(s.Steps, BenchmarkRow{m, j.Cell(m, year, kind, key)})
		}
		return s
	}
	out := []BenchmarkScope{scope(ScopeNetwork, "", "")}
	bands, sectors := map[string]bool{}, map[string]bool{}
	for _, m := range j.Members[year] {
		bands[m.Band], sectors[m.Sector] = true, true
	}
	for _, b := range SizeBands {
		if bands[b.Key] {
			out = append(out, scope(ScopeSize, b.Key, b.Key))
		}
	}
	var keys []string
	for s := range sectors {
		if s != "" {
			keys = append(keys, s)
		}
	}
	sort.Strings(keys)
	for _, s := range keys {
		out = append(out, scope(ScopeSector, s, j.Sectors[s]))
	}
	return out
}

// Member finds a member's journey in a year.
func (j *Journeys) Member(orgID string, year int) (JourneyMember, bool) {
	for _, m := range j.Members[year] {
		if m.Org.ID == orgID {
			return m, true
		}
	}
	return JourneyMember{}, false
}

// Position is a member's figure against the network, its size band and
// its sector.
type Position struct {
	Metric                Metric
	Value                 float64
	Has                   bool // the member has this figure
	Network, Band, Sector Quartiles
}

// Positions are a member's figures of a year against the benchmark.
func (j *Journeys) Positions(orgID string, year int) ([]Position, error) {
	m, ok := j.Member(orgID, year)
	if !ok {
		return nil, fmt.Errorf("no journey recorded for %d", year)
	}
	var out []Position
	for _, k := range append(append([]Metric{}, FigureMetrics...), StepMetrics...) {
		v, has := m.Values[k]
		p := Position{Metric: k, Value: v, Has: has, Network: j.Cell(k, year, ScopeNetwork, "")}
		p.Band, p.Sector = Quartiles{Hidden: true}, Quartiles{Hidden: true}
		if m.Band != "" {
			p.Band = j.Cell(k, year, ScopeSize, m.Band)
		}
		if m.Sector != "" {
			p.Sector = j.Cell(k, year, ScopeSector, m.Sector)
		}
		out = append(out, p)
	}
	return out, nil
}

// Shown lists every benchmark figure that may be shown, with its
// contributors: for tests that try every difference.
func (j *Journeys) Shown() map[string][]string {
	out := map[string][]string{}
	for k, vals := range j.cells {
		if j.hidden[k] {
			continue
		}
		name := fmt.Sprintf("%s/%d/%s/%s", k.Metric, k.Year, k.Kind, k.Name)
		for id := range vals {
			out[name] = append(out[name], id)
		}
		sort.Strings(out[name])
	}
	return out
}
