package data

import (
	"context"
	"fmt"
	"strings"
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
