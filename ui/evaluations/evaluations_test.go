package evaluations

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"techniqual/data"
	"techniqual/data/demo"
	"techniqual/ui/internal/uitest"
	"techniqual/ui/uikit"
)

func TestEvalAnswerRoundTrip(t *testing.T) {
	yes, no := true, false
	cases := []struct {
		e        data.Evaluation
		answered bool
	}{
		{data.Evaluation{}, false},
		{data.Evaluation{InterestBefore: 2, InterestAfter: 5, WouldRecommend: &yes, Comment: "Kul"}, true},
		{data.Evaluation{WouldRecommend: &no}, true},
		{data.Evaluation{Comment: "Bara en kommentar"}, true},
	}
	for _, c := range cases {
		a := answerOf(c.e)
		back := a.evaluation("p", "q")
		if back.InterestBefore != c.e.InterestBefore || back.InterestAfter != c.e.InterestAfter || back.Comment != c.e.Comment ||
			(back.WouldRecommend == nil) != (c.e.WouldRecommend == nil) ||
			(back.WouldRecommend != nil && *back.WouldRecommend != *c.e.WouldRecommend) || back.PupilID != "p" || back.PeriodID != "q" {
			t.Errorf("%+v came back as %+v", c.e, back)
		}
		if a.answered() != c.answered {
			t.Errorf("%+v answered = %v", c.e, a.answered())
		}
	}
}

func TestDefaultEvalPeriod(t *testing.T) {
	d := func(y, m int) time.Time { return time.Date(y, time.Month(m), 1, 0, 0, 0, 0, time.UTC) }
	ps := []data.Period{
		{ID: "new-choosing", Start: d(2027, 3), Status: data.PeriodChoosing},
		{ID: "done", Start: d(2026, 11), Status: data.PeriodDone},
		{ID: "old-matched", Start: d(2026, 3), Status: data.PeriodMatched},
	}
	cases := []struct {
		name   string
		placed map[string]int
		want   int
	}{
		{"newest done period with placed pupils", map[string]int{"new-choosing": 3, "done": 40, "old-matched": 30}, 1},
		{"an older matched one when the done one has nobody", map[string]int{"new-choosing": 3, "old-matched": 30}, 2},
		{"any period with placed pupils", map[string]int{"new-choosing": 3}, 0},
		{"nobody placed anywhere: the newest", map[string]int{}, 0},
	}
	for _, c := range cases {
		if got := defaultEvalPeriod(ps, c.placed); got != c.want {
			t.Errorf("%s: %d, want %d", c.name, got, c.want)
		}
	}
	if got := defaultEvalPeriod(nil, nil); got != -1 {
		t.Errorf("no periods: %d", got)
	}
}

// openEvaluations shows Utvärderingar on demo data and waits for its rows.
func openEvaluations(t *testing.T, st *data.Store, m *uitest.Shell) *Screen {
	t.Helper()
	s := New(m)
	m.Open(t, s)
	m.Wait(t) // the periods, then the rows of the chosen one
	return s
}

// cellText is what the grid shows in a cell.
func cellText(s *Screen, v, col int) string {
	l := widget.NewLabel("")
	s.updateCell(widget.TableCellID{Row: v, Col: col}, l)
	return l.Text
}

func key(s *Screen, name fyne.KeyName) { s.table.TypedKey(&fyne.KeyEvent{Name: name}) }

func storedEvaluation(t *testing.T, st *data.Store, periodID, pupilID string) (data.Evaluation, bool) {
	t.Helper()
	evs, err := st.ListEvaluations(context.Background(), periodID)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range evs {
		if e.PupilID == pupilID {
			return e, true
		}
	}
	return data.Evaluation{}, false
}

