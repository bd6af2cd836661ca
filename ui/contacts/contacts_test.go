package contacts

import (
	"context"
	"strings"
	"techniqual/data"
	"techniqual/data/demo"
	"techniqual/ui/internal/uitest"
	"techniqual/ui/uikit"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

func TestCopyEmailsOfSelectedContacts(t *testing.T) {
	st := uitest.OpenStore(t)
	if _, err := demo.Generate(context.Background(), st, demo.Config{Pupils: 40, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	sh := uitest.NewShell(t, st)
	s := New(sh)
	sh.Open(t, s)
	total := len(s.shown)
	s.roleSel.SetSelected(uikit.RoleText(data.RoleCounsellor))
	if len(s.shown) == 0 || len(s.shown) >= total {
		t.Fatalf("counsellor filter shows %d of %d", len(s.shown), total)
	}
	test.Tap(uitest.FindButton(t, s.content, "Markera alla som visas"))
	test.Tap(s.copyBtn)
	got := sh.App().Clipboard().Content()
	if n := strings.Count(got, "@"); n != len(s.shown) {
		t.Errorf("clipboard %q holds %d addresses, want %d", got, n, len(s.shown))
	}
	if !strings.Contains(got, "; ") && len(s.shown) > 1 {
		t.Errorf("addresses not separated by '; ': %q", got)
	}
	// Search narrows by name.
	first := s.people[s.shown[0]].p
	s.roleSel.SetSelectedIndex(0)
	test.Type(s.search, strings.ToUpper(first.LastName))
	for _, i := range s.shown {
		if !strings.Contains(uikit.Fold(s.people[i].key), uikit.Fold(first.LastName)) {
			t.Fatalf("search shows %s", s.people[i].p.Name())
		}
	}
}

// TestEditOpensTheContactInFöretag: each row's "Ändra …" asks the window
// for the contact in Företag; someone of no organisation has nowhere to
// be edited and the button is off (found by use: Kontakter only listed).
func TestEditOpensTheContactInFöretag(t *testing.T) {
	ctx := context.Background()
	st := uitest.OpenStore(t)
	org := data.Organisation{Kind: data.KindCompany, Name: "Alsters Kodverkstad AB"}
	if err := st.SaveOrganisation(ctx, &org); err != nil {
		t.Fatal(err)
	}
	tove := data.Person{OrganisationID: org.ID, FirstName: "Tove", LastName: "Lindh"}
	walkIn := data.Person{FirstName: "Ines", LastName: "Åkerlund"}
	for _, p := range []*data.Person{&tove, &walkIn} {
		if err := st.SavePerson(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	sh := uitest.NewShell(t, st)
	s := New(sh)
	sh.Open(t, s)
	for i, idx := range s.shown {
		p := s.people[idx].p
		row := s.list.CreateItem()
		s.updateRow(i, row)
		edit := row.(*fyne.Container).Objects[2].(*fyne.Container).Objects[0].(*widget.Button)
		if p.ID == walkIn.ID {
			if !edit.Disabled() {
				t.Error("Ändra is on for someone of no organisation")
			}
			continue
		}
		test.Tap(edit)
		if !sh.HasCall("edit contact " + org.ID + " " + tove.ID) {
			t.Errorf("Ändra on Tove asked %v", sh.Calls())
		}
	}
}

// TestNewContactAsksWhichOrganisation: found by use, Kontakter could not
// add anyone and did not say where. An empty list says where contacts are
// made; "Ny kontakt …" says an organisation is needed when there is none,
// and otherwise asks which (a few letters and Enter) and opens an empty
// contact there, in Företag.
func TestNewContactAsksWhichOrganisation(t *testing.T) {
	ctx := context.Background()
	st := uitest.OpenStore(t)
	sh := uitest.NewShell(t, st)
	s := New(sh)
	sh.Open(t, s)
	if !s.empty.Visible() || !strings.Contains(s.empty.Text, "Ny kontakt … frågar vilken") {
		t.Errorf("empty list: hint shown %v, %q", s.empty.Visible(), s.empty.Text)
	}
	test.Tap(s.newBtn)
	sh.Wait(t)
	if ov := sh.Window().Canvas().Overlays().Top(); ov == nil {
		t.Fatal("nothing said without an organisation")
	} else {
		ov.Hide()
	}
	for _, name := range []string{"Alsters Kodverkstad AB", "Borgviks Elektronik AB"} {
		org := data.Organisation{Kind: data.KindCompany, Name: name, Municipality: "Karlstad"}
		if err := st.SaveOrganisation(ctx, &org); err != nil {
			t.Fatal(err)
		}
	}
	orgs, _ := st.ListOrganisations(ctx, "")
	var borgvik string
	for _, o := range orgs {
		if strings.HasPrefix(o.Name, "Borgviks") {
			borgvik = o.ID
		}
	}
	test.Tap(s.newBtn)
	sh.Wait(t)
	box := sh.Window().Canvas().Focused()
	if box == nil {
		t.Fatal("the organisation picker has no search box in focus")
	}
	test.Type(box, "borg")
	box.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if want := "edit contact " + borgvik + " " + uikit.NewContactID; !sh.HasCall(want) {
		t.Errorf("calls %v, want %q", sh.Calls(), want)
	}
}
