package data

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
)

// The rules of an event's list (anmälningar):
//
//   - A seat is held by a registration that is registered, attended or
//     no_show. When the event has a capacity and every seat is held, a new
//     registration joins the waitlist.
//   - When someone holding a seat cancels, the first on the waitlist (by
//     RegisteredAt, then CreatedAt) takes the seat; further cancellations
//     promote the next in the same order.
//   - Checking in marks a registration attended with the time; checking in
//     someone already attended changes nothing. Whoever stands at the door is
//     let in, waitlisted or not.
//   - Undoing the last check-in puts the most recently checked-in person
//     back to registered.
//   - A walk-in (on the door, not on the list) is found or created as a
//     person at their organisation, registered and checked in at once.

// HoldsSeat reports whether a registration with status s takes a seat.
func (s RegistrationStatus) HoldsSeat() bool {
	return s == RegRegistered || s == RegAttended || s == RegNoShow
}

// EventCounts counts an event's registrations by status.
type EventCounts struct {
	Invited, Registered, Waitlisted, Attended, NoShow, Cancelled int
}

// Seats is the number of seats held (registered, attended, no-show).
func (c EventCounts) Seats() int { return c.Registered + c.Attended + c.NoShow }

// Expected is how many are expected at the door: registered and already
// checked in.
func (c EventCounts) Expected() int { return c.Registered + c.Attended }

// CountRegistrations counts rs by status.
func CountRegistrations(rs []Registration) EventCounts {
	var c EventCounts
	for _, r := range rs {
		switch r.Status {
		case RegInvited:
			c.Invited++
		case RegRegistered:
			c.Registered++
		case RegWaitlisted:
			c.Waitlisted++
		case RegAttended:
			c.Attended++
		case RegNoShow:
			c.NoShow++
		case RegCancelled:
			c.Cancelled++
		}
	}
	return c
}

// ErrEventMismatch: the registration belongs to another event.
var ErrEventMismatch = errors.New("the registration belongs to another event")

// GetRegistration returns the live registration with that id.
func (s *Store) GetRegistration(ctx context.Context, id string) (Registration, error) {
	r, err := scanRegistration(s.q.QueryRowContext(ctx, `SELECT `+registrationColumns+` FROM registrations
		WHERE id = ? AND deleted_at IS NULL`, id))
	if err != nil {
		return r, fmt.Errorf("registration %s: %w", id, ErrNotFound)
	}
	return r, nil
}

// Invite puts people on an event's list as invited; people already on the
// list (in any status) are left as they are. It returns how many were added.
func (s *Store) Invite(ctx context.Context, eventID string, personIDs []string) (int, error) {
	added := 0
	err := s.InTx(ctx, func(tx *Store) error {
		added = 0
		if _, err := tx.GetEvent(ctx, eventID); err != nil {
			return err
		}
		rs, err := tx.ListRegistrations(ctx, eventID)
		if err != nil {
			return err
		}
		on := map[string]bool{}
		for _, r := range rs {
			on[r.PersonID] = true
		}
		for _, id := range personIDs {
			if id == "" || on[id] {
				continue
			}
			on[id] = true
			r := Registration{EventID: eventID, PersonID: id, Status: RegInvited}
			if err := tx.SaveRegistration(ctx, &r); err != nil {
				return err
			}
			added++
		}
		return nil
	})
	return added, err
}

// PeopleOfOrganisations lists the live contacts of the organisations, in
// the order of ListPeople.
func (s *Store) PeopleOfOrganisations(ctx context.Context, orgIDs []string) ([]Person, error) {
	want := map[string]bool{}
	for _, id := range orgIDs {
		want[id] = true
	}
	people, err := s.ListPeople(ctx, PersonFilter{})
	if err != nil {
		return nil, err
	}
	var out []Person
	for _, p := range people {
		if p.OrganisationID != "" && want[p.OrganisationID] {
			out = append(out, p)
		}
	}
	return out, nil
}

