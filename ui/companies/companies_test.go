package companies

import (
	"context"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"techniqual/data"
	"techniqual/data/demo"
	"techniqual/ui/internal/uitest"
	"techniqual/ui/uikit"
)

// coWait runs the loads of the companies screen s that have finished, as
// the window's event loop would, and checks that ch's load has landed.
func coWait(t *testing.T, s *Screen, ch chan struct{}, what string) {
	t.Helper()
	s.main.(interface{ Wait(testing.TB) }).Wait(t)
	select {
	case <-ch:
	default:
		t.Fatalf("%s did not load", what)
	}
}

// newCompaniesTest builds the companies screen on a window of its own
// MainWindow and waits for the list.
func newCompaniesTest(t *testing.T, st *data.Store) *Screen {
	t.Helper()
	uikit.SetLanguage(uikit.LangSwedish)
	m := uitest.NewShell(t, st)
	s := New(m)
	m.Window().SetContent(s.Content())
	m.Window().Resize(fyne.NewSize(1100, 720))
	s.Reload()
	coWait(t, s, s.listLoaded, "the list")
	return s
}

// coOpen shows an organisation and waits for it.
func coOpen(t *testing.T, s *Screen, id string) {
	t.Helper()
	s.openOrganisation(id)
	coWait(t, s, s.detailLoaded, "the organisation")
}

func coCompany(t *testing.T, st *data.Store, name string) data.Organisation {
	t.Helper()
	o := data.Organisation{Kind: data.KindCompany, Name: name, Municipality: "Kristinehamn", VisitingAddress: "Bruksgatan 3, 681 30 Kristinehamn"}
	if err := st.SaveOrganisation(context.Background(), &o); err != nil {
		t.Fatal(err)
	}
	return o
}

func coJoined(s *Screen) string { return strings.Join(uitest.LabelTexts(s.detail), "\n") }

func TestCompanyCreatedInTheFormIsFoundBySearch(t *testing.T) {
	st := uitest.OpenStore(t)
	coCompany(t, st, "Klarälvens Robotik AB")
	school := data.Organisation{Kind: data.KindSchool, Name: "Tallbackeskolan", Municipality: "Karlstad"}
	if err := st.SaveOrganisation(context.Background(), &school); err != nil {
		t.Fatal(err)
	}
	s := newCompaniesTest(t, st)
	if len(s.shown) != 2 {
		t.Fatalf("list shows %d, want 2", len(s.shown))
	}

	test.Tap(s.newBtn)
	// An empty name and a malformed organisation number are shown beside their fields.
	test.Type(s.form.orgNumber, "12345")
	test.Tap(s.form.saveBtn)
	if e := s.form.errs["org_number"]; !e.Visible() || !strings.Contains(e.Text, "556677-8899") {
		t.Errorf("org number error %q (visible %v)", e.Text, e.Visible())
	}
	s.form.orgNumber.SetText("")
	test.Tap(s.form.saveBtn)
	if e := s.form.errs["name"]; !e.Visible() || e.Text != "Måste fyllas i." {
		t.Errorf("name error %q (visible %v)", e.Text, e.Visible())
	}

	name := "Värmlandsnäs Fiberoptik Kristinehamn 2 AB"
	test.Type(s.form.name, name)
	if e := s.form.errs["name"]; e.Visible() {
		t.Errorf("the name error stays after the name is typed: %q", e.Text)
	}
	test.Type(s.form.orgNumber, "556677-8899")
	s.form.municipality.SetText("Kristinehamn")
	test.Type(s.form.sector, "Elektronik")
	test.Type(s.form.memberSince.Entry, "2024-02-30")
	if e := s.form.errs["member_since"]; !e.Visible() {
		t.Error("a bad date shows no error while typing")
	}
	s.form.memberSince.Entry.SetText("2024-02-01")
	s.form.name.OnSubmitted(s.form.name.Text) // Enter saves
	coWait(t, s, s.listLoaded, "the list after saving")

	got, err := st.FindOrganisation(context.Background(), data.KindCompany, name)
	if err != nil {
		t.Fatal(err)
	}
	if got.OrgNumber != "556677-8899" || got.Municipality != "Kristinehamn" || data.FormatDate(got.MemberSince) != "2024-02-01" {
		t.Errorf("saved %+v", got)
	}

	// Renamed and saved: the heading says the new name at once.
	s.form.name.SetText(name + " Nord")
	test.Tap(s.form.saveBtn)
	coWait(t, s, s.listLoaded, "the list after renaming")
	if s.head.Text != name+" Nord" {
		t.Errorf("heading after renaming: %q", s.head.Text)
	}
	s.form.name.SetText(name)
	test.Tap(s.form.saveBtn)
	coWait(t, s, s.listLoaded, "the list after renaming back")

	test.Type(s.search, "fiberoptik kristine")
	if len(s.shown) != 1 || s.shown[0].Name != name {
		t.Fatalf("search shows %v", s.shown)
	}
	s.search.SetText("")
	s.kind.SetSelectedIndex(2) // Skolor
	if len(s.shown) != 1 || s.shown[0].Name != "Tallbackeskolan" {
		t.Errorf("school filter shows %v", s.shown)
	}
	s.kind.SetSelectedIndex(1) // Företag
	test.Type(s.search, "zzz")
	if len(s.shown) != 0 {
		t.Errorf("search for zzz shows %v", s.shown)
	}
}

