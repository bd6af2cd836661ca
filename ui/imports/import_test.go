package imports

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"techniqual/data"
	"techniqual/data/classlist"
	"techniqual/ui/internal/uitest"
	"techniqual/ui/uikit"
)

// TestImportMessagesTranslated: the reasons the classlist package gives and
// the names of its fields are in both languages, with the package's Swedish.
func TestImportMessagesTranslated(t *testing.T) {
	sv, en := uitest.LoadTranslation(t, uikit.LangSwedish), uitest.LoadTranslation(t, uikit.LangEnglish)
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
	st := uitest.OpenStore(t)
	m := uitest.NewShell(t, st)
	num := testPnr(t, "20120304", "471")
	path := writeList(t, "8a.csv", "Klasslista 8A\n\nFörnamn;Efternamn;Grp;Personnummer;Skostorlek\n"+
		"Åsa;Ek;8A;"+num[:8]+"-"+num[8:]+";38\n"+
		"Bo;Lind;8A;;42\n")
	done := 0
	w := openClassListImport(m, path, func() { done++ })
	if !w.busy() || !w.closeBtn.Disabled() {
		t.Errorf("while the file is read: busy %v, Avbryt disabled %v", w.busy(), w.closeBtn.Disabled())
	}
	m.Wait(t)
	if w.closeBtn.Disabled() {
		t.Error("Avbryt stays disabled after the file is read")
	}
	if w.table == nil {
		t.Fatalf("the file was not read: %s", w)
	}
	if got, want := w.detectedL.Text, "Upptäckt: semikolon (;), UTF-8, rubrikrad 3"; got != want {
		t.Errorf("detected %q, want %q", got, want)
	}
	if w.sepSel.Selected != "semikolon (;)" || w.encSel.Selected != "UTF-8" || w.headerSel.Selected != "3" {
		t.Errorf("reading selects %q %q %q", w.sepSel.Selected, w.encSel.Selected, w.headerSel.Selected)
	}
	if !strings.Contains(w.firstLines.Text, " 3  Förnamn;Efternamn;Grp") {
		t.Errorf("first lines %q", w.firstLines.Text)
	}
	if !strings.Contains(w.status.Text, "2 kolumner är okända") {
		t.Errorf("status %q", w.status.Text)
	}
	if !w.previewBtn.Visible() || w.importBtn.Visible() {
		t.Error("the mapping step shows the wrong buttons")
	}
	// Map the unknown "Grp" to the class; leave "Skostorlek" out, which
	// the wizard asks about before it previews.
	w.mapSelects[2].SetSelected(fieldText(classlist.FieldClass))
	w.schoolSel.SetText("Solbackens skola")
	test.Tap(w.previewBtn)
	m.Wait(t)
	if w.preview != nil || !w.ignoreUnknown.Visible() || w.ignoreUnknown.Text != "Importera inte de okända kolumnerna: Skostorlek" ||
		!strings.Contains(w.status.Text, "Okända kolumner: Skostorlek") {
		t.Fatalf("the unknown column was not asked about: %s, %q", w, w.ignoreUnknown.Text)
	}
	test.Tap(w.ignoreUnknown)
	test.Tap(w.previewBtn)
	m.Wait(t)
	if got, want := w.counts.Text, "2 nya, 0 uppdateras, 0 oförändrade, 0 rader med fel"; got != want {
		t.Fatalf("counts %q, want %q (%s)", got, want, w)
	}
	// Who is added, by name (found by use: the preview only counted).
	if got, want := w.changeList.Text, "Ny: Åsa Ek · 8A · Solbackens skola\nNy: Bo Lind · 8A · Solbackens skola"; got != want || !w.changeHead.Visible() {
		t.Errorf("changes %q, want %q", got, want)
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
	m.Wait(t)
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
	// Enter closes "Importen är klar", as Escape does (found by use).
	c := m.Window().Canvas()
	if c.Overlays().Top() == nil {
		t.Fatal("the wizard is not open")
	}
	c.Unfocus()
	if !uikit.ConfirmTopDialog(c) || c.Overlays().Top() != nil {
		t.Error("Enter did not close the wizard on its last step")
	}
}

func TestClassListWizardShowsErrorsAndImportsOnlyWhenAsked(t *testing.T) {
	st := uitest.OpenStore(t)
	m := uitest.NewShell(t, st)
	path := writeList(t, "bad.csv", "Förnamn;Efternamn;Klass\nAda;Berg;8A\nCai;Sjua;7C\n")
	w := openClassListImport(m, path, nil)
	m.Wait(t)
	if w.readingAcc.Items[0].Open {
		t.Error("the reading choices are unfolded for a file read right")
	}
	c := m.Window().Canvas()
	w.schoolSel.SetText("Skolan")
	test.Tap(w.previewBtn)
	m.Wait(t)
	if !strings.Contains(w.errList.Text, "rad 3, kolumn Klass: årskurs 7") {
		t.Fatalf("errors %q", w.errList.Text)
	}
	if !w.importBtn.Disabled() || !w.skipBad.Visible() {
		t.Fatal("a list with errors can be imported without skipping them")
	}
	// Tillbaka says again what reading the file said (found by use: it
	// was gone), and Förhandsgranska comes back to the same preview.
	test.Tap(w.backBtn)
	if !strings.Contains(w.status.Text, "2 rader lästa") {
		t.Errorf("status after Tillbaka %q", w.status.Text)
	}
	test.Tap(w.previewBtn)
	m.Wait(t)
	w.skipBad.SetChecked(true)
	if w.importBtn.Disabled() {
		t.Fatal("Importera stays disabled after choosing to skip the bad rows")
	}
	c.Focus(w.importBtn) // a click gives a button the keyboard in the desktop driver
	test.Tap(w.importBtn)
	m.Wait(t)
	if ps, _ := st.ListPupils(context.Background(), data.PupilFilter{}); len(ps) != 1 {
		t.Fatalf("%d pupils, want 1", len(ps))
	}
	if !strings.Contains(w.resultLabel.Text, "1 rad med fel hoppades över") {
		t.Errorf("result %q", w.resultLabel.Text)
	}
	// Importera, hidden on the done step, no longer has the keys: Escape
	// reaches the window and closes the wizard. Found by use.
	if f := c.Focused(); f != nil {
		t.Errorf("on the done step %T has the keyboard", f)
	}
	if !uikit.DismissTopDialog(c) || c.Overlays().Top() != nil {
		t.Error("Escape did not close the done wizard")
	}
}

// TestClassListWizardPreviewsAgainWhenTheImportFindsErrors: when the
// database changed between the preview and Importera, the preview is
// renewed (counts too), and the message counts rows, not errors.
func TestClassListWizardPreviewsAgainWhenTheImportFindsErrors(t *testing.T) {
	st := uitest.OpenStore(t)
	ctx := context.Background()
	m := uitest.NewShell(t, st)
	path := writeList(t, "8a.csv", "Förnamn;Efternamn;Klass\nAda;Berg;8A\nCai;Sjö;8A\n")
	w := openClassListImport(m, path, nil)
	m.Wait(t)
	w.schoolSel.SetText("Solbackens skola")
	test.Tap(w.previewBtn)
	m.Wait(t)
	if got := w.counts.Text; got != "2 nya, 0 uppdateras, 0 oförändrade, 0 rader med fel" {
		t.Fatalf("counts %q (%s)", got, w)
	}
	// Meanwhile two pupils named Ada Berg in 8A come in by another way.
	school := data.Organisation{Kind: data.KindSchool, Name: "Solbackens skola"}
	if err := st.SaveOrganisation(ctx, &school); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		p := data.Pupil{SchoolID: school.ID, FirstName: "Ada", LastName: "Berg", ClassName: "8A", Grade: 8}
		if err := st.SavePupil(ctx, &p); err != nil {
			t.Fatal(err)
		}
	}
	test.Tap(w.importBtn)
	m.Wait(t)
	if got := w.counts.Text; got != "1 ny, 0 uppdateras, 0 oförändrade, 1 rad med fel" {
		t.Errorf("counts after the refused import %q (%s)", got, w)
	}
	if w.status.Text != "1 rad har fel; inget har importerats." || !strings.Contains(w.errList.Text, "rad 2") {
		t.Errorf("status %q, errors %q", w.status.Text, w.errList.Text)
	}
	if ps, _ := st.ListPupils(ctx, data.PupilFilter{}); len(ps) != 2 {
		t.Errorf("%d pupils, want the 2 added meanwhile", len(ps))
	}
}