// MemberCompanies lists the companies that are members of the network.
func (s *Store) MemberCompanies(ctx context.Context) ([]Organisation, error) {
	orgs, err := s.ListOrganisations(ctx, KindCompany)
	if err != nil {
		return nil, err
	}
	var out []Organisation
	for _, o := range orgs {
		if !o.MemberSince.IsZero() {
			out = append(out, o)
		}
	}
	return out, nil
}

// Register signs a person (or a pupil: set exactly one id) up for an
// event: registered while seats are left, waitlisted when it is full. Someone
// already holding a seat or on the waitlist is left as they are; someone
// invited or cancelled is moved on (a cancelled one joins the back of the
// waitlist).
func (s *Store) Register(ctx context.Context, eventID, personID, pupilID string) (Registration, error) {
	var out Registration
	err := s.InTx(ctx, func(tx *Store) error {
		e, err := tx.GetEvent(ctx, eventID)
		if err != nil {
			return err
		}
		rs, err := tx.ListRegistrations(ctx, eventID)
		if err != nil {
			return err
		}
		var r *Registration
		for i := range rs {
			if (personID != "" && rs[i].PersonID == personID) || (pupilID != "" && rs[i].PupilID == pupilID) {
				r = &rs[i]
			}
		}
		if r == nil {
			r = &Registration{EventID: eventID, PersonID: personID, PupilID: pupilID}
		} else if r.Status.HoldsSeat() || r.Status == RegWaitlisted {
			out = *r
			return nil
		}
		full := e.Capacity > 0 && CountRegistrations(rs).Seats() >= e.Capacity
		r.RegisteredAt = tx.now()
		r.Status = RegRegistered
		if full {
			r.Status = RegWaitlisted
		}
		if err := tx.SaveRegistration(ctx, r); err != nil {
			return err
		}
		out = *r
		return nil
	})
	return out, err
}

// Cancel cancels a registration. When it held a seat, the first on the
// waitlist is promoted and returned (nil when nobody waits).
func (s *Store) Cancel(ctx context.Context, regID string) (*Registration, error) {
	var promoted *Registration
	err := s.InTx(ctx, func(tx *Store) error {
		promoted = nil
		r, err := tx.GetRegistration(ctx, regID)
		if err != nil {
			return err
		}
		if r.Status == RegCancelled {
			return nil
		}
		held := r.Status.HoldsSeat()
		r.Status, r.CheckedInAt = RegCancelled, time.Time{}
		if err := tx.SaveRegistration(ctx, &r); err != nil {
			return err
		}
		if !held {
			return nil
		}
		promoted, err = tx.promote(ctx, r.EventID)
		return err
	})
	return promoted, err
}

// promote gives free seats to the waitlist in order; it returns the first
// promoted, or nil.
func (s *Store) promote(ctx context.Context, eventID string) (*Registration, error) {
	e, err := s.GetEvent(ctx, eventID)
	if err != nil {
		return nil, err
	}
	rs, err := s.ListRegistrations(ctx, eventID)
	if err != nil {
		return nil, err
	}
	waiting := Waitlist(rs)
	seats := CountRegistrations(rs).Seats()
	var first *Registration
	for _, w := range waiting {
		if e.Capacity > 0 && seats >= e.Capacity {
			break
		}
		w.Status, w.PromotedAt = RegRegistered, s.now()
		if err := s.SaveRegistration(ctx, &w); err != nil {
			return nil, err
		}
		seats++
		if first == nil {
			first = &w
		}
	}
	return first, nil
}

// Waitlist returns the waitlisted registrations of rs in the order they are
// promoted: who registered first comes first.
func Waitlist(rs []Registration) []Registration {
	var out []Registration
	for _, r := range rs {
		if r.Status == RegWaitlisted {
			out = append(out, r)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if !a.RegisteredAt.Equal(b.RegisteredAt) {
			return a.RegisteredAt.Before(b.RegisteredAt)
		}
		if !a.CreatedAt.Equal(b.CreatedAt) {
			return a.CreatedAt.Before(b.CreatedAt)
		}
		return a.ID < b.ID
	})
	return out
}

