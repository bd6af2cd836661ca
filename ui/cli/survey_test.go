package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"techniqual/data"
)

// surveyDB is a period of grade 8 at one school: class 8A (6 girls, 6
// boys, 2 of other gender) in the period and class 8C (6 girls, 6 boys)
// as its comparison class. Everyone in it is made up.
func surveyDB(t *testing.T) (path string, per data.Period) {
	t.Helper()
	ctx := context.Background()
	path = filepath.Join(t.TempDir(), "survey.db")
	st, err := data.Open(ctx, path, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	school := data.Organisation{Kind: data.KindSchool, Name: "Älvkulleskolan", Municipality: "Karlstad"}
	must(st.SaveOrganisation(ctx, &school))
	per = data.Period{Name: "Åk 8 v. 46 2026", Grade: 8, Start: time.Date(2026, 11, 9, 0, 0, 0, 0, time.UTC),
		End: time.Date(2026, 11, 13, 0, 0, 0, 0, time.UTC), SchoolIDs: []string{school.ID}}
	must(st.SavePeriod(ctx, &per))
	add := func(class string, g data.Gender, n int) {
		for i := 0; i < n; i++ {
			p := data.Pupil{SchoolID: school.ID, FirstName: fmt.Sprintf("%s%d", g, i), LastName: "Provsson " + class, ClassName: class, Grade: 8, Gender: g}
			must(st.SavePupil(ctx, &p))
		}
	}
	add("8A", data.GenderGirl, 6)
	add("8A", data.GenderBoy, 6)
	add("8A", data.GenderOther, 2)
	add("8C", data.GenderGirl, 6)
	add("8C", data.GenderBoy, 6)
	must(st.AddComparisonClass(ctx, data.ComparisonClass{PeriodID: per.ID, SchoolID: school.ID, ClassName: "8C"}))
	return path, per
}

func TestSurveyCommandsEndToEnd(t *testing.T) {
	db, per := surveyDB(t)
	dir := t.TempDir()
	ctx := context.Background()
	var out, errs bytes.Buffer
	pdf := filepath.Join(dir, "enkater.pdf")
	code := run([]string{"pdf", "questionnaires", "--db", db, "--period", per.Name, "--class", "8A", "--out", pdf}, &out, &errs, nil)
	if code != exitOK || !strings.Contains(out.String(), "1 classes, 14 pupils, 26 new codes") {
		t.Fatalf("pdf questionnaires: %d %q %q", code, out.String(), errs.String())
	}
	st, err := data.Open(ctx, db, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	codes, _ := st.ListSurveyCodes(ctx, per.ID)
	audit, _ := st.ListAudit(ctx)
	st.Close()
	text := pdfText(t, pdf)
	for _, c := range codes {
		in := strings.Contains(text, data.FormatSurveyCode(c.Code))
		if in != (c.ClassName == "8A") {
			t.Errorf("code of %s (%s) in the 8A print: %v", c.Name(), c.ClassName, in)
		}
	}
	if !strings.Contains(text, data.InterestItems[0].SV) || !strings.Contains(text, "Din kod") {
		t.Errorf("the forms lack the items or the code box")
	}
	if len(audit) == 0 || audit[0].Action != "pdf questionnaires" {
		t.Errorf("the print is not in the audit log: %+v", audit)
	}

	// Before: everyone answers 3 on every item; after: 8A's rise to 4, 8C's stay.
	write := func(name string, after bool, extra string) string {
		var b strings.Builder
		b.WriteString("Tidsstämpel;Kod;Fråga 1;Fråga 2;Fråga 3;Fråga 4;Fråga 5;Fråga 6\n")
		for i, c := range codes {
			v := 3
			if after && c.ClassName == "8A" && i%4 != 0 {
				v = 4
			}
			fmt.Fprintf(&b, "2026-11-02 08:%02d;%s;%d;%d;%d;%d;%d;Teknikprogrammet\n", i, data.FormatSurveyCode(c.Code), v, v, v, v, v)
		}
		b.WriteString(extra)
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(b.String()), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	// A file with an unknown code and a bad answer is refused whole.
	bad := write("bad.csv", false, "2026-11-02 09:00;ACDE-FGHJ;3;3;3;3;3;\n2026-11-02 09:01;"+codes[0].Code+";9;3;3;3;3;\n")
	out.Reset()
	errs.Reset()
	code = run([]string{"import", "survey", "--db", db, "--period", per.Name, "--wave", "before", bad}, &out, &errs, nil)
	if code != exitFailure || !strings.Contains(errs.String(), "rad 28") || !strings.Contains(errs.String(), "rad 29") ||
		!strings.Contains(errs.String(), "ACDE-FGHJ") {
		t.Fatalf("bad file: %d %q", code, errs.String())
	}
	for _, c := range []struct {
		wave, file string
	}{{"before", write("fore.csv", false, "")}, {"after", write("efter.csv", true, "")}} {
		out.Reset()
		errs.Reset()
		code = run([]string{"import", "survey", "--db", db, "--period", per.Name, "--wave", c.wave, c.file}, &out, &errs, nil)
		if code != exitOK || !strings.Contains(out.String(), "26 answers imported") {
			t.Fatalf("import %s: %d %q %q", c.wave, code, out.String(), errs.String())
		}
	}

	out.Reset()
	code = run([]string{"effect", "--db", db, "--period", per.Name, "--json"}, &out, &errs, nil)
	if code != exitOK {
		t.Fatalf("effect: %d %q", code, errs.String())
	}
	var got struct {
		Period string
		Groups map[string]map[string]any
	}
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	girls := got.Groups["girls"]
	if girls["hidden"] != false {
		t.Errorf("a shown group says hidden %v", girls["hidden"])
	}
	if got.Period != per.Name || girls["n"] != 6.0 || girls["before"] != 3.0 || girls["change"] == nil || girls["ci_low"] == nil || girls["ci_high"] == nil {
		t.Errorf("girls = %v", girls)
	}
	cmp, _ := girls["comparison"].(map[string]any)
	if cmp == nil || cmp["n"] != 6.0 || cmp["change"] != 0.0 || cmp["difference"] == nil {
		t.Errorf("girls' comparison = %v", cmp)
	}
	// Two of other gender: hidden, and so is all (else all − girls − boys gives them away).
	for _, g := range []string{"other", "all"} {
		if got.Groups[g]["hidden"] != true || got.Groups[g]["n"] != nil {
			t.Errorf("%s = %v, want hidden without figures", g, got.Groups[g])
		}
	}
	// The same answers give the same interval.
	var again bytes.Buffer
	run([]string{"effect", "--db", db, "--period", per.Name, "--json"}, &again, &errs, nil)
	if again.String() != out.String() {
		t.Error("effect is not reproducible")
	}
	out.Reset()
	run([]string{"effect", "--db", db, "--period", per.Name}, &out, &errs, nil)
	if !strings.Contains(out.String(), "flickor: n 6") || !strings.Contains(out.String(), "alla: dolt (färre än 5)") {
		t.Errorf("effect text:\n%s", out.String())
	}
}

func TestSurveyCommandsUsage(t *testing.T) {
	db, per := surveyDB(t)
	cases := []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"no wave", []string{"import", "survey", "--db", db, "--period", per.Name, "x.csv"}, exitUsage, "usage"},
		{"bad wave", []string{"import", "survey", "--db", db, "--period", per.Name, "--wave", "during", "x.csv"}, exitUsage, "usage"},
		{"no file", []string{"import", "survey", "--db", db, "--period", per.Name, "--wave", "after"}, exitUsage, "usage"},
		{"missing file", []string{"import", "survey", "--db", db, "--period", per.Name, "--wave", "after", "/nonexistent.csv"}, exitFailure, "nonexistent"},
		{"unknown period", []string{"effect", "--db", db, "--period", "Åk 7"}, exitFailure, "no prao period named"},
		{"effect without period", []string{"effect", "--db", db}, exitUsage, "usage"},
		{"pdf without out", []string{"pdf", "questionnaires", "--db", db, "--period", per.Name}, exitUsage, "usage"},
		{"pdf of an empty class", []string{"pdf", "questionnaires", "--db", db, "--period", per.Name, "--class", "9Z", "--out", filepath.Join(t.TempDir(), "x.pdf")}, exitFailure, "nothing printed"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var out, errs bytes.Buffer
			code := run(c.args, &out, &errs, nil)
			if code != c.code || !strings.Contains(errs.String(), c.msg) {
				t.Errorf("code %d, stderr %q; want %d and %q", code, errs.String(), c.code, c.msg)
			}
		})
	}
}
