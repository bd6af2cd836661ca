// Package events is the Evenemang screen: network and pupil events, their
// invitations, registrations and follow-up, their documents and calendar,
// and the check-in window used at the door.
package events

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"techniqual/data"
	figures "techniqual/data/stats"
	"techniqual/ui/uikit"
	"techniqual/ui/widgets"
)

// eventKinds are the kinds of event in the order the form offers them.
var eventKinds = []data.EventKind{data.EventNetwork, data.EventPupil, data.EventOther}

// eventKindNames are the Swedish names of the kinds of event.
var eventKindNames = map[data.EventKind]string{data.EventNetwork: "nätverksträff för företag",
	data.EventPupil: "elevevenemang", data.EventOther: "annat"}

func eventKindText(k data.EventKind) string {
	return lang.X("events.kind."+string(k), eventKindNames[k])
}

// Shell is what Evenemang needs from the window besides the Base: the
// event's documents and calendar, saved by the shell's file dialogs.
type Shell interface {
	uikit.Base
	// PrintEvent asks where to save one of an event's documents and writes it.
	PrintEvent(eventID, kind string)
	// SaveEventCalendar asks where to save an event's calendar and writes it.
	SaveEventCalendar(eventID string)
}

// Screen is Evenemang: events in a list, one event's form, its list
// of invited and registered people with the waitlist, invitations, the door
// (check-in) and the follow-up.
type Screen struct {
	main    Shell
	content fyne.CanvasObject

	events  []data.Event
	counts  map[string]data.EventCounts
	orgs    []data.Organisation
	current data.Event
	rows    []regRow
	regSel  int
	keepReg string // the registration to choose again when the list is read anew
	// regMsgFor is the registration regMsg speaks of: choosing another
	// row clears it.
	regMsgFor  string
	lastInvite *dialog.ConfirmDialog // Bjud in, the last one opened
	inviteNote string                // what the last Bjud in said

	list                  *widget.List
	title, venue          *widget.Entry
	desc                  *widgets.MultiLineField
	startTime, endTime    *widget.Entry
	capacity              *widget.Entry
	kind                  *widget.Select
	organiser             *widgets.PickButton // found by use: a dropdown of every organisation
	date                  *widgets.DateField
	errs                  map[string]*widget.Label
	heading, countLbl     *widget.Label
	regMsg                *widget.Label // what the last action on the list did, or why it did nothing
	followUp              *widget.Label
	regList               *widget.List
	saveBtn, deleteBtn    *widget.Button
	bulkBtn, promotedBtn  *widget.Button
	inviteBtn, checkinBtn *widget.Button
	detail                *fyne.Container
	lastCheckin           *checkinView
	lastBulk              *bulkDialog
	bulkResult            string                  // what the last Anmäl flera did
	promoted              []data.EventParticipant // reserves who moved up, as last shown
	promotedLetter        *widget.Entry           // the letter shown to one of them
	closeBtn              *widget.Button
	savedLbl              *widget.Label     // "Sparat." beside Spara until the next edit
	formScroll            *container.Scroll // the form, scrolled to the top for a new event
	lastCancelAsk         *dialog.ConfirmDialog
	// shown is the form's state as filled (state), to tell edits; quiet
	// is set while the list is pointed back without showing anything.
	shown string
	quiet bool
}

