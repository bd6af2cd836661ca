package reports

import (
	"io"

	"techniqual/data"
)

// AttendanceCards writes one närvarokort per pupil in docs into one PDF: a
// row per day with boxes for present and absent and room for the
// supervisor's initials, a comment and a signature. The card travels to the
// host, so a pupil with protected identity appears as "elev via skolan" with
// a reference only the school can resolve, unless o.IncludeProtected is set.
func AttendanceCards(w io.Writer, docs []data.ScheduleDoc, o Options) error {
	return render(w, o, func(l *lang) string { return l.cardTitle }, len(docs), func(i int, u *unit) bool {
		layoutCard(u, docs[i], o.IncludeProtected, o.Coordinator)
		return true
	})
}

func layoutCard(u *unit, d data.ScheduleDoc, include bool, coord *data.Person) {
	l := u.l
	name, class, school := d.Pupil.Name(), d.Pupil.ClassName, d.School.Name
	if hidden(d.Pupil, include) {
		name, class, school = l.viaSchool+" · "+l.ref+" "+ref(d.Pupil), "", ""
	}
	u.reset(l.cardTitle, joinNonEmpty(" · ", name, class, school))

	u.para(marginL, contentW, name, bold, 18, 8, ink, nil)
	u.para(marginL, contentW, joinNonEmpty(" · ", l.classOf(class), school), regular, 11, 5.6, grey, nil)
	u.space(3)
	u.field(l.host, d.Host.Name)
	u.field(l.placement, d.Offer.Title)
	u.field(l.period, l.span(periodBounds(d)))
	u.field(l.supervisor, l.personLine(d.Supervisor, false))
	if hidden(d.Pupil, include) {
		u.field(l.contact, l.protectedContact(coord))
	} else {
		u.field(l.callSchool, joinNonEmpty(" – ", l.personLine(d.Counsellor, false), school))
	}
	u.space(3)
	u.para(marginL, contentW, l.cardIntro, regular, bodySize, bodyLH, grey, nil)
	u.space(4)

	byDate := map[string]data.OfferDay{}
	for _, day := range d.Offer.Days {
		byDate[data.FormatDate(day.Date)] = day
	}
	var rows [][]string
	for _, t := range dayDates(d) {
		times := ""
		if day, ok := byDate[data.FormatDate(t)]; ok {
			times = clockSpan(day)
		}
		rows = append(rows, []string{l.longDay(t), times, "", "", ""})
	}
	dayW := u.dayColumn(rows)
	cols := []column{{l.day, dayW, bold}, {l.timeOfDay, 26, regular}, {l.present, 26, regular}, {l.absent, 26, regular},
		{l.initials, contentW - dayW - 78, regular}}
	tick := func(_ int, top, h float64) {
		for _, x := range []float64{marginL + dayW + 26, marginL + dayW + 52} {
			u.box(x+9, top+(h-6)/2, 6, 6, ink, 0.3)
		}
	}
	u.table(cols, rows, 12, tick)

	u.heading(l.comment)
	u.keep(3 * 9)
	for range 3 {
		u.y += 9
		u.line(marginL, u.y, marginL+contentW, u.y, rule, 0.3)
	}
	u.space(6)
	u.keep(24)
	const gap = 10.0
	w := (contentW - 2*gap) / 3
	u.signature(marginL, w, l.supSignature, "")
	u.signature(marginL+w+gap, w, l.nameClarified, "")
	u.signature(marginL+2*(w+gap), w, l.date, "")
	u.y += 22
}
