package week

import (
	"context"
	"errors"
	"fmt"
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
	"techniqual/data/rotation"
	"techniqual/ui/uikit"
	"techniqual/ui/widgets"
)

var errLockedPupil = errors.New("locked pupil")

// undoStep is what Ångra puts back: the plan being worked on before a
// change, and, when the change was a save, the plan that was in the
// database before it (saved again on undo).
type undoStep struct {
	draft *draft
	saved *draft
}

// column of the teams table.
type column struct {
	key, sv string
	width   float32
}

var teamColumns = []column{
	{"wk.col_team", "Team", 190}, {"wk.col_group", "Grupp", 150}, {"wk.col_size", "Elever", 64},
	{"wk.col_mix", "Flickor/pojkar", 116}, {"wk.col_route", "Rutt", 560}, {"wk.col_why", "Varför", 300},
	{"wk.col_lock", "Lås", 80},
}

// planTab is Team och rutter.
type planTab struct {
	s       *Screen
	content fyne.CanvasObject

	rows    []int // teams shown (after the search)
	cols    []int // the teamColumns shown, in order (setColumns)
	selTeam int   // selected team index in the draft, -1 none
	selPup  string
	running bool

	search                      *widget.Entry
	table                       *widget.Table
	planBtn, acceptBtn, undoBtn *widget.Button
	progress                    *widget.ProgressBarInfinite
	message, changes            *widget.Label
	teamTitle, route            *widget.Label
	pupils                      *widget.List
	pupilIDs                    []string
	moveBtn, lockPupBtn         *widget.Button
	lockTeamBtn, swapBtn        *widget.Button
	unteamed                    *widget.List
	unteamedIDs                 []string
	allTeamed                   *widget.Label // shown instead of an empty unteamed list
	shortages                   *widget.Label
	lastConfirm                 dialog.Dialog // the open Godkänn question (tests answer it)
	acceptText                  string
}

