package calendar

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"techniqual/data"
)

// OfferDoc loads what an offer's calendar needs: the offer, its host,
// period and supervisor, and the pupils placed at it (none is fine).
func OfferDoc(ctx context.Context, st *data.Store, offerID string) (data.HostDoc, error) {
	off, err := st.GetOffer(ctx, offerID)
	if err != nil {
		return data.HostDoc{}, err
	}
	docs, err := st.DocumentsForPeriod(ctx, off.PeriodID, data.DocFilter{OfferID: off.ID})
	if err != nil {
		return data.HostDoc{}, err
	}
	if hs := data.GroupByOffer(docs); len(hs) == 1 {
		return hs[0], nil
	}
	h := data.HostDoc{Offer: off}
	if h.Period, err = st.GetPeriod(ctx, off.PeriodID); err != nil {
		return h, err
	}
	if h.Host, err = st.GetOrganisation(ctx, off.HostID); err != nil && !errors.Is(err, data.ErrNotFound) {
		return h, err
	}
	if off.SupervisorID != "" {
		p, err := st.GetPerson(ctx, off.SupervisorID)
		if err == nil {
			h.Supervisor = &p
		} else if !errors.Is(err, data.ErrNotFound) {
			return h, err
		}
	}
	return h, nil
}

// SaveEvent writes an event's calendar to path. An event's calendar holds
// no personal data, so nothing goes into the audit log.
func SaveEvent(ctx context.Context, st *data.Store, eventID, path string, o Options) error {
	e, err := st.GetEvent(ctx, eventID)
	if err != nil {
		return err
	}
	return writeFile(path, func(w io.Writer) error { return Event(w, e, o) })
}

// SavePupils writes the prao days of the placed pupils of a period that
// match f to path and records the export in the audit log; it returns how
// many pupils are in the file. When the log cannot be written the file is
// removed: an export the log does not know of must not stay.
func SavePupils(ctx context.Context, st *data.Store, periodID string, f data.DocFilter, path string, o Options) (int, error) {
	docs, err := st.DocumentsForPeriod(ctx, periodID, f)
	if err != nil {
		return 0, err
	}
	if len(docs) == 0 {
		return 0, ErrNothing
	}
	if err := writeFile(path, func(w io.Writer) error { return Pupils(w, docs, o) }); err != nil {
		return 0, err
	}
	ids := make([]string, 0, len(docs))
	for _, d := range docs {
		ids = append(ids, d.Pupil.ID)
	}
	return len(ids), logExport(ctx, st, "ics pupils", path, ids, docs[0].Period.Name)
}

// SaveOffer writes an offer's calendar for the host to path and, when it
// names pupils, records the export in the audit log; it returns how many
// pupils are listed in it.
func SaveOffer(ctx context.Context, st *data.Store, offerID, path string, o Options) (int, error) {
	h, err := OfferDoc(ctx, st, offerID)
	if err != nil {
		return 0, err
	}
	if err := writeFile(path, func(w io.Writer) error { return Offer(w, h, o) }); err != nil {
		return 0, err
	}
	var ids []string
	for _, d := range h.Pupils {
		if !d.Pupil.Protected || o.IncludeProtected {
			ids = append(ids, d.Pupil.ID)
		}
	}
	if len(ids) == 0 {
		return len(h.Pupils), nil
	}
	detail := h.Period.Name + " · " + h.Host.Name + " · " + h.Offer.Title
	return len(h.Pupils), logExport(ctx, st, "ics offer", path, ids, detail)
}

func logExport(ctx context.Context, st *data.Store, action, path string, ids []string, detail string) error {
	if err := st.LogExport(ctx, &data.AuditEntry{Action: action, What: path, RecordIDs: ids, Detail: detail}); err != nil {
		os.Remove(path)
		return fmt.Errorf("calendar: the export could not be recorded in the audit log, so the file was removed: %w", err)
	}
	return nil
}

// writeFile writes what write produces to path (mode 0600: it may hold
// personal data) through a temporary file, so a failure never leaves half
// a calendar behind or replaces a good one.
func writeFile(path string, write func(io.Writer) error) error {
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		return err
	}
	if err := data.WritePrivateFile(path, func(w io.Writer) error { _, err := w.Write(buf.Bytes()); return err }); err != nil {
		return fmt.Errorf("calendar: write %s: %w", path, err)
	}
	return nil
}
