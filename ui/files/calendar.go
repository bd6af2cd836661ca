// Package files holds the dialogs that save what a user asked for to a
// file: calendars (.ics) of an event, an offer or a pupil, an event's
// documents (PDF), and the spreadsheet export (XLSX/CSV). It is not a
// screen: the shell opens these dialogs for the screens that ask.
package files

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"

	"techniqual/data"
	"techniqual/data/calendar"
	"techniqual/reports"
	"techniqual/ui/ops"
	"techniqual/ui/uikit"
)

// Shell is what the save dialogs need from the window: only the Base.
type Shell interface {
	uikit.Base
}

// prefCalendarFolder remembers where the last calendar was saved.
const prefCalendarFolder = "calendar_folder"

// calendarJob is one calendar file to save: the name suggested in the save
// dialog and how to write it (off the UI goroutine). write returns the
// message to show when it is done.
type calendarJob struct {
	name  string
	ext   string // ".ics" when empty; event documents use ".pdf"
	write func(ctx context.Context, st *data.Store, path string) (string, error)
	// printed marks a document rather than a calendar, for the words of
	// the message shown when it is saved or fails.
	printed bool
	// nothing, when set, says why there is nothing to save: it is said
	// instead of asking for a file (found by use: an empty list asked for
	// a name, then failed in English and left an empty file).
	nothing string
}

func (j calendarJob) extension() string {
	if j.ext == "" {
		return ".ics"
	}
	return j.ext
}

// saveEventCalendar asks where to save an event's calendar (.ics) and
// writes it. For a button on Evenemang.
func SaveEventCalendar(m Shell, eventID string) {
	askCalendar(m, func(st *data.Store) (calendarJob, error) { return eventCalendarJob(m, st, eventID) })
}

// saveOfferCalendar asks where to save an offer's days as a calendar for
// the host and writes it. For a button on an offer's row.
func SaveOfferCalendar(m Shell, offerID string) {
	askCalendar(m, func(st *data.Store) (calendarJob, error) { return offerCalendarJob(m, st, offerID) })
}

// savePupilCalendar asks where to save a pupil's prao days in a period as
// a calendar and writes it. For a button on the pupil's page.
func SavePupilCalendar(m Shell, pupilID, periodID string) {
	askCalendar(m, func(st *data.Store) (calendarJob, error) { return pupilCalendarJob(m, st, pupilID, periodID) })
}

// saveEventCalendarTo writes an event's calendar to path off the UI
// goroutine; done (on the UI goroutine) gets the message or the error.
func saveEventCalendarTo(m Shell, eventID, path string, done func(string, error)) {
	saveCalendarTo(m, func(st *data.Store) (calendarJob, error) { return eventCalendarJob(m, st, eventID) }, path, done)
}

// saveOfferCalendarTo writes an offer's calendar for the host to path off
// the UI goroutine and records it in the audit log when it names pupils.
func saveOfferCalendarTo(m Shell, offerID, path string, done func(string, error)) {
	saveCalendarTo(m, func(st *data.Store) (calendarJob, error) { return offerCalendarJob(m, st, offerID) }, path, done)
}

// savePupilCalendarTo writes a pupil's prao days to path off the UI
// goroutine and records it in the audit log.
func savePupilCalendarTo(m Shell, pupilID, periodID, path string, done func(string, error)) {
	saveCalendarTo(m, func(st *data.Store) (calendarJob, error) { return pupilCalendarJob(m, st, pupilID, periodID) }, path, done)
}

func calendarOptions(m Shell) calendar.Options {
	return calendar.Options{Lang: m.Language()}
}

func eventCalendarJob(m Shell, st *data.Store, eventID string) (calendarJob, error) {
	e, err := st.GetEvent(context.Background(), eventID)
	if err != nil {
		return calendarJob{}, err
	}
	o := calendarOptions(m)
	return calendarJob{
		name: calendarFileName(lang.X("calendar.file_event", "Kalender"), e.Title, data.FormatDate(e.Start)),
		write: func(ctx context.Context, st *data.Store, path string) (string, error) {
			if _, err := ops.SaveCalendar(ctx, st, ops.Calendar{EventID: eventID}, path, o); err != nil {
				return "", err
			}
			return lang.X("calendar.saved", "Kalendern sparades i {{.Path}}.", map[string]string{"Path": path}), nil
		}}, nil
}

