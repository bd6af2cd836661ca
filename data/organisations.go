package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

const orgColumns = `id, kind, name, org_number, municipality, visiting_address, sector, member_since, notes, created_at, updated_at`

// Validate checks an organisation before it is saved.
func (o Organisation) Validate() error {
	v := validator{entity: "organisation"}
	if !o.Kind.Valid() {
		v.add("kind", "err.org_kind", "Välj skola, företag eller annat.", "must be school, company or other")
	}
	v.required("name", o.Name)
	v.text("name", o.Name, 200)
	v.text("notes", o.Notes, 10000)
	return v.err()
}

// SaveOrganisation inserts o (when o.ID is empty) or updates it.
func (s *Store) SaveOrganisation(ctx context.Context, o *Organisation) error {
	o.Name = strings.TrimSpace(o.Name)
	if err := o.Validate(); err != nil {
		return err
	}
	id, created, updated := o.ID, o.CreatedAt, o.UpdatedAt
	insert := s.stamp(&id, &created, &updated)
	args := []any{string(o.Kind), o.Name, o.OrgNumber, o.Municipality, o.VisitingAddress, o.Sector,
		FormatDate(o.MemberSince), o.Notes, formatTS(updated)}
	var err error
	if insert {
		_, err = s.exec(ctx, `INSERT INTO organisations (kind, name, org_number, municipality, visiting_address, sector,
			member_since, notes, updated_at, id, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)`,
			append(args, id, formatTS(created))...)
	} else {
		var res sql.Result
		res, err = s.exec(ctx, `UPDATE organisations SET kind=?, name=?, org_number=?, municipality=?, visiting_address=?,
			sector=?, member_since=?, notes=?, updated_at=? WHERE id=? AND deleted_at IS NULL`, append(args, id)...)
		if err == nil {
			err = checkUpdated("save organisation "+o.Name, res)
		}
	}
	if err != nil {
		return translate("save organisation "+o.Name, err)
	}
	o.ID, o.CreatedAt, o.UpdatedAt = id, created, updated
	return nil
}

func scanOrganisation(row interface{ Scan(...any) error }) (Organisation, error) {
	var o Organisation
	var kind, since, created, updated string
	err := row.Scan(&o.ID, &kind, &o.Name, &o.OrgNumber, &o.Municipality, &o.VisitingAddress, &o.Sector,
		&since, &o.Notes, &created, &updated)
	o.Kind, o.MemberSince, o.CreatedAt, o.UpdatedAt = OrgKind(kind), mustDate(since), parseTS(created), parseTS(updated)
	return o, err
}

// GetOrganisation returns the live organisation with that id.
func (s *Store) GetOrganisation(ctx context.Context, id string) (Organisation, error) {
	o, err := scanOrganisation(s.q.QueryRowContext(ctx, "SELECT "+orgColumns+" FROM organisations WHERE id = ? AND deleted_at IS NULL", id))
	if errors.Is(err, sql.ErrNoRows) {
		return o, fmt.Errorf("organisation %s: %w", id, ErrNotFound)
	}
	return o, err
}

// FindOrganisation returns the live organisation of that kind and name.
func (s *Store) FindOrganisation(ctx context.Context, kind OrgKind, name string) (Organisation, error) {
	o, err := scanOrganisation(s.q.QueryRowContext(ctx, "SELECT "+orgColumns+
		" FROM organisations WHERE kind = ? AND name = ? AND deleted_at IS NULL", string(kind), strings.TrimSpace(name)))
	if errors.Is(err, sql.ErrNoRows) {
		return o, fmt.Errorf("%s %q: %w", kind, name, ErrNotFound)
	}
	return o, err
}

// ListOrganisations returns the live organisations of a kind ("" for all),
// sorted by name.
func (s *Store) ListOrganisations(ctx context.Context, kind OrgKind) ([]Organisation, error) {
	rows, err := s.q.QueryContext(ctx, "SELECT "+orgColumns+` FROM organisations
		WHERE deleted_at IS NULL AND (? = '' OR kind = ?) ORDER BY name COLLATE NOCASE`, string(kind), string(kind))
	if err != nil {
		return nil, fmt.Errorf("list organisations: %w", err)
	}
	defer rows.Close()
	var out []Organisation
	for rows.Next() {
		o, err := scanOrganisation(rows)
		if err != nil {
			return nil, fmt.Errorf("list organisations: %w", err)
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// DeleteOrganisation moves an organisation to the bin.
func (s *Store) DeleteOrganisation(ctx context.Context, id string) error {
	return s.softDelete(ctx, "organisations", id)
}

// RestoreOrganisation takes an organisation back from the bin.
func (s *Store) RestoreOrganisation(ctx context.Context, id string) error {
	return s.restore(ctx, "organisations", id)
}
