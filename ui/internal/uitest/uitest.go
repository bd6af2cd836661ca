// Package uitest is the scaffolding the window's tests share: an empty
// database in t.TempDir(), a stand-in for the shell that a screen can be
// built on alone (a test app and window, the background runner, a record
// of the cross-screen actions the screen asked for), and helpers that find
// labels and buttons in a canvas. Only tests import it.
package uitest

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"techniqual/data"
	"techniqual/reports"
	"techniqual/ui/uikit"
)

// OpenStore opens an empty database in t.TempDir(), closed when the test ends.
func OpenStore(t testing.TB) *data.Store {
	t.Helper()
	st, err := data.Open(context.Background(), filepath.Join(t.TempDir(), "ui.db"), data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// Shell stands in for the window's shell in a screen's tests. It answers
// every method of the screens' narrow interfaces: the Base ones for real
// (a test app and window, the store, the background runner), the
// cross-screen actions by writing them down in Calls.
type Shell struct {
	t      testing.TB
	app    fyne.App
	win    fyne.Window
	store  *data.Store
	runner uikit.Runner
	lang   string

	now time.Time // zero: the system clock

	mu    sync.Mutex
	calls []string
	built map[string]uikit.Screen
}

// NewShell makes a test app with a 1100×720 window on st, in Swedish.
func NewShell(t testing.TB, st *data.Store) *Shell {
	t.Helper()
	a := test.NewTempApp(t)
	w := a.NewWindow("Techniqual")
	w.Resize(fyne.NewSize(1100, 720))
	t.Cleanup(w.Close)
	s := &Shell{t: t, app: a, win: w, store: st, lang: uikit.LangSwedish}
	uikit.BindEscape(w.Canvas()) // as the app's window does
	// Hand-backs run in Wait, on the test's goroutine, never beside a tap.
	s.runner.Hold()
	return s
}

// App is the test app.
func (s *Shell) App() fyne.App { return s.app }

// Window is the test window.
func (s *Shell) Window() fyne.Window { return s.win }

// Store is the database given to NewShell (or SetStore).
func (s *Shell) Store() *data.Store { return s.store }

// SetStore makes st the database the screens see.
func (s *Shell) SetStore(st *data.Store) { s.store = st }

// Background runs work as the shell does, off the UI goroutine.
func (s *Shell) Background(work func() (apply func())) { s.runner.Background(work) }

// Language is the language the test chose, Swedish unless SetLanguage.
func (s *Shell) Language() string { return s.lang }

// SetLanguage changes what Language answers.
func (s *Shell) SetLanguage(code string) { s.lang = code }

// Now is the time SetNow gave, or the system's.
func (s *Shell) Now() time.Time {
	if s.now.IsZero() {
		return time.Now()
	}
	return s.now
}

// SetNow stops the clock at t for the screens.
func (s *Shell) SetNow(t time.Time) { s.now = t }

// Show records a move to another screen as "show ID".
func (s *Shell) Show(id string) { s.Record("show " + id) }

// Current is the window's content (what Open put there).
func (s *Shell) Current() fyne.CanvasObject { return s.win.Content() }

// Built is the screen registered with SetBuilt under id, or nil.
func (s *Shell) Built(id string) uikit.Screen { return s.built[id] }

// SetBuilt registers sc as the window's screen with that id.
func (s *Shell) SetBuilt(id string, sc uikit.Screen) {
	if s.built == nil {
		s.built = map[string]uikit.Screen{}
	}
	s.built[id] = sc
}

// Record writes down one cross-screen action.
func (s *Shell) Record(call string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls = append(s.calls, call)
}

// Calls are the cross-screen actions asked for so far, in order.
func (s *Shell) Calls() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.calls...)
}

// Wait waits up to 30 seconds for every background load and runs what
// each hands back, on the test's goroutine, as the window's event loop
// would between two actions.
func (s *Shell) Wait(t testing.TB) {
	t.Helper()
	if !s.runner.Drain(30 * time.Second) {
		t.Fatal("background loads did not finish")
	}
}

// Open puts a screen in the window, loads it and waits for the load.
func (s *Shell) Open(t testing.TB, sc uikit.Screen) {
	t.Helper()
	s.win.SetContent(sc.Content())
	sc.Reload()
	s.Wait(t)
}

// PrintFor records "print KIND period school class pupil offer".
func (s *Shell) PrintFor(kind reports.Kind, periodID, schoolID, class, pupilID, offerID string) {
	s.Record(fmt.Sprintf("print %s %s %s %s %s %s", kind, periodID, schoolID, class, pupilID, offerID))
}

// ShowPeriodIn records "show ID period PERIOD".
func (s *Shell) ShowPeriodIn(id, periodID string) { s.Record("show " + id + " period " + periodID) }

// ShowFound records "show ID found TEXT".
func (s *Shell) ShowFound(id, text string) { s.Record("show " + id + " found " + text) }

