// Package matching is the Matchning screen: the matching of a period's
// pupils to offers, its rules and weights, the result with reasons, and
// moving or locking a pupil by hand.
package matching

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"techniqual/data"
	"techniqual/data/match"
	"techniqual/ui/uikit"
	"techniqual/ui/widgets"
)

// Shell is what Matchning needs from the window: only the Base.
type Shell interface {
	uikit.Base
}

// Screen is Matchning: pick a period and the goals, run the
// allocation off the UI goroutine (cancellable), look at the result — how
// many got their 1st, 2nd, … choice, girls and boys per offer, why the
// unplaced are unplaced, what the soft goals cost — change placements by
// hand (move, lock, clear), run again around the locks, and accept the
// result into the database (with undo).
//
// The placement being worked on lives in memory (work, locked, source) until
// Godkänn saves it in one transaction; Ångra puts back what that save
// replaced.
type Screen struct {
	main    Shell
	content fyne.CanvasObject

	periods []data.Period
	alloc   *data.Allocation
	hosts   map[string]string // organisation id → name

	work   []int // offer index per pupil, or match.NoOffer
	locked []bool
	source []data.AssignmentSource

	last       *match.Result // the latest solver result (for explanations and soft goals)
	lastAssign []int         // what it placed
	changes    []data.PlacementChange
	ranOnce    bool
	counts     []data.OfferCount
	undo       *data.AllocationUndo
	hand       []handStep // changes by hand since the last run or load, for Ångra
	cancel     context.CancelFunc
	running    bool
	refreshing int // reads of the period under way (refresh): Kör and Godkänn wait

	rows     []int // pupils shown in the placement table
	unplaced []int // pupils in the unplaced list
	selected int   // pupil index of the table's selected row, or -1

	period                                *widget.Select
	mode                                  *widget.Select
	friends, noLone                       *widget.Check
	friendsW, loneW                       *widget.Select
	runBtn, cancelBtn, acceptBtn, undoBtn *widget.Button
	progress                              *widget.ProgressBarInfinite
	message                               *widget.Label
	summary                               *widget.Label
	chart                                 *widgets.BarChart
	resultBox                             *fyne.Container
	soft                                  *widget.Label
	changed                               *widget.Label
	search                                *widget.Entry
	table                                 *widget.Table
	pupilLbl                              *widget.Label
	// moveTo chooses the offer of a manual move: a region has thousands of
	// offers, so a few typed letters of title or host and Enter pick one.
	moveTo *widgets.SearchPicker
	// wantPeriod is the period the next Reload chooses ("" for the usual).
	wantPeriod                 string
	moveBtn, lockBtn, clearBtn *widget.Button
	offers                     *widget.Table
	unplacedList               *widget.List
	explain                    *widget.Label
	placeBtn                   *widget.Button // Ej placerade: to Placeringar with the pupil
	unplacedSel                int            // pupil index chosen in Ej placerade, or -1
	tabs                       *container.AppTabs
}

// weights offered for the soft goals, in units of rank cost.
var softWeights = []string{"1", "2", "3", "5", "8", "13", "20"}

