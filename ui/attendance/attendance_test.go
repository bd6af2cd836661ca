package attendance

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"techniqual/data"
	"techniqual/data/demo"
	"techniqual/ui/internal/uitest"
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
}

func contains2(s string, subs ...string) bool {
	for _, x := range subs {
		if !strings.Contains(s, x) {
			return false
		}
	}
	return true
}
