package ops

import (
	"context"

	"techniqual/data"
	"techniqual/data/calendar"
	"techniqual/data/export"
)

// Export writes a list as a spreadsheet to path (the format from its
// extension: .xlsx or .csv) and records it in the audit log; when the log
// fails the file is removed and an *AuditError returned.
func Export(ctx context.Context, st *data.Store, path string, o export.Options) (export.Result, error) {
	res, e, err := export.Export(ctx, st, path, o)
	if err != nil {
		return export.Result{}, err
	}
	if err := record(ctx, st, &e, path); err != nil {
		return export.Result{}, err
	}
	return res, nil
}

// Calendar says which calendar to write: an event's (EventID), one
// offer's days for the host (OfferID) or the prao days of a period's
// placed pupils (PeriodID with Filter). Exactly one of the three is set.
type Calendar struct {
	EventID  string
	OfferID  string
	PeriodID string
	Filter   data.DocFilter
}

// SaveCalendar writes the calendar c to path and, when it names pupils,
// records it in the audit log (an event's calendar names nobody). It
// returns how many pupils the file lists. calendar.ErrNothing means there
// was nobody (or no day) to write; *AuditError that the log failed and the
// file was removed.
func SaveCalendar(ctx context.Context, st *data.Store, c Calendar, path string, o calendar.Options) (int, error) {
	var n int
	var e *data.AuditEntry
	if err := withCoordinator(ctx, st, &o.Coordinator); err != nil {
		return 0, err
	}
	var err error
	switch {
	case c.EventID != "":
		err = calendar.SaveEvent(ctx, st, c.EventID, path, o)
	case c.OfferID != "":
		n, e, err = calendar.SaveOffer(ctx, st, c.OfferID, path, o)
	default:
		n, e, err = calendar.SavePupils(ctx, st, c.PeriodID, c.Filter, path, o)
	}
	if err != nil {
		return 0, err
	}
	if e != nil {
		if err := record(ctx, st, e, path); err != nil {
			return 0, err
		}
	}
	return n, nil
}
