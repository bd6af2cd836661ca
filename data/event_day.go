package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"techniqual/data/text"
)

// statusWords are the ONE set of words for a registration's status, in
// Swedish and English: the event screen, the door, the documents, the
// spreadsheets and the command line all say these.
var statusWords = map[text.Lang]map[RegistrationStatus]string{
	text.Swedish: {RegInvited: "inbjuden", RegRegistered: "anmäld", RegWaitlisted: "reserv", RegAttended: "närvarande",
		RegNoShow: "kom inte", RegCancelled: "avbokad"},
	text.English: {RegInvited: "invited", RegRegistered: "registered", RegWaitlisted: "reserve", RegAttended: "present",
		RegNoShow: "no-show", RegCancelled: "cancelled"},
}

// StatusWord is the word for status s in language l (lower case).
func StatusWord(s RegistrationStatus, l text.Lang) string {
	words := statusWords[text.Swedish]
	if l == text.English {
		words = statusWords[text.English]
	}
	if w, ok := words[s]; ok {
		return w
	}
	return string(s)
}

// Summary is the one line every place shows for an event's count: held
// seats (anmälda: registered, present and no-show), against the capacity
// when there is one, then reserves and present. capacity 0 is unlimited.
func (c EventCounts) Summary(capacity int, l text.Lang) string {
	seats := strconv.Itoa(c.Seats())
	if capacity > 0 {
		seats += l.Pick(" av ", " of ") + strconv.Itoa(capacity)
	}
	return fmt.Sprintf(l.Pick("anmälda %s · reserver %d · närvarande %d", "registered %s · reserves %d · present %d"),
		seats, c.Waitlisted, c.Attended)
}

// CountEvent is the one count of one event: its live registrations (of
// people and pupils not deleted) by status. The event screen, the door,
// the participants PDF, the certificates and the command line all use it.
func (s *Store) CountEvent(ctx context.Context, eventID string) (EventCounts, error) {
	rs, err := s.ListRegistrations(ctx, eventID)
	if err != nil {
		return EventCounts{}, err
	}
	return CountRegistrations(rs), nil
}

// BadgeCode is the short code printed (and as a barcode) on a
// registration's badge: "TQ" and the first eight hexadecimal digits of the
// registration's id, in capitals. A USB scanner types it followed by Enter
// at the door; it names exactly one registration of an event (32 random
// bits: two of an event's thousands sharing one is as unlikely as it is
// caught: the door then asks which).
func BadgeCode(regID string) string {
	hex := strings.ToUpper(strings.ReplaceAll(regID, "-", ""))
	if len(hex) > 8 {
		hex = hex[:8]
	}
	return "TQ" + hex
}

// CheckInWarning is something the door must ask before checking someone in.
type CheckInWarning string

// The warnings at the door.
const (
	WarnReserve      CheckInWarning = "reserve"        // the person is on the waitlist
	WarnOverCapacity CheckInWarning = "over_capacity"  // checking in takes a seat the event does not have
	WarnWrongDay     CheckInWarning = "wrong_day"      // today is not the event's day
	WarnNotOnList    CheckInWarning = "not_registered" // invited or cancelled: never registered
)

// CheckInWarnings lists what to ask before checking r in at event e at
// time now, given the event's registrations rs: a reserve, a seat over the
// capacity (someone without a seat while every seat is held), or a day
// other than the event's (Swedish time). Someone already present gets none.
func CheckInWarnings(e Event, rs []Registration, r Registration, now time.Time) []CheckInWarning {
	if r.Status == RegAttended {
		return nil
	}
	var out []CheckInWarning
	switch r.Status {
	case RegWaitlisted:
		out = append(out, WarnReserve)
	case RegInvited, RegCancelled:
		out = append(out, WarnNotOnList)
	}
	if !r.Status.HoldsSeat() && e.Capacity > 0 && CountRegistrations(rs).Seats() >= e.Capacity {
		out = append(out, WarnOverCapacity)
	}
	if !e.Start.IsZero() && !SameEventDay(e, now) {
		out = append(out, WarnWrongDay)
	}
	return out
}

// SameEventDay reports whether now falls on a day of the event (from its
// start's day to its end's day, Swedish time).
func SameEventDay(e Event, now time.Time) bool {
	day := func(t time.Time) string { return t.In(Stockholm).Format(DateLayout) }
	d, first, last := day(now), day(e.Start), day(e.Start)
	if !e.End.IsZero() && e.End.After(e.Start) {
		last = day(e.End)
	}
	return d >= first && d <= last
}

// BulkRegistered is what registering many at once did.
type BulkRegistered struct {
	Registered, Waitlisted, Already int
}

