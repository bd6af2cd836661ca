package data

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"
)

// schoolFixture is a grade-9 period with four offers of hosts named so that
// their codes follow: "A-verkstan" (approved), "Bergs bageri" (approved, from
// 16), "Cirkus Ö" (approved) and "Dala data" (submitted), and one pupil
// born 2015-06-01 (15 during prao).
func schoolFixture(t *testing.T) (*Store, Period, Pupil, []Offer) {
	t.Helper()
	ctx := context.Background()
	st, err := Open(ctx, filepath.Join(t.TempDir(), "s.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	school := Organisation{Kind: KindSchool, Name: "Testskolan"}
	if err := st.SaveOrganisation(ctx, &school); err != nil {
		t.Fatal(err)
	}
	day, _ := ParseDate("2030-11-11")
	per := Period{Name: "P", Grade: 9, Start: day, End: day.AddDate(0, 0, 4), SchoolIDs: []string{school.ID}}
	if err := st.SavePeriod(ctx, &per); err != nil {
		t.Fatal(err)
	}
	start, _ := ParseClock("09:00")
	end, _ := ParseClock("14:00")
	var offers []Offer
	// Saved out of order: codes follow the host names, not the saving.
	for _, h := range []struct {
		name   string
		minAge int
		status OfferStatus
	}{{"Dala data", 0, OfferSubmitted}, {"Cirkus Ö", 0, OfferApproved}, {"A-verkstan", 0, OfferApproved}, {"Bergs bageri", 16, OfferApproved}} {
		host := Organisation{Kind: KindCompany, Name: h.name}
		if err := st.SaveOrganisation(ctx, &host); err != nil {
			t.Fatal(err)
		}
		sup := Person{OrganisationID: host.ID, FirstName: "Sam", LastName: h.name, Roles: []Role{RoleSupervisor}}
		if err := st.SavePerson(ctx, &sup); err != nil {
			t.Fatal(err)
		}
		o := Offer{HostID: host.ID, PeriodID: per.ID, Title: "Prao hos " + h.name, Capacity: 2, VisitingAddress: "Gatan 1",
			SupervisorID: sup.ID, MinAge: h.minAge, Status: h.status,
			Safety: Safety{RiskAssessment: true, ProtectiveGear: true, Introduction: true, SupervisorAdult: true, EmergencyRoutine: true},
			Days:   []OfferDay{{Date: day, Start: start, End: end, BreakMinutes: 30}}}
		if err := st.SaveOffer(ctx, &o); err != nil {
			t.Fatal(err)
		}
		offers = append(offers, o)
	}
	p := Pupil{SchoolID: school.ID, FirstName: "Alva", LastName: "Test", ClassName: "9A", Grade: 9,
		BirthDate: time.Date(2015, 6, 1, 0, 0, 0, 0, time.UTC)}
	if err := st.SavePupil(ctx, &p); err != nil {
		t.Fatal(err)
	}
	return st, per, p, offers
}

func TestOfferCodesFollowTheHostsAndStay(t *testing.T) {
	st, per, _, offers := schoolFixture(t)
	ctx := context.Background()
	codes, err := st.OfferCodes(ctx, per.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{"Dala data": 4, "Cirkus Ö": 3, "A-verkstan": 1, "Bergs bageri": 2}
	for i, o := range offers {
		name := []string{"Dala data", "Cirkus Ö", "A-verkstan", "Bergs bageri"}[i]
		if codes[o.ID] != want[name] {
			t.Errorf("%s has code %d, want %d", name, codes[o.ID], want[name])
		}
	}
	// A new offer of a host early in the alphabet gets the next code; the
	// old codes stay.
	o := offers[2]
	o.ID, o.Title, o.Days[0].ID = "", "Andra platsen", ""
	if err := st.SaveOffer(ctx, &o); err != nil {
		t.Fatal(err)
	}
	again, err := st.OfferCodes(ctx, per.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, old := range offers {
		if again[old.ID] != codes[old.ID] {
			t.Errorf("code of %s changed from %d to %d", old.Title, codes[old.ID], again[old.ID])
		}
	}
	if again[o.ID] != 5 {
		t.Errorf("the new offer has code %d, want 5", again[o.ID])
	}
}

func TestChoiceSheetFind(t *testing.T) {
	st, per, p, _ := schoolFixture(t)
	sheet, err := st.LoadChoiceSheet(context.Background(), per.ID, p.SchoolID, "9A")
	if err != nil {
		t.Fatal(err)
	}
	old := p
	old.Grade = 8
	for _, c := range []struct {
		pupil Pupil
		query string
		want  string // the codes found
		why   Refusal
	}{
		{p, "1", "[1]", RefuseNone},
		{p, " 3 ", "[3]", RefuseNone},
		{p, "2", "[]", RefuseTooYoung},
		{p, "4", "[]", RefuseNotApproved},
		{p, "9", "[]", RefuseNoCode},
		{old, "1", "[]", RefuseGrade},
		{p, "cirkus", "[3]", RefuseNone},
		{p, "CIRKUS o", "[3]", RefuseNone}, // case and accents do not matter
		{p, "prao hos", "[1 3]", RefuseNone},
		{p, "bageri", "[]", RefuseNoMatch}, // too young
		{p, "", "[]", RefuseNoMatch},
	} {
		found, why := sheet.Find(c.pupil, c.query, "")
		var codes []int
		for _, i := range found {
			codes = append(codes, sheet.Offers[i].Code)
		}
		if got := fmt.Sprint(codes); got != c.want || why != c.why {
			t.Errorf("Find(%q) = %v, %q; want %s, %q", c.query, codes, why, c.want, c.why)
		}
	}
	// An offer already chosen is not found again, except in its own cell.
	sheet.Choices[p.ID] = []string{sheet.Offers[0].Offer.ID}
	if _, why := sheet.Find(p, "1", ""); why != RefuseChosen {
		t.Errorf("a chosen offer again: %q", why)
	}
	if found, why := sheet.Find(p, "1", sheet.Offers[0].Offer.ID); why != RefuseNone || len(found) != 1 {
		t.Errorf("the offer in its own cell: %v %q", found, why)
	}
	for _, c := range []struct {
		k    int
		id   string
		want int
	}{{0, "", 0}, {3, "x", 2}, {0, "y", 1}} {
		if got := sheet.SetChoice(p.ID, c.k, c.id); len(got) != c.want {
			t.Errorf("SetChoice(%d, %q) = %v", c.k, c.id, got)
		}
	}
}

func TestRiskAssessmentAndGuardianReplyRoundTrip(t *testing.T) {
	st, per, p, offers := schoolFixture(t)
	ctx := context.Background()
	on, _ := ParseDate("2030-10-01")
	r := RiskAssessment{OfferID: offers[1].ID, Tasks: " Bygga ", Machines: "Borr", Substances: "Lim", ProtectiveGear: "Glasögon",
		Supervision: "Alltid en vuxen", AssessedBy: "Kim", AssessedOn: on}
	if err := st.SaveRiskAssessment(ctx, r); err != nil {
		t.Fatal(err)
	}
	got, err := st.RiskAssessment(ctx, offers[1].ID)
	if err != nil || got.Tasks != "Bygga" || got.Supervision != "Alltid en vuxen" || !got.AssessedOn.Equal(on) {
		t.Fatalf("read back %+v, %v", got, err)
	}
	if empty, err := st.RiskAssessment(ctx, offers[0].ID); err != nil || !empty.Empty() {
		t.Errorf("an offer without assessment: %+v %v", empty, err)
	}
	docs, err := st.RiskDocs(ctx, per.ID, DocFilter{})
	if err != nil || len(docs) != 3 { // the approved offers
		t.Fatalf("%d risk docs, %v", len(docs), err)
	}
	if err := st.SaveRiskAssessment(ctx, RiskAssessment{OfferID: offers[1].ID, Tasks: string(make([]byte, 5000))}); err == nil {
		t.Error("a 5,000-character answer was accepted")
	}

	bad := GuardianReply{PupilID: p.ID, PeriodID: per.ID, Consent: "maybe"}
	if err := st.SaveGuardianReply(ctx, bad); err == nil {
		t.Error("consent maybe was accepted")
	}
	rep := GuardianReply{PupilID: p.ID, PeriodID: per.ID, Consent: ConsentYes, Allergies: "Nötter", Travel: "Buss", Phone: "070-000 00 00", ReceivedOn: on}
	if err := st.SaveGuardianReply(ctx, rep); err != nil {
		t.Fatal(err)
	}
	letters, err := st.GuardianLetters(ctx, per.ID, DocFilter{ClassName: "9A"})
	if err != nil || len(letters) != 1 || letters[0].Reply == nil || letters[0].Reply.Allergies != "Nötter" {
		t.Fatalf("letters %+v, %v", letters, err)
	}
	if err := st.SetGuardianLetterText(ctx, p.SchoolID, "de", "Hallo"); err == nil {
		t.Error("a German letter text was accepted")
	}
	if err := st.SetGuardianLetterText(ctx, p.SchoolID, "sv", "Vår text"); err != nil {
		t.Fatal(err)
	}
	if s, _ := st.GuardianLetterText(ctx, p.SchoolID, "sv"); s != "Vår text" {
		t.Errorf("letter text %q", s)
	}
	if err := st.SetGuardianLetterText(ctx, p.SchoolID, "sv", "  "); err != nil {
		t.Fatal(err)
	}
	if s, _ := st.GuardianLetterText(ctx, p.SchoolID, "sv"); s != "" {
		t.Errorf("a blank text did not go back to the built-in one: %q", s)
	}
}
