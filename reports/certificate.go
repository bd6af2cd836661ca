package reports

import (
	"fmt"
	"io"
	"strings"
	"time"

	"techniqual/data"
)

// Certificates writes one praointyg per pupil in docs into one PDF. Only
// days recorded as present count; a pupil with no such day gets no
// certificate (see Attended), and when no pupil has one the result is
// ErrNothing.
func Certificates(w io.Writer, docs []data.ScheduleDoc, o Options) error {
	return render(w, o, func(l *lang) string { return l.certTitle }, len(docs), func(i int, u *unit) bool {
		if len(Attended(docs[i])) == 0 {
			return false
		}
		layoutCertificate(u, docs[i])
		return true
	})
}

// Attended lists the days a pupil was recorded present at their offer, in
// date order; sick and other absent days are left out.
func Attended(d data.ScheduleDoc) []time.Time {
	var out []time.Time
	for _, a := range d.Attendance {
		if a.Status == data.AttendancePresent && (a.OfferID == "" || a.OfferID == d.Offer.ID) {
			out = append(out, a.Date)
		}
	}
	return out
}

func layoutCertificate(u *unit, d data.ScheduleDoc) {
	l := u.l
	u.reset(l.certTitle, joinNonEmpty(" · ", d.Pupil.Name(), d.Pupil.ClassName, d.School.Name))
	days := Attended(d)
	planned := max(len(dayDates(d)), len(days))

	u.space(6)
	u.para(marginL, contentW, l.certifies, regular, 12, 7, grey, nil)
	u.space(1)
	u.para(marginL, contentW, d.Pupil.Name(), bold, 22, 10, purple, nil)
	u.para(marginL, contentW, joinNonEmpty(", ", l.classOf(d.Pupil.ClassName), d.School.Name),
		regular, 12, 6.4, ink, nil)
	u.space(5)
	u.para(marginL, contentW, l.completedAt, regular, 12, 7, grey, nil)
	u.space(1)
	u.para(marginL, contentW, d.Host.Name, bold, 18, 8.5, ink, nil)
	u.para(marginL, contentW, d.Offer.Title, regular, 12, 6.4, ink, nil)
	u.space(6)

	u.field(l.period, l.span(periodBounds(d)))
	var list []string
	for _, t := range days {
		list = append(list, l.longDay(t))
	}
	u.field(l.present, fmt.Sprintf(l.attended, len(days), planned))
	u.field(l.days, strings.Join(list, ", "))

	if strings.TrimSpace(d.Offer.Description) != "" {
		u.heading(l.didWhat)
		u.body(d.Offer.Description)
	}
	if c := strings.TrimSpace(d.Assignment.SupervisorComment); c != "" {
		u.heading(l.supComment)
		u.para(marginL+6, contentW-6, "”"+c+"”", regular, 11, 5.8, ink,
			func(top float64) { u.rect(marginL, top, 1.4, 5.8, teal) })
		if d.Supervisor != nil {
			u.para(marginL+6, contentW-6, "– "+d.Supervisor.Name(), regular, 9.5, 5, grey, nil)
		}
	}

	u.space(14)
	u.keep(26 + 26)
	const gap = 14.0
	w := (contentW - gap) / 2
	sup, school := "", ""
	if d.Supervisor != nil {
		sup = joinNonEmpty(", ", d.Supervisor.Name(), d.Host.Name)
	}
	if d.Counsellor != nil {
		school = joinNonEmpty(", ", d.Counsellor.Name(), d.School.Name)
	} else {
		school = d.School.Name
	}
	u.signature(marginL, w, l.supervisorSig, sup)
	u.signature(marginL+w+gap, w, l.schoolSig, school)
	u.y += 26
	u.signature(marginL, w, l.placeDate, "")
	u.signature(marginL+w+gap, w, l.placeDate, "")
	u.y += 20
}