// ShowExport records "export KIND".
func (s *Shell) ShowExport(kind string) { s.Record("export " + kind) }

// ShowClassListImport records "import classlist".
func (s *Shell) ShowClassListImport(onDone func()) { s.Record("import classlist") }

// ShowExchangeImport records "import exchange" and runs onDone as if a
// file had been imported and the dialog closed.
func (s *Shell) ShowExchangeImport(onDone func()) {
	s.Record("import exchange")
	if onDone != nil {
		onDone()
	}
}

// ShowNew records "new ID".
func (s *Shell) ShowNew(id string) { s.Record("new " + id) }

// ShowNewWeek records "new week period".
func (s *Shell) ShowNewWeek() { s.Record("new week period") }

// ShowChoicesImport records "import choices".
func (s *Shell) ShowChoicesImport(onDone func()) { s.Record("import choices") }

// ShowEvaluationsImport records "import evaluations".
func (s *Shell) ShowEvaluationsImport(onDone func()) { s.Record("import evaluations") }

// SaveEventCalendar records "calendar event ID".
func (s *Shell) SaveEventCalendar(eventID string) { s.Record("calendar event " + eventID) }

// SaveOfferCalendar records "calendar offer ID".
func (s *Shell) SaveOfferCalendar(offerID string) { s.Record("calendar offer " + offerID) }

// SavePupilCalendar records "calendar pupil ID PERIOD".
func (s *Shell) SavePupilCalendar(pupilID, periodID string) {
	s.Record("calendar pupil " + pupilID + " " + periodID)
}

// PrintEvent records "print event ID KIND".
func (s *Shell) PrintEvent(eventID, kind string) { s.Record("print event " + eventID + " " + kind) }

// EditContact records the move to Företag to edit a contact as "edit
// contact ORG PERSON".
func (s *Shell) EditContact(orgID, personID string) {
	s.Record("edit contact " + orgID + " " + personID)
}

// ShowHostFormFile records "hostform file COMPANY".
func (s *Shell) ShowHostFormFile(companyID string) { s.Record("hostform file " + companyID) }

// SwitchStore opens the database at path as the shell does and makes it
// the one the screens see (closed when the test ends); it records
// "switch PATH". On error nothing changes.
func (s *Shell) SwitchStore(path string) error {
	st, err := data.Open(context.Background(), path, data.Options{})
	if err != nil {
		return err
	}
	s.t.Cleanup(func() { st.Close() })
	s.store = st
	s.Record("switch " + path)
	return nil
}

// UseStore makes st the database the screens see and records "use PATH".
func (s *Shell) UseStore(st *data.Store) {
	s.t.Cleanup(func() { st.Close() })
	s.store = st
	s.Record("use " + st.Path())
}

// Rebuild records "rebuild".
func (s *Shell) Rebuild() { s.Record("rebuild") }

// ChangeLanguage makes Language answer code and records "language CODE".
func (s *Shell) ChangeLanguage(code string) {
	s.lang = code
	s.Record("language " + code)
}

// AppVersion is "test".
func (s *Shell) AppVersion() string { return "test" }

// LoadTranslation is the merged translation table of one language.
func LoadTranslation(t testing.TB, code string) map[string]string {
	t.Helper()
	b, err := uikit.Translations(code)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]string
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("%s.json: %v", code, err)
	}
	return m
}

// Walk calls visit on o and on every object below it, the parts of
// widgets included.
func Walk(o fyne.CanvasObject, visit func(fyne.CanvasObject)) {
	visit(o)
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			Walk(c, visit)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			Walk(c, visit)
		}
	}
}

// LabelTexts lists the texts of every label below o, widgets included.
func LabelTexts(o fyne.CanvasObject) []string {
	var out []string
	Walk(o, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok {
			out = append(out, l.Text)
		}
	})
	return out
}

// FindButton finds a button by its text anywhere below o, or fails the test.
func FindButton(t testing.TB, o fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	var found *widget.Button
	Walk(o, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && found == nil && b.Text == text {
			found = b
		}
	})
	if found == nil {
		t.Fatalf("no button %q", text)
	}
	return found
}

// HasCall reports whether a recorded call starts with prefix.
func (s *Shell) HasCall(prefix string) bool {
	for _, c := range s.Calls() {
		if strings.HasPrefix(c, prefix) {
			return true
		}
	}
	return false
}

// PrintWeek records "print week PERIOD KIND".
func (s *Shell) PrintWeek(periodID string, kind reports.WeekKind) {
	s.Record("print week " + periodID + " " + string(kind))
}

// SaveWeekCalendar records "calendar week PERIOD WHO KEY".
func (s *Shell) SaveWeekCalendar(periodID, who, key string) {
	s.Record("calendar week " + periodID + " " + who + " " + key)
}