func newPlanTab(s *Screen) *planTab {
	t := &planTab{s: s, selTeam: -1}
	t.search = widget.NewEntry()
	t.search.SetPlaceHolder(lang.X("wk.team_search", "Sök team, grupp, värd eller elev"))
	t.search.OnChanged = func(string) { t.refresh() }
	t.table = widget.NewTable(func() (int, int) { return len(t.rows), len(t.cols) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		}, t.updateCell)
	t.table.ShowHeaderRow = true
	t.table.CreateHeader = func() fyne.CanvasObject {
		return widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	t.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 && id.Col < len(t.cols) {
			c := teamColumns[t.cols[id.Col]]
			o.(*widget.Label).SetText(lang.X(c.key, c.sv))
		}
	}
	t.setColumns(true)
	t.table.OnSelected = func(id widget.TableCellID) {
		if id.Row >= 0 && id.Row < len(t.rows) {
			t.selectTeam(t.rows[id.Row])
		}
	}
	t.planBtn = widget.NewButtonWithIcon(lang.X("wk.plan", "Planera"), theme.MediaPlayIcon(), t.onPlan)
	t.planBtn.Importance = widget.HighImportance
	t.acceptBtn = widget.NewButtonWithIcon(lang.X("wk.accept", "Godkänn"), theme.ConfirmIcon(), t.onAccept)
	t.undoBtn = widget.NewButtonWithIcon(lang.X("wk.undo", "Ångra"), theme.ContentUndoIcon(), t.onUndo)
	t.progress = widget.NewProgressBarInfinite()
	t.progress.Stop()
	t.progress.Hide()
	t.message = widgets.WrapLabel("")
	t.message.Hide()
	t.changes = widget.NewLabel("")
	t.changes.Truncation = fyne.TextTruncateEllipsis

	t.teamTitle = widgets.HeadingLabel(lang.X("wk.pick_team", "Välj ett team i tabellen"))
	t.teamTitle.Truncation = fyne.TextTruncateEllipsis
	t.teamTitle.Wrapping = fyne.TextWrapOff
	t.route = widgets.WrapLabel("")
	t.pupils = widget.NewList(func() int { return len(t.pupilIDs) }, func() fyne.CanvasObject {
		l := widget.NewLabel("")
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}, func(i widget.ListItemID, o fyne.CanvasObject) {
		if i < len(t.pupilIDs) {
			o.(*widget.Label).SetText(t.pupilLine(t.pupilIDs[i]))
		}
	})
	t.pupils.OnSelected = func(i widget.ListItemID) {
		if i < len(t.pupilIDs) {
			t.selPup = t.pupilIDs[i]
			t.unteamed.UnselectAll()
			t.updateButtons()
		}
	}
	t.moveBtn = widget.NewButtonWithIcon(lang.X("wk.move_pupil", "Flytta elev …"), theme.NavigateNextIcon(), t.onMovePupil)
	t.lockPupBtn = widget.NewButton(lang.X("wk.lock_pupil", "Lås elev"), t.onLockPupil)
	t.lockTeamBtn = widget.NewButton(lang.X("wk.lock_team", "Lås teamet"), t.onLockTeam)
	t.swapBtn = widget.NewButtonWithIcon(lang.X("wk.swap", "Byt rutt med …"), theme.ViewRefreshIcon(), t.onSwap)

	t.unteamed = widget.NewList(func() int { return len(t.unteamedIDs) }, func() fyne.CanvasObject {
		l := widget.NewLabel("")
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}, func(i widget.ListItemID, o fyne.CanvasObject) {
		if i < len(t.unteamedIDs) {
			o.(*widget.Label).SetText(t.unteamedLine(t.unteamedIDs[i]))
		}
	})
	t.unteamed.OnSelected = func(i widget.ListItemID) {
		if i < len(t.unteamedIDs) {
			t.selPup = t.unteamedIDs[i]
			t.pupils.UnselectAll()
			t.updateButtons()
		}
	}
	t.allTeamed = widget.NewLabel(lang.X("wk.all_teamed", "Alla elever är i ett team."))
	t.shortages = widgets.WrapLabel("")
	t.shortages.Importance = widget.WarningImportance

	tools := container.NewBorder(nil, nil, container.NewHBox(t.planBtn, t.acceptBtn, t.undoBtn), nil, t.progress)
	head := container.NewVBox(tools, t.message, t.changes)
	left := container.NewBorder(t.search, nil, nil, nil, t.table)
	bottom := container.NewBorder(widgets.HeadingLabel(lang.X("wk.unteamed", "Utan team")), nil, nil, nil,
		container.NewHSplit(container.NewStack(t.unteamed, container.NewVBox(t.allTeamed)), container.NewVScroll(t.shortages)))
	leftSplit := container.NewVSplit(left, bottom)
	leftSplit.Offset = 0.78
	// The pupils and the route share the column; at 720 pixels high both
	// must stay readable, so they split it and the route scrolls.
	pupilsBox := container.NewBorder(
		container.NewVBox(t.teamTitle, container.NewGridWithColumns(2, t.lockTeamBtn, t.swapBtn)),
		container.NewGridWithColumns(2, t.moveBtn, t.lockPupBtn), nil, nil, t.pupils)
	routeBox := container.NewBorder(widgets.HeadingLabel(lang.X("wk.route", "Rutt")), nil, nil, nil, container.NewVScroll(t.route))
	detail := container.NewVSplit(pupilsBox, routeBox)
	detail.Offset = 0.6
	split := container.NewHSplit(leftSplit, container.NewPadded(detail))
	split.Offset = 0.66
	t.content = container.NewBorder(head, nil, nil, nil, split)
	return t
}

// show shows the plan being worked on.
func (t *planTab) show() {
	if t.s.draft == nil || t.selTeam >= len(t.s.draft.teams) {
		t.selTeam = -1
	}
	t.refresh()
}

// colGroup is the index of the group's column in teamColumns.
const colGroup = 1

// setColumns shows the teams table's columns, the group's only when
// withGroup: a planned team is named after its group ("Ring 1 – Arvika
// team 2"), and the column said it again while the route, the widest
// column, was cut off at 1280 pixels (found by use).
func (t *planTab) setColumns(withGroup bool) {
	if t.cols != nil && slices.Contains(t.cols, colGroup) == withGroup {
		return
	}
	t.cols = t.cols[:0]
	for i := range teamColumns {
		if i != colGroup || withGroup {
			t.cols = append(t.cols, i)
		}
	}
	for i, c := range t.cols {
		t.table.SetColumnWidth(i, teamColumns[c].width)
	}
}

