// Package calendar writes Techniqual's dates as iCalendar files (RFC 5545,
// ".ics") that Outlook, Google Calendar and phones import: a network or
// pupil event, a pupil's prao days, and an offer's days for the host.
//
// Times are wall-clock times in Europe/Stockholm, written with
// TZID=Europe/Stockholm and a VTIMEZONE block (the EU summer-time rule), so
// a prao day at 09:00 stays at 09:00 on either side of the change to and
// from summer time. Every VEVENT has a stable UID made of the row's UUID and
// the date, so importing a newer file updates the entries instead of adding
// copies; DTSTAMP comes from Options.Now so that tests get byte-identical
// files.
//
// Personal data (README, "Personal data and rules"): a pupil's calendar is for the pupil (or their
// school) and names them. An offer's calendar goes to the host: it names the
// placed pupils as the host confirmation does, except that a pupil with
// protected identity appears only as "Elev via skolan" with the school
// contact's name and phone, never with name, class or school, unless
// Options.IncludeProtected is set. Needs (allergies and the like) never go
// into a calendar: calendars are synced to services outside the school.
//
// The package builds on github.com/arran4/golang-ical, which escapes text
// and folds lines at 75 octets; it knows nothing of Fyne.
package calendar

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode"

	ics "github.com/arran4/golang-ical"
	"golang.org/x/text/unicode/norm"

	"techniqual/data"
)

// TZID is the time zone every time in the files is given in.
const TZID = "Europe/Stockholm"

// ErrNothing is returned when there is no day to put in a calendar.
var ErrNothing = errors.New("calendar: no dates to put in the calendar")

// Options tune how calendars are written; the zero value writes Swedish text
// stamped with the current time.
type Options struct {
	// Lang is "sv" (default) or "en".
	Lang string
	// Now is the DTSTAMP of every entry; zero means the current time. The
	// same input and Now give byte-identical files.
	Now time.Time
	// IncludeProtected names pupils with protected identity in an offer's
	// calendar for the host. Off by default (README, "Personal data and rules").
	IncludeProtected bool
	// Coordinator is whom a host asks about a pupil with protected identity
	// (the network's contact). Never the pupil's counsellor: beside the
	// named pupils of the same school, that would point to the school.
	Coordinator *data.Person
}

// words are the texts of the calendars in one language.
type words struct {
	prodLang                                     string
	prao, praoAt, praoFor, pupilsN, dayOf, brk   string
	activities, supervisor, travel, lunch, bring string
	ifIll, ifIllText, school, callSup, pupils    string
	viaSchool, contact, noTimes, askSchool       string
	askSender                                    string
	hostActivities                               string
}

var swedish = words{
	prodLang: "SV",
	prao:     "Prao", praoAt: "Prao hos %s", praoFor: "%s: prao hos %s", pupilsN: "%d elever",
	dayOf: "Dag %d av %d", brk: "Rast: %d min",
	activities: "Det här gör du", supervisor: "Handledare", travel: "Hitta hit", lunch: "Lunch", bring: "Ta med",
	ifIll: "Om du blir sjuk", ifIllText: "Ring både skolan och din handledare innan dagen börjar.",
	school: "Skolan", callSup: "Handledaren", pupils: "Elever",
	viaSchool: "Elev via skolan", contact: "kontakt", askSender: "den som skickade listan", noTimes: "Tider meddelas av värden.",
	askSchool: "Frågor om en elev går till elevens skola.", hostActivities: "Aktiviteter",
}

var english = words{
	prodLang: "EN",
	prao:     "Work experience", praoAt: "Work experience at %s", praoFor: "%s: work experience at %s",
	pupilsN: "%d pupils", dayOf: "Day %d of %d", brk: "Break: %d min",
	activities: "What you will do", supervisor: "Supervisor", travel: "Getting there", lunch: "Lunch",
	bring: "What to bring", ifIll: "If you are ill",
	ifIllText: "Call both the school and your supervisor before the day starts.",
	school:    "School", callSup: "Supervisor", pupils: "Pupils",
	viaSchool: "Pupil via the school", contact: "contact", askSender: "whoever sent you this list", noTimes: "The host will tell you the times.",
	askSchool: "Questions about a pupil go to the pupil's school.", hostActivities: "Activities",
}

