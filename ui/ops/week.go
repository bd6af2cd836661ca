package ops

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"

	"techniqual/data"
	"techniqual/data/rotation"
)

// ErrFinished is returned when a plan would be saved over a finished
// (done or archived) week's plan.
var ErrFinished = errors.New("the week is finished (status done or archived); its saved plan is kept")

// ErrClassic is returned for a week operation on a classic period.
var ErrClassic = errors.New("the period is a classic prao period, not a teknikprao week")

// WeekPlan is a plan of a teknikprao week as PlanWeek made it: the
// planner's input and result, what is wrong with the week once the plan is
// in place, and whether it was saved.
type WeekPlan struct {
	Period data.Period
	Input  rotation.Instance
	Index  *data.RotationIndex
	Result rotation.Result
	// Problems is data.Store.CheckWeek of the week with this plan in place
	// (or, when the database refused the plan, of the week as it was).
	Problems []data.WeekProblem
	// Saved is set when the plan was stored; SaveError says why the
	// database refused it (then nothing was stored).
	Saved     bool
	SaveError error
	Closing   *data.Event // the week's closing session, nil when none
	// Registered is what saving did to the closing session's list (its
	// teams' pupils are put on it, data.Store.RegisterWeekClosing); nil
	// when nothing was saved or the week has no closing session.
	Registered *data.ClosingRegistration
}

// Blocking are the problems that stop a plan from being saved: every
// problem that is not a warning.
func (w WeekPlan) Blocking() []data.WeekProblem {
	var out []data.WeekProblem
	for _, p := range w.Problems {
		if !p.Warning {
			out = append(out, p)
		}
	}
	return out
}

// unteamedProblems are the problems of a plan that CheckWeek cannot see:
// no host groups at all, and pupils the plan leaves without a team that
// CheckWeek does not name already (it names them only once the week has
// teams). A plan that leaves a pupil out is not complete, so each blocks.
func (w WeekPlan) unteamedProblems(known []data.WeekProblem) []data.WeekProblem {
	var out []data.WeekProblem
	if len(w.Input.Groups) == 0 && len(w.Input.Pupils) > 0 {
		out = append(out, data.WeekProblem{Key: "week.no_groups", Text: "Veckan har inga värdgrupper ännu: bilda grupperna av värdarna först.",
			Data: map[string]string{}})
	}
	named := map[string]bool{}
	for _, p := range known {
		if p.Key == "week.pupil_no_team" {
			named[p.PupilID] = true
		}
	}
	for _, u := range w.Result.Unteamed {
		if u.Pupil < 0 || u.Pupil >= len(w.Input.Pupils) {
			continue
		}
		pu := w.Input.Pupils[u.Pupil]
		if named[pu.Key] {
			continue
		}
		out = append(out, data.WeekProblem{Key: "week.pupil_no_team", Text: "{{.Pupil}} ({{.Class}}) är inte med i något team. {{.Why}}",
			Data: map[string]string{"Pupil": pu.Name, "Class": pu.Class, "Why": u.Why}, PupilID: pu.Key})
	}
	return out
}

// keepKeys gives a planned team that is exactly a team of the saved plan
// (same group, pupils and route) that team's key, so that planning the
// same week again keeps the teams' keys, saved or printed.
func keepKeys(w *WeekPlan) {
	used := map[string]bool{}
	for _, t := range w.Result.Teams {
		used[t.Key] = t.Key != ""
	}
	sorted := func(xs []int) []int { return slices.Sorted(slices.Values(xs)) }
	for i, t := range w.Result.Teams {
		if t.Key != "" {
			continue
		}
		for _, old := range w.Input.Teams {
			if old.Key == "" || used[old.Key] || old.Group != t.Group || !slices.Equal(sorted(old.Pupils), sorted(t.Pupils)) ||
				!slices.Equal(old.Route, t.Route) {
				continue
			}
			w.Result.Teams[i].Key = old.Key
			used[old.Key] = true
			break
		}
	}
}

// errDryRun rolls back the trial save of a plan that is not to be kept.
var errDryRun = errors.New("dry run")

