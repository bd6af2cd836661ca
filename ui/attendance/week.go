package attendance

import (
	"context"
	"slices"
	"sort"
	"strconv"
	"strings"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"techniqual/data"
	"techniqual/ui/uikit"
	"techniqual/ui/widgets"
)

// weekRow is one pupil of the week grid with the team they are in.
type weekRow struct {
	pupil data.Pupil
	team  string // the team's name
	order int    // the team's place in the plan
}

// weekGrid is the pure model of Närvaro for a teknikprao week: the pupils
// of the teams chosen (one block's teams, or one team) × the blocks shown,
// and what is recorded for each pupil and block.
type weekGrid struct {
	blocks []data.WeekBlock
	rows   []weekRow
	// visits says which blocks a pupil's team goes to (pupil → block → true):
	// a cell off the pupil's route cannot be marked.
	visits map[string]map[string]bool
	rec    map[string]map[string]data.BlockAttendance // pupil → block → record
	// oneTeam is set for a team's grid: its rows need not name the team.
	oneTeam bool
}

// weekChoice is one entry of the block-or-team list.
type weekChoice struct {
	label    string
	blockID  string // a block, or
	teamID   string // a team
	hostName string // the block's host, the order of the picker
}

// weekData is everything of a week the screen shows, read at once.
type weekData struct {
	blocks  []data.WeekBlock
	teams   []data.Team
	pupils  map[string]data.Pupil
	records []data.BlockAttendance
}

// loadWeek reads a week's blocks, teams, pupils and attendance.
func loadWeek(ctx context.Context, st *data.Store, periodID string) (weekData, error) {
	var w weekData
	r, err := st.WeekRoster(ctx, periodID)
	if err != nil {
		return w, err
	}
	w.blocks, w.teams, w.pupils = r.Blocks, r.Teams, r.Pupils
	w.records, err = st.ListBlockAttendance(ctx, periodID)
	return w, err
}

// choices lists the blocks that some team visits, then the teams.
func (w weekData) choices() []weekChoice {
	visited := map[string]int{}
	for _, t := range w.teams {
		for _, b := range t.BlockIDs {
			visited[b] += len(t.PupilIDs)
		}
	}
	var out []weekChoice
	for _, b := range w.blocks {
		if n := visited[b.ID]; n > 0 {
			out = append(out, weekChoice{blockID: b.ID, hostName: b.HostName, label: blockLabel(b) + " (" + strconv.Itoa(n) + ")"})
		}
	}
	for _, t := range w.teams {
		out = append(out, weekChoice{teamID: t.ID, label: t.Name + " (" + strconv.Itoa(len(t.PupilIDs)) + ")"})
	}
	return out
}

// blockLabel writes "mån 9/11 08:30–12:00 · Värmlands Verkstad AB": the
// day first, as a long host name cut with "…" hid it (found by use).
func blockLabel(b data.WeekBlock) string {
	return uikit.JoinDot(shortDay(b.Date)+" "+b.Start.String()+"–"+b.End.String(), b.HostName)
}

// grid builds the grid of one choice: for a block, the pupils of the teams
// that visit it × that block; for a team, its pupils × its route.
func (w weekData) grid(c weekChoice) weekGrid {
	g := weekGrid{visits: map[string]map[string]bool{}, rec: map[string]map[string]data.BlockAttendance{}, oneTeam: c.teamID != ""}
	byID := map[string]data.WeekBlock{}
	for _, b := range w.blocks {
		byID[b.ID] = b
	}
	if c.blockID != "" {
		if b, ok := byID[c.blockID]; ok {
			g.blocks = []data.WeekBlock{b}
		}
	}
	for ti, t := range w.teams {
		route := map[string]bool{}
		for _, b := range t.BlockIDs {
			route[b] = true
		}
		switch {
		case c.teamID == t.ID:
			for _, id := range t.BlockIDs {
				if b, ok := byID[id]; ok {
					g.blocks = append(g.blocks, b)
				}
			}
		case c.blockID != "" && route[c.blockID]:
		default:
			continue
		}
		for _, id := range t.PupilIDs {
			if p, ok := w.pupils[id]; ok {
				g.rows = append(g.rows, weekRow{pupil: p, team: t.Name, order: ti})
				g.visits[id] = route
			}
		}
	}
	coll := uikit.Collator()
	sort.SliceStable(g.rows, func(i, j int) bool {
		a, b := g.rows[i], g.rows[j]
		if a.order != b.order {
			return a.order < b.order
		}
		if a.pupil.LastName != b.pupil.LastName {
			return coll.CompareString(a.pupil.LastName, b.pupil.LastName) < 0
		}
		return coll.CompareString(a.pupil.FirstName, b.pupil.FirstName) < 0
	})
	for _, a := range w.records {
		if g.visits[a.PupilID] != nil {
			g.set(a)
		}
	}
	return g
}

