package shell

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"techniqual/data"
	"techniqual/ui/internal/uitest"
	"techniqual/ui/uikit"
)

func newTestWindow(t *testing.T, st *data.Store) *MainWindow {
	t.Helper()
	a := test.NewTempApp(t)
	SetLanguage(uikit.LangSwedish)
	m := NewMainWindow(a, st)
	m.win.Resize(fyne.NewSize(1100, 720))
	waitOverview(t, m)
	return m
}

func waitOverview(t *testing.T, m *MainWindow) { t.Helper(); waitIdle(t, m) }

func init() { holdHandBacks = true }

// waitIdle waits for every background load of the window and runs what
// each hands back, on the test's goroutine, as the event loop would.
func waitIdle(t testing.TB, m *MainWindow) {
	t.Helper()
	if !m.runner.Drain(30 * time.Second) {
		t.Fatal("background loads did not finish")
	}
}

func TestEverySectionHasAScreen(t *testing.T) {
	m := newTestWindow(t, uitest.OpenStore(t))
	for _, sec := range sections {
		if buildScreen(m, sec.id) == nil {
			t.Errorf("section %s has no screen", sec.id)
		}
	}
	m.Show("contacts")
	waitIdle(t, m)
	if got := m.app.Preferences().String(prefLastScreen); got != "contacts" {
		t.Errorf("last screen remembered as %q", got)
	}
	m.Show("overview")
	waitIdle(t, m)
	if m.content.Objects[0] != m.overview.Content() {
		t.Error("overview not shown again")
	}
}

func TestEnglishWhenChosen(t *testing.T) {
	t.Cleanup(func() { SetLanguage(uikit.LangSwedish) })
	a := test.NewTempApp(t)
	SetLanguage(uikit.LangEnglish)
	m := NewMainWindow(a, uitest.OpenStore(t))
	waitOverview(t, m)
	m.Show("pupils")
	waitIdle(t, m)
	joined := strings.Join(uitest.LabelTexts(m.content), "\n")
	if !strings.Contains(joined, "pupils") || !strings.Contains(joined, "Choose a pupil in the list") {
		t.Errorf("English pupils screen shows %q", joined)
	}
}

func TestOpenErrorTextSaysWhatAndWhere(t *testing.T) {
	SetLanguage(uikit.LangSwedish)
	cases := []struct {
		err  error
		want string
	}{
		{data.ErrNotDatabase, "ingen Techniqual-databas"},
		{data.ErrNewerVersion, "nyare version"},
		{data.ErrInUse, "redan öppen"},
		{fmt.Errorf("%w: database disk image is malformed", data.ErrDamaged), "är skadad: delar av den går inte att läsa. Den har inte ändrats. Återställ den senaste säkerhetskopian (de dagliga ligger i /hem/syv/backups)"},
	}
	for _, c := range cases {
		got := uikit.OpenErrorText("/hem/syv/elever.db", c.err)
		if !strings.Contains(got, c.want) || !strings.Contains(got, "/hem/syv/elever.db") {
			t.Errorf("OpenErrorText(%v) = %q", c.err, got)
		}
	}
}

// leaverScreen is a screen with unsaved edits: it keeps what the window
// asks it to run when it lets go.
type leaverScreen struct {
	content fyne.CanvasObject
	asked   []func()
}

func (l *leaverScreen) Content() fyne.CanvasObject { return l.content }
func (l *leaverScreen) Reload()                    {}
func (l *leaverScreen) AskToLeave(next func())     { l.asked = append(l.asked, next) }

// creatorScreen is a screen that counts the new items started there.
type creatorScreen struct{ created int }

func (c *creatorScreen) Content() fyne.CanvasObject { return widget.NewLabel("ny") }
func (c *creatorScreen) Reload()                    {}
func (c *creatorScreen) OnNew()                     { c.created++ }

// TestLeavingAScreenWithUnsavedEditsAsksIt: a screen with unsaved edits
// (uikit.Leaver) is asked before another is shown; while it asks, and when
// the user stays, it stays shown and the list points at it; a screen asked
// for with something to do there (ShowNew) does it only once shown.
func TestLeavingAScreenWithUnsavedEditsAsksIt(t *testing.T) {
	m := newTestWindow(t, uitest.OpenStore(t))
	l := &leaverScreen{content: widget.NewLabel("osparat")}
	c := &creatorScreen{}
	m.screens["contacts"], m.screens["events"] = l, c
	m.Show("contacts")
	waitIdle(t, m)
	contacts, events := sectionIndex("contacts"), sectionIndex("events")
	stillThere := func(when string, asked int) {
		t.Helper()
		if len(l.asked) != asked || m.Current() != l.content || m.current != contacts || c.created != 0 {
			t.Fatalf("%s: asked %d times (want %d), section %d (want %d), new items %d",
				when, len(l.asked), asked, m.current, contacts, c.created)
		}
	}
	stillThere("shown", 0)

	m.Show("overview")
	stillThere("asked to show Översikt", 1)
	// The list points at the screen still shown: choosing Översikt in it
	// again asks again (had it stayed on Översikt, the list would ignore
	// the choice).
	m.nav.Select(sectionIndex("overview"))
	stillThere("Översikt chosen again in the list", 2)
	// The user stays (Avbryt: the question's next never runs), and later
	// asks for a new event.
	m.ShowNew("events")
	stillThere("asked for a new event", 3)
	l.asked[2]() // this time the user lets go (Spara or Släng ändringarna)
	waitIdle(t, m)
	if m.current != events || m.Current() == l.content || c.created != 1 {
		t.Errorf("after letting go: section %d (want %d), new items %d (want 1)", m.current, events, c.created)
	}
}

// TestClosingTheWindowAsksAboutUnsavedEdits: closing the window asks the
// screen shown first, and closes only when it lets go (review: closing had
// lost the edits without a word).
func TestClosingTheWindowAsksAboutUnsavedEdits(t *testing.T) {
	m := newTestWindow(t, uitest.OpenStore(t))
	closed := 0
	m.OnClosed = func() { closed++ }
	l := &leaverScreen{content: widget.NewLabel("osparat")}
	m.screens["contacts"] = l
	m.Show("contacts")
	waitIdle(t, m)
	m.onCloseRequested()
	if len(l.asked) != 1 || closed != 0 {
		t.Fatalf("closing: asked %d times, closed %d times; want asked once, still open", len(l.asked), closed)
	}
	l.asked[0]() // the user lets go
	if closed != 1 {
		t.Errorf("after letting go the window closed %d times, want once", closed)
	}
}
