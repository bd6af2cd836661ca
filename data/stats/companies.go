package stats

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"techniqual/data"
)

// CompanyFigures are the network's company figures for a range of dates.
// Only the pupils hosted are counts of pupils, and only they are
// suppressed; the rest count companies, their staff who stand up as role
// models, their journey entries and their visits to events — adults at
// work, not minors, so no group is too small to show.
type CompanyFigures struct {
	From, To time.Time

	// Members is the count of member companies at the end of each of the
	// years up to the range's end, oldest first.
	Members []MemberYear

	// Hosted is the pupils placed at each company's offers in the range's
	// periods (placements: a pupil in two periods counts twice), most first,
	// every company with a placement; a count under 5 is hidden, and more
	// where the total would give one away or the hidden ones would add up
	// to under 5 (so "other companies" is no small group: the placed
	// pupils of the statistics are the total too). HostedOther sums the
	// hidden ones (for a chart's "other companies" bar), HostedTotal all.
	// When HostedOther is itself under 5, the total is hidden too.
	Hosted      []HostedRow
	HostedOther Cell
	HostedTotal Cell

	// RoleModels are the role models at companies per profession (a
	// person's title), most first; RoleModelCount counts them all. The
	// register holds today's role models, so this is not per year.
	RoleModels     []ProfessionRow
	RoleModelCount int

	// Journey is the companies' journey entries per year, the same years as
	// Members.
	Journey []JourneyYear

	// Events is the attendance at the events that start in the range, per
	// company whose people came, most visits first; EventCount counts the
	// range's events.
	Events     []CompanyEvents
	EventCount int
}

// MemberYear is the number of member companies at a year's end.
type MemberYear struct {
	Year int
	// At is the day after the last day counted: 1 January of the next
	// year, or the range's end when that comes first.
	At      time.Time
	Members int // companies that had joined before At
	Joined  int // of which joined in the year (before At)
}

// HostedRow is the pupils one company hosted.
type HostedRow struct {
	Company data.Organisation
	Pupils  Cell
	Offers  int // its offers in the range's periods with a pupil placed
}

// ProfessionRow is the role models of one profession.
type ProfessionRow struct {
	Profession string // as written first; "" when not given
	People     int
}

// JourneyYear is the companies' journey entries of one year.
type JourneyYear struct {
	Year      int
	Entries   int
	Companies int // companies with an entry that year
}

// CompanyEvents is one company's attendance at the range's events.
type CompanyEvents struct {
	Company data.Organisation
	Visits  int // registrations marked attended
	Events  int // events at least one of its people came to
	People  int // different people who came
}

// ComputeCompanies reads the company figures of [from, to): members and
// journey entries over the years years up to the range's end (at least 1),
// pupils hosted in the periods that start in the range, role models,
// and attendance at the events that start in the range.
func ComputeCompanies(ctx context.Context, st *data.Store, from, to time.Time, years int) (*CompanyFigures, error) {
	if !from.Before(to) {
		return nil, fmt.Errorf("company figures: the range %s – %s is empty", data.FormatDate(from), data.FormatDate(to))
	}
	years = max(1, years)
	c := &CompanyFigures{From: from, To: to}
	orgs, err := st.ListOrganisations(ctx, data.KindCompany)
	if err != nil {
		return nil, err
	}
	company := map[string]data.Organisation{}
	for _, o := range orgs {
		company[o.ID] = o
	}
	last := to.AddDate(0, 0, -1).Year()
	for y := last - years + 1; y <= last; y++ {
		start := time.Date(y, time.January, 1, 0, 0, 0, 0, time.UTC)
		at := start.AddDate(1, 0, 0)
		if to.Before(at) {
			at = to
		}
		m := MemberYear{Year: y, At: at}
		for _, o := range orgs {
			if !o.MemberSince.IsZero() && o.MemberSince.Before(at) {
				m.Members++
				if !o.MemberSince.Before(start) {
					m.Joined++
				}
			}
		}
		c.Members = append(c.Members, m)
	}
	if err := c.hosted(ctx, st, company); err != nil {
		return nil, err
	}
	people, err := st.ListPeople(ctx, data.PersonFilter{})
	if err != nil {
		return nil, err
	}
	c.roleModels(people, company)
	entries, err := st.ListJourneyEntries(ctx, "")
	if err != nil {
		return nil, err
	}
	for _, m := range c.Members {
		j := JourneyYear{Year: m.Year}
		seen := map[string]bool{}
		for _, e := range entries {
			// Up to the range's end only: the year of a range ending in
			// July counts no entries from the autumn after it.
			if _, ok := company[e.OrganisationID]; ok && e.Date.Year() == m.Year && e.Date.Before(m.At) {
				j.Entries++
				if !seen[e.OrganisationID] {
					seen[e.OrganisationID] = true
					j.Companies++
				}
			}
		}
		c.Journey = append(c.Journey, j)
	}
	if err := c.events(ctx, st, people, company); err != nil {
		return nil, err
	}
	return c, nil
}

