// Package evaluations is the Utvärderingar screen: the pupils' answers
// before and after their prao, typed in a keyboard grid or imported, and
// in a second tab, Återkoppling teknikprao, the pupils' feedback on each
// block of a teknikprao week, typed in a keyboard grid.
package evaluations

import (
	"context"
	"errors"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

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

// Utvärderingar: the counsellor types in the pupils' paper answers after a
// prao period, one row per placed pupil, from the keyboard only. The grid
// is a widget.Table of labels (so 300 rows cost no more than the visible
// ones); the keys typed into the focused table go into the selected cell.

// The grid's columns; the editable ones are evColBefore..evColComment.
const (
	evColName = iota
	evColClass
	evColOffer
	evColBefore
	evColAfter
	evColRecommend
	evColComment
	evColState
	evalColumns
)

// prefEvalAutoAdvance remembers whether a valid answer moves on by itself.
const prefEvalAutoAdvance = "evaluations_auto_advance"

// The answers to "would you recommend prao at this host?".
const (
	recNone int8 = iota
	recYes
	recNo
)

// evalAnswer is one pupil's answers as typed: scores 1–5 (0 = no answer).
// It is comparable, so a row is unsaved exactly when cur != saved.
type evalAnswer struct {
	before, after int
	recommend     int8
	comment       string
}

func answerOf(e data.Evaluation) evalAnswer {
	a := evalAnswer{before: e.InterestBefore, after: e.InterestAfter, comment: e.Comment}
	if e.WouldRecommend != nil {
		a.recommend = recNo
		if *e.WouldRecommend {
			a.recommend = recYes
		}
	}
	return a
}

func (a evalAnswer) evaluation(pupilID, periodID string) data.Evaluation {
	e := data.Evaluation{PupilID: pupilID, PeriodID: periodID, InterestBefore: a.before, InterestAfter: a.after,
		Comment: strings.TrimSpace(a.comment)}
	if a.recommend != recNone {
		yes := a.recommend == recYes
		e.WouldRecommend = &yes
	}
	return e
}

// answered reports whether the answers hold anything (an empty row is
// deleted rather than saved, so it does not count as answered).
func (a evalAnswer) answered() bool { return a.evaluation("", "").Answered() }

// evalRow is one placed pupil of the period and their answers.
type evalRow struct {
	pupil  data.Pupil
	school string
	offer  string // "Host · Offer title"

	cur      evalAnswer // as shown and typed
	saved    evalAnswer // as the database holds it
	seq      int        // the edit cur belongs to (the screen's counter)
	savedSeq int        // the newest edit the database is known to hold
	saving   int        // saves in flight
	inflight int        // the edit the newest save in flight holds
	err      string     // why the last save failed
}

func (r *evalRow) dirty() bool { return r.cur != r.saved }

// evalGrid is the pure model of the screen: the rows of one period and the
// ones the school and class filter shows.
type evalGrid struct {
	periodID string
	rows     []*evalRow
	visible  []int // indices into rows
}

// filter shows the rows of school and class ("" for all).
func (g *evalGrid) filter(school, class string) {
	g.visible = g.visible[:0]
	for i, r := range g.rows {
		if (school == "" || r.school == school) && (class == "" || r.pupil.ClassName == class) {
			g.visible = append(g.visible, i)
		}
	}
}

// row is the shown row v, or nil.
func (g *evalGrid) row(v int) *evalRow {
	if v < 0 || v >= len(g.visible) {
		return nil
	}
	return g.rows[g.visible[v]]
}

// answered counts the rows (all of them, or the shown ones) whose saved
// answers hold something, and the rows counted.
func (g *evalGrid) answered(all bool) (answered, total int) {
	count := func(r *evalRow) {
		total++
		if r.saved.answered() {
			answered++
		}
	}
	if all {
		for _, r := range g.rows {
			count(r)
		}
		return
	}
	for _, i := range g.visible {
		count(g.rows[i])
	}
	return
}

// loadEvaluationRows reads the placed pupils of a period with their offer
// and their answers, sorted by school, class and name the Swedish way.
func loadEvaluationRows(ctx context.Context, st *data.Store, periodID string) ([]*evalRow, error) {
	as, err := st.ListAssignments(ctx, periodID)
	if err != nil {
		return nil, err
	}
	pupils, err := st.ListPupils(ctx, data.PupilFilter{})
	if err != nil {
		return nil, err
	}
	offers, err := st.ListOffers(ctx, data.OfferFilter{PeriodID: periodID})
	if err != nil {
		return nil, err
	}
	orgs, err := st.ListOrganisations(ctx, "")
	if err != nil {
		return nil, err
	}
	evs, err := st.ListEvaluations(ctx, periodID)
	if err != nil {
		return nil, err
	}
	orgName := make(map[string]string, len(orgs))
	for _, o := range orgs {
		orgName[o.ID] = o.Name
	}
	offerName := make(map[string]string, len(offers))
	for _, o := range offers {
		offerName[o.ID] = uikit.JoinDot(orgName[o.HostID], o.Title)
	}
	byID := make(map[string]data.Pupil, len(pupils))
	for _, p := range pupils {
		byID[p.ID] = p
	}
	answers := make(map[string]evalAnswer, len(evs))
	for _, e := range evs {
		answers[e.PupilID] = answerOf(e)
	}
	rows := make([]*evalRow, 0, len(as))
	for _, a := range as {
		p, ok := byID[a.PupilID]
		if !ok {
			continue // a pupil in the bin
		}
		ans := answers[p.ID]
		rows = append(rows, &evalRow{pupil: p, school: orgName[p.SchoolID], offer: offerName[a.OfferID], cur: ans, saved: ans})
	}
	c := uikit.Collator()
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := rows[i], rows[j]
		for _, k := range [][2]string{{a.school, b.school}, {a.pupil.ClassName, b.pupil.ClassName},
			{a.pupil.LastName, b.pupil.LastName}, {a.pupil.FirstName, b.pupil.FirstName}} {
			if r := c.CompareString(k[0], k[1]); r != 0 {
				return r < 0
			}
		}
		return false
	})
	return rows, nil
}