// TestANewOfferOffersAPeriodMadeSinceTheCompanyWasRead: found by use, a
// week made under Teknikprao after the company was read was missing from
// its new offer's periods until the screen was left and shown again.
func TestANewOfferOffersAPeriodMadeSinceTheCompanyWasRead(t *testing.T) {
	st := uitest.OpenStore(t)
	o := coCompany(t, st, "Klarälvens Robotik AB")
	s := newCompaniesTest(t, st)
	coOpen(t, s, o.ID)
	if len(s.periods) != 0 {
		t.Fatalf("periods before: %v", s.periods)
	}
	week := data.Period{Name: "Teknikprao åk 8 v. 51", Grade: 8, Format: data.FormatWeek,
		Start: time.Date(2026, 12, 14, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 12, 18, 0, 0, 0, 0, time.UTC)}
	if err := st.SavePeriod(context.Background(), &week); err != nil {
		t.Fatal(err)
	}
	h := s.openHostForm(data.Offer{HostID: o.ID})
	s.main.(interface{ Wait(testing.TB) }).Wait(t)
	if !slices.Contains(h.period.Options, week.Name) || h.noPeriods.Visible() {
		t.Errorf("the new offer offers periods %q (no-periods note shown %v)", h.period.Options, h.noPeriods.Visible())
	}
}

// TestShowFoundOpensTheOneSchool: a checklist line names a school that
// lacks a contact; Företag shows it, opened when it is the only match, and
// only filters when there are more.
func TestShowFoundOpensTheOneSchool(t *testing.T) {
	st := uitest.OpenStore(t)
	coCompany(t, st, "Klarälvens Robotik AB")
	school := data.Organisation{Kind: data.KindSchool, Name: "Brattforsskolan", Municipality: "Karlstad"}
	if err := st.SaveOrganisation(context.Background(), &school); err != nil {
		t.Fatal(err)
	}
	s := newCompaniesTest(t, st)
	s.kind.SetSelectedIndex(1) // Företag: the school is not in the list
	s.ShowFound("Brattforsskolan")
	s.main.(interface{ Wait(testing.TB) }).Wait(t)
	if len(s.shown) != 1 || s.selectedID != school.ID || !strings.Contains(coJoined(s), "Kontakter") {
		t.Fatalf("shown %v, opened %q (want %q)", s.shown, s.selectedID, school.ID)
	}
	s.ShowFound("AB")
	if len(s.shown) != 1 { // only the company's name has "AB"
		t.Fatalf("shown %v", s.shown)
	}
	s.ShowFound("a") // several: the list only
	s.main.(interface{ Wait(testing.TB) }).Wait(t)
	if len(s.shown) != 2 || s.openFound {
		t.Errorf("several found: shown %d, still waiting to open %v", len(s.shown), s.openFound)
	}
}

