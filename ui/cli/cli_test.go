package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRunDemoListAndUsage(t *testing.T) {
	db := filepath.Join(t.TempDir(), "cli.db")
	noGUI := func(string) int { t.Fatal("the window must not start"); return 0 }
	cases := []struct {
		name   string
		args   []string
		code   int
		stdout []string // substrings, in order of lines
		stderr string
	}{
		{"demo", []string{"demo", "--db", db, "--pupils", "120", "--seed", "3"}, exitOK, []string{"120 pupils"}, ""},
		{"demo twice refuses", []string{"demo", "--db", db}, exitFailure, nil, "already holds data"},
		{"list periods, flags after the word", []string{"list", "periods", "--db", db}, exitOK,
			[]string{"Åk 8 v. 46 2025\t2025-11-10\t2025-11-14\t8\tdone\tclassic", "Teknikprao åk 8 v. 17 2026\t2026-04-20\t2026-04-24\t8\tdone\tweek",
				"Teknikprao åk 9 v. 41 2026\t2026-10-05\t2026-10-09\t9\tdone\tweek", "Åk 9 v. 46 2026\t2026-11-09\t2026-11-13\t9\tdone\tclassic",
				"Åk 8 v. 11 2027\t2027-03-15\t2027-03-19\t8\tchoosing\tclassic", "Teknikprao åk 8 v. 20 2027\t2027-05-17\t2027-05-21\t8\tchoosing\tweek"}, ""},
		{"list events", []string{"--db", db, "list", "events"}, exitOK, []string{"Nätverksträff hösten 2025\t2025-10-23 15:00\tTeknikparken, Karlstad",
			"Avslutning – Teknikprao åk 8 v. 17 2026\t2026-04-24 09:00\tKarlstads universitet", "Frukostseminarium: Jämställd rekrytering\t2026-09-17 07:30\tTeknikparken, Karlstad",
			"Avslutning – Teknikprao åk 9 v. 41 2026\t2026-10-09 09:00\tKarlstads universitet"}, ""},
		{"list something else", []string{"list", "pupils", "--db", db}, exitUsage, nil, "usage"},
		{"list a missing database", []string{"list", "periods", "--db", db + ".nope"}, exitFailure, nil, "no such database"},
		{"demo without --db", []string{"demo"}, exitUsage, nil, "usage"},
		{"unknown command", []string{"fly"}, exitUsage, nil, `unknown command "fly"`},
		{"version", []string{"version"}, exitOK, []string{"techniqual " + Version}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if code := run(c.args, &stdout, &stderr, noGUI); code != c.code {
				t.Fatalf("exit %d, want %d; stderr: %s", code, c.code, stderr.String())
			}
			lines := strings.Split(strings.TrimSpace(stdout.String()), "\n")
			for i, want := range c.stdout {
				if i >= len(lines) || !strings.Contains(lines[i], want) {
					t.Errorf("stdout line %d = %q, want %q", i, strings.Join(lines, "\n"), want)
				}
			}
			if !strings.Contains(stderr.String(), c.stderr) {
				t.Errorf("stderr %q lacks %q", stderr.String(), c.stderr)
			}
		})
	}
}

func TestRunWithoutCommandStartsTheWindow(t *testing.T) {
	var got string
	code := run([]string{"--db", "/tmp/x.db"}, &bytes.Buffer{}, &bytes.Buffer{}, func(db string) int { got = db; return 0 })
	if code != exitOK || got != "/tmp/x.db" {
		t.Errorf("run = %d with db %q", code, got)
	}
}

// TestADamagedDatabaseIsToldAsSuch: found by use, SQLite's "database disk
// image is malformed" was all the message said. It now says the file is
// damaged, unchanged, and how to restore a backup.
func TestADamagedDatabaseIsToldAsSuch(t *testing.T) {
	db := filepath.Join(t.TempDir(), "skadad.db")
	noGUI := func(string) int { t.Fatal("the window must not start"); return 0 }
	if code := run([]string{"demo", "--db", db, "--pupils", "30", "--seed", "2"}, &bytes.Buffer{}, &bytes.Buffer{}, noGUI); code != exitOK {
		t.Fatal("demo failed")
	}
	b, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	copy(b[100:4000], make([]byte, 3900)) // the schema's page
	if err := os.WriteFile(db, b, 0o600); err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	code := run([]string{"list", "periods", "--db", db}, &bytes.Buffer{}, &stderr, noGUI)
	want := db + " is damaged: parts of it cannot be read. The file was not changed. Restore the latest backup (techniqual restore --db " + db + " --from BACKUP"
	if code != exitFailure || !strings.Contains(stderr.String(), want) {
		t.Errorf("exit %d, stderr %q, want %q", code, stderr.String(), want)
	}
	if after, _ := os.ReadFile(db); !bytes.Equal(after, b) {
		t.Error("the damaged file was changed")
	}
}
