package data

import (
	"context"
	"sort"
	"strconv"
	"strings"

	"techniqual/data/text"
)

// SheetOffer is one offer of a choices sheet, with its code and the folded
// text a search matches ("host title", accents and case folded).
type SheetOffer struct {
	Offer Offer
	Code  int
	Host  string
	fold  string
}

// Label is the offer as the grid shows it: "12 Host – Title".
func (o SheetOffer) Label() string {
	return strconv.Itoa(o.Code) + " " + o.Host + " – " + o.Offer.Title
}

// ChoiceSheet is what the choices grid of one class needs: the period, the
// class's pupils, every live offer of the period with its code, each
// pupil's choices (offer ids by rank) and friends (pupil ids).
type ChoiceSheet struct {
	Period  Period
	Pupils  []Pupil
	Offers  []SheetOffer // by code
	Choices map[string][]string
	Friends map[string][]string
	byID    map[string]int
}

// LoadChoiceSheet reads the choices sheet of a class (or of a whole school
// when class is "") for a period.
func (s *Store) LoadChoiceSheet(ctx context.Context, periodID, schoolID, class string) (*ChoiceSheet, error) {
	per, err := s.GetPeriod(ctx, periodID)
	if err != nil {
		return nil, err
	}
	c := &ChoiceSheet{Period: per, Choices: map[string][]string{}, Friends: map[string][]string{}, byID: map[string]int{}}
	if c.Pupils, err = s.ListPupils(ctx, PupilFilter{SchoolID: schoolID, ClassName: class}); err != nil {
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
	orgs, err := s.ListOrganisations(ctx, KindCompany)
	if err != nil {
		return nil, err
	}
	hosts := map[string]string{}
	for _, o := range orgs {
		hosts[o.ID] = o.Name
	}
	for _, o := range offers {
		h := hosts[o.HostID]
		c.Offers = append(c.Offers, SheetOffer{Offer: o, Code: codes[o.ID], Host: h, fold: text.Fold(h + " " + o.Title)})
	}
	sort.Slice(c.Offers, func(i, j int) bool { return c.Offers[i].Code < c.Offers[j].Code })
	for i, o := range c.Offers {
		c.byID[o.Offer.ID] = i
	}
	prefs, err := s.ListPreferences(ctx, per.ID)
	if err != nil {
		return nil, err
	}
	for _, p := range prefs { // by pupil and rank
		c.Choices[p.PupilID] = append(c.Choices[p.PupilID], p.OfferID)
	}
	pairs, err := s.ListFriendPairs(ctx, per.ID)
	if err != nil {
		return nil, err
	}
	for _, f := range pairs {
		c.Friends[f.PupilA] = append(c.Friends[f.PupilA], f.PupilB)
		c.Friends[f.PupilB] = append(c.Friends[f.PupilB], f.PupilA)
	}
	return c, nil
}

// Offer returns the sheet's offer with that id.
func (c *ChoiceSheet) Offer(id string) (SheetOffer, bool) {
	i, ok := c.byID[id]
	if !ok {
		return SheetOffer{}, false
	}
	return c.Offers[i], true
}

// Refusal says why a typed code or search gave no offer to take.
type Refusal string

// The refusals of ChoiceSheet.Find.
const (
	RefuseNone        Refusal = ""             // found
	RefuseNoCode      Refusal = "no_code"      // no offer has that code
	RefuseNoMatch     Refusal = "no_match"     // no offer the pupil may take matches the words
	RefuseNotApproved Refusal = "not_approved" // the offer is not approved
	RefuseGrade       Refusal = "grade"        // the pupil is not in the period's grade
	RefuseTooYoung    Refusal = "too_young"    // the pupil is under the offer's least age
	RefuseChosen      Refusal = "chosen"       // the pupil has already chosen it
)

// refusal says why p may not choose o (RefuseNone when they may).
func refusal(p Pupil, per Period, o Offer) Refusal {
	switch {
	case o.Status != OfferApproved:
		return RefuseNotApproved
	case p.Grade != per.Grade:
		return RefuseGrade
	case !MayChoose(p, per, o):
		return RefuseTooYoung
	}
	return RefuseNone
}

// Find looks up what was typed for pupil p: a number is an offer's code,
// anything else words that must all be in the host's name or the offer's
// title (accents and case do not matter). Only offers p may take and has
// not chosen already (other than the one in the cell being typed, keep) are
// found. It returns the matching offers (indexes in Offers), and when there
// is none the reason.
func (c *ChoiceSheet) Find(p Pupil, query, keep string) ([]int, Refusal) {
	query = strings.TrimSpace(query)
	if query == "" {
		return nil, RefuseNoMatch
	}
	chosen := map[string]bool{}
	for _, id := range c.Choices[p.ID] {
		if id != keep {
			chosen[id] = true
		}
	}
	if n, err := strconv.Atoi(query); err == nil {
		for i, o := range c.Offers {
			if o.Code != n {
				continue
			}
			if r := refusal(p, c.Period, o.Offer); r != RefuseNone {
				return nil, r
			}
			if chosen[o.Offer.ID] {
				return nil, RefuseChosen
			}
			return []int{i}, RefuseNone
		}
		return nil, RefuseNoCode
	}
	words := strings.Fields(text.Fold(query))
	var out []int
	for i, o := range c.Offers {
		ok := refusal(p, c.Period, o.Offer) == RefuseNone && !chosen[o.Offer.ID]
		for _, w := range words {
			ok = ok && strings.Contains(o.fold, w)
		}
		if ok {
			out = append(out, i)
		}
	}
	if len(out) == 0 {
		return nil, RefuseNoMatch
	}
	return out, RefuseNone
}

// Eligible counts the offers p may take.
func (c *ChoiceSheet) Eligible(p Pupil) int {
	n := 0
	for _, o := range c.Offers {
		if MayChoose(p, c.Period, o.Offer) {
			n++
		}
	}
	return n
}

// SetChoice puts offer id at rank k (0-based) of p's choices: into the
// cell when it is filled, else after the last choice (ranks have no gaps).
// An empty id removes the choice at k and moves the later ones up. It
// returns the new list, not saved.
func (c *ChoiceSheet) SetChoice(pupilID string, k int, id string) []string {
	cur := append([]string(nil), c.Choices[pupilID]...)
	switch {
	case id == "" && k < len(cur):
		cur = append(cur[:k], cur[k+1:]...)
	case id == "":
	case k < len(cur):
		cur[k] = id
	case len(cur) < MaxChoices:
		cur = append(cur, id)
	}
	return cur
}
