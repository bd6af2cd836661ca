package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"techniqual/data"
	"techniqual/data/stats/stattest"
)

// impactDB writes the statistics fixture (two prao periods in 2026, events
// in 2025 and 2026; see stattest.BuildYears) to a database file.
func impactDB(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "impact.db")
	st, err := data.Open(ctx, path, data.Options{Now: func() time.Time { return stattest.Now }})
	if err != nil {
		t.Fatal(err)
	}
	err = st.InTx(ctx, func(tx *data.Store) error {
		_, err := stattest.BuildYears(ctx, tx)
		return err
	})
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}
	return path
}

func TestPDFImpact(t *testing.T) {
	db := impactDB(t)
	dir := t.TempDir()
	noGUI := func(string) int { t.Fatal("the window must not start"); return 0 }
	cases := []struct {
		name   string
		args   []string
		code   int
		stdout string
		stderr string
		text   []string // in the PDF at --out
	}{
		{"2026", []string{"pdf", "impact", "--db", db, "--year", "2026", "--out", filepath.Join(dir, "2026.pdf")}, exitOK,
			"impact 2026: 2 periods, 2 events, 2 municipalities", "",
			[]string{"Effektrapport 2026", "Praoperioder och evenemang 2026",
				"Praoperioder: Åk 8 v. 11 2026, Åk 8 v. 46 2026.",
				// The table of changes: 2025 (one event, no period), 2026, change.
				"Elever i praoperioderna 0 36 –",               // 25 in November, 11 in March
				"Evenemang 1 2 +100 %",                         // E2; E1 in April, E3 in September
				"Besök från företagen på evenemang 2 4 +100 %", // Anna, Dan; Anna, Bo, Fia, Dan
				"Medlemsföretag 2 3 +50 %",                     // Alfa, Beta; Gamma joined, Delta joins in 2027
				"Företag som tog emot elever 0 4 –",            // Exempelteknik, Alfa, Beta, Gamma
				"+50 % mot 2025", "Östra skolan <5 <5",         // 3 pupils at D
				"Kommun: Arvika", "Kommun: Karlstad", "Norrskolan", "Östra skolan", "Södra skolan",
				"Inga grupper med färre än 5 elever visas", "Sida 1 av"}},
		{"English", []string{"pdf", "impact", "--db", db, "--year", "2026", "--lang", "en", "--out", filepath.Join(dir, "en.pdf")},
			exitOK, "impact 2026", "", []string{"Impact report 2026", "Pupils in the periods 0 36", "Municipality: Karlstad", "Page 1 of"}},
		{"a year without data", []string{"pdf", "impact", "--year", "2031", "--db", db, "--out", filepath.Join(dir, "2031.pdf")},
			exitOK, "no periods or events in 2031", "",
			[]string{"Effektrapport 2031", "Inga praoperioder eller evenemang finns registrerade för 2031.", "Sida 1 av 1"}},
		{"flags before the word", []string{"pdf", "--db", db, "--out", filepath.Join(dir, "x.pdf"), "impact"}, exitUsage, "", "usage", nil},
		{"no year", []string{"pdf", "impact", "--db", db, "--out", filepath.Join(dir, "y.pdf")}, exitUsage, "", "usage: techniqual pdf impact", nil},
		{"no out", []string{"pdf", "impact", "--db", db, "--year", "2026"}, exitUsage, "", "usage", nil},
		{"no db", []string{"pdf", "impact", "--year", "2026", "--out", filepath.Join(dir, "y.pdf")}, exitUsage, "", "usage", nil},
		{"bad language", []string{"pdf", "impact", "--db", db, "--year", "2026", "--lang", "fi", "--out", filepath.Join(dir, "y.pdf")}, exitUsage, "", "usage", nil},
		{"a stray word", []string{"pdf", "impact", "2026", "--db", db, "--out", filepath.Join(dir, "y.pdf")}, exitUsage, "", "usage", nil},
		{"unknown flag", []string{"pdf", "impact", "--db", db, "--year", "2026", "--period", "x", "--out", filepath.Join(dir, "y.pdf")}, exitUsage, "", "usage", nil},
		{"not a year", []string{"pdf", "impact", "--db", db, "--year", "tjugotjugosex", "--out", filepath.Join(dir, "y.pdf")}, exitFailure, "",
			`--year "tjugotjugosex" is not a year from 2000 to 2100`, nil},
		{"too early", []string{"pdf", "impact", "--db", db, "--year", "1999", "--out", filepath.Join(dir, "y.pdf")}, exitFailure, "", "is not a year from 2000 to 2100", nil},
		{"too late", []string{"pdf", "impact", "--db", db, "--year", "2101", "--out", filepath.Join(dir, "y.pdf")}, exitFailure, "", "is not a year from 2000 to 2100", nil},
		{"missing database", []string{"pdf", "impact", "--db", db + ".nope", "--year", "2026", "--out", filepath.Join(dir, "y.pdf")}, exitFailure, "", "no such database", nil},
		{"out is a folder", []string{"pdf", "impact", "--db", db, "--year", "2026", "--out", dir + "/"}, exitFailure, "", "is a folder", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if code := run(c.args, &stdout, &stderr, noGUI); code != c.code {
				t.Fatalf("exit %d, want %d; stderr: %s", code, c.code, stderr.String())
			}
			if !strings.Contains(stdout.String(), c.stdout) || !strings.Contains(stderr.String(), c.stderr) {
				t.Errorf("stdout %q, stderr %q; want %q and %q", stdout.String(), stderr.String(), c.stdout, c.stderr)
			}
			out := c.args[len(c.args)-1]
			if c.code != exitOK {
				if _, err := os.Stat(out); err == nil && !strings.HasSuffix(out, "/") {
					t.Errorf("a failed run left %s", out)
				}
				return
			}
			fi, err := os.Stat(out)
			if err != nil || fi.Mode().Perm() != 0o600 {
				t.Fatalf("the report %v: %v", fi, err)
			}
			text := pdfText(t, out)
			for _, want := range c.text {
				if !strings.Contains(text, want) {
					t.Errorf("the report lacks %q:\n%s", want, text)
				}
			}
		})
	}
}