// groupSaid reports whether every team's name begins with its group's.
func (t *planTab) groupSaid() bool {
	if t.s.draft == nil {
		return false
	}
	for _, tm := range t.s.draft.teams {
		if g := t.s.groupName(tm.groupID); g == "" || !strings.HasPrefix(tm.name, g) {
			return false
		}
	}
	return true
}

// refresh redraws the table, the selected team, the unteamed pupils, the
// changes against the saved plan and the buttons.
func (t *planTab) refresh() {
	s := t.s
	t.rows = t.rows[:0]
	t.unteamedIDs = nil
	if s.draft != nil {
		words := strings.Fields(uikit.Fold(t.search.Text))
		for i, tm := range s.draft.teams {
			text := tm.name + " " + s.groupName(tm.groupID) + " " + t.routeText(tm)
			for _, p := range tm.pupils {
				text += " " + s.pupilName(p)
			}
			if uikit.ContainsAll(uikit.Fold(text), words) {
				t.rows = append(t.rows, i)
			}
		}
		for _, u := range s.draft.unteamed {
			t.unteamedIDs = append(t.unteamedIDs, u.PupilID)
		}
	}
	t.setColumns(!t.groupSaid())
	t.table.UnselectAll()
	t.table.Refresh()
	if i := slices.Index(t.rows, t.selTeam); i >= 0 {
		t.table.Select(widget.TableCellID{Row: i, Col: 0})
	}
	t.unteamed.UnselectAll()
	t.unteamed.Refresh()
	if len(t.unteamedIDs) == 0 && s.draft != nil && len(s.draft.teams) > 0 {
		t.allTeamed.Show()
	} else {
		t.allTeamed.Hide()
	}
	t.shortages.SetText(strings.Join(s.shortages, "\n"))
	t.showTeam()
	t.showChanges()
	t.updateButtons()
	if s.w != nil && s.w.period.Held() {
		t.setMessage(lang.X("wk.finished", "Veckan är avslutad: den sparade planen behålls, eftersom närvaro, intyg och återkoppling hör till den."))
	}
	s.updateCounts()
}

func (t *planTab) showChanges() {
	s := t.s
	if s.w == nil || s.draft == nil {
		t.changes.SetText("")
		return
	}
	p, tm := changes(s.w.saved, s.draft)
	if p == 0 && tm == 0 {
		if len(s.w.saved.teams) == 0 {
			t.changes.SetText(lang.X("wk.no_plan", "Veckan har ingen sparad plan. Tryck Planera."))
		} else {
			t.changes.SetText(lang.X("wk.same_as_saved", "Samma som den sparade planen."))
		}
		return
	}
	if len(s.w.saved.teams) == 0 {
		// The first plan: nothing was moved (found by use: "24 elever
		// flyttade" with no plan before).
		t.changes.SetText(lang.X("wk.new_plan", "Ny plan, inte sparad än: {{.Pupils}} i {{.Teams}}. Tryck Godkänn för att spara.",
			map[string]string{"Pupils": uikit.PupilCount(p), "Teams": uikit.TeamCount(len(s.draft.teams))}))
		return
	}
	t.changes.SetText(lang.X("wk.changed", "Ändrat mot den sparade planen: {{.Pupils}} flyttade, {{.Teams}} ändrade. Tryck Godkänn för att spara.",
		map[string]string{"Pupils": uikit.PupilCount(p), "Teams": uikit.TeamCount(tm)}))
}

// routeText is a team's route, day by day: "mån Värd A · tis Värd B".
func (t *planTab) routeText(tm team) string {
	var parts []string
	for _, id := range tm.blocks {
		if b, ok := t.s.block(id); ok {
			parts = append(parts, uikit.ShortWeekday(b.Date.Weekday())+" "+b.HostName)
		}
	}
	return strings.Join(parts, " · ")
}

// mix counts a team's girls and boys.
func (t *planTab) mix(tm team) (girls, boys int) {
	for _, p := range tm.pupils {
		if pp, ok := t.s.pupil(p); ok {
			switch pp.Gender {
			case rotation.Girl:
				girls++
			case rotation.Boy:
				boys++
			}
		}
	}
	return girls, boys
}

// breaksMix reports whether a team has a girl alone or a boy alone.
func (t *planTab) breaksMix(tm team) bool {
	g, b := t.mix(tm)
	return g == 1 || b == 1
}

