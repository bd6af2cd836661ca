package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// setToday stops the command line's clock at the given day for one test.
func setToday(t *testing.T, day string) {
	t.Helper()
	d, err := time.ParseInLocation("2006-01-02", day, time.Local)
	if err != nil {
		t.Fatal(err)
	}
	old := today
	today = func() time.Time { return d.Add(12 * time.Hour) }
	t.Cleanup(func() { today = old })
}

// TestCertificatesWaitForTheEndOfThePeriod: a certificate says the pupil
// has completed prao, so it is refused until the period's last day is
// over, unless --force; days without attendance are warned of.
func TestCertificatesWaitForTheEndOfThePeriod(t *testing.T) {
	db, _ := demoDB(t)
	w := newWeekWorld(t)
	w.St.Close()
	if code, _, errs := cliRun("rotation", "plan", "--db", w.Path, "--period", w.Period.Name, "--save"); code != exitOK {
		t.Fatalf("rotation plan --save: exit %d: %s", code, errs)
	}
	dir := t.TempDir()
	for _, c := range []struct {
		name, db, period, today string
		force                   bool
		code                    int
		stderr                  []string
	}{
		{"classic during the period", db, "Åk 9 v. 46 2026", "2026-11-13", false, exitFailure,
			[]string{`prao period "Åk 9 v. 46 2026" has not ended (its last day is 2026-11-13)`, "--force"}},
		{"classic forced", db, "Åk 9 v. 46 2026", "2026-11-13", true, exitOK, nil},
		{"classic after the period", db, "Åk 9 v. 46 2026", "2026-11-14", false, exitOK, nil},
		{"week during the week", w.Path, w.Period.Name, "2026-11-10", false, exitFailure, []string{"has not ended", "--force"}},
		{"week forced, nobody present", w.Path, w.Period.Name, "2026-11-10", true, exitFailure,
			[]string{"warning: ", "pupil blocks", "have no attendance recorded", "has attendance recorded; no certificates"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			setToday(t, c.today)
			out := filepath.Join(dir, strings.ReplaceAll(c.name, " ", "_")+".pdf")
			args := []string{"pdf", "certificates", "--db", c.db, "--period", c.period, "--out", out}
			if c.force {
				args = append(args, "--force")
			}
			code, _, errs := cliRun(args...)
			if code != c.code {
				t.Fatalf("exit %d, want %d: %s", code, c.code, errs)
			}
			for _, s := range c.stderr {
				if !strings.Contains(errs, s) {
					t.Errorf("stderr %q lacks %q", errs, s)
				}
			}
			if _, err := os.Stat(out); (err == nil) != (c.code == exitOK) {
				t.Errorf("file written: %v, want %v", err == nil, c.code == exitOK)
			}
		})
	}
}
