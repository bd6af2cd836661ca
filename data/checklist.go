package data

import (
	"context"
	"fmt"
	"sort"
	"time"
)

// StepState is where one step of a period's checklist stands.
type StepState string

// The states of a checklist step.
const (
	StepDone    StepState = "done"    // nothing left to do
	StepTodo    StepState = "todo"    // can be done now and is not (or not wholly) done
	StepWarn    StepState = "warn"    // done enough to go on, but something is missing that shows later
	StepBlocked StepState = "blocked" // waits for an earlier step (BlockedBy)
	StepWaiting StepState = "waiting" // waits for the calendar: the period has not started or ended
)

// The ids of the checklist's steps, in the order of a period. Week-only
// steps are marked; the classic format has offers, choices and matching
// where the week has groups, group choices and teams.
const (
	StepClassLists     = "classlists"      // pupils of the period's grade at each school
	StepGender         = "gender"          // pupils without gender (statistics, mixed groups)
	StepMunicipality   = "municipality"    // schools without municipality
	StepSchoolContacts = "school_contacts" // schools without a counsellor with a phone number
	StepOffers         = "offers"          // approved offers, seats against pupils
	StepHostGroups     = "host_groups"     // week: approved offers in a host group
	StepChoices        = "choices"         // pupils with choices (week: group choices)
	StepMatching       = "matching"        // classic: pupils placed
	StepTeams          = "teams"           // week: pupils in a planned team
	StepDocuments      = "documents"       // schedules, host papers, attendance cards printed
	StepAttendance     = "attendance"      // attendance recorded for the days so far
	StepCertificates   = "certificates"    // certificates printed after the period
	StepEvaluations    = "evaluations"     // evaluations (week: feedback) collected
)

// ChecklistStep is one line of a period's "Att göra": what it is, where it
// stands, the figures behind that, and the screen where it is done.
type ChecklistStep struct {
	ID    string
	State StepState
	// Done of Total is the step's progress (pupils with choices of pupils,
	// schools without municipality of schools, …); see each step.
	Done, Total int
	// Extra is a second figure: seats against Total pupils for offers,
	// offers waiting for approval for host groups, days not recorded for
	// certificates.
	Extra int
	// Names are what is missing, when it has names (schools, documents'
	// kinds), sorted, at most a few.
	Names []string
	// BlockedBy is the id of the step this one waits for (StepBlocked).
	BlockedBy string
	// Target is the id of the screen where the step is done.
	Target string
}

// maxNames is how many names a step lists; the count says the rest.
const maxNames = 5

// PeriodChecklist is the period's way from class lists to evaluations as
// steps, each with its state, for both formats. today decides which steps
// wait for the calendar (attendance, certificates, evaluations).
func (s *Store) PeriodChecklist(ctx context.Context, periodID string, today time.Time) ([]ChecklistStep, error) {
	p, err := s.GetPeriod(ctx, periodID)
	if err != nil {
		return nil, err
	}
	c := checklist{s: s, ctx: ctx, p: p, today: FormatDate(today.In(Stockholm))}
	c.started = c.today >= FormatDate(p.Start)
	c.ended = c.today > FormatDate(p.End)
	steps := []func() ChecklistStep{c.classLists, c.gender, c.municipality, c.schoolContacts}
	if p.Format == FormatWeek {
		steps = append(steps, c.offers, c.hostGroups, c.groupChoices, c.teams)
	} else {
		steps = append(steps, c.offers, c.choices, c.matching)
	}
	steps = append(steps, c.documents, c.attendance, c.certificates, c.evaluations)
	var out []ChecklistStep
	for _, f := range steps {
		st := f()
		if c.err != nil {
			return nil, fmt.Errorf("checklist of %q: %w", p.Name, c.err)
		}
		out = append(out, st)
	}
	return out, nil
}

// checklist computes one period's steps; the first error stops it.
type checklist struct {
	s              *Store
	ctx            context.Context
	p              Period
	today          string
	started, ended bool
	err            error

	pupils int // pupils of the period's grade at its schools
	placed int // classic: placed pupils; week: pupils in a team
	seats  int // approved seats
}

// count runs a query that returns one number.
func (c *checklist) count(q string, args ...any) int {
	if c.err != nil {
		return 0
	}
	var n int
	c.err = c.s.q.QueryRowContext(c.ctx, q, args...).Scan(&n)
	return n
}

