package data

import (
	"context"
	"fmt"
)

// validate checks a day before it is recorded.
func (a Attendance) validate() error {
	v := validator{entity: "attendance"}
	v.required("pupil", a.PupilID)
	v.required("offer", a.OfferID)
	if a.Date.IsZero() {
		v.add("date", "err.required", "Måste fyllas i.", "required")
	}
	if !a.Status.Valid() {
		v.add("status", "err.attendance_status", "Välj närvarande, sjuk eller annan frånvaro.", "must be present, sick or absent")
	}
	v.text("note", a.Note, 1000)
	return v.err()
}

// SetAttendance records what happened on one prao day for one pupil,
// replacing what was recorded before.
func (s *Store) SetAttendance(ctx context.Context, a Attendance) error {
	if err := a.validate(); err != nil {
		return err
	}
	now := formatTS(s.now())
	_, err := s.exec(ctx, `INSERT INTO attendance (id, pupil_id, offer_id, date, status, note, created_at, updated_at)
		VALUES (?,?,?,?,?,?,?,?) ON CONFLICT (pupil_id, date) DO UPDATE SET offer_id = excluded.offer_id,
		status = excluded.status, note = excluded.note, updated_at = excluded.updated_at`,
		s.newID(), a.PupilID, a.OfferID, FormatDate(a.Date), string(a.Status), a.Note, now, now)
	return translate("save attendance", err)
}

// ClearAttendance forgets what was recorded for a pupil on a day.
func (s *Store) ClearAttendance(ctx context.Context, pupilID string, date string) error {
	_, err := s.exec(ctx, `DELETE FROM attendance WHERE pupil_id = ? AND date = ?`, pupilID, date)
	return translate("clear attendance", err)
}

// ListAttendance returns recorded attendance at an offer ("" for all offers)
// ordered by pupil and date.
func (s *Store) ListAttendance(ctx context.Context, offerID string) ([]Attendance, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT pupil_id, offer_id, date, status, note FROM attendance
		WHERE ? = '' OR offer_id = ? ORDER BY pupil_id, date`, offerID, offerID)
	if err != nil {
		return nil, fmt.Errorf("list attendance: %w", err)
	}
	defer rows.Close()
	var out []Attendance
	for rows.Next() {
		var a Attendance
		var date, status string
		if err := rows.Scan(&a.PupilID, &a.OfferID, &date, &status, &a.Note); err != nil {
			return nil, fmt.Errorf("list attendance: %w", err)
		}
		a.Date, a.Status = mustDate(date), AttendanceStatus(status)
		out = append(out, a)
	}
	return out, rows.Err()
}
