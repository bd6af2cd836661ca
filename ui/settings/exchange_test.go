package settings

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"techniqual/data"
	"techniqual/data/exchange"
	"techniqual/ui/internal/uitest"
	"techniqual/ui/ops"
	"techniqual/ui/uikit"
)

// TestExchangeDialogsSchoolFile: the school saves its pupils as an
// exchange file (passphrase twice, checked), and the coordinator's window
// refuses a wrong passphrase, previews the file and imports it.
func TestExchangeDialogsSchoolFile(t *testing.T) {
	ctx := context.Background()
	src := uitest.OpenStore(t)
	school := data.Organisation{Kind: data.KindSchool, Name: "Älvkulleskolan"}
	must(t, src.SaveOrganisation(ctx, &school))
	per := data.Period{Name: "Åk 9 v. 46 2026", Grade: 9, Start: mustParseDate("2026-11-09"), End: mustParseDate("2026-11-13")}
	must(t, src.SavePeriod(ctx, &per))
	for _, n := range []string{"Alva", "Sam", "Noor"} {
		p := data.Pupil{SchoolID: school.ID, FirstName: n, LastName: "Testsson", ClassName: "9B", Grade: 9}
		must(t, src.SavePupil(ctx, &p))
	}
	m := uitest.NewShell(t, src)
	d := newExchangeExport(m, exchange.KindSchool, school.ID)
	m.Wait(t)
	if d.school.SelectedText() != school.Name || d.period.Selected != per.Name || !d.include.Visible() || d.orgRow.Visible() {
		t.Fatalf("export dialog: school %q period %q", d.school.SelectedText(), d.period.Selected)
	}
	// Taking protected pupils' names says what it means (found by use).
	d.include.SetChecked(true)
	if !d.includeWarn.Visible() || !strings.Contains(d.includeWarn.Text, "skyddad identitet kommer med i filen med namn") {
		t.Errorf("no warning when protected names are taken: %q", d.includeWarn.Text)
	}
	m.Wait(t)
	if d.includeWarn.Text != "Ingen elev i filen har skyddad identitet, så rutan ändrar inget här." {
		t.Errorf("no protected pupil here: %q", d.includeWarn.Text)
	}
	d.include.SetChecked(false)
	if d.includeWarn.Visible() {
		t.Error("the warning stays when they are not")
	}
	path := filepath.Join(t.TempDir(), "skola.techniqual")
	test.Type(d.pass1, "tre ord som hänger ihop")
	test.Type(d.pass2, "tre ord som hänger ihip")
	d.saveTo(path)
	if !strings.Contains(d.status.Text, "inte lika") {
		t.Fatalf("status: %q", d.status.Text)
	}
	d.pass2.SetText("tre ord som hänger ihop")
	if d.status.Text != "" {
		t.Errorf("the passphrases are equal, and the status still says %q", d.status.Text)
	}
	d.saveTo(path)
	m.Wait(t)
	if !strings.Contains(d.status.Text, "Sparad i") {
		t.Fatalf("status after save: %q", d.status.Text)
	}
	if st, err := os.Stat(path); err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("file: %v %v", st, err)
	}

	// An empty database lacks the period, and a school file may not add
	// it: the grey Importera says why (found by use: it said nothing).
	empty := uitest.OpenStore(t)
	m0 := uitest.NewShell(t, empty)
	im0 := newExchangeImport(m0)
	im0.setFile(path)
	m0.Wait(t)
	test.Tap(im0.previewBtn)
	if im0.status.Text != "Skriv lösenfrasen som filen sparades med." {
		t.Errorf("no passphrase: %q", im0.status.Text)
	}
	test.Type(im0.pass, "tre ord som hänger ihop")
	test.Tap(im0.previewBtn)
	m0.Wait(t)
	if !im0.importBtn.Disabled() || !strings.HasPrefix(im0.status.Text, "Kan inte importeras: filen hänvisar till 1 ") {
		t.Errorf("into an empty database: Importera disabled %v, status %q", im0.importBtn.Disabled(), im0.status.Text)
	}

	// The coordinator has the period (under its own key, matched by
	// name): a school file may not add it.
	dst := uitest.OpenStore(t)
	must(t, dst.SavePeriod(ctx, &data.Period{Name: per.Name, Grade: 9, Start: per.Start, End: per.End}))
	m2 := uitest.NewShell(t, dst)
	im := newExchangeImport(m2)
	im.setFile(path)
	m2.Wait(t)
	if !strings.Contains(im.fileWhat.Text, "Skolfil") || im.fileLabel.Text != filepath.Base(path) {
		t.Fatalf("file label: %q, %q", im.fileLabel.Text, im.fileWhat.Text)
	}
	test.Type(im.pass, "fel fras men lång nog")
	test.Tap(im.previewBtn)
	m2.Wait(t)
	if !strings.Contains(im.status.Text, "Lösenfrasen stämmer inte") || !im.importBtn.Disabled() {
		t.Fatalf("wrong passphrase: %q", im.status.Text)
	}
	im.pass.SetText("tre ord som hänger ihop")
	test.Tap(im.previewBtn)
	m2.Wait(t)
	if im.plan == nil || im.importBtn.Disabled() {
		t.Fatalf("preview: %q", im.status.Text)
	}
	found := false
	for _, o := range im.result.Objects {
		if lb, ok := o.(*widget.Label); ok && strings.Contains(lb.Text, "elever: 3 nya") {
			found = true
		}
	}
	if !found {
		t.Error("the preview does not count 3 new pupils")
	}
	test.Tap(im.importBtn)
	m2.Wait(t)
	if !strings.Contains(im.status.Text, "Inläst") {
		t.Fatalf("after import: %q", im.status.Text)
	}
	ps, err := dst.ListPupils(ctx, data.PupilFilter{})
	if err != nil || len(ps) != 3 {
		t.Fatalf("pupils after import: %d %v", len(ps), err)
	}
}

