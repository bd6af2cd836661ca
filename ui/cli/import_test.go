package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"techniqual/data"
	"techniqual/data/classlist"
)

func importCmd(ctx context.Context, args []string, out, errb *bytes.Buffer) int {
	return callImport(ctx, args, out, errb)
}

// testPnr is a valid personnummer for a birth date and serial.
func testPnr(t *testing.T, date, serial string) string {
	t.Helper()
	c := classlist.LuhnDigit(date[2:] + serial)
	if c < 0 {
		t.Fatal("bad test number")
	}
	return date + serial + strconv.Itoa(c)
}

func writeFile(t *testing.T, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func countPupils(t *testing.T, db string) int {
	t.Helper()
	st, err := data.Open(context.Background(), db, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ps, err := st.ListPupils(context.Background(), data.PupilFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return len(ps)
}

func TestImportPupilsCommand(t *testing.T) {
	good := testPnr(t, "20120304", "471")
	bad := good[:11] + string('0'+(good[11]-'0'+1)%10)
	text := "Klasslista – 8A\r\nElev-ID;Förnamn;Efternamn;Klass;Personnummer;Kön\r\n" +
		"1;Åsa;Ek;8A;" + good[:8] + "-" + good[8:] + ";F\r\n" +
		"2;Bo;Ström;8A;" + bad[:8] + "-" + bad[8:] + ";P\r\n" +
		"3;Cia;Sjö;7A;;\r\n"
	b, _ := charmap.Windows1252.NewEncoder().Bytes([]byte(text))
	file := writeFile(t, "lista.csv", b)
	db := filepath.Join(t.TempDir(), "t.db")

	code, out, errs := runCmd(importCmd, "pupils", "--db", db, "--school", "Solbacken", file)
	if code != exitFailure || out != "" {
		t.Fatalf("exit %d, out %q", code, out)
	}
	for _, w := range []string{"rad 4, kolumn Personnummer: kontrollsiffran stämmer inte (20120304-****)",
		"rad 5, kolumn Klass: årskurs 7", "inget har importerats"} {
		if !strings.Contains(errs, w) {
			t.Errorf("stderr lacks %q:\n%s", w, errs)
		}
	}
	if strings.Contains(errs, bad[8:]) || strings.Contains(errs, good[8:]) {
		t.Errorf("stderr shows a personnummer:\n%s", errs)
	}
	if n := countPupils(t, db); n != 0 {
		t.Fatalf("%d pupils after a refused import", n)
	}

	code, out, errs = runCmd(importCmd, "pupils", "--db", db, "--school", "Solbacken", "--skip-bad-rows", "--lang", "en", file)
	if code != exitOK || !strings.Contains(out, "added 1, updated 0, unchanged 0, errors 2") || !strings.Contains(out, "new school: Solbacken") {
		t.Fatalf("exit %d\n%s\n%s", code, out, errs)
	}
	if !strings.Contains(errs, "line 4, column Personnummer: the check digit is wrong") {
		t.Errorf("skipped rows not reported:\n%s", errs)
	}
	code, out, _ = runCmd(importCmd, "pupils", "--db", db, "--school", "Solbacken", "--skip-bad-rows", file)
	if code != exitOK || !strings.Contains(out, "added 0, updated 0, unchanged 1, errors 2") {
		t.Fatalf("re-import: exit %d %s", code, out)
	}
	if n := countPupils(t, db); n != 1 {
		t.Fatalf("%d pupils, want 1", n)
	}
}

func TestImportRefusesWhatIsNotAClassList(t *testing.T) {
	db := filepath.Join(t.TempDir(), "t.db")
	cases := map[string][]byte{
		"doc.pdf":   []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"),
		"empty.csv": nil,
		"junk.bin":  {0, 1, 2, 3, 0xff, 0, 0x10, 0x11, 0},
	}
	for name, b := range cases {
		code, _, errs := runCmd(importCmd, "pupils", "--db", db, "--school", "S", writeFile(t, name, b))
		if code != exitFailure || !strings.Contains(errs, name) || len(strings.TrimSpace(errs)) < 20 {
			t.Errorf("%s: exit %d, %q", name, code, errs)
		}
	}
	code, _, errs := runCmd(importCmd, "pupils", "--db", db, "--school", "S", filepath.Join(t.TempDir(), "missing.csv"))
	if code != exitFailure || !strings.Contains(errs, "filen finns inte") {
		t.Errorf("missing file: exit %d %q", code, errs)
	}
	if code, _, _ := runCmd(importCmd, "pupils", "--school", "S"); code != exitUsage {
		t.Errorf("no --db and no file: exit %d", code)
	}
	if code, _, _ := runCmd(importCmd, "teachers", "--db", db, "x.csv"); code != exitUsage {
		t.Errorf("import teachers: exit %d", code)
	}
}