// New builds Evenemang; Reload fills it.
func New(m Shell) *Screen {
	s := &Screen{main: m, errs: map[string]*widget.Label{}, regSel: -1, counts: map[string]data.EventCounts{}}
	s.list = widgets.NewTwoLineList(func() int { return len(s.events) }, func(i int) (string, string) {
		e := s.events[i]
		c := s.counts[e.ID]
		return e.Title, uikit.JoinDot(e.Start.In(data.Stockholm).Format("2006-01-02 15:04"), e.Venue,
			lang.X("events.list_counts", "{{.Seats}} anmälda", map[string]string{"Seats": strconv.Itoa(c.Seats())}))
	})
	s.list.OnSelected = func(i widget.ListItemID) {
		if s.quiet || i >= len(s.events) {
			return
		}
		target := s.events[i]
		s.askThen(func() { s.show(target) }, s.selectCurrent)
	}

	s.title = widget.NewEntry()
	s.venue = widget.NewEntry()
	s.desc = widgets.NewMultiLineField()
	s.desc.SetMinRowsVisible(3)
	s.desc.Wrapping = fyne.TextWrapWord
	s.startTime, s.endTime = widget.NewEntry(), widget.NewEntry()
	s.startTime.SetPlaceHolder("09:00")
	s.endTime.SetPlaceHolder("12:00")
	s.capacity = widget.NewEntry()
	s.capacity.SetPlaceHolder(lang.X("events.capacity_hint", "0 = obegränsat"))
	var kinds []string
	for _, k := range eventKinds {
		kinds = append(kinds, eventKindText(k))
	}
	s.kind = widgets.NewSelect(kinds, nil)
	s.organiser = widgets.NewPickButton(m.Window(), lang.X("events.field.organiser", "Arrangör"),
		lang.X("events.organiser_search", "Sök organisation …"), func(string) { s.edited() })
	s.date = widgets.NewDateField(m.Window())
	// Enter saves from the one-line fields; a message beside a field goes
	// as soon as the field is changed (found by use: they stayed until the
	// next save).
	for _, e := range []*widget.Entry{s.title, s.venue, s.startTime, s.endTime, s.capacity, s.date.Entry} {
		e.OnSubmitted = func(string) { s.onSave() }
	}
	clear := func(field string) func(string) {
		return func(string) {
			widgets.ShowErr(s.errs[field], "")
			s.edited()
		}
	}
	s.title.OnChanged = clear("title")
	s.startTime.OnChanged, s.endTime.OnChanged = clear("time"), clear("time")
	s.capacity.OnChanged = clear("capacity")
	s.venue.OnChanged = func(string) { s.edited() }
	s.desc.OnChanged = func(string) { s.edited() }
	s.kind.OnChanged = func(string) { s.edited() }
	onDate := s.date.Entry.OnChanged
	s.date.Entry.OnChanged = func(t string) {
		if onDate != nil {
			onDate(t)
		}
		widgets.ShowErr(s.errs["start"], "")
		s.edited()
	}

	field := func(name, key, sv string, w fyne.CanvasObject) widgets.FormField {
		e := widgets.NewErrLabel()
		s.errs[name] = e
		return widgets.FormField{Label: lang.X(key, sv), Input: w, Err: e}
	}
	// Date and times share a row, and so do the place and its seats:
	// found by use, at 1280×720 Arrangör was below the fold.
	pair := func(a, aKey, aSV string, aw fyne.CanvasObject, b, bKey, bSV string, bw fyne.CanvasObject) widgets.FormField {
		ea, eb := widgets.NewErrLabel(), widgets.NewErrLabel()
		s.errs[a], s.errs[b] = ea, eb
		hint := func(key, sv string) *widget.Label {
			l := widget.NewLabel(lang.X(key, sv))
			l.TextStyle = fyne.TextStyle{Bold: true}
			return l
		}
		row := container.NewBorder(nil, nil, nil, container.NewHBox(hint(bKey, bSV), bw), aw)
		return widgets.FormField{Label: lang.X(aKey, aSV), Input: container.NewVBox(row, ea, eb)}
	}
	form := widgets.FormGrid(
		field("title", "events.field.title", "Namn", s.title),
		field("kind", "events.field.kind", "Slag", s.kind),
		pair("start", "events.field.date", "Datum", s.date,
			"time", "events.field.time_short", "Tid", container.NewHBox(
				container.NewGridWrap(fyne.NewSize(90, s.startTime.MinSize().Height), s.startTime),
				widget.NewLabel("–"),
				container.NewGridWrap(fyne.NewSize(90, s.endTime.MinSize().Height), s.endTime))),
		pair("venue", "events.field.venue", "Plats", s.venue,
			"capacity", "events.field.capacity", "Antal platser", container.NewGridWrap(fyne.NewSize(110, s.capacity.MinSize().Height), s.capacity)),
		field("organiser", "events.field.organiser", "Arrangör", s.organiser.Button),
		field("description", "events.field.description", "Beskrivning", s.desc),
	)
	s.heading = widgets.HeadingLabel("")
	s.countLbl = widgets.WrapLabel("")
	s.followUp = widgets.WrapLabel("")
	s.saveBtn = widget.NewButtonWithIcon(lang.X("action.save", "Spara"), theme.DocumentSaveIcon(), s.onSave)
	s.saveBtn.Importance = widget.HighImportance
	s.deleteBtn = widget.NewButtonWithIcon(lang.X("action.delete", "Ta bort"), theme.DeleteIcon(), s.onDelete)
	s.inviteBtn = widget.NewButtonWithIcon(lang.X("events.invite", "Bjud in …"), theme.MailSendIcon(), s.onInvite)
	s.checkinBtn = widget.NewButtonWithIcon(lang.X("events.open_checkin", "Incheckning i dörren"), theme.LoginIcon(), s.onCheckin)
	s.checkinBtn.Importance = widget.HighImportance
	s.closeBtn = widget.NewButton(lang.X("events.close_event", "Avsluta: markera uteblivna"), s.onClose)
	s.bulkBtn = widget.NewButtonWithIcon(lang.X("eventday.bulk", "Anmäl flera …"), theme.ContentAddIcon(), s.onRegisterMany)
	s.promotedBtn = widget.NewButtonWithIcon(lang.X("eventday.promoted", "Reserver som fått plats …"), theme.MailComposeIcon(), s.onPromoted)
	trendBtn := widget.NewButton(lang.X("events.participation", "Företagens deltagande över tid"), s.showParticipation)

	s.regList = widget.NewList(func() int { return len(s.rows) },
		func() fyne.CanvasObject {
			n := widget.NewLabel("")
			n.Truncation = fyne.TextTruncateEllipsis
			st := widget.NewLabel("")
			return container.NewBorder(nil, nil, nil, st, n)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i >= len(s.rows) {
				return
			}
			r := s.rows[i]
			box := o.(*fyne.Container)
			box.Objects[0].(*widget.Label).SetText(uikit.JoinDot(r.name, r.org))
			box.Objects[1].(*widget.Label).SetText(regStatusText(r.reg.Status))
		})
	s.regList.OnSelected = func(i widget.ListItemID) {
		if i < len(s.rows) && s.rows[i].reg.ID != s.regMsgFor {
			s.say("")
		}
		s.regSel = i
	}
	s.regMsg = widgets.WrapLabel("")
	s.regMsg.Hide()
	// Avsluta acts on the list, and sits with its buttons: the form's
	// row has "Sparat." beside Spara now.
	regBtns := container.NewHBox(
		widget.NewButton(lang.X("events.register", "Anmäl"), func() { s.onRegAction("register") }),
		widget.NewButton(lang.X("events.cancel", "Avboka"), func() { s.onRegAction("cancel") }),
		widget.NewButton(lang.X("events.checkin_one", "Checka in"), func() { s.onRegAction("checkin") }),
		widget.NewButton(lang.X("events.undo_one", "Ångra incheckning"), func() { s.onRegAction("undo") }),
		s.closeBtn,
	)
	regs := container.NewBorder(container.NewVBox(s.countLbl, regBtns, s.regMsg), nil, nil, nil, s.regList)
	s.detail = container.NewVBox(s.heading, form,
		container.NewHBox(s.bulkBtn, s.promotedBtn),
		// Two columns, so long Swedish labels never widen the window.
		container.NewGridWithColumns(2, s.docButton("participants"), s.docButton("badges"), s.docButton("event-certificates"),
			widget.NewButtonWithIcon(lang.X("calendar.button_event", "Spara i kalender (.ics)"), theme.CalendarIcon(), func() {
				if s.current.ID != "" {
					s.main.SaveEventCalendar(s.current.ID)
				}
			})),
		widget.NewCard(lang.X("events.followup", "Uppföljning"), "", s.followUp),
	)
	// Spara and the event's actions stay below the scrolling form, in
	// sight (found by use: at 1366×768 they were cut off, at 1280×720
	// hidden).
	s.savedLbl = widgets.NewSavedLabel() // after the buttons: it moves none of them
	actions := widgets.SavedRow(s.savedLbl, s.saveBtn, s.deleteBtn, s.inviteBtn, s.checkinBtn)
	s.formScroll = container.NewVScroll(container.NewPadded(s.detail))
	right := container.NewVSplit(container.NewBorder(nil, container.NewPadded(actions), nil, nil, s.formScroll),
		widget.NewCard(lang.X("events.registrations", "Inbjudna och anmälda"), "", regs))
	right.Offset = 0.55 // found by use: at 1280×720 only a few participant rows showed, and Arrangör was cut off
	newBtn := widget.NewButtonWithIcon(lang.X("events.new", "Nytt evenemang"), theme.ContentAddIcon(), s.OnNew)
	left := container.NewBorder(newBtn, trendBtn, nil, nil, s.list)
	split := container.NewHSplit(left, right)
	split.Offset = 0.3
	s.content = split
	s.startNew()
	return s
}