func wordsFor(code string) (*words, error) {
	switch strings.ToLower(strings.TrimSpace(code)) {
	case "", "sv", "sv-se":
		return &swedish, nil
	case "en", "en-gb", "en-us":
		return &english, nil
	}
	return nil, fmt.Errorf("calendar: unknown language %q: use sv or en", code)
}

// Event writes one event as a calendar with a single VEVENT.
func Event(w io.Writer, e data.Event, o Options) error {
	l, err := wordsFor(o.Lang)
	if err != nil {
		return err
	}
	if e.Start.IsZero() {
		return ErrNothing
	}
	cal := newCalendar(l, e.Title)
	end := e.End
	if end.IsZero() || end.Before(e.Start) {
		end = e.Start
	}
	ev := cal.AddEvent(uid(e.ID, "event"))
	stamp(ev, o)
	setTimes(ev, e.Start, end)
	ev.SetSummary(clean(e.Title))
	setText(ev, ics.ComponentPropertyLocation, e.Venue)
	setText(ev, ics.ComponentPropertyDescription, e.Description)
	return write(w, cal)
}

// Pupils writes the prao days of each pupil in docs (one placement each)
// into one calendar: a VEVENT per day of the offer's programme, with the
// day's times and activities, the supervisor, and what to do when ill. When
// the host has not given times yet, each weekday of the period is an
// all-day entry. The summary names the pupil when the file holds several.
func Pupils(w io.Writer, docs []data.ScheduleDoc, o Options) error {
	l, err := wordsFor(o.Lang)
	if err != nil {
		return err
	}
	pupils := map[string]bool{}
	for _, d := range docs {
		pupils[d.Pupil.ID] = true
	}
	name := ""
	switch {
	case len(docs) == 0:
		return ErrNothing
	case len(pupils) == 1:
		name = joinNonEmpty(" – ", l.prao, docs[0].Pupil.Name())
	default:
		name = joinNonEmpty(" – ", l.prao, docs[0].Period.Name)
	}
	cal := newCalendar(l, name)
	n := 0
	for _, d := range docs {
		summary := fmt.Sprintf(l.praoAt, d.Host.Name)
		if len(pupils) > 1 {
			summary = fmt.Sprintf(l.praoFor, d.Pupil.Name(), d.Host.Name)
		}
		about := []string{
			field(l.supervisor, personLine(d.Supervisor, true)),
			field(l.travel, d.Offer.TravelInfo),
			field(l.lunch, d.Offer.LunchInfo),
			field(l.bring, d.Offer.WhatToBring),
		}
		ill := []string{
			l.ifIll + ": " + l.ifIllText,
			field(l.school, joinNonEmpty(" – ", d.School.Name, personLine(d.Counsellor, false))),
			field(l.callSup, personLine(d.Supervisor, false)),
		}
		n += addDays(cal, o, d.Assignment.ID, d.Offer, d.Period, summary, address(d.Offer, d.Host),
			func(day data.OfferDay, i, total int) string {
				return sections(dayLines(l, l.activities, d.Host, d.Offer, day, i, total), about, ill)
			})
	}
	if n == 0 {
		return ErrNothing
	}
	return write(w, cal)
}

// Offer writes an offer's days for the host: a VEVENT per day with its
// times and activities, the supervisor and the pupils coming. Pupils with
// protected identity appear as "Elev via skolan" after the named pupils,
// with the network's contact (o.Coordinator) and nothing that points to
// their school, unless o.IncludeProtected is set.
func Offer(w io.Writer, h data.HostDoc, o Options) error {
	l, err := wordsFor(o.Lang)
	if err != nil {
		return err
	}
	cal := newCalendar(l, joinNonEmpty(" – ", h.Host.Name, h.Offer.Title))
	summary := joinNonEmpty(" · ", l.prao+": "+strings.TrimSpace(h.Offer.Title), fmt.Sprintf(l.pupilsN, len(h.Pupils)))
	var who, hidden []string
	for _, d := range h.Pupils {
		if d.Pupil.Protected && !o.IncludeProtected {
			contact := personLine(o.Coordinator, false)
			if contact == "" {
				contact = l.askSender
			}
			hidden = append(hidden, "– "+joinNonEmpty(" ", l.viaSchool, paren(joinNonEmpty(": ", l.contact, contact))))
			continue
		}
		who = append(who, "– "+joinNonEmpty(", ", d.Pupil.Name(), d.Pupil.ClassName, d.School.Name))
	}
	who = append(who, hidden...)
	var coming []string
	if len(who) > 0 {
		coming = append([]string{fmt.Sprintf("%s (%d):", l.pupils, len(who))}, who...)
	}
	sup := []string{field(l.supervisor, personLine(h.Supervisor, true))}
	n := addDays(cal, o, h.Offer.ID, h.Offer, h.Period, summary, address(h.Offer, h.Host),
		func(day data.OfferDay, i, total int) string {
			var ask []string
			if len(who) > 0 {
				ask = []string{l.askSchool}
			}
			return sections(dayLines(l, l.hostActivities, h.Host, h.Offer, day, i, total), sup, coming, ask)
		})
	if n == 0 {
		return ErrNothing
	}
	return write(w, cal)
}