func TestDeleteOrganisationCanBeUndone(t *testing.T) {
	st := uitest.OpenStore(t)
	o := coCompany(t, st, "Gillbergs Mätteknik AB")
	s := newCompaniesTest(t, st)
	coOpen(t, s, o.ID)
	s.deleteOrganisation(s.org)
	coWait(t, s, s.listLoaded, "the list after delete")
	if len(s.shown) != 0 || !s.undoBar.Visible() || !strings.Contains(s.undoLabel.Text, "Gillbergs Mätteknik AB togs bort") {
		t.Fatalf("after delete: %d shown, undo %v %q", len(s.shown), s.undoBar.Visible(), s.undoLabel.Text)
	}
	test.Tap(s.undoBtn)
	coWait(t, s, s.listLoaded, "the list after undo")
	coWait(t, s, s.detailLoaded, "the organisation after undo")
	if len(s.shown) != 1 || s.org.ID != o.ID {
		t.Errorf("after undo: %d shown, showing %q", len(s.shown), s.org.Name)
	}
}

func TestJourneyEntryAddedEditedAndDeleted(t *testing.T) {
	st := uitest.OpenStore(t)
	o := coCompany(t, st, "Älvdals Automation AB")
	s := newCompaniesTest(t, st)
	coOpen(t, s, o.ID)
	if !strings.Contains(coJoined(s), "Inga steg ännu") {
		t.Fatalf("empty journey not said: %s", coJoined(s))
	}

	jd := s.editJourney(data.JourneyEntry{OrganisationID: o.ID, Date: time.Date(2026, 3, 8, 0, 0, 0, 0, time.UTC)})
	test.Tap(jd.fd.saveBtn) // no title
	if e := jd.errs["title"]; !e.Visible() || e.Text != "Måste fyllas i." {
		t.Fatalf("title error %q", e.Text)
	}
	test.Type(jd.title, "Könsneutrala platsannonser")
	test.Type(jd.text, "Vi skrev om alla annonser och fick dubbelt så många kvinnliga sökande till verkstaden.")
	test.Tap(jd.fd.saveBtn)
	coWait(t, s, s.detailLoaded, "the organisation after adding")

	js, err := st.ListJourneyEntries(context.Background(), o.ID)
	if err != nil || len(js) != 1 || js[0].Title != "Könsneutrala platsannonser" || data.FormatDate(js[0].Date) != "2026-03-08" {
		t.Fatalf("journey in the database: %+v, %v", js, err)
	}
	if got := coJoined(s); !strings.Contains(got, "2026-03-08 · Könsneutrala platsannonser") || !strings.Contains(got, "dubbelt så många") {
		t.Errorf("the company page shows %s", got)
	}

	jd = s.editJourney(js[0])
	jd.title.SetText("Könsneutrala annonser")
	jd.title.OnSubmitted(jd.title.Text) // Enter saves
	coWait(t, s, s.detailLoaded, "the organisation after editing")
	js, _ = st.ListJourneyEntries(context.Background(), o.ID)
	if len(js) != 1 || js[0].Title != "Könsneutrala annonser" {
		t.Fatalf("after edit: %+v", js)
	}

	s.deleteJourney(js[0])
	coWait(t, s, s.detailLoaded, "the organisation after delete")
	if js, _ := st.ListJourneyEntries(context.Background(), o.ID); len(js) != 0 {
		t.Fatalf("%d entries after delete", len(js))
	}
	test.Tap(s.undoBtn)
	coWait(t, s, s.detailLoaded, "the organisation after undo")
	if js, _ := st.ListJourneyEntries(context.Background(), o.ID); len(js) != 1 {
		t.Errorf("%d entries after undo", len(js))
	}
}