// Content is the screen's root object.
func (s *Screen) Content() fyne.CanvasObject { return s.content }

// Reload reads the events, their counts and the organisations off the UI
// goroutine.
func (s *Screen) Reload() {
	st := s.main.Store()
	s.main.Background(func() func() {
		ctx := context.Background()
		events, err := st.ListEvents(ctx)
		var orgs []data.Organisation
		var rs []data.Registration
		if err == nil {
			orgs, err = st.ListOrganisations(ctx, "")
		}
		if err == nil {
			rs, err = st.ListRegistrations(ctx, "")
		}
		by := map[string][]data.Registration{}
		for _, r := range rs {
			by[r.EventID] = append(by[r.EventID], r)
		}
		counts := map[string]data.EventCounts{}
		for id, list := range by {
			counts[id] = data.CountRegistrations(list)
		}
		return func() {
			if err != nil {
				dialog.ShowError(err, s.main.Window())
				return
			}
			s.events, s.orgs, s.counts = events, orgs, counts
			clean := s.state() == s.shown
			items := []widgets.PickItem{{ID: "", Text: lang.X("events.no_organiser", "(ingen)")}}
			for _, o := range orgs {
				items = append(items, widgets.PickItem{ID: o.ID, Text: o.Name})
			}
			s.organiser.SetItems(items)
			if clean {
				// The event shown gets its organiser once the names are
				// read, and that is no edit.
				s.organiser.SetSelected(s.current.OrganiserID)
				s.shown = s.state()
			}
			s.list.Refresh()
			// The list points at the event shown, quietly: selecting it
			// anew would refill the form over unsaved edits, or ask about
			// them, at every reload (review).
			s.selectCurrent()
		}
	})
}

// OnNew empties the form for a new event, after asking about unsaved edits.
func (s *Screen) OnNew() {
	s.askThen(func() {
		s.startNew()
		s.main.Window().Canvas().Focus(s.title) // Namn takes the typing
	}, s.selectCurrent)
}

// startNew empties the form for a new event.
func (s *Screen) startNew() {
	s.quiet = true
	s.list.UnselectAll()
	s.quiet = false
	start := s.main.Now().In(data.Stockholm).AddDate(0, 0, 14)
	start = time.Date(start.Year(), start.Month(), start.Day(), 15, 0, 0, 0, data.Stockholm)
	s.fill(data.Event{Kind: data.EventNetwork, Start: start, End: start.Add(2 * time.Hour)})
	// The form starts at its top, and OnNew gives Namn the typing (found
	// by use: it kept the last event's scroll, Namn out of sight, and the
	// typing went into other fields). Not when the screen is built: the
	// form is not in the window yet.
	if s.formScroll != nil {
		s.formScroll.ScrollToTop()
	}
}

// edited clears "Sparat." when the form is changed.
func (s *Screen) edited() {
	if s.savedLbl != nil && s.savedLbl.Text != "" {
		s.savedLbl.SetText("")
	}
}

func (s *Screen) show(e data.Event) { s.fill(e) }

func (s *Screen) fill(e data.Event) {
	s.current = e
	for _, l := range s.errs {
		widgets.ShowErr(l, "")
	}
	s.title.SetText(e.Title)
	for i, k := range eventKinds {
		if k == e.Kind {
			s.kind.SetSelectedIndex(i)
		}
	}
	local := e.Start.In(data.Stockholm)
	s.date.SetDate(time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, time.UTC))
	s.startTime.SetText(local.Format("15:04"))
	s.endTime.SetText(e.End.In(data.Stockholm).Format("15:04"))
	s.venue.SetText(e.Venue)
	s.capacity.SetText(strconv.Itoa(e.Capacity))
	s.desc.SetText(e.Description)
	s.organiser.SetSelected(e.OrganiserID)
	saved := e.ID != ""
	if saved {
		s.heading.SetText(e.Title)
	} else {
		s.heading.SetText(lang.X("events.new", "Nytt evenemang"))
	}
	for _, b := range []*widget.Button{s.deleteBtn, s.inviteBtn, s.checkinBtn, s.bulkBtn, s.promotedBtn, s.closeBtn} {
		if saved {
			b.Enable()
		} else {
			b.Disable()
		}
	}
	s.rows, s.regSel = nil, -1
	s.say("")
	s.regList.Refresh()
	s.countLbl.SetText("")
	s.followUp.SetText("")
	s.shown = s.state()
	if saved {
		s.loadRegs()
	}
}

