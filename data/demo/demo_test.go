package demo

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"techniqual/data"
)

func generate(t testing.TB, pupils int, seed uint64) (*data.Store, Summary) {
	t.Helper()
	st, err := data.Open(context.Background(), filepath.Join(t.TempDir(), "demo.db"), data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	sum, err := Generate(context.Background(), st, Config{Pupils: pupils, Seed: seed})
	if err != nil {
		t.Fatal(err)
	}
	return st, sum
}

// dump reads everything back through the Store, as JSON.
func dump(t testing.TB, st *data.Store) string {
	t.Helper()
	ctx := context.Background()
	var parts []any
	add := func(v any, err error) {
		if err != nil {
			t.Fatal(err)
		}
		parts = append(parts, v)
	}
	add(st.ListOrganisations(ctx, ""))
	add(st.ListPeople(ctx, data.PersonFilter{}))
	add(st.ListJourneyEntries(ctx, ""))
	add(st.ListPupils(ctx, data.PupilFilter{}))
	periods, err := st.ListPeriods(ctx)
	add(periods, err)
	for _, p := range periods {
		add(st.ListFriendPairs(ctx, p.ID))
	}
	add(st.ListOffers(ctx, data.OfferFilter{}))
	add(st.ListPreferences(ctx, ""))
	add(st.ListAssignments(ctx, ""))
	add(st.ListAttendance(ctx, ""))
	add(st.ListEvents(ctx))
	add(st.ListRegistrations(ctx, ""))
	add(st.ListEvaluations(ctx, ""))
	for _, p := range periods {
		add(st.ListHostGroups(ctx, p.ID))
		add(st.ListGroupPreferences(ctx, p.ID))
		add(st.ListBlockFeedback(ctx, p.ID))
		add(st.ListTeams(ctx, p.ID))
	}
	b, err := json.Marshal(parts)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestSameSeedSameContent(t *testing.T) {
	a, _ := generate(t, 150, 7)
	b, _ := generate(t, 150, 7)
	c, _ := generate(t, 150, 8)
	da, db, dc := dump(t, a), dump(t, b), dump(t, c)
	if da != db {
		t.Errorf("seed 7 twice gave different content")
	}
	if da == dc {
		t.Errorf("seeds 7 and 8 gave the same content")
	}
}

func TestExampleDataIsBelievable(t *testing.T) {
	ctx := context.Background()
	st, sum := generate(t, 600, 1)
	if sum.Pupils != 600 || sum.Schools < 2 || sum.Periods != 3+len(exampleWeeks) || sum.Events == 0 || sum.Registrations == 0 {
		t.Fatalf("summary = %+v", sum)
	}
	pupils, _ := st.ListPupils(ctx, data.PupilFilter{})
	protected, diacritics, grade8 := 0, 0, 0
	for _, p := range pupils {
		if p.Protected {
			protected++
		}
		if strings.ContainsAny(p.Name(), "åäöéüłşğőñễ") {
			diacritics++
		}
		if p.Grade == 8 {
			grade8++
		}
	}
	if protected == 0 || diacritics < 60 || grade8 != 300 {
		t.Errorf("protected %d, names with diacritics %d, grade 8 %d", protected, diacritics, grade8)
	}
	periods, _ := st.ListPeriods(ctx)
	byName := map[string]data.Period{}
	for _, p := range periods {
		byName[p.Name] = p
	}

	p8, p9 := byName["Åk 8 v. 11 2027"], byName["Åk 9 v. 46 2026"]
	if p8.Status != data.PeriodChoosing || p9.Status != data.PeriodDone {
		t.Fatalf("periods = %+v", periods)
	}
	for _, p := range []data.Period{p8, p9} {
		offers, _ := st.ListOffers(ctx, data.OfferFilter{PeriodID: p.ID})
		seats := 0
		for _, o := range offers {
			seats += o.Capacity
			if len(o.Days) != 5 || len(o.RoleModelIDs) < 2 || len(o.RoleModelIDs) > 4 {
				t.Fatalf("offer %s: %d days, %d role models", o.Title, len(o.Days), len(o.RoleModelIDs))
			}
			for i, d := range o.Days {
				if vs := data.CheckDay(i, d); len(vs) > 0 {
					t.Fatalf("example offer breaks a working-time rule: %v", vs)
				}
			}
		}
		if seats < 360 || seats > 370 {
			t.Errorf("%s: %d seats for 300 pupils, want about 1.2×", p.Name, seats)
		}
		prefs, _ := st.ListPreferences(ctx, p.ID)
		if len(prefs) != 300*5 {
			t.Errorf("%s: %d choices, want 5 per pupil", p.Name, len(prefs))
		}
		// Zipf-like: the most chosen offer is chosen far more than the median.
		count := map[string]int{}
		for _, pr := range prefs {
			count[pr.OfferID]++
		}
		most := 0
		for _, n := range count {
			most = max(most, n)
		}
		if most < 5*len(prefs)/len(offers) {
			t.Errorf("%s: most popular offer chosen %d times, not Zipf-like", p.Name, most)
		}
		pairs, _ := st.ListFriendPairs(ctx, p.ID)
		if len(pairs) == 0 {
			t.Errorf("%s: no friend pairs", p.Name)
		}
	}
	placed, _ := st.ListAssignments(ctx, p9.ID)
	att, _ := st.ListAttendance(ctx, "")
	evals, _ := st.ListEvaluations(ctx, p9.ID)
	prev := byName["Åk 8 v. 46 2025"]
	placedPrev, _ := st.ListAssignments(ctx, prev.ID)
	if len(placed) < 200 || len(att) != 5*(len(placed)+len(placedPrev)) || len(evals) == 0 {
		t.Errorf("grade 9: %d placed, %d attendance rows, %d evaluations", len(placed), len(att), len(evals))
	}
	// Last school year's grade-8 period was taken by today's grade-9 pupils.
	if prev.Status != data.PeriodDone || prev.Grade != 8 || len(placedPrev) < 200 {
		t.Fatalf("previous year %+v, %d placed", prev, len(placedPrev))
	}
	grade := map[string]int{}
	for _, p := range pupils {
		grade[p.ID] = p.Grade
	}
	for _, a := range placedPrev {
		if grade[a.PupilID] != 9 {
			t.Fatalf("placed last year but in grade %d now", grade[a.PupilID])
		}
	}
	// Girls' interest rises a little more than boys' (means, last year).
	evPrev, _ := st.ListEvaluations(ctx, prev.ID)
	gender := map[string]data.Gender{}
	for _, p := range pupils {
		gender[p.ID] = p.Gender
	}
	var gain [2]float64
	var n [2]int
	for _, e := range evPrev {
		k := 1
		if gender[e.PupilID] == data.GenderGirl {
			k = 0
		}
		gain[k] += float64(e.InterestAfter - e.InterestBefore)
		n[k]++
	}
	if n[0] < 20 || n[1] < 20 || gain[0]/float64(n[0]) <= gain[1]/float64(n[1]) || gain[0]/float64(n[0]) > 1.5 {
		t.Errorf("last year's interest gain: girls %.2f (%d), boys %.2f (%d)", gain[0]/float64(n[0]), n[0], gain[1]/float64(n[1]), n[1])
	}
	if a8, _ := st.ListAssignments(ctx, p8.ID); len(a8) != 0 {
		t.Errorf("grade 8 is still choosing but has %d placements", len(a8))
	}
	people, _ := st.ListPeople(ctx, data.PersonFilter{Role: data.RoleRoleModel})
	for _, p := range people {
		if len(p.Journey) < 100 {
			t.Fatalf("role model %s has no real journey: %q", p.Name(), p.Journey)
		}
	}
}

func TestGenerateRefusesAbsurdSizes(t *testing.T) {
	st, err := data.Open(context.Background(), filepath.Join(t.TempDir(), "x.db"), data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := Generate(context.Background(), st, Config{Pupils: 10_000_000}); err == nil {
		t.Error("ten million pupils should be refused")
	}
	if ov, _ := st.Overview(context.Background()); !ov.Empty() {
		t.Error("a refused generation wrote data")
	}
}

// BenchmarkGenerate30k measures example data for 30,000 pupils (budget: well
// under a minute).
func BenchmarkGenerate30k(b *testing.B) {
	for i := 0; i < b.N; i++ {
		generate(b, 30000, 1)
	}
}

// BenchmarkOpenAndOverview30k measures opening a 30,000-pupil database and
// computing the overview counts (budget: well under 100 ms).
func BenchmarkOpenAndOverview30k(b *testing.B) {
	ctx := context.Background()
	path := filepath.Join(b.TempDir(), "30k.db")
	st, err := data.Open(ctx, path, data.Options{})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := Generate(ctx, st, Config{Pupils: 30000, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	st.Close()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		st, err := data.Open(ctx, path, data.Options{})
		if err != nil {
			b.Fatal(err)
		}
		ov, err := st.Overview(ctx)
		if err != nil || ov.Pupils != 30000 {
			b.Fatalf("overview %+v, %v", ov, err)
		}
		periods, _ := st.ListPeriods(ctx)
		for _, p := range periods {
			if _, err := st.PeriodOverview(ctx, p); err != nil {
				b.Fatal(err)
			}
		}
		st.Close()
	}
}

// A pupil's choices form names offers by host and title: no host has two
// offers with the same title in one period.
func TestEveryOfferIsToldApartByHostAndTitle(t *testing.T) {
	st, _ := generate(t, 600, 1)
	ctx := context.Background()
	ps, err := st.ListPeriods(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		offers, err := st.ListOffers(ctx, data.OfferFilter{PeriodID: p.ID})
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, o := range offers {
			if seen[o.HostID+o.Title] {
				t.Errorf("%s: two offers %q at one host", p.Name, o.Title)
			}
			seen[o.HostID+o.Title] = true
		}
	}
}
