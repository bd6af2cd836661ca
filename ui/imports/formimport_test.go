package imports

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"techniqual/data"
	"techniqual/data/formimport"
	"techniqual/ui/internal/uitest"
	"techniqual/ui/uikit"
)

// TestFormImportMessagesTranslated: the reasons the formimport package
// gives are in both languages, with the package's Swedish.
func TestFormImportMessagesTranslated(t *testing.T) {
	sv, en := uitest.LoadTranslation(t, uikit.LangSwedish), uitest.LoadTranslation(t, uikit.LangEnglish)
	for _, m := range formimport.Messages() {
		if sv[m.Key] != m.Text {
			t.Errorf("sv %q = %q, the package says %q", m.Key, sv[m.Key], m.Text)
		}
		if en[m.Key] != m.Reason {
			t.Errorf("en %q = %q, the package says %q", m.Key, en[m.Key], m.Reason)
		}
	}
}

// formFixture is a database of invented people: a school in a grade-8
// period where pupils choose, two hosts with three offers, and pupils of
// whom two share a name in different classes and two in the same class.
func formFixture(t *testing.T, st *data.Store) (data.Period, map[string]string) {
	t.Helper()
	ctx := context.Background()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	ids := map[string]string{}
	school := data.Organisation{Kind: data.KindSchool, Name: "Solbackens skola"}
	must(st.SaveOrganisation(ctx, &school))
	per := data.Period{Name: "Åk 8 v. 46 2026", Grade: 8, Start: time.Date(2026, 11, 9, 0, 0, 0, 0, time.UTC),
		End: time.Date(2026, 11, 13, 0, 0, 0, 0, time.UTC), SchoolIDs: []string{school.ID}, Status: data.PeriodChoosing}
	must(st.SavePeriod(ctx, &per))
	for _, o := range []struct{ host, title string }{{"Volvo Car Corporation", "Lagerlogistik"}, {"Volvo Car Corporation", "Målning"}, {"Stora Enso", "Pappersbruket"}} {
		h, err := st.FindOrganisation(ctx, data.KindCompany, o.host)
		if err != nil {
			h = data.Organisation{Kind: data.KindCompany, Name: o.host}
			must(st.SaveOrganisation(ctx, &h))
		}
		of := data.Offer{HostID: h.ID, PeriodID: per.ID, Title: o.title, Capacity: 3}
		must(st.SaveOffer(ctx, &of))
		ids[o.title] = of.ID
	}
	for _, p := range []struct {
		key, first, last, class string
		born                    time.Time
	}{
		{"Åsa", "Åsa", "Ek", "8A", time.Time{}}, {"Kim 8A", "Kim", "Larsson", "8A", time.Time{}}, {"Kim 8B", "Kim", "Larsson", "8B", time.Time{}},
		{"Noa 1", "Noa", "Öberg", "8C", time.Date(2012, 2, 3, 0, 0, 0, 0, time.UTC)},
		{"Noa 2", "Noa", "Öberg", "8C", time.Date(2012, 9, 30, 0, 0, 0, 0, time.UTC)},
	} {
		pu := data.Pupil{SchoolID: school.ID, FirstName: p.first, LastName: p.last, ClassName: p.class, Grade: 8, BirthDate: p.born}
		must(st.SavePupil(ctx, &pu))
		ids[p.key] = pu.ID
	}
	return per, ids
}

