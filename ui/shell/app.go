// Package shell is Techniqual's window: the navigation, the screen shown
// beside it, the background runner that hands results back to the UI
// goroutine, the language setting, and the cross-screen actions each
// screen asks for through its own narrow interface (print this, import
// that, save a calendar). It builds every screen package under ui/, and is
// the only package that imports them. Like every package of the window it
// talks to the database only through data.Store, and every visible string
// goes through fyne's lang with Swedish as the fallback. It never imports
// fyne.io/fyne/v2/app, so its tests run headless on fyne.io/fyne/v2/test.
package shell

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"techniqual/data"
	"techniqual/reports"
	"techniqual/ui/attendance"
	"techniqual/ui/companies"
	"techniqual/ui/contacts"
	"techniqual/ui/evaluations"
	"techniqual/ui/events"
	"techniqual/ui/files"
	"techniqual/ui/imports"
	"techniqual/ui/journeys"
	"techniqual/ui/matching"
	"techniqual/ui/overview"
	"techniqual/ui/periods"
	"techniqual/ui/printing"
	"techniqual/ui/pupils"
	"techniqual/ui/settings"
	"techniqual/ui/statistics"
	"techniqual/ui/uikit"
	"techniqual/ui/week"
)

// AppID is the application id, the same as in FyneApp.toml.
const AppID = "se.techniqual.app"

// Icon is the app icon as a fyne resource.
func Icon() fyne.Resource { return uikit.Icon() }

const (
	prefLastScreen   = "last_screen_id" // by id, so new sections do not shift it
	prefWindowWidth  = "window_width"
	prefWindowHeight = "window_height"
)

// section is one entry of the navigation.
type section struct {
	id    string
	key   string // translation key of the title
	title string // Swedish title
	icon  func() fyne.Resource
}

// buildScreen makes the screen with that id (nil for an unknown id).
func buildScreen(m *MainWindow, id string) uikit.Screen {
	switch id {
	case "overview":
		return m.overview
	case "pupils":
		return pupils.New(m)
	case "companies":
		return companies.New(m)
	case "periods":
		return periods.New(m)
	case "matching":
		return matching.New(m)
	case "week":
		return week.New(m)
	case "printing":
		return printing.New(m)
	case "events":
		return events.New(m)
	case "attendance":
		return attendance.New(m)
	case "evaluations":
		return evaluations.New(m)
	case "contacts":
		return contacts.New(m)
	case "statistics":
		return statistics.New(m)
	case "journeys":
		return journeys.New(m)
	case "settings":
		return settings.New(m)
	}
	return nil
}

// sections are the app's screens in navigation order.
var sections = []section{
	{"overview", "nav.overview", "Översikt", theme.HomeIcon},
	{"pupils", "nav.pupils", "Elever", theme.AccountIcon},
	{"companies", "nav.companies", "Företag och praoplatser", theme.StorageIcon},
	{"periods", "nav.periods", "Praoperioder", theme.CalendarIcon},
	{"matching", "nav.matching", "Matchning", theme.ViewRefreshIcon},
	{"week", "wk.nav", "Teknikprao", theme.GridIcon},
	{"printing", "nav.printing", "Utskrifter", theme.DocumentPrintIcon},
	{"attendance", "attendance.nav", "Närvaro", theme.ConfirmIcon},
	{"evaluations", "evaluations.nav", "Utvärderingar", theme.DocumentCreateIcon},
	{"events", "nav.events", "Evenemang", theme.MailComposeIcon},
	{"contacts", "nav.contacts", "Kontakter", theme.MailSendIcon},
	{"statistics", "nav.statistics", "Statistik", theme.InfoIcon},
	{"journeys", "jr.nav", "Jämställdhetsresor", theme.HistoryIcon}, // a journey over the years
	{"settings", "nav.settings", "Inställningar", theme.SettingsIcon},
}

