package data

import (
	"context"
	"fmt"
	"strings"
)

const eventColumns = `id, title, kind, starts_at, ends_at, venue, capacity, description, coalesce(organiser_id, ''), created_at, updated_at`

// Validate checks an event before it is saved.
func (e Event) Validate() error {
	v := validator{entity: "event"}
	v.required("title", e.Title)
	v.text("title", e.Title, 200)
	v.text("description", e.Description, 20000)
	if !e.Kind.Valid() {
		v.add("kind", "err.event_kind", "Välj nätverksträff, elevevenemang eller annat.", "must be network, pupil or other")
	}
	if e.Start.IsZero() {
		v.add("start", "err.required", "Måste fyllas i.", "required")
	}
	if e.End.IsZero() {
		v.add("end", "err.required", "Måste fyllas i.", "required")
	} else if e.End.Before(e.Start) {
		v.add("end", "err.end_before_start_time", "Sluttiden ligger före starttiden.", "end is before start")
	}
	if e.Capacity < 0 {
		v.add("capacity", "err.event_capacity", "Antalet platser kan inte vara negativt.", "capacity cannot be negative")
	}
	return v.err()
}

// SaveEvent inserts e (when e.ID is empty) or updates it.
func (s *Store) SaveEvent(ctx context.Context, e *Event) error {
	e.Title = strings.TrimSpace(e.Title)
	if err := e.Validate(); err != nil {
		return err
	}
	id, created, updated := e.ID, e.CreatedAt, e.UpdatedAt
	insert := s.stamp(&id, &created, &updated)
	args := []any{e.Title, string(e.Kind), formatEventTime(e.Start), formatEventTime(e.End), e.Venue, e.Capacity,
		e.Description, nullable(e.OrganiserID), formatTS(updated)}
	var err error
	if insert {
		_, err = s.exec(ctx, `INSERT INTO events (title, kind, starts_at, ends_at, venue, capacity, description, organiser_id,
			updated_at, id, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)`, append(args, id, formatTS(created))...)
	} else {
		res, e2 := s.exec(ctx, `UPDATE events SET title=?, kind=?, starts_at=?, ends_at=?, venue=?, capacity=?, description=?,
			organiser_id=?, updated_at=? WHERE id=? AND deleted_at IS NULL`, append(args, id)...)
		err = e2
		if err == nil {
			err = checkUpdated("save event", res)
		}
	}
	if err != nil {
		return translate("save event "+e.Title, err)
	}
	e.ID, e.CreatedAt, e.UpdatedAt = id, created, updated
	return nil
}

func (s *Store) listEvents(ctx context.Context, where string, args ...any) ([]Event, error) {
	rows, err := s.q.QueryContext(ctx, "SELECT "+eventColumns+" FROM events WHERE deleted_at IS NULL "+where+
		" ORDER BY starts_at, title", args...)
	if err != nil {
		return nil, fmt.Errorf("list events: %w", err)
	}
	defer rows.Close()
	var out []Event
	for rows.Next() {
		var e Event
		var kind, start, end, created, updated string
		if err := rows.Scan(&e.ID, &e.Title, &kind, &start, &end, &e.Venue, &e.Capacity, &e.Description, &e.OrganiserID,
			&created, &updated); err != nil {
			return nil, fmt.Errorf("list events: %w", err)
		}
		e.Kind, e.Start, e.End = EventKind(kind), parseEventTime(start), parseEventTime(end)
		e.CreatedAt, e.UpdatedAt = parseTS(created), parseTS(updated)
		out = append(out, e)
	}
	return out, rows.Err()
}

// ListEvents returns the live events, earliest first.
func (s *Store) ListEvents(ctx context.Context) ([]Event, error) { return s.listEvents(ctx, "") }

// GetEvent returns the live event with that id.
func (s *Store) GetEvent(ctx context.Context, id string) (Event, error) {
	es, err := s.listEvents(ctx, "AND id = ?", id)
	if err != nil {
		return Event{}, err
	}
	if len(es) == 0 {
		return Event{}, fmt.Errorf("event %s: %w", id, ErrNotFound)
	}
	return es[0], nil
}

