package ops

import (
	"context"
	"os"

	"techniqual/data"
	"techniqual/data/text"
)

// AuditError is returned when files were written but their entry in the
// audit log could not be: the files have been removed again.
type AuditError struct {
	Err error
}

func (e *AuditError) Error() string {
	return "the audit log failed, so the file was removed: " + e.Err.Error()
}

// Unwrap gives the audit log's own error.
func (e *AuditError) Unwrap() error { return e.Err }

// Text says it in l.
func (e *AuditError) Text(l text.Lang) string {
	return l.Pick("utlämningen kunde inte föras in i loggen över utlämnade personuppgifter, så filen togs bort: ",
		"the audit log failed, so the file was removed: ") + e.Err.Error()
}

// record writes e into the audit log of st; when that fails it removes
// paths (the files the entry is about) and returns an *AuditError.
func record(ctx context.Context, st *data.Store, e *data.AuditEntry, paths ...string) error {
	if err := st.LogExport(ctx, e); err != nil {
		for _, p := range paths {
			os.Remove(p)
		}
		return &AuditError{Err: err}
	}
	return nil
}

// recordTx is record inside a transaction that writes the file itself (an
// exchange file): the transaction removes the file when it fails.
func recordTx(ctx context.Context, tx *data.Store, e *data.AuditEntry) error {
	if err := tx.LogExport(ctx, e); err != nil {
		return &AuditError{Err: err}
	}
	return nil
}
