// Package periods is the Praoperioder screen: the list of periods and the
// form that creates, changes and deletes one.
package periods

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"techniqual/data"
	"techniqual/reports"
	"techniqual/ui/uikit"
	"techniqual/ui/widgets"
)

// Shell is what Praoperioder needs from the window besides the Base: the
// actions it starts on other screens.
type Shell interface {
	uikit.Base
	// ShowClassListImport opens the class-list import (the checklist's
	// first step); onDone runs after an import.
	ShowClassListImport(onDone func())
	// PrintFor opens Utskrifter with that choice made.
	PrintFor(kind reports.Kind, periodID, schoolID, class, pupilID, offerID string)
	// ShowExport opens the spreadsheet export with that kind chosen.
	ShowExport(kind string)
	// ShowPeriodIn shows the screen with that id, with the period chosen
	// where the screen has periods (Matchning, Teknikprao).
	ShowPeriodIn(id, periodID string)
	// ShowFound shows the screen with that id with its search set to text
	// (Företag: the school a checklist line names).
	ShowFound(id, text string)
}

// Screen is Praoperioder: the periods in a list, one period's form
// (dates from a Swedish date picker, grade, participating schools) and its
// counts.
type Screen struct {
	main    Shell
	content fyne.CanvasObject

	periods []data.Period
	counts  []data.PeriodOverview
	schools []data.Organisation
	current data.Period
	shown   string // state() as show() filled the form
	quiet   bool   // the list is selected from code: show nothing

	list               *widget.List
	name               *widget.Entry
	notes              *widgets.MultiLineField
	grade, status      *widget.Select
	format             *widget.Select // classic or teknikprao week
	start, end         *widgets.DateField
	weeks              *widget.Label
	schoolChecks       *widget.CheckGroup
	schoolHint         *widget.Label  // shown when there is no school to tick
	addSchoolBtn       *widget.Button // "Ny skola …"
	errs               map[string]*widget.Label
	stats              *widget.Label
	title              *widget.Label
	saveBtn, deleteBtn *widget.Button
	printBtn           *widget.Button
	exportBtn          *widget.Button
	formBox            fyne.CanvasObject
	todo               *widget.Card // the period's Att göra
	checklist          *widgets.Checklist
}

