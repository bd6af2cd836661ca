package data

import (
	"context"
	"reflect"
	"testing"
	"time"
)

// stepView is the part of a step a test compares.
type stepView struct {
	State       StepState
	Done, Total int
	BlockedBy   string
}

func checklistOf(t *testing.T, st *Store, periodID string, today time.Time) map[string]ChecklistStep {
	t.Helper()
	steps, err := st.PeriodChecklist(context.Background(), periodID, today)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]ChecklistStep{}
	for _, s := range steps {
		out[s.ID] = s
	}
	return out
}

func wantSteps(t *testing.T, when string, got map[string]ChecklistStep, want map[string]stepView) {
	t.Helper()
	for id, w := range want {
		g := got[id]
		if v := (stepView{g.State, g.Done, g.Total, g.BlockedBy}); v != w {
			t.Errorf("%s: step %s = %+v, want %+v", when, id, v, w)
		}
	}
}

func noon(s string) time.Time { return mustDate(s).Add(12 * time.Hour) }

func TestPeriodChecklistFollowsAClassicPeriod(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	must := mustT(t)
	w := newWorld(t, st)
	before := noon("2026-10-01")

	steps, err := st.PeriodChecklist(ctx, w.period.ID, before)
	must(err)
	var ids []string
	for _, s := range steps {
		ids = append(ids, s.ID)
	}
	wantIDs := []string{StepClassLists, StepGender, StepMunicipality, StepSchoolContacts, StepOffers, StepChoices, StepMatching,
		StepDocuments, StepAttendance, StepCertificates, StepEvaluations}
	if !reflect.DeepEqual(ids, wantIDs) {
		t.Fatalf("steps = %v, want %v", ids, wantIDs)
	}
	wantSteps(t, "fresh", checklistOf(t, st, w.period.ID, before), map[string]stepView{
		StepClassLists:     {StepDone, 1, 1, ""},
		StepGender:         {StepDone, 2, 2, ""},
		StepMunicipality:   {StepDone, 1, 1, ""},
		StepSchoolContacts: {StepDone, 1, 1, ""},
		StepOffers:         {StepDone, 1, 1, ""},
		StepChoices:        {StepTodo, 0, 2, ""},
		StepMatching:       {StepTodo, 0, 2, ""},
		StepDocuments:      {StepBlocked, 0, 3, StepMatching},
		StepAttendance:     {StepBlocked, 0, 0, StepMatching},
		StepCertificates:   {StepBlocked, 0, 1, StepMatching},
		StepEvaluations:    {StepBlocked, 0, 0, StepMatching},
	})

	// A second school with no municipality, no counsellor and a pupil
	// without gender; the seats (3) no longer cover the pupils (3 + 0).
	bare := Organisation{Kind: KindSchool, Name: "Brattforsskolan"}
	must(st.SaveOrganisation(ctx, &bare))
	w.period.SchoolIDs = append(w.period.SchoolIDs, bare.ID)
	must(st.SavePeriod(ctx, &w.period))
	c := checklistOf(t, st, w.period.ID, before)
	wantSteps(t, "second school", c, map[string]stepView{
		StepClassLists:     {StepTodo, 1, 2, ""},
		StepMunicipality:   {StepWarn, 1, 2, ""},
		StepSchoolContacts: {StepWarn, 1, 2, ""},
	})
	for _, id := range []string{StepClassLists, StepMunicipality, StepSchoolContacts} {
		if !reflect.DeepEqual(c[id].Names, []string{"Brattforsskolan"}) {
			t.Errorf("%s names = %v, want Brattforsskolan", id, c[id].Names)
		}
	}
	for _, name := range []string{"Ebba", "Folke"} {
		p := Pupil{SchoolID: bare.ID, FirstName: name, LastName: "Provsson", ClassName: "9C", Grade: 9}
		must(st.SavePupil(ctx, &p))
	}
	c = checklistOf(t, st, w.period.ID, before)
	wantSteps(t, "pupils without gender", c, map[string]stepView{
		StepClassLists: {StepDone, 2, 2, ""},
		StepGender:     {StepWarn, 2, 4, ""},
		StepOffers:     {StepWarn, 1, 1, ""},
	})
	if c[StepOffers].Extra != 3 || c[StepClassLists].Extra != 4 {
		t.Errorf("seats %d, pupils %d; want 3 and 4", c[StepOffers].Extra, c[StepClassLists].Extra)
	}

	// Choices, placement and prints.
	must(st.SetPreferences(ctx, w.alva.ID, w.period.ID, []string{w.offer.ID}))
	must(st.SaveAssignment(ctx, &Assignment{PeriodID: w.period.ID, PupilID: w.alva.ID, OfferID: w.offer.ID}))
	must(st.LogExport(ctx, &AuditEntry{Action: "pdf schedules", Detail: w.period.Name + " (skola Älvkulleskolan)"}))
	must(st.LogExport(ctx, &AuditEntry{Action: "pdf hosts", Detail: w.period.Name + "; engelska"}))
	must(st.LogExport(ctx, &AuditEntry{Action: "pdf attendance", Detail: w.period.Name + " 2"})) // another period's name
	during := noon("2026-11-10")
	c = checklistOf(t, st, w.period.ID, during)
	wantSteps(t, "during", c, map[string]stepView{
		StepChoices:      {StepTodo, 1, 4, ""},
		StepMatching:     {StepTodo, 1, 4, ""},
		StepDocuments:    {StepTodo, 2, 3, ""},
		StepAttendance:   {StepTodo, 0, 2, ""}, // Monday and Tuesday so far
		StepCertificates: {StepWaiting, 0, 1, ""},
		StepEvaluations:  {StepTodo, 0, 1, ""},
	})
	if !reflect.DeepEqual(c[StepDocuments].Names, []string{"attendance"}) {
		t.Errorf("documents not printed = %v, want attendance", c[StepDocuments].Names)
	}

	// After the period: certificates wait for the three unrecorded days.
	for _, d := range []string{"2026-11-09", "2026-11-10"} {
		must(st.SetAttendance(ctx, Attendance{PupilID: w.alva.ID, OfferID: w.offer.ID, Date: mustDate(d), Status: AttendancePresent}))
	}
	after := noon("2026-11-16")
	c = checklistOf(t, st, w.period.ID, after)
	wantSteps(t, "after", c, map[string]stepView{
		StepAttendance:   {StepTodo, 2, 5, ""},
		StepCertificates: {StepBlocked, 0, 1, StepAttendance},
	})
	if c[StepCertificates].Extra != 3 {
		t.Errorf("unrecorded days = %d, want 3", c[StepCertificates].Extra)
	}
	n, err := st.CertificateCheck(ctx, w.period, noon("2026-11-13"))
	if _, ok := err.(*PeriodNotEndedError); !ok || n != 3 {
		t.Errorf("on the last day: %d, %v; want 3 and PeriodNotEndedError", n, err)
	}
	if n, err := st.CertificateCheck(ctx, w.period, after); err != nil || n != 3 {
		t.Errorf("after: %d, %v; want 3, nil", n, err)
	}
	for _, d := range []string{"2026-11-11", "2026-11-12", "2026-11-13"} {
		must(st.SetAttendance(ctx, Attendance{PupilID: w.alva.ID, OfferID: w.offer.ID, Date: mustDate(d), Status: AttendancePresent}))
	}
	must(st.LogExport(ctx, &AuditEntry{Action: "pdf certificates", Detail: w.period.Name}))
	must(st.SaveEvaluation(ctx, Evaluation{PupilID: w.alva.ID, PeriodID: w.period.ID, InterestBefore: 2, InterestAfter: 4}))
	wantSteps(t, "done", checklistOf(t, st, w.period.ID, after), map[string]stepView{
		StepAttendance:   {StepDone, 5, 5, ""},
		StepCertificates: {StepDone, 1, 1, ""},
		StepEvaluations:  {StepDone, 1, 1, ""},
	})
}