// localWhy says why a team changed by hand breaks a rule, like the
// planner's Why, in Swedish (it is stored with the plan).
func (t *planTab) localWhy(tm team) string {
	var why []string
	g, b := t.mix(tm)
	if t.s.w.period.Week.MixRule {
		if g == 1 {
			why = append(why, "En flicka ensam i teamet.")
		}
		if b == 1 {
			why = append(why, "En pojke ensam i teamet.")
		}
	}
	wk := t.s.w.period.Week
	if n := len(tm.pupils); n < wk.TeamMin || n > wk.TeamMax {
		why = append(why, fmt.Sprintf("Teamet har %d elever, utanför %d–%d.", n, wk.TeamMin, wk.TeamMax))
	}
	return strings.Join(why, " ")
}

func (t *planTab) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	l := o.(*widget.Label)
	if id.Row < 0 || id.Row >= len(t.rows) || t.s.draft == nil {
		l.SetText("")
		return
	}
	tm := t.s.draft.teams[t.rows[id.Row]]
	l.Importance = widget.MediumImportance
	if id.Col < 0 || id.Col >= len(t.cols) {
		l.SetText("")
		return
	}
	switch t.cols[id.Col] {
	case 0:
		l.SetText(tm.name)
	case 1:
		l.SetText(t.s.groupName(tm.groupID))
	case 2:
		l.SetText(fmt.Sprint(len(tm.pupils)))
		if wk := t.s.w.period.Week; len(tm.pupils) < wk.TeamMin || len(tm.pupils) > wk.TeamMax {
			l.Importance = widget.WarningImportance
		}
	case 3:
		g, b := t.mix(tm)
		l.SetText(fmt.Sprintf("%d / %d", g, b))
		if t.breaksMix(tm) {
			l.Importance = widget.WarningImportance
		}
	case 4:
		l.SetText(t.routeText(tm))
	case 5:
		l.SetText(tm.why)
	case 6:
		l.SetText(t.lockText(tm))
	}
}

func (t *planTab) lockText(tm team) string {
	n := 0
	for _, p := range tm.pupils {
		if tm.lockedP[p] {
			n++
		}
	}
	switch {
	case tm.locked:
		return lang.X("wk.locked", "Låst")
	case n > 0:
		return lang.X("wk.locked_pupils", "{{.N}} låsta", map[string]string{"N": fmt.Sprint(n)})
	}
	return ""
}

func (t *planTab) selectTeam(i int) {
	if t.selTeam == i {
		return
	}
	t.selTeam = i
	t.selPup = ""
	t.showTeam()
	t.updateButtons()
}

// showTeam shows the selected team's pupils and route.
func (t *planTab) showTeam() {
	t.pupilIDs = nil
	d := t.s.draft
	if d == nil || t.selTeam < 0 || t.selTeam >= len(d.teams) {
		t.teamTitle.SetText(lang.X("wk.pick_team", "Välj ett team i tabellen"))
		t.route.SetText("")
		t.pupils.Refresh()
		return
	}
	tm := d.teams[t.selTeam]
	t.pupilIDs = slices.Clone(tm.pupils)
	c := uikit.Collator()
	slices.SortFunc(t.pupilIDs, func(a, b string) int { return c.CompareString(t.s.pupilName(a), t.s.pupilName(b)) })
	title := tm.name
	if g := t.s.groupName(tm.groupID); !strings.HasPrefix(tm.name, g) {
		title += " · " + g // a team's name usually starts with its group's
	}
	t.teamTitle.SetText(title)
	var lines []string
	for _, id := range tm.blocks {
		if b, ok := t.s.block(id); ok {
			lines = append(lines, uikit.WeekdayName(b.Date.Weekday())+" "+data.FormatDate(b.Date)+" "+b.Start.String()+"–"+b.End.String()+" · "+b.HostName)
		}
	}
	if tm.why != "" {
		lines = append(lines, lang.X("wk.why", "Varför: {{.Why}}", map[string]string{"Why": tm.why}))
	}
	t.route.SetText(strings.Join(lines, "\n"))
	t.pupils.UnselectAll()
	if i := slices.Index(t.pupilIDs, t.selPup); i >= 0 {
		t.pupils.Select(i)
	}
	t.pupils.Refresh()
}

func genderText(g rotation.Gender) string {
	switch g {
	case rotation.Girl:
		return lang.X("wk.girl", "flicka")
	case rotation.Boy:
		return lang.X("wk.boy", "pojke")
	}
	return ""
}