// New builds Praoperioder; Reload fills it.
func New(m Shell) *Screen {
	s := &Screen{main: m, errs: map[string]*widget.Label{}}
	s.list = widgets.NewTwoLineList(func() int { return len(s.periods) }, func(i int) (string, string) { return periodRow(s.periods[i]) })
	s.list.OnSelected = func(i widget.ListItemID) {
		if s.quiet || i >= len(s.periods) {
			return
		}
		target := s.periods[i]
		s.askThen(func() { s.show(target) }, s.selectCurrent)
	}

	s.name = widget.NewEntry()
	s.name.SetPlaceHolder(lang.X("periods.name_hint", "t.ex. Åk 8 v. 11 2027"))
	s.name.OnSubmitted = func(string) { s.onSave() }
	s.notes = widgets.NewMultiLineField()
	s.notes.SetMinRowsVisible(2)
	s.grade = widgets.NewSelect([]string{"8", "9"}, nil)
	var statuses []string
	for _, st := range data.PeriodStatuses {
		statuses = append(statuses, uikit.PeriodStatusText(st))
	}
	s.status = widgets.NewSelect(statuses, func(string) { s.updateWeeks() }) // a past period's note follows the status
	// The teknikprao week is run in its own screen; here it can be created.
	s.format = widgets.NewSelect([]string{lang.X("wk.format_classic", "Klassisk prao"), lang.X("wk.format_week", "Teknikprao-vecka")},
		func(string) { s.nameStatuses() })
	s.weeks = widget.NewLabel("")
	s.start, s.end = widgets.NewDateField(m.Window()), widgets.NewDateField(m.Window())
	// A changed date takes away what was said about the dates (the end
	// before the start is said beside the end, whichever date is wrong).
	s.start.Entry.OnChanged = func(string) { s.updateWeeks(); s.hideDateErrors() }
	s.end.Entry.OnChanged = func(string) { s.updateWeeks(); s.hideDateErrors() }
	s.schoolChecks = widget.NewCheckGroup(nil, nil)
	// Found by use: with no school yet the field was an empty label over
	// Anteckningar, and nothing said how a school comes in.
	s.schoolHint = widgets.WrapLabel(lang.X("periods.no_schools",
		"Det finns inga skolor ännu. Lägg till skolan med Ny skola …, eller läs in en klasslista under Elever: skolan i den läggs då till."))
	s.schoolHint.Importance = widget.LowImportance
	s.schoolHint.Hide()
	s.addSchoolBtn = widget.NewButtonWithIcon(lang.X("periods.add_school", "Ny skola …"), theme.ContentAddIcon(), s.onAddSchool)
	schoolsBox := container.NewVBox(s.schoolChecks, s.schoolHint, container.NewHBox(s.addSchoolBtn))

	field := func(name, key, sv string, w fyne.CanvasObject) *widget.FormItem {
		e := widgets.NewErrLabel()
		s.errs[name] = e
		return widget.NewFormItem(lang.X(key, sv), container.NewVBox(w, e))
	}
	form := widget.NewForm(
		field("name", "periods.name", "Namn", s.name),
		field("grade", "periods.grade", "Årskurs", s.grade),
		field("format", "wk.format", "Format", s.format),
		field("start", "periods.start", "Första dag", s.start),
		field("end", "periods.end", "Sista dag", s.end),
		widget.NewFormItem("", s.weeks),
		field("status", "periods.status", "Status", s.status),
		field("schools", "periods.schools", "Skolor", schoolsBox),
		field("notes", "periods.notes", "Anteckningar", s.notes),
	)
	s.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.title.SizeName = theme.SizeNameSubHeadingText
	s.title.Wrapping = fyne.TextWrapWord
	s.stats = widget.NewLabel("")
	s.stats.Wrapping = fyne.TextWrapWord
	s.saveBtn = widget.NewButtonWithIcon(lang.X("action.save", "Spara"), theme.DocumentSaveIcon(), s.onSave)
	s.saveBtn.Importance = widget.HighImportance
	s.deleteBtn = widget.NewButtonWithIcon(lang.X("action.delete", "Ta bort"), theme.DeleteIcon(), s.onDelete)
	s.exportBtn = widget.NewButtonWithIcon(lang.X("export.button", "Exportera …"), theme.DownloadIcon(), func() { m.ShowExport("placements") })
	s.printBtn = widget.NewButtonWithIcon(lang.X("periods.print", "Skriv ut …"), theme.DocumentPrintIcon(), func() {
		s.main.PrintFor(reports.KindSchedules, s.current.ID, "", "", "", "")
	})
	s.checklist = widgets.NewChecklist(s.onOpenStep)
	s.todo = widget.NewCard(lang.X("way.todo_title", "Att göra"), "", s.checklist.Content())
	s.todo.Hide()
	s.formBox = container.NewScroll(container.NewPadded(container.NewVBox(s.title,
		widget.NewCard(lang.X("periods.overview", "Läget"), "", s.stats), s.todo, form,
		container.NewHBox(s.saveBtn, s.deleteBtn, s.printBtn, s.exportBtn))))
	newBtn := widget.NewButtonWithIcon(lang.X("periods.new", "Ny praoperiod"), theme.ContentAddIcon(), s.OnNew)
	left := container.NewBorder(newBtn, nil, nil, nil, s.list)
	split := container.NewHSplit(left, s.formBox)
	split.Offset = 0.32
	s.content = split
	s.startNew(data.FormatClassic)
	return s
}

// periodRow is a period's row in the list: its name, then its dates,
// week, status and format.
func periodRow(p data.Period) (title, detail string) {
	// Brief, so that the status fits the list's width at 1280×720.
	week := ""
	if !p.Start.IsZero() {
		week = uikit.WeekLabel(p.Start)
	}
	detail = uikit.JoinDot(uikit.DayRange(p.Start, p.End), week, uikit.PeriodStatusFor(p.Format, p.Status))
	if p.Format == data.FormatWeek {
		detail += " · " + lang.X("wk.format_week", "Teknikprao-vecka")
	}
	return p.Name, detail
}

