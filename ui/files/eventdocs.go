package files

import (
	"context"
	"os"
	"strconv"

	"fyne.io/fyne/v2/lang"

	"techniqual/data"
	"techniqual/reports"
	"techniqual/ui/uikit"
)

// printEvent asks where to save one of an event's documents (participant
// list, badges or certificates) and writes it off the UI goroutine; the
// export is recorded in the audit log, as every file with names is.
func PrintEvent(m Shell, eventID, kind string) {
	askCalendar(m, func(st *data.Store) (calendarJob, error) { return eventDocJob(m, st, eventID, kind) })
}

// printEventTo writes the document to path (for tests and scripts);
// done gets the message or the error on the UI goroutine.
func printEventTo(m Shell, eventID, kind, path string, done func(string, error)) {
	saveCalendarTo(m, func(st *data.Store) (calendarJob, error) { return eventDocJob(m, st, eventID, kind) }, path, done)
}

func eventDocJob(m Shell, st *data.Store, eventID, kind string) (calendarJob, error) {
	ctx := context.Background()
	e, err := st.GetEvent(ctx, eventID)
	if err != nil {
		return calendarJob{}, err
	}
	code := m.Language()
	name := reports.SafeFileName(uikit.EventDocName(kind)+" "+e.Title+" "+data.FormatDate(e.Start.In(data.Stockholm))) + ".pdf"
	return calendarJob{name: name, ext: ".pdf", write: func(ctx context.Context, st *data.Store, path string) (string, error) {
		ps, err := st.EventParticipants(ctx, eventID)
		if err != nil {
			return "", err
		}
		doc, ids := reports.NewEventDoc(e, ps, code, false)
		if err := reports.WriteEventFile(path, kind, doc, reports.Options{Lang: code}); err != nil {
			return "", err
		}
		if err := st.LogExport(ctx, &data.AuditEntry{Action: "pdf " + kind, What: path, RecordIDs: ids, Detail: e.Title}); err != nil {
			os.Remove(path) // no file with names leaves without its log entry
			return "", err
		}
		return lang.X("eventdocs.saved", "{{.Doc}} sparad i {{.Path}} ({{.N}} personer på listan).",
			map[string]string{"Doc": uikit.EventDocName(kind), "Path": path, "N": strconv.Itoa(len(doc.Participants))}), nil
	}}, nil
}