func TestPeriodChecklistFollowsATeknikpraoWeek(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	must := mustT(t)
	w := newWeekWorld(t, st)
	before := noon("2026-10-01")
	steps, err := st.PeriodChecklist(ctx, w.period.ID, before)
	must(err)
	var ids []string
	for _, s := range steps {
		ids = append(ids, s.ID)
	}
	wantIDs := []string{StepClassLists, StepGender, StepMunicipality, StepSchoolContacts, StepOffers, StepHostGroups, StepChoices, StepTeams,
		StepDocuments, StepAttendance, StepCertificates, StepEvaluations}
	if !reflect.DeepEqual(ids, wantIDs) {
		t.Fatalf("steps = %v, want %v", ids, wantIDs)
	}
	wantSteps(t, "no groups", checklistOf(t, st, w.period.ID, before), map[string]stepView{
		StepClassLists:     {StepDone, 1, 1, ""},
		StepSchoolContacts: {StepWarn, 0, 1, ""}, // the fixture's school has no counsellor
		StepOffers:         {StepDone, 6, 6, ""},
		StepHostGroups:     {StepTodo, 0, 6, ""},
		StepChoices:        {StepWarn, 0, 8, ""},
		StepTeams:          {StepTodo, 0, 8, ""},
		StepDocuments:      {StepBlocked, 0, 4, StepTeams},
	})
	gs := w.groups(t, st)
	must(st.SaveWeekPlan(ctx, w.period.ID, []Team{
		{GroupID: gs[0].ID, Name: "Team 1", PupilIDs: w.pupilIDs(0, 1, 2, 3), BlockIDs: []string{w.block(0, 0), w.block(1, 1), w.block(2, 2), w.block(3, 3)}},
	}, nil))
	must(st.SetBlockAttendance(ctx, BlockAttendance{PupilID: w.pupils[0].ID, BlockID: w.block(0, 0), Status: AttendancePresent}))
	must(st.LogExport(ctx, &AuditEntry{Action: "pdf week-schedules", Detail: w.period.Name}))
	after := noon("2026-11-20")
	c := checklistOf(t, st, w.period.ID, after)
	wantSteps(t, "planned", c, map[string]stepView{
		StepHostGroups:   {StepDone, 6, 6, ""},
		StepTeams:        {StepTodo, 4, 8, ""},
		StepDocuments:    {StepTodo, 1, 4, ""},
		StepAttendance:   {StepTodo, 1, 16, ""},
		StepCertificates: {StepBlocked, 0, 1, StepAttendance},
		StepEvaluations:  {StepTodo, 0, 4, ""},
	})
	if c[StepTeams].Extra != 1 || c[StepCertificates].Extra != 15 {
		t.Errorf("teams %d, unrecorded %d; want 1 and 15", c[StepTeams].Extra, c[StepCertificates].Extra)
	}
}

