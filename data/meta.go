package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// Meta reads a small setting kept in the database ("" when unset).
func (s *Store) Meta(ctx context.Context, key string) (string, error) {
	var v string
	err := s.q.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("read setting %s: %w", key, err)
	}
	return v, nil
}

// SetMeta stores a small setting in the database.
func (s *Store) SetMeta(ctx context.Context, key, value string) error {
	_, err := s.exec(ctx, `INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
	return translate("save setting "+key, err)
}

// networkContactKey is the setting that holds the network's contact.
const networkContactKey = "network_contact"

// NetworkContact is the network's coordinator as hosts should reach them:
// whom a host asks about a pupil with protected identity, so that the
// question never names the pupil's school. It is nil when not set
// (Inställningar › Nätverkets kontakt).
func (s *Store) NetworkContact(ctx context.Context) (*Person, error) {
	v, err := s.Meta(ctx, networkContactKey)
	if err != nil || v == "" {
		return nil, err
	}
	var c struct{ FirstName, LastName, Title, Phone, Email string }
	if err := json.Unmarshal([]byte(v), &c); err != nil {
		return nil, fmt.Errorf("read setting %s: %w", networkContactKey, err)
	}
	p := &Person{FirstName: c.FirstName, LastName: c.LastName, Title: c.Title, Phone: c.Phone, Email: c.Email}
	if strings.TrimSpace(p.Name()+p.Phone+p.Email) == "" {
		return nil, nil
	}
	return p, nil
}

// SetNetworkContact stores the network's contact (name, title, phone,
// e-mail of p; the rest is ignored). Empty fields clear it.
func (s *Store) SetNetworkContact(ctx context.Context, p Person) error {
	c := struct{ FirstName, LastName, Title, Phone, Email string }{
		strings.TrimSpace(p.FirstName), strings.TrimSpace(p.LastName), strings.TrimSpace(p.Title),
		strings.TrimSpace(p.Phone), strings.TrimSpace(p.Email)}
	if c == (struct{ FirstName, LastName, Title, Phone, Email string }{}) {
		return s.SetMeta(ctx, networkContactKey, "")
	}
	b, err := json.Marshal(c)
	if err != nil {
		return err
	}
	return s.SetMeta(ctx, networkContactKey, string(b))
}