// MainWindow is the app's one window: navigation on the left, the chosen
// screen on the right.
type MainWindow struct {
	// OnClosed, when set, is called as the main window closes (main arms
	// its ExitWatch there).
	OnClosed func()

	app      fyne.App
	win      fyne.Window
	store    *data.Store
	nav      *widget.List
	content  *fyne.Container
	overview *overview.Screen
	screens  map[string]uikit.Screen
	current  int
	// puttingBack is set while the list is selected from code, not by the
	// user: onNavSelected then shows nothing.
	puttingBack bool
	afterShow   func()       // runs once the screen being selected is shown (showThen)
	runner      uikit.Runner // background loads, handed back with fyne.Do
}

// holdHandBacks is set by the package's tests: the window's hand-backs
// then wait for the test's waitIdle, as they wait for the event loop in
// the app, instead of running beside the test's next tap (uikit.Runner.Hold).
var holdHandBacks bool

// NewMainWindow builds the window on an open Store.
func NewMainWindow(a fyne.App, st *data.Store) *MainWindow {
	m := &MainWindow{app: a, store: st, win: a.NewWindow("Techniqual"), screens: map[string]uikit.Screen{}}
	if holdHandBacks {
		m.runner.Hold()
	}
	m.overview = overview.New(m)
	m.content = container.NewStack()
	m.nav = widget.NewList(
		func() int { return len(sections) },
		func() fyne.CanvasObject {
			return container.NewHBox(widget.NewIcon(theme.HomeIcon()), widget.NewLabel("Företag och praoplatser"))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			row := o.(*fyne.Container)
			row.Objects[0].(*widget.Icon).SetResource(sections[i].icon())
			row.Objects[1].(*widget.Label).SetText(lang.X(sections[i].key, sections[i].title))
		})
	m.nav.OnSelected = m.onNavSelected
	m.addShortcuts()
	split := container.NewHSplit(m.nav, m.content)
	split.Offset = 0.22
	m.win.SetContent(split)
	prefs := a.Preferences()
	m.win.Resize(fyne.NewSize(
		float32(prefs.FloatWithFallback(prefWindowWidth, 1100)),
		float32(prefs.FloatWithFallback(prefWindowHeight, 720))))
	m.win.SetOnClosed(m.onClosed)
	m.win.SetCloseIntercept(m.onCloseRequested)
	last := sectionIndex(prefs.String(prefLastScreen))
	if last < 0 || m.isEmpty() {
		last = 0 // an empty database starts where example data can be loaded
	}
	m.nav.Select(last)
	return m
}

// isEmpty reports whether the database holds nothing yet (one quick count).
func (m *MainWindow) isEmpty() bool {
	ov, err := m.store.Overview(context.Background())
	return err == nil && ov.Empty()
}

// Store is the database the window shows now (Inställningar may switch it).
func (m *MainWindow) Store() *data.Store { return m.store }

// SwitchStore opens the database at path, shows it instead of the current
// one (which is closed) and remembers it for the next start. On error
// nothing changes.
func (m *MainWindow) SwitchStore(path string) error {
	st, err := data.Open(context.Background(), path, data.Options{})
	if err != nil {
		return err
	}
	old := m.store
	m.store = st
	old.Close()
	m.rebuild()
	m.app.Preferences().SetString(prefDatabase, path)
	return nil
}

// UseStore shows st, already open, instead of the current database (which
// the caller closed), and builds every screen anew: a restore does this.
func (m *MainWindow) UseStore(st *data.Store) {
	m.store = st
	m.rebuild()
}

// Rebuild builds every screen anew (after an import changed the data).
func (m *MainWindow) Rebuild() { m.rebuild() }

// ChangeLanguage saves the language with that code, loads it and builds
// every screen anew.
func (m *MainWindow) ChangeLanguage(code string) {
	m.app.Preferences().SetString(prefLanguage, code)
	SetLanguage(code)
	m.rebuild()
}

// AppVersion is the app's version (Version, set by main).
func (m *MainWindow) AppVersion() string { return Version }

