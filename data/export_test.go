package data

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"techniqual/data/match"
)

// This file keeps the loaders of a period's allocation problem as they were
// before issue #16 (goal 3), as an independent reference: the tests check
// that LoadAllocation and ListOffers give exactly what these gave.

// CopyFile is copyFile, for tests outside the package.
func CopyFile(src, out string) error { return copyFile(src, out) }

// SplitChoicesFrom sets the number of pupils with choices from which
// LoadAllocation reads them in two halves, and returns a function that
// puts it back.
func SplitChoicesFrom(n int) (restore func()) {
	old := splitChoicesFrom
	splitChoicesFrom = n
	return func() { splitChoicesFrom = old }
}

// ListOffersReference is ListOffers as it was: one query for the offers,
// one for their days with a correlated group_concat of each block's role
// models, one for the offers' role models.
func (s *Store) ListOffersReference(ctx context.Context, f OfferFilter) ([]Offer, error) {
	where, args := offersWhere(f)
	return s.listOffersReference(ctx, where, args...)
}

// LoadAllocationReference is LoadAllocation as it was: every listing read
// in full, one after the other, through the general listings.
func (s *Store) LoadAllocationReference(ctx context.Context, periodID string) (*Allocation, error) {
	per, err := s.GetPeriod(ctx, periodID)
	if err != nil {
		return nil, err
	}
	offers, err := s.listOffersReference(ctx, "AND period_id = ?", per.ID)
	if err != nil {
		return nil, err
	}
	prefs, err := s.ListPreferences(ctx, per.ID)
	if err != nil {
		return nil, err
	}
	rows, err := s.ListAssignments(ctx, per.ID)
	if err != nil {
		return nil, err
	}
	friends, err := s.ListFriendPairs(ctx, per.ID)
	if err != nil {
		return nil, err
	}
	// The period's grade is read in one go; the few pupils of other grades
	// who have choices or a placement in the period are fetched one by one.
	all, err := s.ListPupils(ctx, PupilFilter{Grade: per.Grade})
	if err != nil {
		return nil, err
	}
	a := &Allocation{Period: per, Offers: offers, pupilIndex: map[string]int{}, offerIndex: make(map[string]int, len(offers))}
	for j, o := range offers {
		a.offerIndex[o.ID] = j
	}
	involved := map[string]bool{}
	for _, p := range prefs {
		involved[p.PupilID] = true
	}
	for _, r := range rows {
		involved[r.PupilID] = true
	}
	lockedAway := map[string]bool{}
	for _, r := range rows {
		if _, ok := a.offerIndex[r.OfferID]; r.Locked && !ok {
			lockedAway[r.PupilID] = true
		}
	}
	have := make(map[string]bool, len(all))
	for _, p := range all {
		have[p.ID] = true
	}
	var others []string
	for id := range involved {
		if !have[id] {
			others = append(others, id)
		}
	}
	slices.Sort(others) // a stable order of pupils, run after run
	for _, id := range others {
		p, err := s.GetPupil(ctx, id)
		if errors.Is(err, ErrNotFound) {
			continue // deleted since they chose
		}
		if err != nil {
			return nil, err
		}
		all = append(all, p)
	}
	schools := map[string]bool{}
	for _, id := range per.SchoolIDs {
		schools[id] = true
	}
	for _, p := range all {
		ofPeriod := p.Grade == per.Grade && (len(schools) == 0 || schools[p.SchoolID])
		if (ofPeriod || involved[p.ID]) && !lockedAway[p.ID] {
			a.pupilIndex[p.ID] = len(a.Pupils)
			a.Pupils = append(a.Pupils, p)
		}
	}

	in := &match.Instance{Pupils: make([]match.Pupil, len(a.Pupils)), Offers: make([]match.Offer, len(offers))}
	for j, o := range offers {
		first := per.Start
		if len(o.Days) > 0 && !o.Days[0].Date.IsZero() {
			first = o.Days[0].Date
		}
		in.Offers[j] = match.Offer{Key: o.ID, Period: per.ID, Grade: per.Grade, Capacity: o.Capacity,
			Approved: o.Status == OfferApproved, MinAge: o.MinAge, FirstDay: first}
	}
	a.Current = make([]Placement, len(a.Pupils))
	for i, p := range a.Pupils {
		in.Pupils[i] = match.Pupil{Key: p.ID, Period: per.ID, Grade: p.Grade, BirthDate: p.BirthDate,
			Gender: matchGender(p.Gender), Locked: match.NoOffer}
		a.Current[i] = Placement{Offer: match.NoOffer}
	}
	for _, pr := range prefs { // ordered by pupil and rank
		i, ok := a.pupilIndex[pr.PupilID]
		j, ok2 := a.offerIndex[pr.OfferID]
		if !ok || !ok2 || len(in.Pupils[i].Choices) >= MaxChoices || slices.Contains(in.Pupils[i].Choices, j) {
			continue
		}
		in.Pupils[i].Choices = append(in.Pupils[i].Choices, j)
	}
	for _, r := range rows {
		i, ok := a.pupilIndex[r.PupilID]
		j, ok2 := a.offerIndex[r.OfferID]
		if !ok || !ok2 {
			continue
		}
		a.Current[i] = Placement{Offer: j, Locked: r.Locked, Source: r.Source}
		if r.Locked {
			in.Pupils[i].Locked = j
		}
	}
	for _, f := range friends {
		i, ok := a.pupilIndex[f.PupilA]
		k, ok2 := a.pupilIndex[f.PupilB]
		if ok && ok2 && i != k {
			in.Friends = append(in.Friends, [2]int{i, k})
		}
	}
	a.Instance = in
	return a, nil
}