// RegisterMany signs many people (personIDs) and pupils (pupilIDs) up for
// an event in one transaction, in the order given, with the rules of
// Register: a seat while seats are left, then the waitlist; someone already
// holding a seat or waiting is counted as already there.
func (s *Store) RegisterMany(ctx context.Context, eventID string, personIDs, pupilIDs []string) (BulkRegistered, error) {
	var res BulkRegistered
	err := s.InTx(ctx, func(tx *Store) error {
		res = BulkRegistered{}
		before, err := tx.ListRegistrations(ctx, eventID)
		if err != nil {
			return err
		}
		had := map[string]RegistrationStatus{}
		for _, r := range before {
			had[r.PersonID+r.PupilID] = r.Status
		}
		one := func(personID, pupilID string) error {
			if st, ok := had[personID+pupilID]; ok && (st.HoldsSeat() || st == RegWaitlisted) {
				res.Already++
				return nil
			}
			r, err := tx.Register(ctx, eventID, personID, pupilID)
			if err != nil {
				return err
			}
			had[personID+pupilID] = r.Status
			if r.Status == RegWaitlisted {
				res.Waitlisted++
			} else {
				res.Registered++
			}
			return nil
		}
		for _, id := range personIDs {
			if err := one(id, ""); err != nil {
				return err
			}
		}
		for _, id := range pupilIDs {
			if err := one("", id); err != nil {
				return err
			}
		}
		return nil
	})
	return res, err
}

// ClosingRegistration is what RegisterWeekClosing did.
type ClosingRegistration struct {
	BulkRegistered
	// Cancelled counts the pupils in teams whose registration was
	// cancelled: they were left so, since someone decided it by hand.
	Cancelled int
	// NotInTeam counts the pupils on the list (with a seat or waiting) who
	// are in no team of the week: they are left on it, and the user told.
	NotInTeam int
}

// RegisterWeekClosing puts the pupils of a week's saved teams on the list
// of its closing session, in one transaction, so that the check-in at the
// door finds them and the certificates can say who came. Those already on
// it are left as they are, and so is a cancelled registration: approving a
// plan again must not undo a cancellation made by hand. Pupils on the list
// who are in no team are counted, not cancelled. A week without a closing
// session, or a period that is not a week, does nothing: ok is false.
func (s *Store) RegisterWeekClosing(ctx context.Context, periodID string) (res ClosingRegistration, ok bool, err error) {
	err = s.InTx(ctx, func(tx *Store) error {
		res, ok = ClosingRegistration{}, false
		per, err := tx.GetPeriod(ctx, periodID)
		if err != nil {
			return err
		}
		if per.Format != FormatWeek || per.ClosingEventID == "" {
			return nil
		}
		if _, err := tx.GetEvent(ctx, per.ClosingEventID); errors.Is(err, ErrNotFound) {
			return nil // the session was deleted in Evenemang
		} else if err != nil {
			return err
		}
		ok = true
		regs, err := tx.ListRegistrations(ctx, per.ClosingEventID)
		if err != nil {
			return err
		}
		status := map[string]RegistrationStatus{}
		for _, r := range regs {
			if r.PupilID != "" {
				status[r.PupilID] = r.Status
			}
		}
		// The teams' pupils in the teams' order (the seats go in that
		// order), those still in the register only: a team keeps a
		// locked pupil who has left it.
		teamedIDs, err := queryRows(ctx, tx.q, `SELECT m.pupil_id FROM team_members m
			JOIN teams t ON t.id = m.team_id JOIN host_groups g ON g.id = t.group_id JOIN pupils p ON p.id = m.pupil_id
			WHERE t.deleted_at IS NULL AND p.deleted_at IS NULL AND t.period_id = ?
			ORDER BY g.position, g.name, t.name, t.id, m.pupil_id`, []any{periodID},
			func(rows *sql.Rows) (id string, err error) {
				err = rows.Scan(&id)
				return id, err
			})
		if err != nil {
			return err
		}
		teamed := map[string]bool{}
		var ids []string
		for _, p := range teamedIDs {
			if teamed[p] {
				continue // a plan holds a pupil once; this is only a guard
			}
			teamed[p] = true
			if st, had := status[p]; had && st == RegCancelled {
				res.Cancelled++
				continue
			}
			ids = append(ids, p)
		}
		for p, st := range status {
			if !teamed[p] && (st.HoldsSeat() || st == RegWaitlisted) {
				res.NotInTeam++
			}
		}
		res.BulkRegistered, err = tx.RegisterMany(ctx, per.ClosingEventID, nil, ids)
		return err
	})
	if err != nil {
		return ClosingRegistration{}, false, err
	}
	return res, ok, nil
}

// ListLineError names the lines of a registration list that match nobody,
// or more than one person.
type ListLineError struct {
	Unknown   []int // 1-based line numbers that match nobody
	Ambiguous []int // 1-based line numbers that match several people
}

func (e *ListLineError) Error() string {
	var parts []string
	if len(e.Unknown) > 0 {
		parts = append(parts, "no person found on line "+joinInts(e.Unknown))
	}
	if len(e.Ambiguous) > 0 {
		parts = append(parts, "several people match line "+joinInts(e.Ambiguous))
	}
	return "registration list: " + strings.Join(parts, "; ") + "; nobody was registered"
}

