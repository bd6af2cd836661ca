package reports

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"techniqual/data"
)

// HostRunsheets writes one run-sheet per host into one PDF: for each of the
// host's blocks in time order, its programme and the teams that come, each
// pupil by first name and class with their school's contact. A pupil with
// protected identity appears as "Elev via skolan" with nothing on the row
// that points to their school (no class, school or school contact), unless
// o.IncludeProtected is set; the week's coordinator is named for questions.
// A host without blocks gets no run-sheet.
func HostRunsheets(w io.Writer, hosts []HostRunsheet, o Options) error {
	return WriteWeek(w, KindHostRunsheets, WeekDocs{Hosts: hosts}, o)
}

// runBlocks returns a host's blocks in time order, leaving h as it is.
func runBlocks(h HostRunsheet) []RunsheetBlock {
	out := slices.Clone(h.Blocks)
	slices.SortStableFunc(out, func(a, b RunsheetBlock) int {
		if c := a.Block.Date.Compare(b.Block.Date); c != 0 {
			return c
		}
		return int(a.Block.Start) - int(b.Block.Start)
	})
	return out
}

// teamNames joins the names of the teams in a block.
func teamNames(ts []RunsheetTeam) string {
	names := make([]string, 0, len(ts))
	for _, t := range ts {
		names = append(names, t.Name)
	}
	return joinNonEmpty(", ", names...)
}

func layoutRunsheet(u *unit, h HostRunsheet, include bool) {
	l := u.l
	u.reset(l.runTitle, joinNonEmpty(" · ", h.Host.Name, h.Period.Name))
	blocks := runBlocks(h)

	u.para(marginL, contentW, h.Host.Name, bold, 18, 8, ink, nil)
	u.para(marginL, contentW, joinNonEmpty(" · ", h.Group, h.Period.Name), regular, 11, 5.6, grey, nil)
	u.space(2)
	u.body(l.runIntro)
	u.space(1)
	var days []WeekBlock
	for _, b := range blocks {
		days = append(days, b.Block)
	}
	u.field(l.period, l.span(weekBounds(h.Period, days, h.Closing)))
	u.field(l.group, h.Group)
	u.field(l.coordinator, joinNonEmpty(", ", l.personLine(h.Coordinator, true), emailOf(h.Coordinator)))

	anyHidden := false
	var needs [][]string // team, pupil, what the host should know
	seen := map[string]bool{}
	for _, rb := range blocks {
		b := rb.Block
		u.heading(l.when(b.Date, b.Start, b.End))
		u.field(l.teamsIn, orNone(l, teamNames(rb.Teams)))
		u.field(l.address, b.address())
		u.field(l.supervisor, l.personLine(b.Supervisor, true))
		u.field(l.programme, b.Activities)
		var models []string
		for _, p := range b.RoleModels {
			models = append(models, joinNonEmpty(", ", p.Name(), p.Title))
		}
		u.field(l.roleModels, strings.Join(models, "; "))
		u.space(2)
		var rows [][]string
		for _, t := range rb.Teams {
			for _, m := range t.Members {
				who := m.Pupil.FirstName
				if hidden(m.Pupil, include) {
					who = l.viaSchool
				}
				if key := t.Name + "\x00" + m.Pupil.ID; m.Pupil.NeedsShareable && strings.TrimSpace(m.Pupil.Needs) != "" && !seen[key] {
					seen[key] = true
					needs = append(needs, []string{t.Name, orNone(l, who), m.Pupil.Needs})
				}
				if hidden(m.Pupil, include) {
					anyHidden = true
					rows = append(rows, []string{t.Name, l.viaSchool, l.none, l.none})
					continue
				}
				rows = append(rows, []string{t.Name, orNone(l, m.Pupil.FirstName), orNone(l, m.Pupil.ClassName),
					orNone(l, joinNonEmpty(" – ", m.School.Name, l.personLine(m.Contact, false)))})
			}
		}
		if len(rows) == 0 {
			u.body(l.noTeam)
			continue
		}
		u.table([]column{{l.team, 30, bold}, {l.firstName, 40, bold}, {l.class, 16, regular},
			{l.schoolAndContact, contentW - 86, regular}}, rows, 0, nil)
	}
	if len(needs) > 0 {
		u.heading(l.needs)
		u.body(l.needsIntro)
		u.space(1)
		u.table([]column{{l.team, 30, bold}, {l.pupil, 40, bold}, {l.needs, contentW - 70, regular}}, needs, 0, nil)
	}
	if anyHidden {
		u.space(3)
		note := l.runProtected
		if h.Coordinator != nil {
			note += " " + fmt.Sprintf(l.askAbout, l.personLine(h.Coordinator, false))
		}
		u.para(marginL, contentW, note, regular, 8.5, 4.2, grey, nil)
	}
	closingSection(u, h.Closing)
}