func TestPeriodChecklistOfAnUnknownPeriod(t *testing.T) {
	if _, err := newStore(t).PeriodChecklist(context.Background(), "no-such-id", time.Now()); err == nil {
		t.Fatal("no error for an unknown period")
	}
}

func TestNextOpenPeriod(t *testing.T) {
	mk := func(name, start, end string, st PeriodStatus) Period {
		return Period{Name: name, Start: mustDate(start), End: mustDate(end), Status: st}
	}
	periods := []Period{
		mk("Åk 8 v. 46 2025", "2025-11-10", "2025-11-14", PeriodPlanning), // over, though never marked done
		mk("Åk 9 v. 11 2027", "2027-03-15", "2027-03-19", PeriodChoosing),
		mk("Åk 8 v. 50 2026", "2026-12-07", "2026-12-11", PeriodDone),
		mk("Åk 8 v. 49 2026", "2026-11-30", "2026-12-04", PeriodPublished), // under way
	}
	for _, c := range []struct {
		today, want string
	}{
		{"2026-12-02", "Åk 8 v. 49 2026"},
		{"2026-12-04", "Åk 8 v. 49 2026"},
		{"2026-12-05", "Åk 9 v. 11 2027"},
		{"2027-04-01", ""},
	} {
		p, ok := NextOpenPeriod(periods, noon(c.today))
		if p.Name != c.want || ok != (c.want != "") {
			t.Errorf("on %s: %q, %v; want %q", c.today, p.Name, ok, c.want)
		}
	}
}

// TestChecklistCountsAPupilPlacedByHandAsDoneWithChoices: found by use, a
// pupil without choices who was placed by hand (and the match approved)
// kept "Önskemål insamlade 1 av 2" open for good.
func TestChecklistCountsAPupilPlacedByHandAsDoneWithChoices(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	must := mustT(t)
	w := newWorld(t, st)
	today := noon("2026-10-01")
	must(st.SetPreferences(ctx, w.alva.ID, w.period.ID, []string{w.offer.ID}))
	for _, c := range []struct {
		when string
		do   func()
		want stepView
	}{
		{"one pupil with choices", func() {}, stepView{StepTodo, 1, 2, ""}},
		{"the other placed by hand", func() {
			must(st.SaveAssignment(ctx, &Assignment{PeriodID: w.period.ID, PupilID: w.lukasz.ID, OfferID: w.offer.ID, Source: SourceManual}))
		}, stepView{StepDone, 2, 2, ""}},
		{"both placed", func() {
			must(st.SaveAssignment(ctx, &Assignment{PeriodID: w.period.ID, PupilID: w.alva.ID, OfferID: w.offer.ID}))
		}, stepView{StepDone, 2, 2, ""}}, // a pupil with choices and a place counts once
	} {
		c.do()
		wantSteps(t, c.when, checklistOf(t, st, w.period.ID, today), map[string]stepView{StepChoices: c.want})
	}
}
