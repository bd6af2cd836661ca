package cli

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"techniqual/data"
)

// TestRiskAssessmentReachesTheSchool: the coordinator sends a host form,
// the HR person fills in the risk assessment on the host's laptop and
// sends the form back, and `pdf risk-assessments` on the coordinator's
// database prints the host's own text for the school to sign (issue 17).
func TestRiskAssessmentReachesTheSchool(t *testing.T) {
	ctx := context.Background()
	coord, docs := demoDB(t)
	first := docs[0]
	dir := t.TempDir()
	t.Setenv(passphraseEnv, "tre ord som hänger ihop")
	run1 := func(args ...string) {
		t.Helper()
		var out, errb bytes.Buffer
		if code := run(args, &out, &errb, nil); code != exitOK {
			t.Fatalf("%v: exit %d: %s", args, code, errb.String())
		}
	}
	form := filepath.Join(dir, "form.techniqual")
	run1("exchange", "export", "host-form", "--db", coord, "--org", first.Host.Name, "--out", form)
	// HR's laptop: a new database that reads the coordinator's form.
	hr := filepath.Join(dir, "hr.db")
	st, err := data.Open(ctx, hr, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	run1("exchange", "import", "--db", hr, form)
	if st, err = data.Open(ctx, hr, data.Options{}); err != nil {
		t.Fatal(err)
	}
	risk := data.RiskAssessment{OfferID: first.Offer.ID, Tasks: "Montera sensorer på en provbänk",
		Machines: "Skruvdragare, ingen svarv", Substances: "Isopropanol i sprayflaska", ProtectiveGear: "Nitrilhandskar",
		Supervision: "Handledaren finns inom synhåll", AssessedBy: "Vera Provsson"}
	if err := st.SaveRiskAssessment(ctx, risk); err != nil {
		t.Fatal(err)
	}
	st.Close()

	back := filepath.Join(dir, "back.techniqual")
	run1("exchange", "export", "host-form", "--db", hr, "--org", first.Host.Name, "--out", back)
	run1("exchange", "import", "--db", coord, back)

	out := filepath.Join(dir, "risk.pdf")
	run1("pdf", "risk-assessments", "--db", coord, "--period", "Åk 9 v. 46 2026", "--class", first.Pupil.ClassName, "--out", out)
	text := strings.Join(strings.Fields(pdfText(t, out)), " ")
	for _, w := range []string{first.Host.Name, risk.Tasks, risk.Machines, risk.Substances, risk.ProtectiveGear,
		risk.Supervision, risk.AssessedBy} {
		if !strings.Contains(text, w) {
			t.Errorf("the coordinator's risk assessments lack %q", w)
		}
	}
}
