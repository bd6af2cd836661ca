package data

import (
	"context"
	"fmt"
)

// HostedFigures are what Techniqual itself knows of a member's year: the
// prao pupils placed at its offers in classic periods that start in the
// year, the teknikprao teams that visited its blocks in the year's weeks,
// girls among both, and its registered role models (today's register: not
// per year).
type HostedFigures struct {
	OrganisationID string
	Year           int
	Pupils         int // placements at its offers (a pupil in two periods counts twice)
	PupilGirls     int
	Teams          int // teams with a block at one of its offers
	TeamPupils     int // the pupils of those teams
	TeamGirls      int
	RoleModels     int // people at the company who are role models
}

// ListHostedFigures reads the hosted figures of every company with
// something to count in year (companies with nothing are left out).
func (s *Store) ListHostedFigures(ctx context.Context, year int) ([]HostedFigures, error) {
	y := fmt.Sprintf("%04d", year)
	by := map[string]*HostedFigures{}
	get := func(id string) *HostedFigures {
		if by[id] == nil {
			by[id] = &HostedFigures{OrganisationID: id, Year: year}
		}
		return by[id]
	}
	type query struct {
		sql  string
		scan func(id string, a, b int)
	}
	for _, q := range []query{
		{`SELECT o.host_id, count(*), coalesce(sum(pu.gender = 'girl'), 0)
			FROM assignments a JOIN offers o ON o.id = a.offer_id JOIN periods p ON p.id = a.period_id JOIN pupils pu ON pu.id = a.pupil_id
			WHERE a.deleted_at IS NULL AND o.deleted_at IS NULL AND p.deleted_at IS NULL AND p.format = 'classic'
			AND substr(p.start_date, 1, 4) = ? GROUP BY o.host_id`,
			func(id string, a, b int) { h := get(id); h.Pupils, h.PupilGirls = a, b }},
		{`SELECT host_id, count(DISTINCT team_id), 0 FROM (SELECT DISTINCT o.host_id, t.id AS team_id
			FROM team_blocks tb JOIN teams t ON t.id = tb.team_id JOIN offer_days d ON d.id = tb.offer_day_id
			JOIN offers o ON o.id = d.offer_id JOIN periods p ON p.id = t.period_id
			WHERE t.deleted_at IS NULL AND o.deleted_at IS NULL AND p.deleted_at IS NULL AND substr(p.start_date, 1, 4) = ?) GROUP BY host_id`,
			func(id string, a, _ int) { get(id).Teams = a }},
		{`SELECT host_id, count(*), coalesce(sum(gender = 'girl'), 0) FROM (SELECT DISTINCT o.host_id, pu.id, pu.gender
			FROM team_blocks tb JOIN teams t ON t.id = tb.team_id JOIN team_members tm ON tm.team_id = t.id
			JOIN pupils pu ON pu.id = tm.pupil_id JOIN offer_days d ON d.id = tb.offer_day_id
			JOIN offers o ON o.id = d.offer_id JOIN periods p ON p.id = t.period_id
			WHERE t.deleted_at IS NULL AND o.deleted_at IS NULL AND p.deleted_at IS NULL AND substr(p.start_date, 1, 4) = ?) GROUP BY host_id`,
			func(id string, a, b int) { h := get(id); h.TeamPupils, h.TeamGirls = a, b }},
		{`SELECT p.organisation_id, count(*), 0 FROM people p JOIN person_roles r ON r.person_id = p.id
			JOIN organisations o ON o.id = p.organisation_id
			WHERE r.role = 'role_model' AND p.deleted_at IS NULL AND o.kind = 'company' AND ? <> '' GROUP BY p.organisation_id`,
			func(id string, a, _ int) { get(id).RoleModels = a }},
	} {
		rows, err := s.q.QueryContext(ctx, q.sql, y)
		if err != nil {
			return nil, fmt.Errorf("hosted figures: %w", err)
		}
		for rows.Next() {
			var id string
			var a, b int
			if err := rows.Scan(&id, &a, &b); err != nil {
				rows.Close()
				return nil, fmt.Errorf("hosted figures: %w", err)
			}
			q.scan(id, a, b)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("hosted figures: %w", err)
		}
	}
	out := make([]HostedFigures, 0, len(by))
	for _, h := range by {
		out = append(out, *h)
	}
	sortBy(out, func(h HostedFigures) string { return h.OrganisationID })
	return out, nil
}

// CountHostedTeams counts the distinct teknikprao teams of year's weeks
// with a block at an offer of any of hosts. A team goes round every host of
// its group, so the sum of the hosts' HostedFigures.Teams counts it once
// per host (found by use: 186 teams where the weeks had 60).
func (s *Store) CountHostedTeams(ctx context.Context, year int, hosts []string) (int, error) {
	if len(hosts) == 0 {
		return 0, nil
	}
	args := []any{fmt.Sprintf("%04d", year)}
	marks := make([]byte, 0, 2*len(hosts))
	for i, h := range hosts {
		if i > 0 {
			marks = append(marks, ',')
		}
		marks = append(marks, '?')
		args = append(args, h)
	}
	var n int
	err := s.q.QueryRowContext(ctx, `SELECT count(DISTINCT t.id)
		FROM team_blocks tb JOIN teams t ON t.id = tb.team_id JOIN offer_days d ON d.id = tb.offer_day_id
		JOIN offers o ON o.id = d.offer_id JOIN periods p ON p.id = t.period_id
		WHERE t.deleted_at IS NULL AND o.deleted_at IS NULL AND p.deleted_at IS NULL AND substr(p.start_date, 1, 4) = ?
		AND o.host_id IN (`+string(marks)+`)`, args...).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count hosted teams: %w", err)
	}
	return n, nil
}

func sortBy[T any](xs []T, key func(T) string) {
	for i := 1; i < len(xs); i++ {
		for j := i; j > 0 && key(xs[j-1]) > key(xs[j]); j-- {
			xs[j-1], xs[j] = xs[j], xs[j-1]
		}
	}
}

// EventMembers lists the member companies with someone registered for an
// event (registered or attended), by name.
func (s *Store) EventMembers(ctx context.Context, eventID string) ([]Organisation, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT DISTINCT o.id FROM registrations r JOIN people p ON p.id = r.person_id
		JOIN organisations o ON o.id = p.organisation_id
		WHERE r.event_id = ? AND r.deleted_at IS NULL AND p.deleted_at IS NULL AND o.deleted_at IS NULL
		AND o.kind = 'company' AND o.member_since <> '' AND r.status IN ('registered', 'attended')`, eventID)
	if err != nil {
		return nil, fmt.Errorf("event members: %w", err)
	}
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, fmt.Errorf("event members: %w", err)
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("event members: %w", err)
	}
	var out []Organisation
	for _, id := range ids {
		o, err := s.GetOrganisation(ctx, id)
		if err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	sortBy(out, func(o Organisation) string { return o.Name })
	return out, nil
}