// record is what is recorded for row i in block j.
func (g *weekGrid) record(i, j int) (data.BlockAttendance, bool) {
	a, ok := g.rec[g.rows[i].pupil.ID][g.blocks[j].ID]
	return a, ok
}

// onRoute says whether row i's team goes to block j.
func (g *weekGrid) onRoute(i, j int) bool {
	return g.visits[g.rows[i].pupil.ID][g.blocks[j].ID]
}

func (g *weekGrid) set(a data.BlockAttendance) {
	if g.rec[a.PupilID] == nil {
		g.rec[a.PupilID] = map[string]data.BlockAttendance{}
	}
	g.rec[a.PupilID][a.BlockID] = a
}

func (g *weekGrid) clear(pupilID, blockID string) { delete(g.rec[pupilID], blockID) }

// weekCounts are the grid's figures: cells present, sick, absent and not
// yet recorded (only cells on a pupil's route count).
type weekCounts struct{ Present, Sick, Absent, Unrecorded int }

func (g *weekGrid) counts() weekCounts {
	var c weekCounts
	for i := range g.rows {
		for j := range g.blocks {
			if !g.onRoute(i, j) {
				continue
			}
			a, ok := g.record(i, j)
			switch {
			case !ok:
				c.Unrecorded++
			case a.Status == data.AttendancePresent:
				c.Present++
			case a.Status == data.AttendanceSick:
				c.Sick++
			default:
				c.Absent++
			}
		}
	}
	return c
}

// rowPresent is row i's blocks present of the blocks shown on its route.
func (g *weekGrid) rowPresent(i int) (present, planned int) {
	for j := range g.blocks {
		if !g.onRoute(i, j) {
			continue
		}
		planned++
		if a, ok := g.record(i, j); ok && a.Status == data.AttendancePresent {
			present++
		}
	}
	return present, planned
}

// unrecordedIn lists the pupils on block j's route with nothing recorded.
func (g *weekGrid) unrecordedIn(j int) []string {
	var out []string
	for i, r := range g.rows {
		if _, ok := g.record(i, j); !ok && g.onRoute(i, j) {
			out = append(out, r.pupil.ID)
		}
	}
	return out
}

// countsText is the line under the grid, updated after every mark.
func countsText(c weekCounts) string {
	return lang.X("attendance.week.counts", "Närvarande {{.Present}} · sjuka {{.Sick}} · annan frånvaro {{.Absent}} · ej registrerade {{.Unrecorded}}",
		map[string]string{"Present": strconv.Itoa(c.Present), "Sick": strconv.Itoa(c.Sick), "Absent": strconv.Itoa(c.Absent),
			"Unrecorded": strconv.Itoa(c.Unrecorded)})
}

// blockMark is the short mark of a block record in the grid.
func blockMark(a data.BlockAttendance, ok bool) string {
	return attendanceMark(data.Attendance{Status: a.Status}, ok)
}

// onWeekPeriod loads a week period's blocks and teams and lists them.
func (s *Screen) onWeekPeriod(p data.Period) {
	st := s.main.Store()
	s.main.Background(func() func() {
		w, err := loadWeek(context.Background(), st, p.ID)
		return func() {
			if !s.stillOn(p.ID) {
				return // another period was chosen meanwhile
			}
			if err != nil {
				dialog.ShowError(err, s.main.Window())
				return
			}
			prev := ""
			if c, ok := s.weekChoice(); ok {
				prev = c.blockID + c.teamID
			}
			s.weekData = w
			s.week = &weekGrid{}
			s.weekChoices = w.choices()
			items, at := weekPickItems(s.weekChoices, prev)
			s.weekBox.Show()
			s.pickBox.Hide()
			if len(w.teams) == 0 {
				s.status.SetText(lang.X("attendance.week.no_plan", "Veckan har inga team ännu. Planera den under Teknikprao först."))
			}
			s.weekPick.SetItems(items, at)
			if at != "" {
				s.onWeekChoice()
			} else {
				s.showWeekGrid(weekGrid{})
			}
		}
	})
}

