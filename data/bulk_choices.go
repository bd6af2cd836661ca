package data

import (
	"context"
	"fmt"
	"strings"
)

// PupilChoices is one pupil's ranked choices for AddChoices.
type PupilChoices struct {
	PupilID  string
	OfferIDs []string // rank 1 first
	// IDs, when set, are the keys of the choices' rows, one per offer
	// (example data draws them from its seed in the order it always has);
	// otherwise the Store makes them.
	IDs []string
}

// addChoicesBatch is how many choices one statement of AddChoices inserts.
const addChoicesBatch = 100

// AddChoices saves the choices of many pupils in one period, pupils who
// have none in it yet (new pupils: example data, a first import). It
// checks what SetPreferences checks (at most MaxChoices, no offer twice,
// every offer in the period), but inserts a hundred choices a statement:
// a pupil's choices cost a fifth of a statement instead of six. All or
// nothing: a pupil who already has choices in the period, or any choice
// refused, leaves nothing saved.
func (s *Store) AddChoices(ctx context.Context, periodID string, choices []PupilChoices) error {
	type row struct {
		id, pupil, offer string
		rank             int
	}
	var rows []row
	for _, c := range choices {
		v := validator{entity: "preferences"}
		if len(c.OfferIDs) > MaxChoices {
			v.addData("offers", "err.too_many_choices", "Högst {{.Max}} val.", fmt.Sprintf("at most %d choices", MaxChoices),
				map[string]string{"Max": fmt.Sprint(MaxChoices)})
		}
		if c.IDs != nil && len(c.IDs) != len(c.OfferIDs) {
			return fmt.Errorf("save choices of pupil %s: %d keys for %d choices", c.PupilID, len(c.IDs), len(c.OfferIDs))
		}
		seen := map[string]bool{}
		for i, id := range c.OfferIDs {
			if seen[id] {
				v.add("offers", "err.duplicate_choice", "Samma praoplats är vald två gånger.", "the same offer is chosen twice")
				break
			}
			seen[id] = true
			key := ""
			if c.IDs != nil {
				key = c.IDs[i]
			}
			rows = append(rows, row{key, c.PupilID, id, i + 1})
		}
		if err := v.err(); err != nil {
			return err
		}
	}
	now := formatTS(s.now())
	err := s.InTx(ctx, func(tx *Store) error {
		for start := 0; start < len(rows); start += addChoicesBatch {
			batch := rows[start:min(start+addChoicesBatch, len(rows))]
			args := make([]any, 0, 4*len(batch)+4)
			args = append(args, periodID, now, now) // the SELECT's own, first in the text
			for _, r := range batch {
				if r.id == "" {
					r.id = tx.newID()
				}
				args = append(args, r.id, r.pupil, r.offer, r.rank)
			}
			args = append(args, periodID)
			// The join keeps only offers of the period: fewer rows inserted
			// than given means a choice outside it.
			res, err := tx.exec(ctx, `INSERT INTO preferences (id, pupil_id, offer_id, rank, period_id, created_at, updated_at)
				SELECT v.column1, v.column2, v.column3, v.column4, ?, ?, ? FROM (VALUES `+
				strings.Repeat("(?,?,?,?),", len(batch)-1)+`(?,?,?,?)) AS v
				JOIN offers o ON o.id = v.column3 AND o.period_id = ? AND o.deleted_at IS NULL`, args...)
			if err != nil {
				return err
			}
			if n, err := res.RowsAffected(); err != nil || n != int64(len(batch)) {
				return &ValidationError{Fields: []FieldError{{Entity: "preferences", Field: "offers", Key: "err.offer_not_in_period",
					Text: "Praoplatsen hör inte till praoperioden.", Reason: "an offer is not in the period"}}}
			}
		}
		return nil
	})
	return translate("save choices", err)
}