func TestChoicesWizardResolvesAndImports(t *testing.T) {
	st := uitest.OpenStore(t)
	per, ids := formFixture(t, st)
	m := uitest.NewShell(t, st)
	path := writeList(t, "val.csv", "Tidsstämpel;Namn;Klass;Val 1;Val 2\n"+
		"2026-10-05 09:00;Åsa Ek;8A;Volvo Cars;Pappersbruket\n"+
		"2026-10-05 09:01;Kim Larsson;8B;Stora Enso – Pappersbruket;\n"+
		"2026-10-05 09:02;Noa Öberg;8C;Pappersbruket;Volvo Cars\n")
	done := 0
	w := openFormImport(m, formimport.KindChoices, path, func() { done++ })
	m.Wait(t)
	if w.file == nil || w.current() != w.setupStep {
		t.Fatalf("the file was not read: %s", w)
	}
	if w.periodSel.Selected != per.Name || !strings.Contains(w.columns.Text, "Val 2 → val 2") || !strings.Contains(w.status.Text, "3 svar lästa") {
		t.Fatalf("setup: period %q, columns %q, status %q", w.periodSel.Selected, w.columns.Text, w.status.Text)
	}
	test.Tap(w.previewBtn)
	m.Wait(t)
	if w.current() != w.prevStep {
		t.Fatalf("no preview: %s", w)
	}
	if got := w.counts.Text; got != "1 elev får sina val, 0 elevers tidigare val ersätts, 0 oförändrade, 2 rader med fel" {
		t.Errorf("counts %q", got)
	}
	if !strings.Contains(w.errList.Text, "rad 2, kolumn Val 1: okänd praoplats ”Volvo Cars” — menade du ”Volvo Car Corporation – Lagerlogistik”?") {
		t.Errorf("errors %q", w.errList.Text)
	}
	if !w.importBtn.Disabled() {
		t.Fatal("Importera is enabled with errors")
	}
	probs := w.preview.Problems
	if len(probs) != 2 || len(w.problemSelects) != 2 || probs[0].Value != "Volvo Cars" || probs[1].Kind != formimport.ProblemPupil {
		t.Fatalf("problems %+v", probs)
	}
	// Volvo Cars means the painting offer; Noa is the one born in September.
	w.problemSelects[0].SetSelected("Volvo Car Corporation – Målning")
	m.Wait(t)
	if ps := w.preview.Problems; len(ps) != 2 || ps[0].Chosen != ids["Målning"] {
		t.Fatalf("after the first pick: %+v (%s)", ps, w)
	}
	noa := w.problemSelects[1]
	i := slices.IndexFunc(noa.Options, func(s string) bool { return strings.Contains(s, "2012-09-30") })
	if i < 0 {
		t.Fatalf("Noa's options %q", noa.Options)
	}
	noa.SetSelectedIndex(i)
	m.Wait(t)
	if w.preview.BadRows != 0 || w.importBtn.Disabled() {
		t.Fatalf("after picking: %s", w)
	}
	if w.problemSelects[0].Selected != "Volvo Car Corporation – Målning" {
		t.Errorf("the pick is not shown: %q", w.problemSelects[0].Selected)
	}
	if !strings.Contains(w.noteList.Text, "”Volvo Cars” tolkas som ”Volvo Car Corporation – Målning”") {
		t.Errorf("notes %q", w.noteList.Text)
	}
	if !strings.Contains(w.changeList.Text, "Åsa Ek, 8A, Solbackens skola: 1. Volvo Car Corporation – Målning, 2. Stora Enso – Pappersbruket") {
		t.Errorf("changes %q", w.changeList.Text)
	}
	if ps, _ := st.ListPreferences(context.Background(), ""); len(ps) != 0 {
		t.Fatal("the preview wrote choices")
	}
	test.Tap(w.importBtn)
	m.Wait(t)
	if w.current() != w.doneStep || done != 1 || !strings.Contains(w.resultLabel.Text, "3 elever fick sina val") {
		t.Fatalf("result %q, done %d: %s", w.resultLabel.Text, done, w)
	}
	ctx := context.Background()
	for key, want := range map[string][]string{"Åsa": {ids["Målning"], ids["Pappersbruket"]}, "Kim 8B": {ids["Pappersbruket"]},
		"Noa 2": {ids["Pappersbruket"], ids["Målning"]}, "Noa 1": nil, "Kim 8A": nil} {
		ps, _ := st.PupilPreferences(ctx, ids[key], per.ID)
		var got []string
		for _, p := range ps {
			got = append(got, p.OfferID)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s chose %v, want %v", key, got, want)
		}
	}
	test.Tap(w.closeBtn)
}