// ShowHostFormFile opens the exchange export for one company's host form.
func (m *MainWindow) ShowHostFormFile(companyID string) { settings.ShowHostFormFile(m, companyID) }

// ShowClassListImport opens the class-list import wizard; onDone runs after
// an import.
func (m *MainWindow) ShowClassListImport(onDone func()) { imports.ShowClassListImport(m, onDone) }

// ShowExchangeImport opens the reading of an exchange file; onDone runs
// after an import, when the dialog is closed.
func (m *MainWindow) ShowExchangeImport(onDone func()) { settings.ShowExchangeImport(m, onDone) }

// ShowNew shows the screen with that id and starts a new item there (as
// Ctrl+N would), when the screen can.
func (m *MainWindow) ShowNew(id string) {
	m.showThen(id, func() {
		if c, ok := m.screen(id).(uikit.Creator); ok {
			c.OnNew()
		}
	})
}

// ShowFound shows the screen with that id with its search set to text
// (Företag: the school a checklist line names), when the screen has one.
func (m *MainWindow) ShowFound(id, text string) {
	m.showThen(id, func() {
		if f, ok := m.screen(id).(interface{ ShowFound(string) }); ok {
			f.ShowFound(text)
		}
	})
}

// ShowNewWeek shows Praoperioder with a new period of the teknikprao
// week's format.
func (m *MainWindow) ShowNewWeek() {
	m.showThen("periods", func() {
		if w, ok := m.screen("periods").(interface{ OnNewWeek() }); ok {
			w.OnNewWeek()
		}
	})
}

// EditContact shows Företag with the person's organisation and their
// contact dialog open (Kontakter's "Ändra").
func (m *MainWindow) EditContact(orgID, personID string) {
	m.showThen("companies", func() {
		if e, ok := m.screen("companies").(interface{ EditContact(orgID, personID string) }); ok {
			e.EditContact(orgID, personID)
		}
	})
}

// showThen shows the screen with that id and then runs then, once it is
// shown: not when the screen shown before keeps the window (its unsaved
// edits, uikit.Leaver).
func (m *MainWindow) showThen(id string, then func()) {
	i := sectionIndex(id)
	if i < 0 {
		return
	}
	if i == m.current && m.Current() != nil {
		then()
		return
	}
	m.afterShow = then
	m.nav.Select(i)
	m.afterShow = nil // when the list had it selected already
}

// ShowChoicesImport opens the import of pupils' choices from a form.
func (m *MainWindow) ShowChoicesImport(onDone func()) { imports.ShowChoicesImport(m, onDone) }

// ShowEvaluationsImport opens the import of evaluations from a form.
func (m *MainWindow) ShowEvaluationsImport(onDone func()) { imports.ShowEvaluationsImport(m, onDone) }

// ShowExport opens the spreadsheet export with kind ("pupils",
// "placements", "hosts", "participants", "attendance") chosen.
func (m *MainWindow) ShowExport(kind string) { files.ShowExport(m, kind) }

// SaveEventCalendar asks where to save an event's calendar and writes it.
func (m *MainWindow) SaveEventCalendar(eventID string) { files.SaveEventCalendar(m, eventID) }

// SaveOfferCalendar asks where to save an offer's calendar and writes it.
func (m *MainWindow) SaveOfferCalendar(offerID string) { files.SaveOfferCalendar(m, offerID) }

// SavePupilCalendar asks where to save a pupil's calendar for a period.
func (m *MainWindow) SavePupilCalendar(pupilID, periodID string) {
	files.SavePupilCalendar(m, pupilID, periodID)
}

// PrintWeek asks where to save one of a teknikprao week's documents and
// prints it through the operations package.
func (m *MainWindow) PrintWeek(periodID string, kind reports.WeekKind) {
	files.PrintWeek(m, periodID, kind)
}

