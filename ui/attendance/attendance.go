// Package attendance is the Närvaro screen: per period and offer a grid of
// pupils × days, filled from the keyboard or for a whole day at once; for a
// teknikprao week, per block (its teams' pupils) or per team (its route) a
// grid of pupils × blocks, filled the same way.
package attendance

import (
	"context"
	"slices"
	"sort"
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
	"techniqual/ui/uikit"
	"techniqual/ui/widgets"
)

// attendanceGrid is the pure model of Närvaro: the pupils placed at one
// offer, its days, and what is recorded for each pupil and day.
type attendanceGrid struct {
	offerID string
	days    []time.Time
	pupils  []data.Pupil
	rec     map[string]map[string]data.Attendance // pupil id → date → record

	// A class's grid has pupils at many offers: offerOf gives each pupil's
	// offer, planned each pupil's own days (date → true) among days, and
	// hosts the host's name to show beside the pupil. All are nil in an
	// offer's grid, where every pupil has every day at offerID.
	offerOf map[string]string
	planned map[string]map[string]bool
	hosts   map[string]string
}

// offerFor is the offer pupil i is placed at.
func (g *attendanceGrid) offerFor(i int) string {
	if g.offerOf != nil {
		return g.offerOf[g.pupils[i].ID]
	}
	return g.offerID
}

// plannedOn reports whether day j is one of pupil i's prao days.
func (g *attendanceGrid) plannedOn(i, j int) bool {
	return g.planned == nil || g.planned[g.pupils[i].ID][data.FormatDate(g.days[j])]
}

// offerDays lists an offer's programme days, or the period's weekdays when
// the host has not filled in days yet.
func offerDays(o data.Offer, p data.Period) []time.Time {
	var out []time.Time
	for _, d := range o.Days {
		out = append(out, d.Date)
	}
	if len(out) == 0 && !p.Start.IsZero() && !p.End.IsZero() {
		out = data.Weekdays(p.Start, p.End)
	}
	return out
}

// record returns what is recorded for pupil i on day j.
func (g *attendanceGrid) record(i, j int) (data.Attendance, bool) {
	a, ok := g.rec[g.pupils[i].ID][data.FormatDate(g.days[j])]
	return a, ok
}

func (g *attendanceGrid) set(a data.Attendance) {
	if g.rec[a.PupilID] == nil {
		g.rec[a.PupilID] = map[string]data.Attendance{}
	}
	g.rec[a.PupilID][data.FormatDate(a.Date)] = a
}

func (g *attendanceGrid) clear(pupilID string, day time.Time) {
	delete(g.rec[pupilID], data.FormatDate(day))
}

// attendanceTotals is one pupil's summary: days present of the days
// planned, and the days absent (sick or other) with their notes.
type attendanceTotals struct {
	Present, Planned, Unrecorded int
	Absences                     []data.Attendance
}

// totals sums up pupil i's attendance over the offer's days.
func (g *attendanceGrid) totals(i int) attendanceTotals {
	t := attendanceTotals{}
	for j := range g.days {
		if !g.plannedOn(i, j) {
			continue
		}
		t.Planned++
		a, ok := g.record(i, j)
		switch {
		case !ok:
			t.Unrecorded++
		case a.Status == data.AttendancePresent:
			t.Present++
		default:
			t.Absences = append(t.Absences, a)
		}
	}
	return t
}

// unrecordedOn lists the pupils with nothing recorded on day j.
func (g *attendanceGrid) unrecordedOn(j int) []string {
	var out []string
	for i, p := range g.pupils {
		if _, ok := g.record(i, j); !ok && g.plannedOn(i, j) {
			out = append(out, p.ID)
		}
	}
	return out
}

