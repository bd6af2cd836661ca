package data

import (
	"context"
	"sort"
)

// CatalogueEntry is one offer of the printed offer catalogue: its short
// code, the host, what the pupil will do and the people they will meet.
type CatalogueEntry struct {
	Code       int
	Offer      Offer
	Host       Organisation
	Supervisor *Person
	RoleModels []Person
}

// Catalogue is a period's offer catalogue: the approved offers by code, and
// the pupils it is printed for (the period's pupils that match the filter),
// each of whom gets a reply slip for their five codes.
type Catalogue struct {
	Period  Period
	Entries []CatalogueEntry
	Pupils  []Pupil
	Schools map[string]Organisation // by id, for the slips
}

// periodPupils returns the live pupils of a period (its grade and schools)
// that match f, sorted by school, class and name.
func (s *Store) periodPupils(ctx context.Context, per Period, f DocFilter) ([]Pupil, error) {
	all, err := s.ListPupils(ctx, PupilFilter{SchoolID: f.SchoolID, ClassName: f.ClassName, Grade: per.Grade})
	if err != nil {
		return nil, err
	}
	schools := map[string]bool{}
	for _, id := range per.SchoolIDs {
		schools[id] = true
	}
	var out []Pupil
	for _, p := range all {
		if (len(schools) == 0 || schools[p.SchoolID]) && (f.PupilID == "" || p.ID == f.PupilID) {
			out = append(out, p)
		}
	}
	return out, nil
}

// PeriodCatalogue loads a period's offer catalogue. Without a school or
// class in f it lists every approved offer; with one, only the offers that
// at least one of those pupils may take (MayChoose), and those pupils.
func (s *Store) PeriodCatalogue(ctx context.Context, periodID string, f DocFilter) (Catalogue, error) {
	per, err := s.GetPeriod(ctx, periodID)
	if err != nil {
		return Catalogue{}, err
	}
	c := Catalogue{Period: per, Schools: map[string]Organisation{}}
	codes, err := s.OfferCodes(ctx, per.ID)
	if err != nil {
		return c, err
	}
	offers, err := s.ListOffers(ctx, OfferFilter{PeriodID: per.ID, Status: OfferApproved})
	if err != nil {
		return c, err
	}
	scoped := f.SchoolID != "" || f.ClassName != ""
	if scoped {
		if c.Pupils, err = s.periodPupils(ctx, per, f); err != nil {
			return c, err
		}
	}
	orgs, people, err := s.orgsAndPeople(ctx)
	if err != nil {
		return c, err
	}
	for _, p := range c.Pupils {
		c.Schools[p.SchoolID] = orgs[p.SchoolID]
	}
	for _, o := range offers {
		if scoped {
			ok := false
			for _, p := range c.Pupils {
				if MayChoose(p, per, o) {
					ok = true
					break
				}
			}
			if !ok {
				continue
			}
		}
		e := CatalogueEntry{Code: codes[o.ID], Offer: o, Host: orgs[o.HostID], Supervisor: people[o.SupervisorID]}
		for _, id := range o.RoleModelIDs {
			if rm := people[id]; rm != nil {
				e.RoleModels = append(e.RoleModels, *rm)
			}
		}
		c.Entries = append(c.Entries, e)
	}
	sort.Slice(c.Entries, func(i, j int) bool { return c.Entries[i].Code < c.Entries[j].Code })
	return c, nil
}

// orgsAndPeople reads every organisation and person by id.
func (s *Store) orgsAndPeople(ctx context.Context) (map[string]Organisation, map[string]*Person, error) {
	orgs, err := s.ListOrganisations(ctx, "")
	if err != nil {
		return nil, nil, err
	}
	orgByID := make(map[string]Organisation, len(orgs))
	for _, o := range orgs {
		orgByID[o.ID] = o
	}
	people, err := s.ListPeople(ctx, PersonFilter{})
	if err != nil {
		return nil, nil, err
	}
	byID := make(map[string]*Person, len(people))
	for i := range people {
		byID[people[i].ID] = &people[i]
	}
	return orgByID, byID, nil
}

// GuardianLetterDoc is one pupil's guardian information letter: the pupil,
// their school and its counsellor, the placement when there is one, the
// school's own texts (by language, "" for the built-in one) and the reply
// recorded so far.
type GuardianLetterDoc struct {
	Period     Period
	Pupil      Pupil
	School     Organisation
	Counsellor *Person
	Placement  *ScheduleDoc // nil before the pupil is placed
	Texts      map[string]string
	Reply      *GuardianReply
}

