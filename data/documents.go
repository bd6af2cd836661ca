package data

import (
	"bytes"
	"context"
	"fmt"
	"sort"
	"techniqual/data/text"

	"golang.org/x/text/collate"
)

// DocFilter narrows the printed documents of a period to one school, class,
// pupil or offer; zero fields match everything. ClassName without SchoolID
// matches that class name in every school.
type DocFilter struct {
	SchoolID  string
	ClassName string
	PupilID   string
	OfferID   string
}

// ScheduleDoc is everything the printed documents of one placed pupil need:
// the pupil's schedule, attendance card and certificate, and their line in
// the host's confirmation. Pointers are nil when the person is not recorded.
type ScheduleDoc struct {
	Pupil      Pupil
	School     Organisation
	Counsellor *Person // the school's study and career counsellor
	Period     Period
	Assignment Assignment
	Offer      Offer
	Host       Organisation
	Supervisor *Person
	RoleModels []Person     // the people the pupil meets, in the host's order
	Attendance []Attendance // recorded days at this offer, by date
}

// HostDoc is one offer's host confirmation: the offer and the placed pupils
// coming to it (each with their school and its counsellor).
type HostDoc struct {
	Period     Period
	Offer      Offer
	Host       Organisation
	Supervisor *Person
	Pupils     []ScheduleDoc
}

// DocumentsForPeriod loads the documents of every placed pupil of a period
// that matches f, sorted by school, class, last and first name (Swedish
// order: å, ä, ö after z). A period that does not exist gives ErrNotFound;
// a period without placements gives an empty list.
func (s *Store) DocumentsForPeriod(ctx context.Context, periodID string, f DocFilter) ([]ScheduleDoc, error) {
	per, err := s.GetPeriod(ctx, periodID)
	if err != nil {
		return nil, err
	}
	as, err := s.ListAssignments(ctx, per.ID)
	if err != nil {
		return nil, err
	}
	if len(as) == 0 {
		return nil, nil
	}
	pupils, err := s.ListPupils(ctx, PupilFilter{SchoolID: f.SchoolID, ClassName: f.ClassName})
	if err != nil {
		return nil, err
	}
	pupilByID := make(map[string]Pupil, len(pupils))
	for _, p := range pupils {
		pupilByID[p.ID] = p
	}
	offers, err := s.ListOffers(ctx, OfferFilter{PeriodID: per.ID})
	if err != nil {
		return nil, err
	}
	offerByID := make(map[string]Offer, len(offers))
	for _, o := range offers {
		offerByID[o.ID] = o
	}
	orgs, err := s.ListOrganisations(ctx, "")
	if err != nil {
		return nil, err
	}
	orgByID := make(map[string]Organisation, len(orgs))
	for _, o := range orgs {
		orgByID[o.ID] = o
	}
	people, err := s.ListPeople(ctx, PersonFilter{})
	if err != nil {
		return nil, err
	}
	personByID := make(map[string]*Person, len(people))
	counsellorOf := map[string]*Person{} // school id → its first counsellor by name
	for i := range people {
		p := &people[i]
		personByID[p.ID] = p
		if p.HasRole(RoleCounsellor) && p.OrganisationID != "" && counsellorOf[p.OrganisationID] == nil {
			counsellorOf[p.OrganisationID] = p
		}
	}
	attendance, err := s.periodAttendance(ctx, per.ID)
	if err != nil {
		return nil, err
	}

	var out []ScheduleDoc
	for _, a := range as {
		if (f.PupilID != "" && a.PupilID != f.PupilID) || (f.OfferID != "" && a.OfferID != f.OfferID) {
			continue
		}
		p, ok := pupilByID[a.PupilID]
		if !ok {
			continue // deleted, or outside the filter
		}
		o, ok := offerByID[a.OfferID]
		if !ok {
			continue // the offer was deleted
		}
		d := ScheduleDoc{Pupil: p, School: orgByID[p.SchoolID], Counsellor: counsellorOf[p.SchoolID], Period: per,
			Assignment: a, Offer: o, Host: orgByID[o.HostID], Supervisor: personByID[o.SupervisorID]}
		for _, id := range o.RoleModelIDs {
			if rm := personByID[id]; rm != nil {
				d.RoleModels = append(d.RoleModels, *rm)
			}
		}
		for _, at := range attendance[p.ID] {
			if at.OfferID == o.ID {
				d.Attendance = append(d.Attendance, at)
			}
		}
		out = append(out, d)
	}
	sortDocs(out)
	return out, nil
}

// periodAttendance reads the attendance recorded at the offers of a period,
// by pupil, each pupil's days in date order.
func (s *Store) periodAttendance(ctx context.Context, periodID string) (map[string][]Attendance, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT pupil_id, offer_id, date, status, note FROM attendance
		WHERE offer_id IN (SELECT id FROM offers WHERE period_id = ? AND deleted_at IS NULL)
		ORDER BY pupil_id, date`, periodID)
	if err != nil {
		return nil, fmt.Errorf("list attendance: %w", err)
	}
	defer rows.Close()
	out := map[string][]Attendance{}
	for rows.Next() {
		var a Attendance
		var date, status string
		if err := rows.Scan(&a.PupilID, &a.OfferID, &date, &status, &a.Note); err != nil {
			return nil, fmt.Errorf("list attendance: %w", err)
		}
		a.Date, a.Status = mustDate(date), AttendanceStatus(status)
		out[a.PupilID] = append(out[a.PupilID], a)
	}
	return out, rows.Err()
}

// swedish compares names the way a Swedish class list is sorted.
func swedish() *collate.Collator { return text.Collator() }

// sortDocs orders documents by school name, class, last and first name.
// Collation keys are made once per document, not at every comparison.
func sortDocs(ds []ScheduleDoc) {
	c := swedish()
	var buf collate.Buffer // never reset: the keys point into it
	type entry struct {
		keys [6][]byte
		doc  ScheduleDoc
	}
	es := make([]entry, len(ds))
	for i, d := range ds {
		es[i] = entry{doc: d, keys: [6][]byte{c.KeyFromString(&buf, d.School.Name), []byte(d.School.ID),
			c.KeyFromString(&buf, d.Pupil.ClassName), c.KeyFromString(&buf, d.Pupil.LastName),
			c.KeyFromString(&buf, d.Pupil.FirstName), []byte(d.Pupil.ID)}}
	}
	sort.SliceStable(es, func(i, j int) bool {
		for k := range es[i].keys {
			if r := bytes.Compare(es[i].keys[k], es[j].keys[k]); r != 0 {
				return r < 0
			}
		}
		return false
	})
	for i := range es {
		ds[i] = es[i].doc
	}
}

// GroupByOffer turns pupils' documents into one host confirmation per offer,
// ordered by host and offer title; each offer's pupils keep the order of ds.
// Offers without a pupil in ds get no confirmation.
func GroupByOffer(ds []ScheduleDoc) []HostDoc {
	index := map[string]int{}
	var out []HostDoc
	for _, d := range ds {
		i, ok := index[d.Offer.ID]
		if !ok {
			i = len(out)
			index[d.Offer.ID] = i
			out = append(out, HostDoc{Period: d.Period, Offer: d.Offer, Host: d.Host, Supervisor: d.Supervisor})
		}
		out[i].Pupils = append(out[i].Pupils, d)
	}
	c := swedish()
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if r := c.CompareString(a.Host.Name, b.Host.Name); r != 0 {
			return r < 0
		}
		if r := c.CompareString(a.Offer.Title, b.Offer.Title); r != 0 {
			return r < 0
		}
		return a.Offer.ID < b.Offer.ID
	})
	return out
}
