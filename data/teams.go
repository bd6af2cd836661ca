package data

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
)

// Team is a team of a teknikprao week: 4–6 pupils who go round the hosts of
// their group, one block at each (the route).
type Team struct {
	ID       string
	PeriodID string
	GroupID  string
	Name     string
	PupilIDs []string // sorted
	// LockedPupilIDs are the pupils locked to the team (a subset of
	// PupilIDs, sorted): planning the week again keeps them here.
	LockedPupilIDs []string
	BlockIDs       []string // the route: offer_days keys, in time order
	// Locked keeps the team, its locked pupils and its route when the week
	// is planned again.
	Locked bool
	// Why says, in Swedish, why the team breaks a composition rule or meets
	// fewer hosts than its group has; empty when it breaks none.
	Why       string
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Unteamed is a pupil of a week's plan who is in no team, with the reason.
type Unteamed struct {
	PupilID string
	Why     string
}

// planCtx is what checking a plan needs to know of the period.
type planCtx struct {
	blocks  map[string]WeekBlock
	groups  map[string]HostGroup
	offerGr map[string]string // offer → group
	pupils  map[string]string // live pupil → name
	teams   map[string]Team   // live teams of the period
}

// live keeps the pupils that are still in the register (a pupil deleted
// after being locked to a team must not stop the next plan from saving).
func (c *planCtx) live(ids []string) []string {
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		if _, ok := c.pupils[id]; ok {
			out = append(out, id)
		}
	}
	return out
}

