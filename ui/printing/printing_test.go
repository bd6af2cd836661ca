package printing

import (
	"context"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"techniqual/data"
	"techniqual/data/demo"
	"techniqual/reports"
	"techniqual/ui/internal/uitest"
	"techniqual/ui/uikit"
)

// newPrintingTest builds Utskrifter on the demo data (period "Åk 9 v. 46
// 2026" with placements) and waits until the placements and the preview are
// loaded.
func newPrintingTest(t *testing.T, setup ...func(*Screen)) (*Screen, *data.Store) {
	t.Helper()
	st := uitest.OpenStore(t)
	if _, err := demo.Generate(context.Background(), st, demo.Config{Pupils: 120, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	uikit.SetLanguage(uikit.LangSwedish)
	m := uitest.NewShell(t, st)
	m.Wait(t)
	s := New(m)
	for _, f := range setup {
		f(s)
	}
	m.Window().SetContent(s.Content())
	m.Window().Resize(fyne.NewSize(1100, 760))
	s.Reload()
	m.Wait(t)
	if s.period().Name != "Åk 9 v. 46 2026" || len(s.periodDocs()) < 50 {
		t.Fatalf("period %q with %d placed pupils", s.period().Name, len(s.periodDocs()))
	}
	return s, st
}

// allDocs is every document of the chosen period, in full.
func allDocs(t *testing.T, st *data.Store, s *Screen) []data.ScheduleDoc {
	t.Helper()
	docs, err := st.DocumentsForPeriod(context.Background(), s.c.periodID, data.DocFilter{})
	if err != nil || len(docs) != len(s.periodDocs()) {
		t.Fatalf("%d documents, %d rows shown: %v", len(docs), len(s.periodDocs()), err)
	}
	return docs
}

// pdfText reads a PDF file back with pdftotext, skipping without it.
func pdfText(t *testing.T, path string) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext is not installed (apt-get install poppler-utils)")
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

// saveAndWait prints the chosen documents to path as the save dialog
// would, and waits for it.
func saveAndWait(t *testing.T, s *Screen, path string) {
	t.Helper()
	if s.saveBtn.Disabled() {
		t.Fatalf("Spara PDF is disabled: %q", s.summary.Text)
	}
	s.saveTo(path)
	s.main.(*uitest.Shell).Wait(t)
}

func TestPrintSchedulesOfOneClass(t *testing.T) {
	s, st := newPrintingTest(t)
	docs := allDocs(t, st, s)
	target := docs[len(docs)/2]
	s.scopeSel.SetSelectedIndex(int(scopeClass))
	s.main.(*uitest.Shell).Wait(t)
	if !s.schoolRow.Visible() || !s.classRow.Visible() || s.pupilRow.Visible() {
		t.Fatal("a class needs the school and class pickers only")
	}
	if !s.saveBtn.Disabled() {
		t.Error("Spara PDF is enabled before a class is chosen")
	}
	s.schoolSel.SetSelected(target.School.Name)
	s.main.(*uitest.Shell).Wait(t)
	s.classSel.SetSelected(target.Pupil.ClassName)
	s.main.(*uitest.Shell).Wait(t)

	var in, out []data.ScheduleDoc
	for _, d := range docs {
		if d.School.ID == target.School.ID && d.Pupil.ClassName == target.Pupil.ClassName {
			in = append(in, d)
		} else {
			out = append(out, d)
		}
	}
	if got := len(s.selected()); got != len(in) || got == 0 {
		t.Fatalf("%d selected, the class has %d placed", got, len(in))
	}
	school := s.docIndex().Schools[target.Pupil.SchoolID] // two schools' 9A must not share a name
	want := "Praoscheman " + target.Pupil.ClassName + " " + school + " v46.pdf"
	if len(in) == 1 {
		want = "Praoschema " + target.Pupil.ClassName + " " + school + " v46.pdf"
	}
	name := suggestedName(s.c, s.period(), s.selected(), s.docIndex())
	if name != want {
		t.Errorf("suggested %q, want %q", name, want)
	}
	if len(s.previewBox.Objects) != 1 {
		t.Error("no preview of the first page")
	}

	path := filepath.Join(t.TempDir(), name)
	saveAndWait(t, s, path)
	if !strings.Contains(s.status.Text, path) || !strings.Contains(s.status.Text, "Sidor:") {
		t.Errorf("status after saving: %q", s.status.Text)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("saved file: %v, %v", fi, err)
	}
	text := pdfText(t, path)
	inNames := map[string]bool{}
	for _, d := range in {
		inNames[d.Pupil.Name()] = true
		if !strings.Contains(text, d.Pupil.Name()) {
			t.Errorf("%s of the class is missing", d.Pupil.Name())
		}
	}
	for _, d := range out {
		if !inNames[d.Pupil.Name()] && strings.Contains(text, d.Pupil.Name()) {
			t.Errorf("%s (%s) of another class is printed", d.Pupil.Name(), d.Pupil.ClassName)
		}
	}

	log, err := st.ListAudit(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(log) != 1 || log[0].Action != "pdf schedules" || log[0].What != path || log[0].Records != len(in) ||
		!strings.Contains(log[0].Detail, target.Pupil.ClassName) {
		t.Errorf("audit log after saving: %+v", log)
	}
}

func TestHostConfirmationLeavesOutProtectedPupils(t *testing.T) {
	s, st := newPrintingTest(t)
	ctx := context.Background()
	d := allDocs(t, st, s)[3]
	p := d.Pupil
	p.Protected = true
	if err := st.SavePupil(ctx, &p); err != nil {
		t.Fatal(err)
	}
	s.Reload()
	s.main.(*uitest.Shell).Wait(t)
	s.Preset(reports.KindHosts, d.Period.ID, "", "", "", d.Offer.ID)
	s.main.(*uitest.Shell).Wait(t)
	if s.c.scope != scopeOffer || !s.offerRow.Visible() || len(s.selected()) == 0 {
		t.Fatalf("Preset for an offer: scope %d, %d selected", s.c.scope, len(s.selected()))
	}
	if s.protected.Checked || s.protected.Disabled() {
		t.Error("include protected must be offered and off by default")
	}
	if !strings.Contains(s.protectedNote.Text, "Elev via skolan") {
		t.Errorf("note without the option: %q", s.protectedNote.Text)
	}
	dir := t.TempDir()
	hidden := filepath.Join(dir, "hidden.pdf")
	saveAndWait(t, s, hidden)
	text := pdfText(t, hidden)
	if strings.Contains(text, p.Name()) || !strings.Contains(text, "Elev via skolan") {
		t.Errorf("host confirmation without the option names the protected pupil %s: %s", p.Name(), text)
	}
	// One file per offer for the whole period: the protected pupil named nowhere.
	s.scopeSel.SetSelectedIndex(int(scopePeriod))
	s.main.(*uitest.Shell).Wait(t)
	s.outRadio.SetSelected(s.outRadio.Options[1])
	s.main.(*uitest.Shell).Wait(t)
	folder := filepath.Join(dir, "alla")
	saveAndWait(t, s, folder)
	files, _ := filepath.Glob(filepath.Join(folder, "*.pdf"))
	if offers := len(data.GroupByOffer(allDocs(t, st, s))); len(files) != offers {
		t.Fatalf("%d files for %d offers; status %q", len(files), offers, s.status.Text)
	}
	for _, f := range files {
		if strings.Contains(pdfText(t, f), p.Name()) {
			t.Errorf("%s names the protected pupil", filepath.Base(f))
		}
	}

	// With the option on there is a clear warning and the name is printed.
	s.Preset(reports.KindHosts, d.Period.ID, "", "", "", d.Offer.ID)
	s.main.(*uitest.Shell).Wait(t)
	test.Tap(s.protected)
	s.main.(*uitest.Shell).Wait(t)
	if !strings.HasPrefix(s.protectedNote.Text, "Varning") {
		t.Errorf("no warning with the option on: %q", s.protectedNote.Text)
	}
	named := filepath.Join(dir, "named.pdf")
	saveAndWait(t, s, named)
	if !strings.Contains(pdfText(t, named), p.Name()) {
		t.Error("with the option on the protected pupil is still hidden")
	}
	log, _ := st.ListAudit(ctx)
	if len(log) != 3 || !strings.Contains(log[0].Detail, "skyddad identitet med namn") {
		t.Errorf("audit log: %+v", log)
	}
}

func TestSuggestedFileNames(t *testing.T) {
	per := data.Period{Name: "Åk 9 v. 46 2026", Grade: 9, Start: prDate(t, "2026-11-09"), End: prDate(t, "2026-11-13")}
	x := &data.DocIndex{Schools: map[string]string{"s1": "Tallbackeskolan"},
		Offers: map[string]data.DocOffer{"o1": {Title: "Svetsa/måla", HostID: "h1", HostName: "Bruk AB"}}}
	pupil := data.DocRow{FirstName: "Ebba", LastName: "Öhman", ClassName: "9B", SchoolID: "s1", OfferID: "o1"}
	other := pupil
	other.FirstName = "Ali"
	secret := pupil
	secret.Protected = true
	two := []data.DocRow{pupil, other}
	cases := []struct {
		c    printChoice
		sel  []data.DocRow
		want string
	}{
		{printChoice{kind: reports.KindHosts, scope: scopePeriod, lang: "sv"}, two, "Värdbekräftelse Åk 9 v46.pdf"},
		{printChoice{kind: reports.KindSchedules, scope: scopePeriod, lang: "sv"}, two, "Praoscheman Åk 9 v46.pdf"},
		{printChoice{kind: reports.KindSchedules, scope: scopeClass, class: "9B", lang: "sv"}, two, "Praoscheman 9B Tallbackeskolan v46.pdf"},
		{printChoice{kind: reports.KindAttendance, scope: scopeSchool, lang: "en"}, two, "Attendance cards Tallbackeskolan w46.pdf"},
		{printChoice{kind: reports.KindSchedules, scope: scopePupil, lang: "sv"}, []data.DocRow{pupil}, "Praoschema Ebba Öhman 9B v46.pdf"},
		{printChoice{kind: reports.KindAttendance, scope: scopePupil, lang: "sv"}, []data.DocRow{secret}, "Närvarokort Elev via skolan v46.pdf"},
		{printChoice{kind: reports.KindHosts, scope: scopeOffer, lang: "sv"}, two, "Värdbekräftelse Bruk AB - Svetsa-måla v46.pdf"},
	}
	for _, c := range cases {
		if got := suggestedName(c.c, per, c.sel, x); got != c.want {
			t.Errorf("%s/%d: %q, want %q", c.c.kind, c.c.scope, got, c.want)
		}
	}
	per.End = prDate(t, "2026-11-20")
	if got := suggestedName(cases[0].c, per, two, x); got != "Värdbekräftelse Åk 9 v46-47.pdf" {
		t.Errorf("two weeks: %q", got)
	}
}

func prDate(t *testing.T, s string) time.Time {
	t.Helper()
	d, err := data.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestCancelStopsALargeBatchAndLeavesNoFile(t *testing.T) {
	s, st := newPrintingTest(t)
	if len(s.selected()) != len(s.periodDocs()) {
		t.Fatalf("whole period selects %d of %d", len(s.selected()), len(s.periodDocs()))
	}
	var last int
	s.onUnit = func(done, _ int) {
		last = done
		if done == 3 {
			fyne.DoAndWait(func() { test.Tap(s.cancelBtn) })
		}
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "alla.pdf")
	if err := os.WriteFile(path, nil, 0o600); err != nil { // the empty file a save dialog makes
		t.Fatal(err)
	}
	saveAndWait(t, s, path)
	if last > 4 {
		t.Errorf("printing went on to unit %d after cancel at 3", last)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("a file is left after cancel: %v", err)
	}
	if !strings.Contains(s.status.Text, "Avbrutet") || s.progressBox.Visible() || s.saveBtn.Disabled() {
		t.Errorf("after cancel: status %q, progress shown %v, save disabled %v", s.status.Text, s.progressBox.Visible(), s.saveBtn.Disabled())
	}

	s.outRadio.SetSelected(s.outRadio.Options[1])
	s.main.(*uitest.Shell).Wait(t)
	folder := filepath.Join(dir, "filer")
	saveAndWait(t, s, folder)
	if files, _ := filepath.Glob(filepath.Join(folder, "*")); len(files) != 0 {
		t.Errorf("%d files left after cancel", len(files))
	}
	if log, _ := st.ListAudit(context.Background()); len(log) != 0 {
		t.Errorf("a cancelled export is in the audit log: %+v", log)
	}
}

func TestPreviewWithoutARasteriser(t *testing.T) {
	s, _ := newPrintingTest(t, func(s *Screen) { s.rasteriser = func() string { return "" } })
	if len(s.previewBox.Objects) != 1 || !strings.Contains(s.previewNote.Text, "ritad") {
		t.Fatalf("preview note %q", s.previewNote.Text)
	}
	joined := strings.Join(canvasTexts(s.previewBox), "\n")
	first := s.periodDocs()[0]
	if !strings.Contains(joined, "Praoschema") || !strings.Contains(joined, first.Name()) {
		t.Errorf("drawn preview shows %q", joined)
	}
}

// TestPrintingScreenshots renders Utskrifter into PNGs in the folder named
// by TECHNIQUAL_SHOTS, for a person to look at. Skipped by default.
func TestPrintingScreenshots(t *testing.T) {
	dir := os.Getenv("TECHNIQUAL_SHOTS")
	if dir == "" {
		t.Skip("set TECHNIQUAL_SHOTS=dir to render screenshots")
	}
	s, st := newPrintingTest(t)
	w := s.main.Window()
	shot := func(name string) {
		s.main.(*uitest.Shell).Wait(t)
		f, err := os.Create(filepath.Join(dir, name+".png"))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := png.Encode(f, w.Canvas().Capture()); err != nil {
			t.Fatal(err)
		}
	}
	shot("p1-period")
	d := allDocs(t, st, s)[5]
	s.Preset(reports.KindHosts, d.Period.ID, "", "", "", d.Offer.ID)
	s.main.(*uitest.Shell).Wait(t)
	test.Tap(s.protected)
	s.main.(*uitest.Shell).Wait(t)
	shot("p2-host-protected")
	s.scroll.ScrollToBottom()
	shot("p2b-host-protected-bottom")
	s.scroll.ScrollToTop()
	s.Preset(reports.KindSchedules, d.Period.ID, "", "", d.Pupil.ID, "")
	s.main.(*uitest.Shell).Wait(t)
	shot("p3-pupil")
	s.rasteriser = func() string { return "" }
	s.Preset(reports.KindAttendance, d.Period.ID, d.School.ID, d.Pupil.ClassName, "", "")
	s.main.(*uitest.Shell).Wait(t)
	shot("p4-class-drawn")
	s.saveTo(filepath.Join(t.TempDir(), "x.pdf"))
	shot("p5-saved")
}

// canvasTexts collects the texts of canvas.Text objects below o.
func canvasTexts(o fyne.CanvasObject) []string {
	var out []string
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *canvas.Text:
			out = append(out, x.Text)
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		}
	}
	walk(o)
	return out
}
