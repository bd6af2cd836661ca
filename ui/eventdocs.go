package ui

import (
	"context"
	"strconv"

	"fyne.io/fyne/v2/lang"

	"techniqual/data"
	"techniqual/reports"
	"techniqual/ui/ops"
)

// eventDocName names an event document in the user's language.
func eventDocName(kind string) string {
	switch kind {
	case "badges":
		return lang.X("eventdocs.badges", "Namnbrickor")
	case "event-certificates":
		return lang.X("eventdocs.certificates", "Deltagarintyg")
	}
	return lang.X("eventdocs.participants", "Deltagarlista")
}

// printEvent asks where to save one of an event's documents (participant
// list, badges or certificates) and writes it off the UI goroutine; the
// export is recorded in the audit log, as every file with names is.
func (m *MainWindow) printEvent(eventID, kind string) {
	m.askCalendar(func(st *data.Store) (calendarJob, error) { return m.eventDocJob(st, eventID, kind) })
}

// printEventTo writes the document to path (for tests and scripts);
// done gets the message or the error on the UI goroutine.
func (m *MainWindow) printEventTo(eventID, kind, path string, done func(string, error)) {
	m.saveCalendarTo(func(st *data.Store) (calendarJob, error) { return m.eventDocJob(st, eventID, kind) }, path, done)
}

func (m *MainWindow) eventDocJob(st *data.Store, eventID, kind string) (calendarJob, error) {
	ctx := context.Background()
	e, err := st.GetEvent(ctx, eventID)
	if err != nil {
		return calendarJob{}, err
	}
	code := SavedLanguage(m.app)
	name := reports.SafeFileName(eventDocName(kind)+" "+e.Title+" "+data.FormatDate(e.Start.In(data.Stockholm))) + ".pdf"
	return calendarJob{name: name, ext: ".pdf", write: func(ctx context.Context, st *data.Store, path string) (string, error) {
		res, err := ops.PrintEvent(ctx, st, eventID, kind, path, reports.Options{Lang: code})
		if err != nil {
			return "", err
		}
		return lang.X("eventdocs.saved", "{{.Doc}} sparad i {{.Path}} ({{.N}} personer på listan).",
			map[string]string{"Doc": eventDocName(kind), "Path": path, "N": strconv.Itoa(res.People)}), nil
	}}, nil
}
