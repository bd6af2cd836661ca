package data

import (
	"context"
	"fmt"
	"strings"
)

// PupilChanges are the fields a bulk edit sets on many pupils at once; a
// nil field is left as each pupil has it.
type PupilChanges struct {
	Gender    *Gender
	ClassName *string
	Grade     *int
}

// Empty reports whether the changes change nothing.
func (c PupilChanges) Empty() bool { return c.Gender == nil && c.ClassName == nil && c.Grade == nil }

// UpdatePupils sets the changes on every pupil in ids, in one transaction:
// each pupil is read, changed and validated as SavePupil does, and one bad
// value or missing pupil changes nobody. It returns the number changed.
func (s *Store) UpdatePupils(ctx context.Context, ids []string, c PupilChanges) (int, error) {
	if c.Empty() || len(ids) == 0 {
		return 0, nil
	}
	if c.Gender != nil && !c.Gender.Valid() {
		return 0, &ValidationError{Fields: []FieldError{{Entity: "pupil", Field: "gender", Key: "err.gender",
			Text: "Okänt kön.", Reason: fmt.Sprintf("unknown gender %q", *c.Gender)}}}
	}
	n := 0
	err := s.InTx(ctx, func(tx *Store) error {
		for _, id := range ids {
			p, err := tx.GetPupil(ctx, id)
			if err != nil {
				return err
			}
			if c.Gender != nil {
				p.Gender = *c.Gender
			}
			if c.ClassName != nil {
				p.ClassName = strings.TrimSpace(*c.ClassName)
			}
			if c.Grade != nil {
				p.Grade = *c.Grade
			}
			if err := tx.SavePupil(ctx, &p); err != nil {
				return err
			}
			n++
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return n, nil
}

// GenderCounts counts the live pupils by recorded gender.
func (s *Store) GenderCounts(ctx context.Context) (map[Gender]int, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT gender, count(*) FROM pupils WHERE deleted_at IS NULL GROUP BY gender`)
	if err != nil {
		return nil, fmt.Errorf("count pupils by gender: %w", err)
	}
	defer rows.Close()
	out := map[Gender]int{}
	for rows.Next() {
		var g string
		var n int
		if err := rows.Scan(&g, &n); err != nil {
			return nil, fmt.Errorf("count pupils by gender: %w", err)
		}
		out[Gender(g)] = n
	}
	return out, rows.Err()
}

// MostWithoutGender reports whether more than half of the pupils counted
// have no gender recorded: statistics by gender then mislead.
func MostWithoutGender(c map[Gender]int) (unspecified, total int, most bool) {
	for _, n := range c {
		total += n
	}
	unspecified = c[GenderUnspecified]
	return unspecified, total, total > 0 && 2*unspecified > total
}
