package reports

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"techniqual/data"
	"techniqual/data/text"
)

// Participant is one line of an event's list as printed: who, from where,
// and where they are on the list.
type Participant struct {
	Name         string
	Organisation string
	Class        string // a pupil's class; "" for a contact, and for a protected pupil
	Status       data.RegistrationStatus
	Code         string // the badge's code (data.BadgeCode), which a scanner types at the door
	// RegisteredAt orders the reserves on the participant list: the
	// waitlist's turn, not the alphabet.
	RegisteredAt time.Time
}

// NewEventDoc makes an event's document from its participants, sorted by
// name in Swedish order. A pupil with protected identity is shown as "elev
// via skolan" (in the chosen language), without class or school, unless
// include is set (Options.IncludeProtected).
// ids lists the people and pupils named, for the audit log.
func NewEventDoc(e data.Event, ps []data.EventParticipant, langCode string, include bool) (doc EventDoc, ids []string) {
	via := "Elev via skolan"
	if langCode == "en" {
		via = "Pupil via the school"
	}
	doc.Event = e
	rs := make([]data.Registration, len(ps))
	for i, p := range ps {
		rs[i] = p.Registration
	}
	doc.Counts = data.CountRegistrations(rs)
	for _, p := range ps {
		code := data.BadgeCode(p.Registration.ID)
		if p.Protected && !include {
			doc.Participants = append(doc.Participants, Participant{Name: via, Status: p.Registration.Status, Code: code,
				RegisteredAt: p.Registration.RegisteredAt})
			continue
		}
		doc.Participants = append(doc.Participants, Participant{Name: p.Name, Organisation: p.Organisation, Class: p.Class,
			Status: p.Registration.Status, Code: code, RegisteredAt: p.Registration.RegisteredAt})
		ids = append(ids, p.ID())
	}
	c := text.Collator()
	sort.SliceStable(doc.Participants, func(i, j int) bool {
		return c.CompareString(doc.Participants[i].Name, doc.Participants[j].Name) < 0
	})
	return doc, ids
}

// WriteEvent writes the event document of kind ("participants", "badges",
// "event-certificates") to w.
func WriteEvent(w io.Writer, kind string, d EventDoc, o Options) error {
	write, ok := map[string]func(io.Writer, EventDoc, Options) error{
		"participants": ParticipantList, "badges": Badges, "event-certificates": EventCertificates,
	}[kind]
	if !ok {
		return fmt.Errorf("reports: unknown event document %q", kind)
	}
	return write(w, d, o)
}

// WriteEventFile writes the event document of kind to path (mode 0600,
// through a temporary file, so a failure leaves no half file behind).
func WriteEventFile(path, kind string, d EventDoc, o Options) error {
	var buf bytes.Buffer
	if err := WriteEvent(&buf, kind, d, o); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	return writePrivate(path, buf.Bytes())
}

// EventDoc is what an event's documents need: the event, its list in
// the order it is printed, and the event's one count (data.CountEvent).
type EventDoc struct {
	Event        data.Event
	Participants []Participant
	Counts       data.EventCounts
}

// Printed is how many an event document of kind names: the participant
// list everyone not cancelled, badges the seat holders, certificates those
// present. The command line and the window report this number.
func (d EventDoc) Printed(kind string) int {
	n := 0
	for _, p := range d.Participants {
		if printedOn(kind, p) {
			n++
		}
	}
	return n
}

// printedOn reports whether the document of kind names p.
func printedOn(kind string, p Participant) bool {
	switch kind {
	case "participants":
		return p.Status != data.RegCancelled
	case "badges":
		return p.Status.HoldsSeat()
	case "event-certificates":
		return p.Status == data.RegAttended
	}
	return false
}

// Unprintable lists the names and organisations in the document of kind,
// and the event's title and venue, that hold characters the PDF's fonts
// cannot draw: they print as "�", and the user is told which (as for
// pupils' documents; found by use: an emoji printed as "�" on a badge,
// silently).
func (d EventDoc) Unprintable(kind string) []string {
	names := []string{d.Event.Title, d.Event.Venue}
	for _, p := range d.Participants {
		if printedOn(kind, p) {
			names = append(names, p.Name, p.Organisation)
		}
	}
	return UnprintableNames(names)
}

// eventWords are the words of the event documents in one language.
type eventWords struct {
	listTitle, badgeTitle, certTitle     string
	when, where, name, org, status, sign string
	class                                string
	nr, certifies, tookPart, code        string
	// The participant list's sections after those with a seat.
	reserves, invited, noShows string
}

var eventSV = eventWords{
	listTitle: "Deltagarlista", badgeTitle: "Namnbrickor", certTitle: "Deltagarintyg",
	when: "Tid", where: "Plats", name: "Namn", org: "Organisation", status: "Status", sign: "Signatur", class: "Klass",
	nr: "Nr", code: "Kod", certifies: "Härmed intygas att", tookPart: "har deltagit i",
	reserves: "Reserver, i turordning", invited: "Inbjudna som inte har anmält sig", noShows: "Anmälda som inte kom",
}