func TestEvaluationsGridFromTheKeyboard(t *testing.T) {
	st := uitest.OpenStore(t)
	ctx := context.Background()
	if _, err := demo.Generate(ctx, st, demo.Config{Pupils: 80, Seed: 2}); err != nil {
		t.Fatal(err)
	}
	m := uitest.NewShell(t, st)
	s := openEvaluations(t, st, m)

	// The done period with placed pupils is chosen, and the count is the store's.
	if s.periodSel.Selected != "Åk 9 v. 46 2026" {
		t.Fatalf("period %q", s.periodSel.Selected)
	}
	as, _ := st.ListAssignments(ctx, s.grid.periodID)
	evs, _ := st.ListEvaluations(ctx, s.grid.periodID)
	if len(s.grid.rows) != len(as) || len(evs) == 0 {
		t.Fatalf("%d rows for %d placed pupils (%d answers)", len(s.grid.rows), len(as), len(evs))
	}
	if want := strconv.Itoa(len(evs)) + " av " + strconv.Itoa(len(as)) + " har svarat"; s.count.Text != want {
		t.Errorf("count %q, want %q", s.count.Text, want)
	}
	// Answers already there are shown.
	for v := range s.grid.visible {
		r := s.grid.row(v)
		if e, ok := storedEvaluation(t, st, s.grid.periodID, r.pupil.ID); ok {
			if cellText(s, v, evColBefore) != strconv.Itoa(e.InterestBefore) || cellText(s, v, evColState) != "✓ Sparad" {
				t.Errorf("%s: shows %q/%q, stored %+v", r.pupil.Name(), cellText(s, v, evColBefore), cellText(s, v, evColState), e)
			}
			break
		}
	}

	// The cursor starts on the first pupil without answers, in "Före".
	v := s.cur.Row
	r := s.grid.row(v)
	if r == nil || r.saved.answered() || s.cur.Col != evColBefore {
		t.Fatalf("cursor at %+v", s.cur)
	}
	if m.Window().Canvas().Focused() != s.table {
		t.Error("the grid does not have the keyboard")
	}

	// A 7 and a letter are refused with a hint; nothing changes.
	for _, bad := range []string{"7", "x"} {
		s.hint.SetText("")
		test.Type(s.table, bad)
		if r.cur.before != 0 || !strings.Contains(s.hint.Text, "går inte") || !strings.Contains(s.hint.Text, bad) {
			t.Errorf("%q: before=%d, hint %q", bad, r.cur.before, s.hint.Text)
		}
	}
	test.Type(s.table, "2")
	if r.cur.before != 2 || s.hint.Text != "" || cellText(s, v, evColState) != "Ej sparad" {
		t.Errorf("after 2: %+v, hint %q, state %q", r.cur, s.hint.Text, cellText(s, v, evColState))
	}
	key(s, fyne.KeyTab)
	test.Type(s.table, "5")
	key(s, fyne.KeyReturn)
	if s.cur.Col != evColRecommend {
		t.Fatalf("Tab and Enter did not move on: %+v", s.cur)
	}
	test.Type(s.table, "q")
	if r.cur.recommend != recNone || !strings.Contains(s.hint.Text, "J (ja) eller N (nej)") {
		t.Errorf("q in recommend: %+v, hint %q", r.cur, s.hint.Text)
	}
	test.Type(s.table, "j")
	key(s, fyne.KeyTab)
	test.Type(s.table, "Roligt att bygga")
	key(s, fyne.KeyBackspace)
	test.Type(s.table, "a!")
	if got := cellText(s, v, evColComment); got != "Roligt att bygga!▏" {
		t.Errorf("comment cell %q", got)
	}
	// Enter on the last cell saves the row and goes to the next pupil.
	key(s, fyne.KeyReturn)
	m.Wait(t)
	if s.cur.Row != v+1 || s.cur.Col != evColBefore {
		t.Errorf("Enter on the comment went to %+v", s.cur)
	}
	e, ok := storedEvaluation(t, st, s.grid.periodID, r.pupil.ID)
	if !ok || e.InterestBefore != 2 || e.InterestAfter != 5 || e.WouldRecommend == nil || !*e.WouldRecommend || e.Comment != "Roligt att bygga!" {
		t.Fatalf("stored %+v, %v", e, ok)
	}
	if got := cellText(s, v, evColState); got != "✓ Sparad" {
		t.Errorf("state %q", got)
	}
	if want := strconv.Itoa(len(evs)+1) + " av "; !strings.HasPrefix(s.count.Text, want) {
		t.Errorf("count %q, want %q…", s.count.Text, want)
	}

	// Up goes back; Shift+Tab from "Före" goes to the comment of the row
	// above, and stays put on the first row.
	key(s, fyne.KeyUp)
	if s.cur.Row != v {
		t.Fatalf("Up went to %+v", s.cur)
	}
	shiftTab := func() {
		s.table.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
		key(s, fyne.KeyTab)
		s.table.KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	}
	s.moveTo(v+1, evColBefore)
	shiftTab()
	if s.cur.Row != v || s.cur.Col != evColComment {
		t.Errorf("Shift+Tab from row %d went to %+v, want row %d, the comment", v+1, s.cur, v)
	}
	s.moveTo(0, evColBefore)
	shiftTab()
	if s.cur.Row != 0 || s.cur.Col != evColBefore {
		t.Errorf("Shift+Tab on the first cell went to %+v", s.cur)
	}
	s.moveTo(v, evColComment)

	// Y also means yes; changing a row and moving away saves it too.
	key(s, fyne.KeyHome)
	key(s, fyne.KeyRight)
	key(s, fyne.KeyRight)
	if s.cur.Col != evColRecommend {
		t.Fatalf("Home, Right, Right went to %+v", s.cur)
	}
	test.Type(s.table, "n")
	if r.cur.recommend != recNo {
		t.Errorf("n gave %d", r.cur.recommend)
	}
	test.Type(s.table, "Y")
	if r.cur.recommend != recYes {
		t.Errorf("Y gave %d", r.cur.recommend)
	}
	test.Type(s.table, "N")
	key(s, fyne.KeyDown)
	m.Wait(t)
	if e, _ := storedEvaluation(t, st, s.grid.periodID, r.pupil.ID); e.WouldRecommend == nil || *e.WouldRecommend {
		t.Errorf("N was not saved when leaving the row: %+v", e)
	}

	// A new screen (the app reopened) shows the saved answers.
	s2 := openEvaluations(t, st, m)
	v2 := -1
	for i := range s2.grid.visible {
		if s2.grid.row(i).pupil.ID == r.pupil.ID {
			v2 = i
		}
	}
	if v2 < 0 {
		t.Fatal("the pupil is gone after a reload")
	}
	got := []string{cellText(s2, v2, evColBefore), cellText(s2, v2, evColAfter), cellText(s2, v2, evColRecommend), cellText(s2, v2, evColState)}
	if strings.Join(got, "|") != "2|5|N|✓ Sparad" {
		t.Errorf("after reload the row shows %q", got)
	}

	// Emptying every cell deletes the answers.
	s2.moveTo(v2, evColBefore)
	for range 4 {
		key(s2, fyne.KeyDelete)
		key(s2, fyne.KeyTab)
	}
	m.Wait(t)
	if _, ok := storedEvaluation(t, st, s2.grid.periodID, r.pupil.ID); ok {
		t.Error("an emptied row still has answers in the database")
	}
	if got := cellText(s2, v2, evColState); got != "" {
		t.Errorf("emptied row state %q", got)
	}
}