// names runs a query that returns names, sorted and cut to maxNames.
func (c *checklist) names(q string, args ...any) []string {
	if c.err != nil {
		return nil
	}
	rows, err := c.s.q.QueryContext(c.ctx, q, args...)
	if err != nil {
		c.err = err
		return nil
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if c.err = rows.Scan(&n); c.err != nil {
			return nil
		}
		out = append(out, n)
	}
	c.err = rows.Err()
	sort.Strings(out)
	if len(out) > maxNames {
		out = out[:maxNames]
	}
	return out
}

// periodPupils is the FROM clause of the period's pupils (?1 period, ?2 grade).
const periodPupils = ` FROM pupils pu JOIN period_schools ps ON ps.school_id = pu.school_id AND ps.period_id = ?1
	WHERE pu.deleted_at IS NULL AND pu.grade = ?2`

// periodSchools is the FROM clause of the period's live schools (?1 period).
const periodSchools = ` FROM organisations o JOIN period_schools ps ON ps.school_id = o.id AND ps.period_id = ?1
	WHERE o.deleted_at IS NULL`

// state is done when n of total is all, else todo.
func state(n, total int) StepState {
	if total > 0 && n >= total {
		return StepDone
	}
	return StepTodo
}

func (c *checklist) classLists() ChecklistStep {
	st := ChecklistStep{ID: StepClassLists, Target: "pupils"}
	st.Total = c.count(`SELECT count(*)`+periodSchools, c.p.ID)
	st.Done = c.count(`SELECT count(*)`+periodSchools+` AND EXISTS (SELECT 1 FROM pupils pu
		WHERE pu.school_id = o.id AND pu.deleted_at IS NULL AND pu.grade = ?2)`, c.p.ID, c.p.Grade)
	st.Names = c.names(`SELECT o.name`+periodSchools+` AND NOT EXISTS (SELECT 1 FROM pupils pu
		WHERE pu.school_id = o.id AND pu.deleted_at IS NULL AND pu.grade = ?2)`, c.p.ID, c.p.Grade)
	c.pupils = c.count(`SELECT count(*)`+periodPupils, c.p.ID, c.p.Grade)
	st.Extra = c.pupils
	st.State = state(st.Done, st.Total)
	if st.Total == 0 {
		// No school takes part yet: that is chosen on the period.
		st.State, st.Target = StepTodo, "periods"
	}
	return st
}

func (c *checklist) gender() ChecklistStep {
	st := ChecklistStep{ID: StepGender, Target: "pupils", Total: c.pupils}
	missing := c.count(`SELECT count(*)`+periodPupils+` AND pu.gender = 'unspecified'`, c.p.ID, c.p.Grade)
	st.Done = c.pupils - missing
	st.Extra = missing
	switch {
	case c.pupils == 0:
		st.State, st.BlockedBy = StepBlocked, StepClassLists
	case missing > 0:
		st.State = StepWarn // matching works without; statistics and mixed groups do not
	default:
		st.State = StepDone
	}
	return st
}

// municipality: every school of the period needs its municipality (the
// statistics count by it).
func (c *checklist) municipality() ChecklistStep {
	return c.schoolsLacking(StepMunicipality, "companies", ` AND trim(o.municipality) = ''`)
}

// schoolContacts: host confirmations print the school's counsellor as
// "Skolans kontakt" and schedules tell the pupil to ring the school, so a
// school needs a counsellor with a phone number.
func (c *checklist) schoolContacts() ChecklistStep {
	// Done in Företag, under the school (Kontakter only lists people).
	return c.schoolsLacking(StepSchoolContacts, "companies", ` AND NOT EXISTS (SELECT 1 FROM people pe
		JOIN person_roles r ON r.person_id = pe.id AND r.role = 'counsellor'
		WHERE pe.organisation_id = o.id AND pe.deleted_at IS NULL AND trim(pe.phone) <> '')`)
}

// schoolsLacking is a step over the period's schools: Done of Total have
// what lacking (a condition on o, the school) says they lack, Extra and
// Names are those that lack it.
func (c *checklist) schoolsLacking(id, target, lacking string) ChecklistStep {
	st := ChecklistStep{ID: id, Target: target}
	st.Total = c.count(`SELECT count(*)`+periodSchools, c.p.ID)
	st.Extra = c.count(`SELECT count(*)`+periodSchools+lacking, c.p.ID)
	st.Names = c.names(`SELECT o.name`+periodSchools+lacking, c.p.ID)
	st.Done = st.Total - st.Extra
	st.State = StepDone
	switch {
	case st.Total == 0:
		st.State, st.Target = StepTodo, "periods"
	case st.Extra > 0:
		st.State = StepWarn
	}
	return st
}