func offerCalendarJob(m Shell, st *data.Store, offerID string) (calendarJob, error) {
	ctx := context.Background()
	h, err := calendar.OfferDoc(ctx, st, offerID)
	if err != nil {
		return calendarJob{}, err
	}
	o := calendarOptions(m)
	return calendarJob{
		name: calendarFileName(lang.X("calendar.file_offer", "Praodagar"), h.Host.Name, h.Offer.Title),
		write: func(ctx context.Context, st *data.Store, path string) (string, error) {
			n, err := ops.SaveCalendar(ctx, st, ops.Calendar{OfferID: offerID}, path, o)
			if err != nil {
				return "", err
			}
			return lang.X("calendar.saved_offer", "Kalendern sparades i {{.Path}} · Elever: {{.N}}. Elever med skyddad identitet står som ”Elev via skolan”.",
				map[string]string{"Path": path, "N": strconv.Itoa(n)}), nil
		}}, nil
}

func pupilCalendarJob(m Shell, st *data.Store, pupilID, periodID string) (calendarJob, error) {
	ctx := context.Background()
	p, err := st.GetPupil(ctx, pupilID)
	if err != nil {
		return calendarJob{}, err
	}
	per, err := st.GetPeriod(ctx, periodID)
	if err != nil {
		return calendarJob{}, err
	}
	o := calendarOptions(m)
	f := data.DocFilter{PupilID: pupilID}
	return calendarJob{
		name: calendarFileName(lang.X("calendar.file_pupil", "Praodagar"), p.Name(), per.Name),
		write: func(ctx context.Context, st *data.Store, path string) (string, error) {
			if _, err := ops.SaveCalendar(ctx, st, ops.Calendar{PeriodID: periodID, Filter: f}, path, o); err != nil {
				if errors.Is(err, calendar.ErrNothing) {
					return "", errors.New(lang.X("calendar.not_placed", "Eleven har ingen praoplats i den här perioden."))
				}
				return "", err
			}
			return lang.X("calendar.saved", "Kalendern sparades i {{.Path}}.", map[string]string{"Path": path}), nil
		}}, nil
}

// calendarFileName is "Kalender Teknikdag 2026-10-24.ics", safe for every
// file system.
func calendarFileName(parts ...string) string {
	return reports.SafeFileName(joinSpace(parts...)) + ".ics"
}

// joinSpace joins the non-blank parts with a space.
func joinSpace(parts ...string) string {
	var keep []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			keep = append(keep, p)
		}
	}
	return strings.Join(keep, " ")
}

// askCalendar loads the job off the UI goroutine, then shows a save dialog
// with its suggested name in the last calendar folder, and saves there.
func askCalendar(m Shell, load func(*data.Store) (calendarJob, error)) {
	st := m.Store()
	m.Background(func() func() {
		job, err := load(st)
		return func() {
			if err != nil {
				dialog.ShowError(err, m.Window())
				return
			}
			if job.nothing != "" {
				dialog.ShowInformation(lang.X("wk.print_title", "Skriv ut"), job.nothing, m.Window())
				return
			}
			d := uikit.NewSaveDialog(m.Window(), job.name, job.extension(), func(path string) {
				saveCalendarTo(m, func(*data.Store) (calendarJob, error) { return job, nil }, path, nil)
			})
			if dir := m.App().Preferences().String(prefCalendarFolder); dir != "" {
				if l, err := storage.ListerForURI(storage.NewFileURI(dir)); err == nil {
					d.SetLocation(l)
				}
			}
			uikit.ShowFileDialog(m.Window(), d)
		}
	})
}

// saveCalendarTo writes the job's calendar to path off the UI goroutine.
// done, when set, gets the message or the error on the UI goroutine;
// otherwise they are shown in a dialog.
func saveCalendarTo(m Shell, load func(*data.Store) (calendarJob, error), path string, done func(string, error)) {
	st := m.Store()
	m.Background(func() func() {
		var msg string
		job, err := load(st)
		if err == nil {
			msg, err = job.write(context.Background(), st, path)
		}
		return func() {
			if err == nil {
				m.App().Preferences().SetString(prefCalendarFolder, filepath.Dir(path))
			} else if fi, serr := os.Stat(path); serr == nil && fi.Size() == 0 {
				// The save dialog made the file empty; a failed write
				// leaves nothing behind, not an empty file.
				_ = os.Remove(path)
			}
			if done != nil {
				done(msg, err)
				return
			}
			if err != nil && job.printed {
				dialog.ShowError(errors.New(lang.X("wk.print_failed", "Det gick inte att skriva ut: {{.Error}}",
					map[string]string{"Error": err.Error()})), m.Window())
				return
			}
			if err != nil {
				dialog.ShowError(errors.New(lang.X("calendar.failed", "Det gick inte att spara kalendern: {{.Error}}",
					map[string]string{"Error": err.Error()})), m.Window())
				return
			}
			if job.printed {
				dialog.ShowInformation(lang.X("wk.print_title", "Skriv ut"), msg, m.Window())
				return
			}
			dialog.ShowInformation(lang.X("calendar.title", "Kalender"), msg, m.Window())
		}
	})
}
