package week

import (
	"fmt"
	"slices"
	"sort"

	"techniqual/data"
	"techniqual/data/rotation"
)

// team is one team of the plan being worked on, by database keys.
type team struct {
	id      string // the saved team's key, "" for a team not saved yet
	name    string
	groupID string
	pupils  []string        // sorted
	lockedP map[string]bool // pupils locked to the team
	blocks  []string        // the route, in time order
	locked  bool
	why     string
}

// draft is a plan of the week in memory: it lives here while the user
// plans, moves and locks, and goes to the database in one transaction when
// it is accepted (Godkänn).
type draft struct {
	teams    []team
	unteamed []data.Unteamed
}

func (d *draft) clone() *draft {
	if d == nil {
		return &draft{}
	}
	out := &draft{unteamed: slices.Clone(d.unteamed)}
	for _, t := range d.teams {
		c := t
		c.pupils = slices.Clone(t.pupils)
		c.blocks = slices.Clone(t.blocks)
		c.lockedP = map[string]bool{}
		for k, v := range t.lockedP {
			c.lockedP[k] = v
		}
		out.teams = append(out.teams, c)
	}
	return out
}

// fromSaved is the saved plan as a draft.
func fromSaved(teams []data.Team, unteamed []data.Unteamed) *draft {
	d := &draft{unteamed: unteamed}
	for _, t := range teams {
		x := team{id: t.ID, name: t.Name, groupID: t.GroupID, pupils: slices.Clone(t.PupilIDs), blocks: slices.Clone(t.BlockIDs),
			locked: t.Locked, why: t.Why, lockedP: map[string]bool{}}
		for _, p := range t.LockedPupilIDs {
			x.lockedP[p] = true
		}
		d.teams = append(d.teams, x)
	}
	return d
}

// teamOf is the index of the team a pupil is in, or -1.
func (d *draft) teamOf(pupilID string) int {
	for i, t := range d.teams {
		if slices.Contains(t.pupils, pupilID) {
			return i
		}
	}
	return -1
}

// instance is the planner's input in with the draft's teams in place of the
// saved ones, so that a re-plan keeps the locks set here and not saved yet.
func (d *draft) instance(in rotation.Instance, idx *data.RotationIndex) rotation.Instance {
	out := in
	out.Pupils = slices.Clone(in.Pupils)
	for i := range out.Pupils {
		out.Pupils[i].LockedTeam = rotation.NoTeam
	}
	out.Teams = nil
	for _, t := range d.teams {
		g := idx.Group(t.groupID)
		if g < 0 {
			continue
		}
		rt := rotation.Team{Key: t.id, Name: t.name, Group: g, Locked: t.locked}
		for _, p := range t.pupils {
			if pi := idx.Pupil(p); pi >= 0 {
				rt.Pupils = append(rt.Pupils, pi)
				if t.locked && t.lockedP[p] {
					out.Pupils[pi].LockedTeam = len(out.Teams)
				}
			}
		}
		for _, b := range t.blocks {
			if bi := idx.Block(b); bi >= 0 {
				rt.Route = append(rt.Route, bi)
			}
		}
		out.Teams = append(out.Teams, rt)
	}
	return out
}