// SetCapacity changes an event's number of seats and promotes from the
// waitlist into any seats that opened.
func (s *Store) SetCapacity(ctx context.Context, eventID string, capacity int) error {
	return s.InTx(ctx, func(tx *Store) error {
		e, err := tx.GetEvent(ctx, eventID)
		if err != nil {
			return err
		}
		e.Capacity = capacity
		if err := tx.SaveEvent(ctx, &e); err != nil {
			return err
		}
		_, err = tx.promote(ctx, eventID)
		return err
	})
}

// CheckIn marks a registration attended now. Checking in someone already
// attended changes nothing and reports changed false.
func (s *Store) CheckIn(ctx context.Context, regID string) (r Registration, changed bool, err error) {
	err = s.InTx(ctx, func(tx *Store) error {
		r, err = tx.GetRegistration(ctx, regID)
		if err != nil {
			return err
		}
		if r.Status == RegAttended {
			return nil
		}
		if r.RegisteredAt.IsZero() {
			r.RegisteredAt = tx.now()
		}
		r.Status, r.CheckedInAt = RegAttended, tx.now()
		changed = true
		return tx.SaveRegistration(ctx, &r)
	})
	return r, changed, err
}

// UndoCheckIn puts an attended registration back to registered.
func (s *Store) UndoCheckIn(ctx context.Context, regID string) (Registration, error) {
	return s.UndoCheckInTo(ctx, regID, RegRegistered)
}

// UndoCheckInTo undoes a check-in, putting the registration back to the
// status it had before (before; "" for one the check-in made, which is
// then cancelled): a person checked in at the door who was not on the list
// must not stay "registered" after Ångra, to be marked a no-show when the
// event is closed (review). A registration not checked in is left as it is.
func (s *Store) UndoCheckInTo(ctx context.Context, regID string, before RegistrationStatus) (Registration, error) {
	switch before {
	case "": // made by the check-in
		before = RegCancelled
	case RegAttended: // not a state before a check-in
		before = RegRegistered
	}
	var r Registration
	err := s.InTx(ctx, func(tx *Store) error {
		var err error
		r, err = tx.GetRegistration(ctx, regID)
		if err != nil || r.Status != RegAttended {
			return err
		}
		r.Status, r.CheckedInAt = before, time.Time{}
		return tx.SaveRegistration(ctx, &r)
	})
	return r, err
}

// UndoLastCheckIn undoes the most recent check-in of an event and returns
// that registration; ErrNotFound when nobody is checked in.
func (s *Store) UndoLastCheckIn(ctx context.Context, eventID string) (Registration, error) {
	rs, err := s.ListRegistrations(ctx, eventID)
	if err != nil {
		return Registration{}, err
	}
	var last *Registration
	for i := range rs {
		r := &rs[i]
		if r.Status == RegAttended && (last == nil || r.CheckedInAt.After(last.CheckedInAt)) {
			last = r
		}
	}
	if last == nil {
		return Registration{}, fmt.Errorf("undo check-in: nobody is checked in: %w", ErrNotFound)
	}
	return s.UndoCheckIn(ctx, last.ID)
}

