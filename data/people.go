package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/mail"
	"sort"
	"strings"
)

const personColumns = `id, coalesce(organisation_id, ''), first_name, last_name, title, email, phone, journey, notes, created_at, updated_at`

// Validate checks a person before it is saved.
func (p Person) Validate() error {
	v := validator{entity: "person"}
	if strings.TrimSpace(p.FirstName+p.LastName) == "" {
		v.add("first_name", "err.name_required", "Förnamn eller efternamn måste fyllas i.", "a first or last name is required")
	}
	v.text("first_name", p.FirstName, 100)
	v.text("last_name", p.LastName, 100)
	v.text("journey", p.Journey, 20000)
	v.noPersonnummer([2]string{"first_name", p.FirstName}, [2]string{"last_name", p.LastName},
		[2]string{"title", p.Title}, [2]string{"email", p.Email}, [2]string{"phone", p.Phone},
		[2]string{"journey", p.Journey}, [2]string{"notes", p.Notes})
	if e := strings.TrimSpace(p.Email); e != "" {
		if a, err := mail.ParseAddress(e); err != nil || a.Address != e {
			v.add("email", "err.email", "Ogiltig e-postadress.", "not a valid e-mail address")
		}
	}
	for _, r := range p.Roles {
		if !r.Valid() {
			v.add("roles", "err.role", "Okänd roll.", "unknown role "+string(r))
		}
	}
	return v.err()
}

