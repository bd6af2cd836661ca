package data

import (
	"context"
	"fmt"
)

// WeekRoster is what the screens that follow a teknikprao week day by day
// (Närvaro, the hosts' feedback) read of it at once: every block, the
// teams, and the pupils in those teams by id.
type WeekRoster struct {
	Blocks []WeekBlock
	Teams  []Team
	Pupils map[string]Pupil
}

// WeekRoster reads a week's blocks, teams and team members. Only the
// pupils in the week's teams are read, not every pupil of the database: on
// a region's file that is a few hundred rows instead of tens of thousands.
func (s *Store) WeekRoster(ctx context.Context, periodID string) (WeekRoster, error) {
	var w WeekRoster
	var err error
	if w.Blocks, err = s.ListWeekBlocks(ctx, periodID, true); err != nil {
		return w, err
	}
	if w.Teams, err = s.ListTeams(ctx, periodID); err != nil {
		return w, err
	}
	rows, err := s.q.QueryContext(ctx, "SELECT "+pupilColumns+` FROM pupils WHERE id IN (
		SELECT m.pupil_id FROM team_members m JOIN teams t ON t.id = m.team_id WHERE t.period_id = ?)`, periodID)
	if err != nil {
		return w, fmt.Errorf("week's pupils: %w", err)
	}
	defer rows.Close()
	w.Pupils = map[string]Pupil{}
	for rows.Next() {
		p, err := scanPupil(rows)
		if err != nil {
			return w, fmt.Errorf("week's pupils: %w", err)
		}
		w.Pupils[p.ID] = p
	}
	return w, rows.Err()
}