// defaultEvalPeriod picks the period whose answers come in now: the newest
// matched, published or done period with placed pupils, else the newest
// period with placed pupils, else the newest period (-1 when none).
func defaultEvalPeriod(ps []data.Period, placed map[string]int) int {
	best, bestAny := -1, -1
	for i, p := range ps {
		if placed[p.ID] == 0 {
			continue
		}
		newer := func(j int) bool { return j < 0 || p.Start.After(ps[j].Start) }
		if newer(bestAny) {
			bestAny = i
		}
		switch p.Status {
		case data.PeriodMatched, data.PeriodPublished, data.PeriodDone:
			if newer(best) {
				best = i
			}
		}
	}
	if best >= 0 {
		return best
	}
	if bestAny >= 0 {
		return bestAny
	}
	if len(ps) > 0 {
		return 0 // listed newest first
	}
	return -1
}

// Shell is what Utvärderingar needs from the window besides the Base: the
// content shown now (the grid takes the keyboard only when it is shown) and
// the import of evaluations from a form.
type Shell interface {
	uikit.Base
	// Current is the content the window shows now.
	Current() fyne.CanvasObject
	// ShowEvaluationsImport opens the import of evaluations; onDone runs
	// after an import.
	ShowEvaluationsImport(onDone func())
}

// Screen is Utvärderingar.
type Screen struct {
	main    Shell
	content fyne.CanvasObject // the tabs
	tabs    *container.AppTabs
	// weekTabShown is set once the screen turned to the teknikprao tab by
	// itself, there being only weeks; the user's choice of tab stands after.
	weekTabShown bool
	// feedback is the tab Återkoppling teknikprao.
	feedback *feedbackTab
	// survey is the tab Enkät före/efter (survey.go).
	survey *surveyTab

	periods []data.Period
	grid    evalGrid
	cur     widget.TableCellID // the selected cell: shown row, column
	editSeq int                // counts edits, never goes back
	loading int                // loads started, to drop a stale one

	// Saves run off the UI goroutine, one after another: each waits for
	// the done channel of the job before it (last, set on the UI
	// goroutine), and a load waits for the saves started before it.
	// written (under writeMu) lets an older save of a row, overtaken by a
	// newer one, change nothing.
	writeMu sync.Mutex
	written map[string]int
	last    chan struct{}

	periodSel, schoolSel, classSel *widget.Select
	autoAdvance                    *widget.Check
	table                          *widgets.KeyTable
	count, hint, detail            *widget.Label
	saveAllBtn, importBtn          *widget.Button
	quiet                          bool // the selects are being filled, not chosen
}

