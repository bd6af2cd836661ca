package cli

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"techniqual/data"
	"techniqual/data/exchange"
)

// TestCmdExchange: export and import of each kind on the command line,
// conflicts settled with --prefer or refused, bad files refused with a
// message, and nothing changed by a refused or previewed import. (The
// files use the production scrypt work factor: each takes about a second.)
func TestCmdExchange(t *testing.T) {
	ctx := context.Background()
	db, docs := demoDB(t)
	dir := t.TempDir()
	t.Setenv(passphraseEnv, "tre ord som hänger ihop")
	per := "Åk 9 v. 46 2026"
	st, err := data.Open(ctx, db, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	school, err := st.GetOrganisation(ctx, docs[0].Pupil.SchoolID)
	if err != nil {
		t.Fatal(err)
	}
	offer, err := st.GetOffer(ctx, docs[0].Offer.ID)
	if err != nil {
		t.Fatal(err)
	}
	host, err := st.GetOrganisation(ctx, offer.HostID)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()

	run1 := func(args ...string) (int, string, string) {
		t.Helper()
		var out, errb bytes.Buffer
		code := run(append([]string{"exchange"}, args...), &out, &errb, nil)
		return code, out.String(), errb.String()
	}
	sum := func(path string) string {
		t.Helper()
		s, err := data.Open(ctx, path, data.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		c, err := s.ContentChecksum(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	empty := func(name string) string {
		p := filepath.Join(dir, name)
		s, err := data.Open(ctx, p, data.Options{})
		if err != nil {
			t.Fatal(err)
		}
		s.Close()
		return p
	}

	// Usage mistakes.
	for _, args := range [][]string{{}, {"export"}, {"export", "school", "--db", db, "--out", "x"}, {"import"},
		{"import", "--prefer", "both", "f"}, {"export", "posters", "--db", db, "--out", "x"}} {
		if code, _, _ := run1(args...); code != exitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, exitUsage)
		}
	}

	// School file → an empty coordinator database.
	schoolFile := filepath.Join(dir, "skola.techniqual")
	code, out, errs := run1("export", "school", "--db", db, "--school", school.Name, "--period", per, "--out", schoolFile)
	if code != exitOK || !strings.Contains(out, "pupils") {
		t.Fatalf("export school: %d %q %q", code, out, errs)
	}
	// An empty database lacks the period and the offers the choices point
	// at, and a school file may not add them: refused, nothing changed.
	coord := empty("coord.db")
	before := sum(coord)
	code, _, errs = run1("import", "--db", coord, schoolFile)
	if code != exitFailure || !strings.Contains(errs, "får inte lägga till dem") {
		t.Fatalf("school file into an empty database: %d %q", code, errs)
	}
	if sum(coord) != before {
		t.Fatal("a refused import changed the database")
	}
	// The coordinator's database (here a copy of the demo) has them.
	coord = filepath.Join(dir, "coord-full.db")
	var bout, berr bytes.Buffer
	if code := run([]string{"backup", "--db", db, "--out", coord}, &bout, &berr, nil); code != exitOK {
		t.Fatalf("backup: %q", berr.String())
	}
	before = sum(coord)
	code, out, errs = run1("import", "--db", coord, "--preview", schoolFile)
	if code != exitOK || !strings.Contains(out, "elever: 0 nya,") || !strings.Contains(out, "inget har ändrats") {
		t.Fatalf("preview: %d %q %q", code, out, errs)
	}
	code, out, errs = run1("import", "--db", coord, "--preview", "--lang", "en", schoolFile)
	if code != exitOK || !strings.Contains(out, " from ") || !strings.Contains(out, "pupils: 0 new,") ||
		!strings.Contains(out, "preview only: nothing was changed") || strings.Contains(out, "elever") {
		t.Fatalf("preview in English: %d %q %q", code, out, errs)
	}
	if sum(coord) != before {
		t.Fatal("preview changed the database")
	}
	code, out, errs = run1("import", "--db", coord, schoolFile)
	if code != exitOK || !strings.Contains(out, "imported:") {
		t.Fatalf("import school: %d %q %q", code, out, errs)
	}

	// Bad files and passphrases: a message, exit 1, nothing changed.
	good, _ := os.ReadFile(schoolFile)
	cut := filepath.Join(dir, "cut.techniqual")
	os.WriteFile(cut, good[:len(good)/2], 0o600)
	before = sum(coord)
	for _, c := range []struct {
		name, file, pass, lang, want string
	}{
		{"wrong passphrase", schoolFile, "inte alls rätt lösenfras", "sv", "Lösenfrasen stämmer inte"},
		{"wrong passphrase, English", schoolFile, "inte alls rätt lösenfras", "en", "The passphrase does not open this file"},
		{"truncated", cut, "tre ord som hänger ihop", "sv", "ofullständig"},
		{"not an exchange file", db, "tre ord som hänger ihop", "sv", "inte en utbytesfil"},
	} {
		t.Setenv(passphraseEnv, c.pass)
		code, _, errs := run1("import", "--db", coord, "--lang", c.lang, c.file)
		if code != exitFailure || !strings.Contains(errs, c.want) {
			t.Errorf("%s: %d %q", c.name, code, errs)
		}
	}
	if sum(coord) != before {
		t.Fatal("a refused import changed the database")
	}
	t.Setenv(passphraseEnv, "kort")
	if code, _, errs := run1("export", "host-form", "--db", db, "--org", host.Name, "--out", filepath.Join(dir, "x.techniqual")); code != exitUsage || !strings.Contains(errs, "at least 10") {
		t.Errorf("short passphrase: %d %q", code, errs)
	}
	os.Unsetenv(passphraseEnv)
	if code, _, errs := run1("import", "--db", coord, schoolFile); code != exitUsage || !strings.Contains(errs, passphraseEnv) {
		t.Errorf("no passphrase: %d %q", code, errs)
	}

	// From here on the passphrase comes from a file.
	pf := filepath.Join(dir, "pass.txt")
	os.WriteFile(pf, []byte("tre ord som hänger ihop\n"), 0o600)

	// Host form: both sides change the same title → a conflict.
	formFile := filepath.Join(dir, "form.techniqual")
	if code, _, errs := run1("export", "host-form", "--db", db, "--org", host.Name, "--passphrase-file", pf, "--out", formFile); code != exitOK {
		t.Fatalf("export host-form: %q", errs)
	}
	hr := empty("hr.db")
	if code, _, errs := run1("import", "--db", hr, "--passphrase-file", pf, formFile); code != exitOK {
		t.Fatalf("import host-form at HR: %q", errs)
	}
	retitle := func(path, title string) {
		s, err := data.Open(ctx, path, data.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		o, err := s.GetOffer(ctx, offer.ID)
		if err != nil {
			t.Fatal(err)
		}
		o.Title = title
		if err := s.SaveOffer(ctx, &o); err != nil {
			t.Fatal(err)
		}
	}
	retitle(hr, "HR:s nya rubrik")
	retitle(db, "Samordnarens rubrik")
	backFile := filepath.Join(dir, "back.techniqual")
	if code, _, errs := run1("export", "host-form", "--db", hr, "--org", host.Name, "--passphrase-file", pf, "--out", backFile); code != exitOK {
		t.Fatalf("export at HR: %q", errs)
	}
	before = sum(db)
	code, out, errs = run1("import", "--db", db, "--passphrase-file", pf, backFile)
	if code != exitFailure || !strings.Contains(out, `konflikt: praoplatser "Samordnarens rubrik" titel: här "Samordnarens rubrik", i filen "HR:s nya rubrik"`) ||
		!strings.Contains(errs, "--prefer") {
		t.Fatalf("conflict: %d %q %q", code, out, errs)
	}
	if sum(db) != before {
		t.Fatal("an import with open conflicts changed the database")
	}
	// Settled, the conflict is still listed and counted (issue #15, case 1).
	if code, out, errs := run1("import", "--db", db, "--prefer", "theirs", "--passphrase-file", pf, backFile); code != exitOK ||
		!strings.Contains(out, "1 konflikter avgjorda med --prefer theirs") || !strings.Contains(out, `konflikt: praoplatser`) {
		t.Fatalf("--prefer theirs: %q %q", out, errs)
	}
	// The same file again: it is the version now here; nothing changes.
	if code, out, errs := run1("import", "--db", db, "--passphrase-file", pf, backFile); code != exitOK || strings.Contains(out, "konflikt:") {
		t.Fatalf("the same file again: %d %q %q", code, out, errs)
	}
	// HR changes the capacity; the preview names the field in the user's language.
	s0, _ := data.Open(ctx, hr, data.Options{})
	o0, _ := s0.GetOffer(ctx, offer.ID)
	o0.Capacity = o0.Capacity + 7
	s0.SaveOffer(ctx, &o0)
	s0.Close()
	folder := filepath.Join(dir, "ut")
	os.Mkdir(folder, 0o700)
	code, out, errs = run1("export", "host-form", "--db", hr, "--org", host.Name, "--passphrase-file", pf, "--out", folder)
	named := filepath.Join(folder, exchange.FileName(exchange.KindHostForm, host.Name, time.Now().In(data.Stockholm).Format("2006-01-02"), false))
	if code != exitOK || !strings.Contains(out, named) || !strings.HasPrefix(filepath.Base(named), "Värdformulär "+host.Name+" ") {
		t.Fatalf("export to a folder: %q %q", out, errs)
	}
	for _, lang := range []struct{ code, want string }{
		{"sv", fmt.Sprintf(`ändras: praoplatser "HR:s nya rubrik" antal platser: "%d" → "%d"`, o0.Capacity-7, o0.Capacity)},
		{"en", fmt.Sprintf(`changes: offers "HR:s nya rubrik" seats: "%d" → "%d"`, o0.Capacity-7, o0.Capacity)},
	} {
		if code, out, errs := run1("import", "--db", db, "--preview", "--lang", lang.code, "--passphrase-file", pf, named); code != exitOK ||
			!strings.Contains(out, lang.want) {
			t.Fatalf("preview in %s: %q %q", lang.code, out, errs)
		}
	}
	s, _ := data.Open(ctx, db, data.Options{})
	o, _ := s.GetOffer(ctx, offer.ID)
	s.Close()
	if o.Title != "HR:s nya rubrik" {
		t.Fatalf("title %q", o.Title)
	}

	// Host file: shown, never imported; no database needed.
	hostFile := filepath.Join(dir, "host.techniqual")
	if code, _, errs := run1("export", "host", "--db", db, "--org", host.Name, "--period", per, "--passphrase-file", pf, "--out", hostFile); code != exitOK {
		t.Fatalf("export host: %q", errs)
	}
	code, out, errs = run1("import", "--passphrase-file", pf, hostFile)
	if code != exitOK || !strings.Contains(out, docs[0].Pupil.FirstName) && !strings.Contains(out, exchange.ViaSchoolName) {
		t.Fatalf("host file: %d %q %q", code, out, errs)
	}
}