func TestEvaluationsEscapeFilterAndSaveAll(t *testing.T) {
	st := uitest.OpenStore(t)
	ctx := context.Background()
	if _, err := demo.Generate(ctx, st, demo.Config{Pupils: 240, Seed: 2}); err != nil {
		t.Fatal(err)
	}
	// A placed pupil with protected identity is marked.
	as, _ := st.ListAssignments(ctx, "")
	p, err := st.GetPupil(ctx, as[0].PupilID)
	if err != nil {
		t.Fatal(err)
	}
	p.Protected = true
	if err := st.SavePupil(ctx, &p); err != nil {
		t.Fatal(err)
	}
	m := uitest.NewShell(t, st)
	s := openEvaluations(t, st, m)
	for v := range s.grid.visible {
		if s.grid.row(v).pupil.ID == p.ID && !strings.HasPrefix(cellText(s, v, evColName), "SKYDDAD · ") {
			t.Errorf("protected pupil shows as %q", cellText(s, v, evColName))
		}
	}

	// Esc undoes the row's changes.
	r := s.grid.row(s.cur.Row)
	test.Type(s.table, "4")
	key(s, fyne.KeyEscape)
	if r.dirty() || r.cur.before != 0 {
		t.Errorf("Esc left %+v", r.cur)
	}

	// The class filter shows one class, and the count follows it.
	class := s.grid.rows[0].pupil.ClassName
	s.classSel.SetSelected(class)
	for v := range s.grid.visible {
		if s.grid.row(v).pupil.ClassName != class {
			t.Fatalf("class filter shows %s", s.grid.row(v).pupil.ClassName)
		}
	}
	if len(s.grid.visible) == 0 || len(s.grid.visible) == len(s.grid.rows) || !strings.Contains(s.count.Text, "hela perioden") {
		t.Errorf("filter: %d of %d rows, count %q", len(s.grid.visible), len(s.grid.rows), s.count.Text)
	}

	// With auto-advance a valid digit moves on by itself.
	s.autoAdvance.SetChecked(true)
	c := s.grid.row(s.cur.Row)
	s.moveTo(s.cur.Row, evColAfter)
	test.Type(s.table, "4")
	if s.cur.Col != evColRecommend || c.cur.after != 4 {
		t.Errorf("auto-advance: %+v, %+v", s.cur, c.cur)
	}
	// Answers typed in other rows too, not yet saved, are saved with Spara alla.
	typed := []*evalRow{c}
	for v := 0; v < len(s.grid.visible) && len(typed) < 3; v++ {
		if r := s.grid.row(v); r != c {
			typed = append(typed, r)
			s.edit(r, func(a *evalAnswer) { a.before, a.after = 1, 3 })
		}
	}
	if s.saveAllBtn.Disabled() {
		t.Fatal("Spara alla is disabled with unsaved rows")
	}
	test.Tap(s.saveAllBtn)
	m.Wait(t)
	for i, r := range typed {
		e, ok := storedEvaluation(t, st, s.grid.periodID, r.pupil.ID)
		before, after := 1, 3
		if i == 0 {
			before, after = c.saved.before, 4
		}
		if !ok || e.InterestBefore != before || e.InterestAfter != after || r.dirty() {
			t.Errorf("%s: stored %+v (%v), dirty %v", r.pupil.Name(), e, ok, r.dirty())
		}
	}
	if !s.saveAllBtn.Disabled() {
		t.Error("Spara alla stays enabled with nothing to save")
	}
}