func (t *planTab) pupilLine(id string) string {
	p, _ := t.s.pupil(id)
	parts := []string{p.Name, p.Class, genderText(p.Gender)}
	if d := t.s.draft; d != nil && t.selTeam >= 0 && t.selTeam < len(d.teams) && d.teams[t.selTeam].lockedP[id] {
		parts = append(parts, lang.X("wk.locked", "Låst"))
	}
	return uikit.JoinDot(parts...)
}

func (t *planTab) unteamedLine(id string) string {
	p, _ := t.s.pupil(id)
	why := ""
	for _, u := range t.s.draft.unteamed {
		if u.PupilID == id {
			why = u.Why
		}
	}
	return uikit.JoinDot(p.Name, p.Class, why)
}

func (t *planTab) updateButtons() {
	s := t.s
	on := func(b *widget.Button, ok bool) {
		if ok && !t.running {
			b.Enable()
		} else {
			b.Disable()
		}
	}
	// A week held (genomförd, arkiverad) keeps its plan: its attendance,
	// certificates and feedback hang on it. Found by use: Planera om still
	// worked there, without a word.
	if s.w != nil && s.w.period.Held() {
		on = func(b *widget.Button, _ bool) { b.Disable() }
	}
	have := s.w != nil && len(s.w.groups) > 0
	on(t.planBtn, have)
	if s.draft != nil && len(s.draft.teams) > 0 {
		t.planBtn.SetText(lang.X("wk.replan", "Planera om"))
	} else {
		t.planBtn.SetText(lang.X("wk.plan", "Planera"))
	}
	on(t.acceptBtn, s.draft != nil && s.w != nil && (len(s.draft.teams) > 0 || len(s.w.saved.teams) > 0))
	on(t.undoBtn, len(s.undo) > 0)
	team := s.draft != nil && t.selTeam >= 0 && t.selTeam < len(s.draft.teams)
	on(t.lockTeamBtn, team)
	on(t.swapBtn, team && !s.draft.teams[t.selTeam].locked)
	on(t.moveBtn, t.selPup != "" && s.draft != nil && len(s.draft.teams) > 0)
	on(t.lockPupBtn, team && t.selPup != "" && s.draft.teamOf(t.selPup) == t.selTeam)
	if team {
		if s.draft.teams[t.selTeam].locked {
			t.lockTeamBtn.SetText(lang.X("wk.unlock_team", "Lås upp teamet"))
		} else {
			t.lockTeamBtn.SetText(lang.X("wk.lock_team", "Lås teamet"))
		}
		if s.draft.teams[t.selTeam].lockedP[t.selPup] {
			t.lockPupBtn.SetText(lang.X("wk.unlock_pupil", "Lås upp elev"))
		} else {
			t.lockPupBtn.SetText(lang.X("wk.lock_pupil", "Lås elev"))
		}
	}
}

// change runs f on the plan being worked on, after keeping it for Ångra,
// and shows the result everywhere.
func (t *planTab) change(f func(d *draft) error) {
	s := t.s
	if s.draft == nil {
		return
	}
	before := s.draft.clone()
	if err := f(s.draft); err != nil {
		s.draft = before
		t.s.showErr(err)
		return
	}
	s.undo = append(s.undo, undoStep{draft: before})
	s.afterChange()
}

// onPlan runs the planner off the UI goroutine, keeping the locked teams
// and pupils of the plan being worked on; nothing is saved.
func (t *planTab) onPlan() {
	s := t.s
	if s.w == nil || t.running {
		return
	}
	w, d := s.w, s.draft.clone()
	t.running = true
	t.progress.Show()
	t.progress.Start()
	t.setMessage(lang.X("wk.planning", "Planerar veckan …"))
	t.updateButtons()
	s.main.Background(func() func() {
		in := d.instance(w.in, w.idx)
		res, err := rotation.Plan(in)
		var nd *draft
		if err == nil {
			nd, err = fromResult(in, w.idx, res)
		}
		var short []string
		for _, sh := range res.Shortages {
			short = append(short, sh.Text)
		}
		return func() {
			t.running = false
			t.progress.Stop()
			t.progress.Hide()
			if err != nil {
				t.setMessage("")
				t.updateButtons()
				s.showErr(err)
				return
			}
			if s.w != w { // another week was chosen meanwhile
				t.updateButtons()
				return
			}
			s.undo = append(s.undo, undoStep{draft: s.draft.clone()})
			s.draft = nd
			s.shortages = short
			teamed := 0
			for _, tm := range nd.teams {
				teamed += len(tm.pupils)
			}
			t.setMessage(lang.X("wk.planned", "Planerat: {{.Teams}} team, {{.Teamed}} av {{.Pupils}} elever i team. Inget är sparat förrän du trycker Godkänn.",
				map[string]string{"Teams": fmt.Sprint(len(nd.teams)), "Teamed": fmt.Sprint(teamed), "Pupils": fmt.Sprint(len(w.in.Pupils))}))
			s.afterChange()
		}
	})
}