// SaveWeekCalendar asks where to save a teknikprao week's calendar (who:
// "pupils", "team" with the team's name, "host" with its id) and writes it.
func (m *MainWindow) SaveWeekCalendar(periodID, who, key string) {
	files.SaveWeekCalendar(m, periodID, who, key)
}

// PrintEvent asks where to save one of an event's documents and writes it.
func (m *MainWindow) PrintEvent(eventID, kind string) { files.PrintEvent(m, eventID, kind) }

// StartAutoBackup makes the day's automatic backup off the UI goroutine,
// unless it is turned off in Inställningar.
func (m *MainWindow) StartAutoBackup() { settings.StartAutoBackup(m) }

// BackupOnClose makes the day's backup, if there is none yet, once the
// window has closed (settings.BackupOnClose).
func (m *MainWindow) BackupOnClose() error { return settings.BackupOnClose(m) }

// rebuild makes every screen anew (after a language or database change) and
// shows the current one again.
func (m *MainWindow) rebuild() {
	m.screens = map[string]uikit.Screen{}
	m.overview = overview.New(m)
	m.nav.Refresh()
	m.onNavSelected(m.current)
}

// Background runs work off the UI goroutine and hands the function it
// returns to the UI goroutine with fyne.Do, so the window never freezes.
func (m *MainWindow) Background(work func() (apply func())) { m.runner.Background(work) }

// Now is the clock the screens read: the system's.
func (m *MainWindow) Now() time.Time { return time.Now() }

// App is the running Fyne app (for preferences).
func (m *MainWindow) App() fyne.App { return m.app }

// Language is the language chosen in Inställningar.
func (m *MainWindow) Language() string { return SavedLanguage(m.app) }

// Window is the Fyne window (for tests and dialogs).
func (m *MainWindow) Window() fyne.Window { return m.win }

// ShowAndRun shows the window and runs the app until it is closed.
func (m *MainWindow) ShowAndRun() { m.win.ShowAndRun() }

// Show selects a screen by its id ("overview", "pupils", …).
func (m *MainWindow) Show(id string) {
	if i := sectionIndex(id); i >= 0 {
		m.nav.Select(i)
	}
}

// sectionIndex is the place of the section with that id, or -1.
func sectionIndex(id string) int {
	for i, s := range sections {
		if s.id == id {
			return i
		}
	}
	return -1
}

func (m *MainWindow) onNavSelected(i widget.ListItemID) {
	if m.puttingBack {
		return
	}
	then := m.afterShow
	m.afterShow = nil
	show := func() {
		m.showSection(i)
		if then != nil {
			then()
		}
	}
	// The screen shown may hold unsaved edits: the list keeps pointing at
	// it while it asks, and moves on only when the screen lets it go.
	if l, ok := m.screens[sections[m.current].id].(uikit.Leaver); ok && i != m.current && m.Current() != nil {
		from := m.current
		m.selectQuietly(from)
		l.AskToLeave(func() {
			m.selectQuietly(i)
			show()
		})
		return
	}
	show()
}

// selectQuietly selects the list's item i without showing its screen.
func (m *MainWindow) selectQuietly(i widget.ListItemID) {
	m.puttingBack = true
	defer func() { m.puttingBack = false }()
	m.nav.Select(i)
}

// showSection shows the screen of the section at place i.
func (m *MainWindow) showSection(i widget.ListItemID) {
	m.current = i
	m.app.Preferences().SetString(prefLastScreen, sections[i].id)
	s := sections[i]
	sc := m.screen(s.id)
	if sc == nil {
		return // every section has a screen; TestEverySectionHasAScreen checks it
	}
	m.content.Objects = []fyne.CanvasObject{sc.Content()}
	m.content.Refresh()
	sc.Reload() // after the uikit.Screen is laid out: the load lands later
}

