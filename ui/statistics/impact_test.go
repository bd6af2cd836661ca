package statistics

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"techniqual/data"
	"techniqual/data/demo"
	"techniqual/ui/internal/uitest"
)

func TestImpactReportFromTheWindow(t *testing.T) {
	ctx := context.Background()
	st := uitest.OpenStore(t)
	if _, err := demo.Generate(ctx, st, demo.Config{Pupils: 60, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	m := uitest.NewShell(t, st)
	// The newest period that has begun sets the year: Åk 9 v. 46 2026
	// until Åk 8 v. 11 2027 begins.
	for _, c := range []struct {
		today time.Time
		want  string
	}{
		{time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC), "2026"},
		{time.Date(2027, 3, 16, 12, 0, 0, 0, time.UTC), "2027"},
	} {
		m.SetNow(c.today)
		d := New(m).newImpactDialog()
		m.Wait(t)
		if got := d.year.Selected; got != c.want {
			t.Errorf("on %s: year %q, want %s (the newest begun period's)", c.today.Format("2006-01-02"), got, c.want)
		}
		d.dlg.Hide()
	}
	m.SetNow(time.Time{})
	d := New(m).newImpactDialog()
	d.dlg.Show()
	m.Wait(t)
	// Every year with data, and this one, is offered.
	if !strings.Contains(strings.Join(d.year.Options, " "), "2026") || d.saveBtn.Disabled() {
		t.Errorf("options %q, save disabled %v", d.year.Options, d.saveBtn.Disabled())
	}

	cases := []struct {
		year  int
		file  string
		want  []string
		empty bool
	}{
		{2026, "Effektrapport 2026.pdf", []string{"Effektrapport 2026", "Åk 9 v. 46 2026", "Nyckeltal", "Kommunerna"}, false},
		{2031, "tom.pdf", []string{"Inga praoperioder eller evenemang finns registrerade för 2031."}, true},
	}
	dir := t.TempDir()
	for _, c := range cases {
		path := filepath.Join(dir, c.file)
		var pages int
		var gotErr error
		called := false
		d.saveTo(c.year, path, func(p int, err error) { pages, gotErr, called = p, err, true })
		if !d.saveBtn.Disabled() && !called {
			t.Error("Spara stays enabled while the report is written")
		}
		m.Wait(t)
		if !called || gotErr != nil {
			t.Fatalf("%d: done %v, %v", c.year, called, gotErr)
		}
		fi, err := os.Stat(path)
		if err != nil || fi.Mode().Perm() != 0o600 || pages < 1 {
			t.Fatalf("%d: file %v %v, %d pages", c.year, fi, err, pages)
		}
		if c.empty != strings.Contains(d.status.Text, "har inga praoperioder") || !strings.Contains(d.status.Text, path) {
			t.Errorf("%d: status %q", c.year, d.status.Text)
		}
		if d.saveBtn.Disabled() || d.progress.Visible() {
			t.Errorf("%d: after saving, save disabled %v, progress shown %v", c.year, d.saveBtn.Disabled(), d.progress.Visible())
		}
		if _, err := exec.LookPath("pdftotext"); err == nil {
			out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
			text := strings.Join(strings.Fields(string(out)), " ")
			for _, w := range c.want {
				if err != nil || !strings.Contains(text, w) {
					t.Errorf("%d: the PDF lacks %q (%v)", c.year, w, err)
				}
			}
		}
	}
	if got := m.App().Preferences().String(prefImpactFolder); got != dir {
		t.Errorf("remembered folder %q, want %q", got, dir)
	}

	// A folder that cannot be written: a message in the dialog, no panic.
	var failed error
	d.saveTo(2026, filepath.Join(dir, "tom.pdf", "inuti.pdf"), func(_ int, err error) { failed = err })
	m.Wait(t)
	if failed == nil || !strings.Contains(d.status.Text, "Det gick inte att göra effektrapporten") {
		t.Errorf("error %v, status %q", failed, d.status.Text)
	}

	// Spara opens the save dialog with the report's name.
	test.Tap(d.saveBtn)
	if m.Window().Canvas().Overlays().Top() == nil {
		t.Error("no save dialog")
	}
}

func TestImpactYears(t *testing.T) {
	day := func(y int) time.Time { return time.Date(y, 3, 1, 0, 0, 0, 0, time.UTC) }
	ps := []data.Period{{Start: day(2024)}, {Start: day(2027)}, {}}
	es := []data.Event{{Start: day(2022)}}
	got := impactYears(ps, es, 2026)
	want := []int{2027, 2026, 2025, 2024, 2023, 2022}
	if len(got) != len(want) {
		t.Fatalf("years %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("years %v, want %v", got, want)
		}
	}
	for _, c := range []struct {
		name  string
		ps    []data.Period
		shown int
		today time.Time
		want  int
	}{
		{"the year Statistik shows", ps, 2025, day(2026), 2025},
		{"the newest period that has begun", ps, 0, day(2026), 2024},
		{"the newest period when none has begun", ps, 0, day(2020), 2027},
		{"this year without periods", nil, 0, day(2026), 2026},
	} {
		if y := defaultImpactYear(c.ps, c.shown, c.today); y != c.want {
			t.Errorf("%s: default %d, want %d", c.name, y, c.want)
		}
	}
	if got := impactYears(nil, []data.Event{{Start: day(1990)}}, 2026); got[len(got)-1] != 2000 {
		t.Errorf("years before 2000 offered: %v", got)
	}
}

func TestPrintImpactOpensTheDialog(t *testing.T) {
	m := uitest.NewShell(t, uitest.OpenStore(t))
	New(m).printImpact()
	m.Wait(t)
	if m.Window().Canvas().Overlays().Top() == nil {
		t.Fatal("no dialog")
	}
}