// nameStatuses names the statuses in the status list as they read for the
// format chosen (a week's "teamen klara" for a classic "matchad"), keeping
// the one chosen.
func (s *Screen) nameStatuses() {
	format := data.FormatClassic
	if s.format.SelectedIndex() == 1 {
		format = data.FormatWeek
	}
	i := s.status.SelectedIndex()
	opts := make([]string, len(data.PeriodStatuses))
	for k, st := range data.PeriodStatuses {
		opts[k] = uikit.PeriodStatusFor(format, st)
	}
	s.status.Options = opts
	if i >= 0 {
		s.status.SetSelectedIndex(i)
	}
	s.status.Refresh()
}

// Content is the screen's root object.
func (s *Screen) Content() fyne.CanvasObject { return s.content }

// Reload fetches the periods, their counts and the schools.
func (s *Screen) Reload() {
	st := s.main.Store()
	s.main.Background(func() func() {
		ctx := context.Background()
		periods, err := st.ListPeriods(ctx)
		var counts []data.PeriodOverview
		for _, p := range periods {
			if err != nil {
				break
			}
			var c data.PeriodOverview
			c, err = st.PeriodOverview(ctx, p)
			counts = append(counts, c)
		}
		var schools []data.Organisation
		if err == nil {
			schools, err = st.ListOrganisations(ctx, data.KindSchool)
		}
		return func() {
			if err != nil {
				dialog.ShowError(err, s.main.Window())
				return
			}
			s.periods, s.counts, s.schools = periods, counts, schools
			s.list.Refresh()
			var names []string
			for _, o := range schools {
				names = append(names, o.Name)
			}
			s.schoolChecks.Options = names
			s.schoolChecks.Refresh()
			s.showSchoolHint()
			if i := slices.IndexFunc(periods, func(p data.Period) bool { return p.ID == s.current.ID }); i >= 0 {
				s.quiet = true
				s.list.Select(i)
				s.quiet = false
				s.show(periods[i])
			} else if s.current.ID != "" {
				s.startNew(data.FormatClassic) // the period shown is gone
			}
		}
	})
}

// show fills the form with p.
func (s *Screen) show(p data.Period) {
	defer func() { s.shown = s.state() }()
	s.current = p
	for _, l := range s.errs {
		l.Hide()
	}
	s.name.SetText(p.Name)
	s.grade.SetSelected(strconv.Itoa(p.Grade))
	if p.Format == data.FormatWeek {
		s.format.SetSelectedIndex(1)
	} else {
		s.format.SetSelectedIndex(0)
	}
	s.start.SetDate(p.Start)
	s.end.SetDate(p.End)
	s.status.SetSelectedIndex(max(0, slices.Index(data.PeriodStatuses, p.Status)))
	s.notes.SetText(p.Notes)
	var chosen []string
	for _, o := range s.schools {
		if slices.Contains(p.SchoolIDs, o.ID) {
			chosen = append(chosen, o.Name)
		}
	}
	s.schoolChecks.SetSelected(chosen)
	if p.ID == "" {
		s.title.SetText(lang.X("periods.new", "Ny praoperiod"))
		s.stats.SetText(lang.X("periods.new_stats", "Spara perioden för att se hur många elever och platser den har."))
		s.deleteBtn.Disable()
		s.printBtn.Disable()
		s.todo.Hide()
		s.formBox.Refresh()
		return
	}
	s.loadChecklist(p)
	s.title.SetText(p.Name)
	s.deleteBtn.Enable()
	s.printBtn.Enable()
	if i := slices.IndexFunc(s.periods, func(x data.Period) bool { return x.ID == p.ID }); i >= 0 && i < len(s.counts) {
		c := s.counts[i]
		if p.Format == data.FormatWeek {
			// A week has teams, not choices and placements (found by use:
			// "0 med val · 0 placerade" with every pupil in a team).
			s.stats.SetText(lang.X("periods.stats_week", "{{.Pupils}} elever · {{.Offers}} värdar · {{.Days}} dagar · team och rutter under Teknikprao",
				map[string]string{"Pupils": strconv.Itoa(c.Pupils), "Offers": strconv.Itoa(c.Offers), "Days": strconv.Itoa(c.Days)}))
			return
		}
		s.stats.SetText(lang.X("periods.stats",
			"{{.Pupils}} elever · {{.WithChoices}} med val · {{.Offers}} praoplatser · {{.Seats}} platser · {{.Placed}} placerade · {{.Days}} dagar",
			map[string]string{"Pupils": strconv.Itoa(c.Pupils), "WithChoices": strconv.Itoa(c.PupilsWithChoices),
				"Offers": strconv.Itoa(c.Offers), "Seats": strconv.Itoa(c.Seats), "Placed": strconv.Itoa(c.Placed),
				"Days": strconv.Itoa(c.Days)}))
	}
}