// addDays adds one VEVENT per day of the offer (UID: id and date); without
// a programme, each weekday of the period is an all-day entry. It returns
// how many entries were added.
func addDays(cal *ics.Calendar, o Options, id string, off data.Offer, per data.Period, summary, loc string,
	describe func(day data.OfferDay, i, total int) string) int {
	days := off.Days
	if len(days) == 0 && !per.Start.IsZero() && !per.End.IsZero() {
		for _, t := range data.Weekdays(per.Start, per.End) {
			days = append(days, data.OfferDay{Date: t})
		}
	}
	for i, day := range days {
		if day.Date.IsZero() {
			continue
		}
		ev := cal.AddEvent(uid(id, day.Date.Format("20060102")))
		stamp(ev, o)
		y, m, dd := day.Date.Date()
		if day.Start == 0 && day.End == 0 {
			date := time.Date(y, m, dd, 0, 0, 0, 0, time.UTC)
			ev.SetAllDayStartAt(date)
			ev.SetAllDayEndAt(date.AddDate(0, 0, 1))
		} else {
			start := time.Date(y, m, dd, int(day.Start)/60, int(day.Start)%60, 0, 0, data.Stockholm)
			end := time.Date(y, m, dd, int(day.End)/60, int(day.End)%60, 0, 0, data.Stockholm)
			if end.Before(start) {
				end = start
			}
			setTimes(ev, start, end)
		}
		ev.SetSummary(clean(summary))
		setText(ev, ics.ComponentPropertyLocation, loc)
		setText(ev, ics.ComponentPropertyDescription, describe(day, i+1, len(days)))
	}
	return len(days)
}

// newCalendar starts a calendar with its name and the Stockholm time zone.
func newCalendar(l *words, name string) *ics.Calendar {
	cal := ics.NewCalendarFor("TechniQual")
	cal.SetProductId("-//TechniQual//Techniqual//" + l.prodLang)
	cal.SetCalscale("GREGORIAN")
	cal.SetMethod(ics.MethodPublish)
	if name = clean(name); name != "" {
		cal.SetXWRCalName(name)
	}
	cal.SetXWRTimezone(TZID)
	cal.AddVTimezone(stockholmZone())
	return cal
}

// stockholmZone is Europe/Stockholm as a VTIMEZONE: CET (+01:00), and CEST
// (+02:00) from the last Sunday of March at 02:00 to the last Sunday of
// October at 03:00 (the EU rule since 1996).
func stockholmZone() *ics.VTimezone {
	tz := ics.NewTimezone(TZID)
	std := &ics.Standard{}
	std.SetProperty(ics.ComponentPropertyDtStart, "19701025T030000")
	std.SetProperty(ics.ComponentPropertyRrule, "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU")
	std.SetProperty(ics.ComponentProperty(ics.PropertyTzoffsetfrom), "+0200")
	std.SetProperty(ics.ComponentProperty(ics.PropertyTzoffsetto), "+0100")
	std.SetProperty(ics.ComponentProperty(ics.PropertyTzname), "CET")
	dst := &ics.Daylight{}
	dst.SetProperty(ics.ComponentPropertyDtStart, "19700329T020000")
	dst.SetProperty(ics.ComponentPropertyRrule, "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU")
	dst.SetProperty(ics.ComponentProperty(ics.PropertyTzoffsetfrom), "+0100")
	dst.SetProperty(ics.ComponentProperty(ics.PropertyTzoffsetto), "+0200")
	dst.SetProperty(ics.ComponentProperty(ics.PropertyTzname), "CEST")
	tz.Components = append(tz.Components, dst, std)
	return tz
}

// localLayout is a local date-time in iCalendar ("20261109T083000").
const localLayout = "20060102T150405"

