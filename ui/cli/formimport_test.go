package cli

import (
	"bytes"
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"techniqual/data"
)

func formImportCmd(ctx context.Context, args []string, out, errb *bytes.Buffer) int {
	return callImport(ctx, args, out, errb)
}

const formPeriod = "Åk 8 v. 46 2026"

// formDB is a database of invented people for the form imports: a school
// in a grade-8 period, two hosts with three offers, four pupils (two of
// them Kim Larsson, in different classes), Kim of 8B placed.
func formDB(t *testing.T) (string, map[string]string) {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "f.db")
	st, err := data.Open(ctx, path, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ids := map[string]string{}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	school := data.Organisation{Kind: data.KindSchool, Name: "Solbackens skola"}
	must(st.SaveOrganisation(ctx, &school))
	per := data.Period{Name: formPeriod, Grade: 8, Start: time.Date(2026, 11, 9, 0, 0, 0, 0, time.UTC),
		End: time.Date(2026, 11, 13, 0, 0, 0, 0, time.UTC), SchoolIDs: []string{school.ID}}
	must(st.SavePeriod(ctx, &per))
	ids["period"] = per.ID
	for host, titles := range map[string][]string{"Volvo Car Corporation": {"Lagerlogistik", "Målning"}, "Stora Enso": {"Pappersbruket"}} {
		h := data.Organisation{Kind: data.KindCompany, Name: host}
		must(st.SaveOrganisation(ctx, &h))
		for _, title := range titles {
			o := data.Offer{HostID: h.ID, PeriodID: per.ID, Title: title, Capacity: 3}
			must(st.SaveOffer(ctx, &o))
			ids[title] = o.ID
		}
	}
	for _, p := range []struct{ first, last, class string }{{"Åsa", "Ek", "8A"}, {"Kim", "Larsson", "8A"}, {"Kim", "Larsson", "8B"}, {"Émile", "Sjöström", "8C"}} {
		pu := data.Pupil{SchoolID: school.ID, FirstName: p.first, LastName: p.last, ClassName: p.class, Grade: 8}
		must(st.SavePupil(ctx, &pu))
		ids[p.first+" "+p.class] = pu.ID
	}
	must(st.SaveAssignment(ctx, &data.Assignment{PeriodID: per.ID, PupilID: ids["Kim 8B"], OfferID: ids["Pappersbruket"], Source: data.SourceManual}))
	return path, ids
}

