package reports

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"techniqual/data"
)

// The documents of a teknikprao week (Period in the week format) are made
// from the view types below. The caller builds them from the data layer's
// values: reports never looks anything up, so every name, address and person
// printed must be in them. Pointers are nil when the person is not recorded;
// empty strings print nothing (or "–" in a table).

// WeekBlock is one block of the week as printed: the host a team visits on
// one day between two times, and what the pupils need to know about it.
type WeekBlock struct {
	// Host is the organisation; its Name is printed, its VisitingAddress is
	// used when Address is empty.
	Host data.Organisation
	// Address is where the team goes, when the block's programme gives one.
	Address string
	// Date is the day (any time of day; only the date is printed).
	Date time.Time
	// Start and End are the block's times, e.g. 08:30 and 12:00.
	Start, End data.Clock
	// Activities is the programme of the block (free text; line breaks kept).
	Activities string
	// TravelInfo, LunchInfo and WhatToBring are the host's information for
	// the block.
	TravelInfo, LunchInfo, WhatToBring string
	// RoleModels are the people the team meets, with Title (profession)
	// and Journey (school → work), in the host's order.
	RoleModels []data.Person
	// Supervisor is the host's person responsible for the team (nil: not
	// named yet).
	Supervisor *data.Person
	// Attendance is the pupil's recorded attendance at this block ("" when
	// not recorded). It is read only by WeekCertificates; a block of a team
	// or a run-sheet leaves it empty.
	Attendance data.AttendanceStatus
}

// address is where the team goes: the block's address, else the host's.
func (b WeekBlock) address() string {
	if a := strings.TrimSpace(b.Address); a != "" {
		return a
	}
	return b.Host.VisitingAddress
}

// WeekClosing is the week's closing session (avslutning), an event every
// pupil of the week attends, e.g. on the Friday at Karlstads universitet.
type WeekClosing struct {
	Title     string    // e.g. "Avslutning på Karlstads universitet"
	Date      time.Time // zero: no closing session planned (nothing printed)
	Start     data.Clock
	End       data.Clock // 0: no end time printed
	Venue     string     // place and address
	Programme string     // free text; line breaks kept
}

func (c WeekClosing) planned() bool { return !c.Date.IsZero() }

// WeekPupil is one pupil's week: the input of WeekSchedules and
// WeekCertificates.
type WeekPupil struct {
	Pupil      data.Pupil
	School     data.Organisation
	Counsellor *data.Person // the school's contact, called when the pupil is ill
	Period     data.Period
	Team       string // the team's name, e.g. "Team 3"
	Group      string // the host group's name
	// Route is the pupil's blocks. Any order: they are printed in time order.
	Route   []WeekBlock
	Closing WeekClosing
	// ClosingAttended is set when the pupil was recorded present at the
	// closing session (certificates only).
	ClosingAttended bool
}

// WeekMember is one pupil of a team, with their school and its contact.
// Pupil.Protected decides what documents leaving the school show;
// Pupil.Needs is printed on run-sheets only when Pupil.NeedsShareable.
type WeekMember struct {
	Pupil   data.Pupil
	School  data.Organisation
	Contact *data.Person // the school's contact for this pupil (counsellor); Name and Phone are printed
}

// WeekTeam is one team: the input of TeamSheets.
type WeekTeam struct {
	Name    string      // e.g. "Team 3"
	Group   string      // the host group's name
	Period  data.Period // Name, Start and End are printed
	Members []WeekMember
	Route   []WeekBlock // the team's blocks, any order: printed in time order
	Closing WeekClosing
}

// RunsheetTeam is one team coming to a host block.
type RunsheetTeam struct {
	Name    string       // e.g. "Team 3"
	Members []WeekMember // printed in this order
}

// RunsheetBlock is one of a host's blocks and the teams that come to it
// (none when the block is not used).
type RunsheetBlock struct {
	Block WeekBlock      // Attendance is not read here
	Teams []RunsheetTeam // up to the block's teams_max; empty: "no team"
}

// HostRunsheet is one host's week: the input of HostRunsheets and
// WeekAttendanceLists.
type HostRunsheet struct {
	Host   data.Organisation
	Period data.Period
	Group  string
	// Coordinator is whom the host asks about a pupil with protected
	// identity: the week's coordinator (nil: the note names nobody).
	Coordinator *data.Person
	Blocks      []RunsheetBlock // any order: printed in time order
	Closing     WeekClosing
}

// WeekKind names one of the printed documents of a teknikprao week. The
// names are those of the command line (techniqual pdf KIND).
type WeekKind string

// The documents of a week.
const (
	KindWeekSchedules    WeekKind = "week-schedules" // one per pupil
	KindTeamSheets       WeekKind = "team-sheets"    // one per team
	KindHostRunsheets    WeekKind = "host-runsheets" // one per host
	KindWeekAttendance   WeekKind = "attendance"     // one per host: a list per block and team
	KindWeekCertificates WeekKind = "certificates"   // one per pupil present at least once
	KindHostFeedback     WeekKind = "host-feedback"  // one per host
)