// PlanWeek plans (or re-plans, keeping locked teams and pupils) the
// teknikprao week periodID with rotation.Plan and checks the result with
// data.Store.CheckWeek as if it were saved. With save it stores the plan,
// all or nothing, but only a complete, valid one: when the check finds a
// blocking problem (not a warning) or the database refuses the plan,
// nothing is stored, Saved is false and the problems (or SaveError) say
// why. ErrClassic means the period is not a week.
func PlanWeek(ctx context.Context, st *data.Store, periodID string, save bool) (WeekPlan, error) {
	per, err := st.GetPeriod(ctx, periodID)
	if err != nil {
		return WeekPlan{}, err
	}
	if per.Format != data.FormatWeek {
		return WeekPlan{}, fmt.Errorf("%s: %w", per.Name, ErrClassic)
	}
	if save && per.Held() {
		// Its documents, attendance and feedback hang on the saved plan,
		// and the register may have moved on since (pupils left school).
		return WeekPlan{}, fmt.Errorf("%s: %w", per.Name, ErrFinished)
	}
	w := WeekPlan{Period: per}
	if per.ClosingEventID != "" {
		if e, err := st.GetEvent(ctx, per.ClosingEventID); err == nil {
			w.Closing = &e
		}
	}
	w.Input, w.Index, err = st.RotationInput(ctx, periodID)
	if err != nil {
		return WeekPlan{}, err
	}
	w.Result, err = rotation.Plan(w.Input)
	if err != nil {
		return WeekPlan{}, err
	}
	keepKeys(&w)
	// The plan is saved in a transaction and checked there; a dry run, or
	// a plan with blocking problems, is rolled back.
	keys := make([]string, len(w.Result.Teams))
	for i, t := range w.Result.Teams {
		keys[i] = t.Key
	}
	err = st.InTx(ctx, func(tx *data.Store) error {
		if err := tx.SaveRotation(ctx, periodID, w.Input, w.Index, w.Result); err != nil {
			w.SaveError = err
			return err
		}
		ps, err := tx.CheckWeek(ctx, periodID)
		if err != nil {
			return err
		}
		w.Problems = append(ps, w.unteamedProblems(ps)...)
		if !save || len(w.Blocking()) > 0 {
			return errDryRun
		}
		reg, ok, err := tx.RegisterWeekClosing(ctx, periodID)
		if ok {
			w.Registered = &reg
		}
		return err
	})
	switch {
	case err == nil:
		w.Saved = true
		return w, nil
	case errors.Is(err, errDryRun):
	case w.SaveError != nil:
		if w.Problems, err = st.CheckWeek(ctx, periodID); err != nil {
			return WeekPlan{}, err
		}
	default:
		return WeekPlan{}, err
	}
	// Nothing was stored: the keys of new teams were the rolled-back ones.
	for i := range w.Result.Teams {
		w.Result.Teams[i].Key = keys[i]
	}
	return w, nil
}

// PlanReport is a week's plan as the command line prints it with --json:
// database ids throughout, arrays never null, and the same report for the
// same input.
type PlanReport struct {
	Period    string          `json:"period"`
	PeriodID  string          `json:"period_id"`
	Saved     bool            `json:"saved"`
	Blocks    []ReportBlock   `json:"blocks"`
	Teams     []ReportTeam    `json:"teams"`
	Unteamed  []ReportPupil   `json:"unteamed"`
	Closing   *ReportClosing  `json:"closing"`
	Shortages []string        `json:"shortages"`
	Problems  []ReportProblem `json:"problems"`
}

// ReportBlock is one block of the week's approved offers.
type ReportBlock struct {
	BlockID  string `json:"block_id"`
	HostID   string `json:"host_id"`
	Host     string `json:"host"`
	Date     string `json:"date"`
	Start    string `json:"start"`
	End      string `json:"end"`
	TeamsMax int    `json:"teams_max"`
	Teams    int    `json:"teams"` // teams of the plan in the block
}

// ReportStop is one block of a team's route.
type ReportStop struct {
	BlockID string `json:"block_id"`
	HostID  string `json:"host_id"`
	Host    string `json:"host"`
	Date    string `json:"date"`
	Start   string `json:"start"`
	End     string `json:"end"`
}

// ReportTeam is one team of the plan.
type ReportTeam struct {
	// ID is the team's database key once saved, or when the plan kept an
	// earlier team (a locked one, or one identical to a saved team);
	// otherwise "new-" and a key made from the period, the group and the
	// team's place in it, so that the same input prints the same id.
	ID      string       `json:"id"`
	Name    string       `json:"name"`
	Group   string       `json:"group"`
	GroupID string       `json:"group_id"`
	Pupils  []string     `json:"pupils"`
	Route   []ReportStop `json:"route"`
	// Why says (in Swedish, the planner's words) why the team breaks the
	// composition rule (a girl or a boy alone); "" when it breaks none.
	Why string `json:"why"`
	// Notes is everything the planner says of the team, Why included
	// (also a team too small or meeting fewer hosts than its group has).
	Notes  string `json:"notes"`
	Locked bool   `json:"locked"`
	Girls  int    `json:"girls"`
	Boys   int    `json:"boys"`
}

// ReportPupil is a pupil in no team, with the planner's reason.
type ReportPupil struct {
	Pupil string `json:"pupil"`
	Why   string `json:"why"`
}

// ReportClosing is the week's closing session.
type ReportClosing struct {
	EventID string `json:"event_id"`
	Title   string `json:"title"`
	Date    string `json:"date"`
	Start   string `json:"start"`
	End     string `json:"end"`
	Venue   string `json:"venue"`
}

// ReportProblem is one problem of data.Store.CheckWeek.
type ReportProblem struct {
	Key     string `json:"key"`
	Text    string `json:"text"`
	Warning bool   `json:"warning"`
	HostID  string `json:"host_id,omitempty"`
	BlockID string `json:"block_id,omitempty"`
	GroupID string `json:"group_id,omitempty"`
	TeamID  string `json:"team_id,omitempty"`
	PupilID string `json:"pupil_id,omitempty"`
}