// TestEvalSavesNewestWins: when saves of one row are written out of order,
// the older one changes nothing, so the last typed answer stays; a bad row
// in a batch keeps no other back.
func TestEvalSavesNewestWins(t *testing.T) {
	st := uitest.OpenStore(t)
	ctx := context.Background()
	if _, err := demo.Generate(ctx, st, demo.Config{Pupils: 40, Seed: 4}); err != nil {
		t.Fatal(err)
	}
	p, err := st.FindPeriod(ctx, "Åk 9 v. 46 2026")
	if err != nil {
		t.Fatal(err)
	}
	as, _ := st.ListAssignments(ctx, p.ID)
	a, b := as[0].PupilID, as[1].PupilID
	written := map[string]int{}
	newer := &evalSave{pupilID: a, ans: evalAnswer{before: 5}, seq: 7}
	older := &evalSave{pupilID: a, ans: evalAnswer{before: 3}, seq: 6}
	writeEvalSaves(ctx, st, p.ID, []*evalSave{newer}, written)
	writeEvalSaves(ctx, st, p.ID, []*evalSave{older}, written)
	if e, _ := storedEvaluation(t, st, p.ID, a); e.InterestBefore != 5 || !older.stale || newer.stale || newer.err != nil {
		t.Errorf("stored %+v, older stale %v, newer %+v", e, older.stale, newer)
	}
	// A batch with a comment too long: the good row is written, the bad one told.
	good := &evalSave{pupilID: b, ans: evalAnswer{after: 2}, seq: 8}
	bad := &evalSave{pupilID: a, ans: evalAnswer{comment: strings.Repeat("x", data.MaxComment+1)}, seq: 9}
	writeEvalSaves(ctx, st, p.ID, []*evalSave{good, bad}, written)
	if e, ok := storedEvaluation(t, st, p.ID, b); !ok || e.InterestAfter != 2 || good.err != nil {
		t.Errorf("good row: %+v %v %v", e, ok, good.err)
	}
	if bad.err == nil || !strings.Contains(evalErrorText(bad.err), "5000") {
		t.Errorf("bad row: %v", bad.err)
	}
	// An empty answer deletes the row.
	empty := &evalSave{pupilID: b, seq: 10}
	writeEvalSaves(ctx, st, p.ID, []*evalSave{empty}, written)
	if _, ok := storedEvaluation(t, st, p.ID, b); ok || empty.err != nil {
		t.Errorf("emptied row still stored (%v)", empty.err)
	}
}