// FindEvent returns the live event with that title (the latest if several).
func (s *Store) FindEvent(ctx context.Context, title string) (Event, error) {
	es, err := s.listEvents(ctx, "AND title = ?", strings.TrimSpace(title))
	if err != nil {
		return Event{}, err
	}
	if len(es) == 0 {
		return Event{}, fmt.Errorf("event %q: %w", title, ErrNotFound)
	}
	return es[len(es)-1], nil
}

// DeleteEvent moves an event to the bin.
func (s *Store) DeleteEvent(ctx context.Context, id string) error {
	return s.softDelete(ctx, "events", id)
}

// SaveRegistration inserts r (when r.ID is empty) or updates its status and
// check-in time.
func (s *Store) SaveRegistration(ctx context.Context, r *Registration) error {
	v := validator{entity: "registration"}
	v.required("event", r.EventID)
	if (r.PersonID == "") == (r.PupilID == "") {
		v.add("person", "err.reg_who", "Välj en person eller en elev.", "exactly one of person and pupil")
	}
	if r.Status == "" {
		r.Status = RegInvited
	}
	if !r.Status.Valid() {
		v.add("status", "err.status", "Okänd status.", "unknown status")
	}
	if err := v.err(); err != nil {
		return err
	}
	id, created, updated := r.ID, r.CreatedAt, r.UpdatedAt
	var err error
	if s.stamp(&id, &created, &updated) {
		_, err = s.exec(ctx, `INSERT INTO registrations (id, event_id, person_id, pupil_id, status, registered_at, checked_in_at,
			promoted_at, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)`, id, r.EventID, nullable(r.PersonID), nullable(r.PupilID),
			string(r.Status), formatTS(r.RegisteredAt), formatTS(r.CheckedInAt), formatTS(r.PromotedAt), formatTS(created), formatTS(updated))
	} else {
		res, e2 := s.exec(ctx, `UPDATE registrations SET status=?, registered_at=?, checked_in_at=?, promoted_at=?, updated_at=?
			WHERE id=? AND deleted_at IS NULL`, string(r.Status), formatTS(r.RegisteredAt), formatTS(r.CheckedInAt),
			formatTS(r.PromotedAt), formatTS(updated), id)
		err = e2
		if err == nil {
			err = checkUpdated("save registration", res)
		}
	}
	if err != nil {
		return translate("save registration", err)
	}
	r.ID, r.CreatedAt, r.UpdatedAt = id, created, updated
	return nil
}

// registrationColumns are the columns scanRegistration reads.
const registrationColumns = `id, event_id, coalesce(person_id, ''), coalesce(pupil_id, ''), status,
	registered_at, checked_in_at, promoted_at, created_at, updated_at`

// liveRegistration keeps registrations whose person or pupil is live: a
// deleted person is on no list, so every count of an event (the screen, the
// door, the documents, the command line) leaves them out alike.
const liveRegistration = `deleted_at IS NULL
	AND (person_id IS NULL OR person_id IN (SELECT id FROM people WHERE deleted_at IS NULL))
	AND (pupil_id IS NULL OR pupil_id IN (SELECT id FROM pupils WHERE deleted_at IS NULL))`

type rowScanner interface{ Scan(dest ...any) error }

func scanRegistration(row rowScanner) (Registration, error) {
	var r Registration
	var status, reg, in, promoted, created, updated string
	if err := row.Scan(&r.ID, &r.EventID, &r.PersonID, &r.PupilID, &status, &reg, &in, &promoted, &created, &updated); err != nil {
		return r, err
	}
	r.Status, r.RegisteredAt, r.CheckedInAt = RegistrationStatus(status), parseTS(reg), parseTS(in)
	r.PromotedAt, r.CreatedAt, r.UpdatedAt = parseTS(promoted), parseTS(created), parseTS(updated)
	return r, nil
}

// ListRegistrations returns an event's live registrations ("" for all
// events) in the order people registered. Registrations of deleted people
// and pupils are left out.
func (s *Store) ListRegistrations(ctx context.Context, eventID string) ([]Registration, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT `+registrationColumns+` FROM registrations
		WHERE `+liveRegistration+` AND (? = '' OR event_id = ?) ORDER BY event_id, registered_at, created_at, id`, eventID, eventID)
	if err != nil {
		return nil, fmt.Errorf("list registrations: %w", err)
	}
	defer rows.Close()
	var out []Registration
	for rows.Next() {
		r, err := scanRegistration(rows)
		if err != nil {
			return nil, fmt.Errorf("list registrations: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
