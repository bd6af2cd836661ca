// Package overview is the Översikt screen: the database in numbers, the
// periods, the balance of the latest one, the chosen period's checklist
// (Att göra), and on a new database the ways to begin: a class list, a
// file from the network, a period, example data, or, for HR staff at a
// host, the host form file they were sent.
package overview

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"techniqual/data"
	"techniqual/data/demo"
	"techniqual/reports"
	"techniqual/ui/uikit"
	"techniqual/ui/widgets"
)

// metaEmptyChosen remembers that the user chose to start with an empty
// database, so the welcome card does not ask again.
const metaEmptyChosen = "ui.start_empty"

// Shell is what Översikt needs from the window: the Base and the actions
// its ways to begin and its checklist start on other screens.
type Shell interface {
	uikit.Base
	// ShowClassListImport opens the class-list import; onDone runs after an import.
	ShowClassListImport(onDone func())
	// ShowExchangeImport opens the reading of an exchange file (a host
	// form, a school file); onDone runs after an import.
	ShowExchangeImport(onDone func())
	// ShowNew shows the screen with that id and starts a new item there.
	ShowNew(id string)
	// PrintFor opens Utskrifter with that choice made.
	PrintFor(kind reports.Kind, periodID, schoolID, class, pupilID, offerID string)
	// ShowPeriodIn shows the screen with that id, with the period chosen
	// where the screen has periods (Matchning, Teknikprao).
	ShowPeriodIn(id, periodID string)
	// ShowFound shows the screen with that id with its search set to text
	// (Företag: the school a checklist line names).
	ShowFound(id, text string)
	// ShowNewWeek shows Praoperioder with a new period of the teknikprao
	// week's format.
	ShowNewWeek()
}

// Screen is Översikt: it shows live counts of what the database holds, and on an
// empty database offers example data or an empty start.
type Screen struct {
	main    Shell
	content fyne.CanvasObject

	counts   map[string]*canvas.Text
	periods  *fyne.Container
	welcome  *fyne.Container
	progress *widget.ProgressBar
	demoBtn  *widget.Button
	emptyBtn *widget.Button
	status   *widget.Label
	balance  *balance

	// The ways to begin (first run) and the next steps after an empty start.
	classBtn, fileBtn, periodBtn, hrBtn *widget.Button
	// The coordinator's ways to begin: member companies, a week, an event.
	membersBtn, weekBtn, eventBtn *widget.Button
	start                         *fyne.Container // the "Kom igång" card: no period yet
	startSteps                    *widget.Label

	// The checklist of one period.
	todo       *fyne.Container
	todoPeriod *widget.Select
	checklist  *widgets.Checklist
	periodIDs  []string        // the options of todoPeriod
	todoID     string          // the period whose checklist is shown
	grid       *fyne.Container // the tiles, hidden while the welcome shows
	rest       *fyne.Container // the balance and the periods, likewise
	loads      int             // refreshes started: a step of an older one is dropped
}

// stat is one number on the overview.
type stat struct {
	id, key, title string
	value          func(data.Overview) int
}

var stats = []stat{
	{"pupils", "overview.pupils", "Elever", func(o data.Overview) int { return o.Pupils }},
	{"protected", "overview.protected", "Elever med skyddad identitet", func(o data.Overview) int { return o.ProtectedPupils }},
	{"schools", "overview.schools", "Skolor", func(o data.Overview) int { return o.Schools }},
	{"companies", "overview.companies", "Företag", func(o data.Overview) int { return o.Companies }},
	{"members", "overview.members", "Medlemsföretag", func(o data.Overview) int { return o.MemberCompanies }},
	{"people", "overview.people", "Kontakter", func(o data.Overview) int { return o.People }},
	{"role_models", "overview.role_models", "Förebilder", func(o data.Overview) int { return o.RoleModels }},
	{"periods", "overview.periods", "Praoperioder", func(o data.Overview) int { return o.Periods }},
	{"offers", "overview.offers", "Praoplatser", func(o data.Overview) int { return o.Offers }},
	{"seats", "overview.seats", "Platser (godkända)", func(o data.Overview) int { return o.Seats }},
	{"with_choices", "overview.with_choices", "Elever med val", func(o data.Overview) int { return o.PupilsWithChoices }},
	{"placed", "overview.placed", "Placerade", func(o data.Overview) int { return o.Placed }},
	{"events", "overview.events", "Evenemang", func(o data.Overview) int { return o.Events }},
	{"registrations", "overview.registrations", "Anmälningar", func(o data.Overview) int { return o.Registrations }},
}

