package data

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// The structured equality journey (issue 18): a member's active measures
// per area and step, its figures per year and its peer marks. Active
// measures follow the Discrimination Act's chapter 3 as
// Diskrimineringsombudsmannen (DO) explains it: four steps (investigate,
// analyse, act, follow up) in each of six areas of working life.

// Area is one of the Discrimination Act's areas of active measures in
// working life (Diskrimineringslagen 3 kap. 5 §).
type Area string

// The six areas, in the order of the law.
const (
	AreaWorkingConditions Area = "working_conditions" // arbetsförhållanden
	AreaPay               Area = "pay"                // löner och andra anställningsvillkor
	AreaRecruitment       Area = "recruitment"        // rekrytering och befordran
	AreaTraining          Area = "training"           // utbildning och övrig kompetensutveckling
	AreaParenthood        Area = "parenthood"         // möjligheter att förena förvärvsarbete och föräldraskap
	AreaHarassment        Area = "harassment"         // trakasserier och repressalier
)

// Areas lists the areas in the law's order.
var Areas = []Area{AreaWorkingConditions, AreaPay, AreaRecruitment, AreaTraining, AreaParenthood, AreaHarassment}

// Valid reports whether a is one of the six areas.
func (a Area) Valid() bool {
	for _, x := range Areas {
		if a == x {
			return true
		}
	}
	return false
}

// Step is one of DO's four steps of active measures.
type Step string

// The four steps, in order.
const (
	StepInvestigate Step = "investigate" // undersöka
	StepAnalyse     Step = "analyse"     // analysera
	StepAct         Step = "act"         // åtgärda
	StepFollowUp    Step = "follow_up"   // följa upp och utvärdera
)

// Steps lists the steps in order.
var Steps = []Step{StepInvestigate, StepAnalyse, StepAct, StepFollowUp}

// Valid reports whether s is one of the four steps.
func (s Step) Valid() bool {
	for _, x := range Steps {
		if s == x {
			return true
		}
	}
	return false
}

// MeasureState is how far a member has come with one step in one area.
type MeasureState string

// The states, from nothing to done and evaluated.
const (
	StateNotStarted MeasureState = "not_started" // ej påbörjad
	StateUnderWay   MeasureState = "under_way"   // pågår
	StateInPlace    MeasureState = "in_place"    // på plats
	StateFollowedUp MeasureState = "followed_up" // uppföljd
)

// States lists the states in order.
var States = []MeasureState{StateNotStarted, StateUnderWay, StateInPlace, StateFollowedUp}

// Valid reports whether s is one of the states.
func (s MeasureState) Valid() bool {
	for _, x := range States {
		if s == x {
			return true
		}
	}
	return false
}

// Done reports whether the step counts as taken: in place or followed up.
func (s MeasureState) Done() bool { return s == StateInPlace || s == StateFollowedUp }