// state is everything the form holds, to tell whether it was edited.
func (s *Screen) state() string {
	return strings.Join([]string{s.title.Text, strconv.Itoa(s.kind.SelectedIndex()), s.date.Entry.Text, s.startTime.Text,
		s.endTime.Text, s.venue.Text, s.capacity.Text, s.organiser.Selected(), s.desc.Text}, "\x01") // the organiser by id: the list's order moves
}

// AskToLeave asks about unsaved edits of the event shown, a new one
// included, before the window shows another screen (uikit.Leaver). Found
// by use: a changed name was gone without a word on choosing another event.
func (s *Screen) AskToLeave(next func()) { s.askThen(next, nil) }

// askThen runs next at once when the form holds no unsaved edits, else
// after asking (Spara or Släng ändringarna); stay, when not nil, runs when
// the user stays.
func (s *Screen) askThen(next, stay func()) {
	uikit.AskThen(s.main.Window(), s.state() != s.shown, s.title.Text, lang.X("events.the_new", "det nya evenemanget"),
		s.save, nil, next, stay)
}

// selectCurrent points the list at the event the form shows (none for a
// new one), without showing anything.
func (s *Screen) selectCurrent() {
	s.quiet = true
	defer func() { s.quiet = false }()
	if i := slices.IndexFunc(s.events, func(e data.Event) bool { return e.ID == s.current.ID }); i >= 0 && s.current.ID != "" {
		s.list.Select(i)
	} else {
		s.list.UnselectAll()
	}
}

// loadRegs reads the current event's list and follow-up.
func (s *Screen) loadRegs() {
	st, id := s.main.Store(), s.current.ID
	s.main.Background(func() func() {
		ctx := context.Background()
		rows, err := loadRegRows(ctx, st, id)
		var fu data.EventFollowUp
		if err == nil {
			fu, err = st.FollowUp(ctx, id)
		}
		return func() {
			if err != nil || s.current.ID != id {
				return
			}
			s.rows, s.regSel = rows, -1
			s.regList.UnselectAll()
			s.regList.Refresh()
			// The row just acted on stays chosen, for the next action.
			for i, r := range rows {
				if r.reg.ID == s.keepReg {
					s.regList.Select(i)
				}
			}
			s.keepReg = ""
			s.showCounts(fu)
		}
	})
}

func (s *Screen) showCounts(fu data.EventFollowUp) {
	c := fu.Counts
	v := map[string]string{"Invited": strconv.Itoa(c.Invited), "Registered": strconv.Itoa(c.Seats()),
		"Waitlisted": strconv.Itoa(c.Waitlisted), "Attended": strconv.Itoa(c.Attended),
		"NoShow": strconv.Itoa(c.NoShow), "Cancelled": strconv.Itoa(c.Cancelled),
		"Capacity": strconv.Itoa(s.current.Capacity)}
	v["Seats"] = v["Capacity"]
	if s.current.Capacity > 0 {
		s.countLbl.SetText(lang.X("events.counts", "Anmälda {{.Registered}} av {{.Seats}} platser · reserver {{.Waitlisted}} · inbjudna {{.Invited}} · närvarande {{.Attended}} · kom inte {{.NoShow}} · avbokade {{.Cancelled}}", v))
	} else { // found by use: "Anmälda 0 av obegränsat platser"
		s.countLbl.SetText(lang.X("events.counts_unlimited", "Anmälda {{.Registered}} (inget tak för antalet) · reserver {{.Waitlisted}} · inbjudna {{.Invited}} · närvarande {{.Attended}} · kom inte {{.NoShow}} · avbokade {{.Cancelled}}", v))
	}
	names := func(ps []data.Person, pus []data.Pupil) string {
		var out []string
		for _, p := range ps {
			out = append(out, p.Name())
		}
		for _, p := range pus {
			out = append(out, p.Name())
		}
		if len(out) == 0 {
			return "–"
		}
		return strings.Join(out, ", ")
	}
	var orgs []string
	for _, o := range fu.NewOrgs {
		orgs = append(orgs, o.Name)
	}
	newOrgs := "–"
	if len(orgs) > 0 {
		newOrgs = strings.Join(orgs, ", ")
	}
	text := lang.X("events.followup_text", "Kom ({{.N}}): {{.Attended}}\nKom inte ({{.M}}): {{.NoShows}}\nNya organisationer ({{.K}}): {{.Orgs}}",
		map[string]string{"N": strconv.Itoa(len(fu.Attended) + len(fu.AttendedPupils)), "Attended": names(fu.Attended, fu.AttendedPupils),
			"M": strconv.Itoa(len(fu.NoShows) + len(fu.NoShowPupils)), "NoShows": names(fu.NoShows, fu.NoShowPupils),
			"K": strconv.Itoa(len(fu.NewOrgs)), "Orgs": newOrgs})
	if s.current.Kind == data.EventPupil {
		text += "\n" + genderText(fu)
	}
	s.followUp.SetText(text)
}

