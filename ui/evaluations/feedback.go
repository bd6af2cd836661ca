package evaluations

import (
	"cmp"
	"context"
	"fmt"
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

// Återkoppling teknikprao: the pupils' feedback on each block of a
// teknikprao week, typed from the paper forms into a keyboard grid, one
// row per answer. A block's rows are the pupils of the teams that visited
// it (their answer, or none yet) and the anonymous answers; a new
// anonymous row is added for a paper without a name. Every change is
// saved at once, and the means under the grid follow.

// The feedback grid's columns: the answer's pupil, the four questions,
// the comment, and what is saved.
const (
	fbColName = iota
	fbColFun
	fbColLearned
	fbColPeople
	fbColInterest
	fbColComment
	fbColState
	fbColumns
)

// fbQuestion is the short header of question col (fbColFun..fbColInterest)
// and the question in full.
func fbQuestion(col int) (short, full string) {
	switch col {
	case fbColFun:
		return lang.X("evaluations.week.q_fun", "Roligt"), lang.X("evaluations.week.q_fun_full", "Det var roligt")
	case fbColLearned:
		return lang.X("evaluations.week.q_learned", "Jag lärde mig något"), lang.X("evaluations.week.q_learned_full", "Jag lärde mig något nytt")
	case fbColPeople:
		return lang.X("evaluations.week.q_people", "Människorna jag mötte"),
			lang.X("evaluations.week.q_people_full", "Jag fick träffa människor i olika yrken")
	case fbColInterest:
		return lang.X("evaluations.week.q_interest", "Mer intresserad av teknik"),
			lang.X("evaluations.week.q_interest_full", "Jag blev mer intresserad av teknik")
	}
	return "", ""
}

// fbRow is one answer: a named pupil of the block's teams (with or
// without an answer yet) or an anonymous answer.
type fbRow struct {
	pupil  string // the pupil's name and class; "" when anonymous
	team   string // the team's name
	fb     data.BlockFeedback
	err    string // why the last save failed
	saving bool   // a save is in flight
	again  bool   // edited while saving: save again after it
}

// score is the answer to question col.
func (r *fbRow) score(col int) *int {
	switch col {
	case fbColFun:
		return &r.fb.Fun
	case fbColLearned:
		return &r.fb.Learned
	case fbColPeople:
		return &r.fb.People
	case fbColInterest:
		return &r.fb.Interest
	}
	return nil
}

// empty says whether the row holds no answer at all.
func (r *fbRow) empty() bool {
	f := r.fb
	return f.Fun == 0 && f.Learned == 0 && f.People == 0 && f.Interest == 0 && strings.TrimSpace(f.Comment) == ""
}

// fbWeek is a week's blocks with the teams visiting them, the pupils'
// names and the feedback saved, read at once.
type fbWeek struct {
	blocks   []data.WeekBlock
	teams    []data.Team
	pupils   map[string]data.Pupil
	feedback []data.BlockFeedback
	// away holds, per block, the pupils recorded sick or absent in it:
	// they gave no feedback on it (found by use: they were listed).
	away map[string]map[string]bool
}

func loadFeedbackWeek(ctx context.Context, st *data.Store, periodID string) (fbWeek, error) {
	var w fbWeek
	r, err := st.WeekRoster(ctx, periodID)
	if err != nil {
		return w, err
	}
	w.blocks, w.teams, w.pupils = r.Blocks, r.Teams, r.Pupils
	if w.feedback, err = st.ListBlockFeedback(ctx, periodID); err != nil {
		return w, err
	}
	att, err := st.ListBlockAttendance(ctx, periodID)
	w.away = map[string]map[string]bool{}
	for _, a := range att {
		if a.Status == data.AttendanceSick || a.Status == data.AttendanceAbsent {
			if w.away[a.BlockID] == nil {
				w.away[a.BlockID] = map[string]bool{}
			}
			w.away[a.BlockID][a.PupilID] = true
		}
	}
	return w, err
}

// blocksShown are the blocks a team visits or someone answered about.
func (w fbWeek) blocksShown() []data.WeekBlock {
	used := map[string]bool{}
	for _, t := range w.teams {
		for _, b := range t.BlockIDs {
			used[b] = true
		}
	}
	for _, f := range w.feedback {
		used[f.BlockID] = true
	}
	var out []data.WeekBlock
	for _, b := range w.blocks {
		if used[b.ID] {
			out = append(out, b)
		}
	}
	return out
}

// rows are a block's answers: every pupil of the teams visiting it, in
// team and name order, then the anonymous answers (and answers of pupils
// no longer in a visiting team) in the order saved.
func (w fbWeek) rows(blockID string) []*fbRow {
	byPupil := map[string]data.BlockFeedback{}
	var others []data.BlockFeedback
	for _, f := range w.feedback {
		if f.BlockID != blockID {
			continue
		}
		if f.PupilID != "" {
			byPupil[f.PupilID] = f
		} else {
			others = append(others, f)
		}
	}
	coll := uikit.Collator()
	var out []*fbRow
	seen := map[string]bool{}
	for _, t := range w.teams {
		if !slices.Contains(t.BlockIDs, blockID) {
			continue
		}
		var team []*fbRow
		for _, id := range t.PupilIDs {
			p, ok := w.pupils[id]
			if !ok {
				continue
			}
			f, ok := byPupil[id]
			if !ok {
				if w.away[blockID][id] {
					continue // not there: no slip to type
				}
				f = data.BlockFeedback{PupilID: id, BlockID: blockID, TeamID: t.ID}
			}
			seen[id] = true
			team = append(team, &fbRow{pupil: strings.TrimSpace(p.Name() + " " + p.ClassName), team: t.Name, fb: f})
		}
		sort.SliceStable(team, func(i, j int) bool { return coll.CompareString(team[i].pupil, team[j].pupil) < 0 })
		out = append(out, team...)
	}
	for id, f := range byPupil {
		if !seen[id] {
			others = append(others, f)
		}
	}
	sort.SliceStable(others, func(i, j int) bool { return others[i].CreatedAt.Before(others[j].CreatedAt) })
	for _, f := range others {
		r := &fbRow{fb: f}
		if p, ok := w.pupils[f.PupilID]; ok {
			r.pupil = strings.TrimSpace(p.Name() + " " + p.ClassName)
		}
		out = append(out, r)
	}
	return out
}

// fbSummary is the line under the grid: answers, and the mean of each
// question over the answers that have it.
func fbSummary(rows []*fbRow) string {
	n := 0
	var sums, counts [fbColumns]int
	for _, r := range rows {
		if r.fb.ID == "" || r.empty() {
			continue
		}
		n++
		for col := fbColFun; col <= fbColInterest; col++ {
			if v := *r.score(col); v > 0 {
				sums[col] += v
				counts[col]++
			}
		}
	}
	parts := []string{lang.X("evaluations.week.answers", "{{.N}} svar", map[string]string{"N": strconv.Itoa(n)})}
	for col := fbColFun; col <= fbColInterest; col++ {
		short, _ := fbQuestion(col)
		mean := "–"
		if counts[col] > 0 {
			mean = uikit.Decimal(float64(sums[col]) / float64(counts[col]))
		}
		parts = append(parts, short+" "+mean)
	}
	return strings.Join(parts, " · ")
}

// feedbackTab is the tab Återkoppling teknikprao.
type feedbackTab struct {
	main    Shell
	content fyne.CanvasObject

	periods []data.Period // the week periods
	week    fbWeek
	blocks  []data.WeekBlock // the blocks listed
	rows    []*fbRow

	periodSel *widget.Select
	// blockPick chooses the block by typing a few letters of its host
	// (Enter takes the first found).
	blockPick       *widgets.SearchPicker
	table           *widgets.KeyTable
	summary, status *widget.Label
	detail          *widget.Label
	newBtn          *widget.Button
}

func newFeedbackTab(m Shell) *feedbackTab {
	f := &feedbackTab{main: m}
	f.periodSel = widgets.NewSelect(nil, func(string) { f.onPeriod() })
	f.periodSel.PlaceHolder = lang.X("evaluations.week.pick_period", "Välj teknikpraovecka")
	f.blockPick = widgets.NewTallSearchPicker(lang.X("wk.host_search", "Sök värd"), func(string) { f.onBlock() })
	f.table = widgets.NewKeyTable()
	f.table.Limits = func() (int, int) { return len(f.rows) + 1, fbColumns }
	f.table.Length = f.table.Limits
	f.table.CreateCell = func() fyne.CanvasObject {
		l := widget.NewLabel("Mer intresserad av teknik")
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}
	f.table.UpdateCell = f.updateCell
	f.table.OnSelected = f.onSelected
	f.table.OnRune = f.onRune
	f.table.OnDel = func() { f.setScore(0) }
	f.table.OnKey = func(k *fyne.KeyEvent, _ bool) bool {
		if k.Name == fyne.KeyReturn || k.Name == fyne.KeyEnter {
			f.onEnter()
			return true
		}
		return false
	}
	f.table.StickyColumnCount = 1
	// The questions' headers wrap on two lines, so that every column fits
	// a 1280-pixel-wide window.
	for col, w := range map[int]float32{fbColName: 220, fbColFun: 80, fbColLearned: 125, fbColPeople: 135,
		fbColInterest: 150, fbColComment: 170, fbColState: 80} {
		f.table.SetColumnWidth(col, w)
	}
	f.table.SetRowHeight(0, 2*widget.NewLabel("X").MinSize().Height-2*theme.InnerPadding())
	f.summary = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	f.status = widgets.WrapLabel("")
	f.status.Importance = widget.WarningImportance
	f.detail = widgets.WrapLabel("")
	f.newBtn = widget.NewButtonWithIcon(lang.X("evaluations.week.new_anonymous", "Nytt svar utan namn"), theme.ContentAddIcon(), f.onNewAnonymous)
	var qs []string
	for col := fbColFun; col <= fbColInterest; col++ {
		_, full := fbQuestion(col)
		qs = append(qs, full)
	}
	help := widgets.WrapLabel(lang.X("evaluations.week.help",
		"En rad per svar. Skriv 1–5 för varje fråga ({{.Questions}}): markören går själv till nästa ruta, så skriv bara siffrorna i tur och ordning. Pilarna flyttar, Enter går till nästa svar, Delete tömmer rutan. I kommentaren öppnar en bokstav eller Enter kommentarsrutan, och Enter sparar den och går till nästa svar; en siffra där börjar nästa svar. Ett papper utan namn blir ett svar utan namn: Nytt svar utan namn.",
		map[string]string{"Questions": strings.Join(qs, "; ")}))
	help.Importance = widget.LowImportance
	top := container.NewVBox(
		container.NewGridWithColumns(2, f.periodSel),
		help,
		container.NewBorder(nil, nil, nil, f.newBtn, f.summary),
		f.status)
	left := container.New(widgets.FixedWidth{W: 240}, container.NewBorder(
		widget.NewLabelWithStyle(lang.X("evaluations.week.pick_block", "Välj block"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		nil, nil, nil, f.blockPick.Content))
	f.content = container.NewPadded(container.NewBorder(top, f.detail, left, nil, f.table))
	return f
}

// reload reads the week periods off the UI goroutine.
func (f *feedbackTab) reload() {
	st := f.main.Store()
	f.main.Background(func() func() {
		ps, err := st.ListPeriods(context.Background())
		return func() {
			if err != nil {
				dialog.ShowError(err, f.main.Window())
				return
			}
			keep := f.periodSel.Selected
			f.periods = slices.DeleteFunc(ps, func(p data.Period) bool {
				return p.Format != data.FormatWeek || p.Status == data.PeriodArchived
			})
			sort.SliceStable(f.periods, func(i, j int) bool { return f.periods[i].Start.After(f.periods[j].Start) })
			var names []string
			for _, p := range f.periods {
				names = append(names, p.Name)
			}
			f.periodSel.Options = names
			f.periodSel.Refresh()
			if len(names) == 0 {
				f.status.SetText(lang.X("evaluations.week.no_weeks", "Det finns ingen teknikpraovecka ännu."))
				return
			}
			if slices.Contains(names, keep) {
				f.onPeriod()
			} else {
				f.periodSel.SetSelectedIndex(latestBegun(f.periods, f.main.Now()))
			}
		}
	})
}

// latestBegun is the index of the newest week that has begun by now (its
// feedback is on paper), or 0 when none has; ps is newest first.
func latestBegun(ps []data.Period, now time.Time) int {
	for i, p := range ps {
		if !p.Start.After(now) {
			return i
		}
	}
	return 0
}

func (f *feedbackTab) period() (data.Period, bool) {
	i := f.periodSel.SelectedIndex()
	if i < 0 || i >= len(f.periods) {
		return data.Period{}, false
	}
	return f.periods[i], true
}

// onPeriod loads the chosen week and lists its blocks.
func (f *feedbackTab) onPeriod() {
	p, ok := f.period()
	if !ok {
		return
	}
	st := f.main.Store()
	f.main.Background(func() func() {
		w, err := loadFeedbackWeek(context.Background(), st, p.ID)
		return func() {
			if err != nil {
				dialog.ShowError(err, f.main.Window())
				return
			}
			keep := ""
			if b, ok := f.block(); ok {
				keep = b.ID
			}
			f.week = w
			f.blocks = w.blocksShown()
			var items []widgets.PickItem
			at := ""
			for _, b := range f.blocks {
				// The day first: a long host name cut with "…" hid it
				// (found by use). In time order, as the slips come in day
				// by day; a host is found by typing its name.
				items = append(items, widgets.PickItem{ID: b.ID, Text: uikit.JoinDot(uikit.ShortWeekday(b.Date.Weekday())+" "+
					strconv.Itoa(b.Date.Day())+"/"+strconv.Itoa(int(b.Date.Month()))+" "+b.Start.String()+"–"+b.End.String(), b.HostName)})
				if b.ID == keep || at == "" {
					at = b.ID
				}
			}
			slices.SortStableFunc(items, func(a, b widgets.PickItem) int { return f.blockOrder(a.ID, b.ID) })
			f.blockPick.SetItems(items, at)
			f.status.SetText("")
			if len(items) == 0 {
				f.rows = nil
				f.table.Refresh()
				f.summary.SetText("")
				f.status.SetText(lang.X("evaluations.week.no_blocks", "Veckan har inga planerade block ännu."))
				return
			}
			f.onBlock()
		}
	})
}

// block is the chosen block.
func (f *feedbackTab) block() (data.WeekBlock, bool) {
	id := f.blockPick.Selected()
	for _, b := range f.blocks {
		if id != "" && b.ID == id {
			return b, true
		}
	}
	return data.WeekBlock{}, false
}

// blockOrder orders two blocks by time (date, start), then host.
func (f *feedbackTab) blockOrder(a, b string) int {
	var x, y data.WeekBlock
	for _, bl := range f.blocks {
		switch bl.ID {
		case a:
			x = bl
		case b:
			y = bl
		}
	}
	return cmp.Or(x.Date.Compare(y.Date), cmp.Compare(x.Start, y.Start), uikit.Collator().CompareString(x.HostName, y.HostName))
}

// onBlock shows the chosen block's answers.
func (f *feedbackTab) onBlock() {
	b, ok := f.block()
	if !ok {
		return
	}
	f.rows = f.week.rows(b.ID)
	f.table.Sel = widget.TableCellID{Row: -1, Col: -1}
	f.table.UnselectAll()
	f.table.Refresh()
	f.summary.SetText(fbSummary(f.rows))
	f.detail.SetText(b.Activities)
}

func (f *feedbackTab) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	l := o.(*widget.Label)
	l.TextStyle = fyne.TextStyle{}
	l.Importance = widget.MediumImportance
	l.Wrapping, l.Truncation = fyne.TextWrapOff, fyne.TextTruncateEllipsis
	if id.Row == 0 {
		l.TextStyle.Bold = true
		l.Wrapping, l.Truncation = fyne.TextWrapWord, fyne.TextTruncateOff
		switch id.Col {
		case fbColName:
			l.SetText(lang.X("evaluations.week.col_pupil", "Elev (team)"))
		case fbColComment:
			l.SetText(lang.X("evaluations.col.comment", "Kommentar"))
		case fbColState:
			l.SetText(lang.X("evaluations.col.state", "Sparad"))
		default:
			short, _ := fbQuestion(id.Col)
			l.SetText(short)
		}
		return
	}
	i := id.Row - 1
	if i >= len(f.rows) {
		l.SetText("")
		return
	}
	r := f.rows[i]
	switch id.Col {
	case fbColName:
		if r.pupil == "" {
			l.TextStyle.Italic = true
			l.SetText(lang.X("evaluations.week.anonymous", "Utan namn"))
		} else {
			l.SetText(uikit.JoinDot(r.pupil, r.team))
		}
		l.Refresh()
	case fbColComment:
		l.SetText(strings.ReplaceAll(r.fb.Comment, "\n", " "))
	case fbColState:
		switch {
		case r.err != "":
			l.Importance = widget.DangerImportance
			l.SetText(lang.X("evaluations.week.state_error", "Fel"))
		case r.saving:
			l.SetText("…")
		case r.fb.ID != "":
			l.Importance = widget.SuccessImportance
			l.SetText("✓")
		default:
			l.SetText("")
		}
		l.Refresh()
	default:
		l.SetText(scoreText(*r.score(id.Col)))
	}
}

func (f *feedbackTab) onSelected(id widget.TableCellID) {
	f.table.Sel = id
	if r := f.selected(); r != nil {
		f.showRow(r)
	}
}

// selected is the row of the selected cell, or nil.
func (f *feedbackTab) selected() *fbRow {
	i := f.table.Sel.Row - 1
	if i < 0 || i >= len(f.rows) {
		return nil
	}
	return f.rows[i]
}

// showRow writes an answer in full under the grid.
func (f *feedbackTab) showRow(r *fbRow) {
	var lines []string
	for col := fbColFun; col <= fbColInterest; col++ {
		_, full := fbQuestion(col)
		lines = append(lines, full+": "+scoreText(*r.score(col)))
	}
	if c := strings.TrimSpace(r.fb.Comment); c != "" {
		lines = append(lines, lang.X("evaluations.col.comment", "Kommentar")+": "+c)
	}
	if r.err != "" {
		lines = append(lines, r.err)
	}
	f.detail.SetText(strings.Join(lines, "\n"))
}

// onRune types a score 1–5 in a question (and moves right), or opens the
// comment with the letter typed.
func (f *feedbackTab) onRune(ch rune) {
	r := f.selected()
	if r == nil {
		return
	}
	col := f.table.Sel.Col
	switch {
	case col == fbColComment && ch >= '1' && ch <= '5' && f.nextUntyped():
		// The next slip's first answer: the digits of the slips are typed
		// one after the other (found by use: they went into the comment,
		// "Kul att bygga robot55453232"). Only onto a slip not typed yet:
		// an answer there is not overwritten (review).
		f.nextAnswer()
		f.setScore(int(ch - '0'))
	case col == fbColComment:
		if ch != ' ' || r.fb.Comment != "" {
			f.editComment(r, string(ch))
		}
	case col >= fbColFun && col <= fbColInterest && ch >= '0' && ch <= '5':
		f.setScore(int(ch - '0'))
	}
}

// nextUntyped says whether there is a next answer and its first question
// is still empty.
func (f *feedbackTab) nextUntyped() bool {
	next := f.table.Sel.Row // rows are 1-based in the table; f.rows is 0-based
	return next < len(f.rows) && f.rows[next].fb.Fun == 0
}

// nextAnswer chooses the next answer's first question; false on the last.
func (f *feedbackTab) nextAnswer() bool {
	if f.table.Sel.Row >= len(f.rows) {
		return false
	}
	f.table.Select(widget.TableCellID{Row: f.table.Sel.Row + 1, Col: fbColFun})
	return true
}

// onEnter opens the comment in the comment column, else goes to the next
// answer's first question.
func (f *feedbackTab) onEnter() {
	r := f.selected()
	if r == nil {
		return
	}
	if f.table.Sel.Col == fbColComment {
		f.editComment(r, "")
		return
	}
	f.nextAnswer()
}

// setScore sets the selected question (0 clears it), saves, and moves on
// to the next column.
func (f *feedbackTab) setScore(v int) {
	r := f.selected()
	col := f.table.Sel.Col
	if r == nil {
		return
	}
	if col == fbColComment {
		if v == 0 && r.fb.Comment != "" {
			f.change(r, func(b *data.BlockFeedback) { b.Comment = "" })
		}
		return
	}
	p := r.score(col)
	if p == nil {
		return
	}
	f.change(r, func(b *data.BlockFeedback) {
		tmp := fbRow{fb: *b}
		*tmp.score(col) = v
		*b = tmp.fb
	})
	if v > 0 && col < fbColComment {
		f.table.Select(widget.TableCellID{Row: f.table.Sel.Row, Col: col + 1})
	}
}

// editComment asks for the comment, starting from what is saved and the
// letter typed; Enter saves it and gives the keys back to the grid.
func (f *feedbackTab) editComment(r *fbRow, typed string) {
	e := uikit.NewEscEntry(nil) // Escape is Avbryt, back to the grid
	e.SetText(r.fb.Comment + typed)
	e.CursorColumn = len([]rune(e.Text))
	d := dialog.NewForm(lang.X("evaluations.col.comment", "Kommentar"), lang.X("action.save", "Spara"),
		lang.X("events.walk_cancel", "Avbryt"), []*widget.FormItem{widget.NewFormItem("", e)},
		func(ok bool) {
			if ok {
				f.change(r, func(b *data.BlockFeedback) { b.Comment = strings.TrimSpace(e.Text) })
				// On to the next slip, as Enter does in a question
				// (found by use: Enter opened the same comment again).
				f.nextAnswer()
			}
			f.main.Window().Canvas().Focus(f.table)
		}, f.main.Window())
	e.OnSubmitted = func(string) { d.Submit() }
	e.OnEscape = d.Hide
	d.Resize(fyne.NewSize(560, d.MinSize().Height))
	d.Show()
	f.main.Window().Canvas().Focus(e)
}

// onNewAnonymous adds an empty anonymous answer at the end and selects it.
func (f *feedbackTab) onNewAnonymous() {
	b, ok := f.block()
	if !ok {
		return
	}
	f.rows = append(f.rows, &fbRow{fb: data.BlockFeedback{BlockID: b.ID}})
	f.table.Refresh()
	f.table.Select(widget.TableCellID{Row: len(f.rows), Col: fbColFun})
	f.table.ScrollToBottom()
	f.main.Window().Canvas().Focus(f.table)
}

// change edits one answer and saves it.
func (f *feedbackTab) change(r *fbRow, edit func(b *data.BlockFeedback)) {
	before := r.fb
	edit(&r.fb)
	if r.fb != before {
		f.save(r)
	}
}

// save writes a row off the UI goroutine: an answer left empty is removed
// (or never written). One save of a row runs at a time; an edit made
// meanwhile is saved after it, with the key the first one got, so a new
// answer typed quickly is written once.
func (f *feedbackTab) save(r *fbRow) {
	if r.saving {
		r.again = true
		return
	}
	want := r.fb
	oldID := want.ID
	remove := r.empty()
	r.saving = true
	f.table.Refresh()
	st := f.main.Store()
	f.main.Background(func() func() {
		ctx := context.Background()
		var err error
		switch {
		case remove && want.ID != "":
			err = st.DeleteBlockFeedback(ctx, want.ID)
			want.ID = ""
		case remove:
		default:
			err = st.SaveBlockFeedback(ctx, &want)
		}
		return func() {
			r.saving = false
			if err != nil {
				r.err = evalErrorText(err)
				f.status.SetText(r.err)
			} else {
				r.err = ""
				// Keep what was typed meanwhile; take the key and times the store gave.
				r.fb.ID, r.fb.CreatedAt, r.fb.UpdatedAt = want.ID, want.CreatedAt, want.UpdatedAt
				f.week.remember(want, oldID, remove)
				f.status.SetText("")
			}
			if r.again {
				r.again = false
				f.save(r)
			}
			f.table.Refresh()
			f.summary.SetText(fbSummary(f.rows))
			if f.selected() == r {
				f.showRow(r)
			}
		}
	})
}

// remember keeps the loaded feedback in step with what was saved, so that
// going back to a block shows it without reloading.
func (w *fbWeek) remember(b data.BlockFeedback, oldID string, removed bool) {
	for i, x := range w.feedback {
		if x.ID != "" && (x.ID == b.ID || x.ID == oldID) {
			if removed {
				w.feedback = slices.Delete(w.feedback, i, i+1)
			} else {
				w.feedback[i] = b
			}
			return
		}
	}
	if !removed {
		w.feedback = append(w.feedback, b)
	}
}

// String names a row in test failures.
func (r *fbRow) String() string {
	return fmt.Sprintf("%s %d/%d/%d/%d %q", r.pupil, r.fb.Fun, r.fb.Learned, r.fb.People, r.fb.Interest, r.fb.Comment)
}