// Message is the error in language l.
func (e *ListLineError) Message(l text.Lang) string {
	var parts []string
	if len(e.Unknown) > 0 {
		parts = append(parts, l.Pick("ingen person hittades på rad ", "no person found on line ")+joinInts(e.Unknown))
	}
	if len(e.Ambiguous) > 0 {
		parts = append(parts, l.Pick("flera personer passar rad ", "several people match line ")+joinInts(e.Ambiguous))
	}
	return l.Pick("Anmälningslistan: ", "Registration list: ") + strings.Join(parts, "; ") +
		l.Pick(". Ingen anmäldes.", ". Nobody was registered.")
}

func joinInts(ns []int) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = strconv.Itoa(n)
	}
	return strings.Join(s, ", ")
}

// RegisterList registers the people a pasted or imported list names, one
// a line: an e-mail address, or "First Last" (optionally ", Organisation"),
// matched without regard to case against the contacts. Empty lines and
// lines starting with # are skipped. All or nothing: a line that matches
// nobody or several people is named in a *ListLineError and nobody is
// registered.
func (s *Store) RegisterList(ctx context.Context, eventID string, lines []string) (BulkRegistered, error) {
	people, err := s.ListPeople(ctx, PersonFilter{})
	if err != nil {
		return BulkRegistered{}, err
	}
	orgs, err := s.ListOrganisations(ctx, "")
	if err != nil {
		return BulkRegistered{}, err
	}
	orgName := map[string]string{}
	for _, o := range orgs {
		orgName[o.ID] = text.Fold(o.Name)
	}
	var ids []string
	var bad ListLineError
	for i, line := range lines {
		line = strings.TrimSpace(strings.TrimPrefix(line, "\uFEFF"))
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		// A spreadsheet's line: the first cells that are not empty.
		line = strings.NewReplacer(";", ",", "\t", ",").Replace(line)
		name, org, _ := strings.Cut(line, ",")
		name, org = text.Fold(strings.TrimSpace(name)), text.Fold(strings.TrimSpace(org))
		var found []string
		for _, p := range people {
			switch {
			case strings.Contains(name, "@"):
				if p.Email != "" && text.Fold(p.Email) == name {
					found = append(found, p.ID)
				}
			case text.Fold(p.FirstName+" "+p.LastName) == strings.Join(strings.Fields(name), " "):
				if org == "" || orgName[p.OrganisationID] == org {
					found = append(found, p.ID)
				}
			}
		}
		switch len(found) {
		case 0:
			bad.Unknown = append(bad.Unknown, i+1)
		case 1:
			ids = append(ids, found[0])
		default:
			bad.Ambiguous = append(bad.Ambiguous, i+1)
		}
	}
	if len(bad.Unknown)+len(bad.Ambiguous) > 0 {
		return BulkRegistered{}, &bad
	}
	return s.RegisterMany(ctx, eventID, ids, nil)
}

// PromotedReserves lists the participants of an event who moved up from
// the waitlist to a seat and still hold it, in the order they moved up.
func (s *Store) PromotedReserves(ctx context.Context, eventID string) ([]EventParticipant, error) {
	ps, err := s.EventParticipants(ctx, eventID)
	if err != nil {
		return nil, err
	}
	var out []EventParticipant
	for _, p := range ps {
		if !p.Registration.PromotedAt.IsZero() && p.Registration.Status.HoldsSeat() {
			out = append(out, p)
		}
	}
	for i := 1; i < len(out); i++ { // few: insertion sort by when they moved up
		for j := i; j > 0 && out[j].Registration.PromotedAt.Before(out[j-1].Registration.PromotedAt); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out, nil
}

// PromotedLetter is the letter (or e-mail) to a reserve who moved up:
// that a seat came free, when and where the event is, and to say so if
// they cannot come after all, so the seat goes to the next reserve.
func PromotedLetter(e Event, name string, l text.Lang) string {
	when := ""
	if !e.Start.IsZero() {
		s := e.Start.In(Stockholm)
		when = fmt.Sprintf("%s %d %s %d, %s", text.Weekday(l, s.Weekday()), s.Day(), text.Month(l, s.Month()), s.Year(), s.Format("15:04"))
		if !e.End.IsZero() {
			when += "–" + e.End.In(Stockholm).Format("15:04")
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, l.Pick("Hej %s!\n\n", "Dear %s,\n\n"), name)
	fmt.Fprintf(&b, l.Pick("En plats har blivit ledig på %s, och du som stod som reserv har fått den. Du är nu anmäld.\n\n",
		"A seat has come free at %s, and as you were on the waiting list it is now yours. You are registered.\n\n"), e.Title)
	if when != "" {
		fmt.Fprintf(&b, l.Pick("Tid: %s\n", "Time: %s\n"), when)
	}
	if e.Venue != "" {
		fmt.Fprintf(&b, l.Pick("Plats: %s\n", "Venue: %s\n"), e.Venue)
	}
	b.WriteString(l.Pick("\nOm du inte kan komma, svara på det här meddelandet så snart som möjligt, så går platsen till nästa reserv.\n\nVälkommen!\nTechniQual",
		"\nIf you cannot come, please reply as soon as you can, so the seat goes to the next on the waiting list.\n\nWelcome!\nTechniQual"))
	return b.String()
}
