package calendar

import (
	"fmt"
	"io"
	"time"

	ics "github.com/arran4/golang-ical"

	"techniqual/data"
)

// WeekEntry is one entry of a teknikprao week's calendar: a block of a
// pupil's, a team's or a host's week, or the closing session. The caller
// writes its texts; the calendar only places them.
type WeekEntry struct {
	// Key makes the entry's stable UID together with Date and Start: the
	// same entry written again updates the one imported before.
	Key         string
	Date        time.Time // the day (only the date is read)
	Start, End  data.Clock
	Summary     string
	Location    string
	Description string
}

// Week writes a teknikprao week's entries into one calendar named name:
// one VEVENT each, at its times in Europe/Stockholm (an entry without
// times is an all-day entry). No entry gives ErrNothing.
func Week(w io.Writer, name string, entries []WeekEntry, o Options) error {
	l, err := wordsFor(o.Lang)
	if err != nil {
		return err
	}
	cal := newCalendar(l, name)
	n := 0
	for _, e := range entries {
		if e.Date.IsZero() {
			continue
		}
		n++
		y, m, d := e.Date.Date()
		ev := cal.AddEvent(uid(e.Key, fmt.Sprintf("%sT%04d", e.Date.Format("20060102"), int(e.Start)/60*100+int(e.Start)%60)))
		stamp(ev, o)
		if e.Start == 0 && e.End == 0 {
			date := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
			ev.SetAllDayStartAt(date)
			ev.SetAllDayEndAt(date.AddDate(0, 0, 1))
		} else {
			start := time.Date(y, m, d, int(e.Start)/60, int(e.Start)%60, 0, 0, data.Stockholm)
			end := time.Date(y, m, d, int(e.End)/60, int(e.End)%60, 0, 0, data.Stockholm)
			if !end.After(start) {
				end = start
			}
			setTimes(ev, start, end)
		}
		ev.SetSummary(clean(e.Summary))
		setText(ev, ics.ComponentPropertyLocation, e.Location)
		setText(ev, ics.ComponentPropertyDescription, e.Description)
	}
	if n == 0 {
		return ErrNothing
	}
	return write(w, cal)
}

// SaveWeek writes Week's calendar to path (mode 0600, whole or not at all).
func SaveWeek(path, name string, entries []WeekEntry, o Options) error {
	return writeFile(path, func(w io.Writer) error { return Week(w, name, entries, o) })
}
