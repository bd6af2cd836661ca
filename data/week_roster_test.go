package data

import (
	"context"
	"testing"
)

// TestWeekRosterReadsOnlyTheWeeksPupils: the roster holds the week's
// blocks and teams and exactly the pupils in its teams, not a pupil of the
// school outside them.
func TestWeekRosterReadsOnlyTheWeeksPupils(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	w := newWeekWorld(t, st)
	gs := w.groups(t, st)
	mustT(t)(st.SaveWeekPlan(ctx, w.period.ID, sunneTeams(w, gs[0].ID), nil))
	outside := Pupil{SchoolID: w.school.ID, FirstName: "Utanför", LastName: "Teamet", ClassName: "9A", Grade: 9}
	mustT(t)(st.SavePupil(ctx, &outside))
	r, err := st.WeekRoster(ctx, w.period.ID)
	mustT(t)(err)
	teams, _ := st.ListTeams(ctx, w.period.ID)
	blocks, _ := st.ListWeekBlocks(ctx, w.period.ID, true)
	if len(r.Teams) != len(teams) || len(r.Blocks) != len(blocks) || len(r.Teams) == 0 {
		t.Fatalf("roster: %d teams, %d blocks; want %d, %d", len(r.Teams), len(r.Blocks), len(teams), len(blocks))
	}
	members := 0
	for _, tm := range r.Teams {
		for _, id := range tm.PupilIDs {
			members++
			if _, ok := r.Pupils[id]; !ok {
				t.Errorf("team %s's pupil %s is not in the roster", tm.Name, id)
			}
		}
	}
	if len(r.Pupils) != members {
		t.Errorf("%d pupils in the roster, %d in the teams", len(r.Pupils), members)
	}
	if _, ok := r.Pupils[outside.ID]; ok {
		t.Error("a pupil outside the week's teams was read")
	}
}
