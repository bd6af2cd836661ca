package data

import (
	"fmt"
	"strings"
	"time"
	_ "time/tzdata" // Europe/Stockholm must resolve on Windows laptops too
)

// DateLayout is how dates are written in the database and in the UI.
const DateLayout = "2006-01-02"

// Stockholm is the time zone of every wall-clock time in Techniqual.
var Stockholm = mustLoadStockholm()

func mustLoadStockholm() *time.Location {
	loc, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		// time/tzdata is embedded, so this cannot happen; keep going in UTC+1.
		return time.FixedZone("CET", 3600)
	}
	return loc
}

// ParseDate reads "YYYY-MM-DD"; the empty string gives the zero time.
func ParseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(DateLayout, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("date %q: want YYYY-MM-DD, e.g. 2026-11-09", s)
	}
	return t, nil
}

// FormatDate writes "YYYY-MM-DD", or "" for the zero time.
func FormatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(DateLayout)
}

// ISOWeek is the ISO week number Swedes call "v. 46".
func ISOWeek(t time.Time) int {
	_, w := t.ISOWeek()
	return w
}

// Weekdays lists the weekdays from start to end, both included.
func Weekdays(start, end time.Time) []time.Time {
	var out []time.Time
	for d := start; !d.After(end); d = d.AddDate(0, 0, 1) {
		if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday {
			out = append(out, d)
		}
	}
	return out
}

// timestamp layout for created_at, updated_at and friends: UTC, milliseconds.
const tsLayout = "2006-01-02T15:04:05.000Z"

func formatTS(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(tsLayout)
}

func parseTS(s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse(tsLayout, s)
	if err != nil {
		return time.Time{}
	}
	return t
}

// eventLayout is how event wall-clock times are stored (Europe/Stockholm).
const eventLayout = "2006-01-02 15:04"

func formatEventTime(t time.Time) string { return t.In(Stockholm).Format(eventLayout) }

func parseEventTime(s string) time.Time {
	t, err := time.ParseInLocation(eventLayout, s, Stockholm)
	if err != nil {
		return time.Time{}
	}
	return t
}

func mustDate(s string) time.Time {
	t, _ := ParseDate(s)
	return t
}
