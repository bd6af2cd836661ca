package overview

import (
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"techniqual/data"
	"techniqual/ui/widgets"
)

// startWay is one way to begin on the welcome card: a button and a line
// saying what it is for.
func startWay(btn *widget.Button, note string) fyne.CanvasObject {
	l := widgets.WrapLabel(note)
	return container.NewBorder(nil, nil, nil, nil, container.NewVBox(btn, l))
}

// buildWelcome makes the card a new database opens on: the ways to begin.
func (s *Screen) buildWelcome() {
	s.classBtn = widget.NewButtonWithIcon(lang.X("way.start.classlist", "Importera klasslista …"), theme.AccountIcon(), s.onImportClassList)
	s.classBtn.Importance = widget.HighImportance
	s.fileBtn = widget.NewButtonWithIcon(lang.X("way.start.file", "Öppna fil från nätverket …"), theme.FolderOpenIcon(), func() {
		s.main.ShowExchangeImport(s.refresh)
	})
	s.periodBtn = widget.NewButtonWithIcon(lang.X("way.start.period", "Skapa praoperiod …"), theme.CalendarIcon(), func() {
		s.main.ShowNew("periods")
	})
	s.demoBtn = widget.NewButtonWithIcon(lang.X("overview.load_demo", "Ladda exempeldata"), theme.DownloadIcon(), s.onLoadDemo)
	s.hrBtn = widget.NewButtonWithIcon(lang.X("way.start.hr", "Jag har fått ett värdformulär …"), theme.MailComposeIcon(), s.onHostFormFile)
	s.emptyBtn = widget.NewButton(lang.X("overview.start_empty", "Börja tomt"), s.onStartEmpty)
	s.emptyBtn.Importance = widget.LowImportance
	s.progress = widget.NewProgressBar()
	s.progress.Hide()

	intro := widgets.WrapLabel(lang.X("way.welcome_text", "Databasen är tom. Var vill du börja?"))
	school := widget.NewCard(lang.X("way.start.school_title", "Skola: studie- och yrkesvägledare"), "", container.NewGridWithColumns(3,
		startWay(s.classBtn, lang.X("way.start.classlist_note", "Skolans elever från Skola24, Unikum eller en CSV- eller Excelfil. Skolan läggs upp samtidigt.")),
		startWay(s.periodBtn, lang.X("way.start.period_note", "Datum, årskurs och skolor för en prao eller en teknikprao-vecka.")),
		startWay(s.fileBtn, lang.X("way.start.file_note", "En fil (.techniqual) som någon i nätverket skickat: ett ifyllt värdformulär eller en skolfil.")),
	))
	host := widget.NewCard(lang.X("way.start.hr_title", "Företag: HR eller handledare"), "", container.NewGridWithColumns(2,
		startWay(s.hrBtn, lang.X("way.start.hr_note", "Öppna filen du fått med e-post från skolan eller nätverket. Sedan fyller du i era praoplatser i värdformuläret och sparar en fil att skicka tillbaka.")),
	))
	// Found by use: the network's coordinator had no way of their own.
	s.membersBtn = widget.NewButtonWithIcon(lang.X("way.start.members", "Lägg till medlemsföretag …"), theme.ContentAddIcon(), func() {
		s.main.ShowNew("companies")
	})
	s.weekBtn = widget.NewButtonWithIcon(lang.X("way.start.week", "Planera en teknikprao-vecka …"), theme.CalendarIcon(), s.main.ShowNewWeek)
	s.eventBtn = widget.NewButtonWithIcon(lang.X("way.start.event", "Skapa evenemang …"), theme.MailComposeIcon(), func() {
		s.main.ShowNew("events")
	})
	network := widget.NewCard(lang.X("way.start.network_title", "Nätverket: samordnare"), "", container.NewGridWithColumns(3,
		startWay(s.membersBtn, lang.X("way.start.members_note", "Företagen i nätverket, med kontaktpersoner och förebilder. Deras jämställdhetsresor följs under Jämställdhetsresor.")),
		startWay(s.weekBtn, lang.X("way.start.week_note", "Fyra organisationer delar en vecka; varje team av elever möter alla i sin grupp och veckan avslutas gemensamt.")),
		startWay(s.eventBtn, lang.X("way.start.event_note", "Nätverksträffar och elevevenemang: inbjudningar, anmälan, incheckning i dörren och intyg.")),
	))
	try := container.NewHBox(s.demoBtn, s.emptyBtn)
	tryNote := widgets.WrapLabel(lang.X("way.start.demo_note", "Vill du först prova? Exempeldata är påhittade skolor, företag och elever i Värmland."))
	s.welcome = container.NewVBox(widget.NewCard(lang.X("overview.welcome", "Välkommen till Techniqual"), "",
		// Trying first stays in sight at 1366×768 above the three ways.
		container.NewVBox(container.NewBorder(nil, nil, nil, container.NewCenter(try), container.NewVBox(intro, tryNote)), s.progress, school, network, host)))
	s.welcome.Hide()

	// After an empty start, and until there is a period: what to do next.
	s.startSteps = widgets.WrapLabel("")
	next := container.NewHBox(
		widget.NewButtonWithIcon(lang.X("way.start.classlist", "Importera klasslista …"), theme.AccountIcon(), s.onImportClassList),
		widget.NewButtonWithIcon(lang.X("way.start.period", "Skapa praoperiod …"), theme.CalendarIcon(), func() { s.main.ShowNew("periods") }),
		widget.NewButtonWithIcon(lang.X("way.start.file", "Öppna fil från nätverket …"), theme.FolderOpenIcon(), func() { s.main.ShowExchangeImport(s.refresh) }),
	)
	// The network's and the companies' ways stay too (found by use: after
	// Börja tomt a coordinator saw only a school's steps).
	others := container.NewHBox(
		widget.NewButtonWithIcon(lang.X("way.start.members", "Lägg till medlemsföretag …"), theme.ContentAddIcon(), func() { s.main.ShowNew("companies") }),
		widget.NewButtonWithIcon(lang.X("way.start.week", "Planera en teknikprao-vecka …"), theme.CalendarIcon(), s.main.ShowNewWeek),
		widget.NewButtonWithIcon(lang.X("way.start.event", "Skapa evenemang …"), theme.MailComposeIcon(), func() { s.main.ShowNew("events") }),
		widget.NewButtonWithIcon(lang.X("way.start.hr", "Jag har fått ett värdformulär …"), theme.MailComposeIcon(), s.onHostFormFile),
	)
	othersNote := widgets.WrapLabel(lang.X("way.next_others", "För nätverket och företagen:"))
	s.start = container.NewVBox(widget.NewCard(lang.X("way.next_title", "Nästa steg"), "",
		container.NewVBox(s.startSteps, next, othersNote, container.NewHScroll(others))))
	s.start.Hide()
}