// weekPickItems lists the blocks in time order (choices gives them so:
// the day is what the one taking attendance goes by; a host is found by
// typing its name), then the teams by name; the id is the index in
// choices. at is the item of the choice prev (block or team id), else the
// first.
func weekPickItems(choices []weekChoice, prev string) (items []widgets.PickItem, at string) {
	col := uikit.Collator()
	for i, c := range choices {
		items = append(items, widgets.PickItem{ID: strconv.Itoa(i), Text: c.label})
		if c.blockID+c.teamID == prev || at == "" {
			at = strconv.Itoa(i)
		}
	}
	isTeam := func(it widgets.PickItem) bool {
		i, _ := strconv.Atoi(it.ID)
		return choices[i].teamID != ""
	}
	slices.SortStableFunc(items, func(a, b widgets.PickItem) int {
		ta, tb := isTeam(a), isTeam(b)
		switch {
		case ta != tb && ta:
			return 1
		case ta != tb:
			return -1
		case ta:
			return col.CompareString(a.Text, b.Text)
		}
		return 0 // blocks keep their time order
	})
	return items, at
}

// weekChoice is the block or team chosen in weekPick.
func (s *Screen) weekChoice() (weekChoice, bool) {
	i, err := strconv.Atoi(s.weekPick.Selected())
	if s.week == nil || err != nil || i < 0 || i >= len(s.weekChoices) {
		return weekChoice{}, false
	}
	return s.weekChoices[i], true
}

// onWeekChoice shows the grid of the chosen block or team.
func (s *Screen) onWeekChoice() {
	c, ok := s.weekChoice()
	if !ok {
		return
	}
	s.showWeekGrid(s.weekData.grid(c))
}

func (s *Screen) showWeekGrid(g weekGrid) {
	s.week = &g
	for j := range g.blocks {
		s.table.SetColumnWidth(j+1, 190)
	}
	s.table.SetColumnWidth(len(g.blocks)+1, 110)
	if g.oneTeam {
		s.table.SetColumnWidth(0, 230)
	} else {
		s.table.SetColumnWidth(0, 330)
	}
	s.table.Sel = widget.TableCellID{Row: -1, Col: -1}
	s.table.UnselectAll()
	s.table.Refresh()
	s.detail.SetText("")
	s.status.SetText(countsText(g.counts()))
	s.fillBtn.SetText(lang.X("attendance.week.fill_block", "Hela blocket närvarande"))
}

func (s *Screen) updateWeekCell(id widget.TableCellID, l *widget.Label) {
	g := s.week
	last := len(g.blocks) + 1
	if id.Row == 0 {
		l.TextStyle.Bold = true
		switch id.Col {
		case 0:
			l.SetText(lang.X("attendance.col_pupil", "Elev"))
		case last:
			l.SetText(lang.X("attendance.col_total", "Närvaro"))
		default:
			b := g.blocks[id.Col-1]
			l.SetText(shortDay(b.Date) + " " + b.HostName)
		}
		return
	}
	i := id.Row - 1
	if i >= len(g.rows) {
		l.SetText("")
		return
	}
	switch id.Col {
	case 0:
		r := g.rows[i]
		if g.oneTeam {
			l.SetText(r.pupil.Name() + " " + r.pupil.ClassName)
		} else {
			l.SetText(uikit.JoinDot(r.pupil.Name()+" "+r.pupil.ClassName, r.team))
		}
	case last:
		p, n := g.rowPresent(i)
		l.SetText(strconv.Itoa(p) + "/" + strconv.Itoa(n))
	default:
		if !g.onRoute(i, id.Col-1) {
			l.SetText("–")
			l.Importance = widget.LowImportance
			l.Refresh()
			return
		}
		a, ok := g.record(i, id.Col-1)
		l.SetText(blockMark(a, ok))
		if ok && a.Status == data.AttendancePresent {
			l.Importance = widget.SuccessImportance
		} else if ok {
			l.Importance = widget.WarningImportance
		}
		l.Refresh()
	}
}

// weekSelected is the row and block of the selected cell, on the pupil's route.
func (s *Screen) weekSelected() (int, int, bool) {
	id := s.table.Sel
	i, j := id.Row-1, id.Col-1
	g := s.week
	if i < 0 || i >= len(g.rows) || j < 0 || j >= len(g.blocks) || !g.onRoute(i, j) {
		return 0, 0, false
	}
	return i, j, true
}

