package data

import (
	"context"
	"fmt"
	"strings"
)

// Validate checks a journey entry before it is saved.
func (j JourneyEntry) Validate() error {
	v := validator{entity: "journey_entry"}
	v.required("organisation", j.OrganisationID)
	v.required("title", j.Title)
	v.text("title", j.Title, 200)
	v.text("text", j.Text, 20000)
	if j.Area != "" && !j.Area.Valid() {
		v.add("area", "err.journey_area", "Okänt område.", "unknown area "+string(j.Area))
	}
	if j.Date.IsZero() {
		v.add("date", "err.required", "Måste fyllas i.", "required")
	}
	return v.err()
}

// SaveJourneyEntry inserts or updates one story of a company's journey.
func (s *Store) SaveJourneyEntry(ctx context.Context, j *JourneyEntry) error {
	j.Title = strings.TrimSpace(j.Title)
	if err := j.Validate(); err != nil {
		return err
	}
	id, created, updated := j.ID, j.CreatedAt, j.UpdatedAt
	var err error
	if s.stamp(&id, &created, &updated) {
		_, err = s.exec(ctx, `INSERT INTO journey_entries (id, organisation_id, date, title, text, shareable, area, created_at, updated_at)
			VALUES (?,?,?,?,?,?,?,?,?)`, id, j.OrganisationID, FormatDate(j.Date), j.Title, j.Text, j.Shareable, string(j.Area),
			formatTS(created), formatTS(updated))
	} else {
		res, e := s.exec(ctx, `UPDATE journey_entries SET organisation_id=?, date=?, title=?, text=?, shareable=?, area=?, updated_at=?
			WHERE id=? AND deleted_at IS NULL`, j.OrganisationID, FormatDate(j.Date), j.Title, j.Text, j.Shareable, string(j.Area),
			formatTS(updated), id)
		err = e
		if err == nil {
			err = checkUpdated("save journey entry", res)
		}
	}
	if err != nil {
		return translate("save journey entry "+j.Title, err)
	}
	j.ID, j.CreatedAt, j.UpdatedAt = id, created, updated
	return nil
}

// ListJourneyEntries returns an organisation's journey ("" for all), oldest first.
func (s *Store) ListJourneyEntries(ctx context.Context, orgID string) ([]JourneyEntry, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT id, organisation_id, date, title, text, shareable, area, created_at, updated_at
		FROM journey_entries WHERE deleted_at IS NULL AND (? = '' OR organisation_id = ?) ORDER BY date, title`, orgID, orgID)
	if err != nil {
		return nil, fmt.Errorf("list journey entries: %w", err)
	}
	defer rows.Close()
	var out []JourneyEntry
	for rows.Next() {
		var j JourneyEntry
		var date, created, updated, area string
		if err := rows.Scan(&j.ID, &j.OrganisationID, &date, &j.Title, &j.Text, &j.Shareable, &area, &created, &updated); err != nil {
			return nil, fmt.Errorf("list journey entries: %w", err)
		}
		j.Date, j.CreatedAt, j.UpdatedAt, j.Area = mustDate(date), parseTS(created), parseTS(updated), Area(area)
		out = append(out, j)
	}
	return out, rows.Err()
}

// DeleteJourneyEntry moves a journey entry to the bin.
func (s *Store) DeleteJourneyEntry(ctx context.Context, id string) error {
	return s.softDelete(ctx, "journey_entries", id)
}
