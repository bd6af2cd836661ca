package events

import (
	"context"
	"errors"
	"slices"
	"sort"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"golang.org/x/text/collate"

	"techniqual/data"
	"techniqual/ui/uikit"
)

// regRow is one registration with the names the lists show and folded
// search keys. At the door a row may also be someone of the register who
// is not on the event's list (unlisted: reg holds only the event and the
// person's or pupil's id).
type regRow struct {
	reg  data.Registration
	name string
	org  string
	key  string // the name, folded: the door searches names
	// orgWords are a contact's organisation's words, folded: a door host
	// may type the start of one ("fryksdals"). A pupil's class and school
	// are not searched (found by use: "an" matched every pupil of
	// Tingvallaskolan).
	orgWords []string
	code     string // the badge's code (data.BadgeCode)
	unlisted bool   // in the register, not on the event's list
}

// newRegRow makes the row of reg for name at org; contact says org is a
// contact's organisation (searched), not a pupil's class and school.
func newRegRow(reg data.Registration, name, org string, contact bool) regRow {
	r := regRow{reg: reg, name: name, org: org, key: uikit.Fold(name)}
	if contact {
		r.orgWords = strings.Fields(uikit.Fold(org))
	}
	if reg.ID != "" {
		r.code = data.BadgeCode(reg.ID)
	}
	return r
}

