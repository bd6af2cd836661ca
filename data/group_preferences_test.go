package data

import (
	"context"
	"errors"
	"testing"
)

func TestGroupPreferences(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	w := newWeekWorld(t, st)
	gs := w.groups(t, st)
	mustT(t)(st.SetGroupPreferences(ctx, w.pupils[0].ID, w.period.ID, []string{gs[1].ID, gs[0].ID}))
	mustT(t)(st.SetGroupPreferences(ctx, w.pupils[1].ID, w.period.ID, []string{gs[0].ID}))
	got, err := st.ListGroupPreferences(ctx, w.period.ID)
	mustT(t)(err)
	if len(got) != 3 {
		t.Fatalf("choices = %+v", got)
	}
	for _, g := range got {
		if g.PupilID == w.pupils[0].ID && g.Rank == 1 && g.GroupID != gs[1].ID {
			t.Errorf("first choice = %+v", g)
		}
	}
	// Replacing the choices replaces them.
	mustT(t)(st.SetGroupPreferences(ctx, w.pupils[0].ID, w.period.ID, nil))
	if got, _ := st.ListGroupPreferences(ctx, w.period.ID); len(got) != 1 {
		t.Errorf("after clearing: %+v", got)
	}
	cases := []struct {
		name   string
		groups []string
		key    string
	}{
		{"same group twice", []string{gs[0].ID, gs[0].ID}, "err.duplicate_group_choice"},
		{"too many", []string{gs[0].ID, gs[1].ID, "c", "d", "e", "f"}, "err.too_many_choices"},
		{"group of no period", []string{gs[0].ID, "no-such-group"}, "err.group_not_in_period"},
	}
	before := checksum(t, st)
	for _, c := range cases {
		err := st.SetGroupPreferences(ctx, w.pupils[1].ID, w.period.ID, c.groups)
		var ve *ValidationError
		if !errors.As(err, &ve) || ve.Fields[0].Key != c.key {
			t.Errorf("%s: %v, want %s", c.name, err, c.key)
		}
	}
	if checksum(t, st) != before {
		t.Error("refused choices changed the database")
	}
}