func (s *Store) loadPlanCtx(ctx context.Context, periodID string) (*planCtx, error) {
	c := &planCtx{blocks: map[string]WeekBlock{}, groups: map[string]HostGroup{}, offerGr: map[string]string{},
		pupils: map[string]string{}, teams: map[string]Team{}}
	blocks, err := s.ListWeekBlocks(ctx, periodID, true)
	if err != nil {
		return nil, err
	}
	for _, b := range blocks {
		c.blocks[b.ID] = b
	}
	groups, err := s.ListHostGroups(ctx, periodID)
	if err != nil {
		return nil, err
	}
	for _, g := range groups {
		c.groups[g.ID] = g
		for _, o := range g.OfferIDs {
			c.offerGr[o] = g.ID
		}
	}
	rows, err := s.q.QueryContext(ctx, `SELECT id, first_name, last_name FROM pupils WHERE deleted_at IS NULL`)
	if err != nil {
		return nil, fmt.Errorf("list pupils: %w", err)
	}
	for rows.Next() {
		var id, first, last string
		if err := rows.Scan(&id, &first, &last); err != nil {
			rows.Close()
			return nil, err
		}
		c.pupils[id] = joinName(first, last)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	teams, err := s.ListTeams(ctx, periodID)
	if err != nil {
		return nil, err
	}
	for _, t := range teams {
		c.teams[t.ID] = t
	}
	return c, nil
}

// checkRoute reports what is wrong with one team's route: a block that is
// not its group's, a host twice, two blocks that overlap.
func (c *planCtx) checkRoute(v *validator, field string, t Team) {
	g, ok := c.groups[t.GroupID]
	if !ok {
		v.addData(field+".group", "err.team_group_unknown", "Teamet {{.Team}} hör inte till någon grupp i praoperioden.",
			"team "+t.Name+" has no group of the period", map[string]string{"Team": t.Name})
		return
	}
	hosts := map[string]bool{}
	var spans []WeekBlock
	for _, bid := range t.BlockIDs {
		b, ok := c.blocks[bid]
		if !ok {
			v.addData(field+".route", "err.team_block_unknown", "Teamet {{.Team}} har ett block som inte finns i praoperioden.",
				"block "+bid+" is not in the period", map[string]string{"Team": t.Name})
			continue
		}
		data := map[string]string{"Team": t.Name, "Group": g.Name, "Block": b.Label(), "Host": b.HostName}
		if c.offerGr[b.OfferID] != t.GroupID {
			v.addData(field+".route", "err.team_block_other_group", "Teamet {{.Team}} har blocket {{.Block}}, men {{.Host}} är inte med i gruppen {{.Group}}.",
				"block "+b.Label()+" is not in the team's group", data)
		}
		if hosts[b.HostID] {
			v.addData(field+".route", "err.team_host_twice", "Teamet {{.Team}} är hos {{.Host}} två gånger.",
				"team "+t.Name+" visits "+b.HostName+" twice", data)
		}
		hosts[b.HostID] = true
		for _, o := range spans {
			if o.Date.Equal(b.Date) && b.Start < o.End && o.Start < b.End {
				data["Other"] = o.Label()
				v.addData(field+".route", "err.team_blocks_overlap", "Teamet {{.Team}} har två block samtidigt: {{.Other}} och {{.Block}}.",
					"two blocks of team "+t.Name+" overlap", data)
			}
		}
		spans = append(spans, b)
	}
}

// SaveWeekPlan stores a plan of the week, all or nothing: the period's
// unlocked teams are replaced by teams, and unteamed lists the pupils left
// out. A locked team stays as it is (its route and its locked pupils); when
// teams holds it (by ID), its unlocked pupils become those given. A team
// whose ID names an earlier team of the period keeps that key. A pupil may
// be in one team only, every route block must belong to a host of the
// team's group, no host twice, no two blocks at once, and no block may get
// more teams than its teams_max. IDs of new teams are set in the slice.
func (s *Store) SaveWeekPlan(ctx context.Context, periodID string, teams []Team, unteamed []Unteamed) error {
	if _, err := s.GetPeriod(ctx, periodID); err != nil {
		return err
	}
	c, err := s.loadPlanCtx(ctx, periodID)
	if err != nil {
		return err
	}
	// The plan as it will be: incoming teams (a locked one keeps its route
	// and locked pupils), plus the locked teams it does not mention.
	final := make([]Team, len(teams))
	given := map[string]bool{}
	for i, t := range teams {
		t.Name = strings.TrimSpace(t.Name)
		if t.Name == "" {
			t.Name = fmt.Sprintf("Team %d", i+1)
		}
		if old, ok := c.teams[t.ID]; ok && old.Locked {
			t.Locked, t.BlockIDs, t.GroupID = true, old.BlockIDs, old.GroupID
			t.PupilIDs = union(t.PupilIDs, c.live(old.LockedPupilIDs))
			t.LockedPupilIDs = union(t.LockedPupilIDs, c.live(old.LockedPupilIDs))
		}
		if t.ID != "" {
			given[t.ID] = true
		}
		teams[i].Name = t.Name
		final[i] = t
	}
	for _, old := range c.teams {
		if old.Locked && !given[old.ID] {
			// Its unlocked pupils go where the plan puts them; a locked pupil
			// deleted since the lock is no longer in the register.
			old.PupilIDs = c.live(old.LockedPupilIDs)
			old.LockedPupilIDs = old.PupilIDs
			final = append(final, old)
		}
	}
	v := validator{entity: "week_plan"}
	where := map[string]string{} // pupil → team name
	use := map[string]int{}
	for i, t := range final {
		field := fmt.Sprintf("teams[%d]", i)
		v.text(field+".name", t.Name, 100)
		v.text(field+".why", t.Why, 2000)
		c.checkRoute(&v, field, t)
		for _, p := range t.PupilIDs {
			name, ok := c.pupils[p]
			if !ok {
				v.addData(field+".pupils", "err.team_pupil_unknown", "Teamet {{.Team}} har en elev som inte finns.",
					"pupil "+p+" does not exist", map[string]string{"Team": t.Name})
				continue
			}
			if other, ok := where[p]; ok {
				v.addData(field+".pupils", "err.pupil_in_two_teams", "{{.Pupil}} finns i både {{.Other}} och {{.Team}}.",
					"pupil "+p+" is in two teams", map[string]string{"Pupil": name, "Other": other, "Team": t.Name})
			}
			where[p] = t.Name
		}
		for _, b := range t.BlockIDs {
			use[b]++
		}
	}
	for i, u := range unteamed {
		if team, ok := where[u.PupilID]; ok {
			v.addData(fmt.Sprintf("unteamed[%d]", i), "err.pupil_teamed_and_unteamed", "{{.Pupil}} står både i {{.Team}} och utan team.",
				"pupil "+u.PupilID+" is in a team and unteamed", map[string]string{"Pupil": c.pupils[u.PupilID], "Team": team})
		}
	}
	ids := make([]string, 0, len(use))
	for b := range use {
		ids = append(ids, b)
	}
	sort.Strings(ids)
	for _, b := range ids {
		if blk, ok := c.blocks[b]; ok && use[b] > blk.TeamsMax {
			v.addData("teams", "err.block_over_teams_max", "Blocket {{.Block}} tar {{.Max}} team men har fått {{.Count}}.",
				"block "+blk.Label()+" is over its teams_max", map[string]string{"Block": blk.Label(),
					"Max": fmt.Sprint(blk.TeamsMax), "Count": fmt.Sprint(use[b])})
		}
	}
	if err := v.err(); err != nil {
		return err
	}
	now := s.now()
	ts := formatTS(now)
	newIDs := make([]string, len(teams))
	err = s.InTx(ctx, func(tx *Store) error {
		if _, err := tx.exec(ctx, `UPDATE teams SET deleted_at = ?, updated_at = ? WHERE period_id = ? AND locked = 0
			AND deleted_at IS NULL`, ts, ts, periodID); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `DELETE FROM week_unteamed WHERE period_id = ?`, periodID); err != nil {
			return err
		}
		// Locked teams the plan does not mention lose their unlocked pupils.
		for _, t := range final[len(teams):] {
			if _, err := tx.exec(ctx, `DELETE FROM team_members WHERE team_id = ? AND locked = 0`, t.ID); err != nil {
				return err
			}
		}
		for i, t := range final[:len(teams)] {
			id, err := tx.writeTeam(ctx, periodID, t, c.teams[t.ID], ts)
			if err != nil {
				return err
			}
			newIDs[i] = id
		}
		for _, u := range unteamed {
			if _, err := tx.exec(ctx, `INSERT OR REPLACE INTO week_unteamed (period_id, pupil_id, why, created_at) VALUES (?,?,?,?)`,
				periodID, u.PupilID, u.Why, ts); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return translate("save week plan", err)
	}
	for i := range teams {
		teams[i].ID, teams[i].PeriodID = newIDs[i], periodID
	}
	return nil
}

// writeTeam writes one team of a plan and returns its key. old is the
// team as stored (zero when new).
func (s *Store) writeTeam(ctx context.Context, periodID string, t, old Team, ts string) (string, error) {
	locked := map[string]bool{}
	for _, p := range t.LockedPupilIDs {
		locked[p] = true
	}
	id := t.ID
	switch {
	case old.ID != "" && old.Locked:
		if _, err := s.exec(ctx, `UPDATE teams SET name = ?, why = ?, updated_at = ? WHERE id = ?`, t.Name, t.Why, ts, id); err != nil {
			return "", err
		}
		if _, err := s.exec(ctx, `DELETE FROM team_members WHERE team_id = ? AND locked = 0`, id); err != nil {
			return "", err
		}
	default:
		var known int
		if id != "" {
			if err := s.q.QueryRowContext(ctx, `SELECT count(*) FROM teams WHERE id = ? AND period_id = ?`, id, periodID).Scan(&known); err != nil {
				return "", err
			}
		}
		if known > 0 {
			// An earlier team of the period, just put aside: it comes back.
			if _, err := s.exec(ctx, `UPDATE teams SET group_id = ?, name = ?, locked = ?, why = ?, deleted_at = NULL, updated_at = ?
				WHERE id = ?`, t.GroupID, t.Name, boolInt(t.Locked), t.Why, ts, id); err != nil {
				return "", err
			}
			for _, q := range []string{`DELETE FROM team_members WHERE team_id = ?`, `DELETE FROM team_blocks WHERE team_id = ?`} {
				if _, err := s.exec(ctx, q, id); err != nil {
					return "", err
				}
			}
		} else {
			id = s.newID()
			if _, err := s.exec(ctx, `INSERT INTO teams (id, period_id, group_id, name, locked, why, created_at, updated_at)
				VALUES (?,?,?,?,?,?,?,?)`, id, periodID, t.GroupID, t.Name, boolInt(t.Locked), t.Why, ts, ts); err != nil {
				return "", err
			}
		}
		for _, b := range t.BlockIDs {
			if _, err := s.exec(ctx, `INSERT OR IGNORE INTO team_blocks (team_id, offer_day_id) VALUES (?, ?)`, id, b); err != nil {
				return "", err
			}
		}
	}
	for _, p := range t.PupilIDs {
		// A pupil the plan puts here leaves any other (locked) team.
		if _, err := s.exec(ctx, `DELETE FROM team_members WHERE pupil_id = ? AND team_id <> ? AND team_id IN
			(SELECT id FROM teams WHERE period_id = ?)`, p, id, periodID); err != nil {
			return "", err
		}
		if _, err := s.exec(ctx, `INSERT INTO team_members (team_id, pupil_id, locked) VALUES (?,?,?)
			ON CONFLICT (team_id, pupil_id) DO UPDATE SET locked = excluded.locked`, id, p, boolInt(locked[p])); err != nil {
			return "", err
		}
	}
	return id, nil
}

func union(a, b []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, xs := range [][]string{a, b} {
		for _, x := range xs {
			if !seen[x] {
				seen[x] = true
				out = append(out, x)
			}
		}
	}
	sort.Strings(out)
	return out
}

// ListTeams returns the live teams of a period by group position and name,
// each with its pupils (sorted) and route (in time order).
func (s *Store) ListTeams(ctx context.Context, periodID string) ([]Team, error) {
	return s.listTeams(ctx, "t.period_id = ?", periodID)
}

// GetTeam returns one live team.
func (s *Store) GetTeam(ctx context.Context, id string) (Team, error) {
	ts, err := s.listTeams(ctx, "t.id = ?", id)
	if err != nil {
		return Team{}, err
	}
	if len(ts) == 0 {
		return Team{}, fmt.Errorf("team %s: %w", id, ErrNotFound)
	}
	return ts[0], nil
}

func (s *Store) listTeams(ctx context.Context, where string, arg string) ([]Team, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT t.id, t.period_id, t.group_id, t.name, t.locked, t.why, t.created_at, t.updated_at
		FROM teams t JOIN host_groups g ON g.id = t.group_id WHERE t.deleted_at IS NULL AND `+where+`
		ORDER BY g.position, g.name, t.name, t.id`, arg)
	if err != nil {
		return nil, fmt.Errorf("list teams: %w", err)
	}
	var out []Team
	index := map[string]int{}
	for rows.Next() {
		var t Team
		var locked int
		var created, updated string
		if err := rows.Scan(&t.ID, &t.PeriodID, &t.GroupID, &t.Name, &locked, &t.Why, &created, &updated); err != nil {
			rows.Close()
			return nil, fmt.Errorf("list teams: %w", err)
		}
		t.Locked, t.CreatedAt, t.UpdatedAt = locked == 1, parseTS(created), parseTS(updated)
		index[t.ID] = len(out)
		out = append(out, t)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(out) == 0 {
		return out, err
	}
	members, err := s.q.QueryContext(ctx, `SELECT m.team_id, m.pupil_id, m.locked FROM team_members m
		JOIN teams t ON t.id = m.team_id WHERE t.deleted_at IS NULL AND `+where+` ORDER BY m.team_id, m.pupil_id`, arg)
	if err != nil {
		return nil, fmt.Errorf("list team members: %w", err)
	}
	for members.Next() {
		var tid, pid string
		var locked int
		if err := members.Scan(&tid, &pid, &locked); err != nil {
			members.Close()
			return nil, fmt.Errorf("list team members: %w", err)
		}
		if i, ok := index[tid]; ok {
			out[i].PupilIDs = append(out[i].PupilIDs, pid)
			if locked == 1 {
				out[i].LockedPupilIDs = append(out[i].LockedPupilIDs, pid)
			}
		}
	}
	members.Close()
	if err := members.Err(); err != nil {
		return nil, err
	}
	blocks, err := s.q.QueryContext(ctx, `SELECT b.team_id, b.offer_day_id FROM team_blocks b JOIN teams t ON t.id = b.team_id
		JOIN offer_days d ON d.id = b.offer_day_id WHERE t.deleted_at IS NULL AND `+where+`
		ORDER BY b.team_id, d.date, d.start_time, d.id`, arg)
	if err != nil {
		return nil, fmt.Errorf("list team routes: %w", err)
	}
	defer blocks.Close()
	for blocks.Next() {
		var tid, bid string
		if err := blocks.Scan(&tid, &bid); err != nil {
			return nil, fmt.Errorf("list team routes: %w", err)
		}
		if i, ok := index[tid]; ok {
			out[i].BlockIDs = append(out[i].BlockIDs, bid)
		}
	}
	return out, blocks.Err()
}

// ListUnteamed returns the pupils of the period's plan who are in no team.
func (s *Store) ListUnteamed(ctx context.Context, periodID string) ([]Unteamed, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT pupil_id, why FROM week_unteamed WHERE period_id = ? ORDER BY pupil_id`, periodID)
	if err != nil {
		return nil, fmt.Errorf("list unteamed: %w", err)
	}
	defer rows.Close()
	var out []Unteamed
	for rows.Next() {
		var u Unteamed
		if err := rows.Scan(&u.PupilID, &u.Why); err != nil {
			return nil, fmt.Errorf("list unteamed: %w", err)
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// ErrTeamLocked is returned when a change would alter a locked team's route.
var ErrTeamLocked = errors.New("the team is locked")

// MovePupilToTeam moves a pupil of the period's plan to another team (or,
// with teamID "", out of every team), keeping the pupil's lock. A pupil
// locked to a team must be unlocked before being moved out of it.
func (s *Store) MovePupilToTeam(ctx context.Context, periodID, pupilID, teamID string) error {
	var target Team
	if teamID != "" {
		t, err := s.GetTeam(ctx, teamID)
		if err != nil {
			return err
		}
		if t.PeriodID != periodID {
			return fmt.Errorf("move pupil: team %s is not in the period: %w", t.Name, ErrNotFound)
		}
		target = t
	}
	ts := formatTS(s.now())
	return s.InTx(ctx, func(tx *Store) error {
		var from string
		var locked int
		err := tx.q.QueryRowContext(ctx, `SELECT m.team_id, m.locked FROM team_members m JOIN teams t ON t.id = m.team_id
			WHERE m.pupil_id = ? AND t.period_id = ? AND t.deleted_at IS NULL`, pupilID, periodID).Scan(&from, &locked)
		if err == nil && from == teamID {
			return nil
		}
		if err == nil && locked == 1 {
			return fmt.Errorf("move pupil: the pupil is locked to the team; unlock first: %w", ErrTeamLocked)
		}
		if _, err := tx.exec(ctx, `DELETE FROM team_members WHERE pupil_id = ? AND team_id IN (SELECT id FROM teams WHERE period_id = ?)`,
			pupilID, periodID); err != nil {
			return translate("move pupil", err)
		}
		if teamID == "" {
			_, err := tx.exec(ctx, `INSERT OR REPLACE INTO week_unteamed (period_id, pupil_id, why, created_at) VALUES (?,?,?,?)`,
				periodID, pupilID, "Flyttad ur teamet för hand.", ts)
			return translate("move pupil", err)
		}
		if _, err := tx.exec(ctx, `DELETE FROM week_unteamed WHERE period_id = ? AND pupil_id = ?`, periodID, pupilID); err != nil {
			return translate("move pupil", err)
		}
		if _, err := tx.exec(ctx, `INSERT INTO team_members (team_id, pupil_id, locked) VALUES (?,?,0)`, target.ID, pupilID); err != nil {
			return translate("move pupil", err)
		}
		_, err = tx.exec(ctx, `UPDATE teams SET updated_at = ? WHERE id IN (?, ?)`, ts, target.ID, from)
		return translate("move pupil", err)
	})
}

// SetTeamLocked locks or unlocks a team together with its pupils: a locked
// team keeps its pupils and its route when the week is planned again.
func (s *Store) SetTeamLocked(ctx context.Context, teamID string, locked bool) error {
	ts := formatTS(s.now())
	return s.InTx(ctx, func(tx *Store) error {
		res, err := tx.exec(ctx, `UPDATE teams SET locked = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL`, boolInt(locked), ts, teamID)
		if err != nil {
			return translate("lock team", err)
		}
		if err := checkUpdated("lock team "+teamID, res); err != nil {
			return err
		}
		_, err = tx.exec(ctx, `UPDATE team_members SET locked = ? WHERE team_id = ?`, boolInt(locked), teamID)
		return translate("lock team", err)
	})
}

// SetTeamPupilLocked locks a pupil to a team (or unlocks them). Locking a
// pupil locks the team too, since a pupil can only stay in a team that
// stays; unlocking leaves the team's lock as it is.
func (s *Store) SetTeamPupilLocked(ctx context.Context, teamID, pupilID string, locked bool) error {
	ts := formatTS(s.now())
	return s.InTx(ctx, func(tx *Store) error {
		res, err := tx.exec(ctx, `UPDATE team_members SET locked = ? WHERE team_id = ? AND pupil_id = ?`, boolInt(locked), teamID, pupilID)
		if err != nil {
			return translate("lock pupil", err)
		}
		if err := checkUpdated("lock pupil "+pupilID+" in team "+teamID, res); err != nil {
			return err
		}
		q := `UPDATE teams SET updated_at = ? WHERE id = ?`
		if locked {
			q = `UPDATE teams SET locked = 1, updated_at = ? WHERE id = ?`
		}
		_, err = tx.exec(ctx, q, ts, teamID)
		return translate("lock pupil", err)
	})
}

// SwapTeamRoutes swaps the routes of two unlocked teams of one group.
func (s *Store) SwapTeamRoutes(ctx context.Context, teamA, teamB string) error {
	a, err := s.GetTeam(ctx, teamA)
	if err != nil {
		return err
	}
	b, err := s.GetTeam(ctx, teamB)
	if err != nil {
		return err
	}
	if a.Locked || b.Locked {
		return fmt.Errorf("swap routes of %s and %s: %w", a.Name, b.Name, ErrTeamLocked)
	}
	if a.GroupID != b.GroupID {
		return &ValidationError{Fields: []FieldError{{Entity: "team", Field: "group", Key: "err.swap_other_group",
			Text: "{{.A}} och {{.B}} är i olika grupper och kan inte byta rutt.", Data: map[string]string{"A": a.Name, "B": b.Name},
			Reason: "the teams are in different groups"}}}
	}
	ts := formatTS(s.now())
	return translate("swap routes", s.InTx(ctx, func(tx *Store) error {
		if _, err := tx.exec(ctx, `DELETE FROM team_blocks WHERE team_id IN (?, ?)`, a.ID, b.ID); err != nil {
			return err
		}
		for _, x := range []struct {
			team   string
			blocks []string
		}{{a.ID, b.BlockIDs}, {b.ID, a.BlockIDs}} {
			for _, blk := range x.blocks {
				if _, err := tx.exec(ctx, `INSERT INTO team_blocks (team_id, offer_day_id) VALUES (?, ?)`, x.team, blk); err != nil {
					return err
				}
			}
		}
		_, err := tx.exec(ctx, `UPDATE teams SET updated_at = ? WHERE id IN (?, ?)`, ts, a.ID, b.ID)
		return err
	}))
}

// WeekPlanSummary counts a period's plan.
type WeekPlanSummary struct {
	Teams       int // live teams
	LockedTeams int
	Pupils      int // pupils in a team
	Unteamed    int
	WithWhy     int // teams that break a composition rule (Why is set)
}

// SummariseWeekPlan counts the period's plan.
func (s *Store) SummariseWeekPlan(ctx context.Context, periodID string) (WeekPlanSummary, error) {
	var w WeekPlanSummary
	err := s.q.QueryRowContext(ctx, `SELECT count(*), coalesce(sum(locked), 0), coalesce(sum(why <> ''), 0),
		(SELECT count(*) FROM team_members m JOIN teams t ON t.id = m.team_id WHERE t.period_id = ? AND t.deleted_at IS NULL),
		(SELECT count(*) FROM week_unteamed WHERE period_id = ?)
		FROM teams WHERE period_id = ? AND deleted_at IS NULL`, periodID, periodID, periodID).
		Scan(&w.Teams, &w.LockedTeams, &w.WithWhy, &w.Pupils, &w.Unteamed)
	if err != nil {
		return w, fmt.Errorf("summarise week plan: %w", err)
	}
	return w, nil
}