func (s *Screen) onImportClassList() { s.main.ShowClassListImport(s.refresh) }

// onHostFormFile is the HR path: the file first, then the host form of
// the company it brought.
func (s *Screen) onHostFormFile() {
	s.main.ShowExchangeImport(func() { s.main.Show("companies") })
}

// showStart shows "Nästa steg" while there is no period and the welcome
// is not shown: the order of a period's preparation, what is done ticked.
func (s *Screen) showStart(d overviewData) {
	if s.welcome.Visible() || len(d.periods) > 0 {
		s.start.Hide()
		return
	}
	mark := func(done bool) string {
		if done {
			return "✓ "
		}
		return "○ "
	}
	lines := []string{
		mark(d.counts.Pupils > 0) + lang.X("way.next.classlist", "1. Importera skolans klasslistor (Elever). Skolan läggs upp med dem."),
		mark(false) + lang.X("way.next.period", "2. Skapa en praoperiod: datum, årskurs och vilka skolor som deltar (Praoperioder)."),
		mark(d.counts.Offers > 0) + lang.X("way.next.offers", "3. Lägg in företagens praoplatser, eller läs in värdformulär som företagen skickat (Företag)."),
		lang.X("way.next.then", "Sedan visar Översikt periodens Att göra: önskemål, matchning, utskrifter, närvaro, intyg och utvärdering."),
	}
	s.startSteps.SetText(strings.Join(lines, "\n"))
	s.start.Show()
}

// buildTodo makes the "Att göra" card: a period to choose and its checklist.
func (s *Screen) buildTodo() {
	s.checklist = widgets.NewChecklist(s.onOpenStep)
	s.todoPeriod = widgets.NewSelect(nil, func(string) {
		if i := s.todoPeriod.SelectedIndex(); i >= 0 && i < len(s.periodIDs) && s.periodIDs[i] != s.todoID {
			s.todoID = s.periodIDs[i]
			s.refresh()
		}
	})
	row := container.NewBorder(nil, nil, widget.NewLabel(lang.X("way.todo_period", "Praoperiod")), nil, s.todoPeriod)
	s.todo = container.NewVBox(widget.NewCard(lang.X("way.todo_title", "Att göra"), "", container.NewVBox(row, s.checklist.Content())))
	s.todo.Hide()
}

// todoPeriod is the period whose checklist to show: the one chosen (while
// it exists), else the next open one, else the latest.
func todoPeriod(periods []data.Period, chosen string, today time.Time) string {
	if chosen != "" && slices.ContainsFunc(periods, func(p data.Period) bool { return p.ID == chosen }) {
		return chosen
	}
	if p, ok := data.NextOpenPeriod(periods, today); ok {
		return p.ID
	}
	var latest data.Period
	for _, p := range periods {
		if latest.ID == "" || p.Start.After(latest.Start) {
			latest = p
		}
	}
	return latest.ID
}

// showTodo shows the loaded checklist.
func (s *Screen) showTodo(d overviewData) {
	if d.todoID == "" {
		s.todo.Hide()
		return
	}
	s.todoID = d.todoID
	s.periodIDs = s.periodIDs[:0]
	var names []string
	sel := -1
	for i, p := range d.periods {
		s.periodIDs = append(s.periodIDs, p.ID)
		names = append(names, p.Name)
		if p.ID == d.todoID {
			sel = i
		}
	}
	s.todoPeriod.Options = names
	if sel >= 0 && s.todoPeriod.SelectedIndex() != sel {
		s.todoPeriod.SetSelectedIndex(sel) // todoID is set first, so this loads nothing again
	}
	s.todoPeriod.Refresh()
	s.checklist.Set(d.periods[sel], d.steps)
	s.todo.Show()
}

// onOpenStep opens the place where a step is done: the class-list import
// for class lists, else the step's screen.
func (s *Screen) onOpenStep(step data.ChecklistStep) {
	if step.ID == data.StepClassLists && step.Target == "pupils" {
		s.onImportClassList()
		return
	}
	if kind, ok := widgets.PrintKind(step); ok {
		s.main.PrintFor(kind, s.todoID, "", "", "", "") // Utskrifter with the period and document chosen
		return
	}
	if step.Target == "matching" || step.Target == "week" {
		s.main.ShowPeriodIn(step.Target, s.todoID) // with this period chosen
		return
	}
	if school, ok := widgets.SchoolToFix(step); ok {
		s.main.ShowFound(step.Target, school)
		return
	}
	s.main.Show(step.Target)
}
