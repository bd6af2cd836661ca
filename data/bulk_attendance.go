package data

import (
	"context"
	"fmt"
	"strings"
)

// addAttendanceBatch is how many days one statement of AddAttendance
// records.
const addAttendanceBatch = 100

// AddAttendance records many days at once, as SetAttendance records one
// (a day already recorded for the pupil is replaced), a hundred days a
// statement. ids, when not nil, are the keys of new rows, one per day
// (example data draws them from its seed); otherwise the Store makes them.
// All or nothing: one day refused leaves nothing recorded.
func (s *Store) AddAttendance(ctx context.Context, days []Attendance, ids []string) error {
	if ids != nil && len(ids) != len(days) {
		return fmt.Errorf("save attendance: %d keys for %d days", len(ids), len(days))
	}
	for _, a := range days {
		if err := a.validate(); err != nil {
			return err
		}
	}
	now := formatTS(s.now())
	err := s.InTx(ctx, func(tx *Store) error {
		for start := 0; start < len(days); start += addAttendanceBatch {
			end := min(start+addAttendanceBatch, len(days))
			args := make([]any, 0, 8*(end-start))
			for i := start; i < end; i++ {
				a := days[i]
				id := ""
				if ids != nil {
					id = ids[i]
				} else {
					id = tx.newID()
				}
				args = append(args, id, a.PupilID, a.OfferID, FormatDate(a.Date), string(a.Status), a.Note, now, now)
			}
			if _, err := tx.exec(ctx, `INSERT INTO attendance (id, pupil_id, offer_id, date, status, note, created_at, updated_at)
				VALUES `+strings.Repeat("(?,?,?,?,?,?,?,?),", end-start-1)+`(?,?,?,?,?,?,?,?)
				ON CONFLICT (pupil_id, date) DO UPDATE SET offer_id = excluded.offer_id,
				status = excluded.status, note = excluded.note, updated_at = excluded.updated_at`, args...); err != nil {
				return err
			}
		}
		return nil
	})
	return translate("save attendance", err)
}
