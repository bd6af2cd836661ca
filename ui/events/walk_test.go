package events

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
	"techniqual/ui/internal/uitest"
	"techniqual/ui/uikit"
)

// pupilEventFixture is a pupil event at Tingvallaskolan's grade 8 (made-up
// pupils): regs are the registered pupils by first name; Dag Lund is in
// the register but not registered.
func pupilEventFixture(t *testing.T, st *data.Store) (data.Event, map[string]data.Registration) {
	t.Helper()
	ctx := context.Background()
	school := data.Organisation{Kind: data.KindSchool, Name: "Tingvallaskolan"}
	if err := st.SaveOrganisation(ctx, &school); err != nil {
		t.Fatal(err)
	}
	e := data.Event{Title: "Teknikdag för elever", Kind: data.EventPupil, Venue: "Karlstads universitet",
		Start: time.Date(2026, 12, 10, 9, 0, 0, 0, data.Stockholm), End: time.Date(2026, 12, 10, 14, 0, 0, 0, data.Stockholm)}
	if err := st.SaveEvent(ctx, &e); err != nil {
		t.Fatal(err)
	}
	regs := map[string]data.Registration{}
	for _, p := range []struct {
		first, last, class string
		g                  data.Gender
		register           bool
	}{{"Alva", "Andersson", "8A", data.GenderGirl, true}, {"Bilal", "Hassan", "8A", data.GenderBoy, true},
		{"Clara", "Nilsson", "8A", data.GenderGirl, true}, {"Greta", "Sjö", "8B", data.GenderGirl, true},
		{"Hugo", "Holm", "8B", data.GenderBoy, true}, {"Ida", "Ström", "8B", data.GenderGirl, true},
		{"Maja", "Berg", "8B", data.GenderGirl, true}, {"Dag", "Lund", "8B", data.GenderBoy, false}} {
		pu := data.Pupil{SchoolID: school.ID, FirstName: p.first, LastName: p.last, ClassName: p.class, Grade: 8, Gender: p.g}
		if err := st.SavePupil(ctx, &pu); err != nil {
			t.Fatal(err)
		}
		if !p.register {
			continue
		}
		r, err := st.Register(ctx, e.ID, "", pu.ID)
		if err != nil {
			t.Fatal(err)
		}
		regs[p.first] = r
	}
	return e, regs
}

// Found by use: three pupils checked in at the door, and Uppföljning still
// said "Kom (0): –" after the door was closed. It counts the pupils, is
// read anew when the door closes, and shows the pupils by gender with the
// small groups hidden (two boys of seven: the girls are hidden too, as
// the list says seven).
func TestFollowUpAfterTheDoorCloses(t *testing.T) {
	st := uitest.OpenStore(t)
	e, _ := pupilEventFixture(t, st)
	m, s := openOnEvent(t, st, &e, e.Start)
	m.SetNow(e.Start)
	if !strings.Contains(s.followUp.Text, "Kom (0): –") {
		t.Fatalf("before the door: %q", s.followUp.Text)
	}
	if want := "Anmälda elever: flickor .. · pojkar <5 · annat eller ej angivet 0"; !strings.Contains(s.followUp.Text, want) {
		t.Errorf("registered by gender: %q, want %q", s.followUp.Text, want)
	}
	s.onCheckin()
	m.Wait(t)
	v := s.lastCheckin
	for _, n := range []string{"Alva Andersson", "Bilal Hassan", "Greta Sjö"} {
		v.search.SetText(n)
		pressEnter(v.search)
		m.Wait(t)
	}
	v.win.Close()
	m.Wait(t)
	m.Wait(t)
	for _, want := range []string{"Kom (3): Alva Andersson, Bilal Hassan, Greta Sjö",
		"Närvarande elever: flickor <5 · pojkar <5 · annat eller ej angivet 0"} {
		if !strings.Contains(s.followUp.Text, want) {
			t.Errorf("after the door closed: %q, want %q", s.followUp.Text, want)
		}
	}
	if !strings.Contains(s.countLbl.Text, "närvarande 3") {
		t.Errorf("counts %q", s.countLbl.Text)
	}
}

