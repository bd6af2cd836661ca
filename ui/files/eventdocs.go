package files

import (
	"context"
	"strconv"

	"fyne.io/fyne/v2/lang"

	"techniqual/data"
	"techniqual/data/text"
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
	nothing, err := eventDocNothing(ctx, m, st, e, kind)
	if err != nil {
		return calendarJob{}, err
	}
	return calendarJob{name: name, ext: ".pdf", printed: true, nothing: nothing, write: func(ctx context.Context, st *data.Store, path string) (string, error) {
		res, err := ops.PrintEvent(ctx, st, eventID, kind, path, reports.Options{Lang: code})
		if err != nil {
			return "", err
		}
		msg := lang.X("eventdocs.saved", "{{.Doc}} sparad i {{.Path}} ({{.N}} personer).",
			map[string]string{"Doc": uikit.EventDocName(kind), "Path": path, "N": strconv.Itoa(res.People)})
		if warn := ops.UnprintableMessage(text.Lang(code), res.Unprintable); warn != "" {
			msg += "\n" + warn
		}
		return msg, nil
	}}, nil
}

// eventDocNothing says why an event's document of kind would be empty, or
// "" when it names someone: nobody on the list, nobody with a seat, nobody
// checked in; and certificates not before the event has begun.
func eventDocNothing(ctx context.Context, m Shell, st *data.Store, e data.Event, kind string) (string, error) {
	v := map[string]string{"Title": e.Title}
	if kind == "event-certificates" && e.Start.After(m.Now()) {
		return lang.X("eventdocs.not_held", "{{.Title}} har inte ägt rum än: intyg skrivs ut för dem som kom, efter evenemanget.", v), nil
	}
	ps, err := st.EventParticipants(ctx, e.ID)
	if err != nil {
		return "", err
	}
	doc, _ := reports.NewEventDoc(e, ps, m.Language(), true)
	if doc.Printed(kind) > 0 {
		return "", nil
	}
	switch kind {
	case "badges":
		return lang.X("eventdocs.no_seats", "Ingen har en plats på {{.Title}} än: inga namnbrickor att skriva ut.", v), nil
	case "event-certificates":
		return lang.X("eventdocs.no_attended", "Ingen har checkats in på {{.Title}}: intyg skrivs bara för dem som kom.", v), nil
	}
	return lang.X("eventdocs.no_one", "Ingen står på listan för {{.Title}} än: bjud in eller anmäl först.", v), nil
}