// emailOf is a person's e-mail address, or "".
func emailOf(p *data.Person) string {
	if p == nil {
		return ""
	}
	return p.Email
}

// WeekAttendanceLists writes one attendance list per host into one PDF: for
// each block and team that comes to it, the team's pupils with boxes for
// present and absent, room for a comment, and a line for the supervisor's
// signature. The list stays at the host, so a pupil with protected identity
// appears as "Elev via skolan" with a reference only the school can
// resolve, unless o.IncludeProtected is set. A host without teams gets no
// list.
func WeekAttendanceLists(w io.Writer, hosts []HostRunsheet, o Options) error {
	return WriteWeek(w, KindWeekAttendance, WeekDocs{Hosts: hosts}, o)
}

func hasTeams(h HostRunsheet) bool {
	for _, b := range h.Blocks {
		if len(b.Teams) > 0 {
			return true
		}
	}
	return false
}

func layoutAttendanceList(u *unit, h HostRunsheet, include bool) {
	l := u.l
	u.reset(l.listTitle, joinNonEmpty(" · ", h.Host.Name, h.Period.Name))
	u.para(marginL, contentW, h.Host.Name, bold, 18, 8, ink, nil)
	u.para(marginL, contentW, joinNonEmpty(" · ", h.Group, h.Period.Name), regular, 11, 5.6, grey, nil)
	u.space(2)
	u.para(marginL, contentW, l.listIntro, regular, bodySize, bodyLH, grey, nil)

	const rowH, tick = 10.0, 26.0
	for _, rb := range runBlocks(h) {
		b := rb.Block
		for _, t := range rb.Teams {
			var rows [][]string
			for _, m := range t.Members {
				if hidden(m.Pupil, include) {
					rows = append(rows, []string{l.viaSchool + " · " + l.ref + " " + ref(m.Pupil), l.none, "", "", ""})
					continue
				}
				rows = append(rows, []string{m.Pupil.Name(), orNone(l, m.Pupil.ClassName), "", "", ""})
			}
			// The heading, the table and the signatures of one team stay on
			// one page when they fit: the heading (12.2 mm), the
			// supervisor's line, the table's header row (7.4) and rows, and
			// the signatures (2 + 24). The sum was short by 8 mm, and the
			// signatures of a team could fall alone on the next page.
			u.endSection()
			u.space(3)
			u.keep(12.2 + bodyLH + 1 + 7.4 + float64(len(rows))*rowH + 2 + 24)
			u.heading(joinNonEmpty(" · ", l.when(b.Date, b.Start, b.End), t.Name))
			u.field(l.supervisor, l.personLine(b.Supervisor, false))
			u.space(1)
			nameW := contentW - 16 - 2*tick - 40
			cols := []column{{l.pupil, nameW, bold}, {l.class, 16, regular}, {l.present, tick, regular},
				{l.absent, tick, regular}, {l.comment, 40, regular}}
			boxes := func(_ int, top, h float64) {
				for _, x := range []float64{marginL + nameW + 16, marginL + nameW + 16 + tick} {
					u.box(x+(tick-6)/2, top+(h-6)/2, 6, 6, ink, 0.3)
				}
			}
			u.table(cols, rows, rowH, boxes)
			u.space(2)
			u.keep(24)
			const gap = 10.0
			sw := (contentW - 2*gap) / 3
			u.signature(marginL, sw, l.supSignature, "")
			u.signature(marginL+sw+gap, sw, l.nameClarified, "")
			u.signature(marginL+2*(sw+gap), sw, l.date, "")
			u.y += 22
		}
	}
}