// hosted counts the pupils placed at each company's offers.
func (c *CompanyFigures) hosted(ctx context.Context, st *data.Store, company map[string]data.Organisation) error {
	ps, err := st.ListPeriods(ctx)
	if err != nil {
		return err
	}
	pupils, offers := map[string]int{}, map[string]map[string]bool{}
	for _, p := range ps {
		if p.Start.Before(c.From) || !p.Start.Before(c.To) {
			continue
		}
		os, err := st.PeriodOffers(ctx, p.ID)
		if err != nil {
			return err
		}
		host := map[string]string{}
		for _, o := range os {
			host[o.ID] = o.HostID
		}
		placed, err := st.PlacementsPerOffer(ctx, p.ID)
		if err != nil {
			return err
		}
		for offer, n := range placed {
			h, ok := host[offer]
			if _, isCompany := company[h]; !ok || !isCompany {
				continue
			}
			pupils[h] += n
			if offers[h] == nil {
				offers[h] = map[string]bool{}
			}
			offers[h][offer] = true
		}
	}
	ids := make([]string, 0, len(pupils))
	for id := range pupils {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool {
		if pupils[ids[i]] != pupils[ids[j]] {
			return pupils[ids[i]] > pupils[ids[j]]
		}
		return company[ids[i]].Name < company[ids[j]].Name
	})
	counts := make([][]int, len(ids))
	for i, id := range ids {
		counts[i] = []int{pupils[id]}
	}
	t := NewTable(counts, false, true)
	other := 0
	for i, id := range ids {
		cell := t.Cells[i][0]
		c.Hosted = append(c.Hosted, HostedRow{Company: company[id], Pupils: cell, Offers: len(offers[id])})
		if cell.Suppressed {
			other += cell.N
		}
	}
	c.HostedOther = NewCell(other)
	c.HostedTotal = Cell{N: 0}
	if len(t.ColTotals) > 0 {
		c.HostedTotal = t.ColTotals[0]
	}
	if c.HostedOther.Suppressed {
		c.HostedTotal.Suppressed = true // total − shown companies = the other
	}
	return nil
}

// roleModels groups the companies' role models by profession.
func (c *CompanyFigures) roleModels(people []data.Person, company map[string]data.Organisation) {
	index := map[string]int{}
	for _, p := range people {
		if _, ok := company[p.OrganisationID]; !ok || !p.HasRole(data.RoleRoleModel) {
			continue
		}
		title := strings.Join(strings.Fields(p.Title), " ")
		key := strings.ToLower(title)
		i, ok := index[key]
		if !ok {
			i = len(c.RoleModels)
			index[key] = i
			c.RoleModels = append(c.RoleModels, ProfessionRow{Profession: title})
		}
		c.RoleModels[i].People++
		c.RoleModelCount++
	}
	sort.SliceStable(c.RoleModels, func(i, j int) bool {
		a, b := c.RoleModels[i], c.RoleModels[j]
		if a.People != b.People {
			return a.People > b.People
		}
		return strings.ToLower(a.Profession) < strings.ToLower(b.Profession)
	})
}

// events counts the companies' people at the range's events.
func (c *CompanyFigures) events(ctx context.Context, st *data.Store, people []data.Person, company map[string]data.Organisation) error {
	evs, err := st.ListEvents(ctx)
	if err != nil {
		return err
	}
	inRange := map[string]bool{}
	for _, e := range evs {
		// Event times are wall times in Stockholm; compare the date.
		d := time.Date(e.Start.Year(), e.Start.Month(), e.Start.Day(), 0, 0, 0, 0, time.UTC)
		if !d.Before(c.From) && d.Before(c.To) {
			inRange[e.ID] = true
			c.EventCount++
		}
	}
	if len(inRange) == 0 {
		return nil
	}
	orgOf := map[string]string{}
	for _, p := range people {
		orgOf[p.ID] = p.OrganisationID
	}
	regs, err := st.ListRegistrations(ctx, "")
	if err != nil {
		return err
	}
	type acc struct {
		visits         int
		events, people map[string]bool
	}
	by := map[string]*acc{}
	for _, r := range regs {
		org := orgOf[r.PersonID]
		if _, ok := company[org]; !ok || !inRange[r.EventID] || r.Status != data.RegAttended {
			continue
		}
		a := by[org]
		if a == nil {
			a = &acc{events: map[string]bool{}, people: map[string]bool{}}
			by[org] = a
		}
		a.visits++
		a.events[r.EventID] = true
		a.people[r.PersonID] = true
	}
	for id, a := range by {
		c.Events = append(c.Events, CompanyEvents{Company: company[id], Visits: a.visits, Events: len(a.events), People: len(a.people)})
	}
	sort.Slice(c.Events, func(i, j int) bool {
		if c.Events[i].Visits != c.Events[j].Visits {
			return c.Events[i].Visits > c.Events[j].Visits
		}
		return c.Events[i].Company.Name < c.Events[j].Company.Name
	})
	return nil
}
