package exchange

import (
	"errors"
	"sort"
	"strings"
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

// A journey file carries the company's membership (found by use: the
// company arrived without "Medlem sedan", so the coordinator saw neither a
// member nor a journey). Where the receiver already has another date, the
// two laptops disagree: a conflict to decide, never a silent overwrite.
// A laptop that does not know the date sends none.
func TestJourneyFileCarriesMembership(t *testing.T) {
	for _, c := range []struct {
		name     string
		here     string // the receiver's company and its member date ("-": no such company)
		sent     string // the sender's member date
		want     string // the receiver's date after import (with no decision)
		conflict bool
	}{
		{"empty database", "-", "2025-03-01", "2025-03-01", false},
		{"no date here", "", "2025-03-01", "2025-03-01", false},
		{"same date", "2025-03-01", "2025-03-01", "2025-03-01", false},
		{"another date", "2024-01-15", "2025-03-01", "2024-01-15", true},
		{"none sent", "2024-01-15", "", "2024-01-15", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			laptop := openStore(t, "laptop")
			w := newWorld(t, laptop)
			here := openStore(t, "here")
			if c.here != "-" {
				// The receiver has the company from the laptop's host form,
				// then its own date typed in.
				hf, err := ExportHostForm(ctx, laptop, w.company.ID, Options{})
				must(t, err)
				_, err = importFile(t, here, save(t, laptop, hf), pass, Decisions{}, KindHostForm)
				must(t, err)
				if c.here != "" {
					o, err := here.GetOrganisation(ctx, w.company.ID)
					must(t, err)
					o.MemberSince = date(c.here)
					must(t, here.SaveOrganisation(ctx, &o))
				}
			}
			o := w.company
			if c.sent != "" {
				o.MemberSince = date(c.sent)
			}
			must(t, laptop.SaveOrganisation(ctx, &o))
			hrJourney(t, laptop, w.company.ID)
			p, err := ExportJourney(ctx, laptop, w.company.ID, Options{Now: func() time.Time { return time.Now().Add(time.Minute) }})
			must(t, err)
			path := save(t, laptop, p)
			plan := mustPlan(t, here, path)
			var conflicts []string
			for _, k := range plan.Conflicts() {
				conflicts = append(conflicts, k.Field)
			}
			if got := len(conflicts) == 1 && conflicts[0] == "member_since"; got != c.conflict || (!c.conflict && len(conflicts) > 0) {
				t.Fatalf("conflicts %v, want member_since %v", conflicts, c.conflict)
			}
			_, err = importFile(t, here, path, pass, Decisions{}, KindJourney)
			var e *Error
			if c.conflict {
				if !errors.As(err, &e) || e.Code != CodeConflicts {
					t.Fatalf("undecided conflict: err %v", err)
				}
				// Decided for the file's date, it is taken.
				d := Decisions{Each: map[string]Side{ConflictKey(data.XOrganisations, w.company.ID, "member_since"): Theirs}}
				_, err = importFile(t, here, path, pass, d, KindJourney)
				must(t, err)
				c.want = c.sent
			} else {
				must(t, err)
			}
			got, err := here.GetOrganisation(ctx, w.company.ID)
			must(t, err)
			if data.FormatDate(got.MemberSince) != c.want {
				t.Errorf("member since %q, want %q", data.FormatDate(got.MemberSince), c.want)
			}
		})
	}
}

// The preview names the structured journey's rows in words: the year of
// yearly figures, the year, area and step of a measure, the area of a peer
// mark (found by use: it listed their keys).
func TestJourneyPreviewNamesRows(t *testing.T) {
	laptop := openStore(t, "laptop")
	w := newWorld(t, laptop)
	hrJourney(t, laptop, w.company.ID)
	p, err := ExportJourney(ctx, laptop, w.company.ID, Options{})
	must(t, err)
	plan := mustPlan(t, openStore(t, "coord"), save(t, laptop, p))
	got := map[string][]string{}
	for _, c := range plan.Changes {
		if c.Label == c.ID || c.Label == "" {
			t.Errorf("%s %s is named by its key", c.Table, c.ID)
		}
		got[c.Table] = append(got[c.Table], c.Label+" | "+plan.LabelIn(c.Table, c.ID, c.Label, true))
	}
	sort.Strings(got[data.XJourneyMeasures])
	for table, want := range map[string][]string{
		data.XJourneyYears: {"2026 | 2026"},
		data.XJourneyMeasures: {"2026 · Löner och andra anställningsvillkor · Analysera | 2026 · Pay and other terms of employment · Analyse",
			"2026 · Löner och andra anställningsvillkor · Undersöka | 2026 · Pay and other terms of employment · Investigate"},
		data.XJourneyPeers:  {"Rekrytering och befordran | Recruitment and promotion"},
		data.XOrganisations: {"Fryksdals Mekatronik AB | Fryksdals Mekatronik AB"},
	} {
		if strings.Join(got[table], "; ") != strings.Join(want, "; ") {
			t.Errorf("%s: %q, want %q", table, got[table], want)
		}
	}
}

// The suggested file name says what the file is and whose journey.
func TestJourneyFileName(t *testing.T) {
	for _, c := range []struct {
		who  string
		en   bool
		want string
	}{
		{"Ölme Kodverkstad AB", false, "Jämställdhetsresa Ölme Kodverkstad AB 2026-12-06.techniqual"},
		{"Ölme Kodverkstad AB", true, "Equality journey Ölme Kodverkstad AB 2026-12-06.techniqual"},
		{"A/B Teknik: Väst", false, "Jämställdhetsresa A B Teknik Väst 2026-12-06.techniqual"},
	} {
		if got := FileName(KindJourney, c.who, "2026-12-06", c.en); got != c.want {
			t.Errorf("%q: %q, want %q", c.who, got, c.want)
		}
	}
}