// clock writes minutes after midnight as HH:MM.
func clock(m int) string { return fmt.Sprintf("%02d:%02d", m/60, m%60) }

// Report turns the plan into its printed form.
func (w WeekPlan) Report() PlanReport {
	in, x := w.Input, w.Index
	r := PlanReport{Period: w.Period.Name, PeriodID: w.Period.ID, Saved: w.Saved, Blocks: []ReportBlock{},
		Teams: []ReportTeam{}, Unteamed: []ReportPupil{}, Shortages: []string{}, Problems: []ReportProblem{}}
	used := make([]int, len(in.Blocks))
	for _, t := range w.Result.Teams {
		for _, b := range t.Route {
			if b >= 0 && b < len(used) {
				used[b]++
			}
		}
	}
	stop := func(b int) ReportStop {
		bl := in.Blocks[b]
		h := in.Hosts[bl.Host]
		return ReportStop{BlockID: bl.Key, HostID: h.Key, Host: h.Name, Date: bl.Date, Start: clock(bl.Start), End: clock(bl.End)}
	}
	for b, bl := range in.Blocks {
		s := stop(b)
		r.Blocks = append(r.Blocks, ReportBlock{BlockID: s.BlockID, HostID: s.HostID, Host: s.Host, Date: s.Date,
			Start: s.Start, End: s.End, TeamsMax: bl.TeamsMax, Teams: used[b]})
	}
	mix := in.Options.MixRule || in.Options == (rotation.Options{})
	nth := map[int]int{} // group → teams so far
	for _, t := range w.Result.Teams {
		groupID, group := "", ""
		if t.Group >= 0 && t.Group < len(in.Groups) {
			groupID, group = x.GroupIDs[t.Group], in.Groups[t.Group].Name
		}
		nth[t.Group]++
		rt := ReportTeam{ID: t.Key, Name: t.Name, Group: group, GroupID: groupID, Pupils: []string{}, Route: []ReportStop{},
			Notes: t.Why, Locked: t.Locked}
		if rt.ID == "" {
			rt.ID = newTeamKey(w.Period.ID, groupID, nth[t.Group])
		}
		for _, p := range t.Pupils {
			rt.Pupils = append(rt.Pupils, x.PupilIDs[p])
			switch in.Pupils[p].Gender {
			case rotation.Girl:
				rt.Girls++
			case rotation.Boy:
				rt.Boys++
			}
		}
		for _, b := range t.Route {
			rt.Route = append(rt.Route, stop(b))
		}
		if mix && (rt.Girls == 1 || rt.Boys == 1) {
			rt.Why = compositionWhy(t.Why)
		}
		r.Teams = append(r.Teams, rt)
	}
	for _, u := range w.Result.Unteamed {
		r.Unteamed = append(r.Unteamed, ReportPupil{Pupil: x.PupilIDs[u.Pupil], Why: u.Why})
	}
	if e := w.Closing; e != nil {
		st, en := e.Start.In(data.Stockholm), e.End.In(data.Stockholm)
		c := &ReportClosing{EventID: e.ID, Title: e.Title, Date: st.Format(data.DateLayout), Start: st.Format("15:04"), Venue: e.Venue}
		if !e.End.IsZero() {
			c.End = en.Format("15:04")
		}
		r.Closing = c
	}
	for _, s := range w.Result.Shortages {
		r.Shortages = append(r.Shortages, s.Text)
	}
	if w.SaveError != nil {
		// The database refused the plan: say so, also on a dry run.
		r.Problems = append(r.Problems, ReportProblem{Key: "week.save_refused", Text: "Planen kan inte sparas: " + w.SaveError.Error()})
	}
	for _, p := range w.Problems {
		r.Problems = append(r.Problems, ReportProblem{Key: p.Key, Text: p.Message(), Warning: p.Warning, HostID: p.HostID,
			BlockID: p.BlockID, GroupID: p.GroupID, TeamID: p.TeamID, PupilID: p.PupilID})
	}
	return r
}

// compositionWhy is the planner's sentence about the composition rule:
// the first of its notes ("1 flicka i teamet: …."), which it writes first.
func compositionWhy(notes string) string {
	notes = strings.TrimSpace(notes)
	if i := strings.Index(notes, "i teamet:"); i >= 0 {
		if j := strings.Index(notes[i:], "."); j >= 0 {
			return notes[:i+j+1]
		}
	}
	if notes == "" {
		return "Teamet har en ensam flicka eller pojke."
	}
	return notes
}

// newTeamKey is the printed key of a team that is not saved: the same
// for the same period, group and place in the group.
func newTeamKey(periodID, groupID string, n int) string {
	h := sha256.Sum256([]byte(fmt.Sprintf("%s\x00%s\x00%d", periodID, groupID, n)))
	return "new-" + hex.EncodeToString(h[:8])
}