// offers: Done approved of Total offers, Extra approved seats against the
// period's pupils (c.pupils).
func (c *checklist) offers() ChecklistStep {
	st := ChecklistStep{ID: StepOffers, Target: "companies"}
	st.Total = c.count(`SELECT count(*) FROM offers WHERE deleted_at IS NULL AND period_id = ?1`, c.p.ID)
	st.Done = c.count(`SELECT count(*) FROM offers WHERE deleted_at IS NULL AND period_id = ?1 AND status = 'approved'`, c.p.ID)
	if c.p.Format == FormatWeek {
		// A week's seats are its hosts' blocks' team places times a team's size.
		c.seats = c.count(`SELECT coalesce(sum(d.teams_max), 0) FROM offer_days d JOIN offers o ON o.id = d.offer_id
			WHERE o.deleted_at IS NULL AND o.period_id = ?1 AND o.status = 'approved'`, c.p.ID) * c.p.Week.TeamMax
	} else {
		c.seats = c.count(`SELECT coalesce(sum(capacity), 0) FROM offers WHERE deleted_at IS NULL AND period_id = ?1 AND status = 'approved'`, c.p.ID)
	}
	st.Extra = c.seats
	switch {
	case st.Done == 0:
		st.State = StepTodo
	case c.p.Format != FormatWeek && c.seats < c.pupils, st.Done < st.Total:
		st.State = StepWarn
	default:
		st.State = StepDone
	}
	return st
}

// hostGroups (week): Done approved offers in a host group of Total approved.
func (c *checklist) hostGroups() ChecklistStep {
	st := ChecklistStep{ID: StepHostGroups, Target: "week"}
	st.Total = c.count(`SELECT count(*) FROM offers WHERE deleted_at IS NULL AND period_id = ?1 AND status = 'approved'`, c.p.ID)
	st.Done = c.count(`SELECT count(*) FROM offers o WHERE o.deleted_at IS NULL AND o.period_id = ?1 AND o.status = 'approved'
		AND EXISTS (SELECT 1 FROM host_group_members m JOIN host_groups g ON g.id = m.group_id AND g.deleted_at IS NULL
			WHERE m.offer_id = o.id)`, c.p.ID)
	st.Extra = c.count(`SELECT count(*) FROM host_groups WHERE deleted_at IS NULL AND period_id = ?1`, c.p.ID)
	if st.Total == 0 {
		st.State, st.BlockedBy = StepBlocked, StepOffers
		return st
	}
	st.State = state(st.Done, st.Total)
	return st
}

// choices counts the pupils with choices, and those placed without any
// (by hand, or an own-found placement): found by use, a pupil placed by
// hand kept the step open for good, "24 av 25", after the match was
// approved.
func (c *checklist) choices() ChecklistStep {
	st := ChecklistStep{ID: StepChoices, Target: "pupils", Total: c.pupils}
	st.Done = c.count(`SELECT count(*)`+periodPupils+` AND (EXISTS (SELECT 1 FROM preferences pr
		WHERE pr.period_id = ?1 AND pr.pupil_id = pu.id AND pr.rank = 1)
		OR EXISTS (SELECT 1 FROM assignments a WHERE a.deleted_at IS NULL AND a.period_id = ?1 AND a.pupil_id = pu.id))`, c.p.ID, c.p.Grade)
	return c.needsPupilsAndOffers(st)
}

func (c *checklist) groupChoices() ChecklistStep {
	st := ChecklistStep{ID: StepChoices, Target: "week", Total: c.pupils}
	st.Done = c.count(`SELECT count(*)`+periodPupils+` AND EXISTS (SELECT 1 FROM group_preferences gp
		WHERE gp.period_id = ?1 AND gp.pupil_id = pu.id)`, c.p.ID, c.p.Grade)
	st = c.needsPupilsAndOffers(st)
	if st.State == StepTodo && st.Done == 0 {
		// A week can be planned without choices (any group).
		st.State = StepWarn
	}
	return st
}

// needsPupilsAndOffers sets the state of a step that needs pupils and
// approved offers first.
func (c *checklist) needsPupilsAndOffers(st ChecklistStep) ChecklistStep {
	switch {
	case c.pupils == 0:
		st.State, st.BlockedBy = StepBlocked, StepClassLists
	case c.seats == 0:
		st.State, st.BlockedBy = StepBlocked, StepOffers
	default:
		st.State = state(st.Done, st.Total)
	}
	return st
}

func (c *checklist) matching() ChecklistStep {
	st := ChecklistStep{ID: StepMatching, Target: "matching", Total: c.pupils}
	c.placed = c.count(`SELECT count(*) FROM assignments WHERE deleted_at IS NULL AND period_id = ?1`, c.p.ID)
	st.Done = c.placed
	return c.needsPupilsAndOffers(st)
}