// fromResult is a planner's result as a draft; in is the input it was
// planned from (its Teams say which pupils were locked).
func fromResult(in rotation.Instance, idx *data.RotationIndex, res rotation.Result) (*draft, error) {
	d := &draft{}
	for _, pt := range res.Teams {
		if pt.Group < 0 || pt.Group >= len(idx.GroupIDs) {
			return nil, fmt.Errorf("plan: group index %d out of range", pt.Group)
		}
		t := team{id: pt.Key, name: pt.Name, groupID: idx.GroupIDs[pt.Group], locked: pt.Locked, why: pt.Why, lockedP: map[string]bool{}}
		for _, pi := range pt.Pupils {
			if pi < 0 || pi >= len(idx.PupilIDs) {
				return nil, fmt.Errorf("plan: pupil index %d out of range", pi)
			}
			id := idx.PupilIDs[pi]
			t.pupils = append(t.pupils, id)
			if lt := in.Pupils[pi].LockedTeam; lt >= 0 && lt < len(in.Teams) && in.Teams[lt].Key == pt.Key && in.Teams[lt].Name == pt.Name {
				t.lockedP[id] = true
			}
		}
		sort.Strings(t.pupils)
		for _, bi := range pt.Route {
			if bi < 0 || bi >= len(idx.BlockIDs) {
				return nil, fmt.Errorf("plan: block index %d out of range", bi)
			}
			t.blocks = append(t.blocks, idx.BlockIDs[bi])
		}
		d.teams = append(d.teams, t)
	}
	for _, u := range res.Unteamed {
		if u.Pupil < 0 || u.Pupil >= len(idx.PupilIDs) {
			return nil, fmt.Errorf("plan: pupil index %d out of range", u.Pupil)
		}
		d.unteamed = append(d.unteamed, data.Unteamed{PupilID: idx.PupilIDs[u.Pupil], Why: u.Why})
	}
	return d, nil
}

// dataTeams is the draft as the database's teams.
func (d *draft) dataTeams(periodID string) []data.Team {
	var out []data.Team
	for _, t := range d.teams {
		x := data.Team{ID: t.id, PeriodID: periodID, GroupID: t.groupID, Name: t.name, PupilIDs: slices.Clone(t.pupils),
			BlockIDs: slices.Clone(t.blocks), Locked: t.locked, Why: t.why}
		for _, p := range t.pupils {
			if t.lockedP[p] {
				x.LockedPupilIDs = append(x.LockedPupilIDs, p)
			}
		}
		out = append(out, x)
	}
	return out
}

// movePupil moves a pupil to team to (-1: out of every team), keeping the
// unteamed list right. A pupil locked to their team is refused.
func (d *draft) movePupil(pupilID string, to int) error {
	from := d.teamOf(pupilID)
	if from == to {
		return nil
	}
	if from >= 0 && d.teams[from].lockedP[pupilID] {
		return errLockedPupil
	}
	if from >= 0 {
		t := &d.teams[from]
		t.pupils = slices.DeleteFunc(t.pupils, func(p string) bool { return p == pupilID })
	}
	d.unteamed = slices.DeleteFunc(d.unteamed, func(u data.Unteamed) bool { return u.PupilID == pupilID })
	if to < 0 {
		d.unteamed = append(d.unteamed, data.Unteamed{PupilID: pupilID, Why: "Flyttad ur teamet för hand."})
		return nil
	}
	t := &d.teams[to]
	t.pupils = append(t.pupils, pupilID)
	sort.Strings(t.pupils)
	return nil
}

// changes counts what differs between the saved plan and the draft: pupils
// whose team (by name) changed, and teams whose pupils or route changed,
// that are new or that are gone.
func changes(saved, cur *draft) (pupils, teams int) {
	where := func(d *draft) map[string]string {
		m := map[string]string{}
		for _, t := range d.teams {
			for _, p := range t.pupils {
				m[p] = t.name
			}
		}
		return m
	}
	a, b := where(saved), where(cur)
	seen := map[string]bool{}
	for p, t := range a {
		seen[p] = true
		if b[p] != t {
			pupils++
		}
	}
	for p := range b {
		if !seen[p] {
			pupils++
		}
	}
	byName := map[string]team{}
	for _, t := range saved.teams {
		byName[t.name] = t
	}
	names := map[string]bool{}
	for _, t := range cur.teams {
		names[t.name] = true
		old, ok := byName[t.name]
		if !ok || !slices.Equal(old.pupils, t.pupils) || !slices.Equal(old.blocks, t.blocks) || old.groupID != t.groupID {
			teams++
		}
	}
	for _, t := range saved.teams {
		if !names[t.name] {
			teams++
		}
	}
	return pupils, teams
}