// WeekKinds lists the documents of a week in the order it needs them.
var WeekKinds = []WeekKind{KindWeekSchedules, KindTeamSheets, KindHostRunsheets, KindWeekAttendance,
	KindWeekCertificates, KindHostFeedback}

// Valid reports whether k is one of the known kinds.
func (k WeekKind) Valid() bool { return slices.Contains(WeekKinds, k) }

// WeekDocs is everything a week's documents are made from. A kind reads one
// field: schedules and certificates Pupils, team sheets Teams, run-sheets
// and attendance lists Hosts, feedback reports Feedback.
type WeekDocs struct {
	Pupils   []WeekPupil
	Teams    []WeekTeam
	Hosts    []HostRunsheet
	Feedback []HostFeedback
}

// WriteWeek prints the documents of kind into one PDF, a page break (and
// page numbering from 1) between units.
func WriteWeek(w io.Writer, kind WeekKind, d WeekDocs, o Options) error {
	p, err := weekPlanFor(kind, d, o)
	if err != nil {
		return err
	}
	return render(w, o, p.name, p.n, p.build)
}

// byTime returns the blocks in time order (date, start, host name), leaving
// bs as it is.
func byTime(bs []WeekBlock) []WeekBlock {
	out := slices.Clone(bs)
	slices.SortStableFunc(out, func(a, b WeekBlock) int {
		if c := a.Date.Compare(b.Date); c != 0 {
			return c
		}
		if a.Start != b.Start {
			return int(a.Start) - int(b.Start)
		}
		return strings.Compare(a.Host.Name, b.Host.Name)
	})
	return out
}

// when writes "måndag 9 november, 08:30–12:00".
func (l *lang) when(d time.Time, start, end data.Clock) string {
	return joinNonEmpty(", ", l.longDay(d), l.clocks(start, end))
}

// clocks writes "08:30–12:00", "08:30" without an end, "" without times.
func (l *lang) clocks(start, end data.Clock) string {
	switch {
	case start == 0 && end == 0:
		return ""
	case end <= start:
		return start.String()
	}
	return start.String() + "–" + end.String()
}

// WeekSchedules writes each pupil's week schedule into one PDF, each pupil
// starting on a new page: every block in time order with host, address,
// times, travel, lunch, what to bring, the programme and the role models
// with their journeys, then the closing session and whom to call when ill.
// It goes to the pupil, so the pupil is named even with protected identity.
func WeekSchedules(w io.Writer, pupils []WeekPupil, o Options) error {
	return WriteWeek(w, KindWeekSchedules, WeekDocs{Pupils: pupils}, o)
}

func layoutWeekSchedule(u *unit, p WeekPupil) {
	l := u.l
	u.reset(l.weekTitle, joinNonEmpty(" · ", p.Pupil.Name(), p.Pupil.ClassName, p.School.Name))
	route := byTime(p.Route)

	u.para(marginL, contentW, p.Pupil.Name(), bold, 18, 8, ink, nil)
	u.para(marginL, contentW, joinNonEmpty(" · ", l.classOf(p.Pupil.ClassName), p.School.Name),
		regular, 11, 5.6, grey, nil)
	u.space(2)
	u.field(l.period, joinNonEmpty(" – ", p.Period.Name, l.span(weekBounds(p.Period, route, p.Closing))))
	u.field(l.team, p.Team)
	u.field(l.group, p.Group)
	// Whom to call when ill comes first, where it is found in a hurry.
	u.field(l.ifIll, l.weekIllText)
	u.field(l.callSchool, joinNonEmpty(" – ", p.School.Name, l.personLine(p.Counsellor, false)))

	u.heading(l.yourWeek)
	routeTable(u, route, p.Closing)

	for _, b := range route {
		weekBlockSection(u, b)
	}
	closingSection(u, p.Closing)
}

// weekBounds is the first and last day of the week as planned: the blocks
// and the closing session, else the period's dates.
func weekBounds(per data.Period, route []WeekBlock, c WeekClosing) (time.Time, time.Time) {
	var first, last time.Time
	see := func(t time.Time) {
		if t.IsZero() {
			return
		}
		if first.IsZero() || t.Before(first) {
			first = t
		}
		if last.IsZero() || t.After(last) {
			last = t
		}
	}
	for _, b := range route {
		see(b.Date)
	}
	see(c.Date)
	if first.IsZero() {
		return per.Start, per.End
	}
	return first, last
}