// acceptQuestion is the question Godkänn asks, with the plan's counts.
func (t *planTab) acceptQuestion() string {
	s := t.s
	teamed, broken := 0, 0
	for _, tm := range s.draft.teams {
		teamed += len(tm.pupils)
		if s.w.period.Week.MixRule && t.breaksMix(tm) {
			broken++
		}
	}
	all := len(s.w.in.Pupils)
	q := lang.X("wk.accept_counts", "{{.Teamed}} av {{.All}} elever i team, {{.Unteamed}} utan team, {{.Broken}} team bryter mot blandningsregeln",
		map[string]string{"Teamed": fmt.Sprint(teamed), "All": fmt.Sprint(all), "Unteamed": fmt.Sprint(max(0, all-teamed)),
			"Broken": fmt.Sprint(broken)})
	blocking, first := t.trialProblems()
	if blocking > 0 {
		q += lang.X("wk.accept_problems", ", {{.N}} problem, t.ex. {{.First}}",
			map[string]string{"N": fmt.Sprint(blocking), "First": first})
	}
	if teamed < all || broken > 0 || len(s.shortages) > 0 || blocking > 0 {
		return q + lang.X("wk.accept_anyway", " — spara ändå?")
	}
	return q + lang.X("wk.accept_ok", " — spara planen?")
}

// errTrial rolls back the trial save of trialProblems.
var errTrial = errors.New("trial")

// trialProblems saves the plan being worked on in a transaction that is
// rolled back, and counts what data.Store.CheckWeek finds wrong with the
// week then (warnings left out), with the first problem in words.
func (t *planTab) trialProblems() (int, string) {
	s := t.s
	var n int
	var first string
	_ = s.main.Store().InTx(context.Background(), func(tx *data.Store) error {
		if err := savePlan(tx, s.w.period.ID, s.draft); err != nil {
			return err
		}
		ps, err := tx.CheckWeek(context.Background(), s.w.period.ID)
		if err != nil {
			return err
		}
		for _, p := range ps {
			if !p.Warning {
				if n == 0 {
					first = uikit.Message(p.Key, p.Text, p.Data)
				}
				n++
			}
		}
		return errTrial
	})
	return n, first
}

// onAccept asks, with the counts, and saves the plan being worked on.
func (t *planTab) onAccept() {
	s := t.s
	if s.w == nil || s.draft == nil {
		return
	}
	if s.w.period.Held() {
		// Its attendance, certificates and feedback hang on the saved plan.
		t.setMessage(lang.X("wk.finished", "Veckan är avslutad: den sparade planen behålls, eftersom närvaro, intyg och återkoppling hör till den."))
		return
	}
	t.acceptText = t.acceptQuestion()
	t.lastConfirm = dialog.NewConfirm(lang.X("wk.accept_title", "Godkänn planen"), t.acceptText, func(ok bool) {
		t.lastConfirm = nil
		if ok {
			t.accept()
		}
	}, s.main.Window())
	t.lastConfirm.Show()
}

// savePlan makes d the week's saved plan, all or nothing: every lock is
// set as d says (a saved lock that d lifted is lifted too).
func savePlan(st *data.Store, periodID string, d *draft) error {
	ctx := context.Background()
	return st.InTx(ctx, func(tx *data.Store) error {
		teams, err := tx.ListTeams(ctx, periodID)
		if err != nil {
			return err
		}
		for _, tm := range teams {
			if tm.Locked {
				if err := tx.SetTeamLocked(ctx, tm.ID, false); err != nil {
					return err
				}
			}
		}
		return tx.SaveWeekPlan(ctx, periodID, d.dataTeams(periodID), slices.Clone(d.unteamed))
	})
}

