package imports

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"techniqual/data"
	"techniqual/ui/internal/uitest"
)

// TestClassListWizardOffersGenderFromPersonnummer (issue #17): the legal sex
// is offered, with what it is said plainly, only when a column holds the
// personnummer, and taken only when ticked; a personnummer in a name is
// taken out and the preview says so.
func TestClassListWizardOffersGenderFromPersonnummer(t *testing.T) {
	st := uitest.OpenStore(t)
	m := uitest.NewShell(t, st)
	ada, bo := testPnr(t, "20120304", "482"), testPnr(t, "20120305", "471")
	w := openClassListImport(m, writeList(t, "8a.csv", "Förnamn;Efternamn;Klass;Personnummer\n"+
		"Ada "+ada[2:8]+"-"+ada[8:]+";Berg;8A;"+ada+"\nBo;Ek;8A;"+bo+"\n"), nil)
	m.Wait(t)
	if !w.genderCheck.Visible() || !strings.Contains(w.genderHelp.Text, "juridiska könet, inte nödvändigtvis elevens egen könsidentitet") {
		t.Fatalf("gender not offered: %q", w.genderHelp.Text)
	}
	w.schoolSel.SetText("Skolan")
	test.Tap(w.genderCheck)
	test.Tap(w.previewBtn)
	m.Wait(t)
	if !strings.Contains(w.notesL.Text, "2 elever får juridiskt kön från personnumret.") ||
		!strings.Contains(w.notesL.Text, "rad 2, kolumn Förnamn: ett personnummer togs bort ur fältet") {
		t.Errorf("notes %q", w.notesL.Text)
	}
	test.Tap(w.importBtn)
	m.Wait(t)
	ps, err := st.ListPupils(context.Background(), data.PupilFilter{})
	if err != nil || len(ps) != 2 {
		t.Fatalf("%d pupils %v (%s)", len(ps), err, w)
	}
	for _, p := range ps {
		want := map[string]data.Gender{"Ada": data.GenderGirl, "Bo": data.GenderBoy}[p.FirstName]
		if p.Gender != want {
			t.Errorf("%s %s is %s, want %s", p.FirstName, p.LastName, p.Gender, want)
		}
	}
	if !strings.Contains(w.resultLabel.Text, "2 elever får juridiskt kön") {
		t.Errorf("result %q", w.resultLabel.Text)
	}

	// Without a personnummer column nothing is offered.
	w = openClassListImport(m, writeList(t, "8b.csv", "Förnamn;Efternamn;Klass\nCai;Lund;8B\n"), nil)
	m.Wait(t)
	if w.genderCheck.Visible() || w.genderHelp.Visible() {
		t.Error("gender from the personnummer offered without one")
	}
}

// TestClassListWizardRefusesUnreadableProtection (issue #15, case 6): a
// protection value that cannot be read stops the preview with its line and
// column; nothing can be imported.
func TestClassListWizardRefusesUnreadableProtection(t *testing.T) {
	st := uitest.OpenStore(t)
	m := uitest.NewShell(t, st)
	w := openClassListImport(m, writeList(t, "8a.csv", "Förnamn;Efternamn;Klass;Sekretessmarkering;Skyddad identitet\nAda;Berg;8A;;kanske\n"), nil)
	m.Wait(t)
	w.schoolSel.SetText("Skolan")
	test.Tap(w.previewBtn)
	m.Wait(t)
	if w.preview != nil || !strings.Contains(w.status.Text, "rad 2, kolumn Skyddad identitet: ”kanske” ska vara Ja eller Nej") {
		t.Fatalf("unreadable protection: %s", w)
	}
	// Both protection columns count.
	w = openClassListImport(m, writeList(t, "8b.csv", "Förnamn;Efternamn;Klass;Sekretessmarkering;Skyddad identitet\nAda;Berg;8A;;Ja\n"), nil)
	m.Wait(t)
	w.schoolSel.SetText("Skolan")
	test.Tap(w.previewBtn)
	m.Wait(t)
	test.Tap(w.importBtn)
	m.Wait(t)
	ps, _ := st.ListPupils(context.Background(), data.PupilFilter{})
	if len(ps) != 1 || !ps[0].Protected {
		t.Errorf("pupils %+v (%s)", ps, w)
	}
}