var eventEN = eventWords{
	listTitle: "Participant list", badgeTitle: "Name badges", certTitle: "Certificate of participation",
	when: "Time", where: "Venue", name: "Name", org: "Organisation", status: "Status", sign: "Signature", class: "Class",
	nr: "No.", code: "Code", certifies: "This is to certify that", tookPart: "has taken part in",
	reserves: "Reserves, in turn", invited: "Invited who have not registered", noShows: "Registered who did not come",
}

func (l *lang) events() *eventWords {
	if l.code == "en" {
		return &eventEN
	}
	return &eventSV
}

// eventTime writes "lördag 24 oktober 2026, 09:00–12:00".
func (l *lang) eventTime(e data.Event) string {
	if e.Start.IsZero() {
		return l.none
	}
	s, end := e.Start.In(data.Stockholm), e.End.In(data.Stockholm)
	out := fmt.Sprintf("%s %d, %s", l.longDay(s), s.Year(), s.Format("15:04"))
	switch {
	case e.End.IsZero():
	case sameDay(s, end):
		out += "–" + end.Format("15:04")
	default:
		out += fmt.Sprintf(" – %s %d, %s", l.longDay(end), end.Year(), end.Format("15:04"))
	}
	return out
}

func sameDay(a, b time.Time) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return ay == by && am == bm && ad == bd
}

// ParticipantList writes an event's list for the door: number, name,
// organisation, status and a column to sign in. Cancelled registrations are
// left out.
func ParticipantList(w io.Writer, d EventDoc, o Options) error {
	// The list is read at the door: those with a seat first, to sign;
	// then the reserves in their turn, the invited who have not answered
	// and, after the event, those who did not come, each under a heading
	// of its own (found by use: 13 pages with everyone mixed by name).
	var seated, reserves, invited, noShows []Participant
	for _, p := range d.Participants {
		switch {
		case p.Status == data.RegNoShow: // holds its seat in the counts
			noShows = append(noShows, p)
		case p.Status.HoldsSeat():
			seated = append(seated, p)
		case p.Status == data.RegWaitlisted:
			reserves = append(reserves, p)
		case p.Status == data.RegInvited:
			invited = append(invited, p)
		}
	}
	if len(seated)+len(reserves)+len(invited)+len(noShows) == 0 {
		return ErrNothing
	}
	sort.SliceStable(reserves, func(i, j int) bool { return reserves[i].RegisteredAt.Before(reserves[j].RegisteredAt) })
	return render(w, o, func(l *lang) string { return l.events().listTitle }, 1, func(_ int, u *unit) bool {
		l, ew := u.l, u.l.events()
		u.reset(ew.listTitle, d.Event.Title)
		u.para(marginL, contentW, d.Event.Title, bold, 16, 7.5, ink, nil)
		u.space(2)
		u.field(ew.when, l.eventTime(d.Event))
		u.field(ew.where, d.Event.Venue)
		// The event's one count, as the screen and the command line say it.
		u.para(marginL, contentW, capitalise(d.Counts.Summary(d.Event.Capacity, text.Lang(l.code))), regular, 9, bodyLH, grey, nil)
		u.space(3)
		cols := []column{{ew.nr, 10, regular}, {ew.name, 52, bold}, {ew.org, 45, regular}, {ew.status, 25, regular},
			{ew.sign, contentW - 132, regular}}
		// Pupils' class beside their school (found by use: the list
		// showed the school only); a protected pupil has neither.
		withClass := slices.ContainsFunc(d.Participants, func(p Participant) bool { return p.Class != "" })
		if withClass {
			cols = []column{{ew.nr, 10, regular}, {ew.name, 48, bold}, {ew.class, 14, regular}, {ew.org, 38, regular},
				{ew.status, 25, regular}, {ew.sign, contentW - 135, regular}}
		}
		table := func(ps []Participant) {
			rows := make([][]string, len(ps))
			for i, p := range ps {
				rows[i] = []string{strconv.Itoa(i + 1), p.Name, p.Organisation, data.StatusWord(p.Status, text.Lang(l.code)), ""}
				if withClass {
					rows[i] = slices.Insert(rows[i], 2, p.Class)
				}
			}
			u.table(cols, rows, 10, nil)
		}
		if len(seated) > 0 {
			table(seated)
		}
		for _, part := range []struct {
			head string
			ps   []Participant
		}{{ew.reserves, reserves}, {ew.invited, invited}, {ew.noShows, noShows}} {
			if len(part.ps) > 0 {
				u.heading(fmt.Sprintf("%s (%d)", part.head, len(part.ps)))
				table(part.ps)
			}
		}
		return true
	})
}