func listPrefs(t *testing.T, db, periodID string) map[string][]string {
	t.Helper()
	st, err := data.Open(context.Background(), db, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ps, err := st.ListPreferences(context.Background(), periodID)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	for _, p := range ps {
		out[p.PupilID] = append(out[p.PupilID], p.OfferID)
	}
	return out
}

func TestImportChoicesCommand(t *testing.T) {
	db, ids := formDB(t)
	bad := writeFile(t, "val.csv", []byte("Tidsstämpel;Namn;Klass;Val 1;Val 2\n"+
		"2026-10-05 09:00;Åsa Ek;8A;Stora Enso – Pappersbruket;Målning\n"+
		"2026-10-05 09:01;Kim Larsson;8B;Volvo Cars;\n"+
		"2026-10-05 09:02;Kim Larsson;;Pappersbruket;\n"))
	unknown := writeFile(t, "val3.csv", []byte("Vem är du?;Bästa praoplatsen\nÅsa Ek;Pappersbruket\n"))

	tests := []struct {
		name   string
		args   []string
		code   int
		stderr []string
	}{
		{"errors in swedish", []string{"choices", "--db", db, "--period", formPeriod, bad}, exitFailure, []string{
			"2 rader har fel; inget har importerats",
			"rad 3, kolumn Val 1: okänd praoplats ”Volvo Cars” — menade du ”Volvo Car Corporation – Lagerlogistik”?",
			"rad 4, kolumn Namn: 2 elever passar ”Kim Larsson”"}},
		{"errors in english", []string{"choices", "--lang", "en", "--db", db, "--period", formPeriod, bad}, exitFailure, []string{
			"line 3, column Val 1: unknown offer “Volvo Cars” — did you mean “Volvo Car Corporation – Lagerlogistik”?"}},
		{"unknown period", []string{"choices", "--db", db, "--period", "Åk 9", bad}, exitFailure, []string{`ingen praoperiod heter "Åk 9" (praoperioder: ` + formPeriod}},
		{"no period flag", []string{"choices", "--db", db, bad}, exitUsage, []string{"import choices|evaluations"}},
		{"missing database", []string{"choices", "--db", filepath.Join(t.TempDir(), "none.db"), "--period", formPeriod, bad}, exitFailure, []string{"no such database"}},
		{"not a form", []string{"choices", "--db", db, "--period", formPeriod, writeFile(t, "x.pdf", []byte("%PDF-1.4"))}, exitFailure, []string{"Filen är en PDF"}},
		// The reader hands the window a File to map columns in; the
		// command has no mapping, so missing columns stay fatal.
		{"no name column", []string{"choices", "--db", db, "--period", formPeriod, unknown}, exitFailure, []string{
			"val3.csv: Ingen kolumn med elevernas namn hittades"}},
		{"no name column in english", []string{"choices", "--lang", "en", "--db", db, "--period", formPeriod, unknown}, exitFailure, []string{
			"val3.csv: no column with the pupils' names"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := runCmd(formImportCmd, tt.args...)
			if code != tt.code || out != "" {
				t.Fatalf("exit %d, out %q, err %s", code, out, errs)
			}
			for _, w := range tt.stderr {
				if !strings.Contains(errs, w) {
					t.Errorf("stderr lacks %q:\n%s", w, errs)
				}
			}
		})
	}
	if n := len(listPrefs(t, db, ids["period"])); n != 0 {
		t.Fatalf("%d pupils have choices after refused imports", n)
	}

	// --skip-bad-rows imports Åsa's choices and reports the rest.
	code, out, errs := runCmd(formImportCmd, "choices", "--db", db, "--period", formPeriod, "--skip-bad-rows", bad)
	if code != exitOK || !strings.HasPrefix(out, "set 1, replaced 0, unchanged 0, errors 2\n") || !strings.Contains(errs, "2 rader med fel hoppades över") {
		t.Fatalf("exit %d\nout %s\nerr %s", code, out, errs)
	}
	if got := listPrefs(t, db, ids["period"])[ids["Åsa 8A"]]; !slices.Equal(got, []string{ids["Pappersbruket"], ids["Målning"]}) {
		t.Errorf("Åsa chose %v", got)
	}

	// A clean file; Åsa answered twice and the later answer counts.
	good := writeFile(t, "val2.csv", []byte("Timestamp,Name,Class,Choice 1,Choice 2\n"+
		"10/5/2026 9:00:00,Åsa Ek,8A,Lagerlogistik,\n"+
		"10/5/2026 9:01:00,\"Larsson, Kim\",8B,Volvo Car Corporation – Målning,Pappersbruket\n"+
		"10/4/2026 9:00:00,Åsa Ek,8A,Målning,\n"))
	code, out, errs = runCmd(formImportCmd, "choices", "--db", db, "--period", formPeriod, good)
	if code != exitOK || !strings.HasPrefix(out, "set 1, replaced 1, unchanged 0, errors 0\n") ||
		!strings.Contains(out, "rad 4: Åsa Ek har svarat flera gånger; det senaste svaret (rad 2) gäller") {
		t.Fatalf("exit %d\nout %s\nerr %s", code, out, errs)
	}
	prefs := listPrefs(t, db, ids["period"])
	if !slices.Equal(prefs[ids["Åsa 8A"]], []string{ids["Lagerlogistik"]}) || !slices.Equal(prefs[ids["Kim 8B"]], []string{ids["Målning"], ids["Pappersbruket"]}) {
		t.Errorf("choices %v", prefs)
	}
}

func TestImportEvaluationsCommand(t *testing.T) {
	db, ids := formDB(t)
	file := writeFile(t, "utv.csv", []byte("Namn;Klass;Intresse för teknik före;Intresse för teknik efter;Skulle du rekommendera praon?;Kommentar\n"+
		"Kim Larsson;8B;2 – Lite;5 – Mycket intresserad;Ja;Bäst var verkstaden\n"+
		"Åsa Ek;8A;3;9;Nej;\n"))
	code, out, errs := runCmd(formImportCmd, "evaluations", "--db", db, "--period", formPeriod, file)
	if code != exitFailure || out != "" || !strings.Contains(errs, "rad 3, kolumn Intresse för teknik efter: ”9” är inget svar 1–5") {
		t.Fatalf("exit %d\nout %s\nerr %s", code, out, errs)
	}
	file = writeFile(t, "utv2.csv", []byte("Namn;Klass;Intresse för teknik före;Intresse för teknik efter;Skulle du rekommendera praon?;Kommentar\n"+
		"Kim Larsson;8B;2 – Lite;5 – Mycket intresserad;Ja;Bäst var verkstaden\n"+
		"Åsa Ek;8A;3;4;Nej;\n"))
	// Åsa has no placement: an error, since Utvärderingar and the
	// statistics know placed pupils only; --skip-bad-rows leaves her out.
	code, out, errs = runCmd(formImportCmd, "evaluations", "--db", db, "--period", formPeriod, "--lang", "en", file)
	if code != exitFailure || out != "" || !strings.Contains(errs, "line 3, column Namn: Åsa Ek has no placement in the period") {
		t.Fatalf("exit %d\nout %s\nerr %s", code, out, errs)
	}
	code, out, errs = runCmd(formImportCmd, "evaluations", "--db", db, "--period", formPeriod, "--lang", "en", "--skip-bad-rows", file)
	if code != exitOK || !strings.HasPrefix(out, "set 1, replaced 0, unchanged 0, errors 1\n") || !strings.Contains(errs, "line 3, column Namn: Åsa Ek has no placement") {
		t.Fatalf("exit %d\nout %s\nerr %s", code, out, errs)
	}
	st, err := data.Open(context.Background(), db, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	es, _ := st.ListEvaluations(context.Background(), ids["period"])
	if len(es) != 1 {
		t.Fatalf("%d evaluations", len(es))
	}
	for _, e := range es {
		if e.PupilID != ids["Kim 8B"] || (e.InterestBefore != 2 || e.InterestAfter != 5 || e.Comment != "Bäst var verkstaden" || e.WouldRecommend == nil || !*e.WouldRecommend) {
			t.Errorf("Kim's evaluation %+v", e)
		}
	}
}