// accept saves the plan being worked on and, in the same transaction,
// puts its pupils on the closing session's list (found by use: a button
// in Inställningar did it, which a coordinator had to know of).
func (t *planTab) accept() {
	s := t.s
	before := s.w.saved.clone()
	closing, err := t.saveWithClosing(s.draft)
	if err != nil {
		s.showErr(err)
		return
	}
	s.undo = append(s.undo, undoStep{draft: s.draft.clone(), saved: before})
	t.setMessage(strings.TrimSpace(lang.X("wk.saved", "Planen är sparad.") + " " + closing))
	s.loadWeek(s.w.period.ID, true)
}

// saveWithClosing saves d as the week's plan and, in the same transaction,
// puts its pupils on the closing session's list; it returns what that did
// in words ("" for a week without a closing session). Ångra saves the
// plan before this way too, so its pupils are on the list, and pupils of
// the undone plan who are on it are named, not cancelled (review).
func (t *planTab) saveWithClosing(d *draft) (string, error) {
	s := t.s
	var reg data.ClosingRegistration
	var closing bool
	err := s.main.Store().InTx(context.Background(), func(tx *data.Store) error {
		if err := savePlan(tx, s.w.period.ID, d); err != nil {
			return err
		}
		var err error
		reg, closing, err = tx.RegisterWeekClosing(context.Background(), s.w.period.ID)
		return err
	})
	if err != nil || !closing {
		return "", err
	}
	return closingMessage(reg), nil
}

// closingMessage says what RegisterWeekClosing did.
func closingMessage(r data.ClosingRegistration) string {
	msg := lang.X("wk.closing_registered",
		"Avslutningens lista: nyanmälda {{.R}}, fanns redan {{.A}}, reserver {{.W}}.",
		map[string]string{"R": strconv.Itoa(r.Registered), "A": strconv.Itoa(r.Already), "W": strconv.Itoa(r.Waitlisted)})
	if r.Cancelled > 0 {
		msg += " " + uikit.Plural(r.Cancelled, "wk.closing_cancelled_kept.one",
			"1 elev i ett team har en avbokad anmälan, som står kvar.", "wk.closing_cancelled_kept.other",
			"{{.N}} elever i team har en avbokad anmälan, som står kvar.", nil)
	}
	if r.NotInTeam > 0 {
		msg += " " + uikit.Plural(r.NotInTeam, "wk.closing_not_in_team.one",
			"1 elev på listan är inte med i något team: avboka eleven under Evenemang om hen inte ska komma.", "wk.closing_not_in_team.other",
			"{{.N}} elever på listan är inte med i något team: avboka dem under Evenemang om de inte ska komma.", nil)
	}
	return msg
}

// onUndo puts back the plan before the last change; when that change was a
// save, the plan saved before it is saved again.
func (t *planTab) onUndo() {
	s := t.s
	if len(s.undo) == 0 || s.w == nil {
		return
	}
	step := s.undo[len(s.undo)-1]
	s.undo = s.undo[:len(s.undo)-1]
	if step.saved != nil {
		closing, err := t.saveWithClosing(step.saved)
		if err != nil {
			s.showErr(err)
			return
		}
		t.setMessage(strings.TrimSpace(lang.X("wk.undone_save", "Den förra sparade planen är tillbaka.") + " " + closing))
		s.loadWeek(s.w.period.ID, true)
		return
	}
	s.draft = step.draft
	t.setMessage(lang.X("wk.undone", "Ändringen är ångrad."))
	s.afterChange()
}

// teamItems lists the teams for a picker, but not skip.
func (t *planTab) teamItems(skip int, sameGroup string) []widgets.PickItem {
	var items []widgets.PickItem
	for i, tm := range t.s.draft.teams {
		if i == skip || (sameGroup != "" && (tm.groupID != sameGroup || tm.locked)) {
			continue
		}
		g, b := t.mix(tm)
		text := lang.X("wk.team_item", "{{.Team}} · {{.N}} elever ({{.G}} f, {{.B}} p)",
			map[string]string{"Team": tm.name, "N": fmt.Sprint(len(tm.pupils)), "G": fmt.Sprint(g), "B": fmt.Sprint(b)})
		if grp := t.s.groupName(tm.groupID); !strings.HasPrefix(tm.name, grp) {
			text += " · " + grp
		}
		items = append(items, widgets.PickItem{ID: fmt.Sprint(i), Text: text})
	}
	return items
}

