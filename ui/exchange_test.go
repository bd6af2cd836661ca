package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"techniqual/data"
	"techniqual/data/exchange"
)

// TestExchangeDialogsSchoolFile: the school saves its pupils as an
// exchange file (passphrase twice, checked), and the coordinator's window
// refuses a wrong passphrase, previews the file and imports it.
func TestExchangeDialogsSchoolFile(t *testing.T) {
	ctx := context.Background()
	src := openStore(t)
	school := data.Organisation{Kind: data.KindSchool, Name: "Älvkulleskolan"}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(src.SaveOrganisation(ctx, &school))
	per := data.Period{Name: "Åk 9 v. 46 2026", Grade: 9, Start: mustParseDate("2026-11-09"), End: mustParseDate("2026-11-13")}
	must(src.SavePeriod(ctx, &per))
	for _, n := range []string{"Alva", "Sam", "Noor"} {
		p := data.Pupil{SchoolID: school.ID, FirstName: n, LastName: "Testsson", ClassName: "9B", Grade: 9}
		must(src.SavePupil(ctx, &p))
	}
	m := newTestWindow(t, src)
	d := m.newExchangeExport(exchange.KindSchool, school.ID)
	waitIdle(t, m)
	if d.school.Selected != school.Name || d.period.Selected != per.Name || !d.include.Visible() || d.orgRow.Visible() {
		t.Fatalf("export dialog: school %q period %q", d.school.Selected, d.period.Selected)
	}
	path := filepath.Join(t.TempDir(), "skola.techniqual")
	test.Type(d.pass1, "tre ord som hänger ihop")
	test.Type(d.pass2, "tre ord som hänger ihip")
	d.saveTo(path)
	if !strings.Contains(d.status.Text, "inte lika") {
		t.Fatalf("status: %q", d.status.Text)
	}
	d.pass2.SetText("tre ord som hänger ihop")
	d.saveTo(path)
	waitIdle(t, m)
	if !strings.Contains(d.status.Text, "Sparad i") {
		t.Fatalf("status after save: %q", d.status.Text)
	}
	if st, err := os.Stat(path); err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("file: %v %v", st, err)
	}

	dst := openStore(t)
	m2 := newTestWindow(t, dst)
	im := m2.newExchangeImport()
	im.setFile(path)
	if !strings.Contains(im.fileLabel.Text, "Skolfil") {
		t.Fatalf("file label: %q", im.fileLabel.Text)
	}
	test.Type(im.pass, "fel fras men lång nog")
	test.Tap(im.previewBtn)
	waitIdle(t, m2)
	if !strings.Contains(im.status.Text, "Lösenfrasen stämmer inte") || !im.importBtn.Disabled() {
		t.Fatalf("wrong passphrase: %q", im.status.Text)
	}
	im.pass.SetText("tre ord som hänger ihop")
	test.Tap(im.previewBtn)
	waitIdle(t, m2)
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
	waitIdle(t, m2)
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