// genderText is a pupil event's pupils by gender, registered (holding a
// seat) and present, with the small groups hidden as Statistik hides them
// (data/stats): the coordinator follows the gender balance of events too.
func genderText(fu data.EventFollowUp) string {
	var seat, came []data.Gender
	for _, p := range fu.SeatPupils {
		seat = append(seat, p.Gender)
	}
	for _, p := range fu.AttendedPupils {
		came = append(came, p.Gender)
	}
	g := figures.CountEventGenders(seat, came)
	row := func(cs [figures.NumGroups]figures.Cell) map[string]string {
		return map[string]string{"Girls": cs[figures.Girls].String(), "Boys": cs[figures.Boys].String(), "Other": cs[figures.Other].String()}
	}
	return lang.X("events.followup_genders_registered", "Anmälda elever: flickor {{.Girls}} · pojkar {{.Boys}} · annat eller ej angivet {{.Other}}", row(g.Registered)) +
		"\n" + lang.X("events.followup_genders_attended", "Närvarande elever: flickor {{.Girls}} · pojkar {{.Boys}} · annat eller ej angivet {{.Other}}", row(g.Attended)) +
		"\n" + lang.X("events.followup_genders_note", "Grupper under 5 visas som <5 (och ”..” där en sådan annars kunde räknas ut).")
}

// parseClock reads "9:00" or "09:00" on day d in Stockholm time.
func parseClock(d time.Time, s string) (time.Time, bool) {
	h, m, ok := strings.Cut(strings.TrimSpace(strings.ReplaceAll(s, ".", ":")), ":")
	if !ok {
		return time.Time{}, false
	}
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	if err1 != nil || err2 != nil || hh < 0 || hh > 23 || mm < 0 || mm > 59 {
		return time.Time{}, false
	}
	return time.Date(d.Year(), d.Month(), d.Day(), hh, mm, 0, 0, data.Stockholm), true
}

// formEvent reads the form; bad fields get their message and ok is false.
func (s *Screen) formEvent() (data.Event, bool) {
	e := s.current
	ok := true
	for _, l := range s.errs {
		widgets.ShowErr(l, "")
	}
	e.Title = s.title.Text
	e.Venue = strings.TrimSpace(s.venue.Text)
	e.Description = s.desc.Text
	if i := s.kind.SelectedIndex(); i >= 0 {
		e.Kind = eventKinds[i]
	}
	e.OrganiserID = s.organiser.Selected()
	d, dok := s.date.Date()
	if !dok || d.IsZero() {
		msg := s.date.Problem() // "Datumet 2026-02-30 finns inte." where that is what is wrong
		if msg == "" {
			msg = lang.X("events.err_date", "Skriv datumet som 2026-10-22.")
		}
		widgets.ShowErr(s.errs["start"], msg)
		ok = false
	}
	start, sok := parseClock(d, s.startTime.Text)
	end, eok := parseClock(d, s.endTime.Text)
	if !sok || !eok {
		widgets.ShowErr(s.errs["time"], lang.X("events.err_time", "Skriv tiderna som 09:00."))
		ok = false
	}
	e.Start, e.End = start, end
	n, err := strconv.Atoi(strings.TrimSpace(s.capacity.Text))
	if strings.TrimSpace(s.capacity.Text) == "" {
		n, err = 0, nil
	}
	if err != nil || n < 0 {
		widgets.ShowErr(s.errs["capacity"], lang.X("events.err_capacity", "Skriv ett antal, eller 0 för obegränsat."))
		ok = false
	}
	e.Capacity = n
	return e, ok
}

func (s *Screen) onSave() { s.save() }

// save stores the form and says whether it was saved; a bad field gets
// its message beside it. It writes one event row (and its waitlist when
// the seats changed), so it runs at once: leaving the screen waits on it.
func (s *Screen) save() bool {
	e, ok := s.formEvent()
	if !ok {
		return false
	}
	ctx, st := context.Background(), s.main.Store()
	oldCap := s.current.Capacity
	err := st.SaveEvent(ctx, &e)
	if err == nil && e.Capacity != oldCap {
		err = st.SetCapacity(ctx, e.ID, e.Capacity) // seats that opened go to the waitlist
	}
	var ve *data.ValidationError
	if errors.As(err, &ve) {
		for _, f := range ve.Fields {
			if l, ok := s.errs[f.Field]; ok {
				widgets.ShowErr(l, widgets.FieldMessage(f))
			} else if f.Field == "end" {
				widgets.ShowErr(s.errs["time"], widgets.FieldMessage(f))
			}
		}
		return false
	}
	if err != nil {
		dialog.ShowError(err, s.main.Window())
		return false
	}
	s.fill(e) // the saved event as stored: heading, buttons, its list
	// Found by use: saving said nothing (the companies' form does).
	s.savedLbl.SetText(lang.X("events.saved", "Sparat."))
	s.Reload()
	// Found by use: lowering the places below those taken said nothing
	// ("Anmälda 32 av 10 platser" afterwards).
	if taken := s.counts[e.ID].Seats(); e.Capacity > 0 && (oldCap == 0 || e.Capacity < oldCap) && taken > e.Capacity {
		dialog.ShowInformation(lang.X("events.over_capacity_title", "Fler anmälda än platser"),
			lang.X("events.over_capacity", "{{.Taken}} har redan en plats, fler än de {{.Capacity}} platserna. De behåller sina platser; nya anmälningar hamnar på reservlistan.",
				map[string]string{"Taken": strconv.Itoa(taken), "Capacity": strconv.Itoa(e.Capacity)}), s.main.Window())
	}
	return true
}

