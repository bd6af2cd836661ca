package data

import (
	"context"
	"fmt"
)

// GroupPreference is a pupil's ranked wish for a host group of a week.
type GroupPreference struct {
	PupilID  string
	PeriodID string
	GroupID  string
	Rank     int // 1..MaxChoices
}

// SetGroupPreferences replaces a pupil's ranked host groups in a week:
// groupIDs[0] is the first choice. At most MaxChoices, no group twice,
// every group a live group of the period.
func (s *Store) SetGroupPreferences(ctx context.Context, pupilID, periodID string, groupIDs []string) error {
	v := validator{entity: "group_preferences"}
	if len(groupIDs) > MaxChoices {
		v.addData("groups", "err.too_many_choices", "Högst {{.Max}} val.", fmt.Sprintf("at most %d choices", MaxChoices),
			map[string]string{"Max": fmt.Sprint(MaxChoices)})
	}
	seen := map[string]bool{}
	for _, id := range groupIDs {
		if seen[id] {
			v.add("groups", "err.duplicate_group_choice", "Samma grupp är vald två gånger.", "the same group is chosen twice")
			break
		}
		seen[id] = true
	}
	if err := v.err(); err != nil {
		return err
	}
	now := formatTS(s.now())
	err := s.InTx(ctx, func(tx *Store) error {
		if _, err := tx.exec(ctx, `DELETE FROM group_preferences WHERE pupil_id = ? AND period_id = ?`, pupilID, periodID); err != nil {
			return err
		}
		for i, gid := range groupIDs {
			res, err := tx.exec(ctx, `INSERT INTO group_preferences (id, pupil_id, period_id, group_id, rank, created_at, updated_at)
				SELECT ?,?,?,?,?,?,? WHERE EXISTS (SELECT 1 FROM host_groups WHERE id = ? AND period_id = ? AND deleted_at IS NULL)`,
				tx.newID(), pupilID, periodID, gid, i+1, now, now, gid, periodID)
			if err != nil {
				return err
			}
			if n, err := res.RowsAffected(); err != nil || n == 0 {
				return &ValidationError{Fields: []FieldError{{Entity: "group_preferences", Field: "groups", Key: "err.group_not_in_period",
					Text: "Gruppen hör inte till praoperioden.", Reason: "group " + gid + " is not in the period"}}}
			}
		}
		return nil
	})
	return translate("save group choices", err)
}

// ListGroupPreferences returns the group choices of a week by pupil and
// rank; choices of removed groups are left out.
func (s *Store) ListGroupPreferences(ctx context.Context, periodID string) ([]GroupPreference, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT p.pupil_id, p.period_id, p.group_id, p.rank FROM group_preferences p
		JOIN host_groups g ON g.id = p.group_id WHERE p.period_id = ? AND g.deleted_at IS NULL ORDER BY p.pupil_id, p.rank`, periodID)
	if err != nil {
		return nil, fmt.Errorf("list group choices: %w", err)
	}
	defer rows.Close()
	var out []GroupPreference
	for rows.Next() {
		var p GroupPreference
		if err := rows.Scan(&p.PupilID, &p.PeriodID, &p.GroupID, &p.Rank); err != nil {
			return nil, fmt.Errorf("list group choices: %w", err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}