// New builds the screen; Reload fills it.
func New(m Shell) *Screen {
	s := &Screen{main: m, written: map[string]int{}, cur: widget.TableCellID{Row: -1, Col: evColBefore}}
	s.periodSel = widgets.NewSelect(nil, func(string) {
		if !s.quiet {
			s.onPeriod()
		}
	})
	s.periodSel.PlaceHolder = lang.X("evaluations.pick_period", "Välj praoperiod")
	s.schoolSel = widgets.NewSelect(nil, func(string) {
		if !s.quiet {
			s.onSchool()
		}
	})
	s.classSel = widgets.NewSelect(nil, func(string) {
		if !s.quiet {
			s.applyFilter()
		}
	})
	s.autoAdvance = widget.NewCheck(lang.X("evaluations.auto_advance", "Gå vidare direkt efter en siffra eller J/N"), func(on bool) {
		m.App().Preferences().SetBool(prefEvalAutoAdvance, on)
		s.focusGrid()
	})
	s.autoAdvance.SetChecked(m.App().Preferences().Bool(prefEvalAutoAdvance))

	s.table = widgets.NewKeyTable()
	s.table.Tabs = true // Tab moves to the next cell
	s.table.Canvas = func() fyne.Canvas { return s.main.Window().Canvas() }
	s.table.Length = func() (int, int) { return len(s.grid.visible), evalColumns }
	s.table.CreateCell = func() fyne.CanvasObject {
		l := widget.NewLabel("Intresse före")
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}
	s.table.UpdateCell = s.updateCell
	s.table.ShowHeaderRow = true
	s.table.CreateHeader = func() fyne.CanvasObject {
		l := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}
	s.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		// The table updates its headers on every redraw: set only a change.
		if l := o.(*widget.Label); id.Row < 0 && id.Col >= 0 && id.Col < evalColumns && l.Text != columnTitle(id.Col) {
			l.SetText(columnTitle(id.Col))
		}
	}
	s.table.StickyColumnCount = 1
	s.table.OnSelected = s.onSelected
	s.table.OnKey = s.onKey
	s.table.OnRune = s.onRune
	s.table.OnPaste = s.onPaste
	// Narrow enough for the default window; a header always fits, with a
	// padding to spare: found by use, a column exactly as wide as its
	// header's label cut it to "Kla…", "Före 1…", "Rekomm. J…".
	for col, w := range map[int]float32{evColName: 170, evColClass: 40, evColOffer: 130, evColBefore: 50, evColAfter: 50,
		evColRecommend: 60, evColComment: 180, evColState: 95} {
		head := widget.NewLabelWithStyle(columnTitle(col), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		s.table.SetColumnWidth(col, max(w, head.MinSize().Width+theme.Padding()))
	}

	s.count = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.hint = widgets.WrapLabel("")
	s.hint.Importance = widget.WarningImportance
	s.detail = widgets.WrapLabel("")
	s.saveAllBtn = widget.NewButtonWithIcon(lang.X("evaluations.save_all", "Spara alla"), theme.DocumentSaveIcon(), func() {
		s.focusGrid()
		s.saveAll(nil)
	})
	s.saveAllBtn.Disable()
	// Answers collected with a form tool come in through the import wizard;
	// what is typed here is saved first, so the import sees it.
	s.importBtn = widget.NewButtonWithIcon(lang.X("evaluations.import", "Importera från formulär …"), theme.UploadIcon(), func() {
		s.saveAll(func() { s.main.ShowEvaluationsImport(s.Reload) })
	})
	help := widgets.WrapLabel(lang.X("evaluations.help", "Skriv av svaren från pappret: intresse före och efter 1–5, skulle rekommendera J eller N, sedan kommentaren. Tab eller Enter går till nästa ruta, Skift+Tab tillbaka, pil upp och ner byter elev. Enter i kommentaren sparar raden och går till nästa elev. Delete tömmer rutan, Esc ångrar radens ändringar, F2 redigerar en lång kommentar."))
	help.Importance = widget.LowImportance
	top := container.NewVBox(
		widgets.HeadingLabel(lang.X("evaluations.title", "Utvärderingar")),
		container.NewGridWithColumns(3, s.periodSel, s.schoolSel, s.classSel),
		help,
		container.NewBorder(nil, nil, nil, container.NewHBox(s.autoAdvance, s.saveAllBtn, s.importBtn), s.count),
		s.hint)
	classic := container.NewPadded(container.NewBorder(top, s.detail, nil, nil, s.table))
	s.feedback = newFeedbackTab(m)
	s.survey = newSurveyTab(m)
	s.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon(lang.X("evaluations.title", "Utvärderingar"), theme.DocumentCreateIcon(), classic),
		container.NewTabItemWithIcon(lang.X("evaluations.week.tab", "Återkoppling teknikprao"), theme.MailReplyIcon(), s.feedback.content),
		container.NewTabItemWithIcon(lang.X("survey.tab", "Enkät före/efter"), theme.ListIcon(), s.survey.content))
	s.tabs.OnSelected = func(*container.TabItem) {
		if s.tabs.SelectedIndex() == 0 {
			s.focusGrid()
		} else {
			s.saveAll(nil) // what was typed in the first tab is saved before leaving it
		}
	}
	s.content = s.tabs
	s.fillFilters()
	return s
}

// columnTitle is the header of a column.
func columnTitle(col int) string {
	switch col {
	case evColName:
		return lang.X("evaluations.col.pupil", "Elev")
	case evColClass:
		return lang.X("evaluations.col.class", "Klass")
	case evColOffer:
		return lang.X("evaluations.col.offer", "Praoplats")
	case evColBefore:
		return lang.X("evaluations.col.before", "Före 1–5")
	case evColAfter:
		return lang.X("evaluations.col.after", "Efter 1–5")
	case evColRecommend:
		return lang.X("evaluations.col.recommend", "Rekomm. J/N")
	case evColComment:
		return lang.X("evaluations.col.comment", "Kommentar")
	case evColState:
		return lang.X("evaluations.col.state", "Sparad")
	}
	return ""
}

// Content is the screen's root object.
func (s *Screen) Content() fyne.CanvasObject { return s.content }

