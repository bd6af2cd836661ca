package data_test

import (
	"context"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"

	"techniqual/data"
	"techniqual/data/demo"
	"techniqual/data/match"
)

// loadWorld is example data with the cases a loader can get wrong added:
// locked placements, a pupil locked to a withdrawn offer, pupils of
// another grade with choices or only a placement in a period, a pupil in
// the bin with choices, a chosen offer in the bin, friends who are not in
// the problem, and a period that names only some schools.
type loadWorld struct {
	st                   *data.Store
	choosing, matched    data.Period
	lockedAway, deleted  string // pupil ids that must not be in the problem
	otherGrade, placedIn string // pupils of grade 9 in the grade 8 period
	locked               int    // locked placements in matched
}

func newLoadWorld(t *testing.T) *loadWorld {
	t.Helper()
	ctx := context.Background()
	st, err := data.Open(ctx, filepath.Join(t.TempDir(), "load.db"), data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := demo.Generate(ctx, st, demo.Config{Pupils: 600, Seed: 7}); err != nil {
		t.Fatal(err)
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	w := &loadWorld{st: st}
	periods, err := st.ListPeriods(ctx)
	must(err)
	for _, p := range periods {
		switch {
		case p.Format != data.FormatWeek && p.Grade == 8 && p.Status == data.PeriodChoosing:
			w.choosing = p
		case p.Format != data.FormatWeek && p.Grade == 9:
			w.matched = p
		}
	}
	if w.choosing.ID == "" || w.matched.ID == "" {
		t.Fatalf("the example data has no classic grade 8 period being chosen or grade 9 period: %+v", periods)
	}

	// Every fifth placement of the grade 9 period is locked; one pupil is
	// locked to an offer that is then withdrawn (they leave the problem).
	rows, err := st.ListAssignments(ctx, w.matched.ID)
	must(err)
	if len(rows) < 50 {
		t.Fatalf("%d placements in %s", len(rows), w.matched.Name)
	}
	for k := 0; k < len(rows); k += 5 {
		r := rows[k]
		r.Locked, r.Source = true, data.SourceManual
		must(st.SaveAssignment(ctx, &r))
	}
	away := rows[0]
	w.lockedAway = away.PupilID
	for _, r := range rows { // the offer's other pupils lose their placement with it
		if r.OfferID == away.OfferID && r.PupilID != away.PupilID {
			must(st.ClearAssignment(ctx, w.matched.ID, r.PupilID))
		}
	}
	must(st.DeleteOffer(ctx, away.OfferID))
	rows, err = st.ListAssignments(ctx, w.matched.ID)
	must(err)
	for _, r := range rows {
		if r.Locked && r.PupilID != w.lockedAway {
			w.locked++
		}
	}

	// The grade 8 period: a grade 9 pupil with choices and another with
	// only a placement; a chosen offer and a pupil with choices in the bin.
	prefs, err := st.ListPreferences(ctx, w.choosing.ID)
	must(err)
	offers, err := st.ListOffers(ctx, data.OfferFilter{PeriodID: w.choosing.ID})
	must(err)
	nines, err := st.ListPupils(ctx, data.PupilFilter{Grade: 9})
	must(err)
	w.otherGrade, w.placedIn = nines[0].ID, nines[1].ID
	// A draft without programme days starts on the period's first day.
	bare := data.Offer{HostID: offers[0].HostID, PeriodID: w.choosing.ID, Title: "Utan dagar", Capacity: 3, MinAge: 15}
	must(st.SaveOffer(ctx, &bare))
	must(st.SetPreferences(ctx, w.otherGrade, w.choosing.ID, []string{offers[3].ID, offers[1].ID, bare.ID, offers[2].ID}))
	// A pupil with protected identity and no birth date.
	hidden, err := st.GetPupil(ctx, prefs[1].PupilID)
	must(err)
	hidden.Protected, hidden.BirthDate = true, time.Time{}
	must(st.SavePupil(ctx, &hidden))
	must(st.SaveAssignment(ctx, &data.Assignment{PeriodID: w.choosing.ID, PupilID: w.placedIn, OfferID: offers[4].ID,
		Source: data.SourceManual}))
	must(st.SaveAssignment(ctx, &data.Assignment{PeriodID: w.choosing.ID, PupilID: prefs[0].PupilID, OfferID: offers[5].ID,
		Locked: true, Source: data.SourceManual}))
	must(st.DeleteOffer(ctx, offers[1].ID)) // the 2nd choice of the grade 9 pupil and of others
	w.deleted = prefs[len(prefs)-1].PupilID
	must(st.AddFriendPair(ctx, data.FriendPair{PeriodID: w.choosing.ID, PupilA: w.deleted, PupilB: prefs[0].PupilID}))
	must(st.AddFriendPair(ctx, data.FriendPair{PeriodID: w.choosing.ID, PupilA: w.otherGrade, PupilB: prefs[0].PupilID}))
	must(st.DeletePupil(ctx, w.deleted))

	// The grade 8 period names only half of its schools; some pupils of the
	// others lose their choices (they leave the problem), the rest keep them
	// (they stay, to be explained).
	half := w.choosing.SchoolIDs[:len(w.choosing.SchoolIDs)/2]
	w.choosing.SchoolIDs = half
	must(st.SavePeriod(ctx, &w.choosing))
	eights, err := st.ListPupils(ctx, data.PupilFilter{Grade: 8})
	must(err)
	cleared := 0
	for _, p := range eights {
		if !slices.Contains(half, p.SchoolID) && cleared < 20 {
			must(st.SetPreferences(ctx, p.ID, w.choosing.ID, nil))
			cleared++
		}
	}
	if cleared < 20 {
		t.Fatalf("only %d pupils at schools outside the period", cleared)
	}
	return w
}

// TestLoadAllocationAsBefore checks that LoadAllocation gives exactly the
// Allocation that the loader before issue #16 gave (kept in export_test.go
// as the reference), with its pupils and offers cut to the fields an
// Allocation documents, for every period of the example data, outside and
// inside a transaction, and that the matcher places everyone the same.
func TestLoadAllocationAsBefore(t *testing.T) {
	ctx := context.Background()
	w := newLoadWorld(t)
	st := w.st
	periods, err := st.ListPeriods(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, per := range append(periods, data.Period{ID: "no-such-period"}) {
		t.Run(per.Name, func(t *testing.T) {
			want, wantErr := st.LoadAllocationReference(ctx, per.ID)
			want = matchingView(want)
			got, err := st.LoadAllocation(ctx, per.ID)
			if (err != nil) != (wantErr != nil) {
				t.Fatalf("error %v, want %v", err, wantErr)
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("LoadAllocation differs from the reference:\n%s", allocDiff(got, want))
			}
			// A long list of choices is read in two halves at once; here
			// every list is.
			restore := data.SplitChoicesFrom(1)
			halves, err := st.LoadAllocation(ctx, per.ID)
			restore()
			if (err != nil) != (wantErr != nil) {
				t.Fatalf("in halves: error %v, want %v", err, wantErr)
			}
			if !reflect.DeepEqual(halves, want) {
				t.Fatalf("LoadAllocation in halves differs from the reference:\n%s", allocDiff(halves, want))
			}
			var inTx *data.Allocation
			if err := st.InTx(ctx, func(tx *data.Store) error {
				inTx, err = tx.LoadAllocation(ctx, per.ID)
				return err
			}); (err != nil) != (wantErr != nil) {
				t.Fatalf("in a transaction: error %v, want %v", err, wantErr)
			}
			if !reflect.DeepEqual(inTx, want) {
				t.Fatalf("LoadAllocation in a transaction differs from the reference:\n%s", allocDiff(inTx, want))
			}
		})
	}

	// The cases the world set up are in the problems.
	a, err := st.LoadAllocation(ctx, w.choosing.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		what string
		id   string
		in   bool
	}{
		{"the grade 9 pupil with choices", w.otherGrade, true},
		{"the grade 9 pupil with a placement", w.placedIn, true},
		{"the pupil in the bin", w.deleted, false},
	} {
		if _, ok := a.PupilIndex(c.id); ok != c.in {
			t.Errorf("%s: in the problem %v, want %v", c.what, ok, c.in)
		}
	}
	if i, _ := a.PupilIndex(w.otherGrade); len(a.Instance.Pupils[i].Choices) != 3 {
		t.Errorf("the grade 9 pupil has choices %v, want the 1st, 3rd and 4th (the 2nd is in the bin)", a.Instance.Pupils[i].Choices)
	} else if j := a.Instance.Pupils[i].Choices[1]; !a.Instance.Offers[j].FirstDay.Equal(w.choosing.Start) {
		t.Errorf("the offer without days starts on %v, want the period's first day", a.Instance.Offers[j].FirstDay)
	}
	m, err := st.LoadAllocation(ctx, w.matched.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := m.PupilIndex(w.lockedAway); ok {
		t.Error("the pupil locked to a withdrawn offer is in the problem")
	}
	locked := 0
	for _, p := range m.Instance.Pupils {
		if p.Locked != match.NoOffer {
			locked++
		}
	}
	if locked != w.locked || len(m.Instance.Friends) == 0 {
		t.Errorf("%d locked pupils, want %d; %d friend pairs", locked, w.locked, len(m.Instance.Friends))
	}

	// The same problem gives the same placement.
	ref, err := st.LoadAllocationReference(ctx, w.matched.ID)
	if err != nil {
		t.Fatal(err)
	}
	opts := match.Options{FriendsTogether: true, NoLoneGender: true}
	got, err := m.Run(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	want, err := ref.Run(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Assign, want.Assign) {
		t.Error("the matcher places the pupils of the new loader differently")
	}
}

// TestListOffersAsBefore checks that ListOffers gives exactly what it gave
// before its blocks' role models got a query of their own, on example data
// whose teknikprao weeks have role models per block.
func TestListOffersAsBefore(t *testing.T) {
	ctx := context.Background()
	w := newLoadWorld(t)
	st := w.st
	all, err := st.ListOffers(ctx, data.OfferFilter{})
	if err != nil {
		t.Fatal(err)
	}
	blockModels := 0
	for _, o := range all {
		for _, d := range o.Days {
			blockModels += len(d.RoleModelIDs)
		}
	}
	if blockModels == 0 {
		t.Fatal("the example data has no role models per block")
	}
	filters := []data.OfferFilter{{}, {PeriodID: w.choosing.ID}, {PeriodID: w.matched.ID, Status: data.OfferApproved},
		{HostID: all[0].HostID}, {PeriodID: "no-such-period"}}
	periods, err := st.ListPeriods(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range periods {
		filters = append(filters, data.OfferFilter{PeriodID: p.ID})
	}
	for _, f := range filters {
		got, err := st.ListOffers(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		want, err := st.ListOffersReference(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("ListOffers(%+v) differs from the reference: %d offers, want %d", f, len(got), len(want))
		}
	}
	one, err := st.GetOffer(ctx, all[len(all)-1].ID)
	if err != nil || !reflect.DeepEqual(one, all[len(all)-1]) {
		t.Errorf("GetOffer = %+v, %v; want %+v", one, err, all[len(all)-1])
	}
}

// matchingView is a with its pupils and offers cut to the fields that the
// Allocation type documents (those the matching uses and shows), and the
// first day of its offers without a minimum age the period's first day.
func matchingView(a *data.Allocation) *data.Allocation {
	if a == nil {
		return nil
	}
	c := *a
	c.Pupils, c.Offers = nil, nil
	for _, p := range a.Pupils {
		c.Pupils = append(c.Pupils, data.Pupil{ID: p.ID, SchoolID: p.SchoolID, FirstName: p.FirstName, LastName: p.LastName,
			ClassName: p.ClassName, Grade: p.Grade, BirthDate: p.BirthDate, Gender: p.Gender, Protected: p.Protected})
	}
	for _, o := range a.Offers {
		c.Offers = append(c.Offers, data.Offer{ID: o.ID, HostID: o.HostID, PeriodID: o.PeriodID, Title: o.Title,
			Capacity: o.Capacity, MinAge: o.MinAge, Status: o.Status})
	}
	// An offer's first day only matters for its minimum age; LoadAllocation
	// looks it up only for the offers that have one.
	if a.Instance != nil {
		in := *a.Instance
		in.Offers = slices.Clone(in.Offers)
		for j := range in.Offers {
			if in.Offers[j].MinAge == 0 {
				in.Offers[j].FirstDay = a.Period.Start
			}
		}
		c.Instance = &in
	}
	return &c
}

// allocDiff names the first parts of two Allocations that differ.
func allocDiff(got, want *data.Allocation) string {
	if got == nil || want == nil {
		return "one of them is nil"
	}
	var out string
	check := func(name string, g, w any) {
		if !reflect.DeepEqual(g, w) {
			out += name + " differ\n"
		}
	}
	check("Period", got.Period, want.Period)
	check("Pupils", got.Pupils, want.Pupils)
	check("Offers", got.Offers, want.Offers)
	check("Current", got.Current, want.Current)
	if got.Instance != nil && want.Instance != nil {
		check("Instance.Pupils", got.Instance.Pupils, want.Instance.Pupils)
		check("Instance.Offers", got.Instance.Offers, want.Instance.Offers)
		check("Instance.Friends", got.Instance.Friends, want.Instance.Friends)
	}
	if out == "" {
		out = "the indexes differ"
	}
	return out
}