// Badge geometry: eight badges (2 × 4) fill the content area of a page.
const (
	badgeCols = 2
	badgeRows = 4
	badgeW    = contentW / badgeCols
	badgeH    = (contentBottom - contentTop) / badgeRows
)

// Badges writes name badges, eight to an A4 page with cut lines: the name
// large, the organisation below, the event at the top, and at the foot the
// badge's code with its Code 128 barcode, which a USB scanner types at the
// door. Only those holding a seat get a badge (not the invited, reserves or
// cancelled).
func Badges(w io.Writer, d EventDoc, o Options) error {
	var ps []Participant
	for _, p := range d.Participants {
		if p.Status.HoldsSeat() {
			ps = append(ps, p)
		}
	}
	if len(ps) == 0 {
		return ErrNothing
	}
	return render(w, o, func(l *lang) string { return l.events().badgeTitle }, 1, func(_ int, u *unit) bool {
		u.reset(u.l.events().badgeTitle, d.Event.Title)
		for i, p := range ps {
			if i > 0 && i%(badgeCols*badgeRows) == 0 {
				u.newPage()
			}
			k := i % (badgeCols * badgeRows)
			badge(u, marginL+float64(k%badgeCols)*badgeW, contentTop+float64(k/badgeCols)*badgeH, d.Event, p)
		}
		return true
	})
}

// badge draws one badge with its top left corner at x, y: cut lines round
// it, the event's title, the name (up to two lines, smaller when long) and
// the organisation.
func badge(u *unit, x, y float64, e data.Event, p Participant) {
	const pad = 7.0
	w := badgeW - 2*pad
	u.box(x, y, badgeW, badgeH, rule, 0.2)
	u.rect(x+pad, y+pad, 14, 0.8, teal)
	u.text(x+pad, y+pad+6, u.m.truncate(e.Title, bold, 9, w), bold, 9, purple)
	size := 22.0
	lines := u.wrap(p.Name, bold, size, w)
	for size > 14 && len(lines) > 1 {
		size -= 2
		lines = u.wrap(p.Name, bold, size, w)
	}
	if len(lines) > 2 {
		lines = []string{lines[0], u.m.truncate(strings.Join(lines[1:], " "), bold, size, w)}
	}
	lh := size * ptToMM * 1.2
	top := y + badgeH/2 - float64(len(lines))*lh/2
	for i, ln := range lines {
		u.text(x+pad, baseline(top+float64(i)*lh, lh, size), ln, bold, size, ink)
	}
	org := u.wrap(p.Organisation, regular, 12, w)
	if len(org) > 2 {
		org = []string{org[0], u.m.truncate(strings.Join(org[1:], " "), regular, 12, w)}
	}
	oy := top + float64(len(lines))*lh + 1.5
	for i, ln := range org {
		u.text(x+pad, baseline(oy+float64(i)*5.6, 5.6, 12), ln, regular, 12, grey)
	}
	if p.Code != "" {
		const barH = 8.0
		by := y + badgeH - pad - barH
		u.text(x+pad, by+barH, p.Code, bold, 10, ink)
		barcode128(u, x+badgeW-pad, by, barH, p.Code)
	}
}

// EventCertificates writes one certificate of participation per person
// who attended the event; when nobody did the result is ErrNothing.
func EventCertificates(w io.Writer, d EventDoc, o Options) error {
	var ps []Participant
	for _, p := range d.Participants {
		if p.Status == data.RegAttended {
			ps = append(ps, p)
		}
	}
	if len(ps) == 0 {
		return ErrNothing
	}
	return render(w, o, func(l *lang) string { return l.events().certTitle }, len(ps), func(i int, u *unit) bool {
		l, ew, p := u.l, u.l.events(), ps[i]
		u.reset(ew.certTitle, joinNonEmpty(" · ", p.Name, d.Event.Title))
		u.space(10)
		u.para(marginL, contentW, ew.certifies, regular, 12, 7, grey, nil)
		u.space(1)
		u.para(marginL, contentW, p.Name, bold, 22, 10, purple, nil)
		u.para(marginL, contentW, p.Organisation, regular, 12, 6.4, ink, nil)
		u.space(5)
		u.para(marginL, contentW, ew.tookPart, regular, 12, 7, grey, nil)
		u.space(1)
		u.para(marginL, contentW, d.Event.Title, bold, 18, 8.5, ink, nil)
		u.space(4)
		u.field(ew.when, l.eventTime(d.Event))
		u.field(ew.where, d.Event.Venue)
		if strings.TrimSpace(d.Event.Description) != "" {
			u.space(4)
			u.body(d.Event.Description)
		}
		u.space(16)
		u.keep(26)
		u.signature(marginL, (contentW-14)/2, l.brand, "")
		u.signature(marginL+(contentW+14)/2, (contentW-14)/2, l.placeDate, "")
		u.y += 22
		return true
	})
}