// WalkIn registers and checks in someone who came without being on the
// list: the person is found by name at the organisation (matched by name,
// any kind) or created, with a new organisation (kind other) when the name
// is new. orgName may be empty. Someone already on the list is checked in.
func (s *Store) WalkIn(ctx context.Context, eventID, firstName, lastName, orgName string) (Registration, Person, error) {
	var reg Registration
	var person Person
	firstName, lastName, orgName = strings.TrimSpace(firstName), strings.TrimSpace(lastName), strings.TrimSpace(orgName)
	err := s.InTx(ctx, func(tx *Store) error {
		if _, err := tx.GetEvent(ctx, eventID); err != nil {
			return err
		}
		orgID := ""
		if orgName != "" {
			orgs, err := tx.ListOrganisations(ctx, "")
			if err != nil {
				return err
			}
			for _, o := range orgs {
				if strings.EqualFold(o.Name, orgName) {
					orgID = o.ID
					break
				}
			}
			if orgID == "" {
				o := Organisation{Kind: KindOther, Name: orgName, Notes: "Kom som gäst till ett evenemang."}
				if err := tx.SaveOrganisation(ctx, &o); err != nil {
					return err
				}
				orgID = o.ID
			}
		}
		people, err := tx.ListPeople(ctx, PersonFilter{OrganisationID: orgID})
		if err != nil {
			return err
		}
		found := false
		for _, p := range people {
			if p.OrganisationID == orgID && strings.EqualFold(p.FirstName, firstName) && strings.EqualFold(p.LastName, lastName) {
				person, found = p, true
				break
			}
		}
		if !found {
			person = Person{OrganisationID: orgID, FirstName: firstName, LastName: lastName, Roles: []Role{RoleOther}}
			if err := tx.SavePerson(ctx, &person); err != nil {
				return err
			}
		}
		rs, err := tx.ListRegistrations(ctx, eventID)
		if err != nil {
			return err
		}
		for _, r := range rs {
			if r.PersonID == person.ID {
				reg = r
			}
		}
		if reg.ID == "" {
			reg = Registration{EventID: eventID, PersonID: person.ID, Status: RegRegistered, RegisteredAt: tx.now()}
			if err := tx.SaveRegistration(ctx, &reg); err != nil {
				return err
			}
		}
		reg, _, err = tx.CheckIn(ctx, reg.ID)
		return err
	})
	return reg, person, err
}

// CheckInUnlisted checks in, at the door, a contact (personID) or a pupil
// (pupilID) of the register who is not registered for the event: their
// invitation or cancelled registration is checked in, or a new
// registration is made and checked in, in one transaction. The door asks
// first (WarnNotOnList); whoever stands at the door takes a seat, even
// over the capacity, as a walk-in does.
func (s *Store) CheckInUnlisted(ctx context.Context, eventID, personID, pupilID string) (Registration, error) {
	if (personID == "") == (pupilID == "") {
		return Registration{}, errors.New("check in: name one person or one pupil")
	}
	var reg Registration
	err := s.InTx(ctx, func(tx *Store) error {
		reg = Registration{}
		if _, err := tx.GetEvent(ctx, eventID); err != nil {
			return err
		}
		var err error
		if personID != "" {
			_, err = tx.GetPerson(ctx, personID)
		} else {
			_, err = tx.GetPupil(ctx, pupilID)
		}
		if err != nil {
			return err
		}
		rs, err := tx.ListRegistrations(ctx, eventID)
		if err != nil {
			return err
		}
		for _, r := range rs {
			if (personID != "" && r.PersonID == personID) || (pupilID != "" && r.PupilID == pupilID) {
				reg = r
			}
		}
		if reg.ID == "" {
			reg = Registration{EventID: eventID, PersonID: personID, PupilID: pupilID, Status: RegRegistered, RegisteredAt: tx.now()}
			if err := tx.SaveRegistration(ctx, &reg); err != nil {
				return err
			}
		}
		reg, _, err = tx.CheckIn(ctx, reg.ID)
		return err
	})
	return reg, err
}

// CloseEvent marks everyone still registered after the event as no-show and
// returns how many.
func (s *Store) CloseEvent(ctx context.Context, eventID string) (int, error) {
	n := 0
	err := s.InTx(ctx, func(tx *Store) error {
		n = 0
		rs, err := tx.ListRegistrations(ctx, eventID)
		if err != nil {
			return err
		}
		for _, r := range rs {
			if r.Status == RegRegistered {
				r.Status = RegNoShow
				if err := tx.SaveRegistration(ctx, &r); err != nil {
					return err
				}
				n++
			}
		}
		return nil
	})
	return n, err
}