func (c *checklist) teams() ChecklistStep {
	st := ChecklistStep{ID: StepTeams, Target: "week", Total: c.pupils}
	c.placed = c.count(`SELECT count(DISTINCT m.pupil_id) FROM team_members m JOIN teams t ON t.id = m.team_id
		WHERE t.deleted_at IS NULL AND t.period_id = ?1`, c.p.ID)
	st.Done = c.placed
	st.Extra = c.count(`SELECT count(*) FROM teams WHERE deleted_at IS NULL AND period_id = ?1`, c.p.ID)
	return c.needsPupilsAndOffers(st)
}

// printedKinds are the documents printed before the period, by the audit
// log's action; certificates come after.
var printedKinds = map[PeriodFormat][]string{
	FormatClassic: {"schedules", "hosts", "attendance"},
	FormatWeek:    {"week-schedules", "team-sheets", "host-runsheets", "attendance"},
}

// printed reports whether the audit log holds a print of kind for the
// period (its detail begins with the period's name).
func (c *checklist) printed(kind string) bool {
	return c.count(`SELECT count(*) FROM audit_log WHERE action = ?1
		AND (detail = ?2 OR substr(detail, 1, length(?2) + 2) = ?2 || ' (' OR substr(detail, 1, length(?2) + 1) = ?2 || ';')`,
		"pdf "+kind, c.p.Name) > 0
}

// documents: Done kinds printed of Total; Names the kinds not printed.
func (c *checklist) documents() ChecklistStep {
	st := ChecklistStep{ID: StepDocuments, Target: "printing"}
	kinds := printedKinds[FormatClassic]
	if c.p.Format == FormatWeek {
		kinds = printedKinds[FormatWeek]
		st.Target = "week"
	}
	st.Total = len(kinds)
	for _, k := range kinds {
		if c.printed(k) {
			st.Done++
		} else {
			st.Names = append(st.Names, k)
		}
	}
	switch {
	case c.placed == 0:
		st.State = StepBlocked
		st.BlockedBy = StepMatching
		if c.p.Format == FormatWeek {
			st.BlockedBy = StepTeams
		}
	default:
		st.State = state(st.Done, st.Total)
	}
	return st
}

// attendance: Done recorded of Total expected pupil-days (week: pupil
// blocks) up to today.
func (c *checklist) attendance() ChecklistStep {
	st := ChecklistStep{ID: StepAttendance, Target: "attendance"}
	if c.p.Format == FormatWeek {
		st.Total = c.count(`SELECT count(*) FROM team_members m JOIN teams t ON t.id = m.team_id AND t.deleted_at IS NULL AND t.period_id = ?1
			JOIN team_blocks b ON b.team_id = t.id JOIN offer_days d ON d.id = b.offer_day_id WHERE d.date <= ?2`, c.p.ID, c.today)
		st.Done = c.count(`SELECT count(*) FROM team_members m JOIN teams t ON t.id = m.team_id AND t.deleted_at IS NULL AND t.period_id = ?1
			JOIN team_blocks b ON b.team_id = t.id JOIN offer_days d ON d.id = b.offer_day_id
			JOIN block_attendance a ON a.pupil_id = m.pupil_id AND a.offer_day_id = d.id WHERE d.date <= ?2`, c.p.ID, c.today)
	} else {
		st.Total = c.count(`SELECT count(*) FROM assignments a JOIN offer_days d ON d.offer_id = a.offer_id
			WHERE a.deleted_at IS NULL AND a.period_id = ?1 AND d.date <= ?2`, c.p.ID, c.today)
		st.Done = c.count(`SELECT count(*) FROM assignments a JOIN offer_days d ON d.offer_id = a.offer_id
			JOIN attendance t ON t.pupil_id = a.pupil_id AND t.date = d.date
			WHERE a.deleted_at IS NULL AND a.period_id = ?1 AND d.date <= ?2`, c.p.ID, c.today)
	}
	st.Extra = st.Total - st.Done
	switch {
	case c.placed == 0:
		st.State, st.BlockedBy = StepBlocked, c.placementStep()
	case !c.started:
		st.State = StepWaiting
	default:
		st.State = state(st.Done, st.Total)
	}
	return st
}

// placementStep is the step that places pupils in the period's format.
func (c *checklist) placementStep() string {
	if c.p.Format == FormatWeek {
		return StepTeams
	}
	return StepMatching
}

