package data

import (
	"context"
	"fmt"
)

// RestoreJourneyEntry takes a journey entry back from the bin (the undo of
// DeleteJourneyEntry).
func (s *Store) RestoreJourneyEntry(ctx context.Context, id string) error {
	return s.restore(ctx, "journey_entries", id)
}

// RestoreOffer takes an offer back from the bin (the undo of DeleteOffer).
func (s *Store) RestoreOffer(ctx context.Context, id string) error {
	return s.restore(ctx, "offers", id)
}

// OrganisationOfferCounts counts the live offers of each host, keyed by the
// host's id, for lists of companies.
func (s *Store) OrganisationOfferCounts(ctx context.Context) (map[string]int, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT host_id, count(*) FROM offers WHERE deleted_at IS NULL GROUP BY host_id`)
	if err != nil {
		return nil, fmt.Errorf("count offers: %w", err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var id string
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return nil, fmt.Errorf("count offers: %w", err)
		}
		out[id] = n
	}
	return out, rows.Err()
}