// EventFollowUp is what happened at one event.
type EventFollowUp struct {
	Counts   EventCounts
	Attended []Person       // people who came, by name
	NoShows  []Person       // registered but did not come
	NewOrgs  []Organisation // organisations whose first attended event this was
	// The pupils of the event likewise (found by use: a pupil event's
	// follow-up said "Kom (0)" with three pupils checked in), and every
	// pupil holding a seat, for the counts by gender.
	AttendedPupils []Pupil
	NoShowPupils   []Pupil
	SeatPupils     []Pupil
}

// FollowUp sums up an event: who came, who did not, and which
// organisations came to an event for the first time.
func (s *Store) FollowUp(ctx context.Context, eventID string) (EventFollowUp, error) {
	var f EventFollowUp
	ev, err := s.GetEvent(ctx, eventID)
	if err != nil {
		return f, err
	}
	events, err := s.ListEvents(ctx)
	if err != nil {
		return f, err
	}
	startOf := map[string]time.Time{}
	for _, e := range events {
		startOf[e.ID] = e.Start
	}
	all, err := s.ListRegistrations(ctx, "")
	if err != nil {
		return f, err
	}
	people, err := s.ListPeople(ctx, PersonFilter{})
	if err != nil {
		return f, err
	}
	byID := map[string]Person{}
	for _, p := range people {
		byID[p.ID] = p
	}
	orgs, err := s.ListOrganisations(ctx, "")
	if err != nil {
		return f, err
	}
	orgByID := map[string]Organisation{}
	for _, o := range orgs {
		orgByID[o.ID] = o
	}
	var mine []Registration
	cameBefore := map[string]bool{}
	for _, r := range all {
		if r.EventID == eventID {
			mine = append(mine, r)
			continue
		}
		p, ok := byID[r.PersonID]
		if r.Status == RegAttended && ok && p.OrganisationID != "" {
			if st, ok := startOf[r.EventID]; ok && st.Before(ev.Start) {
				cameBefore[p.OrganisationID] = true
			}
		}
	}
	f.Counts = CountRegistrations(mine)
	newOrg := map[string]bool{}
	for _, r := range mine {
		if r.PupilID != "" {
			if err := f.addPupil(ctx, s, ev, r); err != nil {
				return f, err
			}
			continue
		}
		p, ok := byID[r.PersonID]
		if !ok {
			continue
		}
		switch r.Status {
		case RegAttended:
			f.Attended = append(f.Attended, p)
			if p.OrganisationID != "" && !cameBefore[p.OrganisationID] && !newOrg[p.OrganisationID] {
				if o, ok := orgByID[p.OrganisationID]; ok {
					newOrg[o.ID] = true
					f.NewOrgs = append(f.NewOrgs, o)
				}
			}
		case RegNoShow, RegRegistered:
			if ev.End.Before(s.now()) || r.Status == RegNoShow {
				f.NoShows = append(f.NoShows, p)
			}
		}
	}
	c := swedish()
	byName := func(ps []Person) {
		sort.SliceStable(ps, func(i, j int) bool {
			return c.CompareString(ps[i].LastName+" "+ps[i].FirstName, ps[j].LastName+" "+ps[j].FirstName) < 0
		})
	}
	byName(f.Attended)
	byName(f.NoShows)
	pupilsByName := func(ps []Pupil) {
		sort.SliceStable(ps, func(i, j int) bool {
			return c.CompareString(ps[i].LastName+" "+ps[i].FirstName, ps[j].LastName+" "+ps[j].FirstName) < 0
		})
	}
	pupilsByName(f.AttendedPupils)
	pupilsByName(f.NoShowPupils)
	sort.SliceStable(f.NewOrgs, func(i, j int) bool { return c.CompareString(f.NewOrgs[i].Name, f.NewOrgs[j].Name) < 0 })
	return f, nil
}

