package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// SaveAssignment places a pupil at an offer, replacing their earlier
// placement in that period.
func (s *Store) SaveAssignment(ctx context.Context, a *Assignment) error {
	if a.Source == "" {
		a.Source = SourceManual
	}
	v := validator{entity: "assignment"}
	v.required("period", a.PeriodID)
	v.required("pupil", a.PupilID)
	v.required("offer", a.OfferID)
	if a.Source != SourceAuto && a.Source != SourceManual {
		v.add("source", "err.source", "Okänt ursprung för placeringen.", "unknown source")
	}
	if err := v.err(); err != nil {
		return err
	}
	now := s.now()
	err := s.InTx(ctx, func(tx *Store) error {
		var inPeriod int
		if err := tx.q.QueryRowContext(ctx, `SELECT count(*) FROM offers WHERE id = ? AND period_id = ? AND deleted_at IS NULL`,
			a.OfferID, a.PeriodID).Scan(&inPeriod); err != nil {
			return err
		}
		if inPeriod == 0 {
			return &ValidationError{Fields: []FieldError{{Entity: "assignment", Field: "offer", Key: "err.offer_not_in_period",
				Text: "Praoplatsen hör inte till praoperioden.", Reason: "offer is not in the period"}}}
		}
		if _, err := tx.exec(ctx, `UPDATE assignments SET deleted_at = ?, updated_at = ? WHERE period_id = ? AND pupil_id = ?
			AND deleted_at IS NULL`, formatTS(now), formatTS(now), a.PeriodID, a.PupilID); err != nil {
			return err
		}
		a.ID, a.CreatedAt, a.UpdatedAt = tx.newID(), now, now
		_, err := tx.exec(ctx, `INSERT INTO assignments (id, period_id, pupil_id, offer_id, locked, source, supervisor_comment,
			created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?)`, a.ID, a.PeriodID, a.PupilID, a.OfferID, boolInt(a.Locked),
			string(a.Source), a.SupervisorComment, formatTS(now), formatTS(now))
		return err
	})
	return translate("save placement", err)
}

// ClearAssignment removes a pupil's placement in a period.
func (s *Store) ClearAssignment(ctx context.Context, periodID, pupilID string) error {
	now := formatTS(s.now())
	res, err := s.exec(ctx, `UPDATE assignments SET deleted_at = ?, updated_at = ? WHERE period_id = ? AND pupil_id = ?
		AND deleted_at IS NULL`, now, now, periodID, pupilID)
	if err != nil {
		return translate("clear placement", err)
	}
	return checkUpdated("clear placement", res)
}

// ListAssignments returns the live placements of a period ("" for all).
// The period condition is only written when it filters, so that SQLite
// searches the index assignments_pupil instead of scanning it.
func (s *Store) ListAssignments(ctx context.Context, periodID string) ([]Assignment, error) {
	where, args := assignmentsWhere(periodID)
	out := make([]Assignment, 0, s.countHint(ctx, `SELECT count(*) FROM assignments WHERE `+where, args...))
	rows, err := s.q.QueryContext(ctx, `SELECT `+assignmentColumns+` FROM assignments WHERE `+where+` ORDER BY period_id, pupil_id`, args...)
	if err != nil {
		return nil, fmt.Errorf("list placements: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		a, err := scanAssignment(rows)
		if err != nil {
			return nil, fmt.Errorf("list placements: %w", err)
		}
		out = append(out, a)
	}
	if len(out) == 0 {
		out = nil // as before: no rows gives nil
	}
	return out, rows.Err()
}

// PupilAssignment returns a pupil's live placement in a period, and false
// when they have none.
func (s *Store) PupilAssignment(ctx context.Context, pupilID, periodID string) (Assignment, bool, error) {
	a, err := scanAssignment(s.q.QueryRowContext(ctx, `SELECT `+assignmentColumns+` FROM assignments
		WHERE deleted_at IS NULL AND period_id = ? AND pupil_id = ?`, periodID, pupilID))
	if errors.Is(err, sql.ErrNoRows) {
		return Assignment{}, false, nil
	}
	if err != nil {
		return Assignment{}, false, fmt.Errorf("placement of %s: %w", pupilID, err)
	}
	return a, true, nil
}

// assignmentColumns are the columns scanAssignment reads.
const assignmentColumns = `id, period_id, pupil_id, offer_id, locked, source, supervisor_comment, created_at, updated_at`

// scanAssignment reads a row of assignmentColumns.
func scanAssignment(row interface{ Scan(...any) error }) (Assignment, error) {
	var a Assignment
	var locked int
	var source, created, updated string
	err := row.Scan(&a.ID, &a.PeriodID, &a.PupilID, &a.OfferID, &locked, &source, &a.SupervisorComment, &created, &updated)
	a.Locked, a.Source, a.CreatedAt, a.UpdatedAt = locked == 1, AssignmentSource(source), parseTS(created), parseTS(updated)
	return a, err
}

// assignmentsWhere is ListAssignments' WHERE condition.
func assignmentsWhere(periodID string) (string, []any) {
	if periodID == "" {
		return `deleted_at IS NULL`, nil
	}
	return `deleted_at IS NULL AND period_id = ?`, []any{periodID}
}

// TakenSeats counts the live placements per offer of a period.
func (s *Store) TakenSeats(ctx context.Context, periodID string) (map[string]int, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT offer_id, count(*) FROM assignments
		WHERE deleted_at IS NULL AND period_id = ? GROUP BY offer_id`, periodID)
	if err != nil {
		return nil, fmt.Errorf("count placements: %w", err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var id string
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return nil, err
		}
		out[id] = n
	}
	return out, rows.Err()
}