// TestEvaluationsEscapeWhileSaving: Esc on a row whose save is still being
// written undoes it in the database too, and the row ends up saved (B2).
func TestEvaluationsEscapeWhileSaving(t *testing.T) {
	st := uitest.OpenStore(t)
	if _, err := demo.Generate(context.Background(), st, demo.Config{Pupils: 40, Seed: 4}); err != nil {
		t.Fatal(err)
	}
	m := uitest.NewShell(t, st)
	s := openEvaluations(t, st, m)
	v := s.cur.Row
	r := s.grid.row(v)
	if r == nil || r.saved.answered() || v+1 >= len(s.grid.visible) {
		t.Fatalf("cursor at %+v", s.cur)
	}
	s.writeMu.Lock() // the save of the row waits here, as on a slow disk
	test.Type(s.table, "4")
	key(s, fyne.KeyDown) // leaving the row starts its save
	key(s, fyne.KeyUp)
	key(s, fyne.KeyEscape)
	if r.cur.before != 0 {
		t.Fatalf("Esc left %+v", r.cur)
	}
	s.writeMu.Unlock()
	m.Wait(t)
	key(s, fyne.KeyDown) // leaving the row saves the undo
	m.Wait(t)
	if e, ok := storedEvaluation(t, st, s.grid.periodID, r.pupil.ID); ok {
		t.Errorf("the undone answer stays in the database: %+v", e)
	}
	if r.dirty() || r.err != "" || cellText(s, v, evColState) != "" {
		t.Errorf("row left as %+v / %+v, state %q", r.cur, r.saved, cellText(s, v, evColState))
	}
}