// Reload saves what is typed but unsaved, then reads the periods and the
// rows of the chosen one off the UI goroutine.
func (s *Screen) Reload() {
	s.saveAll(nil)
	s.feedback.reload()
	s.survey.reload()
	st := s.main.Store()
	s.main.Background(func() func() {
		ctx := context.Background()
		ps, err := st.ListPeriods(ctx)
		placed := map[string]int{}
		for i := 0; err == nil && i < len(ps); i++ {
			var taken map[string]int
			taken, err = st.TakenSeats(ctx, ps[i].ID)
			for _, n := range taken {
				placed[ps[i].ID] += n
			}
		}
		return func() {
			if err != nil {
				dialog.ShowError(err, s.main.Window())
				return
			}
			// A teknikprao week has no placements to evaluate here: its
			// pupils' feedback is the next tab (found by use: a week read
			// "0 av 0 har svarat", "Inga elever är placerade").
			weeks := slices.ContainsFunc(ps, func(p data.Period) bool { return p.Format == data.FormatWeek && p.Status != data.PeriodArchived })
			ps = slices.DeleteFunc(ps, func(p data.Period) bool { return p.Status == data.PeriodArchived || p.Format == data.FormatWeek })
			sort.SliceStable(ps, func(i, j int) bool { return ps[i].Start.After(ps[j].Start) })
			keep := s.grid.periodID
			s.periods = ps
			names := make([]string, len(ps))
			pick := -1
			for i, p := range ps {
				names[i] = p.Name
				if p.ID == keep {
					pick = i
				}
			}
			if pick < 0 {
				pick = defaultEvalPeriod(ps, placed)
			}
			s.quiet = true
			s.periodSel.Options = names
			s.periodSel.ClearSelected()
			if pick >= 0 {
				s.periodSel.SetSelectedIndex(pick)
			}
			s.quiet = false
			if pick < 0 {
				s.grid = evalGrid{}
				s.fillFilters()
				s.applyFilter()
				if weeks {
					s.detail.SetText(lang.X("evaluations.only_weeks", "Här utvärderar handledarna elever på klassisk prao. Det finns bara teknikpraoveckor: elevernas återkoppling finns under Återkoppling teknikprao."))
					// Only weeks: their tab first, once (found by use: the
					// screen opened on the empty classic tab).
					if !s.weekTabShown && s.tabs.SelectedIndex() == 0 {
						s.weekTabShown = true
						s.tabs.SelectIndex(1)
					}
				} else {
					s.detail.SetText(lang.X("evaluations.no_periods", "Det finns inga praoperioder ännu."))
				}
				return
			}
			s.loadRows(ps[pick].ID)
		}
	})
}

// onPeriod loads the chosen period after saving what was typed.
func (s *Screen) onPeriod() {
	i := s.periodSel.SelectedIndex()
	if i < 0 || i >= len(s.periods) {
		return
	}
	s.saveAll(nil)
	s.loadRows(s.periods[i].ID)
}

// loadRows reads the rows of a period, after every save started before.
func (s *Screen) loadRows(periodID string) {
	s.loading++
	n := s.loading
	st := s.main.Store()
	saves := s.last
	s.main.Background(func() func() {
		if saves != nil {
			<-saves
		}
		rows, err := loadEvaluationRows(context.Background(), st, periodID)
		return func() {
			if n != s.loading {
				return // a newer load is on its way
			}
			if err != nil {
				dialog.ShowError(err, s.main.Window())
				return
			}
			s.setRows(periodID, rows)
		}
	})
}

// setRows swaps in a period's rows, keeping what was typed but not yet
// saved in the rows being replaced.
func (s *Screen) setRows(periodID string, rows []*evalRow) {
	if s.grid.periodID == periodID {
		old := make(map[string]*evalRow, len(s.grid.rows))
		for _, r := range s.grid.rows {
			old[r.pupil.ID] = r
		}
		for _, r := range rows {
			if o := old[r.pupil.ID]; o != nil && o.dirty() && o.seq > o.savedSeq {
				r.cur, r.seq = o.cur, o.seq
			}
		}
	}
	s.grid = evalGrid{periodID: periodID, rows: rows}
	s.fillFilters()
	s.applyFilter()
	if len(rows) == 0 {
		s.detail.SetText(lang.X("evaluations.no_pupils", "Inga elever är placerade i den här perioden."))
	}
}

// fillFilters offers the schools of the rows (and the classes of the
// chosen school), keeping the choice when it is still there.
func (s *Screen) fillFilters() {
	allSchools := lang.X("evaluations.all_schools", "Alla skolor")
	seen := map[string]bool{}
	var schools []string
	for _, r := range s.grid.rows {
		if !seen[r.school] {
			seen[r.school] = true
			schools = append(schools, r.school)
		}
	}
	uikit.SortSwedish(schools)
	cur := s.schoolSel.Selected
	s.quiet = true
	s.schoolSel.Options = append([]string{allSchools}, schools...)
	if !seen[cur] {
		cur = allSchools
	}
	s.schoolSel.SetSelected(cur)
	s.quiet = false
	s.fillClasses()
}

func (s *Screen) fillClasses() {
	allClasses := lang.X("evaluations.all_classes", "Alla klasser")
	school := s.school()
	seen := map[string]bool{}
	var classes []string
	for _, r := range s.grid.rows {
		if (school == "" || r.school == school) && !seen[r.pupil.ClassName] {
			seen[r.pupil.ClassName] = true
			classes = append(classes, r.pupil.ClassName)
		}
	}
	uikit.SortSwedish(classes)
	cur := s.classSel.Selected
	s.quiet = true
	s.classSel.Options = append([]string{allClasses}, classes...)
	if !seen[cur] {
		cur = allClasses
	}
	s.classSel.SetSelected(cur)
	s.quiet = false
}

