package companies

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"techniqual/data"
	"techniqual/data/demo"
	"techniqual/ui/internal/uitest"
)

// hfSetup makes a period (Mon 9 – Fri 13 November 2026) and a company with a
// supervisor, and opens a new host form for it.
func hfSetup(t *testing.T) (*data.Store, *Screen, *hostForm, data.Person) {
	t.Helper()
	st := uitest.OpenStore(t)
	ctx := context.Background()
	per := data.Period{Name: "Åk 8 v. 46 2026", Grade: 8, Start: time.Date(2026, 11, 9, 0, 0, 0, 0, time.UTC),
		End: time.Date(2026, 11, 13, 0, 0, 0, 0, time.UTC)}
	if err := st.SavePeriod(ctx, &per); err != nil {
		t.Fatal(err)
	}
	o := coCompany(t, st, "Värmlandsnäs Fiberoptik Kristinehamn 2 AB")
	sup := data.Person{OrganisationID: o.ID, FirstName: "Märta", LastName: "Åkesson", Title: "produktionsledare", Roles: []data.Role{data.RoleSupervisor}}
	if err := st.SavePerson(ctx, &sup); err != nil {
		t.Fatal(err)
	}
	s := newCompaniesTest(t, st)
	s.main.(*uitest.Shell).SetNow(time.Date(2026, 10, 1, 12, 0, 0, 0, time.UTC)) // before the period
	coOpen(t, s, o.ID)
	h := s.openHostForm(data.Offer{HostID: o.ID, VisitingAddress: o.VisitingAddress})
	return st, s, h, sup
}

// hfType replaces an entry's text the way a person would: clear, then type.
func hfType(e interface {
	SetText(string)
	TypedRune(rune)
}, text string) {
	e.SetText("")
	for _, r := range text {
		e.TypedRune(r)
	}
}

