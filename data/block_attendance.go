package data

import (
	"context"
	"fmt"
)

// BlockAttendance is a pupil's recorded attendance in one block of a week.
type BlockAttendance struct {
	PupilID string
	BlockID string // the offer_days row
	Status  AttendanceStatus
	Note    string
}

// SetBlockAttendance records what happened in one block for one pupil,
// replacing what was recorded before.
func (s *Store) SetBlockAttendance(ctx context.Context, a BlockAttendance) error {
	v := validator{entity: "block_attendance"}
	v.required("pupil", a.PupilID)
	v.required("block", a.BlockID)
	if !a.Status.Valid() {
		v.add("status", "err.attendance_status", "Välj närvarande, sjuk eller annan frånvaro.", "must be present, sick or absent")
	}
	v.text("note", a.Note, 1000)
	if err := v.err(); err != nil {
		return err
	}
	now := formatTS(s.now())
	_, err := s.exec(ctx, `INSERT INTO block_attendance (id, pupil_id, offer_day_id, status, note, created_at, updated_at)
		VALUES (?,?,?,?,?,?,?) ON CONFLICT (pupil_id, offer_day_id) DO UPDATE SET status = excluded.status,
		note = excluded.note, updated_at = excluded.updated_at`,
		s.newID(), a.PupilID, a.BlockID, string(a.Status), a.Note, now, now)
	return translate("save block attendance", err)
}

// ClearBlockAttendance forgets what was recorded for a pupil in a block.
func (s *Store) ClearBlockAttendance(ctx context.Context, pupilID, blockID string) error {
	_, err := s.exec(ctx, `DELETE FROM block_attendance WHERE pupil_id = ? AND offer_day_id = ?`, pupilID, blockID)
	return translate("clear block attendance", err)
}

// ListBlockAttendance returns the attendance recorded in the blocks of a
// period's offers, by pupil, date and start.
func (s *Store) ListBlockAttendance(ctx context.Context, periodID string) ([]BlockAttendance, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT a.pupil_id, a.offer_day_id, a.status, a.note FROM block_attendance a
		JOIN offer_days d ON d.id = a.offer_day_id JOIN offers o ON o.id = d.offer_id
		WHERE o.period_id = ? ORDER BY a.pupil_id, d.date, d.start_time`, periodID)
	if err != nil {
		return nil, fmt.Errorf("list block attendance: %w", err)
	}
	defer rows.Close()
	var out []BlockAttendance
	for rows.Next() {
		var a BlockAttendance
		var status string
		if err := rows.Scan(&a.PupilID, &a.BlockID, &status, &a.Note); err != nil {
			return nil, fmt.Errorf("list block attendance: %w", err)
		}
		a.Status = AttendanceStatus(status)
		out = append(out, a)
	}
	return out, rows.Err()
}
