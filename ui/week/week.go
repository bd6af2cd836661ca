// Package week is the Teknikprao screen: the counsellor or coordinator runs
// a teknikprao week from start to end here. Pick the week (or create one),
// set its rules and its closing session (Vecka), form the host groups
// (Värdgrupper), plan the teams and their routes, change them by hand and
// accept the plan (Team och rutter), and print the week's documents and
// calendars (Skriv ut). Printing goes through the shell, which prints with
// the operations package; this package never writes a file itself.
package week

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"techniqual/data"
	"techniqual/data/rotation"
	"techniqual/reports"
	"techniqual/ui/uikit"
	"techniqual/ui/widgets"
)

// Shell is what the Teknikprao screen needs from the window besides the
// Base: printing a week's document and saving its calendars, which the
// shell does with the operations package (a save dialog, the print and
// its audit entry).
type Shell interface {
	uikit.Base
	// PrintWeek asks where to save one of a week's documents and prints it.
	PrintWeek(periodID string, kind reports.WeekKind)
	// SaveWeekCalendar asks where to save a week's calendar and writes it:
	// who is "pupils" (every pupil), "team" (key: the team's name) or
	// "host" (key: the host organisation's id).
	SaveWeekCalendar(periodID, who, key string)
}

// world is everything the screen shows of one week, loaded together off the
// UI goroutine so that no part of the screen is older than another.
type world struct {
	period   data.Period
	closing  *data.Event
	in       rotation.Instance
	idx      *data.RotationIndex
	blocks   []data.WeekBlock // every block of the week's live offers
	blockAt  map[string]int   // block key → index in blocks
	groups   []data.HostGroup
	problems []data.WeekProblem
	saved    *draft // the plan in the database
	schools  []data.Organisation
}

// Screen is Teknikprao.
type Screen struct {
	main    Shell
	content *fyne.Container

	periods []data.Period // the week-format periods
	w       *world        // the week shown, nil before the first load
	draft   *draft        // the plan being worked on
	undo    []undoStep
	// shortages of the latest planner run, in Swedish.
	shortages []string

	periodFilter *widget.Entry
	periodSel    *widget.Select
	periodIDs    []string // periodSel's options → period ids
	wantPeriod   string   // the period the next Reload shows ("" for the usual)
	counts       *widget.Label
	tabs         *container.AppTabs
	body         fyne.CanvasObject
	empty        fyne.CanvasObject

	settings *settingsTab
	groupTab *groupsTab
	planTab  *planTab
	printTab *printTab

	loading bool
	loadSeq int          // the last loadWeek started; an older one lands unseen
	newForm *newWeekForm // the open new-week dialog, nil when none
	// picker and groupConfirm are the latest picker and proposal question
	// opened (tests answer them).
	picker       *picker
	groupConfirm dialog.Dialog
}

