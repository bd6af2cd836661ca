package data_test

import (
	"context"
	"errors"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"

	"techniqual/data"
	"techniqual/data/demo"
	"techniqual/data/match"
)

// allocWorld is a small period: grade 9 at one school, four offers (one
// only for pupils of 16, one not approved) and four pupils, one of them in
// grade 8 with choices in the period and one at another school.
type allocWorld struct {
	st                       *data.Store
	period                   data.Period
	offer, old, draft, small data.Offer
	alva, lukasz, elin, omar data.Pupil
}

func newAllocWorld(t testing.TB) *allocWorld {
	t.Helper()
	ctx := context.Background()
	st, err := data.Open(ctx, filepath.Join(t.TempDir(), "a.db"), data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	w := &allocWorld{st: st}
	school := data.Organisation{Kind: data.KindSchool, Name: "Älvkulleskolan"}
	must(st.SaveOrganisation(ctx, &school))
	other := data.Organisation{Kind: data.KindSchool, Name: "Herrhagsskolan"}
	must(st.SaveOrganisation(ctx, &other))
	co := data.Organisation{Kind: data.KindCompany, Name: "Fryksdals Mekatronik AB"}
	must(st.SaveOrganisation(ctx, &co))
	boss := data.Person{OrganisationID: co.ID, FirstName: "Paweł", LastName: "Wiśniewski", Roles: []data.Role{data.RoleSupervisor}}
	must(st.SavePerson(ctx, &boss))
	w.period = data.Period{Name: "Åk 9 v. 46 2026", Grade: 9, Start: date("2026-11-09"), End: date("2026-11-13"),
		Status: data.PeriodChoosing, SchoolIDs: []string{school.ID}}
	must(st.SavePeriod(ctx, &w.period))
	var days []data.OfferDay
	for _, d := range data.Weekdays(w.period.Start, w.period.End) {
		days = append(days, data.OfferDay{Date: d, Start: 8 * 60, End: 15 * 60, BreakMinutes: 45})
	}
	offer := func(o *data.Offer, title string, capacity, minAge int, status data.OfferStatus) {
		*o = data.Offer{HostID: co.ID, PeriodID: w.period.ID, Title: title, Capacity: capacity, MinAge: minAge,
			Safety: data.Safety{RiskAssessment: true, ProtectiveGear: true, Introduction: true, SupervisorAdult: true,
				EmergencyRoutine: true}, Status: status, Days: days, VisitingAddress: "Verkstadsvägen 3", SupervisorID: boss.ID}
		must(st.SaveOffer(ctx, o))
	}
	offer(&w.offer, "Automation", 2, 0, data.OfferApproved)
	offer(&w.old, "Svetsning", 2, 16, data.OfferApproved)
	offer(&w.draft, "Elektronik", 2, 0, data.OfferSubmitted)
	offer(&w.small, "Robotlabbet", 1, 0, data.OfferApproved)
	pupil := func(p *data.Pupil, first, last string, grade int, school string, born string, g data.Gender) {
		*p = data.Pupil{SchoolID: school, FirstName: first, LastName: last, ClassName: "9B", Grade: grade, Gender: g}
		if born != "" {
			p.BirthDate = date(born)
		}
		must(st.SavePupil(ctx, p))
	}
	pupil(&w.alva, "Alva", "Andersson", 9, school.ID, "2011-05-04", data.GenderGirl)
	pupil(&w.lukasz, "Łukasz", "Berg", 9, school.ID, "", data.GenderBoy)
	pupil(&w.elin, "Elin", "Carlsson", 8, school.ID, "2012-01-01", data.GenderGirl)
	pupil(&w.omar, "Omar", "Dahl", 9, other.ID, "2011-02-02", data.GenderBoy)
	must(st.SetPreferences(ctx, w.alva.ID, w.period.ID, []string{w.old.ID, w.draft.ID, w.offer.ID, w.small.ID}))
	must(st.SetPreferences(ctx, w.lukasz.ID, w.period.ID, []string{w.small.ID, w.offer.ID}))
	must(st.SetPreferences(ctx, w.elin.ID, w.period.ID, []string{w.offer.ID}))
	must(st.AddFriendPair(ctx, data.FriendPair{PeriodID: w.period.ID, PupilA: w.alva.ID, PupilB: w.lukasz.ID}))
	return w
}

func date(s string) time.Time {
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return d
}

// arcs returns, per pupil id, the offer ids the first solve lets them use.
func arcs(a *data.Allocation, res *match.Result) map[string][]string {
	s := res.Solves[0]
	np := len(s.Pupils)
	out := map[string][]string{}
	for id := 0; id < s.Network.NumArcs(); id++ {
		arc := s.Network.Arc(id)
		if arc.From < np && arc.To >= np && arc.To < np+len(a.Offers) {
			p := a.Pupils[s.Pupils[arc.From]].ID
			out[p] = append(out[p], a.Offers[arc.To-np].ID)
		}
	}
	for k := range out {
		slices.Sort(out[k])
	}
	return out
}

func sorted(ids ...string) []string { slices.Sort(ids); return ids }

func TestLoadAllocationKeepsOnlyEligibleArcs(t *testing.T) {
	w := newAllocWorld(t)
	ctx := context.Background()
	a, err := w.st.LoadAllocation(ctx, w.period.ID)
	if err != nil {
		t.Fatal(err)
	}
	// Omar's school does not take part and he has no choices: not in the problem.
	var ids []string
	for _, p := range a.Pupils {
		ids = append(ids, p.ID)
	}
	if want := sorted(w.alva.ID, w.lukasz.ID, w.elin.ID); !reflect.DeepEqual(sorted(ids...), want) {
		t.Fatalf("pupils %v, want Alva, Łukasz and Elin", ids)
	}
	if len(a.Offers) != 4 || len(a.Instance.Friends) != 1 {
		t.Fatalf("%d offers, %d friend pairs", len(a.Offers), len(a.Instance.Friends))
	}
	ia, _ := a.PupilIndex(w.alva.ID)
	if got := len(a.Instance.Pupils[ia].Choices); got != 4 {
		t.Fatalf("Alva has %d choices", got)
	}
	res, err := a.Run(ctx, match.Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := arcs(a, res)
	// Alva: too young for Svetsning (16), Elektronik not approved.
	if want := sorted(w.offer.ID, w.small.ID); !reflect.DeepEqual(got[w.alva.ID], want) {
		t.Errorf("Alva's arcs %v, want Automation and Robotlabbet", got[w.alva.ID])
	}
	if want := sorted(w.offer.ID, w.small.ID); !reflect.DeepEqual(got[w.lukasz.ID], want) {
		t.Errorf("Łukasz's arcs %v", got[w.lukasz.ID])
	}
	// Elin is in grade 8: no arc, and her explanation says why.
	if len(got[w.elin.ID]) != 0 {
		t.Errorf("Elin (grade 8) has arcs %v", got[w.elin.ID])
	}
	ie, _ := a.PupilIndex(w.elin.ID)
	ex, ok := res.Explanations[ie]
	if !ok || ex.Removed[match.WrongGrade] != 1 {
		t.Errorf("Elin's explanation = %+v", ex)
	}
	if res.Placed != 2 || res.Unplaced != 1 {
		t.Errorf("placed %d, unplaced %d", res.Placed, res.Unplaced)
	}
	// The rule check for a manual move says the same.
	io, _ := a.OfferIndex(w.old.ID)
	id, _ := a.OfferIndex(w.draft.ID)
	if r := a.Broken(ia, io); !reflect.DeepEqual(r, []match.Reason{match.TooYoung}) {
		t.Errorf("Alva at Svetsning breaks %v", r)
	}
	if r := a.Broken(ie, id); !reflect.DeepEqual(r, []match.Reason{match.WrongGrade, match.NotApproved}) {
		t.Errorf("Elin at Elektronik breaks %v", r)
	}
}

func TestSaveAllocationKeepsLocksAndUndoRestores(t *testing.T) {
	w := newAllocWorld(t)
	ctx := context.Background()
	st := w.st
	// Łukasz is locked to Automation (his 2nd choice); Alva was put at
	// Svetsning by hand, with a comment.
	lock := data.Assignment{PeriodID: w.period.ID, PupilID: w.lukasz.ID, OfferID: w.offer.ID, Locked: true, Source: data.SourceManual}
	if err := st.SaveAssignment(ctx, &lock); err != nil {
		t.Fatal(err)
	}
	manual := data.Assignment{PeriodID: w.period.ID, PupilID: w.alva.ID, OfferID: w.old.ID, Source: data.SourceManual,
		SupervisorComment: "Bra!"}
	if err := st.SaveAssignment(ctx, &manual); err != nil {
		t.Fatal(err)
	}
	before, _ := st.ListAssignments(ctx, w.period.ID)

	a, err := st.LoadAllocation(ctx, w.period.ID)
	if err != nil {
		t.Fatal(err)
	}
	il, _ := a.PupilIndex(w.lukasz.ID)
	ia, _ := a.PupilIndex(w.alva.ID)
	if a.Instance.Pupils[il].Locked == match.NoOffer || a.Instance.Pupils[ia].Locked != match.NoOffer {
		t.Fatal("the lock was not loaded, or the manual placement was taken for a lock")
	}
	in := a.WithLocks(a.CurrentLocks(), match.Options{})
	res, err := match.Allocate(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	undo, err := st.SaveAllocation(ctx, a, a.Plan(in, res), true)
	if err != nil {
		t.Fatal(err)
	}
	after, _ := st.ListAssignments(ctx, w.period.ID)
	byPupil := map[string]data.Assignment{}
	for _, r := range after {
		byPupil[r.PupilID] = r
	}
	if got := byPupil[w.lukasz.ID]; got.ID != lock.ID || !got.Locked || got.OfferID != w.offer.ID {
		t.Errorf("the lock was not kept: %+v", got)
	}
	// Alva is moved from her manual placement to her best eligible choice,
	// the second seat of Automation (3rd choice).
	if got := byPupil[w.alva.ID]; got.OfferID != w.offer.ID || got.Source != data.SourceAuto || got.Locked {
		t.Errorf("Alva = %+v, want auto at Automation", got)
	}
	if len(after) != res.Placed {
		t.Errorf("%d rows for %d placed", len(after), res.Placed)
	}
	if per, _ := st.GetPeriod(ctx, w.period.ID); per.Status != data.PeriodMatched {
		t.Errorf("status %s, want matched", per.Status)
	}
	seats, _ := st.TakenSeats(ctx, w.period.ID)
	if seats[w.offer.ID] != 2 {
		t.Errorf("taken seats %v", seats)
	}

	if err := st.UndoAllocation(ctx, undo); err != nil {
		t.Fatal(err)
	}
	restored, _ := st.ListAssignments(ctx, w.period.ID)
	if !reflect.DeepEqual(stripUpdated(restored), stripUpdated(before)) {
		t.Errorf("undo gave\n%+v\nwant\n%+v", restored, before)
	}
	if per, _ := st.GetPeriod(ctx, w.period.ID); per.Status != data.PeriodChoosing {
		t.Errorf("status after undo %s, want choosing", per.Status)
	}
}

func stripUpdated(rs []data.Assignment) []data.Assignment {
	out := slices.Clone(rs)
	for i := range out {
		out[i].UpdatedAt = time.Time{}
	}
	return out
}

func TestSaveAllocationIsAllOrNothing(t *testing.T) {
	w := newAllocWorld(t)
	ctx := context.Background()
	st := w.st
	if err := st.SaveAssignment(ctx, &data.Assignment{PeriodID: w.period.ID, PupilID: w.alva.ID, OfferID: w.old.ID}); err != nil {
		t.Fatal(err)
	}
	before, _ := st.ListAssignments(ctx, w.period.ID)
	a, err := st.LoadAllocation(ctx, w.period.ID)
	if err != nil {
		t.Fatal(err)
	}
	// Robotlabbet is withdrawn after loading; the last pupil of the plan is
	// put there, everyone before them somewhere valid.
	if err := st.DeleteOffer(ctx, w.small.ID); err != nil {
		t.Fatal(err)
	}
	io, _ := a.OfferIndex(w.offer.ID)
	is, _ := a.OfferIndex(w.small.ID)
	plan := make([]data.Placement, len(a.Pupils))
	for i := range plan {
		plan[i] = data.Placement{Offer: io, Source: data.SourceManual}
	}
	plan[len(plan)-1].Offer = is
	if _, err := st.SaveAllocation(ctx, a, plan, true); err == nil {
		t.Fatal("saving a placement at a withdrawn offer worked")
	} else if ve := (*data.ValidationError)(nil); !errors.As(err, &ve) {
		t.Errorf("error %v is not a validation error", err)
	}
	after, _ := st.ListAssignments(ctx, w.period.ID)
	if !reflect.DeepEqual(after, before) {
		t.Errorf("a failed save changed the placements:\n%+v\nwas\n%+v", after, before)
	}
	if per, _ := st.GetPeriod(ctx, w.period.ID); per.Status != data.PeriodChoosing {
		t.Errorf("a failed save set the status to %s", per.Status)
	}
}

func TestStatsAndDiff(t *testing.T) {
	w := newAllocWorld(t)
	a, err := w.st.LoadAllocation(context.Background(), w.period.ID)
	if err != nil {
		t.Fatal(err)
	}
	ia, _ := a.PupilIndex(w.alva.ID)
	il, _ := a.PupilIndex(w.lukasz.ID)
	ie, _ := a.PupilIndex(w.elin.ID)
	io, _ := a.OfferIndex(w.offer.ID)
	is, _ := a.OfferIndex(w.small.ID)
	id, _ := a.OfferIndex(w.draft.ID)
	x := make([]int, len(a.Pupils))
	y := make([]int, len(a.Pupils))
	x[ia], x[il], x[ie] = io, is, match.NoOffer
	y[ia], y[il], y[ie] = is, match.NoOffer, id
	s := a.Stats(x)
	if s.Placed != 2 || s.Unplaced != 1 || s.RankCounts[0] != 1 || s.RankCounts[2] != 1 || s.PerOffer[io].Girls != 1 ||
		s.PerOffer[is].Boys != 1 {
		t.Errorf("stats %+v", s)
	}
	if s := a.Stats(y); s.OffChoice != 1 || s.RankCounts[3] != 1 {
		t.Errorf("stats %+v", s)
	}
	d := data.DiffPlacements(x, y)
	kinds := map[int]string{}
	for _, c := range d {
		kinds[c.Pupil] = c.Kind()
	}
	if want := map[int]string{ia: "moved", il: "removed", ie: "new"}; !reflect.DeepEqual(kinds, want) {
		t.Errorf("diff %v, want %v", kinds, want)
	}
}

// benchMatch times loading the grade 8 period of example data and solving
// it. The example data splits its pupils between two periods, so pupils
// is twice the size of the problem.
func benchMatch(b *testing.B, pupils int) {
	ctx := context.Background()
	st, err := data.Open(ctx, filepath.Join(b.TempDir(), "bench.db"), data.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	if _, err := demo.Generate(ctx, st, demo.Config{Pupils: pupils, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	per, err := st.FindPeriod(ctx, "Åk 8 v. 11 2027")
	if err != nil {
		b.Fatal(err)
	}
	var a *data.Allocation
	b.Run("load", func(b *testing.B) {
		for b.Loop() {
			if a, err = st.LoadAllocation(ctx, per.ID); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(len(a.Pupils)), "pupils")
		b.ReportMetric(float64(len(a.Offers)), "offers")
	})
	for _, c := range []struct {
		name string
		opts match.Options
	}{
		{"allocate", match.Options{}},
		{"rank_maximal", match.Options{RankMaximal: true}},
		{"soft_goals", match.Options{FriendsTogether: true, NoLoneGender: true}},
	} {
		b.Run(c.name, func(b *testing.B) {
			var res *match.Result
			for b.Loop() {
				if res, err = a.Run(ctx, c.opts); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(res.Placed), "placed")
		})
	}
}

func BenchmarkMatchExampleData3k(b *testing.B)  { benchMatch(b, 6000) }
func BenchmarkMatchExampleData30k(b *testing.B) { benchMatch(b, 60000) }

// TestPupilAssignment: a pupil's live placement in a period, none when
// they have none there or it was cleared.
func TestPupilAssignment(t *testing.T) {
	ctx := context.Background()
	w := newAllocWorld(t)
	st := w.st
	if err := st.SaveAssignment(ctx, &data.Assignment{PeriodID: w.period.ID, PupilID: w.alva.ID, OfferID: w.offer.ID, Locked: true}); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name          string
		pupil, period string
		wantOK        bool
		wantOffer     string
		wantLocked    bool
	}{
		{"placed", w.alva.ID, w.period.ID, true, w.offer.ID, true},
		{"not placed", w.elin.ID, w.period.ID, false, "", false},
		{"another period", w.alva.ID, "no-such-period", false, "", false},
	}
	for _, c := range cases {
		a, ok, err := st.PupilAssignment(ctx, c.pupil, c.period)
		if err != nil || ok != c.wantOK || a.OfferID != c.wantOffer || a.Locked != c.wantLocked {
			t.Errorf("%s: %+v %v %v", c.name, a, ok, err)
		}
	}
	if err := st.ClearAssignment(ctx, w.period.ID, w.alva.ID); err != nil {
		t.Fatal(err)
	}
	if _, ok, err := st.PupilAssignment(ctx, w.alva.ID, w.period.ID); ok || err != nil {
		t.Errorf("a cleared placement is still found (%v, %v)", ok, err)
	}
}