// routeTable is the week at a glance: a row per block and one for the
// closing session.
func routeTable(u *unit, route []WeekBlock, c WeekClosing) {
	l := u.l
	if len(route) == 0 {
		u.body(l.noBlocks)
		u.space(1)
	}
	var rows [][]string
	for _, b := range route {
		rows = append(rows, []string{l.longDay(b.Date), l.clocks(b.Start, b.End), b.Host.Name, b.address()})
	}
	if c.planned() {
		rows = append(rows, []string{l.longDay(c.Date), l.clocks(c.Start, c.End), l.closing, c.Venue})
	}
	if len(rows) == 0 {
		return
	}
	dayW := u.dayColumn(rows)
	rest := contentW - dayW - 25
	u.table([]column{{l.day, dayW, bold}, {l.timeOfDay, 25, regular}, {l.host, rest * 0.45, bold},
		{l.address, rest * 0.55, regular}}, rows, 0, nil)
}

// weekBlockSection is one block of a pupil's schedule: when and where, what
// to know, the programme and the people they will meet.
func weekBlockSection(u *unit, b WeekBlock) {
	l := u.l
	u.heading(joinNonEmpty(" · ", l.when(b.Date, b.Start, b.End), b.Host.Name))
	// Address and directions on one line where they fit: a week holds
	// several hosts, and every line saved keeps a pupil's week shorter.
	u.field(l.travel, joinNonEmpty(" – ", b.address(), b.TravelInfo))
	u.field(l.lunch, b.LunchInfo)
	u.field(l.bring, b.WhatToBring)
	u.field(l.supervisor, l.personLine(b.Supervisor, true))
	u.field(l.programme, b.Activities)
	if len(b.RoleModels) > 0 {
		u.space(2)
		// The caption stays with the first person and the start of their journey.
		first := len(u.wrap(b.RoleModels[0].Journey, regular, 9.5, contentW-6))
		u.keep(5.6 + 1 + 5.6 + float64(min(first, 2))*4.8)
		u.para(marginL, contentW, l.youWillMeet, bold, 10, 5.6, darkTeal, nil)
		u.space(1)
		for i, p := range b.RoleModels {
			if i > 0 {
				u.space(2)
			}
			weekRoleModel(u, p)
		}
	}
}

// weekRoleModel is roleModel set tighter, as a week holds several hosts:
// "name, profession" on one line and the journey from school to work
// beside a teal bar.
func weekRoleModel(u *unit, p data.Person) {
	const x, w = marginL + 6, contentW - 6
	who := joinNonEmpty(", ", u.m.oneLine(p.Name()), u.m.oneLine(p.Title))
	journey := strings.TrimSpace(p.Journey)
	first := len(u.wrap(journey, regular, 9.5, w))
	u.keep(5.6 + float64(min(first, 2))*4.8)
	u.para(marginL, contentW, who, bold, 10, 5.6, purple, nil)
	if journey == "" {
		return
	}
	cont := u.m.truncate(who+" "+u.l.cont, bold, 10, contentW)
	u.pushCont(func() {
		u.text(marginL, baseline(u.y, 5.6, 10), cont, bold, 10, purple)
		u.y += 6.2
	})
	defer u.popCont()
	u.para(x, w, journey, regular, 9.5, 4.8, ink, func(top float64) { u.rect(marginL, top, 1.4, 4.8, teal) })
}

// closingSection is the week's closing session; nothing when none is planned.
func closingSection(u *unit, c WeekClosing) {
	if !c.planned() {
		return
	}
	l := u.l
	u.heading(closingName(l, " · ", c.Title))
	u.field(l.timeOfDay, joinNonEmpty(", ", fmt.Sprintf("%s %d", l.longDay(c.Date), c.Date.Year()), l.clocks(c.Start, c.End)))
	u.field(l.venue, c.Venue)
	u.field(l.programme, c.Programme)
}

// TeamSheets writes one sheet per team into one PDF: the team's pupils
// (name, class, school) and its route day by day, with the closing session.
// The sheet travels with the team to the hosts, so a pupil with protected
// identity appears as "Elev via skolan" without class or school, unless
// o.IncludeProtected is set.
func TeamSheets(w io.Writer, teams []WeekTeam, o Options) error {
	return WriteWeek(w, KindTeamSheets, WeekDocs{Teams: teams}, o)
}