// SavePerson inserts p (when p.ID is empty) or updates it, roles included.
func (s *Store) SavePerson(ctx context.Context, p *Person) error {
	p.FirstName, p.LastName, p.Email = CleanName(p.FirstName), CleanName(p.LastName), strings.TrimSpace(p.Email)
	if err := p.Validate(); err != nil {
		return err
	}
	id, created, updated := p.ID, p.CreatedAt, p.UpdatedAt
	insert := s.stamp(&id, &created, &updated)
	err := s.InTx(ctx, func(tx *Store) error {
		args := []any{nullable(p.OrganisationID), p.FirstName, p.LastName, p.Title, p.Email, p.Phone, p.Journey, p.Notes, formatTS(updated)}
		if insert {
			if _, err := tx.exec(ctx, `INSERT INTO people (organisation_id, first_name, last_name, title, email, phone, journey, notes,
				updated_at, id, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)`, append(args, id, formatTS(created))...); err != nil {
				return err
			}
		} else {
			res, err := tx.exec(ctx, `UPDATE people SET organisation_id=?, first_name=?, last_name=?, title=?, email=?, phone=?,
				journey=?, notes=?, updated_at=? WHERE id=? AND deleted_at IS NULL`, append(args, id)...)
			if err != nil {
				return err
			}
			if err := checkUpdated("save person", res); err != nil {
				return err
			}
			if _, err := tx.exec(ctx, `DELETE FROM person_roles WHERE person_id = ?`, id); err != nil {
				return err
			}
		}
		for _, r := range dedupRoles(p.Roles) {
			if _, err := tx.exec(ctx, `INSERT INTO person_roles (person_id, role) VALUES (?, ?)`, id, string(r)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return translate("save person "+p.Name(), err)
	}
	p.ID, p.CreatedAt, p.UpdatedAt = id, created, updated
	return nil
}

func dedupRoles(rs []Role) []Role {
	seen := map[Role]bool{}
	var out []Role
	for _, r := range rs {
		if !seen[r] {
			seen[r] = true
			out = append(out, r)
		}
	}
	return out
}

func scanPerson(row interface{ Scan(...any) error }) (Person, error) {
	var p Person
	var created, updated string
	err := row.Scan(&p.ID, &p.OrganisationID, &p.FirstName, &p.LastName, &p.Title, &p.Email, &p.Phone, &p.Journey, &p.Notes, &created, &updated)
	p.CreatedAt, p.UpdatedAt = parseTS(created), parseTS(updated)
	return p, err
}

// GetPerson returns the live person with that id, roles included.
func (s *Store) GetPerson(ctx context.Context, id string) (Person, error) {
	p, err := scanPerson(s.q.QueryRowContext(ctx, "SELECT "+personColumns+" FROM people WHERE id = ? AND deleted_at IS NULL", id))
	if errors.Is(err, sql.ErrNoRows) {
		return p, fmt.Errorf("person %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return p, fmt.Errorf("get person: %w", err)
	}
	roles, err := s.roles(ctx, id)
	p.Roles = roles[id]
	return p, err
}

func (s *Store) roles(ctx context.Context, personID string) (map[string][]Role, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT person_id, role FROM person_roles WHERE ? = '' OR person_id = ?`, personID, personID)
	if err != nil {
		return nil, fmt.Errorf("read roles: %w", err)
	}
	defer rows.Close()
	out := map[string][]Role{}
	for rows.Next() {
		var id, r string
		if err := rows.Scan(&id, &r); err != nil {
			return nil, err
		}
		out[id] = append(out[id], Role(r))
	}
	for _, rs := range out {
		sort.Slice(rs, func(i, j int) bool { return roleOrder(rs[i]) < roleOrder(rs[j]) })
	}
	return out, rows.Err()
}

func roleOrder(r Role) int {
	for i, x := range Roles {
		if x == r {
			return i
		}
	}
	return len(Roles)
}

// PersonFilter narrows ListPeople; zero fields match everything.
type PersonFilter struct {
	OrganisationID string
	Role           Role
}

// peopleByID reads the live people with the given ids (repeats and ""
// are passed over), with their roles, in no particular order.
func (s *Store) peopleByID(ctx context.Context, ids []string) ([]Person, error) {
	seen := map[string]bool{"": true}
	var want []string
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			want = append(want, id)
		}
	}
	out, err := queryIn(ctx, s.q, "SELECT "+personColumns+" FROM people p WHERE deleted_at IS NULL AND id IN (%s)", nil, want,
		func(r *sql.Rows) (Person, error) { return scanPerson(r) })
	if err != nil {
		return nil, fmt.Errorf("read people: %w", err)
	}
	type personRole struct{ id, role string }
	prs, err := queryIn(ctx, s.q, "SELECT person_id, role FROM person_roles WHERE person_id IN (%s)", nil, want,
		func(r *sql.Rows) (personRole, error) {
			var pr personRole
			return pr, r.Scan(&pr.id, &pr.role)
		})
	if err != nil {
		return nil, fmt.Errorf("read roles: %w", err)
	}
	roles := map[string][]Role{}
	for _, pr := range prs {
		roles[pr.id] = append(roles[pr.id], Role(pr.role))
	}
	for i := range out {
		rs := roles[out[i].ID]
		sort.Slice(rs, func(i, j int) bool { return roleOrder(rs[i]) < roleOrder(rs[j]) })
		out[i].Roles = rs
	}
	return out, nil
}

// ListPeople returns live people, sorted by last and first name.
func (s *Store) ListPeople(ctx context.Context, f PersonFilter) ([]Person, error) {
	rows, err := s.q.QueryContext(ctx, "SELECT "+personColumns+` FROM people p WHERE deleted_at IS NULL
		AND (? = '' OR organisation_id = ?)
		AND (? = '' OR EXISTS (SELECT 1 FROM person_roles r WHERE r.person_id = p.id AND r.role = ?))
		ORDER BY last_name COLLATE NOCASE, first_name COLLATE NOCASE, id`,
		f.OrganisationID, f.OrganisationID, string(f.Role), string(f.Role))
	if err != nil {
		return nil, fmt.Errorf("list people: %w", err)
	}
	defer rows.Close()
	var out []Person
	for rows.Next() {
		p, err := scanPerson(rows)
		if err != nil {
			return nil, fmt.Errorf("list people: %w", err)
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	roles, err := s.roles(ctx, "")
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].Roles = roles[out[i].ID]
	}
	return out, nil
}

// DeletePerson moves a person to the bin.
func (s *Store) DeletePerson(ctx context.Context, id string) error {
	return s.softDelete(ctx, "people", id)
}

// RestorePerson takes a person back from the bin.
func (s *Store) RestorePerson(ctx context.Context, id string) error {
	return s.restore(ctx, "people", id)
}