func TestEvaluationsWizardImports(t *testing.T) {
	st := uitest.OpenStore(t)
	per, ids := formFixture(t, st)
	// Åsa is placed; Kim of 8A is not, so his answers cannot be saved.
	if err := st.SaveAssignment(context.Background(), &data.Assignment{PeriodID: per.ID, PupilID: ids["Åsa"],
		OfferID: ids["Pappersbruket"], Source: data.SourceManual}); err != nil {
		t.Fatal(err)
	}
	m := uitest.NewShell(t, st)
	path := writeList(t, "utv.csv", "Namn;Klass;Hur intresserad av teknik var du före praon?;Hur intresserad är du efter praon?;Skulle du rekommendera praon?;Kommentar\n"+
		"Åsa Ek;8A;2;5 – Mycket intresserad;Ja;Roligt!\n"+
		"Kim Larson;8B;3;Ganska;Nej;\n"+
		"Kim Larsson;8A;4;4;Ja;\n")
	w := openFormImport(m, formimport.KindEvaluations, path, nil)
	m.Wait(t)
	if w.file == nil {
		t.Fatalf("not read: %s", w)
	}
	// No period is done yet: the last one is taken.
	if w.periodSel.Selected != per.Name {
		t.Fatalf("period %q", w.periodSel.Selected)
	}
	test.Tap(w.previewBtn)
	m.Wait(t)
	for _, want := range []string{"rad 3, kolumn Namn: okänd elev ”Kim Larson” — menade du ”Kim Larsson, 8B, Solbackens skola”?",
		"rad 3, kolumn Hur intresserad är du efter praon?: ”Ganska” är inget svar 1–5",
		"rad 4, kolumn Namn: Kim Larsson har ingen placering i praoperioden"} {
		if !strings.Contains(w.errList.Text, want) {
			t.Errorf("errors lack %q:\n%s", want, w.errList.Text)
		}
	}
	w.skipBad.SetChecked(true)
	test.Tap(w.importBtn)
	m.Wait(t)
	es, _ := st.ListEvaluations(context.Background(), per.ID)
	if len(es) != 1 || es[0].PupilID != ids["Åsa"] || es[0].InterestBefore != 2 || es[0].InterestAfter != 5 || es[0].Comment != "Roligt!" {
		t.Fatalf("evaluations %+v (%s)", es, w)
	}
	if !strings.Contains(w.resultLabel.Text, "1 nya utvärderingar") || !strings.Contains(w.resultLabel.Text, "2 rader med fel hoppades över") {
		t.Errorf("result %q", w.resultLabel.Text)
	}
}

// TestFormWizardRefusesOrAsksForColumns: a file that is no form export
// stops the wizard; a file with the columns not recognised opens the setup
// step with the reason, and Förhandsgranska waits for the columns.
func TestFormWizardRefusesOrAsksForColumns(t *testing.T) {
	st := uitest.OpenStore(t)
	m := uitest.NewShell(t, st)
	w := openFormImport(m, formimport.KindChoices, writeList(t, "lista.pdf", "%PDF-1.4\n"), nil)
	m.Wait(t)
	if w.file != nil || w.current() != nil || !strings.Contains(w.status.Text, "PDF") || w.previewBtn.Visible() {
		t.Errorf("a PDF: %s", w)
	}
	w = openFormImport(m, formimport.KindChoices, writeList(t, "lista.csv", "Förnamn;Efternamn;Klass\nÅsa;Ek;8A\n"), nil)
	m.Wait(t)
	if w.file == nil || w.current() != w.setupStep || !strings.Contains(w.status.Text, "Ingen kolumn med val") ||
		!strings.Contains(w.status.Text, "Välj under Kolumner") || !w.previewBtn.Visible() || !w.previewBtn.Disabled() {
		t.Errorf("a class list as choices: %s", w)
	}
	if len(w.mapSelects) != 3 || w.mapSelects[0].Selected != "Förnamn" || w.mapSelects[2].Selected != "Klass" {
		t.Errorf("the detected columns are not shown: %d selects", len(w.mapSelects))
	}
}

