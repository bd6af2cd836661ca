package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"techniqual/data"
)

// schoolDocsDB is the demo database with one pupil of class 9B made
// protected, a risk assessment filled in for the first placed pupil's offer
// and the school's own letter text in Swedish.
func schoolDocsDB(t *testing.T) (db string, first data.ScheduleDoc, protected data.Pupil) {
	t.Helper()
	db, docs := demoDB(t)
	ctx := context.Background()
	st, err := data.Open(ctx, db, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	first = docs[0]
	for _, d := range docs[1:] {
		if d.School.ID == first.School.ID && d.Pupil.ClassName == first.Pupil.ClassName && d.Offer.ID != first.Offer.ID {
			protected = d.Pupil
			break
		}
	}
	protected.Protected = true
	if err := st.SavePupil(ctx, &protected); err != nil {
		t.Fatal(err)
	}
	if err := st.SaveRiskAssessment(ctx, data.RiskAssessment{OfferID: first.Offer.ID, Tasks: "Lödning av kretskort",
		Machines: "Lödkolv, pelarborr", Substances: "Lödtenn utan bly", ProtectiveGear: "Skyddsglasögon",
		Supervision: "Handledaren är med hela tiden", AssessedBy: "Kim Testsson"}); err != nil {
		t.Fatal(err)
	}
	if err := st.SetGuardianLetterText(ctx, first.School.ID, "sv", "Hej! Vår skola har prao i november.\nFrågor? Ring expeditionen."); err != nil {
		t.Fatal(err)
	}
	return db, first, protected
}

func TestCmdPDFSchoolDocuments(t *testing.T) {
	db, first, protected := schoolDocsDB(t)
	dir := t.TempDir()
	const period = "Åk 9 v. 46 2026"
	class := first.Pupil.ClassName
	for _, c := range []struct {
		name    string
		args    []string
		want    []string
		wantNot []string
	}{
		{"catalogue", []string{"catalogue"}, []string{"Praoplatser", first.Host.Name, "Det här gör du", "Du träffar", "Platser", "Mina val", "Val 5"},
			[]string{first.Pupil.Name()}},
		{"catalogue of a class", []string{"catalogue", "--class", class}, []string{"Mina val", first.Pupil.Name()}, nil},
		{"catalogue in English", []string{"catalogue", "--lang", "en"}, []string{"Work experience placements", "You will meet", "Choice 5"}, nil},
		{"guardian letters", []string{"guardian-letters", "--school", first.School.Name, "--class", class},
			[]string{"Information om prao", "Till vårdnadshavare för " + first.Pupil.Name(), "Vår skola har prao i november",
				"Svarstalong", "Allergier", "Telefon till vårdnadshavare under praon", first.Host.Name}, nil},
		{"guardian letters in English", []string{"guardian-letters", "--class", class, "--lang", "en"},
			[]string{"To the guardian of " + first.Pupil.Name(), "Your child will do work experience", "Reply slip"}, nil},
		{"risk assessments", []string{"risk-assessments", "--class", class},
			[]string{"Riskbedömning", first.Host.Name, "Lödning av kretskort", "Lödkolv, pelarborr", "Skyddsglasögon",
				"Tillsyn av minderåriga", "Skolans underskrift", "Värden har inte fyllt i"},
			[]string{first.Pupil.Name(), protected.Name()}},
	} {
		t.Run(c.name, func(t *testing.T) {
			out := filepath.Join(dir, strings.ReplaceAll(c.name, " ", "-")+".pdf")
			args := append(append([]string{}, c.args...), "--db", db, "--period", period, "--out", out)
			var stdout, stderr bytes.Buffer
			if code := callPDF(context.Background(), args, &stdout, &stderr); code != exitOK {
				t.Fatalf("exit %d: %s", code, stderr.String())
			}
			if !strings.Contains(stdout.String(), out) {
				t.Errorf("stdout %q does not name the file", stdout.String())
			}
			if st, err := os.Stat(out); err != nil || st.Mode().Perm() != 0o600 {
				t.Fatalf("file %v, err %v; want mode 0600", st, err)
			}
			text := pdfText(t, out)
			for _, w := range c.want {
				if !strings.Contains(text, strings.Join(strings.Fields(w), " ")) {
					t.Errorf("%s lacks %q", c.name, w)
				}
			}
			for _, w := range c.wantNot {
				if strings.Contains(text, w) {
					t.Errorf("%s names %q", c.name, w)
				}
			}
		})
	}
}

func TestCmdPDFSchoolDocumentsFailures(t *testing.T) {
	db, _, _ := schoolDocsDB(t)
	out := filepath.Join(t.TempDir(), "x.pdf")
	for _, c := range []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"no out", []string{"catalogue", "--db", db, "--period", "Åk 9 v. 46 2026"}, exitUsage, "usage"},
		{"no period", []string{"guardian-letters", "--db", db, "--out", out}, exitUsage, "usage"},
		{"a folder", []string{"risk-assessments", "--db", db, "--period", "Åk 9 v. 46 2026", "--out", t.TempDir() + "/"}, exitUsage, "usage"},
		{"unknown period", []string{"catalogue", "--db", db, "--period", "Åk 7 v. 1 1999", "--out", out}, exitFailure, "no prao period named"},
		{"unknown school", []string{"guardian-letters", "--db", db, "--period", "Åk 9 v. 46 2026", "--school", "Hogwarts", "--out", out}, exitFailure, `no school named "Hogwarts"`},
		{"class without pupils", []string{"guardian-letters", "--db", db, "--period", "Åk 9 v. 46 2026", "--class", "9Z", "--out", out}, exitFailure, "nothing to print"},
		{"no placed pupils", []string{"risk-assessments", "--db", db, "--period", "Åk 9 v. 46 2026", "--class", "9Z", "--out", out}, exitFailure, "nothing to print"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if code := callPDF(context.Background(), c.args, &stdout, &stderr); code != c.code {
				t.Fatalf("exit %d, want %d; stderr: %s", code, c.code, stderr.String())
			}
			if !strings.Contains(stderr.String(), c.msg) {
				t.Errorf("stderr %q lacks %q", stderr.String(), c.msg)
			}
			if _, err := os.Stat(out); err == nil {
				t.Error("a failed command wrote a file")
			}
		})
	}
}