// New builds the screen; Reload fills it.
func New(m Shell) *Screen {
	s := &Screen{main: m}
	s.periodSel = widgets.NewSelect(nil, func(string) { s.onPeriodChosen() })
	s.periodSel.PlaceHolder = lang.X("wk.pick_period", "Välj teknikpraovecka")
	s.periodFilter = widget.NewEntry()
	s.periodFilter.SetPlaceHolder(lang.X("wk.period_filter", "Sök vecka …"))
	s.periodFilter.OnChanged = func(string) { s.fillPeriodOptions() }
	s.periodFilter.OnSubmitted = func(string) {
		if len(s.periodIDs) > 0 {
			s.periodSel.SetSelectedIndex(0)
		}
	}
	s.periodFilter.Hide() // shown when there are many weeks
	s.counts = widget.NewLabel("")
	s.counts.Wrapping = fyne.TextWrapWord
	newBtn := widget.NewButtonWithIcon(lang.X("wk.new_week", "Ny vecka"), theme.ContentAddIcon(), s.OnNew)

	s.settings = newSettingsTab(s)
	s.groupTab = newGroupsTab(s)
	s.planTab = newPlanTab(s)
	s.printTab = newPrintTab(s)
	s.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon(lang.X("wk.tab_week", "Vecka"), theme.SettingsIcon(), s.settings.content),
		container.NewTabItemWithIcon(lang.X("wk.tab_groups", "Värdgrupper"), theme.StorageIcon(), s.groupTab.content),
		container.NewTabItemWithIcon(lang.X("wk.tab_plan", "Team och rutter"), theme.ViewRefreshIcon(), s.planTab.content),
		container.NewTabItemWithIcon(lang.X("wk.tab_print", "Skriv ut"), theme.DocumentPrintIcon(), s.printTab.content),
	)
	top := container.NewVBox(
		container.NewBorder(nil, nil, widget.NewLabelWithStyle(lang.X("wk.period", "Vecka"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
			newBtn, container.NewBorder(nil, nil, nil, s.periodFilter, s.periodSel)),
		s.counts)
	s.body = container.NewBorder(top, nil, nil, nil, s.tabs)

	title := widgets.HeadingLabel(lang.X("wk.empty_title", "Det finns ingen teknikpraovecka än"))
	text := widgets.WrapLabel(lang.X("wk.empty_text",
		"I en teknikpraovecka går team om 4–6 elever runt hos en grupp värdar, en halvdag hos varje, och veckan avslutas tillsammans. Skapa veckan här eller i Praoperioder (format Teknikprao-vecka)."))
	create := widget.NewButtonWithIcon(lang.X("wk.create", "Skapa teknikpraovecka"), theme.ContentAddIcon(), s.OnNew)
	create.Importance = widget.HighImportance
	// A fixed box: centred text would otherwise wrap to its narrowest.
	s.empty = container.NewCenter(container.New(layout.NewGridWrapLayout(fyne.NewSize(560, 220)),
		container.NewVBox(title, text, container.NewCenter(create))))
	s.empty.Hide()
	s.content = container.NewStack(s.body, s.empty)
	return s
}

// Content is the screen's root object.
func (s *Screen) Content() fyne.CanvasObject { return s.content }

// FocusSearch puts the cursor in the search box of the tab shown (Ctrl+F):
// the team search on Team och rutter, else the week search.
func (s *Screen) FocusSearch() {
	c := s.main.Window().Canvas()
	if s.tabs.SelectedIndex() == 2 {
		c.Focus(s.planTab.search)
		return
	}
	if s.tabs.SelectedIndex() == 1 {
		c.Focus(s.groupTab.search)
		return
	}
	s.periodFilter.Show()
	c.Focus(s.periodFilter)
}

// AskToLeave asks about unsaved edits of the week's settings and closing
// session before the window shows another screen (uikit.Leaver): coming
// back reloads the week, and the form would show the saved values again.
func (s *Screen) AskToLeave(next func()) { s.askThen(next, nil) }

// askThen runs next at once when nothing is edited, else after asking;
// stay, when not nil, runs when the user stays.
func (s *Screen) askThen(next, stay func()) {
	switch {
	case s.settings.dirty():
		s.tabs.Select(s.tabs.Items[0]) // the edits the question is about
		// Släng ändringarna puts the saved settings back, so the question
		// is not asked again (review: it was, for ever); then the groups,
		// if they too are edited.
		uikit.AskUnsaved(s.main.Window(),
			lang.X("wk.unsaved", "Du har ändrat inställningarna för {{.Name}} utan att spara.", map[string]string{"Name": s.w.period.Name}),
			s.settings.save, s.settings.show, func() { s.askThen(next, stay) }, stay)
	case s.groupTab.dirty && s.w != nil:
		// Found by use: a new host group was gone, without a word, when
		// another screen was chosen.
		s.tabs.Select(s.tabs.Items[1])
		uikit.AskUnsaved(s.main.Window(),
			lang.X("wk.groups_unsaved", "Du har ändrat värdgrupperna för {{.Name}} utan att spara.", map[string]string{"Name": s.w.period.Name}),
			s.groupTab.save, s.groupTab.show, next, stay)
	default:
		next()
	}
}

// ShowPeriod makes the next Reload show the week period with that id (the
// shell shows the screen, which reloads it).
func (s *Screen) ShowPeriod(id string) { s.wantPeriod = id }

// Reload fetches the week periods and the chosen week.
func (s *Screen) Reload() {
	st := s.main.Store()
	s.main.Background(func() func() {
		all, err := st.ListPeriods(context.Background())
		return func() {
			if err != nil {
				dialog.ShowError(err, s.main.Window())
				return
			}
			s.periods = s.periods[:0]
			for _, p := range all {
				if p.Format == data.FormatWeek {
					s.periods = append(s.periods, p)
				}
			}
			if len(s.periods) == 0 {
				s.w, s.draft = nil, nil
				s.body.Hide()
				s.empty.Show()
				return
			}
			s.empty.Hide()
			s.body.Show()
			if len(s.periods) > 6 {
				s.periodFilter.Show()
			}
			want := ""
			if s.w != nil {
				want = s.w.period.ID
			}
			// A period asked for (a checklist line) comes first.
			if s.wantPeriod != "" {
				want, s.wantPeriod = s.wantPeriod, ""
			}
			if !slices.ContainsFunc(s.periods, func(p data.Period) bool { return p.ID == want }) {
				want = defaultWeek(s.periods)
			}
			s.fillPeriodOptions()
			if i := slices.Index(s.periodIDs, want); i >= 0 && s.periodSel.SelectedIndex() != i {
				s.periodSel.SetSelectedIndex(i) // loads it
			} else {
				// The same week shown again keeps the plan being worked on.
				s.loadWeek(want, false)
			}
		}
	})
}

// defaultWeek is the week coming next (or the latest one).
func defaultWeek(ps []data.Period) string {
	today := time.Now()
	best := ""
	for _, p := range ps {
		if !p.End.Before(today) && (best == "" || p.Start.Before(find(ps, best).Start)) {
			best = p.ID
		}
	}
	if best == "" {
		last := ps[0]
		for _, p := range ps {
			if p.Start.After(last.Start) {
				last = p
			}
		}
		best = last.ID
	}
	return best
}

func find(ps []data.Period, id string) data.Period {
	for _, p := range ps {
		if p.ID == id {
			return p
		}
	}
	return data.Period{}
}

// fillPeriodOptions lists the weeks whose name holds every typed word.
func (s *Screen) fillPeriodOptions() {
	words := strings.Fields(uikit.Fold(s.periodFilter.Text))
	var names []string
	s.periodIDs = s.periodIDs[:0]
	for _, p := range s.periods {
		text := uikit.Fold(p.Name + " " + uikit.WeekLabel(p.Start))
		if !uikit.ContainsAll(text, words) {
			continue
		}
		names = append(names, p.Name+" · "+uikit.WeekLabel(p.Start))
		s.periodIDs = append(s.periodIDs, p.ID)
	}
	cur := ""
	if s.w != nil {
		cur = s.w.period.ID
	}
	s.periodSel.Options = names
	s.loading = true
	if i := slices.Index(s.periodIDs, cur); i >= 0 {
		s.periodSel.SetSelectedIndex(i)
	} else {
		s.periodSel.ClearSelected()
	}
	s.loading = false
	s.periodSel.Refresh()
}

func (s *Screen) onPeriodChosen() {
	if s.loading {
		return
	}
	i := s.periodSel.SelectedIndex()
	if i < 0 || i >= len(s.periodIDs) {
		return
	}
	id := s.periodIDs[i]
	if s.w == nil || s.w.period.ID == id {
		s.loadWeek(id, true)
		return
	}
	// Another week: unsaved edits of this one are asked about first.
	cur := s.w.period.ID
	s.askThen(func() { s.loadWeek(id, true) }, func() {
		if k := slices.Index(s.periodIDs, cur); k >= 0 {
			s.loading = true
			s.periodSel.SetSelectedIndex(k)
			s.loading = false
		}
	})
}

// periodID is the week shown, or "".
func (s *Screen) periodID() string {
	if s.w == nil {
		return ""
	}
	return s.w.period.ID
}

// loadWorld reads one week from the store (off the UI goroutine).
func loadWorld(st *data.Store, id string) (*world, error) {
	ctx := context.Background()
	w := &world{}
	var err error
	if w.period, err = st.GetPeriod(ctx, id); err != nil {
		return nil, err
	}
	if w.period.ClosingEventID != "" {
		if e, err := st.GetEvent(ctx, w.period.ClosingEventID); err == nil {
			w.closing = &e
		}
	}
	if w.in, w.idx, err = st.RotationInput(ctx, id); err != nil {
		return nil, err
	}
	if w.blocks, err = st.ListWeekBlocks(ctx, id, true); err != nil {
		return nil, err
	}
	w.blockAt = map[string]int{}
	for i, b := range w.blocks {
		w.blockAt[b.ID] = i
	}
	if w.groups, err = st.ListHostGroups(ctx, id); err != nil {
		return nil, err
	}
	if w.problems, err = st.CheckWeek(ctx, id); err != nil {
		return nil, err
	}
	if w.schools, err = st.ListOrganisations(ctx, data.KindSchool); err != nil {
		return nil, err
	}
	teams, err := st.ListTeams(ctx, id)
	if err != nil {
		return nil, err
	}
	unteamed, err := st.ListUnteamed(ctx, id)
	if err != nil {
		return nil, err
	}
	w.saved = fromSaved(teams, unteamed)
	return w, nil
}

// loadWeek reads the week with that id; fresh drops the plan being worked
// on (another week, or after a save) for the saved one.
func (s *Screen) loadWeek(id string, fresh bool) {
	if id == "" {
		return
	}
	st := s.main.Store()
	// Only the last load asked for is shown: two started one after the
	// other (a save, then another week) may land in either order (review).
	s.loadSeq++
	n := s.loadSeq
	s.main.Background(func() func() {
		w, err := loadWorld(st, id)
		return func() {
			if n != s.loadSeq {
				return
			}
			if err != nil {
				dialog.ShowError(err, s.main.Window())
				return
			}
			same := s.w != nil && s.w.period.ID == id
			if !same {
				fresh = true
				s.undo = nil
			}
			s.w = w
			if fresh || s.draft == nil {
				s.draft = w.saved.clone()
				s.shortages = nil
			}
			s.refreshAll(same)
		}
	})
}

// refreshAll shows the loaded week and the plan being worked on in every
// tab, so no view is older than another. With keep (the week shown, read
// again), edits not saved in a tab are kept: saving the settings must not
// drop the groups being edited, nor the other way round (review).
func (s *Screen) refreshAll(keep bool) {
	s.updateCounts()
	if !keep || !s.settings.dirty() {
		s.settings.show()
	}
	s.groupTab.showKeeping(keep)
	s.planTab.show()
	s.printTab.show()
}

// updateCounts writes the line of counts under the week picker.
func (s *Screen) updateCounts() {
	if s.w == nil {
		s.counts.SetText("")
		return
	}
	teamed, teams := 0, 0
	if s.draft != nil {
		teams = len(s.draft.teams)
		for _, t := range s.draft.teams {
			teamed += len(t.pupils)
		}
	}
	hosts := map[string]bool{}
	for _, b := range s.w.blocks {
		hosts[b.HostID] = true
	}
	s.counts.SetText(lang.X("wk.counts",
		"{{.Pupils}} · {{.Teams}} · {{.Unteamed}} utan team · {{.Groups}} · {{.Hosts}} · {{.Problems}}",
		map[string]string{"Pupils": uikit.PupilCount(len(s.w.in.Pupils)), "Teams": uikit.TeamCount(teams),
			"Unteamed": strconv.Itoa(len(s.w.in.Pupils) - teamed), "Groups": uikit.HostGroupCount(len(s.w.groups)),
			"Hosts":    uikit.HostCount(len(hosts)),
			"Problems": uikit.Plural(len(s.w.problems), "wk.problems.one", "{{.N}} problem", "wk.problems.other", "{{.N}} problem", nil)}))
}

// pupilName is a pupil's name from the planner's input ("" when unknown).
func (s *Screen) pupilName(id string) string {
	if s.w == nil || s.w.idx == nil {
		return ""
	}
	if i := s.w.idx.Pupil(id); i >= 0 && i < len(s.w.in.Pupils) {
		return s.w.in.Pupils[i].Name
	}
	return ""
}

// pupil is a pupil of the planner's input, ok false when unknown.
func (s *Screen) pupil(id string) (rotation.Pupil, bool) {
	if s.w == nil || s.w.idx == nil {
		return rotation.Pupil{}, false
	}
	if i := s.w.idx.Pupil(id); i >= 0 && i < len(s.w.in.Pupils) {
		return s.w.in.Pupils[i], true
	}
	return rotation.Pupil{}, false
}

// groupName is the name of a saved host group.
func (s *Screen) groupName(id string) string {
	if s.w != nil {
		for _, g := range s.w.groups {
			if g.ID == id {
				return g.Name
			}
		}
	}
	return "?"
}

// block is one of the week's blocks by key.
func (s *Screen) block(id string) (data.WeekBlock, bool) {
	if s.w != nil {
		if i, ok := s.w.blockAt[id]; ok {
			return s.w.blocks[i], true
		}
	}
	return data.WeekBlock{}, false
}

// showErr shows err in a dialog, a data validation error in the user's words.
func (s *Screen) showErr(err error) {
	var ve *data.ValidationError
	if errors.As(err, &ve) {
		var lines []string
		for _, f := range ve.Fields {
			lines = append(lines, widgets.FieldMessage(f))
		}
		err = errors.New(strings.Join(lines, "\n"))
	}
	dialog.ShowError(err, s.main.Window())
}

// comingWeek is the Monday and Friday of the week after next from now: time
// enough to invite the hosts.
func comingWeek(now time.Time) (time.Time, time.Time) {
	d := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	for d.Weekday() != time.Monday {
		d = d.AddDate(0, 0, 1)
	}
	d = d.AddDate(0, 0, 7)
	return d, d.AddDate(0, 0, 4)
}

// newWeekForm is the open "Skapa teknikpraovecka" dialog (tests fill it).
type newWeekForm struct {
	name       *uikit.EscEntry // Escape in it is Avbryt
	grade      *widget.Select
	start, end *widgets.DateField
	schools    *widget.CheckGroup
	errs       map[string]*widget.Label
	create     func()
	dlg        dialog.Dialog
}

// OnNew asks for a new teknikprao week (Ctrl+N) and creates it: Monday to
// Friday of a coming week, the network's week settings, every school.
func (s *Screen) OnNew() {
	win := s.main.Window()
	f := &newWeekForm{name: uikit.NewEscEntry(nil), grade: widgets.NewSelect([]string{"8", "9"}, nil),
		start: widgets.NewDateField(win), end: widgets.NewDateField(win), schools: widget.NewCheckGroup(nil, nil),
		errs: map[string]*widget.Label{}}
	f.name.SetPlaceHolder(lang.X("wk.name_hint", "t.ex. Teknikprao åk 8 v. 20 2027"))
	f.grade.SetSelected("8")
	a, b := comingWeek(time.Now())
	f.start.SetDate(a)
	f.end.SetDate(b)
	f.name.SetText(lang.X("wk.default_name", "Teknikprao åk {{.Grade}} {{.Week}} {{.Year}}",
		map[string]string{"Grade": "8", "Week": uikit.WeekLabel(a), "Year": strconv.Itoa(a.Year())}))
	orgs, _ := s.main.Store().ListOrganisations(context.Background(), data.KindSchool)
	for _, o := range orgs {
		f.schools.Options = append(f.schools.Options, o.Name)
	}
	f.schools.SetSelected(append([]string(nil), f.schools.Options...))
	for _, k := range []string{"name", "grade", "start", "end", "schools"} {
		f.errs[k] = widgets.NewErrLabel()
	}
	schoolBox := container.New(widgets.FixedHeight{H: 150}, container.NewVScroll(f.schools))
	form := widgets.FormGrid(
		widgets.Field(lang.X("wk.f_name", "Namn"), f.name, f.errs["name"]),
		widgets.Field(lang.X("wk.f_grade", "Årskurs"), f.grade, f.errs["grade"]),
		widgets.Field(lang.X("wk.f_first", "Första dag"), f.start, f.errs["start"]),
		widgets.Field(lang.X("wk.f_last", "Sista dag"), f.end, f.errs["end"]),
		widgets.Field(lang.X("wk.f_schools", "Skolor"), schoolBox, f.errs["schools"]),
	)
	note := widgets.WrapLabel(lang.X("wk.create_note", "Teamstorlek 4–6, ingen ensam flicka eller pojke och kompisar tillsammans. Allt kan ändras under Vecka."))
	f.create = func() {
		for _, l := range f.errs {
			l.Hide()
		}
		p := data.Period{Name: strings.TrimSpace(f.name.Text), Format: data.FormatWeek, Week: data.DefaultWeekSettings(),
			Status: data.PeriodPlanning}
		p.Grade, _ = strconv.Atoi(f.grade.Selected)
		ok := true
		for _, x := range []struct {
			key string
			df  *widgets.DateField
			dst *time.Time
		}{{"start", f.start, &p.Start}, {"end", f.end, &p.End}} {
			t, good := x.df.Date()
			if !good {
				widgets.ShowErr(f.errs[x.key], x.df.Problem())
				ok = false
			}
			*x.dst = t
		}
		for _, o := range orgs {
			if slices.Contains(f.schools.Selected, o.Name) {
				p.SchoolIDs = append(p.SchoolIDs, o.ID)
			}
		}
		if !ok {
			return
		}
		err := s.main.Store().SavePeriod(context.Background(), &p)
		switch {
		case errors.Is(err, data.ErrConflict):
			widgets.ShowErr(f.errs["name"], lang.X("periods.name_taken", "Det finns redan en praoperiod med det namnet."))
			return
		case widgets.ShowFieldErrors(err, f.errs, "name"):
			return
		case err != nil:
			dialog.ShowError(err, win)
			return
		}
		f.dlg.Hide()
		s.newForm = nil
		s.w = &world{period: p} // Reload shows it
		s.draft, s.undo = nil, nil
		s.Reload()
	}
	f.name.OnSubmitted = func(string) { f.create() }
	createBtn := widget.NewButtonWithIcon(lang.X("wk.create_ok", "Skapa"), theme.ConfirmIcon(), f.create)
	createBtn.Importance = widget.HighImportance
	cancel := widget.NewButtonWithIcon(lang.X("wk.cancel", "Avbryt"), theme.CancelIcon(), func() { f.dlg.Hide(); s.newForm = nil })
	f.name.OnEscape = func() { uikit.Tap(cancel) }
	content := container.NewBorder(nil, container.NewVBox(note, container.NewCenter(container.NewHBox(cancel, createBtn))), nil, nil, form)
	f.dlg = dialog.NewCustomWithoutButtons(lang.X("wk.create", "Skapa teknikpraovecka"), content, win)
	f.dlg.Resize(fyne.NewSize(600, 520))
	s.newForm = f
	uikit.ShowEscapable(win, f.dlg, cancel)
	win.Canvas().Focus(f.name)
}
