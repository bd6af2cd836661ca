package data

import (
	"context"
	"fmt"
)

// SetPreferences replaces a pupil's ranked choices in a period: offerIDs[0]
// is the first choice. At most MaxChoices, no offer twice, every offer in
// that period.
func (s *Store) SetPreferences(ctx context.Context, pupilID, periodID string, offerIDs []string) error {
	v := validator{entity: "preferences"}
	if len(offerIDs) > MaxChoices {
		v.addData("offers", "err.too_many_choices", "Högst {{.Max}} val.", fmt.Sprintf("at most %d choices", MaxChoices),
			map[string]string{"Max": fmt.Sprint(MaxChoices)})
	}
	seen := map[string]bool{}
	for _, id := range offerIDs {
		if seen[id] {
			v.add("offers", "err.duplicate_choice", "Samma praoplats är vald två gånger.", "the same offer is chosen twice")
			break
		}
		seen[id] = true
	}
	if err := v.err(); err != nil {
		return err
	}
	now := formatTS(s.now())
	err := s.InTx(ctx, func(tx *Store) error {
		if _, err := tx.exec(ctx, `DELETE FROM preferences WHERE pupil_id = ? AND period_id = ?`, pupilID, periodID); err != nil {
			return err
		}
		for i, oid := range offerIDs {
			// One prepared statement inserts the choice only when the offer is
			// in the period (an import sets thousands of choices).
			res, err := tx.exec(ctx, `INSERT INTO preferences (id, pupil_id, period_id, offer_id, rank, created_at, updated_at)
				SELECT ?,?,?,?,?,?,? WHERE EXISTS (SELECT 1 FROM offers WHERE id = ? AND period_id = ? AND deleted_at IS NULL)`,
				tx.newID(), pupilID, periodID, oid, i+1, now, now, oid, periodID)
			if err != nil {
				return err
			}
			if n, err := res.RowsAffected(); err != nil || n == 0 {
				return &ValidationError{Fields: []FieldError{{Entity: "preferences", Field: "offers", Key: "err.offer_not_in_period",
					Text: "Praoplatsen hör inte till praoperioden.", Reason: "offer " + oid + " is not in the period"}}}
			}
		}
		return nil
	})
	return translate("save choices", err)
}

// ListPreferences returns the choices of a period ("" for all), by pupil and rank.
//
// A period's choices are read through the index preferences_period: the
// condition is only written when it filters (a "? = ” OR period_id = ?"
// condition would make SQLite scan every period's choices).
func (s *Store) ListPreferences(ctx context.Context, periodID string) ([]Preference, error) {
	where, args := preferencesWhere(periodID)
	out := make([]Preference, 0, s.countHint(ctx, `SELECT count(*) FROM preferences`+where, args...))
	rows, err := s.q.QueryContext(ctx, `SELECT pupil_id, period_id, offer_id, rank FROM preferences`+where+
		` ORDER BY pupil_id, rank`, args...)
	if err != nil {
		return nil, fmt.Errorf("list choices: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var p Preference
		if err := rows.Scan(&p.PupilID, &p.PeriodID, &p.OfferID, &p.Rank); err != nil {
			return nil, fmt.Errorf("list choices: %w", err)
		}
		out = append(out, p)
	}
	if len(out) == 0 {
		out = nil // as before: no rows gives nil
	}
	return out, rows.Err()
}

// preferencesWhere is ListPreferences' WHERE clause (with a leading space).
func preferencesWhere(periodID string) (string, []any) {
	if periodID == "" {
		return "", nil
	}
	return " WHERE period_id = ?", []any{periodID}
}

// countHint runs a count(*) query and returns its result, capped, for
// sizing a slice; 0 on any error (the listing that follows reports it).
func (s *Store) countHint(ctx context.Context, query string, args ...any) int {
	var n int
	if err := s.q.QueryRowContext(ctx, query, args...).Scan(&n); err != nil || n < 0 {
		return 0
	}
	return min(n, 1<<22)
}

// AddFriendPair records that two pupils would like to be placed together.
func (s *Store) AddFriendPair(ctx context.Context, f FriendPair) error {
	a, b := f.PupilA, f.PupilB
	if a == b || a == "" || b == "" {
		return &ValidationError{Fields: []FieldError{{Entity: "friend_pair", Field: "pupil_b", Key: "err.friend_self",
			Text: "Välj två olika elever.", Reason: "a friend pair needs two different pupils"}}}
	}
	if b < a {
		a, b = b, a
	}
	now := formatTS(s.now())
	_, err := s.exec(ctx, `INSERT INTO friend_pairs (id, period_id, pupil_a, pupil_b, created_at, updated_at) VALUES (?,?,?,?,?,?)`,
		s.newID(), f.PeriodID, a, b, now, now)
	return translate("save friend pair", err)
}

// RemoveFriendPair forgets a friend pair.
func (s *Store) RemoveFriendPair(ctx context.Context, f FriendPair) error {
	a, b := f.PupilA, f.PupilB
	if b < a {
		a, b = b, a
	}
	res, err := s.exec(ctx, `DELETE FROM friend_pairs WHERE period_id = ? AND pupil_a = ? AND pupil_b = ?`, f.PeriodID, a, b)
	if err != nil {
		return translate("remove friend pair", err)
	}
	return checkUpdated("remove friend pair", res)
}

// ListFriendPairs returns the friend pairs of a period.
func (s *Store) ListFriendPairs(ctx context.Context, periodID string) ([]FriendPair, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT period_id, pupil_a, pupil_b FROM friend_pairs WHERE period_id = ? ORDER BY pupil_a, pupil_b`, periodID)
	if err != nil {
		return nil, fmt.Errorf("list friend pairs: %w", err)
	}
	defer rows.Close()
	var out []FriendPair
	for rows.Next() {
		var f FriendPair
		if err := rows.Scan(&f.PeriodID, &f.PupilA, &f.PupilB); err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// PupilPreferences returns one pupil's choices in a period, by rank.
func (s *Store) PupilPreferences(ctx context.Context, pupilID, periodID string) ([]Preference, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT pupil_id, period_id, offer_id, rank FROM preferences
		WHERE pupil_id = ? AND period_id = ? ORDER BY rank`, pupilID, periodID)
	if err != nil {
		return nil, fmt.Errorf("list choices: %w", err)
	}
	defer rows.Close()
	var out []Preference
	for rows.Next() {
		var p Preference
		if err := rows.Scan(&p.PupilID, &p.PeriodID, &p.OfferID, &p.Rank); err != nil {
			return nil, fmt.Errorf("list choices: %w", err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// ChoicePeriods returns, for every pupil with choices, the periods in which
// they have chosen (read from the first choices, which every pupil with
// choices has).
func (s *Store) ChoicePeriods(ctx context.Context) (map[string][]string, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT pupil_id, period_id FROM preferences WHERE rank = 1`)
	if err != nil {
		return nil, fmt.Errorf("list choices: %w", err)
	}
	defer rows.Close()
	out := map[string][]string{}
	for rows.Next() {
		var pupil, period string
		if err := rows.Scan(&pupil, &period); err != nil {
			return nil, fmt.Errorf("list choices: %w", err)
		}
		out[pupil] = append(out[pupil], period)
	}
	return out, rows.Err()
}