// TestEvaluationsLoadsWaitForSaves: a load waits for the saves started
// before it, and shows what they wrote, while a save starts after it on
// the UI goroutine (B6: with a sync.WaitGroup, an Add while a load waited
// could panic; the jobs are now chained).
func TestEvaluationsLoadsWaitForSaves(t *testing.T) {
	st := uitest.OpenStore(t)
	if _, err := demo.Generate(context.Background(), st, demo.Config{Pupils: 40, Seed: 4}); err != nil {
		t.Fatal(err)
	}
	m := uitest.NewShell(t, st)
	s := openEvaluations(t, st, m)
	period := s.grid.periodID
	if len(s.grid.rows) < 2 {
		t.Fatalf("%d rows", len(s.grid.rows))
	}
	a, b := s.grid.rows[0], s.grid.rows[1]
	s.writeMu.Lock() // the saves wait here, as on a slow disk
	s.edit(a, func(x *evalAnswer) { x.after = 3 })
	s.saveRow(a)
	s.loadRows(period)
	s.edit(b, func(x *evalAnswer) { x.after = 4 })
	s.saveRow(b)
	s.writeMu.Unlock()
	m.Wait(t)
	for _, c := range []struct {
		r    *evalRow
		want int
	}{{a, 3}, {b, 4}} {
		if e, ok := storedEvaluation(t, st, period, c.r.pupil.ID); !ok || e.InterestAfter != c.want {
			t.Errorf("%s: stored %+v (%v)", c.r.pupil.Name(), e, ok)
		}
	}
	// The load ran after the save of a: its new row shows a saved answer.
	var got *evalRow
	for _, r := range s.grid.rows {
		if r.pupil.ID == a.pupil.ID {
			got = r
		}
	}
	if got == nil || got == a || got.saved.after != 3 || got.dirty() {
		t.Errorf("reloaded row %+v", got)
	}
}

func TestEvaluationsImportButtonAsksForTheWizard(t *testing.T) {
	st := uitest.OpenStore(t)
	if _, err := demo.Generate(context.Background(), st, demo.Config{Pupils: 40, Seed: 4}); err != nil {
		t.Fatal(err)
	}
	m := uitest.NewShell(t, st)
	s := openEvaluations(t, st, m)
	test.Tap(s.importBtn)
	m.Wait(t)
	if !m.HasCall("import evaluations") {
		t.Errorf("Importera från formulär asked the shell for %v", m.Calls())
	}
}

func TestEvaluationsEmptyDatabase(t *testing.T) {
	st := uitest.OpenStore(t)
	m := uitest.NewShell(t, st)
	s := openEvaluations(t, st, m)
	if len(s.grid.rows) != 0 || !strings.Contains(s.detail.Text, "inga praoperioder") {
		t.Errorf("empty database: %d rows, %q", len(s.grid.rows), s.detail.Text)
	}
	test.Type(s.table, "3") // no cell: nothing happens, nothing breaks
	key(s, fyne.KeyReturn)
}

// TestOnlyWeeksOpenOnTheirTab: found by use, with only a teknikprao week
// the screen opened on the classic tab, empty but for a note at its foot.
// It turns to Återkoppling teknikprao by itself, once.
func TestOnlyWeeksOpenOnTheirTab(t *testing.T) {
	ctx := context.Background()
	st := uitest.OpenStore(t)
	p := data.Period{Name: "Teknikprao åk 8 v. 47 2026", Grade: 8, Format: data.FormatWeek,
		Start: time.Date(2026, 11, 16, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)}
	if err := st.SavePeriod(ctx, &p); err != nil {
		t.Fatal(err)
	}
	m := uitest.NewShell(t, st)
	s := openEvaluations(t, st, m)
	if s.tabs.SelectedIndex() != 1 {
		t.Fatalf("opened on tab %d, want the teknikprao feedback (1)", s.tabs.SelectedIndex())
	}
	s.tabs.SelectIndex(0) // the user's choice stands
	s.Reload()
	m.Wait(t)
	if s.tabs.SelectedIndex() != 0 {
		t.Errorf("a reload turned the tab again, to %d", s.tabs.SelectedIndex())
	}
}