// addPupil puts the pupil of registration r where the follow-up of event
// ev counts them; a pupil deleted from the register is in no count.
func (f *EventFollowUp) addPupil(ctx context.Context, s *Store, ev Event, r Registration) error {
	pu, err := s.GetPupil(ctx, r.PupilID)
	if errors.Is(err, ErrNotFound) {
		return nil
	} else if err != nil {
		return err
	}
	if r.Status.HoldsSeat() {
		f.SeatPupils = append(f.SeatPupils, pu)
	}
	switch r.Status {
	case RegAttended:
		f.AttendedPupils = append(f.AttendedPupils, pu)
	case RegNoShow, RegRegistered:
		if ev.End.Before(s.now()) || r.Status == RegNoShow {
			f.NoShowPupils = append(f.NoShowPupils, pu)
		}
	}
	return nil
}

// OrgParticipation is one organisation's record at the network's events.
type OrgParticipation struct {
	Organisation Organisation
	Invited      int       // events someone was invited to or registered for
	Attended     int       // events someone came to
	People       []string  // the names of those who came, most frequent first
	Visits       []int     // how many events each of People came to
	LastAttended time.Time // start of the latest event someone came to
}

// Participation sums up, per organisation, how often its people came to
// events over time, organisations with most attended events first.
func (s *Store) Participation(ctx context.Context) ([]OrgParticipation, error) {
	rs, err := s.ListRegistrations(ctx, "")
	if err != nil {
		return nil, err
	}
	events, err := s.ListEvents(ctx)
	if err != nil {
		return nil, err
	}
	startOf := map[string]time.Time{}
	for _, e := range events {
		startOf[e.ID] = e.Start
	}
	people, err := s.ListPeople(ctx, PersonFilter{})
	if err != nil {
		return nil, err
	}
	personByID := map[string]Person{}
	for _, p := range people {
		personByID[p.ID] = p
	}
	orgs, err := s.ListOrganisations(ctx, "")
	if err != nil {
		return nil, err
	}
	type acc struct {
		invited, attended map[string]bool
		visits            map[string]int
		last              time.Time
	}
	by := map[string]*acc{}
	for _, r := range rs {
		p, ok := personByID[r.PersonID]
		start, live := startOf[r.EventID]
		if !ok || !live || p.OrganisationID == "" {
			continue
		}
		a := by[p.OrganisationID]
		if a == nil {
			a = &acc{invited: map[string]bool{}, attended: map[string]bool{}, visits: map[string]int{}}
			by[p.OrganisationID] = a
		}
		a.invited[r.EventID] = true
		if r.Status == RegAttended {
			a.attended[r.EventID] = true
			a.visits[p.Name()]++
			if start.After(a.last) {
				a.last = start
			}
		}
	}
	var out []OrgParticipation
	for _, o := range orgs {
		a := by[o.ID]
		if a == nil {
			continue
		}
		op := OrgParticipation{Organisation: o, Invited: len(a.invited), Attended: len(a.attended), LastAttended: a.last}
		for name := range a.visits {
			op.People = append(op.People, name)
		}
		sort.Slice(op.People, func(i, j int) bool {
			if a.visits[op.People[i]] != a.visits[op.People[j]] {
				return a.visits[op.People[i]] > a.visits[op.People[j]]
			}
			return op.People[i] < op.People[j]
		})
		for _, n := range op.People {
			op.Visits = append(op.Visits, a.visits[n])
		}
		out = append(out, op)
	}
	c := swedish()
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Attended != out[j].Attended {
			return out[i].Attended > out[j].Attended
		}
		return c.CompareString(out[i].Organisation.Name, out[j].Organisation.Name) < 0
	})
	return out, nil
}