func TestHostFormWarnsBesideTheDayAndRefusesApprovalUntilFixed(t *testing.T) {
	st, _, h, sup := hfSetup(t)
	ctx := context.Background()
	if h.stepLabel.Text != "Steg 1 av 7: Företaget och arbetsplatsen" {
		t.Errorf("step label %q", h.stepLabel.Text)
	}
	if len(h.days) != 5 || h.days[0].date.Entry.Text != "2026-11-09" || h.days[4].date.Entry.Text != "2026-11-13" {
		t.Fatalf("days not pre-filled from the period: %d", len(h.days))
	}
	if h.period.Selected != "Åk 8 v. 46 2026" {
		t.Errorf("period %q", h.period.Selected)
	}

	// Page 1: the workplace.
	test.Type(h.title, "Skarva fiber och mät ljus")
	// Page 2: the supervisor, but not yet "at least 18".
	test.Tap(h.nextBtn)
	if h.stepLabel.Text != "Steg 2 av 7: Handledaren" {
		t.Errorf("step label %q", h.stepLabel.Text)
	}
	h.supervisor.SetSelectedIndex(0)
	test.Tap(h.nextBtn)
	hfType(h.capacity, "2")
	test.Tap(h.nextBtn)
	if h.stepLabel.Text != "Steg 4 av 7: Dagarna" {
		t.Errorf("step label %q", h.stepLabel.Text)
	}

	// Monday becomes 08:00–17:00 with a 60-minute break: 8 hours of work.
	hfType(h.days[0].end, "17:00")
	w := h.days[0].warn
	if !w.Visible() || !strings.Contains(w.Text, "högst 7 timmar") || !strings.Contains(w.Text, "8 timmar") {
		t.Fatalf("Monday's warning %q (visible %v)", w.Text, w.Visible())
	}
	for i, r := range h.days[1:] {
		if r.warn.Visible() {
			t.Errorf("day %d warns %q", i+2, r.warn.Text)
		}
	}
	if !strings.Contains(h.days[0].info.Text, "8 h arbete") || !strings.Contains(h.days[0].info.Text, "måndag") {
		t.Errorf("Monday's info %q", h.days[0].info.Text)
	}

	// Approval is refused, names the rule and what is missing, and the offer stays a draft.
	test.Tap(h.approveBtn)
	if h.offer.ID == "" {
		t.Fatal("the form was not saved before approval")
	}
	ref := h.refusal.Text
	for _, want := range []string{"kan inte godkännas", "2026-11-09: Eleven får arbeta högst 7 timmar per dag", "Handledaren måste vara minst 18 år", "Riskbedömningen är inte gjord"} {
		if !strings.Contains(ref, want) {
			t.Errorf("the refusal %q does not say %q", ref, want)
		}
	}
	if got, _ := st.GetOffer(ctx, h.offer.ID); got.Status != data.OfferDraft {
		t.Errorf("status %q after refused approval", got.Status)
	}
	if !strings.Contains(h.statusLabel.Text, "utkast") {
		t.Errorf("status label %q", h.statusLabel.Text)
	}
	if !h.errs["safety_risk_assessment"].Visible() {
		t.Error("the missing risk assessment is not shown beside its box")
	}

	// Fix the day and the checklist; now it is approved.
	hfType(h.days[0].end, "15:00")
	if h.days[0].warn.Visible() {
		t.Errorf("Monday still warns %q", h.days[0].warn.Text)
	}
	h.showStep(6)
	for _, c := range []interface{ SetChecked(bool) }{h.risk, h.gear, h.intro, h.adult2, h.emergency} {
		c.SetChecked(true)
	}
	if !h.adult.Checked {
		t.Error("ticking the supervisor's age on page 7 did not tick it on page 2")
	}
	if !strings.Contains(h.summary.Text, "Alla regler") {
		t.Errorf("summary %q", h.summary.Text)
	}
	test.Tap(h.approveBtn)
	if h.refusal.Visible() {
		t.Fatalf("still refused: %q", h.refusal.Text)
	}
	got, err := st.GetOffer(ctx, h.offer.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != data.OfferApproved || got.SupervisorID != sup.ID || got.Capacity != 2 || len(got.Days) != 5 || got.Days[0].End.String() != "15:00" {
		t.Errorf("in the database: status %q, supervisor %q, capacity %d, %d days", got.Status, got.SupervisorID, got.Capacity, len(got.Days))
	}
	if !strings.Contains(h.statusLabel.Text, "godkänd") {
		t.Errorf("status label %q", h.statusLabel.Text)
	}
}

func TestHostFormCopiesTheFirstDayToAllDays(t *testing.T) {
	_, _, h, _ := hfSetup(t)
	h.showStep(3)
	hfType(h.days[0].start, "09:00")
	hfType(h.days[0].end, "14:30")
	hfType(h.days[0].brk, "30")
	hfType(h.days[0].activities, "Skarva fiber i labbet")
	test.Tap(h.copyBtn)
	for i, r := range h.days {
		if r.start.Text != "09:00" || r.end.Text != "14:30" || r.brk.Text != "30" || r.activities.Text != "Skarva fiber i labbet" {
			t.Errorf("day %d: %s–%s, %s min, %q", i+1, r.start.Text, r.end.Text, r.brk.Text, r.activities.Text)
		}
		if want := "2026-11-" + []string{"09", "10", "11", "12", "13"}[i]; r.date.Entry.Text != want {
			t.Errorf("day %d date changed to %q", i+1, r.date.Entry.Text)
		}
		if !strings.Contains(r.info.Text, "5 h arbete") {
			t.Errorf("day %d info %q", i+1, r.info.Text)
		}
	}
}

func TestHostFormSaysWhatIsWrongWithTypedTimesAndDates(t *testing.T) {
	_, _, h, _ := hfSetup(t)
	hfType(h.days[1].start, "8.00")
	if w := h.days[1].warn; !w.Visible() || !strings.Contains(w.Text, "08:00") {
		t.Errorf("bad time: %q", w.Text)
	}
	hfType(h.days[1].start, "08:00")
	hfType(h.days[2].date.Entry, "2026-11-14") // a Saturday
	if w := h.days[2].warn; !strings.Contains(w.Text, "bara på vardagar") || !strings.Contains(w.Text, "lördag") ||
		!strings.Contains(w.Text, "utanför praoperioden") {
		t.Errorf("Saturday: %q", w.Text)
	}
	// Without a title the draft is not saved, and the title says why.
	if h.save() {
		t.Error("saved without a title")
	}
	if e := h.errs["title"]; !e.Visible() || e.Text != "Måste fyllas i." || h.step != 0 {
		t.Errorf("title error %q, on page %d", e.Text, h.step+1)
	}
	// A draft may break the rules; it is saved with its warnings.
	test.Type(h.title, "Mät ljus")
	if !h.save() {
		t.Errorf("a draft on a Saturday was not saved: %q", h.refusal.Text)
	}
}

func TestHostFormAddsPeoplePupilsMeet(t *testing.T) {
	st, _, h, _ := hfSetup(t)
	ctx := context.Background()
	test.Type(h.title, "Ljus i glas")
	h.showStep(4)
	test.Type(h.rmFirst, "Ngọc Ánh")
	test.Type(h.rmLast, "Nguyễn")
	test.Type(h.rmProf, "elektronikkonstruktör")
	test.Type(h.rmJourney, "Naturvetenskapsprogrammet, sedan högskoleingenjör i elektroteknik i Karlstad.")
	test.Tap(h.addRMBtn)
	if h.rmErr.Visible() {
		t.Fatalf("adding a person: %q", h.rmErr.Text)
	}
	if len(h.meetOrder) != 1 {
		t.Fatalf("meets %v", h.meetOrder)
	}
	if !h.save() {
		t.Fatalf("not saved: %q", h.refusal.Text)
	}
	p, err := st.GetPerson(ctx, h.meetOrder[0])
	if err != nil || !p.HasRole(data.RoleRoleModel) || p.Title != "elektronikkonstruktör" {
		t.Fatalf("the new person: %+v, %v", p, err)
	}
	got, _ := st.GetOffer(ctx, h.offer.ID)
	if len(got.RoleModelIDs) != 1 || got.RoleModelIDs[0] != p.ID {
		t.Errorf("offer meets %v", got.RoleModelIDs)
	}
}

func TestHostFormOpensFromTheCompanyPage(t *testing.T) {
	st, s, h, _ := hfSetup(t)
	test.Type(h.title, "Skarva fiber")
	if !h.save() {
		t.Fatalf("not saved: %q", h.refusal.Text)
	}
	test.Tap(h.backBtn)
	coWait(t, s, s.detailLoaded, "the company")
	if got := coJoined(s); !strings.Contains(got, "Åk 8 v. 46 2026") || !strings.Contains(got, "Skarva fiber") ||
		!strings.Contains(got, "utkast · 0 platser · 5 dagar") {
		t.Errorf("company page: %s", got)
	}
	offers, _ := st.ListOffers(context.Background(), data.OfferFilter{})
	h2 := s.openHostForm(offers[0])
	if h2.title.Text != "Skarva fiber" || len(h2.days) != 5 {
		t.Errorf("reopened: %q, %d days", h2.title.Text, len(h2.days))
	}
}

// TestHostFormWeekBlocks edits a teknikprao week's offer from the example
// data: its rows are blocks with teams at once and their own role models,
// a broken rule is named, and saving keeps each block's key (so the
// attendance recorded in the block stays).
func TestHostFormWeekBlocks(t *testing.T) {
	st := uitest.OpenStore(t)
	ctx := context.Background()
	if _, err := demo.Generate(ctx, st, demo.Config{Pupils: 120, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	ps, _ := st.ListPeriods(ctx)
	var per data.Period
	for _, p := range ps {
		if p.Name == "Teknikprao åk 9 v. 41 2026" {
			per = p
		}
	}
	if per.Format != data.FormatWeek {
		t.Fatalf("no example week: %+v", per)
	}
	att, _ := st.ListBlockAttendance(ctx, per.ID)
	offers, _ := st.ListOffers(ctx, data.OfferFilter{PeriodID: per.ID})
	var offer data.Offer
	recorded := map[string]int{}
	for _, a := range att {
		recorded[a.BlockID]++
	}
	for _, o := range offers {
		if len(o.Days) > 1 && recorded[o.Days[0].ID] > 0 {
			offer = o
			break
		}
	}
	if offer.ID == "" {
		t.Fatal("no offer with attendance in its first block")
	}
	rm := data.Person{OrganisationID: offer.HostID, FirstName: "Saga", LastName: "Lindqvist", Title: "mekatroniker",
		Journey: "Teknikprogrammet, sedan YH-utbildning.", Roles: []data.Role{data.RoleRoleModel}}
	if err := st.SavePerson(ctx, &rm); err != nil {
		t.Fatal(err)
	}
	s := newCompaniesTest(t, st)
	coOpen(t, s, offer.HostID)
	h := s.openHostForm(offer)
	// A week's host takes teams, counted per block: Antal platser is not
	// asked on page 3 as well (found by use).
	h.showStep(2)
	if h.stepLabel.Text != "Steg 3 av 7: Ålder" || h.capRow[0].Visible() || h.capRow[1].Visible() || !h.minAge.Visible() {
		t.Errorf("page 3 of a week: %q, capacity shown %v", h.stepLabel.Text, h.capRow[1].Visible())
	}
	h.showStep(3)
	if h.stepLabel.Text != "Steg 4 av 7: Blocken" {
		t.Errorf("step label %q", h.stepLabel.Text)
	}
	if len(h.days) != len(offer.Days) || !h.days[0].block.box.Visible() {
		t.Fatalf("%d rows for %d blocks, week fields visible %v", len(h.days), len(offer.Days), h.days[0].block.box.Visible())
	}
	if h.addDayBtn.Text != "Lägg till block" {
		t.Errorf("add button %q", h.addDayBtn.Text)
	}
	b := h.days[0].block
	hfType(b.teamsMax, "2")
	c, ok := b.rmChecks[rm.ID]
	if !ok {
		t.Fatalf("the new role model is not offered in the block: %v", b.rmChecks)
	}
	for id, other := range b.rmChecks { // only Saga in the first block
		if id != rm.ID && other.Checked {
			test.Tap(other)
		}
	}
	test.Tap(c)
	// Found by use: ticked in a block, she was unticked among the people
	// pupils meet (page 5), to be ticked a second time there.
	if mc := h.meetChecks[rm.ID]; mc == nil || !mc.Checked || !slices.Contains(h.meetOrder, rm.ID) {
		t.Error("a role model ticked in a block is not among the people pupils meet")
	}
	test.Tap(c)
	test.Tap(c) // unticked and ticked again: still met, once
	if n := strings.Count(strings.Join(h.meetOrder, ","), rm.ID); n != 1 {
		t.Errorf("she is %d times among the people met", n)
	}
	// The block's times change: its key must stay.
	hfType(h.days[0].start, "08:45")
	// A broken rule in the second block is named.
	hfType(h.days[1].end, "20:30")
	if w := h.days[1].warn.Text; !strings.Contains(w, "Bara 06:00–20:00: ") {
		t.Errorf("second block's warning does not name the rule: %q", w)
	}
	hfType(h.days[1].end, offer.Days[1].End.String())
	if w := h.days[1].warn; w.Visible() && w.Text != "" {
		t.Errorf("second block still warns: %q", w.Text)
	}
	hfType(h.days[1].block.teamsMax, "x")
	if w := h.days[1].warn.Text; !strings.Contains(w, "antal team samtidigt") {
		t.Errorf("a bad number of teams: %q", w)
	}
	hfType(h.days[1].block.teamsMax, "1")
	if !h.save() {
		t.Fatalf("not saved: %q", h.refusal.Text)
	}
	got, err := st.GetOffer(ctx, offer.ID)
	if err != nil {
		t.Fatal(err)
	}
	d := got.Days[0]
	if d.ID != offer.Days[0].ID || d.Start.String() != "08:45" || d.TeamsMax != 2 || len(d.RoleModelIDs) != 1 || d.RoleModelIDs[0] != rm.ID {
		t.Errorf("first block saved as %+v (was %s)", d, offer.Days[0].ID)
	}
	if !slices.Contains(got.RoleModelIDs, rm.ID) {
		t.Errorf("the offer's people met %v lack the block's role model", got.RoleModelIDs)
	}
	if got.Days[1].ID != offer.Days[1].ID || got.Days[1].TeamsMax != 1 {
		t.Errorf("second block saved as %+v", got.Days[1])
	}
	att2, _ := st.ListBlockAttendance(ctx, per.ID)
	after := 0
	for _, a := range att2 {
		if a.BlockID == d.ID {
			after++
		}
	}
	if after != recorded[d.ID] {
		t.Errorf("attendance in the block: %d before, %d after saving", recorded[d.ID], after)
	}
}

// TestHostFormClassicHasNoBlockFields: a classic offer's rows are days.
func TestHostFormClassicHasNoBlockFields(t *testing.T) {
	_, _, h, _ := hfSetup(t)
	h.showStep(2)
	if h.stepLabel.Text != "Steg 3 av 7: Antal platser och ålder" || !h.capRow[1].Visible() {
		t.Errorf("classic page 3: %q, capacity shown %v", h.stepLabel.Text, h.capRow[1].Visible())
	}
	h.showStep(3)
	if h.stepLabel.Text != "Steg 4 av 7: Dagarna" || h.days[0].block.box.Visible() || h.addDayBtn.Text != "Lägg till dag" {
		t.Errorf("classic page: %q, block fields visible %v, %q", h.stepLabel.Text, h.days[0].block.box.Visible(), h.addDayBtn.Text)
	}
	c := h.collect()
	if c.offer.Days[0].TeamsMax != 0 || c.offer.Days[0].RoleModelIDs != nil {
		t.Errorf("a classic day carries week fields: %+v", c.offer.Days[0])
	}
}

// TestHostFormNoApprovalOnTheHostsOwnLaptop: on HR's laptop (it read the
// coordinator's host form for the company) Godkänn is not there, the form
// says who approves, and Skicka in still works (issue #15, case 3). On the
// coordinator's laptop Godkänn stays.
func TestHostFormNoApprovalOnTheHostsOwnLaptop(t *testing.T) {
	st, s, h, _ := hfSetup(t)
	if !h.approveBtn.Visible() {
		t.Fatal("the coordinator's host form lacks Godkänn")
	}
	if err := st.SetHostLaptop(context.Background(), h.company.ID); err != nil {
		t.Fatal(err)
	}
	h = s.openHostForm(data.Offer{HostID: h.company.ID, VisitingAddress: h.company.VisitingAddress})
	if h.approveBtn.Visible() {
		t.Fatal("Godkänn is offered to the host for its own offer")
	}
	if !strings.Contains(h.statusLabel.Text, "samordnaren eller skolan") {
		t.Fatalf("status: %q", h.statusLabel.Text)
	}
	h.onApprove() // even if called, nothing is approved
	if h.offer.Status == data.OfferApproved {
		t.Fatal("approved on the host's laptop")
	}
	if !h.submitBtn.Visible() || h.submitBtn.Disabled() {
		t.Fatal("Skicka in is not available to the host")
	}
}

// TestTypingInTheFormDoesNotRedrawIt: found by use, typing in a day's
// activities took half a second a key: every key ran the checks and then
// refreshed every field of the form. A key that changes no message now
// lays nothing out again; one that does (a bad time) still does.
func TestTypingInTheFormDoesNotRedrawIt(t *testing.T) {
	_, _, h, _ := hfSetup(t)
	h.showStep(3)
	if len(h.days) == 0 {
		t.Fatal("no days filled from the period")
	}
	n := h.relayouts
	test.Type(h.days[0].activities, "Vi bygger en liten robot och programmerar den att följa en linje.")
	if h.relayouts != n {
		t.Errorf("typing the activities laid the form out %d times", h.relayouts-n)
	}
	hfType(h.days[0].start, "8:7")
	if h.relayouts == n || !h.days[0].warn.Visible() {
		t.Errorf("a bad start time: laid out %d times, warning shown %v", h.relayouts-n, h.days[0].warn.Visible())
	}
}

// TestHostFormAsksBeforeItsEditsAreLost: found by use, a changed number of
// seats was lost without a word when the counsellor went to Matchning, and
// the buttons moved under the pointer when "Sparat." came and went. A form
// just opened, saved or approved has nothing to ask about; an edit asks
// before another screen, another organisation or "Till företaget", and
// Spara there saves it.
func TestHostFormAsksBeforeItsEditsAreLost(t *testing.T) {
	ctx := context.Background()
	st, s, h, _ := hfSetup(t)
	c := s.main.Window().Canvas()
	left := 0
	next := func() { left++ }
	s.AskToLeave(next)
	if left != 1 || c.Overlays().Top() != nil {
		t.Fatalf("a form just opened asked (left %d)", left)
	}
	h.showStep(3) // the period's days are filled in: not the host's edit
	s.AskToLeave(next)
	if left != 2 || c.Overlays().Top() != nil {
		t.Fatalf("the days filled from the period count as an edit (left %d)", left)
	}
	hfType(h.title, "Bygg en robot")
	hfType(h.capacity, "4")
	width := h.root.MinSize().Width
	if !h.save() || h.dirty() {
		t.Fatalf("saved: dirty %v", h.dirty())
	}
	if w := h.root.MinSize().Width; w != width {
		t.Errorf("the form's width went from %v to %v when Sparat. showed", width, w)
	}
	hfType(h.capacity, "7")
	s.AskToLeave(next)
	if left != 2 || c.Overlays().Top() == nil {
		t.Fatalf("an edit did not ask (left %d)", left)
	}
	test.Tap(uitest.FindButton(t, c.Overlays().Top(), "Avbryt"))
	if left != 2 || h.capacity.Text != "7" {
		t.Fatalf("Avbryt: left %d, capacity %q", left, h.capacity.Text)
	}
	test.Tap(h.backBtn)
	if c.Overlays().Top() == nil || s.host != h {
		t.Fatal("Till företaget did not ask")
	}
	test.Tap(uitest.FindButton(t, c.Overlays().Top(), "Spara"))
	s.main.(interface{ Wait(testing.TB) }).Wait(t)
	offers, err := st.ListOffers(ctx, data.OfferFilter{HostID: h.company.ID})
	if err != nil || len(offers) != 1 || offers[0].Capacity != 7 {
		t.Fatalf("offers %+v, %v", offers, err)
	}
	if s.host != nil {
		t.Error("the form is still shown after Spara and leaving")
	}
}