func TestContactWithRolesAndJourney(t *testing.T) {
	st := uitest.OpenStore(t)
	o := coCompany(t, st, "Rottne Drönarlabb AB")
	s := newCompaniesTest(t, st)
	coOpen(t, s, o.ID)
	pd := s.editPerson(data.Person{OrganisationID: o.ID})
	test.Type(pd.first, "Şebnem")
	test.Type(pd.last, "Öztürk")
	test.Type(pd.title, "testingenjör")
	test.Type(pd.email, "sebnem vid rottne")
	pd.roles.SetSelected([]string{"Handledare", "Förebild"})
	test.Type(pd.journey, "Estetiska programmet, sedan en kvällskurs i programmering och ett sommarjobb som blev fast.")
	test.Tap(pd.fd.saveBtn)
	if e := pd.errs["email"]; !e.Visible() || e.Text != "Ogiltig e-postadress." {
		t.Fatalf("email error %q", e.Text)
	}
	pd.email.SetText("sebnem@rottne-dronare.se")
	test.Tap(pd.fd.saveBtn)
	coWait(t, s, s.detailLoaded, "the organisation after saving the contact")
	ps, err := st.ListPeople(context.Background(), data.PersonFilter{OrganisationID: o.ID})
	if err != nil || len(ps) != 1 {
		t.Fatalf("people %v, %v", ps, err)
	}
	p := ps[0]
	if !p.HasRole(data.RoleSupervisor) || !p.HasRole(data.RoleRoleModel) || p.HasRole(data.RoleHR) || !strings.HasPrefix(p.Journey, "Estetiska") {
		t.Errorf("saved %+v", p)
	}
	if got := coJoined(s); !strings.Contains(got, "Şebnem Öztürk") || !strings.Contains(got, "Handledare, Förebild · testingenjör") {
		t.Errorf("the company page shows %s", got)
	}
}