// school is the chosen school, "" for all.
func (s *Screen) school() string {
	if s.schoolSel.SelectedIndex() <= 0 {
		return ""
	}
	return s.schoolSel.Selected
}

func (s *Screen) class() string {
	if s.classSel.SelectedIndex() <= 0 {
		return ""
	}
	return s.classSel.Selected
}

func (s *Screen) onSchool() {
	s.fillClasses()
	s.applyFilter()
}

// applyFilter shows the rows of the chosen school and class and puts the
// cursor on the first row nobody has answered.
func (s *Screen) applyFilter() {
	left := s.grid.row(s.cur.Row) // saved at the end: it may leave the view
	s.grid.filter(s.school(), s.class())
	s.table.UnselectAll()
	s.cur = widget.TableCellID{Row: -1, Col: evColBefore}
	s.table.Refresh()
	s.updateCount()
	s.hint.SetText("")
	s.detail.SetText("")
	first := 0
	for v := range s.grid.visible {
		if !s.grid.row(v).saved.answered() {
			first = v
			break
		}
	}
	if len(s.grid.visible) > 0 {
		s.moveTo(first, evColBefore)
	}
	s.focusGrid()
	if left != nil {
		s.saveRow(left)
	}
}

// focusGrid gives the keyboard to the grid when the screen is shown.
func (s *Screen) focusGrid() {
	if s.main.Current() == s.content && s.tabs.SelectedIndex() == 0 && len(s.grid.visible) > 0 {
		s.main.Window().Canvas().Focus(s.table)
	}
}

// updateCount writes "123 av 300 har svarat" and enables Spara alla.
func (s *Screen) updateCount() {
	n, total := s.grid.answered(false)
	text := lang.X("evaluations.count", "{{.N}} av {{.Total}} har svarat", map[string]any{"N": n, "Total": total})
	if len(s.grid.visible) != len(s.grid.rows) {
		an, at := s.grid.answered(true)
		text += " " + lang.X("evaluations.count_all", "(hela perioden: {{.N}} av {{.Total}})", map[string]any{"N": an, "Total": at})
	}
	s.count.SetText(text)
	dirty := false
	for _, r := range s.grid.rows {
		dirty = dirty || r.dirty() || r.err != ""
	}
	if dirty {
		s.saveAllBtn.Enable()
	} else {
		s.saveAllBtn.Disable()
	}
}

// scoreText is a score as the grid shows it.
func scoreText(x int) string {
	if x == 0 {
		return ""
	}
	return strconv.Itoa(x)
}

func recommendText(r int8) string {
	switch r {
	case recYes:
		return lang.X("evaluations.yes", "J")
	case recNo:
		return lang.X("evaluations.no", "N")
	}
	return ""
}

// commentTail is what fits of a comment being typed: its end and a caret.
func commentTail(c string) string {
	const fit = 34
	if n := utf8.RuneCountInString(c); n > fit {
		r := []rune(c)
		c = "…" + string(r[n-fit:])
	}
	return c + "▏"
}

// rowState is the text and colour of a row's save state.
func rowState(r *evalRow) (string, widget.Importance) {
	switch {
	case r.saving > 0:
		return lang.X("evaluations.state.saving", "Sparar …"), widget.LowImportance
	case r.err != "":
		return lang.X("evaluations.state.error", "Fel – se nedan"), widget.DangerImportance
	case r.dirty():
		return lang.X("evaluations.state.unsaved", "Ej sparad"), widget.WarningImportance
	case r.saved.answered():
		return lang.X("evaluations.state.saved", "✓ Sparad"), widget.SuccessImportance
	}
	return "", widget.MediumImportance
}

func (s *Screen) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	l := o.(*widget.Label)
	r := s.grid.row(id.Row)
	text, imp, style := "", widget.MediumImportance, fyne.TextStyle{}
	if r != nil {
		text, imp, style = s.cellContent(id, r)
	}
	// The table updates every shown cell on each move; redrawing a label
	// that did not change (shaping its text again) is what would make
	// typing slow, so only changed cells are refreshed.
	if l.Text == text && l.Importance == imp && l.TextStyle == style {
		return
	}
	l.Text, l.Importance, l.TextStyle = text, imp, style
	l.Refresh()
}

// cellContent is the text and look of a cell of row r.
func (s *Screen) cellContent(id widget.TableCellID, r *evalRow) (string, widget.Importance, fyne.TextStyle) {
	l := struct {
		Importance widget.Importance
		TextStyle  fyne.TextStyle
	}{Importance: widget.MediumImportance}
	var text string
	switch id.Col {
	case evColName:
		text = r.pupil.Name()
		if r.pupil.Protected {
			// Protected identity is marked wherever the pupil shows.
			text = lang.X("pupils.protected_mark", "SKYDDAD") + " · " + text
			l.Importance = widget.WarningImportance
		}
	case evColClass:
		text = r.pupil.ClassName
	case evColOffer:
		text = r.offer
	case evColBefore:
		text = scoreText(r.cur.before)
		l.TextStyle.Bold = true
	case evColAfter:
		text = scoreText(r.cur.after)
		l.TextStyle.Bold = true
	case evColRecommend:
		text = recommendText(r.cur.recommend)
		l.TextStyle.Bold = true
	case evColComment:
		text = strings.ReplaceAll(r.cur.comment, "\n", " ")
		if id == s.cur {
			text = commentTail(text)
		}
	case evColState:
		text, l.Importance = rowState(r)
	}
	return text, l.Importance, l.TextStyle
}

