package data

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"testing"
)

// AddChoices saves what SetPreferences saves, for many pupils at once,
// and refuses what it refuses, saving nothing then.
func TestAddChoicesIsSetPreferencesForMany(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	w := newWorld(t, st)
	// A second period with an offer of its own, and enough offers and
	// pupils that one call spans several statements.
	other := Period{Name: "Åk 8 v. 11 2027", Grade: 8, Start: mustDate("2027-03-15"), End: mustDate("2027-03-19"), SchoolIDs: []string{w.school.ID}}
	if err := st.SavePeriod(ctx, &other); err != nil {
		t.Fatal(err)
	}
	elsewhere := Offer{HostID: w.company.ID, PeriodID: other.ID, Title: "Annan vecka", Capacity: 2}
	if err := st.SaveOffer(ctx, &elsewhere); err != nil {
		t.Fatal(err)
	}
	offers := []string{w.offer.ID}
	for i := range 5 {
		o := Offer{HostID: w.company.ID, PeriodID: w.period.ID, Title: fmt.Sprintf("Plats %d", i), Capacity: 3}
		if err := st.SaveOffer(ctx, &o); err != nil {
			t.Fatal(err)
		}
		offers = append(offers, o.ID)
	}
	var pupils []string
	for i := range 60 {
		p := Pupil{SchoolID: w.school.ID, FirstName: fmt.Sprintf("Elev%d", i), LastName: "Testsson", Grade: 9, ClassName: "9A"}
		if err := st.SavePupil(ctx, &p); err != nil {
			t.Fatal(err)
		}
		pupils = append(pupils, p.ID)
	}
	var all []PupilChoices
	for i, p := range pupils {
		n := 1 + i%MaxChoices
		var ch []string
		for k := range n {
			ch = append(ch, offers[(i+k)%len(offers)])
		}
		all = append(all, PupilChoices{PupilID: p, OfferIDs: ch})
	}

	bad := []struct {
		name    string
		choices []PupilChoices
		key     string
	}{
		{"too many", []PupilChoices{{PupilID: pupils[0], OfferIDs: append(offers, w.offer.ID)}}, "err.too_many_choices"},
		{"twice", []PupilChoices{{PupilID: pupils[0], OfferIDs: []string{offers[1], offers[1]}}}, "err.duplicate_choice"},
		{"other period, last of many", append(all[:len(all):len(all)], PupilChoices{PupilID: w.alva.ID, OfferIDs: []string{elsewhere.ID}}), "err.offer_not_in_period"},
		{"no such offer", []PupilChoices{{PupilID: pupils[0], OfferIDs: []string{"nope"}}}, "err.offer_not_in_period"},
	}
	for _, c := range bad {
		err := st.AddChoices(ctx, w.period.ID, c.choices)
		var ve *ValidationError
		if !errors.As(err, &ve) || ve.Fields[0].Key != c.key {
			t.Errorf("%s: err = %v, want %s", c.name, err, c.key)
		}
		if got, _ := st.ListPreferences(ctx, w.period.ID); len(got) != 0 {
			t.Errorf("%s: %d choices saved", c.name, len(got))
		}
	}

	if err := st.AddChoices(ctx, w.period.ID, all); err != nil {
		t.Fatal(err)
	}
	got, err := st.ListPreferences(ctx, w.period.ID)
	if err != nil {
		t.Fatal(err)
	}
	// Every choice as given, ranked in order.
	var want []Preference
	for _, c := range all {
		for r, o := range c.OfferIDs {
			want = append(want, Preference{PupilID: c.PupilID, PeriodID: w.period.ID, OfferID: o, Rank: r + 1})
		}
	}
	byPupil := func(ps []Preference) map[string][]Preference {
		m := map[string][]Preference{}
		for _, p := range ps {
			m[p.PupilID] = append(m[p.PupilID], p)
		}
		return m
	}
	if !reflect.DeepEqual(byPupil(got), byPupil(want)) {
		t.Errorf("saved %d choices, want %d as given", len(got), len(want))
	}
	// A pupil who already has choices in the period: refused, nothing added.
	if err := st.AddChoices(ctx, w.period.ID, []PupilChoices{{PupilID: pupils[1], OfferIDs: []string{offers[0]}}}); err == nil {
		t.Error("choices added to a pupil who has choices")
	}
	if again, _ := st.ListPreferences(ctx, w.period.ID); len(again) != len(got) {
		t.Errorf("%d choices after a refused call, want %d", len(again), len(got))
	}
	// Keys given are the rows' keys.
	if err := st.AddChoices(ctx, other.ID, []PupilChoices{{PupilID: w.alva.ID, OfferIDs: []string{elsewhere.ID}, IDs: []string{"nyckel-1"}}}); err != nil {
		t.Fatal(err)
	}
	var id string
	if err := st.db.QueryRowContext(ctx, `SELECT id FROM preferences WHERE period_id = ?`, other.ID).Scan(&id); err != nil || id != "nyckel-1" {
		t.Errorf("key %q, %v", id, err)
	}
}