func TestClassListWizardRefusesAPDF(t *testing.T) {
	st := uitest.OpenStore(t)
	m := uitest.NewShell(t, st)
	w := openClassListImport(m, writeList(t, "doc.pdf", "%PDF-1.7\n"), nil)
	m.Wait(t)
	if w.table != nil || !strings.Contains(w.status.Text, "PDF") || w.previewBtn.Visible() {
		t.Errorf("a PDF: %s", w)
	}
}

// TestClassListWizardAsksTheEncodingOfAMixedFile: a UTF-8 list with one
// stray Latin-1 byte is not read as either encoding without a word (every
// å, ä and ö, or the stray letter, would come out wrong): the wizard names
// the lines and asks; the encoding chosen is what is imported.
func TestClassListWizardAsksTheEncodingOfAMixedFile(t *testing.T) {
	st := uitest.OpenStore(t)
	m := uitest.NewShell(t, st)
	w := openClassListImport(m, writeList(t, "lista.csv", "Förnamn;Efternamn;Klass\nÅsa;Ek;8A\nBo;Lind\xe9;8A\n"), nil)
	m.Wait(t)
	if w.table != nil || w.current() != w.mapStep || !w.readingAcc.Items[0].Open || !w.previewBtn.Disabled() {
		t.Fatalf("a mixed file is not asked about: %s", w)
	}
	if !strings.Contains(w.status.Text, "rad 1 är UTF-8 men rad 3 är det inte") || !strings.Contains(w.status.Text, "Välj teckenkodning") {
		t.Errorf("status %q", w.status.Text)
	}
	w.encSel.SetSelected("UTF-8")
	m.Wait(t)
	if w.table == nil || w.table.Records[0].Cells[0] != "Åsa" || w.resetBtn.Disabled() {
		t.Fatalf("not read in the chosen encoding: %s", w)
	}
	w.schoolSel.SetText("Solbackens skola")
	test.Tap(w.previewBtn)
	m.Wait(t)
	if got := w.counts.Text; got != "2 nya, 0 uppdateras, 0 oförändrade, 0 rader med fel" {
		t.Fatalf("counts %q (%s)", got, w.errList.Text)
	}
	test.Tap(w.importBtn)
	m.Wait(t)
	ps, err := st.ListPupils(context.Background(), data.PupilFilter{})
	if err != nil || len(ps) != 2 {
		t.Fatalf("%d pupils, %v", len(ps), err)
	}
	if p := ps[0]; p.FirstName+p.LastName != "ÅsaEk" && ps[1].FirstName+ps[1].LastName != "ÅsaEk" {
		t.Errorf("imported %+v", ps)
	}
}

