package data

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// LogExport records an export of personal data in the audit log (table audit_log, read with ListAudit).
func (s *Store) LogExport(ctx context.Context, e *AuditEntry) error {
	if strings.TrimSpace(e.Action) == "" {
		return &ValidationError{Fields: []FieldError{{Entity: "audit", Field: "action", Key: "err.required", Text: "Måste fyllas i.", Reason: "required"}}}
	}
	e.ID, e.At = s.newID(), s.now()
	if e.Records == 0 {
		e.Records = len(e.RecordIDs)
	}
	_, err := s.exec(ctx, `INSERT INTO audit_log (id, at, action, what, record_ids, records, detail) VALUES (?,?,?,?,?,?,?)`,
		e.ID, formatTS(e.At), e.Action, e.What, strings.Join(e.RecordIDs, ","), e.Records, e.Detail)
	return translate("write audit log", err)
}

// ListAudit returns the audit log, newest first.
func (s *Store) ListAudit(ctx context.Context) ([]AuditEntry, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT id, at, action, what, record_ids, records, detail FROM audit_log ORDER BY at DESC, id`)
	if err != nil {
		return nil, fmt.Errorf("list audit log: %w", err)
	}
	defer rows.Close()
	var out []AuditEntry
	for rows.Next() {
		var e AuditEntry
		var at, ids string
		if err := rows.Scan(&e.ID, &at, &e.Action, &e.What, &ids, &e.Records, &e.Detail); err != nil {
			return nil, fmt.Errorf("list audit log: %w", err)
		}
		e.At = parseTS(at)
		if ids != "" {
			e.RecordIDs = strings.Split(ids, ",")
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// LogExportToFile writes e to the audit log of the database file at dbPath
// without opening it as a Store (and so without its lock): the command
// line's backup copies a database that the window may have open, and the
// copy must still be on record. SQLite's own locking keeps the one insert
// safe beside the window's writes. now and id fill e.At and e.ID.
func LogExportToFile(ctx context.Context, dbPath string, e *AuditEntry, now time.Time, id string) error {
	if strings.TrimSpace(e.Action) == "" {
		return &ValidationError{Fields: []FieldError{{Entity: "audit", Field: "action", Key: "err.required", Text: "Måste fyllas i.", Reason: "required"}}}
	}
	db, err := sql.Open("sqlite3", dsn(dbPath, false))
	if err != nil {
		return fmt.Errorf("write audit log: %w", err)
	}
	defer db.Close()
	e.ID, e.At = id, now.UTC()
	if e.Records == 0 {
		e.Records = len(e.RecordIDs)
	}
	_, err = db.ExecContext(ctx, `INSERT INTO audit_log (id, at, action, what, record_ids, records, detail) VALUES (?,?,?,?,?,?,?)`,
		e.ID, formatTS(e.At), e.Action, e.What, strings.Join(e.RecordIDs, ","), e.Records, e.Detail)
	return translate("write audit log", err)
}