// TestChoicesWizardMapsUnknownColumns: a form with the counsellor's own
// questions as headers is mapped by the Selects, previewed and imported.
func TestChoicesWizardMapsUnknownColumns(t *testing.T) {
	st := uitest.OpenStore(t)
	per, ids := formFixture(t, st)
	m := uitest.NewShell(t, st)
	path := writeList(t, "egna.csv", "Vem är du?;Avdelning;Bästa praoplatsen;Reserv\n"+
		"Åsa Ek;8A;Pappersbruket;Målning\n"+
		"Kim Larsson;8B;Lagerlogistik;\n")
	w := openFormImport(m, formimport.KindChoices, path, nil)
	m.Wait(t)
	if w.file == nil || w.current() != w.setupStep || !strings.Contains(w.status.Text, "Ingen kolumn med elevernas namn") || !w.previewBtn.Disabled() {
		t.Fatalf("setup: %s", w)
	}
	if len(w.mapSelects) != 4 {
		t.Fatalf("%d selects for 4 columns", len(w.mapSelects))
	}
	opts := w.mapSelects[0].Options
	want := []string{"Används inte", "Namn", "Förnamn", "Efternamn", "Klass", "Skola", "Tidsstämpel", "Val 1", "Val 2", "Val 3", "Val 4", "Val 5", "Alla val i en cell"}
	if !slices.Equal(opts, want) {
		t.Errorf("options %q", opts)
	}
	// Each row: the header, then the Select beside a sample of the values.
	if head := w.mapBox.Objects[0].(*fyne.Container).Objects[0].(*widget.Label).Text; head != "Vem är du?" {
		t.Errorf("first header %q", head)
	}
	if samples := w.mapBox.Objects[1].(*fyne.Container).Objects[1].(*widget.Label).Text; samples != "Åsa Ek, Kim Larsson" {
		t.Errorf("samples %q", samples)
	}
	steps := []struct {
		col      int
		pick     string
		status   string // what the status says after the pick
		selected string // what the Select then shows
		preview  bool   // whether Förhandsgranska is enabled
	}{
		{0, "Namn", "Välj vilken kolumn som har elevens val", "Namn", false},
		{1, "Klass", "Välj vilken kolumn som har elevens val", "Klass", false},
		{2, "Val 1", "Kolumnerna räcker för en import", "Val 1", true},
		{3, "Val 1", "Kolumnen ”Bästa praoplatsen” har redan det innehållet", "Används inte", true},
		{3, "Val 2", "Kolumnerna räcker för en import", "Val 2", true},
	}
	for _, s := range steps {
		w.mapSelects[s.col].SetSelected(s.pick)
		if !strings.Contains(w.status.Text, s.status) || w.mapSelects[s.col].Selected != s.selected || w.previewBtn.Disabled() == s.preview {
			t.Fatalf("column %d as %s: selected %q, preview disabled %v: %s", s.col, s.pick, w.mapSelects[s.col].Selected, w.previewBtn.Disabled(), w)
		}
	}
	if !strings.Contains(w.columns.Text, "Vem är du? → namn") || !strings.Contains(w.columns.Text, "Reserv → val 2") {
		t.Errorf("columns %q", w.columns.Text)
	}
	test.Tap(w.previewBtn)
	m.Wait(t)
	if w.current() != w.prevStep || w.preview.Set != 2 || w.preview.BadRows != 0 || w.importBtn.Disabled() {
		t.Fatalf("preview: %s", w)
	}
	if ps, _ := st.ListPreferences(context.Background(), ""); len(ps) != 0 {
		t.Fatal("the preview wrote choices")
	}
	// Back and forth keeps the mapping.
	test.Tap(w.backBtn)
	if w.current() != w.setupStep || w.mapSelects[3].Selected != "Val 2" || w.mapSelects[3].Disabled() {
		t.Fatalf("back: %s", w)
	}
	// What the step said before the preview, not an empty line.
	if !strings.Contains(w.status.Text, "Kolumnerna räcker för en import") || w.status.Importance == widget.DangerImportance {
		t.Errorf("status after Tillbaka %q", w.status.Text)
	}
	test.Tap(w.previewBtn)
	m.Wait(t)
	test.Tap(w.importBtn)
	m.Wait(t)
	if w.current() != w.doneStep || !strings.Contains(w.resultLabel.Text, "2 elever fick sina val") {
		t.Fatalf("result %q: %s", w.resultLabel.Text, w)
	}
	ctx := context.Background()
	for key, want := range map[string][]string{"Åsa": {ids["Pappersbruket"], ids["Målning"]}, "Kim 8B": {ids["Lagerlogistik"]}, "Kim 8A": nil} {
		ps, _ := st.PupilPreferences(ctx, ids[key], per.ID)
		var got []string
		for _, p := range ps {
			got = append(got, p.OfferID)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s chose %v, want %v", key, got, want)
		}
	}
}