func (s *Screen) onDelete() {
	if s.current.ID == "" {
		return
	}
	id := s.current.ID
	uikit.ConfirmDelete(lang.X("events.delete_title", "Ta bort evenemanget?"),
		lang.X("events.delete_text", "{{.Title}} och dess anmälningar flyttas till papperskorgen.", map[string]string{"Title": s.current.Title}),
		func(yes bool) {
			if !yes {
				return
			}
			st := s.main.Store()
			s.main.Background(func() func() {
				err := st.DeleteEvent(context.Background(), id)
				return func() {
					if err != nil {
						dialog.ShowError(err, s.main.Window())
						return
					}
					s.OnNew()
					s.Reload()
				}
			})
		}, s.main.Window())
}

// onRegAction acts on the selected registration.
// onRegAction does one of the list's actions to the chosen row and says
// what it did under the buttons; an action that would change nothing
// (cancelling the cancelled, undoing a check-in nobody made) says why
// instead (found by use: they did nothing, silently).
func (s *Screen) onRegAction(action string) {
	if s.regSel < 0 || s.regSel >= len(s.rows) {
		s.say(lang.X("events.reg_pick", "Välj någon i listan först."))
		return
	}
	r := s.rows[s.regSel]
	s.regMsgFor = r.reg.ID
	name := map[string]string{"Name": r.name}
	st := r.reg.Status
	var why string
	switch {
	case action == "register" && (st.HoldsSeat() || st == data.RegWaitlisted):
		why = lang.X("events.reg_already", "{{.Name}} står redan på listan ({{.Status}}).", map[string]string{"Name": r.name, "Status": regStatusText(st)})
	case action == "cancel" && st == data.RegCancelled:
		why = lang.X("events.reg_already_cancelled", "{{.Name}} är redan avbokad.", name)
	case action == "checkin" && st == data.RegAttended:
		why = lang.X("events.reg_already_in", "{{.Name}} är redan incheckad.", name)
	case action == "undo" && st != data.RegAttended:
		why = lang.X("events.reg_not_in", "{{.Name}} är inte incheckad, så det finns inget att ångra.", name)
	}
	if why != "" {
		s.say(why)
		return
	}
	if action == "cancel" {
		// Asked first, naming the person (found by use: one click
		// cancelled, without a word). "Avboka" is shown as dangerous,
		// not as the default: Enter leaves the question open, as in
		// every question that removes something (uikit.ConfirmDelete).
		d := dialog.NewConfirm(lang.X("events.cancel_title", "Avboka?"),
			lang.X("events.cancel_ask", "Avboka {{.Name}} från {{.Title}}? Har hen en plats går den till den första reserven.",
				map[string]string{"Name": r.name, "Title": s.current.Title}),
			func(yes bool) {
				if yes {
					s.doRegAction(r, action)
				}
			}, s.main.Window())
		d.SetConfirmText(lang.X("events.cancel", "Avboka"))
		d.SetDismissText(lang.X("events.cancel_keep", "Behåll anmälan"))
		d.SetConfirmImportance(widget.DangerImportance)
		s.lastCancelAsk = d
		d.Show()
		return
	}
	s.doRegAction(r, action)
}

// doRegAction does one of the list's actions to row r, off the UI
// goroutine, and says what it did.
func (s *Screen) doRegAction(r regRow, action string) {
	name := map[string]string{"Name": r.name}
	store, id := s.main.Store(), r.reg.ID
	s.main.Background(func() func() {
		ctx := context.Background()
		var err error
		var done string
		switch action {
		case "register":
			var got data.Registration
			got, err = store.Register(ctx, r.reg.EventID, r.reg.PersonID, r.reg.PupilID)
			done = lang.X("events.reg_done_registered", "{{.Name}} är anmäld.", name)
			if got.Status == data.RegWaitlisted {
				done = lang.X("events.reg_done_waitlisted", "Evenemanget är fullt: {{.Name}} står som reserv.", name)
			}
		case "cancel":
			var promoted *data.Registration
			promoted, err = store.Cancel(ctx, id)
			done = lang.X("events.reg_done_cancelled", "{{.Name}} är avbokad.", name)
			if promoted != nil {
				done += " " + lang.X("events.reg_done_promoted", "Den första reserven har fått platsen (se Reserver som fått plats).")
			}
		case "checkin":
			_, _, err = store.CheckIn(ctx, id)
			done = lang.X("events.reg_done_in", "{{.Name}} är incheckad.", name)
		case "undo":
			_, err = store.UndoCheckIn(ctx, id)
			done = lang.X("events.reg_done_undone", "{{.Name}} är inte längre incheckad.", name)
		}
		return func() {
			if err != nil {
				dialog.ShowError(err, s.main.Window())
				return
			}
			if s.current.ID != r.reg.EventID {
				return // another event is shown now: its list is not this one's (review)
			}
			s.say(done)
			s.keepReg = id
			s.loadRegs()
			s.Reload()
		}
	})
}

func (s *Screen) onCheckin() {
	if s.current.ID == "" {
		return
	}
	// The list's counts follow the door too (found by use: "0 anmälda"
	// after a walk-in).
	s.lastCheckin = showCheckin(s.main, s.current, func() { s.loadRegs(); s.Reload() })
}