// TestCompaniesScreenshots renders the screens as PNG into the folder named
// by TECHNIQUAL_SHOTS, for a person to look at. Skipped by default.
func TestCompaniesScreenshots(t *testing.T) {
	dir := os.Getenv("TECHNIQUAL_SHOTS")
	if dir == "" {
		t.Skip("set TECHNIQUAL_SHOTS=dir to render screenshots")
	}
	st := uitest.OpenStore(t)
	ctx := context.Background()
	if _, err := demo.Generate(ctx, st, demo.Config{Pupils: 60, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	cos, _ := st.ListOrganisations(ctx, data.KindCompany)
	o := cos[0]
	o.Name = "Värmlandsnäs Fiberoptik Kristinehamn 2 AB"
	if err := st.SaveOrganisation(ctx, &o); err != nil {
		t.Fatal(err)
	}
	j := data.JourneyEntry{OrganisationID: o.ID, Date: time.Date(2026, 5, 4, 0, 0, 0, 0, time.UTC),
		Title: "Mentorprogram för kvinnliga ingenjörer i hela produktionskedjan, från konstruktion till leverans",
		Text:  strings.Repeat("Vi startade ett mentorprogram där varje ny ingenjör får en mentor från en annan avdelning. ", 6)}
	if err := st.SaveJourneyEntry(ctx, &j); err != nil {
		t.Fatal(err)
	}
	s := newCompaniesTest(t, st)
	w := s.main.Window()
	shot := func(name string) {
		img := w.Canvas().Capture()
		f, err := os.Create(filepath.Join(dir, name+".png"))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := png.Encode(f, img); err != nil {
			t.Fatal(err)
		}
	}
	shot("01-list")
	for i, x := range s.shown {
		if x.ID == o.ID {
			s.list.Select(i)
		}
	}
	coWait(t, s, s.detailLoaded, "the company")
	shot("02-company")
	s.detail.Objects[0].(*container.Scroll).ScrollToBottom()
	shot("03-company-bottom")
	pd := s.editPerson(s.people[0])
	shot("04-contact")
	pd.fd.close()
	h := s.openHostForm(data.Offer{HostID: o.ID, VisitingAddress: o.VisitingAddress})
	shot("05-host-1")
	h.showStep(1)
	shot("06-host-2")
	test.Type(h.title, "Skarva fiber och mät ljus – en vecka i produktionen och i labbet")
	h.showStep(3)
	hfType(h.days[0].end, "17:00")
	hfType(h.days[1].date.Entry, "2026-11-14")
	shot("07-host-4-live")
	test.Tap(h.approveBtn)
	h.showStep(3)
	shot("07-host-4")
	h.showStep(4)
	shot("08-host-5")
	h.showStep(6)
	shot("09-host-7")
	uikit.SetLanguage(uikit.LangEnglish)
	t.Cleanup(func() { uikit.SetLanguage(uikit.LangSwedish) })
	s2 := New(s.main)
	s.main.Window().SetContent(s2.Content())
	s2.Reload()
	coWait(t, s2, s2.listLoaded, "the list")
	shot("10-list-en")
}

func TestCompaniesScreenWiredInTheNavigationAndEscClosesDialogs(t *testing.T) {
	st := uitest.OpenStore(t)
	o := coCompany(t, st, "Borgviks Spelstudio AB")
	m := uitest.NewShell(t, st)
	s := New(m)
	m.Window().SetContent(s.Content())
	s.Reload()
	coWait(t, s, s.listLoaded, "the list")
	if len(s.shown) != 1 || m.Current() != s.Content() {
		t.Fatalf("companies screen not shown: %d rows", len(s.shown))
	}
	coOpen(t, s, o.ID)
	pd := s.editPerson(data.Person{OrganisationID: o.ID})
	if m.Window().Canvas().Overlays().Top() == nil {
		t.Fatal("the contact dialog did not open")
	}
	pd.first.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if m.Window().Canvas().Overlays().Top() != nil {
		t.Error("Esc did not close the contact dialog")
	}
	jd := s.editJourney(data.JourneyEntry{OrganisationID: o.ID})
	_ = jd
	m.Window().Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if m.Window().Canvas().Overlays().Top() != nil {
		t.Error("Esc on the window did not close the journey dialog")
	}
}

// TestEditContactFromKontakter: Kontakter's "Ändra" shows the person's
// organisation, chosen in the list even when a filter hid it, with the
// contact dialog open on them; saving changes the person (found by use:
// Kontakter only listed).
func TestEditContactFromKontakter(t *testing.T) {
	ctx := context.Background()
	st := uitest.OpenStore(t)
	co := coCompany(t, st, "Alsters Kodverkstad AB")
	other := coCompany(t, st, "Forshaga Fiber AB")
	p := data.Person{OrganisationID: co.ID, FirstName: "Tove", LastName: "Lindh", Email: "tove.lindh@exmaple.se", Roles: []data.Role{data.RoleHR}}
	if err := st.SavePerson(ctx, &p); err != nil {
		t.Fatal(err)
	}
	s := newCompaniesTest(t, st)
	coOpen(t, s, other.ID)
	s.search.SetText("Forshaga") // the filter hides the contact's organisation
	s.EditContact(co.ID, p.ID)
	coWait(t, s, s.detailLoaded, "the contact's organisation")
	if s.org.ID != co.ID || s.selectedID != co.ID || s.search.Text != "" {
		t.Fatalf("shows %q (selected %q, search %q), want %q", s.org.Name, s.selectedID, s.search.Text, co.Name)
	}
	if s.lastPerson == nil || s.lastPerson.first.Text != "Tove" || s.lastPerson.email.Text != "tove.lindh@exmaple.se" {
		t.Fatal("the contact dialog is not open on Tove")
	}
	s.lastPerson.email.SetText("tove.lindh@example.se")
	test.Tap(s.lastPerson.fd.saveBtn)
	coWait(t, s, s.detailLoaded, "the organisation after saving")
	if got, err := st.GetPerson(ctx, p.ID); err != nil || got.Email != "tove.lindh@example.se" {
		t.Errorf("saved %+v, %v", got, err)
	}
}

// TestNewContactFromKontakter: Kontakter's "Ny kontakt …" shows the
// organisation chosen with an empty contact dialog; saving adds the person
// there.
func TestNewContactFromKontakter(t *testing.T) {
	ctx := context.Background()
	st := uitest.OpenStore(t)
	co := coCompany(t, st, "Alsters Kodverkstad AB")
	s := newCompaniesTest(t, st)
	s.EditContact(co.ID, uikit.NewContactID)
	coWait(t, s, s.detailLoaded, "the organisation")
	if s.org.ID != co.ID || s.lastPerson == nil || s.lastPerson.first.Text != "" {
		t.Fatal("no empty contact dialog at the organisation")
	}
	s.lastPerson.first.SetText("Tove")
	s.lastPerson.last.SetText("Lindh")
	test.Tap(s.lastPerson.fd.saveBtn)
	coWait(t, s, s.detailLoaded, "the organisation after saving")
	people, err := st.ListPeople(ctx, data.PersonFilter{OrganisationID: co.ID})
	if err != nil || len(people) != 1 || people[0].FirstName != "Tove" {
		t.Errorf("people %+v, %v", people, err)
	}
}

// TestASchoolHasNoSectorOrMembership: found by use, a school's form asked
// for Bransch and Medlem sedan. They show for a company, and follow the
// kind chosen.
func TestASchoolHasNoSectorOrMembership(t *testing.T) {
	ctx := context.Background()
	st := uitest.OpenStore(t)
	school := data.Organisation{Kind: data.KindSchool, Name: "Björkskolan", Municipality: "Arvika"}
	if err := st.SaveOrganisation(ctx, &school); err != nil {
		t.Fatal(err)
	}
	s := newCompaniesTest(t, st)
	coOpen(t, s, school.ID)
	visible := func() bool {
		for _, o := range s.form.companyRows {
			if !o.Visible() {
				return false
			}
		}
		return true
	}
	if len(s.form.companyRows) != 4 || s.form.companyRows[0].(*widget.Label).Text != "Bransch" {
		t.Fatalf("the rows found are not Bransch and Medlem sedan: %d", len(s.form.companyRows))
	}
	if visible() {
		t.Error("a school's form shows Bransch and Medlem sedan")
	}
	s.form.kind.SetSelected(companyKindText(data.KindCompany))
	if !visible() {
		t.Error("a company's form lacks Bransch and Medlem sedan")
	}
}

// TestAWeekOfferIsNoClassicOne: found by use, a teknikprao week's offer
// read "4 platser · 4 dagar" and offered a Värdbekräftelse, a classic
// period's document. It reads "N block" and offers no Värdbekräftelse.
func TestAWeekOfferIsNoClassicOne(t *testing.T) {
	ctx := context.Background()
	st := uitest.OpenStore(t)
	if _, err := demo.Generate(ctx, st, demo.Config{Pupils: 60, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	week, err := st.FindPeriod(ctx, "Teknikprao åk 8 v. 20 2027")
	if err != nil {
		t.Fatal(err)
	}
	offers, err := st.ListOffers(ctx, data.OfferFilter{PeriodID: week.ID})
	if err != nil || len(offers) == 0 {
		t.Fatal(offers, err)
	}
	host := offers[0].HostID
	all, _ := st.ListOffers(ctx, data.OfferFilter{HostID: host})
	s := newCompaniesTest(t, st)
	coOpen(t, s, host)
	var blocks, confirmations int
	uitest.Walk(s.detail, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && strings.Contains(l.Text, " block (") {
			blocks++
		}
		if b, ok := o.(*widget.Button); ok && b.Text == "Värdbekräftelse" && b.Visible() {
			confirmations++
		}
	})
	weekOffers := 0
	for _, o := range all {
		if o.PeriodID == week.ID || slices.ContainsFunc(s.periods, func(p data.Period) bool { return p.ID == o.PeriodID && p.Format == data.FormatWeek }) {
			weekOffers++
		}
	}
	if blocks != weekOffers || confirmations != len(all)-weekOffers {
		t.Errorf("%d offers (%d of weeks): %d read as blocks, %d Värdbekräftelse shown", len(all), weekOffers, blocks, confirmations)
	}
}

// TestANewCompanyIsShownThoughASearchHidIt: found by use, Översikt's way
// to a school filled the search with its name, and a company made next was
// saved but neither listed nor chosen. The filters make way for it.
func TestANewCompanyIsShownThoughASearchHidIt(t *testing.T) {
	st := uitest.OpenStore(t)
	school := data.Organisation{Kind: data.KindSchool, Name: "Solbackaskolan", Municipality: "Sunne"}
	if err := st.SaveOrganisation(context.Background(), &school); err != nil {
		t.Fatal(err)
	}
	s := newCompaniesTest(t, st)
	s.ShowFound("Solbackaskolan")
	s.OnNew()
	s.form.name.SetText("Sunne Spel AB")
	s.onSaveOrganisation()
	coWait(t, s, s.listLoaded, "the list")
	if s.search.Text != "" || len(s.shown) != 2 {
		t.Fatalf("search %q, %d shown", s.search.Text, len(s.shown))
	}
	i := slices.IndexFunc(s.shown, func(o data.Organisation) bool { return o.Name == "Sunne Spel AB" })
	if i < 0 || s.selectedID != s.shown[i].ID {
		t.Errorf("the new company is not chosen (index %d)", i)
	}
}

// TestJourneyStepSavedKeepsScroll: saving a step far down the company page
// keeps the page where it was (found by use: it jumped to the top); another
// company starts at the top.
func TestJourneyStepSavedKeepsScroll(t *testing.T) {
	st := uitest.OpenStore(t)
	o := coCompany(t, st, "Älvdals Automation AB")
	other := coCompany(t, st, "Borgviks Elektronik AB")
	for i := range 12 {
		j := data.JourneyEntry{OrganisationID: o.ID, Date: time.Date(2026, 1, 1+i, 0, 0, 0, 0, time.UTC), Title: fmt.Sprintf("Steg %d", i+1),
			Text: "Vi skrev om alla annonser och fick dubbelt så många kvinnliga sökande till verkstaden."}
		if err := st.SaveJourneyEntry(context.Background(), &j); err != nil {
			t.Fatal(err)
		}
	}
	s := newCompaniesTest(t, st)
	s.main.Window().Resize(fyne.NewSize(1280, 720))
	coOpen(t, s, o.ID)
	s.detailScroll.ScrollToBottom()
	at := s.detailScroll.Offset
	if at.Y <= 0 {
		t.Fatalf("the page does not scroll (offset %v)", at)
	}
	jd := s.editJourney(data.JourneyEntry{OrganisationID: o.ID, Date: time.Date(2026, 3, 8, 0, 0, 0, 0, time.UTC)})
	test.Type(jd.title, "Mentorprogram")
	test.Tap(jd.fd.saveBtn)
	coWait(t, s, s.detailLoaded, "the organisation after adding")
	if got := s.detailScroll.Offset; got.Y < at.Y-1 {
		t.Errorf("after saving a step the page is at %v, was at %v", got, at)
	}
	coOpen(t, s, other.ID)
	if got := s.detailScroll.Offset; got.Y != 0 {
		t.Errorf("another company opens at %v", got)
	}
}