// GuardianLetters loads the guardian letters of a period's pupils that
// match f, sorted by school, class and name.
func (s *Store) GuardianLetters(ctx context.Context, periodID string, f DocFilter) ([]GuardianLetterDoc, error) {
	per, err := s.GetPeriod(ctx, periodID)
	if err != nil {
		return nil, err
	}
	pupils, err := s.periodPupils(ctx, per, f)
	if err != nil {
		return nil, err
	}
	docs, err := s.DocumentsForPeriod(ctx, per.ID, f)
	if err != nil {
		return nil, err
	}
	placed := make(map[string]*ScheduleDoc, len(docs))
	for i := range docs {
		placed[docs[i].Pupil.ID] = &docs[i]
	}
	orgs, people, err := s.orgsAndPeople(ctx)
	if err != nil {
		return nil, err
	}
	counsellor := map[string]*Person{}
	ps := make([]*Person, 0, len(people))
	for _, p := range people {
		ps = append(ps, p)
	}
	sort.Slice(ps, func(i, j int) bool { return ps[i].LastName+ps[i].FirstName < ps[j].LastName+ps[j].FirstName })
	for _, p := range ps {
		if p.HasRole(RoleCounsellor) && p.OrganisationID != "" && counsellor[p.OrganisationID] == nil {
			counsellor[p.OrganisationID] = p
		}
	}
	replies, err := s.GuardianReplies(ctx, per.ID)
	if err != nil {
		return nil, err
	}
	texts := map[string]map[string]string{}
	out := make([]GuardianLetterDoc, 0, len(pupils))
	for _, p := range pupils {
		t, ok := texts[p.SchoolID]
		if !ok {
			t = map[string]string{}
			for _, l := range []string{"sv", "en"} {
				if t[l], err = s.GuardianLetterText(ctx, p.SchoolID, l); err != nil {
					return nil, err
				}
			}
			texts[p.SchoolID] = t
		}
		d := GuardianLetterDoc{Period: per, Pupil: p, School: orgs[p.SchoolID], Counsellor: counsellor[p.SchoolID],
			Placement: placed[p.ID], Texts: t}
		if r, ok := replies[p.ID]; ok {
			d.Reply = &r
		}
		out = append(out, d)
	}
	return out, nil
}

// RiskDoc is one offer's risk assessment document, for the school to read
// and sign.
type RiskDoc struct {
	Period     Period
	Code       int
	Offer      Offer
	Host       Organisation
	Supervisor *Person
	Assessment RiskAssessment // empty when the host has not filled it in
	Pupils     int            // the placed pupils (of the chosen school or class) at the offer
}

// RiskDocs loads the risk assessment documents of a period. Without a
// school or class in f it gives every approved offer; with one, the offers
// where those pupils are placed. Sorted by code.
func (s *Store) RiskDocs(ctx context.Context, periodID string, f DocFilter) ([]RiskDoc, error) {
	per, err := s.GetPeriod(ctx, periodID)
	if err != nil {
		return nil, err
	}
	codes, err := s.OfferCodes(ctx, per.ID)
	if err != nil {
		return nil, err
	}
	offers, err := s.ListOffers(ctx, OfferFilter{PeriodID: per.ID})
	if err != nil {
		return nil, err
	}
	docs, err := s.DocumentsForPeriod(ctx, per.ID, f)
	if err != nil {
		return nil, err
	}
	count := map[string]int{}
	for _, d := range docs {
		count[d.Offer.ID]++
	}
	scoped := f.SchoolID != "" || f.ClassName != ""
	risks, err := s.RiskAssessments(ctx, per.ID)
	if err != nil {
		return nil, err
	}
	orgs, people, err := s.orgsAndPeople(ctx)
	if err != nil {
		return nil, err
	}
	var out []RiskDoc
	for _, o := range offers {
		if scoped && count[o.ID] == 0 || !scoped && o.Status != OfferApproved && count[o.ID] == 0 {
			continue
		}
		r, ok := risks[o.ID]
		if !ok {
			r = RiskAssessment{OfferID: o.ID}
		}
		out = append(out, RiskDoc{Period: per, Code: codes[o.ID], Offer: o, Host: orgs[o.HostID], Supervisor: people[o.SupervisorID],
			Assessment: r, Pupils: count[o.ID]})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out, nil
}