// Measure is one step of active measures in one area in one year: its
// state, what was done and when.
type Measure struct {
	ID             string
	OrganisationID string
	Year           int
	Area           Area
	Step           Step
	State          MeasureState
	Done           string    // what was done
	Date           time.Time // when; zero when not given
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// JourneyYear is a member's figures of one year: its staff by gender in
// technical roles, management, new hires, apprentices and interns, its role
// models by gender (the people register has no gender), its head count and
// whether the yearly pay survey (lönekartläggning) was done.
type JourneyYear struct {
	ID             string
	OrganisationID string
	Year           int
	Employees      int
	PaySurvey      bool
	PaySurveyDate  time.Time
	Tech           Split
	Management     Split
	Hires          Split
	Apprentices    Split
	Interns        Split
	RoleModels     Split
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// Split is a count of people by gender. Staff figures are counted as women
// and men, as the Discrimination Act's pay survey does.
type Split struct{ Women, Men int }

// Total is women and men together.
func (s Split) Total() int { return s.Women + s.Men }

// PeerMark is a member's mark for one area at network events: it has done
// this and can share, or it wants to start.
type PeerMark struct {
	ID             string
	OrganisationID string
	Area           Area
	CanShare       bool
	WantStart      bool
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// Journey years accepted.
const (
	JourneyFirstYear = 2000
	JourneyLastYear  = 2100
)

// Validate checks a measure before it is saved.
func (m Measure) Validate() error {
	v := validator{entity: "journey_measure"}
	v.required("organisation", m.OrganisationID)
	if m.Year < JourneyFirstYear || m.Year > JourneyLastYear {
		v.add("year", "err.journey_year", "Året måste vara mellan 2000 och 2100.", fmt.Sprintf("year %d is not 2000..2100", m.Year))
	}
	if !m.Area.Valid() {
		v.add("area", "err.journey_area", "Okänt område.", "unknown area "+string(m.Area))
	}
	if !m.Step.Valid() {
		v.add("step", "err.journey_step", "Okänt steg.", "unknown step "+string(m.Step))
	}
	if !m.State.Valid() {
		v.add("state", "err.journey_state", "Välj ej påbörjad, pågår, på plats eller uppföljd.", "unknown state "+string(m.State))
	}
	v.text("done", m.Done, 4000)
	return v.err()
}

// Validate checks a year's figures before they are saved: no negative
// count, and no part larger than the head count when that is given.
func (y JourneyYear) Validate() error {
	v := validator{entity: "journey_year"}
	v.required("organisation", y.OrganisationID)
	if y.Year < JourneyFirstYear || y.Year > JourneyLastYear {
		v.add("year", "err.journey_year", "Året måste vara mellan 2000 och 2100.", fmt.Sprintf("year %d is not 2000..2100", y.Year))
	}
	check := func(field string, n int) {
		if n < 0 || n > 1000000 {
			v.add(field, "err.journey_count", "Antalet måste vara mellan 0 och 1 000 000.", fmt.Sprintf("%s %d is not 0..1000000", field, n))
		}
	}
	check("employees", y.Employees)
	for _, f := range y.fields() {
		check(f.name+"_women", f.split.Women)
		check(f.name+"_men", f.split.Men)
		if y.Employees > 0 && f.name != "role_models" && f.split.Total() > y.Employees {
			v.add(f.name, "err.journey_part", "Fler än de anställda.", fmt.Sprintf("%s %d is more than the %d employees", f.name, f.split.Total(), y.Employees))
		}
	}
	return v.err()
}

type namedSplit struct {
	name  string
	split *Split
}

func (y *JourneyYear) fields() []namedSplit {
	return []namedSplit{{"tech", &y.Tech}, {"mgmt", &y.Management}, {"hires", &y.Hires}, {"apprentices", &y.Apprentices},
		{"interns", &y.Interns}, {"role_models", &y.RoleModels}}
}

// Validate checks a peer mark: a known area, not both marks at once.
func (p PeerMark) Validate() error {
	v := validator{entity: "journey_peer"}
	v.required("organisation", p.OrganisationID)
	if !p.Area.Valid() {
		v.add("area", "err.journey_area", "Okänt område.", "unknown area "+string(p.Area))
	}
	if p.CanShare && p.WantStart {
		v.add("area", "err.journey_peer", "Välj antingen \"kan dela\" eller \"vill börja\".", "both can share and want to start")
	}
	return v.err()
}

// SaveMeasure saves one step of one area in one year; a measure for the
// same member, year, area and step replaces the one there (by key).
func (s *Store) SaveMeasure(ctx context.Context, m *Measure) error {
	m.Done = strings.TrimSpace(m.Done)
	if m.State == "" {
		m.State = StateNotStarted
	}
	if err := m.Validate(); err != nil {
		return err
	}
	return s.InTx(ctx, func(tx *Store) error {
		if m.ID == "" {
			var id string
			err := tx.q.QueryRowContext(ctx, `SELECT id FROM journey_measures WHERE organisation_id = ? AND year = ? AND area = ?
				AND step = ? AND deleted_at IS NULL`, m.OrganisationID, m.Year, string(m.Area), string(m.Step)).Scan(&id)
			if err == nil {
				m.ID = id
			}
		}
		id, created, updated := m.ID, m.CreatedAt, m.UpdatedAt
		var err error
		if tx.stamp(&id, &created, &updated) {
			_, err = tx.exec(ctx, `INSERT INTO journey_measures (id, organisation_id, year, area, step, state, done, date, created_at, updated_at)
				VALUES (?,?,?,?,?,?,?,?,?,?)`, id, m.OrganisationID, m.Year, string(m.Area), string(m.Step), string(m.State), m.Done,
				formatOptDate(m.Date), formatTS(created), formatTS(updated))
		} else {
			res, e := tx.exec(ctx, `UPDATE journey_measures SET state=?, done=?, date=?, updated_at=? WHERE id=? AND deleted_at IS NULL`,
				string(m.State), m.Done, formatOptDate(m.Date), formatTS(updated), id)
			err = e
			if err == nil {
				err = checkUpdated("save measure", res)
			}
		}
		if err != nil {
			return translate("save measure", err)
		}
		m.ID, m.CreatedAt, m.UpdatedAt = id, created, updated
		return nil
	})
}

func formatOptDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return FormatDate(t)
}

// ListMeasures returns the measures of a member ("" for all) in a year (0
// for all years), by member, year, area and step.
func (s *Store) ListMeasures(ctx context.Context, orgID string, year int) ([]Measure, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT id, organisation_id, year, area, step, state, done, date, created_at, updated_at
		FROM journey_measures WHERE deleted_at IS NULL AND (? = '' OR organisation_id = ?) AND (? = 0 OR year = ?)
		ORDER BY organisation_id, year`, orgID, orgID, year, year)
	if err != nil {
		return nil, fmt.Errorf("list measures: %w", err)
	}
	defer rows.Close()
	var out []Measure
	for rows.Next() {
		var m Measure
		var area, step, state, date, created, updated string
		if err := rows.Scan(&m.ID, &m.OrganisationID, &m.Year, &area, &step, &state, &m.Done, &date, &created, &updated); err != nil {
			return nil, fmt.Errorf("list measures: %w", err)
		}
		m.Area, m.Step, m.State = Area(area), Step(step), MeasureState(state)
		m.Date, m.CreatedAt, m.UpdatedAt = mustDate(date), parseTS(created), parseTS(updated)
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list measures: %w", err)
	}
	sortMeasures(out)
	return out, nil
}

func sortMeasures(ms []Measure) {
	order := func(m Measure) int { return indexOf(Areas, m.Area)*len(Steps) + indexOf(Steps, m.Step) }
	for i := 1; i < len(ms); i++ {
		for j := i; j > 0; j-- {
			a, b := ms[j-1], ms[j]
			if a.OrganisationID < b.OrganisationID || (a.OrganisationID == b.OrganisationID &&
				(a.Year < b.Year || (a.Year == b.Year && order(a) <= order(b)))) {
				break
			}
			ms[j-1], ms[j] = b, a
		}
	}
}

func indexOf[T comparable](xs []T, x T) int {
	for i, y := range xs {
		if x == y {
			return i
		}
	}
	return len(xs)
}

// SaveJourneyYear saves a member's figures of one year; figures for the
// same member and year replace those there.
func (s *Store) SaveJourneyYear(ctx context.Context, y *JourneyYear) error {
	if err := y.Validate(); err != nil {
		return err
	}
	return s.InTx(ctx, func(tx *Store) error {
		if y.ID == "" {
			var id string
			if err := tx.q.QueryRowContext(ctx, `SELECT id FROM journey_years WHERE organisation_id = ? AND year = ? AND deleted_at IS NULL`,
				y.OrganisationID, y.Year).Scan(&id); err == nil {
				y.ID = id
			}
		}
		id, created, updated := y.ID, y.CreatedAt, y.UpdatedAt
		vals := []any{y.Employees, y.PaySurvey, formatOptDate(y.PaySurveyDate), y.Tech.Women, y.Tech.Men, y.Management.Women,
			y.Management.Men, y.Hires.Women, y.Hires.Men, y.Apprentices.Women, y.Apprentices.Men, y.Interns.Women, y.Interns.Men,
			y.RoleModels.Women, y.RoleModels.Men}
		var err error
		if tx.stamp(&id, &created, &updated) {
			args := append([]any{id, y.OrganisationID, y.Year}, vals...)
			args = append(args, formatTS(created), formatTS(updated))
			_, err = tx.exec(ctx, `INSERT INTO journey_years (id, organisation_id, year, `+journeyYearCols+`, created_at, updated_at)
				VALUES (`+placeholders(len(args))+`)`, args...)
		} else {
			args := append(vals, formatTS(updated), id)
			res, e := tx.exec(ctx, `UPDATE journey_years SET `+strings.ReplaceAll(journeyYearCols, ",", " = ?,")+` = ?, updated_at = ?
				WHERE id = ? AND deleted_at IS NULL`, args...)
			err = e
			if err == nil {
				err = checkUpdated("save journey year", res)
			}
		}
		if err != nil {
			return translate("save journey year", err)
		}
		y.ID, y.CreatedAt, y.UpdatedAt = id, created, updated
		return nil
	})
}

const journeyYearCols = "employees, pay_survey, pay_survey_date, tech_women, tech_men, mgmt_women, mgmt_men, hires_women, hires_men, " +
	"apprentices_women, apprentices_men, interns_women, interns_men, role_models_women, role_models_men"

// ListJourneyYears returns the yearly figures of a member ("" for all) in a
// year (0 for all), by member and year.
func (s *Store) ListJourneyYears(ctx context.Context, orgID string, year int) ([]JourneyYear, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT id, organisation_id, year, `+journeyYearCols+`, created_at, updated_at
		FROM journey_years WHERE deleted_at IS NULL AND (? = '' OR organisation_id = ?) AND (? = 0 OR year = ?)
		ORDER BY organisation_id, year`, orgID, orgID, year, year)
	if err != nil {
		return nil, fmt.Errorf("list journey years: %w", err)
	}
	defer rows.Close()
	var out []JourneyYear
	for rows.Next() {
		var y JourneyYear
		var date, created, updated string
		if err := rows.Scan(&y.ID, &y.OrganisationID, &y.Year, &y.Employees, &y.PaySurvey, &date, &y.Tech.Women, &y.Tech.Men,
			&y.Management.Women, &y.Management.Men, &y.Hires.Women, &y.Hires.Men, &y.Apprentices.Women, &y.Apprentices.Men,
			&y.Interns.Women, &y.Interns.Men, &y.RoleModels.Women, &y.RoleModels.Men, &created, &updated); err != nil {
			return nil, fmt.Errorf("list journey years: %w", err)
		}
		y.PaySurveyDate, y.CreatedAt, y.UpdatedAt = mustDate(date), parseTS(created), parseTS(updated)
		out = append(out, y)
	}
	return out, rows.Err()
}

// SavePeerMark saves a member's mark for one area (by member and area).
func (s *Store) SavePeerMark(ctx context.Context, p *PeerMark) error {
	if err := p.Validate(); err != nil {
		return err
	}
	return s.InTx(ctx, func(tx *Store) error {
		if p.ID == "" {
			var id string
			if err := tx.q.QueryRowContext(ctx, `SELECT id FROM journey_peers WHERE organisation_id = ? AND area = ? AND deleted_at IS NULL`,
				p.OrganisationID, string(p.Area)).Scan(&id); err == nil {
				p.ID = id
			}
		}
		id, created, updated := p.ID, p.CreatedAt, p.UpdatedAt
		var err error
		if tx.stamp(&id, &created, &updated) {
			_, err = tx.exec(ctx, `INSERT INTO journey_peers (id, organisation_id, area, can_share, want_start, created_at, updated_at)
				VALUES (?,?,?,?,?,?,?)`, id, p.OrganisationID, string(p.Area), p.CanShare, p.WantStart, formatTS(created), formatTS(updated))
		} else {
			res, e := tx.exec(ctx, `UPDATE journey_peers SET can_share = ?, want_start = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL`,
				p.CanShare, p.WantStart, formatTS(updated), id)
			err = e
			if err == nil {
				err = checkUpdated("save peer mark", res)
			}
		}
		if err != nil {
			return translate("save peer mark", err)
		}
		p.ID, p.CreatedAt, p.UpdatedAt = id, created, updated
		return nil
	})
}

// ListPeerMarks returns the peer marks of a member ("" for all).
func (s *Store) ListPeerMarks(ctx context.Context, orgID string) ([]PeerMark, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT id, organisation_id, area, can_share, want_start, created_at, updated_at
		FROM journey_peers WHERE deleted_at IS NULL AND (? = '' OR organisation_id = ?) ORDER BY organisation_id, area`, orgID, orgID)
	if err != nil {
		return nil, fmt.Errorf("list peer marks: %w", err)
	}
	defer rows.Close()
	var out []PeerMark
	for rows.Next() {
		var p PeerMark
		var area, created, updated string
		if err := rows.Scan(&p.ID, &p.OrganisationID, &area, &p.CanShare, &p.WantStart, &created, &updated); err != nil {
			return nil, fmt.Errorf("list peer marks: %w", err)
		}
		p.Area, p.CreatedAt, p.UpdatedAt = Area(area), parseTS(created), parseTS(updated)
		out = append(out, p)
	}
	return out, rows.Err()
}

// LatestProgress is each member's progress in the latest year it recorded
// a journey for, by organisation key (for the companies list).
func (s *Store) LatestProgress(ctx context.Context) (map[string]Progress, error) {
	ms, err := s.ListMeasures(ctx, "", 0)
	if err != nil {
		return nil, err
	}
	ys, err := s.ListJourneyYears(ctx, "", 0)
	if err != nil {
		return nil, err
	}
	latest := map[string]int{}
	for _, m := range ms {
		latest[m.OrganisationID] = max(latest[m.OrganisationID], m.Year)
	}
	figures := map[string]*JourneyYear{}
	for i, y := range ys {
		latest[y.OrganisationID] = max(latest[y.OrganisationID], y.Year)
		figures[y.OrganisationID+"/"+fmt.Sprint(y.Year)] = &ys[i]
	}
	byOrg := map[string][]Measure{}
	for _, m := range ms {
		if m.Year == latest[m.OrganisationID] {
			byOrg[m.OrganisationID] = append(byOrg[m.OrganisationID], m)
		}
	}
	out := make(map[string]Progress, len(latest))
	for id, year := range latest {
		out[id] = ProgressOf(year, byOrg[id], figures[id+"/"+fmt.Sprint(year)])
	}
	return out, nil
}