func TestClassListWizardHeaderRowAndReset(t *testing.T) {
	st := uitest.OpenStore(t)
	m := uitest.NewShell(t, st)
	path := writeList(t, "8a.csv", "Klasslista 8A;Solbackens skola\n\nFörnamn;Efternamn;Klass;Skostorlek\nÅsa;Ek;8A;38\nBo;Lind;8A;42\n")
	w := openClassListImport(m, path, nil)
	m.Wait(t)
	if w.table == nil || w.table.HeaderRow != 3 {
		t.Fatalf("detected header %s", w)
	}
	// The user maps the unknown column by hand; that survives a re-read.
	w.mapSelects[3].SetSelected(fieldText(classlist.FieldNotes))
	// Header row 1: the title line becomes the header, the rest rows.
	w.headerSel.SetSelected("1")
	m.Wait(t)
	if w.table == nil || w.table.HeaderRow != 1 || w.table.Columns[0].Header != "Klasslista 8A" || len(w.table.Records) != 3 {
		t.Fatalf("header row 1: %s, %+v", w, w.table)
	}
	if len(w.mapSelects) != len(w.table.Columns) {
		t.Errorf("the mapping shows %d columns of %d", len(w.mapSelects), len(w.table.Columns))
	}
	// A header row below the last line is told, and nothing can be previewed.
	w.headerSel.Options = append(w.headerSel.Options, "40")
	w.headerSel.SetSelected("40")
	m.Wait(t)
	if w.table != nil || w.status.Importance != widget.DangerImportance || !strings.Contains(w.status.Text, "inga elevrader") {
		t.Errorf("header below the end: %s", w)
	}
	if !w.previewBtn.Disabled() {
		t.Error("Förhandsgranska is enabled without a table")
	}
	// A comma instead of the semicolon: every line is one column.
	w.headerSel.SetSelected("3")
	m.Wait(t) // each choice's read hands back before the next choice (see Shell.Wait)
	w.sepSel.SetSelected(separatorText(','))
	m.Wait(t)
	if w.table == nil || len(w.table.Columns) != 1 || w.table.Columns[0].Header != "Förnamn;Efternamn;Klass;Skostorlek" {
		t.Fatalf("separated by comma: %s, %+v", w, w.table)
	}
	// Back to what was detected; the hand mapping is still there.
	test.Tap(w.resetBtn)
	m.Wait(t)
	if w.table == nil || w.table.HeaderRow != 3 || w.headerSel.Selected != "3" || !w.resetBtn.Disabled() {
		t.Fatalf("after reset: %s", w)
	}
	if w.mapping[3] != classlist.FieldNotes {
		t.Errorf("the hand mapping was lost: %v", w.mapping)
	}
}