// The door searches names, not the school: found by use, "an" matched
// every pupil of Tingvallaskolan. A contact's organisation is still found
// by the start of its words.
func TestDoorSearchesNamesNotTheSchool(t *testing.T) {
	st := uitest.OpenStore(t)
	e, _ := pupilEventFixture(t, st)
	_, v := openDoor(t, st, e, e.Start)
	for _, c := range []struct {
		typed string
		want  string
	}{
		{"an", "Alva Andersson, Bilal Hassan"},
		{"tingvalla", ""}, // the school: nobody on the list, nobody in the register
		{"8a", ""},        // nor the class
		{"sjö", "Greta Sjö"},
		{"ida str", "Ida Ström"},
	} {
		v.search.SetText(c.typed)
		if got := strings.Join(doorNames(v), ", "); got != c.want {
			t.Errorf("%q shows %q, want %q", c.typed, got, c.want)
		}
	}

	st2 := uitest.OpenStore(t)
	e2 := doorFixture(t, st2)
	m2 := uitest.NewShell(t, st2)
	v2 := showCheckin(m2, e2, nil)
	m2.Wait(t)
	for _, c := range []struct {
		typed string
		n     int
	}{{"fryks", 4}, {"mekatronik", 4}, {"ryksdal", 0}, {"ek", 0}} {
		v2.search.SetText(c.typed)
		if len(v2.model.shown) != c.n || (c.n > 0 && v2.model.offList) {
			t.Errorf("%q shows %v", c.typed, doorNames(v2))
		}
	}
}

// Found by use: "Erik", a contact who had not registered, went straight
// to "Ny på plats" with an empty organisation. The door offers the
// register's people who match, asks "not registered, check in anyway?",
// and Enter registers and checks in; for a pupil event the pupils too.
func TestDoorOffersTheRegisterBeforeNyPaPlats(t *testing.T) {
	st := uitest.OpenStore(t)
	ctx := context.Background()
	e := doorFixture(t, st)
	org := data.Organisation{Kind: data.KindCompany, Name: "Värmlands Elektronik AB"}
	if err := st.SaveOrganisation(ctx, &org); err != nil {
		t.Fatal(err)
	}
	erik := data.Person{FirstName: "Erik", LastName: "Nilsson", OrganisationID: org.ID}
	if err := st.SavePerson(ctx, &erik); err != nil {
		t.Fatal(err)
	}
	m, v := openDoor(t, st, e, e.Start)
	test.Type(v.search, "Erik")
	if got := doorNames(v); len(got) != 1 || got[0] != "Erik Nilsson" || !v.model.offList {
		t.Fatalf("Erik shows %v (off the list %v)", got, v.model.offList)
	}
	if !strings.Contains(v.status.Text, "inte anmälda") {
		t.Errorf("no word that Erik is not on the list: %q", v.status.Text)
	}
	pressEnter(v.search)
	if v.walkBox.Visible() || !v.warnBox.Visible() ||
		!strings.Contains(v.warnLbl.Text, "Erik Nilsson är inte anmäld.") || !strings.Contains(v.warnLbl.Text, "Checka in Erik Nilsson ändå?") {
		t.Fatalf("no question: walk-in form %v, question %q", v.walkBox.Visible(), v.warnLbl.Text)
	}
	if rs, _ := st.ListRegistrations(ctx, e.ID); len(rs) != 4 {
		t.Fatalf("asking registered someone: %d", len(rs))
	}
	pressEnter(v.search)
	m.Wait(t)
	rs, _ := st.ListRegistrations(ctx, e.ID)
	found := false
	for _, r := range rs {
		if r.PersonID == erik.ID {
			found = r.Status == data.RegAttended
		}
	}
	if !found || !strings.Contains(v.status.Text, "Erik Nilsson är anmäld och incheckad") {
		t.Fatalf("Erik after Enter: checked in %v, status %q", found, v.status.Text)
	}
	// Now on the list: found there, and Ny på plats makes no second Erik.
	test.Type(v.search, "Erik")
	if v.model.offList || len(v.model.shown) != 1 {
		t.Errorf("Erik after check-in: %v (off the list %v)", doorNames(v), v.model.offList)
	}
	v.search.SetText("")

	// A pupil event offers the pupils of the register; Esc leaves them be.
	st2 := uitest.OpenStore(t)
	pe, _ := pupilEventFixture(t, st2)
	// A pupil with protected identity is never offered by name (review).
	all, err := st2.ListPupils(ctx, data.PupilFilter{})
	if err != nil || len(all) == 0 {
		t.Fatalf("pupils %d, %v", len(all), err)
	}
	hidden := data.Pupil{SchoolID: all[0].SchoolID, FirstName: "Dagmar", LastName: "Lund", ClassName: all[0].ClassName, Grade: all[0].Grade, Protected: true}
	if err := st2.SavePupil(ctx, &hidden); err != nil {
		t.Fatal(err)
	}
	// Nor a pupil of a school that has nobody on the list.
	other := data.Organisation{Kind: data.KindSchool, Name: "Björkskolan", Municipality: "Arvika"}
	if err := st2.SaveOrganisation(ctx, &other); err != nil {
		t.Fatal(err)
	}
	elsewhere := data.Pupil{SchoolID: other.ID, FirstName: "Dagny", LastName: "Berg", ClassName: "8A", Grade: 8}
	if err := st2.SavePupil(ctx, &elsewhere); err != nil {
		t.Fatal(err)
	}
	m2, v2 := openDoor(t, st2, pe, pe.Start)
	test.Type(v2.search, "dag")
	if got := doorNames(v2); len(got) != 1 || got[0] != "Dag Lund" {
		t.Fatalf("dag shows %v", got)
	}
	pressEnter(v2.search)
	v2.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	m2.Wait(t)
	if rs, _ := st2.ListRegistrations(ctx, pe.ID); len(rs) != 7 {
		t.Errorf("Esc registered someone: %d registrations", len(rs))
	}
	if v2.search.Text != "dag" || !strings.Contains(v2.status.Text, "Inte incheckad") {
		t.Errorf("after Esc: search %q, status %q", v2.search.Text, v2.status.Text)
	}
	pressEnter(v2.search)
	pressEnter(v2.search)
	m2.Wait(t)
	if c := v2.model.counts(); c.Attended != 1 {
		t.Errorf("Dag not checked in: %+v (status %q)", c, v2.status.Text)
	}
}

