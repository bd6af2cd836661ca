package data

import (
	"context"
	"fmt"
)

// PeriodOffer is what the statistics read of an offer: its host and how
// many programme days it has (0: none of its own).
type PeriodOffer struct {
	ID, HostID string
	Days       int
}

// PeriodOffers lists a period's live offers, without their texts.
func (s *Store) PeriodOffers(ctx context.Context, periodID string) ([]PeriodOffer, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT o.id, o.host_id, (SELECT count(*) FROM offer_days d WHERE d.offer_id = o.id)
		FROM offers o WHERE o.period_id = ? AND o.deleted_at IS NULL ORDER BY o.id`, periodID)
	if err != nil {
		return nil, fmt.Errorf("list offers for statistics: %w", err)
	}
	defer rows.Close()
	var out []PeriodOffer
	for rows.Next() {
		var o PeriodOffer
		if err := rows.Scan(&o.ID, &o.HostID, &o.Days); err != nil {
			return nil, fmt.Errorf("list offers for statistics: %w", err)
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// PlacementRank is a pupil's placement in a period, the rank the pupil
// gave that offer among their choices (0: not one of them) and the days
// they were recorded present there.
type PlacementRank struct {
	PupilID, OfferID string
	Rank             int
	Present          int
}

// PlacementRanks lists a period's live placements with their ranks and
// present days, in one query instead of reading every choice and every
// attendance row of the period.
func (s *Store) PlacementRanks(ctx context.Context, periodID string) ([]PlacementRank, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT a.pupil_id, a.offer_id, coalesce(p.rank, 0),
		(SELECT count(*) FROM attendance t WHERE t.pupil_id = a.pupil_id AND t.offer_id = a.offer_id AND t.status = 'present')
		FROM assignments a
		LEFT JOIN preferences p ON p.pupil_id = a.pupil_id AND p.offer_id = a.offer_id AND p.period_id = a.period_id
		WHERE a.period_id = ? AND a.deleted_at IS NULL ORDER BY a.pupil_id`, periodID)
	if err != nil {
		return nil, fmt.Errorf("list placements for statistics: %w", err)
	}
	defer rows.Close()
	var out []PlacementRank
	for rows.Next() {
		var p PlacementRank
		if err := rows.Scan(&p.PupilID, &p.OfferID, &p.Rank, &p.Present); err != nil {
			return nil, fmt.Errorf("list placements for statistics: %w", err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// ChoosingPupils lists the ids of the pupils with at least one choice in a
// period (ranks are always 1..n, so those with a first choice).
func (s *Store) ChoosingPupils(ctx context.Context, periodID string) ([]string, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT pupil_id FROM preferences WHERE period_id = ? AND rank = 1 ORDER BY pupil_id`, periodID)
	if err != nil {
		return nil, fmt.Errorf("list choosing pupils: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("list choosing pupils: %w", err)
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// StatisticsPupils lists the live pupils with only what statistics read:
// ID, SchoolID, FirstName, LastName (to blank names in comments), Grade,
// Gender and CreatedAt; the other fields are left empty.
func (s *Store) StatisticsPupils(ctx context.Context) ([]Pupil, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT id, school_id, first_name, last_name, grade, gender, created_at
		FROM pupils WHERE deleted_at IS NULL ORDER BY school_id, id`)
	if err != nil {
		return nil, fmt.Errorf("list pupils for statistics: %w", err)
	}
	defer rows.Close()
	var out []Pupil
	for rows.Next() {
		var p Pupil
		var gender, created string
		if err := rows.Scan(&p.ID, &p.SchoolID, &p.FirstName, &p.LastName, &p.Grade, &gender, &created); err != nil {
			return nil, fmt.Errorf("list pupils for statistics: %w", err)
		}
		p.Gender, p.CreatedAt = Gender(gender), parseTS(created)
		out = append(out, p)
	}
	return out, rows.Err()
}

// PlacementsPerOffer counts a period's live placements per offer id.
func (s *Store) PlacementsPerOffer(ctx context.Context, periodID string) (map[string]int, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT offer_id, count(*) FROM assignments
		WHERE period_id = ? AND deleted_at IS NULL GROUP BY offer_id`, periodID)
	if err != nil {
		return nil, fmt.Errorf("count placements per offer: %w", err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var id string
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return nil, fmt.Errorf("count placements per offer: %w", err)
		}
		out[id] = n
	}
	return out, rows.Err()
}