// attendanceMark is the short mark of a status in the grid.
func attendanceMark(a data.Attendance, ok bool) string {
	if !ok {
		return "·"
	}
	switch a.Status {
	case data.AttendancePresent:
		return lang.X("attendance.mark.present", "✓ närv.")
	case data.AttendanceSick:
		return lang.X("attendance.mark.sick", "S sjuk")
	}
	return lang.X("attendance.mark.absent", "F frånv.")
}

// Shell is what Närvaro needs from the window: only the Base.
type Shell interface {
	uikit.Base
}

// Screen is Närvaro: per period and offer a grid of pupils ×
// days, filled from the keyboard or with one action for a whole day, and
// each pupil's days attended out of days planned.
type Screen struct {
	main    Shell
	content fyne.CanvasObject

	periods []data.Period
	offers  []data.Offer
	hosts   map[string]string
	grid    attendanceGrid

	// The week mode, for a period in the teknikprao-week format: week is
	// nil for a classic period.
	week        *weekGrid
	weekData    weekData
	weekChoices []weekChoice

	periodSel *widget.Select
	// weekPick chooses, in a teknikprao week, a block or a team by typing
	// a few letters of host or team (Enter takes the first found).
	weekPick *widgets.SearchPicker
	weekBox  fyne.CanvasObject
	// picker chooses, in a classic period, a class (all its pupils on one
	// grid, whatever their host) or an offer, by typing a few letters.
	picker         *widgets.SearchPicker
	pickBox        fyne.CanvasObject
	classes        []classKey
	shown          string // the picker's item on the grid
	table          *widgets.KeyTable
	detail, status *widget.Label
	fillBtn        *widget.Button
}