// onMovePupil moves the selected pupil to a team chosen in a searchable
// picker (or out of every team).
func (t *planTab) onMovePupil() {
	s := t.s
	id := t.selPup
	if id == "" || s.draft == nil {
		return
	}
	from := s.draft.teamOf(id)
	items := t.teamItems(from, "")
	if from >= 0 {
		items = append(items, widgets.PickItem{ID: "-1", Text: lang.X("wk.no_team", "(utan team)")})
	}
	s.picker = openPicker(s.main.Window(), lang.X("wk.move_pupil_to", "Flytta {{.Pupil}} till", map[string]string{"Pupil": s.pupilName(id)}),
		lang.X("wk.team_pick", "Sök team"), items, func(pick string) {
			var to int
			fmt.Sscan(pick, &to)
			t.movePupil(id, to)
		})
}

// movePupil moves a pupil to team to (-1: out of every team).
func (t *planTab) movePupil(id string, to int) {
	t.change(func(d *draft) error {
		from := d.teamOf(id)
		if err := d.movePupil(id, to); err != nil {
			if errors.Is(err, errLockedPupil) {
				return errors.New(lang.X("wk.err_locked_pupil", "{{.Pupil}} är låst till teamet. Lås upp eleven först.",
					map[string]string{"Pupil": t.s.pupilName(id)}))
			}
			return err
		}
		for _, i := range []int{from, to} {
			if i >= 0 {
				d.teams[i].why = t.localWhy(d.teams[i])
			}
		}
		return nil
	})
}

func (t *planTab) onLockPupil() {
	i, id := t.selTeam, t.selPup
	t.change(func(d *draft) error {
		if i < 0 || i >= len(d.teams) || d.teamOf(id) != i {
			return nil
		}
		tm := &d.teams[i]
		if tm.lockedP[id] {
			delete(tm.lockedP, id)
		} else {
			tm.lockedP[id] = true
			tm.locked = true // a pupil can only stay in a team that stays
		}
		return nil
	})
}

func (t *planTab) onLockTeam() {
	i := t.selTeam
	t.change(func(d *draft) error {
		if i < 0 || i >= len(d.teams) {
			return nil
		}
		tm := &d.teams[i]
		tm.locked = !tm.locked
		tm.lockedP = map[string]bool{}
		if tm.locked {
			for _, p := range tm.pupils {
				tm.lockedP[p] = true
			}
		}
		return nil
	})
}

// onSwap swaps the selected team's route with another unlocked team's of
// its group, chosen in a picker.
func (t *planTab) onSwap() {
	s := t.s
	i := t.selTeam
	if s.draft == nil || i < 0 || i >= len(s.draft.teams) {
		return
	}
	items := t.teamItems(i, s.draft.teams[i].groupID)
	if len(items) == 0 {
		dialog.ShowInformation(lang.X("wk.swap", "Byt rutt med …"), lang.X("wk.swap_none", "Det finns inget annat olåst team i gruppen."), s.main.Window())
		return
	}
	s.picker = openPicker(s.main.Window(), lang.X("wk.swap", "Byt rutt med …"), lang.X("wk.team_pick", "Sök team"), items, func(pick string) {
		var j int
		fmt.Sscan(pick, &j)
		t.swap(i, j)
	})
}

func (t *planTab) swap(i, j int) {
	t.change(func(d *draft) error {
		if i < 0 || j < 0 || i >= len(d.teams) || j >= len(d.teams) {
			return nil
		}
		if d.teams[i].locked || d.teams[j].locked {
			return errors.New(lang.X("wk.err_swap_locked", "Ett låst team behåller sin rutt. Lås upp teamet först."))
		}
		d.teams[i].blocks, d.teams[j].blocks = d.teams[j].blocks, d.teams[i].blocks
		return nil
	})
}

// afterChange shows the plan being worked on everywhere after a change.
func (s *Screen) afterChange() {
	s.planTab.refresh()
	s.printTab.show()
}

// setMessage shows text above the table, or hides the line when empty.
func (t *planTab) setMessage(text string) {
	t.message.SetText(text)
	if text == "" {
		t.message.Hide()
	} else {
		t.message.Show()
	}
}
