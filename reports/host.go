package reports

import (
	"fmt"
	"io"
	"strings"

	"techniqual/data"
)

// HostConfirmations writes one värdbekräftelse per offer in docs into one
// PDF. A pupil with protected identity appears as "elev via skolan" with
// the network's contact (o.Coordinator) after the named pupils, never with
// name, class, school or anything else pointing to the school, unless
// o.IncludeProtected is set.
func HostConfirmations(w io.Writer, docs []data.HostDoc, o Options) error {
	return render(w, o, func(l *lang) string { return l.hostTitle }, len(docs), func(i int, u *unit) bool {
		if len(docs[i].Pupils) == 0 {
			return false
		}
		layoutHost(u, docs[i], o.IncludeProtected, o.Coordinator)
		return true
	})
}

// hidden reports whether a pupil's identity must be left out of a document
// that leaves the school.
func hidden(p data.Pupil, include bool) bool { return p.Protected && !include }

// protectedContact is whom a host asks about a pupil with protected
// identity: the network's coordinator, or whoever sent the list.
func (l *lang) protectedContact(coord *data.Person) string {
	if coord == nil || strings.TrimSpace(coord.Name()+coord.Phone+coord.Email) == "" {
		return l.askSender
	}
	return joinNonEmpty(", ", l.personLine(coord, false), coord.Email)
}

// ref is a short reference the school can match a protected pupil by.
func ref(p data.Pupil) string {
	id := strings.ReplaceAll(p.ID, "-", "")
	return id[:min(8, len(id))]
}

func layoutHost(u *unit, h data.HostDoc, include bool, coord *data.Person) {
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
	var rows, hiddenRows [][]string
	anyHidden := false
	type need struct{ who, what string }
	var needs []need
	for _, d := range h.Pupils {
		contact := joinNonEmpty(", ", l.personLine(d.Counsellor, false))
		if hidden(d.Pupil, include) {
			// After the named pupils, not among their school's, and with
			// the network's contact: nothing on the row points to the school.
			anyHidden = true
			hiddenRows = append(hiddenRows, []string{l.viaSchool, l.none, l.none, span, l.protectedContact(coord)})
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
	u.table(cols, append(rows, hiddenRows...), 0, nil)
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
