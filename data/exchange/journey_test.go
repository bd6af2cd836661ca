package exchange

import (
	"errors"
	"testing"
	"time"

	"techniqual/data"
)

// hrJourney gives the company on the HR person's laptop a journey: a year
// of figures, two measures, a peer mark and two stories (one shareable).
func hrJourney(t *testing.T, st *data.Store, orgID string) {
	t.Helper()
	must(t, st.SaveJourneyYear(ctx, &data.JourneyYear{OrganisationID: orgID, Year: 2026, Employees: 42, PaySurvey: true,
		PaySurveyDate: date("2026-04-30"), Tech: data.Split{Women: 6, Men: 20}}))
	must(t, st.SaveMeasure(ctx, &data.Measure{OrganisationID: orgID, Year: 2026, Area: data.AreaPay, Step: data.StepInvestigate,
		State: data.StateInPlace, Done: "Lönekartläggning", Date: date("2026-04-30")}))
	must(t, st.SaveMeasure(ctx, &data.Measure{OrganisationID: orgID, Year: 2026, Area: data.AreaPay, Step: data.StepAnalyse,
		State: data.StateUnderWay}))
	must(t, st.SavePeerMark(ctx, &data.PeerMark{OrganisationID: orgID, Area: data.AreaRecruitment, WantStart: true}))
	must(t, st.SaveJourneyEntry(ctx, &data.JourneyEntry{OrganisationID: orgID, Date: date("2026-05-01"), Title: "Vår lönekartläggning",
		Text: "Två dagar.", Shareable: true, Area: data.AreaPay}))
	must(t, st.SaveJourneyEntry(ctx, &data.JourneyEntry{OrganisationID: orgID, Date: date("2026-06-01"), Title: "Internt", Text: "Inte för andra."}))
}

// A journey file goes from the HR person's laptop to the coordinator's: its
// rows arrive with their keys; importing it again changes nothing; a
// change on the laptop merges as a change; the coordinator's own data
// stays.
func TestJourneyFileRoundTripAndMerge(t *testing.T) {
	coord, hr := openStore(t, "coord"), openStore(t, "hr")
	w := newWorld(t, coord)
	// The HR person has the company from a host form.
	hf, err := ExportHostForm(ctx, coord, w.company.ID, Options{})
	must(t, err)
	_, err = importFile(t, hr, save(t, coord, hf), pass, Decisions{}, KindHostForm)
	must(t, err)
	hrJourney(t, hr, w.company.ID)

	p, err := ExportJourney(ctx, hr, w.company.ID, Options{})
	must(t, err)
	path := save(t, hr, p)
	res, err := importFile(t, coord, path, pass, Decisions{}, KindJourney)
	must(t, err)
	for table, want := range map[string]int{data.XJourneyYears: 1, data.XJourneyMeasures: 2, data.XJourneyPeers: 1, data.XJourney: 2} {
		if c := count(res.Plan, table); c.New != want {
			t.Errorf("%s: %+v, want %d new", table, c, want)
		}
	}
	ys, _ := coord.ListJourneyYears(ctx, w.company.ID, 2026)
	ms, _ := coord.ListMeasures(ctx, w.company.ID, 2026)
	es, _ := coord.ListJourneyEntries(ctx, w.company.ID)
	if len(ys) != 1 || ys[0].Employees != 42 || ys[0].Tech != (data.Split{Women: 6, Men: 20}) || len(ms) != 2 || ms[0].Done != "Lönekartläggning" {
		t.Fatalf("years %+v measures %+v", ys, ms)
	}
	shared := 0
	for _, e := range es {
		if e.Shareable && e.Area == data.AreaPay {
			shared++
		}
	}
	if len(es) != 2 || shared != 1 {
		t.Fatalf("stories %+v", es)
	}
	// Again: nothing changes.
	before := checksum(t, coord)
	_, err = importFile(t, coord, path, pass, Decisions{}, KindJourney)
	must(t, err)
	if checksum(t, coord) != before {
		t.Error("importing the same file twice changed the database")
	}
	// The member takes a step further; the new file merges as a change.
	ms2, _ := hr.ListMeasures(ctx, w.company.ID, 2026)
	for _, m := range ms2 {
		if m.Step == data.StepAnalyse {
			m.State = data.StateInPlace
			must(t, hr.SaveMeasure(ctx, &m))
		}
	}
	p, err = ExportJourney(ctx, hr, w.company.ID, Options{Now: func() time.Time { return time.Now().Add(time.Minute) }})
	must(t, err)
	res, err = importFile(t, coord, save(t, hr, p), pass, Decisions{}, KindJourney)
	must(t, err)
	if c := count(res.Plan, data.XJourneyMeasures); c.Changed != 1 {
		t.Errorf("measures: %+v, want 1 changed", c)
	}
	if p := data.ProgressOf(2026, mustMeasures(t, coord, w.company.ID), nil); p.Done != 2 {
		t.Errorf("coordinator's progress %+v", p)
	}
	// The coordinator's internal note on the company stays.
	org, _ := coord.GetOrganisation(ctx, w.company.ID)
	if org.Notes != w.company.Notes {
		t.Errorf("notes %q", org.Notes)
	}
}

func mustMeasures(t *testing.T, st *data.Store, orgID string) []data.Measure {
	t.Helper()
	ms, err := st.ListMeasures(ctx, orgID, 0)
	must(t, err)
	return ms
}

// A journey file may carry only the sending company's rows: one that
// smuggles another company's figures is refused and changes nothing.
func TestJourneyFileRefusesOtherCompaniesRows(t *testing.T) {
	coord, hr := openStore(t, "coord"), openStore(t, "hr")
	w := newWorld(t, coord)
	hf, err := ExportHostForm(ctx, coord, w.company.ID, Options{})
	must(t, err)
	_, err = importFile(t, hr, save(t, coord, hf), pass, Decisions{}, KindHostForm)
	must(t, err)
	hrJourney(t, hr, w.company.ID)
	p, err := ExportJourney(ctx, hr, w.company.ID, Options{})
	must(t, err)
	for i := range p.Rows {
		if p.Rows[i].Table == data.XJourneyYears {
			p.Rows[i].Fields["organisation_id"] = w.school.ID // not the sender
		}
	}
	before := checksum(t, coord)
	_, err = importFile(t, coord, save(t, hr, p), pass, Decisions{}, KindJourney)
	var e *Error
	if !errors.As(err, &e) || e.Code != CodeProblems {
		t.Fatalf("err %v, want problems", err)
	}
	if checksum(t, coord) != before {
		t.Error("a refused file changed the database")
	}
	// A school is not a company: no journey file for it.
	if _, err := ExportJourney(ctx, coord, w.school.ID, Options{}); err == nil {
		t.Error("a school's journey file was written")
	}
}