// setTimes sets DTSTART and DTEND as wall-clock times in Stockholm.
func setTimes(ev *ics.VEvent, start, end time.Time) {
	ev.SetProperty(ics.ComponentPropertyDtStart, start.In(data.Stockholm).Format(localLayout), ics.WithTZID(TZID))
	ev.SetProperty(ics.ComponentPropertyDtEnd, end.In(data.Stockholm).Format(localLayout), ics.WithTZID(TZID))
}

func stamp(ev *ics.VEvent, o Options) {
	now := o.Now
	if now.IsZero() {
		now = time.Now()
	}
	ev.SetDtStampTime(now.Truncate(time.Second))
}

// uid is a stable UID: the row's UUID and what in it (a date, "event").
func uid(id, what string) string { return id + "-" + what + "@techniqual" }

// setText sets a text property unless the text is blank.
func setText(ev *ics.VEvent, p ics.ComponentProperty, s string) {
	if s = cleanText(s); s != "" {
		ev.SetProperty(p, s)
	}
}

// write serialises the calendar with CRLF line ends, as RFC 5545 wants.
func write(w io.Writer, cal *ics.Calendar) error {
	if err := cal.SerializeTo(w, ics.WithNewLine("\r\n")); err != nil {
		return fmt.Errorf("calendar: write: %w", err)
	}
	return nil
}

// cleanText makes text safe to write: valid UTF-8, NFC, line ends as "\n",
// other control characters and invisible format characters dropped, blank
// lines at the ends trimmed.
func cleanText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	s = norm.NFC.String(s)
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\n':
			return r
		case r == '\t':
			return ' '
		case unicode.IsControl(r), r == '\uFEFF', r == '\u200B', r == '\u202E', r == '\u202D':
			return -1
		}
		return r
	}, s)
	lines := strings.Split(s, "\n")
	for i, ln := range lines {
		lines[i] = strings.TrimRight(ln, " ")
	}
	return strings.Trim(strings.Join(lines, "\n"), "\n ")
}

// clean is cleanText on one line.
func clean(s string) string { return strings.Join(strings.Fields(cleanText(s)), " ") }

// joinNonEmpty joins the non-blank parts with sep.
func joinNonEmpty(sep string, parts ...string) string {
	var keep []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			keep = append(keep, p)
		}
	}
	return strings.Join(keep, sep)
}

// dayLines describe one day: where, which day of how many, and the times'
// break and activities (or that the host will tell the times).
func dayLines(l *words, activities string, host data.Organisation, off data.Offer, day data.OfferDay, i, total int) []string {
	lines := []string{joinNonEmpty(" – ", host.Name, off.Title), fmt.Sprintf(l.dayOf, i, total)}
	if day.Start == 0 && day.End == 0 {
		return append(lines, l.noTimes)
	}
	return append(lines, fmt.Sprintf(l.brk, day.BreakMinutes), field(activities, day.Activities))
}

// sections joins the non-blank lines of each section with "\n", and the
// non-empty sections with a blank line between them.
func sections(secs ...[]string) string {
	var out []string
	for _, sec := range secs {
		var keep []string
		for _, ln := range sec {
			if strings.TrimSpace(ln) != "" {
				keep = append(keep, ln)
			}
		}
		if len(keep) > 0 {
			out = append(out, strings.Join(keep, "\n"))
		}
	}
	return strings.Join(out, "\n\n")
}

// field writes "Label: value", or "" when the value is blank.
func field(label, value string) string {
	if strings.TrimSpace(value) == "" {
		return ""
	}
	return label + ": " + strings.TrimSpace(value)
}

func paren(s string) string {
	if s == "" {
		return ""
	}
	return "(" + s + ")"
}

// personLine writes "Name, title, tel. 070-…" with what is recorded.
func personLine(p *data.Person, withTitle bool) string {
	if p == nil {
		return ""
	}
	title := ""
	if withTitle {
		title = p.Title
	}
	phone := ""
	if strings.TrimSpace(p.Phone) != "" {
		phone = "tel. " + strings.TrimSpace(p.Phone)
	}
	return joinNonEmpty(", ", p.Name(), title, phone)
}

// address is where the day takes place: the offer's address, else the
// host's visiting address.
func address(o data.Offer, host data.Organisation) string {
	if a := strings.TrimSpace(o.VisitingAddress); a != "" {
		return a
	}
	return host.VisitingAddress
}