// New builds the screen; Reload fills it.
func New(m Shell) *Screen {
	s := &Screen{main: m, selected: -1}
	s.period = widgets.NewSelect(nil, s.onPeriodChanged)
	s.period.PlaceHolder = lang.X("matching.pick_period", "Välj praoperiod")
	s.mode = widgets.NewSelect([]string{
		lang.X("matching.mode_convex", "Många får ett högt val (standard)"),
		lang.X("matching.mode_rank_maximal", "Så många förstaval som möjligt"),
	}, nil)
	s.mode.SetSelectedIndex(0)
	s.friends = widget.NewCheck(lang.X("matching.friends", "Kompisar tillsammans"), nil)
	s.noLone = widget.NewCheck(lang.X("matching.no_lone", "Ingen ensam tjej eller kille"), nil)
	s.friendsW = widgets.NewSelect(softWeights, nil)
	s.friendsW.SetSelected("5")
	s.loneW = widgets.NewSelect(softWeights, nil)
	s.loneW.SetSelected("5")

	s.runBtn = widget.NewButtonWithIcon(lang.X("matching.run", "Kör matchning"), theme.MediaPlayIcon(), s.onRun)
	s.runBtn.Importance = widget.HighImportance
	s.cancelBtn = widget.NewButtonWithIcon(lang.X("matching.cancel", "Avbryt"), theme.CancelIcon(), s.onCancel)
	s.acceptBtn = widget.NewButtonWithIcon(lang.X("matching.accept", "Godkänn"), theme.ConfirmIcon(), s.onAccept)
	s.undoBtn = widget.NewButtonWithIcon(lang.X("matching.undo", "Ångra"), theme.ContentUndoIcon(), s.onUndo)
	s.progress = widget.NewProgressBarInfinite()
	s.progress.Stop()
	s.progress.Hide()
	s.message = widget.NewLabel(lang.X("matching.intro", "Välj en praoperiod och tryck Kör matchning."))
	s.message.Wrapping = fyne.TextWrapWord

	// Result tab.
	s.summary = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.summary.Wrapping = fyne.TextWrapWord
	s.chart = widgets.NewBarChart()
	s.soft = widget.NewLabel("")
	s.soft.Wrapping = fyne.TextWrapWord
	s.changed = widget.NewLabel("")
	s.changed.Wrapping = fyne.TextWrapWord
	chartTitle := widget.NewLabelWithStyle(lang.X("matching.chart_title", "Vilket val eleverna fick"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	softTitle := widget.NewLabelWithStyle(lang.X("matching.soft_title", "Mjuka mål"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	changedTitle := widget.NewLabelWithStyle(lang.X("matching.changes_title", "Ändringar mot förra läget"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.resultBox = container.NewVBox(s.summary, chartTitle, s.chart, softTitle, s.soft, changedTitle, s.changed)
	result := container.NewVScroll(container.NewPadded(s.resultBox))

	// Placements tab.
	s.search = widget.NewEntry()
	s.search.SetPlaceHolder(lang.X("matching.search", "Sök elev, klass eller praoplats"))
	s.search.OnChanged = func(string) { s.refreshRows() }
	s.table = widget.NewTable(func() (int, int) { return len(s.rows), len(matchingColumns) }, s.newCell, s.updateCell)
	s.table.ShowHeaderRow = true
	s.table.CreateHeader = func() fyne.CanvasObject {
		return widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	s.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 && id.Col < len(matchingColumns) {
			o.(*widget.Label).SetText(lang.X(matchingColumns[id.Col].key, matchingColumns[id.Col].sv))
		}
	}
	for i, c := range matchingColumns {
		s.table.SetColumnWidth(i, c.width)
	}
	s.table.OnSelected = func(id widget.TableCellID) {
		if id.Row >= 0 && id.Row < len(s.rows) {
			s.selectPupil(s.rows[id.Row])
		}
	}
	s.pupilLbl = widget.NewLabel(lang.X("matching.no_pupil", "Välj en elev i tabellen."))
	s.pupilLbl.Wrapping = fyne.TextWrapWord
	s.moveTo = widgets.NewSearchPicker(lang.X("matching.move_filter", "Sök och välj praoplatsen att flytta till …"), func(string) { s.updateButtons() })
	s.moveBtn = widget.NewButtonWithIcon(lang.X("matching.move", "Flytta"), theme.NavigateNextIcon(), s.onMove)
	s.lockBtn = widget.NewButton(lang.X("matching.lock", "Lås"), s.onToggleLock)
	s.clearBtn = widget.NewButtonWithIcon(lang.X("matching.clear", "Töm"), theme.ContentClearIcon(), s.onClear)
	// The chosen pupil and what can be done with them beside the table,
	// not under it: found by use at 1366x768, the table showed five rows
	// and the buttons were drawn as tall thin columns.
	actions := container.NewVBox(s.pupilLbl, s.moveTo.Content, container.NewHBox(s.moveBtn, s.lockBtn, s.clearBtn))
	split := container.NewHSplit(container.NewBorder(s.search, nil, nil, nil, s.table), container.NewVScroll(container.NewPadded(actions)))
	split.Offset = 0.68
	placements := split

	// Offers tab.
	s.offers = widget.NewTable(func() (int, int) {
		if s.alloc == nil {
			return 0, len(offerColumns)
		}
		return len(s.alloc.Offers), len(offerColumns)
	}, s.newCell, s.updateOfferCell)
	s.offers.ShowHeaderRow = true
	s.offers.CreateHeader = s.table.CreateHeader
	s.offers.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 && id.Col < len(offerColumns) {
			o.(*widget.Label).SetText(lang.X(offerColumns[id.Col].key, offerColumns[id.Col].sv))
		}
	}
	for i, c := range offerColumns {
		s.offers.SetColumnWidth(i, c.width)
	}

	// Unplaced tab.
	s.explain = widget.NewLabel("")
	s.explain.Wrapping = fyne.TextWrapWord
	s.unplacedList = widgets.NewTwoLineList(func() int { return len(s.unplaced) }, func(id int) (string, string) {
		i := s.unplaced[id]
		return s.pupilName(i) + " · " + s.alloc.Pupils[i].ClassName, s.explanation(i, false)
	})
	// Placera takes the chosen pupil to Placeringar, found and selected,
	// where Flytta places them: the list alone was a dead end.
	s.placeBtn = widget.NewButtonWithIcon(lang.X("matching.place_unplaced", "Placera eleven …"), theme.NavigateNextIcon(), func() {
		if s.unplacedSel >= 0 {
			s.showInPlacements(s.unplacedSel)
		}
	})
	s.placeBtn.Disable()
	s.unplacedSel = -1
	s.unplacedList.OnSelected = func(id widget.ListItemID) {
		if id < len(s.unplaced) {
			i := s.unplaced[id]
			s.unplacedSel = i
			s.explain.SetText(s.pupilName(i) + ": " + s.explanation(i, true))
			s.placeBtn.Enable()
		}
	}
	unplaced := container.NewBorder(nil, container.NewPadded(container.NewBorder(nil, nil, nil, s.placeBtn, s.explain)), nil, nil, s.unplacedList)

	s.tabs = container.NewAppTabs(
		container.NewTabItem(lang.X("matching.tab_result", "Resultat"), result),
		container.NewTabItem(lang.X("matching.tab_placements", "Placeringar"), placements),
		container.NewTabItem(lang.X("matching.tab_offers", "Praoplatser"), s.offers),
		container.NewTabItem(lang.X("matching.tab_unplaced", "Ej placerade"), unplaced),
	)

	title := widget.NewLabelWithStyle(lang.X("nav.matching", "Matchning"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	periodRow := container.NewBorder(nil, nil, widget.NewLabel(lang.X("matching.period", "Praoperiod")), nil, s.period)
	goals := container.NewGridWithColumns(2,
		container.NewBorder(nil, nil, s.friends, nil, widgets.Labelled(lang.X("matching.weight", "Vikt"), s.friendsW)),
		container.NewBorder(nil, nil, s.noLone, nil, widgets.Labelled(lang.X("matching.weight", "Vikt"), s.loneW)))
	modeRow := container.NewBorder(nil, nil, widget.NewLabel(lang.X("matching.mode", "Mål")), nil, s.mode)
	buttons := container.NewBorder(nil, nil, container.NewHBox(s.runBtn, s.cancelBtn, s.acceptBtn, s.undoBtn), nil, s.message)
	top := container.NewVBox(title, container.NewGridWithColumns(2, periodRow, modeRow), goals, buttons, s.progress)
	s.content = container.NewBorder(container.NewPadded(top), nil, nil, nil, s.tabs)
	s.updateButtons()
	return s
}

// column is a table column: its header's key and Swedish text, and width.
type column struct {
	key, sv string
	width   float32
}

var matchingColumns = []column{
	{"matching.col.pupil", "Elev", 180},
	{"matching.col.class", "Klass", 52},
	{"matching.col.offer", "Praoplats", 240},
	{"matching.col.choice", "Val", 72},
	{"matching.col.state", "Läge", 90},
} // 634 px: the whole row beside the chosen pupil's panel at 1280x720

var offerColumns = []column{
	{"matching.col.offer", "Praoplats", 240},
	{"matching.col.host", "Företag", 220},
	{"matching.col.seats", "Platser", 80},
	{"matching.col.girls", "Flickor", 70},
	{"matching.col.boys", "Pojkar", 70},
	{"matching.col.note", "Anmärkning", 150},
}

// rankNames are the chart's rows for the 1st … 5th choice.
var rankNames = []column{
	{"matching.rank.1", "1:a val", 0},
	{"matching.rank.2", "2:a val", 0},
	{"matching.rank.3", "3:e val", 0},
	{"matching.rank.4", "4:e val", 0},
	{"matching.rank.5", "5:e val", 0},
}

// Content is the screen's root object.
func (s *Screen) Content() fyne.CanvasObject { return s.content }

// Reload fetches the periods; the chosen period (or the first that is
// choosing pupils) is loaded when the list lands.
func (s *Screen) Reload() {
	st := s.main.Store()
	s.main.Background(func() func() {
		periods, err := st.ListPeriods(context.Background())
		return func() {
			if err != nil {
				dialog.ShowError(err, s.main.Window())
				return
			}
			s.periods = periods
			var names []string
			for _, p := range periods {
				names = append(names, p.Name)
			}
			s.period.Options = names
			s.period.Refresh()
			// A period asked for (a checklist line of Översikt or
			// Praoperioder) comes first.
			if i := slices.IndexFunc(periods, func(p data.Period) bool { return p.ID == s.wantPeriod }); i >= 0 {
				s.wantPeriod = ""
				if s.period.SelectedIndex() != i {
					s.period.SetSelectedIndex(i) // loads it
				}
				return
			}
			s.wantPeriod = ""
			if s.alloc != nil && slices.ContainsFunc(periods, func(p data.Period) bool { return p.ID == s.alloc.Period.ID }) {
				// Keep the work in progress, on the problem as it is now:
				// found by use, a seat count changed in the host form
				// stayed old here until the app was restarted.
				s.refresh(nil)
				return
			}
			pick := slices.IndexFunc(periods, func(p data.Period) bool { return p.Status == data.PeriodChoosing })
			if pick < 0 {
				pick = slices.IndexFunc(periods, func(p data.Period) bool { return p.Status == data.PeriodPlanning })
			}
			if pick < 0 && len(periods) > 0 {
				pick = 0
			}
			if pick >= 0 {
				s.period.SetSelectedIndex(pick) // loads it
			}
		}
	})
}

// ShowPeriod makes the next Reload show the period with that id (the shell
// shows the screen, which reloads it).
func (s *Screen) ShowPeriod(id string) { s.wantPeriod = id }

func (s *Screen) onPeriodChanged(string) {
	i := s.period.SelectedIndex()
	if i < 0 || i >= len(s.periods) {
		return
	}
	if s.alloc != nil && s.alloc.Period.ID == s.periods[i].ID {
		s.refresh(nil) // the same period picked again: read it afresh
		return
	}
	s.onCancel()
	s.last, s.lastAssign, s.changes, s.undo, s.ranOnce = nil, nil, nil, nil, false
	s.load(s.periods[i].ID, lang.X("matching.loaded", "Dagens placeringar visas. Tryck Kör matchning för att fördela eleverna."))
}

// load reads the period's problem and placements from the database and
// makes them the work in progress; msg is shown when it lands.
func (s *Screen) load(periodID, msg string) {
	st := s.main.Store()
	s.alloc = nil
	s.setBusy(true)
	s.main.Background(func() func() {
		ctx := context.Background()
		a, err := st.LoadAllocation(ctx, periodID)
		var orgs []data.Organisation
		if err == nil {
			orgs, err = st.ListOrganisations(ctx, data.KindCompany)
		}
		return func() {
			s.setBusy(false)
			if err != nil {
				dialog.ShowError(err, s.main.Window())
				return
			}
			s.hosts = make(map[string]string, len(orgs))
			for _, o := range orgs {
				s.hosts[o.ID] = o.Name
			}
			if s.last != nil && len(s.lastAssign) != len(a.Pupils) {
				s.last, s.lastAssign = nil, nil
			}
			s.alloc, s.counts = a, nil
			n := len(a.Pupils)
			s.work, s.locked, s.source = make([]int, n), make([]bool, n), make([]data.AssignmentSource, n)
			for i, p := range a.Current {
				s.work[i], s.locked[i], s.source[i] = p.Offer, p.Locked, p.Source
			}
			s.selected = -1
			s.hand = nil
			s.table.UnselectAll()
			s.message.SetText(msg)
			s.refreshAll()
		}
	})
}

// refresh reads the shown period's problem again (another screen may have
// changed an offer's seats, a pupil's choices or a placement) and puts the
// work in progress on it; then, when not nil, is the run that waits for it
// and runs after on the UI goroutine. While a run is under way nothing is
// read: its result would land on a problem it was not solved for.
func (s *Screen) refresh(then func()) {
	if s.alloc == nil || s.running && then == nil {
		return
	}
	old := s.alloc
	st := s.main.Store()
	s.refreshing++ // Kör and Godkänn wait for it (review: a run started meanwhile was dropped)
	s.setBusy(true)
	s.main.Background(func() func() {
		ctx := context.Background()
		a, err := st.LoadAllocation(ctx, old.Period.ID)
		var orgs []data.Organisation
		if err == nil {
			orgs, err = st.ListOrganisations(ctx, data.KindCompany)
		}
		return func() {
			s.refreshing--
			s.setBusy(false)
			if err != nil || s.alloc != old { // or another period was chosen meanwhile
				if then != nil {
					s.endRun()
				}
				if err != nil {
					dialog.ShowError(err, s.main.Window())
				}
				return
			}
			s.hosts = make(map[string]string, len(orgs))
			for _, o := range orgs {
				s.hosts[o.ID] = o.Name
			}
			s.rebase(a)
			if then != nil {
				then()
			}
		}
	})
}

// unsaved reports whether the work in progress differs from the
// placements in the database (a run or a change by hand not yet approved).
func (s *Screen) unsaved() bool {
	for i, p := range s.alloc.Current {
		if s.work[i] != p.Offer || s.locked[i] != p.Locked {
			return true
		}
	}
	return false
}

// sameProblem reports whether a and b pose the same problem: the same
// pupils and offers in the same order, the same seats, choices and rules,
// and the same placements in the database.
func sameProblem(a, b *data.Allocation) bool {
	if len(a.Pupils) != len(b.Pupils) || len(a.Offers) != len(b.Offers) {
		return false
	}
	for i := range a.Pupils {
		if a.Pupils[i].ID != b.Pupils[i].ID {
			return false
		}
	}
	for j := range a.Offers {
		if a.Offers[j].ID != b.Offers[j].ID {
			return false
		}
	}
	return reflect.DeepEqual(a.Instance, b.Instance) && slices.Equal(a.Current, b.Current)
}

// rebase makes a, the period read afresh, the problem of the screen. The
// work in progress is kept when it is not saved (the screen promises that
// until Godkänn), carried over by pupil and offer id; when the problem
// under it changed, the message says so and asks for a new run, and the
// last run's explanations, which were about the old problem, are dropped.
// Work not saved, or no change at all, is taken as it is in the database.
func (s *Screen) rebase(a *data.Allocation) {
	old := s.alloc
	changed, dirty := !sameProblem(old, a), s.unsaved()
	n := len(a.Pupils)
	// pupil and offer index in old → index in a, or -1
	pupilTo := make([]int, len(old.Pupils))
	for i, p := range old.Pupils {
		pupilTo[i] = -1
		if k, ok := a.PupilIndex(p.ID); ok {
			pupilTo[i] = k
		}
	}
	offerTo := func(j int) int {
		if j < 0 || j >= len(old.Offers) {
			return match.NoOffer
		}
		if k, ok := a.OfferIndex(old.Offers[j].ID); ok {
			return k
		}
		return match.NoOffer
	}
	lost := 0
	// carry puts one state of the work (the shown one, or one kept for
	// Ångra) on the new problem; a pupil new to it stands as saved.
	carry := func(work []int, locked []bool, source []data.AssignmentSource, count bool) ([]int, []bool, []data.AssignmentSource) {
		w, l, src := make([]int, n), make([]bool, n), make([]data.AssignmentSource, n)
		for i, p := range a.Current {
			w[i], l[i], src[i] = p.Offer, p.Locked, p.Source
		}
		for oi, i := range pupilTo {
			if i < 0 {
				continue
			}
			w[i], l[i], src[i] = offerTo(work[oi]), locked[oi], source[oi]
			if w[i] == match.NoOffer {
				if work[oi] != match.NoOffer && count {
					lost++ // their offer is gone from the period
				}
				l[i], src[i] = false, ""
			}
		}
		return w, l, src
	}
	carryChanges := func(cs []data.PlacementChange) []data.PlacementChange {
		var out []data.PlacementChange
		for _, c := range cs {
			if c.Pupil < len(pupilTo) && pupilTo[c.Pupil] >= 0 {
				out = append(out, data.PlacementChange{Pupil: pupilTo[c.Pupil], From: offerTo(c.From), To: offerTo(c.To)})
			}
		}
		return out
	}
	if dirty {
		s.work, s.locked, s.source = carry(s.work, s.locked, s.source, true)
		s.changes = carryChanges(s.changes)
		for k, h := range s.hand {
			h.work, h.locked, h.source = carry(h.work, h.locked, h.source, false)
			h.changes = carryChanges(h.changes)
			s.hand[k] = h
		}
	} else {
		s.work, s.locked, s.source = make([]int, n), make([]bool, n), make([]data.AssignmentSource, n)
		for i, p := range a.Current {
			s.work[i], s.locked[i], s.source[i] = p.Offer, p.Locked, p.Source
		}
		s.changes = carryChanges(s.changes)
		s.hand = nil
	}
	if s.selected >= 0 && s.selected < len(pupilTo) {
		s.selected = pupilTo[s.selected]
	}
	hadRun := s.last != nil
	if changed {
		s.last, s.lastAssign = nil, nil
	}
	s.alloc, s.counts = a, nil
	if changed && (dirty || hadRun) {
		msg := lang.X("matching.changed_since_run", "Praoplatserna eller elevernas val har ändrats sedan körningen: kör igen. Platserna visas som de är nu.")
		if lost > 0 {
			msg += " " + lang.X("matching.lost_offers", "{{.N}} elever stod på praoplatser som inte längre finns i perioden och är nu utan plats.",
				map[string]string{"N": strconv.Itoa(lost)})
		}
		s.message.SetText(msg)
	}
	s.refreshAll()
	if s.selected >= 0 {
		s.selectPupil(s.selected) // its label names the offer as it is now
	}
}

// options reads the goals from the controls.
func (s *Screen) options() match.Options {
	w := func(sel *widget.Select) int64 {
		n, _ := strconv.ParseInt(sel.Selected, 10, 64)
		return n
	}
	return match.Options{RankMaximal: s.mode.SelectedIndex() == 1, FriendsTogether: s.friends.Checked,
		FriendsWeight: w(s.friendsW), NoLoneGender: s.noLone.Checked, NoLoneWeight: w(s.loneW)}
}

// onRun solves the period off the UI goroutine with the locks of the work
// in progress. Avbryt cancels it; the window stays responsive.
func (s *Screen) onRun() {
	if s.alloc == nil || s.running || s.refreshing > 0 {
		return
	}
	// The problem is read afresh first: an offer's seats may have changed
	// in the host form since the period was loaded.
	ctx, cancel := context.WithCancel(context.Background())
	s.cancel = cancel
	s.running = true
	s.message.SetText(lang.X("matching.running", "Matchar …"))
	s.refresh(func() { s.solve(ctx, cancel) })
}

// endRun ends a run that stopped before the solver started.
func (s *Screen) endRun() {
	if s.cancel != nil {
		s.cancel()
	}
	s.cancel, s.running = nil, false
	s.updateButtons()
}

// solve is onRun once the problem is read afresh.
func (s *Screen) solve(ctx context.Context, cancel context.CancelFunc) {
	locks := make([]int, len(s.work))
	for i := range locks {
		locks[i] = match.NoOffer
		if s.locked[i] {
			locks[i] = s.work[i]
		}
	}
	a := s.alloc
	in := a.WithLocks(locks, s.options())
	s.setBusy(true)
	s.message.SetText(lang.X("matching.running", "Matchar …"))
	s.main.Background(func() func() {
		res, err := match.Allocate(ctx, in)
		return func() {
			cancel()
			s.cancel, s.running = nil, false
			s.setBusy(false)
			switch {
			case errors.Is(err, context.Canceled):
				s.message.SetText(lang.X("matching.cancelled", "Matchningen avbröts. Inget har ändrats."))
				return
			case err != nil:
				dialog.ShowError(err, s.main.Window())
				return
			case s.alloc != a:
				return // another period was chosen meanwhile
			}
			s.applyResult(res)
		}
	})
}

// applyResult makes a solver result the work in progress and records what
// changed.
func (s *Screen) applyResult(res *match.Result) {
	prev := slices.Clone(s.work)
	s.work = slices.Clone(res.Assign)
	for i, j := range s.work {
		switch {
		case s.locked[i]:
		case j == match.NoOffer:
			s.source[i] = ""
		default:
			s.source[i] = data.SourceAuto
		}
	}
	s.last, s.lastAssign = res, slices.Clone(res.Assign)
	s.hand = nil // a run starts from the changes by hand, which it keeps as locks
	s.changes = data.DiffPlacements(prev, s.work)
	s.ranOnce = true
	s.message.SetText(lang.X("matching.done", "Klart: {{.Placed}} placerade, {{.Unplaced}} ej placerade. Granska och tryck Godkänn för att spara.",
		map[string]string{"Placed": strconv.Itoa(res.Placed), "Unplaced": strconv.Itoa(res.Unplaced)}))
	s.refreshAll()
}

func (s *Screen) onCancel() {
	if s.cancel != nil {
		s.cancel()
	}
}

// onAccept saves the work in progress as the period's placements and marks
// the period matched, in one transaction; with pupils unplaced or an offer
// over its capacity it asks first, with the counts.
func (s *Screen) onAccept() {
	if s.alloc == nil || s.running || s.refreshing > 0 {
		return
	}
	if q := s.acceptQuestion(); q != "" {
		d := dialog.NewConfirm(lang.X("way.match.accept_title", "Godkänna placeringarna?"), q, func(ok bool) {
			if ok {
				s.accept()
			}
		}, s.main.Window())
		d.SetConfirmText(lang.X("way.match.accept_anyway", "Godkänn ändå"))
		d.SetDismissText(lang.X("way.cancel", "Avbryt"))
		d.Show()
		return
	}
	s.accept()
}

// acceptQuestion is what Godkänn asks about the work in progress: pupils
// not placed and offers over their capacity, or "" when there is nothing
// to ask.
func (s *Screen) acceptQuestion() string {
	a := s.alloc
	st := a.Stats(s.work)
	var parts []string
	if st.Unplaced > 0 {
		// Named, the first few: found by use, the count alone sent the
		// counsellor back to Ej placerade to learn who.
		var names []string
		for i, j := range s.work {
			if j == match.NoOffer {
				names = append(names, s.pupilName(i)+" ("+a.Pupils[i].ClassName+")")
			}
		}
		parts = append(parts, lang.X("way.match.unplaced_named", "{{.Unplaced}} av {{.Pupils}} elever är inte placerade: {{.Names}}.",
			map[string]string{"Unplaced": strconv.Itoa(st.Unplaced), "Pupils": strconv.Itoa(len(a.Pupils)),
				"Names": firstFew(names, maxNamed)}))
	}
	// Pupils who have a place in the database and would lose it (found by
	// use: a period's run without choices unplaced 300 placed pupils, and
	// the question named them only as unplaced).
	lose := 0
	for i, j := range s.work {
		if j == match.NoOffer && i < len(a.Current) && a.Current[i].Offer != match.NoOffer {
			lose++
		}
	}
	if lose > 0 {
		parts = append(parts, uikit.Plural(lose, "way.match.lose_one", "1 elev som har en plats nu blir utan plats.",
			"way.match.lose_other", "{{.N}} elever som har en plats nu blir utan plats.", nil))
	}
	var over []string
	for j, c := range st.PerOffer {
		if c.Taken > a.Offers[j].Capacity {
			over = append(over, lang.X("way.match.over_one", "{{.Offer}} ({{.Taken}} av {{.Capacity}})",
				map[string]string{"Offer": s.offerName(j), "Taken": strconv.Itoa(c.Taken), "Capacity": strconv.Itoa(a.Offers[j].Capacity)}))
		}
	}
	if len(over) > 0 {
		parts = append(parts, lang.X("way.match.over", "{{.N}} praoplatser har fler elever än platser: {{.Offers}}.",
			map[string]string{"N": strconv.Itoa(len(over)), "Offers": strings.Join(over, ", ")}))
	}
	if len(parts) == 0 {
		return ""
	}
	return strings.Join(parts, "\n") + "\n\n" + lang.X("way.match.accept_anyway_q", "Spara placeringarna och markera perioden som matchad ändå?")
}

// maxNamedOffers is how many offers a full explanation names.
const maxNamedOffers = 12

// maxNamed is how many pupils or offers a sentence names before "och N
// till".
const maxNamed = 6

// firstFew joins the first max of names, and says how many more there are.
func firstFew(names []string, max int) string {
	if len(names) <= max {
		return strings.Join(names, ", ")
	}
	return strings.Join(names[:max], ", ") + lang.X("matching.and_more", " och {{.N}} till",
		map[string]string{"N": strconv.Itoa(len(names) - max)})
}

// accept saves the work in progress (onAccept after its question).
func (s *Screen) accept() {
	a := s.alloc
	plan := make([]data.Placement, len(s.work))
	for i := range plan {
		plan[i] = data.Placement{Offer: s.work[i], Locked: s.locked[i], Source: s.source[i]}
		if plan[i].Offer != match.NoOffer && plan[i].Source == "" {
			plan[i].Source = data.SourceManual
		}
	}
	st := s.main.Store()
	s.setBusy(true)
	s.main.Background(func() func() {
		undo, err := st.SaveAllocation(context.Background(), a, plan, true)
		return func() {
			s.setBusy(false)
			if err != nil {
				dialog.ShowError(err, s.main.Window())
				return
			}
			s.undo = undo
			placed := 0
			for _, p := range plan {
				if p.Offer != match.NoOffer {
					placed++
				}
			}
			s.load(a.Period.ID, lang.X("matching.accepted",
				"Godkänt: {{.Placed}} placeringar är sparade och perioden är matchad. Ångra tar tillbaka det.",
				map[string]string{"Placed": strconv.Itoa(placed)}))
		}
	})
}

// onUndo puts back the placements and status the last Godkänn replaced.
func (s *Screen) onUndo() {
	if s.alloc == nil || s.running {
		return
	}
	// The last change by hand first; when there is none, the last Godkänn.
	if n := len(s.hand); n > 0 {
		h := s.hand[n-1]
		s.hand = s.hand[:n-1]
		s.work, s.locked, s.source, s.changes = h.work, h.locked, h.source, h.changes
		s.message.SetText(lang.X("matching.undone_hand", "Ångrat: den senaste ändringen för hand."))
		s.refreshAll() // which chooses the pupil's row again, when shown
		return
	}
	if s.undo == nil {
		return
	}
	u, id := s.undo, s.alloc.Period.ID
	st := s.main.Store()
	s.setBusy(true)
	s.main.Background(func() func() {
		err := st.UndoAllocation(context.Background(), u)
		return func() {
			s.setBusy(false)
			if err != nil {
				dialog.ShowError(err, s.main.Window())
				return
			}
			s.undo = nil
			s.changes = nil
			s.load(id, lang.X("matching.undone", "Ångrat: placeringarna och periodens status är som före Godkänn."))
		}
	})
}

// setBusy shows the progress bar and disables what must wait.
func (s *Screen) setBusy(busy bool) {
	if busy {
		s.progress.Show()
		s.progress.Start()
	} else {
		s.progress.Stop()
		s.progress.Hide()
	}
	s.updateButtons()
}

func (s *Screen) updateButtons() {
	ready := s.alloc != nil && !s.running && s.refreshing == 0
	enable := func(b *widget.Button, on bool) {
		if on {
			b.Enable()
		} else {
			b.Disable()
		}
	}
	enable(s.runBtn, ready)
	enable(s.cancelBtn, s.running)
	enable(s.acceptBtn, ready)
	enable(s.undoBtn, ready && (s.undo != nil || len(s.hand) > 0))
	if s.ranOnce {
		s.runBtn.SetText(lang.X("matching.run_again", "Kör igen"))
	} else {
		s.runBtn.SetText(lang.X("matching.run", "Kör matchning"))
	}
	sel := ready && s.selected >= 0
	// Flytta waits for an offer to move to (found by use: enabled with
	// none chosen, it did nothing); the placeholder says to choose one.
	enable(s.moveBtn, sel && s.moveTarget() >= 0)
	enable(s.clearBtn, sel && s.work[s.selected] != match.NoOffer)
	enable(s.lockBtn, sel && s.work[s.selected] != match.NoOffer)
	if sel && s.locked[s.selected] {
		s.lockBtn.SetText(lang.X("matching.unlock", "Lås upp"))
	} else {
		s.lockBtn.SetText(lang.X("matching.lock", "Lås"))
	}
}

// refreshAll redraws everything from the work in progress.
func (s *Screen) refreshAll() {
	s.updateButtons()
	if s.alloc == nil {
		return
	}
	a := s.alloc
	stats := a.Stats(s.work)
	s.counts = stats.PerOffer
	locked := 0
	for _, l := range s.locked {
		if l {
			locked++
		}
	}
	s.summary.SetText(lang.X("matching.summary",
		"{{.Placed}} av {{.Pupils}} elever placerade · {{.Unplaced}} ej placerade · {{.Locked}} låsta · status: {{.Status}}",
		map[string]string{"Placed": strconv.Itoa(stats.Placed), "Pupils": strconv.Itoa(len(a.Pupils)),
			"Unplaced": strconv.Itoa(stats.Unplaced), "Locked": strconv.Itoa(locked), "Status": uikit.PeriodStatusText(a.Period.Status)}))
	total := max(1, len(a.Pupils))
	row := func(label string, n int, muted bool) widgets.BarRow {
		share := float64(n) / float64(total)
		return widgets.BarRow{Label: label, Count: n, Share: share, Muted: muted,
			Text: fmt.Sprintf("%d %% (%d)", int(share*100+0.5), n)}
	}
	var rows []widgets.BarRow
	for r, n := range stats.RankCounts {
		if r < len(rankNames) {
			rows = append(rows, row(lang.X(rankNames[r].key, rankNames[r].sv), n, false))
		}
	}
	if stats.OffChoice > 0 {
		rows = append(rows, row(lang.X("matching.off_choice", "Inget av sina val"), stats.OffChoice, true))
	}
	rows = append(rows, row(lang.X("matching.unplaced", "Ej placerade"), stats.Unplaced, true))
	s.chart.SetRows(rows)
	s.soft.SetText(s.softText())
	s.changed.SetText(s.changesText())
	s.resultBox.Refresh() // the chart's and labels' heights follow their content

	s.unplaced = s.unplaced[:0]
	for i, j := range s.work {
		if j == match.NoOffer {
			s.unplaced = append(s.unplaced, i)
		}
	}
	s.unplacedList.UnselectAll()
	s.unplacedSel = -1
	s.placeBtn.Disable()
	s.unplacedList.Refresh()
	s.explain.SetText(lang.X("matching.explain_hint", "Välj en elev för att läsa hela förklaringen."))
	if len(s.unplaced) == 0 {
		s.explain.SetText(lang.X("matching.all_placed", "Alla elever är placerade."))
	}
	s.offers.Refresh()
	s.updateMoveOptions()
	s.refreshRows()
}

// refreshRows filters the placement table by the search text.
func (s *Screen) refreshRows() {
	if s.alloc == nil {
		return
	}
	q := strings.ToLower(strings.TrimSpace(s.search.Text))
	s.rows = s.rows[:0]
	for i, p := range s.alloc.Pupils {
		if q != "" {
			hay := strings.ToLower(p.Name() + " " + p.ClassName + " " + s.offerName(s.work[i]))
			if !strings.Contains(hay, q) {
				continue
			}
		}
		s.rows = append(s.rows, i)
	}
	// The table selects a row, and the rows have changed: select the chosen
	// pupil's new row, or no pupil when the search hides them. Left as it
	// was, the highlight stayed on a row that now held another pupil, and
	// a click there selected nothing new, so Flytta and Lås acted on the
	// pupil chosen before the search.
	s.table.UnselectAll()
	if s.selected >= 0 {
		if row := slices.Index(s.rows, s.selected); row >= 0 {
			s.table.Select(widget.TableCellID{Row: row, Col: 0})
		} else {
			s.selected = -1
			s.pupilLbl.SetText(lang.X("matching.no_pupil", "Välj en elev i tabellen."))
			s.updateButtons()
		}
	}
	s.table.Refresh()
}

func (s *Screen) newCell() fyne.CanvasObject {
	l := widget.NewLabel("")
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

func (s *Screen) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	l := o.(*widget.Label)
	if id.Row >= len(s.rows) || s.alloc == nil {
		l.SetText("")
		return
	}
	i := s.rows[id.Row]
	p := s.alloc.Pupils[i]
	l.Importance = widget.MediumImportance
	var text string
	switch id.Col {
	case 0:
		text = s.pupilName(i)
	case 1:
		text = p.ClassName
	case 2:
		text = s.offerName(s.work[i])
		if s.work[i] == match.NoOffer {
			text = lang.X("matching.not_placed", "– ej placerad –")
			l.Importance = widget.WarningImportance
		}
	case 3:
		text = s.choiceText(i, s.work[i])
	case 4:
		switch {
		case s.locked[i]:
			text = lang.X("matching.state_locked", "Låst")
		case s.source[i] == data.SourceManual:
			text = lang.X("matching.state_manual", "För hand")
		}
	}
	l.SetText(text)
}

func (s *Screen) updateOfferCell(id widget.TableCellID, o fyne.CanvasObject) {
	l := o.(*widget.Label)
	if s.alloc == nil || id.Row >= len(s.alloc.Offers) {
		l.SetText("")
		return
	}
	off := s.alloc.Offers[id.Row]
	c := s.perOffer()[id.Row]
	l.Importance = widget.MediumImportance
	var text string
	switch id.Col {
	case 0:
		text = off.Title
	case 1:
		text = s.hosts[off.HostID]
	case 2:
		text = fmt.Sprintf("%d/%d", c.Taken, off.Capacity)
	case 3:
		text = strconv.Itoa(c.Girls)
	case 4:
		text = strconv.Itoa(c.Boys)
	case 5:
		switch {
		case off.Status != data.OfferApproved:
			text = lang.X("matching.note_not_approved", "ej godkänd")
			l.Importance = widget.WarningImportance
		case c.Taken > off.Capacity:
			text = lang.X("matching.note_over", "överfull")
			l.Importance = widget.DangerImportance
		case c.Taken == off.Capacity:
			text = lang.X("matching.note_full", "full")
		case c.Girls == 1 && c.Boys > 0 || c.Boys == 1 && c.Girls > 0:
			text = lang.X("matching.note_lone", "en ensam tjej/kille")
		}
	}
	l.SetText(text)
}

// perOffer is the seats taken, girls and boys per offer in the work in
// progress, as of the last refreshAll.
func (s *Screen) perOffer() []data.OfferCount {
	if len(s.counts) != len(s.alloc.Offers) {
		s.counts = s.alloc.Stats(s.work).PerOffer
	}
	return s.counts
}

// pupilName is the pupil's name, marked when their identity is protected.
func (s *Screen) pupilName(i int) string {
	p := s.alloc.Pupils[i]
	if p.Protected {
		return lang.X("pupils.protected_mark", "SKYDDAD") + " · " + p.Name()
	}
	return p.Name()
}

// offerName is "title · company", or "" for no offer.
func (s *Screen) offerName(j int) string {
	if j < 0 || s.alloc == nil || j >= len(s.alloc.Offers) {
		return ""
	}
	o := s.alloc.Offers[j]
	if h := s.hosts[o.HostID]; h != "" {
		return o.Title + " · " + h
	}
	return o.Title
}

// choiceText says which of pupil i's choices offer j was.
func (s *Screen) choiceText(i, j int) string {
	if j == match.NoOffer {
		return "–"
	}
	r := s.alloc.Rank(i, j)
	if r == 0 {
		return lang.X("matching.off_choice_short", "ej valt")
	}
	if r <= len(rankNames) {
		return lang.X(rankNames[r-1].key, rankNames[r-1].sv)
	}
	return strconv.Itoa(r)
}

// showInPlacements shows Placeringar with pupil i found by name and
// chosen, ready for Flytta.
func (s *Screen) showInPlacements(i int) {
	s.tabs.SelectIndex(1)
	s.selectPupil(i)
	s.search.SetText(s.alloc.Pupils[i].Name())
	s.refreshRows() // selects their row (SetText of the same text changes nothing)
	s.main.Window().Canvas().Focus(s.moveTo.SearchBox())
}

// selectPupil shows pupil i in the panel beside the table. Another pupil
// starts with no offer chosen for Flytta: found by use, the offer chosen
// for the pupil before was still "Vald" for the next.
func (s *Screen) selectPupil(i int) {
	if i != s.selected {
		s.moveTo.Clear()
	}
	s.selected = i
	where := s.offerName(s.work[i])
	if where == "" {
		where = lang.X("matching.not_placed", "– ej placerad –")
	}
	s.pupilLbl.SetText(s.pupilName(i) + " (" + s.alloc.Pupils[i].ClassName + "): " + where)
	s.updateButtons()
}

// updateMoveOptions lists the offers for a move in Swedish order, keeping
// the one chosen. Each row begins with its free seats ("2/7 fria"): found
// by use, the seats at the end of a row were cut off with the long names,
// and seen only when an offer had been chosen.
func (s *Screen) updateMoveOptions() {
	keep := s.moveTo.Selected()
	counts := s.perOffer()
	items := make([]widgets.PickItem, 0, len(s.alloc.Offers))
	for j := range s.alloc.Offers {
		items = append(items, widgets.PickItem{ID: strconv.Itoa(j), Text: s.offerName(j)})
	}
	widgets.SortPickItems(items) // by name, before the seats go first
	for k, it := range items {
		j, _ := strconv.Atoi(it.ID)
		o := s.alloc.Offers[j]
		text := lang.X("matching.free_seats", "{{.Free}}/{{.Seats}} fria", map[string]string{
			"Free": strconv.Itoa(max(0, o.Capacity-counts[j].Taken)), "Seats": strconv.Itoa(o.Capacity)})
		if o.Status != data.OfferApproved {
			text += " · " + lang.X("matching.note_not_approved", "ej godkänd")
		}
		items[k].Text = text + " · " + it.Text
	}
	s.moveTo.SetItems(items, keep)
}

// moveTarget is the offer chosen in moveTo, -1 when none.
func (s *Screen) moveTarget() int {
	j, err := strconv.Atoi(s.moveTo.Selected())
	if err != nil || s.alloc == nil || j < 0 || j >= len(s.alloc.Offers) {
		return -1
	}
	return j
}

// onMove moves the selected pupil to the chosen offer; a broken rule or a
// full offer is warned about, and the move is still allowed. A moved pupil
// is locked, so that Kör igen keeps them there.
func (s *Screen) onMove() {
	i, j := s.selected, s.moveTarget()
	if s.alloc == nil || i < 0 || j < 0 || s.running {
		return
	}
	var problems []string
	for _, r := range s.alloc.Broken(i, j) {
		problems = append(problems, reasonText(r))
	}
	if c := s.perOffer()[j]; c.Taken >= s.alloc.Offers[j].Capacity && s.work[i] != j {
		problems = append(problems, lang.X("matching.reason.offer_full", "praoplatsen är full"))
	}
	if len(problems) == 0 {
		s.moveTo2(i, j)
		return
	}
	msg := lang.X("matching.rule_broken", "{{.Pupil}} till {{.Offer}}: {{.Problems}}. Flytta ändå?",
		map[string]string{"Pupil": s.pupilName(i), "Offer": s.offerName(j), "Problems": strings.Join(problems, ", ")})
	d := dialog.NewConfirm(lang.X("matching.rule_broken_title", "En regel bryts"), msg, func(ok bool) {
		if ok {
			s.moveTo2(i, j)
		}
	}, s.main.Window())
	d.Show()
}

// handStep is the placements before one change by hand (Flytta, Lås,
// Töm), which Ångra puts back. Found by use: Ångra stayed grey after a
// Flytta, since it only undid Godkänn.
type handStep struct {
	work    []int
	locked  []bool
	source  []data.AssignmentSource
	changes []data.PlacementChange
}

// keepForUndo remembers the placements before a change by hand.
func (s *Screen) keepForUndo() {
	s.hand = append(s.hand, handStep{work: slices.Clone(s.work), locked: slices.Clone(s.locked),
		source: slices.Clone(s.source), changes: slices.Clone(s.changes)})
}

// moveTo2 makes the move of onMove.
func (s *Screen) moveTo2(i, j int) {
	s.keepForUndo()
	before := slices.Clone(s.work)
	s.work[i], s.locked[i], s.source[i] = j, true, data.SourceManual
	s.changes = data.DiffPlacements(before, s.work)
	s.refreshAll()
	s.sayChangedByHand()
}

// sayChangedByHand puts the counts after a move or a cleared placement in
// the status line beside the buttons, which otherwise still tells the
// last run's.
func (s *Screen) sayChangedByHand() {
	st := s.alloc.Stats(s.work)
	s.message.SetText(lang.X("way.match.changed", "Ändrat för hand: {{.Placed}} placerade, {{.Unplaced}} ej placerade. Tryck Godkänn för att spara.",
		map[string]string{"Placed": strconv.Itoa(st.Placed), "Unplaced": strconv.Itoa(st.Unplaced)}))
}

func (s *Screen) onToggleLock() {
	i := s.selected
	if s.alloc == nil || i < 0 || s.work[i] == match.NoOffer {
		return
	}
	s.keepForUndo()
	s.locked[i] = !s.locked[i]
	s.refreshAll()
	s.sayChangedByHand() // found by use: "Godkänt: … sparade" stayed after a Lås
}

func (s *Screen) onClear() {
	i := s.selected
	if s.alloc == nil || i < 0 {
		return
	}
	s.keepForUndo()
	before := slices.Clone(s.work)
	s.work[i], s.locked[i], s.source[i] = match.NoOffer, false, ""
	s.changes = data.DiffPlacements(before, s.work)
	s.refreshAll()
	s.sayChangedByHand()
}

// softText says what the soft goals did and cost.
func (s *Screen) softText() string {
	if s.last == nil || s.last.Soft == nil {
		return lang.X("matching.soft_off", "Inga mjuka mål var påslagna i senaste körningen.")
	}
	r := s.last.Soft
	var lines []string
	if r.FriendsCost >= 0 {
		lines = append(lines, lang.X("matching.soft_friends",
			"Kompisar tillsammans: {{.Before}} par isär utan målet, {{.After}} med det. Det kostade {{.Cost}} rangpoäng.",
			map[string]string{"Before": strconv.Itoa(r.FriendsApartBefore), "After": strconv.Itoa(r.FriendsApartAfter),
				"Cost": strconv.FormatInt(r.FriendsCost, 10)}))
	}
	if r.LoneCost >= 0 {
		lines = append(lines, lang.X("matching.soft_lone",
			"Ingen ensam tjej eller kille: {{.Before}} ensamma utan målet, {{.After}} med det. Det kostade {{.Cost}} rangpoäng.",
			map[string]string{"Before": strconv.Itoa(r.LoneBefore), "After": strconv.Itoa(r.LoneAfter),
				"Cost": strconv.FormatInt(r.LoneCost, 10)}))
	}
	var ranks []string
	for k := range min(len(r.RankCountsBefore), len(s.last.RankCounts), len(rankNames)) {
		ranks = append(ranks, fmt.Sprintf("%s %d → %d", lang.X(rankNames[k].key, rankNames[k].sv), r.RankCountsBefore[k], s.last.RankCounts[k]))
	}
	lines = append(lines, lang.X("matching.soft_choices", "Valen utan → med de mjuka målen: {{.Ranks}} (rangkostnad {{.Before}} → {{.After}}).",
		map[string]string{"Ranks": strings.Join(ranks, ", "), "Before": strconv.FormatInt(r.RankCostBefore, 10),
			"After": strconv.FormatInt(r.RankCostAfter, 10)}))
	return strings.Join(lines, "\n")
}

// maxChangeLines is how many changes are listed by name.
const maxChangeLines = 12

// changesText lists what the last run or move changed.
func (s *Screen) changesText() string {
	if len(s.changes) == 0 {
		return lang.X("matching.no_changes", "Inga ändringar.")
	}
	var moved, added, removed int
	for _, c := range s.changes {
		switch c.Kind() {
		case "new":
			added++
		case "removed":
			removed++
		default:
			moved++
		}
	}
	lines := []string{lang.X("matching.changes", "{{.Moved}} flyttade, {{.New}} nyplacerade, {{.Removed}} utan plats nu.",
		map[string]string{"Moved": strconv.Itoa(moved), "New": strconv.Itoa(added), "Removed": strconv.Itoa(removed)})}
	none := lang.X("matching.nowhere", "ingen plats")
	for k, c := range s.changes {
		if k == maxChangeLines {
			lines = append(lines, lang.X("matching.more_changes", "… och {{.N}} till.", map[string]string{"N": strconv.Itoa(len(s.changes) - k)}))
			break
		}
		from, to := s.offerName(c.From), s.offerName(c.To)
		if from == "" {
			from = none
		}
		if to == "" {
			to = none
		}
		lines = append(lines, s.pupilName(c.Pupil)+": "+from+" → "+to)
	}
	return strings.Join(lines, "\n")
}

// explanation says why pupil i is unplaced, from the last run when it left
// the pupil unplaced, else that the pupil was taken off by hand or not run.
// The full one (below the list) names the offers the pupil could use:
// found by use, "valde bara dessa 4 praoplatser" never said which.
func (s *Screen) explanation(i int, full bool) string {
	if s.last != nil && i < len(s.lastAssign) && s.lastAssign[i] == match.NoOffer {
		if e, ok := s.last.Explanations[i]; ok {
			text := explainText(e)
			if full && len(e.Offers) > 0 {
				var names []string
				for _, j := range e.Offers {
					if j >= 0 && j < len(s.alloc.Offers) {
						names = append(names, lang.X("matching.explain.offer_seats", "{{.Offer}} ({{.Seats}} platser)",
							map[string]string{"Offer": s.offerName(j), "Seats": strconv.Itoa(s.alloc.Offers[j].Capacity)}))
					}
				}
				list := map[string]string{"Offers": firstFew(names, maxNamedOffers)}
				if len(names) == 1 {
					text += " " + lang.X("matching.explain.the_offer", "Praoplatsen: {{.Offers}}.", list)
				} else {
					text += " " + lang.X("matching.explain.the_offers", "Praoplatserna: {{.Offers}}.", list)
				}
			}
			return text
		}
	}
	if len(s.alloc.Instance.Pupils[i].Choices) == 0 {
		return explainText(match.Explanation{})
	}
	return lang.X("matching.not_run", "Inte placerad ännu: kör matchningen.")
}

var reasonKeys = map[match.Reason]column{
	match.WrongPeriod: {"matching.reason.wrong_period", "fel praoperiod", 0},
	match.WrongGrade:  {"matching.reason.wrong_grade", "fel årskurs", 0},
	match.NotApproved: {"matching.reason.not_approved", "ej godkänd praoplats", 0},
	match.TooYoung:    {"matching.reason.too_young", "för ung", 0},
	match.OfferFull:   {"matching.reason.offer_full", "praoplatsen är full", 0},
}

// reasonText names a broken rule in the user's language.
func reasonText(r match.Reason) string {
	if k, ok := reasonKeys[r]; ok {
		return lang.X(k.key, k.sv)
	}
	return r.String()
}

// explainText is match.Explanation.String in the user's language, told to
// the counsellor ("Eleven och 41 andra valde bara …") where the engine's
// words are told to the pupil ("Du och 41 andra …"), built from the
// explanation's fields.
func explainText(e match.Explanation) string {
	if e.Choices == 0 {
		return lang.X("matching.explain.no_choices", "Eleven har inte gjort några val.")
	}
	n := func(k int) map[string]string { return map[string]string{"N": strconv.Itoa(k)} }
	var parts []string
	if len(e.Offers) > 0 {
		var who, what, seats string
		switch others := e.PupilsInSet - 1; {
		case others <= 0:
			who = lang.X("matching.explain.alone", "Eleven valde bara ")
		case others == 1:
			who = lang.X("matching.explain.one_other", "Eleven och 1 annan valde bara ")
		default:
			who = lang.X("matching.explain.others", "Eleven och {{.N}} andra valde bara ", n(others))
		}
		if len(e.Offers) == 1 {
			what = lang.X("matching.explain.this_offer", "denna praoplats")
		} else {
			what = lang.X("matching.explain.these_offers", "dessa {{.N}} praoplatser", n(len(e.Offers)))
		}
		if e.Seats == 1 {
			seats = lang.X("matching.explain.one_seat", ", som har 1 plats.")
		} else {
			seats = lang.X("matching.explain.seats", ", som har {{.N}} platser.", n(e.Seats))
		}
		parts = append(parts, who+what+seats)
	}
	var rules []string
	for r := match.WrongPeriod; r <= match.OfferFull; r++ {
		c := e.Removed[r]
		if c <= 0 {
			continue
		}
		if e.Choices == 1 {
			rules = append(rules, reasonText(r))
		} else {
			rules = append(rules, lang.X("matching.explain.rule_count", "{{.Rule}} för {{.N}}",
				map[string]string{"Rule": reasonText(r), "N": strconv.Itoa(c)}))
		}
	}
	if len(rules) > 0 {
		list := rules[0]
		if k := len(rules); k > 1 {
			list = strings.Join(rules[:k-1], ", ") + lang.X("matching.explain.and", " och ") + rules[k-1]
		}
		switch {
		case e.Choices == 1:
			parts = append(parts, lang.X("matching.explain.only_choice", "Elevens enda val var inte möjligt: {{.List}}.",
				map[string]string{"List": list}))
		case e.Eligible() == 0:
			parts = append(parts, lang.X("matching.explain.none_possible", "Inget av elevens {{.N}} val var möjligt: {{.List}}.",
				map[string]string{"N": strconv.Itoa(e.Choices), "List": list}))
		default:
			r, size := utf8.DecodeRuneInString(list)
			parts = append(parts, lang.X("matching.explain.some_removed", "{{.List}} av elevens {{.N}} val.",
				map[string]string{"N": strconv.Itoa(e.Choices), "List": string(unicode.ToUpper(r)) + list[size:]}))
		}
	}
	return strings.Join(parts, " ")
}
