package files

import (
	"context"
	"strconv"

	"fyne.io/fyne/v2/lang"

	"techniqual/data"
	"techniqual/reports"
	"techniqual/ui/ops"
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
		res, err := ops.PrintEvent(ctx, st, eventID, kind, path, reports.Options{Lang: code})
		if err != nil {
			return "", err
		}
		return lang.X("eventdocs.saved", "{{.Doc}} sparad i {{.Path}} ({{.N}} personer).",
			map[string]string{"Doc": uikit.EventDocName(kind), "Path": path, "N": strconv.Itoa(res.People)}), nil
	}}, nil
}