// Found by use: Enter on someone already checked in did nothing to see.
func TestDoorSaysWhenSomeoneIsAlreadyIn(t *testing.T) {
	st := uitest.OpenStore(t)
	e, regs := pupilEventFixture(t, st)
	m, v := openDoor(t, st, e, e.Start)
	test.Type(v.search, "Alva Andersson")
	pressEnter(v.search)
	m.Wait(t)
	r, err := st.GetRegistration(context.Background(), regs["Alva"].ID)
	if err != nil || r.Status != data.RegAttended {
		t.Fatalf("Alva: %+v %v", r, err)
	}
	test.Type(v.search, "Alva Andersson")
	pressEnter(v.search)
	m.Wait(t)
	want := "Alva Andersson är redan incheckad kl. " + r.CheckedInAt.In(data.Stockholm).Format("15:04") + "."
	if v.status.Text != want || !v.status.Visible() || v.search.Text != "" {
		t.Errorf("status %q (visible %v), search %q; want %q", v.status.Text, v.status.Visible(), v.search.Text, want)
	}
	if r2, _ := st.GetRegistration(context.Background(), r.ID); !r2.CheckedInAt.Equal(r.CheckedInAt) {
		t.Errorf("the check-in time changed: %v", r2.CheckedInAt)
	}
}