// WeekCertificates writes one certificate per pupil into one PDF: the pupil
// has completed teknikprao, every host visited with its date and times, the
// closing session, and a summary of attendance. Only blocks recorded as
// present count; a pupil present at no block gets no certificate, and when
// no pupil has one the result is ErrNothing.
func WeekCertificates(w io.Writer, pupils []WeekPupil, o Options) error {
	return WriteWeek(w, KindWeekCertificates, WeekDocs{Pupils: pupils}, o)
}

// attendedBlocks lists the blocks a pupil was recorded present at, in time
// order.
func attendedBlocks(p WeekPupil) []WeekBlock {
	var out []WeekBlock
	for _, b := range byTime(p.Route) {
		if b.Attendance == data.AttendancePresent {
			out = append(out, b)
		}
	}
	return out
}

func layoutWeekCertificate(u *unit, p WeekPupil) {
	l := u.l
	u.reset(l.weekCertTitle, joinNonEmpty(" · ", p.Pupil.Name(), p.Pupil.ClassName, p.School.Name))
	visited := attendedBlocks(p)

	u.space(6)
	u.para(marginL, contentW, l.certifies, regular, 12, 7, grey, nil)
	u.space(1)
	u.para(marginL, contentW, p.Pupil.Name(), bold, 22, 10, purple, nil)
	u.para(marginL, contentW, joinNonEmpty(", ", l.classOf(p.Pupil.ClassName), p.School.Name), regular, 12, 6.4, ink, nil)
	u.space(5)
	u.para(marginL, contentW, l.completedWeek, regular, 12, 7, grey, nil)
	u.space(1)
	var hosts []string
	for _, b := range visited {
		if !slices.Contains(hosts, b.Host.Name) {
			hosts = append(hosts, b.Host.Name)
		}
	}
	u.para(marginL, contentW, strings.Join(hosts, ", "), bold, 16, 7.6, ink, nil)
	u.space(5)

	u.field(l.period, joinNonEmpty(" – ", p.Period.Name, l.span(weekBounds(p.Period, p.Route, p.Closing))))
	u.field(l.team, joinNonEmpty(" · ", p.Team, p.Group))
	summary := fmt.Sprintf(l.blocksAttended, len(visited), len(p.Route))
	if p.ClosingAttended && p.Closing.planned() {
		summary += " " + l.andClosing
	}
	u.field(l.present, summary)

	u.heading(l.visited)
	var rows [][]string
	for _, b := range visited {
		rows = append(rows, []string{l.longDay(b.Date), l.clocks(b.Start, b.End), b.Host.Name})
	}
	if p.ClosingAttended && p.Closing.planned() {
		c := p.Closing
		rows = append(rows, []string{l.longDay(c.Date), l.clocks(c.Start, c.End),
			joinNonEmpty(", ", closingName(l, ": ", c.Title), c.Venue)})
	}
	dayW := u.dayColumn(rows)
	u.table([]column{{l.day, dayW, bold}, {l.timeOfDay, 25, regular}, {l.host, contentW - dayW - 25, regular}}, rows, 0, nil)

	u.space(14)
	u.keep(26 + 20)
	const gap = 14.0
	w := (contentW - gap) / 2
	school := p.School.Name
	if p.Counsellor != nil {
		school = joinNonEmpty(", ", p.Counsellor.Name(), p.School.Name)
	}
	u.signature(marginL, w, l.schoolSig, school)
	u.signature(marginL+w+gap, w, l.placeDate, "")
	u.y += 26
}