func (s *Store) listOffersReference(ctx context.Context, where string, args ...any) ([]Offer, error) {
	rows, err := s.q.QueryContext(ctx, "SELECT "+offerColumns+" FROM offers WHERE deleted_at IS NULL "+where+
		" ORDER BY period_id, title COLLATE NOCASE, id", args...)
	if err != nil {
		return nil, fmt.Errorf("list offers: %w", err)
	}
	n := s.countHint(ctx, "SELECT count(*) FROM offers WHERE deleted_at IS NULL "+where, args...)
	out := make([]Offer, 0, n)
	index := make(map[string]int, n)
	for rows.Next() {
		var o Offer
		var status, created, updated string
		var sf [5]int
		if err := rows.Scan(&o.ID, &o.HostID, &o.PeriodID, &o.Title, &o.Description, &o.Capacity, &o.VisitingAddress,
			&o.SupervisorID, &o.MinAge, &o.WhatToBring, &o.TravelInfo, &o.LunchInfo, &sf[0], &sf[1], &sf[2], &sf[3], &sf[4],
			&status, &created, &updated); err != nil {
			rows.Close()
			return nil, fmt.Errorf("list offers: %w", err)
		}
		o.Safety = Safety{sf[0] == 1, sf[1] == 1, sf[2] == 1, sf[3] == 1, sf[4] == 1}
		o.Status, o.CreatedAt, o.UpdatedAt = OfferStatus(status), parseTS(created), parseTS(updated)
		index[o.ID] = len(out)
		out = append(out, o)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, nil // as before: no rows gives nil
	}
	// Days and role models of every listed offer in two queries, not 2n.
	days, err := s.q.QueryContext(ctx, `SELECT d.offer_id, d.id, d.date, d.start_time, d.end_time, d.break_minutes, d.activities,
		d.teams_max, coalesce((SELECT group_concat(person_id) FROM (SELECT person_id FROM offer_day_role_models r
		WHERE r.offer_day_id = d.id ORDER BY r.position)), '')
		FROM offer_days d WHERE d.offer_id IN (SELECT id FROM offers WHERE deleted_at IS NULL `+where+`)
		ORDER BY d.offer_id, d.date, d.start_time`, args...)
	if err != nil {
		return nil, fmt.Errorf("list offer days: %w", err)
	}
	for days.Next() {
		var oid, date, start, end, models string
		var d OfferDay
		if err := days.Scan(&oid, &d.ID, &date, &start, &end, &d.BreakMinutes, &d.Activities, &d.TeamsMax, &models); err != nil {
			days.Close()
			return nil, fmt.Errorf("list offer days: %w", err)
		}
		d.Date = mustDate(date)
		d.Start, _ = ParseClock(start)
		d.End, _ = ParseClock(end)
		d.RoleModelIDs = splitList(models)
		if i, ok := index[oid]; ok {
			out[i].Days = append(out[i].Days, d)
		}
	}
	days.Close()
	if err := days.Err(); err != nil {
		return nil, err
	}
	rms, err := s.q.QueryContext(ctx, `SELECT r.offer_id, r.person_id FROM offer_role_models r
		WHERE r.offer_id IN (SELECT id FROM offers WHERE deleted_at IS NULL `+where+`) ORDER BY r.offer_id, r.position`, args...)
	if err != nil {
		return nil, fmt.Errorf("list role models: %w", err)
	}
	defer rms.Close()
	for rms.Next() {
		var oid, pid string
		if err := rms.Scan(&oid, &pid); err != nil {
			return nil, fmt.Errorf("list role models: %w", err)
		}
		if i, ok := index[oid]; ok {
			out[i].RoleModelIDs = append(out[i].RoleModelIDs, pid)
		}
	}
	return out, rms.Err()
}