// addShortcuts binds Ctrl+F (search) and Ctrl+N (new) to the shown
// screen, and Escape to the first button of the dialog on top (Avbryt, OK:
// uikit.DismissTopDialog; a dialog shown through uikit.ShowEscapable says
// what its Escape is).
func (m *MainWindow) addShortcuts() {
	c := m.win.Canvas()
	uikit.BindEscape(c)
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) {
		if s, ok := m.screens[sections[m.current].id].(uikit.Searcher); ok {
			s.FocusSearch()
		}
	})
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) {
		if s, ok := m.screens[sections[m.current].id].(uikit.Creator); ok {
			s.OnNew()
		}
	})
}

// Current is the content the window shows on the right now.
func (m *MainWindow) Current() fyne.CanvasObject {
	if len(m.content.Objects) != 1 {
		return nil
	}
	return m.content.Objects[0]
}

// Built is the screen with that id as the window holds it now, nil when it
// is not built yet.
func (m *MainWindow) Built(id string) uikit.Screen { return m.screens[id] }

// screen returns the built screen with that id, building it the first time.
func (m *MainWindow) screen(id string) uikit.Screen {
	if sc, ok := m.screens[id]; ok {
		return sc
	}
	sc := buildScreen(m, id)
	if sc != nil {
		m.screens[id] = sc
	}
	return sc
}

// onCloseRequested closes the window, after the screen shown has asked
// about its unsaved edits (uikit.Leaver), as showing another screen does:
// closing had lost them without a word (review).
func (m *MainWindow) onCloseRequested() {
	if l, ok := m.screens[sections[m.current].id].(uikit.Leaver); ok && m.Current() != nil {
		l.AskToLeave(m.win.Close)
		return
	}
	m.win.Close()
}

func (m *MainWindow) onClosed() {
	if m.OnClosed != nil {
		m.OnClosed()
	}
	size := m.win.Canvas().Size()
	m.app.Preferences().SetFloat(prefWindowWidth, float64(size.Width))
	m.app.Preferences().SetFloat(prefWindowHeight, float64(size.Height))
}

// ShowOpenError shows, in a window of its own, why the database could not be
// opened, and runs until it is closed.
func ShowOpenError(a fyne.App, path string, err error) {
	w := a.NewWindow("Techniqual")
	msg := widget.NewLabel(uikit.OpenErrorText(path, err))
	msg.Wrapping = fyne.TextWrapWord
	quit := widget.NewButton(lang.X("action.close", "Stäng"), func() { w.Close() })
	w.SetContent(container.NewPadded(container.NewBorder(nil, container.NewHBox(quit), nil, nil, msg)))
	w.Resize(fyne.NewSize(520, 200))
	w.ShowAndRun()
}

// prefDatabase remembers the database file opened from Inställningar, used
// at the next start when --db is not given.
const prefDatabase = "database_path"

// Version is the app's version, set by main from FyneApp.toml; Inställningar
// shows it under Om Techniqual.
var Version = "dev"

// RememberedDatabase is the database chosen in Inställningar ("" for the default).
func RememberedDatabase(a fyne.App) string { return a.Preferences().String(prefDatabase) }

// ShowPeriodIn shows the screen with id (Matchning, Teknikprao) with the
// period periodID chosen, as a checklist line asks; a screen without
// periods is just shown.
func (m *MainWindow) ShowPeriodIn(id, periodID string) {
	if s, ok := m.screen(id).(interface{ ShowPeriod(string) }); ok && periodID != "" {
		s.ShowPeriod(periodID) // before Show, whose Reload chooses it
	}
	m.Show(id)
}

// PrintFor shows Utskrifter preset to print kind for a period, school,
// class, pupil or offer (see printingScreen.preset).
func (m *MainWindow) PrintFor(kind reports.Kind, periodID, schoolID, class, pupilID, offerID string) {
	m.showThen("printing", func() { // not when the screen shown keeps the window (review)
		if s, ok := m.screen("printing").(*printing.Screen); ok {
			s.Preset(kind, periodID, schoolID, class, pupilID, offerID)
		}
	})
}
