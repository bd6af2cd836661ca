package files

import (
	"context"
	"errors"
	"strconv"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"

	"techniqual/data"
	"techniqual/data/text"
	"techniqual/reports"
	"techniqual/ui/ops"
	"techniqual/ui/uikit"
)

// weekDocName is a week document's name in the user's language, for the
// suggested file name and the message.
func weekDocName(kind reports.WeekKind) string {
	switch kind {
	case reports.KindWeekSchedules:
		return lang.X("wk.doc_schedules", "Veckoscheman")
	case reports.KindTeamSheets:
		return lang.X("wk.doc_teams", "Teamblad")
	case reports.KindHostRunsheets:
		return lang.X("wk.doc_runsheets", "Körschema för värdar")
	case reports.KindWeekAttendance:
		return lang.X("wk.doc_attendance", "Närvarolistor")
	case reports.KindWeekCertificates:
		return lang.X("wk.doc_certificates", "Intyg")
	}
	return lang.X("wk.doc_feedback", "Återkoppling till värdar")
}

// PrintWeek asks where to save one of a teknikprao week's documents and
// prints it with ops.PrintWeek (which writes the audit log).
func PrintWeek(m Shell, periodID string, kind reports.WeekKind) {
	ask := func() {
		askCalendar(m, func(st *data.Store) (calendarJob, error) { return weekDocJob(m, st, periodID, kind) })
	}
	if kind != reports.KindWeekCertificates {
		ask()
		return
	}
	// Certificates are checked against the calendar and attendance first.
	p, err := m.Store().GetPeriod(context.Background(), periodID)
	if err != nil {
		dialog.ShowError(err, m.Window())
		return
	}
	uikit.ConfirmCertificates(m, p, ask)
}

// printWeekTo prints the document to path (for tests); done gets the
// message or the error on the UI goroutine.
func printWeekTo(m Shell, periodID string, kind reports.WeekKind, path string, done func(string, error)) {
	saveCalendarTo(m, func(st *data.Store) (calendarJob, error) { return weekDocJob(m, st, periodID, kind) }, path, done)
}

func weekDocJob(m Shell, st *data.Store, periodID string, kind reports.WeekKind) (calendarJob, error) {
	p, err := st.GetPeriod(context.Background(), periodID)
	if err != nil {
		return calendarJob{}, err
	}
	code := m.Language()
	name := reports.SafeFileName(weekDocName(kind)+" "+p.Name) + ".pdf"
	return calendarJob{name: name, ext: ".pdf", printed: true, write: func(ctx context.Context, st *data.Store, path string) (string, error) {
		res, err := ops.PrintWeek(ctx, st, ops.WeekPrint{Kind: kind, Period: p, Options: reports.Options{Lang: code}, Path: path})
		if err != nil {
			return "", weekError(err, code)
		}
		msg := lang.X("wk.print_saved", "{{.Doc}} sparad i {{.Path}} ({{.N}} sidor).",
			map[string]string{"Doc": weekDocName(kind), "Path": path, "N": strconv.Itoa(res.Pages)})
		// As Utskrifter says it (found by use: nothing was said here).
		if warn := ops.UnprintableMessage(text.Lang(code), res.Unprintable); warn != "" {
			msg += "\n" + warn
		}
		return msg, nil
	}}, nil
}

// weekError says an error of the week's operations in Swedish when the
// window speaks Swedish and the error can.
func weekError(err error, code string) error {
	var sw interface{ Swedish() string }
	if code == uikit.LangSwedish && errors.As(err, &sw) {
		return errors.New(sw.Swedish())
	}
	return err
}

// SaveWeekCalendar asks where to save a teknikprao week's calendar and
// writes it with ops.SaveWeekCalendar: who is "pupils" (every pupil of the
// plan), "team" (key: the team's name) or "host" (key: the host's id).
func SaveWeekCalendar(m Shell, periodID, who, key string) {
	askCalendar(m, func(st *data.Store) (calendarJob, error) { return weekCalendarJob(m, st, periodID, who, key) })
}

// saveWeekCalendarTo writes the calendar to path (for tests).
func saveWeekCalendarTo(m Shell, periodID, who, key, path string, done func(string, error)) {
	saveCalendarTo(m, func(st *data.Store) (calendarJob, error) { return weekCalendarJob(m, st, periodID, who, key) }, path, done)
}

func weekCalendarJob(m Shell, st *data.Store, periodID, who, key string) (calendarJob, error) {
	ctx := context.Background()
	p, err := st.GetPeriod(ctx, periodID)
	if err != nil {
		return calendarJob{}, err
	}
	c := ops.WeekCalendar{PeriodID: periodID}
	label := p.Name
	switch who {
	case "team":
		c.Team, label = key, key+" "+p.Name
	case "host":
		c.HostID = key
		if o, err := st.GetOrganisation(ctx, key); err == nil {
			label = o.Name + " " + p.Name
		}
	}
	o := calendarOptions(m)
	code := m.Language()
	return calendarJob{name: calendarFileName(lang.X("calendar.file_event", "Kalender"), label),
		write: func(ctx context.Context, st *data.Store, path string) (string, error) {
			n, err := ops.SaveWeekCalendar(ctx, st, c, path, o)
			if err != nil {
				return "", weekError(err, code)
			}
			return lang.X("wk.cal_saved", "Kalendern sparad i {{.Path}} ({{.N}} elever).",
				map[string]string{"Path": path, "N": strconv.Itoa(n)}), nil
		}}, nil
}