// matches reports whether every word is in the row's name, or starts a
// word of a contact's organisation.
func (r *regRow) matches(words []string) bool {
	for _, w := range words {
		if strings.Contains(r.key, w) {
			continue
		}
		found := false
		for _, o := range r.orgWords {
			if strings.HasPrefix(o, w) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// loadRegRows reads an event's registrations with the names of the people
// (or pupils) and their organisations (or schools), sorted by name the
// Swedish way.
func loadRegRows(ctx context.Context, st *data.Store, eventID string) ([]regRow, error) {
	rows, _, err := loadRows(ctx, st, eventID, false, false)
	return rows, err
}

// loadDoorRows is loadRegRows for the door, with the people of the
// register who are not on the list: the contacts, and for a pupil event
// the pupils.
func loadDoorRows(ctx context.Context, st *data.Store, e data.Event) (rows, others []regRow, err error) {
	return loadRows(ctx, st, e.ID, true, e.Kind == data.EventPupil)
}

// loadRows reads an event's rows and, when withOthers, the register's
// contacts (and, when pupils, pupils) who have no registration.
func loadRows(ctx context.Context, st *data.Store, eventID string, withOthers, pupils bool) ([]regRow, []regRow, error) {
	rs, err := st.ListRegistrations(ctx, eventID)
	if err != nil {
		return nil, nil, err
	}
	people, err := st.ListPeople(ctx, data.PersonFilter{})
	if err != nil {
		return nil, nil, err
	}
	orgs, err := st.ListOrganisations(ctx, "")
	if err != nil {
		return nil, nil, err
	}
	orgName := make(map[string]string, len(orgs))
	for _, o := range orgs {
		orgName[o.ID] = o.Name
	}
	type who struct {
		name, org string
		contact   bool
	}
	byID := make(map[string]who, len(people))
	for _, p := range people {
		byID[p.ID] = who{p.Name(), orgName[p.OrganisationID], true}
	}
	var pupilList []data.Pupil
	if pupils || slices.ContainsFunc(rs, func(r data.Registration) bool { return r.PupilID != "" }) {
		if pupilList, err = st.ListPupils(ctx, data.PupilFilter{}); err != nil {
			return nil, nil, err
		}
		for _, p := range pupilList {
			byID[p.ID] = who{p.Name(), uikit.JoinDot(p.ClassName, orgName[p.SchoolID]), false}
		}
	}
	rows := make([]regRow, 0, len(rs))
	onList := make(map[string]bool, len(rs))
	for _, r := range rs {
		onList[r.PersonID+r.PupilID] = true
		w, ok := byID[r.PersonID+r.PupilID]
		if !ok {
			continue // the person was deleted
		}
		rows = append(rows, newRegRow(r, w.name, w.org, w.contact))
	}
	sortRegRows(rows)
	if !withOthers {
		return rows, nil, nil
	}
	var others []regRow
	for _, p := range people {
		if !onList[p.ID] {
			w := byID[p.ID]
			others = append(others, regRow{reg: data.Registration{EventID: eventID, PersonID: p.ID}, name: w.name, org: w.org,
				key: uikit.Fold(w.name), orgWords: strings.Fields(uikit.Fold(w.org)), unlisted: true})
		}
	}
	if pupils {
		// The pupils offered are those of the schools whose pupils are on
		// the list (the event's schools, as far as the door can tell), or
		// any school's when none is (review: the whole region's pupils,
		// names, classes and schools, on a screen others see).
		schools := map[string]bool{}
		for _, p := range pupilList {
			if onList[p.ID] {
				schools[p.SchoolID] = true
			}
		}
		for _, p := range pupilList {
			// A pupil with protected identity is never offered by name at
			// the door (review); the counsellor registers them in Anmäl
			// flera.
			if !onList[p.ID] && !p.Protected && (len(schools) == 0 || schools[p.SchoolID]) {
				w := byID[p.ID]
				others = append(others, regRow{reg: data.Registration{EventID: eventID, PupilID: p.ID}, name: w.name, org: w.org,
					key: uikit.Fold(w.name), unlisted: true})
			}
		}
	}
	sortRegRows(others)
	return rows, others, nil
}

func sortRegRows(rows []regRow) {
	c := uikit.Collator()
	var buf collate.Buffer
	// Keyed by the row, not its registration: a row of the register has
	// none.
	type keyed struct {
		key string
		row regRow
	}
	ks := make([]keyed, len(rows))
	for i, r := range rows {
		ks[i] = keyed{string(c.KeyFromString(&buf, r.name+" "+r.org)), r}
	}
	sort.SliceStable(ks, func(i, j int) bool { return ks[i].key < ks[j].key })
	for i := range ks {
		rows[i] = ks[i].row
	}
}

// regStatusNames are the Swedish names of the registration statuses.
var regStatusNames = map[data.RegistrationStatus]string{data.RegInvited: "inbjuden", data.RegRegistered: "anmäld",
	data.RegWaitlisted: "reserv", data.RegAttended: "närvarande", data.RegNoShow: "kom inte", data.RegCancelled: "avbokad"}

func regStatusText(s data.RegistrationStatus) string {
	return lang.X("events.status."+string(s), regStatusNames[s])
}

// checkinModel is the list at the door: who is on it, who else is in the
// register, and which of them match what has been typed. It knows nothing
// of widgets, so a keystroke's search can be measured alone.
type checkinModel struct {
	rows []regRow // the event's list
	// others are the register's people not on the list (contacts; for a
	// pupil event pupils too): the door offers them, and the cancelled,
	// when nobody on the list matches (found by use: a known contact who
	// had not registered went straight to "Ny på plats").
	others []regRow
	shown  []int // indexes into rows, then others (row)
	words  []string
	// offList is set when nobody on the list matched and shown holds
	// the cancelled and the others who did.
	offList bool
}

// row is the row of index k of shown: rows first, then others.
func (m *checkinModel) row(k int) *regRow {
	if k < len(m.rows) {
		return &m.rows[k]
	}
	return &m.others[k-len(m.rows)]
}

// filter shows the people on the list whose name holds every word of q,
// or whose organisation (a contact's, not a pupil's school) has a word
// starting with it; case and accents as typed, so "ö" does not match "o".
// Cancelled registrations are not shown, unless nobody on the list
// matches: then the cancelled and the register's others who match are.
func (m *checkinModel) filter(q string) {
	words := strings.Fields(uikit.Fold(q))
	// Typing on narrows what is shown already: search only that. (A
	// word typed on starts with the word before it, so a name that holds
	// it, or an organisation's word it starts, held the shorter one too.)
	narrower := len(m.words) > 0 && len(words) >= len(m.words)
	for i := range m.words {
		if narrower && !strings.HasPrefix(words[i], m.words[i]) {
			narrower = false
		}
	}
	m.words = words
	if narrower {
		kept := make([]int, 0, len(m.shown))
		for _, k := range m.shown {
			if m.row(k).matches(words) {
				kept = append(kept, k)
			}
		}
		// Nobody on the list matched the shorter words: nobody does now.
		if len(kept) > 0 || m.offList {
			m.shown = kept
			return
		}
	}
	m.offList = false
	out := make([]int, 0, len(m.rows))
	for i := range m.rows {
		if m.rows[i].reg.Status != data.RegCancelled && m.rows[i].matches(words) {
			out = append(out, i)
		}
	}
	if len(out) > 0 || len(words) == 0 {
		m.shown = out
		return
	}
	for i := range m.rows {
		if m.rows[i].reg.Status == data.RegCancelled && m.rows[i].matches(words) {
			out = append(out, i)
		}
	}
	for i := range m.others {
		if m.others[i].matches(words) {
			out = append(out, len(m.rows)+i)
		}
	}
	m.shown, m.offList = out, len(out) > 0
}

// byCode finds the row whose badge code is q (a scanner types the code and
// Enter): exactly one person, whatever else the code matches.
func (m *checkinModel) byCode(q string) (int, bool) {
	q = strings.ToUpper(strings.TrimSpace(q))
	if len(q) < 4 {
		return 0, false
	}
	found := -1
	for i, r := range m.rows {
		if r.code == q && r.reg.Status != data.RegCancelled {
			if found >= 0 {
				return 0, false // two badges share a code: ask which
			}
			found = i
		}
	}
	return found, found >= 0
}

// exactName finds, among the shown rows, the one whose whole name is q
// ("Anna Berg" among Anna Berg and Anna Bergström); false unless exactly
// one. It returns the row's index for row.
func (m *checkinModel) exactName(q string) (int, bool) {
	q = strings.Join(strings.Fields(uikit.Fold(q)), " ")
	found := -1
	for _, k := range m.shown {
		if strings.Join(strings.Fields(m.row(k).key), " ") == q {
			if found >= 0 {
				return 0, false
			}
			found = k
		}
	}
	return found, found >= 0
}

// registrations are the rows' registrations (for the door's warnings).
func (m *checkinModel) registrations() []data.Registration {
	rs := make([]data.Registration, len(m.rows))
	for i, r := range m.rows {
		rs[i] = r.reg
	}
	return rs
}

// counts is who is here and who is expected.
func (m *checkinModel) counts() data.EventCounts {
	rs := make([]data.Registration, len(m.rows))
	for i, r := range m.rows {
		rs[i] = r.reg
	}
	return data.CountRegistrations(rs)
}

// update replaces a registration in the model.
func (m *checkinModel) update(r data.Registration) {
	for i := range m.rows {
		if m.rows[i].reg.ID == r.ID {
			m.rows[i].reg = r
			return
		}
	}
}

// searchEntry is the big search box at the door: Up and Down move the
// highlight in the list, Escape clears it; Enter checks in (OnSubmitted).
type searchEntry struct {
	widget.Entry
	onMove   func(delta int)
	onEscape func()
}

func newSearchEntry() *searchEntry {
	e := &searchEntry{}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey moves the highlight on Up and Down and clears on Escape.
func (e *searchEntry) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyUp:
		if e.onMove != nil {
			e.onMove(-1)
		}
		return
	case fyne.KeyDown:
		if e.onMove != nil {
			e.onMove(1)
		}
		return
	case fyne.KeyEscape:
		if e.onEscape != nil {
			e.onEscape()
		}
		return
	}
	e.Entry.TypedKey(k)
}

// bigTheme sets text larger, for the check-in window read at arm's length.
type bigTheme struct{ fyne.Theme }

func (b bigTheme) Size(n fyne.ThemeSizeName) float32 {
	switch n {
	case theme.SizeNameText:
		return b.Theme.Size(n) * 1.6
	case theme.SizeNameSubHeadingText, theme.SizeNameHeadingText:
		return b.Theme.Size(n) * 1.5
	}
	return b.Theme.Size(n)
}

// checkinView is Incheckning: the door of one event on an offline laptop.
// Type part of a name, Enter checks in the highlighted person; a name that
// is not on the list is a walk-in ("Namn Efternamn, Organisation" and
// Enter, or the form); the count here / expected is always shown and the
// last check-in can be undone.
type checkinView struct {
	main  Shell
	win   fyne.Window
	event data.Event
	model checkinModel
	cur   int        // highlighted row in model.shown, -1 when none
	undo  []doorUndo // check-ins made here, the latest last
	// picked is set when the highlight was chosen (arrows, a click), not
	// just put on the first of several matches.
	picked    bool
	selecting bool    // the view itself moves the list's selection
	pending   *regRow // waiting for "check in anyway" after a warning
	dayOK     bool    // checking in on another day than the event's was confirmed once
	// offListHint is set while the status says that the people shown
	// are not on the list.
	offListHint bool

	search   *searchEntry
	list     *widget.List
	count    *widget.Label
	status   *widget.Label
	undoBtn  *widget.Button
	checkBtn *widget.Button
	walkName *widget.Entry
	walkOrg  *widget.Entry
	walkBox  *fyne.Container
	warnLbl  *widget.Label
	warnBox  *fyne.Container
	dayLbl   *widget.Label
	content  fyne.CanvasObject
	// onChange is told when a check-in changed the list (the events screen reloads).
	onChange func()
}

// showCheckin opens the check-in window of an event.
func showCheckin(m Shell, e data.Event, onChange func()) *checkinView {
	w := m.App().NewWindow(lang.X("events.checkin_title", "Incheckning – {{.Title}}", map[string]string{"Title": e.Title}))
	v := newCheckinView(m, w, e)
	v.onChange = onChange
	// The screen's counts and Uppföljning are read anew when the door
	// closes, whatever changed there (found by use: they looked stale).
	w.SetOnClosed(func() {
		if onChange != nil {
			onChange()
		}
	})
	w.SetContent(v.content)
	w.Resize(fyne.NewSize(900, 680))
	w.Show()
	w.Canvas().Focus(v.search)
	v.Reload()
	return v
}

func newCheckinView(m Shell, win fyne.Window, e data.Event) *checkinView {
	v := &checkinView{main: m, win: win, event: e, cur: -1}
	v.search = newSearchEntry()
	v.search.SetPlaceHolder(lang.X("events.checkin_search", "Skriv en del av namnet och tryck Enter …"))
	v.search.OnChanged = v.onSearchChanged
	v.search.OnSubmitted = func(string) { v.onEnter() }
	v.search.onMove = v.move
	// Escape undoes one step at a time: the question asked, then the
	// search, then the door window itself (found by use: it never closed).
	v.search.onEscape = func() {
		switch {
		case v.pending != nil:
			v.cancelPending()
		case v.search.Text != "":
			v.search.SetText("")
		default:
			v.win.Close()
		}
	}
	v.list = widget.NewList(func() int { return len(v.model.shown) },
		func() fyne.CanvasObject {
			name := widget.NewLabelWithStyle("Förnamn Efternamn", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			info := widget.NewLabel("")
			st := widget.NewLabel("")
			return container.NewBorder(nil, nil, nil, st, container.NewVBox(name, info))
		}, v.updateRow)
	v.list.OnSelected = func(i widget.ListItemID) {
		v.cur = i
		if !v.selecting {
			v.picked = true // a click chooses
		}
	}
	v.count = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.count.SizeName = theme.SizeNameHeadingText
	v.status = widget.NewLabel("")
	v.status.Wrapping = fyne.TextWrapWord
	v.checkBtn = widget.NewButtonWithIcon(lang.X("events.checkin", "Checka in (Enter)"), theme.ConfirmIcon(), v.onEnter)
	v.checkBtn.Importance = widget.HighImportance
	v.undoBtn = widget.NewButtonWithIcon(lang.X("events.undo_checkin", "Ångra senaste incheckningen"), theme.ContentUndoIcon(), v.onUndo)
	walkBtn := widget.NewButtonWithIcon(lang.X("events.walk_in", "Ny på plats …"), theme.ContentAddIcon(), func() { v.openWalkIn(v.search.Text) })

	v.walkName = widget.NewEntry()
	v.walkName.SetPlaceHolder(lang.X("events.walk_name", "Förnamn Efternamn"))
	v.walkOrg = widget.NewEntry()
	v.walkOrg.SetPlaceHolder(lang.X("events.walk_org", "Organisation"))
	v.walkName.OnSubmitted = func(string) { v.win.Canvas().Focus(v.walkOrg) }
	v.walkOrg.OnSubmitted = func(string) { v.onWalkIn() }
	addBtn := widget.NewButton(lang.X("events.walk_add", "Registrera och checka in"), v.onWalkIn)
	addBtn.Importance = widget.HighImportance
	cancel := widget.NewButton(lang.X("events.walk_cancel", "Avbryt"), v.closeWalkIn)
	v.walkBox = container.NewVBox(widget.NewLabelWithStyle(lang.X("events.walk_heading", "Ny på plats"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		container.NewGridWithColumns(2, v.walkName, v.walkOrg), container.NewHBox(addBtn, cancel))
	v.walkBox.Hide()

	// The door's question: a reserve, a seat over the capacity or the
	// wrong day; Enter checks in anyway, Escape does not.
	v.warnLbl = widget.NewLabel("")
	v.warnLbl.Wrapping = fyne.TextWrapWord
	v.warnLbl.Importance = widget.WarningImportance
	anyway := widget.NewButtonWithIcon(lang.X("eventday.door_anyway", "Checka in ändå (Enter)"), theme.ConfirmIcon(), v.confirmPending)
	anyway.Importance = widget.WarningImportance
	v.warnBox = container.NewVBox(v.warnLbl, container.NewHBox(anyway,
		widget.NewButton(lang.X("eventday.door_not", "Avbryt (Esc)"), v.cancelPending)))
	v.warnBox.Hide()
	v.dayLbl = widget.NewLabel("")
	v.dayLbl.Wrapping = fyne.TextWrapWord
	v.dayLbl.Importance = widget.WarningImportance
	v.dayLbl.Hide()
	if !e.Start.IsZero() && !data.SameEventDay(e, m.Now()) {
		v.dayLbl.SetText(lang.X("eventday.door_other_day", "Obs: evenemanget är {{.Date}}, i dag är {{.Today}}.",
			map[string]string{"Date": uikit.LongDate(e.Start.In(data.Stockholm)), "Today": uikit.LongDate(m.Now().In(data.Stockholm))}))
		v.dayLbl.Show()
	}

	title := widget.NewLabelWithStyle(e.Title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Truncation = fyne.TextTruncateEllipsis
	top := container.NewVBox(container.NewBorder(nil, nil, nil, v.count, title), v.dayLbl, v.search, v.warnBox, v.walkBox, v.status)
	bottom := container.NewHBox(v.checkBtn, v.undoBtn, walkBtn)
	v.content = container.NewThemeOverride(container.NewPadded(container.NewBorder(top, bottom, nil, nil, v.list)),
		bigTheme{fyne.CurrentApp().Settings().Theme()})
	v.updateCount()
	return v
}

// Reload reads the event's list off the UI goroutine.
func (v *checkinView) Reload() {
	st := v.main.Store()
	v.main.Background(func() func() {
		rows, others, err := loadDoorRows(context.Background(), st, v.event)
		return func() {
			if err != nil {
				dialog.ShowError(err, v.win)
				return
			}
			v.setRows(rows, others)
		}
	})
}

func (v *checkinView) setRows(rows, others []regRow) {
	v.model = checkinModel{rows: rows, others: others}
	v.onSearchChanged(v.search.Text)
	v.updateCount()
}

// onSearchChanged narrows the list at each keystroke and highlights the
// first match.
func (v *checkinView) onSearchChanged(q string) {
	v.picked = false
	if v.pending != nil {
		v.cancelPending()
	}
	v.model.filter(q)
	// Nobody on the list matches, but people of the register do: say
	// so, and that Enter asks before checking them in.
	if v.model.offList {
		v.showStatus(lang.X("eventday.door_off_list", "Ingen på listan passar ”{{.Query}}”. De här finns i registret men är inte anmälda: Enter frågar innan någon checkas in. Någon annan: Ny på plats …",
			map[string]string{"Query": strings.TrimSpace(q)}), widget.WarningImportance)
		v.offListHint = true
	} else if v.offListHint {
		v.showStatus("", widget.MediumImportance)
	}
	cur := -1
	if len(v.model.shown) > 0 && strings.TrimSpace(q) != "" {
		cur = 0
	}
	// One refresh per keystroke: the list draws the rows once, and
	// selecting the row already selected costs nothing.
	if cur < 0 && v.cur >= 0 {
		v.list.UnselectAll()
	}
	v.cur = cur
	v.list.Refresh()
	if cur >= 0 {
		v.selecting = true
		v.list.Select(cur)
		v.selecting = false
	}
}

func (v *checkinView) move(delta int) {
	if len(v.model.shown) == 0 {
		return
	}
	v.cur = max(0, min(len(v.model.shown)-1, v.cur+delta))
	v.picked = true
	v.selecting = true
	v.list.Select(v.cur)
	v.selecting = false
	v.list.ScrollTo(v.cur)
}

func (v *checkinView) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	if i >= len(v.model.shown) {
		return
	}
	r := v.model.row(v.model.shown[i])
	box := o.(*fyne.Container)
	texts := box.Objects[0].(*fyne.Container)
	texts.Objects[0].(*widget.Label).SetText(r.name)
	texts.Objects[1].(*widget.Label).SetText(r.org)
	st := box.Objects[1].(*widget.Label)
	if r.unlisted {
		st.SetText(lang.X("eventday.door_unlisted", "inte anmäld"))
	} else {
		st.SetText(regStatusText(r.reg.Status))
	}
	if r.reg.Status == data.RegAttended {
		st.Importance = widget.SuccessImportance
	} else {
		st.Importance = widget.MediumImportance
	}
	st.Refresh()
}

func (v *checkinView) updateCount() {
	c := v.model.counts()
	if c.Attended > 0 && v.event.Capacity > 0 && c.Seats() > v.event.Capacity {
		v.count.Importance = widget.DangerImportance // over the capacity: shown, never hidden
	} else {
		v.count.Importance = widget.MediumImportance
	}
	// Of the held seats: the one count the screen, the documents and the
	// command line use (data.EventCounts.Summary).
	v.count.SetText(lang.X("events.present_of", "Närvarande {{.Present}} av {{.Expected}} anmälda",
		map[string]string{"Present": strconv.Itoa(c.Attended), "Expected": strconv.Itoa(c.Seats())}))
	v.undoBtn.Disable()
	if c.Attended > 0 {
		v.undoBtn.Enable()
	}
}

// onEnter checks in the person meant: a scanned badge code names exactly
// one; a name part that matches one person checks them in; one that
// matches several asks which (arrows or a click, then Enter) unless the
// whole name was typed. With nobody matching it takes what was typed as a
// walk-in ("Namn Efternamn, Organisation" registers at once, a bare name
// opens the form). After a warning, Enter checks in anyway.
func (v *checkinView) onEnter() {
	if v.pending != nil {
		v.confirmPending()
		return
	}
	q := strings.TrimSpace(v.search.Text)
	if i, ok := v.model.byCode(q); ok {
		v.tryCheckIn(v.model.rows[i])
		return
	}
	if v.cur >= 0 && v.cur < len(v.model.shown) {
		if len(v.model.shown) > 1 && !v.picked {
			if k, ok := v.model.exactName(q); ok {
				v.tryCheckIn(*v.model.row(k))
				return
			}
			vars := map[string]string{"N": strconv.Itoa(len(v.model.shown)), "Query": q}
			if v.model.offList {
				v.showStatus(lang.X("eventday.door_which_off_list", "{{.N}} personer i registret passar ”{{.Query}}”, ingen av dem anmäld: välj med ↑ ↓ eller musen och tryck Enter, eller skriv mer av namnet.", vars),
					widget.WarningImportance)
				return
			}
			v.showStatus(lang.X("eventday.door_which", "{{.N}} personer passar ”{{.Query}}”: välj med ↑ ↓ eller musen och tryck Enter, eller skriv mer av namnet.", vars),
				widget.WarningImportance)
			return
		}
		v.tryCheckIn(*v.model.row(v.model.shown[v.cur]))
		return
	}
	if q == "" {
		return
	}
	if name, org, ok := strings.Cut(q, ","); ok && strings.TrimSpace(name) != "" {
		v.walkIn(name, org)
		return
	}
	v.openWalkIn(q)
}

// tryCheckIn checks r in, or first asks when the door has something to say
// (data.CheckInWarnings): a reserve, a seat over the capacity, someone not
// registered, or another day than the event's (asked once per window).
func (v *checkinView) tryCheckIn(r regRow) {
	var lines []string
	vars := map[string]string{"Name": r.name, "Cap": strconv.Itoa(v.event.Capacity),
		"Date": uikit.LongDate(v.event.Start.In(data.Stockholm)), "Today": uikit.LongDate(v.main.Now().In(data.Stockholm))}
	if r.reg.Status == data.RegAttended {
		// Found by use: Enter on someone already in did nothing to see.
		vars["Time"] = r.reg.CheckedInAt.In(data.Stockholm).Format("15:04")
		v.showStatus(lang.X("eventday.door_already_in", "{{.Name}} är redan incheckad kl. {{.Time}}.", vars), widget.WarningImportance)
		v.search.SetText("")
		v.win.Canvas().Focus(v.search)
		return
	}
	if r.unlisted {
		lines = append(lines, lang.X("eventday.door_not_registered", "{{.Name}} är inte anmäld.", vars))
	}
	for _, w := range data.CheckInWarnings(v.event, v.model.registrations(), r.reg, v.main.Now()) {
		switch w {
		case data.WarnReserve:
			lines = append(lines, lang.X("eventday.door_reserve", "{{.Name}} står som reserv och har ingen plats.", vars))
		case data.WarnNotOnList:
			lines = append(lines, lang.X("eventday.door_not_registered", "{{.Name}} är inte anmäld.", vars))
		case data.WarnOverCapacity:
			lines = append(lines, lang.X("eventday.door_full", "Alla {{.Cap}} platser är tagna: en incheckning till går över antalet platser.", vars))
		case data.WarnWrongDay:
			if !v.dayOK {
				lines = append(lines, lang.X("eventday.door_wrong_day", "Evenemanget är {{.Date}}, inte i dag ({{.Today}}).", vars))
			}
		}
	}
	if len(lines) == 0 {
		v.checkIn(r)
		return
	}
	v.pending = &r
	v.warnLbl.SetText(strings.Join(lines, "\n") + "\n" + lang.X("eventday.door_ask", "Checka in {{.Name}} ändå?", vars))
	v.showStatus("", widget.MediumImportance) // the question replaces what was said before
	v.warnBox.Show()
	v.win.Canvas().Focus(v.search)
}

// confirmPending checks in the person the door asked about.
func (v *checkinView) confirmPending() {
	if v.pending == nil {
		return
	}
	r := *v.pending
	v.pending = nil
	v.warnBox.Hide()
	if !data.SameEventDay(v.event, v.main.Now()) {
		v.dayOK = true
	}
	v.checkIn(r)
}

// cancelPending leaves the person the door asked about as they were.
func (v *checkinView) cancelPending() {
	v.pending = nil
	v.warnBox.Hide()
	v.showStatus(lang.X("eventday.door_cancelled", "Inte incheckad."), widget.MediumImportance)
}

func (v *checkinView) checkIn(r regRow) {
	if r.unlisted {
		v.checkInUnlisted(r)
		return
	}
	st := v.main.Store()
	v.main.Background(func() func() {
		reg, changed, err := st.CheckIn(context.Background(), r.reg.ID)
		return func() {
			if err != nil {
				v.showStatus(err.Error(), widget.DangerImportance)
				return
			}
			vars := map[string]string{"Name": r.name}
			if !changed {
				v.showStatus(lang.X("events.already_in", "{{.Name}} är redan incheckad.", vars), widget.WarningImportance)
			} else {
				v.undo = append(v.undo, doorUndo{id: reg.ID, before: r.reg.Status})
				v.showStatus(lang.X("events.checked_in", "✓ {{.Name}} är incheckad.", vars), widget.SuccessImportance)
			}
			v.model.update(reg)
			v.afterChange()
		}
	})
}

// checkInUnlisted registers and checks in someone of the register who is
// not on the list, once the door has asked; the list is read anew.
func (v *checkinView) checkInUnlisted(r regRow) {
	st := v.main.Store()
	v.main.Background(func() func() {
		ctx := context.Background()
		reg, err := st.CheckInUnlisted(ctx, v.event.ID, r.reg.PersonID, r.reg.PupilID)
		var rows, others []regRow
		if err == nil {
			rows, others, err = loadDoorRows(ctx, st, v.event)
		}
		return func() {
			if err != nil {
				v.showStatus(err.Error(), widget.DangerImportance)
				return
			}
			v.model = checkinModel{rows: rows, others: others}
			v.undo = append(v.undo, doorUndo{id: reg.ID, before: r.reg.Status}) // "" when not registered at all
			v.showStatus(lang.X("eventday.door_unlisted_in", "✓ {{.Name}} är anmäld och incheckad.", map[string]string{"Name": r.name}), widget.SuccessImportance)
			v.afterChange()
		}
	})
}

// afterChange clears the search for the next person at the door.
func (v *checkinView) afterChange() {
	v.search.SetText("")
	v.onSearchChanged("")
	v.updateCount()
	v.win.Canvas().Focus(v.search)
	if v.onChange != nil {
		v.onChange()
	}
}

func (v *checkinView) showStatus(text string, imp widget.Importance) {
	v.offListHint = false // whatever is said now replaces the hint
	v.status.Importance = imp
	v.status.SetText(text)
	if text == "" {
		v.status.Hide() // no empty line between the question and the list
	} else {
		v.status.Show()
	}
}

// doorUndo is a check-in the door can undo: the registration, and the
// status it had before (data.Store.UndoCheckInTo; "" for none).
type doorUndo struct {
	id     string
	before data.RegistrationStatus
}

func (v *checkinView) onUndo() {
	st, eventID := v.main.Store(), v.event.ID
	var last doorUndo
	if n := len(v.undo); n > 0 {
		last, v.undo = v.undo[n-1], v.undo[:n-1]
	}
	id := last.id
	v.main.Background(func() func() {
		ctx := context.Background()
		var reg data.Registration
		var err error
		if id != "" {
			reg, err = st.UndoCheckInTo(ctx, id, last.before)
		} else {
			reg, err = st.UndoLastCheckIn(ctx, eventID)
		}
		return func() {
			if errors.Is(err, data.ErrNotFound) {
				v.showStatus(lang.X("events.nothing_to_undo", "Ingen är incheckad."), widget.WarningImportance)
				return
			}
			if err != nil {
				v.showStatus(err.Error(), widget.DangerImportance)
				return
			}
			v.model.update(reg)
			name := ""
			for _, r := range v.model.rows {
				if r.reg.ID == reg.ID {
					name = r.name
				}
			}
			v.showStatus(lang.X("events.undone", "Incheckningen av {{.Name}} är ångrad.", map[string]string{"Name": name}), widget.MediumImportance)
			v.afterChange()
		}
	})
}

func (v *checkinView) openWalkIn(name string) {
	v.walkName.SetText(strings.TrimSpace(name))
	v.walkOrg.SetText("")
	v.walkBox.Show()
	if v.walkName.Text == "" {
		v.win.Canvas().Focus(v.walkName)
	} else {
		v.win.Canvas().Focus(v.walkOrg)
	}
}

func (v *checkinView) closeWalkIn() {
	v.walkBox.Hide()
	v.win.Canvas().Focus(v.search)
}

func (v *checkinView) onWalkIn() { v.walkIn(v.walkName.Text, v.walkOrg.Text) }

// splitName takes the last word as the last name.
func splitName(s string) (first, last string) {
	f := strings.Fields(s)
	switch len(f) {
	case 0:
		return "", ""
	case 1:
		return f[0], ""
	}
	return strings.Join(f[:len(f)-1], " "), f[len(f)-1]
}

// walkIn registers and checks in someone who is not on the list.
func (v *checkinView) walkIn(name, org string) {
	first, last := splitName(name)
	if first == "" {
		v.showStatus(lang.X("events.walk_need_name", "Skriv namnet på den som kommit."), widget.WarningImportance)
		return
	}
	st, eventID := v.main.Store(), v.event.ID
	v.main.Background(func() func() {
		ctx := context.Background()
		reg, _, err := st.WalkIn(ctx, eventID, first, last, org)
		var rows, others []regRow
		if err == nil {
			rows, others, err = loadDoorRows(ctx, st, v.event)
		}
		return func() {
			if err != nil {
				v.showStatus(walkInErrorText(err), widget.DangerImportance)
				return
			}
			v.model = checkinModel{rows: rows, others: others}
			v.undo = append(v.undo, doorUndo{id: reg.ID}) // made at the door: Ångra cancels it
			v.walkBox.Hide()
			v.showStatus(lang.X("events.walked_in", "✓ {{.Name}} är registrerad och incheckad.",
				map[string]string{"Name": strings.TrimSpace(first + " " + last)}), widget.SuccessImportance)
			v.afterChange()
		}
	})
}

// walkInErrorText says in the user's words what was wrong with a walk-in:
// found by use, a 200-character organisation gave "invalid
// organisation.name: at most 200 characters".
func walkInErrorText(err error) string {
	var ve *data.ValidationError
	if !errors.As(err, &ve) {
		return err.Error()
	}
	var parts []string
	for _, f := range ve.Fields {
		label := lang.X("events.walk_name_label", "Namn")
		if f.Entity == "organisation" {
			label = lang.X("events.walk_org_label", "Organisation")
		}
		parts = append(parts, label+": "+uikit.Message(f.Key, f.Text, f.Data))
	}
	return strings.Join(parts, " ")
}