// refreshRow redraws the cells of shown row v.
func (s *Screen) refreshRow(v int) {
	for c := 0; c < evalColumns; c++ {
		s.table.RefreshItem(widget.TableCellID{Row: v, Col: c})
	}
}

// visibleIndex is where row r shows, or -1.
func (s *Screen) visibleIndex(r *evalRow) int {
	for v, i := range s.grid.visible {
		if s.grid.rows[i] == r {
			return v
		}
	}
	return -1
}

// onSelected follows the selection (keys or a click): only the answer
// cells take a cursor, and leaving a row saves it.
func (s *Screen) onSelected(id widget.TableCellID) {
	if id.Col < evColBefore || id.Col > evColComment {
		id.Col = min(max(id.Col, evColBefore), evColComment)
		s.table.Select(id) // comes back here with the answer cell
		return
	}
	prev := s.cur
	s.cur = id
	if prev.Row != id.Row {
		s.hint.SetText("")
	}
	// The caret shows in a selected comment only.
	if prev.Col == evColComment && prev.Row >= 0 && prev.Row < len(s.grid.visible) {
		s.table.RefreshItem(prev)
	}
	if id.Col == evColComment {
		s.table.RefreshItem(id)
	}
	s.showDetail()
	if r := s.grid.row(prev.Row); r != nil && prev.Row != id.Row {
		s.saveRow(r) // last: its result lands after this key's work
	}
}

// moveTo selects the cell at shown row v, column col.
func (s *Screen) moveTo(v, col int) {
	if v < 0 || v >= len(s.grid.visible) {
		return
	}
	s.table.Select(widget.TableCellID{Row: v, Col: col})
}

// step moves to the next (+1) or previous (-1) answer cell, across rows.
func (s *Screen) step(dir int) {
	v, col := s.cur.Row, s.cur.Col+dir
	switch {
	case col > evColComment:
		if v+1 >= len(s.grid.visible) {
			s.hint.SetText(lang.X("evaluations.last_row", "Det var sista eleven i listan."))
			return
		}
		v, col = v+1, evColBefore
	case col < evColBefore:
		if v == 0 {
			return
		}
		v, col = v-1, evColComment
	}
	s.moveTo(v, col)
}

// onKey moves, clears, saves and reverts; see the help text.
func (s *Screen) onKey(k *fyne.KeyEvent, shift bool) bool {
	r := s.grid.row(s.cur.Row)
	if r == nil {
		return false
	}
	switch k.Name {
	case fyne.KeyTab, fyne.KeyReturn, fyne.KeyEnter:
		back := k.Name == fyne.KeyTab && shift
		last, row := s.cur.Col == evColComment, s.cur.Row
		if back {
			s.step(-1)
		} else {
			s.step(1)
		}
		if !back && last && s.cur.Row == row {
			s.saveRow(r) // the last row, where step stays (a move saves by itself)
		}
	case fyne.KeyUp:
		s.moveTo(max(s.cur.Row-1, 0), s.cur.Col)
	case fyne.KeyDown:
		s.moveTo(min(s.cur.Row+1, len(s.grid.visible)-1), s.cur.Col)
	case fyne.KeyPageUp:
		s.moveTo(max(s.cur.Row-10, 0), s.cur.Col)
	case fyne.KeyPageDown:
		s.moveTo(min(s.cur.Row+10, len(s.grid.visible)-1), s.cur.Col)
	case fyne.KeyHome:
		s.moveTo(s.cur.Row, evColBefore)
	case fyne.KeyEnd:
		s.moveTo(s.cur.Row, evColComment)
	case fyne.KeyLeft:
		s.moveTo(s.cur.Row, max(s.cur.Col-1, evColBefore))
	case fyne.KeyRight:
		s.moveTo(s.cur.Row, min(s.cur.Col+1, evColComment))
	case fyne.KeyBackspace:
		if s.cur.Col == evColComment {
			c := []rune(r.cur.comment)
			if len(c) > 0 {
				s.edit(r, func(a *evalAnswer) { a.comment = string(c[:len(c)-1]) })
			}
		} else {
			s.clearCell(r)
		}
	case fyne.KeyDelete:
		s.clearCell(r)
	case fyne.KeyEscape:
		if r.dirty() {
			// Undoing is a new edit: a save of the undone answers may be
			// in flight, and the saved answers must be written after it.
			r.cur = r.saved
			s.editSeq++
			r.seq = s.editSeq
			s.hint.SetText(lang.X("evaluations.reverted", "Ändringarna på raden är ångrade."))
			s.refreshRow(s.cur.Row)
			s.afterEdit(r)
		}
	case fyne.KeyF2:
		s.editComment(r)
	default:
		return false
	}
	return true
}