// showWeekPupil writes a pupil's blocks present and absences with notes.
func (s *Screen) showWeekPupil(i int) {
	g := s.week
	p, n := g.rowPresent(i)
	r := g.rows[i]
	text := lang.X("attendance.week.totals", "{{.Name}} ({{.Team}}): närvarande {{.Present}} av {{.Planned}} block.",
		map[string]string{"Name": r.pupil.Name(), "Team": r.team, "Present": strconv.Itoa(p), "Planned": strconv.Itoa(n)})
	for j, b := range g.blocks {
		a, ok := g.record(i, j)
		if !ok || a.Status == data.AttendancePresent {
			continue
		}
		what := lang.X("attendance.sick_word", "sjuk")
		if a.Status == data.AttendanceAbsent {
			what = lang.X("attendance.absent_word", "annan frånvaro")
		}
		line := blockLabel(b) + ": " + what
		if strings.TrimSpace(a.Note) != "" {
			line += " – " + a.Note
		}
		text += "\n" + line
	}
	s.detail.SetText(text)
}

// markWeek records status (empty clears) for the selected pupil and block,
// then moves down to the next pupil (a block is filled team by team).
func (s *Screen) markWeek(status data.AttendanceStatus, note string) {
	i, j, ok := s.weekSelected()
	if !ok {
		return
	}
	g := s.week
	if s.notYet(status, g.blocks[j].Date) {
		return
	}
	a := data.BlockAttendance{PupilID: g.rows[i].pupil.ID, BlockID: g.blocks[j].ID, Status: status, Note: note}
	st := s.main.Store()
	s.main.Background(func() func() {
		var err error
		if status == "" {
			err = st.ClearBlockAttendance(context.Background(), a.PupilID, a.BlockID)
		} else {
			err = st.SetBlockAttendance(context.Background(), a)
		}
		return func() {
			if err != nil {
				s.status.SetText(err.Error())
				return
			}
			if status == "" {
				g.clear(a.PupilID, a.BlockID)
			} else {
				g.set(a)
			}
			s.weekData.remember(a, status == "")
			s.table.Refresh()
			s.showWeekPupil(i)
			s.status.SetText(countsText(g.counts()))
			if g == s.week && i+1 < len(g.rows) && s.table.Sel.Row == i+1 && s.table.Sel.Col == j+1 {
				s.table.Select(widget.TableCellID{Row: i + 2, Col: j + 1})
			}
		}
	})
}

// remember keeps the loaded records in step with what was saved, so that
// switching between a block and a team shows it without reloading.
func (w *weekData) remember(a data.BlockAttendance, cleared bool) {
	for k, r := range w.records {
		if r.PupilID == a.PupilID && r.BlockID == a.BlockID {
			if cleared {
				w.records = append(w.records[:k], w.records[k+1:]...)
			} else {
				w.records[k] = a
			}
			return
		}
	}
	if !cleared {
		w.records = append(w.records, a)
	}
}

// onFillWeekBlock marks every pupil with nothing recorded in the selected
// block (the column of the selected cell, else the first) present, in one
// transaction.
func (s *Screen) onFillWeekBlock() {
	g := s.week
	if len(g.blocks) == 0 {
		return
	}
	j := s.table.Sel.Col - 1
	if j < 0 || j >= len(g.blocks) {
		j = 0
	}
	block := g.blocks[j]
	if s.notYet(data.AttendancePresent, block.Date) {
		return
	}
	ids := g.unrecordedIn(j)
	st := s.main.Store()
	s.main.Background(func() func() {
		err := st.InTx(context.Background(), func(tx *data.Store) error {
			for _, id := range ids {
				if err := tx.SetBlockAttendance(context.Background(), data.BlockAttendance{PupilID: id, BlockID: block.ID,
					Status: data.AttendancePresent}); err != nil {
					return err
				}
			}
			return nil
		})
		return func() {
			if err != nil {
				s.status.SetText(err.Error())
				return
			}
			for _, id := range ids {
				a := data.BlockAttendance{PupilID: id, BlockID: block.ID, Status: data.AttendancePresent}
				g.set(a)
				s.weekData.remember(a, false)
			}
			s.table.Refresh()
			s.showSelected()
			s.status.SetText(countsText(g.counts()) + " · " + lang.X("attendance.week.filled", "{{.N}} elever markerade närvarande i {{.Block}}.",
				map[string]string{"N": strconv.Itoa(len(ids)), "Block": blockLabel(block)}))
		}
	})
}
