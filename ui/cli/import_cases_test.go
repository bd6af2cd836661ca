package cli

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"techniqual/data"
)

// pupilsOf reads the pupils of a database file.
func pupilsOf(t *testing.T, db string) []data.Pupil {
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
	return ps
}

// TestImportPupilsRefusesWhatItCannotRead: issue #15's class-list cases on
// the command line: each refusal exits 1 with its cause and line and writes
// nothing; --ignore-column, --max-rows and --gender-from-personnummer do
// what they say.
func TestImportPupilsRefusesWhatItCannotRead(t *testing.T) {
	anna := testPnr(t, "20120210", "964")
	var many strings.Builder
	many.WriteString("Förnamn;Efternamn;Klass\n")
	for i := 0; i < 30; i++ {
		fmt.Fprintf(&many, "Ada%c;Berg;8A\n", 'a'+rune(i%26)+rune(i/26))
	}
	cases := []struct {
		name, text string
		args       []string
		want       []string
	}{
		{"unknown column", "Fnamn;Efternamn;Klass\nAda;Berg;8A\n", nil,
			[]string{"Okända kolumner: Fnamn", "--ignore-column NAMN"}},
		{"ignored first-name column", "Fnamn;Efternamn;Klass\nAda;Berg;8A\n", []string{"--ignore-column", "Fnamn"},
			[]string{"rad 2: förnamn saknas"}},
		{"no first name", "Förnamn;Efternamn;Klass;Skyddad identitet\nAda;Berg;8A;\n;Öberg;8C;\n", nil,
			[]string{"rad 3, kolumn Förnamn: förnamn saknas"}},
		{"unreadable protection", "Förnamn;Efternamn;Klass;Sekretessmarkering;Skyddad identitet\nAda;Berg;8A;;kanske\n",
			[]string{"--skip-bad-rows"}, []string{"rad 2, kolumn Skyddad identitet: ”kanske” ska vara Ja eller Nej"}},
		{"identical rows", "Förnamn;Efternamn;Klass\nAda;Berg;8A\nAda;Berg;8A\n", nil, []string{"rad 3: raden är likadan som rad 2"}},
		{"unterminated quote", "Förnamn;Efternamn;Klass\nAda;Berg;8A\n\"Bo;Ek;8A\nCai;Lund;8A\n", nil,
			[]string{"rad 3: ett citattecken"}},
		{"too many rows", many.String(), []string{"--max-rows", "25"}, []string{"fler än 25 rader"}},
	}
	for _, c := range cases {
		db := filepath.Join(t.TempDir(), "t.db")
		args := append(append([]string{"pupils", "--db", db, "--school", "S"}, c.args...), writeFile(t, "lista.csv", []byte(c.text)))
		code, _, errs := runCmd(importCmd, args...)
		if code != exitFailure {
			t.Errorf("%s: exit %d", c.name, code)
		}
		for _, w := range c.want {
			if !strings.Contains(errs, w) {
				t.Errorf("%s: stderr lacks %q:\n%s", c.name, w, errs)
			}
		}
		if n := countPupils(t, db); n != 0 {
			t.Errorf("%s: %d pupils written", c.name, n)
		}
	}

	// A personnummer in a name is taken out with a note; the legal sex is
	// taken from the number only when asked.
	db := filepath.Join(t.TempDir(), "t.db")
	file := writeFile(t, "lista.csv", []byte("Förnamn;Efternamn;Klass;Personnummer;Okänd\nAnna "+anna[2:8]+"-"+anna[8:]+";Berg;8A;"+anna+";x\n"))
	code, out, errs := runCmd(importCmd, "pupils", "--db", db, "--school", "S", "--ignore-column", "Okänd",
		"--gender-from-personnummer", "--lang", "en", file)
	if code != exitOK || !strings.Contains(out, "added 1,") || !strings.Contains(out, "gender from personnummer (legal sex): 1") {
		t.Fatalf("exit %d\n%s\n%s", code, out, errs)
	}
	if !strings.Contains(errs, "line 2, column Förnamn: a personnummer was taken out of the field") || strings.Contains(errs, anna[8:]) {
		t.Errorf("stderr:\n%s", errs)
	}
	if ps := pupilsOf(t, db); len(ps) != 1 || ps[0].FirstName != "Anna" || ps[0].Gender != data.GenderGirl {
		t.Errorf("pupils %+v", ps)
	}
}
