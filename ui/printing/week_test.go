package printing

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"techniqual/reports"
)

// TestPrintWeekDocuments chooses an example teknikprao week in Utskrifter:
// the week's documents are offered, a class filter narrows them, and a
// host's run-sheet is printed through ops (read back: it names a host of the
// week and its block times) and recorded in the audit log.
func TestPrintWeekDocuments(t *testing.T) {
	s, st := newPrintingTest(t)
	m := s.main.(interface{ Wait(testing.TB) })
	ctx := context.Background()
	week := -1
	for j, p := range s.periods {
		if p.Name == "Teknikprao åk 9 v. 41 2026" {
			week = j
		}
	}
	if week < 0 {
		t.Fatal("no example week")
	}
	s.periodSel.SetSelectedIndex(week)
	m.Wait(t)
	if !s.isWeek() {
		t.Fatal("the week is not shown as a week")
	}
	if len(s.kindRadio.Options) != len(reports.WeekKinds) || s.kindRadio.Selected != "Veckoschema (till eleven)" {
		t.Fatalf("kinds %v, chosen %q", s.kindRadio.Options, s.kindRadio.Selected)
	}
	if len(s.scopeSel.Options) != 3 {
		t.Errorf("scopes %v: a week prints for the week, a school or a class", s.scopeSel.Options)
	}
	if !strings.Contains(s.summary.Text, "ett per elev") || s.saveBtn.Disabled() {
		t.Fatalf("schedules: %q (save disabled %v)", s.summary.Text, s.saveBtn.Disabled())
	}
	all := reports.WeekUnits(reports.KindWeekSchedules, s.week.docs)

	// A class of the week's school.
	// Each choice waits for its load: in Fyne's test driver a load hands
	// back on its own goroutine, which must not run beside the next choice.
	s.scopeSel.SetSelectedIndex(int(scopeClass))
	m.Wait(t)
	if len(s.schoolOpts) != 1 {
		t.Fatalf("schools %v", s.schoolOpts)
	}
	s.schoolSel.SetSelectedIndex(0)
	m.Wait(t)
	if len(s.classOpts) < 2 {
		t.Fatalf("classes %v", s.classOpts)
	}
	s.classSel.SetSelectedIndex(0)
	m.Wait(t)
	class := reports.WeekUnits(reports.KindWeekSchedules, s.week.docs)
	if class == 0 || class >= all {
		t.Errorf("one class has %d schedules of the week's %d", class, all)
	}
	for _, p := range s.week.docs.Pupils {
		if p.Pupil.ClassName != s.classOpts[0] {
			t.Errorf("pupil of class %s in the class %s", p.Pupil.ClassName, s.classOpts[0])
		}
	}

	// The hosts' run-sheets of the whole week.
	s.scopeSel.SetSelectedIndex(int(scopePeriod))
	m.Wait(t)
	s.kindRadio.SetSelected("Körschema (till värden)")
	m.Wait(t)
	if s.c.week != reports.KindHostRunsheets || !strings.Contains(s.summary.Text, "ett per värd") {
		t.Fatalf("run-sheets: kind %s, %q", s.c.week, s.summary.Text)
	}
	if s.protected.Disabled() {
		t.Error("run-sheets leave the school: the protected choice must be open")
	}
	if len(s.previewBox.Objects) == 0 {
		t.Errorf("no preview: %q", s.previewNote.Text)
	}
	host := s.week.docs.Hosts[0]
	path := filepath.Join(t.TempDir(), "korscheman.pdf")
	if name := weekFileName(s.c, s.period(), "", 2); name != "Körscheman Teknikprao åk 9 v. 41 2026.pdf" {
		t.Errorf("file name %q", name)
	}
	test.Tap(s.saveBtn) // opens the save dialog; the test saves as the dialog would
	s.saveWeekTo(path)
	m.Wait(t)
	if !strings.HasPrefix(s.status.Text, "Sparat i "+path) {
		t.Fatalf("status %q", s.status.Text)
	}
	// The file just saved opens from the screen, to look at or print.
	if !s.openFileBtn.Visible() || s.lastFile != path {
		t.Errorf("no button to open the file: visible %v, file %q", s.openFileBtn.Visible(), s.lastFile)
	}
	test.Tap(s.openFileBtn)
	text := pdfText(t, path)
	if !strings.Contains(text, host.Host.Name) {
		t.Errorf("the run-sheets do not name %s: %.300s", host.Host.Name, text)
	}
	log, err := st.ListAudit(ctx)
	if err != nil || len(log) == 0 || log[0].Action != "pdf host-runsheets" || log[0].What != path {
		t.Errorf("audit log %+v, %v", log, err)
	}

	// The period list still names the periods (the school list once wrote over it).
	for j, p := range s.periods {
		if s.periodSel.Options[j] != p.Name {
			t.Errorf("period %d is listed as %q", j, s.periodSel.Options[j])
		}
	}

	// Preset from another screen (a classic kind) on the week: the week's schedules.
	s.Preset(reports.KindHosts, s.period().ID, "", "", "", "")
	m.Wait(t)
	if s.c.week != reports.KindWeekSchedules || s.kindRadio.Selected != "Veckoschema (till eleven)" || s.saveBtn.Disabled() {
		t.Errorf("after Preset: %s, %q, %q", s.c.week, s.kindRadio.Selected, s.summary.Text)
	}

	// Back to a classic period: its own documents again.
	for j, p := range s.periods {
		if p.Name == "Åk 9 v. 46 2026" {
			s.periodSel.SetSelectedIndex(j)
		}
	}
	m.Wait(t)
	if s.isWeek() || s.kindRadio.Options[0] != "Praoschema (till eleven)" || len(s.scopeSel.Options) != 5 {
		t.Errorf("classic again: %v, %v", s.kindRadio.Options, s.scopeSel.Options)
	}
}