// Found by use: Avboka cancelled at once. It asks, naming the person;
// Enter and Behåll anmälan leave the registration as it was.
func TestAvbokaAsksFirst(t *testing.T) {
	st := uitest.OpenStore(t)
	e := doorFixture(t, st)
	m, s := openOnEvent(t, st, &e, e.Start)
	s.regSel = slices.IndexFunc(s.rows, func(r regRow) bool { return r.name == "Marta Lind" })
	id := s.rows[s.regSel].reg.ID
	for _, answer := range []string{"Enter", "Behåll anmälan", "Avboka"} {
		s.onRegAction("cancel")
		top := m.Window().Canvas().Overlays().Top()
		if top == nil || s.lastCancelAsk == nil {
			t.Fatal("Avboka asked nothing")
		}
		if !strings.Contains(labelTexts(top), "Avboka Marta Lind från Nätverksträff hösten 2026?") {
			t.Errorf("the question: %q", labelTexts(top))
		}
		if answer == "Enter" {
			if uikit.ConfirmTopDialog(m.Window().Canvas()) {
				t.Error("Enter answered the question")
			}
			s.lastCancelAsk.Hide()
		} else {
			test.Tap(uitest.FindButton(t, top, answer))
		}
		m.Wait(t)
		m.Wait(t)
		r, err := st.GetRegistration(context.Background(), id)
		if want := answer == "Avboka"; err != nil || (r.Status == data.RegCancelled) != want {
			t.Errorf("%s: status %s, %v", answer, r.Status, err)
		}
	}
	if !strings.HasPrefix(s.regMsg.Text, "Marta Lind är avbokad.") {
		t.Errorf("said %q", s.regMsg.Text)
	}
}

// labelTexts is the text of every label under o, dialogs included.
func labelTexts(o fyne.CanvasObject) string {
	var out []string
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Label:
			out = append(out, x.Text)
			return
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
			return
		}
		if w, ok := o.(fyne.Widget); ok {
			for _, c := range test.WidgetRenderer(w).Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	return strings.Join(out, "\n")
}

// Found by use: "Nytt evenemang" kept the last event's scroll, Namn out of
// sight, and the typing went into other fields; and saving said nothing.
// A new event starts at the top with Namn focused; "Sparat." shows beside
// Spara until the next edit.
func TestNewEventStartsAtTheTopAndSaveSaysSo(t *testing.T) {
	st := uitest.OpenStore(t)
	e := doorFixture(t, st)
	m, s := openOnEvent(t, st, &e, e.Start)
	m.Window().Resize(fyne.NewSize(1280, 720))
	s.formScroll.ScrollToBottom()
	if s.formScroll.Offset.Y == 0 {
		t.Fatal("the form does not scroll at 1280×720; nothing to test")
	}
	s.OnNew()
	if s.formScroll.Offset.Y != 0 || m.Window().Canvas().Focused() != s.title {
		t.Fatalf("new event: offset %v, focus %v", s.formScroll.Offset, m.Window().Canvas().Focused())
	}
	test.Type(s.title, "Höstträff")
	s.capacity.SetText("40")
	if s.savedLbl.Text != "" {
		t.Errorf("Sparat. before saving: %q", s.savedLbl.Text)
	}
	test.Tap(s.saveBtn)
	m.Wait(t)
	m.Wait(t)
	if s.savedLbl.Text != "Sparat." {
		t.Fatalf("after Spara: %q", s.savedLbl.Text)
	}
	test.Type(s.venue, "Kulturhuset")
	if s.savedLbl.Text != "" {
		t.Errorf("Sparat. stays after an edit")
	}
}

// At 1280×720 the event form shows everything down to Arrangör without
// scrolling (found by use: Arrangör was cut off).
func TestEventFormFitsAt1280x720(t *testing.T) {
	st := uitest.OpenStore(t)
	e := doorFixture(t, st)
	m, s := openOnEvent(t, st, &e, e.Start)
	// The window's content at 1280×720 less the navigation (≈300 wide).
	m.Window().Resize(fyne.NewSize(980, 720))
	s.formScroll.ScrollToTop()
	b := s.organiser.Button
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(b)
	scroll := fyne.CurrentApp().Driver().AbsolutePositionForObject(s.formScroll)
	if bottom := pos.Y + b.Size().Height; bottom > scroll.Y+s.formScroll.Size().Height {
		t.Errorf("Arrangör ends at %v, below the form's view (%v + %v)", bottom, scroll.Y, s.formScroll.Size().Height)
	}
}