func mustParseDate(s string) time.Time {
	d, err := data.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// TestExchangeConflictTakeTheirs: the HR person and the coordinator both
// changed the number of seats since the last host form file. The import
// names the conflict in words, refuses to import until it is decided, and
// Ta deras takes the file's value.
func TestExchangeConflictTakeTheirs(t *testing.T) {
	ctx := context.Background()
	const pass = "tre ord som hänger ihop"
	coord, hr := uitest.OpenStore(t), uitest.OpenStore(t)
	company := data.Organisation{Kind: data.KindCompany, Name: "Lindqvist Mekaniska AB", Municipality: "Säffle"}
	must(t, coord.SaveOrganisation(ctx, &company))
	per := data.Period{Name: "Åk 9 v. 46 2026", Grade: 9, Start: mustParseDate("2026-11-09"), End: mustParseDate("2026-11-13")}
	must(t, coord.SavePeriod(ctx, &per))
	offer := data.Offer{HostID: company.ID, PeriodID: per.ID, Title: "Svetsning och montering", Capacity: 3}
	must(t, coord.SaveOffer(ctx, &offer))
	dir := t.TempDir()
	transfer := func(from, to *data.Store, name string) string {
		t.Helper()
		path := filepath.Join(dir, name)
		_, err := ops.WriteExchange(ctx, from, ops.Outgoing{Kind: exchange.KindHostForm, OrgID: company.ID}, path, pass)
		must(t, err)
		if to != nil {
			q, err := exchange.ReadFile(path, pass)
			must(t, err)
			_, err = exchange.Apply(ctx, to, q, exchange.Decisions{})
			must(t, err)
		}
		return path
	}
	transfer(coord, hr, "till-hr.techniqual")
	o, err := hr.GetOffer(ctx, offer.ID)
	must(t, err)
	o.Capacity = 6
	must(t, hr.SaveOffer(ctx, &o))
	back := transfer(hr, nil, "fran-hr.techniqual")
	offer.Capacity = 4
	must(t, coord.SaveOffer(ctx, &offer))

	m := uitest.NewShell(t, coord)
	im := newExchangeImport(m)
	im.setFile(back)
	m.Wait(t)
	im.pass.SetText(pass)
	test.Tap(im.previewBtn)
	m.Wait(t)
	var radio *widget.RadioGroup
	var text string
	for _, o := range im.result.Objects {
		if box, ok := o.(*fyne.Container); ok && len(box.Objects) == 2 {
			if r, ok := box.Objects[1].(*widget.RadioGroup); ok {
				radio, text = r, box.Objects[0].(*widget.Label).Text
			}
		}
	}
	if radio == nil {
		t.Fatalf("no conflict shown: %q", im.status.Text)
	}
	if !strings.Contains(text, "antal platser") || !strings.Contains(text, "”4”") || !strings.Contains(text, "”6”") {
		t.Errorf("conflict text %q", text)
	}
	if !im.importBtn.Disabled() || !strings.Contains(im.status.Text, "1 kvar") {
		t.Fatalf("importable before the conflict is decided: %q", im.status.Text)
	}
	radio.SetSelected("Ta deras")
	if im.importBtn.Disabled() {
		t.Fatalf("not importable after deciding: %q", im.status.Text)
	}
	test.Tap(im.importBtn)
	m.Wait(t)
	got, err := coord.GetOffer(ctx, offer.ID)
	must(t, err)
	if got.Capacity != 6 {
		t.Errorf("capacity %d after Ta deras, want the file's 6", got.Capacity)
	}
}

// TestExchangeReplanAfterNewConflict: the database changes between the
// preview and Importera (another window), so that a new conflict appears.
// The window shows the new plan with both conflicts to decide instead of
// offering the stale one again; once both are decided the import goes
// through.
func TestExchangeReplanAfterNewConflict(t *testing.T) {
	ctx := context.Background()
	const pass = "tre ord som hänger ihop"
	coord, hr := uitest.OpenStore(t), uitest.OpenStore(t)
	company := data.Organisation{Kind: data.KindCompany, Name: "Lindqvist Mekaniska AB", Municipality: "Säffle"}
	must(t, coord.SaveOrganisation(ctx, &company))
	per := data.Period{Name: "Åk 9 v. 46 2026", Grade: 9, Start: mustParseDate("2026-11-09"), End: mustParseDate("2026-11-13")}
	must(t, coord.SavePeriod(ctx, &per))
	offer := data.Offer{HostID: company.ID, PeriodID: per.ID, Title: "Svetsning och montering", Capacity: 3}
	must(t, coord.SaveOffer(ctx, &offer))
	dir := t.TempDir()
	hostForm := ops.Outgoing{Kind: exchange.KindHostForm, OrgID: company.ID}
	p, err := ops.WriteExchange(ctx, coord, hostForm, filepath.Join(dir, "till-hr.techniqual"), pass)
	must(t, err)
	_, err = exchange.Apply(ctx, hr, p, exchange.Decisions{})
	must(t, err)
	o, err := hr.GetOffer(ctx, offer.ID)
	must(t, err)
	o.Capacity, o.Title = 6, "Svetsning, montering och lackering"
	must(t, hr.SaveOffer(ctx, &o))
	back := filepath.Join(dir, "fran-hr.techniqual")
	_, err = ops.WriteExchange(ctx, hr, hostForm, back, pass)
	must(t, err)
	offer.Capacity = 4
	must(t, coord.SaveOffer(ctx, &offer))

	m := uitest.NewShell(t, coord)
	im := newExchangeImport(m)
	im.setFile(back)
	m.Wait(t)
	im.pass.SetText(pass)
	test.Tap(im.previewBtn)
	m.Wait(t)
	radios := func() []*widget.RadioGroup {
		var out []*widget.RadioGroup
		for _, o := range im.result.Objects {
			if box, ok := o.(*fyne.Container); ok && len(box.Objects) == 2 {
				if r, ok := box.Objects[1].(*widget.RadioGroup); ok {
					out = append(out, r)
				}
			}
		}
		return out
	}
	if rs := radios(); len(rs) != 1 {
		t.Fatalf("%d conflicts shown, want 1", len(rs))
	}
	radios()[0].SetSelected("Ta deras")
	// Meanwhile the title is changed here too.
	cur, err := coord.GetOffer(ctx, offer.ID)
	must(t, err)
	cur.Title = "Svetsning"
	must(t, coord.SaveOffer(ctx, &cur))
	test.Tap(im.importBtn)
	m.Wait(t)
	if rs := radios(); len(rs) != 2 || !im.importBtn.Disabled() {
		t.Fatalf("after the refused import: %d conflicts shown, import enabled %v, status %q", len(rs), !im.importBtn.Disabled(), im.status.Text)
	}
	if !strings.Contains(im.status.Text, "både här och i filen") {
		t.Errorf("status %q", im.status.Text)
	}
	for _, r := range radios() {
		r.SetSelected("Ta deras")
	}
	test.Tap(im.importBtn)
	m.Wait(t)
	got, err := coord.GetOffer(ctx, offer.ID)
	must(t, err)
	if got.Capacity != 6 || got.Title != o.Title {
		t.Fatalf("after deciding both: %+v", got)
	}
}

// TestExchangePreviewNamesFieldsAndRefusesOlder: the preview names each
// changed field with both values; a file older than what is here cannot be
// imported and says so (issue #15, cases 2 and "the preview names every
// changed field"); the suggested file name says who the file is from.
func TestExchangePreviewNamesFieldsAndRefusesOlder(t *testing.T) {
	ctx := context.Background()
	const pass = "tre ord som hänger ihop"
	coord, hr := uitest.OpenStore(t), uitest.OpenStore(t)
	company := data.Organisation{Kind: data.KindCompany, Name: "Alsters Kodverkstad AB", Municipality: "Karlstad"}
	must(t, coord.SaveOrganisation(ctx, &company))
	per := data.Period{Name: "Åk 9 v. 46 2026", Grade: 9, Start: mustParseDate("2026-11-09"), End: mustParseDate("2026-11-13")}
	must(t, coord.SavePeriod(ctx, &per))
	offer := data.Offer{HostID: company.ID, PeriodID: per.ID, Title: "Programmering", Capacity: 3}
	must(t, coord.SaveOffer(ctx, &offer))
	dir := t.TempDir()
	write := func(from *data.Store, name string) string {
		t.Helper()
		path := filepath.Join(dir, name)
		_, err := ops.WriteExchange(ctx, from, ops.Outgoing{Kind: exchange.KindHostForm, OrgID: company.ID}, path, pass)
		must(t, err)
		return path
	}
	apply := func(to *data.Store, path string) {
		t.Helper()
		q, err := exchange.ReadFile(path, pass)
		must(t, err)
		_, err = exchange.Apply(ctx, to, q, exchange.Decisions{})
		must(t, err)
	}
	apply(hr, write(coord, "till-hr.techniqual"))
	retitle := func(title string) {
		o, err := hr.GetOffer(ctx, offer.ID)
		must(t, err)
		o.Title = title
		must(t, hr.SaveOffer(ctx, &o))
	}
	retitle("Programmering i Go")
	f1 := write(hr, "f1.techniqual")
	retitle("Programmering och robotar")
	f2 := write(hr, "f2.techniqual")

	m := uitest.NewShell(t, coord)
	preview := func(path string) *exchangeImport {
		im := newExchangeImport(m)
		im.setFile(path)
		m.Wait(t)
		im.pass.SetText(pass)
		test.Tap(im.previewBtn)
		m.Wait(t)
		return im
	}
	im := preview(f2)
	var lines []string
	for _, o := range im.result.Objects {
		if l, ok := o.(*widget.Label); ok {
			lines = append(lines, l.Text)
		}
	}
	all := strings.Join(lines, "\n")
	if !strings.Contains(all, "rubrik: ”Programmering” → ”Programmering och robotar”") && !strings.Contains(all, "”Programmering” → ”Programmering och robotar”") {
		t.Fatalf("preview does not name the changed field:\n%s", all)
	}
	test.Tap(im.importBtn)
	m.Wait(t)
	im = preview(f1)
	if !im.importBtn.Disabled() || !strings.Contains(im.status.Text, "äldre än det som redan finns här") {
		t.Fatalf("older file: importable %v, %q", !im.importBtn.Disabled(), im.status.Text)
	}
	if got, _ := coord.GetOffer(ctx, offer.ID); got.Title != "Programmering och robotar" {
		t.Fatalf("title %q", got.Title)
	}

	ex := newExchangeExport(m, exchange.KindHostForm, company.ID)
	m.Wait(t)
	if name := ex.fileName(); !strings.HasPrefix(name, "Värdformulär Alsters Kodverkstad AB ") || !strings.HasSuffix(name, ".techniqual") {
		t.Fatalf("suggested name %q", name)
	}
}

// TestEscapeFromAPassphraseClosesTheExchangeDialog: found by use, Escape
// in a passphrase field did nothing (Fyne's entry keeps the key).
func TestEscapeFromAPassphraseClosesTheExchangeDialog(t *testing.T) {
	m := uitest.NewShell(t, uitest.OpenStore(t))
	c := m.Window().Canvas()
	for name, open := range map[string]func() *uikit.EscEntry{
		"export": func() *uikit.EscEntry { return showExchangeExport(m, exchange.KindSchool, "").pass1 },
		"import": func() *uikit.EscEntry { return showExchangeImport(m).pass },
	} {
		e := open()
		m.Wait(t)
		if c.Overlays().Top() == nil {
			t.Fatalf("%s: no dialog", name)
		}
		c.Focus(e)
		e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
		if top := c.Overlays().Top(); top != nil {
			t.Errorf("%s: Escape in the passphrase left the dialog open", name)
		}
	}
}

// TestExportCountsProtectedAndRemembersItsChoices: found by use, the
// warning about protected pupils' names gave no count, and the dialog
// forgot school and period at every file.
func TestExportCountsProtectedAndRemembersItsChoices(t *testing.T) {
	ctx := context.Background()
	st := uitest.OpenStore(t)
	var schools []data.Organisation
	for _, n := range []string{"Björkskolan", "Ekskolan"} {
		o := data.Organisation{Kind: data.KindSchool, Name: n}
		must(t, st.SaveOrganisation(ctx, &o))
		schools = append(schools, o)
	}
	var periods []data.Period
	for _, p := range []data.Period{
		{Name: "Åk 8 v. 11 2027", Grade: 8, Start: mustParseDate("2027-03-15"), End: mustParseDate("2027-03-19")},
		{Name: "Åk 9 v. 46 2027", Grade: 9, Start: mustParseDate("2027-11-15"), End: mustParseDate("2027-11-19")},
	} {
		must(t, st.SavePeriod(ctx, &p))
		periods = append(periods, p)
	}
	// Made-up pupils at Ekskolan: two protected in year 8, one in year 9.
	for _, p := range []data.Pupil{
		{FirstName: "Ines", LastName: "Dal", Grade: 8, Protected: true},
		{FirstName: "Otto", LastName: "Ås", Grade: 8, Protected: true},
		{FirstName: "Mira", LastName: "Lund", Grade: 8},
		{FirstName: "Leo", LastName: "Bro", Grade: 9, Protected: true},
	} {
		p.SchoolID, p.ClassName = schools[1].ID, strconv.Itoa(p.Grade)+"A"
		must(t, st.SavePupil(ctx, &p))
	}
	m := uitest.NewShell(t, st)
	d := newExchangeExport(m, exchange.KindSchool, schools[1].ID)
	m.Wait(t)
	d.period.SetSelected(periods[0].Name)
	d.include.SetChecked(true)
	m.Wait(t)
	if want := "2 elever med skyddad identitet kommer med i filen med namn."; !strings.HasPrefix(d.includeWarn.Text, want) {
		t.Errorf("year 8: %q, want %q …", d.includeWarn.Text, want)
	}
	d.period.SetSelected(periods[1].Name)
	m.Wait(t)
	if want := "1 elev med skyddad identitet kommer med i filen med namn."; !strings.HasPrefix(d.includeWarn.Text, want) {
		t.Errorf("year 9: %q, want %q …", d.includeWarn.Text, want)
	}
	d.include.SetChecked(false)
	if d.includeWarn.Visible() {
		t.Error("the warning stays when the names are not taken")
	}
	d.period.SetSelected(periods[0].Name)
	test.Type(d.pass1, "tre ord som hänger ihop")
	test.Type(d.pass2, "tre ord som hänger ihop")
	d.saveTo(filepath.Join(t.TempDir(), "ek.techniqual"))
	m.Wait(t)
	if !strings.Contains(d.status.Text, "Sparad i") {
		t.Fatalf("status after save: %q", d.status.Text)
	}
	// Opened again from Inställningar (no kind, no organisation): the
	// same file, school and period; the protected names are not taken.
	again := newExchangeExport(m, "", "")
	m.Wait(t)
	if again.chosenKind() != exchange.KindSchool || again.school.SelectedText() != "Ekskolan" || again.period.Selected != periods[0].Name || again.include.Checked {
		t.Errorf("opened again: kind %q school %q period %q include %v", again.chosenKind(), again.school.SelectedText(), again.period.Selected, again.include.Checked)
	}
}

// TestHostFileWithoutTheNetworksContact: found by use, without the
// network's contact a protected pupil's row in a host file had nobody to
// ask, and nobody was told. The sender is told on saving; the host is
// told to ask the sender.
func TestHostFileWithoutTheNetworksContact(t *testing.T) {
	ctx := context.Background()
	st := uitest.OpenStore(t)
	school := data.Organisation{Kind: data.KindSchool, Name: "Björkskolan"}
	company := data.Organisation{Kind: data.KindCompany, Name: "Alsters Kodverkstad AB"}
	must(t, st.SaveOrganisation(ctx, &school))
	must(t, st.SaveOrganisation(ctx, &company))
	per := data.Period{Name: "Åk 8 v. 11 2027", Grade: 8, Start: mustParseDate("2027-03-15"), End: mustParseDate("2027-03-19")}
	must(t, st.SavePeriod(ctx, &per))
	offer := data.Offer{HostID: company.ID, PeriodID: per.ID, Title: "Programmering", Capacity: 2}
	must(t, st.SaveOffer(ctx, &offer))
	// A made-up pupil with protected identity, placed at the company.
	ines := data.Pupil{SchoolID: school.ID, FirstName: "Ines", LastName: "Dal", ClassName: "8A", Grade: 8, Protected: true}
	must(t, st.SavePupil(ctx, &ines))
	must(t, st.SaveAssignment(ctx, &data.Assignment{PeriodID: per.ID, PupilID: ines.ID, OfferID: offer.ID}))

	m := uitest.NewShell(t, st)
	d := newExchangeExport(m, exchange.KindHost, company.ID)
	m.Wait(t)
	d.period.SetSelected(per.Name)
	test.Type(d.pass1, "tre ord som hänger ihop")
	test.Type(d.pass2, "tre ord som hänger ihop")
	path := filepath.Join(t.TempDir(), "värd.techniqual")
	d.saveTo(path)
	m.Wait(t)
	if !strings.Contains(d.status.Text, "Sparad i") || !strings.Contains(d.status.Text, "Obs: 1 elev med skyddad identitet står som ”Elev via skolan” utan någon att fråga") {
		t.Fatalf("status: %q", d.status.Text)
	}

	im := newExchangeImport(m)
	im.setFile(path)
	m.Wait(t)
	test.Type(im.pass, "tre ord som hänger ihop")
	test.Tap(im.previewBtn)
	m.Wait(t)
	var lines []string
	for _, o := range im.result.Objects {
		if l, ok := o.(*widget.Label); ok {
			lines = append(lines, l.Text)
		}
	}
	if all := strings.Join(lines, "\n"); !strings.Contains(all, "• Elev via skolan – kontakt: fråga ") || !strings.Contains(all, ", som skickade filen") {
		t.Errorf("host sheet:\n%s", all)
	}
}

// TestALongFileNameLeavesThePassphraseWhereItIs: found by use, a long file
// name wrapped and moved the passphrase field down under the pointer.
func TestALongFileNameLeavesThePassphraseWhereItIs(t *testing.T) {
	m := uitest.NewShell(t, uitest.OpenStore(t))
	d := showExchangeImport(m)
	m.Wait(t)
	before := fyne.CurrentApp().Driver().AbsolutePositionForObject(d.pass)
	if before.Y == 0 {
		t.Fatal("the dialog is not laid out")
	}
	long := filepath.Join(t.TempDir(), "Skolfil Björkskolan och Ekskolan tillsammans med Norrbyskolan Åk 8 v. 11 2027 från syv 2026-12-06.techniqual")
	if err := os.WriteFile(long, []byte("not an exchange file, only text"), 0o600); err != nil {
		t.Fatal(err)
	}
	d.setFile(long)
	m.Wait(t)
	if !d.fileWhat.Visible() || d.fileWhat.Text == "" {
		t.Errorf("what the file is: %q", d.fileWhat.Text)
	}
	// Laid out anew, as the window does when the label's text changes.
	d.dlg.Resize(fyne.NewSize(760, 600))
	if after := fyne.CurrentApp().Driver().AbsolutePositionForObject(d.pass); after != before {
		t.Errorf("the passphrase moved from %v to %v", before, after)
	}
}

// must fails the test at once on err.
func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// TestExportOffersAKindThisDatabaseCanMake: found by use, a coordinator's
// laptop (companies, no school) was offered a school file. With nothing
// remembered, such a database offers a member's journey; one with a school
// a school file; a kind saved last is offered again.
func TestExportOffersAKindThisDatabaseCanMake(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name       string
		orgs       []data.OrgKind
		remembered exchange.Kind
		want       exchange.Kind
	}{
		{"companies only", []data.OrgKind{data.KindCompany}, "", exchange.KindJourney},
		{"a school", []data.OrgKind{data.KindCompany, data.KindSchool}, "", exchange.KindSchool},
		{"remembered", []data.OrgKind{data.KindCompany}, exchange.KindHostForm, exchange.KindHostForm},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			st := uitest.OpenStore(t)
			for i, k := range c.orgs {
				o := data.Organisation{Kind: k, Name: fmt.Sprintf("Organisation %d", i+1)}
				if err := st.SaveOrganisation(ctx, &o); err != nil {
					t.Fatal(err)
				}
			}
			m := uitest.NewShell(t, st)
			if c.remembered != "" {
				m.App().Preferences().SetString(prefExchangeKind, string(c.remembered))
			}
			d := showExchangeExport(m, "", "")
			m.Wait(t)
			if i := d.kind.SelectedIndex(); i < 0 || exchange.Kinds[i] != c.want {
				t.Errorf("offered %q, want %s", d.kind.Selected, c.want)
			}
		})
	}
}