// New builds Översikt; Reload fills it.
func New(m Shell) *Screen {
	s := &Screen{main: m, counts: map[string]*canvas.Text{}}
	title := widget.NewLabelWithStyle(lang.X("nav.overview", "Översikt"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	s.status = widget.NewLabel("")
	s.status.Wrapping = fyne.TextWrapWord

	var cards []fyne.CanvasObject
	for _, st := range stats {
		n := canvas.NewText("–", theme.Color(theme.ColorNamePrimary))
		n.TextSize = 28
		n.TextStyle = fyne.TextStyle{Bold: true}
		s.counts[st.id] = n
		label := widget.NewLabel(lang.X(st.key, st.title))
		label.Wrapping = fyne.TextWrapWord
		cards = append(cards, widget.NewCard("", "", container.NewVBox(n, label)))
	}
	grid := container.NewGridWrap(fyne.NewSize(190, 120), cards...)
	s.grid = grid

	s.buildWelcome()
	s.buildTodo()

	periodsTitle := widget.NewLabelWithStyle(lang.X("overview.periods_title", "Praoperioder"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.periods = container.NewVBox()
	s.balance = newBalance()
	s.rest = container.NewVBox(s.balance.content(), periodsTitle, s.periods)
	s.content = container.NewVScroll(container.NewPadded(container.NewVBox(title, s.status, s.welcome, s.start, s.todo, grid, s.rest)))
	return s
}

// Content is the screen's root object.
func (s *Screen) Content() fyne.CanvasObject { return s.content }

// Reload fetches the counts again.
func (s *Screen) Reload() { s.refresh() }

// overviewData is what the first, cheap step of a refresh loads off the
// UI goroutine: the counts and the list of periods.
type overviewData struct {
	counts      data.Overview
	periods     []data.Period
	emptyChosen bool
	todoID      string // the period whose checklist is loaded
	steps       []data.ChecklistStep
	err         error
}

// refresh loads the screen in three steps, each off the UI goroutine and
// shown as soon as it arrives: the counts and the periods' names (a few
// indexed counts, as quick on 30,000 pupils as on none), then each period's
// figures, then the balance of the newest placed period (the slow part,
// a whole statistics report). A refresh started later wins: an earlier
// one's late steps are dropped.
func (s *Screen) refresh() {
	st, todoID, today := s.main.Store(), s.todoID, s.main.Now()
	s.loads++
	load := s.loads
	s.main.Background(func() func() {
		ctx := context.Background()
		var d overviewData
		d.counts, d.err = st.Overview(ctx)
		if d.err == nil {
			d.periods, d.err = st.ListPeriods(ctx)
		}
		if d.err == nil {
			v, _ := st.Meta(ctx, metaEmptyChosen)
			d.emptyChosen = v == "yes"
		}
		if d.err == nil {
			d.todoID = todoPeriod(d.periods, todoID, today)
		}
		return func() {
			if load != s.loads {
				return
			}
			s.apply(d)
			trace("counts")
			if d.err == nil {
				s.loadTodo(load, st, d, today)
				s.loadPeriods(load, st, d.periods)
			}
		}
	})
}

// loadTodo loads the chosen period's Att göra (a second of queries on a
// region's database) after the counts are shown, and shows it.
func (s *Screen) loadTodo(load int, st *data.Store, d overviewData, today time.Time) {
	if d.todoID == "" {
		s.showTodo(d)
		return
	}
	s.main.Background(func() func() {
		steps, err := st.PeriodChecklist(context.Background(), d.todoID, today)
		return func() {
			if load != s.loads {
				return
			}
			if err != nil {
				s.failed(err)
				return
			}
			d.steps = steps
			s.showTodo(d)
			s.content.Refresh()
			trace("todo")
		}
	})
}

// loadPeriods is the second step: the figures of every period, then the
// balance.
func (s *Screen) loadPeriods(load int, st *data.Store, periods []data.Period) {
	if len(periods) == 0 {
		s.balance.show(nil)
		trace("balance")
		return
	}
	s.main.Background(func() func() {
		ctx := context.Background()
		per := make([]data.PeriodOverview, 0, len(periods))
		var err error
		for _, p := range periods {
			var po data.PeriodOverview
			if po, err = st.PeriodOverview(ctx, p); err != nil {
				break
			}
			per = append(per, po)
		}
		return func() {
			if load != s.loads {
				return
			}
			if err != nil {
				s.failed(err)
				return
			}
			s.showPeriods(periods, per)
			trace("periods")
			s.loadBalance(load, st, periods, per)
		}
	})
}

// loadBalance is the last step: the balance section's report.
func (s *Screen) loadBalance(load int, st *data.Store, periods []data.Period, per []data.PeriodOverview) {
	s.main.Background(func() func() {
		r, err := loadBalance(context.Background(), st, periods, per)
		return func() {
			if load != s.loads {
				return
			}
			if err != nil {
				s.failed(err)
				return
			}
			s.balance.show(r)
			trace("balance")
		}
	})
}

func (s *Screen) failed(err error) {
	s.status.SetText(lang.X("overview.load_failed", "Kunde inte läsa databasen: {{.Error}}", map[string]string{"Error": err.Error()}))
}

// apply shows the first step: the counts, the welcome card and a line per
// period saying its figures are on their way.
func (s *Screen) apply(d overviewData) {
	if d.err != nil {
		s.failed(d.err)
		return
	}
	s.status.SetText(lang.X("overview.database", "Databas: {{.Path}}", map[string]string{"Path": s.main.Store().Path()}))
	for _, st := range stats {
		t := s.counts[st.id]
		t.Text = strconv.Itoa(st.value(d.counts))
		t.Color = theme.Color(theme.ColorNamePrimary)
		t.Refresh()
	}
	if d.counts.Empty() && !d.emptyChosen {
		s.welcome.Show()
	} else {
		s.welcome.Hide()
	}
	if d.counts.Empty() {
		s.grid.Hide() // fourteen zeros say nothing to a new user
		s.rest.Hide()
	} else {
		s.grid.Show()
		s.rest.Show()
	}
	s.showStart(d)
	s.periods.Objects = nil
	if len(d.periods) == 0 {
		s.periods.Add(widget.NewLabel(lang.X("overview.no_periods", "Inga praoperioder ännu.")))
	} else {
		s.balance.loading()
	}
	for _, p := range d.periods {
		line := lang.X("startup.period_pending", "{{.Name}} · {{.Start}} – {{.End}} · åk {{.Grade}} · {{.Status}} · räknar …",
			periodFields(p))
		l := widget.NewLabel(line)
		l.Wrapping = fyne.TextWrapWord
		s.periods.Add(l)
	}
	s.periods.Refresh()
	s.content.Refresh() // cards shown or hidden above: lay the page out again
}

// periodFields are the fields of a period's line that need no counting.
func periodFields(p data.Period) map[string]string {
	return map[string]string{"Name": p.Name, "Start": data.FormatDate(p.Start), "End": data.FormatDate(p.End),
		"Grade": strconv.Itoa(p.Grade), "Status": uikit.PeriodStatusFor(p.Format, p.Status)}
}

// showPeriods fills in each period's line with its figures.
func (s *Screen) showPeriods(periods []data.Period, per []data.PeriodOverview) {
	for i, p := range periods {
		if i >= len(s.periods.Objects) {
			break
		}
		po := per[i]
		f := periodFields(p)
		f["Pupils"], f["WithChoices"], f["Offers"] = strconv.Itoa(po.Pupils), strconv.Itoa(po.PupilsWithChoices), strconv.Itoa(po.Offers)
		f["Seats"], f["Placed"], f["Days"] = strconv.Itoa(po.Seats), strconv.Itoa(po.Placed), strconv.Itoa(po.Days)
		line := lang.X("overview.period_line",
			"{{.Name}} · {{.Start}} – {{.End}} · åk {{.Grade}} · {{.Status}} · {{.Pupils}} elever, {{.WithChoices}} med val, {{.Offers}} praoplatser, {{.Seats}} platser, {{.Placed}} placerade, {{.Days}} dagar",
			f)
		if p.Format == data.FormatWeek {
			// A week has no choices and no placements, but teams (found by
			// use: a week held read "0 med val … 0 placerade").
			line = lang.X("overview.week_line",
				"{{.Name}} · {{.Start}} – {{.End}} · åk {{.Grade}} · {{.Status}} · teknikpraovecka: {{.Pupils}} elever, {{.Offers}} värdar, {{.Days}} dagar; team och rutter under Teknikprao",
				f)
		}
		if l, ok := s.periods.Objects[i].(*widget.Label); ok {
			l.SetText(line)
		}
	}
}

// onLoadDemo fills the empty database with example data, off the UI
// goroutine, with a progress bar.
func (s *Screen) onLoadDemo() {
	s.demoBtn.Disable()
	s.emptyBtn.Disable()
	s.progress.SetValue(0)
	s.progress.Show()
	st := s.main.Store()
	s.main.Background(func() func() {
		_, err := demo.Generate(context.Background(), st, demo.Config{Pupils: 600, Seed: 1,
			Progress: func(v float64) { fyne.Do(func() { s.progress.SetValue(v) }) }})
		return func() {
			s.progress.Hide()
			s.demoBtn.Enable()
			s.emptyBtn.Enable()
			if err != nil {
				dialog.ShowError(fmt.Errorf("%s: %w", lang.X("overview.demo_failed", "Exempeldata kunde inte laddas"), err), s.main.Window())
			}
			s.refresh()
		}
	})
}

func (s *Screen) onStartEmpty() {
	if err := s.main.Store().SetMeta(context.Background(), metaEmptyChosen, "yes"); err != nil {
		dialog.ShowError(err, s.main.Window())
		return
	}
	s.welcome.Hide()
	s.refresh() // the next steps take the welcome's place
}