// updateWeeks tells the weeks and weekdays the dates cover, as they are typed.
func (s *Screen) updateWeeks() {
	if s.start == nil || s.end == nil {
		return // still being built
	}
	a, ok1 := s.start.Date()
	b, ok2 := s.end.Date()
	if !ok1 || !ok2 || a.IsZero() || b.IsZero() || b.Before(a) {
		s.weeks.SetText("")
		return
	}
	w := uikit.WeekLabel(a)
	if data.ISOWeek(a) != data.ISOWeek(b) || b.Sub(a).Hours() > 24*7 {
		w += " – " + uikit.WeekLabel(b)
	}
	text := lang.X("periods.weeks", "{{.Weeks}} · {{.Days}} vardagar · {{.First}} – {{.Last}}",
		map[string]string{"Weeks": w, "Days": strconv.Itoa(len(data.Weekdays(a, b))), "First": uikit.LongDate(a), "Last": uikit.LongDate(b)})
	// Found by use: a period whose days had passed was planned and its
	// letters printed without a word. Today's date decides, in Sweden.
	// A period done or archived has passed, as it should.
	today := s.main.Now().In(data.Stockholm)
	i := s.status.SelectedIndex()
	open := i < 0 || (data.PeriodStatuses[i] != data.PeriodDone && data.PeriodStatuses[i] != data.PeriodArchived)
	if open && b.Format(data.DateLayout) < today.Format(data.DateLayout) {
		text += "\n" + lang.X("periods.days_past", "Obs: periodens sista dag har redan varit. Stämmer datumen?")
	}
	s.weeks.SetText(text)
	s.weeks.Importance = widget.MediumImportance
	if strings.Contains(text, "\n") {
		s.weeks.Importance = widget.WarningImportance
	}
	s.weeks.Refresh()
}

// OnNew starts a new period (Ctrl+N), after asking about unsaved edits.
func (s *Screen) OnNew() { s.askThen(func() { s.startNew(data.FormatClassic) }, s.selectCurrent) }

// OnNewWeek starts a new period of the teknikprao week's format (the
// coordinator's way to begin on Översikt).
func (s *Screen) OnNewWeek() { s.askThen(func() { s.startNew(data.FormatWeek) }, s.selectCurrent) }

// showSchoolHint shows how a school comes in when there is none.
func (s *Screen) showSchoolHint() {
	if len(s.schools) == 0 {
		s.schoolHint.Show()
	} else {
		s.schoolHint.Hide()
	}
}

// onAddSchool asks for a new school's name and municipality, saves it and
// ticks it for the period in the form, leaving the form's other edits as
// they are (the period itself is saved with Spara).
func (s *Screen) onAddSchool() {
	name, muni := widget.NewEntry(), widget.NewEntry()
	name.SetPlaceHolder(lang.X("periods.school_name_hint", "t.ex. Solbackaskolan"))
	muni.SetPlaceHolder(lang.X("periods.school_muni_hint", "t.ex. Sunne"))
	errLabel := widgets.NewErrLabel()
	var d *dialog.FormDialog
	add := func() bool {
		o := data.Organisation{Kind: data.KindSchool, Name: strings.TrimSpace(name.Text), Municipality: strings.TrimSpace(muni.Text)}
		if err := s.main.Store().SaveOrganisation(context.Background(), &o); err != nil {
			if !widgets.ShowFieldErrors(err, map[string]*widget.Label{"name": errLabel}, "name") {
				widgets.ShowErr(errLabel, err.Error())
			}
			return false
		}
		// In the list's own order (the store's, as Reload reads it).
		if all, err := s.main.Store().ListOrganisations(context.Background(), data.KindSchool); err == nil {
			s.schools = all
		} else {
			s.schools = append(s.schools, o)
		}
		var names []string
		for _, x := range s.schools {
			names = append(names, x.Name)
		}
		s.schoolChecks.Options = names
		s.schoolChecks.SetSelected(append(slices.Clone(s.schoolChecks.Selected), o.Name))
		s.showSchoolHint()
		return true
	}
	d = dialog.NewForm(lang.X("periods.add_school_title", "Ny skola"), lang.X("periods.add_school_ok", "Lägg till"), lang.X("action.cancel", "Avbryt"),
		[]*widget.FormItem{
			widget.NewFormItem(lang.X("periods.school_name", "Namn"), name),
			widget.NewFormItem(lang.X("periods.school_muni", "Kommun"), muni),
			widget.NewFormItem("", errLabel),
		}, func(ok bool) {
			if ok && !add() {
				d.Show() // the name was refused: the dialog stays, with why
				s.main.Window().Canvas().Focus(name)
			}
		}, s.main.Window())
	name.OnSubmitted = func(string) { d.Submit() }
	muni.OnSubmitted = func(string) { d.Submit() }
	d.Resize(fyne.NewSize(420, 0))
	d.Show()
	s.main.Window().Canvas().Focus(name)
}

