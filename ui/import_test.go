package ui

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"techniqual/data"
	"techniqual/data/classlist"
)

// TestImportMessagesTranslated: the reasons the classlist package gives and
// the names of its fields are in both languages, with the package's Swedish.
func TestImportMessagesTranslated(t *testing.T) {
	sv, en := loadTranslation(t, LangSwedish), loadTranslation(t, LangEnglish)
	want := map[string]string{}
	for _, m := range classlist.Messages() {
		want[m.Key] = m.Text
	}
	for _, f := range classlist.Fields {
		key := "import.field." + string(f)
		if f == classlist.FieldIgnore {
			key = "import.field.ignore"
		}
		want[key] = classlist.FieldNames[f]
	}
	for k, text := range want {
		if sv[k] != text {
			t.Errorf("sv %q = %q, the package says %q", k, sv[k], text)
		}
		if en[k] == "" {
			t.Errorf("en lacks %q", k)
		}
	}
}

func writeList(t *testing.T, name, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func testPnr(t *testing.T, date, serial string) string {
	t.Helper()
	return date + serial + strconv.Itoa(classlist.LuhnDigit(date[2:]+serial))
}

func TestClassListWizardMapsPreviewsAndImports(t *testing.T) {
	st := openStore(t)
	m := newTestWindow(t, st)
	num := testPnr(t, "20120304", "471")
	path := writeList(t, "8a.csv", "Klasslista 8A\n\nFörnamn;Efternamn;Grp;Personnummer;Skostorlek\n"+
		"Åsa;Ek;8A;"+num[:8]+"-"+num[8:]+";38\n"+
		"Bo;Lind;8A;;42\n")
	done := 0
	w := m.openClassListImport(path, func() { done++ })
	waitIdle(t, m)
	if w.table == nil {
		t.Fatalf("the file was not read: %s", w)
	}
	for _, want := range []string{"semikolon", "UTF-8", "Rubrikrad: 3"} {
		if !strings.Contains(w.settings.Text, want) {
			t.Errorf("settings %q lack %q", w.settings.Text, want)
		}
	}
	if !strings.Contains(w.status.Text, "2 kolumner är okända") {
		t.Errorf("status %q", w.status.Text)
	}
	if !w.previewBtn.Visible() || w.importBtn.Visible() {
		t.Error("the mapping step shows the wrong buttons")
	}
	// Map the unknown "Grp" to the class; leave "Skostorlek" out.
	w.mapSelects[2].SetSelected(fieldText(classlist.FieldClass))
	w.schoolSel.SetText("Solbackens skola")
	test.Tap(w.previewBtn)
	waitIdle(t, m)
	if got, want := w.counts.Text, "2 nya, 0 uppdateras, 0 oförändrade, 0 rader med fel"; got != want {
		t.Fatalf("counts %q, want %q (%s)", got, want, w)
	}
	if !strings.Contains(w.schools.Text, "Solbackens skola") {
		t.Errorf("new school not announced: %q", w.schools.Text)
	}
	if ps, _ := st.ListPupils(context.Background(), data.PupilFilter{}); len(ps) != 0 {
		t.Fatal("the preview wrote pupils")
	}
	if w.importBtn.Disabled() {
		t.Fatal("Importera is disabled")
	}
	test.Tap(w.importBtn)
	waitIdle(t, m)
	ps, err := st.ListPupils(context.Background(), data.PupilFilter{})
	if err != nil || len(ps) != 2 {
		t.Fatalf("%d pupils after the import (%v): %s", len(ps), err, w)
	}
	for _, p := range ps {
		if p.ClassName != "8A" || p.Grade != 8 {
			t.Errorf("pupil %+v: the mapped class did not land", p)
		}
		if p.FirstName == "Åsa" && data.FormatDate(p.BirthDate) != "2012-03-04" {
			t.Errorf("Åsa born %s", data.FormatDate(p.BirthDate))
		}
	}
	if done != 1 || !strings.Contains(w.resultLabel.Text, "2 nya elever") || w.current() != w.doneStep {
		t.Errorf("result: done %d, %q", done, w.resultLabel.Text)
	}
	test.Tap(w.closeBtn)
}

func TestClassListWizardShowsErrorsAndImportsOnlyWhenAsked(t *testing.T) {
	st := openStore(t)
	m := newTestWindow(t, st)
	path := writeList(t, "bad.csv", "Förnamn;Efternamn;Klass\nAda;Berg;8A\nCai;Sjua;7C\n")
	w := m.openClassListImport(path, nil)
	waitIdle(t, m)
	w.schoolSel.SetText("Skolan")
	test.Tap(w.previewBtn)
	waitIdle(t, m)
	if !strings.Contains(w.errList.Text, "rad 3, kolumn Klass: årskurs 7") {
		t.Fatalf("errors %q", w.errList.Text)
	}
	if !w.importBtn.Disabled() || !w.skipBad.Visible() {
		t.Fatal("a list with errors can be imported without skipping them")
	}
	w.skipBad.SetChecked(true)
	if w.importBtn.Disabled() {
		t.Fatal("Importera stays disabled after choosing to skip the bad rows")
	}
	test.Tap(w.importBtn)
	waitIdle(t, m)
	if ps, _ := st.ListPupils(context.Background(), data.PupilFilter{}); len(ps) != 1 {
		t.Fatalf("%d pupils, want 1", len(ps))
	}
	if !strings.Contains(w.resultLabel.Text, "1 rader med fel hoppades över") {
		t.Errorf("result %q", w.resultLabel.Text)
	}
}

func TestClassListWizardRefusesAPDF(t *testing.T) {
	st := openStore(t)
	m := newTestWindow(t, st)
	w := m.openClassListImport(writeList(t, "doc.pdf", "%PDF-1.7\n"), nil)
	waitIdle(t, m)
	if w.table != nil || !strings.Contains(w.status.Text, "PDF") || w.previewBtn.Visible() {
		t.Errorf("a PDF: %s", w)
	}
}