// TestClassListWithoutASchoolSaysSoOnce: a list without a School column
// and no school chosen is stopped at the school's field with one message,
// not a "skola saknas" a row (found by use: 26 of them).
func TestClassListWithoutASchoolSaysSoOnce(t *testing.T) {
	st := uitest.OpenStore(t)
	m := uitest.NewShell(t, st)
	path := writeList(t, "8a.csv", "Förnamn;Efternamn;Klass\nAda;Berg;8A\nCai;Sjö;8A\n")
	w := openClassListImport(m, path, nil)
	m.Wait(t)
	w.schoolSel.SetText("")
	first := w.current()
	test.Tap(w.previewBtn)
	m.Wait(t)
	if w.current() != first || !strings.Contains(w.status.Text, "Välj eller skriv skolan") || w.schoolNote.Importance != widget.DangerImportance {
		t.Fatalf("without a school: step changed %v, status %q, note %q", w.current() != first, w.status.Text, w.schoolNote.Text)
	}
	if strings.Contains(w.errList.Text, "skola saknas") {
		t.Errorf("row errors for the missing school: %q", w.errList.Text)
	}
	w.schoolSel.SetText("Älvkulleskolan")
	test.Tap(w.previewBtn)
	m.Wait(t)
	if w.current() != w.prevStep || w.preview == nil || w.preview.Added != 2 {
		t.Errorf("with a school: %s", w)
	}
}

// TestClassListPreviewShowsTheGender: found by use, the preview named who
// is added but not the gender the Kön column gave, which is what a
// counsellor wants to check before importing.
func TestClassListPreviewShowsTheGender(t *testing.T) {
	st := uitest.OpenStore(t)
	m := uitest.NewShell(t, st)
	path := writeList(t, "8a.csv", "Förnamn;Efternamn;Klass;Kön\nAda;Berg;8A;flicka\nCai;Lund;8A;pojke\nEli;Ek;8A;\n")
	w := openClassListImport(m, path, nil)
	m.Wait(t)
	w.schoolSel.SetText("Solbackens skola")
	test.Tap(w.previewBtn)
	m.Wait(t)
	want := "Ny: Ada Berg · 8A · Solbackens skola · flicka\nNy: Cai Lund · 8A · Solbackens skola · pojke\nNy: Eli Ek · 8A · Solbackens skola"
	if got := w.changeList.Text; got != want {
		t.Errorf("changes %q, want %q", got, want)
	}
}