// startNew shows a new period's form, of that format.
func (s *Screen) startNew(format data.PeriodFormat) {
	s.quiet = true
	s.list.UnselectAll()
	s.quiet = false
	p := data.Period{Grade: 8, Status: data.PeriodPlanning, Format: format}
	for _, o := range s.schools {
		p.SchoolIDs = append(p.SchoolIDs, o.ID)
	}
	s.show(p)
}

func (s *Screen) read() (data.Period, bool) {
	p := s.current
	p.Name, p.Notes = s.name.Text, s.notes.Text
	p.Grade, _ = strconv.Atoi(s.grade.Selected)
	p.Format = data.FormatClassic
	if s.format.SelectedIndex() == 1 {
		p.Format = data.FormatWeek
	}
	if i := s.status.SelectedIndex(); i >= 0 {
		p.Status = data.PeriodStatuses[i]
	}
	p.SchoolIDs = nil
	for _, o := range s.schools {
		if slices.Contains(s.schoolChecks.Selected, o.Name) {
			p.SchoolIDs = append(p.SchoolIDs, o.ID)
		}
	}
	ok := true
	for _, f := range []struct {
		name string
		df   *widgets.DateField
		dst  *data.Period
	}{{"start", s.start, &p}, {"end", s.end, &p}} {
		t, good := f.df.Date()
		if !good {
			s.showError(f.name, f.df.Problem())
			ok = false
		} else if f.name == "start" {
			p.Start = t
		} else {
			p.End = t
		}
	}
	// Found by use: a week two weeks ahead could be marked genomförd, and
	// certificates and evaluations then treat it as held.
	if ok && p.Status == data.PeriodDone && !p.Start.IsZero() {
		today := data.FormatDate(s.main.Now().In(data.Stockholm))
		if data.FormatDate(p.Start) > today {
			s.showError("status", lang.X("periods.err_done_ahead", "Perioden har inte börjat än ({{.Start}}) och kan inte vara genomförd.",
				map[string]string{"Start": data.FormatDate(p.Start)}))
			ok = false
		}
	}
	return p, ok
}

// hideDateErrors hides the messages beside the two dates.
func (s *Screen) hideDateErrors() {
	for _, k := range []string{"start", "end"} {
		if l, ok := s.errs[k]; ok {
			l.Hide()
		}
	}
}

func (s *Screen) showError(field, msg string) {
	if l, ok := s.errs[field]; ok {
		widgets.ShowErr(l, msg)
		return
	}
	dialog.ShowError(errors.New(msg), s.main.Window())
}

// state is everything the form holds, to tell whether it was edited.
func (s *Screen) state() string {
	return strings.Join([]string{s.name.Text, s.grade.Selected, strconv.Itoa(s.format.SelectedIndex()), s.start.Entry.Text,
		s.end.Entry.Text, strconv.Itoa(s.status.SelectedIndex()), s.notes.Text, strings.Join(s.schoolChecks.Selected, "\x00")}, "\x01")
}

// AskToLeave asks about unsaved edits of the period shown, a new one
// included, before the window shows another screen (uikit.Leaver). Found
// by use: a new period typed in and not saved was gone without a word.
func (s *Screen) AskToLeave(next func()) { s.askThen(next, nil) }

