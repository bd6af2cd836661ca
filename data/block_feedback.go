package data

import (
	"context"
	"fmt"
	"time"
)

// BlockFeedback is a pupil's answers about one block of a week: four
// questions on a 1–5 scale (0 = unanswered) and a comment. PupilID is
// empty for an anonymous answer (from paper or a form tool without names).
type BlockFeedback struct {
	ID       string
	PupilID  string
	BlockID  string // the offer_days row
	TeamID   string // "" when unknown
	Fun      int    // "Det var roligt"
	Learned  int    // "Jag lärde mig något nytt"
	People   int    // "Jag fick träffa människor i olika yrken"
	Interest int    // "Jag blev mer intresserad av teknik"
	Comment  string
	// CreatedAt and UpdatedAt are set by the Store.
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Validate checks feedback before it is saved.
func (f BlockFeedback) Validate() error {
	v := validator{entity: "block_feedback"}
	v.required("block", f.BlockID)
	for _, q := range []struct {
		field string
		val   int
	}{{"q_fun", f.Fun}, {"q_learned", f.Learned}, {"q_people", f.People}, {"q_interest", f.Interest}} {
		if q.val < 0 || q.val > 5 {
			v.add(q.field, "err.score", "Svaret måste vara 1–5 (eller tomt).", "score must be 1..5 or 0")
		}
	}
	v.text("comment", f.Comment, 2000)
	return v.err()
}

// SaveBlockFeedback inserts f (when f.ID is empty) or updates it. A named
// pupil has one answer per block: saving another without an ID replaces it.
func (s *Store) SaveBlockFeedback(ctx context.Context, f *BlockFeedback) error {
	if err := f.Validate(); err != nil {
		return err
	}
	if f.ID == "" && f.PupilID != "" {
		var id, created string
		err := s.q.QueryRowContext(ctx, `SELECT id, created_at FROM block_feedback WHERE pupil_id = ? AND offer_day_id = ?
			AND deleted_at IS NULL`, f.PupilID, f.BlockID).Scan(&id, &created)
		if err == nil {
			f.ID, f.CreatedAt = id, parseTS(created)
		}
	}
	id, created, updated := f.ID, f.CreatedAt, f.UpdatedAt
	insert := s.stamp(&id, &created, &updated)
	args := []any{nullable(f.PupilID), f.BlockID, nullable(f.TeamID), f.Fun, f.Learned, f.People, f.Interest, f.Comment, formatTS(updated)}
	var err error
	if insert {
		_, err = s.exec(ctx, `INSERT INTO block_feedback (pupil_id, offer_day_id, team_id, q_fun, q_learned, q_people, q_interest,
			comment, updated_at, id, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)`, append(args, id, formatTS(created))...)
	} else {
		res, e := s.exec(ctx, `UPDATE block_feedback SET pupil_id=?, offer_day_id=?, team_id=?, q_fun=?, q_learned=?, q_people=?,
			q_interest=?, comment=?, updated_at=? WHERE id=? AND deleted_at IS NULL`, append(args, id)...)
		err = e
		if err == nil {
			err = checkUpdated("save block feedback", res)
		}
	}
	if err != nil {
		return translate("save block feedback", err)
	}
	f.ID, f.CreatedAt, f.UpdatedAt = id, created, updated
	return nil
}

// ListBlockFeedback returns the live feedback on the blocks of a period's
// offers, by date, start and key.
func (s *Store) ListBlockFeedback(ctx context.Context, periodID string) ([]BlockFeedback, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT f.id, coalesce(f.pupil_id, ''), f.offer_day_id, coalesce(f.team_id, ''), f.q_fun,
		f.q_learned, f.q_people, f.q_interest, f.comment, f.created_at, f.updated_at FROM block_feedback f
		JOIN offer_days d ON d.id = f.offer_day_id JOIN offers o ON o.id = d.offer_id
		WHERE o.period_id = ? AND f.deleted_at IS NULL ORDER BY d.date, d.start_time, f.id`, periodID)
	if err != nil {
		return nil, fmt.Errorf("list block feedback: %w", err)
	}
	defer rows.Close()
	var out []BlockFeedback
	for rows.Next() {
		var f BlockFeedback
		var created, updated string
		if err := rows.Scan(&f.ID, &f.PupilID, &f.BlockID, &f.TeamID, &f.Fun, &f.Learned, &f.People, &f.Interest, &f.Comment,
			&created, &updated); err != nil {
			return nil, fmt.Errorf("list block feedback: %w", err)
		}
		f.CreatedAt, f.UpdatedAt = parseTS(created), parseTS(updated)
		out = append(out, f)
	}
	return out, rows.Err()
}

// DeleteBlockFeedback moves one answer to the bin.
func (s *Store) DeleteBlockFeedback(ctx context.Context, id string) error {
	return s.softDelete(ctx, "block_feedback", id)
}