// TestEvaluationsWizardMapsUnknownColumns: the evaluations' Selects offer
// the answers, not choices, and the status says what is still missing.
func TestEvaluationsWizardMapsUnknownColumns(t *testing.T) {
	st := uitest.OpenStore(t)
	formFixture(t, st) // a period to import into
	m := uitest.NewShell(t, st)
	w := openFormImport(m, formimport.KindEvaluations, writeList(t, "utv.csv", "Vem är du?;Hur kul var det?\nÅsa Ek;5\n"), nil)
	m.Wait(t)
	if w.file == nil || w.current() != w.setupStep || !w.previewBtn.Disabled() {
		t.Fatalf("setup: %s", w)
	}
	want := []string{"Används inte", "Namn", "Förnamn", "Efternamn", "Klass", "Skola", "Tidsstämpel", "Intresse före", "Intresse efter", "Skulle rekommendera", "Kommentar"}
	if got := w.mapSelects[1].Options; !slices.Equal(got, want) {
		t.Errorf("options %q", got)
	}
	w.mapSelects[1].SetSelected("Intresse efter")
	if !strings.Contains(w.status.Text, "Välj vilken kolumn som har elevens namn") || !w.previewBtn.Disabled() {
		t.Errorf("after the answer: %s", w)
	}
	w.mapSelects[0].SetSelected("Namn")
	if !strings.Contains(w.status.Text, "Kolumnerna räcker") || w.previewBtn.Disabled() {
		t.Errorf("after the name: %s", w)
	}
	if f := w.file.Columns; f[0].Field != formimport.FieldName || f[1].Field != formimport.FieldInterestAfter {
		t.Errorf("columns %+v", f)
	}
}

// TestFormImportsOpenWithTheFileDialog: the entry points (the pupils'
// menu and the Utvärderingar screen) open the wizard and a file dialog.
func TestFormImportsOpenWithTheFileDialog(t *testing.T) {
	st := uitest.OpenStore(t)
	m := uitest.NewShell(t, st)
	for _, open := range []func(func()){func(f func()) { ShowChoicesImport(m, f) }, func(f func()) { ShowEvaluationsImport(m, f) }} {
		before := len(m.Window().Canvas().Overlays().List())
		open(nil)
		if got := len(m.Window().Canvas().Overlays().List()); got != before+2 {
			t.Errorf("%d overlays after opening, want %d (wizard and file dialog)", got, before+2)
		}
	}
}

// TestFormWizardImportsWhatThePreviewShowed: Importera writes with the
// options the shown preview was worked out with, not with picks made
// since; only the newest of two previews is shown; the selects wait while
// a preview runs (B4).
func TestFormWizardImportsWhatThePreviewShowed(t *testing.T) {
	st := uitest.OpenStore(t)
	per, ids := formFixture(t, st)
	m := uitest.NewShell(t, st)
	path := writeList(t, "val.csv", "Namn;Klass;Val 1\nÅsa Ek;8A;Volvo Cars\nKim Larsson;8B;Pappersbruket\n")
	w := openFormImport(m, formimport.KindChoices, path, nil)
	m.Wait(t)
	test.Tap(w.previewBtn)
	m.Wait(t)
	if w.preview == nil || len(w.preview.Problems) != 1 || len(w.problemSelects) != 1 {
		t.Fatalf("preview: %s", w)
	}
	volvo := w.preview.Problems[0].Key

	// While a preview runs, the period and the picks cannot change.
	w.setBusy("…")
	if !w.periodSel.Disabled() || !w.problemSelects[0].Disabled() {
		t.Errorf("selects enabled while busy: period %v, problem %v", w.periodSel.Disabled(), w.problemSelects[0].Disabled())
	}
	w.setIdle("", false)
	if w.periodSel.Disabled() || w.problemSelects[0].Disabled() {
		t.Error("selects stay disabled when idle")
	}

	// Two previews in a row: the newer one is shown, with its options.
	w.resolutions[volvo] = ids["Lagerlogistik"]
	w.onPreview()
	w.resolutions[volvo] = ids["Målning"]
	w.onPreview()
	m.Wait(t)
	if got := w.preview.Problems[0].Chosen; got != ids["Målning"] || w.previewOpts.Resolutions[volvo] != ids["Målning"] {
		t.Fatalf("the older preview is shown: chosen %q, options %v", got, w.previewOpts.Resolutions)
	}

	// A pick the shown preview does not include is not imported.
	w.resolutions[volvo] = ids["Lagerlogistik"]
	test.Tap(w.importBtn)
	m.Wait(t)
	ps, _ := st.PupilPreferences(context.Background(), ids["Åsa"], per.ID)
	if len(ps) != 1 || ps[0].OfferID != ids["Målning"] {
		t.Errorf("Åsa's choices %+v, want the previewed Målning (%s)", ps, w)
	}
}