// onClose marks, after asking, the registered who did not check in as not
// come. Found by use: it asked nothing, and did it on an event three
// months ahead; it is refused before the event has begun.
func (s *Screen) onClose() {
	if s.current.ID == "" {
		return
	}
	if s.current.Start.After(s.main.Now()) {
		dialog.ShowInformation(lang.X("events.close_event", "Avsluta: markera uteblivna"),
			lang.X("events.close_not_yet", "{{.Title}} har inte börjat än ({{.Start}}). Markera uteblivna när evenemanget är över.",
				map[string]string{"Title": s.current.Title, "Start": s.current.Start.In(data.Stockholm).Format("2006-01-02 15:04")}), s.main.Window())
		return
	}
	// Counted from the database, not the list beside it, which may still
	// be loading (review).
	regs, err := s.main.Store().ListRegistrations(context.Background(), s.current.ID)
	if err != nil {
		dialog.ShowError(err, s.main.Window())
		return
	}
	waiting := 0
	for _, r := range regs {
		if r.Status == data.RegRegistered {
			waiting++
		}
	}
	if waiting == 0 {
		dialog.ShowInformation(lang.X("events.close_event", "Avsluta: markera uteblivna"),
			lang.X("events.close_none", "Alla anmälda har checkats in eller avbokat: ingen att markera."), s.main.Window())
		return
	}
	d := dialog.NewConfirm(lang.X("events.close_event", "Avsluta: markera uteblivna"),
		uikit.Plural(waiting, "events.close_ask.one", "{{.N}} anmäld har inte checkats in. Markera som ”kom inte”? Det syns i uppföljningen; en som ändå kom kan checkas in efteråt.",
			"events.close_ask.other", "{{.N}} anmälda har inte checkats in. Markera dem som ”kom inte”? Det syns i uppföljningen; den som ändå kom kan checkas in efteråt.", nil),
		func(yes bool) {
			if yes {
				s.closeEvent()
			}
		}, s.main.Window())
	d.SetConfirmText(lang.X("events.close_confirm", "Markera"))
	d.Show()
}

// closeEvent marks the registered who did not check in as not come.
func (s *Screen) closeEvent() {
	st, id := s.main.Store(), s.current.ID
	s.main.Background(func() func() {
		n, err := st.CloseEvent(context.Background(), id)
		return func() {
			if err != nil {
				dialog.ShowError(err, s.main.Window())
				return
			}
			dialog.ShowInformation(lang.X("events.close_event", "Avsluta: markera uteblivna"),
				lang.X("events.closed", "{{.N}} anmälda som inte kom är markerade.", map[string]string{"N": strconv.Itoa(n)}), s.main.Window())
			s.loadRegs()
		}
	})
}

// inviteChoice is what the invitation dialog picked.
type inviteChoice struct {
	people  []string
	orgs    []string
	members bool
}

// onInvite picks people, whole organisations or all member companies and
// puts them on the list as invited.
func (s *Screen) onInvite() {
	if s.current.ID == "" {
		return
	}
	st := s.main.Store()
	s.main.Background(func() func() {
		people, err := st.ListPeople(context.Background(), data.PersonFilter{})
		return func() {
			if err != nil {
				dialog.ShowError(err, s.main.Window())
				return
			}
			s.showInviteDialog(people)
		}
	})
}

func (s *Screen) showInviteDialog(people []data.Person) {
	orgName := map[string]string{}
	var orgOpts []string
	orgByOpt := map[string]string{}
	for _, o := range s.orgs {
		orgName[o.ID] = o.Name
		if o.Kind != data.KindSchool || s.current.Kind == data.EventPupil {
			orgOpts = append(orgOpts, o.Name)
			orgByOpt[o.Name] = o.ID
		}
	}
	var personOpts []string
	personByOpt := map[string]string{}
	for _, p := range people {
		label := uikit.JoinDot(p.Name(), orgName[p.OrganisationID])
		if _, dup := personByOpt[label]; dup {
			label += " (" + p.Email + ")"
		}
		personOpts = append(personOpts, label)
		personByOpt[label] = p.ID
	}
	peopleChecks := widget.NewCheckGroup(personOpts, nil)
	orgChecks := widget.NewCheckGroup(orgOpts, nil)
	members := widget.NewCheck(lang.X("events.invite_members", "Alla medlemsföretag (alla deras kontakter)"), nil)
	filter := widget.NewEntry()
	filter.SetPlaceHolder(lang.X("events.invite_filter", "Sök …"))
	filter.OnChanged = func(q string) {
		words := strings.Fields(uikit.Fold(q))
		var shown []string
		for _, o := range personOpts {
			ok := true
			for _, w := range words {
				if !strings.Contains(uikit.Fold(o), w) {
					ok = false
				}
			}
			if ok || slices.Contains(peopleChecks.Selected, o) {
				shown = append(shown, o)
			}
		}
		peopleChecks.Options = shown
		peopleChecks.Refresh()
	}
	tabs := container.NewAppTabs(
		container.NewTabItem(lang.X("events.invite_people", "Personer"),
			container.NewBorder(filter, nil, nil, nil, container.NewVScroll(peopleChecks))),
		container.NewTabItem(lang.X("events.invite_orgs", "Organisationer"),
			container.NewBorder(members, nil, nil, nil, container.NewVScroll(orgChecks))),
	)
	d := dialog.NewCustomConfirm(lang.X("events.invite_title", "Bjud in till {{.Title}}", map[string]string{"Title": s.current.Title}),
		lang.X("events.invite_ok", "Bjud in"), lang.X("events.walk_cancel", "Avbryt"), tabs, func(ok bool) {
			if !ok {
				return
			}
			var c inviteChoice
			for _, l := range peopleChecks.Selected {
				c.people = append(c.people, personByOpt[l])
			}
			for _, l := range orgChecks.Selected {
				c.orgs = append(c.orgs, orgByOpt[l])
			}
			c.members = members.Checked
			if len(c.people) == 0 && len(c.orgs) == 0 && !c.members {
				// Nothing ticked: say so and open the dialog again as it
				// was (found by use: it closed, silently).
				s.inviteNote = lang.X("events.invite_nothing", "Ingen är vald. Bocka för personer eller organisationer att bjuda in.")
				info := dialog.NewInformation(lang.X("events.invite_ok", "Bjud in"), s.inviteNote, s.main.Window())
				info.SetOnClosed(s.lastInvite.Show)
				info.Show()
				return
			}
			s.invite(c)
		}, s.main.Window())
	d.Resize(fyne.NewSize(560, 520))
	s.lastInvite = d
	d.Show()
}