// certificates: Done 1 when printed; Extra the pupil-days (blocks) not
// recorded, which a certificate would leave out.
func (c *checklist) certificates() ChecklistStep {
	st := ChecklistStep{ID: StepCertificates, Target: "printing", Total: 1}
	if c.p.Format == FormatWeek {
		st.Target = "week"
	}
	if c.printed("certificates") {
		st.Done = 1
	}
	st.Extra = c.unrecorded()
	switch {
	case c.placed == 0:
		st.State, st.BlockedBy = StepBlocked, c.placementStep()
	case !c.ended:
		st.State = StepWaiting
	case st.Done == 1:
		st.State = StepDone
	case st.Extra > 0:
		st.State, st.BlockedBy = StepBlocked, StepAttendance
	default:
		st.State = StepTodo
	}
	return st
}

// unrecorded counts the period's pupil-days (week: pupil blocks) with no
// attendance, over the whole period.
func (c *checklist) unrecorded() int {
	if c.p.Format == FormatWeek {
		return c.count(`SELECT count(*) FROM team_members m JOIN teams t ON t.id = m.team_id AND t.deleted_at IS NULL AND t.period_id = ?1
			JOIN team_blocks b ON b.team_id = t.id
			WHERE NOT EXISTS (SELECT 1 FROM block_attendance a WHERE a.pupil_id = m.pupil_id AND a.offer_day_id = b.offer_day_id)`, c.p.ID)
	}
	return c.count(`SELECT count(*) FROM assignments a JOIN offer_days d ON d.offer_id = a.offer_id
		WHERE a.deleted_at IS NULL AND a.period_id = ?1
		AND NOT EXISTS (SELECT 1 FROM attendance t WHERE t.pupil_id = a.pupil_id AND t.date = d.date)`, c.p.ID)
}

// evaluations: Done pupils who answered of Total placed pupils (week:
// pupils who gave feedback on a block).
func (c *checklist) evaluations() ChecklistStep {
	st := ChecklistStep{ID: StepEvaluations, Target: "evaluations", Total: c.placed}
	if c.p.Format == FormatWeek {
		st.Done = c.count(`SELECT count(DISTINCT f.pupil_id) FROM block_feedback f JOIN team_members m ON m.pupil_id = f.pupil_id
			JOIN teams t ON t.id = m.team_id AND t.deleted_at IS NULL AND t.period_id = ?1
			JOIN team_blocks b ON b.team_id = t.id AND b.offer_day_id = f.offer_day_id
			WHERE f.deleted_at IS NULL`, c.p.ID)
	} else {
		st.Done = c.count(`SELECT count(*) FROM evaluations e JOIN assignments a ON a.pupil_id = e.pupil_id
			AND a.period_id = e.period_id AND a.deleted_at IS NULL WHERE e.period_id = ?1`, c.p.ID)
	}
	switch {
	case c.placed == 0:
		st.State, st.BlockedBy = StepBlocked, c.placementStep()
	case !c.started:
		st.State = StepWaiting
	default:
		st.State = state(st.Done, st.Total)
	}
	return st
}

// CertificateCheck says whether certificates may be printed for p on
// today: ErrPeriodNotEnded (wrapped in a *PeriodNotEndedError) before its
// last day is over. unrecorded is the pupil-days (week: pupil blocks)
// without attendance, which the certificates would count as absent.
func (s *Store) CertificateCheck(ctx context.Context, p Period, today time.Time) (unrecorded int, err error) {
	c := checklist{s: s, ctx: ctx, p: p}
	unrecorded = c.unrecorded()
	if c.err != nil {
		return 0, fmt.Errorf("check certificates of %q: %w", p.Name, c.err)
	}
	if FormatDate(today.In(Stockholm)) <= FormatDate(p.End) {
		return unrecorded, &PeriodNotEndedError{Period: p.Name, End: p.End}
	}
	return unrecorded, nil
}

// PeriodNotEndedError is why certificates are refused: the period's last
// day has not passed.
type PeriodNotEndedError struct {
	Period string
	End    time.Time
}

func (e *PeriodNotEndedError) Error() string {
	return fmt.Sprintf("prao period %q has not ended (its last day is %s)", e.Period, FormatDate(e.End))
}

// NextOpenPeriod is the period a user most likely works on today: of the
// periods not done or archived whose last day is today or later, the one
// that starts first. false when there is none.
func NextOpenPeriod(periods []Period, today time.Time) (Period, bool) {
	day := FormatDate(today.In(Stockholm))
	var best Period
	found := false
	for _, p := range periods {
		if p.Held() || FormatDate(p.End) < day {
			continue
		}
		if !found || p.Start.Before(best.Start) {
			best, found = p, true
		}
	}
	return best, found
}
