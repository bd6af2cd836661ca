package attendance

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"techniqual/data"
	"techniqual/data/demo"
	"techniqual/ui/internal/uitest"
	"techniqual/ui/uikit"
)

func TestAttendanceTotals(t *testing.T) {
	d := func(day int) time.Time { return time.Date(2026, 11, day, 0, 0, 0, 0, time.UTC) }
	g := attendanceGrid{offerID: "o", days: []time.Time{d(9), d(10), d(11), d(12), d(13)},
		pupils: []data.Pupil{{ID: "a", FirstName: "Alva"}, {ID: "b", FirstName: "Bartłomiej"}},
		rec:    map[string]map[string]data.Attendance{}}
	g.set(data.Attendance{PupilID: "a", Date: d(9), Status: data.AttendancePresent})
	g.set(data.Attendance{PupilID: "a", Date: d(10), Status: data.AttendanceSick})
	g.set(data.Attendance{PupilID: "a", Date: d(11), Status: data.AttendanceAbsent, Note: "Tandläkarbesök"})
	g.set(data.Attendance{PupilID: "a", Date: d(12), Status: data.AttendancePresent})
	tot := g.totals(0)
	if tot.Present != 2 || tot.Planned != 5 || tot.Unrecorded != 1 || len(tot.Absences) != 2 || tot.Absences[1].Note != "Tandläkarbesök" {
		t.Errorf("totals %+v", tot)
	}
	if got := g.unrecordedOn(4); len(got) != 2 {
		t.Errorf("unrecorded on the last day: %v", got)
	}
	g.clear("a", d(9))
	if tot := g.totals(0); tot.Present != 1 || tot.Unrecorded != 2 {
		t.Errorf("after clear %+v", tot)
	}
}