// TestFormWizardPreviewsAgainWhenTheImportFindsErrors: when the database
// changed between the preview and Importera, the whole preview is
// renewed — counts, changes and problems — not only the error list (B5).
func TestFormWizardPreviewsAgainWhenTheImportFindsErrors(t *testing.T) {
	st := uitest.OpenStore(t)
	per, ids := formFixture(t, st)
	m := uitest.NewShell(t, st)
	path := writeList(t, "val.csv", "Namn;Klass;Val 1\nÅsa Ek;8A;Pappersbruket\nKim Larsson;8B;Målning\n")
	w := openFormImport(m, formimport.KindChoices, path, nil)
	m.Wait(t)
	test.Tap(w.previewBtn)
	m.Wait(t)
	if w.preview == nil || w.preview.Set != 2 || w.importBtn.Disabled() {
		t.Fatalf("preview: %s", w)
	}
	// Kim of 8B goes to the bin meanwhile.
	if err := st.DeletePupil(context.Background(), ids["Kim 8B"]); err != nil {
		t.Fatal(err)
	}
	test.Tap(w.importBtn)
	m.Wait(t)
	if got := w.counts.Text; got != "1 elev får sina val, 0 elevers tidigare val ersätts, 0 oförändrade, 1 rad med fel" {
		t.Errorf("counts %q", got)
	}
	if strings.Contains(w.changeList.Text, "Kim Larsson") || !strings.Contains(w.changeList.Text, "Åsa Ek") {
		t.Errorf("changes %q", w.changeList.Text)
	}
	if !strings.Contains(w.errList.Text, "rad 3, kolumn Namn: ingen elev ”Kim Larsson” i klass 8B") || len(w.problemSelects) != 1 {
		t.Errorf("errors %q, %d problems", w.errList.Text, len(w.problemSelects))
	}
	if w.status.Text != "1 rad har fel; inget har importerats." || w.current() != w.prevStep || !w.importBtn.Disabled() {
		t.Errorf("after the refused import: %s", w)
	}
	if ps, _ := st.ListPreferences(context.Background(), per.ID); len(ps) != 0 {
		t.Errorf("%d choices written", len(ps))
	}
}