// invite resolves organisations to their contacts and invites everyone.
func (s *Screen) invite(c inviteChoice) {
	st, id := s.main.Store(), s.current.ID
	s.main.Background(func() func() {
		ctx := context.Background()
		ids := append([]string(nil), c.people...)
		orgs := append([]string(nil), c.orgs...)
		var err error
		if c.members {
			var mem []data.Organisation
			mem, err = st.MemberCompanies(ctx)
			for _, o := range mem {
				orgs = append(orgs, o.ID)
			}
		}
		if err == nil && len(orgs) > 0 {
			var ps []data.Person
			ps, err = st.PeopleOfOrganisations(ctx, orgs)
			for _, p := range ps {
				ids = append(ids, p.ID)
			}
		}
		n := 0
		if err == nil {
			n, err = st.Invite(ctx, id, ids)
		}
		return func() {
			if err != nil {
				dialog.ShowError(err, s.main.Window())
				return
			}
			// Under the list's buttons: the counts above are written anew
			// when the list is read (found by use: this note vanished).
			s.inviteNote = lang.X("events.invited_n", "{{.N}} nya inbjudna.", map[string]string{"N": strconv.Itoa(n)})
			if n == 0 {
				s.inviteNote = lang.X("events.invited_none", "Alla valda fanns redan på listan: ingen ny inbjuden.")
			}
			s.say(s.inviteNote)
			s.regMsgFor = ""
			s.loadRegs()
			s.Reload()
		}
	})
}

// showParticipation shows, per organisation, how often its people came.
func (s *Screen) showParticipation() {
	st := s.main.Store()
	s.main.Background(func() func() {
		rows, err := st.Participation(context.Background())
		return func() {
			if err != nil {
				dialog.ShowError(err, s.main.Window())
				return
			}
			heads := []string{lang.X("events.col_org", "Organisation"), lang.X("events.col_invited", "Inbjudna till"),
				lang.X("events.col_attended", "Kom till"), lang.X("events.col_last", "Senast"), lang.X("events.col_people", "Vilka som kommer")}
			cells := participationCells(rows)
			t := widget.NewTable(func() (int, int) { return len(cells) + 1, len(heads) },
				func() fyne.CanvasObject {
					l := widget.NewLabel("")
					l.Truncation = fyne.TextTruncateEllipsis
					return l
				},
				func(id widget.TableCellID, o fyne.CanvasObject) {
					l := o.(*widget.Label)
					if id.Row == 0 {
						l.TextStyle = fyne.TextStyle{Bold: true}
						l.SetText(heads[id.Col])
						return
					}
					l.TextStyle = fyne.TextStyle{}
					l.SetText(cells[id.Row-1][id.Col])
				})
			// Each column as wide as its widest text, within a cap (found
			// by use: "Inbjudna …" and long company names were cut).
			widths := fitColumns(heads, cells, []float32{340, 0, 0, 0, 560})
			total := float32(0)
			for i, w := range widths {
				t.SetColumnWidth(i, w)
				total += w + theme.Padding()
			}
			d := dialog.NewCustom(lang.X("events.participation", "Företagens deltagande över tid"), lang.X("action.close", "Stäng"), t, s.main.Window())
			win := s.main.Window().Canvas().Size()
			d.Resize(fyne.NewSize(min(total+4*theme.Padding()+20, max(640, win.Width*0.92)), max(420, win.Height*0.8)))
			d.Show()
		}
	})
}

// fitColumns is the width of each column of a table of labels: its
// widest text (the header bold) and a label's padding, at most caps[i]
// when that is not 0.
func fitColumns(heads []string, cells [][]string, caps []float32) []float32 {
	size := theme.TextSize()
	pad := 2 * theme.InnerPadding()
	out := make([]float32, len(heads))
	for i, h := range heads {
		out[i] = fyne.MeasureText(h, size, fyne.TextStyle{Bold: true}).Width + pad
	}
	for _, row := range cells {
		for i, c := range row {
			if i < len(out) {
				out[i] = max(out[i], fyne.MeasureText(c, size, fyne.TextStyle{}).Width+pad)
			}
		}
	}
	for i := range out {
		if i < len(caps) && caps[i] > 0 && out[i] > caps[i] {
			out[i] = caps[i]
		}
	}
	return out
}

// participationCells turns the per-organisation record into table text.
func participationCells(rows []data.OrgParticipation) [][]string {
	out := make([][]string, len(rows))
	for i, r := range rows {
		last := "–"
		if !r.LastAttended.IsZero() {
			last = r.LastAttended.In(data.Stockholm).Format(data.DateLayout)
		}
		var who []string
		for k, n := range r.People {
			who = append(who, fmt.Sprintf("%s (%d)", n, r.Visits[k]))
		}
		out[i] = []string{r.Organisation.Name, strconv.Itoa(r.Invited), strconv.Itoa(r.Attended), last, strings.Join(who, ", ")}
	}
	return out
}

// docButton prints one of the chosen event's documents.
func (s *Screen) docButton(kind string) *widget.Button {
	return widget.NewButtonWithIcon(uikit.EventDocName(kind), theme.DocumentPrintIcon(), func() {
		if s.current.ID != "" {
			s.main.PrintEvent(s.current.ID, kind)
		}
	})
}

// say puts msg under the list's buttons; the line takes no room when
// there is nothing to say.
func (s *Screen) say(msg string) {
	s.regMsg.SetText(msg)
	s.regMsg.Hidden = msg == ""
	s.regMsg.Refresh()
}
