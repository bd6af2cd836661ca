package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"techniqual/data"
	"techniqual/data/demo"
)

func TestCreateAPeriodWithTheDatePicker(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	if _, err := demo.Generate(ctx, st, demo.Config{Pupils: 40, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	m := newTestWindow(t, st)
	m.Show("periods")
	s := m.screens["periods"].(*periodsScreen)
	waitIdle(t, m)
	if len(s.periods) != 3 {
		t.Fatalf("%d periods listed", len(s.periods))
	}
	s.OnNew()
	test.Type(s.name, "Åk 9 v. 5 2027")
	s.grade.SetSelected("9")
	// The calendar pop-up itself is tested in widgets (TestMonthView).
	s.start.SetDate(time.Date(2027, 2, 1, 0, 0, 0, 0, time.UTC))
	test.Type(s.end.Entry, "2027-02-05")
	if w := s.weeks.Text; !strings.Contains(w, "v. 5") || !strings.Contains(w, "5 vardagar") || !strings.Contains(w, "måndag 1 februari") {
		t.Errorf("weeks line = %q", w)
	}
	test.Tap(s.saveBtn)
	waitIdle(t, m)
	p, err := st.FindPeriod(ctx, "Åk 9 v. 5 2027")
	if err != nil {
		t.Fatal(err)
	}
	if data.FormatDate(p.Start) != "2027-02-01" || data.FormatDate(p.End) != "2027-02-05" || p.Grade != 9 || len(p.SchoolIDs) == 0 {
		t.Errorf("saved %+v", p)
	}
	if !strings.Contains(s.stats.Text, "elever") {
		t.Errorf("no counts for the saved period: %q", s.stats.Text)
	}
	// The same name again is refused beside the field.
	s.OnNew()
	test.Type(s.name, "Åk 9 v. 5 2027")
	test.Type(s.start.Entry, "2027-02-08")
	test.Type(s.end.Entry, "2027-02-01")
	test.Tap(s.saveBtn)
	if !s.errs["end"].Visible() {
		t.Error("an end before the start is not shown beside the end date")
	}
}

func TestSettingsBackUpAndSwitchDatabase(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	if _, err := demo.Generate(ctx, st, demo.Config{Pupils: 20, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	m := newTestWindow(t, st)
	m.Show("settings")
	s := m.screens["settings"].(*settingsScreen)
	if s.path.Text != st.Path() {
		t.Errorf("shows %q as the database", s.path.Text)
	}
	dir := t.TempDir()
	out := filepath.Join(dir, BackupFileName(time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)))
	if err := os.WriteFile(out, nil, 0o644); err != nil { // as the save dialog leaves it
		t.Fatal(err)
	}
	s.backupTo(out)
	deadline := time.Now().Add(20 * time.Second)
	for !strings.Contains(s.status.Text, out) {
		if time.Now().After(deadline) {
			t.Fatalf("no backup reported: %q", s.status.Text)
		}
		time.Sleep(20 * time.Millisecond)
	}
	if fi, _ := os.Stat(out); fi == nil || fi.Size() == 0 || fi.Mode().Perm() != 0o600 {
		t.Fatalf("backup file %v", fi)
	}
	// Switch to the copy: the window now shows that file.
	s.open(out)
	if m.Store().Path() != out {
		t.Fatalf("window still on %s", m.Store().Path())
	}
	if got := RememberedDatabase(m.app); got != out {
		t.Errorf("remembered %q", got)
	}
	ov, err := m.Store().Overview(ctx)
	if err != nil || ov.Pupils != 20 {
		t.Errorf("the copy holds %+v, %v", ov, err)
	}
	// A file that is not a database changes nothing.
	bad := filepath.Join(dir, "inte.db")
	os.WriteFile(bad, []byte("hej"), 0o600)
	s.open(bad)
	if m.Store().Path() != out {
		t.Errorf("a broken file replaced the database")
	}
}

func TestPrintButtonsOpenUtskrifterPreset(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	if _, err := demo.Generate(ctx, st, demo.Config{Pupils: 40, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	m := newTestWindow(t, st)
	m.Show("periods")
	waitIdle(t, m)
	s := m.screens["periods"].(*periodsScreen)
	s.list.Select(0)
	test.Tap(s.printBtn)
	waitIdle(t, m)
	if sections[m.current].id != "printing" {
		t.Fatalf("the print button shows %s", sections[m.current].id)
	}
	if _, ok := m.screens["printing"].(*printingScreen); !ok {
		t.Fatal("Utskrifter was not built")
	}
}
