package data

import (
	"context"
	"fmt"
)

// Overview holds the live counts shown on the Översikt screen.
type Overview struct {
	Schools           int
	Companies         int
	MemberCompanies   int
	People            int
	RoleModels        int
	Pupils            int
	ProtectedPupils   int
	Periods           int
	Offers            int
	ApprovedOffers    int
	Seats             int // capacity of approved offers
	PupilsWithChoices int
	Placed            int
	Events            int
	Registrations     int
}

// Empty reports whether the database holds nothing yet (a first start).
func (o Overview) Empty() bool {
	return o.Schools+o.Companies+o.People+o.Pupils+o.Periods+o.Offers+o.Events == 0
}

// overviewQuery is Overview's one read.
const overviewQuery = `SELECT
		(SELECT count(*) FROM organisations WHERE deleted_at IS NULL AND kind = 'school'),
		(SELECT count(*) FROM organisations WHERE deleted_at IS NULL AND kind = 'company'),
		(SELECT count(*) FROM organisations WHERE deleted_at IS NULL AND kind = 'company' AND member_since <> ''),
		(SELECT count(*) FROM people INDEXED BY people_count WHERE deleted_at IS NULL),
		(SELECT count(*) FROM people p INDEXED BY people_count WHERE p.deleted_at IS NULL
			AND EXISTS (SELECT 1 FROM person_roles r WHERE r.person_id = p.id AND r.role = 'role_model')),
		(SELECT count(*) FROM pupils INDEXED BY pupils_live WHERE deleted_at IS NULL),
		(SELECT count(*) FROM pupils INDEXED BY pupils_live WHERE deleted_at IS NULL AND protected = 1),
		(SELECT count(*) FROM periods WHERE deleted_at IS NULL),
		(SELECT count(*) FROM offers INDEXED BY offers_count WHERE deleted_at IS NULL),
		(SELECT count(*) FROM offers INDEXED BY offers_count WHERE deleted_at IS NULL AND status = 'approved'),
		(SELECT coalesce(sum(capacity), 0) FROM offers INDEXED BY offers_count WHERE deleted_at IS NULL AND status = 'approved'),
		(SELECT count(*) FROM preferences INDEXED BY preferences_rank1 WHERE rank = 1),
		(SELECT count(*) FROM assignments INDEXED BY assignments_live WHERE deleted_at IS NULL),
		(SELECT count(*) FROM events WHERE deleted_at IS NULL),
		(SELECT count(*) FROM registrations WHERE deleted_at IS NULL AND status <> 'cancelled')`

// Overview counts what the database holds, in one read. It is the first
// thing the window shows, on a cold cache: each count reads the smallest
// index that answers it (migration 0008 made them for it: each
// holds what its count tests, so no row is read).
func (s *Store) Overview(ctx context.Context) (Overview, error) {
	var o Overview
	err := s.q.QueryRowContext(ctx, overviewQuery).Scan(
		&o.Schools, &o.Companies, &o.MemberCompanies, &o.People, &o.RoleModels, &o.Pupils, &o.ProtectedPupils,
		&o.Periods, &o.Offers, &o.ApprovedOffers, &o.Seats, &o.PupilsWithChoices, &o.Placed, &o.Events, &o.Registrations)
	if err != nil {
		return o, fmt.Errorf("count overview: %w", err)
	}
	return o, nil
}

// PeriodOverview holds the counts of one period for the Praoperioder screen.
type PeriodOverview struct {
	Pupils            int // pupils of the period's grade at its schools
	PupilsWithChoices int
	Offers            int
	Seats             int
	Placed            int
	Days              int // weekdays in the period
}

// PeriodOverview counts one period.
func (s *Store) PeriodOverview(ctx context.Context, p Period) (PeriodOverview, error) {
	var o PeriodOverview
	err := s.q.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM pupils pu JOIN period_schools ps ON ps.school_id = pu.school_id AND ps.period_id = ?1
			WHERE pu.deleted_at IS NULL AND pu.grade = ?2),
		(SELECT count(*) FROM preferences WHERE period_id = ?1 AND rank = 1),
		(SELECT count(*) FROM offers WHERE deleted_at IS NULL AND period_id = ?1),
		(SELECT coalesce(sum(capacity), 0) FROM offers WHERE deleted_at IS NULL AND period_id = ?1),
		(SELECT count(*) FROM assignments WHERE deleted_at IS NULL AND period_id = ?1)`, p.ID, p.Grade).Scan(
		&o.Pupils, &o.PupilsWithChoices, &o.Offers, &o.Seats, &o.Placed)
	if err != nil {
		return o, fmt.Errorf("count period %s: %w", p.Name, err)
	}
	o.Days = len(Weekdays(p.Start, p.End))
	return o, nil
}
