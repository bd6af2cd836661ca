package calendar

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"

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
// match f to path; it returns how many pupils are in the file and the
// audit-log entry the file must be recorded with (by ops.SaveCalendar,
// which removes the file when the log cannot be written).
func SavePupils(ctx context.Context, st *data.Store, periodID string, f data.DocFilter, path string, o Options) (int, *data.AuditEntry, error) {
	docs, err := st.DocumentsForPeriod(ctx, periodID, f)
	if err != nil {
		return 0, nil, err
	}
	if len(docs) == 0 {
		return 0, nil, ErrNothing
	}
	if err := writeFile(path, func(w io.Writer) error { return Pupils(w, docs, o) }); err != nil {
		return 0, nil, err
	}
	ids := make([]string, 0, len(docs))
	for _, d := range docs {
		ids = append(ids, d.Pupil.ID)
	}
	return len(ids), &data.AuditEntry{Action: "ics pupils", What: path, RecordIDs: ids, Detail: docs[0].Period.Name}, nil
}

// SaveOffer writes an offer's calendar for the host to path; it returns
// how many pupils are listed in it and, when it names pupils, the
// audit-log entry the file must be recorded with (nil when it names none).
func SaveOffer(ctx context.Context, st *data.Store, offerID, path string, o Options) (int, *data.AuditEntry, error) {
	h, err := OfferDoc(ctx, st, offerID)
	if err != nil {
		return 0, nil, err
	}
	if err := writeFile(path, func(w io.Writer) error { return Offer(w, h, o) }); err != nil {
		return 0, nil, err
	}
	var ids []string
	for _, d := range h.Pupils {
		if !d.Pupil.Protected || o.IncludeProtected {
			ids = append(ids, d.Pupil.ID)
		}
	}
	if len(ids) == 0 {
		return len(h.Pupils), nil, nil
	}
	detail := h.Period.Name + " · " + h.Host.Name + " · " + h.Offer.Title
	return len(h.Pupils), &data.AuditEntry{Action: "ics offer", What: path, RecordIDs: ids, Detail: detail}, nil
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