// New builds the screen; Reload fills it.
func New(m Shell) *Screen {
	s := &Screen{main: m, hosts: map[string]string{}}
	s.periodSel = widgets.NewSelect(nil, func(string) { s.onPeriod() })
	s.periodSel.PlaceHolder = lang.X("attendance.pick_period", "Välj praoperiod")
	s.weekPick = widgets.NewTallSearchPicker(lang.X("picker.week_search", "Sök värd eller team …"), func(string) { s.onWeekChoice() })
	s.picker = widgets.NewTallSearchPicker(lang.X("attclass.search", "Sök klass eller praoplats …"), s.onPick)
	s.table = widgets.NewKeyTable()
	s.table.Limits = func() (int, int) {
		if s.week != nil {
			return len(s.week.rows) + 1, len(s.week.blocks) + 2
		}
		return len(s.grid.pupils) + 1, len(s.grid.days) + 2
	}
	s.table.Length = s.table.Limits
	s.table.CreateCell = func() fyne.CanvasObject {
		l := widget.NewLabel("måndag 10 nov")
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}
	s.table.UpdateCell = s.updateCell
	s.table.OnSelected = s.onSelected
	s.table.OnRune = s.onRune
	s.table.Canvas = func() fyne.Canvas { return s.main.Window().Canvas() }
	s.table.OnDel = func() { s.mark("", "") }
	s.table.SetColumnWidth(0, 200)
	s.detail = widgets.WrapLabel("")
	s.status = widgets.WrapLabel("")
	s.fillBtn = widget.NewButtonWithIcon(lang.X("attendance.fill_day", "Hela dagen närvarande"), theme.ConfirmIcon(), s.onFillDay)
	present := widget.NewButton(lang.X("attendance.present", "Närvarande (N)"), func() { s.mark(data.AttendancePresent, "") })
	sick := widget.NewButton(lang.X("attendance.sick", "Sjuk (S)"), func() { s.mark(data.AttendanceSick, "") })
	absent := widget.NewButton(lang.X("attendance.absent", "Annan frånvaro … (F)"), s.askNote)
	clear := widget.NewButton(lang.X("attendance.clear", "Ej registrerad (Delete)"), func() { s.mark("", "") })
	help := widgets.WrapLabel(lang.X("attendance.help", "Välj en ruta och skriv N (närvarande), S (sjuk) eller F (annan frånvaro). Piltangenterna flyttar, Home och End går till radens första och sista dag.") +
		" " + lang.X("attendance.week.help", "För en teknikpraovecka: välj ett block eller ett team. Avslutningens närvaro tas vid incheckningen under Evenemang."))
	top := container.NewVBox(container.NewGridWithColumns(2, s.periodSel), help,
		container.NewHBox(present, sick, absent, clear, s.fillBtn))
	bottom := container.NewVBox(s.status, widget.NewCard(lang.X("attendance.pupil", "Eleven"), "", s.detail))
	s.pickBox = container.New(fixedWidth(240), container.NewBorder(
		widget.NewLabelWithStyle(lang.X("attclass.class_or_offer", "Klass eller praoplats"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		nil, nil, nil, s.picker.Content))
	s.weekBox = container.New(fixedWidth(240), container.NewBorder(
		widget.NewLabelWithStyle(lang.X("attendance.week.pick", "Välj block eller team"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		nil, nil, nil, s.weekPick.Content))
	s.weekBox.Hide() // shown for a teknikprao week's blocks and teams
	s.content = container.NewPadded(container.NewBorder(top, bottom, container.NewStack(s.pickBox, s.weekBox), nil, s.table))
	return s
}

// Content is the screen's root object.
func (s *Screen) Content() fyne.CanvasObject { return s.content }

// Reload reads the periods off the UI goroutine.
func (s *Screen) Reload() {
	st := s.main.Store()
	s.main.Background(func() func() {
		ctx := context.Background()
		ps, err := st.ListPeriods(ctx)
		orgs, err2 := st.ListOrganisations(ctx, data.KindCompany)
		return func() {
			if err == nil {
				err = err2
			}
			if err != nil {
				dialog.ShowError(err, s.main.Window())
				return
			}
			for _, o := range orgs {
				s.hosts[o.ID] = o.Name
			}
			s.periods = ps
			var names []string
			for _, p := range ps {
				names = append(names, p.Name)
			}
			cur := s.periodSel.Selected
			s.periodSel.Options = names
			s.periodSel.Refresh()
			if cur != "" {
				s.onPeriod()
				return
			}
			// Nothing chosen yet: the period running, or the last one held.
			if id := uikit.CurrentPeriod(ps, s.main.Now()); id != "" {
				for _, p := range ps {
					if p.ID == id {
						s.periodSel.SetSelected(p.Name) // onPeriod loads it
						break
					}
				}
			}
		}
	})
}

func (s *Screen) period() (data.Period, bool) {
	i := s.periodSel.SelectedIndex()
	if i < 0 || i >= len(s.periods) {
		return data.Period{}, false
	}
	return s.periods[i], true
}

// stillOn says whether the period with id is still the one chosen: loads
// run in the background, and the one for a period chosen earlier may end
// after the one chosen since (Närvaro opens on a period by itself, and the
// user may choose another before it has loaded).
func (s *Screen) stillOn(id string) bool {
	p, ok := s.period()
	return ok && p.ID == id
}

// onPeriod lists the offers of the period that have placed pupils.
func (s *Screen) onPeriod() {
	p, ok := s.period()
	if !ok {
		return
	}
	if p.Format == data.FormatWeek {
		s.onWeekPeriod(p)
		return
	}
	st := s.main.Store()
	s.main.Background(func() func() {
		ctx := context.Background()
		offers, err := st.ListOffers(ctx, data.OfferFilter{PeriodID: p.ID})
		taken, err2 := st.TakenSeats(ctx, p.ID)
		classes, err3 := placedClasses(ctx, st, p.ID)
		return func() {
			if !s.stillOn(p.ID) {
				return // another period was chosen meanwhile; its own load shows it
			}
			if err == nil {
				err = err2
			}
			if err == nil {
				err = err3
			}
			if err != nil {
				dialog.ShowError(err, s.main.Window())
				return
			}
			if s.week != nil { // back from a week: the classic grid again
				s.week, s.weekChoices = nil, nil
				s.grid = attendanceGrid{}
				s.fillBtn.SetText(lang.X("attendance.fill_day", "Hela dagen närvarande"))
				s.table.SetColumnWidth(0, 200)
				s.table.Refresh()
			}
			s.weekBox.Hide()
			s.pickBox.Show()
			s.offers = s.offers[:0]
			s.classes = classes
			var items []widgets.PickItem
			for _, c := range classes {
				items = append(items, widgets.PickItem{ID: c.id(), Text: lang.X("attclass.class_item", "Klass {{.Class}} · {{.School}} ({{.N}})",
					map[string]string{"Class": c.class, "School": c.school, "N": strconv.Itoa(c.n)})})
			}
			for _, o := range offers {
				if taken[o.ID] > 0 {
					s.offers = append(s.offers, o)
					items = append(items, widgets.PickItem{ID: "o:" + o.ID,
						Text: uikit.JoinDot(s.hosts[o.HostID], o.Title) + " (" + strconv.Itoa(taken[o.ID]) + ")"})
				}
			}
			// The offers are many (thousands in a region): sorted, and
			// found by typing a few letters.
			col := uikit.Collator()
			sort.SliceStable(items[len(classes):], func(i, j int) bool {
				return col.CompareString(items[len(classes)+i].Text, items[len(classes)+j].Text) < 0
			})
			cur := s.shown
			if !slices.ContainsFunc(items, func(it widgets.PickItem) bool { return it.ID == cur }) {
				cur = ""
				if len(s.offers) > 0 {
					cur = "o:" + s.offers[0].ID
				}
			}
			s.picker.SetItems(items, cur)
			if cur != "" {
				s.load(cur, false)
			}
		}
	})
}

// classKey is a class of a school with pupils placed in the period.
type classKey struct {
	schoolID, school, class string
	n                       int // placed pupils
}

func (c classKey) id() string { return "c:" + c.schoolID + "\x1f" + c.class }

// placedClasses lists the classes with placed pupils in a period, by
// school and class.
func placedClasses(ctx context.Context, st *data.Store, periodID string) ([]classKey, error) {
	as, err := st.ListAssignments(ctx, periodID)
	if err != nil {
		return nil, err
	}
	placed := make(map[string]bool, len(as))
	for _, a := range as {
		placed[a.PupilID] = true
	}
	pupils, err := st.ListPupils(ctx, data.PupilFilter{})
	if err != nil {
		return nil, err
	}
	schools, err := st.ListOrganisations(ctx, data.KindSchool)
	if err != nil {
		return nil, err
	}
	names := map[string]string{}
	for _, o := range schools {
		names[o.ID] = o.Name
	}
	count := map[[2]string]int{}
	var out []classKey
	for _, p := range pupils { // by school and class
		if !placed[p.ID] {
			continue
		}
		k := [2]string{p.SchoolID, p.ClassName}
		if count[k] == 0 {
			out = append(out, classKey{schoolID: p.SchoolID, school: names[p.SchoolID], class: p.ClassName})
		}
		count[k]++
	}
	for i := range out {
		out[i].n = count[[2]string{out[i].schoolID, out[i].class}]
	}
	col := uikit.Collator()
	sort.SliceStable(out, func(i, j int) bool {
		if c := col.CompareString(out[i].school, out[j].school); c != 0 {
			return c < 0
		}
		return col.CompareString(out[i].class, out[j].class) < 0
	})
	return out, nil
}

// onPick loads the grid of the class or offer chosen in the picker and
// gives the grid the keyboard, so that N, S and F mark at once.
func (s *Screen) onPick(id string) { s.load(id, true) }

// load reads the grid of a picker's item ("o:" offer id, "c:" class).
func (s *Screen) load(id string, focus bool) {
	p, ok := s.period()
	if !ok {
		return
	}
	s.shown = id
	st := s.main.Store()
	var offer *data.Offer
	for i := range s.offers {
		if "o:"+s.offers[i].ID == id {
			offer = &s.offers[i]
		}
	}
	var class *classKey
	for i := range s.classes {
		if s.classes[i].id() == id {
			class = &s.classes[i]
		}
	}
	if offer == nil && class == nil {
		return
	}
	hosts := s.hosts
	s.main.Background(func() func() {
		var g attendanceGrid
		var err error
		if offer != nil {
			g, err = loadAttendanceGrid(context.Background(), st, p, *offer)
		} else {
			g, err = loadClassGrid(context.Background(), st, p, class.schoolID, class.class, hosts)
		}
		return func() {
			if !s.stillOn(p.ID) || s.shown != id {
				return // another period, class or offer was chosen meanwhile
			}
			if err != nil {
				dialog.ShowError(err, s.main.Window())
				return
			}
			s.showGrid(g)
			if focus && len(g.pupils) > 0 && len(g.days) > 0 {
				s.table.Select(widget.TableCellID{Row: 1, Col: 1})
				s.main.Window().Canvas().Focus(s.table)
			}
		}
	})
}

// loadClassGrid reads the placed pupils of a class, whatever their host:
// the days are every day any of them has, each pupil's own marked planned.
func loadClassGrid(ctx context.Context, st *data.Store, p data.Period, schoolID, class string, hosts map[string]string) (attendanceGrid, error) {
	g := attendanceGrid{rec: map[string]map[string]data.Attendance{}, offerOf: map[string]string{},
		planned: map[string]map[string]bool{}, hosts: map[string]string{}}
	as, err := st.ListAssignments(ctx, p.ID)
	if err != nil {
		return g, err
	}
	pupils, err := st.ListPupils(ctx, data.PupilFilter{SchoolID: schoolID, ClassName: class})
	if err != nil {
		return g, err
	}
	offers, err := st.ListOffers(ctx, data.OfferFilter{PeriodID: p.ID})
	if err != nil {
		return g, err
	}
	offerByID := map[string]data.Offer{}
	for _, o := range offers {
		offerByID[o.ID] = o
	}
	at := map[string]string{}
	for _, a := range as {
		at[a.PupilID] = a.OfferID
	}
	allDays := map[string]time.Time{}
	used := map[string]bool{}
	for _, pu := range pupils { // by last and first name
		o, ok := offerByID[at[pu.ID]]
		if !ok {
			continue
		}
		g.pupils = append(g.pupils, pu)
		g.offerOf[pu.ID] = o.ID
		g.hosts[pu.ID] = hosts[o.HostID]
		g.planned[pu.ID] = map[string]bool{}
		for _, d := range offerDays(o, p) {
			g.planned[pu.ID][data.FormatDate(d)] = true
			allDays[data.FormatDate(d)] = d
		}
		used[o.ID] = true
	}
	for _, d := range allDays {
		g.days = append(g.days, d)
	}
	sort.Slice(g.days, func(i, j int) bool { return g.days[i].Before(g.days[j]) })
	for id := range used {
		recs, err := st.ListAttendance(ctx, id)
		if err != nil {
			return g, err
		}
		for _, a := range recs {
			if g.offerOf[a.PupilID] == id {
				g.set(a)
			}
		}
	}
	return g, nil
}

// fixedWidth lays its objects out at a fixed width and the height given.
type fixedWidth float32

func (f fixedWidth) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(float32(f), h)
}

func (f fixedWidth) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

// onOffer loads the grid of the chosen offer.
// showGrid puts a loaded grid on the screen, nothing selected.
func (s *Screen) showGrid(g attendanceGrid) {
	s.grid = g
	if g.offerOf != nil {
		s.table.SetColumnWidth(0, 215) // the pupil and their host
	} else {
		s.table.SetColumnWidth(0, 200)
	}
	// Five days and the totals fit beside the picker in a 1280-pixel window.
	for j := range g.days {
		s.table.SetColumnWidth(j+1, 86)
	}
	s.table.SetColumnWidth(len(g.days)+1, 76)
	s.table.Sel = widget.TableCellID{Row: -1, Col: -1}
	s.table.UnselectAll()
	s.table.Refresh()
	s.detail.SetText("")
	s.status.SetText("")
}

// loadAttendanceGrid reads the pupils placed at an offer and their records.
func loadAttendanceGrid(ctx context.Context, st *data.Store, p data.Period, o data.Offer) (attendanceGrid, error) {
	g := attendanceGrid{offerID: o.ID, days: offerDays(o, p), rec: map[string]map[string]data.Attendance{}}
	as, err := st.ListAssignments(ctx, p.ID)
	if err != nil {
		return g, err
	}
	pupils, err := st.ListPupils(ctx, data.PupilFilter{})
	if err != nil {
		return g, err
	}
	byID := make(map[string]data.Pupil, len(pupils))
	for _, pu := range pupils {
		byID[pu.ID] = pu
	}
	for _, a := range as {
		if pu, ok := byID[a.PupilID]; ok && a.OfferID == o.ID {
			g.pupils = append(g.pupils, pu)
		}
	}
	sort.SliceStable(g.pupils, func(i, j int) bool {
		a, b := g.pupils[i], g.pupils[j]
		if a.LastName != b.LastName {
			return a.LastName < b.LastName
		}
		return a.FirstName < b.FirstName
	})
	recs, err := st.ListAttendance(ctx, o.ID)
	if err != nil {
		return g, err
	}
	for _, a := range recs {
		g.set(a)
	}
	return g, nil
}

func (s *Screen) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	l := o.(*widget.Label)
	l.TextStyle = fyne.TextStyle{}
	l.Importance = widget.MediumImportance
	if s.week != nil {
		s.updateWeekCell(id, l)
		return
	}
	last := len(s.grid.days) + 1
	switch {
	case id.Row == 0 && id.Col == 0:
		l.TextStyle.Bold = true
		l.SetText(lang.X("attendance.col_pupil", "Elev"))
		return
	case id.Row == 0 && id.Col == last:
		l.TextStyle.Bold = true
		l.SetText(lang.X("attendance.col_total", "Närvaro"))
		return
	case id.Row == 0:
		l.TextStyle.Bold = true
		d := s.grid.days[id.Col-1]
		l.SetText(shortDay(d))
		return
	}
	i := id.Row - 1
	if i >= len(s.grid.pupils) {
		l.SetText("")
		return
	}
	switch id.Col {
	case 0:
		text := s.grid.pupils[i].Name() + " " + s.grid.pupils[i].ClassName
		if h := s.grid.hosts[s.grid.pupils[i].ID]; h != "" {
			text = s.grid.pupils[i].Name() + " · " + h
		}
		l.SetText(text)
	case last:
		t := s.grid.totals(i)
		l.SetText(strconv.Itoa(t.Present) + "/" + strconv.Itoa(t.Planned))
	default:
		if !s.grid.plannedOn(i, id.Col-1) {
			l.SetText("") // not one of this pupil's prao days
			return
		}
		a, ok := s.grid.record(i, id.Col-1)
		l.SetText(attendanceMark(a, ok))
		if ok && a.Status == data.AttendancePresent {
			l.Importance = widget.SuccessImportance
		} else if ok {
			l.Importance = widget.WarningImportance
		}
		l.Refresh()
	}
}

// shortDay writes "mån 9/11".
func shortDay(d time.Time) string {
	wd := (int(d.Weekday()) + 6) % 7
	return lang.X("weekday.short."+strconv.Itoa(wd), uikit.DayKeys[wd]) + " " + strconv.Itoa(d.Day()) + "/" + strconv.Itoa(int(d.Month()))
}

func (s *Screen) onSelected(id widget.TableCellID) {
	s.table.Sel = id
	s.showSelected()
}

// showSelected writes the summary of the selected cell's pupil, again
// after a change that may be theirs (a whole day or block filled in).
func (s *Screen) showSelected() {
	id := s.table.Sel
	if s.week != nil {
		if id.Row >= 1 && id.Row-1 < len(s.week.rows) {
			s.showWeekPupil(id.Row - 1)
		}
		return
	}
	if id.Row >= 1 && id.Row-1 < len(s.grid.pupils) {
		s.showPupil(id.Row - 1)
	}
}

// showPupil writes the pupil's days attended of days planned and absences.
func (s *Screen) showPupil(i int) {
	t := s.grid.totals(i)
	text := lang.X("attendance.totals", "{{.Name}}: närvarande {{.Present}} av {{.Planned}} planerade dagar ({{.Unrecorded}} ej registrerade).",
		map[string]string{"Name": s.grid.pupils[i].Name(), "Present": strconv.Itoa(t.Present),
			"Planned": strconv.Itoa(t.Planned), "Unrecorded": strconv.Itoa(t.Unrecorded)})
	for _, a := range t.Absences {
		what := lang.X("attendance.sick_word", "sjuk")
		if a.Status == data.AttendanceAbsent {
			what = lang.X("attendance.absent_word", "annan frånvaro")
		}
		line := uikit.LongDate(a.Date) + ": " + what
		if strings.TrimSpace(a.Note) != "" {
			line += " – " + a.Note
		}
		text += "\n" + line
	}
	s.detail.SetText(text)
}

func (s *Screen) onRune(r rune) {
	switch r {
	case 'n', 'N', 'p', 'P', ' ':
		s.mark(data.AttendancePresent, "")
	case 's', 'S':
		s.mark(data.AttendanceSick, "")
	case 'f', 'F', 'a', 'A':
		s.askNote()
	case 'x', 'X':
		s.mark("", "")
	}
}

// selectedCell is the pupil and day of the selected cell.
func (s *Screen) selectedCell() (int, int, bool) {
	id := s.table.Sel
	i, j := id.Row-1, id.Col-1
	if i < 0 || i >= len(s.grid.pupils) || j < 0 || j >= len(s.grid.days) {
		return 0, 0, false
	}
	return i, j, true
}

// askNote asks what the other absence was, then marks it.
func (s *Screen) askNote() {
	if s.week != nil {
		if _, _, ok := s.weekSelected(); !ok {
			return
		}
	} else if _, _, ok := s.selectedCell(); !ok {
		return
	}
	note := uikit.NewEscEntry(nil) // Escape is Avbryt, back to the grid
	note.SetPlaceHolder(lang.X("attendance.note_hint", "t.ex. tandläkarbesök"))
	d := dialog.NewForm(lang.X("attendance.absent_title", "Annan frånvaro"), lang.X("action.save", "Spara"),
		lang.X("events.walk_cancel", "Avbryt"), []*widget.FormItem{widget.NewFormItem(lang.X("attendance.note", "Anteckning"), note)},
		func(ok bool) {
			if ok {
				s.mark(data.AttendanceAbsent, note.Text)
			}
			s.main.Window().Canvas().Focus(s.table) // the keys go on to the grid
		}, s.main.Window())
	note.OnSubmitted = func(string) { d.Submit() } // Enter saves: the keyboard alone is enough
	note.OnEscape = d.Hide
	d.Resize(fyne.NewSize(440, d.MinSize().Height))
	d.Show()
	s.main.Window().Canvas().Focus(note)
}

// mark records status (empty clears) in the selected cell and moves to the
// next day.
func (s *Screen) mark(status data.AttendanceStatus, note string) {
	if s.week != nil {
		s.markWeek(status, note)
		return
	}
	i, j, ok := s.selectedCell()
	if !ok {
		return
	}
	if !s.grid.plannedOn(i, j) {
		s.status.SetText(lang.X("attclass.not_planned", "Det är inte en av elevens praodagar."))
		return
	}
	pupil, day, offer := s.grid.pupils[i].ID, s.grid.days[j], s.grid.offerFor(i)
	if s.notYet(status, day) {
		return
	}
	a := data.Attendance{PupilID: pupil, OfferID: offer, Date: day, Status: status, Note: note}
	st := s.main.Store()
	s.main.Background(func() func() {
		var err error
		if status == "" {
			err = st.ClearAttendance(context.Background(), pupil, data.FormatDate(day))
		} else {
			err = st.SetAttendance(context.Background(), a)
		}
		return func() {
			if err != nil {
				s.status.SetText(err.Error())
				return
			}
			if status == "" {
				s.grid.clear(pupil, day)
			} else {
				s.grid.set(a)
			}
			s.table.Refresh()
			s.showPupil(i)
			// On to the next day; at the row's end, to the next pupil's
			// first day (found by use: the cursor stayed on Friday).
			if s.table.Sel.Row == i+1 && s.table.Sel.Col == j+1 {
				switch {
				case j+1 < len(s.grid.days):
					s.table.Select(widget.TableCellID{Row: i + 1, Col: j + 2})
				case i+1 < len(s.grid.pupils):
					s.table.Select(widget.TableCellID{Row: i + 2, Col: 1})
				}
			}
		}
	})
}

// notYet refuses, with a word in the status line, to mark a pupil present
// on a day that has not come: "present" tomorrow is a slip of the arrow
// keys, and it would count as a day done in the certificate. An absence
// told in advance (S, F) may be entered, and a mark cleared.
func (s *Screen) notYet(status data.AttendanceStatus, day time.Time) bool {
	// As ISO dates, which order as days do, whatever the clocks' zones.
	if status != data.AttendancePresent || data.FormatDate(day) <= data.FormatDate(s.main.Now()) {
		return false
	}
	s.status.SetText(lang.X("attendance.not_yet", "{{.Day}} har inte kommit än: närvaro markeras samma dag eller efteråt. Frånvaro som är känd i förväg (S, F) går att lägga in nu.",
		map[string]string{"Day": uikit.LongDate(day)}))
	return true
}

// onFillDay marks every pupil with nothing recorded on the selected day
// (the column of the selected cell) present, in one transaction.
func (s *Screen) onFillDay() {
	if s.week != nil {
		s.onFillWeekBlock()
		return
	}
	j := s.table.Sel.Col - 1
	if j < 0 || j >= len(s.grid.days) {
		if len(s.grid.days) == 0 {
			return
		}
		j = 0
	}
	day := s.grid.days[j]
	if s.notYet(data.AttendancePresent, day) {
		return
	}
	ids := s.grid.unrecordedOn(j)
	offerOf := map[string]string{}
	for i, p := range s.grid.pupils {
		offerOf[p.ID] = s.grid.offerFor(i)
	}
	st := s.main.Store()
	s.main.Background(func() func() {
		err := st.InTx(context.Background(), func(tx *data.Store) error {
			for _, id := range ids {
				if err := tx.SetAttendance(context.Background(), data.Attendance{PupilID: id, OfferID: offerOf[id], Date: day,
					Status: data.AttendancePresent}); err != nil {
					return err
				}
			}
			return nil
		})
		return func() {
			if err != nil {
				s.status.SetText(err.Error())
				return
			}
			for _, id := range ids {
				s.grid.set(data.Attendance{PupilID: id, OfferID: offerOf[id], Date: day, Status: data.AttendancePresent})
			}
			s.table.Refresh()
			s.showSelected()
			s.status.SetText(lang.X("attendance.filled", "{{.N}} elever markerade närvarande {{.Day}}.",
				map[string]string{"N": strconv.Itoa(len(ids)), "Day": uikit.LongDate(day)}))
		}
	})
}