// BenchmarkEvaluationsLoad measures reading the ~300 placed pupils of a
// period with their answers (what opening the screen waits for).
func BenchmarkEvaluationsLoad(b *testing.B) {
	st, err := data.Open(context.Background(), b.TempDir()+"/bench.db", data.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	if _, err := demo.Generate(context.Background(), st, demo.Config{Pupils: 600, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	p, err := st.FindPeriod(context.Background(), "Åk 9 v. 46 2026")
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		rows, err := loadEvaluationRows(context.Background(), st, p.ID)
		if err != nil || len(rows) < 250 {
			b.Fatalf("%d rows, %v", len(rows), err)
		}
	}
}

// BenchmarkEvaluationsKeystroke measures one typed answer and a move in a
// grid of ~300 rows (the work done on the UI goroutine per key).
func BenchmarkEvaluationsKeystroke(b *testing.B) {
	st, err := data.Open(context.Background(), b.TempDir()+"/bench.db", data.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	if _, err := demo.Generate(context.Background(), st, demo.Config{Pupils: 600, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	uikit.SetLanguage(uikit.LangSwedish)
	m := uitest.NewShell(b, st)
	s := New(m)
	m.Open(b, s)
	m.Wait(b)
	if len(s.grid.visible) < 250 {
		b.Fatalf("%d rows", len(s.grid.visible))
	}
	s.moveTo(len(s.grid.visible)/2, evColBefore)
	b.ResetTimer()
	i := 0
	for b.Loop() {
		// A digit, then on to the next cell and back (no row change, so no save).
		s.onRune(rune('1' + i%5))
		s.table.TypedKey(&fyne.KeyEvent{Name: fyne.KeyTab})
		s.table.TypedKey(&fyne.KeyEvent{Name: fyne.KeyLeft})
		i++
	}
	b.StopTimer()
	for _, r := range s.grid.rows {
		r.cur = r.saved // nothing to save on the way out
	}
}

// TestClassicEvaluationsLeaveTheWeeksOut: the supervisors' evaluations of
// placed pupils list the classic periods only; with only weeks, the screen
// says where their feedback is.
func TestClassicEvaluationsLeaveTheWeeksOut(t *testing.T) {
	ctx := context.Background()
	st := uitest.OpenStore(t)
	if _, err := demo.Generate(ctx, st, demo.Config{Pupils: 40, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	s := openEvaluations(t, st, uitest.NewShell(t, st))
	for _, name := range s.periodSel.Options {
		if p, err := st.FindPeriod(ctx, name); err != nil || p.Format == data.FormatWeek {
			t.Errorf("the evaluations offer %q (%v)", name, err)
		}
	}
	if len(s.periodSel.Options) == 0 {
		t.Fatal("no classic period offered")
	}

	only := uitest.OpenStore(t)
	week := data.Period{Name: "Teknikprao åk 8 v. 51 2026", Grade: 8, Format: data.FormatWeek,
		Start: time.Date(2026, 12, 14, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 12, 18, 0, 0, 0, 0, time.UTC)}
	if err := only.SavePeriod(ctx, &week); err != nil {
		t.Fatal(err)
	}
	s = openEvaluations(t, only, uitest.NewShell(t, only))
	if len(s.periodSel.Options) != 0 || !strings.Contains(s.detail.Text, "Återkoppling teknikprao") {
		t.Errorf("with only a week: periods %q, text %q", s.periodSel.Options, s.detail.Text)
	}
}

// TestEvaluationsHeadersAreReadWhole: found by use at 1366×768 and
// 1280×720, the headers were cut to "Kla…", "Före 1…", "Rekomm. J…": each
// column was exactly as wide as its header's text and the cell a little
// narrower.
func TestEvaluationsHeadersAreReadWhole(t *testing.T) {
	st := uitest.OpenStore(t)
	if _, err := demo.Generate(context.Background(), st, demo.Config{Pupils: 40, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	m := uitest.NewShell(t, st)
	m.Window().Resize(fyne.NewSize(1280-300, 720)) // the screen beside the navigation at 1280×720
	s := openEvaluations(t, st, m)
	var texts []string
	uitest.Walk(s.table, func(o fyne.CanvasObject) {
		if tx, ok := o.(*canvas.Text); ok && o.Visible() {
			texts = append(texts, tx.Text)
		}
	})
	for col := range evalColumns {
		if title := columnTitle(col); !slices.Contains(texts, title) {
			t.Errorf("the header %q is not shown whole; the table shows %q", title, texts)
		}
	}
}