// TestChoicesWizardLeavesOutAChoiceAndNamesSkippedRows: a company that is
// not in the period can be left out of the choices, keeping the rest; rows
// skipped for their errors are named after the import, not only counted.
func TestChoicesWizardLeavesOutAChoiceAndNamesSkippedRows(t *testing.T) {
	st := uitest.OpenStore(t)
	per, ids := formFixture(t, st)
	m := uitest.NewShell(t, st)
	path := writeList(t, "val.csv", "Namn;Klass;Val 1;Val 2\n"+
		"Åsa Ek;8A;Qwzx;Pappersbruket\n"+
		"Kim Larsson;8B;Pappersbruket;\n"+
		"Ingen Alls;8C;Pappersbruket;\n")
	w := openFormImport(m, formimport.KindChoices, path, nil)
	m.Wait(t)
	test.Tap(w.previewBtn)
	m.Wait(t)
	if len(w.problemSelects) != 1 || w.preview.Problems[0].Value != "Qwzx" {
		t.Fatalf("an unknown offer with nothing like it has no picker: %+v", w.preview.Problems)
	}
	sel := w.problemSelects[0]
	want := []string{"Lämna bort valet (övriga val flyttas upp)", "Lämna som fel"}
	if !slices.Equal(sel.Options, want) {
		t.Fatalf("options %q, want %q", sel.Options, want)
	}
	sel.SetSelectedIndex(0)
	m.Wait(t)
	if w.preview.BadRows != 1 || w.preview.Problems[0].Chosen != formimport.SkipChoice || w.problemSelects[0].Selected != want[0] {
		t.Fatalf("after leaving out: %s, problems %+v", w, w.preview.Problems)
	}
	if !strings.Contains(w.noteList.Text, "valet ”Qwzx” lämnas bort") ||
		!strings.Contains(w.changeList.Text, "Åsa Ek, 8A, Solbackens skola: 1. Stora Enso – Pappersbruket") {
		t.Errorf("notes %q, changes %q", w.noteList.Text, w.changeList.Text)
	}
	test.Tap(w.skipBad)
	test.Tap(w.importBtn)
	m.Wait(t)
	if w.current() != w.doneStep || !strings.Contains(w.resultLabel.Text, "1 rad med fel hoppades över") {
		t.Fatalf("result %q: %s", w.resultLabel.Text, w)
	}
	if !w.skippedBox.Visible() || !strings.Contains(w.skippedList.Text, "rad 4, kolumn Namn: okänd elev ”Ingen Alls”") {
		t.Errorf("skipped rows not named: visible %v, %q", w.skippedBox.Visible(), w.skippedList.Text)
	}
	ps, _ := st.PupilPreferences(context.Background(), ids["Åsa"], per.ID)
	if len(ps) != 1 || ps[0].OfferID != ids["Pappersbruket"] || ps[0].Rank != 1 {
		t.Errorf("Åsa's choices %+v", ps)
	}
}

// TestFormImportTakesTheLatestFittingPeriod: found by use, evaluations went
// by default to last year's held period instead of the one just held.
func TestFormImportTakesTheLatestFittingPeriod(t *testing.T) {
	st := uitest.OpenStore(t)
	ctx := context.Background()
	for _, p := range []data.Period{
		{Name: "Åk 9 v. 46 2026", Grade: 9, Start: time.Date(2026, 11, 9, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 11, 13, 0, 0, 0, 0, time.UTC), Status: data.PeriodDone},
		{Name: "Åk 8 v. 46 2025", Grade: 8, Start: time.Date(2025, 11, 10, 0, 0, 0, 0, time.UTC), End: time.Date(2025, 11, 14, 0, 0, 0, 0, time.UTC), Status: data.PeriodDone},
		{Name: "Åk 8 v. 11 2027", Grade: 8, Start: time.Date(2027, 3, 15, 0, 0, 0, 0, time.UTC), End: time.Date(2027, 3, 19, 0, 0, 0, 0, time.UTC), Status: data.PeriodChoosing},
	} {
		if err := st.SavePeriod(ctx, &p); err != nil {
			t.Fatal(err)
		}
	}
	m := uitest.NewShell(t, st)
	path := writeList(t, "utv.csv", "Namn;Klass;Hur intresserad av teknik var du före praon?;Hur intresserad är du efter praon?\nÅsa Ek;8A;2;5\n")
	for kind, want := range map[formimport.Kind]string{formimport.KindEvaluations: "Åk 9 v. 46 2026", formimport.KindChoices: "Åk 8 v. 11 2027"} {
		if kind == formimport.KindChoices {
			path = writeList(t, "val.csv", "Namn;Klass;Val 1\nÅsa Ek;8A;Elnät\n")
		}
		w := openFormImport(m, kind, path, nil)
		m.Wait(t)
		if w.periodSel.Selected != want {
			t.Errorf("%s: period %q, want %q", kind, w.periodSel.Selected, want)
		}
	}
}