// clearCell empties the selected cell.
func (s *Screen) clearCell(r *evalRow) {
	s.edit(r, func(a *evalAnswer) {
		switch s.cur.Col {
		case evColBefore:
			a.before = 0
		case evColAfter:
			a.after = 0
		case evColRecommend:
			a.recommend = recNone
		case evColComment:
			a.comment = ""
		}
	})
}

// onRune types into the selected cell: 1–5 for the scores, J/N (Y) for
// recommend, anything into the comment; the rest is refused with a hint.
func (s *Screen) onRune(ch rune) {
	r := s.grid.row(s.cur.Row)
	if r == nil {
		return
	}
	refuse := func(key, text string) {
		s.hint.SetText(lang.X(key, text, map[string]string{"Key": string(ch)}))
	}
	answered := false
	switch s.cur.Col {
	case evColBefore, evColAfter:
		if ch < '1' || ch > '5' {
			refuse("evaluations.refuse_score", "”{{.Key}}” går inte: intresset skrivs som en siffra 1–5.")
			return
		}
		before := s.cur.Col == evColBefore
		s.edit(r, func(a *evalAnswer) {
			if before {
				a.before = int(ch - '0')
			} else {
				a.after = int(ch - '0')
			}
		})
		answered = true
	case evColRecommend:
		var v int8
		switch ch {
		case 'j', 'J', 'y', 'Y':
			v = recYes
		case 'n', 'N':
			v = recNo
		default:
			refuse("evaluations.refuse_recommend", "”{{.Key}}” går inte: skriv J (ja) eller N (nej).")
			return
		}
		s.edit(r, func(a *evalAnswer) { a.recommend = v })
		answered = true
	case evColComment:
		s.appendComment(r, string(ch))
		return
	}
	s.hint.SetText("")
	if answered && s.autoAdvance.Checked {
		s.step(1)
	}
}

// onPaste adds pasted text to the selected comment.
func (s *Screen) onPaste(text string) {
	r := s.grid.row(s.cur.Row)
	if r == nil || s.cur.Col != evColComment {
		return
	}
	s.appendComment(r, strings.TrimRight(text, "\r\n"))
}

func (s *Screen) appendComment(r *evalRow, text string) {
	c := r.cur.comment + text
	if utf8.RuneCountInString(c) > data.MaxComment {
		s.hint.SetText(lang.X("evaluations.comment_full", "Kommentaren får vara högst {{.Max}} tecken.", map[string]any{"Max": data.MaxComment}))
		return
	}
	s.hint.SetText("")
	s.edit(r, func(a *evalAnswer) { a.comment = c })
}

// editComment opens the comment of a row in a dialog where the whole text
// can be edited (F2).
func (s *Screen) editComment(r *evalRow) {
	e := uikit.NewEscMultiLineEntry(nil) // Escape is Avbryt, back to the grid
	e.SetText(r.cur.comment)
	e.SetMinRowsVisible(5)
	e.Validator = func(t string) error {
		if utf8.RuneCountInString(t) > data.MaxComment {
			return errors.New(lang.X("evaluations.comment_full", "Kommentaren får vara högst {{.Max}} tecken.", map[string]any{"Max": data.MaxComment}))
		}
		return nil
	}
	d := dialog.NewForm(lang.X("evaluations.comment_title", "Kommentar från {{.Name}}", map[string]string{"Name": r.pupil.Name()}),
		lang.X("evaluations.comment_ok", "Klar"), lang.X("evaluations.cancel", "Avbryt"),
		[]*widget.FormItem{widget.NewFormItem(lang.X("evaluations.col.comment", "Kommentar"), e)},
		func(ok bool) {
			if ok {
				s.edit(r, func(a *evalAnswer) { a.comment = e.Text })
				if v := s.visibleIndex(r); v >= 0 {
					s.table.RefreshItem(widget.TableCellID{Row: v, Col: evColComment})
				}
			}
			s.focusGrid()
		}, s.main.Window())
	e.OnEscape = d.Hide
	d.Resize(fyne.NewSize(520, 300))
	d.Show()
	s.main.Window().Canvas().Focus(e)
}

// edit changes a row's answers as typed (not yet saved).
func (s *Screen) edit(r *evalRow, change func(a *evalAnswer)) {
	before := r.cur
	change(&r.cur)
	if r.cur == before {
		return
	}
	s.editSeq++
	r.seq = s.editSeq
	s.afterEdit(r)
}

// afterEdit shows a row's changed answers (each redrawn cell costs a
// layout of the table, so typing redraws only its cell and the state).
func (s *Screen) afterEdit(r *evalRow) {
	if cur := s.grid.row(s.cur.Row); cur == r {
		s.table.RefreshItem(s.cur)
		s.table.RefreshItem(widget.TableCellID{Row: s.cur.Row, Col: evColState})
	} else if v := s.visibleIndex(r); v >= 0 {
		s.refreshRow(v)
	}
	s.updateCount()
	s.showDetail()
}

