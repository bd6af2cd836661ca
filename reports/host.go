package reports

import (
	"fmt"
	"io"
	"strings"

	"techniqual/data"
)

// HostConfirmations writes one värdbekräftelse per offer in docs into one
// PDF. A pupil with protected identity appears as "elev via skolan" with
// the school's contact, never with name, class or school, unless
// o.IncludeProtected is set.
func HostConfirmations(w io.Writer, docs []data.HostDoc, o Options) error {
	return render(w, o, func(l *lang) string { return l.hostTitle }, len(docs), func(i int, u *unit) bool {
		if len(docs[i].Pupils) == 0 {
			return false
		}
		layoutHost(u, docs[i], o.IncludeProtected)
		return true
	})
}

// hidden reports whether a pupil's identity must be left out of a document
// that leaves the school.
func hidden(p data.Pupil, include bool) bool { return p.Protected && !include }

// ref is a short reference the school can match a protected pupil by.
func ref(p data.Pupil) string {
	id := strings.ReplaceAll(p.ID, "-", "")
	return id[:min(8, len(id))]
}

func layoutHost(u *unit, h data.HostDoc, include bool) {
	l := u.l
	u.reset(l.hostTitle, joinNonEmpty(" · ", h.Host.Name, h.Offer.Title))
	first := data.ScheduleDoc{Period: h.Period, Offer: h.Offer, Host: h.Host, Supervisor: h.Supervisor}

	u.para(marginL, contentW, h.Host.Name, bold, 18, 8, ink, nil)
	u.para(marginL, contentW, h.Offer.Title, regular, 11, 5.6, grey, nil)
	u.space(2)
	u.body(l.hostIntro)

	u.heading(l.hostPlacement)
	u.field(l.placement, h.Offer.Title)
	u.field(l.period, joinNonEmpty(" – ", h.Period.Name, l.span(periodBounds(first))))
	u.field(l.address, address(first))
	u.field(l.supervisor, l.personLine(h.Supervisor, true))
	u.field(l.seats, fmt.Sprintf(l.seatsUsed, len(h.Pupils), h.Offer.Capacity))

	u.heading(fmt.Sprintf("%s (%d)", l.pupils, len(h.Pupils)))
	cols := []column{{l.pupil, 42, bold}, {l.class, 14, regular}, {l.school, 38, regular},
		{l.days, 22, regular}, {l.contact, contentW - 116, regular}}
	span := l.shortSpan(dayDates(first))
	var rows [][]string
	anyHidden := false
	type need struct{ who, what string }
	var needs []need
	for _, d := range h.Pupils {
		contact := joinNonEmpty(", ", l.personLine(d.Counsellor, false))
		if hidden(d.Pupil, include) {
			anyHidden = true
			rows = append(rows, []string{l.viaSchool, l.none, l.none, span, contact})
		} else {
			rows = append(rows, []string{d.Pupil.Name(), d.Pupil.ClassName, d.School.Name, span, contact})
		}
		if d.Pupil.NeedsShareable && strings.TrimSpace(d.Pupil.Needs) != "" {
			who := d.Pupil.Name()
			if hidden(d.Pupil, include) {
				who = l.viaSchool
			}
			needs = append(needs, need{who, d.Pupil.Needs})
		}
	}
	u.table(cols, rows, 0, nil)
	if anyHidden {
		u.space(2)
		u.para(marginL, contentW, l.protectedNote, regular, 8.5, 4.2, grey, nil)
	}

	if len(needs) > 0 {
		u.heading(l.needs)
		u.body(l.needsIntro)
		u.space(1)
		var nrows [][]string
		for _, n := range needs {
			nrows = append(nrows, []string{n.who, n.what})
		}
		u.table([]column{{l.pupil, 60, bold}, {l.needs, contentW - 60, regular}}, nrows, 0, nil)
	}

	u.heading(l.hostDays)
	daysTable(u, first, l.hostActivities)
	u.space(3)
	u.body(l.hostOutro)
}
