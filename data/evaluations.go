package data

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// MaxComment is the longest comment of an evaluation, in characters
// (runes): a page of text, more than any paper form holds.
const MaxComment = 5000

// SaveEvaluation records a pupil's answers after a period, replacing earlier ones.
func (s *Store) SaveEvaluation(ctx context.Context, e Evaluation) error {
	v := validator{entity: "evaluation"}
	v.required("pupil", e.PupilID)
	v.required("period", e.PeriodID)
	for field, x := range map[string]int{"interest_before": e.InterestBefore, "interest_after": e.InterestAfter} {
		if x < 0 || x > 5 {
			v.add(field, "err.scale", "Svaret måste vara 1–5.", "answer must be 1..5")
		}
	}
	v.text("comment", e.Comment, MaxComment)
	v.noPersonnummer([2]string{"comment", e.Comment})
	if err := v.err(); err != nil {
		return err
	}
	score := func(x int) any {
		if x == 0 {
			return nil
		}
		return x
	}
	var rec any
	if e.WouldRecommend != nil {
		rec = boolInt(*e.WouldRecommend)
	}
	now := formatTS(s.now())
	_, err := s.exec(ctx, `INSERT INTO evaluations (id, pupil_id, period_id, interest_before, interest_after, would_recommend,
		comment, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT (pupil_id, period_id) DO UPDATE SET
		interest_before = excluded.interest_before, interest_after = excluded.interest_after,
		would_recommend = excluded.would_recommend, comment = excluded.comment, updated_at = excluded.updated_at`,
		s.newID(), e.PupilID, e.PeriodID, score(e.InterestBefore), score(e.InterestAfter), rec, e.Comment, now, now)
	return translate("save evaluation", err)
}

// ListEvaluations returns the evaluations of a period ("" for all).
func (s *Store) ListEvaluations(ctx context.Context, periodID string) ([]Evaluation, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT pupil_id, period_id, interest_before, interest_after, would_recommend, comment
		FROM evaluations WHERE ? = '' OR period_id = ? ORDER BY period_id, pupil_id`, periodID, periodID)
	if err != nil {
		return nil, fmt.Errorf("list evaluations: %w", err)
	}
	defer rows.Close()
	var out []Evaluation
	for rows.Next() {
		var e Evaluation
		var before, after, rec sql.NullInt64
		if err := rows.Scan(&e.PupilID, &e.PeriodID, &before, &after, &rec, &e.Comment); err != nil {
			return nil, fmt.Errorf("list evaluations: %w", err)
		}
		e.InterestBefore, e.InterestAfter = int(before.Int64), int(after.Int64)
		if rec.Valid {
			b := rec.Int64 == 1
			e.WouldRecommend = &b
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// Answered reports whether the evaluation holds any answer at all.
func (e Evaluation) Answered() bool {
	return e.InterestBefore != 0 || e.InterestAfter != 0 || e.WouldRecommend != nil || strings.TrimSpace(e.Comment) != ""
}

// DeleteEvaluation removes a pupil's answers for a period (when every answer
// is cleared). Evaluations are not exchanged between laptops, so the row
// goes for good; deleting what is not there is no error.
func (s *Store) DeleteEvaluation(ctx context.Context, pupilID, periodID string) error {
	_, err := s.exec(ctx, `DELETE FROM evaluations WHERE pupil_id = ? AND period_id = ?`, pupilID, periodID)
	return translate("delete evaluation", err)
}
