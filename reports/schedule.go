package reports

import (
	"fmt"
	"io"
	"strings"
	"time"

	"techniqual/data"
)

// Schedules writes the praoschema of each pupil in docs into one PDF, each
// pupil starting on a new page with its own page numbers.
func Schedules(w io.Writer, docs []data.ScheduleDoc, o Options) error {
	return render(w, o, func(l *lang) string { return l.scheduleTitle }, len(docs), func(i int, u *unit) bool {
		layoutSchedule(u, docs[i])
		return true
	})
}

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

// personLine writes "Name, title, tel. 070-…" with what is recorded.
func (l *lang) personLine(p *data.Person, withTitle bool) string {
	if p == nil {
		return ""
	}
	title := ""
	if withTitle {
		title = p.Title
	}
	phone := ""
	if strings.TrimSpace(p.Phone) != "" {
		// No-break spaces keep "tel. 070-111 22 33" on one line.
		phone = strings.ReplaceAll(l.phone+" "+strings.TrimSpace(p.Phone), " ", "\u00A0")
	}
	return joinNonEmpty(", ", p.Name(), title, phone)
}

// dayDates lists the dates of an offer's programme, or the period's weekdays
// when the host has not filled in the days yet.
func dayDates(d data.ScheduleDoc) []time.Time {
	var out []time.Time
	for _, day := range d.Offer.Days {
		out = append(out, day.Date)
	}
	if len(out) == 0 && !d.Period.Start.IsZero() && !d.Period.End.IsZero() {
		out = data.Weekdays(d.Period.Start, d.Period.End)
	}
	return out
}

// address is where the pupil goes: the offer's address, else the host's.
func address(d data.ScheduleDoc) string {
	if a := strings.TrimSpace(d.Offer.VisitingAddress); a != "" {
		return a
	}
	return d.Host.VisitingAddress
}

func layoutSchedule(u *unit, d data.ScheduleDoc) {
	l := u.l
	u.reset(l.scheduleTitle, joinNonEmpty(" · ", d.Pupil.Name(), d.Pupil.ClassName, d.School.Name))

	// Who and where, large, so the pupil finds their own sheet.
	u.para(marginL, contentW, d.Pupil.Name(), bold, 18, 8, ink, nil)
	u.para(marginL, contentW, joinNonEmpty(" · ", l.classOf(d.Pupil.ClassName), d.School.Name),
		regular, 11, 5.6, grey, nil)
	u.space(2)

	u.heading(l.yourPlacement)
	u.field(l.host, d.Host.Name)
	u.field(l.placement, d.Offer.Title)
	u.field(l.period, l.span(periodBounds(d)))
	u.field(l.address, address(d))
	u.field(l.travel, d.Offer.TravelInfo)
	u.field(l.supervisor, l.personLine(d.Supervisor, true))
	u.field(l.lunch, d.Offer.LunchInfo)

	u.heading(l.yourDays)
	daysTable(u, d, l.activities)

	if len(d.RoleModels) > 0 {
		u.heading(l.youWillMeet)
		for i, p := range d.RoleModels {
			if i > 0 {
				u.space(4)
			}
			roleModel(u, p)
		}
	}

	if strings.TrimSpace(d.Offer.WhatToBring) != "" {
		u.heading(l.bring)
		u.body(d.Offer.WhatToBring)
	}

	u.heading(l.ifIll)
	u.para(marginL, contentW, l.ifIllText, bold, bodySize, bodyLH, ink, nil)
	u.space(1)
	u.field(l.callSchool, joinNonEmpty(" – ", d.School.Name, l.personLine(d.Counsellor, false)))
	u.field(l.callSup, l.personLine(d.Supervisor, false))

	if d.Counsellor != nil {
		u.heading(l.questions)
		u.body(fmt.Sprintf(l.askCounsellor, joinNonEmpty(", ", l.personLine(d.Counsellor, false), d.Counsellor.Email)))
	}
}

// periodBounds is the first and last day the pupil is at the host.
func periodBounds(d data.ScheduleDoc) (time.Time, time.Time) {
	days := dayDates(d)
	if len(days) == 0 {
		return d.Period.Start, d.Period.End
	}
	return days[0], days[len(days)-1]
}

// daysTable lists each day of the programme with its times, break and
// activities (the schedule and the host confirmation share it).
func daysTable(u *unit, d data.ScheduleDoc, activities string) {
	l := u.l
	var rows [][]string
	for _, day := range d.Offer.Days {
		rows = append(rows, []string{l.longDay(day.Date), clockSpan(day), fmt.Sprintf(l.minutes, day.BreakMinutes), day.Activities})
	}
	if len(rows) == 0 {
		for _, t := range dayDates(d) {
			rows = append(rows, []string{l.longDay(t), "", "", ""})
		}
		u.body(l.noTimes)
		u.space(1)
	}
	dayW := u.dayColumn(rows)
	cols := []column{{l.day, dayW, bold}, {l.timeOfDay, 25, regular}, {l.breakCol, 17, regular}, {activities, contentW - dayW - 42, regular}}
	u.table(cols, rows, 0, nil)
}

// roleModel writes one person the pupil meets: name, profession and their
// journey from school to work beside a teal bar, set for reading. When the
// journey runs onto the next page the name is repeated there.
func roleModel(u *unit, p data.Person) {
	const x, w = marginL + 6, contentW - 6
	name := u.m.oneLine(p.Name())
	title := u.m.oneLine(p.Title)
	journey := strings.TrimSpace(p.Journey)
	first := len(u.wrap(journey, regular, 10.5, w))
	u.keep(7 + 5 + float64(min(first, 3))*5.4)
	u.para(marginL, contentW, name, bold, 12, 6.2, purple, nil)
	if title != "" {
		u.para(marginL, contentW, title, regular, 10.5, 5.2, darkTeal, nil)
	}
	if journey == "" {
		return
	}
	u.space(1)
	cont := u.m.truncate(name+" "+u.l.cont, bold, 12, contentW)
	u.pushCont(func() {
		u.text(marginL, baseline(u.y, 6.2, 12), cont, bold, 12, purple)
		u.y += 7.2
	})
	defer u.popCont()
	u.para(x, w, u.l.journey, bold, 8.5, 4.6, darkTeal, func(top float64) { u.rect(marginL, top, 1.4, 4.6, teal) })
	u.para(x, w, journey, regular, 10.5, 5.4, ink, func(top float64) { u.rect(marginL, top, 1.4, 5.4, teal) })
}

// dayColumn is wide enough for the longest "måndag 9 november" in rows (the
// first cell), so a date never wraps.
func (u *unit) dayColumn(rows [][]string) float64 {
	w := 0.0
	for _, r := range rows {
		if len(r) > 0 {
			w = max(w, u.m.textWidth(u.m.oneLine(r[0]), bold, tableSize))
		}
	}
	return min(max(w+2*tablePad+1, 36), 56)
}
