package printing

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"techniqual/data"
	"techniqual/ui/internal/uitest"
	"techniqual/ui/ops"
)

// TestUtskrifterPrintsTheSchoolsDocuments prints the catalogue and the
// guardian letters of the period chosen from the window.
func TestUtskrifterPrintsTheSchoolsDocuments(t *testing.T) {
	s, _ := newPrintingTest(t)
	m := s.main.(*uitest.Shell)
	dir := t.TempDir()
	for _, c := range []struct {
		doc  ops.SchoolDoc
		want []string
	}{
		{ops.DocCatalogue, []string{"Praoplatser", "Åk 9 v. 46 2026", "Mina val"}},
		{ops.DocGuardianLetters, []string{"Information om prao", "Svarstalong"}},
		{ops.DocRiskAssessments, []string{"Riskbedömning", "Tillsyn av minderåriga"}},
	} {
		path := filepath.Join(dir, string(c.doc)+".pdf")
		s.saveSchoolDoc(c.doc, s.period(), path)
		m.Wait(t)
		if !strings.Contains(s.docStatus.Text, path) {
			t.Fatalf("%s: status %q", c.doc, s.docStatus.Text)
		}
		text := pdfText(t, path)
		for _, w := range c.want {
			if !strings.Contains(text, w) {
				t.Errorf("%s lacks %q", c.doc, w)
			}
		}
	}
	// The message stands under the school's documents, not under Spara,
	// and goes when the choice above changes (found by use).
	if s.status.Text != "" || !s.docStatus.Visible() {
		t.Errorf("Spara's status %q, the documents' shown %v", s.status.Text, s.docStatus.Visible())
	}
	s.kindRadio.SetSelected(s.kindRadio.Options[len(s.kindRadio.Options)-1])
	if s.docStatus.Visible() || s.docStatus.Text != "" {
		t.Errorf("after another kind: %q", s.docStatus.Text)
	}
}

// TestSchoolDocFileNames: the suggested file names are words in the
// user's language, not the command line's kinds.
func TestSchoolDocFileNames(t *testing.T) {
	want := map[ops.SchoolDoc]string{ops.DocCatalogue: "Praoplatskatalog", ops.DocGuardianLetters: "Brev till vårdnadshavare",
		ops.DocRiskAssessments: "Riskbedömningar"}
	for _, doc := range ops.SchoolDocs {
		if got := schoolDocName(doc); got != want[doc] {
			t.Errorf("%s: %q, want %q", doc, got, want[doc])
		}
	}
}

// TestSchoolDocFileNamesFollowUtskrifter: a school document's file is named
// as Utskrifter names its own: the document, whom it is for, the weeks.
func TestSchoolDocFileNamesFollowUtskrifter(t *testing.T) {
	per := data.Period{Name: "Åk 8 v. 46 2026", Grade: 8, Start: time.Date(2026, 11, 9, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 11, 13, 0, 0, 0, 0, time.UTC)}
	for _, c := range []struct {
		sc   ops.Scope
		code string
		want string
	}{
		{ops.Scope{}, "sv", "Brev till vårdnadshavare Åk 8 v46.pdf"},
		{ops.Scope{School: "Solbackaskolan"}, "sv", "Brev till vårdnadshavare Solbackaskolan v46.pdf"},
		{ops.Scope{School: "Solbackaskolan", Class: "8B"}, "sv", "Brev till vårdnadshavare 8B Solbackaskolan v46.pdf"},
		{ops.Scope{}, "en", "Brev till vårdnadshavare Year 8 w46.pdf"},
	} {
		if got := schoolDocFileName(ops.DocGuardianLetters, per, c.sc, c.code); got != c.want {
			t.Errorf("%+v %s: %q, want %q", c.sc, c.code, got, c.want)
		}
	}
}