func TestAttendanceGridFromTheKeyboard(t *testing.T) {
	st := uitest.OpenStore(t)
	ctx := context.Background()
	if _, err := demo.Generate(ctx, st, demo.Config{Pupils: 60, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	m := uitest.NewShell(t, st)
	s := New(m)
	m.Open(t, s)
	s.periodSel.SetSelected("Åk 9 v. 46 2026")
	m.Wait(t)
	m.Wait(t) // the first offer is chosen, then its grid loads
	if len(s.grid.pupils) == 0 || len(s.grid.days) != 5 {
		t.Fatalf("grid: %d pupils, %d days", len(s.grid.pupils), len(s.grid.days))
	}
	// The grid's totals are the store's records.
	recs, _ := st.ListAttendance(ctx, s.grid.offerID)
	present := map[string]int{}
	for _, a := range recs {
		if a.Status == data.AttendancePresent {
			present[a.PupilID]++
		}
	}
	for i, p := range s.grid.pupils {
		if got := s.grid.totals(i).Present; got != present[p.ID] {
			t.Errorf("%s: grid says %d present, store %d", p.Name(), got, present[p.ID])
		}
	}

	// Select the first pupil's first day and type S: sick, and the
	// selection moves on to the next day.
	pupil := s.grid.pupils[0]
	s.table.Select(widget.TableCellID{Row: 1, Col: 1})
	test.Type(s.table, "s")
	m.Wait(t)
	if s.table.Sel.Col != 2 {
		t.Errorf("selection did not move on: %+v", s.table.Sel)
	}
	// Delete clears the second day; arrows move.
	s.table.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	m.Wait(t)
	recs, _ = st.ListAttendance(ctx, s.grid.offerID)
	got := map[string]data.AttendanceStatus{}
	for _, a := range recs {
		if a.PupilID == pupil.ID {
			got[data.FormatDate(a.Date)] = a.Status
		}
	}
	if got[data.FormatDate(s.grid.days[0])] != data.AttendanceSick {
		t.Errorf("first day is %q, want sick", got[data.FormatDate(s.grid.days[0])])
	}
	if _, ok := got[data.FormatDate(s.grid.days[1])]; ok {
		t.Errorf("second day still recorded: %v", got)
	}
	if !contains2(s.detail.Text, pupil.Name(), "sjuk") {
		t.Errorf("detail %q", s.detail.Text)
	}

	// Fill the whole second day as present: everyone unrecorded that day.
	s.table.Select(widget.TableCellID{Row: 1, Col: 2})
	s.table.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	if s.table.Sel.Row != 2 || s.table.Sel.Col != 2 {
		t.Fatalf("arrow down: %+v", s.table.Sel)
	}
	s.table.TypedKey(&fyne.KeyEvent{Name: fyne.KeyUp}) // back on the first pupil, whose day 2 is empty
	test.Tap(s.fillBtn)
	m.Wait(t)
	for i := range s.grid.pupils {
		if a, ok := s.grid.record(i, 1); !ok {
			t.Errorf("pupil %d has nothing on day 2 after filling", i)
		} else if i == 0 && a.Status != data.AttendancePresent {
			t.Errorf("first pupil day 2 = %s", a.Status)
		}
	}
	recs, _ = st.ListAttendance(ctx, s.grid.offerID)
	n := 0
	for _, a := range recs {
		if data.FormatDate(a.Date) == data.FormatDate(s.grid.days[1]) {
			n++
		}
	}
	if n != len(s.grid.pupils) {
		t.Errorf("%d records on day 2, want %d", n, len(s.grid.pupils))
	}
	// The selected pupil's summary counts the day just filled in.
	tot := s.grid.totals(0)
	if want := fmt.Sprintf("%s: närvarande %d av %d planerade dagar (%d ej registrerade)", s.grid.pupils[0].Name(), tot.Present, tot.Planned, tot.Unrecorded); !strings.Contains(s.detail.Text, want) {
		t.Errorf("after filling the day the summary says %q, want %q", s.detail.Text, want)
	}
}

func contains2(s string, subs ...string) bool {
	for _, x := range subs {
		if !strings.Contains(s, x) {
			return false
		}
	}
	return true
}

// TestWeekAttendanceFromTheKeyboard records a teknikprao block's attendance
// with the keys alone, on the focused grid, and reads it back from the store.
func TestWeekAttendanceFromTheKeyboard(t *testing.T) {
	st := uitest.OpenStore(t)
	ctx := context.Background()
	if _, err := demo.Generate(ctx, st, demo.Config{Pupils: 120, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	m := uitest.NewShell(t, st)
	s := New(m)
	m.Open(t, s)
	s.periodSel.SetSelected("Teknikprao åk 9 v. 41 2026")
	m.Wait(t)
	if s.week == nil || len(s.weekChoices) == 0 {
		t.Fatalf("no week mode or no blocks: %+v", s.weekChoices)
	}
	if s.weekChoices[0].blockID == "" || s.weekChoices[len(s.weekChoices)-1].teamID == "" {
		t.Fatalf("choices are not blocks then teams: %+v", s.weekChoices)
	}
	g := s.week
	if len(g.blocks) != 1 || len(g.rows) < 4 {
		t.Fatalf("block grid: %d blocks, %d pupils", len(g.blocks), len(g.rows))
	}
	block := g.blocks[0].ID

	c := m.Window().Canvas()
	s.table.Select(widget.TableCellID{Row: 1, Col: 1})
	c.Focus(s.table)
	if c.Focused() == nil {
		t.Fatalf("grid not focusable; content %T, overlays %v", c.Content(), c.Overlays().Top())
	}
	// What the driver does with a key press: hand it to the focused widget.
	key := func(k fyne.KeyName) { c.Focused().TypedKey(&fyne.KeyEvent{Name: k}) }
	typeOn := func(text string) {
		for _, r := range text {
			c.Focused().TypedRune(r)
		}
	}
	typeOn("s") // first pupil sick, down to the second
	m.Wait(t)
	typeOn("n") // second present, down to the third
	m.Wait(t)
	if s.table.Sel.Row != 3 {
		t.Fatalf("selection did not move down: %+v", s.table.Sel)
	}
	typeOn("f") // third: other absence, with a note
	if _, ok := c.Focused().(*uikit.EscEntry); !ok {
		t.Fatalf("the note dialog's entry is not focused: %T", c.Focused())
	}
	key(fyne.KeyEscape) // changed my mind: Avbryt, back to the grid, nothing marked
	m.Wait(t)
	if c.Focused() != fyne.Focusable(s.table) || c.Overlays().Top() != nil || s.table.Sel.Row != 3 {
		t.Fatalf("after Escape the grid should have the keyboard on the third: %T, dialog %v, %+v",
			c.Focused(), c.Overlays().Top(), s.table.Sel)
	}
	typeOn("f")
	typeOn("Tandläkarbesök")
	key(fyne.KeyReturn) // Enter saves the note, and the keys go back to the grid
	m.Wait(t)
	if c.Focused() != fyne.Focusable(s.table) || c.Overlays().Top() != nil {
		t.Fatalf("after the note the grid should have the keyboard: %T, dialog %v", c.Focused(), c.Overlays().Top())
	}
	key(fyne.KeyReturn) // Enter: on to the fifth
	key(fyne.KeyUp)     // back to the fourth
	key(fyne.KeyDelete) // cleared, and down to the fifth
	m.Wait(t)
	if s.table.Sel.Row != 5 {
		t.Errorf("after Enter, up and Delete the fifth pupil should be selected: %+v", s.table.Sel)
	}

	recs, err := st.ListBlockAttendance(ctx, periodID(t, s))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]data.BlockAttendance{}
	for _, a := range recs {
		if a.BlockID == block {
			got[a.PupilID] = a
		}
	}
	want := []struct {
		status data.AttendanceStatus
		note   string
	}{{data.AttendanceSick, ""}, {data.AttendancePresent, ""}, {data.AttendanceAbsent, "Tandläkarbesök"}, {"", ""}}
	for i, w := range want {
		a, ok := got[g.rows[i].pupil.ID]
		if w.status == "" {
			if ok {
				t.Errorf("pupil %d still recorded: %+v", i, a)
			}
			continue
		}
		if a.Status != w.status || a.Note != w.note {
			t.Errorf("pupil %d: %q %q, want %q %q", i, a.Status, a.Note, w.status, w.note)
		}
	}
	// The counts under the grid are the store's, at once.
	cnt := g.counts()
	if cnt.Sick < 1 || cnt.Absent < 1 || cnt.Unrecorded < 1 || !strings.Contains(s.status.Text, "sjuka "+strconv.Itoa(cnt.Sick)) {
		t.Errorf("counts %+v, line %q", cnt, s.status.Text)
	}
	if !contains2(s.detail.Text, g.rows[4].pupil.Name(), "av 1 block") {
		t.Errorf("detail %q", s.detail.Text)
	}

	// The team view shows the same records over the team's route.
	var team int = -1
	for i, ch := range s.weekChoices {
		if ch.teamID != "" && team < 0 {
			for _, r := range s.weekData.grid(ch).rows {
				if r.pupil.ID == g.rows[0].pupil.ID {
					team = i
				}
			}
		}
	}
	if team < 0 {
		t.Fatal("the first pupil's team is not in the list")
	}
	// The team is found by typing its name and Enter.
	test.Type(s.weekPick.SearchBox(), s.weekChoices[team].label)
	s.weekPick.SearchBox().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if c, ok := s.weekChoice(); !ok || c.teamID != s.weekChoices[team].teamID {
		t.Fatalf("typing %q and Enter chose %+v", s.weekChoices[team].label, c)
	}
	tg := s.week
	if len(tg.blocks) < 2 {
		t.Fatalf("team route has %d blocks", len(tg.blocks))
	}
	for i, r := range tg.rows {
		if r.pupil.ID != g.rows[0].pupil.ID {
			continue
		}
		for j, b := range tg.blocks {
			if b.ID == block {
				if a, ok := tg.record(i, j); !ok || a.Status != data.AttendanceSick {
					t.Errorf("team view of the block: %+v %v", a, ok)
				}
			}
		}
	}
}

// periodID is the id of the period chosen in the screen.
func periodID(t *testing.T, s *Screen) string {
	p, ok := s.period()
	if !ok {
		t.Fatal("no period chosen")
	}
	return p.ID
}

// TestAttendanceByClassFromTheKeyboard chooses a class by typing in the
// picker and Enter, then marks by keys alone: the grid has the keyboard at
// once, every pupil of the class is on it whatever their host, and a mark
// is recorded at the pupil's own offer.
func TestAttendanceByClassFromTheKeyboard(t *testing.T) {
	st := uitest.OpenStore(t)
	ctx := context.Background()
	if _, err := demo.Generate(ctx, st, demo.Config{Pupils: 60, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	m := uitest.NewShell(t, st)
	s := New(m)
	m.Open(t, s)
	s.periodSel.SetSelected("Åk 9 v. 46 2026")
	m.Wait(t)
	m.Wait(t)
	per, _ := st.FindPeriod(ctx, "Åk 9 v. 46 2026")
	docs, err := st.DocumentsForPeriod(ctx, per.ID, data.DocFilter{})
	if err != nil || len(docs) == 0 {
		t.Fatal(err)
	}
	class, school := docs[0].Pupil.ClassName, docs[0].School
	want := map[string]string{} // pupil → offer
	hosts := map[string]bool{}
	for _, d := range docs {
		if d.Pupil.ClassName == class && d.School.ID == school.ID {
			want[d.Pupil.ID] = d.Offer.ID
			hosts[d.Host.ID] = true
		}
	}
	if len(hosts) < 2 {
		t.Fatalf("the class is at %d hosts; the test needs several", len(hosts))
	}
	test.Type(s.picker.SearchBox(), "klass "+class+" "+school.Name)
	s.picker.SearchBox().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	m.Wait(t)
	if len(s.grid.pupils) != len(want) {
		t.Fatalf("the class grid has %d pupils, want %d", len(s.grid.pupils), len(want))
	}
	if m.Window().Canvas().Focused() != fyne.Focusable(s.table) {
		t.Fatalf("the grid does not have the keyboard after choosing: %T", m.Window().Canvas().Focused())
	}
	if s.table.Sel != (widget.TableCellID{Row: 1, Col: 1}) {
		t.Fatalf("selection %+v", s.table.Sel)
	}
	// Find a pupil whose first column is a prao day, press N there.
	row := -1
	for i := range s.grid.pupils {
		if s.grid.plannedOn(i, 0) {
			row = i
			break
		}
	}
	if row < 0 {
		t.Fatal("nobody has the first day")
	}
	for range row {
		s.table.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	}
	test.Type(s.table, "n")
	m.Wait(t)
	p := s.grid.pupils[row]
	recs, _ := st.ListAttendance(ctx, want[p.ID])
	found := false
	for _, a := range recs {
		if a.PupilID == p.ID && data.FormatDate(a.Date) == data.FormatDate(s.grid.days[0]) && a.Status == data.AttendancePresent {
			found = true
		}
	}
	if !found {
		t.Errorf("N did not record %s present at their own offer", p.Name())
	}
	// The offers are found by typing too.
	s.picker.SearchBox().SetText(docs[0].Host.Name)
	s.picker.SearchBox().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	m.Wait(t)
	if s.grid.offerOf != nil || s.grid.offerID == "" {
		t.Errorf("typing a host's name did not open its offer's grid")
	}
}

// The week's picker lists the blocks in time order (as choices gives
// them), the day first in each (found by use: a long host name hid it, and
// the list went by host), then the teams by name; the choice before is
// kept.
func TestWeekPickItemsOrder(t *testing.T) {
	choices := []weekChoice{
		{blockID: "b1", hostName: "Åkers Styckebruk", label: "mån 08:30 · Åkers"},
		{blockID: "b2", hostName: "Zeta AB", label: "mån 08:30 · Zeta"},
		{blockID: "b3", hostName: "Åkers Styckebruk", label: "tis 08:30 · Åkers"},
		{teamID: "t1", label: "Team B (4)"},
		{teamID: "t2", label: "Team A (5)"},
		{blockID: "b4", hostName: "alfa lab", label: "ons 08:30 · alfa"},
	}
	for _, tc := range []struct {
		prev, at string
	}{{"", "0"}, {"b3", "2"}, {"t2", "4"}, {"gone", "0"}} {
		items, at := weekPickItems(choices, tc.prev)
		var got []string
		for _, it := range items {
			got = append(got, it.Text)
		}
		want := "mån 08:30 · Åkers|mån 08:30 · Zeta|tis 08:30 · Åkers|ons 08:30 · alfa|Team A (5)|Team B (4)"
		if strings.Join(got, "|") != want || at != tc.at {
			t.Errorf("prev %q: %v at %s, want %s at %s", tc.prev, got, at, want, tc.at)
		}
	}
	start, _ := data.ParseClock("08:30")
	end, _ := data.ParseClock("12:00")
	b := data.WeekBlock{HostName: "Pappersbrukets Innovation AB", Date: time.Date(2026, 11, 16, 0, 0, 0, 0, time.UTC), Start: start, End: end}
	if got := blockLabel(b); !strings.HasPrefix(got, "mån 16/11 08:30–12:00 · ") {
		t.Errorf("block label %q: the day first", got)
	}
}

// TestAttendanceOpensOnTheCurrentPeriod: Närvaro opens on the period that
// is running, or else the last one held, or else the first to come, with
// its first grid loaded.
func TestAttendanceOpensOnTheCurrentPeriod(t *testing.T) {
	st := uitest.OpenStore(t)
	if _, err := demo.Generate(context.Background(), st, demo.Config{Pupils: 60, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	day := func(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 10, 0, 0, 0, time.Local) }
	cases := []struct {
		today time.Time
		want  string
	}{
		{day(2026, 11, 11), "Åk 9 v. 46 2026"}, // running
		{day(2026, 12, 5), "Åk 9 v. 46 2026"},  // the last one held
		{day(2024, 1, 8), "Åk 8 v. 46 2025"},   // all ahead: the first to come
	}
	for _, c := range cases {
		m := uitest.NewShell(t, st)
		m.SetNow(c.today)
		s := New(m)
		m.Open(t, s)
		m.Wait(t)
		m.Wait(t)
		if got := s.periodSel.Selected; got != c.want {
			t.Errorf("on %s: opens on %q, want %q", c.today.Format("2006-01-02"), got, c.want)
		}
		if c.want != "" && len(s.grid.pupils) == 0 {
			t.Errorf("on %s: no grid loaded", c.today.Format("2006-01-02"))
		}
	}
}

// TestPresentOnlyOnADayThatHasCome: found by use, "present" could be typed
// for days ahead. It is refused with a word in the status line, in a
// classic grid and in a week's block grid; an absence told in advance is
// taken, and "Hela dagen närvarande" refuses a day ahead too.
func TestPresentOnlyOnADayThatHasCome(t *testing.T) {
	ctx := context.Background()
	st := uitest.OpenStore(t)
	if _, err := demo.Generate(ctx, st, demo.Config{Pupils: 120, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		period string
		count  func(s *Screen) int // what the store holds for the grid shown
	}{
		{"Åk 9 v. 46 2026", func(s *Screen) int { rs, _ := st.ListAttendance(ctx, s.grid.offerID); return len(rs) }},
		{"Teknikprao åk 9 v. 41 2026", func(s *Screen) int {
			n := 0
			for i := range s.week.rows {
				for j := range s.week.blocks {
					if _, ok := s.week.record(i, j); ok {
						n++
					}
				}
			}
			return n
		}},
	} {
		t.Run(c.period, func(t *testing.T) {
			m := uitest.NewShell(t, st)
			m.SetNow(time.Date(2026, 9, 1, 10, 0, 0, 0, time.Local)) // before both periods
			s := New(m)
			m.Open(t, s)
			s.periodSel.SetSelected(c.period)
			m.Wait(t)
			m.Wait(t)
			s.table.Select(widget.TableCellID{Row: 1, Col: 1})
			s.mark("", "") // clear ground: the first cell holds nothing
			m.Wait(t)
			before := c.count(s)
			s.table.Select(widget.TableCellID{Row: 1, Col: 1})
			test.Type(s.table, "n")
			m.Wait(t)
			if !strings.Contains(s.status.Text, "har inte kommit än") || c.count(s) != before {
				t.Errorf("present ahead: status %q, records %d → %d", s.status.Text, before, c.count(s))
			}
			test.Tap(s.fillBtn)
			m.Wait(t)
			if c.count(s) != before {
				t.Errorf("the whole day marked present ahead: %d → %d", before, c.count(s))
			}
			s.table.Select(widget.TableCellID{Row: 1, Col: 1})
			test.Type(s.table, "s")
			m.Wait(t)
			if c.count(s) != before+1 {
				t.Errorf("a sickness told in advance was not taken: %d → %d", before, c.count(s))
			}
		})
	}
}

// TestAttendanceRowEndAndHome: found by use, a mark on the last day left
// the cursor there, where the next pupil's first day was wanted, and Home
// did nothing.
func TestAttendanceRowEndAndHome(t *testing.T) {
	st := uitest.OpenStore(t)
	if _, err := demo.Generate(context.Background(), st, demo.Config{Pupils: 60, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	m := uitest.NewShell(t, st)
	s := New(m)
	m.Open(t, s)
	s.periodSel.SetSelected("Åk 9 v. 46 2026")
	m.Wait(t)
	m.Wait(t)
	last := len(s.grid.days)
	if len(s.grid.pupils) < 2 || !s.grid.plannedOn(0, last-1) {
		t.Fatalf("grid: %d pupils, last day planned %v", len(s.grid.pupils), s.grid.plannedOn(0, last-1))
	}
	cell := func(row, col int) widget.TableCellID { return widget.TableCellID{Row: row, Col: col} }
	for _, c := range []struct {
		from widget.TableCellID
		do   func()
		want widget.TableCellID
	}{
		{cell(1, last), func() { test.Type(s.table, "s") }, cell(2, 1)}, // the next pupil's first day
		{cell(2, 3), func() { s.table.TypedKey(&fyne.KeyEvent{Name: fyne.KeyHome}) }, cell(2, 1)},
		{cell(2, 2), func() { s.table.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnd}) }, cell(2, last)},
		{cell(len(s.grid.pupils), last), func() { test.Type(s.table, "s") }, cell(len(s.grid.pupils), last)}, // the last cell of all stays
	} {
		s.table.Select(c.from)
		c.do()
		m.Wait(t)
		if s.table.Sel != c.want {
			t.Errorf("from %v: the cursor is at %v, want %v", c.from, s.table.Sel, c.want)
		}
	}
}