// showDetail writes the selected pupil's whole comment, or why the row
// could not be saved.
func (s *Screen) showDetail() {
	r := s.grid.row(s.cur.Row)
	if r == nil {
		s.detail.SetText("")
		return
	}
	var text string
	if r.err != "" {
		text = lang.X("evaluations.save_failed", "{{.Name}} kunde inte sparas: {{.Error}}", map[string]string{"Name": r.pupil.Name(), "Error": r.err})
	} else if c := strings.TrimSpace(r.cur.comment); c != "" {
		text = lang.X("evaluations.comment_of", "Kommentar från {{.Name}}: {{.Comment}}", map[string]string{"Name": r.pupil.Name(), "Comment": c})
	}
	s.detail.Importance = widget.MediumImportance
	if r.err != "" {
		s.detail.Importance = widget.DangerImportance
	}
	s.detail.SetText(text)
}

// saveRow saves one row when it has changes (or failed last time) that
// are not being saved already.
func (s *Screen) saveRow(r *evalRow) {
	if (r.dirty() || r.err != "") && !(r.saving > 0 && r.inflight == r.seq) {
		s.save([]*evalRow{r}, nil)
	}
}

// saveAll saves every changed row in one transaction, then runs then.
func (s *Screen) saveAll(then func()) {
	var rows []*evalRow
	for _, r := range s.grid.rows {
		if r.dirty() || r.err != "" {
			rows = append(rows, r)
		}
	}
	if len(rows) == 0 {
		if then != nil {
			then()
		}
		return
	}
	s.save(rows, then)
}

// evalSave is one row's save: the answers as they were when it started.
type evalSave struct {
	row     *evalRow
	pupilID string
	ans     evalAnswer
	seq     int
	stale   bool // a newer save of the row was written first
	err     error
}

// save writes rows off the UI goroutine (see writeEvalSaves) and then
// shows each row's state.
func (s *Screen) save(rows []*evalRow, then func()) {
	period := s.grid.periodID
	jobs := make([]*evalSave, len(rows))
	for i, r := range rows {
		jobs[i] = &evalSave{row: r, pupilID: r.pupil.ID, ans: r.cur, seq: r.seq}
		r.saving++
		r.inflight = r.seq
		if v := s.visibleIndex(r); v >= 0 {
			s.table.RefreshItem(widget.TableCellID{Row: v, Col: evColState})
		}
	}
	st := s.main.Store()
	prev, done := s.last, make(chan struct{})
	s.last = done
	s.main.Background(func() func() {
		defer close(done)
		if prev != nil {
			<-prev
		}
		s.writeMu.Lock()
		defer s.writeMu.Unlock()
		writeEvalSaves(context.Background(), st, period, jobs, s.written)
		return func() {
			for _, j := range jobs {
				r := j.row
				r.saving--
				switch {
				case j.stale:
				case j.err != nil:
					r.err = evalErrorText(j.err)
				default:
					r.err = ""
					if j.seq >= r.savedSeq {
						r.saved, r.savedSeq = j.ans, j.seq
					}
				}
				if v := s.visibleIndex(r); v >= 0 {
					s.table.RefreshItem(widget.TableCellID{Row: v, Col: evColState})
				}
			}
			s.updateCount()
			s.showDetail()
			if then != nil {
				then()
			}
		}
	})
}

// writeEvalSaves writes the answers of jobs for a period: several in one
// transaction, and one by one if that fails, so that one bad row keeps no
// other back; an empty answer deletes the row. written holds the newest
// edit written per period and pupil: a job older than that is stale and
// writes nothing. The caller keeps writes one at a time.
func writeEvalSaves(ctx context.Context, st *data.Store, period string, jobs []*evalSave, written map[string]int) {
	write := func(st *data.Store, j *evalSave) error {
		if !j.ans.answered() {
			return st.DeleteEvaluation(ctx, j.pupilID, period)
		}
		return st.SaveEvaluation(ctx, j.ans.evaluation(j.pupilID, period))
	}
	var todo []*evalSave
	for _, j := range jobs {
		if written[period+"/"+j.pupilID] > j.seq {
			j.stale = true
		} else {
			todo = append(todo, j)
		}
	}
	var txErr error
	if len(todo) > 1 {
		txErr = st.InTx(ctx, func(tx *data.Store) error {
			for _, j := range todo {
				if err := write(tx, j); err != nil {
					return err
				}
			}
			return nil
		})
	}
	if len(todo) == 1 || txErr != nil {
		for _, j := range todo {
			j.err = write(st, j)
		}
	}
	for _, j := range todo {
		if j.err == nil {
			written[period+"/"+j.pupilID] = j.seq
		}
	}
}

// evalErrorText says why a row could not be saved, in the user's words.
func evalErrorText(err error) string {
	var ve *data.ValidationError
	if errors.As(err, &ve) && len(ve.Fields) > 0 {
		parts := make([]string, len(ve.Fields))
		for i, f := range ve.Fields {
			parts[i] = widgets.FieldMessage(f)
		}
		return strings.Join(parts, " ")
	}
	return err.Error()
}