func layoutTeamSheet(u *unit, t WeekTeam, include bool) {
	l := u.l
	u.reset(l.teamTitle, joinNonEmpty(" · ", t.Name, t.Group, t.Period.Name))
	route := byTime(t.Route)

	u.para(marginL, contentW, t.Name, bold, 18, 8, ink, nil)
	u.para(marginL, contentW, joinNonEmpty(" · ", t.Group, t.Period.Name), regular, 11, 5.6, grey, nil)
	u.space(2)
	u.field(l.period, l.span(weekBounds(t.Period, route, t.Closing)))

	u.heading(fmt.Sprintf("%s (%d)", l.members, len(t.Members)))
	var rows [][]string
	anyHidden := false
	for _, m := range t.Members {
		if hidden(m.Pupil, include) {
			anyHidden = true
			rows = append(rows, []string{l.viaSchool, l.none, l.none})
			continue
		}
		rows = append(rows, []string{m.Pupil.Name(), orNone(l, m.Pupil.ClassName), orNone(l, m.School.Name)})
	}
	if len(rows) > 0 {
		u.table([]column{{l.pupil, 74, bold}, {l.class, 22, regular}, {l.school, contentW - 96, regular}}, rows, 0, nil)
	}
	if anyHidden {
		u.space(2)
		u.para(marginL, contentW, l.protectedNote, regular, 8.5, 4.2, grey, nil)
	}

	u.heading(l.route)
	routeTable(u, route, t.Closing)
	for _, b := range route {
		sup := l.personLine(b.Supervisor, false)
		if strings.TrimSpace(b.Activities) == "" && strings.TrimSpace(b.TravelInfo) == "" && sup == "" {
			continue
		}
		u.space(2)
		u.keep(3 * bodyLH)
		u.para(marginL, contentW, joinNonEmpty(" · ", l.when(b.Date, b.Start, b.End), b.Host.Name),
			bold, bodySize, bodyLH+0.6, purple, nil)
		u.field(l.travel, b.TravelInfo)
		u.field(l.supervisor, sup)
		u.field(l.programme, b.Activities)
	}
	if t.Closing.planned() && strings.TrimSpace(t.Closing.Programme) != "" {
		u.space(2)
		u.keep(3 * bodyLH)
		u.para(marginL, contentW, closingName(l, " · ", t.Closing.Title), bold, bodySize, bodyLH+0.6, purple, nil)
		u.field(l.programme, t.Closing.Programme)
	}
}

// orNone is s, or "–" when s is blank.
func orNone(l *lang, s string) string {
	if strings.TrimSpace(s) == "" {
		return l.none
	}
	return s
}

// closingName is the closing session's title after the word for it
// ("Avslutning · Teknikdag på universitetet"), or the title alone when it
// begins with that word: found by use, the default title "Avslutning –
// Teknikprao åk 8" printed as "Avslutning · Avslutning – …".
func closingName(l *lang, sep, title string) string {
	if t := strings.TrimSpace(title); len(t) >= len(l.closing) && strings.EqualFold(t[:len(l.closing)], l.closing) {
		return t
	}
	return joinNonEmpty(sep, l.closing, title)
}

// Unprintable lists the names the document of kind prints that hold
// characters its fonts cannot draw (they print as "�"): pupils (those
// shown: include names protected pupils), schools and their contacts,
// teams and groups, hosts, role models and supervisors, the closing
// session's title and venue. Found by use: an emoji in a role model's
// name printed as "�" on every schedule, and the warning named only the
// pupils.
func (d WeekDocs) Unprintable(kind WeekKind, include bool) []string {
	var names []string
	person := func(p *data.Person) {
		if p != nil {
			names = append(names, p.Name())
		}
	}
	pupil := func(p data.Pupil) {
		if !hidden(p, include) {
			names = append(names, p.Name())
		}
	}
	blocks := func(bs []WeekBlock) {
		for _, b := range bs {
			names = append(names, b.Host.Name)
			for i := range b.RoleModels {
				person(&b.RoleModels[i])
			}
			person(b.Supervisor)
		}
	}
	closing := func(c WeekClosing) { names = append(names, c.Title, c.Venue) }
	members := func(ms []WeekMember) {
		for _, m := range ms {
			pupil(m.Pupil)
			if !hidden(m.Pupil, include) {
				names = append(names, m.School.Name)
				person(m.Contact)
			}
		}
	}
	switch kind {
	case KindWeekSchedules, KindWeekCertificates:
		for _, p := range d.Pupils {
			pupil(p.Pupil)
			names = append(names, p.School.Name, p.Team, p.Group)
			person(p.Counsellor)
			blocks(p.Route)
			closing(p.Closing)
		}
	case KindTeamSheets:
		for _, t := range d.Teams {
			names = append(names, t.Name, t.Group)
			members(t.Members)
			blocks(t.Route)
			closing(t.Closing)
		}
	case KindHostRunsheets, KindWeekAttendance:
		for _, h := range d.Hosts {
			names = append(names, h.Host.Name, h.Group)
			person(h.Coordinator)
			for _, rb := range h.Blocks {
				blocks([]WeekBlock{rb.Block})
				for _, t := range rb.Teams {
					names = append(names, t.Name)
					members(t.Members)
				}
			}
			closing(h.Closing)
		}
	case KindHostFeedback:
		for _, f := range d.Feedback {
			names = append(names, f.Host.Name, f.Group)
		}
	}
	return UnprintableNames(names)
}