// askThen runs next at once when the form holds no unsaved edits, else
// after asking (Spara or Släng ändringarna); stay, when not nil, runs when
// the user stays. Choosing another period or Ny asks too (review).
func (s *Screen) askThen(next, stay func()) {
	uikit.AskThen(s.main.Window(), s.state() != s.shown, s.name.Text, lang.X("periods.the_new", "den nya praoperioden"),
		s.save, nil, next, stay)
}

// selectCurrent points the list at the period the form shows (none for a
// new one), without showing anything.
func (s *Screen) selectCurrent() {
	s.quiet = true
	defer func() { s.quiet = false }()
	if i := slices.IndexFunc(s.periods, func(p data.Period) bool { return p.ID == s.current.ID }); i >= 0 && s.current.ID != "" {
		s.list.Select(i)
	} else {
		s.list.UnselectAll()
	}
}

// onSave validates and stores the period; errors show beside their fields.
func (s *Screen) onSave() { s.save() }

// save is onSave that says whether the period was saved.
func (s *Screen) save() bool {
	for _, l := range s.errs {
		l.Hide()
	}
	p, ok := s.read()
	if !ok {
		return false
	}
	err := s.main.Store().SavePeriod(context.Background(), &p)
	var ve *data.ValidationError
	switch {
	case errors.As(err, &ve):
		for _, f := range ve.Fields {
			s.showError(f.Field, widgets.FieldMessage(f))
		}
		return false
	case errors.Is(err, data.ErrConflict):
		s.showError("name", lang.X("periods.name_taken", "Det finns redan en praoperiod med det namnet."))
		return false
	case err != nil:
		dialog.ShowError(err, s.main.Window())
		return false
	}
	s.current = p
	s.shown = s.state()
	s.Reload()
	return true
}

func (s *Screen) onDelete() {
	p := s.current
	if p.ID == "" {
		return
	}
	uikit.ConfirmDelete(lang.X("periods.delete_title", "Ta bort praoperiod"),
		lang.X("periods.delete_confirm", "Ta bort {{.Name}}? Elevernas val och placeringar i perioden finns kvar i databasen men visas inte.",
			map[string]string{"Name": p.Name}),
		func(ok bool) {
			if !ok {
				return
			}
			if err := s.main.Store().DeletePeriod(context.Background(), p.ID); err != nil {
				dialog.ShowError(err, s.main.Window())
				return
			}
			s.current = data.Period{}
			s.startNew(data.FormatClassic)
			s.Reload()
		}, s.main.Window())
}

// loadChecklist loads p's Att göra off the UI goroutine and shows it, unless
// another period was chosen meanwhile.
func (s *Screen) loadChecklist(p data.Period) {
	st, today := s.main.Store(), s.main.Now()
	s.main.Background(func() func() {
		steps, err := st.PeriodChecklist(context.Background(), p.ID, today)
		return func() {
			if s.current.ID != p.ID {
				return
			}
			if err != nil {
				s.todo.Hide()
				dialog.ShowError(err, s.main.Window())
				return
			}
			s.checklist.Set(p, steps)
			s.todo.Show()
			s.formBox.Refresh() // lay the form out again around the card it now shows
		}
	})
}

// schoolToFix is widgets.SchoolToFix's school, "" when none.
func schoolToFix(step data.ChecklistStep) string {
	school, _ := widgets.SchoolToFix(step)
	return school
}

// onOpenStep opens the place where a step is done: the class-list import
// for class lists, this form for the period's schools, else the step's screen.
func (s *Screen) onOpenStep(step data.ChecklistStep) {
	switch {
	case step.ID == data.StepClassLists && step.Target == "pupils":
		s.main.ShowClassListImport(s.Reload)
	case step.Target == "printing":
		kind, _ := widgets.PrintKind(step) // Utskrifter with the period and document chosen
		s.main.PrintFor(kind, s.current.ID, "", "", "", "")
	case step.Target == "periods":
		if sc, ok := s.formBox.(*container.Scroll); ok {
			sc.ScrollToBottom() // the period's schools are chosen near the end of this form
		}
	case step.Target == "matching" || step.Target == "week":
		s.main.ShowPeriodIn(step.Target, s.current.ID) // with this period chosen
	case schoolToFix(step) != "":
		s.main.ShowFound(step.Target, schoolToFix(step))
	default:
		s.main.Show(step.Target)
	}
}
